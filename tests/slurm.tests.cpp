// Sweeps on a real Slurm cluster: scripts/slurm-local.sh starts a one-node cluster, the test sweep is
// submitted as a job array (swsim sweep slurm --submit), awaited with squeue, merged and compared
// byte for byte with the same sweep run locally without shards; then a shard is lost, merge names
// it with its rerun command, and rerunning that command restores the identical result. Needs root
// and the Slurm packages (as in CI); elsewhere the test WARNs that it was skipped.
#include <catch2/catch.hpp>

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

extern char** environ;
namespace fs = std::filesystem;

namespace {

struct Output {
    int status = -1;
    std::string text;  // stdout and stderr
};

// Runs a program (looked up on PATH) and captures what it prints.
Output run(std::vector<std::string> args) {
    int fd[2];
    REQUIRE(::pipe2(fd, O_CLOEXEC) == 0);  // only the dup2 copies reach the child
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, fd[1], STDOUT_FILENO);
    posix_spawn_file_actions_adddup2(&actions, fd[1], STDERR_FILENO);
    posix_spawn_file_actions_addclose(&actions, fd[0]);
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    pid_t pid = 0;
    const int spawned = posix_spawnp(&pid, argv[0], &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    ::close(fd[1]);
    Output out;
    char buffer[4096];
    for (ssize_t n; spawned == 0 && (n = ::read(fd[0], buffer, sizeof buffer)) > 0;) out.text.append(buffer, std::size_t(n));
    ::close(fd[0]);
    REQUIRE(spawned == 0);
    int status = 0;
    REQUIRE(::waitpid(pid, &status, 0) == pid);
    out.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return out;
}

std::string slurp(const fs::path& p) {
    std::stringstream s;
    s << std::ifstream(p).rdbuf();
    return s.str();
}

const std::string kScript = std::string(SWSIM_SOURCE_DIR) + "/scripts/slurm-local.sh";

// The local cluster for one test, under root/slurm: started by the constructor, stopped by the
// destructor (also when a REQUIRE fails), which then removes root; SLURM_CONF is set in between.
class LocalCluster {
public:
    explicit LocalCluster(const fs::path& root) : root_(root), dir_(root / "slurm") {
        const Output o = run({"bash", kScript, "start", dir_.string()});
        INFO(o.text);
        REQUIRE(o.status == 0);
        REQUIRE(o.text.find("export SLURM_CONF=" + (dir_ / "slurm.conf").string()) != std::string::npos);
        ::setenv("SLURM_CONF", (dir_ / "slurm.conf").c_str(), 1);
    }
    ~LocalCluster() {
        run({"bash", kScript, "stop", dir_.string()});
        ::unsetenv("SLURM_CONF");
        std::error_code ec;
        fs::remove_all(root_, ec);
    }
    LocalCluster(const LocalCluster&) = delete;
    LocalCluster& operator=(const LocalCluster&) = delete;

private:
    fs::path root_, dir_;
};

bool installed(const std::string& program) {
    return fs::exists("/usr/sbin/" + program) || fs::exists("/usr/bin/" + program);
}

// Why a local cluster cannot be started here (not root, Slurm not installed), or nothing.
std::string cannot_run_slurm() {
    std::string missing;
    for (const char* p : {"munged", "slurmctld", "slurmd", "sbatch", "squeue"})
        if (!installed(p)) missing += std::string(" ") + p;
    if (::geteuid() == 0 && missing.empty()) return {};
    return "SKIPPED: the Slurm test needs root and slurmctld slurmd slurm-client munge (missing:" +
           (missing.empty() ? std::string(" none; not root") : missing) + ")";
}

}  // namespace

