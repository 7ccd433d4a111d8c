// Inflow: new persons per region and month: school leavers and jonggehandicapten (doelgroep), new
// bijstand entrants with a large distance to work and new positive beschut-werk advices. The number
// is a Poisson draw keyed by region and month, so it is the same in every scenario of a comparison,
// and so are the new persons' ids and attributes. Wsw and its waitlist take no inflow (the law).
#pragma once

#include "swsim/model/state.hpp"

namespace swsim {

void step_inflow(const ModelContext& ctx, State& st, MonthAccounts& acc);

}  // namespace swsim
