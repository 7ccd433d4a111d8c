// Demography: the exit hazards the schedule reads (death by age, other exits, the AOW age by year),
// exactly as the keys give them, and deaths and retirements as they happen.
#include <catch2/catch.hpp>

#include <cmath>

#include "process/world.hpp"
#include "swsim/process/demography.hpp"

using namespace swsim;
using namespace swsim::test;

TEST_CASE("demography: death is Gompertz times the excess factor, by whole year of age", "[unit][process][lever]") {
    auto sc = empty_scenario();
    auto& d = sc.behaviour.demography;
    d.mortality_rate_at_50_per_year = 0.004;
    d.mortality_slope_per_year_of_age = 0.1;
    d.excess_mortality_factor = 2.5;
    const auto w = world(sc);
    const auto& hz = w->st.hazards;
    for (int age : {20, 50, 64, 80}) {
        INFO("age " << age);
        CHECK(hz.death[std::size_t(age)] == Approx(0.004 * std::exp(0.1 * (age - 50)) * 2.5 / 12).epsilon(1e-12));
        // What the schedule reads for a person of that age (months within the year of age).
        CHECK(hz.exit(2016, age * 12 + 11, false).first == Approx(hz.death[std::size_t(age)]).epsilon(1e-12));
    }
}

TEST_CASE("demography: other exits, for Wsw workers by calendar year", "[unit][process][lever]") {
    auto sc = empty_scenario();
    sc.behaviour.demography.other_exit_rate_per_year = 0.03;
    sc.behaviour.demography.wsw_other_exit_rate_per_year = YearSeries({{2015, 0.015}, {2016, 0.019}, {2017, 0.013}});
    const auto w = world(sc);
    const auto& hz = w->st.hazards;
    CHECK(hz.exit(2016, 40 * 12, false).second == Approx(0.03 / 12).epsilon(1e-12));
    CHECK(hz.exit(2015, 40 * 12, true).second == Approx(0.015 / 12).epsilon(1e-12));
    CHECK(hz.exit(2016, 40 * 12, true).second == Approx(0.019 / 12).epsilon(1e-12));
    CHECK(hz.exit(2017, 40 * 12, true).second == Approx(0.013 / 12).epsilon(1e-12));
}

TEST_CASE("demography: the AOW age follows its series, then rises by the link", "[unit][process][lever]") {
    auto sc = empty_scenario();
    sc.simulation.end = Month::of(2021, 12);
    auto& d = sc.behaviour.demography;
    d.aow_age_months = YearSeries({{2015, 783}, {2016, 786}, {2017, 789}});
    d.aow_link_months_per_year = 0.5;
    const auto w = world(sc);
    const auto& hz = w->st.hazards;
    CHECK(hz.aow(2015) == 783);
    CHECK(hz.aow(2016) == 786);
    CHECK(hz.aow(2017) == 789);
    CHECK(hz.aow(2018) == 789);  // 789.5, whole months
    CHECK(hz.aow(2019) == 790);
    CHECK(hz.aow(2021) == 791);
    CHECK(demography::aow_age_months(demography::params(sc), 2030) == 795);  // 789 + 6.5
}

TEST_CASE("demography: deaths in a year at the expected hazard", "[unit][process][lever]") {
    // 60,000 persons aged 70 (they stay 70 all year), no other exits: each dies within the year with
    // probability 1 - exp(-12 h). Four binomial sigmas are about 7 % of the deaths, so a removed or
    // doubled excess factor (or level) fails.
    auto sc = empty_scenario();
    auto& d = sc.behaviour.demography;
    d.mortality_rate_at_50_per_year = 0.003;
    d.mortality_slope_per_year_of_age = 0.09;
    d.excess_mortality_factor = 2.0;
    auto w = world(sc);
    State& st = w->st;
    constexpr int kN = 60000;
    for (int k = 0; k < kN; ++k) {
        const auto i = add_person(st, std::size_t(k % 3), Status::beschut, 0.3f);
        st.persons.rec[i].birth_month = st.now.index - 70 * 12;
        schedule_exit(w->ctx(), st, i, st.now.index);
        start_spell(w->ctx(), st, i, st.now.index);
    }
    MonthAccounts acc;
    std::int64_t died = 0, other = 0;
    for (int m = 0; m < 12; ++m) {
        step_month(w->m, st, acc);
        died += sum(acc, Flow::exits_died);
        other += sum(acc, Flow::exits_other) + sum(acc, Flow::exits_retired);
    }
    const double h = 0.003 * std::exp(0.09 * 20) * 2.0 / 12;
    const double p = 1 - std::exp(-12 * h);
    CHECK(std::abs(double(died) - kN * p) < four_sigma(kN, p));
    CHECK(other == 0);
}

TEST_CASE("everyone at the AOW age retires, in the month it is reached", "[unit][process]") {
    const auto rd = tiny_regions();
    auto sc = tiny_scenario();
    const auto m = context(sc, rd);
    State st = init_state(m);
    const int now = st.now.index;
    REQUIRE(st.hazards.aow(2015) == 783);  // 65 years and 3 months
    st.persons.rec[0].birth_month = now - 783;  // reaches it this month
    st.persons.rec[1].birth_month = now - 782;  // next month
    for (std::size_t i : {0, 1}) schedule_exit(m.ctx, st, i, now);
    CHECK(st.persons.exit_due[0] == now);
    CHECK(st.persons.exit_due[1] <= now + 1);
    MonthAccounts acc;
    step_month(m, st, acc);
    CHECK(st.persons.has(0, kExited));
    CHECK(sum(acc, Flow::exits_retired) >= 1);
    if (st.persons.has(1, kExited)) CHECK(sum(acc, Flow::exits_died) + sum(acc, Flow::exits_other) >= 1);
    step_month(m, st, acc);
    CHECK(st.persons.has(1, kExited));
}

TEST_CASE("retirement month: the first month at or past the AOW age of its year", "[unit][process]") {
    HazardTables hz;
    hz.first_year = 2020;
    hz.last_year = 2022;
    hz.aow_months = {800, 803, 806};
    const int jan = Month::of(2020, 1).index;
    const int end = Month::of(2023, 1).index;
    CHECK(retirement_month(hz, jan - 800, jan, end) == jan);         // already there
    CHECK(retirement_month(hz, jan - 790, jan, end) == jan + 10);    // reaches 800 in November 2020
    CHECK(retirement_month(hz, jan - 780, jan, end) == jan + 23);    // 800 only in 2021, which needs 803
    CHECK(retirement_month(hz, jan - 700, jan, end) == kNever);      // not within the run
}
