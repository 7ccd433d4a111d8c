// The job-array script and its submission (sbatch --parsable, run with posix_spawn; no shell).

#include "swsim/sweep/slurm.hpp"

#include <array>
#include <cctype>
#include <cstdlib>
#include <sstream>
#include <vector>

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fmt/format.h>

#include "swsim/core/error.hpp"

extern char** environ;

namespace swsim {
namespace fs = std::filesystem;

std::string shell_quote(std::string_view word) {
    const bool safe = !word.empty() && word.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                                                              "0123456789_-+=./:,@%") == std::string_view::npos;
    if (safe) return std::string(word);
    std::string out = "'";
    for (char c : word) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return out + "'";
}

namespace {

constexpr std::string_view kWordCharacters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-+=./:,@%";
constexpr std::string_view kFeatureCharacters = "&|[]*()";

// The value as a message shows it: control characters (a newline) as \n, \t or \xNN.
std::string shown(std::string_view value) {
    std::string out;
    for (unsigned char c : value) {
        if (c == '\n') out += "\\n";
        else if (c == '\t') out += "\\t";
        else if (c < 0x20 || c == 0x7f) out += fmt::format("\\x{:02x}", c);
        else out += char(c);
    }
    return out;
}

// Why `value` cannot be one word of a #SBATCH line, or nothing.
std::string word_problem(std::string_view value, bool features) {
    if (value.empty()) return "is empty";
    for (unsigned char c : value) {
        const bool ok = kWordCharacters.find(char(c)) != std::string_view::npos ||
                        (features && kFeatureCharacters.find(char(c)) != std::string_view::npos);
        if (ok) continue;
        std::string what = fmt::format("'{}'", char(c));
        if (c == '\n') what = "a newline";
        else if (c == ' ') what = "a space";
        else if (c < 0x20 || c == 0x7f) what = fmt::format("the control character \\x{:02x}", c);
        return fmt::format("holds {}, which a #SBATCH line cannot safely carry; use letters, digits and {}{}", what,
                           "_ - + = . / : , @ %", features ? " & | [ ] * ( )" : "");
    }
    return {};
}

// The sbatch options swsim writes itself, and the option of swsim that sets each (if any).
constexpr std::array<std::pair<std::string_view, std::string_view>, 11> kOwnOptions{{
    {"job-name", ""}, {"array", "--tasks"}, {"cpus-per-task", "--cpus"}, {"output", ""}, {"error", ""},
    {"partition", "--partition"}, {"time", "--time"}, {"mem", "--mem"}, {"account", "--account"},
    {"qos", "--qos"}, {"constraint", "--constraint"},
}};

}  // namespace

void check_slurm_options(const SlurmOptions& o) {
    std::vector<std::string> problems;
    auto check = [&](const char* option, const std::string& value, bool features) {
        if (value.empty()) return;  // not given
        if (const std::string why = word_problem(value, features); !why.empty())
            problems.push_back(fmt::format("{} '{}': error: {}", option, shown(value), why));
    };
    check("--partition", o.partition, false);
    check("--time", o.time, false);
    check("--mem", o.mem, false);
    check("--account", o.account, false);
    check("--qos", o.qos, false);
    check("--constraint", o.constraint, true);
    for (const std::string& arg : o.sbatch_args) {
        const std::string where = fmt::format("--sbatch-arg '{}': error: ", shown(arg));
        if (const std::string why = word_problem(arg, true); !why.empty()) {
            problems.push_back(where + why);
            continue;
        }
        const std::string_view name = std::string_view(arg).substr(0, arg.find('='));
        if (name.size() < 3 || !name.starts_with("--") || !std::isalpha(static_cast<unsigned char>(name[2]))) {
            problems.push_back(where + "expected one long sbatch option, --name or --name=value (e.g. "
                                       "--sbatch-arg=--gres=gpu:1)");
            continue;
        }
        for (const auto& [own, instead] : kOwnOptions)
            if (name.substr(2) == own)
                problems.push_back(where + (instead.empty() ? fmt::format("swsim writes --{} itself", own)
                                                            : fmt::format("use swsim's {} option", instead)));
    }
    if (!o.swsim.empty() && o.swsim.find_first_of("\n\r") != std::string::npos)
        problems.push_back(fmt::format("--swsim '{}': error: holds a newline", shown(o.swsim)));
    if (problems.empty()) return;
    std::string message;
    for (const std::string& p : problems) message.append(message.empty() ? "" : "\n").append(p);
    throw InputError(message + "; nothing written");
}

JobBinary job_binary(const std::string& given, const std::string& self) {
    if (!given.empty()) {
        if (given.find('/') == std::string::npos) return {given, ""};
        return {fs::absolute(given).lexically_normal().string(), ""};
    }
    std::istringstream path(std::getenv("PATH") ? std::getenv("PATH") : "");
    for (std::string d; std::getline(path, d, ':');) {
        if (d.empty()) continue;
        const fs::path found = fs::path(d) / "swsim";
        if (::access(found.c_str(), X_OK) != 0) continue;
        std::error_code ec;
        if (fs::equivalent(found, self, ec)) return {"swsim", ""};
        break;  // another swsim comes first on PATH: the tasks would run that one
    }
    return {self, "note: the job script calls " + self + " (the swsim on PATH, if any, is another binary); it must "
                                                         "exist at that path on the compute nodes, or pass --swsim PATH"};
}

