// swsim compare: the statistics (percentiles, Student t quantiles, paired and Welch intervals, NA),
// determinism of the tables (thread count, order of runs, equal to swsim run), common random numbers
// against independent runs, and the command line (files written, bad input, Ctrl-C).
#include <catch2/catch.hpp>

#include <signal.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <limits>
#include <numeric>
#include <random>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <tbb/global_control.h>

#include "swsim/output/comparison.hpp"
#include "swsim/output/tables.hpp"
#include "swsim/run/compare.hpp"
#include "swsim/run/stats.hpp"
#include "child.hpp"

using namespace swsim;
using namespace swsim::test;
namespace fs = std::filesystem;

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

const std::string kSource = SWSIM_SOURCE_DIR;
const std::string kReference = kSource + "/tests/data/run/short.yaml";  // sterfhuis, scale 0.05, to 2017
const std::string kTwin = kSource + "/tests/data/compare/short_ontwikkelbedrijf.yaml";

const std::vector<std::string> kTables = {"yearly.csv",         "summary.csv",   "comparison.csv", "cohorts.csv",
                                         "municipalities.csv", "companies.csv", "results.xlsx"};

std::size_t lines(const std::string& text) { return static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n')); }

// The fields of one CSV row of a table whose first fields match `key` (e.g. "short,2017,NL,seeking,").
std::vector<std::string> row(const std::string& table, const std::string& key) {
    const auto at = table.find("\n" + key);
    REQUIRE(at != std::string::npos);
    std::stringstream line(table.substr(at + 1, table.find('\n', at + 1) - at - 1));
    std::vector<std::string> fields;
    for (std::string f; std::getline(line, f, ',');) fields.push_back(f);
    return fields;
}

Comparison small_comparison(std::uint32_t replications, bool independent = false) {
    CompareOptions opt;
    opt.files = {kReference, kTwin};
    opt.replications = static_cast<int>(replications);
    opt.independent = independent;
    return load_comparison(opt);
}

std::string tables_of(const Comparison& cmp, const std::vector<RunResult>& runs) {
    return yearly_csv(runs) + summary_csv(cmp, runs) + comparison_csv(cmp, runs) + headline_csv(cmp, runs) +
           cohorts_csv(runs);
}

}  // namespace

// ------------------------------------------------------------------------------------------ statistics

TEST_CASE("percentiles interpolate between order statistics (type 7)", "[unit]") {
    const std::vector<double> v{1, 2, 3, 4};
    CHECK(quantile_sorted(v, 0.05) == Approx(1.15));
    CHECK(quantile_sorted(v, 0.95) == Approx(3.85));
    CHECK(quantile_sorted(v, 0.5) == Approx(2.5));
    CHECK(quantile_sorted(v, 0) == 1);
    CHECK(quantile_sorted(v, 1) == 4);
    CHECK(quantile_sorted(std::vector<double>{7}, 0.95) == 7);
    const Summary s = summarise(std::vector<double>{9, 2, 5, 4, 4, 4, 5, 7});  // order does not matter
    CHECK(s.mean == Approx(5));
    CHECK(s.sd == Approx(std::sqrt(32.0 / 7)));  // n - 1
    CHECK(s.p05 == Approx(2 + 0.35 * 2));        // h = 0.35 between 2 and 4
    CHECK(s.p95 == Approx(7 + 0.65 * 2));        // h = 6.65 between 7 and 9
    CHECK(s.n == 8);
}

