// Demography: each month every person may die (Gompertz hazard x an excess factor for this
// population), retires on reaching the AOW age of that month (the real AOW path, then linked to life
// expectancy), or leaves for other reasons (WIA, end of contract, moving): a yearly rate for Wsw
// workers by calendar year, one rate for the other groups. Death and other exits share one clock.
#pragma once

#include <algorithm>
#include <array>

#include "swsim/model/state.hpp"

namespace swsim {

inline constexpr int kMaxAgeYears = 120;

// What every person faces this month, computed once per month.
struct DemographyMonth {
    int aow_months = 0;
    double wsw_other = 0;  // monthly hazard of other exits, Wsw workers
    double other = 0;      // the same, everybody else
    std::array<double, kMaxAgeYears + 1> death{};  // monthly death hazard by whole year of age
};
DemographyMonth demography_month(const ModelContext& ctx, const State& st);

// The month of one living person; true when the person left.
inline bool demography_person(const DemographyMonth& d, const ModelContext& ctx, State& st, MonthAccounts& acc,
                              std::size_t i) {
    auto& p = st.persons;
    const bool wsw = is_wsw(p.status[i]);
    auto leave = [&](Flow all, Flow of_wsw) {
        auto& a = acc[p.region[i]];
        mark_exit(st, i);
        ++a[all];
        if (wsw) ++a[of_wsw];
        return true;
    };
    const int age = age_months(p, i, st.now);
    if (age >= d.aow_months) return leave(Flow::exits_retired, Flow::wsw_exits_retired);
    // Death and other exits compete for the same clock, in this order.
    if (exit_event(ctx, st, i, d.death[std::min(age / 12, kMaxAgeYears)]))
        return leave(Flow::exits_died, Flow::wsw_exits_died);
    if (exit_event(ctx, st, i, wsw ? d.wsw_other : d.other)) return leave(Flow::exits_other, Flow::wsw_exits_other);
    return false;
}

void step_demography(const ModelContext& ctx, State& st, MonthAccounts& acc);

}  // namespace swsim
