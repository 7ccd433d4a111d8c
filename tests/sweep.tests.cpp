// Sweeps: the designs' defining properties, the sensitivity estimators on functions with known
// indices (Ishigami for Sobol, a linear function for Morris), the sweep-file checks with their
// lines, shard slicing, and sharded runs that merge to exactly the unsharded result.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include <unistd.h>

#include "swsim/scenario/schema.hpp"
#include "swsim/sweep/sensitivity.hpp"
#include "swsim/sweep/shards.hpp"

using namespace swsim;
namespace fs = std::filesystem;

namespace {

std::string data(const std::string& name) { return std::string(SWSIM_SOURCE_DIR) + "/tests/data/sweep/" + name; }

std::string slurp(const fs::path& p) {
    std::stringstream s;
    s << std::ifstream(p).rdbuf();
    return s.str();
}

fs::path fresh_dir(const std::string& name) {
    const fs::path d = fs::temp_directory_path() / ("swsim_sweep_" + name + "_" + std::to_string(::getpid()));
    fs::remove_all(d);
    return d;
}

const IndexEstimate& find(const std::vector<IndexEstimate>& all, std::size_t factor, const std::string& index) {
    const auto it = std::find_if(all.begin(), all.end(),
                                 [&](const IndexEstimate& e) { return e.factor == factor && e.index == index; });
    REQUIRE(it != all.end());
    return *it;
}

}  // namespace

TEST_CASE("LHS: every stratum of every factor is hit exactly once", "[sweep][unit]") {
    const std::size_t n = 17, k = 4;
    const Rows rows = latin_hypercube(n, k, 99);
    REQUIRE(rows.size() == n);
    for (std::size_t c = 0; c < k; ++c) {
        std::set<long> strata;
        for (const auto& r : rows) {
            CHECK(r[c] >= 0.0);
            CHECK(r[c] < 1.0);
            strata.insert(long(std::floor(r[c] * double(n))));
        }
        CHECK(strata.size() == n);
    }
    CHECK(latin_hypercube(n, k, 99) == rows);
    CHECK(latin_hypercube(n, k, 100) != rows);
}

TEST_CASE("Morris: each step moves exactly one factor by +/- delta, each factor once a trajectory", "[sweep][unit]") {
    const std::size_t r = 6, k = 5;
    const int levels = 4;
    const double delta = morris_delta(levels);
    CHECK(delta == Approx(2.0 / 3.0));
    const Rows rows = morris_trajectories(r, k, levels, 7);
    REQUIRE(rows.size() == r * (k + 1));
    for (std::size_t t = 0; t < r; ++t) {
        std::vector<int> moved(k, 0);
        for (std::size_t m = 1; m <= k; ++m) {
            const auto& a = rows[t * (k + 1) + m - 1];
            const auto& b = rows[t * (k + 1) + m];
            int changed = 0;
            for (std::size_t i = 0; i < k; ++i)
                if (a[i] != b[i]) {
                    ++changed, ++moved[i];
                    CHECK(std::abs(b[i] - a[i]) == Approx(delta));
                }
            CHECK(changed == 1);
        }
        CHECK(std::all_of(moved.begin(), moved.end(), [](int c) { return c == 1; }));
    }
    for (const auto& row : rows)
        for (double x : row) {
            CHECK(x >= 0.0);
            CHECK(x <= 1.0);
            CHECK(std::abs(x * (levels - 1) - std::round(x * (levels - 1))) < 1e-12);  // on the grid
        }
}

TEST_CASE("Saltelli: A, B and AB_i = A with column i from B", "[sweep][unit]") {
    const std::size_t n = 8, k = 3;
    const Rows rows = saltelli_matrices(n, k, 5);
    REQUIRE(rows.size() == n * (k + 2));
    for (std::size_t j = 0; j < n; ++j) {
        const auto& a = rows[j * (k + 2)];
        const auto& b = rows[j * (k + 2) + 1];
        for (std::size_t c = 0; c < k; ++c) CHECK(a[c] != b[c]);
        for (std::size_t i = 0; i < k; ++i) {
            const auto& ab = rows[j * (k + 2) + 2 + i];
            for (std::size_t c = 0; c < k; ++c) CHECK(ab[c] == (c == i ? b[c] : a[c]));
        }
    }
}

TEST_CASE("grid: the full factorial, last factor fastest", "[sweep][unit]") {
    const Rows rows = full_factorial({{1, 2}, {10, 20, 30}});
    const Rows expected = {{1, 10}, {1, 20}, {1, 30}, {2, 10}, {2, 20}, {2, 30}};
    CHECK(rows == expected);
}

