#include "swsim/process/matching.hpp"

namespace swsim::matching {

Params params(const Scenario& sc) {
    const auto& m = sc.behaviour.matching;
    const auto& f = sc.policy.company;
    const auto& money = sc.policy.state_money;
    Params p;
    p.vacancies_per_1000_pop_15_64_per_year = m.vacancies_per_1000_pop_15_64_per_year;
    p.loonwaarde_elasticity = m.loonwaarde_elasticity;
    p.waitlist_score_multiplier = m.waitlist_score_multiplier;
    p.doelgroep_score_multiplier = m.doelgroep_score_multiplier;
    p.max_hazard = hazard_of_probability(m.max_placement_probability_per_month);
    p.dagbesteding_to_seeking_rate_per_year = m.dagbesteding_to_seeking_rate_per_year;
    p.services_budget = f.employer_services.budget_euro_per_year;
    p.services_state_money = money.employer_services_euro_per_year;
    p.euro_per_extra_vacancy = f.employer_services.euro_per_extra_vacancy;
    p.coaching_budget = f.matching.budget_euro_per_year;
    p.coaching_state_money = money.matching_euro_per_year;
    p.euro_per_coached_person_per_year = f.matching.euro_per_coached_person_per_year;
    p.score_multiplier = f.matching.score_multiplier;
    p.substitution_share = f.matching.substitution_share;
    p.coaching_months = std::min(f.matching.coaching_months, kTrackedMonths);
    p.cross_region_weight_multiplier = f.employer_networks.cross_region_weight_multiplier;
    p.detached_share_of_placements = f.detachering.detached_share_of_placements;
    return p;
}

void hazards(const Params& par, std::array<HazardPair, kStatusCount>& row) {
    row[static_cast<int>(Status::dagbesteding)] = {monthly_hazard(par.dagbesteding_to_seeking_rate_per_year)};
}

void spell_rules(HazardTables& hz) {
    hz.spell[static_cast<int>(Status::seeking)].kind = SpellKind::monthly;
    hz.spell[static_cast<int>(Status::dagbesteding)].kind = SpellKind::clock;
}

bool activate(const ModelContext& ctx, State& st, std::size_t i) {
    const HazardPair h = st.hazards.of_status(st.now.year(), st.persons.rec[i].municipality, Status::dagbesteding);
    if (!status_event(ctx, st, i, h.first)) return false;
    enter_status(ctx, st, i, Status::seeking);
    return true;
}

double coaching_load(const State& st, std::size_t m, int mask, int bits, int months) {
    const auto& starts = st.job_starts[m];
    double load = 0;
    for (int c = 0; c < kJobClasses; ++c) {
        if ((c & mask) != bits) continue;
        for (int k = 0; k < std::min(months, kTrackedMonths); ++k)
            load += coaching_weight(k) * starts[c][(st.now.index - k) % kTrackedMonths];
    }
    return load;
}

double municipal_function_budget(const ModelContext& ctx, const State& st, std::size_t m, const YearSeries& budget,
                                 const YearSeries& state_money, bool acts) {
    if (!acts) return 0.0;
    const int year = st.now.year();
    return municipal_budget(ctx, st, m, budget.at(year)) + municipal_budget(ctx, st, m, state_money.at(year), false);
}

double coaching_slots(const Params& par, const ModelContext& ctx, const State& st, std::size_t m) {
    return municipal_function_budget(ctx, st, m, par.coaching_budget, par.coaching_state_money,
                                     st.policy[st.company_of[m]].matching) /
           par.euro_per_coached_person_per_year / ctx.weight;
}

double coached_workers_load(const Params& par, const State& st, std::size_t m) {
    return coaching_load(st, m, kClassSupported, kClassSupported, par.coaching_months);
}

void open_month(const Params&, State& st) {
    const std::size_t n = st.company_of.size();
    st.work.seeker_score.assign(n, 0.0);
    st.work.seekers.assign(n, 0.0);
    st.work.available.clear();
    st.work.placed.clear();
}

void cover_seekers(const Params& par, const ModelContext& ctx, State& st) {
    const std::size_t n = st.policy.size();
    auto& w = st.work;
    const std::size_t members = st.company_of.size();
    w.coverage.assign(n, 0.0);
    w.coach_free.assign(n, 0.0);
    w.company_workers.assign(n, 0.0);
    w.caseload.assign(members, 0.0);
    w.matching_support.assign(n, 1.0);
    // Per company: its members' slots (into coach_free), coached workers and seekers (into coverage).
    for (std::size_t m = 0; m < members; ++m) {
        const CompanyIndex c = st.company_of[m];
        if (!st.policy[c].matching) continue;
        w.caseload[m] = coached_workers_load(par, st, m);
        w.coach_free[c] += coaching_slots(par, ctx, st, m);
        w.company_workers[c] += w.caseload[m];
        w.coverage[c] += w.seekers[m];
    }
    for (std::size_t c = 0; c < n; ++c) {
        if (!st.policy[c].matching) continue;
        const double seekers = w.coverage[c];
        const double free = std::max(0.0, w.coach_free[c] - w.company_workers[c]);
        w.coach_free[c] = free;
        w.coverage[c] = seekers > 0 ? std::min(1.0, free / seekers) : 0.0;
        w.matching_support[c] = 1.0 + (par.score_multiplier - 1.0) * w.coverage[c];
    }
    // A covered seeker placed this month keeps its slot as a coached worker: counted once.
    for (std::size_t m = 0; m < members; ++m) w.caseload[m] += w.coverage[st.company_of[m]] * w.seekers[m];
}

void share_vacancies(const Params& par, const ModelContext& ctx, State& st) {
    const int year = st.now.year();
    const std::size_t n = ctx.regions.size();
    auto& w = st.work;
    // Per home region and class (k = 1: the seeker's company runs employer networks): the seekers'
    // score, with and without their companies' support, at [2 s + k]; per job region, the vacancies
    // its municipalities' employer services open.
    auto& score = w.region_score;
    auto& supported = w.region_supported_score;
    auto& extra = w.extra_vacancies;
    score.assign(2 * n, 0.0);
    supported.assign(2 * n, 0.0);
    extra.assign(n, 0.0);
    for (std::size_t m = 0; m < st.company_of.size(); ++m) {
        const RegionIndex r = ctx.region_of(m);
        const CompanyFunctions& pol = st.policy[st.company_of[m]];
        const std::size_t at = 2 * r + (pol.employer_networks ? 1 : 0);
        score[at] += w.seeker_score[m];
        supported[at] += w.seeker_score[m] * w.matching_support[st.company_of[m]];
        extra[r] += municipal_function_budget(ctx, st, m, par.services_budget, par.services_state_money,
                                              pol.employer_services);
    }

    // Effective commuting weight from home region s to job region r for a seeker whose company runs
    // employer networks (k = 1) or not: the network reaches employers beyond the home region.
    auto reach = [&](std::size_t s, std::size_t r, std::size_t k) {
        double weight = ctx.regions.commuting[s * n + r];
        if (s != r && k == 1) weight *= par.cross_region_weight_multiplier;
        return std::min(weight, 1.0);
    };

    auto& fill = w.fill;
    fill.assign(n, 0.0);
    for (std::size_t r = 0; r < n; ++r) {
        double demand = 0, unsupported = 0;
        for (std::size_t s = 0; s < n; ++s)
            for (std::size_t k = 0; k < 2; ++k) {
                demand += reach(s, r, k) * supported[2 * s + k];
                unsupported += reach(s, r, k) * score[2 * s + k];
            }
        double vacancies = par.vacancies_per_1000_pop_15_64_per_year.at(year) *
                           ctx.regions.regions[r].population_15_64 / 1000.0 / 12.0 / ctx.weight;
        vacancies += extra[r] / par.euro_per_extra_vacancy / 12.0 / ctx.weight;
        // Coached seekers' extra score takes vacancies from other seekers, but for the substitution share.
        if (unsupported > 0) vacancies *= 1.0 + par.substitution_share * (demand - unsupported) / unsupported;
        fill[r] = demand > 0 ? vacancies / demand : 0.0;
    }
    auto& chance = w.chance;
    auto& networked = w.chance_networks;
    chance.assign(n, 0.0);
    networked.assign(n, 0.0);
    for (std::size_t s = 0; s < n; ++s)
        for (std::size_t r = 0; r < n; ++r) {
            chance[s] += reach(s, r, 0) * fill[r];
            networked[s] += reach(s, r, 1) * fill[r];
        }
}

double placement_hazard(const Params& par, const ModelContext& ctx, const State& st, const ListEntry& e) {
    const CompanyIndex c = st.company_of[e.municipality];
    const auto& chance = st.policy[c].employer_networks ? st.work.chance_networks : st.work.chance;
    const double h = double(e.score) * chance[ctx.region_of(e.municipality)] * st.work.matching_support[c];
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
    const CompanyIndex company = st.company_of[home];
    if (st.policy[company].detachering && uniform01(key) < par.detached_share_of_placements) job = Status::detached;
    // Was the seeker in a jobcoach's caseload? Of placements in a region with cover c, the coached
    // are the share c m / (1 + (m - 1) c); each needs a free slot.
    std::uint8_t spell_flags = 0;
    auto& free = st.work.coach_free;
    if (!free.empty() && free[company] >= 1.0) {
        const double c = st.work.coverage[company];
        const double coached = c * par.score_multiplier / (1.0 + (par.score_multiplier - 1.0) * c);
        if (uniform01(key, 1) < coached) {
            spell_flags = kSupported;
            free[company] -= 1.0;
        }
    }
    enter_status(ctx, st, i, job, spell_flags);
    p.flags[i] |= kEverPlaced;
    ++acc[home][Flow::placements];
    if (spell_flags) ++acc[home][Flow::supported_placements];
}

namespace {
// True when the seeker is placed this month (its own clock against the placement hazard).
bool placement_event(const Params& par, const ModelContext& ctx, const State& st, ListEntry& e) {
    return clock_event(ctx, st, e.position, e.clock, placement_hazard(par, ctx, st, e));
}
}  // namespace

void step(const Params& par, const ModelContext& ctx, State& st, MonthAccounts& acc) {
    auto& work = st.work;
    cover_seekers(par, ctx, st);
    share_vacancies(par, ctx, st);
    for (const std::uint32_t k : work.available)
        if (placement_event(par, ctx, st, st.monthly[k])) work.placed.push_back(k);
    constexpr std::size_t kAhead = 8;
    for (std::size_t j = 0; j < work.placed.size(); ++j) {
        if (j + kAhead < work.placed.size()) st.persons.prefetch(st.monthly[work.placed[j + kAhead]].position);
        const ListEntry e = st.monthly[work.placed[j]];  // a copy: placing may add to the list
        if (st.persons.status[e.position] != Status::seeking) continue;  // placed in beschut werk this month
        place(par, ctx, st, acc, e.position, e.municipality);
    }
}

}  // namespace swsim::matching
