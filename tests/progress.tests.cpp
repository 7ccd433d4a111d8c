// Progress in simulated months (run/progress.hpp): the plain line a Slurm log gets, its timing on a
// clock the test drives, the counter from many threads at once, and through the command line that
// progress never changes a result.
#include <catch2/catch.hpp>

#include <atomic>
#include <filesystem>
#include <regex>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "child.hpp"
#include "swsim/run/progress.hpp"

using namespace swsim;
using namespace swsim::test;
namespace fs = std::filesystem;

TEST_CASE("the plain progress line says elapsed, months done of all, percent and time left", "[unit]") {
    ProgressSnapshot s{5, 18, 72, 0, 2, false};
    CHECK(progress_line(s) == "progress: 0:05 elapsed, 18/72 months (25.0 %), 0/2 runs done, ~0:15 left");
    s = {3725, 1, 3, 0, 1, false};  // rounded down: 33.3 %, hours shown
    CHECK(progress_line(s) == "progress: 1:02:05 elapsed, 1/3 months (33.3 %), 0/1 runs done, ~2:04:10 left");
    s = {0.2, 0, 72, 0, 2, false};  // no estimate before the first month
    CHECK(progress_line(s) == "progress: 0:00 elapsed, 0/72 months (0.0 %), 0/2 runs done");
    s = {9, 71, 72, 1, 2, false};  // 98.6 %, never 100.0 % before the end
    CHECK(progress_line(s) == "progress: 0:09 elapsed, 71/72 months (98.6 %), 1/2 runs done, ~0:00 left");
    s = {10, 72, 72, 2, 2, false};
    CHECK(progress_line(s) == "progress: 0:10 elapsed, 72/72 months (100.0 %), 2/2 runs done");
    s = {4, 30, 72, 0, 2, true};
    CHECK(progress_line(s) ==
          "progress: 0:04 elapsed, 30/72 months (41.6 %), 0/2 runs done, interrupted: finishing the runs under way");
    CHECK(progress_bar({5, 18, 72, 0, 2, false}) ==
          "[#######.......................] 18/72 months (25.0 %), 0/2 runs, 0:05 elapsed, ~0:15 left");
}

TEST_CASE("without a terminal a line comes every interval, and a last one only after others", "[unit]") {
    double now = 100;
    std::vector<std::string> out;
    ProgressMeter meter(72, 2, ProgressStyle::lines, 5, [&](const std::string& t) { out.push_back(t); },
                        [&] { return now; });
    meter.tick();
    CHECK(out.empty());  // nothing at the start
    meter.months() += 18;
    now = 104.9;
    meter.tick();
    CHECK(out.empty());
    now = 105;
    meter.tick();
    REQUIRE(out.size() == 1);
    CHECK(out[0] == "progress: 0:05 elapsed, 18/72 months (25.0 %), 0/2 runs done, ~0:15 left\n");
    now = 107;
    meter.tick();
    CHECK(out.size() == 1);  // the next is due 5 s after the last
    meter.months() += 54;
    meter.run_done();
    meter.run_done();
    now = 110;
    meter.tick();
    REQUIRE(out.size() == 2);
    now = 111;
    meter.finish();
    REQUIRE(out.size() == 3);
    CHECK(out[2] == "progress: 0:11 elapsed, 72/72 months (100.0 %), 2/2 runs done\n");

    // Runs shorter than the interval print nothing at all; an interval of 0 means no lines.
    for (double interval : {5.0, 0.0}) {
        std::vector<std::string> quiet;
        double t = 0;
        ProgressMeter short_one(12, 1, ProgressStyle::lines, interval, [&](const std::string& s) { quiet.push_back(s); },
                                [&] { return t; });
        short_one.months() += 12;
        t = 4;
        short_one.tick();
        short_one.finish();
        CHECK(quiet.empty());
    }
}

TEST_CASE("runs on many threads add their months without losing one", "[unit]") {
    double now = 0;
    ProgressMeter meter(8 * 10000, 8, ProgressStyle::none, 1, [](const std::string&) {}, [&] { return now; });
    std::vector<std::thread> threads;
    for (int t = 0; t < 8; ++t)
        threads.emplace_back([&] {
            for (int m = 0; m < 10000; ++m) meter.months().fetch_add(1, std::memory_order_relaxed);
            meter.run_done();
        });
    for (auto& t : threads) t.join();
    const ProgressSnapshot s = meter.snapshot();
    CHECK(s.months_done == 80000);
    CHECK(s.runs_done == 8);
}

TEST_CASE("progress lines in a log count the months of every run and change no result", "[cli]") {
    const std::string scenario = std::string(SWSIM_SOURCE_DIR) + "/tests/data/run/short.yaml";
    const fs::path dir = fresh_dir("progress"), scratch = fresh_dir("progress_io");
    const std::vector<std::string> common{"run", scenario, "--replications", "3", "--threads", "2"};
    auto with = [&](std::vector<std::string> extra, const fs::path& out) {
        std::vector<std::string> args = common;
        args.insert(args.end(), extra.begin(), extra.end());
        args.insert(args.end(), {"--out", out.string()});
        return swsim_cli(args, scratch);
    };
    const Result quiet = with({"--progress-interval", "0"}, dir / "quiet");
    REQUIRE(quiet.status == 0);
    CHECK(quiet.err.empty());
    const Result logged = with({"--progress-interval", "0.001"}, dir / "logged");  // stderr is a file here
    INFO(logged.err);
    REQUIRE(logged.status == 0);
    // 3 replicates x 36 months (2015-01 to 2017-12).
    const std::regex line(R"(progress: \d+:\d\d elapsed, \d+/108 months \(\d+\.\d %\), [0-3]/3 runs done(, ~\d+:\d\d left)?)");
    std::istringstream lines(logged.err);
    int count = 0;
    std::string last;
    for (std::string l; std::getline(lines, l); ++count) {
        INFO(l);
        CHECK(std::regex_match(l, line));
        last = l;
    }
    CHECK(count >= 2);
    CHECK(contains(last, " 108/108 months (100.0 %), 3/3 runs done"));
    for (const char* table : {"yearly.csv", "cohorts.csv"}) CHECK(slurp(dir / "logged" / table) == slurp(dir / "quiet" / table));
    fs::remove_all(dir);
    fs::remove_all(scratch);
}