TEST_CASE("a sweep runs as a Slurm job array and merges to the unsharded result", "[slurm][slow]") {
    if (const std::string why = cannot_run_slurm(); !why.empty()) {
        WARN(why);
        return;
    }
    const fs::path root = fs::temp_directory_path() / ("swsim_slurm_" + std::to_string(::getpid()));
    fs::remove_all(root);
    const std::string sweep = std::string(SWSIM_SOURCE_DIR) + "/tests/data/sweep/morris.yaml";
    const std::string local = (root / "local").string(), cluster_out = (root / "cluster").string();
    const LocalCluster cluster(root);

    const Output ran = run({SWSIM_BINARY, "sweep", "run", sweep, "--out", local, "--threads", "2"});
    INFO(ran.text);
    REQUIRE(ran.status == 0);
    REQUIRE(run({SWSIM_BINARY, "sweep", "merge", local}).status == 0);

    const Output submitted = run({SWSIM_BINARY, "sweep", "slurm", sweep, "--tasks", "3", "--out", cluster_out, "--submit"});
    INFO(submitted.text);
    REQUIRE(submitted.status == 0);
    std::smatch id;
    REQUIRE(std::regex_search(submitted.text, id, std::regex(R"(submitted job (\d+))")));
    CHECK(submitted.text.find("squeue -j " + id[1].str()) != std::string::npos);
    const std::string script = slurp(cluster_out + "/sweep.sbatch");
    CHECK(script.find("#SBATCH --array=1-3\n") != std::string::npos);
    CHECK(script.find(" sweep run " + sweep + " --shard \"$SLURM_ARRAY_TASK_ID/3\" --out " + cluster_out) !=
          std::string::npos);

    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(120);
    for (;;) {
        const Output q = run({"squeue", "-h", "-j", id[1].str()});
        if (q.status == 0 && q.text.empty()) break;  // the job has left the queue
        if (std::chrono::steady_clock::now() > deadline) FAIL("the job array did not finish within 120 s: " << q.text);
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
    }
    for (int task = 1; task <= 3; ++task)
        CHECK(slurp(cluster_out + "/logs/shard-" + std::to_string(task) + ".out").find("shard " + std::to_string(task) + "/3: ") !=
              std::string::npos);

    const Output merged = run({SWSIM_BINARY, "sweep", "merge", cluster_out});
    INFO(merged.text);
    REQUIRE(merged.status == 0);
    for (const char* f : {"/points.csv", "/sensitivity.csv"}) CHECK(slurp(cluster_out + f) == slurp(local + f));

    fs::remove(cluster_out + "/shards/shard-2-of-3.csv");
    const Output lost = run({SWSIM_BINARY, "sweep", "merge", cluster_out});
    CHECK(lost.status == 2);
    CHECK(lost.text.find("shard 2/3: missing") != std::string::npos);
    std::smatch rerun;
    REQUIRE(std::regex_search(lost.text, rerun, std::regex("rerun: (.*)")));
    CHECK(rerun[1].str() == std::string(SWSIM_BINARY) + " sweep run " + sweep + " --shard 2/3 --out " + cluster_out);
    REQUIRE(run({"sh", "-c", rerun[1].str()}).status == 0);
    REQUIRE(run({SWSIM_BINARY, "sweep", "merge", cluster_out}).status == 0);
    for (const char* f : {"/points.csv", "/sensitivity.csv"}) CHECK(slurp(cluster_out + f) == slurp(local + f));
}

TEST_CASE("sweep slurm --submit without sbatch on PATH is a clear error", "[slurm]") {
    const fs::path dir = fs::temp_directory_path() / ("swsim_nosbatch_" + std::to_string(::getpid()));
    const char* old = std::getenv("PATH");
    const std::string saved = old ? old : "";
    ::setenv("PATH", "/nonexistent", 1);
    const std::string sweep = std::string(SWSIM_SOURCE_DIR) + "/tests/data/sweep/morris.yaml";
    const Output o = run({SWSIM_BINARY, "sweep", "slurm", sweep, "--tasks", "2", "--out", dir.string(), "--submit"});
    ::setenv("PATH", saved.c_str(), 1);
    CHECK(o.status == 2);
    CHECK(o.text.find("sbatch is not on PATH") != std::string::npos);
    CHECK(fs::exists(dir / "sweep.sbatch"));
    fs::remove_all(dir);
}

