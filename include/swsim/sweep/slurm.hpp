// Sweeps on a Slurm cluster: a job-array script with one array task per shard (task id = shard,
// 1-based), each running `swsim sweep run --shard ID/N` with absolute paths, logs in DIR/logs/;
// and its submission with `sbatch --parsable`. Nothing here waits for the cluster: the user follows
// the job with squeue/sacct and merges when it is done.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "swsim/sweep/sweep.hpp"

namespace swsim {

struct SlurmOptions {
    int tasks = 1;
    std::string partition;  // empty: the cluster's default
    std::string time;       // e.g. "01:00:00"; empty: the partition's default
    std::string mem;        // e.g. "4G"; empty: the default
    int cpus = 1;           // cpus per task, passed to --threads
};

// A word for a POSIX shell: unchanged if it holds only safe characters, else in single quotes.
std::string shell_quote(std::string_view word);

// The sbatch script text. `swsim`, `sweep_file` and `dir` must be absolute.
std::string sbatch_script(const std::string& swsim, const std::string& job_name, const std::string& sweep_file,
                          const std::filesystem::path& dir, const SlurmOptions& options);

// Runs `sbatch --parsable SCRIPT` and returns the job id. Throws InputError when sbatch is not on
// PATH or refuses the job (its message included).
std::string submit_sbatch(const std::filesystem::path& script);

}  // namespace swsim
