#include "swsim/process/training.hpp"

namespace swsim {

TrainingMonth training_month(const ModelContext& ctx) {
    const auto& t = ctx.scenario.policy.company.training;
    return {monthly_hazard(t.intake_rate_per_year), static_cast<float>(t.loonwaarde_gain_per_year / 12.0),
            t.duration_months};
}

}  // namespace swsim