TEST_CASE("a calibration wave runs as a Slurm job array, chained to its ensemble and merge", "[slurm][slow]") {
    if (const std::string why = cannot_run_slurm(); !why.empty()) {
        WARN(why);
        return;
    }
    const fs::path root = fs::temp_directory_path() / ("swsim_slurm_cal_" + std::to_string(::getpid()));
    fs::remove_all(root);
    const std::string cal = std::string(SWSIM_SOURCE_DIR) + "/tests/data/calibrate/one_wave.yaml";
    const std::string local = (root / "local").string(), cluster_out = (root / "cluster").string();
    const LocalCluster cluster(root);

    const Output ran = run({SWSIM_BINARY, "calibrate", "run", cal, "--out", local, "--threads", "2"});
    INFO(ran.text);
    REQUIRE(ran.status == 0);

    const Output submitted = run({SWSIM_BINARY, "calibrate", "slurm", cal, "--tasks", "2", "--out", cluster_out, "--submit"});
    INFO(submitted.text);
    REQUIRE(submitted.status == 0);
    // One job array per stage (wave 1, the ensemble) and the merge, each after the one before.
    std::vector<std::string> ids;
    const std::regex line(R"(submitted (\S+)\.sbatch as job (\d+))");
    for (auto it = std::sregex_iterator(submitted.text.begin(), submitted.text.end(), line); it != std::sregex_iterator(); ++it)
        ids.push_back((*it)[2].str());
    REQUIRE(ids.size() == 3);
    CHECK(slurp(cluster_out + "/wave-1.sbatch").find(" calibrate run " + cal + " --wave 1 --shard \"$SLURM_ARRAY_TASK_ID/2\"") !=
          std::string::npos);
    CHECK(slurp(cluster_out + "/ensemble.sbatch").find("--wave ensemble") != std::string::npos);

    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(180);
    for (;;) {
        const Output q = run({"squeue", "-h", "-j", ids[0] + "," + ids[1] + "," + ids[2]});
        if (q.status == 0 && q.text.empty()) break;  // every job has left the queue
        if (std::chrono::steady_clock::now() > deadline) FAIL("the jobs did not finish within 180 s: " << q.text);
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
    }
    INFO(slurp(cluster_out + "/logs/merge-1.err") + slurp(cluster_out + "/logs/wave-1-1.err"));
    for (const char* f : {"/points.csv", "/ensemble.csv", "/validation.csv", "/parameters.csv", "/waves.csv"})
        CHECK(slurp(cluster_out + f) == slurp(local + f));
    CHECK(!slurp(cluster_out + "/ensemble.csv").empty());
}

namespace {

const std::string kMorris = std::string(SWSIM_SOURCE_DIR) + "/tests/data/sweep/morris.yaml";
const std::string kOneWave = std::string(SWSIM_SOURCE_DIR) + "/tests/data/calibrate/one_wave.yaml";

fs::path scratch_dir(const std::string& tag) {
    const fs::path dir = fs::temp_directory_path() / ("swsim_" + tag + "_" + std::to_string(::getpid()));
    fs::remove_all(dir);
    return dir;
}

bool has_line(const std::string& text, const std::string& line) { return text.find(line + "\n") != std::string::npos; }

// Runs swsim with PATH set to `path` for the child (the test's own PATH is restored after).
Output run_with_path(const std::string& path, std::vector<std::string> args) {
    const char* old = std::getenv("PATH");
    const std::string saved = old ? old : "";
    ::setenv("PATH", path.c_str(), 1);
    Output o = run(std::move(args));
    ::setenv("PATH", saved.c_str(), 1);
    return o;
}

}  // namespace

TEST_CASE("sweep slurm writes account, qos, constraint and every sbatch-arg as SBATCH lines, and runs --swsim", "[slurm]") {
    const fs::path dir = scratch_dir("slurm_lines");
    const Output o = run({SWSIM_BINARY, "sweep", "slurm", kMorris, "--tasks", "2", "--out", dir.string(), "--account",
                          "proj-0815", "--qos", "short", "--constraint", "[intel&ib|amd]", "--sbatch-arg=--gres=gpu:1",
                          "--sbatch-arg=--mail-type=END,FAIL", "--sbatch-arg", "--exclusive", "--swsim",
                          "/opt/swsim/bin/swsim"});
    INFO(o.text);
    REQUIRE(o.status == 0);
    const std::string script = slurp(dir / "sweep.sbatch");
    CHECK(has_line(script, "#SBATCH --account=proj-0815"));
    CHECK(has_line(script, "#SBATCH --qos=short"));
    CHECK(has_line(script, "#SBATCH --constraint=[intel&ib|amd]"));
    // In the order given, after swsim's own lines and before the command.
    const auto gres = script.find("#SBATCH --gres=gpu:1\n"), mail = script.find("#SBATCH --mail-type=END,FAIL\n"),
               exclusive = script.find("#SBATCH --exclusive\n"), command = script.find("exec ");
    CHECK(script.find("#SBATCH --array=1-2\n") < gres);
    CHECK(gres < mail);
    CHECK(mail < exclusive);
    CHECK(exclusive < command);
    CHECK(script.find("exec /opt/swsim/bin/swsim sweep run " + kMorris) != std::string::npos);
    CHECK(o.text.find("note:") == std::string::npos);
    fs::remove_all(dir);
}

