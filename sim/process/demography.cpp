#include "swsim/process/demography.hpp"

#include <cmath>

namespace swsim {

namespace {
// AOW age in months for a calendar year: the series, and after its last year a rise of
// aow_link_months_per_year (linked to life expectancy), rounded down to whole months.
int aow_age_months(const DemographyParams& d, int year) {
    const auto& s = d.aow_age_months;
    const double extra = year > s.last_year() ? d.aow_link_months_per_year * (year - s.last_year()) : 0.0;
    return static_cast<int>(std::floor(s.at(year) + extra));
}
}  // namespace

DemographyMonth demography_month(const ModelContext& ctx, const State& st) {
    const auto& d = ctx.scenario.behaviour.demography;
    const int year = st.now.year();
    DemographyMonth m;
    m.aow_months = aow_age_months(d, year);
    m.wsw_other = monthly_hazard(d.wsw_other_exit_rate_per_year.at(year));
    m.other = monthly_hazard(d.other_exit_rate_per_year);
    // Gompertz x excess, by whole year of age.
    for (int a = 0; a <= kMaxAgeYears; ++a)
        m.death[a] = monthly_hazard(d.mortality_rate_at_50_per_year *
                                    std::exp(d.mortality_slope_per_year_of_age * (a - 50)) * d.excess_mortality_factor);
    return m;
}

void step_demography(const ModelContext& ctx, State& st, MonthAccounts& acc) {
    const DemographyMonth d = demography_month(ctx, st);
    for (std::size_t i = 0; i < st.persons.size(); ++i)
        if (st.persons.alive(i)) demography_person(d, ctx, st, acc, i);
}

}  // namespace swsim
