// Matching: seekers compete for the month's vacancies open to the target group, own region first and
// neighbours with the commuting weight. Vacancies are finite: each region's vacancies are shared over
// the scored seekers who can reach it, so more seekers do not make more jobs. A seeker's score rises
// with loonwaarde. An ontwikkelbedrijf's matching support (jobcoaches) multiplies its seekers' chance
// after the sharing: they win vacancies that would otherwise go to applicants outside the target
// group. Employer services open more vacancies, employer networks widen the reach over the region
// graph, and the detachering facility makes a share of placements detachering. Also here:
// dagbesteding -> seeking (activation), a status clock.
#pragma once

#include <algorithm>
#include <cmath>

#include "swsim/engine/schedule.hpp"
#include "swsim/scenario/scenario.hpp"

namespace swsim::matching {

struct Params {
    YearSeries vacancies_per_1000_pop_15_64_per_year;
    double loonwaarde_elasticity = 1;
    double waitlist_score_multiplier = 1;
    double max_hazard = 0;  // cap on a seeker's monthly placement hazard
    double dagbesteding_to_seeking_rate_per_year = 0;
    // Ontwikkelbedrijf functions, where they act.
    double placement_multiplier = 1;         // matching support (jobcoaches)
    double vacancy_uplift_share = 0;         // employer services
    double cross_region_weight_multiplier = 1;  // employer networks
    double detached_share_of_placements = 0;    // detachering facility
};
Params params(const Scenario& sc);

// Activation from dagbesteding (a clock) and the seeking spell (met every month).
void hazards(const Params& par, std::array<HazardPair, kStatusCount>& row);
void spell_rules(HazardTables& hz);

// A seeker's score: loonwaarde ^ elasticity, times the waitlist multiplier for the Wsw waitlist.
inline float score(const Params& par, const Population& p, std::size_t i) {
    double s = par.loonwaarde_elasticity == 1.0 ? double(p.rec[i].loonwaarde)
                                                : std::pow(double(p.rec[i].loonwaarde), par.loonwaarde_elasticity);
    if (p.rec[i].origin == Origin::wsw_waitlist) s *= par.waitlist_score_multiplier;
    return static_cast<float>(s);
}

// dagbesteding -> seeking, for a person in dagbesteding whose clock is due; true when the person
// is seeking now (and takes part in this month's matching).
bool activate(const ModelContext& ctx, State& st, std::size_t i);

// The start of the month's matching: the support per region, no seekers yet.
void open_month(const Params& par, State& st);

// A seeker on the monthly list joins this month's matching; `index` is its entry's index in the list.
inline void add_seeker(const Params& par, State& st, ListEntry& e, std::size_t index) {
    if (std::isnan(e.score)) e.score = score(par, st.persons, e.position);
    st.work.seeker_score[e.region] += e.score;
    st.work.available.push_back(static_cast<std::uint32_t>(index));
}

// Each region's vacancies shared over the score that can reach them (st.work.fill), and the
// placement hazard per unit of score of a seeker living in each region (st.work.chance), from the
// month's seeker_score.
void share_vacancies(const Params& par, const ModelContext& ctx, State& st);

// A seeker's placement hazard this month: score x chance x support, so the expected placements of a
// region never exceed its vacancies times the support (1 - exp(-h) <= h); the cap keeps the best
// candidate's monthly chance.
double placement_hazard(const Params& par, const State& st, const ListEntry& e);

// Places person i living in region home in a job: with LKS below the municipality's threshold
// (State::pay_rule), and as detachering for a share where the facility acts.
void place(const Params& par, const ModelContext& ctx, State& st, MonthAccounts& acc, std::size_t i,
           std::size_t home);

// Once every seeker is in: each region's vacancies shared over the score reaching them, then each
// seeker's placement (decided on the seeker's own clock first, placed after).
void step(const Params& par, const ModelContext& ctx, State& st, MonthAccounts& acc);

}  // namespace swsim::matching
