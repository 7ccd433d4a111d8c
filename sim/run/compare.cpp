#include "swsim/run/compare.hpp"

#include <algorithm>
#include <thread>
#include <cmath>
#include <csignal>
#include <cstdio>

#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>
#include <tbb/task_group.h>

#include "swsim/core/error.hpp"
#include "swsim/output/tables.hpp"
#include "swsim/output/xlsx.hpp"
#include "swsim/run/stats.hpp"
#include "swsim/scenario/load.hpp"

namespace swsim {

namespace {

// A statistic in summary.csv, comparison.csv and the headline: 3 decimals, NA when not a number.
void put(std::string& out, double v) {
    out += ',';
    if (std::isnan(v)) {
        out += "NA";
        return;
    }
    if (v == 0) v = 0;  // no "-0"
    out += fmt::format("{:.3f}", v);
}

Interval difference(const Comparison& cmp, std::span<const double> scenario, std::span<const double> reference) {
    return cmp.independent ? welch_interval(scenario, reference, kCompareLevel)
                           : paired_interval(scenario, reference, kCompareLevel);
}

// The numeric yearly.csv values of every run: value(run, record, metric), records in the order of
// RunResult::records (year, then regions in file order, then NL), the same in every run.
class Values {
public:
    explicit Values(const std::vector<RunResult>& runs) : records_(runs.front().records.size()) {
        metrics_ = yearly_values(runs.front().records.front()).size();
        data_.reserve(runs.size() * records_ * metrics_);
        for (const auto& run : runs)
            for (const auto& r : run.records) {
                const auto v = yearly_values(r);
                data_.insert(data_.end(), v.begin(), v.end());
            }
    }
    std::size_t records() const { return records_; }
    std::size_t metrics() const { return metrics_; }
    // The values of one record and metric over the runs first, first + 1, ..., first + count - 1.
    std::vector<double> over(std::size_t first, std::size_t count, std::size_t record, std::size_t metric) const {
        std::vector<double> v(count);
        for (std::size_t i = 0; i < count; ++i) v[i] = data_[((first + i) * records_ + record) * metrics_ + metric];
        return v;
    }

private:
    std::size_t records_, metrics_;
    std::vector<double> data_;
};

std::vector<std::string> metric_names() {
    auto cols = yearly_columns();
    cols.erase(cols.begin(), cols.begin() + 4);  // scenario, replicate, year, region
    return cols;
}

// The headline years: 2020, 2030 and 2040 where simulated in full; else the last full year.
std::vector<int> headline_years(const RunResult& run) {
    std::vector<int> full;
    for (const auto& r : run.records)
        if (r.region == "NL" && r.months == 12) full.push_back(r.year);
    std::vector<int> shown;
    for (int y : {2020, 2030, 2040})
        if (std::find(full.begin(), full.end(), y) != full.end()) shown.push_back(y);
    if (shown.empty() && !full.empty()) shown.push_back(full.back());
    return shown;
}

struct HeadlineRow {
    std::size_t scenario;
    int year;
    const HeadlineMetric* metric;
    double reference_mean, scenario_mean;
    Interval diff;
};

std::vector<HeadlineRow> headline_rows(const Comparison& cmp, const std::vector<RunResult>& runs) {
    const std::size_t n = cmp.replications;
    // One headline metric of one scenario's national record of a year, per replicate.
    auto values = [&](std::size_t s, int year, const HeadlineMetric& m) {
        std::vector<double> v;
        for (std::size_t r = 0; r < n; ++r)
            for (const auto& rec : runs[s * n + r].records)
                if (rec.year == year && rec.region == "NL") v.push_back(m.value(rec));
        return v;
    };
    std::vector<HeadlineRow> rows;
    const auto years = headline_years(runs.front());
    for (std::size_t s = 1; s < cmp.inputs.size(); ++s)
        for (const auto& m : headline_metrics())
            for (int y : years) {
                const auto ref = values(0, y, m), sc = values(s, y, m);
                rows.push_back({s, y, &m, summarise(ref).mean, summarise(sc).mean, difference(cmp, sc, ref)});
            }
    return rows;
}

const std::string& name_of(const Comparison& cmp, std::size_t s) { return cmp.inputs[s].scenario.simulation.name; }

std::string pairing(const Comparison& cmp) { return cmp.independent ? "independent" : "common random numbers"; }

// FNV-1a, 64 bits: a stable fingerprint of a scenario's resolved JSON.
std::string fnv1a_64_hex(const std::string& text) {
    std::uint64_t h = 0xcbf29ce484222325ULL;
    for (unsigned char c : text) h = (h ^ c) * 0x100000001b3ULL;
    return fmt::format("{:016x}", h);
}

// The SIGINT flag. A signal handler can only reach a global; a lock-free atomic is safe to set there.
std::atomic<bool> g_interrupted{false};
static_assert(std::atomic<bool>::is_always_lock_free);
struct sigaction g_previous_action {};

extern "C" void on_sigint(int) { g_interrupted.store(true); }

std::string clock_text(double seconds) {
    const auto s = static_cast<long>(seconds + 0.5);
    return s >= 3600 ? fmt::format("{}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60)
                     : fmt::format("{}:{:02}", s / 60, s % 60);
}

}  // namespace

std::uint64_t independent_seed(std::uint64_t seed, std::size_t index) {
    if (index == 0) return seed;
    // splitmix64 of seed + index, cut to 53 bits.
    std::uint64_t z = seed + 0x9e3779b97f4a7c15ULL * index;
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return (z ^ (z >> 31)) >> 11;
}

Comparison load_comparison(const CompareOptions& opt) {
    Comparison cmp;
    cmp.independent = opt.independent;
    std::vector<std::string> problems;
    auto throw_problems = [&] {
        std::string all;
        for (const auto& p : problems) all += (all.empty() ? "" : "\n") + p;
        if (!all.empty()) throw InputError(all);
    };
    for (const auto& file : opt.files) {
        try {
            cmp.inputs.push_back(load_inputs(file));
        } catch (const InputError& e) {
            problems.emplace_back(e.what());
        }
    }
    throw_problems();
    const Scenario& ref = cmp.inputs.front().scenario;
    const std::uint64_t seed = opt.seed.value_or(ref.simulation.seed);
    cmp.replications = static_cast<std::uint32_t>(opt.replications.value_or(ref.simulation.replications));
    auto codes = [](const RegionData& rd) {
        std::vector<std::string> c;
        for (const auto& r : rd.regions) c.push_back(r.cbs_code);
        return c;
    };
    for (std::size_t s = 0; s < cmp.inputs.size(); ++s) {
        auto& sc = cmp.inputs[s].scenario;
        sc.simulation.seed = cmp.independent ? independent_seed(seed, s) : seed;
        sc.simulation.replications = static_cast<int>(cmp.replications);
        auto problem = [&](const std::string& key, const std::string& message) {
            problems.push_back(format_diagnostic({sc.source_file, 0, 0, key, message}));
        };
        for (std::size_t t = 0; t < s; ++t)
            if (name_of(cmp, t) == sc.simulation.name)
                problem("simulation.name", "'" + sc.simulation.name + "' is also the name of " +
                                               cmp.inputs[t].scenario.source_file + "; names must differ");
        if (s == 0) continue;
        if (sc.simulation.start != ref.simulation.start || sc.simulation.end != ref.simulation.end)
            problem("simulation", "the horizon " + to_string(sc.simulation.start) + " .. " +
                                      to_string(sc.simulation.end) + " differs from the reference's (" +
                                      to_string(ref.simulation.start) + " .. " + to_string(ref.simulation.end) + ")");
        if (codes(cmp.inputs[s].regions) != codes(cmp.inputs.front().regions))
            problem("regions", "the regions differ from the reference's (" + ref.regions.regions_csv + ")");
    }
    // Every run's results stay in memory until the tables are written, and each run under way holds
    // its persons: refuse now, not hours later. Runs under way: at most one per core.
    if (const auto d = result_memory_problem(cmp.inputs, cmp.replications, opt.replications.has_value(),
                                             result_memory_budget(), std::thread::hardware_concurrency()))
        problems.push_back(format_diagnostic(*d));
    throw_problems();
    std::string name = "compare";
    for (std::size_t s = 0; s < cmp.inputs.size(); ++s) name += (s ? "-vs-" : "-") + name_of(cmp, s);
    cmp.out = opt.out.empty() ? std::filesystem::path("output") / name : std::filesystem::path(opt.out);
    return cmp;
}

std::optional<std::vector<RunResult>> run_comparison(const Comparison& cmp, const RunControl& control) {
    const std::size_t total = cmp.runs();
    if (!control.order.empty() && control.order.size() != total) throw Error("run_comparison: bad order");
    auto stopped = [&] { return control.stop && control.stop->load(); };
    std::vector<RunResult> results(total);
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
                const Inputs& in = cmp.inputs[k / cmp.replications];
                results[k] = run_scenario(in.scenario, in.regions, static_cast<std::uint32_t>(k % cmp.replications));
                if (control.on_done) control.on_done();
            }
        },
        tbb::simple_partitioner(), context);
    if (stopped()) return std::nullopt;
    return results;
}

