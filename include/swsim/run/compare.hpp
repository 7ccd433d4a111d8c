// swsim compare: two or more scenarios, each run for the same replicates, all runs in parallel.
// With common random numbers (the default) replicate r of every scenario uses the same seed, so
// every person meets the same draws and the paired difference scenario - reference (the first
// scenario) measures policy, not noise. Results: the yearly table of every run, a summary across
// replicates and the differences with their 90 % interval are written by output/comparison.hpp.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

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
};

// A comparison loaded and checked: the scenarios in argument order with the seeds they run with.
struct Comparison {
    std::vector<Inputs> inputs;
    std::uint32_t replications = 0;
    bool independent = false;
    std::filesystem::path out;

    std::size_t runs() const { return inputs.size() * replications; }
};

// Loads every file, sets replications and seeds, and checks the files together (distinct names,
// one horizon, one region list). Throws InputError listing the problems of every file.
Comparison load_comparison(const CompareOptions& opt);

// The seed of scenario `index` when runs are independent: the reference keeps `seed`, the others
// get a seed mixed from it (below 2^53, so it survives YAML and JSON).
std::uint64_t independent_seed(std::uint64_t seed, std::size_t index);

// Every run, through the runner (run/runner.hpp); results by flat index k = scenario * replications +
// replicate, so they do not depend on the thread count or the order runs finish in. Nothing when stopped.
std::optional<std::vector<RunResult>> run_comparison(const Comparison& cmp, const RunControl& control = {});

}  // namespace swsim
