// Wsw internal moves: workers move between working inside the SW-bedrijf (wsw_intern), detachering
// to a regular employer (wsw_detached) and begeleid werken (wsw_begeleid) at yearly rates; an
// ontwikkelbedrijf with a detachering facility raises the intern -> detached rate.
#pragma once

#include "swsim/model/state.hpp"

namespace swsim {

// Monthly hazards; the region-dependent intern -> detached hazard goes to st.work.wsw_to_detached.
struct WswMovesMonth {
    double to_begeleid = 0;
    double detached_back = 0;
    double begeleid_back = 0;
};
WswMovesMonth wsw_moves_month(const ModelContext& ctx, State& st);

// The month of one living person (does nothing unless the person is a Wsw worker).
inline void wsw_moves_person(const WswMovesMonth& m, const ModelContext& ctx, State& st, std::size_t i) {
    const Status s = st.persons.status[i];
    if (!is_wsw(s)) return;
    if (s == Status::wsw_intern) {
        if (status_event(ctx, st, i, st.work.wsw_to_detached[st.persons.region[i]]))
            set_status(st, i, Status::wsw_detached);
        else if (status_event(ctx, st, i, m.to_begeleid))
            set_status(st, i, Status::wsw_begeleid);
    } else if (status_event(ctx, st, i, s == Status::wsw_detached ? m.detached_back : m.begeleid_back)) {
        set_status(st, i, Status::wsw_intern);
    }
}

void step_wsw_moves(const ModelContext& ctx, State& st, MonthAccounts& acc);

}  // namespace swsim
