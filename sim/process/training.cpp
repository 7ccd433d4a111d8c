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

double municipal_places(const Params& par, const ModelContext& ctx, const State& st, std::size_t m) {
    if (!st.policy[st.company_of[m]].training) return 0;
    const int year = st.now.year();
    return (municipal_budget(ctx, st, m, par.budget.at(year)) + municipal_budget(ctx, st, m, par.state_money.at(year), false)) /
           par.cost_euro_per_person_per_year / ctx.weight;
}

void open_month(const Params& par, const ModelContext& ctx, State& st) {
    auto& room = st.work.training_places;
    room.assign(st.policy.size(), 0.0);
    for (std::size_t m = 0; m < st.company_of.size(); ++m) room[st.company_of[m]] += municipal_places(par, ctx, st, m);
}

void spell_rules(const Params& par, HazardTables& hz) {
    auto& rule = hz.spell[static_cast<int>(Status::training)];
    rule.kind = SpellKind::fixed;
    rule.months = par.duration_months;
}

}  // namespace swsim::training
