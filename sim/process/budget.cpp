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
            c.training.cost_euro_per_person_per_year,
            sc.behaviour.matching.lks_loonwaarde_threshold};
}

PayRule pay_rule(const Params& par) {
    PayRule r;
    r.lks_threshold = static_cast<float>(par.lks_loonwaarde_threshold);
    r.lks_below[static_cast<int>(Status::regular_lks)] = 2.0f;  // every loonwaarde (at most 1)
    r.lks_below[static_cast<int>(Status::detached)] = r.lks_threshold;
    for (Status s : {Status::seeking, Status::dagbesteding, Status::training}) r.benefit[static_cast<int>(s)] = true;
    return r;
}

double company_places(const Params& par, const ModelContext& ctx, const State& st, std::size_t r) {
    const auto& pol = st.policy[r];
    const double wsw = double(count(st, r, Status::wsw_intern) + count(st, r, Status::wsw_detached) +
                              count(st, r, Status::wsw_begeleid));
    double places = wsw * par.se_per_person;
    if (pol.beschut_facility) places += double(count(st, r, Status::beschut));
    if (pol.ontwikkelbedrijf)
        places += double(count(st, r, Status::training)) +
                  par.detached_overhead_weight * double(count(st, r, Status::detached));
    return places * ctx.weight;
}

double base_company_overhead(const Params& par, const ModelContext& ctx, const State& st, std::size_t r) {
    return par.overhead_euro_per_se_per_year * company_places(par, ctx, st, r);
}

void step(const Params& par, const ModelContext& ctx, State& st, MonthAccounts& acc) {
    const auto& money = par.money;
    const auto& beschut = par.beschut;
    const int year = st.now.year();
    const double w = ctx.weight;

    // Sticky overhead: each January it follows the places, but falls by at most the cut limit.
    if (st.now.month() == 1 && st.now != ctx.start) {
        for (std::size_t r = 0; r < st.companies.size(); ++r) {
            auto& o = st.companies[r].overhead_euro_per_year;
            o = std::max(base_company_overhead(par, ctx, st, r), o * (1.0 - par.overhead_max_cut_share_per_year));
        }
    }

    // Loonkostensubsidie per year for one hour a week of a worker with loonwaarde 0.
    const double lks_per_hour = money.lks_wml_factor * money.wml_euro_per_year.at(year) *
                                (1.0 + money.lks_employer_cost_share) / money.full_time_hours_per_week;
    const double bijstand_month = money.bijstand_euro_per_person_per_year.at(year) / 12.0;
    for (std::size_t r = 0; r < acc.size(); ++r) {
        auto& a = acc[r];
        const auto& pay = st.pay[r];
        a[Money::lks] += double(pay.lks_units) * kLksUnit * lks_per_hour / 12.0 * w;
        a[Money::bijstand_benefits] += double(pay.benefit_persons) * bijstand_month * w;
        const auto& pol = st.policy[r];
        auto n = [&](Status s) { return double(count(st, r, s)) * w; };
        const double wsw = n(Status::wsw_intern) + n(Status::wsw_detached) + n(Status::wsw_begeleid);
        const double se = wsw * par.se_per_person;
        a[Place::wsw] += se;
        a[Place::company] += company_places(par, ctx, st, r);
        a[Money::rijksbijdrage] += se * money.rijksbijdrage_euro_per_se.at(year) / 12.0;
        a[Money::wsw_wages] += se * money.wsw_wage_cost_euro_per_se.at(year) / 12.0;

        const double cost_factor = pol.beschut_facility ? 1.0 : beschut.outside_unit_cost_factor;
        a[Money::beschut_wages] += n(Status::beschut) * beschut.wage_euro_per_place_per_year.at(year) / 12.0 * cost_factor;
        a[Money::begeleiding] += n(Status::beschut) * beschut.begeleiding_euro_per_place_per_year / 12.0 * cost_factor;
        a[Money::beschut_state_addition] +=
            n(Status::beschut) * beschut.state_addition_euro_per_place_per_year.at(year) / 12.0;
        a[Money::begeleiding] +=
            (n(Status::regular_lks) + n(Status::detached)) * money.begeleiding_euro_per_person_per_year / 12.0;
        a[Money::training_cost] += n(Status::training) * par.training_cost_euro_per_person_per_year / 12.0;

        // The SW-bedrijf: production inside, fees for detachering, a variable cost per worker.
        const double inside = n(Status::wsw_intern) + (pol.beschut_facility ? n(Status::beschut) : 0.0);
        const double seconded_wsw = n(Status::wsw_detached);
        const double seconded_new = pol.ontwikkelbedrijf ? n(Status::detached) : 0.0;
        // In an ontwikkelbedrijf the company gives the training, so the municipality pays it.
        const double trainees = pol.ontwikkelbedrijf ? n(Status::training) : 0.0;
        a[Money::company_revenue] += (inside * par.production_revenue_euro_per_worker_per_year +
                                      seconded_wsw * par.detachering_fee_euro_per_worker_per_year +
                                      seconded_new * par.detachering_margin_euro_per_worker_per_year +
                                      trainees * par.training_cost_euro_per_person_per_year) / 12.0;
        a[Money::company_variable_cost] +=
            (inside + seconded_wsw + seconded_new + trainees) * par.variable_cost_euro_per_worker_per_year / 12.0;
        a[Money::company_overhead] += st.companies[r].overhead_euro_per_year / 12.0;
    }
}

double deficit_per_place(const MoneyLines& m, double average_company_places) {
    if (average_company_places <= 0) return std::numeric_limits<double>::quiet_NaN();
    return (line(m, Money::wsw_wages) + line(m, Money::training_cost) - line(m, Money::rijksbijdrage) -
            company_result(m)) /
           average_company_places;
}

}  // namespace swsim::budget
