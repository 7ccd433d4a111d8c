// Morris and Sobol estimators with percentile bootstraps, and the sensitivity table.

#include "swsim/sweep/sensitivity.hpp"

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <numeric>

#include <fmt/format.h>

namespace swsim {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kCiLevel = 0.90;

using Statistic = std::function<std::vector<double>(const std::vector<std::size_t>& units)>;

// Linear interpolation between order statistics (R's type 7). Not on an empty vector.
double quantile(std::vector<double> v, double q) {
    std::sort(v.begin(), v.end());
    const double h = q * double(v.size() - 1);
    const auto lo = std::size_t(std::floor(h));
    const std::size_t hi = std::min(lo + 1, v.size() - 1);
    return v[lo] + (h - double(lo)) * (v[hi] - v[lo]);
}

// The statistic on all n units, with a 90 % percentile interval from resampling units with
// replacement (resamples in a fixed order from one stream: the result does not depend on threads).
std::vector<IndexEstimate> with_bootstrap(std::size_t n, std::uint64_t seed, const Statistic& stat,
                                          const std::vector<std::pair<std::size_t, std::string>>& labels) {
    std::vector<std::size_t> all(n);
    std::iota(all.begin(), all.end(), std::size_t{0});
    const std::vector<double> value = stat(all);
    std::vector<std::vector<double>> draws(value.size());
    Stream s = design_stream(seed, DesignStream::bootstrap, 0);
    std::vector<std::size_t> units(n);
    for (int b = 0; b < kBootstrapResamples; ++b) {
        for (auto& u : units) u = s.below(std::uint32_t(n));
        const auto v = stat(units);
        for (std::size_t i = 0; i < v.size(); ++i)
            if (!std::isnan(v[i])) draws[i].push_back(v[i]);
    }
    std::vector<IndexEstimate> out;
    for (std::size_t i = 0; i < value.size(); ++i) {
        const bool ci = !draws[i].empty() && !std::isnan(value[i]);
        out.push_back(IndexEstimate{labels[i].first, labels[i].second, value[i],
                                    ci ? quantile(draws[i], (1 - kCiLevel) / 2) : kNaN,
                                    ci ? quantile(draws[i], (1 + kCiLevel) / 2) : kNaN});
    }
    return out;
}

std::vector<std::pair<std::size_t, std::string>> labels(std::size_t k, std::vector<std::string> names) {
    std::vector<std::pair<std::size_t, std::string>> out;
    for (std::size_t i = 0; i < k; ++i)
        for (const auto& n : names) out.emplace_back(i, n);
    return out;
}

}  // namespace

std::vector<IndexEstimate> morris_indices(const Rows& unit, const std::vector<double>& y, std::size_t trajectories,
                                          std::uint64_t seed) {
    const std::size_t k = unit.front().size();
    // Elementary effects ee[t][i] = (y after the step of factor i - y before) / step, step = +/- delta.
    std::vector<std::vector<double>> ee(trajectories, std::vector<double>(k, kNaN));
    for (std::size_t t = 0; t < trajectories; ++t)
        for (std::size_t m = 1; m <= k; ++m) {
            const std::size_t row = t * (k + 1) + m;
            for (std::size_t i = 0; i < k; ++i)
                if (const double step = unit[row][i] - unit[row - 1][i]; step != 0)
                    ee[t][i] = (y[row] - y[row - 1]) / step;
        }
    const Statistic stat = [&](const std::vector<std::size_t>& units) {
        std::vector<double> out;
        const double n = double(units.size());
        for (std::size_t i = 0; i < k; ++i) {
            double sum = 0, sum_abs = 0;
            for (std::size_t t : units) sum += ee[t][i], sum_abs += std::abs(ee[t][i]);
            const double mu = sum / n;
            double ss = 0;
            for (std::size_t t : units) ss += (ee[t][i] - mu) * (ee[t][i] - mu);
            out.insert(out.end(), {mu, sum_abs / n, std::sqrt(ss / (n - 1))});
        }
        return out;
    };
    return with_bootstrap(trajectories, seed, stat, labels(k, {"mu", "mu_star", "sigma"}));
}

std::vector<IndexEstimate> sobol_indices(const std::vector<double>& y, std::size_t factors, std::size_t samples,
                                         std::uint64_t seed) {
    const std::size_t block = factors + 2;
    const auto f = [&](std::size_t j, std::size_t offset) { return y[j * block + offset]; };  // 0: A, 1: B, 2+i: AB_i
    const Statistic stat = [&](const std::vector<std::size_t>& units) {
        const double n = double(units.size());
        double mean = 0;
        for (std::size_t j : units) mean += f(j, 0) + f(j, 1);
        mean /= 2 * n;
        double variance = 0;
        for (std::size_t j : units) variance += (f(j, 0) - mean) * (f(j, 0) - mean) + (f(j, 1) - mean) * (f(j, 1) - mean);
        variance /= 2 * n;
        std::vector<double> out;
        for (std::size_t i = 0; i < factors; ++i) {
            double first = 0, total = 0;
            for (std::size_t j : units) {
                const double ab = f(j, 2 + i);
                first += f(j, 1) * (ab - f(j, 0));                 // Saltelli et al. 2010
                total += (f(j, 0) - ab) * (f(j, 0) - ab) / 2;     // Jansen 1999
            }
            out.push_back(variance > 0 ? first / n / variance : kNaN);
            out.push_back(variance > 0 ? total / n / variance : kNaN);
        }
        return out;
    };
    return with_bootstrap(samples, seed, stat, labels(factors, {"S1", "ST"}));
}

std::string sensitivity_csv(const Sweep& sweep, const Rows& means) {
    const SweepSpec& spec = sweep.spec;
    std::string out = "method,factor,output,index,value,ci_low,ci_high\n";
    if (spec.method != DesignMethod::morris && spec.method != DesignMethod::sobol) return out;
    const Rows unit = unit_design(spec);
    const std::size_t per_scenario = unit.size();
    for (std::size_t s = 0; s < spec.scenario_files.size(); ++s)
        for (std::size_t o = 0; o < spec.outputs.size(); ++o) {
            std::vector<double> y;
            for (std::size_t p = 0; p < per_scenario; ++p) y.push_back(means[s * per_scenario + p][o]);
            const bool complete = std::none_of(y.begin(), y.end(), [](double v) { return std::isnan(v); });
            if (!complete) y.assign(y.size(), 0.0);
            const auto estimates =
                spec.method == DesignMethod::morris
                    ? morris_indices(unit, y, std::size_t(spec.trajectories), spec.seed)
                    : sobol_indices(y, spec.factors.size(), std::size_t(spec.samples), spec.seed);
            const std::string output = (spec.scenario_files.size() > 1 ? sweep.bases[s].scenario.simulation.name + "/" : "") +
                                       spec.outputs[o].name();
            for (const IndexEstimate& e : estimates) {
                const auto shown = [&](double v) { return complete ? format_number(v) : "NA"; };
                out += fmt::format("{},{},{},{},{},{},{}\n", method_name(spec.method), spec.factors[e.factor].key, output,
                                   e.index, shown(e.value), shown(e.ci_low), shown(e.ci_high));
            }
        }
    return out;
}

}  // namespace swsim