TEST_CASE("the job script calls swsim by name when PATH finds this binary, else by its absolute path with a note", "[slurm]") {
    const fs::path dir = scratch_dir("slurm_binary"), bin = scratch_dir("slurm_bin");
    fs::create_directories(bin);
    fs::create_symlink(SWSIM_BINARY, bin / "swsim");
    const Output named = run_with_path(bin.string() + ":/usr/bin:/bin",
                                       {SWSIM_BINARY, "sweep", "slurm", kMorris, "--tasks", "2", "--out", dir.string()});
    INFO(named.text);
    REQUIRE(named.status == 0);
    CHECK(slurp(dir / "sweep.sbatch").find("\nexec swsim sweep run ") != std::string::npos);
    CHECK(named.text.find("note:") == std::string::npos);

    const Output absolute =
        run_with_path("/usr/bin:/bin", {SWSIM_BINARY, "sweep", "slurm", kMorris, "--tasks", "2", "--out", dir.string()});
    INFO(absolute.text);
    REQUIRE(absolute.status == 0);
    const std::string self = fs::canonical(SWSIM_BINARY).string();
    CHECK(slurp(dir / "sweep.sbatch").find("\nexec " + self + " sweep run ") != std::string::npos);
    CHECK(absolute.text.find("note: the job script calls " + self) != std::string::npos);
    CHECK(absolute.text.find("or pass --swsim PATH") != std::string::npos);
    fs::remove_all(dir);
    fs::remove_all(bin);
}

TEST_CASE("bad Slurm values exit 2 naming the argument and write nothing", "[slurm]") {
    const fs::path dir = scratch_dir("slurm_bad");
    const std::vector<std::pair<std::vector<std::string>, std::string>> cases{
        {{"--account", "a\nb"}, "--account 'a\\nb': error: holds a newline, which a #SBATCH line cannot safely carry"},
        {{"--qos", "x;touch /tmp/y"}, "--qos 'x;touch /tmp/y': error: holds ';'"},
        {{"--partition", "a b"}, "--partition 'a b': error: holds a space"},
        {{"--constraint", "intel`id`"}, "--constraint 'intel`id`': error: holds '`'"},
        {{"--sbatch-arg=--array=1-5"}, "--sbatch-arg '--array=1-5': error: use swsim's --tasks option"},
        {{"--sbatch-arg=--output=x"}, "--sbatch-arg '--output=x': error: swsim writes --output itself"},
        {{"--sbatch-arg=gres=gpu:1"}, "--sbatch-arg 'gres=gpu:1': error: expected one long sbatch option"},
        {{"--swsim", "/opt/a\nb"}, "--swsim '/opt/a\\nb': error: holds a newline"},
    };
    for (const auto& [bad, message] : cases) {
        std::vector<std::string> args{SWSIM_BINARY, "sweep", "slurm", kMorris, "--tasks", "2", "--out", dir.string()};
        args.insert(args.end(), bad.begin(), bad.end());
        const Output o = run(args);
        INFO(o.text);
        CHECK(o.status == 2);
        CHECK(o.text.find(message) != std::string::npos);
        CHECK(o.text.find("nothing written") != std::string::npos);
        CHECK_FALSE(fs::exists(dir));
    }
    const Output cal = run({SWSIM_BINARY, "calibrate", "slurm", kOneWave, "--tasks", "2", "--out", dir.string(),
                            "--qos", "a|b"});
    CHECK(cal.status == 2);
    CHECK(cal.text.find("--qos 'a|b': error: holds '|'") != std::string::npos);
    CHECK_FALSE(fs::exists(dir));
}

TEST_CASE("calibrate slurm writes the same SBATCH lines and runs --swsim in every job script", "[slurm][calibrate]") {
    const fs::path dir = scratch_dir("slurm_cal_lines");
    const Output o = run({SWSIM_BINARY, "calibrate", "slurm", kOneWave, "--tasks", "2", "--out", dir.string(),
                          "--account", "proj", "--qos", "long", "--constraint", "ib", "--sbatch-arg=--nice=10",
                          "--swsim", "swsim-1.2"});
    INFO(o.text);
    REQUIRE(o.status == 0);
    for (const char* name : {"wave-1.sbatch", "ensemble.sbatch", "merge.sbatch"}) {
        INFO(name);
        const std::string script = slurp(dir / name);
        CHECK(has_line(script, "#SBATCH --account=proj"));
        CHECK(has_line(script, "#SBATCH --qos=long"));
        CHECK(has_line(script, "#SBATCH --constraint=ib"));
        CHECK(has_line(script, "#SBATCH --nice=10"));
        CHECK(script.find("\nexec swsim-1.2 calibrate ") != std::string::npos);
    }
    fs::remove_all(dir);
}
