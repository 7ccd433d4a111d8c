// Sweeps on a Slurm cluster: a job-array script with one array task per shard (task id = shard,
// 1-based), each running `swsim sweep run --shard ID/N` with absolute paths, logs in DIR/logs/;
// and its submission with `sbatch --parsable`. Nothing here waits for the cluster: the user follows
// the job with squeue/sacct and merges when it is done.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "swsim/sweep/sweep.hpp"

namespace swsim {

struct SlurmOptions {
    int tasks = 1;
    std::string partition;  // empty: the cluster's default
    std::string time;       // e.g. "01:00:00"; empty: the partition's default
    std::string mem;        // e.g. "4G"; empty: the default
    int cpus = 1;           // cpus per task, passed to --threads
    std::string account;    // --account: the project the cluster bills; empty: the user's default
    std::string qos;        // --qos: quality of service; empty: the default
    std::string constraint;  // --constraint: node features, e.g. "intel&ib"; empty: any node
    std::vector<std::string> sbatch_args;  // --sbatch-arg: further #SBATCH options, in the order given
    std::string swsim;      // --swsim: the binary the tasks run; empty: job_binary()'s default
};

// Every value above is written into a #SBATCH line, which sbatch reads word by word and a newline
// would end: each must be one word of letters, digits and _ - + = . / : , @ % (a constraint and an
// sbatch argument also & | [ ] * ( ), Slurm's feature and node-list syntax), and an sbatch argument
// is a long option (--name or --name=value) that swsim does not write itself. Throws InputError
// (exit 2) naming each bad argument with its value; nothing is written before.
void check_slurm_options(const SlurmOptions& options);

// The swsim a job script calls, valid on the compute nodes: --swsim as given (a name is looked up on
// the node's PATH, a relative path is made absolute); else "swsim" when the swsim on this PATH is
// this binary (`self`, absolute), since a job starts with the submitting shell's PATH; else `self`,
// with a note that it must exist at that path on the nodes.
struct JobBinary {
    std::string path;
    std::string note;  // empty, or one line to print
};
JobBinary job_binary(const std::string& given, const std::string& self);

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

// The sbatch script text of a sweep. `sweep_file` and `dir` must be absolute; `swsim` is a path or
// a name on the nodes' PATH (job_binary()).
std::string sbatch_script(const std::string& swsim, const std::string& job_name, const std::string& sweep_file,
                          const std::filesystem::path& dir, const SlurmOptions& options);

// Runs `sbatch --parsable SCRIPT` (with --dependency=afterok:AFTER when `after` names a job) and
// returns the job id. Throws InputError when sbatch is not on PATH or refuses the job (its message
// included).
std::string submit_sbatch(const std::filesystem::path& script, const std::string& after = {});

}  // namespace swsim
