// The scenario layer: shipped files load, every bad-input rule reports its message at the right
// file, line and column, extends merges key by key, and the texts made from the schema are stable.

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <fmt/format.h>

#include "swsim/run/cohorts.hpp"
#include "swsim/run/inputs.hpp"
#include "swsim/run/run.hpp"
#include "swsim/scenario/load.hpp"
#include "swsim/scenario/schema.hpp"

using namespace swsim;

namespace {

const std::string kSource = SWSIM_SOURCE_DIR;

std::string shipped(const std::string& name) { return kSource + "/scenarios/" + name; }
std::string bad(const std::string& name) { return kSource + "/tests/data/scenario/" + name; }

std::string read_text(const std::string& path) {
    std::ifstream in(path);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

std::vector<Diagnostic> errors_of(const std::string& path, LoadOptions options = {}) {
    try {
        load_scenario(path, options);
    } catch (const ScenarioError& e) {
        return e.diagnostics();
    }
    FAIL("expected " << path << " to be rejected");
    return {};
}

std::string listing(const std::vector<Diagnostic>& ds) {
    std::string s;
    for (const auto& d : ds) s += format_diagnostic(d) + "\n";
    return s;
}

// The one diagnostic for `key`; checks where it points and what it says.
void expect(const std::vector<Diagnostic>& ds, const std::string& key, const std::string& file, int line,
            int col, const std::string& says) {
    INFO("diagnostics:\n" << listing(ds));
    const auto n = std::count_if(ds.begin(), ds.end(), [&](const Diagnostic& d) { return d.key == key; });
    REQUIRE(n == 1);
    const auto& d = *std::find_if(ds.begin(), ds.end(), [&](const Diagnostic& x) { return x.key == key; });
    CHECK(d.file.ends_with(file));
    CHECK(d.line == line);
    CHECK(d.col == col);
    CHECK_THAT(d.message, Catch::Contains(says));
}

}  // namespace

// ------------------------------------------------------------------ shipped scenarios

TEST_CASE("the shipped scenarios load and resolve as documented", "[scenario]") {
    const Scenario base = load_scenario(shipped("base.yaml"));
    const Scenario sterf = load_scenario(shipped("sterfhuis.yaml"));
    const Scenario ontw = load_scenario(shipped("ontwikkelbedrijf.yaml"));

    CHECK(base.simulation.name == "base");  // the file's stem
    CHECK(sterf.simulation.name == "sterfhuis");
    CHECK(ontw.simulation.name == "ontwikkelbedrijf");
    CHECK(base.simulation.start == Month::of(2015, 1));
    CHECK(base.simulation.end == Month::of(2040, 12));
    CHECK(base.simulation.seed == 20150101u);
    CHECK(sterf.policy.company.mode == CompanyMode::sterfhuis);
    CHECK(ontw.policy.company.mode == CompanyMode::ontwikkelbedrijf);
    // Both are counterfactuals of the observed baseline from 2020: its realised history before.
    const Scenario obs = load_scenario(shipped("observed.yaml"));
    for (const Scenario* s : {&obs, &sterf, &ontw}) {
        CHECK(s->policy.company.switch_year == 2020);
        CHECK(s->policy.company.realised.mode_by_region.size() == 16);
        CHECK(s->policy.company.realised.detachering);
        CHECK_FALSE(s->policy.company.realised.matching);
    }
    CHECK(ontw.policy.company.switch_year_of("alescon") == 2020);
    CHECK(ontw.policy.company.mode_of("alescon", "AM01") == CompanyMode::ontwikkelbedrijf);

    // Year series: linear between given years, flat before the first and after the last.
    const auto& rb = base.policy.money.rijksbijdrage_euro_per_se;
    CHECK(rb.at(2010) == Approx(26000));
    CHECK(rb.at(2015) == Approx(25700));
    CHECK(rb.at(2018) == Approx(24050));
    CHECK(rb.at(2035) == Approx(22700));
    CHECK(base.inflow.doelgroep.absolute == false);
    CHECK(base.inflow.doelgroep.per_year.at(2030) == Approx(0.8));
    CHECK(base.population.wsw.hours_per_week == Approx(32));
    CHECK(base.inflow.beschut_entrant.age_max_years == 55);

    // Data paths are taken relative to base.yaml, stored absolute, whichever file was loaded.
    const std::string data = (std::filesystem::path(kSource) / "scenarios/data").lexically_normal().string();
    CHECK(base.regions.regions_csv == data + "/regions_2015.csv");
    CHECK(ontw.regions.adjacency_csv == data + "/region_adjacency.csv");
    CHECK(sterf.regions.municipalities_csv == data + "/municipalities_2015.csv");
    CHECK(sterf.regions.companies_csv == data + "/company_municipalities.csv");

    // Extra state money: the €63.9 mln once in 2024, then Cedris' €90 mln a year.
    const Scenario money = load_scenario(shipped("ontwikkelbedrijf_state_money.yaml"));
    const auto& sm = money.policy.state_money;
    CHECK(sm.matching_euro_per_year.at(2023) == 0);
    CHECK(sm.matching_euro_per_year.at(2024) == Approx(63.9e6));
    CHECK(sm.matching_euro_per_year.at(2030) + sm.employer_services_euro_per_year.at(2030) +
              sm.training_euro_per_year.at(2030) == Approx(90e6));
    CHECK(base.policy.state_money.matching_euro_per_year.at(2030) == 0);
}

TEST_CASE("base.yaml sets every schema key explicitly", "[scenario]") {
    // require_all_keys rejects any key that falls back to its default; base.yaml extends nothing,
    // so every key must be written in base.yaml itself.
    CHECK(read_text(shipped("base.yaml")).find("extends:") == std::string::npos);
    CHECK_NOTHROW(load_scenario(shipped("base.yaml"), {.require_all_keys = true}));
    // The check itself bites: a file that leaves out optional keys is rejected in that mode.
    const auto ds = errors_of(bad("missing_required.yaml"), {.require_all_keys = true});
    expect(ds, "simulation.scale", "missing_required.yaml", 1, 1, "missing key 'scale' in simulation (every key must be set explicitly)");
}

TEST_CASE("scenarios/README.md is the reference generated from the schema", "[scenario]") {
    const std::string path = shipped("README.md");
    const std::string generated = scenario_reference_markdown();
    if (std::getenv("SWSIM_WRITE_REFERENCE")) std::ofstream(path) << generated;
    INFO("scenarios/README.md is out of date with the schema (sim/scenario/schema.cpp). Regenerate it "
         "with `swsim reference > scenarios/README.md`, or run the tests with SWSIM_WRITE_REFERENCE=1.");
    CHECK(read_text(path) == generated);
}

// ------------------------------------------------------------------ the schema table

TEST_CASE("the schema table is consistent", "[scenario]") {
    const auto& keys = scenario_schema();
    REQUIRE(keys.size() > 100);
    for (const auto& k : keys) {
        INFO(k.path);
        CHECK(find_key(k.path) == &k);  // declared once
        CHECK(!k.description.empty());
        CHECK(!k.source.empty());
        // Numeric estimates carry a sweep range inside the valid range.
        const bool numeric = k.type == KeyType::number || k.type == KeyType::integer ||
                             k.type == KeyType::year_series || k.type == KeyType::inflow_rate;
        if (numeric && k.source.find("[E]") != std::string::npos) CHECK(k.sweep.has_value());
        if (k.sweep) {
            CHECK(k.sweep->lo <= k.sweep->hi);
            CHECK(k.sweep->lo >= k.valid.min);
            CHECK(k.sweep->hi <= k.valid.max);
        }
    }
    // Every key appears in the reference.
    const std::string md = scenario_reference_markdown();
    for (const auto& k : keys) {
        INFO(k.path);
        CHECK(md.find("| `" + k.path.substr(k.path.find('.') + 1) + "` |") != std::string::npos);
    }
}

// ------------------------------------------------------------------ bad inputs, one rule each

TEST_CASE("malformed YAML is reported with yaml-cpp's position", "[scenario]") {
    const auto ds = errors_of(bad("malformed.yaml"));
    REQUIRE(ds.size() == 1);
    CHECK(ds[0].file.ends_with("malformed.yaml"));
    CHECK(ds[0].line == 4);
    CHECK(ds[0].col == 8);
    CHECK_THAT(ds[0].message, Catch::StartsWith("malformed YAML: "));
}

TEST_CASE("the top level must be a map", "[scenario]") {
    auto ds = errors_of(bad("top_not_map.yaml"));
    REQUIRE(ds.size() == 1);
    CHECK(ds[0].line == 1);
    CHECK(ds[0].col == 1);
    CHECK_THAT(ds[0].message, Catch::Contains("the top level is not a map") && Catch::Contains("simulation, regions"));
    ds = errors_of(bad("empty.yaml"));
    REQUIRE(ds.size() == 1);
    CHECK(ds[0].line == 1);
    CHECK_THAT(ds[0].message, Catch::Contains("the file is empty"));
}

TEST_CASE("unknown keys suggest the closest sibling", "[scenario]") {
    const auto ds = errors_of(bad("unknown_key.yaml"));
    CHECK(ds.size() == 3);
    expect(ds, "simulation.replication", "unknown_key.yaml", 3, 3, "unknown key 'replication'; did you mean 'replications'?");
    expect(ds, "policy.company.functions.trainng", "unknown_key.yaml", 7, 7, "did you mean 'training'?");
    expect(ds, "policy.company.colour", "unknown_key.yaml", 9, 5, "(expected one of: mode, mode_by_region,");
}

TEST_CASE("wrong types are reported at the value", "[scenario]") {
    const auto ds = errors_of(bad("wrong_type.yaml"));
    CHECK(ds.size() == 4);
    expect(ds, "simulation.scale", "wrong_type.yaml", 3, 10, "expected a number, got 'abc'");
    expect(ds, "simulation.replications", "wrong_type.yaml", 4, 17, "expected a whole number, got '2.5'");
    expect(ds, "population.wsw_persons", "wrong_type.yaml", 6, 16, "remove the quotes");
    expect(ds, "policy.company.functions.matching.enabled", "wrong_type.yaml", 11, 18, "expected true or false, got 'maybe'");
}

TEST_CASE("values out of range are all reported", "[scenario]") {
    const auto ds = errors_of(bad("out_of_range.yaml"));
    CHECK(ds.size() == 6);
    expect(ds, "simulation.seed", "out_of_range.yaml", 3, 9, "-1 is out of range: must be >= 0");
    expect(ds, "simulation.replications", "out_of_range.yaml", 4, 17, "0 is out of range: must be 1 to 1000");
    expect(ds, "simulation.scale", "out_of_range.yaml", 5, 10, "1.5 is out of range: must be 0.001 to 1");
    expect(ds, "population.wsw_detached_share", "out_of_range.yaml", 7, 23, "must be 0 to 1");
    expect(ds, "policy.money.begeleiding_euro_per_person_per_year", "out_of_range.yaml", 10, 43, "-5 is out of range");
    expect(ds, "policy.money.rijksbijdrage_euro_per_se", "out_of_range.yaml", 11, 52, "-1 is out of range");
}

TEST_CASE("missing required keys are reported at the map that should hold them", "[scenario]") {
    const auto ds = errors_of(bad("missing_required.yaml"));
    // policy.money exists (line 4): reported there.
    expect(ds, "policy.money.rijksbijdrage_euro_per_se", "missing_required.yaml", 4, 3,
           "missing required key 'rijksbijdrage_euro_per_se' in policy.money");
    // policy.company does not exist: reported at its nearest written parent, policy (line 3).
    expect(ds, "policy.company.mode", "missing_required.yaml", 3, 1, "missing required key 'mode'");
    // No regions section at all: reported at the top of the file.
    expect(ds, "regions.regions_csv", "missing_required.yaml", 1, 1, "missing required key 'regions_csv' in regions");
    // Keys with a default are not required.
    CHECK(std::none_of(ds.begin(), ds.end(), [](const Diagnostic& d) { return d.key == "simulation.scale"; }));
}

TEST_CASE("the horizon must not end before it starts", "[scenario]") {
    const auto ds = errors_of(bad("end_before_start.yaml"));
    REQUIRE(ds.size() == 2);  // the switch year is not judged against a broken horizon
    expect(ds, "simulation.start", "end_before_start.yaml", 3, 10, "not 2030-01");
    expect(ds, "simulation.end", "end_before_start.yaml", 4, 8, "the run ends (2020-12) before it starts (2030-01)");
}

TEST_CASE("a run starts at the base month of its data: a later start is refused, with how to say it", "[scenario][regression]") {
    // A start in 2025 used to put the end-2014 stock into 2025 (Wsw 99,695 in 2025): a silent wrong answer.
    const auto ds = errors_of(bad("start_after_base.yaml"));
    REQUIRE(ds.size() == 1);
    expect(ds, "simulation.start", "start_after_base.yaml", 3, 10,
           "a run starts from the base month of its data (2015-01), not 2025-01");
    expect(ds, "simulation.start", "start_after_base.yaml", 3, 10, "policy.company.switch_year: 2025");
}

TEST_CASE("months must be YYYY-MM", "[scenario]") {
    const auto ds = errors_of(bad("bad_month.yaml"));
    expect(ds, "simulation.start", "bad_month.yaml", 3, 10, "expected a month as YYYY-MM (e.g. 2015-01), got '2015-13'");
    expect(ds, "simulation.end", "bad_month.yaml", 4, 8, "got '2040'");
}

TEST_CASE("the switch year must not lie before the simulated horizon", "[scenario]") {
    const auto ds = errors_of(bad("switch_year_outside.yaml"));
    REQUIRE(ds.size() == 1);
    expect(ds, "policy.company.switch_year", "switch_year_outside.yaml", 5, 18,
           "2012 is before the simulated horizon 2015-2040");
}

TEST_CASE("year series need distinct whole years in 2000-2100", "[scenario]") {
    const auto ds = errors_of(bad("bad_series.yaml"));
    CHECK(ds.size() == 5);
    expect(ds, "policy.money.rijksbijdrage_euro_per_se", "bad_series.yaml", 4, 46, "year 2014 is given twice");
    expect(ds, "policy.money.wsw_wage_cost_euro_per_se", "bad_series.yaml", 5, 33, "1999 is out of range: must be 2000 to 2100");
    expect(ds, "policy.money.wml_euro_per_year", "bad_series.yaml", 6, 25, "expected a whole number, got 'twenty'");
    expect(ds, "policy.money.bijstand_euro_per_person_per_year", "bad_series.yaml", 7, 40, "got an empty map");
    expect(ds, "policy.beschut.taakstelling_places", "bad_series.yaml", 9, 26, "expected a number or a map {year: value, ...}, got a list");
}

TEST_CASE("an inflow rate takes exactly one of its two forms", "[scenario]") {
    const auto ds = errors_of(bad("inflow_forms.yaml"));
    expect(ds, "inflow.doelgroep", "inflow_forms.yaml", 4, 5, "give exactly one of per_1000_pop_15_64_per_year or persons_per_year, not both");
    expect(ds, "inflow.bijstand", "inflow_forms.yaml", 7, 5, "give one of per_1000_pop_15_64_per_year or persons_per_year");
    expect(ds, "inflow.bijstand.per_year", "inflow_forms.yaml", 7, 5, "unknown key");
    expect(ds, "inflow.beschut_advices", "inflow_forms.yaml", 8, 20, "give one of");
}

TEST_CASE("enums list their allowed values, and region codes are checked for their form", "[scenario]") {
    const auto ds = errors_of(bad("bad_enum.yaml"));
    CHECK(ds.size() == 3);
    expect(ds, "policy.company.mode", "bad_enum.yaml", 4, 11,
           "'sterhuis' is not a company mode; allowed: sterfhuis, ontwikkelbedrijf; did you mean 'sterfhuis'?");
    expect(ds, "policy.company.mode_by_region", "bad_enum.yaml", 7, 7, "'A02' is not a region code");
    expect(ds, "policy.company.mode_by_region.AM03", "bad_enum.yaml", 8, 13, "allowed: sterfhuis, ontwikkelbedrijf");
}

TEST_CASE("bad, missing and cyclic extends are reported at the extends line", "[scenario]") {
    auto ds = errors_of(bad("extends_missing.yaml"));
    REQUIRE(ds.size() == 1);  // no flood of missing keys on top
    expect(ds, "extends", "extends_missing.yaml", 2, 10, "cannot read '");

    ds = errors_of(bad("extends_cycle_a.yaml"));
    REQUIRE(ds.size() == 1);
    expect(ds, "extends", "extends_cycle_b.yaml", 3, 10,
           "extends cycle: extends_cycle_a.yaml -> extends_cycle_b.yaml -> extends_cycle_a.yaml");

    ds = errors_of(bad("extends_not_a_name.yaml"));
    REQUIRE(ds.size() == 1);
    expect(ds, "extends", "extends_not_a_name.yaml", 1, 10, "expected the name of a scenario file");
}

TEST_CASE("shares that must add up", "[scenario]") {
    const auto ds = errors_of(bad("shares.yaml"));
    CHECK(ds.size() == 4);
    expect(ds, "population.wsw_age_shares", "shares.yaml", 5, 3, "the six age bands sum to 1.06; they must sum to 1");
    expect(ds, "population.wsw_begeleid_share", "shares.yaml", 4, 23, "= 1.05; must be at most 1");
    expect(ds, "population.doelgroep_dagbesteding_share", "shares.yaml", 8, 33, "= 1.1; must be at most 1");
    expect(ds, "population.waitlist.age_max_years", "shares.yaml", 11, 20, "age_min_years (50) is above age_max_years (30)");
}

TEST_CASE("a key given twice in one map is an error", "[scenario]") {
    const auto ds = errors_of(bad("duplicate_key.yaml"));
    REQUIRE(ds.size() == 1);
    expect(ds, "simulation.seed", "duplicate_key.yaml", 4, 3, "key given twice");
}

TEST_CASE("a scenario file holds one YAML document", "[scenario]") {
    const auto ds = errors_of(bad("two_documents.yaml"));
    REQUIRE(ds.size() == 1);
    CHECK(ds[0].line == 2);  // the '---' that starts the second document
    CHECK(ds[0].col == 1);
    CHECK_THAT(ds[0].message, Catch::Contains("a scenario file holds one YAML document; a second one starts here"));
}

TEST_CASE("odd YAML (aliases, nulls, lists for maps, complex keys) gives errors, not crashes", "[scenario]") {
    const auto ds = errors_of(bad("odd.yaml"));
    CHECK(ds.size() == 7);
    expect(ds, "anchors", "odd.yaml", 2, 1, "unknown key 'anchors'");
    expect(ds, "simulation.seed", "odd.yaml", 5, 3, "expected a whole number, got an empty value");
    expect(ds, "simulation.name", "odd.yaml", 6, 3, "expected text, got an empty value");
    expect(ds, "regions", "odd.yaml", 7, 10, "expected a map of keys (regions_csv, adjacency_csv, municipalities_csv, companies_csv, commuting), got a list");
    expect(ds, "reporting", "odd.yaml", 10, 1, "got an empty value");
    expect(ds, "behaviour.job_loss.rate_per_year", "odd.yaml", 13, 20, "expected a number, got a map");
    expect(ds, "behaviour", "odd.yaml", 14, 5, "keys must be plain names");
}

TEST_CASE("errors point at the file where the value was written", "[scenario]") {
    const auto ds = errors_of(bad("nested/child.yaml"));
    REQUIRE(ds.size() == 2);
    expect(ds, "simulation.scale", "nested/bad_base.yaml", 4, 10, "2 is out of range");
    expect(ds, "simulation.replications", "nested/child.yaml", 3, 17, "0 is out of range");
    // Both files are reported in one throw, in compiler format.
    try {
        load_scenario(bad("nested/child.yaml"));
    } catch (const ScenarioError& e) {
        CHECK_THAT(std::string(e.what()), Catch::Contains("nested/bad_base.yaml:4:10: error: simulation.scale: 2 is out of range"));
    }
}

TEST_CASE("more replicates than fit in memory are refused at simulation.replications", "[scenario]") {
    const Inputs in = load_inputs(bad("many_replications.yaml"));
    // 2015-2040: 26 years of 35 regions and NL, about 1 KB a record; and the cohort records of 35
    // regions and NL: the 4 groups of the stock measured 4 times, the 3 of the inflow of 2015-2040
    // measured at the end of 2040 or before (25 + 24 + 23 + 21 times); and a record of each of the 393
    // municipalities and 74 companies a year (their means: municipalities.csv, companies.csv).
    const std::uint64_t per_run = result_bytes_per_run(in);
    const std::uint64_t cohorts = (4 * 4 + 3 * 93) * 36 * sizeof(CohortRecord);
    const std::uint64_t units = 26 * (393 + 74) * sizeof(YearRecord);
    CHECK(per_run > 26 * 36 * 512 + cohorts + units);
    CHECK(per_run < 26 * 36 * 2048 + cohorts + units);
    // The persons of one run under way (one thread), plus the tables of 1,500 runs.
    const MemoryEstimate one = memory_estimate({in, in}, 1000, 1);
    CHECK(one.concurrent_runs == 1);
    const MemoryBudget budget{std::uint64_t(std::ceil(one.person_bytes + one.list_bytes)) + 1500 * per_run,
                              "a test's budget"};
    CHECK_FALSE(result_memory_problem({in}, 1000, false, budget, 1));

    const auto d = result_memory_problem({in, in}, 1000, false, budget, 1);
    REQUIRE(d);
    expect({*d}, "simulation.replications", "many_replications.yaml", 5, 17, "1000 replicates x 2 scenario(s) need about ");
    CHECK_THAT(d->message, Catch::Contains("of result tables") && Catch::Contains("persons of the 1 runs under way") &&
                               Catch::EndsWith("allowed (a test's budget); at most 750 replicates fit"));
    CHECK_THAT(format_diagnostic(*d),
               Catch::Contains("many_replications.yaml:5:17: error: simulation.replications: 1000 replicates x 2"));

    // A number from the command line is blamed on the option, not on the file.
    const auto option = result_memory_problem({in, in}, 1000, true, budget, 1);
    REQUIRE(option);
    CHECK(format_diagnostic(*option).starts_with("error: --replications: 1000 replicates x 2 scenario(s)"));

    // The real budget: half of what this machine (or its cgroup) has.
    const MemoryBudget real = result_memory_budget();
    CHECK(real.bytes > 0);
    CHECK_THAT(real.reason, Catch::StartsWith("half of "));
}

TEST_CASE("the memory guard counts the persons simulated, not just the tables", "[scenario][regression]") {
    const Inputs in = load_inputs(shipped("sterfhuis.yaml"));
    // The shipped scenario simulates about 0.75 million persons at full scale (README); the
    // estimate counts every stock and every inflow of the horizon, so it is at least that.
    const double persons = persons_per_run(in);
    CHECK(persons > 0.7e6);
    CHECK(persons < 3e6);
    // Four runs under way at once hold four populations.
    const MemoryEstimate four = memory_estimate({in}, 8, 4);
    CHECK(four.concurrent_runs == 4);
    CHECK(four.persons == Approx(4 * persons));
    CHECK(four.person_bytes == Approx(4 * persons * double(kBytesPerPerson)));
    // Fewer runs than threads: only the runs there are.
    CHECK(memory_estimate({in}, 2, 16).concurrent_runs == 2);
    // A budget that holds the tables but not the persons refuses, naming the persons.
    const MemoryBudget small{std::uint64_t(four.tables) + 1000, "a test's budget"};
    const auto d = result_memory_problem({in}, 8, false, small, 4);
    REQUIRE(d);
    CHECK_THAT(d->message, Catch::Contains(fmt::format("for the {:.0f} persons of the 4 runs under way", four.persons)));
}

TEST_CASE("a sweep's runs under way at once must fit: persons x runs x bytes per person", "[scenario][regression]") {
    const MemoryBudget budget{std::uint64_t(1) << 30, "a test's 1 GiB"};
    const double per_person = double(kBytesPerPerson + kListBytesPerPerson);
    const double fits = double(budget.bytes) / per_person / 2;  // two runs at once just fit
    CHECK_FALSE(concurrent_runs_memory_problem(fits * 0.99, 2, budget));
    const auto refused = concurrent_runs_memory_problem(fits * 1.01, 2, budget);
    REQUIRE(refused);
    CHECK_THAT(*refused, Catch::Contains("2 runs at once") && Catch::Contains("a test's 1 GiB"));
    CHECK_FALSE(concurrent_runs_memory_problem(fits * 1.01, 1, budget));  // one at a time fits
}

TEST_CASE("counts, flows and money beyond what their meaning allows are refused", "[scenario][regression]") {
    const auto ds = errors_of(bad("huge_values.yaml"));
    CHECK(ds.size() == 5);
    expect(ds, "population.wsw_persons", "huge_values.yaml", 4, 16, "is out of range: must be 0 to 20000000");
    expect(ds, "inflow.bijstand.persons_per_year", "huge_values.yaml", 7, 23, "is out of range: must be 0 to 20000000");
    expect(ds, "inflow.doelgroep.per_1000_pop_15_64_per_year", "huge_values.yaml", 9, 34,
           "5000 is out of range: must be 0 to 1000");
    // A money series of 1e308 would make the budget inf and NA in the tables.
    expect(ds, "policy.money.wml_euro_per_year", "huge_values.yaml", 12, 31, "is out of range: must be 5000 to 100000");
    expect(ds, "policy.money.bijstand_euro_per_person_per_year", "huge_values.yaml", 13, 40,
           "2000000 is out of range: must be 3000 to 40000");
    // Every count and money key of the schema has a finite upper bound.
    for (const auto& key : scenario_schema()) {
        const bool counts = key.unit == "persons" || key.unit == "places" || key.unit == "jobs";
        const bool money = key.unit.find("€") != std::string::npos;
        if (!counts && !money) continue;
        INFO(key.path);
        CHECK(std::isfinite(key.valid.max));
        // National budgets per year reach €5 bn; every other money key is per person, place or SE.
        const bool national = key.path.find("budget_euro_per_year") != std::string::npos ||
                              key.path.starts_with("policy.state_money.");
        CHECK(key.valid.max <= (money ? (national ? 5e9 : 1e6) : 2e7));
    }
}

TEST_CASE("money values far outside their unit's range are refused with file, line and key", "[scenario]") {
    const auto ds = errors_of(bad("thousand_slips.yaml"));
    CHECK(ds.size() == 5);
    expect(ds, "policy.money.rijksbijdrage_euro_per_se", "thousand_slips.yaml", 5, 39,
           "26 is out of range: must be 5000 to 60000");
    expect(ds, "policy.money.bijstand_euro_per_person_per_year", "thousand_slips.yaml", 6, 40,
           "14 is out of range: must be 3000 to 40000");
    expect(ds, "policy.money.begeleiding_euro_per_person_per_year", "thousand_slips.yaml", 7, 43,
           "-5000 is out of range: must be 100 to 50000");
    expect(ds, "policy.company.functions.matching.budget_euro_per_year", "thousand_slips.yaml", 11, 31,
           "-1 is out of range: must be 0 to 5000000000");
    expect(ds, "policy.company.functions.matching.euro_per_coached_person_per_year", "thousand_slips.yaml", 12, 43,
           "5 is out of range: must be 100 to 50000");
}

TEST_CASE("checks after loading point at the line that set the key", "[scenario]") {
    Scenario s = load_scenario(bad("many_replications.yaml"));
    expect({diagnostic_for_key(s, "simulation.replications", "m")}, "simulation.replications",
           "tests/data/scenario/many_replications.yaml", 5, 17, "m");
    // Not written in this file: where the file it extends wrote it.
    const Diagnostic inherited = diagnostic_for_key(s, "regions.regions_csv", "m");
    CHECK(inherited.file.ends_with("scenarios/base.yaml"));
    CHECK(inherited.line > 1);
    // Not written anywhere: the nearest written section, else the top of the file.
    expect({diagnostic_for_key(s, "simulation.no_such_key", "m")}, "simulation.no_such_key",
           "many_replications.yaml", 4, 1, "m");
    expect({diagnostic_for_key(s, "nowhere", "m")}, "nowhere", "many_replications.yaml", 1, 1, "m");
    // A value set by set_by_path (a sweep) no longer comes from that line: no location at all.
    set_by_path(s, "simulation.replications", 3);
    const Diagnostic swept = diagnostic_for_key(s, "simulation.replications", "m");
    CHECK(swept.file.empty());
    CHECK(swept.line == 0);
}

// ------------------------------------------------------------------ extends and merging

TEST_CASE("extends merges key by key, and a series or inflow rate is replaced whole", "[scenario]") {
    const Scenario s = load_scenario(bad("override.yaml"));
    CHECK(s.simulation.name == "ontwikkelbedrijf");  // named by ontwikkelbedrijf.yaml
    CHECK(s.policy.company.mode == CompanyMode::ontwikkelbedrijf);
    CHECK(s.policy.company.mode_by_region.at("AM05") == CompanyMode::sterfhuis);
    CHECK(s.policy.company.mode_of("other_r05", "AM05") == CompanyMode::sterfhuis);
    CHECK(s.policy.company.mode_of("other_r11", "AM06") == CompanyMode::ontwikkelbedrijf);
    CHECK_FALSE(s.policy.company.training.enabled);           // the variant's
    CHECK(s.policy.company.training.duration_months == 12);   // base's sibling key kept
    CHECK(s.policy.company.matching.enabled);
    REQUIRE(s.policy.money.rijksbijdrage_euro_per_se.points().size() == 1);
    CHECK(s.policy.money.rijksbijdrage_euro_per_se.at(2014) == Approx(25000));
    CHECK(s.inflow.doelgroep.absolute);
    CHECK(s.inflow.doelgroep.per_year.at(2020) == Approx(9000));
    CHECK(s.policy.money.lks_wml_factor == Approx(1.08));
    // Relative data paths stay relative to base.yaml, not to the extending file.
    CHECK(s.regions.regions_csv ==
          (std::filesystem::path(kSource) / "scenarios/data/regions_2015.csv").lexically_normal().string());
    CHECK(load_scenario(bad("variant_without_name.yaml")).simulation.name == "variant_without_name");
}

TEST_CASE("a data path is taken relative to the file that names it", "[scenario]") {
    const Scenario s = load_scenario(bad("nested/own_data.yaml"));
    CHECK(s.regions.regions_csv == std::filesystem::path(bad("my_regions.csv")).lexically_normal().string());
    CHECK(s.regions.adjacency_csv ==
          (std::filesystem::path(kSource) / "scenarios/data/region_adjacency.csv").lexically_normal().string());
    // set_by_path takes relative paths from the folder it is given.
    Scenario t = s;
    set_by_path(t, "regions.companies_csv", "../firms.csv", bad("nested"));
    CHECK(t.regions.companies_csv == std::filesystem::path(bad("firms.csv")).lexically_normal().string());
}

// ------------------------------------------------------------------ set_by_path for sweeps

TEST_CASE("set_by_path sets any key by its path, checked as in a file", "[scenario]") {
    Scenario s = load_scenario(shipped("base.yaml"));
    set_by_path(s, "policy.company.functions.matching.score_multiplier", 1.7);
    CHECK(s.policy.company.matching.score_multiplier == Approx(1.7));
    set_by_path(s, "policy.company.mode", "ontwikkelbedrijf");
    CHECK(s.policy.company.mode == CompanyMode::ontwikkelbedrijf);
    set_by_path(s, "policy.money.rijksbijdrage_euro_per_se", "{2015: 25000, 2025: 20000}");
    CHECK(s.policy.money.rijksbijdrage_euro_per_se.at(2020) == Approx(22500));
    set_by_path(s, "behaviour.matching.vacancies_per_1000_pop_15_64_per_year", 3.0);  // constant series
    CHECK(s.behaviour.matching.vacancies_per_1000_pop_15_64_per_year.at(2031) == Approx(3.0));
    set_by_path(s, "inflow.bijstand", "{persons_per_year: 12000}");
    CHECK(s.inflow.bijstand.absolute);

    // A bad value throws and leaves the key as it was.
    CHECK_THROWS_WITH(set_by_path(s, "simulation.scale", 1.5),
                      Catch::Contains("simulation.scale: 1.5 is out of range: must be 0.001 to 1"));
    CHECK(s.simulation.scale == Approx(1.0));
    CHECK_THROWS_WITH(set_by_path(s, "policy.company.score_multiplier", 1.2),
                      "error: policy.company.score_multiplier: unknown key; did you mean "
                      "'policy.company.functions.matching.score_multiplier'?");
    CHECK_THROWS_WITH(set_by_path(s, "simulation.sead", 1), Catch::Contains("did you mean 'simulation.seed'?"));
    CHECK_THROWS_WITH(set_by_path(s, "simulation.replications", "[1"), Catch::Contains("malformed YAML value"));
    CHECK_THROWS_AS(set_by_path(s, "simulation.seed", std::nan("")), ScenarioError);

    // The rules between keys are checked on demand.
    CHECK(check_scenario(s).empty());
    set_by_path(s, "simulation.end", "2016-12");
    CHECK(check_scenario(s).empty());  // a switch after the end: the run ends before the choice
    set_by_path(s, "policy.company.switch_year", 2012);
    const auto ds = check_scenario(s);
    REQUIRE(ds.size() == 1);
    CHECK(ds[0].key == "policy.company.switch_year");
}

// ------------------------------------------------------------------ summary and resolved JSON

TEST_CASE("the summary fits one screen and says what the file resolves to", "[scenario]") {
    const std::string text = scenario_summary(load_scenario(bad("override.yaml")));
    CHECK(std::count(text.begin(), text.end(), '\n') <= 30);
    CHECK_THAT(text, Catch::Contains("ontwikkelbedrijf in every region from 2020"));
    CHECK_THAT(text, Catch::Contains("Realised   2016-2019: 16 region(s) ran detachering"));
    CHECK_THAT(text, Catch::Contains("AM05 sterfhuis"));
    CHECK_THAT(text, Catch::Contains("off: training"));
    CHECK_THAT(text, Catch::Contains("2015-01 to 2040-12"));
    CHECK_THAT(text, Catch::Contains("seed 20150101"));
    CHECK_THAT(text, Catch::Contains("scenarios/data/regions_2015.csv"));
    const std::string sterf = scenario_summary(load_scenario(shipped("sterfhuis.yaml")));
    CHECK_THAT(sterf, Catch::Contains("unused: no ontwikkelbedrijf"));
}

TEST_CASE("the resolved JSON is complete, stable and loads back to itself", "[scenario]") {
    const Scenario s = load_scenario(bad("override.yaml"));
    const std::string json = resolved_scenario_json(s);
    CHECK(json == resolved_scenario_json(load_scenario(bad("override.yaml"))));
    CHECK_THAT(json, Catch::Contains("\"rijksbijdrage_euro_per_se\": {\n        \"2016\": 25000.0\n      }"));
    CHECK_THAT(json, Catch::Contains("\"mode_by_region\": {\n        \"AM05\": \"sterfhuis\","));
    CHECK_THAT(json, Catch::Contains("\"persons_per_year\": {"));
    for (const auto& k : scenario_schema()) {
        INFO(k.path);
        CHECK(json.find('"' + k.path.substr(k.path.rfind('.') + 1) + "\": ") != std::string::npos);
    }
    // JSON is YAML: loading it back (with every key set) gives the same scenario.
    const auto copy = std::filesystem::temp_directory_path() / "swsim_resolved_scenario.yaml";
    std::ofstream(copy) << json;
    const Scenario back = load_scenario(copy.string(), {.require_all_keys = true});
    std::filesystem::remove(copy);
    CHECK(resolved_scenario_json(back) == json);
    // A default-constructed scenario renders too (every key's field matches its type).
    CHECK_NOTHROW(resolved_scenario_json(Scenario{}));
}
