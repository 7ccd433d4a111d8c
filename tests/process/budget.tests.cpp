// Budget: every money key and company key on a hand-built state, line by line, with the expected
// euro written out; the derived lines; and the whole-run identities.
#include <catch2/catch.hpp>

#include <cmath>

#include "process/world.hpp"
#include "swsim/output/tables.hpp"
#include "swsim/process/budget.hpp"
#include "swsim/run/run.hpp"

using namespace swsim;
using namespace swsim::test;

namespace {

// Every money and company key set to a value of its own, so that a key used in the wrong line, or
// twice, or not at all, changes some line below.
Scenario money_scenario() {
    Scenario sc = empty_scenario();
    auto& m = sc.policy.money;
    m.rijksbijdrage_euro_per_se = YearSeries({{2014, 26000}, {2016, 25400}});
    m.wsw_wage_cost_euro_per_se = YearSeries(29000);
    m.wml_euro_per_year = YearSeries(18000);
    m.lks_wml_factor = 1.08;
    m.lks_employer_cost_share = 0.23;
    m.full_time_hours_per_week = 36;
    m.begeleiding_euro_per_person_per_year = 5000;
    m.bijstand_euro_per_person_per_year = YearSeries(14000);
    auto& b = sc.policy.beschut;
    b.wage_euro_per_place_per_year = YearSeries(24000);
    b.begeleiding_euro_per_place_per_year = 8000;
    b.state_addition_euro_per_place_per_year = YearSeries(2157);
    b.outside_unit_cost_factor = 1.15;
    auto& c = sc.policy.company;
    c.se_per_person = 0.885;
    c.overhead_euro_per_se_per_year = 7000;
    c.overhead_max_cut_share_per_year = 0.03;
    c.detached_overhead_weight = 0.25;
    c.variable_cost_euro_per_worker_per_year = 3000;
    c.production_revenue_euro_per_worker_per_year = 9000;
    c.detachering_fee_euro_per_worker_per_year = 12000;
    c.detachering_margin_euro_per_worker_per_year = 1500;
    c.training.cost_euro_per_person_per_year = 6000;
    sc.behaviour.matching.lks_loonwaarde_threshold = 0.8;
    return sc;
}

// The same persons in each region: 10 Wsw intern, 4 detached, 2 begeleid; 5 beschut; 3 in training
// and 9 seeking and 2 in dagbesteding on a municipal benefit, 1 seeking on UWV; 6 detached at
// loonwaarde 0.5 and 1 at 0.9 (36 h); 7 with LKS at 0.4 (18 h); 8 regular at 0.9 with the benefit flag.
void add_people(State& st, std::size_t r) {
    auto many = [&](int n, Status s, float lw, float hours, std::uint8_t flags) {
        for (int k = 0; k < n; ++k) add_person(st, r, s, lw, hours, flags);
    };
    many(10, Status::wsw_intern, 0.45f, 32, 0);
    many(4, Status::wsw_detached, 0.45f, 32, 0);
    many(2, Status::wsw_begeleid, 0.45f, 32, 0);
    many(5, Status::beschut, 0.3f, 24, 0);
    many(3, Status::training, 0.4f, 36, kMunicipalBenefit);
    many(9, Status::seeking, 0.4f, 36, kMunicipalBenefit);
    many(1, Status::seeking, 0.4f, 36, 0);
    many(2, Status::dagbesteding, 0.4f, 36, kMunicipalBenefit);
    many(6, Status::detached, 0.5f, 36, 0);
    many(1, Status::detached, 0.9f, 36, 0);
    many(7, Status::regular_lks, 0.4f, 18, 0);
    many(8, Status::regular, 0.9f, 36, kMunicipalBenefit);
}

constexpr double kSe = 16 * 0.885;  // Wsw SE of add_people
constexpr double kLksUnitsHours = 7 * (1 - 0.4) * 18 + 6 * (1 - 0.5) * 36;  // (1 - loonwaarde) x hours

}  // namespace

