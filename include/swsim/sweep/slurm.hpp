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

// A job-array script (tasks 1..options.tasks) whose tasks run `command` (a shell command line that
// may use $SLURM_ARRAY_TASK_ID), logs in logs/LOG_NAME-<task>.out and .err; `comment` is placed
// after the first line (each line starting with '#').
std::string array_script(const std::string& job_name, const std::string& comment, const std::string& command,
                         const std::filesystem::path& logs, const std::string& log_name, const SlurmOptions& options);
// The arguments a task passes: --shard "$SLURM_ARRAY_TASK_ID/N", and --threads from the allocation.
std::string shard_arguments(const SlurmOptions& options);
std::string threads_argument(const SlurmOptions& options);

// The sbatch script text of a sweep. `swsim`, `sweep_file` and `dir` must be absolute.
std::string sbatch_script(const std::string& swsim, const std::string& job_name, const std::string& sweep_file,
                          const std::filesystem::path& dir, const SlurmOptions& options);

// Runs `sbatch --parsable SCRIPT` (with --dependency=afterok:AFTER when `after` names a job) and
// returns the job id. Throws InputError when sbatch is not on PATH or refuses the job (its message
// included).
std::string submit_sbatch(const std::filesystem::path& script, const std::string& after = {});

}  // namespace swsim