TEST_CASE("Student t quantiles match the tables", "[unit]") {
    CHECK(student_t_quantile(0.95, 1) == Approx(6.313752).epsilon(1e-6));
    CHECK(student_t_quantile(0.95, 2) == Approx(2.919986).epsilon(1e-6));
    CHECK(student_t_quantile(0.95, 3) == Approx(2.353363).epsilon(1e-6));
    CHECK(student_t_quantile(0.95, 9) == Approx(1.833113).epsilon(1e-6));
    CHECK(student_t_quantile(0.95, 29) == Approx(1.699127).epsilon(1e-6));
    CHECK(student_t_quantile(0.975, 10) == Approx(2.228139).epsilon(1e-6));
    CHECK(student_t_quantile(0.99, 5) == Approx(3.364930).epsilon(1e-6));
    CHECK(student_t_quantile(0.95, 120) == Approx(1.657651).epsilon(1e-6));
    CHECK(student_t_quantile(0.95, 1e7) == Approx(1.644854).epsilon(1e-6));  // the normal quantile
    CHECK(student_t_quantile(0.05, 9) == Approx(-1.833113).epsilon(1e-6));
    CHECK(student_t_quantile(0.5, 4) == 0);
    // Fractional degrees of freedom (Welch) lie between their neighbours.
    const double t45 = student_t_quantile(0.95, 4.5);
    CHECK(t45 < student_t_quantile(0.95, 4));
    CHECK(t45 > student_t_quantile(0.95, 5));
    CHECK(std::isnan(student_t_quantile(0.95, 0)));
}

TEST_CASE("paired and Welch intervals on hand-made examples", "[unit]") {
    // Differences 1, 2, 3, 1: mean 1.75, sd sqrt(2.75 / 3), t(0.95, 3) = 2.353363.
    const std::vector<double> scenario{11, 12, 14, 13}, reference{10, 10, 11, 12};
    const Interval p = paired_interval(scenario, reference, 0.90);
    const double half = 2.353363 * std::sqrt(2.75 / 3) / 2;
    CHECK(p.mean == Approx(1.75));
    CHECK(p.low == Approx(1.75 - half).epsilon(1e-6));
    CHECK(p.high == Approx(1.75 + half).epsilon(1e-6));
    CHECK(p.n == 4);
    // Equal variances and sizes: Welch df = 2 (n - 1) = 4, se = sqrt(2 / 3), t(0.95, 4) = 2.131847.
    const Interval w = welch_interval(std::vector<double>{4, 5, 6}, std::vector<double>{1, 2, 3}, 0.90);
    CHECK(w.mean == Approx(3));
    CHECK(w.low == Approx(3 - 2.131847 * std::sqrt(2.0 / 3)).epsilon(1e-6));
    CHECK(w.high == Approx(3 + 2.131847 * std::sqrt(2.0 / 3)).epsilon(1e-6));
    // Equal differences: no spread, the interval is the point.
    const Interval same = paired_interval(std::vector<double>{3, 4, 5}, std::vector<double>{1, 2, 3}, 0.90);
    CHECK(same.low == 2);
    CHECK(same.high == 2);
}

TEST_CASE("a value missing in any replicate makes its statistics NA", "[unit]") {
    const std::vector<double> with_nan{1, kNaN, 3}, plain{1, 2, 3};
    const Summary s = summarise(with_nan);
    CHECK((std::isnan(s.mean) && std::isnan(s.p05) && std::isnan(s.p95) && std::isnan(s.sd)));
    CHECK(s.n == 3);
    CHECK(std::isnan(paired_interval(with_nan, plain, 0.9).mean));
    CHECK(std::isnan(paired_interval(plain, with_nan, 0.9).high));
    CHECK(std::isnan(welch_interval(plain, with_nan, 0.9).low));
    // One replicate: a mean but no spread and no interval.
    const Summary one = summarise(std::vector<double>{4});
    CHECK(one.mean == 4);
    CHECK(std::isnan(one.sd));
    const Interval i = paired_interval(std::vector<double>{5}, std::vector<double>{4}, 0.9);
    CHECK(i.mean == 1);
    CHECK(std::isnan(i.low));
}

TEST_CASE("independent seeds differ per scenario and stay below 2^53", "[unit]") {
    CHECK(independent_seed(20150101, 0) == 20150101);
    const auto a = independent_seed(20150101, 1), b = independent_seed(20150101, 2);
    CHECK(a != b);
    CHECK(a != 20150101);
    CHECK(a < (std::uint64_t{1} << 53));
    CHECK(b < (std::uint64_t{1} << 53));
}

// ------------------------------------------------------------------------------------------ determinism