TEST_CASE("Sobol estimators recover the Ishigami indices", "[sweep][unit]") {
    const std::size_t n = 20000, k = 3;
    const double a = 7, b = 0.1, pi = std::acos(-1.0);
    const Rows x = saltelli_matrices(n, k, 2024);
    std::vector<double> y;
    for (const auto& row : x) {
        const double x1 = -pi + 2 * pi * row[0], x2 = -pi + 2 * pi * row[1], x3 = -pi + 2 * pi * row[2];
        y.push_back(std::sin(x1) + a * std::sin(x2) * std::sin(x2) + b * std::pow(x3, 4) * std::sin(x1));
    }
    const auto est = sobol_indices(y, k, n, 1);
    const double s1[] = {0.3139, 0.4424, 0.0}, st[] = {0.5576, 0.4424, 0.2437};
    for (std::size_t i = 0; i < k; ++i) {
        INFO("factor " << i);
        const auto& first = find(est, i, "S1");
        const auto& total = find(est, i, "ST");
        CHECK(first.value == Approx(s1[i]).margin(0.03));
        CHECK(total.value == Approx(st[i]).margin(0.03));
        for (const auto* e : {&first, &total}) {
            CHECK(e->ci_low <= e->value);
            CHECK(e->value <= e->ci_high);
            CHECK(e->ci_high - e->ci_low < 0.1);
        }
    }
    CHECK(sobol_indices(y, k, n, 1)[0].ci_low == est[0].ci_low);  // a fixed bootstrap seed
}

TEST_CASE("Morris estimators give the coefficients of a linear function", "[sweep][unit]") {
    const std::size_t r = 10, k = 4;
    const double c[] = {2.0, -3.0, 0.0, 0.5};
    const Rows x = morris_trajectories(r, k, 6, 3);
    std::vector<double> y;
    for (const auto& row : x) {
        double v = 1.0;
        for (std::size_t i = 0; i < k; ++i) v += c[i] * row[i];
        y.push_back(v);
    }
    const auto est = morris_indices(x, y, r, 1);
    for (std::size_t i = 0; i < k; ++i) {
        INFO("factor " << i);
        CHECK(find(est, i, "mu").value == Approx(c[i]).margin(1e-9));
        CHECK(find(est, i, "mu_star").value == Approx(std::abs(c[i])).margin(1e-9));
        CHECK(find(est, i, "sigma").value == Approx(0).margin(1e-9));
    }
}

TEST_CASE("a sweep file loads with schema ranges as defaults", "[sweep][scenario]") {
    const Sweep sweep = load_sweep(data("morris.yaml"));
    const SweepSpec& s = sweep.spec;
    CHECK(s.name == "test_morris");
    CHECK(s.method == DesignMethod::morris);
    REQUIRE(s.factors.size() == 3);
    const auto* key = find_key(s.factors[0].key);
    REQUIRE(key->sweep);
    CHECK(s.factors[0].lo == key->sweep->lo);
    CHECK(s.factors[0].hi == key->sweep->hi);
    CHECK(s.factors[1].lo == 0.5);
    CHECK(s.factors[0].line == 6);
    REQUIRE(s.outputs.size() == 3);
    CHECK(s.outputs[2].name() == "wsw:AM01:2016");
    const auto points = sweep_points(sweep);
    CHECK(points.size() == 8);
    CHECK(plan_csv(sweep, points) == plan_csv(load_sweep(data("morris.yaml")), points));
}

TEST_CASE("a bad sweep file reports every problem at its line", "[sweep][scenario]") {
    std::vector<std::string> messages;
    try {
        load_sweep(data("bad.yaml"));
        FAIL("no error");
    } catch (const ScenarioError& e) {
        for (const auto& d : e.diagnostics()) messages.push_back(format_diagnostic(d));
    }
    const std::string all = [&] {
        std::string s;
        for (const auto& m : messages) s += m + "\n";
        return s;
    }();
    INFO(all);
    const std::string f = data("bad.yaml");
    for (const std::string expected : {
             ":2:1: error: nam: unknown key 'nam'; did you mean 'name'?",
             ":3:25: error: scenarios[1]: no scenario file at",
             ":5:10: error: parameters[0].key: unknown scenario key 'policy.company.functions.matching.score_multiplyer'; "
             "did you mean 'policy.company.functions.matching.score_multiplier'?",
             ":6:10: error: parameters[1].key: 'policy.company.mode' is not a numeric key",
             ":8:18: error: parameters[2].range[1]: 13 is not a valid value of "
             "policy.company.functions.training.intake_rate_per_year: must be 0 to 12",
             ":10:13: error: parameters[3].values: values is for grid designs",
             ":11:51: error: design.levels: 3 levels: Morris needs an even number of levels",
             ":12:13: error: replicates: 0 is out of range: must be 1 to 100000",
             ":15:14: error: outputs[0].metric: 'regulr' is not a column of yearly.csv; did you mean 'regular'?",
             ":16:27: error: outputs[1].region: 'AM99' is not a region of scenario short_ontwikkelbedrijf",
             ":17:37: error: outputs[2].year: 2030 is outside the horizon 2015-2017",
             ":18:43: error: outputs[3].extra: unknown key 'extra'"})
        CHECK(std::any_of(messages.begin(), messages.end(), [&](const std::string& m) {
            return m.starts_with(f + expected.substr(0, expected.find(' '))) && m.find(expected) != std::string::npos;
        }));
    CHECK(messages.size() == 12);
}

