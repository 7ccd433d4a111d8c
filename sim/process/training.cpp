#include "swsim/process/training.hpp"

namespace swsim::training {

Params params(const Scenario& sc) {
    const auto& t = sc.policy.company.training;
    return {monthly_hazard(t.intake_rate_per_year), static_cast<float>(t.loonwaarde_gain_per_year / 12.0),
            t.duration_months};
}

void spell_rules(const Params& par, HazardTables& hz) {
    auto& rule = hz.spell[static_cast<int>(Status::training)];
    rule.kind = SpellKind::fixed;
    rule.months = par.duration_months;
}

}  // namespace swsim::training
