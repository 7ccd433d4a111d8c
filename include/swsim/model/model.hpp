// The model of one run: every process's parameters built from the scenario, the population at the
// base month, and one month. step_month() runs the processes (process/) in their fixed order,
// written down once in model.cpp and in docs/model.md, touching only the persons concerned
// (engine/schedule.hpp); in December and at the end it removes those who exited. No I/O.
#pragma once

#include <functional>
#include <memory>

#include "swsim/engine/state.hpp"
#include "swsim/scenario/scenario.hpp"

namespace swsim {

struct ProcessParams;  // every process's parameters (model.cpp)

struct Model {
    ModelContext ctx;
    std::shared_ptr<const ProcessParams> params;
};

// The model of a scenario on the given regions for one replicate.
Model make_model(const Scenario& sc, const RegionData& regions, std::uint32_t replicate);

// The base-month population, scheduled, with the run's hazard tables.
State init_state(const Model& m);

// What a caller may read of the state once a year: after the month's processes of December (and
// of the last month), before those who left are removed. The persons who left since the last
// removal are still in the arrays, marked kExited, at the positions in st.exited.
using BeforeRemoval = std::function<void(const State&)>;

// Runs one month (st.now) and advances st.now by one month. acc is reset and filled.
void step_month(const Model& m, State& st, MonthAccounts& acc, const BeforeRemoval& before_removal = {});

// The functions each company runs in a year.
std::vector<CompanyFunctions> company_functions(const Scenario& sc, const RegionData& regions, int year);

// The company of each municipality in a year: its company of 2015, unless it moved
// (policy.company.municipality_moves) from that year or before.
std::vector<CompanyIndex> company_membership(const Scenario& sc, const RegionData& regions, int year);

// Applies a year's membership (as January opens, before the month's processes): each municipality
// that changes company takes its persons (counts, beschut waiting list) and its share of the old
// company's overhead to the new one (budget::overhead_share, all taken from the state before the
// year's moves).
void change_membership(const ModelContext& ctx, State& st, const std::vector<CompanyIndex>& next);

// Checks the state's invariants between two months (st.now is the month about to run): counts and
// pay sums in step with the persons (per municipality and company), no negative counts,
// conservation per municipality against last month's counts and its flows, nothing overdue, the monthly list complete. Throws swsim::Error on a
// breach.
void check_invariants(const Model& m, const State& st, const std::vector<StatusCounts>& before,
                      const MonthAccounts& acc);

}  // namespace swsim
