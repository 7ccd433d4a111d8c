#include "swsim/process/training.hpp"

namespace swsim {

TrainingMonth training_month(const ModelContext& ctx) {
    const auto& t = ctx.scenario.policy.company.training;
    return {monthly_hazard(t.intake_rate_per_year), static_cast<float>(t.loonwaarde_gain_per_year / 12.0),
            t.duration_months};
}

void step_training(const ModelContext& ctx, State& st, MonthAccounts& acc) {
    const TrainingMonth t = training_month(ctx);
    for (std::size_t i = 0; i < st.persons.size(); ++i)
        if (st.persons.alive(i)) training_person(t, ctx, st, acc, i);
}

}  // namespace swsim
