// Budgets: every euro flow of the month per region: Rijksbijdrage per SE, Wsw wages per SE, beschut
// wages and begeleiding, loonkostensubsidie ((1 - loonwaarde) x 1.08 x WML x 1.23, pro rata hours),
// jobcoach begeleiding, training, bijstand benefits, and the SW-bedrijf's sticky overhead, variable
// cost and revenue. Overhead follows the company's places each January but falls by at most a set
// share a year, which is why the deficit per place rises as a sterfhuis shrinks.
#pragma once

#include "swsim/model/state.hpp"

namespace swsim {

// Places the company carries overhead for (persons, weighted): Wsw in SE, the beschut workers where
// the company runs the beschut facility, and in an ontwikkelbedrijf its trainees and (at a lower
// weight) its seconded non-Wsw workers.
double company_places(const ModelContext& ctx, const State& st, std::size_t region);

// The overhead a company's places justify (overhead per SE x places), euro per year.
double base_company_overhead(const ModelContext& ctx, const State& st, std::size_t region);

// Every line of each region from its counts and pay sums (RegionPay) at the end of the month, and
// each January the sticky overhead.
void budget_regions(const ModelContext& ctx, State& st, MonthAccounts& acc);

}  // namespace swsim
