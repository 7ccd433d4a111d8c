// Job loss and the way back: people in regular, regular_lks and detached jobs lose them at a yearly
// hazard that jobcoaching lowers. Where an ontwikkelbedrijf runs a detachering facility with the way
// back, they return to the company (training, some with a beschut advice); otherwise to seeking.
#pragma once

#include "swsim/model/state.hpp"

namespace swsim {

// Fills st.work.job_loss with each region's monthly hazard of losing a job.
void prepare_job_loss(const ModelContext& ctx, State& st);

// The way back or seeking, for person i who lost the job in region r this month.
void lose_job(const ModelContext& ctx, State& st, MonthAccounts& acc, std::size_t i, std::size_t r);

// The month of one living person (acts on regular jobs only).
inline void job_loss_person(const ModelContext& ctx, State& st, MonthAccounts& acc, std::size_t i) {
    auto& p = st.persons;
    if (!is_regular_job(p.status[i])) return;
    // Not in the month of placement: a job lasts at least until the next month.
    if (months_in_status(p, i, st.now) == 0) return;
    const std::size_t r = p.region[i];
    if (status_event(ctx, st, i, st.work.job_loss[r])) lose_job(ctx, st, acc, i, r);
}

void step_job_loss(const ModelContext& ctx, State& st, MonthAccounts& acc);

}  // namespace swsim
