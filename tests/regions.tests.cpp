#include <catch2/catch.hpp>

#include <array>
#include <algorithm>
#include <numeric>
#include <string>
#include <string_view>
#include <vector>

#include "swsim/core/error.hpp"
#include "swsim/region/csv.hpp"
#include "swsim/region/graph.hpp"
#include "swsim/region/regions.hpp"
#include "swsim/run/inputs.hpp"

using namespace swsim;

namespace {

const std::string kData = SWSIM_SOURCE_DIR "/scenarios/data/";
const std::string kBad = SWSIM_SOURCE_DIR "/tests/data/regions/";

RegionFiles real_files(CommutingParams params = {}) {
    return {kData + "regions_2015.csv", kData + "region_adjacency.csv", kData + "municipalities_2015.csv",
            kData + "company_municipalities.csv", params};
}

const RegionData& real_data() {
    static const RegionData data = load_region_data(real_files());
    return data;
}

RegionIndex at(const RegionData& data, const std::string& name) {
    const int i = data.find(name);
    REQUIRE(i >= 0);
    return static_cast<RegionIndex>(i);
}

// The diagnostics of a load that must fail.
std::vector<Diagnostic> errors_of(const RegionFiles& files) {
    try {
        load_region_data(files);
    } catch (const ScenarioError& e) {
        return e.diagnostics();
    }
    FAIL("the load did not fail");
    return {};
}

// Loads the real files with one of them replaced by a variant from tests/data/regions/ and
// checks that a diagnostic with this file, line, column, key and message was reported, and that
// the one broken rule did not cascade into more than `count` diagnostics.
void expect_error(std::string RegionFiles::*which, const std::string& variant, int line, int col,
                  const std::string& key, const std::string& message, std::size_t count = 1) {
    auto files = real_files();
    files.*which = kBad + variant;
    const auto diags = errors_of(files);
    INFO(ScenarioError(diags).what());
    CHECK(diags.size() == count);
    const auto hit = std::find_if(diags.begin(), diags.end(), [&](const Diagnostic& d) {
        return d.file == kBad + variant && d.line == line && d.col == col && d.key == key &&
               d.message == message;
    });
    CHECK(hit != diags.end());
}

double column_sum(const RegionData& data, double Region::*member) {
    return std::accumulate(data.regions.begin(), data.regions.end(), 0.0,
                           [&](double sum, const Region& r) { return sum + r.*member; });
}

}  // namespace

// ---------------------------------------------------------------- the real data

TEST_CASE("the real region data has 35 regions whose totals match PROVENANCE.md", "[unit][regions]") {
    const auto& data = real_data();
    REQUIRE(data.size() == kRegionCount);
    for (std::size_t i = 0; i < data.size(); ++i) CHECK(data.regions[i].id == static_cast<int>(i) + 1);
    CHECK(column_sum(data, &Region::wsw_persons_2015) == 96370);
    CHECK(column_sum(data, &Region::wsw_persons_2016) == 91260);
    CHECK(column_sum(data, &Region::bijstand_persons) == 496250);
    CHECK(column_sum(data, &Region::population_total) == 16979120);
    CHECK(data.borders.size() == 77);
}

TEST_CASE("regions are found by CBS code or name, ignoring case", "[unit][regions]") {
    const auto& data = real_data();
    CHECK(data.find("AM01") == 0);
    CHECK(data.find("groningen") == 0);
    CHECK(data.find("AM36") == data.find("Regio Zwolle"));  // renumbered code (AM04 in 2015)
    CHECK(data.find("Zuid-Limburg") == 34);
    CHECK(data.find("Atlantis") == -1);
}

