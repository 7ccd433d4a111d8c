// Demography: each month every person may die (Gompertz hazard x an excess factor for this
// population), retires on reaching the AOW age of that month (the real AOW path, then linked to life
// expectancy), or leaves for other reasons (WIA, end of contract, moving): a yearly rate for Wsw
// workers by calendar year, one rate for the other groups. Death and other exits share one clock,
// the person's exit clock; the month of leaving is computed ahead (schedule_exit), and on_exit_due
// runs in that month.
#pragma once

#include "swsim/engine/schedule.hpp"
#include "swsim/scenario/scenario.hpp"

namespace swsim::demography {

struct Params {
    double mortality_rate_at_50_per_year = 0;
    double mortality_slope_per_year_of_age = 0;
    double excess_mortality_factor = 1;
    YearSeries aow_age_months;
    double aow_link_months_per_year = 0;
    YearSeries wsw_other_exit_rate_per_year;
    double other_exit_rate_per_year = 0;
};
Params params(const Scenario& sc);

// AOW age in months for a calendar year: the series, and after its last year a rise of
// aow_link_months_per_year (linked to life expectancy), rounded down to whole months.
int aow_age_months(const Params& par, int year);

// The exit hazards of every year of the run: death by age, other exits, the AOW age.
void hazards(const Params& par, HazardTables& hz);

// The month of one living person whose exit is due; true when the person left.
bool on_exit_due(const ModelContext& ctx, State& st, MonthAccounts& acc, std::size_t i);

}  // namespace swsim::demography
