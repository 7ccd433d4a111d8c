// Inflow: new persons per region and month (Poisson counts) at the scenario's rates, in the forms
// per 1,000 inhabitants 15-64 and absolute national; their first status and benefit; nobody new in
// the Wsw.
#include <catch2/catch.hpp>

#include <array>
#include <cmath>

#include "process/world.hpp"
#include "swsim/process/inflow.hpp"

using namespace swsim;
using namespace swsim::test;

TEST_CASE("inflow: a year's new persons per group at the expected rate", "[unit][process]") {
    // Per 1,000 inhabitants 15-64 (600,000 in all) and absolute national; within four Poisson sigmas.
    auto sc = empty_scenario();
    sc.inflow.doelgroep.per_year = YearSeries(10.0);   // 6,000 a year
    sc.inflow.bijstand.absolute = true;
    sc.inflow.bijstand.per_year = YearSeries(9000.0);  // 9,000 a year, spread by population
    sc.inflow.beschut_advices.per_year = YearSeries(2.0);  // 1,200 a year
    sc.inflow.doelgroep_dagbesteding_share = 0.3;
    sc.inflow.bijstand_dagbesteding_share = 0.6;
    sc.population.doelgroep_bijstand_share = 0.25;
    auto w = world(sc);
    State& st = w->st;
    MonthAccounts acc;
    std::int64_t inflow = 0;
    for (int m = 0; m < 12; ++m) {
        const auto before = st.persons.size();
        step_month(w->m, st, acc);
        inflow += sum(acc, Flow::inflow);
        REQUIRE(std::int64_t(st.persons.size() - before) == sum(acc, Flow::inflow));
    }
    std::array<double, kOriginCount> n{};
    std::array<double, 3> bijstand_by_region{};
    double doelgroep_day = 0, doelgroep_municipal = 0, bijstand_day = 0, advices = 0, wsw = 0, bijstand_uwv = 0;
    for (std::size_t i = 0; i < st.persons.size(); ++i) {
        const auto& r = st.persons.rec[i];
        n[int(r.origin)] += 1;
        const bool day = st.persons.status[i] == Status::dagbesteding;
        if (r.origin == Origin::doelgroep) {
            doelgroep_day += day;
            doelgroep_municipal += st.persons.has(i, kMunicipalBenefit);
        }
        if (r.origin == Origin::bijstand) {
            bijstand_day += day;
            bijstand_by_region[r.municipality] += 1;  // the tiny world: municipality r is region r
            bijstand_uwv += st.persons.has(i, kMunicipalBenefit) ? 0 : 1;
        }
        if (r.origin == Origin::beschut_advice) advices += st.persons.has(i, kBeschutAdvice);
        wsw += is_wsw(st.persons.status[i]) ? 1 : 0;
    }
    CHECK(double(inflow) == n[int(Origin::doelgroep)] + n[int(Origin::bijstand)] + n[int(Origin::beschut_advice)]);
    CHECK(std::abs(n[int(Origin::doelgroep)] - 6000) < 4 * std::sqrt(6000.0));
    CHECK(std::abs(n[int(Origin::bijstand)] - 9000) < 4 * std::sqrt(9000.0));
    CHECK(std::abs(n[int(Origin::beschut_advice)] - 1200) < 4 * std::sqrt(1200.0));
    CHECK(n[int(Origin::wsw)] + n[int(Origin::wsw_waitlist)] == 0);
    CHECK(wsw == 0);  // the Wsw takes nobody new
    CHECK(bijstand_uwv == 0);  // new bijstand is the municipality's
    CHECK(advices == n[int(Origin::beschut_advice)]);
    // Spread by population 15-64 (1:2:3).
    for (std::size_t r = 0; r < 3; ++r) {
        const double want = 9000 * double(r + 1) / 6.0;
        CHECK(std::abs(bijstand_by_region[r] - want) < 4 * std::sqrt(want));
    }
    // First status and benefit. Activation from dagbesteding (2 % a year) moves a few: a loose bound.
    const double nd = n[int(Origin::doelgroep)], nb = n[int(Origin::bijstand)];
    CHECK(std::abs(doelgroep_day - 0.3 * nd) < four_sigma(nd, 0.3) + 0.02 * nd);
    CHECK(std::abs(bijstand_day - 0.6 * nb) < four_sigma(nb, 0.6) + 0.02 * nb);
    CHECK(std::abs(doelgroep_municipal - 0.25 * nd) < four_sigma(nd, 0.25));
}

TEST_CASE("zero inflow: nobody enters and the population only shrinks", "[unit][process]") {
    const auto rd = tiny_regions();
    auto sc = tiny_scenario();
    sc.inflow.doelgroep.per_year = sc.inflow.bijstand.per_year = sc.inflow.beschut_advices.per_year = YearSeries(0.0);
    const auto m = context(sc, rd);
    State st = init_state(m);
    MonthAccounts acc;
    auto last = st.persons.size();
    for (int k = 0; k < 12; ++k) {
        step_month(m, st, acc);
        REQUIRE(sum(acc, Flow::inflow) == 0);
        std::size_t alive = 0;
        for (std::size_t i = 0; i < st.persons.size(); ++i) alive += st.persons.alive(i) ? 1 : 0;
        REQUIRE(alive <= last);
        last = alive;
    }
    CHECK(total(st, Status::beschut) == 0);  // no advices, no beschut workers
}