TEST_CASE("the 393 municipalities sum to their regions and each belongs to one of 74 companies", "[unit][regions]") {
    const auto& data = real_data();
    REQUIRE(data.municipalities.size() == 393);
    CHECK(data.companies.size() == 74);
    std::vector<double> wsw(data.size(), 0.0), bijstand(data.size(), 0.0), population(data.size(), 0.0);
    std::vector<int> members(data.companies.size(), 0);
    std::array<int, 3> confidence{};  // S, K, E
    for (std::size_t m = 0; m < data.municipalities.size(); ++m) {
        const Municipality& mun = data.municipalities[m];
        wsw[mun.region] += mun.wsw_persons;
        bijstand[mun.region] += mun.bijstand_persons;
        population[mun.region] += mun.population_15_64;
        ++members[mun.company];
        ++confidence[std::string_view("SKE").find(mun.confidence)];
        const auto& list = data.companies[mun.company].members;
        CHECK(std::count(list.begin(), list.end(), m) == 1);
    }
    for (std::size_t r = 0; r < data.size(); ++r) {
        CHECK(wsw[r] == data.regions[r].wsw_persons_2015);
        CHECK(bijstand[r] == data.regions[r].bijstand_persons);
        CHECK(population[r] == data.regions[r].population_15_64);
    }
    for (std::size_t c = 0; c < data.companies.size(); ++c) CHECK(members[c] == int(data.companies[c].members.size()));
    CHECK(confidence == std::array<int, 3>{104, 59, 230});
    CHECK(std::count_if(data.companies.begin(), data.companies.end(), [](const Company& c) { return c.placeholder; }) == 28);
    // Lucrato serves Apeldoorn and Epe (Stedendriehoek) and Heerde (Regio Zwolle): at home where most
    // of its Wsw residents live.
    const auto& lucrato = data.companies[static_cast<std::size_t>(data.find_company("felua_lucrato"))];
    CHECK(lucrato.members.size() == 3);
    CHECK(lucrato.home_region == at(data, "Stedendriehoek en Noordwest Veluwe"));
    CHECK(data.municipalities[static_cast<std::size_t>(data.find_municipality("GM0246"))].region == at(data, "Regio Zwolle"));
    CHECK(data.find_company("no_such_company") == -1);
    CHECK(data.find_municipality("GM9999") == -1);
}

TEST_CASE("without municipality files each region is one municipality and one company", "[unit][regions]") {
    auto files = real_files();
    files.municipalities_csv.clear();
    files.companies_csv.clear();
    const RegionData data = load_region_data(files);
    REQUIRE(data.municipalities.size() == kRegionCount);
    REQUIRE(data.companies.size() == kRegionCount);
    for (std::size_t r = 0; r < kRegionCount; ++r) {
        CHECK(data.municipalities[r].region == r);
        CHECK(data.municipalities[r].company == r);
        CHECK(data.municipalities[r].wsw_persons == data.regions[r].wsw_persons_2015);
        CHECK(data.companies[r].members == std::vector<MunicipalityIndex>{static_cast<MunicipalityIndex>(r)});
    }
    files.companies_csv = kData + "company_municipalities.csv";  // one without the other
    const auto diags = errors_of(files);
    REQUIRE(diags.size() == 1);
    CHECK(diags[0].key == "regions.municipalities_csv");
}

TEST_CASE("the region graph is connected and hops are symmetric shortest paths", "[unit][regions]") {
    const auto& data = real_data();
    const auto n = data.size();
    const auto component = border_components(n, data.borders);
    CHECK(std::all_of(component.begin(), component.end(), [](int c) { return c == 0; }));
    for (std::size_t a = 0; a < n; ++a) {
        CHECK(data.hops[a * n + a] == 0);
        for (std::size_t b = 0; b < n; ++b) {
            CHECK(data.hops[a * n + b] == data.hops[b * n + a]);
            CHECK(data.hops[a * n + b] >= (a == b ? 0 : 1));
        }
    }
    for (const auto& border : data.borders) CHECK(data.hops[border.a * n + border.b] == 1);
    CHECK(data.hops[at(data, "Groningen") * n + at(data, "Noord-Holland Noord")] == 2);
}

