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

// The month's per-person rates.
struct BudgetMonth {
    double lks_per_year_full = 0;  // euro per year per full-time hour of a worker with loonwaarde 0
    double bijstand_month = 0;     // euro per month per person
    double weight = 1;             // persons per simulated person
    float lks_loonwaarde_threshold = 0;  // seconded workers from this loonwaarde up earn the WML: no LKS
};
BudgetMonth budget_month(const ModelContext& ctx, const State& st);

// Per-person lines of one living person: loonkostensubsidie (jobs with LKS, and seconded workers
// below the LKS threshold) and bijstand benefits. Called in the
// order of the persons, so each region's sums are made in the same order in every build.
inline void budget_person(const BudgetMonth& b, const State& st, MonthAccounts& acc, std::size_t i) {
    const auto& p = st.persons;
    const Status s = p.status[i];
    if (s == Status::regular_lks || (s == Status::detached && p.loonwaarde[i] < b.lks_loonwaarde_threshold)) {
        acc[p.region[i]][Money::lks] +=
            (1.0 - p.loonwaarde[i]) * p.hours_per_week[i] * b.lks_per_year_full / 12.0 * b.weight;
    } else if ((s == Status::seeking || s == Status::dagbesteding || s == Status::training) &&
               p.has(i, kMunicipalBenefit)) {
        acc[p.region[i]][Money::bijstand_benefits] += b.bijstand_month * b.weight;
    }
}

// The lines of each region from its counts, and each January the sticky overhead; after the
// per-person lines of the month (the two touch different lines).
void budget_regions(const ModelContext& ctx, State& st, MonthAccounts& acc);

void step_budget(const ModelContext& ctx, State& st, MonthAccounts& acc);

}  // namespace swsim
