#include "swsim/process/job_loss.hpp"

#include <algorithm>

namespace swsim {

void prepare_job_loss(const ModelContext& ctx, State& st) {
    const auto& company = ctx.scenario.policy.company;
    const double base_rate = ctx.scenario.behaviour.job_loss.rate_per_year;
    auto& loss = st.work.job_loss;
    loss.resize(ctx.regions.size());
    for (std::size_t r = 0; r < loss.size(); ++r)
        loss[r] = monthly_hazard(base_rate * (st.policy[r].matching ? company.matching.job_loss_multiplier : 1.0));
}

void lose_job(const ModelContext& ctx, State& st, MonthAccounts& acc, std::size_t i, std::size_t r) {
    const auto& company = ctx.scenario.policy.company;
    auto& p = st.persons;
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

void step_job_loss(const ModelContext& ctx, State& st, MonthAccounts& acc) {
    prepare_job_loss(ctx, st);
    for (std::size_t i = 0; i < st.persons.size(); ++i)
        if (st.persons.alive(i)) job_loss_person(ctx, st, acc, i);
}

}  // namespace swsim
