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
    double lks_loonwaarde_threshold = 0;
    double detached_share = 0;       // share of placements that are detachering (where it acts)
};
MatchingMonth prepare_matching(const ModelContext& ctx, State& st);

// A seeker's score: loonwaarde ^ elasticity, times the waitlist multiplier for the Wsw waitlist.
inline float matching_score(const Scenario& sc, const Population& p, std::size_t i) {
    const auto& m = sc.behaviour.matching;
    double s = m.loonwaarde_elasticity == 1.0 ? double(p.rec[i].loonwaarde)
                                              : std::pow(double(p.rec[i].loonwaarde), m.loonwaarde_elasticity);
    if (p.rec[i].origin == Origin::wsw_waitlist) s *= m.waitlist_score_multiplier;
    return static_cast<float>(s);
}

// dagbesteding -> seeking, for a person in dagbesteding whose clock is due; true when the person
// is seeking now (and takes part in this month's matching).
inline bool matching_activate(const ModelContext& ctx, State& st, std::size_t i) {
    const HazardPair h = st.hazards.of_status(st.now.year(), st.persons.rec[i].region, Status::dagbesteding);
    if (!status_event(ctx, st, i, h.first)) return false;
    enter_status(ctx, st, i, Status::seeking);
    return true;
}

// Once the month's seekers have added their scores (step_month): each region's vacancies shared over the score reaching them
// (st.work.fill, st.work.chance).
void share_vacancies(const ModelContext& ctx, State& st);

// Places person i living in region home in a job.
void place(const MatchingMonth& m, const ModelContext& ctx, State& st, MonthAccounts& acc, std::size_t i,
           std::size_t home);

// Then for each seeker in this month's matching (st.work.available); true when the seeker is
// placed this month (then call place). The placement hazard is score x chance x support, so the
// expected placements of a region never exceed its vacancies times the support (1 - exp(-h) <= h);
// the cap keeps the best candidate's monthly chance.
inline bool placement_event(const MatchingMonth& m, const ModelContext& ctx, const State& st, ListEntry& e) {
    const double h = double(e.score) * st.work.chance[e.region] * st.work.matching_support[e.region];
    return clock_event(ctx, st, e.position, e.clock, std::min(m.max_hazard, h));
}

}  // namespace swsim