TEST_CASE("budget: every money line of a month, sterfhuis and ontwikkelbedrijf", "[unit][process][lever]") {
    auto w = world(money_scenario());
    State& st = w->st;
    add_people(st, 0);
    add_people(st, 1);
    st.now = Month::of(2016, 3);  // not January: no overhead update
    st.policy[0] = CompanyFunctions{};
    st.policy[1] = all_functions();
    st.companies[0].overhead_euro_per_year = 120000;
    st.companies[1].overhead_euro_per_year = 240000;
    MonthAccounts acc(w->rd.size());
    budget::step(budget::params(w->sc), w->ctx(), st, acc);

    const double lks = kLksUnitsHours * 1.08 * 18000 * 1.23 / 36 / 12;
    for (std::size_t r : {0, 1}) {
        INFO("region " << r);
        const bool company = r == 1;  // an ontwikkelbedrijf with a beschut facility
        const double beschut_factor = company ? 1.0 : 1.15;
        const auto& a = acc[r];
        CHECK(a[Money::rijksbijdrage] == Approx(kSe * 25400 / 12).epsilon(1e-12));
        CHECK(a[Money::wsw_wages] == Approx(kSe * 29000 / 12).epsilon(1e-12));
        CHECK(a[Money::beschut_wages] == Approx(5 * 24000.0 / 12 * beschut_factor).epsilon(1e-12));
        // The LKS and detached workers here came with the state (not placed in the run): no jobcoach.
        CHECK(a[Money::begeleiding] == Approx(5 * 8000.0 / 12 * beschut_factor).epsilon(1e-12));
        CHECK(a[Money::uwv_begeleiding] == 0);
        CHECK(a[Money::beschut_state_addition] == Approx(5 * 2157.0 / 12).epsilon(1e-12));
        CHECK(a[Money::lks] == 0);  // they are not on a municipal benefit: UWV pays loondispensatie
        CHECK(a[Money::uwv_loondispensatie] == Approx(lks).epsilon(1e-6));
        CHECK(a[Money::training_cost] == Approx(3 * 6000.0 / 12).epsilon(1e-12));
        // The 8 regular workers on a municipal benefit work 36 hours: earnings end it (at 35 hours).
        CHECK(a[Money::bijstand_benefits] == Approx((3 + 9 + 2) * 14000.0 / 12).epsilon(1e-12));
        CHECK(a[Money::company_overhead] == Approx((company ? 240000.0 : 120000.0) / 12).epsilon(1e-12));
        CHECK(a[Place::wsw] == Approx(kSe).epsilon(1e-12));
        if (!company) {
            CHECK(a[Money::company_revenue] == Approx((10 * 9000.0 + 4 * 12000.0) / 12).epsilon(1e-12));
            CHECK(a[Money::company_variable_cost] == Approx((10 + 4) * 3000.0 / 12).epsilon(1e-12));
            CHECK(a[Place::company] == Approx(kSe).epsilon(1e-12));
        } else {
            // Inside: Wsw intern and beschut; seconded: Wsw (fee) and new (margin); trainees (paid).
            CHECK(a[Money::company_revenue] ==
                  Approx((15 * 9000.0 + 4 * 12000.0 + 7 * 1500.0 + 3 * 6000.0) / 12).epsilon(1e-12));
            CHECK(a[Money::company_variable_cost] == Approx((15 + 4 + 7 + 3) * 3000.0 / 12).epsilon(1e-12));
            CHECK(a[Place::company] == Approx(kSe + 5 + 7).epsilon(1e-12));  // payroll: not the trainees
            CHECK(a[Place::trainees] == 3);
        }
    }
    CHECK(acc[2][Money::lks] == 0);  // nobody there
    CHECK(acc[2][Money::rijksbijdrage] == 0);
}

TEST_CASE("budget: the LKS loonwaarde threshold decides who in detachering is paid LKS", "[unit][process][lever]") {
    for (const double threshold : {0.8, 0.6}) {
        auto sc = money_scenario();
        sc.behaviour.matching.lks_loonwaarde_threshold = threshold;
        auto w = world(sc);
        add_person(w->st, 0, Status::detached, 0.7f, 36, kMunicipalBenefit);
        add_person(w->st, 0, Status::regular_lks, 0.7f, 36, kMunicipalBenefit);  // a job with LKS: always paid
        add_person(w->st, 0, Status::regular, 0.7f, 36, kMunicipalBenefit);      // never
        MonthAccounts acc(w->rd.size());
        budget::step(budget::params(w->sc), w->ctx(), w->st, acc);
        const double one = 0.3 * 1.08 * 18000 * 1.23 / 12;
        CHECK(acc[0][Money::lks] == Approx(threshold > 0.7 ? 2 * one : one).epsilon(1e-6));
    }
}

