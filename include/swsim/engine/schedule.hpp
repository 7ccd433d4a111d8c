// When a person is next acted on: the mechanism the processes use, which knows no process by name.
// Most persons face hazards that are known ahead (fixed per calendar year, HazardTables) or nothing
// at all, so the month in which a clock's Exp(1) threshold is used up is computed once, when the
// spell starts, and the person is left alone until that month: its due month. A month then touches
// only the persons due in it, plus the persons on the monthly list (State::monthly), whose hazard
// depends on the month. Those waiting for beschut werk sit in a per-company queue and are met only
// when a place comes free (or their training ends). Which status is met how is the status's
// SpellRule, set by the process that owns it.
//
// Hazard clocks: instead of one uniform draw per person, process and month, a person carries an
// Exp(1) threshold and each month subtracts the hazard it faced; the event happens in the month the
// threshold is used up. This is the same distribution as monthly Bernoulli draws with probability
// 1 - exp(-h), for any hazard path, at the cost of one draw per spell instead of one per month.
// Competing hazards of one spell are subtracted in process order from the same clock.
//
// In the due month the usual monthly check runs (status_event, exit_event) with what is left of the
// threshold then; should float rounding leave a sliver, the event is simply rescheduled. The month
// is computed in double precision, while a clock checked every month (ModelContext::monthly_clocks,
// the tests' reference) subtracts float hazards one by one; the two give the same month except where
// a threshold lies within float rounding (about 1e-7) of a month boundary, roughly one event in
// 100,000, where they differ by one month or by the cause of leaving.
#pragma once

#include <cmath>
#include <functional>

#include "swsim/engine/state.hpp"

