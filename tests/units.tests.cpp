// Municipalities and SW-bedrijven as the units that pay and choose (issue 14): persons and money per
// municipality sum to their companies, regions and NL; a municipality moving to another company takes
// its persons and its share of the overhead along; a company's own mode, switch year and budget factor
// act on its members only; a sterfhuis's deficit per place rises; the municipal model gives the
// national results of one unit per region within Monte Carlo noise.
#include <catch2/catch.hpp>

#include <cmath>
#include <map>
#include <string>

#include "swsim/engine/schedule.hpp"
#include "swsim/model/model.hpp"
#include "swsim/process/population.hpp"
#include "swsim/region/regions.hpp"
#include "swsim/run/run.hpp"
#include "swsim/scenario/load.hpp"

using namespace swsim;

namespace {

const std::string kScenarios = SWSIM_SOURCE_DIR "/scenarios/";

// The sterfhuis scenario on the shipped data, small and short.
Scenario small(const std::string& file = "sterfhuis.yaml", double scale = 0.05, int end_year = 2022) {
    Scenario sc = load_scenario(kScenarios + file);
    sc.simulation.scale = scale;
    sc.simulation.end = Month::of(end_year, 12);
    return sc;
}

const RegionData& shipped_data() {
    static const RegionData rd = load_region_data(small().regions);
    return rd;
}

std::size_t company(const std::string& id) {
    const int c = shipped_data().find_company(id);
    REQUIRE(c >= 0);
    return static_cast<std::size_t>(c);
}
std::size_t municipality(const std::string& gm) {
    const int m = shipped_data().find_municipality(gm);
    REQUIRE(m >= 0);
    return static_cast<std::size_t>(m);
}

// The record of a unit (its code) in a year among records.
const YearRecord& find(const std::vector<YearRecord>& recs, int year, const std::string& code) {
    for (const auto& r : recs)
        if (r.year == year && r.region == code) return r;
    throw std::runtime_error("no record of " + code);
}

void check_sum(const YearRecord& sum, const std::vector<const YearRecord*>& parts) {
    auto close = [](double a, double b) { return std::abs(a - b) <= 1e-9 * std::max(1.0, std::abs(a)); };
    for (int i = 0; i < kStatusCount; ++i) {
        double s = 0;
        for (auto* p : parts) s += p->persons[i];
        CHECK(close(sum.persons[i], s));
    }
    for (int i = 0; i < kMoneyCount; ++i) {
        double s = 0;
        for (auto* p : parts) s += p->money[i];
        INFO(kMoneyNames[i]);
        CHECK(close(sum.money[i], s));
    }
    for (int i = 0; i < kFlowCount; ++i) {
        double s = 0;
        for (auto* p : parts) s += p->flows[i];
        CHECK(close(sum.flows[i], s));
    }
}

}  // namespace

TEST_CASE("persons and money per municipality sum to their company, region and NL every year", "[units][model]") {
    Scenario sc = small("ontwikkelbedrijf.yaml");
    sc.policy.company.municipality_moves = {{"GM0285", {"felua_lucrato", 2021}}};
    const RegionData& rd = shipped_data();
    const RunResult run = run_scenario(sc, rd, 0);
    const std::size_t years = std::size_t(sc.simulation.end.year() - 2015 + 1);
    REQUIRE(run.municipality_records.size() == years * rd.municipalities.size());
    REQUIRE(run.company_records.size() == years * rd.companies.size());
    for (int year : {2015, 2020, 2021, 2022}) {
        INFO(year);
        const auto membership = company_membership(sc, rd, year);
        std::vector<std::vector<const YearRecord*>> by_region(rd.size()), by_company(rd.companies.size());
        std::vector<const YearRecord*> all;
        for (std::size_t m = 0; m < rd.municipalities.size(); ++m) {
            const YearRecord& r = find(run.municipality_records, year, rd.municipalities[m].gm_code);
            by_region[rd.municipalities[m].region].push_back(&r);
            by_company[membership[m]].push_back(&r);
            all.push_back(&r);
        }
        for (std::size_t r = 0; r < rd.size(); ++r) check_sum(find(run.records, year, rd.regions[r].cbs_code), by_region[r]);
        std::vector<const YearRecord*> companies;
        for (std::size_t c = 0; c < rd.companies.size(); ++c) {
            const YearRecord& rec = find(run.company_records, year, rd.companies[c].id);
            check_sum(rec, by_company[c]);
            companies.push_back(&rec);
        }
        check_sum(find(run.records, year, "NL"), all);
        check_sum(find(run.records, year, "NL"), companies);
    }
    // Support is finite per company: the caseload used never exceeds the slots its members' budgets buy.
    for (const auto& r : run.company_records) {
        INFO(r.region << " " << r.year);
        CHECK(r.place_months(Place::coached) <= r.place_months(Place::coach_slots) + 1e-6);
    }
    // Voorst counts for Lucrato from 2021.
    CHECK(company_membership(sc, rd, 2020)[municipality("GM0285")] == company("other_r11"));
    CHECK(company_membership(sc, rd, 2021)[municipality("GM0285")] == company("felua_lucrato"));
}

