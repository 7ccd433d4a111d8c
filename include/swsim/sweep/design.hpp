// Experimental designs on the unit cube [0, 1]^k and the sweep points made from them. Random
// designs draw from the counter-based Philox streams (core/rng.hpp) keyed by the sweep's seed, so a
// plan is a pure function of the sweep file. Row layouts are fixed because the sensitivity
// estimators (sensitivity.hpp) read results back by position.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "swsim/core/rng.hpp"
#include "swsim/sweep/sweep.hpp"

namespace swsim {

using Rows = std::vector<std::vector<double>>;  // one row per point, one column per factor

// What a stream of design draws is for; keys the Philox stream with the sweep's seed.
enum class DesignStream : std::uint32_t { lhs = 1, morris, saltelli, bootstrap, ensemble };
// The draws for one purpose and one subject (column, trajectory, sample, output).
Stream design_stream(std::uint64_t seed, DesignStream purpose, std::uint32_t subject);

// Full factorial over per-factor level lists; the last factor varies fastest.
Rows full_factorial(const Rows& levels);

// n points; in every column each stratum [i/n, (i+1)/n) holds exactly one point.
Rows latin_hypercube(std::size_t n, std::size_t k, std::uint64_t seed);

// Morris (1991) trajectories on a `levels`-level grid (levels even): trajectory t is rows
// t (k + 1) .. t (k + 1) + k; each step moves one factor, in a random order, by +/- delta,
// delta = levels / (2 (levels - 1)), staying inside [0, 1].
Rows morris_trajectories(std::size_t trajectories, std::size_t k, int levels, std::uint64_t seed);
double morris_delta(int levels);

// Saltelli (2010) sampling: random matrices A and B (samples x k); sample j is the block of rows
// j (k + 2) + {0: A_j, 1: B_j, 2 + i: AB_i,j = A_j with column i taken from B_j}.
Rows saltelli_matrices(std::size_t samples, std::size_t k, std::uint64_t seed);

// The design of a sweep on the unit cube (grid: level i of L at i / (L - 1)).
Rows unit_design(const SweepSpec& spec);

// A point: a base scenario and one value per factor (in the factor's unit).
struct Point {
    std::size_t id = 0;        // position in the plan, from 0
    std::size_t scenario = 0;  // index into SweepSpec::scenario_files
    std::vector<double> values;
};

// Every base scenario crossed with every design row (scenario-major), ids in that order.
std::vector<Point> sweep_points(const Sweep& sweep);

// The plan as CSV: point,scenario,<factor keys...>.
std::string plan_csv(const Sweep& sweep, const std::vector<Point>& points);

// A number as written in sweep tables: shortest text that reads back exactly, "NA" for NaN.
std::string format_number(double v);

}  // namespace swsim
