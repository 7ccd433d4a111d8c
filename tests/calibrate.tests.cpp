// Calibration by history matching: the calibration file's checks with their lines, the
// implausibility, a known parameter set recovered from targets the model made itself, results that
// are byte-identical for any thread count and sharding, and a wave that rules out every point.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include <unistd.h>

#include "swsim/calibrate/calibration.hpp"
#include "swsim/calibrate/history.hpp"
#include "swsim/run/runner.hpp"
#include "swsim/run/stats.hpp"
#include "swsim/scenario/load.hpp"
#include "swsim/sweep/shards.hpp"

using namespace swsim;
namespace fs = std::filesystem;

namespace {

std::string data(const std::string& name) { return std::string(SWSIM_SOURCE_DIR) + "/tests/data/calibrate/" + name; }

std::string slurp(const fs::path& p) {
    std::stringstream s;
    s << std::ifstream(p).rdbuf();
    return s.str();
}

fs::path fresh_dir(const std::string& name) {
    const fs::path d = fs::temp_directory_path() / ("swsim_calibrate_" + name + "_" + std::to_string(::getpid()));
    fs::remove_all(d);
    return d;
}

// Every stage of a calibration into dir (each in `shards` shards on `threads` threads), then the merge.
CalibrationSummary calibrate_all(const Calibration& cal, const fs::path& dir, int threads, int shards) {
    const RunControl control{nullptr, {}, {}, threads, false};
    for (int wave = 1;; ++wave) {
        const StagePlan plan = plan_stage(cal, dir, Stage{wave}, "swsim");
        if (!plan.skip_reason.empty()) break;
        run_stage(plan, dir, 0, shards, control);
    }
    run_stage(plan_stage(cal, dir, Stage{0}, "swsim"), dir, 0, shards, control);
    return merge_calibration(cal, dir, "swsim", "test");
}

// The rows of a CSV table as maps from header to text.
std::vector<std::map<std::string, std::string>> rows(const std::string& csv) {
    std::istringstream in(csv);
    std::string line;
    std::getline(in, line);
    std::vector<std::string> header;
    std::istringstream h(line);
    for (std::string cell; std::getline(h, cell, ',');) header.push_back(cell);
    std::vector<std::map<std::string, std::string>> out;
    while (std::getline(in, line)) {
        std::istringstream l(line);
        std::map<std::string, std::string> row;
        std::size_t c = 0;
        for (std::string cell; std::getline(l, cell, ',') && c < header.size(); ++c) row[header[c]] = cell;
        out.push_back(row);
    }
    return out;
}

}  // namespace

TEST_CASE("calibration files: every bad input is named with its line and key", "[calibrate][scenario]") {
    struct Case {
        const char* file;
        int line;
        const char* key;
        const char* message;
    };
    const Case cases[] = {
        {"unknown_metric.yaml", 6, "targets[0].metric", "'wsw_persons' is not a column of yearly.csv"},
        {"unknown_region.yaml", 6, "targets[0].region", "'AM99' is not a region of scenario tiny_observed"},
        {"year_outside.yaml", 6, "targets[0].year", "2018 is outside the horizon 2015-2017 of scenario tiny_observed"},
        {"zero_sd.yaml", 6, "targets[0].sd", "the uncertainty must be above 0"},
        {"negative_sd.yaml", 6, "targets[0].relative_sd", "the uncertainty must be above 0"},
        {"not_numeric.yaml", 4, "parameters[0].key", "'policy.company.mode' is not a numeric key"},
        {"no_targets.yaml", 5, "targets", "expected a non-empty list"},
        {"after_window.yaml", 8, "targets[0].year", "later figures are for validation only (set fit: false)"},
        {"scale_without_range.yaml", 4, "parameters[0]", "scale: true needs range: [lo, hi]"},
    };
    for (const Case& c : cases) {
        INFO(c.file);
        try {
            load_calibration(data(c.file));
            FAIL("accepted");
        } catch (const ScenarioError& e) {
            const auto& d = e.diagnostics();
            const auto it = std::find_if(d.begin(), d.end(), [&](const Diagnostic& x) { return x.key == c.key; });
            INFO(e.what());
            REQUIRE(it != d.end());
            CHECK(it->line == c.line);
            CHECK(it->col > 0);
            CHECK(it->message.find(c.message) != std::string::npos);
            CHECK(it->file.find(c.file) != std::string::npos);
        }
    }
}