TEST_CASE("a municipality moving to another company takes its persons, waiting list and overhead share",
          "[units][model]") {
    Scenario sc = small();
    const RegionData& rd = shipped_data();
    const Model model = make_model(sc, rd, 0);
    State st = init_state(model);
    const std::size_t voorst = municipality("GM0285"), from = company("other_r11"), to = company("felua_lucrato");
    // Someone of Voorst waits for beschut werk (in the old company's list).
    Stream draws(DrawKey{1, 0, 1, 0, Process::population_init});
    const auto i = population::create_person(st, st.next_id++, static_cast<MunicipalityIndex>(voorst), Origin::beschut_advice,
                                             Status::seeking, GroupProfile{0.3, 0, 24, 30, 30}, 360, kBeschutAdvice, draws);
    start_spell(model.ctx, st, i, st.now.index);
    REQUIRE(st.beschut_queue[from].size() == 1);
    const auto counts_from = st.company_counts[from], counts_to = st.company_counts[to], mine = st.counts[voorst];
    const double wsw_mine = double(mine[0] + mine[1] + mine[2]);
    const double wsw_from = double(counts_from[0] + counts_from[1] + counts_from[2]);
    REQUIRE(wsw_mine > 0);
    const double o_from = st.companies[from].overhead_euro_per_year, o_to = st.companies[to].overhead_euro_per_year;

    auto next = st.company_of;
    next[voorst] = static_cast<CompanyIndex>(to);
    change_membership(model.ctx, st, next);
    for (int s = 0; s < kStatusCount; ++s) {
        CHECK(st.company_counts[from][s] == counts_from[s] - mine[s]);
        CHECK(st.company_counts[to][s] == counts_to[s] + mine[s]);
    }
    CHECK(st.company_of[voorst] == to);
    CHECK(st.companies[from].overhead_euro_per_year == Approx(o_from * (1 - wsw_mine / wsw_from)).epsilon(1e-12));
    CHECK(st.companies[to].overhead_euro_per_year == Approx(o_to + o_from * wsw_mine / wsw_from).epsilon(1e-12));
    CHECK(st.beschut_queue[from].empty());
    REQUIRE(st.beschut_queue[to].size() == 1);
    CHECK(st.beschut_queue[to].front().position == i);
}

TEST_CASE("when every member leaves a company its whole overhead goes with them, and no euro is lost", "[units][model]") {
    const Scenario sc = small();
    const RegionData& rd = shipped_data();
    const Model model = make_model(sc, rd, 0);
    State st = init_state(model);
    const std::size_t from = company("alescon"), to = company("ability");
    double total = 0;
    for (const auto& c : st.companies) total += c.overhead_euro_per_year;
    REQUIRE(st.companies[from].overhead_euro_per_year > 0);
    auto next = st.company_of;
    for (const auto m : rd.companies[from].members) next[m] = static_cast<CompanyIndex>(to);
    change_membership(model.ctx, st, next);
    double after = 0;
    for (const auto& c : st.companies) after += c.overhead_euro_per_year;
    CHECK(after == Approx(total).epsilon(1e-12));
    CHECK(std::abs(st.companies[from].overhead_euro_per_year) < 1e-6);
    for (int s = 0; s < kStatusCount; ++s) CHECK(st.company_counts[from][s] == 0);
}

