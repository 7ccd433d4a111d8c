// The command line as a user meets it: runs the built swsim binary (SWSIM_BINARY) and checks exit
// codes, stdout and stderr.
#include <catch2/catch.hpp>

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

extern char** environ;

namespace {

struct Result {
    int status = -1;  // exit code
    std::string out;
    std::string err;
};

std::string slurp_and_remove(const std::string& path) {
    std::stringstream text;
    text << std::ifstream(path).rdbuf();
    std::remove(path.c_str());
    return text.str();
}

std::string temp_file() {
    std::string path = "/tmp/swsim_cli_XXXXXX";
    const int fd = mkstemp(path.data());
    REQUIRE(fd >= 0);
    close(fd);
    return path;
}

// Runs swsim with the given arguments, stdout and stderr captured in temporary files.
Result swsim(const std::vector<std::string>& args) {
    const std::string out_path = temp_file(), err_path = temp_file();
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, out_path.c_str(), O_WRONLY | O_TRUNC, 0);
    posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, err_path.c_str(), O_WRONLY | O_TRUNC, 0);
    std::vector<std::string> argv_strings{SWSIM_BINARY};
    argv_strings.insert(argv_strings.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (std::string& a : argv_strings) argv.push_back(a.data());
    argv.push_back(nullptr);
    pid_t pid = 0;
    const int spawned = posix_spawn(&pid, SWSIM_BINARY, &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    REQUIRE(spawned == 0);
    int wait_status = 0;
    REQUIRE(waitpid(pid, &wait_status, 0) == pid);
    Result r;
    r.status = WIFEXITED(wait_status) ? WEXITSTATUS(wait_status) : -1;
    r.out = slurp_and_remove(out_path);
    r.err = slurp_and_remove(err_path);
    return r;
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

std::string scenario(const std::string& name) { return std::string(SWSIM_SOURCE_DIR) + "/scenarios/" + name; }

// The project version, from the top-level CMakeLists.txt (the same source as SWSIM_VERSION).
std::string project_version() {
    std::stringstream text;
    text << std::ifstream(std::string(SWSIM_SOURCE_DIR) + "/CMakeLists.txt").rdbuf();
    std::smatch m;
    const std::string s = text.str();
    REQUIRE(std::regex_search(s, m, std::regex(R"(project\(swsim VERSION ([0-9.]+))")));
    return m[1];
}

}  // namespace

TEST_CASE("swsim --version prints the version and the git revision", "[cli]") {
    const Result r = swsim({"--version"});
    CHECK(r.status == 0);
    CHECK(std::regex_match(r.out, std::regex("swsim " + project_version() + R"( \([^)]+\)\n)")));
}

TEST_CASE("swsim --help works on every level", "[cli]") {
    for (const char* sub : {"", "validate", "run", "compare", "sweep", "reference"}) {
        INFO("subcommand '" << sub << "'");
        std::vector<std::string> args;
        if (*sub) args.emplace_back(sub);
        args.emplace_back("--help");
        const Result r = swsim(args);
        CHECK(r.status == 0);
        CHECK(contains(r.out, "Usage:"));
        CHECK(contains(r.out, sub));
    }
}

TEST_CASE("bad arguments give one error line, the usage and exit code 2", "[cli]") {
    for (const std::vector<std::string>& args : std::vector<std::vector<std::string>>{
             {}, {"frob"}, {"--frob"}, {"validate"}, {"validate", "--frob", "x.yaml"}}) {
        INFO("args: " << (args.empty() ? "" : args[0]) << (args.size() > 1 ? " " + args[1] : ""));
        const Result r = swsim(args);
        CHECK(r.status == 2);
        CHECK(r.err.rfind("swsim: error: ", 0) == 0);
        CHECK(contains(r.err, "Usage:"));
        CHECK(r.out.empty());
    }
    CHECK(contains(swsim({"frob"}).err, "unknown subcommand 'frob'"));
    CHECK(contains(swsim({"validate", "--frob", "x.yaml"}).err, "--frob"));
}

TEST_CASE("validate reports a missing file by name and exits 2", "[cli]") {
    const Result r = swsim({"validate", "no_such_scenario.yaml"});
    CHECK(r.status == 2);
    CHECK(contains(r.err, "no_such_scenario.yaml"));
    const Result folder = swsim({"validate", std::string(SWSIM_SOURCE_DIR) + "/scenarios"});
    CHECK(folder.status == 2);
    CHECK(contains(folder.err, "is a folder, not a file"));
}

TEST_CASE("validate accepts the shipped scenarios", "[cli][scenario]") {
    const std::vector<std::string> files = {scenario("base.yaml"), scenario("sterfhuis.yaml"),
                                            scenario("ontwikkelbedrijf.yaml")};
    std::vector<std::string> args{"validate"};
    args.insert(args.end(), files.begin(), files.end());
    const Result r = swsim(args);
    INFO(r.err);
    CHECK(r.status == 0);
    CHECK(r.err.empty());
    for (const std::string& f : files) CHECK(contains(r.out, f + ": ok"));
}

TEST_CASE("validate checks every file and reports all failures", "[cli]") {
    const Result r = swsim({"validate", "missing_a.yaml", scenario("base.yaml"), "missing_b.yaml"});
    CHECK(r.status == 2);
    CHECK(contains(r.err, "missing_a.yaml"));
    CHECK(contains(r.err, "missing_b.yaml"));
    CHECK(contains(r.out, scenario("base.yaml") + ": ok"));
}

TEST_CASE("validate checks company ids and municipality codes against the data, at their line", "[cli][units]") {
    const std::string path = temp_file();
    std::ofstream(path) << "extends: " << scenario("base.yaml") << "\n"
                        << "policy:\n"
                        << "  company:\n"
                        << "    mode_by_company: {felua_lucrato: ontwikkelbedrijf, lucrato: sterfhuis}\n"
                        << "    switch_year_by_company: {nobody: 2020}\n"
                        << "    budget_factor_by_company: {Felua: 2}\n"
                        << "    municipality_moves:\n"
                        << "      GM0285: {company: felua_lucrato, from_year: 2025}\n"
                        << "      GM9999: {company: felua_lucrato, from_year: 2025}\n"
                        << "      GM0200: {company: felua_lucrato, from_year: 2025}\n"
                        << "      GM0232: {company: nowhere, from_year: 2025}\n";
    const Result r = swsim({"validate", path});
    INFO(r.err);
    CHECK(r.status == 2);
    // The form of a key is checked as the file is read (the data are not loaded then).
    CHECK(contains(r.err, path + ":6:32: error: policy.company.budget_factor_by_company: 'Felua' is not a company id"));
    std::ofstream(path) << "extends: " << scenario("base.yaml") << "\n"
                        << "policy:\n"
                        << "  company:\n"
                        << "    mode_by_company: {felua_lucrato: ontwikkelbedrijf, lucrato: sterfhuis}\n"
                        << "    switch_year_by_company: {nobody: 2020}\n"
                        << "    municipality_moves:\n"
                        << "      GM0285: {company: felua_lucrato, from_year: 2025}\n"
                        << "      GM9999: {company: felua_lucrato, from_year: 2025}\n"
                        << "      GM0200: {company: felua_lucrato, from_year: 2025}\n"
                        << "      GM0232: {company: nowhere, from_year: 2025}\n";
    const Result d = swsim({"validate", path});
    std::remove(path.c_str());
    INFO(d.err);
    CHECK(d.status == 2);
    CHECK(contains(d.err, "policy.company.mode_by_company.lucrato: unknown company id 'lucrato'"));
    CHECK(contains(d.err, "policy.company.switch_year_by_company.nobody: unknown company id 'nobody'"));
    CHECK(contains(d.err, "policy.company.municipality_moves.GM9999: unknown municipality code 'GM9999'"));
    CHECK(contains(d.err, "policy.company.municipality_moves.GM0200.company: GM0200 already belongs to felua_lucrato"));
    CHECK(contains(d.err, "policy.company.municipality_moves.GM0232.company: unknown company id 'nowhere'"));
    CHECK_FALSE(contains(d.err, "GM0285"));
    CHECK(contains(d.err, path + ":4:"));  // at the line of mode_by_company
}

TEST_CASE("the shipped examples validate", "[cli][units]") {
    for (const char* file : {"examples/apeldoorn_lucrato.yaml", "examples/apeldoorn_voorst_joins.yaml"}) {
        const Result r = swsim({"validate", scenario(file)});
        INFO(file << r.err);
        CHECK(r.status == 0);
    }
    const Result r = swsim({"validate", scenario("examples/apeldoorn_voorst_joins.yaml")});
    CHECK(contains(r.out, "Companies  felua_lucrato ontwikkelbedrijf"));
    CHECK(contains(r.out, "Moves      GM0285 to felua_lucrato from 2025"));
}

TEST_CASE("validate rejects a mode_by_region key that is not a region code", "[cli]") {
    const std::string path = temp_file();
    std::ofstream(path) << "extends: " << scenario("base.yaml") << "\n"
                        << "policy: {company: {mode_by_region: {AM01: sterfhuis, AM99: ontwikkelbedrijf}}}\n";
    const Result r = swsim({"validate", path});
    std::remove(path.c_str());
    CHECK(r.status == 2);
    CHECK(contains(r.err, path + ":2:36: error: policy.company.mode_by_region.AM99: unknown region code"));
    CHECK_FALSE(contains(r.err, "AM01"));
}

TEST_CASE("validate names the scenario key that chose a bad data file, and the file's line", "[cli]") {
    const Result r = swsim({"validate", std::string(SWSIM_SOURCE_DIR) + "/tests/data/scenario/bad_region_data.yaml"});
    CHECK(r.status == 2);
    CHECK(contains(r.err, "bad_region_data.yaml:5:16: error: regions.regions_csv: in "));
    CHECK(contains(r.err, "tests/data/regions/regions_not_a_number.csv:7:64: wsw_persons: 'abc' is not a number\n"));
    CHECK(r.out.empty());
}

TEST_CASE("reference prints the scenario reference", "[cli]") {
    const Result r = swsim({"reference"});
    CHECK(r.status == 0);
    CHECK(r.out.size() > 100);
    CHECK(r.err.empty());
}

TEST_CASE("run writes yearly.csv, cohorts.csv and manifest.json, and a rerun gives the same tables", "[cli]") {
    const std::string dir = temp_file() + ".d";
    const std::string scenario = std::string(SWSIM_SOURCE_DIR) + "/tests/data/run/short.yaml";
    const Result r = swsim({"run", scenario, "--out", dir, "--replications", "2", "--threads", "2"});
    REQUIRE(r.status == 0);
    CHECK(contains(r.out, "2 run(s)"));
    const std::string table = slurp_and_remove(dir + "/yearly.csv");
    // Header plus 2 replicates x 3 years x (35 regions + NL).
    CHECK(std::count(table.begin(), table.end(), '\n') == 1 + 2 * 3 * 36);
    CHECK(table.rfind("scenario,replicate,year,region,wsw,", 0) == 0);
    const std::string cohorts = slurp_and_remove(dir + "/cohorts.csv");
    CHECK(cohorts.rfind("scenario,origin,cohort_year,years_after,region,metric,", 0) == 0);
    const std::string manifest = slurp_and_remove(dir + "/manifest.json");
    CHECK(contains(manifest, "\"seed\": 20150101"));
    CHECK(contains(manifest, "\"cohorts.csv\": {"));
    REQUIRE(swsim({"run", scenario, "--out", dir, "--replications", "2", "--threads", "1"}).status == 0);
    CHECK(slurp_and_remove(dir + "/yearly.csv") == table);
    CHECK(slurp_and_remove(dir + "/cohorts.csv") == cohorts);
    std::remove((dir + "/manifest.json").c_str());
    std::remove((dir + "/.swsim.lock").c_str());
    std::remove(dir.c_str());
}

TEST_CASE("run with a bad scenario or bad arguments writes nothing and exits 2", "[cli]") {
    const std::string dir = temp_file() + ".d";
    const std::string bad = std::string(SWSIM_SOURCE_DIR) + "/tests/data/scenario/out_of_range.yaml";
    const Result r = swsim({"run", bad, "--out", dir});
    CHECK(r.status == 2);
    CHECK(contains(r.err, "out_of_range.yaml:"));
    const Result r2 = swsim({"run", "scenarios/sterfhuis.yaml", "--replications", "0", "--out", dir});
    CHECK(r2.status == 2);
    CHECK(contains(r2.err, "replications"));
    // The option has the bound of simulation.replications.
    const Result r4 = swsim({"run", "scenarios/sterfhuis.yaml", "--replications", "1001", "--out", dir});
    CHECK(r4.status == 2);
    CHECK(contains(r4.err, "--replications: Value 1001 not in range 1 to 1000"));
    std::ifstream probe(dir + "/yearly.csv");
    CHECK_FALSE(probe.good());
    // --out naming an existing file: refused before any run, the file untouched.
    const std::string file = temp_file();
    const Result r3 = swsim({"run", std::string(SWSIM_SOURCE_DIR) + "/tests/data/run/short.yaml", "--out", file});
    CHECK(r3.status == 2);
    CHECK(contains(r3.err, file + ": error: --out: exists and is not a folder"));
    CHECK(slurp_and_remove(file).empty());
}

TEST_CASE("sweep needs a subcommand, and a sweep file that exists", "[cli]") {
    const Result bare = swsim({"sweep"});
    CHECK(bare.status == 2);
    CHECK(contains(bare.err, "Usage:"));
    const Result missing = swsim({"sweep", "plan", "no_such_sweep.yaml"});
    CHECK(missing.status == 2);
    CHECK(contains(missing.err, "no_such_sweep.yaml: error: cannot read"));
}

TEST_CASE("the seed option is checked like simulation.seed: no wrapping, no saturation", "[cli][regression]") {
    const std::string short_run = std::string(SWSIM_SOURCE_DIR) + "/tests/data/run/short.yaml";
    const std::string other = std::string(SWSIM_SOURCE_DIR) + "/tests/data/compare/short_ontwikkelbedrijf.yaml";
    for (const char* seed : {"-1", "18446744073709551616", "12345678901234567890123", "9223372036854775808", "1e3",
                             "0x10", ""}) {
        INFO("--seed '" << seed << "'");
        const std::string out = "/tmp/swsim_cli_seed_never_written";
        for (const auto& args : {std::vector<std::string>{"run", short_run, "--seed", seed, "--out", out},
                                 std::vector<std::string>{"compare", short_run, other, "--seed", seed, "--out", out}}) {
            const Result r = swsim(args);
            CHECK(r.status == 2);
            CHECK(contains(r.err, "--seed"));
            CHECK(contains(r.err, "is not a valid seed: must be a whole number 0 to 9223372036854775807"));
            CHECK_FALSE(std::ifstream(out + "/manifest.json").good());
        }
    }
}

TEST_CASE("bad input files exit 2 with a location, never 1 or a hang", "[cli][regression]") {
    const std::string data = std::string(SWSIM_SOURCE_DIR) + "/tests/data/";
    struct Case {
        std::vector<std::string> args;
        std::string says;
    };
    const std::vector<Case> cases = {
        {{"validate", data + "scenario/stray_comma.yaml"}, "stray_comma.yaml:1:1: error: malformed YAML: unexpected ','"},
        {{"validate", data + "scenario/extends_stray_comma.yaml"}, "stray_comma.yaml:1:1: error: malformed YAML"},
        {{"validate", data + "scenario/data_dev_zero.yaml"},
         "data_dev_zero.yaml:4:16: error: regions.regions_csv: in /dev/zero: is a device, not a regular file"},
        {{"validate", data + "scenario/path_part_too_long.yaml"},
         "path_part_too_long.yaml:4:18: error: regions.adjacency_csv: a part of the path is 304 characters long"},
        {{"validate", data + "scenario/huge_values.yaml"},
         "huge_values.yaml:12:31: error: policy.money.wml_euro_per_year: 1e+308 is out of range"},
        {{"sweep", "plan", data + "sweep/design_without_method.yaml"},
         "design_without_method.yaml:8:3: error: design: missing required key 'method'"},
        {{"sweep", "plan", data + "sweep/stray_comma.yaml"}, "stray_comma.yaml:1:1: error: malformed YAML"},
    };
    for (const Case& c : cases) {
        INFO(c.args.back());
        const Result r = swsim(c.args);
        INFO(r.err);
        CHECK(r.status == 2);
        CHECK(contains(r.err, c.says));
        CHECK_FALSE(contains(r.err, "internal error"));
    }
}

TEST_CASE("calibrate: bad files and arguments exit 2 and write nothing", "[cli][calibrate]") {
    const std::string data = std::string(SWSIM_SOURCE_DIR) + "/tests/data/calibrate/";
    const std::string dir = "/tmp/swsim_cli_calibrate_" + std::to_string(::getpid());
    struct Case {
        std::vector<std::string> args;
        const char* message;
    };
    const std::vector<Case> cases = {
        {{"calibrate", "run", data + "zero_sd.yaml", "--out", dir}, "zero_sd.yaml:6:"},
        {{"calibrate", "run", data + "missing.yaml", "--out", dir}, "missing.yaml"},
        {{"calibrate", "run", data + "small.yaml", "--shard", "1/2", "--out", dir}, "--shard needs --wave"},
        {{"calibrate", "run", data + "small.yaml", "--wave", "0", "--out", dir}, "--wave: expected a wave number"},
        {{"calibrate", "run", data + "small.yaml", "--wave", "1", "--shard", "3/2", "--out", dir}, "--shard: expected I/N"},
        {{"calibrate", "merge", dir}, "no sweep manifest"},
    };
    for (const Case& c : cases) {
        INFO(c.args[1] << " " << c.args[2]);
        const Result r = swsim(c.args);
        INFO(r.err);
        CHECK(r.status == 2);
        CHECK(contains(r.err, c.message));
        CHECK_FALSE(std::filesystem::exists(dir));
    }
}

TEST_CASE("set KEY=VALUE changes a key like a line of the file, and a bad one names the argument and exits 2", "[cli]") {
    const std::string base = scenario("base.yaml");
    const Result ok = swsim({"validate", base, "--set", "policy.company.switch_year=2024", "--set", "simulation.end=2030-12"});
    INFO(ok.err);
    REQUIRE(ok.status == 0);
    CHECK(contains(ok.out, "2024"));
    CHECK(contains(ok.out, "2030-12"));
    struct Case {
        std::string arg, message;
    };
    const std::vector<Case> cases = {
        {"policy.company.mode=banana", "--set policy.company.mode=banana: error: policy.company.mode: "},
        {"policy.company.swich_year=2024", "--set policy.company.swich_year=2024: error: policy.company.swich_year: unknown key; did you mean 'policy.company.switch_year'?"},
        {"novalue", "--set novalue: error: expected KEY=VALUE"},
        {"simulation.scale=7", "--set simulation.scale=7: error: simulation.scale: "},
        {"simulation.start=2020-01", "simulation.start: a run starts from the base month of its data (2015-01), not 2020-01"},
    };
    for (const auto& c : cases) {
        const Result r = swsim({"validate", base, "--set", c.arg});
        INFO(c.arg << "\n" << r.err);
        CHECK(r.status == 2);
        CHECK(contains(r.err, c.message));
    }
    // run applies it too: the run ends where --set says.
    const std::string dir = temp_file() + ".d";
    const std::string short_run = std::string(SWSIM_SOURCE_DIR) + "/tests/data/run/short.yaml";
    const Result r = swsim({"run", short_run, "--out", dir, "--replications", "1", "--set", "simulation.end=2016-12"});
    INFO(r.err);
    REQUIRE(r.status == 0);
    const std::string table = slurp_and_remove(dir + "/yearly.csv");
    CHECK(std::count(table.begin(), table.end(), '\n') == 1 + 2 * 36);  // 2015 and 2016 only
    CHECK_FALSE(contains(table, ",2017,"));
    const Result bad = swsim({"run", short_run, "--out", dir + "x", "--set", "policy.company.mode=banana"});
    CHECK(bad.status == 2);
    CHECK_FALSE(std::filesystem::exists(dir + "x"));
    std::filesystem::remove_all(dir);
}
