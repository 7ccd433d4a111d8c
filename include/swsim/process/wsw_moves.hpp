// Wsw internal moves: workers move between working inside the SW-bedrijf (wsw_intern), detachering
// to a regular employer (wsw_detached) and begeleid werken (wsw_begeleid) at yearly rates; an
// ontwikkelbedrijf with a detachering facility raises the intern -> detached rate (HazardTables).
#pragma once

#include "swsim/model/schedule.hpp"

namespace swsim {

// The month of a Wsw worker whose status clock is due; true when the worker moved.
inline bool wsw_moves_person(const ModelContext& ctx, State& st, std::size_t i) {
    const Status s = st.persons.status[i];
    const HazardPair h = st.hazards.of_status(st.now.year(), st.persons.rec[i].region, s);
    Status to = Status::wsw_intern;
    if (s == Status::wsw_intern) {
        if (status_event(ctx, st, i, h.first)) to = Status::wsw_detached;
        else if (status_event(ctx, st, i, h.second)) to = Status::wsw_begeleid;
        else return false;
    } else if (!status_event(ctx, st, i, h.first)) {
        return false;
    }
    enter_status(ctx, st, i, to);
    return true;
}

}  // namespace swsim
