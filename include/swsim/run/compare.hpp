// swsim compare: two or more scenarios, each run for the same replicates, all runs in parallel.
// With common random numbers (the default) replicate r of every scenario uses the same seed, so
// every person meets the same draws and the paired difference scenario - reference (the first
// scenario) measures policy, not noise. With an ensemble (run/ensemble.hpp) every scenario runs
// for each member m (1-based) and replicate r (0-based) as replicate number (m - 1) R + r: every
// scenario of one (m, r) meets the same draws, and different members get different draws. Results:
// the yearly table of every run, a summary across runs and the differences with their intervals are
// written by output/comparison.hpp.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "swsim/run/ensemble.hpp"
#include "swsim/run/inputs.hpp"
#include "swsim/run/run.hpp"
#include "swsim/run/runner.hpp"

namespace swsim {

inline constexpr double kCompareLevel = 0.90;  // two-sided level of every interval

struct CompareOptions {
    std::vector<std::string> files;  // the first is the reference
    std::optional<int> replications;
    std::optional<std::uint64_t> seed;
    std::string out;
    bool independent = false;
    std::string ensemble;        // --ensemble FILE
    std::optional<int> members;  // --members N: the first N members (default all)
    // Without --ensemble, use the reference's simulation.ensemble (compare; swsim run does not).
    bool scenario_ensemble = false;
    std::string reference;   // --reference NAME: the scenario the others are compared with (default: the first)
    std::vector<int> years;  // --years: the headline's years (default: 2020, 2030, 2040 where simulated)
    std::vector<std::string> sets;  // --set KEY=VALUE, applied to every scenario (load_inputs)
};

// A comparison loaded and checked: the scenarios in argument order with the seeds they run with.
struct Comparison {
    std::vector<Inputs> inputs;
    std::uint32_t replications = 0;  // per member, with an ensemble
    bool independent = false;
    std::filesystem::path out;
    std::optional<Ensemble> ensemble;
    std::uint32_t members = 0;  // members used (the first ones of the file); 0 without an ensemble
    // With an ensemble: each scenario with member m set, at [scenario][m - 1].
    std::vector<std::vector<Scenario>> member_scenarios;
    std::vector<int> years;  // the headline's years, each a full simulated year (empty: the default ones)

    // Runs of one scenario: members x replications (replications without an ensemble). Run k of
    // scenario s is run s * runs_per_scenario() + k and has replicate number k.
    std::size_t runs_per_scenario() const { return std::size_t(members ? members : 1) * replications; }
    std::size_t runs() const { return inputs.size() * runs_per_scenario(); }
    // The member (1-based) that runs as a replicate number; 0 without an ensemble.
    std::uint32_t member_of(std::uint32_t replicate) const { return members ? replicate / replications + 1 : 0; }
};

// Loads every file, sets replications and seeds, and checks the files together (distinct names,
// one horizon, one region list); loads the ensemble and sets each member on each scenario. Throws
// InputError listing the problems of every file.
Comparison load_comparison(const CompareOptions& opt);

// The seed of scenario `index` when runs are independent: the reference keeps `seed`, the others
// get a seed mixed from it (below 2^53, so it survives YAML and JSON).
std::uint64_t independent_seed(std::uint64_t seed, std::size_t index);

// Every run, through the runner (run/runner.hpp); results by flat index k = scenario *
// runs_per_scenario() + replicate number, so they do not depend on the thread count or the order runs
// finish in. Nothing when stopped.
std::optional<std::vector<RunResult>> run_comparison(const Comparison& cmp, const RunControl& control = {});

}  // namespace swsim