TEST_CASE("moves of one January take their overhead shares from the state before any of them", "[units][model]") {
    const Scenario sc = small();
    const RegionData& rd = shipped_data();
    const Model model = make_model(sc, rd, 0);
    State st = init_state(model);
    const std::size_t voorst = municipality("GM0285"), epe = municipality("GM0232");
    const std::size_t x = company("other_r11"), y = company("felua_lucrato");
    auto wsw = [&](const StatusCounts& c) { return double(c[0] + c[1] + c[2]); };
    const double ox = st.companies[x].overhead_euro_per_year, oy = st.companies[y].overhead_euro_per_year;
    const double to_y = ox * wsw(st.counts[voorst]) / wsw(st.company_counts[x]);
    const double to_x = oy * wsw(st.counts[epe]) / wsw(st.company_counts[y]);
    auto next = st.company_of;
    next[voorst] = static_cast<CompanyIndex>(y);
    next[epe] = static_cast<CompanyIndex>(x);
    change_membership(model.ctx, st, next);
    CHECK(st.companies[x].overhead_euro_per_year == Approx(ox - to_y + to_x).epsilon(1e-12));
    CHECK(st.companies[y].overhead_euro_per_year == Approx(oy - to_x + to_y).epsilon(1e-12));
}

TEST_CASE("a company's own mode, switch year and budget factor act on its members only", "[units][model][lever]") {
    const RegionData& rd = shipped_data();
    Scenario sc = small("sterfhuis.yaml", 0.05, 2022);
    sc.policy.company.mode_by_company = {{"felua_lucrato", CompanyMode::ontwikkelbedrijf}};
    sc.policy.company.switch_year_by_company = {{"felua_lucrato", 2020}};
    // Before 2020 the realised history (observed.yaml: detachering in 16 regions, AM06 among them).
    const auto functions = company_functions(sc, rd, 2020);
    for (std::size_t c = 0; c < rd.companies.size(); ++c) {
        INFO(rd.companies[c].id);
        CHECK(functions[c].training == (c == company("felua_lucrato")));
        CHECK(functions[c].ontwikkelbedrijf == (c == company("felua_lucrato")));
    }
    CHECK_FALSE(company_functions(sc, rd, 2019)[company("felua_lucrato")].training);
    // The region-wide mode reaches the companies at home there, and a company's own entry wins.
    Scenario region_wide = sc;
    region_wide.policy.company.mode_by_region = {{"AM06", CompanyMode::ontwikkelbedrijf}};
    region_wide.policy.company.mode_by_company = {{"other_r11", CompanyMode::sterfhuis}};
    const auto rw = company_functions(region_wide, rd, 2020);
    CHECK(rw[company("felua_lucrato")].ontwikkelbedrijf);
    CHECK_FALSE(rw[company("other_r11")].ontwikkelbedrijf);
    CHECK_FALSE(rw[company("concernvoorwerk")].ontwikkelbedrijf);  // Zeewolde's company is at home in Flevoland

    // Training only where Lucrato trains: its members' places and trainees; a budget factor of 2
    // doubles its places.
    const RunResult run = run_scenario(sc, rd, 0);
    double places_elsewhere = 0, trainees_elsewhere = 0, places_lucrato = 0;
    for (std::size_t m = 0; m < rd.municipalities.size(); ++m) {
        const YearRecord& r = find(run.municipality_records, 2022, rd.municipalities[m].gm_code);
        if (rd.municipalities[m].company == company("felua_lucrato")) {
            places_lucrato += r.place_months(Place::training_places);
        } else {
            places_elsewhere += r.place_months(Place::training_places);
            trainees_elsewhere += r.status(Status::training);
        }
    }
    CHECK(places_elsewhere == 0);
    CHECK(trainees_elsewhere == 0);
    CHECK(places_lucrato > 0);
    const YearRecord& lucrato = find(run.company_records, 2022, "felua_lucrato");
    CHECK(lucrato.status(Status::training) > 0);
    Scenario doubled = sc;
    doubled.policy.company.budget_factor_by_company = {{"felua_lucrato", 2.0}};
    const RunResult twice = run_scenario(doubled, rd, 0);
    const YearRecord& lucrato2 = find(twice.company_records, 2022, "felua_lucrato");
    CHECK(lucrato2.place_months(Place::training_places) ==
          Approx(2 * lucrato.place_months(Place::training_places)).epsilon(1e-9));
    CHECK(lucrato2.place_months(Place::coach_slots) == Approx(2 * lucrato.place_months(Place::coach_slots)).epsilon(1e-9));
    CHECK(find(twice.company_records, 2022, "other_r11").place_months(Place::training_places) == 0);
    // A later switch year of its own: no functions yet in 2020.
    Scenario later = sc;
    later.policy.company.switch_year_by_company = {{"felua_lucrato", 2021}};
    CHECK_FALSE(company_functions(later, rd, 2020)[company("felua_lucrato")].training);
    CHECK(company_functions(later, rd, 2021)[company("felua_lucrato")].training);
    CHECK(company_functions(later, rd, 2021)[company("felua_lucrato")].strength == Approx(1.0 / 3));
}

