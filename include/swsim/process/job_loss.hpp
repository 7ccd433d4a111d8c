// Job loss and the way back: people in regular, regular_lks and detached jobs lose them at a yearly
// hazard that jobcoaching lowers. Where an ontwikkelbedrijf runs a detachering facility with the way
// back, they return to the company (training, some with a beschut advice); otherwise to seeking.
#pragma once

#include "swsim/model/state.hpp"

namespace swsim {

void step_job_loss(const ModelContext& ctx, State& st, MonthAccounts& acc);

}  // namespace swsim
