#include "swsim/process/training.hpp"

namespace swsim::training {

Params params(const Scenario& sc) {
    const auto& t = sc.policy.company.training;
    return {monthly_hazard(t.intake_rate_per_year),
            static_cast<float>(t.loonwaarde_gain_per_year / 12.0),
            t.duration_months,
            t.budget_euro_per_year,
            sc.policy.state_money.training_euro_per_year,
            t.cost_euro_per_person_per_year};
}

double places(const Params& par, const ModelContext& ctx, const State& st, std::size_t r) {
    if (!st.policy[r].training) return 0;
    const int year = st.now.year();
    return regional_budget(ctx, st, r, par.budget.at(year) + par.state_money.at(year)) /
           par.cost_euro_per_person_per_year / ctx.weight;
}

void open_month(const Params& par, const ModelContext& ctx, State& st) {
    auto& room = st.work.training_places;
    room.resize(st.policy.size());
    for (std::size_t r = 0; r < room.size(); ++r) room[r] = places(par, ctx, st, r);
}

void spell_rules(const Params& par, HazardTables& hz) {
    auto& rule = hz.spell[static_cast<int>(Status::training)];
    rule.kind = SpellKind::fixed;
    rule.months = par.duration_months;
}

}  // namespace swsim::training
