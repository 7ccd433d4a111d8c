// Sensitivity indices from sweep results, with bootstrap confidence intervals. Morris screening:
// mu, mu* (mean absolute elementary effect) and sigma per factor, effects per unit of the factor's
// scaled range. Sobol: first-order S1 (Saltelli 2010) and total ST (Jansen 1999) from the
// Saltelli layout of design.hpp. Bootstraps resample trajectories or samples with a fixed seed.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "swsim/sweep/design.hpp"

namespace swsim {

struct IndexEstimate {
    std::size_t factor = 0;
    std::string index;  // "mu", "mu_star", "sigma", "S1", "ST"
    double value = 0;
    double ci_low = 0;  // 90 % bootstrap percentile interval
    double ci_high = 0;
};

constexpr int kBootstrapResamples = 1000;

// `unit` is the Morris design (morris_trajectories), y one output per row.
std::vector<IndexEstimate> morris_indices(const Rows& unit, const std::vector<double>& y,
                                          std::size_t trajectories, std::uint64_t seed);

// y holds one output per row of saltelli_matrices(samples, factors, ...).
std::vector<IndexEstimate> sobol_indices(const std::vector<double>& y, std::size_t factors,
                                         std::size_t samples, std::uint64_t seed);

// sensitivity.csv: method,factor,output,index,value,ci_low,ci_high for every output column of
// `means` (points x outputs, in plan order), per base scenario. Grid and LHS designs give the
// header only. A column with a missing value (NA) gives NA indices.
std::string sensitivity_csv(const Sweep& sweep, const Rows& means);

}  // namespace swsim
