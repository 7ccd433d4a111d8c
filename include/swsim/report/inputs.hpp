// The inputs of the advisor's report, read from a result folder written by `swsim compare` (or
// `swsim run`): yearly.csv and manifest.json (required), summary.csv, comparison.csv and
// sensitivity.csv (optional), and the region table named in the manifest (for per-inhabitant
// figures). Only the columns the report shows are kept. The folder must be a whole result: its
// files match manifest.json (output/files.hpp). Every malformed or unmatched file is reported with
// its name (and line) as ScenarioError, exit 2, before anything is written.
#pragma once

#include <array>
#include <cstdint>
#include <filesystem>
#include <limits>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

namespace swsim {

// yearly.csv columns the report reads: those the key metrics (output/columns.hpp) are made of, in
// the order they are first named. Every other column is checked as a number only.
const std::vector<std::string>& report_columns();
// The position of a column in report_columns() (and in YearlyRow::values); throws if it is not one.
std::size_t report_column(std::string_view name);

struct YearlyRow {
    int scenario = 0;  // index into ReportInputs::scenarios
    int replicate = 0;
    int year = 0;
    std::string region;  // CBS code or NL
    std::vector<double> values;  // report_columns(), NaN for NA
};

// One row of summary.csv (band across replicates) or comparison.csv (paired difference; with an
// ensemble, low..high is the Monte Carlo interval and total_low..total_high the total range).
struct Band {
    double mean = 0, low = 0, high = 0;  // NaN for NA
    double total_low = std::numeric_limits<double>::quiet_NaN(), total_high = std::numeric_limits<double>::quiet_NaN();
};
using BandKey = std::tuple<std::string, int, std::string, std::string>;  // scenario, year, region, metric

struct SensitivityRow {
    std::string method, factor, output, index;
    double value = 0, ci_low = 0, ci_high = 0;  // NaN for NA
};

struct ScenarioInfo {
    std::string name, file, hash;
    std::uint64_t seed = 0;
    std::string company_mode, start, end;
    int switch_year = 0;
    std::vector<std::string> own_modes;      // "AM06 ontwikkelbedrijf", "felua_lucrato sterfhuis": regions and companies with their own mode
    std::vector<std::string> functions_on;   // ontwikkelbedrijf functions enabled
    double scale = 1;
    std::string regions_csv;                 // as resolved in the manifest
};

struct RegionInfo {
    std::string code, name;
    double population_total = 0, population_15_64 = 0;
};

struct ReportInputs {
    std::filesystem::path dir;
    std::vector<ScenarioInfo> scenarios;  // manifest order; the first is the reference
    // manifest fields shown as they are (version, git_revision, command, ...), in file order
    std::vector<std::pair<std::string, std::string>> manifest_fields;
    std::vector<YearlyRow> yearly;
    std::vector<std::string> yearly_metrics;  // yearly.csv's columns after scenario,replicate,year,region
    std::vector<int> years;         // sorted, distinct
    std::vector<int> replicates;    // sorted, distinct
    std::map<BandKey, Band> summary;     // empty without summary.csv
    std::map<BandKey, Band> comparison;  // empty without comparison.csv
    bool independent = false;            // manifest pairing "independent": Welch intervals
    // With an ensemble (manifest "ensemble"): replicate number k ran member k / replicates_per_member + 1.
    int members = 0;                     // 0 without an ensemble
    int replicates_per_member = 0;
    // The calibration the ensemble came from: validation.csv and parameters.csv beside the ensemble
    // file, as written by swsim calibrate (header row first); empty when they are not there.
    std::string calibration_dir;
    std::vector<std::vector<std::string>> validation, parameters;
    std::vector<SensitivityRow> sensitivity;
    std::string sensitivity_file;        // empty without one
    std::vector<RegionInfo> regions;     // empty when the region table cannot be read
    std::string regions_note;            // why regions is empty, if it is
    int last_full_year = 0;              // from the reference scenario's end month
};

// Reads DIR (and sensitivity.csv from sweep_dir if given, else from DIR if present).
// Throws ScenarioError (file:line:col: error: key: message) for missing or malformed inputs.
ReportInputs load_report_inputs(const std::filesystem::path& dir,
                                const std::optional<std::filesystem::path>& sweep_dir = std::nullopt);

}  // namespace swsim