TEST_CASE("a point that breaks a rule between keys is an error naming the point", "[sweep][scenario]") {
    const Sweep sweep = load_sweep(data("bad_combination.yaml"));
    const auto points = sweep_points(sweep);
    REQUIRE(points.size() == 2);
    CHECK_NOTHROW(point_scenarios(sweep, points, 0, 1));
    try {
        point_scenarios(sweep, points, 0, 2);
        FAIL("no error");
    } catch (const ScenarioError& e) {
        REQUIRE(e.diagnostics().size() == 1);
        CHECK(e.diagnostics()[0].line == 5);
        CHECK(e.diagnostics()[0].message.starts_with("at point 1 (short_ontwikkelbedrijf): wsw_detached_share"));
    }
}

TEST_CASE("every shipped sweep file loads and plans", "[sweep][scenario]") {
    int files = 0;
    for (const auto& entry : fs::directory_iterator(std::string(SWSIM_SOURCE_DIR) + "/scenarios/sweeps")) {
        if (entry.path().extension() != ".yaml") continue;
        INFO(entry.path().string());
        ++files;
        const Sweep sweep = load_sweep(entry.path().string());
        const auto points = sweep_points(sweep);
        CHECK(points.size() > 1);
        CHECK_NOTHROW(point_scenarios(sweep, points, 0, points.size()));
    }
    CHECK(files >= 2);
}

TEST_CASE("shards partition the runs into contiguous blocks", "[sweep][unit]") {
    for (std::size_t runs : {0u, 1u, 7u, 16u, 100u})
        for (int n = 1; n <= 9; ++n) {
            std::size_t next = 0;
            for (int i = 1; i <= n; ++i) {
                const Slice s = shard_slice(runs, i, n);
                CHECK(s.begin == next);
                CHECK(s.end - s.begin <= runs / std::size_t(n) + 1);
                next = s.end;
            }
            CHECK(next == runs);
        }
}

TEST_CASE("a sharded sweep merges to exactly the unsharded result, and a rerun resumes", "[sweep][determinism]") {
    const Sweep sweep = load_sweep(data("morris.yaml"));
    const auto points = sweep_points(sweep);
    const fs::path whole = fresh_dir("whole"), parts = fresh_dir("parts");
    run_shard(sweep, points, whole, 1, 1);
    merge_sweep(sweep, points, whole, 1, "swsim");
    for (int i = 1; i <= 3; ++i) CHECK_FALSE(run_shard(sweep, points, parts, i, 3).skipped);
    merge_sweep(sweep, points, parts, 3, "swsim");
    for (const char* f : {"points.csv", "sensitivity.csv"}) CHECK(slurp(whole / f) == slurp(parts / f));
    const std::string sens = slurp(whole / "sensitivity.csv");
    CHECK(sens.starts_with("method,factor,output,index,value,ci_low,ci_high\n"));
    CHECK(sens.find("morris,policy.company.functions.matching.job_loss_multiplier,regular:NL:2017,mu_star,") !=
          std::string::npos);

    CHECK(run_shard(sweep, points, parts, 2, 3).skipped);
    fs::remove(shard_path(parts, 2, 3));
    std::ofstream(shard_path(parts, 3, 3), std::ios::app) << "9,9,1,2,3\n";  // no longer complete
    try {
        merge_sweep(sweep, points, parts, 3, "/bin/swsim");
        FAIL("no error");
    } catch (const InputError& e) {
        const std::string m = e.what();
        CHECK(m.find("2 of 3 shard(s) missing or incomplete") != std::string::npos);
        CHECK(m.find("shard 2/3: missing") != std::string::npos);
        CHECK(m.find("shard 3/3: incomplete") != std::string::npos);
        CHECK(m.find("rerun: /bin/swsim sweep run " + sweep.spec.file + " --shard 2/3 --out ") != std::string::npos);
    }
    CHECK_FALSE(run_shard(sweep, points, parts, 2, 3).skipped);
    CHECK_FALSE(run_shard(sweep, points, parts, 3, 3).skipped);
    merge_sweep(sweep, points, parts, 3, "swsim");
    for (const char* f : {"points.csv", "sensitivity.csv"}) CHECK(slurp(whole / f) == slurp(parts / f));

    claim_sweep_dir(parts, sweep, points, 3);
    CHECK_THROWS_AS(claim_sweep_dir(parts, sweep, points, 4), InputError);
    fs::remove_all(whole);
    fs::remove_all(parts);
}