TEST_CASE("commuting weights are symmetric, 1 on the diagonal and follow the product rule",
          "[unit][regions]") {
    const auto& data = real_data();
    const CommutingParams p;
    const auto n = data.size();
    for (RegionIndex a = 0; a < n; ++a) {
        CHECK(data.weight(a, a) == 1.0);
        for (RegionIndex b = 0; b < n; ++b) {
            CHECK(data.weight(a, b) == data.weight(b, a));  // exactly
            CHECK((data.weight(a, b) > 0) == (data.hops[a * n + b] <= p.max_hops));
        }
    }
    // Neighbours over a land border: exactly the land weight.
    CHECK(data.weight(at(data, "Groningen"), at(data, "Drenthe")) == p.land_weight);
    // Two hops, only via Friesland: land x fixed link (Afsluitdijk) x one extra-hop decay.
    CHECK(data.weight(at(data, "Groningen"), at(data, "Noord-Holland Noord")) ==
          Approx(p.land_weight * p.fixed_link_weight * p.decay_per_extra_hop));
    // Beyond max_hops (2): nothing.
    CHECK(data.hops[at(data, "Groningen") * n + at(data, "Zuid-Limburg")] > p.max_hops);
    CHECK(data.weight(at(data, "Groningen"), at(data, "Zuid-Limburg")) == 0.0);
}

TEST_CASE("neighbour lists hold the other regions with a positive weight, by index", "[unit][regions]") {
    const auto& data = real_data();
    for (RegionIndex a = 0; a < data.size(); ++a) {
        std::vector<std::pair<RegionIndex, double>> expected;
        for (RegionIndex b = 0; b < data.size(); ++b)
            if (b != a && data.weight(a, b) > 0) expected.emplace_back(b, data.weight(a, b));
        CHECK(data.neighbours[a] == expected);
    }
}

TEST_CASE("the best path can be a detour, and max_hops sets the reach", "[unit][regions]") {
    auto data = real_data();
    const auto n = data.size();
    const auto flevoland = at(data, "Flevoland");
    const auto amsterdam = at(data, "Groot Amsterdam");
    CommutingParams p;
    p.water_weight = 0.01;  // weaker than the detour over the Gooi: fixed link, land, one decay
    compute_commuting(data, p);
    CHECK(data.weight(flevoland, amsterdam) ==
          Approx(p.fixed_link_weight * p.land_weight * p.decay_per_extra_hop));

    auto reached = [&](int max_hops) {
        CommutingParams q;
        q.max_hops = max_hops;
        compute_commuting(data, q);
        for (std::size_t i = 0; i < n * n; ++i)
            REQUIRE((data.commuting[i] > 0) == (data.hops[i] <= max_hops));
        return std::count_if(data.commuting.begin(), data.commuting.end(), [](double w) { return w > 0; });
    };
    const auto diameter = *std::max_element(data.hops.begin(), data.hops.end());
    CHECK(reached(0) == static_cast<long>(n));
    CHECK(reached(1) == static_cast<long>(n + 2 * data.borders.size()));
    CHECK(reached(1) < reached(2));
    CHECK(reached(2) < reached(3));
    CHECK(reached(diameter) == static_cast<long>(n * n));
    CHECK(data.weight(at(data, "Groningen"), at(data, "Zuid-Limburg")) > 0);
}

TEST_CASE("a BOM, LF line ends, no final newline and quoted commas read like the real file",
          "[unit][regions]") {
    auto files = real_files();
    files.regions_csv = kBad + "regions_quoted_bom.csv";
    const auto data = load_region_data(files);
    REQUIRE(data.size() == real_data().size());
    for (std::size_t i = 0; i < data.size(); ++i) {
        const auto& [x, y] = std::tie(data.regions[i], real_data().regions[i]);
        CHECK(std::tie(x.id, x.cbs_code, x.name, x.population_total, x.wsw_persons_2015,
                       x.bijstand_persons_2016) == std::tie(y.id, y.cbs_code, y.name, y.population_total,
                                                            y.wsw_persons_2015, y.bijstand_persons_2016));
    }
}

// ---------------------------------------------------------------- CSV reading

TEST_CASE("CSV cells keep quotes, commas, line breaks and their position", "[unit][regions]") {
    std::vector<Diagnostic> diags;
    const auto t = parse_csv(
        "\xEF\xBB\xBF"
        "a,b\r\n1,\"x, \"\"y\"\"\"\r\n\r\n\"two\nlines\",é\r\n3,4",
        "t.csv", diags);
    REQUIRE(diags.empty());
    REQUIRE(t.rows.size() == 3);
    CHECK(t.column("b") == 1u);
    CHECK(!t.column("c"));
    CHECK(t.rows[0][1].text == "x, \"y\"");
    CHECK((t.rows[0][1].line == 2 && t.rows[0][1].col == 3));
    CHECK(t.rows[1][0].text == "two\nlines");
    CHECK((t.rows[1][1].line == 5 && t.rows[1][1].col == 8));
    CHECK((t.rows[2][1].text == "4" && t.rows[2][1].line == 6));
}

