// A calibration file: the base scenario (with overrides for the calibration runs, e.g. a reduced
// scale and an end in 2019), the parameters with their prior ranges (default: the schema's sweep
// range), the targets (a yearly.csv column or a cohorts.csv metric, for a region or NL in one year,
// with the observed value, its uncertainty, the model-discrepancy share and its FACTS.md label),
// the method (history matching) with its settings, the calibrated ensemble's size and the seed.
// load_calibration() checks it as strictly as a scenario: every problem at once, file:line:col.
#pragma once

#include <cstdint>
#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "swsim/core/error.hpp"
#include "swsim/run/inputs.hpp"
#include "swsim/sweep/sweep.hpp"

namespace swsim {

// One observed figure the model is fitted to (or, with fit false, only checked against).
struct Target {
    OutputSpec output;
    double observed = 0;
    double sd = 0;           // the observation's standard deviation (given, or relative x observed)
    double discrepancy = 0;  // model discrepancy as a share of the observed value: sd_model = share x |observed|
    std::string source;      // its label and source, e.g. "[S] FACTS.md Wsw population 2015"
    bool fit = true;         // false: a figure after the calibration window, for validation only
    int line = 0, col = 0;   // where the target is written (1-based)

    std::string name() const { return output.name(); }
};

// Which of a point's implausibilities over the fitted targets decides: the largest, or (early waves,
// less aggressive while the runs are sparse) the second or third largest.
enum class ImplausibilityRank { max = 1, second_max = 2, third_max = 3 };
std::string_view rank_name(ImplausibilityRank rank);

struct HistoryMatching {
    int points = 500;        // points per wave
    int waves = 3;           // at most
    int replicates = 2;      // runs per point (var_run needs two or more)
    double cutoff = 3;       // a point is kept while its implausibility is at most this
    // Per wave (the last holds for the waves after it); the waves stop only once the last is in force.
    std::vector<ImplausibilityRank> ranks{ImplausibilityRank::max};
    ImplausibilityRank rank(int wave) const { return ranks[std::size_t(std::min<int>(wave, int(ranks.size())) - 1)]; }
    double discrepancy = 0.05;           // default model-discrepancy share of each target
    double stop_ruled_out_share = 0.05;  // stop when a wave rules out less than this share of its points
};

struct EnsembleSettings {
    int members = 100;    // parameter sets drawn from the final non-implausible set
    int replicates = 1;   // validation runs per member, with draws not used in the waves
};

struct CalibrationSpec {
    std::string file;           // absolute path of the calibration file
    std::string name;           // defaults to the file's stem
    std::string scenario_file;  // absolute path
    std::vector<Factor> parameters;
    std::vector<Target> targets;
    HistoryMatching method;
    EnsembleSettings ensemble;
    std::uint64_t seed = 0;
};

struct Calibration {
    CalibrationSpec spec;
    Inputs base;  // the base scenario with the calibration's overrides applied and checked
};

// Throws ScenarioError with every problem of the calibration file (and of the scenario it names).
Calibration load_calibration(const std::string& path);

}  // namespace swsim
