// The tables of swsim compare: summary.csv (every output column across replicates), comparison.csv
// (each scenario minus the reference with its 90 % interval), the national headline (as a table and
// as terminal text), the manifest, and the whole result folder (those, yearly.csv, cohorts.csv and
// results.xlsx) written as one unit.
#pragma once

#include <string>
#include <vector>

#include "swsim/output/files.hpp"
#include "swsim/run/compare.hpp"

namespace swsim {

// summary.csv: scenario,year,region,metric,mean,p05,p95,sd,n; with an ensemble the statistics are
// over all members x replicates, followed by mc_low,mc_high (the Monte Carlo interval of the mean).
std::string summary_csv(const Comparison& cmp, const std::vector<RunResult>& runs);
// comparison.csv: scenario,reference,year,region,metric,mean_diff,ci_low,ci_high,n; with an ensemble
// ci_low,ci_high is the Monte Carlo interval, followed by total_low,total_high (run/stats.hpp).
std::string comparison_csv(const Comparison& cmp, const std::vector<RunResult>& runs);
// The national headline (compare --years, else 2020, 2030, 2040, those simulated) as a table, and as
// terminal text.
std::string headline_csv(const Comparison& cmp, const std::vector<RunResult>& runs);
std::string headline_text(const Comparison& cmp, const std::vector<RunResult>& runs);
// What the result of a run or comparison is made from (output/files.hpp): kind "run" or "compare",
// every file its scenarios read (input_files()) and the ensemble it uses, with their sha256 as they
// are now (call it right after loading), and each scenario's hash.
ResultIdentity result_identity(const Comparison& cmp, const std::string& kind);

// manifest.json of swsim run (output/tables.hpp) plus each scenario's hash and the files it read.
std::string run_manifest_json(const Comparison& cmp, int threads, double wall_seconds, const std::string& command);
// The same plus the reference, the pairing and the interval used (and the ensemble).
std::string comparison_manifest_json(const Comparison& cmp, int threads, double wall_seconds,
                                     const std::string& command);

// Stages yearly.csv, summary.csv, comparison.csv, cohorts.csv and results.xlsx in `folder` and
// commits them with the manifest: the folder then holds this comparison whole, or (interrupted,
// disk full) what it held before. With an ensemble the workbook's first sheet is yearly_means (each
// scenario's mean over its runs) instead of every run's rows.
void write_comparison(ResultFolder& folder, const Comparison& cmp, const std::vector<RunResult>& runs, int threads,
                      double wall_seconds, const std::string& command);

}  // namespace swsim
