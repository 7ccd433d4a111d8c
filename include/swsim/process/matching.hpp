// Matching: seekers compete for the month's vacancies open to the target group, own region first and
// neighbours with the commuting weight. Vacancies are finite: each region's vacancies are shared over
// the scored seekers who can reach it, so more seekers do not make more jobs. A seeker's score rises
// with loonwaarde and with an ontwikkelbedrijf's matching support. Also: dagbesteding -> seeking.
#pragma once

#include "swsim/model/state.hpp"

namespace swsim {

void step_matching(const ModelContext& ctx, State& st, MonthAccounts& acc);

}  // namespace swsim
