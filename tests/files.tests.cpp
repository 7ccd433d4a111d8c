// Result folders written as one unit (output/files.hpp) and the findings of issue 16 it answers:
// a folder is replaced whole or not at all, a second writer is refused naming the first, an
// interrupted or failed write keeps the earlier result, OS errors carry the system's reason, files
// swsim did not write are never removed, and sweeps claim a folder only once every point is checked
// and atomically. Disk full and a read-only folder are tested on a small tmpfs when mounting works
// (as root); otherwise those two cases are skipped with a warning.
#include <catch2/catch.hpp>

#include <signal.h>
#include <sys/mount.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "swsim/output/files.hpp"
#include "swsim/run/runner.hpp"
#include "swsim/sweep/design.hpp"
#include "swsim/sweep/shards.hpp"
#include "swsim/sweep/sweep.hpp"
#include "child.hpp"

using namespace swsim;
using namespace swsim::test;
namespace fs = std::filesystem;

namespace {

const std::string kSource = SWSIM_SOURCE_DIR;
const std::string kTiny = kSource + "/tests/data/kill/tiny.yaml";
const std::string kTinyTwin = kSource + "/tests/data/kill/tiny_ontwikkelbedrijf.yaml";

// The earlier result of a folder, to compare after a failed or interrupted write.
std::string result_of(const fs::path& dir) {
    const VerifiedFolder v = verify_result_folder(dir);
    std::string all;
    for (const auto& [name, e] : v.files) all += name + " " + e.sha256 + "\n";
    return all;
}

bool staging_left(const fs::path& dir) {
    std::string prefix(".");
    prefix.append(dir.filename().string()).append(".swsim-staging.");
    for (const auto& e : fs::directory_iterator(dir.parent_path()))
        if (e.path().filename().string().starts_with(prefix)) return true;
    return false;
}

// A small tmpfs mounted for one test (as root), or nothing when mounting does not work here.
struct SmallDisk {
    fs::path dir;
    bool mounted = false;
    explicit SmallDisk(const std::string& tag, const std::string& size) : dir(fresh_dir(tag)) {
        fs::create_directories(dir);
        mounted = ::mount("tmpfs", dir.c_str(), "tmpfs", 0, ("size=" + size).c_str()) == 0;
    }
    bool read_only() { return ::mount(nullptr, dir.c_str(), nullptr, MS_REMOUNT | MS_RDONLY, nullptr) == 0; }
    ~SmallDisk() {
        if (mounted) ::umount2(dir.c_str(), MNT_DETACH);
        std::error_code ec;
        fs::remove_all(dir, ec);
    }
};

}  // namespace

// ------------------------------------------------------------------------------------------ unit

TEST_CASE("a manifest with a number too large for a double is bad input, not a crash", "[unit]") {
    // Found by fuzz_report_manifest: nlohmann reports the overflow as out_of_range, not parse_error.
    const fs::path dir = fresh_dir("huge-number");
    fs::create_directories(dir);
    std::ofstream(dir / "manifest.json") << "20E3032$E$2d";
    CHECK_THROWS_WITH(verify_result_folder(dir), Catch::Contains("not valid JSON"));
    std::ofstream(dir / "manifest.json") << R"({"files": {"yearly.csv": {"bytes": 1e999}}})";
    CHECK_THROWS_WITH(verify_result_folder(dir), Catch::Contains("not valid JSON"));
}