namespace swsim {

// ------------------------------------------------------------------ thresholds and clocks
inline float exp1(const DrawKey& key, std::uint32_t counter) {
    return static_cast<float>(-std::log1p(-uniform01(key, counter)));
}

// The number by which a person's spell of kind k is keyed, `entered` being the spells of that kind
// entered so far with this one (PersonRecord::spells_entered): 0 for the first. From the 15th spell
// of a kind on the counter has saturated, and the spell's start month tells the spells apart (16 +
// month, above every number).
constexpr std::uint32_t spell_number(int entered, std::int32_t since) {
    return entered < 15 ? static_cast<std::uint32_t>(entered - 1) : 16u + static_cast<std::uint32_t>(since);
}

// The key of the draws of person i's current spell: (person, spell kind, spell number), so the
// same person's k-th spell of a kind meets the same draws in every scenario (common random
// numbers), whatever month it starts in.
inline DrawKey spell_key(const ModelContext& ctx, const Population& p, std::size_t i, Process stream) {
    const PersonRecord& r = p.rec[i];
    return DrawKey{ctx.seed, ctx.replicate, r.id,
                   spell_number(r.spells_entered(spell_count(p.status[i])), r.status_since), stream};
}

// A spell's threshold; a person's exit threshold, one for the whole life.
inline float status_threshold(const ModelContext& ctx, const Population& p, std::size_t i) {
    return exp1(spell_key(ctx, p, i, Process::spell_clock), static_cast<std::uint32_t>(spell_count(p.status[i])));
}
inline float exit_threshold(const ModelContext& ctx, const Population& p, std::size_t i) {
    return exp1(DrawKey{ctx.seed, ctx.replicate, p.rec[i].id, 0, Process::exit_clock}, 0);
}

// Subtracts hazard h from a clock (drawing its threshold first if it has none); true when the
// threshold is used up, i.e. the event happens now.
template <class Draw>
inline bool clock_runs_out(float& clock, double h, Draw&& threshold) {
    if (std::isnan(clock)) clock = threshold();
    clock -= static_cast<float>(h);
    return clock <= 0.0f;
}

// The factor on person i's status hazard in month m: its origin group's factor, times the spell
// rule's supported_factor in the first supported_months of a supported spell (kSupported).
inline double spell_factor(const HazardTables& hz, const Population& p, std::size_t i, std::int32_t m) {
    const SpellRule& rule = hz.rule(p.status[i]);
    const double origin = rule.origin_factor[static_cast<int>(p.rec[i].origin)];
    return p.has(i, kSupported) && m < p.rec[i].status_since + rule.supported_months ? origin * rule.supported_factor
                                                                                      : origin;
}

// Person i's status clock: true when the spell's event happens now.
inline bool status_event(const ModelContext& ctx, State& st, std::size_t i, double h) {
    return clock_runs_out(st.persons.rec[i].status_clock, h, [&] { return status_threshold(ctx, st.persons, i); });
}

// The same for a seeking spell's clock, which lives in person i's monthly-list entry.
inline bool clock_event(const ModelContext& ctx, const State& st, std::size_t i, float& clock, double h) {
    return clock_runs_out(clock, h, [&] { return status_threshold(ctx, st.persons, i); });
}

// The same for leaving the population (death, other exits).
inline bool exit_event(const ModelContext& ctx, State& st, std::size_t i, double h) {
    return clock_runs_out(st.persons.rec[i].exit_clock, h, [&] { return exit_threshold(ctx, st.persons, i); });
}

// ------------------------------------------------------------------ who is met how
// Person i is acted on every month rather than in a due month (a seeker in matching).
inline bool on_monthly_list(const HazardTables& hz, const Population& p, std::size_t i) {
    return hz.rule(p.status[i]).kind == SpellKind::monthly && (hz.advice_seeks || !p.has(i, kBeschutAdvice));
}

// Person i waits for a beschut place (and is on its company's beschut_queue).
inline bool beschut_waiting(const HazardTables& hz, const Population& p, std::size_t i) {
    return p.has(i, kBeschutAdvice) && hz.rule(p.status[i]).queue_with_advice;
}

// An entry of a beschut waiting list is still that person's current wait.
inline bool still_waiting(const HazardTables& hz, const Population& p, const WaitEntry& e) {
    return p.alive(e.position) && beschut_waiting(hz, p, e.position) && p.rec[e.position].status_since == e.since;
}

// ------------------------------------------------------------------ event months
// The month a threshold is used up: `remaining` is what is left at the start of month `from`, and
// h the hazard per month from then until `until` (exclusive). Returns the first month m in
// [from, until) with remaining - (m - from + 1) x h <= 0 and what is left at the start of m, or
// `until` and what is left at the start of `until`.
struct Due {
    std::int32_t month = kNever;
    double remaining = 0;
};
Due first_crossing(double remaining, double h, std::int32_t from, std::int32_t until);

// The first month from `from` on in which a person born in birth_month has reached the AOW age of
// that month's year, or kNever within the run.
std::int32_t retirement_month(const HazardTables& hz, std::int32_t birth_month, std::int32_t from,
                              std::int32_t end_of_run);

// Sets person i's exit_due: the month from `from` on in which it retires, dies or leaves otherwise.
void schedule_exit(const ModelContext& ctx, State& st, std::size_t i, std::int32_t from);

// Sets person i's status_due for its current spell, from month `from` on, by the status's rule.
void schedule_status(const ModelContext& ctx, State& st, std::size_t i, std::int32_t from);

// For a spell that starts now: schedules it from month `from` on and puts the person on the monthly
// list or its company's beschut waiting list where it belongs.
void start_spell(const ModelContext& ctx, State& st, std::size_t i, std::int32_t from);

// Moves person i to status s (with the new spell's flags) and schedules the spell from next month on.
inline void enter_status(const ModelContext& ctx, State& st, std::size_t i, Status s, std::uint8_t spell_flags = 0) {
    set_status(st, i, s, spell_flags);
    start_spell(ctx, st, i, st.now.index + 1);
}

// ------------------------------------------------------------------ the month's lists
// The positions of the persons (below `size`) with an exit or status event due this month, in
// position order, into st.work.due.
void collect_due(State& st, std::size_t size);

// One pass over the monthly list in its order: entries of those who left it are dropped; `meet`
// gets each remaining entry, whether it joined this month, and the index it will have; it returns
// false when the person left the list (the entry is dropped, the person unmarked).
template <class Meet>
void sweep_monthly_list(State& st, Meet&& meet) {
    constexpr std::size_t kListAhead = 32;  // prefetch distance for flags and status
    auto& p = st.persons;
    std::size_t kept = 0;
    for (std::size_t k = 0; k < st.monthly.size(); ++k) {
        if (k + kListAhead < st.monthly.size()) {
            __builtin_prefetch(&p.flags[st.monthly[k + kListAhead].position]);
            __builtin_prefetch(&p.status[st.monthly[k + kListAhead].position]);
        }
        ListEntry e = st.monthly[k];
        const std::uint32_t i = e.position;
        if (!p.alive(i) || !on_monthly_list(st.hazards, p, i) || !meet(e, k >= st.monthly_new, kept)) {
            p.flags[i] &= static_cast<std::uint8_t>(~kListed);
            continue;
        }
        st.monthly[kept++] = e;
    }
    st.monthly.resize(kept);
}

// Calls f on each of `positions`, prefetching the persons a few ahead.
template <class F>
void for_each_person(const Population& p, const std::vector<std::uint32_t>& positions, F&& f) {
    constexpr std::size_t kAhead = 8;
    for (std::size_t k = 0; k < positions.size(); ++k) {
        if (k + kAhead < positions.size()) p.prefetch(positions[k + kAhead]);
        f(positions[k]);
    }
}

// Removes those who left from the persons and from the monthly and waiting lists, whose positions
// follow the persons moved into the gaps.
void remove_exited(State& st);

}  // namespace swsim
