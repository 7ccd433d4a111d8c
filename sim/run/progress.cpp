#include "swsim/run/progress.hpp"

#include <algorithm>
#include <utility>

#include <fmt/format.h>

namespace swsim {

std::string clock_text(double seconds) {
    const auto s = static_cast<long>(std::max(0.0, seconds) + 0.5);
    return s >= 3600 ? fmt::format("{}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60)
                     : fmt::format("{}:{:02}", s / 60, s % 60);
}

namespace {

// Done per mille, rounded down (and at most 1000), so that 100.0 % is shown only when done.
std::uint64_t per_mille(const ProgressSnapshot& s) {
    if (s.months_total == 0) return 1000;
    return std::min<std::uint64_t>(1000, s.months_done * 1000 / s.months_total);
}

std::string months_text(const ProgressSnapshot& s) {
    const std::uint64_t p = per_mille(s);
    return fmt::format("{}/{} months ({}.{} %)", s.months_done, s.months_total, p / 10, p % 10);
}

// ", ~M:SS left", ", interrupted: ..." or nothing.
std::string outlook(const ProgressSnapshot& s) {
    if (s.interrupted) return ", interrupted: finishing the runs under way";
    if (s.months_done == 0 || s.months_done >= s.months_total) return {};
    const double left = s.elapsed_seconds / double(s.months_done) * double(s.months_total - s.months_done);
    return ", ~" + clock_text(left) + " left";
}

}  // namespace

std::string progress_line(const ProgressSnapshot& s) {
    return fmt::format("progress: {} elapsed, {}, {}/{} runs done{}", clock_text(s.elapsed_seconds), months_text(s),
                       s.runs_done, s.runs_total, outlook(s));
}

std::string progress_bar(const ProgressSnapshot& s) {
    constexpr std::uint64_t kWidth = 30;
    const std::size_t filled = std::size_t(kWidth * per_mille(s) / 1000);
    return fmt::format("[{}{}] {}, {}/{} runs, {} elapsed{}", std::string(filled, '#'),
                       std::string(std::size_t(kWidth) - filled, '.'), months_text(s), s.runs_done, s.runs_total,
                       clock_text(s.elapsed_seconds), outlook(s));
}

ProgressMeter::ProgressMeter(std::uint64_t months_total, std::size_t runs_total, ProgressStyle style,
                             double interval_seconds, std::function<void(const std::string&)> write,
                             std::function<double()> clock, const std::atomic<bool>* stop)
    : months_total_(months_total), runs_total_(runs_total), style_(style), interval_(interval_seconds),
      write_(std::move(write)), clock_(std::move(clock)), stop_(stop) {
    if (style_ == ProgressStyle::lines && !(interval_ > 0)) style_ = ProgressStyle::none;
    start_ = last_line_ = clock_();
}

ProgressSnapshot ProgressMeter::snapshot() const {
    return {clock_() - start_, months_.load(std::memory_order_relaxed), months_total_,
            runs_.load(std::memory_order_relaxed), runs_total_, stop_ && stop_->load()};
}

void ProgressMeter::tick() {
    if (style_ == ProgressStyle::bar) {
        write_("\r\033[K" + progress_bar(snapshot()));
    } else if (style_ == ProgressStyle::lines) {
        const double now = clock_();
        if (now - last_line_ < interval_) return;
        last_line_ = now;
        printed_ = true;
        write_(progress_line(snapshot()) + "\n");
    }
}

void ProgressMeter::finish() {
    if (style_ == ProgressStyle::bar) write_("\r\033[K" + progress_bar(snapshot()) + "\n");
    else if (style_ == ProgressStyle::lines && printed_) write_(progress_line(snapshot()) + "\n");
}

}  // namespace swsim
