#include "swsim/process/job_loss.hpp"

#include <algorithm>

namespace swsim {

void step_job_loss(const ModelContext& ctx, State& st, MonthAccounts& acc) {
    const auto& company = ctx.scenario.policy.company;
    const double base_rate = ctx.scenario.behaviour.job_loss.rate_per_year;
    std::vector<double> loss(ctx.regions.size());
    for (std::size_t r = 0; r < loss.size(); ++r)
        loss[r] = monthly_hazard(base_rate * (st.policy[r].matching ? company.matching.job_loss_multiplier : 1.0));

    auto& p = st.persons;
    for (std::size_t i = 0; i < p.size(); ++i) {
        if (!is_regular_job(p.status[i]) || !p.alive(i)) continue;
        // Not in the month of placement: a job lasts at least until the next month.
        if (months_in_status(p, i, st.now) == 0) continue;
        const std::size_t r = p.region[i];
        if (!status_event(ctx, st, i, loss[r])) continue;
        ++acc[r][Flow::job_losses];
        p.relapses[i] = static_cast<std::uint8_t>(std::min(255, p.relapses[i] + 1));
        const auto& pol = st.policy[r];
        if (pol.detachering && company.detachering.way_back) {
            // The way back: the company takes the person back into a trajectory; some need beschut werk.
            ++acc[r][Flow::returns];
            if (uniform01(draw_key(ctx, st, p.id[i], Process::job_loss)) < company.detachering.way_back_beschut_share)
                p.flags[i] |= kBeschutAdvice;
            set_status(st, i, pol.training ? Status::training : Status::seeking);
        } else {
            set_status(st, i, Status::seeking);
        }
    }
}

}  // namespace swsim
