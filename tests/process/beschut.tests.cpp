// Beschut werk: the places of a region (taakstelling x population share x realisation, higher where
// the company runs the beschut facility), filled from the waiting list longest waiting first.
#include <catch2/catch.hpp>

#include <cmath>

#include "process/world.hpp"
#include "swsim/process/beschut.hpp"
#include "swsim/run/run.hpp"

using namespace swsim;
using namespace swsim::test;

namespace {
Scenario beschut_scenario() {
    auto sc = empty_scenario();
    sc.policy.beschut.taakstelling_places = YearSeries({{2015, 1600}, {2016, 3200}});
    sc.policy.beschut.outside_realisation_share = YearSeries({{2015, 0.4}, {2016, 0.5}});
    sc.policy.company.beschut_facility.realisation_share = YearSeries(0.9);
    return sc;
}
}  // namespace

TEST_CASE("beschut: a region's places are taakstelling x population share x realisation", "[unit][process][lever]") {
    const auto w = world(beschut_scenario());
    const auto par = beschut::params(w->sc);
    CompanyFunctions outside{};
    CompanyFunctions facility = all_functions();
    CompanyFunctions company_without_facility = all_functions();
    company_without_facility.beschut_facility = false;
    // Region AM03 holds half of the population 15-64, AM01 a sixth.
    CHECK(beschut::municipal_places(par, w->ctx(), facility, 2, 2016) == Approx(3200 * 0.5 * 0.9).epsilon(1e-12));
    CHECK(beschut::municipal_places(par, w->ctx(), outside, 2, 2016) == Approx(3200 * 0.5 * 0.5).epsilon(1e-12));
    CHECK(beschut::municipal_places(par, w->ctx(), company_without_facility, 2, 2016) ==
          Approx(3200 * 0.5 * 0.5).epsilon(1e-12));
    CHECK(beschut::municipal_places(par, w->ctx(), outside, 0, 2015) == Approx(1600 / 6.0 * 0.4).epsilon(1e-12));
    CHECK(beschut::municipal_places(par, w->ctx(), facility, 0, 2015) == Approx(1600 / 6.0 * 0.9).epsilon(1e-12));
}

TEST_CASE("beschut: free places go to the longest waiting, never beyond the places", "[unit][process][lever]") {
    auto sc = beschut_scenario();
    sc.policy.beschut.taakstelling_places = YearSeries(72);  // AM01: 12 x realisation
    for (const bool facility : {false, true}) {
        INFO("facility " << facility);
        auto w = world(sc);
        State& st = w->st;
        st.policy[0] = facility ? all_functions() : CompanyFunctions{};
        add_person(st, 0, Status::beschut, 0.3f);
        add_person(st, 0, Status::beschut, 0.3f);
        std::vector<std::size_t> waiting;
        for (int k = 0; k < 20; ++k) {
            const auto i = add_person(st, 0, Status::seeking, 0.3f, 24, kBeschutAdvice);
            st.persons.rec[i].status_since = st.now.index - 20 + k;  // the first waited longest
            start_spell(w->ctx(), st, i, st.now.index);
            waiting.push_back(i);
        }
        MonthAccounts acc(w->rd.size());
        beschut::step(beschut::params(sc), w->ctx(), st, acc);
        // Places in whole places by largest remainder over the three companies (72 x 1/6, 2/6, 3/6 x
        // 0.4 outside, x 0.9 for AM01's facility): 11 of 10.8 with the facility (34 of 34.8 in all),
        // 5 of 4.8 outside (28 of 28.8); 2 taken.
        const std::int64_t placed = facility ? 9 : 3;
        CHECK(acc[0][Flow::beschut_placements] == placed);
        CHECK(count(st, 0, Status::beschut) == placed + 2);
        for (std::size_t k = 0; k < waiting.size(); ++k)
            CHECK((st.persons.status[waiting[k]] == Status::beschut) == (std::int64_t(k) < placed));
    }
}

