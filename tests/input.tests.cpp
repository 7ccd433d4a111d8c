// Reading input files (input/): one YAML document at most, for scenario and sweep files alike and
// for files reached through extends; only regular files are read (a FIFO does not block, /dev/zero
// does not grow memory); symlink loops and path parts longer than 255 characters are refused. Every
// refusal is a located diagnostic (exit 2), named at the key that gave the path.

#include <catch2/catch.hpp>

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>

#include "swsim/input/file.hpp"
#include "swsim/input/yaml.hpp"
#include "swsim/region/regions.hpp"
#include "swsim/report/inputs.hpp"
#include "swsim/run/inputs.hpp"
#include "swsim/scenario/load.hpp"
#include "swsim/sweep/sweep.hpp"

using namespace swsim;
namespace fs = std::filesystem;

namespace {

const std::string kSource = SWSIM_SOURCE_DIR;
std::string scenario_data(const std::string& name) { return kSource + "/tests/data/scenario/" + name; }
std::string sweep_data(const std::string& name) { return kSource + "/tests/data/sweep/" + name; }

std::string listing(const std::vector<Diagnostic>& ds) {
    std::string s;
    for (const auto& d : ds) s += format_diagnostic(d) + "\n";
    return s;
}

template <class Load>
std::vector<Diagnostic> errors_of(Load load) {
    try {
        load();
    } catch (const ScenarioError& e) {
        return e.diagnostics();
    }
    FAIL("expected the input to be rejected");
    return {};
}

// The one diagnostic whose message contains `says`; checks its file, line, column and key.
void expect(const std::vector<Diagnostic>& ds, const std::string& file, int line, int col, const std::string& key,
            const std::string& says) {
    INFO("diagnostics:\n" << listing(ds));
    const auto it = std::find_if(ds.begin(), ds.end(), [&](const Diagnostic& d) {
        return d.message.find(says) != std::string::npos;
    });
    REQUIRE(it != ds.end());
    CHECK(it->file.ends_with(file));
    CHECK(it->line == line);
    CHECK(it->col == col);
    CHECK(it->key == key);
}

// A scratch folder, removed at the end of the test.
struct Scratch {
    fs::path dir;
    Scratch() {
        std::string pattern = (fs::temp_directory_path() / "swsim_input_XXXXXX").string();
        REQUIRE(::mkdtemp(pattern.data()));
        dir = pattern;
    }
    ~Scratch() {
        std::error_code ec;
        fs::remove_all(dir, ec);
    }
    std::string write(const std::string& name, const std::string& text) const {
        std::ofstream(dir / name) << text;
        return (dir / name).string();
    }
};

}  // namespace

TEST_CASE("the YAML reader parses one document and stops at a second", "[unit][input]") {
    const auto one = input::parse_yaml("a: 1\nb: [2, 3]\n", "f.yaml", "a test file");
    REQUIRE(one.ok());
    CHECK(one.root["b"][1].as<int>() == 3);

    const auto empty = input::parse_yaml("# only a comment\n", "f.yaml", "a test file");
    CHECK(empty.ok());
    CHECK(empty.empty);

    const auto two = input::parse_yaml("a: 1\n---\nb: 2\n", "f.yaml", "a test file");
    REQUIRE(two.errors.size() == 1);
    CHECK(format_diagnostic(two.errors[0]) == "f.yaml:2:1: error: a test file holds one YAML document; a second one starts here");
}

TEST_CASE("a stray comma before the first key is an error, not an endless stream of documents", "[regression][input]") {
    // yaml-cpp's LoadAll yields empty documents for ever on this stream (memory grew ~0.9 GB/s).
    const auto doc = input::parse_yaml(",\na: 1\n", "f.yaml", "a test file");
    REQUIRE(doc.errors.size() == 1);
    CHECK(format_diagnostic(doc.errors[0]) ==
          "f.yaml:1:1: error: malformed YAML: unexpected ',' (a stray character outside any key or value?)");

    auto ds = errors_of([] { load_scenario(scenario_data("stray_comma.yaml")); });
    REQUIRE(ds.size() == 1);
    expect(ds, "stray_comma.yaml", 1, 1, "", "malformed YAML: unexpected ','");

    ds = errors_of([] { load_scenario(scenario_data("stray_comma_indented.yaml")); });
    REQUIRE(ds.size() == 1);
    expect(ds, "stray_comma_indented.yaml", 3, 3, "", "unexpected ','");

    // Reached through extends: the error is in the base file, at its line.
    ds = errors_of([] { load_scenario(scenario_data("extends_stray_comma.yaml")); });
    REQUIRE(ds.size() == 1);
    expect(ds, "scenario/stray_comma.yaml", 1, 1, "", "unexpected ','");
}

TEST_CASE("a sweep file is read by the same reader: one document, no stray comma", "[regression][input][sweep]") {
    auto ds = errors_of([] { load_sweep(sweep_data("stray_comma.yaml")); });
    REQUIRE(ds.size() == 1);
    expect(ds, "stray_comma.yaml", 1, 1, "", "malformed YAML: unexpected ','");
    ds = errors_of([] { load_sweep(sweep_data("two_documents.yaml")); });
    REQUIRE(ds.size() == 1);
    expect(ds, "two_documents.yaml", 3, 1, "", "a sweep file holds one YAML document");
}

