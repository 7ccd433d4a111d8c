// Matching: seekers compete for the month's vacancies open to the target group, own region first and
// neighbours with the commuting weight. Vacancies are finite: each region's vacancies are shared over
// the scored seekers who can reach it, so more seekers do not make more jobs. A seeker's score rises
// with loonwaarde. An ontwikkelbedrijf's functions act through capacity bought with a budget:
// - jobcoaching (matching support) has caseload slots (budget / cost per coached person). The
//   persons it placed are coached first, for the coaching months, at the weight of the UWV rule;
//   the slots left cover a share of the region's seekers, whose score is raised. This changes who
//   gets the vacancies: only the substitution share of the coached seekers' extra score adds
//   vacancies, the rest is taken from other seekers of the target group. A person placed while
//   coached is a supported job (kSupported), with a lower job-loss hazard during the coaching;
// - employer services open extra vacancies: budget / budget per vacancy opened;
// - employer networks widen the reach over the region graph, and the detachering facility makes a
//   share of placements detachering.
// Also here: dagbesteding -> seeking (activation), a status clock.
#pragma once

#include <algorithm>
#include <cmath>

#include "swsim/engine/schedule.hpp"
#include "swsim/scenario/scenario.hpp"

namespace swsim::matching {

struct Params {
    YearSeries vacancies_per_1000_pop_15_64_per_year;
    double loonwaarde_elasticity = 1;
    double waitlist_score_multiplier = 1;
    double doelgroep_score_multiplier = 1;
    double max_hazard = 0;  // cap on a seeker's monthly placement hazard
    double dagbesteding_to_seeking_rate_per_year = 0;
    // Ontwikkelbedrijf functions, where they act (national budgets and state money, euro per year).
    YearSeries services_budget, services_state_money;
    double euro_per_extra_vacancy = 1;          // employer services
    YearSeries coaching_budget, coaching_state_money;
    double euro_per_coached_person_per_year = 1;  // jobcoaching
    double score_multiplier = 1;
    double substitution_share = 0;
    int coaching_months = 0;
    double cross_region_weight_multiplier = 1;  // employer networks
    double detached_share_of_placements = 0;    // detachering facility
};
Params params(const Scenario& sc);

// Activation from dagbesteding (a clock) and the seeking spell (met every month).
void hazards(const Params& par, std::array<HazardPair, kStatusCount>& row);
void spell_rules(HazardTables& hz);

// A seeker's score: loonwaarde ^ elasticity, times the multiplier of its origin: the Wsw waitlist, and
// the doelgroep's entrants after the base month (the school leavers and jonggehandicapten whose
// schools and municipalities place them; not the older register of the base month).
inline float score(const Params& par, const Population& p, std::size_t i, PersonId first_inflow_id) {
    const PersonRecord& rec = p.rec[i];
    double s = par.loonwaarde_elasticity == 1.0 ? double(rec.loonwaarde)
                                                : std::pow(double(rec.loonwaarde), par.loonwaarde_elasticity);
    if (rec.origin == Origin::wsw_waitlist) s *= par.waitlist_score_multiplier;
    else if (rec.origin == Origin::doelgroep && rec.id >= first_inflow_id) s *= par.doelgroep_score_multiplier;
    return static_cast<float>(s);
}

// dagbesteding -> seeking, for a person in dagbesteding whose clock is due; true when the person
// is seeking now (and takes part in this month's matching).
bool activate(const ModelContext& ctx, State& st, std::size_t i);

// The UWV rule for a jobcoach: 15 %, 7.5 % and 6 % of the hours worked in years 1, 2 and 3 of a
// job, so a person in the second and third year weighs 0.5 and 0.4 of one in the first.
constexpr double coaching_weight(int months_in_job) {
    return months_in_job < 12 ? 1.0 : months_in_job < 24 ? 0.5 : months_in_job < 36 ? 0.4 : 0.0;
}

// The jobs of municipality m that started in the last `months` months (at most kTrackedMonths) and
// whose class has every bit of `bits` that `mask` selects, each at its coaching weight (simulated
// persons).
double coaching_load(const State& st, std::size_t m, int mask, int bits, int months);

// Municipality m's part of a function's budget this year (euro per year): its share of the national
// budget (times its company's budget factor) plus of the state money, where the function acts in its
// company (municipal_budget), else 0.
double municipal_function_budget(const ModelContext& ctx, const State& st, std::size_t m, const YearSeries& budget,
                                 const YearSeries& state_money, bool acts);

// Jobcoach slots municipality m's budget buys this month (simulated persons), and the load of its
// coached workers; a company's slots and load are the sums over its members.
double coaching_slots(const Params& par, const ModelContext& ctx, const State& st, std::size_t m);
double coached_workers_load(const Params& par, const State& st, std::size_t m);

// The start of the month's matching: no seekers yet.
void open_month(const Params& par, State& st);

// A seeker on the monthly list joins this month's matching; `index` is its entry's index in the list.
inline void add_seeker(const Params& par, State& st, ListEntry& e, std::size_t index) {
    if (std::isnan(e.score)) e.score = score(par, st.persons, e.position, st.first_inflow_id);
    st.work.seeker_score[e.municipality] += e.score;
    st.work.seekers[e.municipality] += 1;
    st.work.available.push_back(static_cast<std::uint32_t>(index));
}

// Once every seeker is in: each company's jobcoach cover of its members' seekers (st.work.coverage,
// the support multiplier matching_support, the slots still free for placements, coach_free, and
// the month's caseload, at most the slots).
void cover_seekers(const Params& par, const ModelContext& ctx, State& st);

// Each region's vacancies (with those its municipalities' employer services open and the
// substitution share of the coached seekers' extra score) shared over the score that can reach them
// (st.work.fill), and the placement hazard per unit of score of a seeker living in each region
// (st.work.chance; st.work.chance_networks for a seeker whose company runs employer networks), from
// the month's seeker_score per municipality and each company's support. Employer networks widen a
// seeker's reach into the other regions' vacancies (the company's employers beyond its region).
void share_vacancies(const Params& par, const ModelContext& ctx, State& st);

// A seeker's placement hazard this month: score x chance x support, so the expected placements of
// a region never exceed its vacancies (1 - exp(-h) <= h); the cap keeps the best candidate's
// monthly chance.
double placement_hazard(const Params& par, const ModelContext& ctx, const State& st, const ListEntry& e);

// Places person i living in municipality home in a job: with LKS below the threshold (State::pay_rule),
// as detachering for a share where the facility acts, and as a supported job with the chance that
// the placed seeker was coached, while a jobcoach slot is free.
void place(const Params& par, const ModelContext& ctx, State& st, MonthAccounts& acc, std::size_t i,
           std::size_t home);

// Once every seeker is in: the jobcoach cover, each region's vacancies shared over the score
// reaching them, then each seeker's placement (decided on the seeker's own clock first, placed after).
void step(const Params& par, const ModelContext& ctx, State& st, MonthAccounts& acc);

}  // namespace swsim::matching
