#include "swsim/run/runner.hpp"

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <mutex>
#include <optional>
#include <stop_token>
#include <string>
#include <thread>

#include <tbb/blocked_range.h>
#include <tbb/global_control.h>
#include <tbb/parallel_for.h>
#include <tbb/task_group.h>
#include <unistd.h>

#include "swsim/run/progress.hpp"

namespace swsim {

namespace {

// The signal flag. A signal handler can only reach a global; lock-free atomics are safe to set there.
std::atomic<bool> g_interrupted{false};
std::atomic<int> g_signal{0};
static_assert(std::atomic<bool>::is_always_lock_free && std::atomic<int>::is_always_lock_free);
struct sigaction g_previous_int {}, g_previous_term {};

extern "C" void on_signal(int signal) {
    g_signal.store(signal);
    g_interrupted.store(true);
}

// The meter of a run_all call and the thread that draws it: a few times a second on a terminal,
// and as often as the interval of the plain lines asks for without one. Silent with style none.
class ProgressThread {
public:
    explicit ProgressThread(ProgressMeter& meter, ProgressStyle style, double interval_seconds) : meter_(meter) {
        if (style == ProgressStyle::none) return;
        const auto period = std::chrono::duration<double>(
            style == ProgressStyle::bar ? 0.25 : std::clamp(interval_seconds, 0.001, 0.25));
        thread_ = std::jthread([this, period](std::stop_token stop) {
            std::unique_lock lock(mutex_);
            while (!stop.stop_requested()) {
                meter_.tick();
                wake_.wait_for(lock, stop, period, [] { return false; });
            }
        });
    }
    ~ProgressThread() {
        if (!thread_.joinable()) return;
        thread_.request_stop();
        thread_.join();
        meter_.finish();
    }
    ProgressThread(const ProgressThread&) = delete;
    ProgressThread& operator=(const ProgressThread&) = delete;

private:
    ProgressMeter& meter_;
    std::mutex mutex_;
    std::condition_variable_any wake_;
    std::jthread thread_;  // declared last: stopped and joined before the rest goes
};

void write_stderr(const std::string& text) {
    std::fputs(text.c_str(), stderr);
    std::fflush(stderr);
}

double steady_seconds() {
    return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

}  // namespace

bool run_all(const std::vector<RunSpec>& specs, const RunControl& control,
             const std::function<void(std::size_t, RunResult&&)>& keep) {
    const std::size_t total = specs.size();
    if (!control.order.empty() && control.order.size() != total) throw Error("run_all: bad order");
    auto stopped = [&] { return control.stop && control.stop->load(); };
    std::optional<tbb::global_control> limit;
    if (control.threads > 0)
        limit.emplace(tbb::global_control::max_allowed_parallelism, static_cast<std::size_t>(control.threads));
    std::uint64_t months = 0;
    for (const RunSpec& spec : specs) months += months_simulated(*spec.scenario);
    const ProgressStyle style = !control.progress                 ? ProgressStyle::none
                                : ::isatty(STDERR_FILENO) == 1    ? ProgressStyle::bar
                                : control.progress_interval > 0   ? ProgressStyle::lines
                                                                  : ProgressStyle::none;
    ProgressMeter meter(months, total, style, control.progress_interval, write_stderr, steady_seconds,
                        &g_interrupted);
    const ProgressThread progress(meter, style, control.progress_interval);
    tbb::task_group_context context;
    // One run per task (grain 1, simple partitioner): runs are long and differ in length.
    tbb::parallel_for(
        tbb::blocked_range<std::size_t>(0, total, 1),
        [&](const tbb::blocked_range<std::size_t>& range) {
            for (std::size_t i = range.begin(); i != range.end(); ++i) {
                if (stopped()) {
                    context.cancel_group_execution();
                    return;
                }
                const std::size_t k = control.order.empty() ? i : control.order[i];
                const RunSpec& spec = specs[k];
                keep(k, run_scenario(*spec.scenario, *spec.regions, spec.replicate, &meter.months()));
                meter.run_done();
                if (control.on_done) control.on_done();
            }
        },
        tbb::simple_partitioner(), context);
    return !stopped();
}

std::optional<std::vector<RunResult>> run_all(const std::vector<RunSpec>& specs, const RunControl& control) {
    std::vector<RunResult> results(specs.size());
    if (!run_all(specs, control, [&](std::size_t k, RunResult&& r) { results[k] = std::move(r); })) return std::nullopt;
    return results;
}

std::vector<RunResult> run_replicates(const Scenario& sc, const RegionData& regions, std::uint32_t first,
                                      std::uint32_t count) {
    std::vector<RunSpec> specs;
    for (std::uint32_t k = 0; k < count; ++k) specs.push_back({&sc, &regions, first + k});
    return *run_all(specs);
}

InterruptGuard::InterruptGuard() {
    g_interrupted.store(false);
    g_signal.store(0);
    struct sigaction action {};
    action.sa_handler = on_signal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESETHAND;  // a second signal ends the process
    sigaction(SIGINT, &action, &g_previous_int);
    sigaction(SIGTERM, &action, &g_previous_term);
}

InterruptGuard::~InterruptGuard() {
    sigaction(SIGINT, &g_previous_int, nullptr);
    sigaction(SIGTERM, &g_previous_term, nullptr);
    g_interrupted.store(false);  // nothing is guarded any more
    g_signal.store(0);
}

const std::atomic<bool>& interrupted() { return g_interrupted; }

int interrupt_signal() { return g_signal.load(); }

void throw_if_interrupted(const std::string& what_happened) {
    if (g_interrupted.load()) throw Interrupted(g_signal.load(), "interrupted: " + what_happened);
}

SignalsHeld::SignalsHeld() {
    // The handler only sets the flag, for every thread that may take the signal (TBB's workers
    // too), and stays for a second signal: blocking the signal in this thread alone would not stop
    // the kernel from delivering it to another thread with the default action.
    struct sigaction action {};
    action.sa_handler = on_signal;
    sigemptyset(&action.sa_mask);
    sigaction(SIGINT, &action, &previous_int_);
    sigaction(SIGTERM, &action, &previous_term_);
}

SignalsHeld::~SignalsHeld() {
    // A signal that came meanwhile is in the flag; the guard's one-shot handler is not restored,
    // so a further signal ends the process as the user expects after the first.
    if (g_interrupted.load()) {
        signal(SIGINT, SIG_DFL);
        signal(SIGTERM, SIG_DFL);
        return;
    }
    sigaction(SIGINT, &previous_int_, nullptr);
    sigaction(SIGTERM, &previous_term_, nullptr);
}

}  // namespace swsim
