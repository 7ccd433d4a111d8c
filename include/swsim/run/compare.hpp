// swsim compare: two or more scenarios, each run for the same replicates, all runs in parallel.
// With common random numbers (the default) replicate r of every scenario uses the same seed, so
// every person meets the same draws and the paired difference scenario - reference (the first
// scenario) measures policy, not noise. Results: the yearly table of every run, a summary across
// replicates, the differences with their 90 % interval, a manifest and a workbook (results.xlsx).
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <thread>
#include <vector>

#include "swsim/run/inputs.hpp"
#include "swsim/run/run.hpp"

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

struct RunControl {
    const std::atomic<bool>* stop = nullptr;  // once set, runs not yet started are skipped
    std::function<void()> on_done;            // after each run, called from the worker thread
    std::span<const std::size_t> order;       // order to start runs in (tests); empty: ascending
};

// Every run, in parallel; results by flat index k = scenario * replications + replicate, so they
// do not depend on the thread count or the order in which runs finish. Nothing when stopped.
std::optional<std::vector<RunResult>> run_comparison(const Comparison& cmp, const RunControl& control = {});

// summary.csv: scenario,year,region,metric,mean,p05,p95,sd,n
std::string summary_csv(const Comparison& cmp, const std::vector<RunResult>& runs);
// comparison.csv: scenario,reference,year,region,metric,mean_diff,ci_low,ci_high,n
std::string comparison_csv(const Comparison& cmp, const std::vector<RunResult>& runs);
// The national headline (2020, 2030, 2040, those simulated) as a table, and as terminal text.
std::string headline_csv(const Comparison& cmp, const std::vector<RunResult>& runs);
std::string headline_text(const Comparison& cmp, const std::vector<RunResult>& runs);
// manifest.json of swsim run plus each scenario's hash, the pairing and the interval used.
std::string comparison_manifest_json(const Comparison& cmp, int threads, double wall_seconds,
                                     const std::string& command);

// Writes yearly.csv, summary.csv, comparison.csv, manifest.json and results.xlsx into cmp.out,
// each to a temporary name and renamed into place.
void write_comparison(const Comparison& cmp, const std::vector<RunResult>& runs, int threads,
                      double wall_seconds, const std::string& command);

// While it lives, SIGINT (Ctrl-C) sets interrupted() instead of ending the process; a second
// SIGINT ends it as usual. One at a time.
class InterruptGuard {
public:
    InterruptGuard();
    ~InterruptGuard();
    InterruptGuard(const InterruptGuard&) = delete;
    InterruptGuard& operator=(const InterruptGuard&) = delete;
    const std::atomic<bool>& interrupted() const;
};

// A progress line on stderr (runs done / total, elapsed, time left), redrawn by its own thread a
// few times a second while it lives. Silent when `show` is false (stderr is not a terminal).
class ProgressBar {
public:
    ProgressBar(std::size_t total, bool show, const std::atomic<bool>* interrupted);
    ~ProgressBar();
    ProgressBar(const ProgressBar&) = delete;
    ProgressBar& operator=(const ProgressBar&) = delete;
    void advance() { done_.fetch_add(1); }

private:
    void draw() const;
    std::size_t total_;
    std::atomic<std::size_t> done_{0};
    const std::atomic<bool>* interrupted_;
    std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
    std::mutex mutex_;
    std::condition_variable_any wake_;
    std::jthread thread_;  // declared last: stopped and joined before the rest goes
};

}  // namespace swsim
