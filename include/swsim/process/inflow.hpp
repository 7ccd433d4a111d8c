// Inflow: new persons per municipality and month (by its population 15-64): school leavers and jonggehandicapten (doelgroep), new
// bijstand entrants with a large distance to work and new positive beschut-werk advices. The number
// is a Poisson draw keyed by municipality and month, so it is the same in every scenario of a comparison,
// and so are the new persons' ids and attributes. Wsw and its waitlist take no inflow (the law).
#pragma once

#include "swsim/engine/schedule.hpp"
#include "swsim/scenario/scenario.hpp"

namespace swsim::inflow {

struct Params {
    InflowParams rates;               // the scenario's inflow section
    double doelgroep_bijstand_share;  // share of doelgroep entrants whose benefit the municipality pays
};
Params params(const Scenario& sc);

// Adds the month's new persons (not yet scheduled: step_month starts their spells).
void step(const Params& par, const ModelContext& ctx, State& st, MonthAccounts& acc);

}  // namespace swsim::inflow
