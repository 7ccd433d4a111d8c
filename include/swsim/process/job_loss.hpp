// Job loss and the way back: people in regular, regular_lks and detached jobs lose them at a yearly
// hazard that jobcoaching lowers (HazardTables). Where an ontwikkelbedrijf runs a detachering facility
// with the way back, they return to the company (training, some with a beschut advice); otherwise to
// seeking. Not in the month of placement: a job lasts at least until the next month.
#pragma once

#include "swsim/model/schedule.hpp"

namespace swsim {

// The way back or seeking, for person i who lost the job in region r this month.
void lose_job(const ModelContext& ctx, State& st, MonthAccounts& acc, std::size_t i, std::size_t r);

// The month of a job holder whose job-loss clock is due (after the month's placements, so those who
// lose a job seek from next month on).
inline void job_loss_person(const ModelContext& ctx, State& st, MonthAccounts& acc, std::size_t i) {
    auto& p = st.persons;
    const std::size_t r = p.rec[i].region;
    if (status_event(ctx, st, i, st.hazards.of_status(st.now.year(), r, p.status[i]).first))
        lose_job(ctx, st, acc, i, r);
    else
        schedule_status(ctx, st, i, st.now.index + 1);
}

}  // namespace swsim