TEST_CASE("budget: who is paid what", "[unit][process]") {
    const auto rule = budget::pay_rule(budget::params(money_scenario()));
    CHECK(rule.lks_threshold == Approx(0.8f));
    for (Status s : {Status::seeking, Status::dagbesteding, Status::training}) {
        CHECK(rule.benefit[int(s)]);
        CHECK_FALSE(rule.earns[int(s)]);
    }
    for (Status s : {Status::regular, Status::regular_lks, Status::detached, Status::beschut}) {
        CHECK(rule.benefit[int(s)]);  // reduced by earnings
        CHECK(rule.earns[int(s)]);
    }
    CHECK_FALSE(rule.benefit[int(Status::wsw_intern)]);
    CHECK(rule.benefit_ends_at_hours == Approx(35));
    CHECK(rule.lks_below[int(Status::regular_lks)] > 1.0f);
    CHECK(rule.lks_below[int(Status::detached)] == Approx(0.8f));
    CHECK(rule.lks_below[int(Status::regular)] == 0.0f);
}

TEST_CASE("budget: overhead follows the places each January, falling by at most the cut limit",
          "[unit][process][lever]") {
    auto w = world(money_scenario());
    State& st = w->st;
    add_people(st, 0);
    add_people(st, 1);
    st.now = Month::of(2016, 1);
    st.policy[0] = CompanyFunctions{};
    st.policy[1] = all_functions();
    const auto par = budget::params(w->sc);
    CHECK(budget::company_places(par, w->ctx(), st, 0) == Approx(kSe).epsilon(1e-12));
    CHECK(budget::company_places(par, w->ctx(), st, 1) == Approx(kSe + 5 + 7).epsilon(1e-12));  // payroll
    // Overhead: the payroll, its trainees, and the seconded at a quarter.
    CHECK(budget::base_company_overhead(par, w->ctx(), st, 1) == Approx(7000 * (kSe + 5 + 3 + 0.25 * 7)).epsilon(1e-12));
    st.companies[0].overhead_euro_per_year = 1e6;     // far above its places: falls by the limit
    st.companies[1].overhead_euro_per_year = 100000;  // below its places: follows them up
    st.companies[2].overhead_euro_per_year = 1e6;     // no places at all: still only the limit
    MonthAccounts acc(w->rd.size());
    budget::step(par, w->ctx(), st, acc);
    CHECK(st.companies[0].overhead_euro_per_year == Approx(1e6 * 0.97).epsilon(1e-12));
    CHECK(st.companies[1].overhead_euro_per_year == Approx(7000 * (kSe + 5 + 3 + 0.25 * 7)).epsilon(1e-12));
    CHECK(st.companies[2].overhead_euro_per_year == Approx(1e6 * 0.97).epsilon(1e-12));
    CHECK(acc[0][Money::company_overhead] == Approx(1e6 * 0.97 / 12).epsilon(1e-12));
    // Not in other months.
    st.now = Month::of(2016, 2);
    budget::step(par, w->ctx(), st, acc);
    CHECK(st.companies[0].overhead_euro_per_year == Approx(1e6 * 0.97).epsilon(1e-12));
}

TEST_CASE("budget: the base month's overhead is overhead per SE times the company's places", "[unit][process][lever]") {
    auto sc = money_scenario();
    sc.population.wsw_persons = 600;
    const auto w = world(sc);
    const auto par = budget::params(w->sc);
    for (std::size_t r = 0; r < w->rd.size(); ++r) {
        const double wsw = double(count(w->st, r, Status::wsw_intern) + count(w->st, r, Status::wsw_detached) +
                                  count(w->st, r, Status::wsw_begeleid));
        REQUIRE(wsw > 50);
        CHECK(w->st.companies[r].overhead_euro_per_year == Approx(7000 * 0.885 * wsw).epsilon(1e-12));
        CHECK(budget::company_places(par, w->ctx(), w->st, r) == Approx(0.885 * wsw).epsilon(1e-12));
    }
}

