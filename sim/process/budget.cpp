#include "swsim/process/budget.hpp"

#include <algorithm>
#include <limits>

namespace swsim::budget {

Params params(const Scenario& sc) {
    const auto& c = sc.policy.company;
    return {sc.policy.money,
            sc.policy.beschut,
            c.se_per_person,
            c.overhead_euro_per_se_per_year,
            c.overhead_max_cut_share_per_year,
            c.detached_overhead_weight,
            c.variable_cost_euro_per_worker_per_year,
            c.production_revenue_euro_per_worker_per_year,
            c.detachering_fee_euro_per_worker_per_year,
            c.detachering_margin_euro_per_worker_per_year,
            sc.behaviour.matching.lks_loonwaarde_threshold,
            matching::params(sc),
            training::params(sc)};
}

PayRule pay_rule(const Params& par) {
    PayRule r;
    r.lks_threshold = static_cast<float>(par.lks_loonwaarde_threshold);
    r.lks_below[static_cast<int>(Status::regular_lks)] = 2.0f;  // every loonwaarde (at most 1)
    r.lks_below[static_cast<int>(Status::detached)] = r.lks_threshold;
    for (Status s : {Status::seeking, Status::dagbesteding, Status::training}) r.benefit[static_cast<int>(s)] = true;
    for (Status s : {Status::detached, Status::regular_lks, Status::regular, Status::beschut}) {
        r.benefit[static_cast<int>(s)] = true;
        r.earns[static_cast<int>(s)] = true;
    }
    r.benefit_ends_at_hours = static_cast<float>(par.money.bijstand_ends_at_hours_per_week);
    return r;
}

double wsw_wage_cost_per_se(const MoneyPolicy& money, int year) {
    const auto& wage = money.wsw_wage_cost_euro_per_se;
    const int last = wage.last_year();
    if (!money.wsw_wage_follows_wml || year <= last) return wage.at(year);
    return wage.at(last) * money.wml_euro_per_year.at(year) / money.wml_euro_per_year.at(last);
}

namespace {
double n_of(const StatusCounts& c, Status s) { return double(c[static_cast<int>(s)]); }
double wsw_persons(const StatusCounts& c) {
    return n_of(c, Status::wsw_intern) + n_of(c, Status::wsw_detached) + n_of(c, Status::wsw_begeleid);
}
// Payroll places (simulated persons) of persons counted in c under the company policy pol.
double payroll(const Params& par, const CompanyFunctions& pol, const StatusCounts& c) {
    double places = wsw_persons(c) * par.se_per_person;
    if (pol.beschut_facility) places += n_of(c, Status::beschut);
    if (pol.ontwikkelbedrijf) places += n_of(c, Status::detached);
    return places;
}
}  // namespace

double company_places(const Params& par, const ModelContext& ctx, const State& st, std::size_t m) {
    return payroll(par, st.policy[st.company_of[m]], st.counts[m]) * ctx.weight;
}

double base_company_overhead(const Params& par, const ModelContext& ctx, const State& st, std::size_t c) {
    const StatusCounts& n = st.company_counts[c];
    double places = payroll(par, st.policy[c], n);
    if (st.policy[c].ontwikkelbedrijf)  // a seconded worker needs less of the buildings than one inside
        places += n_of(n, Status::training) - (1.0 - par.detached_overhead_weight) * n_of(n, Status::detached);
    return par.overhead_euro_per_se_per_year * places * ctx.weight;
}

double overhead_share(const ModelContext& ctx, const State& st, std::size_t m) {
    const CompanyIndex from = st.company_of[m];
    const double company_wsw = wsw_persons(st.company_counts[from]);
    if (company_wsw > 0) return wsw_persons(st.counts[m]) / company_wsw;
    // No Wsw left: by population, so members who all leave take all of it.
    double population = 0;
    for (std::size_t k = 0; k < st.company_of.size(); ++k)
        if (st.company_of[k] == from) population += ctx.regions.municipalities[k].population_15_64;
    return population > 0 ? ctx.regions.municipalities[m].population_15_64 / population : 1.0;
}

void step(const Params& par, const ModelContext& ctx, State& st, MonthAccounts& acc) {
    const auto& money = par.money;
    const auto& beschut = par.beschut;
    const int year = st.now.year();
    const double w = ctx.weight;

    // Sticky overhead: each January it follows the places, but falls by at most the cut limit.
    if (st.now.month() == 1 && st.now != ctx.start) {
        for (std::size_t c = 0; c < st.companies.size(); ++c) {
            auto& o = st.companies[c].overhead_euro_per_year;
            o = std::max(base_company_overhead(par, ctx, st, c), o * (1.0 - par.overhead_max_cut_share_per_year));
        }
    }

    // Loonkostensubsidie per year for one hour a week of a worker with loonwaarde 0.
    const double lks_per_hour = money.lks_wml_factor * money.wml_euro_per_year.at(year) *
                                (1.0 + money.lks_employer_cost_share) / money.full_time_hours_per_week;
    const double bijstand_month = money.bijstand_euro_per_person_per_year.at(year) / 12.0;
    const double begeleiding_month = money.begeleiding_euro_per_person_per_year / 12.0;
    const double wsw_wage_per_se = wsw_wage_cost_per_se(money, year);
    const auto& mt = par.matching;
    // Per company: revenue and variable cost (summed from its members), and what its result is
    // shared by (its members' Wsw places, else payroll places, else population).
    auto& company = st.work.company_lines;
    company.assign(st.companies.size(), CompanyLines{});
    const bool covered = st.work.caseload.size() == acc.size();  // the month's matching ran
    for (std::size_t m = 0; m < acc.size(); ++m) {
        auto& a = acc[m];
        const auto& pay = st.pay[m];
        const CompanyIndex c = st.company_of[m];
        a[Money::lks] += double(pay.lks_units) * kLksUnit * lks_per_hour / 12.0 * w;
        a[Money::uwv_loondispensatie] += double(pay.uwv_lks_units) * kLksUnit * lks_per_hour / 12.0 * w;
        a[Money::bijstand_benefits] += double(pay.benefit_units) * kLksUnit * bijstand_month * w;
        const auto& pol = st.policy[c];
        auto n = [&](Status s) { return double(count(st, m, s)) * w; };
        const double se = wsw_persons(st.counts[m]) * w * par.se_per_person;
        const double payroll_places = company_places(par, ctx, st, m);
        a[Place::wsw] += se;
        a[Place::company] += payroll_places;
        a[Money::rijksbijdrage] += se * money.rijksbijdrage_euro_per_se.at(year) / 12.0;
        a[Money::wsw_wages] += se * wsw_wage_per_se / 12.0;
        a[Money::liv] += se * money.liv_euro_per_se_per_year.at(year) / 12.0;

        const double cost_factor = pol.beschut_facility ? 1.0 : beschut.outside_unit_cost_factor;
        a[Money::beschut_wages] += n(Status::beschut) * beschut.wage_euro_per_place_per_year.at(year) / 12.0 * cost_factor;
        a[Money::begeleiding] += n(Status::beschut) * beschut.begeleiding_euro_per_place_per_year / 12.0 * cost_factor;
        a[Money::beschut_state_addition] +=
            n(Status::beschut) * beschut.state_addition_euro_per_place_per_year.at(year) / 12.0;

        // A jobcoach in the first three years of a job with LKS or detachering, unless the
        // ontwikkelbedrijf's jobcoaching coaches it: the municipality's bijstand group, else UWV.
        const int mask = kClassSupported | kClassMunicipal | kClassSupport;
        a[Money::begeleiding] +=
            matching::coaching_load(st, m, mask, kClassSupport | kClassMunicipal, kTrackedMonths) * begeleiding_month * w;
        a[Money::uwv_begeleiding] += matching::coaching_load(st, m, mask, kClassSupport, kTrackedMonths) * begeleiding_month * w;

        // The functions: what they spend, and the state money's part of it (state money is spent first).
        auto state_part = [&](const YearSeries& state_money, bool acts, double spent) {
            const double given = acts ? municipal_budget(ctx, st, m, state_money.at(year), false) / 12.0 : 0.0;
            return std::min(spent, given);
        };
        double coached = 0;
        if (pol.matching) {
            // The caseload of the month's matching: the coached workers and the covered share of the
            // seekers (a budget step without matching: the workers only).
            coached = covered ? st.work.caseload[m] : matching::coached_workers_load(mt, st, m);
            const double spent = coached * w * mt.euro_per_coached_person_per_year / 12.0;
            a[Money::jobcoach_cost] += spent;
            a[Money::state_function_money] += state_part(mt.coaching_state_money, true, spent);
            a[Place::coach_slots] += matching::coaching_slots(mt, ctx, st, m) * w;
        }
        a[Place::coached] += coached * w;
        if (pol.employer_services) {
            const double spent =
                matching::municipal_function_budget(ctx, st, m, mt.services_budget, mt.services_state_money, true) / 12.0;
            a[Money::employer_services_cost] += spent;
            a[Money::state_function_money] += state_part(mt.services_state_money, true, spent);
        }
        // In an ontwikkelbedrijf the company gives the training, so the municipality pays it.
        const double trainees = pol.ontwikkelbedrijf ? n(Status::training) : 0.0;
        const double training_spent = n(Status::training) * par.training.cost_euro_per_person_per_year / 12.0;
        a[Money::training_cost] += training_spent;
        a[Money::state_function_money] += state_part(par.training.state_money, pol.training, training_spent);
        a[Place::trainees] += trainees;
        a[Place::training_places] += training::municipal_places(par.training, ctx, st, m) * w;

        // The SW-bedrijf: production inside, fees for detachering, a variable cost per worker.
        const double inside = n(Status::wsw_intern) + (pol.beschut_facility ? n(Status::beschut) : 0.0);
        const double seconded_wsw = n(Status::wsw_detached);
        const double seconded_new = pol.ontwikkelbedrijf ? n(Status::detached) : 0.0;
        auto& lines = company[c];
        lines.revenue += (inside * par.production_revenue_euro_per_worker_per_year +
                          seconded_wsw * par.detachering_fee_euro_per_worker_per_year +
                          seconded_new * par.detachering_margin_euro_per_worker_per_year +
                          trainees * par.training.cost_euro_per_person_per_year) / 12.0;
        lines.variable_cost +=
            (inside + seconded_wsw + seconded_new + trainees) * par.variable_cost_euro_per_worker_per_year / 12.0;
        lines.wsw += se;
        lines.places += payroll_places;
        lines.population += ctx.regions.municipalities[m].population_15_64;
    }
    // Each member's share of its company's revenue, variable cost and overhead, and so of its result.
    for (std::size_t m = 0; m < acc.size(); ++m) {
        const CompanyLines& lines = company[st.company_of[m]];
        const double share = result_share(lines, acc[m][Place::wsw], acc[m][Place::company],
                                          ctx.regions.municipalities[m].population_15_64);
        acc[m][Money::company_revenue] += lines.revenue * share;
        acc[m][Money::company_variable_cost] += lines.variable_cost * share;
        acc[m][Money::company_overhead] += st.companies[st.company_of[m]].overhead_euro_per_year / 12.0 * share;
    }
}

double result_share(const CompanyLines& company, double wsw, double places, double population) {
    if (company.wsw > 0) return wsw / company.wsw;
    if (company.places > 0) return places / company.places;
    return company.population > 0 ? population / company.population : 0.0;
}

double deficit_per_place(const MoneyLines& m, double average_company_places) {
    if (average_company_places <= 0) return std::numeric_limits<double>::quiet_NaN();
    return (line(m, Money::wsw_wages) + line(m, Money::training_cost) - line(m, Money::rijksbijdrage) -
            company_result(m)) /
           average_company_places;
}

}  // namespace swsim::budget