std::string summary_csv(const Comparison& cmp, const std::vector<RunResult>& runs) {
    const Values values(runs);
    const auto names = metric_names();
    const std::size_t n = cmp.replications;
    std::string out = "scenario,year,region,metric,mean,p05,p95,sd,n\n";
    for (std::size_t s = 0; s < cmp.inputs.size(); ++s)
        for (std::size_t k = 0; k < values.records(); ++k) {
            const YearRecord& rec = runs[s * n].records[k];
            for (std::size_t m = 0; m < values.metrics(); ++m) {
                const Summary sum = summarise(values.over(s * n, n, k, m));
                out += fmt::format("{},{},{},{}", name_of(cmp, s), rec.year, rec.region, names[m]);
                for (double v : {sum.mean, sum.p05, sum.p95, sum.sd}) put(out, v);
                out += fmt::format(",{}\n", sum.n);
            }
        }
    return out;
}

std::string comparison_csv(const Comparison& cmp, const std::vector<RunResult>& runs) {
    const Values values(runs);
    const auto names = metric_names();
    const std::size_t n = cmp.replications;
    std::string out = "scenario,reference,year,region,metric,mean_diff,ci_low,ci_high,n\n";
    for (std::size_t s = 1; s < cmp.inputs.size(); ++s)
        for (std::size_t k = 0; k < values.records(); ++k) {
            const YearRecord& rec = runs[s * n].records[k];
            for (std::size_t m = 0; m < values.metrics(); ++m) {
                const Interval d = difference(cmp, values.over(s * n, n, k, m), values.over(0, n, k, m));
                out += fmt::format("{},{},{},{},{}", name_of(cmp, s), name_of(cmp, 0), rec.year, rec.region, names[m]);
                for (double v : {d.mean, d.low, d.high}) put(out, v);
                out += fmt::format(",{}\n", d.n);
            }
        }
    return out;
}

