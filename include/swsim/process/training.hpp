// Training (werknemersvaardigheden): in an ontwikkelbedrijf with the training function, available
// seekers start a trajectory at a yearly intake rate (competing with matching for the seeking
// spell's clock) while the company's training places (budget / cost per place) have room; when
// every place is taken, seekers are not offered one (the places and trainees are reported). A
// trajectory has a fixed length, at its end the person gains the loonwaarde of its months in
// training, returns to seeking and takes part in the same month's matching.
#pragma once

#include <algorithm>

#include "swsim/engine/schedule.hpp"
#include "swsim/scenario/scenario.hpp"

namespace swsim::training {

struct Params {
    double intake = 0;  // monthly hazard of starting a trajectory
    float gain = 0;     // loonwaarde gained per month of training
    int duration_months = 0;
    YearSeries budget, state_money;  // national, euro per year
    double cost_euro_per_person_per_year = 1;
};
Params params(const Scenario& sc);

// Training places municipality m's share of its company's budget buys this year (simulated persons):
// its population share of the national budget (times the company's budget factor) and state money,
// at the company's strength, over the cost of a place; 0 where the company does not train.
double municipal_places(const Params& par, const ModelContext& ctx, const State& st, std::size_t m);

// The month's training places of every company (st.work.training_places: the sum over its members),
// before anyone starts.
void open_month(const Params& par, const ModelContext& ctx, State& st);

// A training place of company c is free now (against the month's places).
inline bool place_free(const State& st, std::size_t c) {
    return st.policy[c].training && double(company_count(st, c, Status::training)) + 1.0 <= st.work.training_places[c];
}

// A training spell is due when it ends.
void spell_rules(const Params& par, HazardTables& hz);

// The month of a seeker on the monthly list (not waiting for beschut); true when a trajectory starts.
// Not in the month one arrived in seeking (arrived_now: e.g. just ended a trajectory or lost a job).
inline bool intake(const Params& par, const ModelContext& ctx, State& st, MonthAccounts& acc, ListEntry& e,
                   bool arrived_now) {
    // Only while a place is free does the intake hazard act (its clock is the seeking spell's).
    if (arrived_now || !place_free(st, st.company_of[e.municipality])) return false;
    if (!clock_event(ctx, st, e.position, e.clock, par.intake)) return false;
    enter_status(ctx, st, e.position, Status::training);
    ++acc[e.municipality][Flow::training_starts];
    return true;
}

// A trainee whose trajectory may end this month; true when it ended (the person is seeking now).
// The loonwaarde gained over the trajectory is added at its end.
inline bool end(const Params& par, const ModelContext& ctx, State& st, std::size_t i) {
    auto& p = st.persons;
    const int months = months_in_status(p, i, st.now);
    if (months < par.duration_months) return false;
    p.rec[i].loonwaarde = std::min(1.0f, p.rec[i].loonwaarde + par.gain * static_cast<float>(months));
    enter_status(ctx, st, i, Status::seeking);
    return true;
}

}  // namespace swsim::training
