#include "swsim/run/runner.hpp"

#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <mutex>
#include <optional>
#include <stop_token>
#include <string>
#include <thread>

#include <fmt/format.h>
#include <tbb/blocked_range.h>
#include <tbb/global_control.h>
#include <tbb/parallel_for.h>
#include <tbb/task_group.h>
#include <unistd.h>

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

std::string clock_text(double seconds) {
    const auto s = static_cast<long>(seconds + 0.5);
    return s >= 3600 ? fmt::format("{}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60)
                     : fmt::format("{}:{:02}", s / 60, s % 60);
}

// A progress line on stderr (runs done / total, elapsed, time left), redrawn by its own thread a few
// times a second while it lives. Silent when `show` is false.
class ProgressBar {
public:
    ProgressBar(std::size_t total, bool show) : total_(total) {
        if (!show) return;
        thread_ = std::jthread([this](std::stop_token stop) {
            std::unique_lock lock(mutex_);
            while (!stop.stop_requested()) {
                draw();
                wake_.wait_for(lock, stop, std::chrono::milliseconds(250), [] { return false; });
            }
        });
    }
    ~ProgressBar() {
        if (!thread_.joinable()) return;
        thread_.request_stop();
        thread_.join();
        draw();
        std::fputs("\n", stderr);
    }
    ProgressBar(const ProgressBar&) = delete;
    ProgressBar& operator=(const ProgressBar&) = delete;
    void advance() { done_.fetch_add(1); }

private:
    void draw() const {
        constexpr std::size_t kWidth = 30;
        const std::size_t done = done_.load();
        const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
        const std::size_t filled = total_ ? kWidth * done / total_ : kWidth;
        std::string line = fmt::format("\r\033[K[{}{}] {}/{} runs, {} elapsed", std::string(filled, '#'),
                                       std::string(kWidth - filled, '.'), done, total_, clock_text(elapsed));
        if (g_interrupted.load())
            line += ", interrupted: finishing the runs under way";
        else if (done > 0 && done < total_)
            line += ", ~" + clock_text(elapsed / double(done) * double(total_ - done)) + " left";
        std::fputs(line.c_str(), stderr);
        std::fflush(stderr);
    }
    std::size_t total_;
    std::atomic<std::size_t> done_{0};
    std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
    std::mutex mutex_;
    std::condition_variable_any wake_;
    std::jthread thread_;  // declared last: stopped and joined before the rest goes
};

}  // namespace

bool run_all(const std::vector<RunSpec>& specs, const RunControl& control,
             const std::function<void(std::size_t, RunResult&&)>& keep) {
    const std::size_t total = specs.size();
    if (!control.order.empty() && control.order.size() != total) throw Error("run_all: bad order");
    auto stopped = [&] { return control.stop && control.stop->load(); };
    std::optional<tbb::global_control> limit;
    if (control.threads > 0)
        limit.emplace(tbb::global_control::max_allowed_parallelism, static_cast<std::size_t>(control.threads));
    ProgressBar progress(total, control.progress && ::isatty(STDERR_FILENO) == 1);
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
                keep(k, run_scenario(*spec.scenario, *spec.regions, spec.replicate));
                progress.advance();
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
