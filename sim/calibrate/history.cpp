// History matching: wave designs, implausibility, the stop rule, the ensemble and its validation,
// and the tables of a finished calibration (calibrate/history.hpp).

#include "swsim/calibrate/history.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "swsim/output/files.hpp"
#include "swsim/output/tables.hpp"
#include "swsim/run/stats.hpp"
#include "swsim/scenario/load.hpp"
#include "swsim/sweep/slurm.hpp"

namespace swsim {
namespace fs = std::filesystem;
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr double kMinBandwidth = 0.02;  // of a prior's range: the narrowest kernel of a next wave

// The standard normal quantile (Acklam's rational approximation, relative error below 1.2e-9).
double normal_quantile(double p) {
    static constexpr double a[] = {-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02,
                                   1.383577518672690e+02,  -3.066479806614716e+01, 2.506628277459239e+00};
    static constexpr double b[] = {-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
                                   6.680131188771972e+01,  -1.328068155288572e+01};
    static constexpr double c[] = {-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
                                   -2.549732539343734e+00, 4.374664141464968e+00,  2.938163982698783e+00};
    static constexpr double d[] = {7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00,
                                   3.754408661907416e+00};
    p = std::clamp(p, 1e-12, 1 - 1e-12);
    const double low = 0.02425;
    if (p < low || p > 1 - low) {
        const double q = std::sqrt(-2 * std::log(p < low ? p : 1 - p));
        const double x = (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
                         ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
        return p < low ? x : -x;
    }
    const double q = p - 0.5, r = q * q;
    return (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q /
           (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
}

std::uint64_t wave_seed(std::uint64_t seed, int wave, std::size_t batch) {
    // splitmix64 of (seed, wave, batch): distinct Latin hypercubes per wave and batch.
    std::uint64_t z = seed + 0x9E3779B97F4A7C15ull * (std::uint64_t(wave) * 1000003ull + batch + 1);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

// A point's coordinates in the unit cube of the prior ranges.
std::vector<double> unit_of(const Calibration& cal, const Point& p) {
    std::vector<double> u(p.values.size());
    for (std::size_t i = 0; i < u.size(); ++i) {
        const Factor& f = cal.spec.parameters[i];
        u[i] = (p.values[i] - f.lo) / (f.hi - f.lo);
    }
    return u;
}

std::vector<Point> points_from_unit(const Calibration& cal, const Rows& unit) {
    std::vector<Point> points;
    points.reserve(unit.size());
    for (const auto& row : unit) {
        Point p{points.size(), 0, {}};
        for (std::size_t i = 0; i < row.size(); ++i) p.values.push_back(cal.spec.parameters[i].value_at(row[i]));
        points.push_back(std::move(p));
    }
    return points;
}

Sweep stage_sweep(const Calibration& cal, Stage stage) {
    Sweep s;
    SweepSpec& spec = s.spec;
    spec.file = cal.spec.file;
    spec.name = cal.spec.name + "-" + stage.name();
    spec.scenario_files = {cal.spec.scenario_file};
    spec.factors = cal.spec.parameters;
    spec.method = DesignMethod::lhs;
    spec.samples = cal.spec.method.points;
    spec.replicates = stage.ensemble() ? cal.spec.ensemble.replicates : cal.spec.method.replicates;
    // The waves' points meet the same draws (their differences are the parameters'); the ensemble's
    // members each get their own, none used in a wave.
    spec.first_replicate = stage.ensemble() ? kValidationFirstReplicate : 0;
    spec.own_draws = stage.ensemble();
    spec.seed = cal.spec.seed;
    for (const Target& t : cal.spec.targets) spec.outputs.push_back(t.output);
    s.bases = {cal.base};
    return s;
}

// The values of a stage's runs from its complete shards, checked to belong to this plan.
std::vector<double> stage_values(const Calibration& cal, const fs::path& dir, Stage stage, const Sweep& sweep,
                                 const std::vector<Point>& points, const std::string& swsim) {
    const fs::path sdir = stage_dir(dir, stage);
    if (!fs::exists(sdir / "sweep.json"))
        throw InputError(fmt::format("{}: {} has not run yet; run it with: {}", dir.string(), stage.name(),
                                     stage_command(swsim, cal, dir, stage, 1, 1)));
    const SweepDir have = read_sweep_dir(sdir);
    if (have.fingerprint != sweep_fingerprint(sweep, points))
        throw InputError(fmt::format("{} holds runs of another calibration, or the calibration file, its scenario or an "
                                     "earlier wave changed since; choose another --out folder or remove this one",
                                     sdir.string()));
    if (have.shards == 0)
        throw InputError(fmt::format("{}: {} has no shards yet; run it with: {}", dir.string(), stage.name(),
                                     stage_command(swsim, cal, dir, stage, 1, 1)));
    return read_shard_values(sweep, points, sdir, have.shards,
                             [&](int s) { return stage_command(swsim, cal, dir, stage, s, have.shards); });
}

// The decimals a figure of this size is shown with: whole persons or euros, shares to 4 decimals.
int decimals_for(double observed) { return std::fabs(observed) >= 1000 ? 0 : std::fabs(observed) >= 10 ? 1 : 4; }

std::string percent(double share) { return fmt::format("{:.1f} %", 100 * share); }

// Why the waves stop after this one, or nothing.
std::string stop_rule(const Calibration& cal, const WaveEval& w) {
    const HistoryMatching& m = cal.spec.method;
    const bool final_rank = w.wave >= int(m.ranks.size());
    if (final_rank && w.ruled_out_share() < m.stop_ruled_out_share)
        return fmt::format("wave {} ruled out {} of its points, less than stop_ruled_out_share {}: the region stopped "
                           "shrinking",
                           w.wave, percent(w.ruled_out_share()), percent(m.stop_ruled_out_share));
    if (w.wave >= m.waves) return fmt::format("wave {} is the last (method.waves: {})", w.wave, m.waves);
    return {};
}

// The message of a wave that ruled out every point: the targets by how many points each rules out,
// with the least implausibility any point reached.
std::string all_ruled_out(const Calibration& cal, const WaveEval& w) {
    std::string s = fmt::format("{}: every one of the {} points of wave {} is ruled out (cut-off {}). The targets that "
                                "rule them out:\n",
                                cal.spec.file, w.points.size(), w.wave, cal.spec.method.cutoff);
    std::vector<std::pair<std::size_t, std::size_t>> by;  // (points ruled out, target)
    for (std::size_t t = 0; t < cal.spec.targets.size(); ++t) {
        if (!cal.spec.targets[t].fit) continue;
        std::size_t n = 0;
        for (const auto& row : w.implausibility) n += row[t] > cal.spec.method.cutoff;
        by.emplace_back(n, t);
    }
    std::stable_sort(by.begin(), by.end(), [](auto a, auto b) { return a.first > b.first; });
    for (const auto& [n, t] : by) {
        if (n == 0) continue;
        const Target& target = cal.spec.targets[t];
        double best = kInf, closest = std::numeric_limits<double>::quiet_NaN();
        for (std::size_t p = 0; p < w.points.size(); ++p)
            if (w.implausibility[p][t] < best) best = w.implausibility[p][t], closest = w.mean[p][t];
        s += fmt::format("  {}:{}: {}: rules out {} of {} points; observed {}, closest simulated {}, least "
                         "implausibility {:.2f}\n",
                         cal.spec.file, target.line, target.name(), n, w.points.size(), format_number(target.observed),
                         format_csv_number(closest, decimals_for(target.observed)), best);
    }
    return s + "widen the parameter ranges, add the parameter that moves these targets, or fix the model: a target "
               "no point reaches is a misspecification (nothing was merged)";
}

std::vector<std::size_t> draw_members(const Calibration& cal, const WaveEval& last) {
    std::vector<std::size_t> kept;
    for (std::size_t p = 0; p < last.points.size(); ++p)
        if (last.kept[p]) kept.push_back(p);
    Stream s = design_stream(cal.spec.seed, DesignStream::ensemble, std::uint32_t(last.wave));
    for (std::size_t i = kept.size(); i > 1; --i) std::swap(kept[i - 1], kept[s.below(std::uint32_t(i))]);
    std::vector<std::size_t> members(std::size_t(cal.spec.ensemble.members));
    for (std::size_t m = 0; m < members.size(); ++m) members[m] = kept[m % kept.size()];
    return members;
}

// The decimals a figure of this size is shown with: whole persons or euros, shares to 4 decimals.
// An implausibility as written: NA when the output was not a number.
std::string implausibility_text(double v, int decimals) {
    return std::isfinite(v) ? format_csv_number(v, decimals) : "NA";
}

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v.empty() ? std::numeric_limits<double>::quiet_NaN() : quantile_sorted(v, 0.5);
}

}  // namespace

std::string Stage::name() const { return ensemble() ? "ensemble" : fmt::format("wave-{}", wave); }

fs::path stage_dir(const fs::path& dir, Stage stage) { return dir / stage.name(); }

std::size_t WaveEval::kept_count() const { return std::size_t(std::count(kept.begin(), kept.end(), 1)); }

double WaveEval::ruled_out_share() const {
    return points.empty() ? 0.0 : 1.0 - double(kept_count()) / double(points.size());
}

std::string stage_command(const std::string& swsim, const Calibration& cal, const fs::path& dir, Stage stage,
                          int shard, int shards) {
    return fmt::format("{} calibrate run {} --wave {} --shard {}/{} --out {}", shell_quote(swsim),
                       shell_quote(cal.spec.file), stage.ensemble() ? std::string("ensemble") : std::to_string(stage.wave),
                       shard, shards, shell_quote(fs::absolute(dir).lexically_normal().string()));
}

double implausibility(const Target& t, double simulated_mean, double var_run) {
    if (!std::isfinite(simulated_mean) || !std::isfinite(var_run)) return kInf;
    const double model_sd = t.discrepancy * std::fabs(t.observed);
    return std::fabs(t.observed - simulated_mean) / std::sqrt(t.sd * t.sd + var_run + model_sd * model_sd);
}

std::vector<Point> wave_points(const Calibration& cal, int wave, const WaveEval* previous) {
    const std::size_t n = std::size_t(cal.spec.method.points), k = cal.spec.parameters.size();
    const Rows unit = latin_hypercube(n, k, wave_seed(cal.spec.seed, wave, 0));
    if (wave == 1 || previous == nullptr) return points_from_unit(cal, unit);

    // The kept points of the last wave and their spread in the unit cube of the priors.
    std::vector<std::vector<double>> kept;
    for (std::size_t p = 0; p < previous->points.size(); ++p)
        if (previous->kept[p]) kept.push_back(unit_of(cal, previous->points[p]));
    std::vector<double> mean(k, 0.0), bandwidth(k, 0.0);
    for (const auto& u : kept)
        for (std::size_t i = 0; i < k; ++i) mean[i] += u[i] / double(kept.size());
    for (const auto& u : kept)
        for (std::size_t i = 0; i < k; ++i) bandwidth[i] += (u[i] - mean[i]) * (u[i] - mean[i]) / double(kept.size());
    // The perturbation kernel of ABC-SMC (Beaumont et al. 2009): twice the kept points' variance, so
    // the new wave covers the region between and just around them; at least kMinBandwidth.
    for (double& h : bandwidth) h = std::max(std::sqrt(2 * h), kMinBandwidth);

    // Point i perturbs kept point i mod m by the normal quantiles of a Latin hypercube row: each
    // kept point gets its share of the wave, spread evenly in every direction; reflected at the
    // prior's bounds.
    Rows rows(n, std::vector<double>(k));
    for (std::size_t p = 0; p < n; ++p)
        for (std::size_t i = 0; i < k; ++i) {
            double x = kept[p % kept.size()][i] + bandwidth[i] * normal_quantile(unit[p][i]);
            for (int bounce = 0; bounce < 4 && (x < 0 || x > 1); ++bounce) x = x < 0 ? -x : 2 - x;
            rows[p][i] = std::clamp(x, 0.0, 1.0);
        }
    return points_from_unit(cal, rows);
}

WaveEval evaluate_wave(const Calibration& cal, int wave, std::vector<Point> points, const std::vector<double>& values) {
    const std::size_t targets = cal.spec.targets.size(), reps = std::size_t(cal.spec.method.replicates);
    WaveEval w;
    w.wave = wave;
    w.points = std::move(points);
    const std::size_t n = w.points.size();
    w.mean.assign(n, std::vector<double>(targets));
    w.var = w.implausibility = w.mean;
    w.measure.assign(n, 0.0);
    w.kept.assign(n, 0);
    std::vector<double> x(reps), fitted;
    for (std::size_t p = 0; p < n; ++p) {
        fitted.clear();
        for (std::size_t t = 0; t < targets; ++t) {
            for (std::size_t r = 0; r < reps; ++r) x[r] = values[(p * reps + r) * targets + t];
            const Summary s = summarise(x);
            w.mean[p][t] = s.mean;
            w.var[p][t] = s.sd * s.sd;
            w.implausibility[p][t] = implausibility(cal.spec.targets[t], s.mean, w.var[p][t]);
            if (cal.spec.targets[t].fit) fitted.push_back(w.implausibility[p][t]);
        }
        std::sort(fitted.begin(), fitted.end(), std::greater<>());
        const std::size_t rank = std::min(fitted.size(), std::size_t(cal.spec.method.rank(wave))) - 1;
        w.measure[p] = fitted[rank];
        w.kept[p] = w.measure[p] <= cal.spec.method.cutoff;
    }
    return w;
}

StagePlan plan_stage(const Calibration& cal, const fs::path& dir, Stage stage, const std::string& swsim) {
    StagePlan plan;
    plan.stage = stage;
    plan.sweep = stage_sweep(cal, stage);
    if (!stage.ensemble() && stage.wave > cal.spec.method.waves) {
        plan.skip_reason = fmt::format("the calibration has at most {} wave(s) (method.waves)", cal.spec.method.waves);
        return plan;
    }
    const WaveEval* previous = nullptr;
    for (int k = 1;; ++k) {
        std::vector<Point> points = wave_points(cal, k, previous);
        if (stage.wave == k) {
            plan.points = std::move(points);
            return plan;
        }
        const Sweep sweep = stage_sweep(cal, Stage{k});
        const auto values = stage_values(cal, dir, Stage{k}, sweep, points, swsim);
        plan.waves.push_back(evaluate_wave(cal, k, std::move(points), values));
        previous = &plan.waves.back();
        if (previous->kept_count() == 0) throw CalibrationFailed(all_ruled_out(cal, *previous));
        plan.stop_reason = stop_rule(cal, *previous);
        if (plan.stop_reason.empty()) continue;
        if (!stage.ensemble()) {
            plan.skip_reason = "the calibration stopped after wave " + std::to_string(k) + ": " + plan.stop_reason;
            return plan;
        }
        plan.members = draw_members(cal, *previous);
        for (std::size_t m = 0; m < plan.members.size(); ++m)
            plan.points.push_back(Point{m, 0, previous->points[plan.members[m]].values});
        return plan;
    }
}

StageRun run_stage(const StagePlan& plan, const fs::path& dir, int shard, int shards, const RunControl& control) {
    const Sweep& sweep = plan.sweep;
    const auto scenarios = point_scenarios(sweep, plan.points, 0, plan.points.size());
    double largest = 0;
    for (const Scenario& sc : scenarios) largest = std::max(largest, persons_per_run(sc, sweep.bases.front().regions));
    const unsigned concurrent = unsigned(std::max(1, control.threads));
    if (const auto problem = concurrent_runs_memory_problem(largest, concurrent, result_memory_budget()))
        throw InputError(sweep.spec.file + ": error: " + *problem + "; nothing written");
    const fs::path sdir = stage_dir(dir, plan.stage);
    if (shards == 0) {
        std::error_code ec;
        shards = fs::exists(sdir / "sweep.json", ec) ? read_sweep_dir(sdir).shards : 0;
        if (shards == 0) shards = 1;
    }
    claim_sweep_dir(sdir, sweep, plan.points, shards);
    StageRun r;
    r.shards = shards;
    for (int s = shard ? shard : 1; s <= (shard ? shard : shards); ++s) {
        const ShardRun one = run_shard(sweep, plan.points, sdir, s, shards, control);
        if (one.stopped) {
            r.stopped = true;
            return r;
        }
        if (one.skipped) ++r.skipped;
        else r.runs += one.runs;
    }
    return r;
}

CalibrationSummary merge_calibration(const Calibration& cal, const fs::path& dir, const std::string& swsim,
                                     const std::string& command) {
    const CalibrationSpec& spec = cal.spec;
    const Stage ens{0};
    const StagePlan plan = plan_stage(cal, dir, ens, swsim);
    const auto values = stage_values(cal, dir, ens, plan.sweep, plan.points, swsim);
    const WaveEval& last = plan.waves.back();
    const std::size_t targets = spec.targets.size(), members = plan.points.size();
    const auto vreps = std::size_t(spec.ensemble.replicates);
    const double cutoff = spec.method.cutoff;

    CalibrationSummary sum;
    sum.waves = plan.waves;
    sum.stop_reason = plan.stop_reason;
    sum.members = members;
    sum.distinct_members = std::min<std::size_t>(members, last.kept_count());

    // points.csv: every wave's points with their outputs and implausibilities.
    std::string points_csv = "wave,point";
    for (const Factor& f : spec.parameters) points_csv.append(1, ',').append(f.key);
    for (const Target& t : spec.targets) points_csv += fmt::format(",{0},{0}:sd,{0}:implausibility", t.name());
    points_csv += ",implausibility,kept\n";
    for (const WaveEval& w : plan.waves)
        for (std::size_t p = 0; p < w.points.size(); ++p) {
            points_csv += fmt::format("{},{}", w.wave, p);
            for (double v : w.points[p].values) points_csv.append(1, ',').append(format_number(v));
            for (std::size_t t = 0; t < targets; ++t)
                points_csv += fmt::format(",{},{},{}", format_number(w.mean[p][t]), format_number(std::sqrt(w.var[p][t])),
                                          implausibility_text(w.implausibility[p][t], 4));
            points_csv += fmt::format(",{},{}\n", implausibility_text(w.measure[p], 4), int(w.kept[p]));
        }

    // waves.csv: per wave and target, how many points it rules out and how close the wave came.
    std::string waves_csv = "wave,points,kept,ruled_out_share,target,fit,ruled_out_by,min_implausibility,median_implausibility\n";
    std::vector<double> best(targets, kInf);
    for (const WaveEval& w : plan.waves)
        for (std::size_t t = 0; t < targets; ++t) {
            std::vector<double> col;
            std::size_t out = 0;
            for (const auto& row : w.implausibility) {
                col.push_back(row[t]);
                out += row[t] > cutoff;
                best[t] = std::min(best[t], row[t]);
            }
            const double lowest = *std::min_element(col.begin(), col.end());
            waves_csv += fmt::format("{},{},{},{},{},{},{},{},{}\n", w.wave, w.points.size(), w.kept_count(),
                                     format_csv_number(w.ruled_out_share(), 4), spec.targets[t].name(),
                                     spec.targets[t].fit ? 1 : 0, out,
                                     implausibility_text(lowest, 3), implausibility_text(median(col), 3));
        }
    for (std::size_t t = 0; t < targets; ++t)
        if (spec.targets[t].fit && !(best[t] <= cutoff)) sum.unreached.push_back(spec.targets[t].name());

    // nonimplausible.csv and ensemble.csv.
    std::string nroy_csv = "point";
    for (const Factor& f : spec.parameters) nroy_csv.append(1, ',').append(f.key);
    nroy_csv += ",implausibility\n";
    for (std::size_t p = 0; p < last.points.size(); ++p) {
        if (!last.kept[p]) continue;
        nroy_csv += std::to_string(p);
        for (double v : last.points[p].values) nroy_csv.append(1, ',').append(format_number(v));
        nroy_csv.append(1, ',').append(implausibility_text(last.measure[p], 4)).append(1, '\n');
    }
    std::string ensemble_csv = "member";
    for (const Factor& f : spec.parameters) ensemble_csv.append(1, ',').append(f.key);
    ensemble_csv += '\n';
    for (std::size_t m = 0; m < members; ++m) {
        ensemble_csv += std::to_string(m + 1);
        for (double v : plan.points[m].values) ensemble_csv.append(1, ',').append(format_number(v));
        ensemble_csv += '\n';
    }

    // validation.csv: the ensemble run again with fresh draws, against every target.
    std::string validation_csv = "target,use,observed,observed_sd,model_sd,simulated_median,simulated_p05,simulated_p95,"
                                 "implausibility,fit_share,pass,source\n";
    std::string text = fmt::format("{:<52} {:>10} {:>10} {:>22} {:>6}\n", "target", "observed", "median", "5-95 %",
                                   "impl.");
    // calibration.md: the same tables for people (the README's calibration table is this file).
    std::string md = fmt::format("| target | source | observed | simulated median [5-95 %] | implausibility | |\n"
                                 "|---|---|---:|---:|---:|---|\n");
    std::vector<char> fits_all(members * vreps, 1);
    for (std::size_t t = 0; t < targets; ++t) {
        const Target& target = spec.targets[t];
        std::vector<double> sim;
        double var_run = 0;
        std::size_t fit = 0;
        for (std::size_t m = 0; m < members; ++m) {
            const double v_m = last.var[plan.members[m]][t];
            var_run += v_m / double(members);
            for (std::size_t r = 0; r < vreps; ++r) {
                const double y = values[(m * vreps + r) * targets + t];
                sim.push_back(y);
                const bool ok = implausibility(target, y, v_m) <= cutoff;
                fit += ok;
                if (target.fit && !ok) fits_all[m * vreps + r] = 0;
            }
        }
        std::sort(sim.begin(), sim.end());
        const bool any_na = std::any_of(sim.begin(), sim.end(), [](double v) { return std::isnan(v); });
        const double med = any_na ? std::numeric_limits<double>::quiet_NaN() : quantile_sorted(sim, 0.5);
        const double p05 = any_na ? med : quantile_sorted(sim, 0.05), p95 = any_na ? med : quantile_sorted(sim, 0.95);
        const double impl = implausibility(target, med, var_run);
        const double share = double(fit) / double(sim.size());
        const bool pass = impl <= cutoff;
        const int dec = decimals_for(target.observed);
        const auto fig = [dec](double v) { return format_csv_number(v, dec); };
        validation_csv += fmt::format("{},{},{},{},{},{},{},{},{},{},{},\"{}\"\n", target.name(),
                                      target.fit ? "fit" : "validation", format_number(target.observed),
                                      format_number(target.sd), fig(target.discrepancy * std::fabs(target.observed)),
                                      fig(med), fig(p05), fig(p95), implausibility_text(impl, 3),
                                      format_csv_number(share, 4), pass ? "pass" : "fail", target.source);
        md += fmt::format("| {}{} | {} | {} | {} [{}, {}] | {} | {} |\n", target.name(),
                          target.fit ? "" : " (validation only)", target.source, fig(target.observed), fig(med),
                          fig(p05), fig(p95), implausibility_text(impl, 2), pass ? "pass" : "**fail**");
        text += fmt::format("{:<52} {:>10} {:>10} {:>22} {:>6} {:>5}\n",
                            target.name() + (target.fit ? "" : " (validation)"), fig(target.observed), fig(med),
                            fmt::format("[{}, {}]", fig(p05), fig(p95)), implausibility_text(impl, 2),
                            pass ? "pass" : "FAIL");
    }
    sum.fit_all_share = double(std::count(fits_all.begin(), fits_all.end(), 1)) / double(fits_all.size());
    md += fmt::format("\n{:.1f} % of the {} validation runs ({} members, {} distinct points of the last wave, fresh draws) "
                      "fit every fitted target (implausibility at most {} on each).\n\n"
                      "| parameter | prior | non-implausible range | ensemble median [5-95 %] |\n|---|---:|---:|---:|\n",
                      100 * sum.fit_all_share, fits_all.size(), members, sum.distinct_members, cutoff);
    sum.validation_text = text;

    // parameters.csv: prior range against the non-implausible set and the ensemble.
    std::string parameters_csv = "key,prior_lo,prior_hi,calibrated_lo,calibrated_hi,ensemble_p05,ensemble_median,"
                                 "ensemble_p95,range_shrinkage\n";
    for (std::size_t i = 0; i < spec.parameters.size(); ++i) {
        const Factor& f = spec.parameters[i];
        double lo = kInf, hi = -kInf;
        for (std::size_t p = 0; p < last.points.size(); ++p)
            if (last.kept[p]) lo = std::min(lo, last.points[p].values[i]), hi = std::max(hi, last.points[p].values[i]);
        std::vector<double> v;
        for (const Point& p : plan.points) v.push_back(p.values[i]);
        std::sort(v.begin(), v.end());
        const int dec = std::fabs(f.hi) >= 1000 ? 0 : std::fabs(f.hi) >= 10 ? 1 : 3;
        md += fmt::format("| `{}` | {} to {} | {} to {} | {} [{}, {}] |\n", f.key, format_number(f.lo), format_number(f.hi),
                          format_csv_number(lo, dec), format_csv_number(hi, dec),
                          format_csv_number(quantile_sorted(v, 0.5), dec), format_csv_number(quantile_sorted(v, 0.05), dec),
                          format_csv_number(quantile_sorted(v, 0.95), dec));
        parameters_csv += fmt::format("{},{},{},{},{},{},{},{},{}\n", f.key, format_number(f.lo), format_number(f.hi),
                                      format_number(lo), format_number(hi), format_number(quantile_sorted(v, 0.05)),
                                      format_number(quantile_sorted(v, 0.5)), format_number(quantile_sorted(v, 0.95)),
                                      format_csv_number(1 - (hi - lo) / (f.hi - f.lo), 3));
    }

    nlohmann::ordered_json j;
    j["program"] = "swsim";
    j["version"] = program_version();
    j["kind"] = "calibration";
    j["command"] = command;
    j["calibration"] = spec.file;
    j["calibration_sha256"] = sha256_file_hex(spec.file);
    j["name"] = spec.name;
    j["scenario"] = spec.scenario_file;
    j["scenario_resolved"] = nlohmann::ordered_json::parse(resolved_scenario_json(cal.base.scenario));
    j["fingerprint"] = sweep_fingerprint(plan.sweep, plan.points);
    j["method"] = {{"name", "history_matching"},
                   {"points_per_wave", spec.method.points},
                   {"replicates", spec.method.replicates},
                   {"cutoff", spec.method.cutoff},
                   {"cutoff_applies_to", [&] {
                        std::vector<std::string> names;
                        for (const ImplausibilityRank r : spec.method.ranks) names.emplace_back(rank_name(r));
                        return names;
                    }()}};
    for (const WaveEval& w : plan.waves)
        j["waves"].push_back({{"wave", w.wave}, {"points", w.points.size()}, {"kept", w.kept_count()}});
    j["stop_reason"] = plan.stop_reason;
    j["ensemble"] = {{"members", members},
                     {"distinct_points", sum.distinct_members},
                     {"validation_replicates", vreps},
                     {"first_replicate", kValidationFirstReplicate},
                     {"fit_every_target_share", sum.fit_all_share}};
    j["unreached_targets"] = sum.unreached;
    j["seed"] = spec.seed;

    ResultFolder folder(dir, command);
    folder.add("points.csv", points_csv);
    folder.add("waves.csv", waves_csv);
    folder.add("nonimplausible.csv", nroy_csv);
    folder.add("ensemble.csv", ensemble_csv);
    folder.add("validation.csv", validation_csv);
    folder.add("parameters.csv", parameters_csv);
    md += fmt::format("\nWaves: {}. Stopped: {}.\n", [&] {
        std::string s;
        for (const WaveEval& w : plan.waves)
            s += fmt::format("{}{}: {} of {} kept", s.empty() ? "" : "; ", w.wave, w.kept_count(), w.points.size());
        return s;
    }(), plan.stop_reason);
    if (!sum.unreached.empty()) {
        md += "\nTargets no point reached (a misspecification to fix in the model):";
        for (const std::string& t : sum.unreached) md.append(1, ' ').append(t);
        md += "\n";
    }
    folder.add("calibration.md", md);
    folder.commit(j.dump(2) + '\n');
    return sum;
}

}  // namespace swsim
