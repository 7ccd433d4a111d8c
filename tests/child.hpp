// Running the swsim binary from a test as a child process, and the file helpers that go with it:
// a file's whole text, a fresh scratch folder, and a child whose stdout and stderr go to files.
// Shared by the tests of the command line's result folders (compare, files).
#pragma once

#include <catch2/catch.hpp>

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

extern char** environ;

namespace swsim::test {

inline std::string slurp(const std::filesystem::path& path) {
    std::stringstream text;
    text << std::ifstream(path, std::ios::binary).rdbuf();
    return text.str();
}

inline bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// An empty path in the temporary folder, unique to this test process: swsim_<tag>_<pid>.
inline std::filesystem::path fresh_dir(const std::string& tag) {
    const auto dir = std::filesystem::temp_directory_path() / ("swsim_" + tag + "_" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir);
    return dir;
}

struct Result {
    int status = -1;  // exit code, or -1 when ended by a signal
    std::string out, err;
};

// swsim (SWSIM_BINARY) started with stdout and stderr going to files in `scratch`; finish() waits,
// collects them and removes the two files.
struct Child {
    pid_t pid = 0;
    std::filesystem::path out, err;

    Child(const std::vector<std::string>& args, const std::filesystem::path& scratch)
        : out(scratch / "stdout"), err(scratch / "stderr") {
        std::filesystem::create_directories(scratch);
        posix_spawn_file_actions_t actions;
        posix_spawn_file_actions_init(&actions);
        posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        std::vector<std::string> strings{SWSIM_BINARY};
        strings.insert(strings.end(), args.begin(), args.end());
        std::vector<char*> argv;
        for (auto& s : strings) argv.push_back(s.data());
        argv.push_back(nullptr);
        const int spawned = posix_spawn(&pid, SWSIM_BINARY, &actions, nullptr, argv.data(), environ);
        posix_spawn_file_actions_destroy(&actions);
        REQUIRE(spawned == 0);
    }
    Result finish() {
        int status = 0;
        REQUIRE(::waitpid(pid, &status, 0) == pid);
        Result r{WIFEXITED(status) ? WEXITSTATUS(status) : -1, slurp(out), slurp(err)};
        std::filesystem::remove(out);
        std::filesystem::remove(err);
        return r;
    }
};

// swsim run to its end.
inline Result swsim_cli(const std::vector<std::string>& args, const std::filesystem::path& scratch) {
    return Child(args, scratch).finish();
}

}  // namespace swsim::test
