// Result tables of runs: the tidy yearly table (one row per scenario x replicate x year x region),
// the cohort table (origin cohorts across replicates), the terminal headline of swsim run and the
// run manifest. Tables hold no timestamps, so reruns compare byte for byte; timings go only into
// the manifest. Columns come from output/columns.hpp; files are written through output/files.hpp.
#pragma once

#include <string>
#include <vector>

#include "swsim/output/columns.hpp"
#include "swsim/run/run.hpp"

namespace swsim {

// yearly.csv as text: a header line and the records of every run, in the order given.
std::string yearly_csv(const std::vector<RunResult>& runs);

// cohorts.csv as text: per scenario (consecutive runs of one scenario are its replicates), origin,
// cohort year, years after, region (file order, NL last) and cohort metric (output/columns.hpp), the
// statistics across replicates (summary_statistics(), with the metric's decimals). A cohort appears
// when it had entrants in some replicate; a replicate in which it had none counts as 0 entrants and
// NA shares.
std::string cohorts_csv(const std::vector<RunResult>& runs);

// A short national table for the terminal: the key metrics in the given years (those simulated),
// averaged over the runs (replicates of one scenario).
std::string national_headline(const std::vector<RunResult>& runs, const std::vector<int>& years);

struct ManifestInfo {
    std::vector<const Scenario*> scenarios;
    std::uint32_t first_replicate = 0;
    std::uint32_t replications = 0;
    int threads = 0;
    double wall_seconds = 0;
    std::string command;
};
// manifest.json without its "files" (ResultFolder::commit adds them).
std::string manifest_json(const ManifestInfo& info);

std::string program_version();  // "0.1.0 (git revision)"

}  // namespace swsim
