// Designs on the unit cube, the sweep's points and the plan table.

#include "swsim/sweep/design.hpp"

#include <cmath>
#include <numeric>

#include <fmt/format.h>

namespace swsim {
namespace {

// Design draws use replicate numbers far above any run's, so they never share a Philox block
// with a model draw of the same seed.
constexpr std::uint32_t kDesignReplicateBase = 0xD5000000u;

std::vector<std::uint32_t> permutation(std::size_t n, Stream& s) {
    std::vector<std::uint32_t> p(n);
    std::iota(p.begin(), p.end(), 0u);
    for (std::size_t i = n; i > 1; --i) std::swap(p[i - 1], p[s.below(std::uint32_t(i))]);  // Fisher-Yates
    return p;
}

}  // namespace

Stream design_stream(std::uint64_t seed, DesignStream purpose, std::uint32_t subject) {
    return Stream(DrawKey{seed, kDesignReplicateBase + std::uint32_t(purpose), subject, 0, Process::population_init});
}

Rows full_factorial(const Rows& levels) {
    Rows rows{{}};
    for (const auto& column : levels) {
        Rows next;
        for (const auto& row : rows)
            for (double v : column) {
                next.push_back(row);
                next.back().push_back(v);
            }
        rows = std::move(next);
    }
    return rows;
}

Rows latin_hypercube(std::size_t n, std::size_t k, std::uint64_t seed) {
    Rows rows(n, std::vector<double>(k));
    for (std::size_t c = 0; c < k; ++c) {
        Stream s = design_stream(seed, DesignStream::lhs, std::uint32_t(c));
        const auto strata = permutation(n, s);
        for (std::size_t i = 0; i < n; ++i) rows[i][c] = (strata[i] + s.uniform()) / double(n);
    }
    return rows;
}

double morris_delta(int levels) { return levels / (2.0 * (levels - 1)); }

Rows morris_trajectories(std::size_t trajectories, std::size_t k, int levels, std::uint64_t seed) {
    const int jump = levels / 2;  // delta in grid steps
    Rows rows;
    for (std::size_t t = 0; t < trajectories; ++t) {
        Stream s = design_stream(seed, DesignStream::morris, std::uint32_t(t));
        // Each factor starts at a level from which it can move by delta (up if the sign is +).
        std::vector<int> level(k), sign(k);
        for (std::size_t i = 0; i < k; ++i) {
            level[i] = int(s.below(std::uint32_t(jump)));
            sign[i] = s.bernoulli(0.5) ? 1 : -1;
            if (sign[i] < 0) level[i] += jump;
        }
        const auto order = permutation(k, s);
        const auto emit = [&] {
            rows.emplace_back(k);
            for (std::size_t i = 0; i < k; ++i) rows.back()[i] = level[i] / double(levels - 1);
        };
        emit();
        for (std::uint32_t i : order) {
            level[i] += sign[i] * jump;
            emit();
        }
    }
    return rows;
}

Rows saltelli_matrices(std::size_t samples, std::size_t k, std::uint64_t seed) {
    Rows rows;
    rows.reserve(samples * (k + 2));
    for (std::size_t j = 0; j < samples; ++j) {
        Stream s = design_stream(seed, DesignStream::saltelli, std::uint32_t(j));
        std::vector<double> a(k), b(k);
        for (double& v : a) v = s.uniform();
        for (double& v : b) v = s.uniform();
        rows.push_back(a);
        rows.push_back(b);
        for (std::size_t i = 0; i < k; ++i) {
            rows.push_back(a);
            rows.back()[i] = b[i];
        }
    }
    return rows;
}

Rows unit_design(const SweepSpec& spec) {
    const std::size_t k = spec.factors.size();
    switch (spec.method) {
    case DesignMethod::grid: {
        Rows levels;
        for (const Factor& f : spec.factors) {
            const int n = f.values.empty() ? (f.levels ? f.levels : spec.levels) : int(f.values.size());
            levels.emplace_back();
            for (int i = 0; i < n; ++i) levels.back().push_back(n == 1 ? 0.0 : i / double(n - 1));
        }
        return full_factorial(levels);
    }
    case DesignMethod::lhs: return latin_hypercube(std::size_t(spec.samples), k, spec.seed);
    case DesignMethod::morris: return morris_trajectories(std::size_t(spec.trajectories), k, spec.levels, spec.seed);
    case DesignMethod::sobol: return saltelli_matrices(std::size_t(spec.samples), k, spec.seed);
    }
    return {};
}

std::vector<Point> sweep_points(const Sweep& sweep) {
    const Rows unit = unit_design(sweep.spec);
    std::vector<Point> points;
    for (std::size_t s = 0; s < sweep.spec.scenario_files.size(); ++s)
        for (const auto& row : unit) {
            Point p{points.size(), s, {}};
            for (std::size_t i = 0; i < row.size(); ++i) p.values.push_back(sweep.spec.factors[i].value_at(row[i]));
            points.push_back(std::move(p));
        }
    return points;
}

std::string format_number(double v) {
    if (std::isnan(v)) return "NA";
    return fmt::format("{}", v == 0 ? 0.0 : v);  // no "-0"
}

std::string plan_csv(const Sweep& sweep, const std::vector<Point>& points) {
    std::string out = "point,scenario";
    for (const Factor& f : sweep.spec.factors) out.append(1, ',').append(f.key);
    out += '\n';
    for (const Point& p : points) {
        out += fmt::format("{},{}", p.id, sweep.bases[p.scenario].scenario.simulation.name);
        for (double v : p.values) out.append(1, ',').append(format_number(v));
        out += '\n';
    }
    return out;
}

}  // namespace swsim
