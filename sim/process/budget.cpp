#include "swsim/process/budget.hpp"

#include <algorithm>

namespace swsim {

double company_places(const ModelContext& ctx, const State& st, std::size_t r) {
    const auto& c = ctx.scenario.policy.company;
    const auto& pol = st.policy[r];
    const double wsw = double(count(st, r, Status::wsw_intern) + count(st, r, Status::wsw_detached) +
                              count(st, r, Status::wsw_begeleid));
    double places = wsw * c.se_per_person;
    if (pol.beschut_facility) places += double(count(st, r, Status::beschut));
    if (pol.ontwikkelbedrijf)
        places += double(count(st, r, Status::training)) +
                  c.detached_overhead_weight * double(count(st, r, Status::detached));
    return places * ctx.weight;
}

double base_company_overhead(const ModelContext& ctx, const State& st, std::size_t r) {
    return ctx.scenario.policy.company.overhead_euro_per_se_per_year * company_places(ctx, st, r);
}

void budget_regions(const ModelContext& ctx, State& st, MonthAccounts& acc) {
    const auto& sc = ctx.scenario;
    const auto& money = sc.policy.money;
    const auto& beschut = sc.policy.beschut;
    const auto& c = sc.policy.company;
    const int year = st.now.year();
    const double w = ctx.weight;

    // Sticky overhead: each January it follows the places, but falls by at most the cut limit.
    if (st.now.month() == 1 && st.now != ctx.scenario.simulation.start) {
        for (std::size_t r = 0; r < st.companies.size(); ++r) {
            auto& o = st.companies[r].overhead_euro_per_year;
            o = std::max(base_company_overhead(ctx, st, r), o * (1.0 - c.overhead_max_cut_share_per_year));
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
        const double se = wsw * c.se_per_person;
        a[Place::wsw] += se;
        a[Place::company] += company_places(ctx, st, r);
        a[Money::rijksbijdrage] += se * money.rijksbijdrage_euro_per_se.at(year) / 12.0;
        a[Money::wsw_wages] += se * money.wsw_wage_cost_euro_per_se.at(year) / 12.0;

        const double cost_factor = pol.beschut_facility ? 1.0 : beschut.outside_unit_cost_factor;
        a[Money::beschut_wages] += n(Status::beschut) * beschut.wage_euro_per_place_per_year.at(year) / 12.0 * cost_factor;
        a[Money::begeleiding] += n(Status::beschut) * beschut.begeleiding_euro_per_place_per_year / 12.0 * cost_factor;
        a[Money::beschut_state_addition] +=
            n(Status::beschut) * beschut.state_addition_euro_per_place_per_year.at(year) / 12.0;
        a[Money::begeleiding] +=
            (n(Status::regular_lks) + n(Status::detached)) * money.begeleiding_euro_per_person_per_year / 12.0;
        a[Money::training_cost] += n(Status::training) * c.training.cost_euro_per_person_per_year / 12.0;

        // The SW-bedrijf: production inside, fees for detachering, a variable cost per worker.
        const double inside = n(Status::wsw_intern) + (pol.beschut_facility ? n(Status::beschut) : 0.0);
        const double seconded_wsw = n(Status::wsw_detached);
        const double seconded_new = pol.ontwikkelbedrijf ? n(Status::detached) : 0.0;
        // In an ontwikkelbedrijf the company gives the training, so the municipality pays it.
        const double trainees = pol.ontwikkelbedrijf ? n(Status::training) : 0.0;
        a[Money::company_revenue] += (inside * c.production_revenue_euro_per_worker_per_year +
                                      seconded_wsw * c.detachering_fee_euro_per_worker_per_year +
                                      seconded_new * c.detachering_margin_euro_per_worker_per_year +
                                      trainees * c.training.cost_euro_per_person_per_year) / 12.0;
        a[Money::company_variable_cost] +=
            (inside + seconded_wsw + seconded_new + trainees) * c.variable_cost_euro_per_worker_per_year / 12.0;
        a[Money::company_overhead] += st.companies[r].overhead_euro_per_year / 12.0;
    }
}

}  // namespace swsim