TEST_CASE("budget: the derived lines", "[unit][process]") {
    MoneyLines m{};
    auto set = [&](Money k, double v) { m[static_cast<int>(k)] = v; };
    set(Money::rijksbijdrage, 1000);
    set(Money::wsw_wages, 1200);
    set(Money::beschut_wages, 300);
    set(Money::lks, 400);
    set(Money::begeleiding, 50);
    set(Money::training_cost, 60);
    set(Money::bijstand_benefits, 700);
    set(Money::beschut_state_addition, 20);
    set(Money::company_overhead, 500);
    set(Money::company_variable_cost, 100);
    set(Money::company_revenue, 450);
    CHECK(budget::company_result(m) == Approx(450 - 500 - 100));
    CHECK(budget::municipal_net_cost(m) == Approx(1200 + 300 + 400 + 50 + 60 + 700 - 1000 - 20 + 150));
    set(Money::jobcoach_cost, 30);
    set(Money::employer_services_cost, 40);
    set(Money::state_function_money, 25);
    set(Money::uwv_loondispensatie, 80);
    set(Money::uwv_begeleiding, 9);
    set(Money::liv, 7);
    CHECK(budget::municipal_net_cost(m) == Approx(1200 + 300 + 400 + 50 + 60 + 30 + 40 + 700 - 1000 - 20 - 25 - 7 + 150));
    CHECK(budget::state_cost(m) == Approx(1000 + 20 + 25 + 7));
    CHECK(budget::uwv_cost(m) == Approx(80 + 9));
    CHECK(budget::public_net_cost(m) ==
          Approx(budget::municipal_net_cost(m) + budget::state_cost(m) + budget::uwv_cost(m)));
    CHECK(budget::deficit_per_place(m, 10) == Approx((1200 + 60 - 1000 + 150) / 10.0));
    CHECK(std::isnan(budget::deficit_per_place(m, 0)));
}

TEST_CASE("loonkostensubsidie follows (1 - loonwaarde) x 1.08 x WML x 1.23, pro rata hours", "[unit][process]") {
    auto w = world(money_scenario());
    add_person(w->st, 1, Status::regular_lks, 0.4f, 18, kMunicipalBenefit);
    add_person(w->st, 2, Status::regular_lks, 0.4f, 18);  // a Wajonger: UWV's loondispensatie
    MonthAccounts acc(w->rd.size());
    budget::step(budget::params(w->sc), w->ctx(), w->st, acc);
    const double expected = (1 - 0.4) * 1.08 * 18000 * 1.23 * 18.0 / 36.0 / 12.0;
    CHECK(acc[1][Money::lks] == Approx(expected).epsilon(1e-6));
    CHECK(acc[1][Money::uwv_loondispensatie] == 0);
    CHECK(acc[2][Money::uwv_loondispensatie] == Approx(expected).epsilon(1e-6));
    CHECK(acc[2][Money::lks] == 0);
    CHECK(acc[0][Money::lks] == 0);
}

TEST_CASE("a company at zero headcount: no places, no division by zero", "[unit][process]") {
    const auto rd = tiny_regions();
    auto sc = tiny_scenario();
    sc.population.wsw_persons = 0;
    const auto run = run_scenario(sc, rd, 0);
    const auto& y = nl(run, 2016);
    CHECK(y.wsw() == 0);
    CHECK(y.line(Money::rijksbijdrage) == 0);
    CHECK(std::isnan(y.deficit_per_place()));
    CHECK(yearly_csv({run}).find(",NA\n") != std::string::npos);
}

TEST_CASE("sterfhuis: overhead is sticky, so the deficit per place rises as Wsw shrinks", "[unit][process][lever]") {
    const auto rd = tiny_regions();
    auto sc = tiny_scenario();
    sc.simulation.end = Month::of(2024, 12);
    sc.behaviour.demography.wsw_other_exit_rate_per_year = YearSeries(0.10);
    const auto run = run_scenario(sc, rd, 0);
    CHECK(nl(run, 2024).wsw() < 0.6 * nl(run, 2015).wsw());
    CHECK(nl(run, 2024).deficit_per_place() > nl(run, 2016).deficit_per_place() + 1000);
    // Overhead fell, but by no more than the yearly cut limit allows.
    const double o15 = nl(run, 2015).line(Money::company_overhead);
    const double o24 = nl(run, 2024).line(Money::company_overhead);
    CHECK(o24 < o15);
    CHECK(o24 >= o15 * std::pow(1 - sc.policy.company.overhead_max_cut_share_per_year, 9) - 1);
}

