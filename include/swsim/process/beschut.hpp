// Beschut werk placement: persons with a positive advice wait for a place. A region's places are its
// share (by population 15-64) of the national taakstelling times the share realised, which is higher
// where an ontwikkelbedrijf runs a beschut facility. Free places go to the longest waiting first;
// nobody is pushed out when the places fall below the number already working.
#pragma once

#include "swsim/model/state.hpp"

namespace swsim {

void step_beschut(const ModelContext& ctx, State& st, MonthAccounts& acc);

}  // namespace swsim
