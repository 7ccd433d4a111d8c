// Progress of many runs, counted in simulated months over all of them (two long runs on two threads
// move from the first month, not only when each ends). On a terminal one line is redrawn in place;
// without one (a Slurm log, a file) a plain line is printed every few seconds, and a last one at the
// end when any was printed. Runs add to an atomic counter from any thread; nothing here reaches the
// results. The clock and the output are passed in, so that tests can drive it step by step.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>

namespace swsim {

inline constexpr double kDefaultProgressIntervalSeconds = 10;

enum class ProgressStyle {
    none,
    bar,    // a terminal: one line redrawn in place
    lines,  // no terminal: a plain line every interval
};

struct ProgressSnapshot {
    double elapsed_seconds = 0;
    std::uint64_t months_done = 0, months_total = 0;
    std::size_t runs_done = 0, runs_total = 0;
    bool interrupted = false;
};

// "1:05", or "1:02:03" from an hour on.
std::string clock_text(double seconds);

// The plain line, e.g.
//   progress: 0:05 elapsed, 18/72 months (25.0 %), 0/2 runs done, ~0:15 left
// (the percentage rounded down, so 100.0 % means done; no estimate before the first month or after
// the last; ", interrupted: finishing the runs under way" once a signal came).
std::string progress_line(const ProgressSnapshot& s);
// The terminal line, without the control characters that redraw it:
//   [#######.......................] 18/72 months (25.0 %), 0/2 runs, 0:05 elapsed, ~0:15 left
std::string progress_bar(const ProgressSnapshot& s);

class ProgressMeter {
public:
    // `write` receives what to print (with "\r\033[K" before a bar, "\n" after a plain line);
    // `clock` gives the seconds since any fixed moment; `stop`, when set, marks the lines interrupted.
    ProgressMeter(std::uint64_t months_total, std::size_t runs_total, ProgressStyle style, double interval_seconds,
                  std::function<void(const std::string&)> write, std::function<double()> clock,
                  const std::atomic<bool>* stop = nullptr);

    // The counter a run adds each simulated month to (run_scenario), from any thread.
    std::atomic<std::uint64_t>& months() { return months_; }
    void run_done() { runs_.fetch_add(1, std::memory_order_relaxed); }

    // Writes what is due now: the bar every time, a plain line when an interval has passed since the
    // start or the last line. Called from one thread at a time.
    void tick();
    // The last state: the bar with a newline, or a last plain line if any was printed.
    void finish();

    ProgressSnapshot snapshot() const;

private:
    std::uint64_t months_total_;
    std::size_t runs_total_;
    ProgressStyle style_;
    double interval_;
    std::function<void(const std::string&)> write_;
    std::function<double()> clock_;
    const std::atomic<bool>* stop_;
    double start_ = 0, last_line_ = 0;
    bool printed_ = false;
    std::atomic<std::uint64_t> months_{0};
    std::atomic<std::size_t> runs_{0};
};

}  // namespace swsim