TEST_CASE("budget lines add up to the municipal net cost, regions add up to NL", "[unit][process]") {
    const auto rd = tiny_regions();
    auto sc = tiny_scenario();
    sc.policy.company.mode = CompanyMode::ontwikkelbedrijf;
    const auto run = run_scenario(sc, rd, 0);
    for (int year = 2015; year <= 2017; ++year) {
        double net = 0, lks = 0, persons = 0;
        for (const auto& r : run.records)
            if (r.year == year && r.region != "NL") {
                net += r.municipal_net_cost();
                lks += r.line(Money::lks);
                persons += r.status(Status::seeking);
            }
        const auto& n = nl(run, year);
        CHECK(n.municipal_net_cost() == Approx(net).epsilon(1e-12));
        CHECK(n.line(Money::lks) == Approx(lks).epsilon(1e-12));
        CHECK(n.status(Status::seeking) == persons);
        const double lines = n.line(Money::wsw_wages) + n.line(Money::beschut_wages) + n.line(Money::lks) +
                             n.line(Money::begeleiding) + n.line(Money::training_cost) +
                             n.line(Money::jobcoach_cost) + n.line(Money::employer_services_cost) +
                             n.line(Money::bijstand_benefits) - n.line(Money::rijksbijdrage) -
                             n.line(Money::beschut_state_addition) - n.line(Money::state_function_money) -
                             n.line(Money::liv) -
                             n.line(Money::company_revenue) + n.line(Money::company_overhead) +
                             n.line(Money::company_variable_cost);
        CHECK(n.municipal_net_cost() == Approx(lines).epsilon(1e-12));
        // Each payer's lines add up, and the three payers to the public total.
        CHECK(budget::state_cost(n.money) == Approx(n.line(Money::rijksbijdrage) + n.line(Money::beschut_state_addition) +
                                                    n.line(Money::state_function_money) + n.line(Money::liv))
                                                 .epsilon(1e-12));
        CHECK(budget::uwv_cost(n.money) ==
              Approx(n.line(Money::uwv_loondispensatie) + n.line(Money::uwv_begeleiding)).epsilon(1e-12));
        CHECK(budget::public_net_cost(n.money) ==
              Approx(n.municipal_net_cost() + budget::state_cost(n.money) + budget::uwv_cost(n.money)).epsilon(1e-12));
        if (year >= sc.policy.company.switch_year) {  // the functions spent their budgets
            CHECK(n.line(Money::jobcoach_cost) > 0);
            CHECK(n.line(Money::employer_services_cost) > 0);
        }
    }
}

TEST_CASE("budget: begeleiding for a job with LKS or detachering in its first three years only, by payer",
          "[unit][process][lever]") {
    // Placed in the run (enter_status): 4 on a municipal benefit and 2 Wajongers with LKS, 3 in a
    // regular job (no jobcoach), 5 coached by the ontwikkelbedrijf (its budget pays, not begeleiding).
    auto w = world(money_scenario());
    State& st = w->st;
    auto place = [&](int n, Status job, std::uint8_t flags, std::uint8_t spell_flags) {
        for (int k = 0; k < n; ++k) enter_status(w->ctx(), st, add_person(st, 0, Status::seeking, 0.4f, 36, flags), job, spell_flags);
    };
    place(4, Status::regular_lks, kMunicipalBenefit, 0);
    place(2, Status::detached, 0, 0);
    place(3, Status::regular, kMunicipalBenefit, 0);
    place(5, Status::regular_lks, kMunicipalBenefit, kSupported);
    const auto par = budget::params(w->sc);
    auto month = [&] {
        MonthAccounts acc(w->rd.size());
        budget::step(par, w->ctx(), st, acc);
        return acc[0];
    };
    const double m = 5000.0 / 12;
    for (const auto& [months, weight] : {std::pair{0, 1.0}, {11, 1.0}, {12, 0.5}, {24, 0.4}, {35, 0.4}, {36, 0.0}}) {
        INFO("month " << months << " of the job");
        st.now.index = Month::of(2015, 1).index + months;
        if (months == 36) open_job_starts(st);  // as the month opens
        const auto a = month();
        CHECK(a[Money::begeleiding] == Approx(4 * m * weight).epsilon(1e-12));
        CHECK(a[Money::uwv_begeleiding] == Approx(2 * m * weight).epsilon(1e-12));
    }
}

