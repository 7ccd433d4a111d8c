#include "swsim/process/job_loss.hpp"

#include <algorithm>

namespace swsim::job_loss {

Params params(const Scenario& sc) {
    const auto& c = sc.policy.company;
    return {sc.behaviour.job_loss.rate_per_year, sc.behaviour.job_loss.waitlist_multiplier, c.matching.job_loss_multiplier,
            std::min(c.matching.coaching_months, kTrackedMonths), c.detachering.way_back,
            c.detachering.way_back_beschut_share};
}

void hazards(const Params& par, std::array<HazardPair, kStatusCount>& row) {
    const double loss = monthly_hazard(par.rate_per_year);
    for (Status job : {Status::detached, Status::regular_lks, Status::regular}) row[static_cast<int>(job)] = {loss};
}

void spell_rules(const Params& par, HazardTables& hz) {
    for (Status job : {Status::detached, Status::regular_lks, Status::regular}) {
        auto& rule = hz.spell[static_cast<int>(job)];
        rule = {SpellKind::clock, 1, false};  // not in the month of placement
        rule.supported_months = par.coaching_months;
        rule.supported_factor = par.multiplier_with_coaching;
        rule.origin_factor[static_cast<int>(Origin::wsw_waitlist)] = par.waitlist_multiplier;
    }
}

void lose_job(const Params& par, const ModelContext& ctx, State& st, MonthAccounts& acc, std::size_t i,
              std::size_t m, bool training_free) {
    auto& p = st.persons;
    auto& a = acc[m];
    ++a[Flow::job_losses];
    p.rec[i].relapses = static_cast<std::uint8_t>(std::min(255, p.rec[i].relapses + 1));
    const auto& pol = st.policy[st.company_of[m]];
    if (pol.detachering && par.way_back) {
        // The way back: the company takes the person back into a trajectory and matching; some get a
        // new beschut advice.
        ++a[Flow::returns];
        if (uniform01(spell_key(ctx, p, i, Process::job_loss)) < par.way_back_beschut_share)  // by the lost job
            p.flags[i] |= kBeschutAdvice;
        if (pol.training && !training_free) ++a[Flow::training_refused];
        enter_status(ctx, st, i, pol.training && training_free ? Status::training : Status::seeking);
    } else {
        enter_status(ctx, st, i, Status::seeking);
    }
}

void on_due(const Params& par, const ModelContext& ctx, State& st, MonthAccounts& acc, std::size_t i) {
    auto& p = st.persons;
    const std::size_t m = p.rec[i].municipality;
    const double h = st.hazards.of_status(st.now.year(), m, p.status[i]).first * spell_factor(st.hazards, p, i, st.now.index);
    if (status_event(ctx, st, i, h))
        lose_job(par, ctx, st, acc, i, m, training::place_free(st, st.company_of[m]));
    else
        schedule_status(ctx, st, i, st.now.index + 1);
}

}  // namespace swsim::job_loss
