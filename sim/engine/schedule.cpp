#include "swsim/engine/schedule.hpp"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <functional>

namespace swsim {

namespace {
std::int32_t end_of_run(const ModelContext& ctx) { return ctx.end.index + 1; }

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
    const SpellRule& rule = st.hazards.rule(s);
    switch (rule.kind) {
        case SpellKind::none:
        case SpellKind::monthly: p.status_due[i] = kNever; return;  // met monthly, from a queue, or never
        case SpellKind::fixed:
            p.status_due[i] = due(ctx.monthly_clocks ? from : std::max(from, p.rec[i].status_since + rule.months));
            return;
        case SpellKind::clock: break;
    }
    from = std::max(from, p.rec[i].status_since + rule.months);  // e.g. a job: not in its first month
    float& clock = p.rec[i].status_clock;
    if (std::isnan(clock)) clock = status_threshold(ctx, p, i);
    if (ctx.monthly_clocks) {
        p.status_due[i] = due(from);
        return;
    }
    const auto& hz = st.hazards;
    const std::int32_t end = end_of_run(ctx);
    // Rates are per calendar year; a supported spell's factor ends after its supported months.
    const std::int32_t support_ends =
        p.has(i, kSupported) ? p.rec[i].status_since + rule.supported_months : std::int32_t{0};
    const Due d = walk(
        clock, from, end,
        [&](std::int32_t m) {
            const std::int32_t year_end = (m / 12 + 1) * 12;
            return m < support_ends ? std::min(year_end, support_ends) : year_end;
        },
        [&](std::int32_t m) { return hz.of_status(m / 12, p.rec[i].municipality, s).total() * spell_factor(hz, p, i, m); });
    p.status_due[i] = d.month < end ? due(d.month) : kNever;
    clock = static_cast<float>(d.remaining);
}

void start_spell(const ModelContext& ctx, State& st, std::size_t i, std::int32_t from) {
    schedule_status(ctx, st, i, from);
    auto& p = st.persons;
    const auto position = static_cast<std::uint32_t>(i);
    if (on_monthly_list(st.hazards, p, i)) {
        // A stale entry of an earlier seeking spell would carry that spell's clock. None can exist:
        // the month drops those who left seeking from the list before anyone can come back to it
        // (job loss, the only way back, comes after the list's pass).
        assert(!p.has(i, kListed));
        p.flags[i] |= kListed;
        st.monthly.push_back({position, p.rec[i].municipality});
    }
    if (beschut_waiting(st.hazards, p, i)) {  // may also seek (HazardTables::advice_seeks)
        auto& queue = st.beschut_queue[st.company_of[p.rec[i].municipality]];
        queue.push_back({p.rec[i].status_since, p.rec[i].id, position});
        std::push_heap(queue.begin(), queue.end(), std::greater<>{});
    }
}

void collect_due(State& st, std::size_t size) {
    const auto& p = st.persons;
    const std::int32_t now = st.now.index;
    auto& due = st.work.due;
    due.clear();
    for (std::size_t i = 0; i < size; ++i)
        if (std::min(p.exit_due[i], p.status_due[i]) <= now) due.push_back(static_cast<std::uint32_t>(i));
}

void remove_exited(State& st) {
    auto& p = st.persons;
    const std::size_t new_size = p.size() - st.exited.size();
    std::size_t out = 0;
    for (ListEntry e : st.monthly)
        if (p.alive(e.position)) st.monthly[out++] = e;
    st.monthly.resize(out);
    for (auto& queue : st.beschut_queue)
        std::erase_if(queue, [&](const WaitEntry& e) { return !still_waiting(st.hazards, p, e); });

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

}  // namespace swsim