std::string headline_csv(const Comparison& cmp, const std::vector<RunResult>& runs) {
    std::string out = "scenario,reference,year,metric,reference_mean,scenario_mean,mean_diff,ci_low,ci_high,n\n";
    for (const auto& row : headline_rows(cmp, runs)) {
        // Labels may hold commas: quoted.
        out += fmt::format("{},{},{},\"{}\"", name_of(cmp, row.scenario), name_of(cmp, 0), row.year, row.metric->label);
        for (double v : {row.reference_mean, row.scenario_mean, row.diff.mean, row.diff.low, row.diff.high}) put(out, v);
        out += fmt::format(",{}\n", row.diff.n);
    }
    return out;
}

std::string headline_text(const Comparison& cmp, const std::vector<RunResult>& runs) {
    const auto rows = headline_rows(cmp, runs);
    std::string out;
    auto num = [](double v, int decimals, bool sign) {
        if (std::isnan(v)) return std::string("NA");
        if (v == 0) v = 0;
        return sign ? fmt::format("{:+.{}f}", v, decimals) : fmt::format("{:.{}f}", v, decimals);
    };
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const auto& row = rows[i];
        const std::string& ref = name_of(cmp, 0);
        const std::string& sc = name_of(cmp, row.scenario);
        const std::size_t wr = std::max<std::size_t>(12, ref.size()), ws = std::max<std::size_t>(12, sc.size());
        if (i == 0 || rows[i - 1].scenario != row.scenario)
            out += fmt::format("{}{} vs {} (NL; mean of {} replicates; difference with {:.0f} % interval, {})\n"
                               "{:<36}{:>6}  {:>{}}  {:>{}}  {:>12}  {:>26}\n",
                               i ? "\n" : "", sc, ref, cmp.replications, kCompareLevel * 100,
                               cmp.independent ? "independent runs" : "paired: common random numbers", "", "year",
                               ref, wr, sc, ws, "difference", "90 % interval");
        const int dec = row.metric->decimals;
        out += fmt::format("{:<36}{:>6}  {:>{}}  {:>{}}  {:>12}  {:>26}\n", row.metric->label, row.year,
                           num(row.reference_mean, dec, false), wr, num(row.scenario_mean, dec, false), ws,
                           num(row.diff.mean, dec, true),
                           fmt::format("[{}, {}]", num(row.diff.low, dec, true), num(row.diff.high, dec, true)));
    }
    return out;
}

