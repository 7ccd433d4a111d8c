// The one runner behind run, compare and sweep: a list of run specifications (scenario, region
// data, replicate) in, one result per specification out, by index, so results do not depend on the
// thread count or on the order in which runs finish. Progress, interruption (Ctrl-C, SIGTERM) and
// the thread limit are handled here and nowhere else; callers only say what to keep of each run.
#pragma once

#include <signal.h>

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <vector>

#include "swsim/core/error.hpp"
#include "swsim/run/progress.hpp"
#include "swsim/run/run.hpp"

namespace swsim {

// One run: a replicate of a scenario on its region data (both outlive the runner call).
struct RunSpec {
    const Scenario* scenario = nullptr;
    const RegionData* regions = nullptr;
    std::uint32_t replicate = 0;
};

struct RunControl {
    const std::atomic<bool>* stop = nullptr;  // once set, runs not yet started are skipped
    std::function<void()> on_done;            // after each run, called from the worker thread
    std::span<const std::size_t> order;       // order to start runs in (tests); empty: ascending
    int threads = 0;                          // at most this many threads; 0: as the caller set
    // Progress on stderr in simulated months (run/progress.hpp): redrawn in place on a terminal,
    // else a plain line every progress_interval seconds (none when 0).
    bool progress = false;
    double progress_interval = kDefaultProgressIntervalSeconds;
};

// Runs every spec in parallel (one run per task) and hands run k's result to keep(k, result) on the
// worker thread that made it (keep must only write slot k of what it fills). False when stopped:
// then some runs were skipped and what keep received is incomplete.
bool run_all(const std::vector<RunSpec>& specs, const RunControl& control,
             const std::function<void(std::size_t, RunResult&&)>& keep);

// Every run's whole result, by index; nothing when stopped.
std::optional<std::vector<RunResult>> run_all(const std::vector<RunSpec>& specs, const RunControl& control = {});

// Replicates first .. first + count - 1 of one scenario, in parallel; results in replicate order.
std::vector<RunResult> run_replicates(const Scenario& sc, const RegionData& regions, std::uint32_t first,
                                      std::uint32_t count);

// ---- interruption

// A command stopped by SIGINT (Ctrl-C) or SIGTERM (what Slurm sends at the time limit). main()
// prints what() as one line and exits with 128 + signal (130, 143).
class Interrupted : public Error {
public:
    Interrupted(int signal, const std::string& message) : Error(message), signal_(signal) {}
    int signal() const { return signal_; }
    int exit_code() const { return 128 + signal_; }

private:
    int signal_;
};

// While it lives, SIGINT and SIGTERM set interrupted() instead of ending the process; a second one
// ends it as usual. One at a time; main() holds one for the whole command.
class InterruptGuard {
public:
    InterruptGuard();
    ~InterruptGuard();
    InterruptGuard(const InterruptGuard&) = delete;
    InterruptGuard& operator=(const InterruptGuard&) = delete;
};

// Set once a guarded signal came (also without a guard: then never).
const std::atomic<bool>& interrupted();
int interrupt_signal();  // 0, SIGINT or SIGTERM
// Throws Interrupted ("interrupted: " + what_happened) when a signal came.
void throw_if_interrupted(const std::string& what_happened);

// While it lives, SIGINT and SIGTERM only set interrupted(), even a second one: for the few renames
// that replace a result folder, which must happen whole or not at all.
class SignalsHeld {
public:
    SignalsHeld();
    ~SignalsHeld();
    SignalsHeld(const SignalsHeld&) = delete;
    SignalsHeld& operator=(const SignalsHeld&) = delete;

private:
    struct sigaction previous_int_ {}, previous_term_ {};
};

}  // namespace swsim