TEST_CASE("compare tables do not depend on threads or on the order runs finish", "[determinism]") {
    const Comparison cmp = small_comparison(3);
    std::string first;
    for (int threads : {1, 2, 8}) {
        tbb::global_control limit(tbb::global_control::max_allowed_parallelism, static_cast<std::size_t>(threads));
        const auto runs = run_comparison(cmp);
        REQUIRE(runs);
        const std::string tables = tables_of(cmp, *runs);
        if (first.empty()) first = tables;
        INFO("threads " << threads);
        CHECK(tables == first);
    }
    std::vector<std::size_t> order(cmp.runs());
    std::iota(order.rbegin(), order.rend(), std::size_t{0});  // last run first
    const auto reversed = run_comparison(cmp, {nullptr, {}, order});
    REQUIRE(reversed);
    CHECK(tables_of(cmp, *reversed) == first);
    std::shuffle(order.begin(), order.end(), std::mt19937(7));
    const auto shuffled = run_comparison(cmp, {nullptr, {}, order});
    REQUIRE(shuffled);
    CHECK(tables_of(cmp, *shuffled) == first);
}

TEST_CASE("a set stop flag skips every run that has not started", "[determinism]") {
    const Comparison cmp = small_comparison(2);
    const std::atomic<bool> stop{true};
    std::atomic<int> done{0};
    CHECK_FALSE(run_comparison(cmp, {&stop, [&] { ++done; }, {}}));
    CHECK(done == 0);
}

// Common random numbers: both scenarios start from the same population and meet the same draws, so
// the paired difference varies far less than the difference of independent runs. At the end of 2017
// (8 replicates of a 5 % sample) the measured ratio of widths is about 3 for NL seeking and about 6
// for the municipal net cost; the checks leave a wide margin.
TEST_CASE("common random numbers give a narrower interval than independent runs", "[determinism]") {
    const Comparison crn = small_comparison(8), independent = small_comparison(8, true);
    const auto crn_runs = run_comparison(crn), independent_runs = run_comparison(independent);
    REQUIRE(crn_runs);
    REQUIRE(independent_runs);
    const std::string crn_table = comparison_csv(crn, *crn_runs);
    const std::string independent_table = comparison_csv(independent, *independent_runs);
    for (const auto& [metric, factor] : {std::pair{"seeking", 1.5}, std::pair{"municipal_net_cost", 3.0}}) {
        auto width = [&](const std::string& table) {
            const auto f = row(table, std::string("short_ontwikkelbedrijf,short,2017,NL,") + metric + ",");
            return std::stod(f[7]) - std::stod(f[6]);
        };
        const double w_crn = width(crn_table), w_independent = width(independent_table);
        INFO(metric << ": 90 % interval width " << w_crn << " (common random numbers), " << w_independent
                    << " (independent)");
        CHECK(w_crn > 0);
        CHECK(w_crn * factor < w_independent);
    }
}

// ------------------------------------------------------------------------------------------ command line