std::string comparison_manifest_json(const Comparison& cmp, int threads, double wall_seconds,
                                     const std::string& command) {
    ManifestInfo info{{}, 0, cmp.replications, threads, wall_seconds, command};
    for (const auto& in : cmp.inputs) info.scenarios.push_back(&in.scenario);
    auto j = nlohmann::ordered_json::parse(manifest_json(info));
    for (std::size_t s = 0; s < cmp.inputs.size(); ++s)
        j["scenarios"][s]["hash"] = fnv1a_64_hex(resolved_scenario_json(cmp.inputs[s].scenario));
    j["reference"] = name_of(cmp, 0);
    j["pairing"] = pairing(cmp);
    j["interval"] = fmt::format("{:.0f} %, {}", kCompareLevel * 100,
                                cmp.independent ? "Welch t on the difference of means"
                                                : "paired t on the per-replicate differences");
    return j.dump(2) + '\n';
}

void write_comparison(const Comparison& cmp, const std::vector<RunResult>& runs, int threads,
                      double wall_seconds, const std::string& command) {
    const std::string yearly = yearly_csv(runs), summary = summary_csv(cmp, runs),
                      comparison = comparison_csv(cmp, runs), headline = headline_csv(cmp, runs);
    write_file_atomically(cmp.out / "yearly.csv", yearly);
    write_file_atomically(cmp.out / "summary.csv", summary);
    write_file_atomically(cmp.out / "comparison.csv", comparison);
    write_workbook(cmp.out / "results.xlsx",
                   {{"yearly", yearly}, {"summary", summary}, {"comparison", comparison}, {"headline", headline}});
    // Last: a manifest means the folder is complete.
    write_file_atomically(cmp.out / "manifest.json", comparison_manifest_json(cmp, threads, wall_seconds, command));
}

InterruptGuard::InterruptGuard() {
    g_interrupted.store(false);
    struct sigaction action {};
    action.sa_handler = on_sigint;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESETHAND;  // a second Ctrl-C ends the process
    sigaction(SIGINT, &action, &g_previous_action);
}

InterruptGuard::~InterruptGuard() { sigaction(SIGINT, &g_previous_action, nullptr); }

const std::atomic<bool>& InterruptGuard::interrupted() const { return g_interrupted; }

ProgressBar::ProgressBar(std::size_t total, bool show, const std::atomic<bool>* interrupted)
    : total_(total), interrupted_(interrupted) {
    if (!show) return;
    thread_ = std::jthread([this](std::stop_token stop) {
        std::unique_lock lock(mutex_);
        while (!stop.stop_requested()) {
            draw();
            wake_.wait_for(lock, stop, std::chrono::milliseconds(250), [] { return false; });
        }
    });
}

ProgressBar::~ProgressBar() {
    if (!thread_.joinable()) return;
    thread_.request_stop();
    thread_.join();
    draw();
    std::fputs("\n", stderr);
}

void ProgressBar::draw() const {
    constexpr std::size_t kWidth = 30;
    const std::size_t done = done_.load();
    const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
    const std::size_t filled = total_ ? kWidth * done / total_ : kWidth;
    std::string line = fmt::format("\r\033[K[{}{}] {}/{} runs, {} elapsed", std::string(filled, '#'),
                                   std::string(kWidth - filled, '.'), done, total_, clock_text(elapsed));
    if (interrupted_ && interrupted_->load())
        line += ", interrupted: finishing the runs under way";
    else if (done > 0 && done < total_)
        line += ", ~" + clock_text(elapsed / double(done) * double(total_ - done)) + " left";
    std::fputs(line.c_str(), stderr);
    std::fflush(stderr);
}

}  // namespace swsim