TEST_CASE("in a sterfhuis the deficit per place rises in every large company as places fall faster than overhead",
          "[units][model]") {
    const RegionData& rd = shipped_data();
    const Scenario sc = small("sterfhuis.yaml", 0.1, 2030);
    const RunResult run = run_scenario(sc, rd, 0);
    int large = 0;
    for (const auto& c : rd.companies) {
        const YearRecord& first = find(run.company_records, 2016, c.id);
        const YearRecord& last = find(run.company_records, 2030, c.id);
        if (first.average_places(Place::company) < 500) continue;
        ++large;
        INFO(c.id);
        CHECK(last.average_places(Place::company) < 0.8 * first.average_places(Place::company));
        CHECK(last.line(Money::company_overhead) / last.average_places(Place::company) >
              first.line(Money::company_overhead) / first.average_places(Place::company));
        CHECK(last.deficit_per_place() > first.deficit_per_place());
    }
    CHECK(large >= 40);
}

TEST_CASE("the municipal model gives one unit per region's national results within Monte Carlo noise",
          "[units][model][regression]") {
    // The same scenario on the 393 municipalities and on 35 regions of one municipality and one
    // company each (different draws: persons are drawn per municipality), 8 replicates each: the
    // national means differ by less than 4 standard errors of the difference.
    Scenario sc = small("ontwikkelbedrijf.yaml", 0.05, 2025);
    RegionFiles one = sc.regions;
    one.municipalities_csv.clear();
    one.companies_csv.clear();
    const RegionData& municipal = shipped_data();
    const RegionData regional = load_region_data(one);
    const std::vector<std::pair<const char*, double (*)(const YearRecord&)>> metrics = {
        {"wsw", [](const YearRecord& r) { return r.wsw(); }},
        {"regular work", [](const YearRecord& r) { return r.status(Status::regular) + r.status(Status::regular_lks); }},
        {"placements", [](const YearRecord& r) { return r.flow(Flow::placements); }},
        {"municipal net cost", [](const YearRecord& r) { return r.municipal_net_cost(); }},
        {"company overhead", [](const YearRecord& r) { return r.line(Money::company_overhead); }},
    };
    constexpr int kReplicates = 8;
    for (const auto& [name, value] : metrics) {
        double sum[2] = {0, 0}, sq[2] = {0, 0};
        for (std::uint32_t k = 0; k < kReplicates; ++k) {
            int which = 0;
            for (const RegionData* rd : {&municipal, &regional}) {
                static std::map<std::pair<const RegionData*, std::uint32_t>, RunResult> cache;
                auto it = cache.find({rd, k});
                if (it == cache.end()) it = cache.emplace(std::pair{rd, k}, run_scenario(sc, *rd, k)).first;
                const double v = value(find(it->second.records, 2025, "NL"));
                sum[which] += v;
                sq[which] += v * v;
                ++which;
            }
        }
        double se2 = 0;
        for (int w = 0; w < 2; ++w) {
            const double mean = sum[w] / kReplicates;
            se2 += (sq[w] / kReplicates - mean * mean) * kReplicates / (kReplicates - 1) / kReplicates;
        }
        INFO(name << ": municipal " << sum[0] / kReplicates << ", one unit per region " << sum[1] / kReplicates);
        CHECK(std::abs(sum[0] - sum[1]) / kReplicates <= 4 * std::sqrt(se2) + 1e-6 * std::abs(sum[1] / kReplicates));
    }
}
