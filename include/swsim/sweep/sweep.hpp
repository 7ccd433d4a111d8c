// A sweep file: which scenario keys to vary (factors, each over a range or a list of values), the
// experimental design that picks the points (grid, Latin hypercube, Morris, Sobol/Saltelli), how
// many replicates to run at each point, and which yearly.csv or cohorts.csv values to collect (outputs).
// load_sweep() reads and checks the file as strictly as a scenario (every problem at once, in
// compiler format, with "did you mean") and loads the base scenarios and their region data once.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "swsim/core/error.hpp"
#include "swsim/run/inputs.hpp"

namespace swsim {

enum class DesignMethod { grid, lhs, morris, sobol };

// One scenario key varied by the sweep, in the key's unit.
struct Factor {
    std::string key;             // dotted scenario key path
    bool integer = false;        // an integer key: values are rounded to whole numbers
    double lo = 0, hi = 0;       // the range swept (when `values` is empty)
    std::vector<double> values;  // explicit values (grid designs only)
    int levels = 0;              // grid: levels over the range (0: the design's)
    int line = 0;                // where the factor is written in the sweep file (1-based)
    int col = 0;                 // and its column (1-based)

    // The factor's value at design coordinate u in [0, 1]: lo + u (hi - lo), or for a list the
    // value at position round(u (n - 1)).
    double value_at(double u) const;
};

// One collected value: a yearly.csv column, for a region (CBS code) or NL, in one year; or with an
// origin, a cohorts.csv metric of that origin's cohort, measured at the end of the year.
struct OutputSpec {
    std::string metric;
    std::string region;
    int year = 0;
    std::string origin;  // empty: a yearly.csv column
    int cohort = 0;      // the cohort year (with an origin)
    bool of_cohort() const { return !origin.empty(); }
    // "metric:region:year", or for a cohort metric "metric:origin:cohort:region:year"
    std::string name() const;
};

struct SweepSpec {
    std::string file;                         // absolute path of the sweep file
    std::string name;                         // defaults to the file's stem
    std::vector<std::string> scenario_files;  // absolute paths
    std::vector<Factor> factors;
    DesignMethod method = DesignMethod::grid;
    int levels = 0;        // grid: levels per range factor; morris: levels of the grid (even)
    int trajectories = 0;  // morris
    int samples = 0;       // lhs: points; sobol: base samples N (N (k + 2) points)
    int replicates = 1;
    // Run w (point w / replicates) uses replicate first_replicate + w % replicates, so every point
    // meets the same draws; with own_draws, replicate first_replicate + w: each run its own.
    std::uint32_t first_replicate = 0;
    bool own_draws = false;
    std::uint64_t seed = 0;  // design and bootstrap randomness (runs use each scenario's seed)
    std::vector<OutputSpec> outputs;
};

struct Sweep {
    SweepSpec spec;
    std::vector<Inputs> bases;  // the base scenarios with their region data, in file order
};

// Throws ScenarioError with every problem of the sweep file (and of the scenarios it names).
Sweep load_sweep(const std::string& path);

std::string_view method_name(DesignMethod method);

}  // namespace swsim