TEST_CASE("implausibility: the distance in sds of observation, run and model discrepancy", "[calibrate][unit]") {
    Target t;
    t.observed = 100;
    t.sd = 3;
    t.discrepancy = 0.04;  // model sd 4
    CHECK(implausibility(t, 100, 0) == 0);
    CHECK(implausibility(t, 110, 0) == Approx(2.0));    // 10 / sqrt(9 + 16)
    CHECK(implausibility(t, 88, 144) == Approx(12.0 / 13.0));  // 12 / sqrt(9 + 144 + 16)
    CHECK(std::isinf(implausibility(t, std::nan(""), 0)));  // an output that is not a number rules a point out
}

TEST_CASE("a multiplier parameter scales a series and keeps its shape", "[calibrate][unit]") {
    Scenario sc = load_calibration(data("small.yaml")).base.scenario;
    const auto before = sc.behaviour.matching.vacancies_per_1000_pop_15_64_per_year.points();
    set_parameter(sc, "behaviour.matching.vacancies_per_1000_pop_15_64_per_year:scale", 1.5);
    const auto after = sc.behaviour.matching.vacancies_per_1000_pop_15_64_per_year.points();
    REQUIRE(after.size() == before.size());
    for (std::size_t i = 0; i < after.size(); ++i) {
        CHECK(after[i].first == before[i].first);
        CHECK(after[i].second == Approx(before[i].second * 1.5));
    }
    CHECK_THROWS_AS(set_parameter(sc, "behaviour.matching.vacancies_per_1000_pop_15_64_per_year:scale", 1e6), ScenarioError);
}

TEST_CASE("history matching recovers a known parameter set from targets the model made", "[calibrate][slow]") {
    Calibration cal = load_calibration(data("small.yaml"));
    cal.spec.method.points = 40;
    cal.spec.method.waves = 3;
    // The truth: a point inside the priors, run with draws no wave uses.
    const std::vector<double> truth = {4.2, 1.25};
    Scenario known = cal.base.scenario;
    for (std::size_t i = 0; i < truth.size(); ++i) set_parameter(known, cal.spec.parameters[i].key, truth[i]);
    const auto runs = run_replicates(known, cal.base.regions, 500, 6);
    Sweep probe;
    probe.spec.outputs.clear();
    for (const Target& t : cal.spec.targets) probe.spec.outputs.push_back(t.output);
    for (std::size_t t = 0; t < cal.spec.targets.size(); ++t) {
        std::vector<double> v;
        for (const RunResult& r : runs) v.push_back(std::stod(run_outputs(probe.spec, r)[t]));
        cal.spec.targets[t].observed = summarise(v).mean;
        cal.spec.targets[t].sd = std::max(summarise(v).sd, 1e-3 * std::fabs(summarise(v).mean));
    }
    const fs::path dir = fresh_dir("recover");
    const CalibrationSummary sum = calibrate_all(cal, dir, 2, 1);
    CHECK(sum.unreached.empty());
    // Most of the prior is ruled out by the first wave...
    CHECK(sum.waves.front().ruled_out_share() >= 0.5);
    // ...and the truth lies inside the non-implausible set's range of every parameter.
    const auto params = rows(slurp(dir / "parameters.csv"));
    REQUIRE(params.size() == truth.size());
    double volume = 1;
    for (std::size_t i = 0; i < truth.size(); ++i) {
        INFO(params[i].at("key"));
        CHECK(std::stod(params[i].at("calibrated_lo")) <= truth[i]);
        CHECK(std::stod(params[i].at("calibrated_hi")) >= truth[i]);
        volume *= 1 - std::stod(params[i].at("range_shrinkage"));
    }
    CHECK(volume < 0.7);  // the box around the non-implausible points is well inside the prior
    fs::remove_all(dir);
}