TEST_CASE("budget: bijstand falls with earnings, pro rata hours up to where it ends", "[unit][process][lever]") {
    // Earnings end the benefit at 35 hours: a 14-hour job leaves 60 %, 28 hours 20 %, 36 hours none.
    auto w = world(money_scenario());
    State& st = w->st;
    add_person(st, 0, Status::regular, 0.9f, 14, kMunicipalBenefit);
    add_person(st, 0, Status::regular_lks, 0.5f, 28, kMunicipalBenefit);
    add_person(st, 0, Status::detached, 0.9f, 36, kMunicipalBenefit);
    add_person(st, 0, Status::beschut, 0.3f, 14, kMunicipalBenefit);
    add_person(st, 0, Status::seeking, 0.3f, 14, kMunicipalBenefit);  // no earnings: in full
    add_person(st, 0, Status::regular, 0.9f, 14);                     // not the municipality's
    MonthAccounts acc(w->rd.size());
    budget::step(budget::params(w->sc), w->ctx(), st, acc);
    CHECK(acc[0][Money::bijstand_benefits] == Approx((0.6 + 0.2 + 0 + 0.6 + 1) * 14000.0 / 12).epsilon(1e-9));
    auto sc = money_scenario();
    sc.policy.money.bijstand_ends_at_hours_per_week = 28;
    auto w2 = world(sc);
    add_person(w2->st, 0, Status::regular, 0.9f, 14, kMunicipalBenefit);
    MonthAccounts acc2(w2->rd.size());
    budget::step(budget::params(sc), w2->ctx(), w2->st, acc2);
    CHECK(acc2[0][Money::bijstand_benefits] == Approx(0.5 * 14000.0 / 12).epsilon(1e-9));
}

TEST_CASE("budget: a function spends its budget's use, state money first", "[unit][process][lever]") {
    // Training: 3 trainees at 6,000 in AM02 (1/3 of the population), state money of 18,000 a year
    // nationally gives AM02 6,000 a year = 500 a month of the 1,500 spent. Employer services spend
    // the whole regional budget; with state money, part of it is the state's.
    auto sc = with_ontwikkelbedrijf(money_scenario());
    sc.policy.state_money.training_euro_per_year = YearSeries(18000.0);
    sc.policy.company.employer_services.budget_euro_per_year = YearSeries(120000.0);
    sc.policy.state_money.employer_services_euro_per_year = YearSeries(60000.0);
    auto w = world(sc);
    State& st = w->st;
    for (int k = 0; k < 3; ++k) add_person(st, 1, Status::training, 0.4f, 36, kMunicipalBenefit);
    MonthAccounts acc(w->rd.size());
    budget::step(budget::params(sc), w->ctx(), st, acc);
    CHECK(acc[1][Money::training_cost] == Approx(1500).epsilon(1e-12));
    CHECK(acc[1][Money::employer_services_cost] == Approx(180000.0 / 3 / 12).epsilon(1e-12));
    CHECK(acc[1][Money::state_function_money] == Approx(500 + 60000.0 / 3 / 12).epsilon(1e-12));
}

TEST_CASE("budget: the Wsw wage per SE moves with the WML after its series ends, and the LIV is the state's",
          "[unit][process][lever]") {
    auto sc = money_scenario();
    auto& m = sc.policy.money;
    m.wsw_wage_cost_euro_per_se = YearSeries({{2014, 28400}, {2016, 29000}});
    m.wml_euro_per_year = YearSeries({{2016, 18000}, {2018, 19800}});  // +10 % by 2018
    m.liv_euro_per_se_per_year = YearSeries({{2016, 0}, {2017, 1000}});
    CHECK(budget::wsw_wage_cost_per_se(m, 2015) == Approx(28700));
    CHECK(budget::wsw_wage_cost_per_se(m, 2016) == Approx(29000));
    CHECK(budget::wsw_wage_cost_per_se(m, 2018) == Approx(29000 * 1.1));
    m.wsw_wage_follows_wml = false;
    CHECK(budget::wsw_wage_cost_per_se(m, 2018) == Approx(29000));
    m.wsw_wage_follows_wml = true;
    auto w = world(sc);
    State& st = w->st;
    for (int k = 0; k < 10; ++k) add_person(st, 0, Status::wsw_intern, 0.45f, 32);
    st.now = Month::of(2018, 3);
    MonthAccounts acc(w->rd.size());
    budget::step(budget::params(sc), w->ctx(), st, acc);
    const double se = 10 * 0.885;
    CHECK(acc[0][Money::wsw_wages] == Approx(se * 29000 * 1.1 / 12).epsilon(1e-12));
    CHECK(acc[0][Money::liv] == Approx(se * 1000 / 12).epsilon(1e-12));
}
