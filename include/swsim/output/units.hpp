// The tables per municipality and per SW-bedrijf: municipalities.csv (what each municipality pays and
// the key counts of its residents) and companies.csv (places, overhead, result and deficit per place
// of each company). Each row is the mean over the replicates of a scenario (with an ensemble: over
// every member and replicate); the intervals are in summary.csv and comparison.csv, for the regions
// and NL. A municipality's money is its residents' lines plus its share of its company's result
// (process/budget.hpp); the rows of a company's members, of a region's municipalities and of all
// municipalities sum to the company's, the region's (yearly.csv) and NL's.
#pragma once

#include <string>
#include <vector>

#include "swsim/run/compare.hpp"
#include "swsim/run/run.hpp"

namespace swsim {

// The metrics of each table, by their yearly.csv column names (output/columns.hpp).
const std::vector<std::string>& municipality_metrics();
const std::vector<std::string>& company_metrics();

// scenario, year, gm_code, municipality, region, company, then the municipality metrics.
std::string municipalities_csv(const Comparison& cmp, const std::vector<RunResult>& runs);
// scenario, year, company_id, company, home_region, members, mode, then the company metrics.
std::string companies_csv(const Comparison& cmp, const std::vector<RunResult>& runs);

}  // namespace swsim
