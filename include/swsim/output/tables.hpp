// Result files: the tidy yearly table (one row per scenario x replicate x year x region) and the
// run manifest. Tables hold no timestamps, so reruns compare byte for byte; timings go only into the
// manifest. Every file is written to a temporary name in its folder and renamed into place, so an
// interrupted run never leaves a half-written table.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "swsim/run/run.hpp"

namespace swsim {

// The column names of yearly.csv, in order.
std::vector<std::string> yearly_columns();

// The numeric columns of yearly.csv (yearly_columns() after scenario, replicate, year, region) of
// one record, in column order; deficit_per_place is NaN when no places are left.
std::vector<double> yearly_values(const YearRecord& r);

// yearly.csv as text: a header line and the records of every run, in the order given.
std::string yearly_csv(const std::vector<RunResult>& runs);

// The key national metrics of the terminal headlines: label, value of a record, decimals shown.
struct HeadlineMetric {
    const char* label;
    double (*value)(const YearRecord&);
    int decimals;
};
const std::vector<HeadlineMetric>& headline_metrics();

// A short national table for the terminal: key metrics in the given years (those simulated),
// averaged over the runs (replicates of one scenario).
std::string national_headline(const std::vector<RunResult>& runs, const std::vector<int>& years);

struct ManifestInfo {
    std::vector<const Scenario*> scenarios;
    std::uint32_t first_replicate = 0;
    std::uint32_t replications = 0;
    int threads = 0;
    double wall_seconds = 0;
    std::string command;
};
std::string manifest_json(const ManifestInfo& info);

// Checks, before any work, that the result files can be written into folder dir: dir is a folder
// or does not exist yet, and none of the named files exists as anything but a regular file.
// Throws InputError (exit 2) naming the path otherwise.
void check_output_folder(const std::filesystem::path& dir, const std::vector<std::string>& files);

// Writes content to path through a temporary file in the same folder and a rename.
// Throws swsim::Error (an I/O failure, exit 1) when it cannot.
void write_file_atomically(const std::filesystem::path& path, const std::string& content);

std::string program_version();  // "0.1.0 (git revision)"

}  // namespace swsim
