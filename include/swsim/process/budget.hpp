// Budgets: every euro flow of the month per region, and who is paid what. Rijksbijdrage per SE, Wsw
// wages per SE, beschut wages and begeleiding, loonkostensubsidie ((1 - loonwaarde) x 1.08 x WML x
// 1.23, pro rata hours) for jobs below the LKS loonwaarde threshold, jobcoach begeleiding, training,
// bijstand benefits for those on a municipal benefit who do not work, and the SW-bedrijf's sticky
// overhead, variable cost and revenue. Overhead follows the company's places each January but falls
// by at most a set share a year, which is why the deficit per place rises as a sterfhuis shrinks.
// The derived lines (company result, municipal net cost, deficit per place) are defined here, once.
#pragma once

#include "swsim/engine/state.hpp"
#include "swsim/scenario/scenario.hpp"

namespace swsim::budget {

struct Params {
    MoneyPolicy money;
    BeschutPolicy beschut;
    double se_per_person = 0;
    double overhead_euro_per_se_per_year = 0;
    double overhead_max_cut_share_per_year = 0;
    double detached_overhead_weight = 0;
    double variable_cost_euro_per_worker_per_year = 0;
    double production_revenue_euro_per_worker_per_year = 0;
    double detachering_fee_euro_per_worker_per_year = 0;
    double detachering_margin_euro_per_worker_per_year = 0;
    double training_cost_euro_per_person_per_year = 0;
    double lks_loonwaarde_threshold = 0;  // a job below it is paid LKS
};
Params params(const Scenario& sc);

// Who is paid what: LKS in a job with LKS, and in detachering below the threshold (from it up a
// seconded worker earns the WML); the municipality's bijstand in seeking, dagbesteding and training.
PayRule pay_rule(const Params& par);

// Places the company carries overhead for (persons, weighted): Wsw in SE, the beschut workers where
// the company runs the beschut facility, and in an ontwikkelbedrijf its trainees and (at a lower
// weight) its seconded non-Wsw workers.
double company_places(const Params& par, const ModelContext& ctx, const State& st, std::size_t region);

// The overhead a company's places justify (overhead per SE x places), euro per year.
double base_company_overhead(const Params& par, const ModelContext& ctx, const State& st, std::size_t region);

// Every line of each region from its counts and pay sums (RegionPay) at the end of the month, and
// each January the sticky overhead.
void step(const Params& par, const ModelContext& ctx, State& st, MonthAccounts& acc);

// ---------------------------------------------------------------- derived lines
inline double line(const MoneyLines& m, Money k) { return m[static_cast<int>(k)]; }

// The SW-bedrijf's result: revenue less overhead and variable cost.
inline double company_result(const MoneyLines& m) {
    return line(m, Money::company_revenue) - line(m, Money::company_overhead) - line(m, Money::company_variable_cost);
}
// What the municipalities pay net: their own costs, less the state's contributions, plus the
// SW-bedrijf's deficit (or less its surplus).
inline double municipal_net_cost(const MoneyLines& m) {
    return line(m, Money::wsw_wages) + line(m, Money::beschut_wages) + line(m, Money::lks) +
           line(m, Money::begeleiding) + line(m, Money::training_cost) + line(m, Money::bijstand_benefits) -
           line(m, Money::rijksbijdrage) - line(m, Money::beschut_state_addition) - company_result(m);
}
// What municipalities add per company place beyond the Rijksbijdrage: (Wsw wages + training bought
// from the company - Rijksbijdrage - company result) / average company places. Only an
// ontwikkelbedrijf trains, so training is municipal money spent on the company. NaN without places.
double deficit_per_place(const MoneyLines& m, double average_company_places);

}  // namespace swsim::budget
