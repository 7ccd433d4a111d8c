// Matching: seekers compete for the month's vacancies open to the target group, own region first and
// neighbours with the commuting weight. Vacancies are finite: each region's vacancies are shared over
// the scored seekers who can reach it, so more seekers do not make more jobs. A seeker's score rises
// with loonwaarde. An ontwikkelbedrijf's matching support (jobcoaches) multiplies its seekers' chance
// after the sharing: they win vacancies that would otherwise go to applicants outside the target
// group. Also: dagbesteding -> seeking.
#pragma once

#include <algorithm>
#include <cmath>

#include "swsim/model/state.hpp"

namespace swsim {

// The month's constants. prepare_matching also fills st.work.matching_support (the matching
// support per region) and zeroes st.work.seeker_score.
struct MatchingMonth {
    double activate = 0;             // monthly hazard dagbesteding -> seeking
    double max_hazard = 0;           // cap on a seeker's monthly placement hazard
    double loonwaarde_elasticity = 1;
    double waitlist_multiplier = 1;
    double lks_loonwaarde_threshold = 0;
    double detached_share = 0;       // share of placements that are detachering (where it acts)
};
MatchingMonth prepare_matching(const ModelContext& ctx, State& st);

// A living person takes part in matching.
inline bool matching_available(const Population& p, std::size_t i) {
    return p.status[i] == Status::seeking && !p.has(i, kBeschutAdvice);
}

inline double matching_score(const MatchingMonth& m, const State& st, std::size_t i) {
    const auto& p = st.persons;
    double s = m.loonwaarde_elasticity == 1.0 ? double(p.loonwaarde[i])
                                              : std::pow(double(p.loonwaarde[i]), m.loonwaarde_elasticity);
    if (p.origin[i] == Origin::wsw_waitlist) s *= m.waitlist_multiplier;
    return s;
}

// First part, for one living person: dagbesteding -> seeking (joining this month's matching), then
// the person's score is added to the region's total.
inline void matching_activate_and_score(const MatchingMonth& m, const ModelContext& ctx, State& st, std::size_t i) {
    auto& p = st.persons;
    if (p.status[i] == Status::dagbesteding && status_event(ctx, st, i, m.activate)) set_status(st, i, Status::seeking);
    if (matching_available(p, i)) st.work.seeker_score[p.region[i]] += matching_score(m, st, i);
}

// Second part, once all scores are in: each region's vacancies shared over the score reaching them
// (st.work.fill, st.work.chance).
void share_vacancies(const ModelContext& ctx, State& st);

// Places person i living in region home in a job.
void place(const MatchingMonth& m, const ModelContext& ctx, State& st, MonthAccounts& acc, std::size_t i,
           std::size_t home);

// Third part, for one living person: a seeker's placement hazard is score x chance x support, so the
// expected placements of a region never exceed its vacancies times the support (1 - exp(-h) <= h);
// the cap keeps the best candidate's monthly chance.
inline void matching_place_person(const MatchingMonth& m, const ModelContext& ctx, State& st, MonthAccounts& acc,
                                  std::size_t i) {
    if (!matching_available(st.persons, i)) return;
    const std::size_t home = st.persons.region[i];
    const double h = matching_score(m, st, i) * st.work.chance[home] * st.work.matching_support[home];
    if (status_event(ctx, st, i, std::min(m.max_hazard, h)))
        place(m, ctx, st, acc, i, home);
}

void step_matching(const ModelContext& ctx, State& st, MonthAccounts& acc);

}  // namespace swsim
