// Job loss and the way back: people in regular, regular_lks and detached jobs lose them at a yearly
// hazard; a job found with an ontwikkelbedrijf's jobcoach (kSupported) has a lower hazard during the
// coaching months, and the ordinary one after. Where the detachering facility offers the way back,
// they return to the company: to a training where it trains and a place is free, else to seeking
// (matching) again; a share gets a new beschut advice. Otherwise they return to seeking. Not in the
// month of placement: a job lasts at least until the next month. A job's loss is the event of its
// status clock; it is handled after the month's placements, so those who lose a job seek from next
// month on.
#pragma once

#include "swsim/engine/schedule.hpp"
#include "swsim/process/training.hpp"
#include "swsim/scenario/scenario.hpp"

namespace swsim::job_loss {

struct Params {
    double rate_per_year = 0;
    double waitlist_multiplier = 1;       // the Wsw waitlist group keeps a job less long
    double multiplier_with_coaching = 1;  // jobcoaching's effect on the hazard, during the coaching
    int coaching_months = 0;
    bool way_back = false;
    double way_back_beschut_share = 0;    // of those who return: a beschut advice
};
Params params(const Scenario& sc);

// The job-loss hazard of the three kinds of job, and their spell rules (coached jobs: a lower
// hazard during the coaching).
void hazards(const Params& par, std::array<HazardPair, kStatusCount>& row);
void spell_rules(const Params& par, HazardTables& hz);

// The way back or seeking, for person i of municipality m who lost the job this month;
// `training_free` says whether its company has a training place free.
void lose_job(const Params& par, const ModelContext& ctx, State& st, MonthAccounts& acc, std::size_t i,
              std::size_t m, bool training_free);

// A job holder whose job-loss clock is due: the job is lost now, or rescheduled.
void on_due(const Params& par, const ModelContext& ctx, State& st, MonthAccounts& acc, std::size_t i);

}  // namespace swsim::job_loss
