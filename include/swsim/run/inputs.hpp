// Everything a run reads from disk, loaded and cross-checked once, at the boundary: the scenario
// (with its extends chain) and the region data it names, plus the rules between the two (every
// region code in policy.company.mode_by_region must be a region of the data). Also the one check
// that needs both and the machine: whether the results of many runs fit in memory.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "swsim/core/error.hpp"
#include "swsim/region/regions.hpp"
#include "swsim/scenario/scenario.hpp"

namespace swsim {

struct Inputs {
    Scenario scenario;
    RegionData regions;
};

// Throws ScenarioError with every problem found. A problem in a region data file is reported at
// the scenario key that names the file, with the data file's own position in the message, so the
// user sees both which file is wrong and where the scenario chose it:
//   scenarios/base.yaml:14:16: error: regions.regions_csv: in scenarios/data/regions_2015.csv:7:64:
//   wsw_persons: 'abc' is not a number
// `sets` are command-line overrides (--set KEY=VALUE), applied in order after the scenario file and
// checked like a line of it (paths relative to the working directory); a problem is reported at the
// argument: `--set policy.company.mode=x: error: policy.company.mode: ...`.
Inputs load_inputs(const std::string& scenario_path, const std::vector<std::string>& sets = {});

// A file a scenario makes a run read: each scenario file (role "scenario": the file given, then the
// files it extends, as read), then each data file by the key that names it (role
// "regions.regions_csv", ...: every key of type path). simulation.ensemble is left to the
// comparison, which reads the ensemble only when it uses it. Paths are absolute.
struct InputFile {
    std::string role;
    std::string path;
};
std::vector<InputFile> input_files(const Scenario& sc);

// swsim run and compare keep the yearly records of every run in memory until the tables are written
// (the statistics need all replicates at once), so a request for many runs must be refused before
// the first run starts, not die hours later.

// Bytes one run of these inputs holds at the peak: per year simulated and per region and NL, the
// record itself, its numbers copied for the statistics and its rows in yearly.csv and results.xlsx;
// and its cohort records (run/cohorts.hpp).
std::uint64_t result_bytes_per_run(const Inputs& in);

// What a command may take: half of the physical memory (sysconf), or half of the memory limit of
// the process's cgroup (a Slurm job's --mem, a container's limit) when that is lower. The other
// half is left to the program itself and the rest of the system.
struct MemoryBudget {
    std::uint64_t bytes = 0;
    std::string reason;  // "half of the 15.5 GiB of physical memory", for the message
};
MemoryBudget result_memory_budget();

// Persons one run of these inputs simulates at most: the stocks at the base month and every
// inflow of the horizon (none leaves, as an upper bound), times simulation.scale.
double persons_per_run(const Scenario& sc, const RegionData& regions);
inline double persons_per_run(const Inputs& in) { return persons_per_run(in.scenario, in.regions); }

// Bytes a simulated person takes in the population (its record, status, flags and clocks) and in
// the lists of the month (due lists, seekers, beschut queues). The benchmark measured 54.9 bytes of
// model state per person at the peak and 96 MB peak RSS for two runs at once of 745,000 persons
// (README, Performance); 64 + 64 bytes leave room for the growth of the vectors. persons_per_run()
// counts everyone who ever enters, more than the peak, so the estimate errs on the safe side.
inline constexpr std::uint64_t kBytesPerPerson = 64;
inline constexpr std::uint64_t kListBytesPerPerson = 64;

// What `replications` runs of every scenario hold at the peak, estimated from the scenarios before
// anything runs: the result tables of every run, and the persons and lists of the runs under way at
// once (at most `threads`, the most of any scenario).
struct MemoryEstimate {
    double tables = 0;           // bytes
    double persons = 0;          // simulated persons of the runs under way at once
    double person_bytes = 0;
    double list_bytes = 0;
    double concurrent_runs = 1;
    double total() const { return tables + person_bytes + list_bytes; }
};
MemoryEstimate memory_estimate(const std::vector<Inputs>& inputs, std::uint32_t replications, unsigned threads);

// The problem, if the estimate exceeds the budget: at the reference's (the first)
// simulation.replications, or at `--replications` when the number came from the command line.
// Names the estimate, its parts, the limit and the most replicates that fit.
// The problem, if `concurrent` runs of `largest_persons` simulated persons each would not fit at
// once: their records and lists (a sweep keeps only a few outputs of each run, not its tables).
std::optional<std::string> concurrent_runs_memory_problem(double largest_persons, unsigned concurrent,
                                                          const MemoryBudget& budget);

// With an ensemble, every scenario runs `members` x `replications` times.
std::optional<Diagnostic> result_memory_problem(const std::vector<Inputs>& inputs, std::uint32_t replications,
                                                bool from_command_line, const MemoryBudget& budget,
                                                unsigned threads, std::uint32_t members = 1);

}  // namespace swsim
