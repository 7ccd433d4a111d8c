// Statistics across replicates: mean, standard deviation (n - 1), percentiles by linear
// interpolation between order statistics (type 7), the Student t quantile, the interval of a
// difference between two scenarios, paired (common random numbers) or Welch (independent runs), and
// the two intervals of an ensemble's runs (members x replicates): Monte Carlo and total.
// A value that is not a number (NaN) in any replicate makes every statistic of it NaN ("NA");
// statistics that need two replicates are NaN with one.
#pragma once

#include <cstddef>
#include <span>

namespace swsim {

struct Summary {
    double mean, p05, p95, sd;
    std::size_t n;
};
Summary summarise(std::span<const double> values);

// The p-quantile (0 <= p <= 1) of sorted values, type 7: x[h] interpolated at h = (n - 1) p.
double quantile_sorted(std::span<const double> sorted, double p);

// The p-quantile of Student's t distribution with df > 0 degrees of freedom (df may be fractional).
double student_t_quantile(double p, double df);

// A difference (scenario - reference) with its two-sided interval at the given level.
struct Interval {
    double mean, low, high;
    std::size_t n;  // pairs, or replicates per scenario
};
// Paired: mean of the per-replicate differences +- t(1 - (1 - level) / 2, n - 1) sd / sqrt(n).
Interval paired_interval(std::span<const double> scenario, std::span<const double> reference, double level);
// Independent: difference of the means +- t(1 - (1 - level) / 2, Welch df) * sqrt(s1^2/n1 + s2^2/n2).
Interval welch_interval(std::span<const double> scenario, std::span<const double> reference, double level);

// The runs of an ensemble: `members` parameter sets x R replicates each, values by member then
// replicate (a value per run, or a paired difference per run). Monte Carlo: the interval at `level`
// of the mean from the random draws alone, mean +- t(1 - (1 - level) / 2, M (R - 1)) s_w / sqrt(M R)
// with s_w^2 the mean over members of the sample variance over the member's replicates; NaN with
// R = 1, which cannot tell chance from the members. Total: the 5 % and 95 % quantiles (type 7) of all
// M R values: the parameter sets and chance together.
struct EnsembleInterval {
    double mean, mc_low, mc_high, total_low, total_high;
    std::size_t n;  // M R
};
EnsembleInterval ensemble_interval(std::span<const double> values, std::size_t members, double level);

}  // namespace swsim