TEST_CASE("malformed CSV rows are reported with their line", "[unit][regions]") {
    std::vector<Diagnostic> diags;
    const auto t = parse_csv("a,b\n1\n\"x\"y,2\n", "t.csv", diags);
    CHECK(t.rows.empty());
    REQUIRE(diags.size() == 2);
    CHECK(format_diagnostic(diags[0]) == "t.csv:2: error: row has 1 fields, the header has 2");
    CHECK(format_diagnostic(diags[1]) == "t.csv:3:4: error: unexpected character after a closing quote");
}

// ---------------------------------------------------------------- bad data, one file per rule

TEST_CASE("a missing data file is reported with its path", "[unit][regions]") {
    auto files = real_files();
    files.companies_csv = kBad + "no_such_file.csv";
    const auto diags = errors_of(files);
    REQUIRE(diags.size() == 1);
    CHECK(format_diagnostic(diags[0]) == kBad + "no_such_file.csv: error: file not found");
}

TEST_CASE("bad regions files are reported at the offending cell", "[unit][regions]") {
    const auto regions = &RegionFiles::regions_csv;
    expect_error(regions, "regions_duplicate_code.csv", 6, 3, "cbs_code",
                 "'AM01' is used twice (first on line 2)");
    expect_error(regions, "regions_duplicate_id.csv", 9, 1, "id", "id 4 is used twice (first on line 5)");
    expect_error(regions, "regions_duplicate_name.csv", 12, 9, "name",
                 "'groningen' is used twice (first on line 2)");
    expect_error(regions, "regions_id_out_of_range.csv", 36, 1, "id", "36 is outside 1..35");
    expect_error(regions, "regions_bad_code.csv", 3, 3, "cbs_code",
                 "'A02' is not a CBS region code (AM01 ... AM99)");
    expect_error(regions, "regions_not_a_number.csv", 7, 64, "wsw_persons", "'abc' is not a number");
    expect_error(regions, "regions_negative.csv", 20, 57, "bijstand_persons", "-5 is negative");
    expect_error(regions, "regions_population_huge.csv", 5, 28, "population_total",
                 "1e12 is more than 20000000 persons (the Netherlands has about 18 million)");
    expect_error(regions, "regions_34_rows.csv", 0, 0, "", "expected 35 regions, found 34 rows");
    expect_error(regions, "regions_missing_column.csv", 1, 0, "wsw_persons",
                 "required column 'wsw_persons' is missing from the header");
    expect_error(regions, "regions_short_row.csv", 10, 0, "", "row has 16 fields, the header has 17", 2);
    expect_error(regions, "regions_unterminated_quote.csv", 36, 9, "", "unterminated quoted field", 2);
}

TEST_CASE("bad adjacency files are reported at the offending cell", "[unit][regions]") {
    const auto adjacency = &RegionFiles::adjacency_csv;
    expect_error(adjacency, "adjacency_unknown_name.csv", 3, 11, "region_b",
                 "unknown region 'Drente' (did you mean 'Drenthe'?)");
    expect_error(adjacency, "adjacency_self_loop.csv", 5, 11, "region_b", "'Friesland' cannot border itself");
    expect_error(adjacency, "adjacency_duplicate_pair.csv", 79, 1, "region_a",
                 "the pair Drenthe - Groningen is listed twice (first on line 3)");
    expect_error(adjacency, "adjacency_bad_type.csv", 10, 21, "type",
                 "'road' is not a border type (land, river, fixed_link, water)");
    expect_error(adjacency, "adjacency_bad_confidence.csv", 11, 54, "confidence",
                 "'certain' is not a confidence (high, medium, low)");
    expect_error(adjacency, "adjacency_disconnected.csv", 0, 0, "",
                 "the region graph is not connected: Zuid-Limburg cut off from the other 34 regions");
    expect_error(adjacency, "adjacency_missing_column.csv", 1, 0, "type",
                 "required column 'type' is missing from the header");
}

