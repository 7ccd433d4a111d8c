#include "swsim/process/training.hpp"

#include <algorithm>

namespace swsim {

void step_training(const ModelContext& ctx, State& st, MonthAccounts& acc) {
    const auto& t = ctx.scenario.policy.company.training;
    const double intake = monthly_hazard(t.intake_rate_per_year);
    const auto gain = static_cast<float>(t.loonwaarde_gain_per_year / 12.0);

    auto& p = st.persons;
    for (std::size_t i = 0; i < p.size(); ++i) {
        if (!p.alive(i)) continue;
        const Status s = p.status[i];
        if (s == Status::training) {
            p.loonwaarde[i] = std::min(1.0f, p.loonwaarde[i] + gain);
            if (months_in_status(p, i, st.now) >= t.duration_months) set_status(st, i, Status::seeking);
        } else if (s == Status::seeking && st.policy[p.region[i]].training && !p.has(i, kBeschutAdvice) &&
                   months_in_status(p, i, st.now) > 0) {
            // Not in the month one arrived in seeking (e.g. just ended a trajectory or lost a job).
            // Intake competes with matching for the seeking spell's clock.
            if (status_event(ctx, st, i, intake)) {
                set_status(st, i, Status::training);
                ++acc[p.region[i]][Flow::training_starts];
            }
        }
    }
}

}  // namespace swsim
