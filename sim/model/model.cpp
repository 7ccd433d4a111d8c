#include "swsim/model/model.hpp"

#include <algorithm>
#include <cmath>
#include <functional>
#include <string>

#include "swsim/core/error.hpp"
#include "swsim/model/schedule.hpp"
#include "swsim/process/beschut.hpp"
#include "swsim/process/budget.hpp"
#include "swsim/process/demography.hpp"
#include "swsim/process/inflow.hpp"
#include "swsim/process/job_loss.hpp"
#include "swsim/process/matching.hpp"
#include "swsim/process/training.hpp"
#include "swsim/process/wsw_moves.hpp"

namespace swsim {


std::vector<RegionPolicy> region_policy(const Scenario& sc, const RegionData& regions, int year) {
    const auto& c = sc.policy.company;
    std::vector<RegionPolicy> out(regions.size());
    for (std::size_t r = 0; r < regions.size(); ++r) {
        if (c.mode_for(regions.regions[r].cbs_code, year) != CompanyMode::ontwikkelbedrijf) continue;
        out[r] = RegionPolicy{true,
                              c.employer_services.enabled,
                              c.beschut_facility.enabled,
                              c.matching.enabled,
                              c.training.enabled,
                              c.employer_networks.enabled,
                              c.detachering.enabled};
    }
    return out;
}

std::size_t create_person(State& st, PersonId pid, RegionIndex r, Origin o, Status s, const GroupProfile& prof,
                          int age_months, std::uint8_t flags, Stream& draws) {
    if (age_months < 0) {
        const auto span = static_cast<std::uint32_t>((prof.age_max_years - prof.age_min_years + 1) * 12);
        age_months = prof.age_min_years * 12 + static_cast<int>(draws.below(span));
    }
    const double lw = std::clamp(draws.normal(prof.loonwaarde_mean, prof.loonwaarde_sd), 0.05, 1.0);
    ++st.counts[r][static_cast<int>(s)];
    const std::size_t i = st.persons.add(pid, r, st.now.index - age_months, o, s, st.now, static_cast<float>(lw),
                                         static_cast<float>(prof.hours_per_week), flags);
    add_pay(st, i, +1);
    return i;
}

std::int64_t stochastic_round(double x, Stream& draws) {
    const double f = std::floor(x);
    return static_cast<std::int64_t>(f) + (draws.uniform() < x - f ? 1 : 0);
}

namespace {

// Wsw age bands [lo, hi) in years; the last band ends at the AOW age of the base month.
struct Band {
    double share;
    int lo_months;
    int hi_months;
};

std::vector<Band> wsw_bands(const Scenario& sc, int aow_months) {
    const auto& a = sc.population.wsw_age_shares;
    return {{a.a18_26, 18 * 12, 27 * 12}, {a.a27_34, 27 * 12, 35 * 12}, {a.a35_44, 35 * 12, 45 * 12},
            {a.a45_54, 45 * 12, 55 * 12}, {a.a55_64, 55 * 12, 65 * 12}, {a.a65_plus, 65 * 12, std::max(aow_months, 65 * 12 + 1)}};
}

int draw_band_age(const std::vector<Band>& bands, Stream& draws) {
    double u = draws.uniform();
    const Band* chosen = &bands.back();
    for (const auto& b : bands) {
        if (u < b.share) {
            chosen = &b;
            break;
        }
        u -= b.share;
    }
    return chosen->lo_months + static_cast<int>(draws.below(static_cast<std::uint32_t>(chosen->hi_months - chosen->lo_months)));
}

double column_total(const RegionData& rd, double Region::*col) {
    double t = 0;
    for (const auto& r : rd.regions) t += r.*col;
    return t;
}

}  // namespace

State init_state(const ModelContext& ctx) {
    const auto& sc = ctx.scenario;
    const auto& pop = sc.population;
    const std::size_t n = ctx.regions.size();
    if (sc.simulation.end.index >= kNever)
        throw Error("simulation.end " + to_string(sc.simulation.end) + " is beyond the months a due month can hold");
    State st;
    st.now = sc.simulation.start;
    st.counts.assign(n, StatusCounts{});
    st.pay.assign(n, RegionPay{});
    st.beschut_queue.assign(n, {});
    st.companies.assign(n, CompanyState{});
    st.hazards = build_hazard_tables(ctx);
    st.policy = st.hazards.policy.front();
    st.lks_loonwaarde_threshold = static_cast<float>(sc.behaviour.matching.lks_loonwaarde_threshold);

    const auto bands = wsw_bands(sc, static_cast<int>(sc.behaviour.demography.aow_age_months.at(st.now.year())));
    const double wsw_total = column_total(ctx.regions, &Region::wsw_persons_2015);
    const double bijstand_total = column_total(ctx.regions, &Region::bijstand_persons);
    st.persons.reserve(static_cast<std::size_t>((pop.wsw_persons + pop.waitlist_persons + pop.doelgroep_persons +
                                                 pop.bijstand_persons) / ctx.weight * 1.15));

    for (std::size_t r = 0; r < n; ++r) {
        const auto& reg = ctx.regions.regions[r];
        const auto region = static_cast<RegionIndex>(r);
        Stream counts(draw_key(ctx, st, region_subject(r), Process::population_init));
        auto group = [&](double national, double share, auto&& make) {
            const std::int64_t k = stochastic_round(national * share / ctx.weight, counts);
            for (std::int64_t j = 0; j < k; ++j) {
                const PersonId pid = st.next_id++;
                Stream draws(draw_key(ctx, st, pid, Process::population_init));
                make(pid, draws);
            }
        };
        const double wsw_share = reg.wsw_persons_2015 / wsw_total;
        group(pop.wsw_persons, wsw_share, [&](PersonId pid, Stream& d) {
            const double u = d.uniform();
            const Status s = u < pop.wsw_detached_share                            ? Status::wsw_detached
                             : u < pop.wsw_detached_share + pop.wsw_begeleid_share ? Status::wsw_begeleid
                                                                                   : Status::wsw_intern;
            create_person(st, pid, region, Origin::wsw, s, pop.wsw, draw_band_age(bands, d), 0, d);
        });
        group(pop.waitlist_persons, wsw_share, [&](PersonId pid, Stream& d) {
            const std::uint8_t f = d.bernoulli(pop.doelgroep_bijstand_share) ? kMunicipalBenefit : 0;
            create_person(st, pid, region, Origin::wsw_waitlist, Status::seeking, pop.waitlist, -1, f, d);
        });
        group(pop.doelgroep_persons, reg.population_15_64 / ctx.population_15_64_total, [&](PersonId pid, Stream& d) {
            const double u = d.uniform();
            std::uint8_t f = d.bernoulli(pop.doelgroep_bijstand_share) ? kMunicipalBenefit : 0;
            Status s = Status::seeking;
            if (u < pop.doelgroep_working_share) {
                s = u < pop.doelgroep_working_share * pop.doelgroep_lks_share_of_working ? Status::regular_lks
                                                                                           : Status::regular;
            } else if (u < pop.doelgroep_working_share + pop.doelgroep_dagbesteding_share) {
                s = Status::dagbesteding;
            }
            create_person(st, pid, region, Origin::doelgroep, s, pop.doelgroep, -1, f, d);
        });
        group(pop.bijstand_persons, reg.bijstand_persons / bijstand_total, [&](PersonId pid, Stream& d) {
            const Status s = d.bernoulli(pop.bijstand_dagbesteding_share) ? Status::dagbesteding : Status::seeking;
            create_person(st, pid, region, Origin::bijstand, s, pop.bijstand, -1, kMunicipalBenefit, d);
        });
        st.companies[r].overhead_euro_per_year = base_company_overhead(ctx, st, r);
    }
    // Everybody meets every process from the first month on.
    for (std::size_t i = 0; i < st.persons.size(); ++i) {
        schedule_exit(ctx, st, i, st.now.index);
        start_spell(ctx, st, i, st.now.index);
    }
    return st;
}

namespace {

// How far ahead to prefetch persons (Population::prefetch) and list entries' flags and status.
constexpr std::size_t kAhead = 8;
constexpr std::size_t kListAhead = 32;

// The event of person i's status spell, due this month. Job loss waits for the placements.
void status_due_now(const ModelContext& ctx, State& st, const TrainingMonth& training, std::size_t i) {
    const std::int32_t next = st.now.index + 1;
    switch (st.persons.status[i]) {
        case Status::wsw_intern:
        case Status::wsw_detached:
        case Status::wsw_begeleid:
            if (!wsw_moves_person(ctx, st, i)) schedule_status(ctx, st, i, next);
            break;
        case Status::dagbesteding:
            if (!matching_activate(ctx, st, i)) schedule_status(ctx, st, i, next);
            break;
        case Status::training:  // one waiting for beschut may be placed first
            if (st.persons.has(i, kBeschutAdvice)) st.work.waiting_trainees.push_back(static_cast<std::uint32_t>(i));
            else if (!end_training(training, ctx, st, i)) schedule_status(ctx, st, i, next);
            break;
        case Status::detached:
        case Status::regular_lks:
        case Status::regular: st.work.job_due.push_back(static_cast<std::uint32_t>(i)); break;
        case Status::seeking:
        case Status::beschut: break;  // never due: matching is monthly, a place comes from the queue
    }
}

// Removes those who left from the persons and from the monthly and waiting lists, whose positions
// follow the persons moved into the gaps.
void remove_exited(State& st) {
    auto& p = st.persons;
    const std::size_t new_size = p.size() - st.exited.size();
    std::size_t out = 0;
    for (ListEntry e : st.monthly)
        if (p.alive(e.position)) st.monthly[out++] = e;
    st.monthly.resize(out);
    for (auto& queue : st.beschut_queue) std::erase_if(queue, [&](const WaitEntry& e) { return !still_waiting(p, e); });

    auto& moved_to = st.work.moved_to;
    p.remove(st.exited, moved_to);
    auto follow = [&](std::uint32_t& position) {
        if (position >= new_size) position = moved_to[position - new_size];
    };
    for (auto& e : st.monthly) follow(e.position);
    for (auto& queue : st.beschut_queue) {
        for (auto& e : queue) follow(e.position);
        std::make_heap(queue.begin(), queue.end(), std::greater<>{});  // erasing broke the heap
    }
}

}  // namespace

// The processes run in their fixed order (MODEL.md section 5), each touching only the persons it
// concerns (schedule.hpp):
//   1. the persons due this month: demography, then the event of their status spell (Wsw moves,
//      dagbesteding -> seeking, the end of a training; a job's loss is noted for step 6);
//   2. inflow; the new persons' first month;
//   3. the monthly list: training intake, the seekers' scores;
//   4. beschut placements from the waiting lists, then the end of a training of those still waiting;
//   5. matching: vacancies shared over the scores, then each seeker's placement;
//   6. job loss (those placed this month keep their job at least until next month);
//   7. the budget from the region counts and pay sums.
// Every region sum is made in an order fixed by the events alone, so results do not depend on
// threads or on the order of work elsewhere.
void step_month(const ModelContext& ctx, State& st, MonthAccounts& acc) {
    if (st.now.month() == 1) st.policy = st.hazards.policy[st.hazards.year_index(st.now.year())];
    acc.assign(ctx.regions.size(), RegionAccount{});
#ifdef SWSIM_CHECK_INVARIANTS
    const std::vector<StatusCounts> before = st.counts;
#endif
    const TrainingMonth training = training_month(ctx);
    const MatchingMonth matching = prepare_matching(ctx, st);
    auto& work = st.work;
    work.due.clear();
    work.available.clear();
    work.placed.clear();
    work.job_due.clear();
    work.waiting_trainees.clear();
    auto& p = st.persons;
    const std::int32_t now = st.now.index;

    // 1. The persons due: found by a scan of the due months, handled with the next few prefetched.
    const std::size_t before_inflow = p.size();
    for (std::size_t i = 0; i < before_inflow; ++i)
        if (std::min(p.exit_due[i], p.status_due[i]) <= now) work.due.push_back(static_cast<std::uint32_t>(i));
    for (std::size_t k = 0; k < work.due.size(); ++k) {
        if (k + kAhead < work.due.size()) p.prefetch(work.due[k + kAhead]);
        const std::uint32_t i = work.due[k];
        if (p.exit_due[i] <= now) {
            if (demography_person(ctx, st, acc, i)) continue;
            schedule_exit(ctx, st, i, now + 1);
        }
        if (p.status_due[i] <= now) status_due_now(ctx, st, training, i);
    }

    // 2. Inflow; the new persons meet demography from next month on.
    step_inflow(ctx, st, acc);
    for (std::size_t i = before_inflow; i < p.size(); ++i) {
        schedule_exit(ctx, st, i, now + 1);
        start_spell(ctx, st, i, now);
        if (p.status_due[i] <= now) status_due_now(ctx, st, training, i);
    }

    // 3. The monthly list keeps its order; those who left it (placed, gone) are dropped here.
    std::size_t kept = 0;
    for (std::size_t k = 0; k < st.monthly.size(); ++k) {
        if (k + kListAhead < st.monthly.size()) {
            __builtin_prefetch(&p.flags[st.monthly[k + kListAhead].position]);
            __builtin_prefetch(&p.status[st.monthly[k + kListAhead].position]);
        }
        ListEntry e = st.monthly[k];
        const std::uint32_t i = e.position;
        if (!p.alive(i) || !on_monthly_list(p, i) || training_intake(training, ctx, st, acc, e, k >= st.monthly_new)) {
            p.flags[i] &= static_cast<std::uint8_t>(~kListed);
            continue;
        }
        work.seeker_score[e.region] += e.score;
        work.available.push_back(static_cast<std::uint32_t>(kept));
        st.monthly[kept++] = e;
    }
    st.monthly.resize(kept);

    // 4. Beschut werk.
    place_beschut(ctx, st, acc);
    for (const std::uint32_t i : work.waiting_trainees)
        if (p.status[i] == Status::training && !end_training(training, ctx, st, i)) schedule_status(ctx, st, i, now + 1);

    // 5. Matching. Who is placed depends only on the seeker's own clock: decided first, placed after.
    share_vacancies(ctx, st);
    for (const std::uint32_t k : work.available)
        if (placement_event(matching, ctx, st, st.monthly[k])) work.placed.push_back(k);
    for (std::size_t j = 0; j < work.placed.size(); ++j) {
        if (j + kAhead < work.placed.size()) p.prefetch(st.monthly[work.placed[j + kAhead]].position);
        const ListEntry e = st.monthly[work.placed[j]];  // a copy: placing may add to the list
        place(matching, ctx, st, acc, e.position, e.region);
    }
    // 6. Job loss; 7. the budget.
    for (std::size_t j = 0; j < work.job_due.size(); ++j) {
        if (j + kAhead < work.job_due.size()) p.prefetch(work.job_due[j + kAhead]);
        job_loss_person(ctx, st, acc, work.job_due[j]);
    }
    budget_regions(ctx, st, acc);

    // Those who left are removed once a year (and at the end), before the year's tables are made.
    if (st.now.month() == 12 || st.now == ctx.scenario.simulation.end) remove_exited(st);
    st.monthly_new = st.monthly.size();  // who joins from here on arrives next month
    ++st.now.index;
#ifdef SWSIM_CHECK_INVARIANTS
    check_invariants(ctx, st, before, acc);
#endif
}

void check_invariants(const ModelContext& ctx, const State& st, const std::vector<StatusCounts>& before,
                      const MonthAccounts& acc) {
    const std::size_t n = ctx.regions.size();
    std::vector<StatusCounts> recount(n, StatusCounts{});
    std::vector<RegionPay> pay(n);
    const auto& p = st.persons;
    auto fail = [&](std::size_t r, const std::string& what) {
        throw Error("invariant broken at the start of " + to_string(st.now) + ", region " +
                    ctx.regions.regions[r].cbs_code + ": " + what);
    };
    std::size_t listed = 0;
    for (std::size_t i = 0; i < p.size(); ++i) {
        listed += p.has(i, kListed) ? 1 : 0;
        if (!p.alive(i)) continue;
        ++recount[p.rec[i].region][static_cast<int>(p.status[i])];
        const RegionPay mine = pay_of(p, i, st.lks_loonwaarde_threshold);
        pay[p.rec[i].region].lks_units += mine.lks_units;
        pay[p.rec[i].region].benefit_persons += mine.benefit_persons;
        // Nothing is overdue, and who is acted on every month is on the list (which may still hold
        // some who left it this month).
        if (p.exit_due[i] < st.now.index || p.status_due[i] < st.now.index)
            fail(p.rec[i].region, "person " + std::to_string(p.rec[i].id) + " has an event overdue");
        if (on_monthly_list(p, i) && (!p.has(i, kListed) || p.status_due[i] != kNever))
            fail(p.rec[i].region, "person " + std::to_string(p.rec[i].id) + " is missing from the monthly list");
    }
    // Each person waiting for beschut has exactly one live entry in its region's queue.
    std::vector<char> queued(p.size(), 0);
    for (std::size_t r = 0; r < n; ++r)
        for (const WaitEntry& e : st.beschut_queue[r]) {
            if (!still_waiting(p, e)) continue;
            if (p.rec[e.position].region != r || queued[e.position]++)
                fail(r, "person " + std::to_string(p.rec[e.position].id) + " is queued twice or in another region");
        }
    for (std::size_t i = 0; i < p.size(); ++i)
        if (p.alive(i) && beschut_waiting(p, i) && !queued[i])
            fail(p.rec[i].region, "person " + std::to_string(p.rec[i].id) + " waits for beschut but is not queued");
    if (listed != st.monthly.size())
        throw Error("invariant broken at the start of " + to_string(st.now) + ": the monthly list holds " +
                    std::to_string(st.monthly.size()) + " persons, " + std::to_string(listed) + " are marked");
    for (std::size_t r = 0; r < n; ++r) {
        std::int64_t was = 0, is = 0;
        for (int s = 0; s < kStatusCount; ++s) {
            if (st.counts[r][s] < 0) fail(r, "negative count of " + std::string(kStatusNames[s]));
            if (st.counts[r][s] != recount[r][s]) fail(r, "count of " + std::string(kStatusNames[s]) + " out of step");
            was += before[r][s];
            is += st.counts[r][s];
        }
        if (pay[r].lks_units != st.pay[r].lks_units || pay[r].benefit_persons != st.pay[r].benefit_persons)
            fail(r, "pay sums out of step");
        const auto& a = acc[r];
        const std::int64_t exits = a[Flow::exits_retired] + a[Flow::exits_died] + a[Flow::exits_other];
        if (was + a[Flow::inflow] - exits != is) fail(r, "persons not conserved (stock + inflow - exits)");
        for (double v : a.money)
            if (!std::isfinite(v) || v < 0) fail(r, "a money line is negative or not finite");
        for (double v : a.places)
            if (!std::isfinite(v) || v < 0) fail(r, "a place count is negative or not finite");
    }
}

}  // namespace swsim
