#include "swsim/run/stats.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>
#include <vector>

namespace swsim {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

bool any_nan(std::span<const double> v) {
    return std::any_of(v.begin(), v.end(), [](double x) { return std::isnan(x); });
}

double mean_of(std::span<const double> v) {
    double s = 0;
    for (double x : v) s += x;
    return s / double(v.size());
}

// Sample variance (n - 1); NaN with fewer than two values.
double variance_of(std::span<const double> v, double mean) {
    if (v.size() < 2) return kNaN;
    double s = 0;
    for (double x : v) s += (x - mean) * (x - mean);
    return s / double(v.size() - 1);
}

// Continued fraction of the regularized incomplete beta function (modified Lentz).
double beta_fraction(double a, double b, double x) {
    constexpr double kTiny = 1e-300;
    double c = 1, d = 1 - (a + b) * x / (a + 1);
    d = 1 / (std::abs(d) < kTiny ? kTiny : d);
    double h = d;
    for (int m = 1; m <= 500; ++m) {
        for (int half = 0; half < 2; ++half) {
            const double num = half == 0 ? m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m))
                                         : -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1));
            d = 1 + num * d;
            d = 1 / (std::abs(d) < kTiny ? kTiny : d);
            c = 1 + num / c;
            if (std::abs(c) < kTiny) c = kTiny;
            h *= d * c;
            if (half == 1 && std::abs(d * c - 1) < 1e-15) return h;
        }
    }
    return h;
}

// I_x(a, b), the regularized incomplete beta function.
double incomplete_beta(double a, double b, double x) {
    if (x <= 0) return 0;
    if (x >= 1) return 1;
    const double front =
        std::exp(std::lgamma(a + b) - std::lgamma(a) - std::lgamma(b) + a * std::log(x) + b * std::log1p(-x));
    if (x < (a + 1) / (a + b + 2)) return front * beta_fraction(a, b, x) / a;
    return 1 - front * beta_fraction(b, a, 1 - x) / b;
}

// P(T <= t) and the density of Student's t with df degrees of freedom, for t >= 0.
double t_cdf(double t, double df) { return 1 - 0.5 * incomplete_beta(df / 2, 0.5, df / (df + t * t)); }
double t_pdf(double t, double df) {
    return std::exp(std::lgamma((df + 1) / 2) - std::lgamma(df / 2) - (df + 1) / 2 * std::log1p(t * t / df)) /
           std::sqrt(df * std::numbers::pi);
}

Interval interval(double diff, double se, double df, std::size_t n, double level) {
    if (std::isnan(diff) || std::isnan(se)) return {diff, kNaN, kNaN, n};
    if (se == 0) return {diff, diff, diff, n};
    const double half = student_t_quantile(1 - (1 - level) / 2, df) * se;
    return {diff, diff - half, diff + half, n};
}

}  // namespace

double quantile_sorted(std::span<const double> sorted, double p) {
    if (sorted.empty()) return kNaN;
    const double h = double(sorted.size() - 1) * p;
    const auto lo = static_cast<std::size_t>(std::floor(h));
    if (lo + 1 >= sorted.size()) return sorted.back();
    return sorted[lo] + (h - double(lo)) * (sorted[lo + 1] - sorted[lo]);
}

Summary summarise(std::span<const double> values) {
    const std::size_t n = values.size();
    if (n == 0 || any_nan(values)) return {kNaN, kNaN, kNaN, kNaN, n};
    std::vector<double> sorted(values.begin(), values.end());
    std::sort(sorted.begin(), sorted.end());
    const double m = mean_of(values);
    return {m, quantile_sorted(sorted, 0.05), quantile_sorted(sorted, 0.95), std::sqrt(variance_of(values, m)), n};
}

double student_t_quantile(double p, double df) {
    if (!(p > 0 && p < 1) || !(df > 0)) return kNaN;
    if (p < 0.5) return -student_t_quantile(1 - p, df);
    if (p == 0.5) return 0;
    if (df == 1) return std::tan(std::numbers::pi * (p - 0.5));  // Cauchy
    if (df == 2) return (2 * p - 1) / std::sqrt(2 * p * (1 - p));
    // Newton's method on the distribution function, kept inside a bracket [lo, hi] by bisection.
    double lo = 0, hi = 1;
    while (t_cdf(hi, df) < p) {
        lo = hi;
        hi *= 2;
    }
    double t = (lo + hi) / 2;
    for (int i = 0; i < 200; ++i) {
        const double f = t_cdf(t, df) - p;
        (f < 0 ? lo : hi) = t;
        double next = t - f / t_pdf(t, df);
        if (!(next > lo && next < hi)) next = (lo + hi) / 2;
        if (std::abs(next - t) <= 1e-15 * t) return next;
        t = next;
    }
    return t;
}

Interval paired_interval(std::span<const double> scenario, std::span<const double> reference, double level) {
    const std::size_t n = std::min(scenario.size(), reference.size());
    std::vector<double> d(n);
    for (std::size_t i = 0; i < n; ++i) d[i] = scenario[i] - reference[i];
    if (n == 0 || any_nan(d)) return {kNaN, kNaN, kNaN, n};
    const double m = mean_of(d);
    return interval(m, std::sqrt(variance_of(d, m) / double(n)), double(n) - 1, n, level);
}

EnsembleInterval ensemble_interval(std::span<const double> values, std::size_t members, double level) {
    const std::size_t n = values.size();
    if (n == 0 || members == 0 || n % members != 0 || any_nan(values)) return {kNaN, kNaN, kNaN, kNaN, kNaN, n};
    const std::size_t reps = n / members;
    std::vector<double> sorted(values.begin(), values.end());
    std::sort(sorted.begin(), sorted.end());
    const double m = mean_of(values);
    const double total_low = quantile_sorted(sorted, 0.05), total_high = quantile_sorted(sorted, 0.95);
    if (reps < 2) return {m, kNaN, kNaN, total_low, total_high, n};
    double within = 0;  // summed over members in member order
    for (std::size_t k = 0; k < members; ++k) {
        const auto member = values.subspan(k * reps, reps);
        within += variance_of(member, mean_of(member));
    }
    const double se = std::sqrt(within / double(members) / double(n));
    const Interval mc = interval(m, se, double(members * (reps - 1)), n, level);
    return {m, mc.low, mc.high, total_low, total_high, n};
}

Interval welch_interval(std::span<const double> scenario, std::span<const double> reference, double level) {
    const std::size_t n = std::min(scenario.size(), reference.size());
    if (n == 0 || any_nan(scenario) || any_nan(reference)) return {kNaN, kNaN, kNaN, n};
    const double m1 = mean_of(scenario), m2 = mean_of(reference);
    const double v1 = variance_of(scenario, m1) / double(scenario.size());
    const double v2 = variance_of(reference, m2) / double(reference.size());
    const double df = (v1 + v2) * (v1 + v2) /
                      (v1 * v1 / double(scenario.size() - 1) + v2 * v2 / double(reference.size() - 1));
    return interval(m1 - m2, std::sqrt(v1 + v2), df, n, level);
}

}  // namespace swsim