std::string array_script(const std::string& job_name, const std::string& comment, const std::string& command,
                         const fs::path& logs, const std::string& log_name, const SlurmOptions& o) {
    std::string s = "#!/bin/bash\n" + comment;
    s += fmt::format("#SBATCH --job-name={}\n", job_name);
    s += fmt::format("#SBATCH --array=1-{}\n", o.tasks);
    s += fmt::format("#SBATCH --cpus-per-task={}\n", o.cpus);
    if (!o.partition.empty()) s += "#SBATCH --partition=" + o.partition + "\n";
    if (!o.time.empty()) s += "#SBATCH --time=" + o.time + "\n";
    if (!o.mem.empty()) s += "#SBATCH --mem=" + o.mem + "\n";
    if (!o.account.empty()) s += "#SBATCH --account=" + o.account + "\n";
    if (!o.qos.empty()) s += "#SBATCH --qos=" + o.qos + "\n";
    if (!o.constraint.empty()) s += "#SBATCH --constraint=" + o.constraint + "\n";
    for (const std::string& arg : o.sbatch_args) s += "#SBATCH " + arg + "\n";
    s += "#SBATCH --output=" + (logs / (log_name + "-%a.out")).string() + "\n";
    s += "#SBATCH --error=" + (logs / (log_name + "-%a.err")).string() + "\n";
    s += "set -euo pipefail\n";
    s += "exec " + command + "\n";
    return s;
}

std::string shard_arguments(const SlurmOptions& o) {
    return fmt::format("--shard \"$SLURM_ARRAY_TASK_ID/{}\"", o.tasks);
}

std::string threads_argument(const SlurmOptions& o) {
    return fmt::format("--threads \"${{SLURM_CPUS_PER_TASK:-{}}}\"", o.cpus);
}

std::string sbatch_script(const std::string& swsim, const std::string& job_name, const std::string& sweep_file,
                          const fs::path& dir, const SlurmOptions& o) {
    const std::string comment = "# One array task per shard: task I runs shard I of " + std::to_string(o.tasks) +
                                ".\n# Written by `swsim sweep slurm`; after the job: swsim sweep merge " +
                                shell_quote(dir.string()) + "\n";
    const std::string command = fmt::format("{} sweep run {} {} --out {} {}", shell_quote(swsim), shell_quote(sweep_file),
                                            shard_arguments(o), shell_quote(dir.string()), threads_argument(o));
    return array_script(job_name, comment, command, dir / "logs", "shard", o);
}

std::string submit_sbatch(const fs::path& script, const std::string& after) {
    std::string sbatch;
    std::istringstream path(std::getenv("PATH") ? std::getenv("PATH") : "");
    for (std::string d; sbatch.empty() && std::getline(path, d, ':');)
        if (!d.empty() && ::access((fs::path(d) / "sbatch").c_str(), X_OK) == 0) sbatch = (fs::path(d) / "sbatch").string();
    if (sbatch.empty())
        throw InputError("sbatch is not on PATH: submit from a Slurm login node (the job script is " + script.string() +
                         ")");
    int pipe_fd[2];
    if (::pipe2(pipe_fd, O_CLOEXEC) != 0) throw Error("cannot create a pipe for sbatch");  // only dup2 copies are inherited
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, pipe_fd[1], STDOUT_FILENO);
    posix_spawn_file_actions_adddup2(&actions, pipe_fd[1], STDERR_FILENO);
    posix_spawn_file_actions_addclose(&actions, pipe_fd[0]);
    std::vector<std::string> args{sbatch, "--parsable"};
    if (!after.empty()) args.push_back("--dependency=afterok:" + after);
    args.push_back(script.string());
    std::vector<char*> argv;
    for (std::string& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    pid_t pid = 0;
    const int spawned = posix_spawn(&pid, sbatch.c_str(), &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    ::close(pipe_fd[1]);
    std::string out;
    char buffer[4096];
    for (ssize_t got; spawned == 0 && (got = ::read(pipe_fd[0], buffer, sizeof buffer)) > 0;) out.append(buffer, std::size_t(got));
    ::close(pipe_fd[0]);
    int status = 0;
    if (spawned != 0 || ::waitpid(pid, &status, 0) != pid) throw Error("cannot run " + sbatch);
    while (!out.empty() && (out.back() == '\n' || out.back() == ' ')) out.pop_back();
    const std::string id = out.substr(0, out.find(';'));  // "jobid" or "jobid;cluster"
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0 || id.empty() ||
        id.find_first_not_of("0123456789") != std::string::npos)
        throw InputError("sbatch did not accept " + script.string() + ": " + out);
    return id;
}

}  // namespace swsim
