// The base population: stocks and regional shares as the scenario and the regions file give them,
// the first statuses, and stable ids.
#include <catch2/catch.hpp>

#include <cmath>

#include "process/world.hpp"
#include "swsim/process/population.hpp"

using namespace swsim;
using namespace swsim::test;

TEST_CASE("the base population matches the scenario's stocks and regional shares", "[unit][process]") {
    const auto rd = tiny_regions();
    const auto sc = tiny_scenario();
    const auto st = init_state(context(sc, rd));
    const double wsw = double(total(st, Status::wsw_intern) + total(st, Status::wsw_detached) +
                              total(st, Status::wsw_begeleid));
    CHECK(wsw == Approx(600).margin(2));
    // Regions hold 1:2:3 of the Wsw stock (the regions file's Wsw column).
    const auto in_region = [&](std::size_t r) {
        return count(st, r, Status::wsw_intern) + count(st, r, Status::wsw_detached) + count(st, r, Status::wsw_begeleid);
    };
    CHECK(in_region(0) == Approx(100).margin(1));
    CHECK(in_region(2) == Approx(300).margin(1));
    CHECK(double(total(st, Status::wsw_detached)) / wsw == Approx(0.304).margin(0.06));
    std::int64_t all = 0;
    for (const auto& c : st.counts)
        for (auto v : c) all += v;
    CHECK(double(all) == Approx(600 + 60 + 1200 + 2400).margin(4));
    // Person ids are 0..N-1, each once.
    for (std::size_t i = 0; i < st.persons.size(); ++i) REQUIRE(st.persons.rec[i].id == i);
}

TEST_CASE("the base population: working, LKS and dagbesteding shares of the doelgroep", "[unit][process]") {
    auto sc = empty_scenario();
    sc.population.doelgroep_persons = 60000;
    sc.population.doelgroep_working_share = 0.25;
    sc.population.doelgroep_lks_share_of_working = 0.3;
    sc.population.doelgroep_dagbesteding_share = 0.3;
    const auto w = world(sc);
    const auto& st = w->st;
    const double n = double(st.persons.size());
    REQUIRE(n == Approx(60000).margin(3));
    const double lks = double(total(st, Status::regular_lks)), regular = double(total(st, Status::regular));
    CHECK(std::abs(lks - 0.075 * n) < four_sigma(n, 0.075));
    CHECK(std::abs(regular - 0.175 * n) < four_sigma(n, 0.175));
    CHECK(std::abs(double(total(st, Status::dagbesteding)) - 0.3 * n) < four_sigma(n, 0.3));
    // Spread by population 15-64 (1:2:3).
    std::int64_t first = 0;
    for (int s = 0; s < kStatusCount; ++s) first += st.counts[0][std::size_t(s)];
    CHECK(double(first) == Approx(10000).margin(2));
}