TEST_CASE("compare writes the six files in their formats", "[cli]") {
    const fs::path dir = fresh_dir("files");
    const Result r = swsim_cli({"compare", kReference, kTwin, "--replications", "2", "--out", dir.string()}, dir / "io");
    INFO(r.err);
    REQUIRE(r.status == 0);
    CHECK(contains(r.out, "short_ontwikkelbedrijf vs short (NL; mean of 2 replicates"));
    CHECK(contains(r.out, "seeking"));
    CHECK(contains(r.out, "4 run(s)"));
    const std::size_t metrics = yearly_columns().size() - 4, records = 3 * 36;  // 3 years x (35 regions + NL)
    const std::string yearly = slurp(dir / "yearly.csv"), summary = slurp(dir / "summary.csv"),
                      comparison = slurp(dir / "comparison.csv"), manifest = slurp(dir / "manifest.json");
    CHECK(lines(yearly) == 1 + 2 * 2 * records);
    CHECK(yearly.rfind("scenario,replicate,year,region,wsw,", 0) == 0);
    CHECK(lines(summary) == 1 + 2 * records * metrics);
    CHECK(summary.rfind("scenario,year,region,metric,mean,p05,p95,sd,n\nshort,2015,", 0) == 0);
    CHECK(lines(comparison) == 1 + records * metrics);
    CHECK(comparison.rfind("scenario,reference,year,region,metric,mean_diff,ci_low,ci_high,n\n"
                           "short_ontwikkelbedrijf,short,2015,",
                           0) == 0);
    // Scenario, year, region (NL last), metric in column order.
    CHECK(row(summary, "short_ontwikkelbedrijf,2017,NL,deficit_per_place,").back() == "2");
    CHECK(summary.substr(summary.size() - 200).find("short_ontwikkelbedrijf,2017,NL,deficit_per_place,") !=
          std::string::npos);
    CHECK(contains(manifest, "\"pairing\": \"common random numbers\""));
    CHECK(contains(manifest, "\"hash\": \""));
    CHECK(contains(manifest, "\"seed\": 20150101"));
    // cohorts.csv: per scenario, the stock (2014) first; listed in the manifest like every table.
    const std::string cohorts = slurp(dir / "cohorts.csv");
    CHECK(cohorts.rfind("scenario,origin,cohort_year,years_after,region,metric,mean,p05,p95,sd,n\n"
                        "short,wsw,2014,1,AM01,entrants,",
                        0) == 0);
    CHECK(contains(cohorts, "\nshort_ontwikkelbedrijf,wsw_waitlist,2014,2,NL,ever_placed_share,"));
    const VerifiedFolder folder = verify_result_folder(dir);
    for (const auto& name : kTables) CHECK(folder.has(name));
    CHECK(slurp(dir / "results.xlsx").rfind("PK", 0) == 0);  // a zip container
    for (const auto& entry : fs::directory_iterator(dir))
        CHECK_FALSE(contains(entry.path().filename().string(), ".tmp."));
    fs::remove_all(dir);
}

TEST_CASE("compare output is byte-identical for 1, 2 and 8 threads", "[determinism][cli]") {
    std::vector<std::string> first;
    for (const char* threads : {"1", "2", "8"}) {
        const fs::path dir = fresh_dir(std::string("threads") + threads);
        const Result r = swsim_cli(
            {"compare", kReference, kTwin, "--replications", "3", "--threads", threads, "--out", dir.string()}, dir / "io");
        REQUIRE(r.status == 0);
        std::vector<std::string> files;
        for (const auto& name : kTables) files.push_back(slurp(dir / name));
        if (first.empty()) first = files;
        for (std::size_t i = 0; i < kTables.size(); ++i) {
            INFO(kTables[i] << " with " << threads << " threads");
            CHECK(files[i] == first[i]);
        }
        fs::remove_all(dir);
    }
}

TEST_CASE("the runs inside compare equal swsim run's with the same seed", "[determinism][cli]") {
    const fs::path dir = fresh_dir("same_as_run");
    for (const char* seed : {"20150101", "77"}) {
        INFO("seed " << seed);
        // The second seed replaces the first's results in the same folders: other inputs, --force.
        const std::vector<std::string> common{"--replications", "2", "--seed", seed, "--force"};
        auto args = [&](std::vector<std::string> head, const std::string& out) {
            head.insert(head.end(), common.begin(), common.end());
            head.insert(head.end(), {"--out", out});
            return head;
        };
        REQUIRE(swsim_cli(args({"compare", kReference, kTwin}, (dir / "compare").string()), dir / "io").status == 0);
        REQUIRE(swsim_cli(args({"run", kReference}, (dir / "ref").string()), dir / "io").status == 0);
        REQUIRE(swsim_cli(args({"run", kTwin}, (dir / "twin").string()), dir / "io").status == 0);
        // yearly.csv and cohorts.csv of compare are the reference's table followed by the twin's rows.
        for (const char* table : {"yearly.csv", "cohorts.csv"}) {
            INFO(table);
            const std::string ref = slurp(dir / "ref" / table), twin = slurp(dir / "twin" / table);
            CHECK(slurp(dir / "compare" / table) == ref + twin.substr(twin.find('\n') + 1));
        }
    }
    fs::remove_all(dir);
}