TEST_CASE("bad municipality files are reported at the offending cell", "[unit][regions]") {
    const auto municipalities = &RegionFiles::municipalities_csv;
    expect_error(municipalities, "municipalities_bad_code.csv", 5, 1, "gm_code",
                 "'G0123' is not a CBS municipality code (GM0001 ... GM9999)");
    expect_error(municipalities, "municipalities_unknown_region.csv", 8, 17, "region_id", "'36' is not a region id (1..35)");
    expect_error(municipalities, "municipalities_code_mismatch.csv", 3, 21, "cbs_am_code",
                 "'AM02' does not match region id 1 ('Groningen', AM01)");
    expect_error(municipalities, "municipalities_sum_mismatch.csv", 0, 0, "wsw_persons",
                 "the municipalities of region 1 (Groningen) sum to 7030, the regions file has 7020: the two files "
                 "must describe the same persons");
}

TEST_CASE("bad company membership files are reported at the offending cell", "[unit][regions]") {
    const auto companies = &RegionFiles::companies_csv;
    expect_error(companies, "companies_unknown_municipality.csv", 4, 1, "gm_code",
                 "unknown municipality 'GM9999' (not in the municipalities file)", 2);
    expect_error(companies, "companies_listed_twice.csv", 6, 1, "gm_code",
                 "'GM1680' is listed twice (first on line 2): a municipality belongs to one company", 2);
    expect_error(companies, "companies_two_names.csv", 4, 29, "company",
                 "company 'alescon' is named 'Alescon BV' on line 2");
    expect_error(companies, "companies_bad_confidence.csv", 3, 93, "confidence", "'X' is not a confidence (S, K or E)");
}

TEST_CASE("all problems of all files come in one error, in compiler format", "[unit][regions]") {
    RegionFiles files = real_files();
    files.regions_csv = kBad + "regions_not_a_number.csv";
    files.adjacency_csv = kBad + "adjacency_bad_type.csv";
    files.commuting.max_hops = -1;
    const auto diags = errors_of(files);
    CHECK(diags.size() == 3);
    try {
        load_region_data(files);
    } catch (const ScenarioError& e) {
        const std::string what = e.what();
        CHECK_THAT(what, Catch::Contains("error: regions.commuting.max_hops: -1 is negative"));
        CHECK_THAT(what, Catch::Contains(
                             "regions_not_a_number.csv:7:64: error: wsw_persons: 'abc' is not a number"));
        CHECK_THAT(what,
                   Catch::Contains("adjacency_bad_type.csv:10:21: error: type: 'road' is not a border type"));
    }
}

TEST_CASE("a data file's problems also name the scenario key that chose the file", "[unit][regions]") {
    // bad_region_data.yaml points regions_csv and adjacency_csv at two of the variants above.
    const std::string scenario = SWSIM_SOURCE_DIR "/tests/data/scenario/bad_region_data.yaml";
    std::vector<Diagnostic> diags;
    try {
        load_inputs(scenario);
    } catch (const ScenarioError& e) {
        diags = e.diagnostics();
    }
    INFO(ScenarioError(diags).what());
    REQUIRE(diags.size() == 2);
    // At the scenario's key; the data file's own line and column (and column name) in the message.
    CHECK(diags[0].file == scenario);
    CHECK(diags[0].line == 5);
    CHECK(diags[0].col == 16);
    CHECK(diags[0].key == "regions.regions_csv");
    CHECK_THAT(diags[0].message, Catch::StartsWith("in ") &&
                                     Catch::EndsWith("tests/data/regions/regions_not_a_number.csv:7:64: "
                                                     "wsw_persons: 'abc' is not a number"));
    CHECK_THAT(format_diagnostic(diags[1]),
               Catch::Contains("bad_region_data.yaml:6:18: error: regions.adjacency_csv: in ") &&
                   Catch::EndsWith("tests/data/regions/adjacency_bad_type.csv:10:21: type: 'road' is not a "
                                   "border type (land, river, fixed_link, water)"));
}
