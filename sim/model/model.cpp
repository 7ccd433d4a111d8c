#include "swsim/model/model.hpp"

#include <algorithm>
#include <functional>
#include <string>

#include "swsim/core/error.hpp"
#include "swsim/engine/schedule.hpp"
#include "swsim/process/beschut.hpp"
#include "swsim/process/budget.hpp"
#include "swsim/process/demography.hpp"
#include "swsim/process/inflow.hpp"
#include "swsim/process/job_loss.hpp"
#include "swsim/process/matching.hpp"
#include "swsim/process/population.hpp"
#include "swsim/process/training.hpp"
#include "swsim/process/wsw_moves.hpp"

namespace swsim {

// One member per process, in the order of the month.
struct ProcessParams {
    population::Params population;
    demography::Params demography;
    inflow::Params inflow;
    beschut::Params beschut;
    wsw_moves::Params wsw_moves;
    training::Params training;
    matching::Params matching;
    job_loss::Params job_loss;
    budget::Params budget;
    std::vector<std::vector<CompanyFunctions>> policy;  // per year of the run, per company
    std::vector<std::vector<CompanyIndex>> membership;  // per year of the run, per municipality
};

std::vector<CompanyFunctions> company_functions(const Scenario& sc, const RegionData& regions, int year) {
    const auto& c = sc.policy.company;
    std::vector<CompanyFunctions> out(regions.companies.size());
    const RealisedPolicy& before = c.realised;
    for (std::size_t k = 0; k < regions.companies.size(); ++k) {
        const Company& company = regions.companies[k];
        const std::string& home = regions.regions[company.home_region].cbs_code;
        const auto factor = c.budget_factor_by_company.find(company.id);
        const double budget_factor = factor == c.budget_factor_by_company.end() ? 1.0 : factor->second;
        const int switch_year = c.switch_year_of(company.id);
        if (year < switch_year) {
            // The history as realised: the functions some companies ran before the choice.
            const auto it = before.mode_by_region.find(home);
            if (year < before.from_year || it == before.mode_by_region.end() || it->second != CompanyMode::ontwikkelbedrijf)
                continue;
            const double ramp = std::min(1.0, double(year - before.from_year + 1) / std::max(c.ramp_up_years, 1.0));
            out[k] = CompanyFunctions{true,           before.employer_services, before.beschut_facility, before.matching,
                                      before.training, before.employer_networks, before.detachering,      ramp,
                                      budget_factor};
            continue;
        }
        if (c.mode_of(company.id, home) != CompanyMode::ontwikkelbedrijf) continue;
        out[k] = CompanyFunctions{true,
                                  c.employer_services.enabled,
                                  c.beschut_facility.enabled,
                                  c.matching.enabled,
                                  c.training.enabled,
                                  c.employer_networks.enabled,
                                  c.detachering.enabled,
                                  c.strength(year, switch_year),
                                  budget_factor};
    }
    return out;
}

std::vector<CompanyIndex> company_membership(const Scenario& sc, const RegionData& regions, int year) {
    std::vector<CompanyIndex> out;
    for (const Municipality& m : regions.municipalities) {
        const auto move = sc.policy.company.municipality_moves.find(m.gm_code);
        const bool moved = move != sc.policy.company.municipality_moves.end() && year >= move->second.from_year;
        out.push_back(moved ? static_cast<CompanyIndex>(regions.find_company(move->second.company)) : m.company);
    }
    return out;
}

void change_membership(const ModelContext& ctx, State& st, const std::vector<CompanyIndex>& next) {
    // Every mover's overhead from the state before any move, so that moves of one January do not
    // depend on their order.
    std::vector<double> moved(next.size(), 0.0);
    for (std::size_t m = 0; m < next.size(); ++m)
        if (st.company_of[m] != next[m])
            moved[m] = st.companies[st.company_of[m]].overhead_euro_per_year * budget::overhead_share(ctx, st, m);
    for (std::size_t m = 0; m < next.size(); ++m) {
        const CompanyIndex from = st.company_of[m], to = next[m];
        if (from == to) continue;
        st.companies[from].overhead_euro_per_year -= moved[m];
        st.companies[to].overhead_euro_per_year += moved[m];
        for (int s = 0; s < kStatusCount; ++s) {
            st.company_counts[from][s] -= st.counts[m][s];
            st.company_counts[to][s] += st.counts[m][s];
        }
        st.company_of[m] = to;
        // Its residents waiting for beschut werk join the new company's list.
        auto& old_queue = st.beschut_queue[from];
        auto& new_queue = st.beschut_queue[to];
        const auto leaves = std::stable_partition(old_queue.begin(), old_queue.end(), [&](const WaitEntry& e) {
            return st.persons.rec[e.position].municipality != m;
        });
        new_queue.insert(new_queue.end(), leaves, old_queue.end());
        old_queue.erase(leaves, old_queue.end());
        std::make_heap(old_queue.begin(), old_queue.end(), std::greater<>{});
        std::make_heap(new_queue.begin(), new_queue.end(), std::greater<>{});
    }
}

Model make_model(const Scenario& sc, const RegionData& regions, std::uint32_t replicate) {
    double pop = 0;
    for (const auto& r : regions.regions) pop += r.population_15_64;
    Model m{ModelContext{regions, sc.simulation.seed, replicate, 1.0 / sc.simulation.scale, pop, sc.simulation.start,
                         sc.simulation.end},
            nullptr};
    if (sc.simulation.end.index >= kNever)
        throw Error("simulation.end " + to_string(sc.simulation.end) + " is beyond the months a due month can hold");
    auto par = std::make_shared<ProcessParams>();
    par->demography = demography::params(sc);
    par->population = population::params(sc, demography::aow_age_months(par->demography, sc.simulation.start.year()));
    par->inflow = inflow::params(sc);
    par->beschut = beschut::params(sc);
    par->wsw_moves = wsw_moves::params(sc);
    par->training = training::params(sc);
    par->matching = matching::params(sc);
    par->job_loss = job_loss::params(sc);
    par->budget = budget::params(sc);
    if (regions.municipalities.empty() || regions.companies.empty())
        throw Error("the region data have no municipalities or companies (one_unit_per_region makes one of each per region)");
    for (int year = sc.simulation.start.year(); year <= sc.simulation.end.year(); ++year) {
        par->policy.push_back(company_functions(sc, regions, year));
        par->membership.push_back(company_membership(sc, regions, year));
    }
    m.params = std::move(par);
    return m;
}

namespace {

// What each process puts into the hazard tables: the exit hazards, each status's hazards per
// (year, region), and how each status spell is met.
HazardTables build_hazard_tables(const Model& m) {
    const ProcessParams& P = *m.params;
    HazardTables hz;
    hz.first_year = m.ctx.start.year();
    hz.last_year = m.ctx.end.year();
    hz.companies = m.ctx.companies();
    hz.municipalities = m.ctx.municipalities();
    hz.policy = P.policy;
    hz.membership = P.membership;
    demography::hazards(P.demography, hz);
    for (const auto& year : hz.policy)
        for (const CompanyFunctions& pol : year) {
            auto& row = hz.status.emplace_back();
            wsw_moves::hazards(P.wsw_moves, pol, row);
            matching::hazards(P.matching, row);
            job_loss::hazards(P.job_loss, row);
        }
    beschut::spell_rules(P.beschut, hz);
    wsw_moves::spell_rules(hz);
    training::spell_rules(P.training, hz);
    matching::spell_rules(hz);
    job_loss::spell_rules(P.job_loss, hz);
    return hz;
}

}  // namespace

State init_state(const Model& m) {
    const auto& ctx = m.ctx;
    const ProcessParams& P = *m.params;
    const std::size_t n = ctx.municipalities(), companies = ctx.companies();
    State st;
    st.now = ctx.start;
    st.counts.assign(n, StatusCounts{});
    st.pay.assign(n, RegionPay{});
    st.job_starts.assign(n, JobStarts{});
    st.company_counts.assign(companies, StatusCounts{});
    st.pay_rule = budget::pay_rule(P.budget);
    st.beschut_queue.assign(companies, {});
    st.companies.assign(companies, CompanyState{});
    st.hazards = build_hazard_tables(m);
    st.policy = st.hazards.policy.front();
    st.company_of = st.hazards.membership.front();
    population::create_base_population(P.population, ctx, st);
    st.first_inflow_id = st.next_id;
    for (std::size_t c = 0; c < companies; ++c)
        st.companies[c].overhead_euro_per_year = budget::base_company_overhead(P.budget, ctx, st, c);
    // Everybody meets every process from the first month on.
    for (std::size_t i = 0; i < st.persons.size(); ++i) {
        schedule_exit(ctx, st, i, st.now.index);
        start_spell(ctx, st, i, st.now.index);
    }
    return st;
}

namespace {

// The event of person i's status spell, due this month, handed to the process that owns the
// status. A job's loss waits for the month's placements (step 6).
void status_due_now(const ProcessParams& P, const ModelContext& ctx, State& st, std::size_t i) {
    const std::int32_t next = st.now.index + 1;
    switch (st.persons.status[i]) {
        case Status::wsw_intern:
        case Status::wsw_detached:
        case Status::wsw_begeleid:
            if (!wsw_moves::on_due(ctx, st, i)) schedule_status(ctx, st, i, next);
            break;
        case Status::dagbesteding:
            if (!matching::activate(ctx, st, i)) schedule_status(ctx, st, i, next);
            break;
        case Status::training:  // one waiting for beschut may be placed first (step 4)
            if (st.persons.has(i, kBeschutAdvice)) st.work.waiting_trainees.push_back(static_cast<std::uint32_t>(i));
            else if (!training::end(P.training, ctx, st, i)) schedule_status(ctx, st, i, next);
            break;
        case Status::detached:
        case Status::regular_lks:
        case Status::regular: st.work.job_due.push_back(static_cast<std::uint32_t>(i)); break;
        case Status::seeking:
        case Status::beschut: break;  // never due (SpellKind::monthly and none)
    }
}

// Person i's month when something is due for it: demography first, then its status spell's event.
void due_now(const ProcessParams& P, const ModelContext& ctx, State& st, MonthAccounts& acc, std::size_t i) {
    const std::int32_t now = st.now.index;
    if (st.persons.exit_due[i] <= now) {
        if (demography::on_exit_due(ctx, st, acc, i)) return;
        schedule_exit(ctx, st, i, now + 1);
    }
    if (st.persons.status_due[i] <= now) status_due_now(P, ctx, st, i);
}

}  // namespace

// The month, in its fixed order. Each step touches only the persons it concerns; every region sum
// is made in an order fixed by the events alone, so results do not depend on threads or on the
// order of work elsewhere.
void step_month(const Model& m, State& st, MonthAccounts& acc, const BeforeRemoval& before_removal) {
    const ModelContext& ctx = m.ctx;
    const ProcessParams& P = *m.params;
    if (st.now.month() == 1) {
        const std::size_t year = st.hazards.year_index(st.now.year());
        st.policy = st.hazards.policy[year];
        change_membership(ctx, st, st.hazards.membership[year]);
    }
    acc.assign(ctx.municipalities(), RegionAccount{});
#ifdef SWSIM_CHECK_INVARIANTS
    const std::vector<StatusCounts> before = st.counts;
#endif
    auto& work = st.work;
    work.job_due.clear();
    work.waiting_trainees.clear();
    open_job_starts(st);
    const std::int32_t now = st.now.index;

    // 1. Demography and the status events due this month (Wsw moves, activation, training ends).
    const std::size_t before_inflow = st.persons.size();
    collect_due(st, before_inflow);
    for_each_person(st.persons, work.due, [&](std::uint32_t i) { due_now(P, ctx, st, acc, i); });
    // 2. Inflow; the new persons meet demography from next month on.
    inflow::step(P.inflow, ctx, st, acc);
    for (std::size_t i = before_inflow; i < st.persons.size(); ++i) {
        schedule_exit(ctx, st, i, now + 1);
        start_spell(ctx, st, i, now);
        if (st.persons.status_due[i] <= now) status_due_now(P, ctx, st, i);
    }
    // 3. The seekers of the month: training intake, then they join matching.
    training::open_month(P.training, ctx, st);
    matching::open_month(P.matching, st);
    sweep_monthly_list(st, [&](ListEntry& e, bool arrived_now, std::size_t index) {
        if (training::intake(P.training, ctx, st, acc, e, arrived_now)) return false;
        matching::add_seeker(P.matching, st, e, index);
        return true;
    });
    // 4. Beschut werk; then the end of a training of those still waiting for it.
    beschut::step(P.beschut, ctx, st, acc);
    for (const std::uint32_t i : work.waiting_trainees)
        if (st.persons.status[i] == Status::training && !training::end(P.training, ctx, st, i))
            schedule_status(ctx, st, i, now + 1);
    // 5. Matching.
    matching::step(P.matching, ctx, st, acc);
    // 6. Job loss (those placed this month keep their job at least until next month).
    for_each_person(st.persons, work.job_due, [&](std::uint32_t i) { job_loss::on_due(P.job_loss, ctx, st, acc, i); });
    // 7. The budget.
    budget::step(P.budget, ctx, st, acc);

    // Those who left are removed once a year (and at the end), before the year's tables are made.
    if (st.now.month() == 12 || st.now == ctx.end) {
        if (before_removal) before_removal(st);
        remove_exited(st);
    }
    st.monthly_new = st.monthly.size();  // who joins from here on arrives next month
    ++st.now.index;
#ifdef SWSIM_CHECK_INVARIANTS
    check_invariants(m, st, before, acc);
#endif
}

void check_invariants(const Model& m, const State& st, const std::vector<StatusCounts>& before,
                      const MonthAccounts& acc) {
    const ModelContext& ctx = m.ctx;
    const std::size_t n = ctx.municipalities();
    std::vector<StatusCounts> recount(n, StatusCounts{}), company_recount(ctx.companies(), StatusCounts{});
    std::vector<RegionPay> pay(n);
    std::vector<JobStarts> starts(n, JobStarts{});
    const auto& p = st.persons;
    const auto& hz = st.hazards;
    auto fail = [&](std::size_t mun, const std::string& what) {
        const Municipality& mm = ctx.regions.municipalities[mun];
        throw Error("invariant broken at the start of " + to_string(st.now) + ", municipality " + mm.gm_code + " (" +
                    ctx.regions.regions[mm.region].cbs_code + "): " + what);
    };
    std::size_t listed = 0;
    for (std::size_t i = 0; i < p.size(); ++i) {
        listed += p.has(i, kListed) ? 1 : 0;
        if (!p.alive(i)) continue;
        const std::size_t home = p.rec[i].municipality;
        ++recount[home][static_cast<int>(p.status[i])];
        ++company_recount[st.company_of[home]][static_cast<int>(p.status[i])];
        const RegionPay mine = pay_of(st.pay_rule, p, i);
        auto& sums = pay[home];
        sums.lks_units += mine.lks_units;
        sums.uwv_lks_units += mine.uwv_lks_units;
        sums.benefit_units += mine.benefit_units;
        if (p.has(i, kTracked) && st.now.index - p.rec[i].status_since < kTrackedMonths)
            ++starts[home][job_class(p, i)][p.rec[i].status_since % kTrackedMonths];
        // Nothing is overdue, and who is acted on every month is on the list (which may still hold
        // some who left it this month).
        if (p.exit_due[i] < st.now.index || p.status_due[i] < st.now.index)
            fail(home, "person " + std::to_string(p.rec[i].id) + " has an event overdue");
        if (on_monthly_list(hz, p, i) && (!p.has(i, kListed) || p.status_due[i] != kNever))
            fail(home, "person " + std::to_string(p.rec[i].id) + " is missing from the monthly list");
    }
    // Each person waiting for beschut has exactly one live entry, in its company's queue.
    std::vector<char> queued(p.size(), 0);
    for (std::size_t c = 0; c < st.beschut_queue.size(); ++c)
        for (const WaitEntry& e : st.beschut_queue[c]) {
            if (!still_waiting(hz, p, e)) continue;
            const std::size_t home = p.rec[e.position].municipality;
            if (st.company_of[home] != c || queued[e.position]++)
                fail(home, "person " + std::to_string(p.rec[e.position].id) + " is queued twice or by another company");
        }
    for (std::size_t i = 0; i < p.size(); ++i)
        if (p.alive(i) && beschut_waiting(hz, p, i) && !queued[i])
            fail(p.rec[i].municipality, "person " + std::to_string(p.rec[i].id) + " waits for beschut but is not queued");
    if (listed != st.monthly.size())
        throw Error("invariant broken at the start of " + to_string(st.now) + ": the monthly list holds " +
                    std::to_string(st.monthly.size()) + " persons, " + std::to_string(listed) + " are marked");
    for (std::size_t c = 0; c < company_recount.size(); ++c)
        if (company_recount[c] != st.company_counts[c])
            throw Error("invariant broken at the start of " + to_string(st.now) + ", company " +
                        ctx.regions.companies[c].id + ": counts out of step with its members' persons");
    for (std::size_t r = 0; r < n; ++r) {
        std::int64_t was = 0, is = 0;
        for (int s = 0; s < kStatusCount; ++s) {
            if (st.counts[r][s] < 0) fail(r, "negative count of " + std::string(kStatusNames[s]));
            if (st.counts[r][s] != recount[r][s]) fail(r, "count of " + std::string(kStatusNames[s]) + " out of step");
            was += before[r][s];
            is += st.counts[r][s];
        }
        if (!(pay[r] == st.pay[r])) fail(r, "pay sums out of step");
        // The slot of the month about to open is cleared as it opens: it holds jobs now untracked.
        auto tracked = st.job_starts[r];
        for (auto& by_month : tracked) by_month[st.now.index % kTrackedMonths] = 0;
        if (tracked != starts[r]) fail(r, "job starts out of step");
        const auto& a = acc[r];
        const std::int64_t exits = a[Flow::exits_retired] + a[Flow::exits_died] + a[Flow::exits_other];
        if (was + a[Flow::inflow] - exits != is) fail(r, "persons not conserved (stock + inflow - exits)");
        for (double v : a.money)
            if (!std::isfinite(v) || v < 0) fail(r, "a money line is negative or not finite");
        for (double v : a.places)
            if (!std::isfinite(v) || v < 0) fail(r, "a place count is negative or not finite");
    }
    // Every company's overhead is charged to its members: none is lost or counted twice (checked
    // where the accounts are a month's, not empty accounts given to check the counts alone).
    double charged = 0, carried = 0, money = 0;
    for (const auto& a : acc) {
        charged += a[Money::company_overhead];
        for (double v : a.money) money += v;
    }
    for (const auto& c : st.companies) carried += c.overhead_euro_per_year / 12.0;
    if (money > 0 && std::abs(charged - carried) > 1e-9 * std::max(1.0, carried))
        throw Error("invariant broken at the start of " + to_string(st.now) + ": the municipalities were charged " +
                    std::to_string(charged) + " of company overhead, the companies carry " + std::to_string(carried));
}

}  // namespace swsim
