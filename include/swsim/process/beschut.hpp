// Beschut werk placement: persons with a positive advice wait for a place, in their region's queue,
// whether seeking or in a training. A region's places are its share (by population 15-64) of the
// national taakstelling times the share realised, which is higher where an ontwikkelbedrijf runs a
// beschut facility. Free places go to the longest waiting first; nobody is pushed out when the
// places fall below the number already working. A beschut spell has no event but leaving.
#pragma once

#include "swsim/engine/schedule.hpp"
#include "swsim/scenario/scenario.hpp"

namespace swsim::beschut {

struct Params {
    YearSeries taakstelling_places;        // national, cumulative
    YearSeries facility_realisation_share; // where the company runs the beschut facility
    YearSeries outside_realisation_share;  // elsewhere
    bool waiting_also_seek = false;        // those waiting also take part in matching
};
Params params(const Scenario& sc);

// The rules of the spells beschut owns or queues: beschut werk itself, and waiting with an advice
// while seeking (also in matching where the scenario says so) or in a training.
void spell_rules(const Params& par, HazardTables& hz);

// Places (simulated persons) region r offers in `year` under its policy.
double region_places(const Params& par, const ModelContext& ctx, const RegionPolicy& pol, std::size_t r, int year);

// Fills each region's free places from its waiting list (State::beschut_queue), longest waiting
// first.
void step(const Params& par, const ModelContext& ctx, State& st, MonthAccounts& acc);

}  // namespace swsim::beschut
