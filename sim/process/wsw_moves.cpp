#include "swsim/process/wsw_moves.hpp"

namespace swsim {

void step_wsw_moves(const ModelContext& ctx, State& st, MonthAccounts&) {
    const auto& m = ctx.scenario.behaviour.wsw_moves;
    const double boost = ctx.scenario.policy.company.detachering.wsw_detach_rate_multiplier;
    const double to_begeleid = monthly_hazard(m.intern_to_begeleid_rate_per_year);
    const double detached_back = monthly_hazard(m.detached_to_intern_rate_per_year);
    const double begeleid_back = monthly_hazard(m.begeleid_to_intern_rate_per_year);
    std::vector<double> to_detached(ctx.regions.size());
    for (std::size_t r = 0; r < to_detached.size(); ++r)
        to_detached[r] = monthly_hazard(m.intern_to_detached_rate_per_year * (st.policy[r].detachering ? boost : 1.0));

    auto& p = st.persons;
    for (std::size_t i = 0; i < p.size(); ++i) {
        const Status s = p.status[i];
        if (!is_wsw(s) || !p.alive(i)) continue;
        if (s == Status::wsw_intern) {
            if (status_event(ctx, st, i, to_detached[p.region[i]]))
                set_status(st, i, Status::wsw_detached);
            else if (status_event(ctx, st, i, to_begeleid))
                set_status(st, i, Status::wsw_begeleid);
        } else if (status_event(ctx, st, i, s == Status::wsw_detached ? detached_back : begeleid_back)) {
            set_status(st, i, Status::wsw_intern);
        }
    }
}

}  // namespace swsim
