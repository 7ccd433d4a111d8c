#include "swsim/process/demography.hpp"

#include <algorithm>
#include <cmath>

namespace swsim {

namespace {
constexpr int kMaxAgeYears = 120;

// AOW age in months for a calendar year: the series, and after its last year a rise of
// aow_link_months_per_year (linked to life expectancy), rounded down to whole months.
int aow_age_months(const DemographyParams& d, int year) {
    const auto& s = d.aow_age_months;
    const double extra = year > s.last_year() ? d.aow_link_months_per_year * (year - s.last_year()) : 0.0;
    return static_cast<int>(std::floor(s.at(year) + extra));
}
}  // namespace

void step_demography(const ModelContext& ctx, State& st, MonthAccounts& acc) {
    const auto& d = ctx.scenario.behaviour.demography;
    const int year = st.now.year();
    const int aow = aow_age_months(d, year);
    const double wsw_other = monthly_hazard(d.wsw_other_exit_rate_per_year.at(year));
    const double other = monthly_hazard(d.other_exit_rate_per_year);

    // Monthly death hazard by whole year of age (Gompertz x excess), computed once a month.
    std::array<double, kMaxAgeYears + 1> death{};
    for (int a = 0; a <= kMaxAgeYears; ++a)
        death[a] = monthly_hazard(d.mortality_rate_at_50_per_year *
                                  std::exp(d.mortality_slope_per_year_of_age * (a - 50)) * d.excess_mortality_factor);

    auto& p = st.persons;
    for (std::size_t i = 0; i < p.size(); ++i) {
        if (!p.alive(i)) continue;
        auto& a = acc[p.region[i]];
        const bool wsw = is_wsw(p.status[i]);
        auto leave = [&](Flow all, Flow of_wsw) {
            mark_exit(st, i);
            ++a[all];
            if (wsw) ++a[of_wsw];
        };
        const int age = age_months(p, i, st.now);
        if (age >= aow) {
            leave(Flow::exits_retired, Flow::wsw_exits_retired);
            continue;
        }
        // Death and other exits compete for the same clock, in this order.
        if (exit_event(ctx, st, i, death[std::min(age / 12, kMaxAgeYears)]))
            leave(Flow::exits_died, Flow::wsw_exits_died);
        else if (exit_event(ctx, st, i, wsw ? wsw_other : other))
            leave(Flow::exits_other, Flow::wsw_exits_other);
    }
}

}  // namespace swsim
