#include <catch2/catch.hpp>

#include "swsim/core/series.hpp"

using swsim::YearSeries;

TEST_CASE("year series interpolates between given years and holds flat outside", "[unit]") {
    const YearSeries s({{2015, 26000}, {2020, 22700}, {2030, 22700}});
    CHECK(s.at(2010) == 26000);
    CHECK(s.at(2015) == 26000);
    CHECK(s.at(2016) == Approx(26000 - 660));
    CHECK(s.at(2020) == 22700);
    CHECK(s.at(2025) == 22700);
    CHECK(s.at(2060) == 22700);
    CHECK(s.min_value() == 22700);
    CHECK(s.max_value() == 26000);
}

TEST_CASE("a one-point series is constant", "[unit]") {
    const YearSeries s(0.175);
    CHECK(s.at(1900) == 0.175);
    CHECK(s.at(2100) == 0.175);
}