TEST_CASE("a sweep design without method is an error at the design, not an internal error", "[regression][input][sweep]") {
    const auto ds = errors_of([] { load_sweep(sweep_data("design_without_method.yaml")); });
    expect(ds, "design_without_method.yaml", 8, 3, "design", "missing required key 'method'");
}

TEST_CASE("only regular files are read: a FIFO does not block, /dev/zero does not grow", "[regression][input]") {
    Scratch s;
    const fs::path fifo = s.dir / "not_a_file.fifo";
    REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
    CHECK(read_input_file(fifo).problem == "is a FIFO (named pipe), not a regular file");
    CHECK(read_input_file("/dev/zero").problem == "is a device, not a regular file");
    CHECK(read_input_file(s.dir).problem == "is a folder, not a file");
    CHECK(read_input_file(s.dir / "missing").problem == "file not found");
    const std::string big = s.write("big.yaml", std::string(2000, '#'));
    CHECK(read_input_file(big, 1000).problem == "is larger than 1000 bytes: not an input file of swsim");
    CHECK(read_input_file(big).problem.empty());
    CHECK(input_file_problem(fifo) == "is a FIFO (named pipe), not a regular file");

    // extends a FIFO: refused at the extends key.
    fs::copy_file(scenario_data("extends_fifo.yaml"), s.dir / "extends_fifo.yaml");
    auto ds = errors_of([&] { load_scenario((s.dir / "extends_fifo.yaml").string()); });
    expect(ds, "extends_fifo.yaml", 2, 10, "extends", "is a FIFO (named pipe), not a regular file");

    // A data file that is a device, or a FIFO: refused at the key that named it.
    ds = errors_of([] { load_inputs(scenario_data("data_dev_zero.yaml")); });
    expect(ds, "data_dev_zero.yaml", 4, 16, "regions.regions_csv", "in /dev/zero: is a device, not a regular file");
    const std::string with_fifo = s.write(
        "data_fifo.yaml", "extends: " + kSource + "/scenarios/sterfhuis.yaml\nregions:\n  companies_csv: not_a_file.fifo\n");
    ds = errors_of([&] { load_inputs(with_fifo); });
    expect(ds, "data_fifo.yaml", 3, 18, "regions.companies_csv", "is a FIFO (named pipe), not a regular file");
}

TEST_CASE("extends through a symlink loop or to an unreadable file is an error at extends", "[regression][input]") {
    Scratch s;
    fs::create_symlink("loop_b.yaml", s.dir / "loop_a.yaml");
    fs::create_symlink("loop_a.yaml", s.dir / "loop_b.yaml");
    const std::string child = s.write("child.yaml", "# extends a symlink loop\nextends: loop_a.yaml\n");
    auto ds = errors_of([&] { load_scenario(child); });
    expect(ds, "child.yaml", 2, 10, "extends", "too many levels of symbolic links");
    // The loop given directly.
    ds = errors_of([&] { load_scenario((s.dir / "loop_a.yaml").string()); });
    REQUIRE(ds.size() == 1);
    CHECK_THAT(ds[0].message, Catch::Contains("cannot read") && Catch::Contains("symbolic links"));

    if (::geteuid() != 0) {  // root reads any file, whatever its mode
        const std::string locked = s.write("locked.yaml", "simulation: {}\n");
        fs::permissions(locked, fs::perms::none);
        const std::string to_locked = s.write("to_locked.yaml", "extends: locked.yaml\n");
        ds = errors_of([&] { load_scenario(to_locked); });
        expect(ds, "to_locked.yaml", 1, 10, "extends", "Permission denied");
    }
}

TEST_CASE("a path part longer than 255 characters is refused at its key", "[regression][input]") {
    auto ds = errors_of([] { load_scenario(scenario_data("path_part_too_long.yaml")); });
    expect(ds, "path_part_too_long.yaml", 4, 18, "regions.adjacency_csv",
           "a part of the path is 304 characters long ('aaaaaaaaaaaaaaaaaaaa...'); at most 255 are allowed");
    ds = errors_of([] { load_scenario(scenario_data("extends_too_long.yaml")); });
    expect(ds, "extends_too_long.yaml", 2, 10, "extends", "a part of the path is 305 characters long");
    // A sweep's scenario path too.
    Scratch s;
    const std::string sweep = s.write("long.yaml", "name: long\nscenarios: " + std::string(300, 'b') + ".yaml\n");
    ds = errors_of([&] { load_sweep(sweep); });
    expect(ds, "long.yaml", 2, 12, "scenarios", "a part of the path is 305 characters long");
}

TEST_CASE("report refuses a result table that is not a regular file, without blocking", "[regression][input][report]") {
    Scratch s;
    for (const char* f : {"manifest.json", "summary.csv", "comparison.csv", "sensitivity.csv"})
        fs::copy_file(kSource + "/tests/data/report/" + f, s.dir / f);
    REQUIRE(::mkfifo((s.dir / "yearly.csv").c_str(), 0600) == 0);
    const auto ds = errors_of([&] { load_report_inputs(s.dir); });
    // The manifest check meets it first (it lists yearly.csv); it must not open the FIFO.
    expect(ds, "yearly.csv", 0, 0, "", "not a regular file");
}
