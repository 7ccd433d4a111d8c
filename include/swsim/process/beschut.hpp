// Beschut werk placement: persons with a positive advice wait for a place, in their company's queue,
// whether seeking or in a training. A municipality's places are its share (by population 15-64) of
// the national taakstelling times the share realised, which is higher where its company is an
// ontwikkelbedrijf that runs a beschut facility; a company offers its members' places, in whole
// places apportioned by largest remainder. Free places go to the longest waiting first; nobody is pushed out when the
// places fall below the number already working. A beschut spell has no event but leaving.
#pragma once

#include <cstdint>
#include <vector>

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

// Places (simulated persons, not whole) municipality m's share of the taakstelling gives in `year`
// under its company's policy pol.
double municipal_places(const Params& par, const ModelContext& ctx, const CompanyFunctions& pol, std::size_t m,
                        int year);

// Whole places per company this year: the sum of its members' places, apportioned by largest
// remainder so that the total is the whole part of the national sum (ties to the lower index).
std::vector<std::int64_t> company_places(const Params& par, const ModelContext& ctx, const State& st, int year);

// Fills each company's free places from its waiting list (State::beschut_queue), longest waiting
// first.
void step(const Params& par, const ModelContext& ctx, State& st, MonthAccounts& acc);

}  // namespace swsim::beschut
