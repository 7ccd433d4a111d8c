// Training (werknemersvaardigheden): in an ontwikkelbedrijf with the training function, available
// seekers start a trajectory at a yearly intake rate; loonwaarde grows during it; at its end the
// person returns to seeking and takes part in the same month's matching.
#pragma once

#include <algorithm>

#include "swsim/model/state.hpp"

namespace swsim {

struct TrainingMonth {
    double intake = 0;  // monthly hazard of starting a trajectory
    float gain = 0;     // loonwaarde gained per month of training
    int duration_months = 0;
};
TrainingMonth training_month(const ModelContext& ctx);

// The month of one living person (acts on trainees and seekers only).
inline void training_person(const TrainingMonth& t, const ModelContext& ctx, State& st, MonthAccounts& acc,
                            std::size_t i) {
    auto& p = st.persons;
    const Status s = p.status[i];
    if (s == Status::training) {
        p.loonwaarde[i] = std::min(1.0f, p.loonwaarde[i] + t.gain);
        if (months_in_status(p, i, st.now) >= t.duration_months) set_status(st, i, Status::seeking);
    } else if (s == Status::seeking && st.policy[p.region[i]].training && !p.has(i, kBeschutAdvice) &&
               months_in_status(p, i, st.now) > 0) {
        // Not in the month one arrived in seeking (e.g. just ended a trajectory or lost a job).
        // Intake competes with matching for the seeking spell's clock.
        if (status_event(ctx, st, i, t.intake)) {
            set_status(st, i, Status::training);
            ++acc[p.region[i]][Flow::training_starts];
        }
    }
}

void step_training(const ModelContext& ctx, State& st, MonthAccounts& acc);

}  // namespace swsim
