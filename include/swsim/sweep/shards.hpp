// Running a sweep in shards and merging them. The runs are the (point x replicate) pairs in a fixed
// order (run w = point * replicates + replicate); shard i of n (1-based) is one contiguous block,
// so a cluster task gets many runs. Each shard is written atomically as DIR/shards/shard-I-of-N.csv
// ending in "# complete ROWS HASH"; a complete shard is skipped, so a rerun resumes. DIR/sweep.json
// ties DIR to one sweep (file, fingerprint, shard count); merge writes points.csv and sensitivity.csv.
#pragma once

#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "swsim/run/run.hpp"
#include "swsim/run/runner.hpp"
#include "swsim/sweep/design.hpp"

namespace swsim {

struct Slice {
    std::size_t begin = 0;  // first run
    std::size_t end = 0;    // one past the last run
};
// Shard `shard` (1..shards) of `runs` runs: [floor((shard-1) runs / shards), floor(shard runs / shards)).
Slice shard_slice(std::size_t runs, int shard, int shards);

std::filesystem::path shard_path(const std::filesystem::path& dir, int shard, int shards);

// A hash of everything that fixes the results: the plan, replicates, outputs and the resolved
// base scenarios (16 hex digits).
std::string sweep_fingerprint(const Sweep& sweep, const std::vector<Point>& points);

// What DIR/sweep.json records.
struct SweepDir {
    std::string sweep_file;
    std::string fingerprint;
    int shards = 0;  // 0: not yet fixed (written by plan)
};
// Reads DIR/sweep.json; throws InputError if it is missing or unreadable.
SweepDir read_sweep_dir(const std::filesystem::path& dir);
// Writes DIR/sweep.json for this sweep, or checks that an existing one is for the same sweep and
// shard count (shards 0 checks nothing about shards). Throws InputError on a mismatch. The check
// and the write happen under the folder's lock (flock on DIR/.swsim.lock, waited for), so of two
// different sweeps claiming one folder at once exactly one wins.
void claim_sweep_dir(const std::filesystem::path& dir, const Sweep& sweep,
                     const std::vector<Point>& points, int shards);

// The scenarios of points first .. last - 1: the base scenario with each factor set by
// set_by_path (an inflow rate keeps the base's form), then check_scenario. Throws ScenarioError
// with the problems of every bad point, each naming the point and located at its factor's line.
std::vector<Scenario> point_scenarios(const Sweep& sweep, const std::vector<Point>& points, std::size_t first,
                                      std::size_t last);

// The outputs of one run, as written in yearly.csv (text, "NA" for a missing value).
std::vector<std::string> run_outputs(const SweepSpec& spec, const RunResult& run);

struct ShardRun {
    bool skipped = false;  // the shard file was already complete
    std::size_t runs = 0;
    bool stopped = false;  // control.stop was set: no shard file was written
};
// Runs the shard's runs through the runner (threads, progress and stop as in control) and writes
// its file, whole, only when every run is done. Every point of the shard is set up and checked
// (set_by_path, check_scenario) before any run; a bad combination throws ScenarioError naming the
// point (the CLI checks every point of the sweep before it claims the folder).
ShardRun run_shard(const Sweep& sweep, const std::vector<Point>& points, const std::filesystem::path& dir,
                   int shard, int shards, const RunControl& control = {});

// The outputs of every run of the sweep (run-major, then output; NaN for NA) from its complete
// shards. Throws InputError listing each missing or incomplete shard with rerun(shard), the command
// that reruns it.
std::vector<double> read_shard_values(const Sweep& sweep, const std::vector<Point>& points,
                                      const std::filesystem::path& dir, int shards,
                                      const std::function<std::string(int)>& rerun);

// Checks that every shard is present and complete, else throws InputError listing each missing
// or incomplete shard with the command that reruns it (`swsim` is the binary to name); then
// writes DIR/points.csv (plan columns, then the mean of every output over replicates) and
// DIR/sensitivity.csv as one result folder (output/files.hpp: with DIR/manifest.json last).
void merge_sweep(const Sweep& sweep, const std::vector<Point>& points, const std::filesystem::path& dir,
                 int shards, const std::string& swsim);

// The command that runs one shard: "SWSIM sweep run SWEEP --shard I/N --out DIR".
std::string shard_command(const std::string& swsim, const Sweep& sweep, const std::filesystem::path& dir,
                          int shard, int shards);

}  // namespace swsim
