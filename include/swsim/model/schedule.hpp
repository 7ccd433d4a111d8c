// When a person is next acted on. Most persons face hazards that are known ahead (death by age,
// other exits, Wsw moves, activation from dagbesteding, job loss: fixed per calendar year, see
// HazardTables) or nothing at all (beschut werk), so the month in which a clock's Exp(1) threshold
// is used up is computed once, when the spell starts, and the person is left alone until that month:
// its due month. A month then touches only the persons due in it, plus the persons on the monthly
// list (State::monthly): seekers, whose placement hazard depends on the month's vacancies and
// competition. Those waiting for beschut werk sit in a per-region queue and are met only when a place
// comes free (or their training ends).
//
// In the due month the usual monthly check runs (state.hpp's status_event and exit_event) with what
// is left of the threshold then; should float rounding leave a sliver, the event is simply
// rescheduled. The month is computed in double precision, while a clock checked every month
// (ModelContext::monthly_clocks, the tests' reference) subtracts float hazards one by one; the two
// give the same month except where a threshold lies within float rounding (about 1e-7) of a month
// boundary, roughly one event in 100,000, where they differ by one month or by the cause of leaving.
#pragma once

#include "swsim/model/state.hpp"

namespace swsim {

// The hazard tables of a run (built once, in init_state).
HazardTables build_hazard_tables(const ModelContext& ctx);

// Person i is acted on every month rather than in a due month: a seeker in matching.
inline bool on_monthly_list(const Population& p, std::size_t i) {
    return p.status[i] == Status::seeking && !p.has(i, kBeschutAdvice);
}

// Person i waits for a beschut place (and is on its region's beschut_queue).
inline bool beschut_waiting(const Population& p, std::size_t i) {
    return p.has(i, kBeschutAdvice) && (p.status[i] == Status::seeking || p.status[i] == Status::training);
}

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

// Sets person i's status_due for its current spell, from month `from` on (a job not before the month
// after it started; a training at its end; kNever for seeking and beschut werk).
void schedule_status(const ModelContext& ctx, State& st, std::size_t i, std::int32_t from);

// For a spell that starts now: schedules it from month `from` on and puts the person on the monthly
// list or its region's beschut waiting list where it belongs.
void start_spell(const ModelContext& ctx, State& st, std::size_t i, std::int32_t from);

// Moves person i to status s and schedules the new spell from next month on.
inline void enter_status(const ModelContext& ctx, State& st, std::size_t i, Status s) {
    set_status(st, i, s);
    start_spell(ctx, st, i, st.now.index + 1);
}

}  // namespace swsim
