#include "swsim/process/wsw_moves.hpp"

namespace swsim {

WswMovesMonth wsw_moves_month(const ModelContext& ctx, State& st) {
    const auto& m = ctx.scenario.behaviour.wsw_moves;
    const double boost = ctx.scenario.policy.company.detachering.wsw_detach_rate_multiplier;
    auto& to_detached = st.work.wsw_to_detached;
    to_detached.resize(ctx.regions.size());
    for (std::size_t r = 0; r < to_detached.size(); ++r)
        to_detached[r] = monthly_hazard(m.intern_to_detached_rate_per_year * (st.policy[r].detachering ? boost : 1.0));
    return {monthly_hazard(m.intern_to_begeleid_rate_per_year), monthly_hazard(m.detached_to_intern_rate_per_year),
            monthly_hazard(m.begeleid_to_intern_rate_per_year)};
}

void step_wsw_moves(const ModelContext& ctx, State& st, MonthAccounts&) {
    const WswMovesMonth m = wsw_moves_month(ctx, st);
    for (std::size_t i = 0; i < st.persons.size(); ++i)
        if (st.persons.alive(i)) wsw_moves_person(m, ctx, st, i);
}

}  // namespace swsim
