// Job loss and the way back: people in regular, regular_lks and detached jobs lose them at a yearly
// hazard that jobcoaching lowers where an ontwikkelbedrijf's matching support acts. Where its
// detachering facility offers the way back, they return to the company (a training where it trains,
// else seeking; some with a beschut advice); otherwise to seeking. Not in the month of placement: a
// job lasts at least until the next month. A job's loss is the event of its status clock; it is
// handled after the month's placements, so those who lose a job seek from next month on.
#pragma once

#include "swsim/engine/schedule.hpp"
#include "swsim/scenario/scenario.hpp"

namespace swsim::job_loss {

struct Params {
    double rate_per_year = 0;
    double multiplier_with_matching = 1;  // jobcoaching's effect on the hazard, where it acts
    bool way_back = false;
    double way_back_beschut_share = 0;    // of those who return: a beschut advice
};
Params params(const Scenario& sc);

// The job-loss hazard of the three kinds of job in a region and year, and their spell rules.
void hazards(const Params& par, const RegionPolicy& pol, std::array<HazardPair, kStatusCount>& row);
void spell_rules(HazardTables& hz);

// The way back or seeking, for person i who lost the job in region r this month.
void lose_job(const Params& par, const ModelContext& ctx, State& st, MonthAccounts& acc, std::size_t i,
              std::size_t r);

// A job holder whose job-loss clock is due: the job is lost now, or rescheduled.
void on_due(const Params& par, const ModelContext& ctx, State& st, MonthAccounts& acc, std::size_t i);

}  // namespace swsim::job_loss