TEST_CASE("compare --independent gives every scenario its own seed", "[cli]") {
    const fs::path dir = fresh_dir("independent");
    const Result r =
        swsim_cli({"compare", kReference, kTwin, "--replications", "2", "--independent", "--out", dir.string()}, dir / "io");
    REQUIRE(r.status == 0);
    CHECK(contains(r.out, "independent runs"));
    const std::string manifest = slurp(dir / "manifest.json");
    CHECK(contains(manifest, "\"pairing\": \"independent\""));
    CHECK(contains(manifest, "Welch"));
    CHECK(contains(manifest, "\"seed\": 20150101"));
    CHECK(contains(manifest, "\"seed\": " + std::to_string(independent_seed(20150101, 1))));
    fs::remove_all(dir);
}

TEST_CASE("compare --reference NAME compares with that scenario, --years chooses the headline's years", "[cli]") {
    CompareOptions opt;
    opt.files = {kReference, kTwin};
    opt.replications = 1;
    opt.reference = "short_ontwikkelbedrijf";
    opt.years = {2017, 2016, 2017};
    const Comparison cmp = load_comparison(opt);
    REQUIRE(cmp.inputs.size() == 2);
    CHECK(cmp.inputs[0].scenario.simulation.name == "short_ontwikkelbedrijf");
    CHECK(cmp.inputs[1].scenario.simulation.name == "short");
    CHECK(cmp.years == std::vector<int>{2016, 2017});
    const auto runs = run_comparison(cmp);
    REQUIRE(runs);
    const std::string headline = headline_csv(cmp, *runs);
    CHECK(contains(headline, "short,short_ontwikkelbedrijf,2016,"));
    CHECK(contains(headline, "short,short_ontwikkelbedrijf,2017,"));
    CHECK_FALSE(contains(headline, ",2015,"));
    // The differences are the other way round from the default order's.
    const Comparison plain = small_comparison(1);
    const auto plain_runs = run_comparison(plain);
    REQUIRE(plain_runs);
    const auto swapped = row(comparison_csv(cmp, *runs), "short,short_ontwikkelbedrijf,2017,NL,regular,");
    const auto usual = row(comparison_csv(plain, *plain_runs), "short_ontwikkelbedrijf,short,2017,NL,regular,");
    CHECK(std::stod(swapped[5]) == Approx(-std::stod(usual[5])));
}

TEST_CASE("simulation.headline_years chooses the headline's years, compare and run --years override it", "[cli]") {
    CompareOptions opt;
    opt.files = {kReference, kTwin};
    opt.replications = 1;
    opt.sets = {"simulation.headline_years=[2017, 2016]"};
    const Comparison keyed = load_comparison(opt);
    CHECK(keyed.years == std::vector<int>{2016, 2017});
    opt.years = {2015};
    CHECK(load_comparison(opt).years == std::vector<int>{2015});
    // run prints the years of the key, or of --years.
    const fs::path dir = fresh_dir("headline_years"), scratch = fresh_dir("headline_years_io");
    const Result r = swsim_cli({"run", kReference, "--replications", "1", "--set", "simulation.headline_years=[2016]",
                                "--out", dir.string()},
                               scratch);
    INFO(r.err);
    REQUIRE(r.status == 0);
    const std::string first_line = r.out.substr(0, r.out.find('\n'));
    CHECK(contains(first_line, "2016"));
    CHECK_FALSE(contains(first_line, "2015"));
    CHECK_FALSE(contains(first_line, "2017"));
    // (other inputs than the first run's, so --force)
    const Result y = swsim_cli(
        {"run", kReference, "--replications", "1", "--years", "2015,2017", "--out", dir.string(), "--force"}, scratch);
    REQUIRE(y.status == 0);
    const std::string line = y.out.substr(0, y.out.find('\n'));
    CHECK(contains(line, "2015"));
    CHECK(contains(line, "2017"));
    CHECK_FALSE(contains(line, "2016"));
    // A year outside the run is refused at the key.
    const Result bad = swsim_cli({"validate", kReference, "--set", "simulation.headline_years=[2016, 2030]"}, scratch);
    CHECK(bad.status == 2);
    CHECK(contains(bad.err, "simulation.headline_years: 2030 is not a full year of the run (2015-01 .. 2017-12)"));
    const Result twice = swsim_cli({"validate", kReference, "--set", "simulation.headline_years=[2016, 2016]"}, scratch);
    CHECK(twice.status == 2);
    CHECK(contains(twice.err, "simulation.headline_years: 2016 is given twice"));
    for (const fs::path& p : {dir, scratch}) fs::remove_all(p);
}

