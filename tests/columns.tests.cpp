// The output column table (output/columns.hpp): every status, flow, money line and place of a
// YearRecord has exactly one column, names are unique, the key metrics of the headline and the
// report name existing columns, and the one CSV number format writes NA and never "-0".
#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <set>
#include <string>

#include "swsim/output/columns.hpp"
#include "swsim/report/inputs.hpp"

using namespace swsim;

TEST_CASE("every part of a year's record has exactly one output column", "[unit]") {
    std::set<std::string> names;
    for (const Column& c : output_columns()) {
        INFO(c.name);
        CHECK(names.insert(c.name).second);
        CHECK(std::string(c.label).size() > 0);
        CHECK(std::string(c.xlsx_format).size() > 0);
    }
    // A record where every part has its own value: each status, flow, line and place column must
    // read its own part (a column that reads a neighbour's gives the wrong number here).
    YearRecord r;
    r.months = 1;
    for (int i = 0; i < kStatusCount; ++i) r.persons[i] = 1000 + i;
    for (int i = 0; i < kFlowCount; ++i) r.flows[i] = 2000 + i;
    for (int i = 0; i < kMoneyCount; ++i) r.money[i] = 3000 + i;
    for (int i = 0; i < kPlaceCount; ++i) r.places[i] = 4000 + i;
    auto value = [&](std::string_view name) {
        const Column* c = find_column(name);
        REQUIRE(c);
        return c->value(r);
    };
    for (int i = 0; i < kStatusCount; ++i) CHECK(value(kStatusNames[i]) == 1000 + i);
    for (int i = 0; i < kFlowCount; ++i) CHECK(value(kFlowNames[i]) == 2000 + i);
    for (int i = 0; i < kMoneyCount; ++i) CHECK(value(kMoneyNames[i]) == 3000 + i);
    for (int i = 0; i < kPlaceCount; ++i) CHECK(value(kPlaceNames[i]) == 4000 + i);
    CHECK(value("wsw") == r.wsw());
    CHECK(value("municipal_net_cost") == r.municipal_net_cost());
    CHECK(yearly_columns().size() == 4 + output_columns().size());
}

TEST_CASE("the key metrics name columns, and the report reads those by name", "[unit]") {
    for (const KeyMetric& m : key_metrics())
        for (const char* c : m.columns) {
            INFO(m.key << ": " << c);
            CHECK(find_column(c) != nullptr);
            CHECK(report_columns()[report_column(c)] == c);
        }
    CHECK_THROWS(report_column("no_such_column"));
    CHECK(std::string(xlsx_format_of("wsw_places")) == "#,##0.0");
    CHECK(std::string(xlsx_format_of("municipal net cost (EUR mln)")) == "#,##0.0");
    CHECK(std::string(xlsx_format_of("wsw")) == "#,##0");
}

TEST_CASE("one CSV number format: fixed decimals, NA, no -0", "[unit]") {
    CHECK(format_csv_number(1234.5678, 0) == "1235");
    CHECK(format_csv_number(1234.5678, 3) == "1234.568");
    CHECK(format_csv_number(-0.0, 2) == "0.00");
    CHECK(format_csv_number(std::numeric_limits<double>::quiet_NaN(), 1) == "NA");
    std::string row = "x";
    append_csv_number(row, 2.26, 1);
    append_csv_number(row, std::nan(""), 0);
    CHECK(row == "x,2.3,NA");
}
