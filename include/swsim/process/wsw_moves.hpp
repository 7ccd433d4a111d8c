// Wsw internal moves: workers move between working inside the SW-bedrijf (wsw_intern), detachering
// to a regular employer (wsw_detached) and begeleid werken (wsw_begeleid) at yearly rates; an
// ontwikkelbedrijf with a detachering facility raises the intern -> detached rate. Each move is the
// event of a status clock, computed ahead from the hazards set here.
#pragma once

#include "swsim/engine/schedule.hpp"
#include "swsim/scenario/scenario.hpp"

namespace swsim::wsw_moves {

struct Params {
    WswMoveParams rates;                 // per year
    double detach_multiplier_with_facility = 1;  // on intern -> detached where detachering acts
};
Params params(const Scenario& sc);

// The hazards of the three Wsw statuses in a region and year (into row, indexed by status) and
// their spell rules.
void hazards(const Params& par, const CompanyFunctions& pol, std::array<HazardPair, kStatusCount>& row);
void spell_rules(HazardTables& hz);

// The month of a Wsw worker whose status clock is due; true when the worker moved.
bool on_due(const ModelContext& ctx, State& st, std::size_t i);

}  // namespace swsim::wsw_moves