TEST_CASE("calibration results are byte-identical for any thread count and sharding", "[calibrate][determinism]") {
    const Calibration cal = load_calibration(data("small.yaml"));
    const fs::path one = fresh_dir("one"), sharded = fresh_dir("sharded");
    calibrate_all(cal, one, 2, 1);
    calibrate_all(cal, sharded, 1, 3);
    for (const char* f : {"points.csv", "waves.csv", "nonimplausible.csv", "ensemble.csv", "validation.csv", "parameters.csv"}) {
        INFO(f);
        CHECK(slurp(one / f) == slurp(sharded / f));
        CHECK(!slurp(one / f).empty());
    }
    // The ensemble is what compare --ensemble reads: member, then one column per parameter.
    const auto members = rows(slurp(one / "ensemble.csv"));
    REQUIRE(members.size() == 8);
    CHECK(members.front().at("member") == "1");
    CHECK(members.front().count("behaviour.matching.vacancies_per_1000_pop_15_64_per_year:scale") == 1);
    fs::remove_all(one);
    fs::remove_all(sharded);
}

TEST_CASE("a stage needs the stages before it, and names the command that runs them", "[calibrate]") {
    const Calibration cal = load_calibration(data("small.yaml"));
    const fs::path dir = fresh_dir("order");
    try {
        plan_stage(cal, dir, Stage{2}, "swsim");
        FAIL("planned wave 2 before wave 1");
    } catch (const InputError& e) {
        CHECK(std::string(e.what()).find("wave-1 has not run yet; run it with: swsim calibrate run " + cal.spec.file +
                                         " --wave 1 --shard 1/1") != std::string::npos);
    }
    CHECK(plan_stage(cal, dir, Stage{3}, "swsim").skip_reason.find("at most 2 wave(s)") != std::string::npos);
}

TEST_CASE("a wave that rules out every point stops and names the targets", "[calibrate]") {
    const Calibration cal = load_calibration(data("impossible.yaml"));
    const fs::path dir = fresh_dir("impossible");
    run_stage(plan_stage(cal, dir, Stage{1}, "swsim"), dir, 0, 1, RunControl{nullptr, {}, {}, 2, false});
    try {
        plan_stage(cal, dir, Stage{2}, "swsim");
        FAIL("planned a wave after one that ruled out every point");
    } catch (const CalibrationFailed& e) {
        const std::string m = e.what();
        CHECK(m.find("every one of the 10 points of wave 1 is ruled out") != std::string::npos);
        CHECK(m.find("impossible.yaml:7: wsw:NL:2016: rules out 10 of 10 points; observed 10000") != std::string::npos);
        CHECK(m.find("banenafspraak_jobs") == std::string::npos);  // it rules out none
    }
    fs::remove_all(dir);
}

TEST_CASE("the shipped calibration loads, and its committed ensemble is what compare reads", "[calibrate][scenario]") {
    const Calibration cal = load_calibration(std::string(SWSIM_SOURCE_DIR) + "/scenarios/calibration/observed.yaml");
    CHECK(cal.spec.parameters.size() == 13);
    CHECK(cal.spec.targets.size() == 19);
    for (const Target& t : cal.spec.targets) {
        CHECK(t.output.year <= 2019);  // the calibration window
        CHECK(t.source.front() == '[');  // a FACTS.md label
    }
    const auto members = rows(slurp(std::string(SWSIM_SOURCE_DIR) + "/scenarios/calibration/observed/ensemble.csv"));
    REQUIRE(members.size() == std::size_t(cal.spec.ensemble.members));
    for (const Factor& f : cal.spec.parameters) {
        INFO(f.key);
        REQUIRE(members.front().count(f.key) == 1);
        for (const auto& m : members) {
            CHECK(std::stod(m.at(f.key)) >= f.lo);
            CHECK(std::stod(m.at(f.key)) <= f.hi);
        }
    }
}
