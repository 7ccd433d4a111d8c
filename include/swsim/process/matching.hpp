// Matching: seekers compete for the month's vacancies open to the target group, own region first and
// neighbours with the commuting weight. Vacancies are finite: each region's vacancies are shared over
// the scored seekers who can reach it, so more seekers do not make more jobs. A seeker's score rises
// with loonwaarde. An ontwikkelbedrijf's matching support (jobcoaches) multiplies its seekers' chance
// after the sharing: they win vacancies that would otherwise go to applicants outside the target
// group. Also: dagbesteding -> seeking.
#pragma once

#include <algorithm>
#include <cmath>

#include "swsim/model/schedule.hpp"

namespace swsim {

// The month's constants. prepare_matching also fills st.work.matching_support (the matching
// support per region) and zeroes st.work.seeker_score.
struct MatchingMonth {
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

// dagbesteding -> seeking, for a person in dagbesteding whose clock is due; true when the person
// is seeking now (and takes part in this month's matching).
inline bool matching_activate(const ModelContext& ctx, State& st, std::size_t i) {
    const HazardPair h = st.hazards.of_status(st.now.year(), st.persons.region[i], Status::dagbesteding);
    if (!status_event(ctx, st, i, h.first)) return false;
    enter_status(ctx, st, i, Status::seeking);
    return true;
}

// First part, for a seeker on the monthly list: its score is added to the region's total.
inline void add_seeker_score(const MatchingMonth& m, State& st, std::size_t i) {
    st.work.seeker_score[st.persons.region[i]] += matching_score(m, st, i);
}

// Second part, once all scores are in: each region's vacancies shared over the score reaching them
// (st.work.fill, st.work.chance).
void share_vacancies(const ModelContext& ctx, State& st);

// Places person i living in region home in a job.
void place(const MatchingMonth& m, const ModelContext& ctx, State& st, MonthAccounts& acc, std::size_t i,
           std::size_t home);

// Third part, for each seeker in this month's matching (st.work.available): the placement hazard is score x chance x support, so the
// expected placements of a region never exceed its vacancies times the support (1 - exp(-h) <= h);
// the cap keeps the best candidate's monthly chance.
inline void matching_place_person(const MatchingMonth& m, const ModelContext& ctx, State& st, MonthAccounts& acc,
                                  std::size_t i) {
    const std::size_t home = st.persons.region[i];
    const double h = matching_score(m, st, i) * st.work.chance[home] * st.work.matching_support[home];
    if (status_event(ctx, st, i, std::min(m.max_hazard, h)))
        place(m, ctx, st, acc, i, home);
}

}  // namespace swsim
