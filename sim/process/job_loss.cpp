#include "swsim/process/job_loss.hpp"

#include <algorithm>

namespace swsim {

void lose_job(const ModelContext& ctx, State& st, MonthAccounts& acc, std::size_t i, std::size_t r) {
    const auto& company = ctx.scenario.policy.company;
    auto& p = st.persons;
    ++acc[r][Flow::job_losses];
    p.rec[i].relapses = static_cast<std::uint8_t>(std::min(255, p.rec[i].relapses + 1));
    const auto& pol = st.policy[r];
    if (pol.detachering && company.detachering.way_back) {
        // The way back: the company takes the person back into a trajectory; some need beschut werk.
        ++acc[r][Flow::returns];
        if (uniform01(draw_key(ctx, st, p.rec[i].id, Process::job_loss)) < company.detachering.way_back_beschut_share)
            p.flags[i] |= kBeschutAdvice;
        enter_status(ctx, st, i, pol.training ? Status::training : Status::seeking);
    } else {
        enter_status(ctx, st, i, Status::seeking);
    }
}

}  // namespace swsim
