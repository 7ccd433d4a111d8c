#include "swsim/output/comparison.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "swsim/output/tables.hpp"
#include "swsim/output/units.hpp"
#include "swsim/output/xlsx.hpp"
#include "swsim/run/stats.hpp"
#include "swsim/scenario/load.hpp"

namespace swsim {

namespace {

// A statistic in summary.csv, comparison.csv and the headline: 3 decimals (the one CSV number format).
constexpr int kStatisticDecimals = 3;

// A difference scenario - reference over the runs of one record and metric: paired (or Welch) without
// an ensemble; with one, the mean of the per-run differences with its Monte Carlo interval (low,
// high) and the total range.
struct Difference {
    Interval mc;
    double total_low, total_high;
};
Difference difference(const Comparison& cmp, std::span<const double> scenario, std::span<const double> reference) {
    constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
    if (!cmp.members)
        return {cmp.independent ? welch_interval(scenario, reference, kCompareLevel)
                                : paired_interval(scenario, reference, kCompareLevel),
                kNaN, kNaN};
    std::vector<double> d(scenario.size());
    for (std::size_t i = 0; i < d.size(); ++i) d[i] = scenario[i] - reference[i];
    const EnsembleInterval e = ensemble_interval(d, cmp.members, kCompareLevel);
    return {{e.mean, e.mc_low, e.mc_high, e.n}, e.total_low, e.total_high};
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
    std::vector<std::string> names;
    for (const Column& c : output_columns()) names.emplace_back(c.name);
    return names;
}

// The headline years: those asked for (compare --years, checked when loaded), else 2020, 2030 and
// 2040 where simulated in full, else the last full year.
std::vector<int> headline_years(const Comparison& cmp, const RunResult& run) {
    if (!cmp.years.empty()) return cmp.years;
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
    const KeyMetric* metric;
    double reference_mean, scenario_mean;
    Difference diff;
};

std::vector<HeadlineRow> headline_rows(const Comparison& cmp, const std::vector<RunResult>& runs) {
    const std::size_t n = cmp.runs_per_scenario();
    // One headline metric of one scenario's national record of a year, per replicate.
    auto values = [&](std::size_t s, int year, const KeyMetric& m) {
        std::vector<double> v;
        for (std::size_t r = 0; r < n; ++r)
            for (const auto& rec : runs[s * n + r].records)
                if (rec.year == year && rec.region == "NL") v.push_back(key_metric_value(m, rec));
        return v;
    };
    std::vector<HeadlineRow> rows;
    const auto years = headline_years(cmp, runs.front());
    for (std::size_t s = 1; s < cmp.inputs.size(); ++s)
        for (const auto& m : key_metrics())
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

// The yearly sheet of results.xlsx with an ensemble: each scenario's mean over its runs per year and
// region (every run's rows, members x replicates of them, would make the workbook huge; they are in
// yearly.csv).
std::string yearly_means_csv(const Comparison& cmp, const std::vector<RunResult>& runs) {
    const Values values(runs);
    const std::size_t n = cmp.runs_per_scenario();
    std::string out = "scenario,year,region";
    for (const std::string& name : metric_names()) out += "," + name;
    out += '\n';
    for (std::size_t s = 0; s < cmp.inputs.size(); ++s)
        for (std::size_t k = 0; k < values.records(); ++k) {
            const YearRecord& rec = runs[s * n].records[k];
            out += fmt::format("{},{},{}", name_of(cmp, s), rec.year, rec.region);
            for (std::size_t m = 0; m < values.metrics(); ++m)
                append_csv_number(out, summarise(values.over(s * n, n, k, m)).mean, kStatisticDecimals);
            out += '\n';
        }
    return out;
}

}  // namespace

std::string summary_csv(const Comparison& cmp, const std::vector<RunResult>& runs) {
    const Values values(runs);
    const auto names = metric_names();
    const std::size_t n = cmp.runs_per_scenario();
    std::string out = "scenario,year,region,metric";
    for (const std::string& stat : summary_statistics()) out += "," + stat;
    out += cmp.members ? ",mc_low,mc_high\n" : "\n";
    for (std::size_t s = 0; s < cmp.inputs.size(); ++s)
        for (std::size_t k = 0; k < values.records(); ++k) {
            const YearRecord& rec = runs[s * n].records[k];
            for (std::size_t m = 0; m < values.metrics(); ++m) {
                const auto v = values.over(s * n, n, k, m);
                const Summary sum = summarise(v);
                out += fmt::format("{},{},{},{}", name_of(cmp, s), rec.year, rec.region, names[m]);
                for (double x : {sum.mean, sum.p05, sum.p95, sum.sd}) append_csv_number(out, x, kStatisticDecimals);
                out += fmt::format(",{}", sum.n);
                if (cmp.members) {
                    const EnsembleInterval e = ensemble_interval(v, cmp.members, kCompareLevel);
                    for (double x : {e.mc_low, e.mc_high}) append_csv_number(out, x, kStatisticDecimals);
                }
                out += '\n';
            }
        }
    return out;
}

std::string comparison_csv(const Comparison& cmp, const std::vector<RunResult>& runs) {
    const Values values(runs);
    const auto names = metric_names();
    const std::size_t n = cmp.runs_per_scenario();
    std::string out = cmp.members ? "scenario,reference,year,region,metric,mean_diff,ci_low,ci_high,total_low,total_high,n\n"
                                  : "scenario,reference,year,region,metric,mean_diff,ci_low,ci_high,n\n";
    for (std::size_t s = 1; s < cmp.inputs.size(); ++s)
        for (std::size_t k = 0; k < values.records(); ++k) {
            const YearRecord& rec = runs[s * n].records[k];
            for (std::size_t m = 0; m < values.metrics(); ++m) {
                const Difference d = difference(cmp, values.over(s * n, n, k, m), values.over(0, n, k, m));
                out += fmt::format("{},{},{},{},{}", name_of(cmp, s), name_of(cmp, 0), rec.year, rec.region, names[m]);
                for (double v : {d.mc.mean, d.mc.low, d.mc.high}) append_csv_number(out, v, kStatisticDecimals);
                if (cmp.members)
                    for (double v : {d.total_low, d.total_high}) append_csv_number(out, v, kStatisticDecimals);
                out += fmt::format(",{}\n", d.mc.n);
            }
        }
    return out;
}

std::string headline_csv(const Comparison& cmp, const std::vector<RunResult>& runs) {
    std::string out = "scenario,reference,year,metric,reference_mean,scenario_mean,mean_diff,ci_low,ci_high";
    out += cmp.members ? ",total_low,total_high,n\n" : ",n\n";
    for (const auto& row : headline_rows(cmp, runs)) {
        // Labels may hold commas: quoted.
        out += fmt::format("{},{},{},\"{}\"", name_of(cmp, row.scenario), name_of(cmp, 0), row.year, row.metric->label);
        for (double v : {row.reference_mean, row.scenario_mean, row.diff.mc.mean, row.diff.mc.low, row.diff.mc.high})
            append_csv_number(out, v, kStatisticDecimals);
        if (cmp.members)
            for (double v : {row.diff.total_low, row.diff.total_high}) append_csv_number(out, v, kStatisticDecimals);
        out += fmt::format(",{}\n", row.diff.mc.n);
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
    auto range = [&](double low, double high, int decimals) {
        if (std::isnan(low) || std::isnan(high)) return std::string("NA");
        return fmt::format("[{}, {}]", num(low, decimals, true), num(high, decimals, true));
    };
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const auto& row = rows[i];
        const std::string& ref = name_of(cmp, 0);
        const std::string& sc = name_of(cmp, row.scenario);
        const std::size_t wr = std::max<std::size_t>(12, ref.size()), ws = std::max<std::size_t>(12, sc.size());
        const bool first = i == 0 || rows[i - 1].scenario != row.scenario;
        const int dec = row.metric->decimals;
        if (!cmp.members) {
            if (first)
                out += fmt::format("{}{} vs {} (NL; mean of {} replicates; difference with {:.0f} % interval, {})\n"
                                   "{:<36}{:>6}  {:>{}}  {:>{}}  {:>12}  {:>26}\n",
                                   i ? "\n" : "", sc, ref, cmp.replications, kCompareLevel * 100,
                                   cmp.independent ? "independent runs" : "paired: common random numbers", "", "year",
                                   ref, wr, sc, ws, "difference", "90 % interval");
            out += fmt::format("{:<36}{:>6}  {:>{}}  {:>{}}  {:>12}  {:>26}\n", row.metric->label, row.year,
                               num(row.reference_mean, dec, false), wr, num(row.scenario_mean, dec, false), ws,
                               num(row.diff.mc.mean, dec, true),
                               fmt::format("[{}, {}]", num(row.diff.mc.low, dec, true), num(row.diff.mc.high, dec, true)));
            continue;
        }
        if (first)
            out += fmt::format(
                "{}{} vs {} (NL; mean of {} members x {} replicates, paired: common random numbers)\n"
                "Monte Carlo 90 %: how much the difference moves from chance alone in the simulation{}.\n"
                "total 5-95 %: the range over every member (parameter set) and chance: how sure we really are.\n"
                "{:<36}{:>6}  {:>{}}  {:>{}}  {:>12}  {:>26}  {:>26}\n",
                i ? "\n" : "", sc, ref, cmp.members, cmp.replications,
                cmp.replications < 2 ? " (NA: the Monte Carlo interval needs 2 or more replicates per member)" : "", "",
                "year", ref, wr, sc, ws, "difference", "Monte Carlo 90 %", "total 5-95 %");
        out += fmt::format("{:<36}{:>6}  {:>{}}  {:>{}}  {:>12}  {:>26}  {:>26}\n", row.metric->label, row.year,
                           num(row.reference_mean, dec, false), wr, num(row.scenario_mean, dec, false), ws,
                           num(row.diff.mc.mean, dec, true), range(row.diff.mc.low, row.diff.mc.high, dec),
                           range(row.diff.total_low, row.diff.total_high, dec));
    }
    return out;
}

namespace {

std::string ensemble_path(const Ensemble& e) { return std::filesystem::absolute(e.file).lexically_normal().string(); }

// manifest_json() of the comparison's scenarios, each with its hash and the files it read.
nlohmann::ordered_json scenarios_manifest(const Comparison& cmp, int threads, double wall_seconds,
                                          const std::string& command) {
    ManifestInfo info{{}, 0, cmp.replications, threads, wall_seconds, command};
    for (const auto& in : cmp.inputs) info.scenarios.push_back(&in.scenario);
    auto j = nlohmann::ordered_json::parse(manifest_json(info));
    for (std::size_t s = 0; s < cmp.inputs.size(); ++s) {
        auto& entry = j["scenarios"][s];
        entry["hash"] = fnv1a_64_hex(resolved_scenario_json(cmp.inputs[s].scenario));
        auto& files = entry["files"] = nlohmann::ordered_json::array();
        for (const InputFile& f : input_files(cmp.inputs[s].scenario)) files.push_back({{"role", f.role}, {"file", f.path}});
    }
    return j;
}

}  // namespace

ResultIdentity result_identity(const Comparison& cmp, const std::string& kind) {
    ResultIdentity id{kind, {}, {}};
    for (const auto& in : cmp.inputs) {
        id.scenarios[in.scenario.simulation.name] = fnv1a_64_hex(resolved_scenario_json(in.scenario));
        for (const InputFile& f : input_files(in.scenario)) {
            if (id.inputs.count(f.path)) continue;  // a file shared by several scenarios
            std::error_code ec;
            const auto bytes = std::filesystem::file_size(f.path, ec);
            id.inputs[f.path] = FileEntry{ec ? 0 : std::uint64_t(bytes), sha256_file_hex(f.path)};
        }
    }
    if (cmp.ensemble) id.inputs[ensemble_path(*cmp.ensemble)] = FileEntry{cmp.ensemble->bytes.size(), sha256_hex(cmp.ensemble->bytes)};
    return id;
}

std::string run_manifest_json(const Comparison& cmp, int threads, double wall_seconds, const std::string& command) {
    return scenarios_manifest(cmp, threads, wall_seconds, command).dump(2) + '\n';
}

std::string comparison_manifest_json(const Comparison& cmp, int threads, double wall_seconds,
                                     const std::string& command) {
    auto j = scenarios_manifest(cmp, threads, wall_seconds, command);
    j["reference"] = name_of(cmp, 0);
    j["pairing"] = pairing(cmp);
    if (!cmp.members) {
        j["interval"] = fmt::format("{:.0f} %, {}", kCompareLevel * 100,
                                    cmp.independent ? "Welch t on the difference of means"
                                                    : "paired t on the per-replicate differences");
        return j.dump(2) + '\n';
    }
    j["interval"] = fmt::format(
        "ci_low, ci_high (and summary mc_low, mc_high): Monte Carlo {:.0f} %, mean +- t(df = members x "
        "(replicates - 1)) x pooled within-member sd / sqrt(members x replicates){}; total_low, total_high: 5 % "
        "and 95 % quantiles of all members x replicates differences",
        kCompareLevel * 100, cmp.replications < 2 ? " (NA: needs 2 or more replicates per member)" : "");
    const Ensemble& e = *cmp.ensemble;
    nlohmann::ordered_json ens;
    ens["file"] = ensemble_path(e);
    ens["sha256"] = sha256_hex(e.bytes);
    ens["keys"] = e.keys;
    ens["members_in_file"] = e.members.size();
    ens["members"] = cmp.members;
    ens["replicates_per_member"] = cmp.replications;
    ens["replicate_numbers"] = "(member - 1) x replicates_per_member + replicate, the same in every scenario";
    if (cmp.replications < 2) ens["monte_carlo_interval"] = "NA: needs 2 or more replicates per member";
    // The member of each replicate number (yearly.csv's replicate), by replicate number.
    nlohmann::ordered_json of = nlohmann::ordered_json::array();
    for (std::uint32_t k = 0; k < cmp.runs_per_scenario(); ++k) of.push_back(cmp.member_of(k));
    ens["member_of_replicate"] = std::move(of);
    j["ensemble"] = std::move(ens);
    return j.dump(2) + '\n';
}

void write_comparison(ResultFolder& folder, const Comparison& cmp, const std::vector<RunResult>& runs, int threads,
                      double wall_seconds, const std::string& command) {
    const std::string yearly = yearly_csv(runs);
    folder.add("yearly.csv", yearly);
    const std::string summary = summary_csv(cmp, runs);
    folder.add("summary.csv", summary);
    const std::string comparison = comparison_csv(cmp, runs), headline = headline_csv(cmp, runs);
    folder.add("comparison.csv", comparison);
    folder.add("cohorts.csv", cohorts_csv(runs));
    folder.add("municipalities.csv", municipalities_csv(cmp, runs));
    folder.add("companies.csv", companies_csv(cmp, runs));
    const std::string means = cmp.members ? yearly_means_csv(cmp, runs) : std::string();
    folder.add("results.xlsx", [&](const std::filesystem::path& path) {
        const Sheet first = cmp.members ? Sheet{"yearly_means", means} : Sheet{"yearly", yearly};
        write_workbook(path, {first, {"summary", summary}, {"comparison", comparison}, {"headline", headline}});
    });
    folder.commit(comparison_manifest_json(cmp, threads, wall_seconds, command));
}

}  // namespace swsim
