// Budgets: every euro flow of the month per municipality, by payer, and who is paid what. A
// municipality pays for its own residents (their Wsw wages, LKS, bijstand, begeleiding, training,
// beschut werk, its part of the functions' budgets) and for its share of its SW-bedrijf's result,
// by its share of the company's Wsw places (payroll places once the Wsw is gone, then population).
// - Municipality: Wsw wages per SE, beschut wages and begeleiding, loonkostensubsidie ((1 -
//   loonwaarde) x 1.08 x WML x 1.23, pro rata hours) for its bijstand group in jobs below the LKS
//   threshold, a jobcoach (begeleiding) for its LKS and detached workers in the first three years of
//   a job (UWV rule), bijstand for those on a municipal benefit (reduced by earnings), the
//   ontwikkelbedrijf functions it buys (jobcoaching, employer services, training) less the state
//   money for them, and the SW-bedrijf's result.
// - State: the Rijksbijdrage per SE, the beschut addition, extra money for the functions, the
//   lage-inkomensvoordeel (LIV) per Wsw SE, which lowers what the municipality pays for Wsw wages.
// - UWV: loondispensatie and begeleiding for the others (Wajong).
// The SW-bedrijf has sticky overhead, variable cost and revenue. Overhead follows the places it
// carries each January but falls by at most a set share a year, which is why the deficit per place
// rises as a sterfhuis shrinks. The derived lines (company result, net cost per payer, deficit per
// place) are defined here, once.
#pragma once

#include "swsim/engine/state.hpp"
#include "swsim/process/matching.hpp"
#include "swsim/process/training.hpp"
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
    double lks_loonwaarde_threshold = 0;  // a job below it is paid LKS
    matching::Params matching;            // the jobcoaching and employer services budgets
    training::Params training;            // the training budget
};
Params params(const Scenario& sc);

// Who is paid what: wage support in a job with LKS, and in detachering below the threshold (from it
// up a seconded worker earns the WML); the municipality's bijstand in full in seeking, dagbesteding
// and training, and reduced by earnings in a job or beschut werk.
PayRule pay_rule(const Params& par);

// The Wsw wage cost per SE in a year: the series, and after its last year moving with the WML
// where wsw_wage_follows_wml says so.
double wsw_wage_cost_per_se(const MoneyPolicy& money, int year);

// Residents of municipality m on its company's payroll (weighted): Wsw in SE, the beschut workers
// where the company runs the beschut facility, and in an ontwikkelbedrijf the non-Wsw workers it seconds.
double company_places(const Params& par, const ModelContext& ctx, const State& st, std::size_t municipality);

// The overhead company c's places justify (overhead per SE x the places it carries: payroll, its
// trainees, and seconded non-Wsw workers at a lower weight), euro per year.
double base_company_overhead(const Params& par, const ModelContext& ctx, const State& st, std::size_t company);

// The share of its company's overhead that municipality m takes along when it leaves: its share of
// the company's Wsw workers, or of the members' population once the company has no Wsw left.
double overhead_share(const ModelContext& ctx, const State& st, std::size_t m);

// Every line of each municipality from its counts, pay sums (RegionPay) and job starts at the end of
// the month, its share of its company's lines, and each January the sticky overhead.
void step(const Params& par, const ModelContext& ctx, State& st, MonthAccounts& acc);

// A member's share of its company's result: by Wsw places while the company has any, then by
// payroll places, then by population 15-64.
double result_share(const CompanyLines& company, double wsw, double places, double population);

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
           line(m, Money::begeleiding) + line(m, Money::training_cost) + line(m, Money::jobcoach_cost) +
           line(m, Money::employer_services_cost) + line(m, Money::bijstand_benefits) -
           line(m, Money::rijksbijdrage) - line(m, Money::beschut_state_addition) -
           line(m, Money::state_function_money) - line(m, Money::liv) - company_result(m);
}
// What the state pays: the Rijksbijdrage, the beschut addition, extra money for the functions and
// the lage-inkomensvoordeel for Wsw workers.
inline double state_cost(const MoneyLines& m) {
    return line(m, Money::rijksbijdrage) + line(m, Money::beschut_state_addition) +
           line(m, Money::state_function_money) + line(m, Money::liv);
}
// What UWV pays for the target group: loondispensatie and begeleiding of Wajongers in work.
inline double uwv_cost(const MoneyLines& m) {
    return line(m, Money::uwv_loondispensatie) + line(m, Money::uwv_begeleiding);
}
// All three payers together.
inline double public_net_cost(const MoneyLines& m) { return municipal_net_cost(m) + state_cost(m) + uwv_cost(m); }
// What municipalities add per company place (payroll) beyond the Rijksbijdrage: (Wsw wages +
// training bought from the company - Rijksbijdrage - company result) / average company places. Only
// an ontwikkelbedrijf trains, so training is municipal money spent on the company. NaN without places.
double deficit_per_place(const MoneyLines& m, double average_company_places);

}  // namespace swsim::budget
