// Beschut werk placement: persons with a positive advice wait for a place. A region's places are its
// share (by population 15-64) of the national taakstelling times the share realised, which is higher
// where an ontwikkelbedrijf runs a beschut facility. Free places go to the longest waiting first;
// nobody is pushed out when the places fall below the number already working.
#pragma once

#include "swsim/model/schedule.hpp"

namespace swsim {

// An entry of a beschut waiting list is still that person's current wait.
bool still_waiting(const Population& p, const WaitEntry& e);

// Fills each region's free places from its waiting list (State::beschut_queue), longest waiting
// first; nobody is pushed out when the places fall below the number already working.
void place_beschut(const ModelContext& ctx, State& st, MonthAccounts& acc);

}  // namespace swsim
