#include "swsim/process/matching.hpp"

#include <algorithm>
#include <cmath>

namespace swsim {

namespace {
bool available(const Population& p, std::size_t i) {
    return p.status[i] == Status::seeking && !p.has(i, kBeschutAdvice) && p.alive(i);
}

double score(const ModelContext& ctx, const State& st, std::size_t i) {
    const auto& m = ctx.scenario.behaviour.matching;
    const auto& p = st.persons;
    double s = m.loonwaarde_elasticity == 1.0 ? double(p.loonwaarde[i])
                                              : std::pow(double(p.loonwaarde[i]), m.loonwaarde_elasticity);
    if (st.policy[p.region[i]].matching) s *= ctx.scenario.policy.company.matching.placement_multiplier;
    if (p.origin[i] == Origin::wsw_waitlist) s *= m.waitlist_score_multiplier;
    return s;
}
}  // namespace

void step_matching(const ModelContext& ctx, State& st, MonthAccounts& acc) {
    const auto& sc = ctx.scenario;
    const auto& m = sc.behaviour.matching;
    const auto& company = sc.policy.company;
    const int year = st.now.year();
    const std::size_t n = ctx.regions.size();
    auto& p = st.persons;

    // Dagbesteding -> seeking (joins this month's matching).
    const double activate = monthly_hazard(m.dagbesteding_to_seeking_rate_per_year);
    for (std::size_t i = 0; i < p.size(); ++i)
        if (p.status[i] == Status::dagbesteding && p.alive(i) && status_event(ctx, st, i, activate))
            set_status(st, i, Status::seeking);

    // Total score of the available seekers living in each region.
    std::vector<double> seeker_score(n, 0.0);
    for (std::size_t i = 0; i < p.size(); ++i)
        if (available(p, i)) seeker_score[p.region[i]] += score(ctx, st, i);

    // Effective commuting weight from home region s to job region r.
    auto reach = [&](std::size_t s, std::size_t r) {
        double w = ctx.regions.commuting[s * n + r];
        if (s != r && st.policy[r].employer_networks) w *= company.employer_networks.cross_region_weight_multiplier;
        return std::min(w, 1.0);
    };

    // Vacancies of region r are shared over the score that can reach them: fill[r] per unit of score.
    std::vector<double> fill(n, 0.0);
    for (std::size_t r = 0; r < n; ++r) {
        double demand = 0;
        for (std::size_t s = 0; s < n; ++s) demand += reach(s, r) * seeker_score[s];
        double vacancies = m.vacancies_per_1000_pop_15_64_per_year.at(year) *
                           ctx.regions.regions[r].population_15_64 / 1000.0 / 12.0 / ctx.weight;
        if (st.policy[r].employer_services) vacancies *= 1.0 + company.employer_services.vacancy_uplift_share;
        fill[r] = demand > 0 ? vacancies / demand : 0.0;
    }
    // Placement chance per unit of score for a seeker living in region s.
    std::vector<double> chance(n, 0.0);
    for (std::size_t s = 0; s < n; ++s)
        for (std::size_t r = 0; r < n; ++r) chance[s] += reach(s, r) * fill[r];

    // A seeker's placement hazard is score x chance, so the expected placements of a region never
    // exceed its vacancies (1 - exp(-h) <= h); the cap keeps the best candidate's monthly chance.
    const double max_hazard = hazard_of_probability(m.max_placement_probability_per_month);
    for (std::size_t i = 0; i < p.size(); ++i) {
        if (!available(p, i)) continue;
        const std::size_t home = p.region[i];
        if (!status_event(ctx, st, i, std::min(max_hazard, score(ctx, st, i) * chance[home]))) continue;
        Status job = p.loonwaarde[i] < m.lks_loonwaarde_threshold ? Status::regular_lks : Status::regular;
        if (st.policy[home].detachering &&
            uniform01(draw_key(ctx, st, p.id[i], Process::matching)) < company.detachering.detached_share_of_placements)
            job = Status::detached;
        set_status(st, i, job);
        p.flags[i] |= kEverPlaced;
        ++acc[home][Flow::placements];
    }
}

}  // namespace swsim
