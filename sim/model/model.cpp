#include "swsim/model/model.hpp"

#include <algorithm>
#include <cmath>
#include <string>

#include "swsim/core/error.hpp"
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
    return st.persons.add(pid, r, st.now.index - age_months, o, s, st.now, static_cast<float>(lw),
                          static_cast<float>(prof.hours_per_week), flags);
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
    State st;
    st.now = sc.simulation.start;
    st.counts.assign(n, StatusCounts{});
    st.companies.assign(n, CompanyState{});
    st.policy = region_policy(sc, ctx.regions, st.now.year());

    const auto bands = wsw_bands(sc, static_cast<int>(sc.behaviour.demography.aow_age_months.at(st.now.year())));
    const double wsw_total = column_total(ctx.regions, &Region::wsw_persons_2015);
    const double bijstand_total = column_total(ctx.regions, &Region::bijstand_persons);
    st.persons.reserve(static_cast<std::size_t>((pop.wsw_persons + pop.waitlist_persons + pop.doelgroep_persons +
                                                 pop.bijstand_persons) / ctx.weight * 1.3));

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
    return st;
}

// The processes run in their fixed order (MODEL.md section 5), but their per-person parts are fused
// into two passes over the persons, since each person's part depends only on that person and on
// region figures fixed before the pass:
//   pass 1: demography, [inflow, beschut], wsw_moves, training, matching's activation and scores;
//   pass 2: matching's placements, job_loss, budget's per-person lines.
// Inflow and beschut come between demography and wsw_moves. Inflow only appends persons, who go
// through the rest of pass 1 after the others. Beschut acts only on those waiting for a place (an
// advice, seeking or training); pass 1 sets them aside and runs their rest after the placements.
// Region sums (scores, money) are made in the order of the persons, as by the separate processes,
// so the results are identical to running the step_* functions one after the other.
void step_month(const ModelContext& ctx, State& st, MonthAccounts& acc) {
    if (st.now.month() == 1) st.policy = region_policy(ctx.scenario, ctx.regions, st.now.year());
    acc.assign(ctx.regions.size(), RegionAccount{});
#ifdef SWSIM_CHECK_INVARIANTS
    const std::vector<StatusCounts> before = st.counts;
#endif
    const DemographyMonth demography = demography_month(ctx, st);
    const WswMovesMonth wsw_moves = wsw_moves_month(ctx, st);
    const TrainingMonth training = training_month(ctx);
    const MatchingMonth matching = prepare_matching(ctx, st);
    prepare_job_loss(ctx, st);
    const BudgetMonth budget = budget_month(ctx, st);
    clear_beschut_waiting(ctx, st);

    auto& p = st.persons;
    // Each pass looks at a person's status once and runs only the parts that concern it: a status
    // test per process and person costs more (mispredicted branches) than the work itself.
    // wsw_moves, training and matching's first part, for a living person not waiting for beschut.
    auto rest_of_pass_1 = [&](std::size_t i) {
        switch (p.status[i]) {
            case Status::wsw_intern:
            case Status::wsw_detached:
            case Status::wsw_begeleid: wsw_moves_person(wsw_moves, ctx, st, i); break;
            case Status::training:
            case Status::seeking: training_person(training, ctx, st, acc, i); [[fallthrough]];
            case Status::dagbesteding: matching_activate_and_score(matching, ctx, st, i); break;
            default: break;  // beschut and regular jobs: nothing before the placements
        }
    };
    auto first_part = [&](std::size_t i) {
        if (beschut_waiting(p, i)) add_beschut_waiting(st, i);
        else rest_of_pass_1(i);
    };
    const std::size_t before_inflow = p.size();
    for (std::size_t i = 0; i < before_inflow; ++i)
        if (p.alive(i) && !demography_person(demography, ctx, st, acc, i)) first_part(i);
    step_inflow(ctx, st, acc);
    for (std::size_t i = before_inflow; i < p.size(); ++i) first_part(i);
    place_beschut(ctx, st, acc);
    for (const auto& queue : st.work.beschut_waiting)
        for (const std::uint32_t i : queue) rest_of_pass_1(i);  // the placed are beschut now: nothing to do
    share_vacancies(ctx, st);

    for (std::size_t i = 0; i < p.size(); ++i) {
        if (!p.alive(i)) continue;
        switch (p.status[i]) {
            case Status::seeking: matching_place_person(matching, ctx, st, acc, i); break;
            case Status::detached:
            case Status::regular_lks:
            case Status::regular: job_loss_person(ctx, st, acc, i); break;  // not those placed just now
            default: break;
        }
        budget_person(budget, st, acc, i);
    }
    budget_regions(ctx, st, acc);

    // Those who left are removed once a year (and at the end), before the year's tables are made.
    if (st.now.month() == 12 || st.now == ctx.scenario.simulation.end) st.persons.remove_exited();
#ifdef SWSIM_CHECK_INVARIANTS
    check_invariants(ctx, st, before, acc);
#endif
    ++st.now.index;
}

void check_invariants(const ModelContext& ctx, const State& st, const std::vector<StatusCounts>& before,
                      const MonthAccounts& acc) {
    const std::size_t n = ctx.regions.size();
    std::vector<StatusCounts> recount(n, StatusCounts{});
    const auto& p = st.persons;
    for (std::size_t i = 0; i < p.size(); ++i)
        if (p.alive(i)) ++recount[p.region[i]][static_cast<int>(p.status[i])];
    auto fail = [&](std::size_t r, const std::string& what) {
        throw Error("invariant broken in " + to_string(st.now) + ", region " + ctx.regions.regions[r].cbs_code + ": " +
                    what);
    };
    for (std::size_t r = 0; r < n; ++r) {
        std::int64_t was = 0, is = 0;
        for (int s = 0; s < kStatusCount; ++s) {
            if (st.counts[r][s] < 0) fail(r, "negative count of " + std::string(kStatusNames[s]));
            if (st.counts[r][s] != recount[r][s]) fail(r, "count of " + std::string(kStatusNames[s]) + " out of step");
            was += before[r][s];
            is += st.counts[r][s];
        }
        const auto& a = acc[r];
        const std::int64_t exits = a[Flow::exits_retired] + a[Flow::exits_died] + a[Flow::exits_other];
        if (was + a[Flow::inflow] - exits != is) fail(r, "persons not conserved (stock + inflow - exits)");
        for (double v : a.money)
            if (!std::isfinite(v) || v < 0) fail(r, "a money line is negative or not finite");
    }
}

}  // namespace swsim
