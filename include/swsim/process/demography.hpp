// Demography: each month every person may die (Gompertz hazard x an excess factor for this
// population), retires on reaching the AOW age of that month (the real AOW path, then linked to life
// expectancy), or leaves for other reasons (WIA, end of contract, moving): a yearly rate for Wsw
// workers by calendar year, one rate for the other groups. One uniform draw decides between them.
#pragma once

#include "swsim/model/state.hpp"

namespace swsim {

void step_demography(const ModelContext& ctx, State& st, MonthAccounts& acc);

}  // namespace swsim
