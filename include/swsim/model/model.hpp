// One month of the model, and the population at the base month.
// step_month() runs the processes of MODEL.md section 5 in their fixed order (touching only the
// persons concerned, schedule.hpp) and, in December and at the end, removes those who exited; it
// does no I/O. init_state() builds the base-month population from the scenario and the
// region data (Wsw stock, waitlist, doelgroep, bijstand) with draws keyed by person id, so the same
// person has the same attributes in every scenario that shares the population parameters.
#pragma once

#include "swsim/model/state.hpp"

namespace swsim {

State init_state(const ModelContext& ctx);

// Runs one month (st.now) and advances st.now by one month. acc is reset and filled.
void step_month(const ModelContext& ctx, State& st, MonthAccounts& acc);

// The functions acting in each region in a year.
std::vector<RegionPolicy> region_policy(const Scenario& sc, const RegionData& regions, int year);

// Appends a person with loonwaarde and hours drawn from the profile using stream s (the caller keys
// s by pid); age_months < 0 draws an age uniformly in the profile's age range. Returns its position.
std::size_t create_person(State& st, PersonId pid, RegionIndex r, Origin o, Status s, const GroupProfile& prof,
                          int age_months, std::uint8_t flags, Stream& draws);

// Rounds a non-negative expected count to an integer without bias: floor(x) plus one with
// probability frac(x) (used when sampling at scale < 1).
std::int64_t stochastic_round(double x, Stream& draws);

// Checks the state's invariants between two months (st.now is the month about to run): counts and
// pay sums in step with the persons, no negative counts, conservation per region against last
// month's counts and its flows, nothing overdue, the monthly list complete. Throws swsim::Error on a
// breach.
void check_invariants(const ModelContext& ctx, const State& st, const std::vector<StatusCounts>& before,
                      const MonthAccounts& acc);

}  // namespace swsim