TEST_CASE("sha256 of known texts", "[unit]") {
    CHECK(sha256_hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    CHECK(sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST_CASE("a result folder is replaced whole: new files in, stale swsim files out, user files kept", "[unit]") {
    const fs::path dir = fresh_dir("replace");
    {
        ResultFolder f(dir, "test");
        CHECK_FALSE(f.had_result());
        f.add("a.csv", "old a\n");
        f.add("report.html", "old page\n");
        f.commit(R"({"program": "swsim"})");
    }
    std::ofstream(dir / "notes.txt") << "mine\n";  // a user's file
    const std::string before = result_of(dir);
    CHECK(contains(before, "report.html"));
    {
        ResultFolder f(dir, "test");
        CHECK(f.had_result());
        f.add("a.csv", "new a\n");
        f.add("b.csv", "new b\n");
        f.commit(R"({"program": "swsim", "files": "ignored"})");
    }
    const VerifiedFolder v = verify_result_folder(dir);
    CHECK(v.files.size() == 2);
    CHECK(v.has("a.csv"));
    CHECK(v.has("b.csv"));
    CHECK(slurp(dir / "a.csv") == "new a\n");
    CHECK_FALSE(fs::exists(dir / "report.html"));  // the earlier result's page, stale now
    CHECK(slurp(dir / "notes.txt") == "mine\n");    // never touched
    CHECK(contains(v.text, "\"sha256\": \"" + sha256_hex("new b\n") + "\""));
    CHECK_FALSE(staging_left(dir));
    fs::remove_all(dir);
}

TEST_CASE("a writer that stops before its commit leaves the earlier result, or no folder", "[unit]") {
    const fs::path fresh = fresh_dir("abort_fresh");
    {
        ResultFolder f(fresh, "test");
        f.add("a.csv", "a\n");
    }  // no commit: as when a write fails or an interrupt comes
    CHECK_FALSE(fs::exists(fresh));  // it created the folder, so it removes it again
    CHECK_FALSE(staging_left(fresh));

    const fs::path dir = fresh_dir("abort_kept");
    {
        ResultFolder f(dir, "test");
        f.add("a.csv", "a\n");
        f.commit("{}");
    }
    const std::string before = result_of(dir);
    {
        ResultFolder f(dir, "test");
        f.add("a.csv", "other a\n");
        CHECK(f.kept_note() == "nothing written; the earlier result in " + dir.string() + " is kept");
    }
    CHECK(result_of(dir) == before);
    CHECK(slurp(dir / "a.csv") == "a\n");
    CHECK_FALSE(staging_left(dir));
    fs::remove_all(dir);
}

// Issue 16, finding 3: two compare runs into one folder both exited 0 and left a mixed set.
TEST_CASE("a second writer of a result folder is refused, naming the first", "[unit]") {
    const fs::path dir = fresh_dir("lock");
    ResultFolder first(dir, "swsim compare a.yaml b.yaml");
    try {
        ResultFolder second(dir, "swsim run c.yaml");
        FAIL("no error");
    } catch (const InputError& e) {
        CHECK_THAT(e.what(), Catch::Contains(dir.string() + ": error: --out: another swsim is writing this folder "
                                                            "(process " + std::to_string(::getpid()) +
                                             ": swsim compare a.yaml b.yaml)"));
    }
    first.add("a.csv", "a\n");
    first.commit("{}");
    fs::remove_all(dir);
}

// Issue 16, finding 2: Ctrl-C while the files were written left the tables of the new run beside
// the old ones. An interrupt that comes before the commit now stops it, whole.
TEST_CASE("an interrupt before the commit keeps the earlier result", "[unit]") {
    const fs::path dir = fresh_dir("interrupt");
    {
        ResultFolder f(dir, "test");
        f.add("a.csv", "a\n");
        f.commit("{}");
    }
    const std::string before = result_of(dir);
    {
        const InterruptGuard guard;
        ResultFolder f(dir, "test");
        f.add("a.csv", "other a\n");
        ::raise(SIGTERM);  // caught by the guard: only sets the flag
        CHECK(interrupted());
        try {
            f.commit("{}");
            FAIL("no error");
        } catch (const Interrupted& e) {
            CHECK(e.exit_code() == 143);
            CHECK(std::string(e.what()) == "interrupted: nothing written; the earlier result in " + dir.string() +
                                               " is kept");
        }
    }
    CHECK_FALSE(interrupted());  // the guard is gone, and its flag with it
    CHECK(result_of(dir) == before);
    fs::remove_all(dir);
}

// Issue 16, finding 8: "internal error: cannot write X.tmp.PID" without the system's reason.
TEST_CASE("a write the system refuses names the path and the system's reason", "[unit]") {
    const fs::path dir = fresh_dir("refused");
    fs::create_directories(dir);
    std::ofstream(dir / "file") << "x";  // a file where a folder is expected
    try {
        write_file_atomically(dir / "file" / "sub" / "t.csv", "t\n");
        FAIL("no error");
    } catch (const WriteError& e) {
        CHECK_THAT(e.what(), Catch::Contains((dir / "file").string()) && Catch::Contains("Not a directory"));
    }
    CHECK_THROWS_AS(ResultFolder(dir / "file", "test"), InputError);
    fs::remove_all(dir);
}

// Issue 16, finding 3: disk full during a rewrite left the new yearly.csv beside the old tables.
TEST_CASE("disk full and a read-only folder: exit 2 with the reason, the earlier result kept", "[cli]") {
    SmallDisk disk("disk", "1m");
    if (!disk.mounted) {
        WARN("cannot mount a tmpfs here (not root?): disk full and read-only are not tested");
        return;
    }
    const fs::path dir = disk.dir / "result", scratch = fresh_dir("disk_io");
    REQUIRE(swsim_cli({"run", kTiny, "--replications", "1", "--out", dir.string()}, scratch).status == 0);
    const std::string before = result_of(dir);
    // The user's file takes all but a little of the disk.
    {
        std::ofstream fill(disk.dir / "users-file.bin", std::ios::binary);
        const std::string block(4096, 'x');
        while (fill.write(block.data(), long(block.size())) && fill.flush()) {
        }
    }
    fs::resize_file(disk.dir / "users-file.bin", fs::file_size(disk.dir / "users-file.bin") - 16 * 1024);
    const auto user_bytes = fs::file_size(disk.dir / "users-file.bin");
    const Result full =
        swsim_cli({"run", kTiny, "--replications", "3", "--seed", "5", "--force", "--out", dir.string()}, scratch);
    INFO(full.err);
    CHECK(full.status == 2);
    CHECK(contains(full.err, "No space left on device"));
    CHECK(contains(full.err, "the earlier result in " + dir.string() + " is kept"));
    CHECK(result_of(dir) == before);
    CHECK(fs::file_size(disk.dir / "users-file.bin") == user_bytes);
    CHECK_FALSE(staging_left(dir));

    fs::remove(disk.dir / "users-file.bin");
    REQUIRE(disk.read_only());
    const Result ro =
        swsim_cli({"run", kTiny, "--replications", "1", "--seed", "5", "--force", "--out", dir.string()}, scratch);
    INFO(ro.err);
    CHECK(ro.status == 2);
    CHECK(contains(ro.err, "Read-only file system"));
    CHECK(result_of(dir) == before);
    fs::remove_all(scratch);
}

// ------------------------------------------------------------------------------------------ signals

TEST_CASE("SIGTERM during compare: exit 143, one line, the earlier result kept", "[cli]") {
    const fs::path dir = fresh_dir("sigterm"), scratch = fresh_dir("sigterm_io");
    REQUIRE(swsim_cli({"run", kTiny, "--replications", "1", "--out", dir.string()}, scratch).status == 0);
    const std::string before = result_of(dir);
    Child p({"compare", kTiny, kTinyTwin, "--replications", "1000", "--threads", "2", "--force", "--out", dir.string()},
            scratch);
    std::this_thread::sleep_for(std::chrono::milliseconds(1500));
    REQUIRE(::kill(p.pid, SIGTERM) == 0);
    const Result r = p.finish();
    CHECK(r.status == 143);
    CHECK(r.err == "interrupted: nothing written; the earlier result in " + dir.string() + " is kept\n");
    CHECK(result_of(dir) == before);
    CHECK_FALSE(staging_left(dir));
    fs::remove_all(dir);
    fs::remove_all(scratch);
}

TEST_CASE("a second compare into a folder being written exits 2 naming the first", "[cli]") {
    const fs::path dir = fresh_dir("second"), scratch = fresh_dir("second_io");
    Child first({"compare", kTiny, kTinyTwin, "--replications", "1000", "--threads", "1", "--out", dir.string()},
                scratch / "first");
    // The first holds the lock once its folder exists (it locks before any run).
    for (int i = 0; i < 200 && !fs::exists(dir / ".swsim.lock"); ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    const Result second = swsim_cli({"run", kTiny, "--replications", "1", "--out", dir.string()}, scratch / "second");
    ::kill(first.pid, SIGINT);
    const Result r = first.finish();
    CHECK(second.status == 2);
    CHECK(contains(second.err, "another swsim is writing this folder (process " + std::to_string(first.pid) + ": "));
    CHECK(r.status == 130);
    CHECK_FALSE(fs::exists(dir));  // the first created it and wrote nothing
    fs::remove_all(scratch);
}

TEST_CASE("SIGTERM during sweep run: exit 143 and no shard file", "[cli][sweep]") {
    const fs::path dir = fresh_dir("sweep_term"), scratch = fresh_dir("sweep_term_io");
    Child p({"sweep", "run", kSource + "/tests/data/sweep/morris.yaml", "--threads", "1", "--out", dir.string()},
            scratch);
    // Once the folder is claimed the runs start: 16 of them on one thread take a few seconds.
    for (int i = 0; i < 400 && !fs::exists(dir / "sweep.json"); ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(25));
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    REQUIRE(::kill(p.pid, SIGTERM) == 0);
    const Result r = p.finish();
    INFO(r.err);
    if (r.status == 0) {
        WARN("the sweep finished before the signal");
    } else {
        CHECK(r.status == 143);
        CHECK(r.err == "interrupted: shard 1/1 not written (the complete shards are kept)\n");
        CHECK_FALSE(fs::exists(dir / "shards" / "shard-1-of-1.csv"));
    }
    fs::remove_all(dir);
    fs::remove_all(scratch);
}

// ------------------------------------------------------------------------------------------ CLI errors

// Issue 16, finding 8: report --out EXISTING_DIR and sweep run --out FILE exited 1.
TEST_CASE("report --out a folder and sweep run --out a file exit 2 with a clear message", "[cli]") {
    const fs::path scratch = fresh_dir("out_kinds");
    fs::create_directories(scratch);
    const Result report = swsim_cli({"report", kSource + "/tests/data/report", "--out", scratch.string()}, scratch / "io");
    CHECK(report.status == 2);
    CHECK(contains(report.err, scratch.string() + ": error: --out: is a folder"));
    std::ofstream(scratch / "a-file") << "x";
    const Result sweep = swsim_cli(
        {"sweep", "run", kSource + "/tests/data/sweep/morris.yaml", "--out", (scratch / "a-file").string()}, scratch / "io");
    CHECK(sweep.status == 2);
    CHECK(contains(sweep.err, (scratch / "a-file").string() + ": error: --out: exists and is not a folder"));
    CHECK(slurp(scratch / "a-file") == "x");
    fs::remove_all(scratch);
}

// Issue 16, finding 7.
TEST_CASE("sweeps claim nothing before every point is checked", "[cli][sweep]") {
    const fs::path scratch = fresh_dir("sweep_claims");
    const std::string bad = kSource + "/tests/data/sweep/bad_combination.yaml";  // point 1 of 2 is bad
    SECTION("a bad point in another shard fails this shard too, with line and column, and claims nothing") {
        const Result r = swsim_cli({"sweep", "run", bad, "--shard", "1/2", "--out", (scratch / "out").string()}, scratch / "io");
        CHECK(r.status == 2);
        CHECK(contains(r.err, "bad_combination.yaml:5:5: error: "));
        CHECK(contains(r.err, "at point 1 (short_ontwikkelbedrijf)"));
        CHECK_FALSE(fs::exists(scratch / "out"));
    }
    SECTION("plan --out F writes only F") {
        const fs::path plan = scratch / "plans" / "plan.csv";
        const Result r =
            swsim_cli({"sweep", "plan", kSource + "/tests/data/sweep/morris.yaml", "--out", plan.string()}, scratch / "io");
        CHECK(r.status == 0);
        CHECK(fs::exists(plan));
        std::vector<std::string> names;
        for (const auto& e : fs::directory_iterator(plan.parent_path())) names.push_back(e.path().filename().string());
        CHECK(names == std::vector<std::string>{"plan.csv"});
    }
    fs::remove_all(scratch);
}

TEST_CASE("of two different sweeps claiming one folder at once, exactly one wins", "[sweep][unit]") {
    const Sweep a = load_sweep(kSource + "/tests/data/sweep/morris.yaml");
    const Sweep b = load_sweep(kSource + "/tests/data/kill/sweep.yaml");
    const auto pa = sweep_points(a), pb = sweep_points(b);
    for (int trial = 0; trial < 20; ++trial) {
        const fs::path dir = fresh_dir("claim_race_" + std::to_string(trial));
        std::atomic<int> won{0}, lost{0};
        auto claim = [&](const Sweep& s, const std::vector<Point>& p) {
            try {
                claim_sweep_dir(dir, s, p, 1);
                ++won;
            } catch (const InputError&) {
                ++lost;
            }
        };
        std::thread ta(claim, std::cref(a), std::cref(pa)), tb(claim, std::cref(b), std::cref(pb));
        ta.join();
        tb.join();
        CHECK(won == 1);
        CHECK(lost == 1);
        fs::remove_all(dir);
    }
}

// ------------------------------------------------------------------------------------------ trail

TEST_CASE("a manifest names what it holds: another command, other inputs or no record conflict", "[unit]") {
    const ResultIdentity run{"run", {{"/d/regions.csv", FileEntry{3, "aaa"}}}, {{"short", "h1"}}};
    const std::string same = R"({"program": "swsim", "command": "swsim run s.yaml", "result": "run",
        "scenarios": [{"name": "short", "hash": "h1"}],
        "inputs": {"/d/regions.csv": {"bytes": 3, "sha256": "aaa"}}})";
    CHECK(identity_conflict(same, run).empty());
    ResultIdentity changed = run;
    changed.inputs["/d/regions.csv"].sha256 = "bbb";
    CHECK(contains(identity_conflict(same, changed), "/d/regions.csv has changed (its sha256 differs)"));
    ResultIdentity reseeded = run;
    reseeded.scenarios["short"] = "h2";
    CHECK(contains(identity_conflict(same, reseeded), "scenario 'short' resolves differently"));
    // A manifest without "result" (an older one, or one of sweep merge) is known by its command.
    const std::string compare = R"({"program": "swsim", "command": "swsim compare a.yaml b.yaml --out x"})";
    CHECK(identity_conflict(compare, run) == "holds the result of another command (swsim compare a.yaml b.yaml --out x)");
    CHECK(contains(identity_conflict(R"({"program": "swsim", "command": "swsim run s.yaml"})", run),
                   "inputs are not recorded"));
    CHECK(identity_conflict("", run).empty());                       // no manifest
    CHECK(identity_conflict(R"({"program": "other"})", run).empty());  // not swsim's
}

namespace {

// A scenario of its own in `dir` that extends the tiny one and reads a copy of the region table.
fs::path own_scenario(const fs::path& dir) {
    fs::create_directories(dir);
    fs::copy_file(kSource + "/scenarios/data/regions_2015.csv", dir / "regions.csv");
    std::ofstream(dir / "trail.yaml") << "extends: " << kTiny << "\nsimulation:\n  name: trail\n"
                                      << "regions:\n  regions_csv: regions.csv\n";
    return dir / "trail.yaml";
}

std::string manifest_of(const fs::path& dir) { return slurp(dir / "manifest.json"); }

}  // namespace

TEST_CASE("the manifest records every input file, and a changed data file is refused without force", "[cli]") {
    const fs::path data = fresh_dir("trail_data"), dir = fresh_dir("trail"), scratch = fresh_dir("trail_io");
    const fs::path scenario = own_scenario(data);
    const std::string csv = fs::canonical(data / "regions.csv").string();
    REQUIRE(swsim_cli({"run", scenario.string(), "--replications", "1", "--out", dir.string()}, scratch).status == 0);
    const std::string manifest = manifest_of(dir);
    CHECK(contains(manifest, "\"result\": \"run\""));
    CHECK(contains(manifest, "\"hash\": \""));
    for (const std::string& file : {fs::canonical(scenario).string(), fs::canonical(kTiny).string(),
                                   fs::canonical(kSource + "/scenarios/sterfhuis.yaml").string(),
                                   fs::canonical(kSource + "/scenarios/base.yaml").string(),
                                   fs::canonical(kSource + "/scenarios/data/region_adjacency.csv").string(),
                                   fs::canonical(kSource + "/scenarios/data/municipalities_2015.csv").string(),
                                   fs::canonical(kSource + "/scenarios/data/company_municipalities.csv").string()})
        CHECK(contains(manifest, "\"" + file + "\": {"));
    CHECK(contains(manifest, "\"" + csv + "\": {\n      \"bytes\": " + std::to_string(fs::file_size(csv)) +
                                 ",\n      \"sha256\": \"" + sha256_file_hex(csv) + "\""));

    // The same inputs again: a rerun replaces the result.
    REQUIRE(swsim_cli({"run", scenario.string(), "--replications", "1", "--out", dir.string()}, scratch).status == 0);

    // One population figure changed: other inputs, refused, the folder as it was.
    std::string table = slurp(csv);
    REQUIRE(table.find(",739868,") != std::string::npos);
    table.replace(table.find(",739868,"), 8, ",739869,");
    std::ofstream(csv, std::ios::binary) << table;
    const std::string before = result_of(dir), manifest_before = manifest_of(dir);
    const Result refused = swsim_cli({"run", scenario.string(), "--replications", "1", "--out", dir.string()}, scratch);
    CHECK(refused.status == 2);
    CHECK(refused.err.rfind(dir.string() + ": error: --out: holds a result of other inputs (swsim run ", 0) == 0);
    CHECK(contains(refused.err, csv + " has changed (its sha256 differs)"));
    CHECK(contains(refused.err, "pass --force"));
    CHECK(result_of(dir) == before);
    CHECK(manifest_of(dir) == manifest_before);
    CHECK_FALSE(staging_left(dir));

    const Result forced =
        swsim_cli({"run", scenario.string(), "--replications", "1", "--out", dir.string(), "--force"}, scratch);
    INFO(forced.err);
    CHECK(forced.status == 0);
    CHECK(contains(manifest_of(dir), sha256_file_hex(csv)));
    CHECK_FALSE(contains(manifest_of(dir), sha256_hex(slurp(kSource + "/scenarios/data/regions_2015.csv"))));
    for (const fs::path& p : {dir, data, scratch}) fs::remove_all(p);
}

TEST_CASE("run into a compare folder is refused, and with force no stale file of the comparison remains", "[cli]") {
    const fs::path dir = fresh_dir("trail_kind"), scratch = fresh_dir("trail_kind_io");
    REQUIRE(swsim_cli({"compare", kTiny, kTinyTwin, "--replications", "1", "--out", dir.string()}, scratch).status == 0);
    std::ofstream(dir / "notes.txt") << "mine\n";
    const std::string before = result_of(dir);
    const Result refused = swsim_cli({"run", kTiny, "--replications", "1", "--out", dir.string()}, scratch);
    CHECK(refused.status == 2);
    CHECK(contains(refused.err, dir.string() + ": error: --out: holds the result of another command (swsim compare "));
    CHECK(result_of(dir) == before);

    const Result forced = swsim_cli({"run", kTiny, "--replications", "1", "--out", dir.string(), "--force"}, scratch);
    INFO(forced.err);
    REQUIRE(forced.status == 0);
    const VerifiedFolder v = verify_result_folder(dir);
    CHECK(v.files.size() == 4);
    CHECK(v.has("yearly.csv"));
    CHECK(v.has("cohorts.csv"));
    CHECK(v.has("municipalities.csv"));
    CHECK(v.has("companies.csv"));
    for (const char* stale : {"summary.csv", "comparison.csv", "results.xlsx"}) CHECK_FALSE(fs::exists(dir / stale));
    CHECK(slurp(dir / "notes.txt") == "mine\n");  // never touched
    // And back: a compare into the run's folder is refused the same way.
    CHECK(swsim_cli({"compare", kTiny, kTinyTwin, "--replications", "1", "--out", dir.string()}, scratch).status == 2);
    for (const fs::path& p : {dir, scratch}) fs::remove_all(p);
}
