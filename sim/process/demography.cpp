#include "swsim/process/demography.hpp"

#include <cmath>

namespace swsim::demography {

Params params(const Scenario& sc) {
    const auto& d = sc.behaviour.demography;
    return {d.mortality_rate_at_50_per_year, d.mortality_slope_per_year_of_age, d.excess_mortality_factor,
            d.aow_age_months, d.aow_link_months_per_year, d.wsw_other_exit_rate_per_year, d.other_exit_rate_per_year};
}

int aow_age_months(const Params& par, int year) {
    const auto& s = par.aow_age_months;
    const double extra = year > s.last_year() ? par.aow_link_months_per_year * (year - s.last_year()) : 0.0;
    return static_cast<int>(std::floor(s.at(year) + extra));
}

void hazards(const Params& par, HazardTables& hz) {
    // Gompertz x excess, by whole year of age.
    for (int a = 0; a <= kMaxAgeYears; ++a)
        hz.death[static_cast<std::size_t>(a)] =
            monthly_hazard(par.mortality_rate_at_50_per_year * std::exp(par.mortality_slope_per_year_of_age * (a - 50)) *
                           par.excess_mortality_factor);
    hz.other = monthly_hazard(par.other_exit_rate_per_year);
    for (int year = hz.first_year; year <= hz.last_year; ++year) {
        hz.wsw_other.push_back(monthly_hazard(par.wsw_other_exit_rate_per_year.at(year)));
        hz.aow_months.push_back(aow_age_months(par, year));
    }
}

bool on_exit_due(const ModelContext& ctx, State& st, MonthAccounts& acc, std::size_t i) {
    auto& p = st.persons;
    const bool wsw = is_wsw(p.status[i]);
    auto leave = [&](Flow all, Flow of_wsw) {
        auto& a = acc[p.rec[i].municipality];
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

}  // namespace swsim::demography
