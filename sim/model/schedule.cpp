#include "swsim/model/schedule.hpp"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <functional>

#include "swsim/model/model.hpp"
#include "swsim/process/matching.hpp"

namespace swsim {

namespace {
// AOW age in months for a calendar year: the series, and after its last year a rise of
// aow_link_months_per_year (linked to life expectancy), rounded down to whole months.
int aow_age_months(const DemographyParams& d, int year) {
    const auto& s = d.aow_age_months;
    const double extra = year > s.last_year() ? d.aow_link_months_per_year * (year - s.last_year()) : 0.0;
    return static_cast<int>(std::floor(s.at(year) + extra));
}

std::int32_t end_of_run(const ModelContext& ctx) { return ctx.scenario.simulation.end.index + 1; }

// A month as a due month (every month of a run is below kNever: init_state checks the end).
DueMonth due(std::int32_t month) { return static_cast<DueMonth>(std::min<std::int32_t>(month, kNever)); }

// first_crossing over [from, stop) for a hazard that is constant between boundaries: next(m) is
// the first month after m where it may change, hazard(m) its value from m on.
template <class Next, class Hazard>
Due walk(double remaining, std::int32_t from, std::int32_t stop, Next&& next, Hazard&& hazard) {
    for (std::int32_t m = from; m < stop;) {
        const std::int32_t until = std::min(stop, next(m));
        const Due d = first_crossing(remaining, hazard(m), m, until);
        if (d.month < until) return d;
        remaining = d.remaining;
        m = until;
    }
    return {stop, remaining};
}
}  // namespace

HazardTables build_hazard_tables(const ModelContext& ctx) {
    const auto& sc = ctx.scenario;
    const auto& d = sc.behaviour.demography;
    const auto& moves = sc.behaviour.wsw_moves;
    const auto& company = sc.policy.company;
    HazardTables hz;
    hz.first_year = sc.simulation.start.year();
    hz.last_year = sc.simulation.end.year();
    hz.regions = ctx.regions.size();
    // Gompertz x excess, by whole year of age.
    for (int a = 0; a <= kMaxAgeYears; ++a)
        hz.death[static_cast<std::size_t>(a)] =
            monthly_hazard(d.mortality_rate_at_50_per_year * std::exp(d.mortality_slope_per_year_of_age * (a - 50)) *
                           d.excess_mortality_factor);
    hz.other = monthly_hazard(d.other_exit_rate_per_year);
    for (int year = hz.first_year; year <= hz.last_year; ++year) {
        hz.wsw_other.push_back(monthly_hazard(d.wsw_other_exit_rate_per_year.at(year)));
        hz.aow_months.push_back(aow_age_months(d, year));
        const auto& policy = hz.policy.emplace_back(region_policy(sc, ctx.regions, year));
        for (const auto& pol : policy) {
            auto& h = hz.status.emplace_back();
            auto set = [&](Status s, double first, double second = 0.0) { h[static_cast<int>(s)] = {first, second}; };
            const double detach = pol.detachering ? company.detachering.wsw_detach_rate_multiplier : 1.0;
            // intern -> detached, then intern -> begeleid, from the same clock (in this order).
            set(Status::wsw_intern, monthly_hazard(moves.intern_to_detached_rate_per_year * detach),
                monthly_hazard(moves.intern_to_begeleid_rate_per_year));
            set(Status::wsw_detached, monthly_hazard(moves.detached_to_intern_rate_per_year));
            set(Status::wsw_begeleid, monthly_hazard(moves.begeleid_to_intern_rate_per_year));
            set(Status::dagbesteding, monthly_hazard(sc.behaviour.matching.dagbesteding_to_seeking_rate_per_year));
            const double loss = monthly_hazard(sc.behaviour.job_loss.rate_per_year *
                                               (pol.matching ? company.matching.job_loss_multiplier : 1.0));
            for (Status job : {Status::detached, Status::regular_lks, Status::regular}) set(job, loss);
        }
    }
    return hz;
}

Due first_crossing(double remaining, double h, std::int32_t from, std::int32_t until) {
    const double months = double(until) - double(from);
    if (h > 0 && remaining <= months * h) {
        const double k = std::clamp(std::ceil(remaining / h) - 1.0, 0.0, months - 1.0);
        return {from + static_cast<std::int32_t>(k), remaining - k * h};
    }
    return {until, remaining - months * h};
}

std::int32_t retirement_month(const HazardTables& hz, std::int32_t birth_month, std::int32_t from,
                              std::int32_t end_of_run) {
    for (std::int32_t m = from; m < end_of_run;) {
        const std::int32_t year_end = (m / 12 + 1) * 12;
        const std::int32_t at = std::max(m, birth_month + hz.aow(m / 12));
        if (at < year_end) return at < end_of_run ? at : kNever;
        m = year_end;
    }
    return kNever;
}

void schedule_exit(const ModelContext& ctx, State& st, std::size_t i, std::int32_t from) {
    auto& p = st.persons;
    float& clock = p.rec[i].exit_clock;
    if (std::isnan(clock)) clock = exit_threshold(ctx, p, i);
    if (ctx.monthly_clocks) {
        p.exit_due[i] = due(from);
        return;
    }
    const auto& hz = st.hazards;
    const std::int32_t end = end_of_run(ctx);
    const std::int32_t birth = p.rec[i].birth_month;
    const bool wsw = is_wsw(p.status[i]);  // for life: nobody enters or leaves Wsw but by exiting
    const std::int32_t retire = retirement_month(hz, birth, from, end);
    const std::int32_t stop = std::min(retire, end);
    // Death's hazard changes on birthdays, a Wsw worker's other exits each January.
    const Due d = walk(
        clock, from, stop,
        [&](std::int32_t m) {
            const std::int32_t birthday = m + 12 - (m - birth) % 12;
            return wsw ? std::min(birthday, (m / 12 + 1) * 12) : birthday;
        },
        [&](std::int32_t m) { return hz.exit(m / 12, m - birth, wsw).total(); });
    // Without an event before it, the retirement month (checked first in its month) or kNever.
    p.exit_due[i] = due(d.month < stop ? d.month : retire);
    clock = static_cast<float>(d.remaining);
}

void schedule_status(const ModelContext& ctx, State& st, std::size_t i, std::int32_t from) {
    auto& p = st.persons;
    const Status s = p.status[i];
    if (s == Status::seeking || s == Status::beschut) {
        p.status_due[i] = kNever;  // monthly (matching), waiting for a place, or nothing but leaving
        return;
    }
    if (s == Status::training) {
        const std::int32_t ends = p.rec[i].status_since + ctx.scenario.policy.company.training.duration_months;
        p.status_due[i] = due(ctx.monthly_clocks ? from : std::max(from, ends));
        return;
    }
    if (is_regular_job(s)) from = std::max(from, p.rec[i].status_since + 1);  // not in the month of placement
    float& clock = p.rec[i].status_clock;
    if (std::isnan(clock)) clock = status_threshold(ctx, p, i);
    if (ctx.monthly_clocks) {
        p.status_due[i] = due(from);
        return;
    }
    const auto& hz = st.hazards;
    const std::int32_t end = end_of_run(ctx);
    const Due d = walk(
        clock, from, end, [](std::int32_t m) { return (m / 12 + 1) * 12; },  // rates are per calendar year
        [&](std::int32_t m) { return hz.of_status(m / 12, p.rec[i].region, s).total(); });
    p.status_due[i] = d.month < end ? due(d.month) : kNever;
    clock = static_cast<float>(d.remaining);
}

void start_spell(const ModelContext& ctx, State& st, std::size_t i, std::int32_t from) {
    schedule_status(ctx, st, i, from);
    auto& p = st.persons;
    const auto position = static_cast<std::uint32_t>(i);
    if (on_monthly_list(p, i)) {
        // A stale entry of an earlier seeking spell would carry that spell's clock. None can exist:
        // the month drops those who left seeking from the list before anyone can come back to it
        // (job loss, the only way back, comes after the list's pass).
        assert(!p.has(i, kListed));
        p.flags[i] |= kListed;
        st.monthly.push_back({position, p.rec[i].region, matching_score(ctx.scenario, p, i)});
    } else if (beschut_waiting(p, i)) {
        auto& queue = st.beschut_queue[p.rec[i].region];
        queue.push_back({p.rec[i].status_since, p.rec[i].id, position});
        std::push_heap(queue.begin(), queue.end(), std::greater<>{});
    }
}

}  // namespace swsim
