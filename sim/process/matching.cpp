#include "swsim/process/matching.hpp"

namespace swsim {

MatchingMonth prepare_matching(const ModelContext& ctx, State& st) {
    const auto& m = ctx.scenario.behaviour.matching;
    const auto& company = ctx.scenario.policy.company;
    const std::size_t n = ctx.regions.size();
    st.work.matching_support.resize(n);
    for (std::size_t r = 0; r < n; ++r)
        st.work.matching_support[r] = st.policy[r].matching ? company.matching.placement_multiplier : 1.0;
    st.work.seeker_score.assign(n, 0.0);
    return {hazard_of_probability(m.max_placement_probability_per_month), m.lks_loonwaarde_threshold,
            company.detachering.detached_share_of_placements};
}

void share_vacancies(const ModelContext& ctx, State& st) {
    const auto& m = ctx.scenario.behaviour.matching;
    const auto& company = ctx.scenario.policy.company;
    const int year = st.now.year();
    const std::size_t n = ctx.regions.size();
    const auto& seeker_score = st.work.seeker_score;

    // Effective commuting weight from home region s to job region r.
    auto reach = [&](std::size_t s, std::size_t r) {
        double w = ctx.regions.commuting[s * n + r];
        if (s != r && st.policy[r].employer_networks) w *= company.employer_networks.cross_region_weight_multiplier;
        return std::min(w, 1.0);
    };

    // Vacancies of region r are shared over the score that can reach them: fill[r] per unit of score.
    auto& fill = st.work.fill;
    fill.assign(n, 0.0);
    for (std::size_t r = 0; r < n; ++r) {
        double demand = 0;
        for (std::size_t s = 0; s < n; ++s) demand += reach(s, r) * seeker_score[s];
        double vacancies = m.vacancies_per_1000_pop_15_64_per_year.at(year) *
                           ctx.regions.regions[r].population_15_64 / 1000.0 / 12.0 / ctx.weight;
        if (st.policy[r].employer_services) vacancies *= 1.0 + company.employer_services.vacancy_uplift_share;
        fill[r] = demand > 0 ? vacancies / demand : 0.0;
    }
    // Placement chance per unit of score for a seeker living in region s.
    auto& chance = st.work.chance;
    chance.assign(n, 0.0);
    for (std::size_t s = 0; s < n; ++s)
        for (std::size_t r = 0; r < n; ++r) chance[s] += reach(s, r) * fill[r];
}

void place(const MatchingMonth& m, const ModelContext& ctx, State& st, MonthAccounts& acc, std::size_t i,
           std::size_t home) {
    auto& p = st.persons;
    Status job = p.rec[i].loonwaarde < m.lks_loonwaarde_threshold ? Status::regular_lks : Status::regular;
    if (st.policy[home].detachering && uniform01(draw_key(ctx, st, p.rec[i].id, Process::matching)) < m.detached_share)
        job = Status::detached;
    enter_status(ctx, st, i, job);
    p.flags[i] |= kEverPlaced;
    ++acc[home][Flow::placements];
}

}  // namespace swsim