TEST_CASE("compare --reference and --years are checked: exit 2, the argument named, nothing written", "[cli]") {
    const fs::path dir = fresh_dir("bad_reference"), scratch = fresh_dir("bad_reference_io");
    const std::vector<std::pair<std::vector<std::string>, std::string>> cases = {
        {{"--reference", "nosuch"}, "--reference: no scenario is named 'nosuch' (the scenarios are short, short_ontwikkelbedrijf)"},
        {{"--years", "2016,2030"}, "--years: 2030 is not a full year of the run (2015-01 .. 2017-12)"},
        {{"--years", "1990"}, "--years"},
    };
    for (const auto& [extra, message] : cases) {
        std::vector<std::string> args = {"compare", kReference, kTwin, "--replications", "1", "--out", dir.string()};
        args.insert(args.end(), extra.begin(), extra.end());
        const Result r = swsim_cli(args, scratch);
        INFO(r.err);
        CHECK(r.status == 2);
        CHECK(contains(r.err, message));
        CHECK_FALSE(fs::exists(dir));
    }
    fs::remove_all(scratch);
}

TEST_CASE("compare with bad input exits 2 and writes nothing", "[cli]") {
    const fs::path dir = fresh_dir("bad"), scratch = fresh_dir("bad_io");
    const std::string bad = kSource + "/tests/data/scenario/out_of_range.yaml";
    const std::string other = kSource + "/tests/data/compare/short_other_horizon.yaml";
    struct Case {
        std::vector<std::string> args;
        std::string message;
    };
    const std::vector<Case> cases = {
        {{"compare", kReference, bad, "no_such.yaml"}, "out_of_range.yaml:"},
        {{"compare", kReference, bad, "no_such.yaml"}, "no_such.yaml"},
        {{"compare", kReference, other}, "short_other_horizon.yaml: error: simulation: the horizon 2015-01 .. 2018-12"},
        {{"compare", kReference, kReference}, "simulation.name: 'short' is also the name of"},
        {{"compare", kReference}, "Usage:"},
        {{"compare", kReference, kTwin, "--replications", "0"}, "replications"},
    };
    for (const auto& c : cases) {
        auto args = c.args;
        args.insert(args.end(), {"--out", dir.string()});
        const Result r = swsim_cli(args, scratch);
        INFO(r.err);
        CHECK(r.status == 2);
        CHECK(contains(r.err, c.message));
        CHECK_FALSE(fs::exists(dir));
    }
    fs::remove_all(scratch);
}

TEST_CASE("Ctrl-C stops compare cleanly: nothing written, exit 130", "[cli]") {
    const fs::path dir = fresh_dir("interrupt"), scratch = fresh_dir("interrupt_io");
    // Far more runs than can finish before the signal.
    Child p({"compare", kReference, kTwin, "--replications", "1000", "--threads", "2", "--out", dir.string()},
              scratch);
    std::this_thread::sleep_for(std::chrono::milliseconds(1500));
    REQUIRE(::kill(p.pid, SIGINT) == 0);
    const Result r = p.finish();
    CHECK(r.status == 130);
    CHECK(r.err == "interrupted: nothing written\n");  // no progress bar: stderr is not a terminal
    CHECK(r.out.empty());
    CHECK_FALSE(fs::exists(dir));
    fs::remove_all(scratch);
}
