// Demography: each month every person may die (Gompertz hazard x an excess factor for this
// population), retires on reaching the AOW age of that month (the real AOW path, then linked to life
// expectancy), or leaves for other reasons (WIA, end of contract, moving): a yearly rate for Wsw
// workers by calendar year, one rate for the other groups. Death and other exits share one clock.
// The hazards are in HazardTables; the month of leaving is computed ahead (schedule_exit), and this
// runs in that month.
#pragma once

#include "swsim/model/state.hpp"

namespace swsim {

// The month of one living person whose exit is due; true when the person left.
inline bool demography_person(const ModelContext& ctx, State& st, MonthAccounts& acc, std::size_t i) {
    auto& p = st.persons;
    const bool wsw = is_wsw(p.status[i]);
    auto leave = [&](Flow all, Flow of_wsw) {
        auto& a = acc[p.rec[i].region];
        mark_exit(st, i);
        ++a[all];
        if (wsw) ++a[of_wsw];
        return true;
    };
    const int year = st.now.year();
    const int age = age_months(p, i, st.now);
    if (age >= st.hazards.aow(year)) return leave(Flow::exits_retired, Flow::wsw_exits_retired);
    // Death and other exits compete for the same clock, in this order.
    const HazardPair h = st.hazards.exit(year, age, wsw);
    if (exit_event(ctx, st, i, h.first)) return leave(Flow::exits_died, Flow::wsw_exits_died);
    if (exit_event(ctx, st, i, h.second)) return leave(Flow::exits_other, Flow::wsw_exits_other);
    return false;
}

}  // namespace swsim
