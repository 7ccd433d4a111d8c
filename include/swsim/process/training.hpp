// Training (werknemersvaardigheden): in an ontwikkelbedrijf with the training function, available
// seekers start a trajectory at a yearly intake rate; loonwaarde grows during it; at its end the
// person returns to seeking and takes part in the same month's matching.
#pragma once

#include "swsim/model/state.hpp"

namespace swsim {

void step_training(const ModelContext& ctx, State& st, MonthAccounts& acc);

}  // namespace swsim