TEST_CASE("beschut: with the facility alone, the places realised are the facility's share", "[unit][process][lever]") {
    // Far more advices than places: at the end of the year every place is taken, in both modes.
    auto sc = beschut_scenario();
    sc.inflow.beschut_advices.per_year = YearSeries(10.0);
    sc.policy.beschut.taakstelling_places = YearSeries(1601);  // no product within rounding of a whole place
    sc.simulation.end = Month::of(2015, 12);
    const auto rd = tiny_regions();
    auto facility = bare_ontwikkelbedrijf(sc);
    facility.policy.company.beschut_facility.enabled = true;
    auto facility_off = bare_ontwikkelbedrijf(sc);
    const double realised_facility = nl(run_scenario(facility, rd, 0), 2015).status(Status::beschut);
    const double realised_outside = nl(run_scenario(sc, rd, 0), 2015).status(Status::beschut);
    const double realised_off = nl(run_scenario(facility_off, rd, 0), 2015).status(Status::beschut);
    // 1601 x {1/6, 1/3, 1/2} x 0.9 and x 0.4, in whole places by largest remainder: 240.2, 480.3
    // and 720.5 make 1440; 106.7, 213.5 and 320.2 make 640 (107 + 213 + 320).
    CHECK(realised_facility == 240 + 480 + 720);
    CHECK(realised_outside == 107 + 213 + 320);
    CHECK(realised_off == realised_outside);
}

TEST_CASE("no beschut places: advices wait and nobody works in beschut", "[unit][process]") {
    const auto rd = tiny_regions();
    auto sc = with_ontwikkelbedrijf(tiny_scenario());
    sc.policy.beschut.taakstelling_places = YearSeries(0.0);
    const auto run = run_scenario(sc, rd, 0);
    CHECK(nl(run, 2017).status(Status::beschut) == 0);
    CHECK(nl(run, 2017).flow(Flow::beschut_placements) == 0);
}

TEST_CASE("beschut placements never exceed the places", "[unit][process]") {
    const auto rd = tiny_regions();
    auto sc = tiny_scenario();
    sc.inflow.beschut_advices.per_year = YearSeries(5.0);  // far more advices than places
    sc.policy.beschut.taakstelling_places = YearSeries(100);
    sc.policy.beschut.outside_realisation_share = YearSeries(1.0);
    const auto run = run_scenario(sc, rd, 0);
    for (const auto& r : run.records) {
        if (r.region == "NL") continue;
        // Whole places by largest remainder: the share rounded down, or up for the largest remainders.
        const auto& reg = rd.regions[std::size_t(rd.find(r.region))];
        const double places = std::ceil(100 * reg.population_15_64 / 600000);
        REQUIRE(r.status(Status::beschut) <= places);
    }
    for (const auto& r : run.records)
        if (r.region == "NL") REQUIRE(r.status(Status::beschut) <= 100);
    CHECK(nl(run, 2017).status(Status::beschut) >= 97);  // 16 + 33 + 50 places, all filled
}

TEST_CASE("beschut: those waiting seek regular work only where the scenario says so", "[unit][process][lever]") {
    // 3,000 seekers with an advice and no beschut places, vacancies for all: without the key nobody
    // of them is in matching (and nobody is placed); with it they are on both lists, and those
    // placed in a regular job leave the beschut queue.
    for (const bool also_seek : {false, true}) {
        INFO("waiting_also_seek " << also_seek);
        auto sc = beschut_scenario();
        sc.policy.beschut.taakstelling_places = YearSeries(0.0);
        sc.policy.beschut.waiting_also_seek = also_seek;
        sc.behaviour.matching.vacancies_per_1000_pop_15_64_per_year = YearSeries(60.0);
        auto w = world(sc);
        State& st = w->st;
        for (int k = 0; k < 3000; ++k) {
            add_scheduled(*w, std::size_t(k % 3), Status::seeking, 0.5f, 36, kBeschutAdvice);
        }
        CHECK(st.monthly.size() == (also_seek ? 3000u : 0u));
        std::size_t queued = 0;
        for (const auto& q : st.beschut_queue) queued += q.size();
        CHECK(queued == 3000);
        MonthAccounts acc;
        for (int m = 0; m < 3; ++m) step_month(w->m, st, acc);
        const auto working = total(st, Status::regular) + total(st, Status::regular_lks);
        if (also_seek) {
            CHECK(working > 300);
            CHECK(total(st, Status::seeking) == 3000 - working);
        } else {
            CHECK(working == 0);
        }
        CHECK(total(st, Status::beschut) == 0);
    }
}
