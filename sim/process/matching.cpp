#include "swsim/process/matching.hpp"

namespace swsim::matching {

Params params(const Scenario& sc) {
    const auto& m = sc.behaviour.matching;
    const auto& f = sc.policy.company;
    return {m.vacancies_per_1000_pop_15_64_per_year,
            m.loonwaarde_elasticity,
            m.waitlist_score_multiplier,
            hazard_of_probability(m.max_placement_probability_per_month),
            m.dagbesteding_to_seeking_rate_per_year,
            f.matching.placement_multiplier,
            f.employer_services.vacancy_uplift_share,
            f.employer_networks.cross_region_weight_multiplier,
            f.detachering.detached_share_of_placements};
}

void hazards(const Params& par, std::array<HazardPair, kStatusCount>& row) {
    row[static_cast<int>(Status::dagbesteding)] = {monthly_hazard(par.dagbesteding_to_seeking_rate_per_year)};
}

void spell_rules(HazardTables& hz) {
    hz.spell[static_cast<int>(Status::seeking)].kind = SpellKind::monthly;
    hz.spell[static_cast<int>(Status::dagbesteding)].kind = SpellKind::clock;
}

bool activate(const ModelContext& ctx, State& st, std::size_t i) {
    const HazardPair h = st.hazards.of_status(st.now.year(), st.persons.rec[i].region, Status::dagbesteding);
    if (!status_event(ctx, st, i, h.first)) return false;
    enter_status(ctx, st, i, Status::seeking);
    return true;
}

void open_month(const Params& par, State& st) {
    const std::size_t n = st.policy.size();
    st.work.matching_support.resize(n);
    for (std::size_t r = 0; r < n; ++r)
        st.work.matching_support[r] = st.policy[r].matching ? par.placement_multiplier : 1.0;
    st.work.seeker_score.assign(n, 0.0);
    st.work.available.clear();
    st.work.placed.clear();
}

void share_vacancies(const Params& par, const ModelContext& ctx, State& st) {
    const int year = st.now.year();
    const std::size_t n = ctx.regions.size();
    const auto& seeker_score = st.work.seeker_score;

    // Effective commuting weight from home region s to job region r.
    auto reach = [&](std::size_t s, std::size_t r) {
        double w = ctx.regions.commuting[s * n + r];
        if (s != r && st.policy[r].employer_networks) w *= par.cross_region_weight_multiplier;
        return std::min(w, 1.0);
    };

    auto& fill = st.work.fill;
    fill.assign(n, 0.0);
    for (std::size_t r = 0; r < n; ++r) {
        double demand = 0;
        for (std::size_t s = 0; s < n; ++s) demand += reach(s, r) * seeker_score[s];
        double vacancies = par.vacancies_per_1000_pop_15_64_per_year.at(year) *
                           ctx.regions.regions[r].population_15_64 / 1000.0 / 12.0 / ctx.weight;
        if (st.policy[r].employer_services) vacancies *= 1.0 + par.vacancy_uplift_share;
        fill[r] = demand > 0 ? vacancies / demand : 0.0;
    }
    auto& chance = st.work.chance;
    chance.assign(n, 0.0);
    for (std::size_t s = 0; s < n; ++s)
        for (std::size_t r = 0; r < n; ++r) chance[s] += reach(s, r) * fill[r];
}

double placement_hazard(const Params& par, const State& st, const ListEntry& e) {
    const double h = double(e.score) * st.work.chance[e.region] * st.work.matching_support[e.region];
    return std::min(par.max_hazard, h);
}

void place(const Params& par, const ModelContext& ctx, State& st, MonthAccounts& acc, std::size_t i,
           std::size_t home) {
    auto& p = st.persons;
    Status job = p.rec[i].loonwaarde < st.pay_rule.lks_threshold ? Status::regular_lks : Status::regular;
    // Keyed by the number of the job about to start, like its threshold (spell_key).
    const PersonRecord& r = p.rec[i];
    const DrawKey key{ctx.seed, ctx.replicate, r.id,
                      spell_number(r.spells_entered(SpellCount::job) + 1, st.now.index), Process::matching};
    if (st.policy[home].detachering && uniform01(key) < par.detached_share_of_placements) job = Status::detached;
    enter_status(ctx, st, i, job);
    p.flags[i] |= kEverPlaced;
    ++acc[home][Flow::placements];
}

namespace {
// True when the seeker is placed this month (its own clock against the placement hazard).
bool placement_event(const Params& par, const ModelContext& ctx, const State& st, ListEntry& e) {
    return clock_event(ctx, st, e.position, e.clock, placement_hazard(par, st, e));
}
}  // namespace

void step(const Params& par, const ModelContext& ctx, State& st, MonthAccounts& acc) {
    auto& work = st.work;
    share_vacancies(par, ctx, st);
    for (const std::uint32_t k : work.available)
        if (placement_event(par, ctx, st, st.monthly[k])) work.placed.push_back(k);
    constexpr std::size_t kAhead = 8;
    for (std::size_t j = 0; j < work.placed.size(); ++j) {
        if (j + kAhead < work.placed.size()) st.persons.prefetch(st.monthly[work.placed[j + kAhead]].position);
        const ListEntry e = st.monthly[work.placed[j]];  // a copy: placing may add to the list
        place(par, ctx, st, acc, e.position, e.region);
    }
}

}  // namespace swsim::matching
