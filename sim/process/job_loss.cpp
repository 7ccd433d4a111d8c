#include "swsim/process/job_loss.hpp"

#include <algorithm>

namespace swsim::job_loss {

Params params(const Scenario& sc) {
    const auto& c = sc.policy.company;
    return {sc.behaviour.job_loss.rate_per_year, c.matching.job_loss_multiplier, c.detachering.way_back,
            c.detachering.way_back_beschut_share};
}

void hazards(const Params& par, const RegionPolicy& pol, std::array<HazardPair, kStatusCount>& row) {
    const double loss = monthly_hazard(par.rate_per_year * (pol.matching ? par.multiplier_with_matching : 1.0));
    for (Status job : {Status::detached, Status::regular_lks, Status::regular}) row[static_cast<int>(job)] = {loss};
}

void spell_rules(HazardTables& hz) {
    for (Status job : {Status::detached, Status::regular_lks, Status::regular})
        hz.spell[static_cast<int>(job)] = {SpellKind::clock, 1, false};  // not in the month of placement
}

void lose_job(const Params& par, const ModelContext& ctx, State& st, MonthAccounts& acc, std::size_t i,
              std::size_t r) {
    auto& p = st.persons;
    ++acc[r][Flow::job_losses];
    p.rec[i].relapses = static_cast<std::uint8_t>(std::min(255, p.rec[i].relapses + 1));
    const auto& pol = st.policy[r];
    if (pol.detachering && par.way_back) {
        // The way back: the company takes the person back into a trajectory; some need beschut werk.
        ++acc[r][Flow::returns];
        if (uniform01(spell_key(ctx, p, i, Process::job_loss)) < par.way_back_beschut_share)  // by the lost job
            p.flags[i] |= kBeschutAdvice;
        enter_status(ctx, st, i, pol.training ? Status::training : Status::seeking);
    } else {
        enter_status(ctx, st, i, Status::seeking);
    }
}

void on_due(const Params& par, const ModelContext& ctx, State& st, MonthAccounts& acc, std::size_t i) {
    auto& p = st.persons;
    const std::size_t r = p.rec[i].region;
    if (status_event(ctx, st, i, st.hazards.of_status(st.now.year(), r, p.status[i]).first))
        lose_job(par, ctx, st, acc, i, r);
    else
        schedule_status(ctx, st, i, st.now.index + 1);
}

}  // namespace swsim::job_loss
