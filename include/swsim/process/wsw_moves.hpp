// Wsw internal moves: workers move between working inside the SW-bedrijf (wsw_intern), detachering
// to a regular employer (wsw_detached) and begeleid werken (wsw_begeleid) at yearly rates; an
// ontwikkelbedrijf with a detachering facility raises the intern -> detached rate.
#pragma once

#include "swsim/model/state.hpp"

namespace swsim {

void step_wsw_moves(const ModelContext& ctx, State& st, MonthAccounts& acc);

}  // namespace swsim
