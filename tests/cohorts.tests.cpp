// Outcomes by origin cohort (run/cohorts.hpp, cohorts.csv): a hand-counted tally, the tally of a run
// against a brute-force count of every person, entrants against the inflow the inflow process
// counted, the shares' bounds and identities, the table across replicates, and cohorts.csv in the
// result folder of swsim run (in its manifest, accepted by the report's reader, the same on rerun).
#include <catch2/catch.hpp>

#include <cmath>
#include <map>
#include <sstream>
#include <tuple>

#include "child.hpp"
#include "process/world.hpp"
#include "swsim/output/files.hpp"
#include "swsim/output/tables.hpp"
#include "swsim/report/inputs.hpp"
#include "swsim/run/run.hpp"

using namespace swsim;
using namespace swsim::test;
namespace fs = std::filesystem;

namespace {

using Key = std::tuple<int, int, int, std::string>;  // origin, cohort year, years after, region
Key key_of(const CohortRecord& r) { return {int(r.origin), r.cohort_year, r.years, r.region}; }

std::map<Key, CohortRecord> by_key(const std::vector<CohortRecord>& records) {
    std::map<Key, CohortRecord> out;
    for (const auto& r : records) REQUIRE(out.emplace(key_of(r), r).second);  // each cohort once
    return out;
}

const CohortRecord& find(const std::map<Key, CohortRecord>& m, Origin o, int cohort_year, int years,
                         const std::string& region) {
    const auto it = m.find({int(o), cohort_year, years, region});
    REQUIRE(it != m.end());
    return it->second;
}

// The tiny world for seven years, at half scale (every simulated person weighs 2), with an
// ontwikkelbedrijf from 2016 so that every kind of work occurs.
Scenario seven_years() {
    Scenario sc = with_ontwikkelbedrijf(tiny_scenario(), 2016);
    sc.simulation.end = Month::of(2021, 12);
    sc.simulation.scale = 0.5;
    return sc;
}

// What a person was when last seen in a December scan (before that year's removal).
struct Seen {
    Origin origin;
    RegionIndex region;
    int cohort_year;
    Status status;
    bool placed, left;
};

// The cohort records of a run counted by brute force: every December, before those who left are
// removed, every person in the arrays is looked at; a person first seen there entered that year
// (or is the stock). Nothing of CohortTally is used.
std::map<Key, CohortRecord> brute_force(const Scenario& sc, const RegionData& rd) {
    const Model model = make_model(sc, rd, 0);
    State st = init_state(model);
    std::map<PersonId, Seen> seen;
    for (std::size_t i = 0; i < st.persons.size(); ++i) {
        const auto& p = st.persons.rec[i];
        seen[p.id] = {p.origin, rd.municipalities[p.municipality].region, sc.simulation.start.year() - 1, st.persons.status[i], false, false};
    }
    std::map<Key, CohortRecord> out;
    const BeforeRemoval look = [&](const State& s) {
        if (s.now.month() != 12) return;
        const int year = s.now.year();
        for (std::size_t i = 0; i < s.persons.size(); ++i) {
            const auto& p = s.persons.rec[i];
            auto [it, first] = seen.try_emplace(p.id, Seen{p.origin, rd.municipalities[p.municipality].region, year, Status::seeking, false, false});
            it->second.status = s.persons.status[i];
            it->second.placed = s.persons.has(i, kEverPlaced);
            it->second.left = !s.persons.alive(i);
        }
        for (const auto& [id, x] : seen)
            for (int k : kCohortYearsAfter) {
                if (x.cohort_year != year - k) continue;
                for (const std::string& region : {rd.regions[x.region].cbs_code, std::string("NL")}) {
                    CohortRecord& r = out[{int(x.origin), x.cohort_year, k, region}];
                    r.origin = x.origin, r.cohort_year = x.cohort_year, r.years = k, r.region = region;
                    r.entrants += 1;
                    r.ever_placed += x.placed ? 1 : 0;
                    if (x.left) continue;
                    r.present += 1;
                    if (const int kind = work_kind(x.status); kind >= 0) r.working[std::size_t(kind)] += 1;
                }
            }
    };
    MonthAccounts acc;
    while (st.now <= sc.simulation.end) step_month(model, st, acc, look);
    return out;
}

}  // namespace

TEST_CASE("a hand-counted cohort tally", "[unit][cohorts]") {
    const RegionData rd = tiny_regions();
    Scenario sc = empty_scenario();
    sc.simulation.scale = 0.5;  // every person counts twice
    const Model m = make_model(sc, rd, 0);
    State st = init_state(m);
    // The stock (cohort 2014): four persons of the waitlist in AM01, ids 0-3.
    add_person(st, 0, Status::regular, 0.5f, 36, kEverPlaced, Origin::wsw_waitlist);   // 0: in a job
    add_person(st, 0, Status::seeking, 0.5f, 36, kEverPlaced, Origin::wsw_waitlist);   // 1: lost it
    add_person(st, 0, Status::regular, 0.5f, 36, kEverPlaced, Origin::wsw_waitlist);   // 2: placed, then died
    add_person(st, 0, Status::beschut, 0.5f, 36, 0, Origin::wsw_waitlist);             // 3: beschut
    CohortTally tally(m.ctx, st.next_id);
    // Inflow of 2015 (cohort 2015): two of the doelgroep in AM02, ids 4-5.
    add_person(st, 1, Status::seeking, 0.5f, 36, 0, Origin::doelgroep);  // 4: leaves in 2015
    add_person(st, 1, Status::detached, 0.5f, 36, kEverPlaced, Origin::doelgroep);  // 5: detached
    mark_exit(st, 2);
    mark_exit(st, 4);

    // December 2015, as in a run: the two who left, their removal, then the living.
    std::vector<CohortRecord> out;
    tally.count_exits(st);
    remove_exited(st);
    REQUIRE(st.persons.size() == 4);
    tally.count_living(st.persons, 0, st.persons.size());
    tally.close_year(2015, out);
    // Only the stock is measured (one year after 2014): AM01, AM02, AM03 and NL.
    REQUIRE(out.size() == 4);
    const auto y1 = by_key(out);
    const CohortRecord& am01 = find(y1, Origin::wsw_waitlist, 2014, 1, "AM01");
    CHECK(am01.entrants == 8);
    CHECK(am01.work(WorkKind::regular) == 2);
    CHECK(am01.work(WorkKind::beschut) == 2);
    CHECK(am01.in_work() == 4);
    CHECK(am01.share(am01.in_work()) == 0.5);
    CHECK(am01.share(am01.ever_placed) == 0.75);  // 0, 1 and 2 (who left after being placed)
    CHECK(am01.share(am01.present) == 0.75);
    const CohortRecord& nl = find(y1, Origin::wsw_waitlist, 2014, 1, "NL");
    CHECK(nl.entrants == 8);
    CHECK(nl.ever_placed == 6);
    const CohortRecord& am02 = find(y1, Origin::wsw_waitlist, 2014, 1, "AM02");
    CHECK(am02.entrants == 0);
    CHECK(std::isnan(am02.share(am02.present)));

    // January 2016: ids from 6 on enter in 2016 (one of them, bijstand in AM03). December 2016.
    tally.open_year(st.next_id);
    add_person(st, 2, Status::seeking, 0.5f, 36, 0, Origin::bijstand);
    out.clear();
    tally.count_exits(st);  // nobody left
    remove_exited(st);
    tally.count_living(st.persons, 0, 2);  // in two parts, as the run's chunks
    tally.count_living(st.persons, 2, st.persons.size());
    tally.close_year(2016, out);
    const auto y2 = by_key(out);
    CHECK(y2.size() == 8);  // the stock after 2 years, the doelgroep of 2015 after 1 year
    const CohortRecord& d = find(y2, Origin::doelgroep, 2015, 1, "AM02");
    CHECK(d.entrants == 4);  // both, also the one who left in its first year
    CHECK(d.work(WorkKind::detached) == 2);
    CHECK(d.share(d.in_work()) == 0.5);
    CHECK(d.share(d.ever_placed) == 0.5);
    CHECK(d.share(d.present) == 0.5);
    const CohortRecord& w2 = find(y2, Origin::wsw_waitlist, 2014, 2, "AM01");
    CHECK(w2.entrants == 8);
    CHECK(w2.share(w2.ever_placed) == 0.75);  // the one who left is still counted as placed
    CHECK(w2.share(w2.present) == 0.75);
}

TEST_CASE("a run's cohorts equal a brute-force count of every person", "[cohorts][model]") {
    const RegionData rd = tiny_regions();
    const Scenario sc = seven_years();
    const RunResult run = run_scenario(sc, rd, 0);
    const auto tally = by_key(run.cohorts);
    const auto brute = brute_force(sc, rd);
    // The brute force has a record for every region a cohort's persons live in; the tally a block
    // of every region (zeros where none) for every cohort with entrants.
    std::size_t compared = 0;
    for (const auto& [key, b] : brute) {
        INFO(name(b.origin) << " " << b.cohort_year << " +" << b.years << " " << b.region);
        const CohortRecord& t = find(tally, b.origin, b.cohort_year, b.years, b.region);
        CHECK(t.entrants == 2 * b.entrants);
        for (int k = 0; k < kWorkKindCount; ++k) CHECK(t.working[std::size_t(k)] == 2 * b.working[std::size_t(k)]);
        CHECK(t.ever_placed == 2 * b.ever_placed);
        CHECK(t.present == 2 * b.present);
        ++compared;
    }
    for (const auto& [key, t] : tally)
        if (t.entrants > 0) CHECK(brute.count(key) == 1);
    // Every kind of work, every measurement and persons who left after a placement occur.
    CHECK(compared > 100);
    auto nl_total = [&](auto field) {
        double v = 0;
        for (const auto& [key, b] : brute)
            if (b.region == "NL") v += field(b);
        return v;
    };
    for (int k = 0; k < kWorkKindCount; ++k) CHECK(nl_total([&](const CohortRecord& r) { return r.working[std::size_t(k)]; }) > 0);
    CHECK(nl_total([](const CohortRecord& r) { return r.ever_placed - r.work(WorkKind::regular) -
                                                         r.work(WorkKind::regular_lks) - r.work(WorkKind::detached); }) > 0);
    CHECK(tally.count({int(Origin::doelgroep), 2016, 5, "NL"}) == 1);
    CHECK(tally.count({int(Origin::doelgroep), 2017, 5, "NL"}) == 0);  // measured at the end of 2022
}

TEST_CASE("entrants of a cohort are the persons that entered in its year", "[cohorts][model]") {
    const RegionData rd = tiny_regions();
    const Scenario sc = seven_years();
    const RunResult run = run_scenario(sc, rd, 0);
    const auto tally = by_key(run.cohorts);
    // Inflow: per region, the entrants of every origin add up to the inflow counted by the inflow
    // process in that year (yearly.csv's inflow), whichever measurement the cohort is read at.
    for (int year = 2015; year <= 2020; ++year)
        for (const YearRecord& rec : run.records) {
            if (rec.year != year) continue;
            for (int k : kCohortYearsAfter) {
                if (year + k > 2021) continue;
                double entrants = 0;
                for (Origin o : {Origin::doelgroep, Origin::bijstand, Origin::beschut_advice})
                    if (const auto it = tally.find({int(o), year, k, rec.region}); it != tally.end())
                        entrants += it->second.entrants;
                INFO(year << " +" << k << " " << rec.region);
                CHECK(entrants == rec.flow(Flow::inflow));
                CHECK(entrants > 0);
            }
        }
    // The stock: the persons of the base month, by origin, times the weight.
    const State base = init_state(make_model(sc, rd, 0));
    std::map<Origin, double> stock;
    for (std::size_t i = 0; i < base.persons.size(); ++i) stock[base.persons.rec[i].origin] += 2;
    for (const auto& [origin, persons] : stock) CHECK(find(tally, origin, 2014, 5, "NL").entrants == persons);
    CHECK(tally.count({int(Origin::beschut_advice), 2014, 1, "NL"}) == 0);  // no beschut advices in the stock
}

TEST_CASE("a cohort's counts are bounded by its entrants, and the kinds of work add up to in work", "[cohorts][model]") {
    const RegionData rd = tiny_regions();
    const RunResult run = run_scenario(seven_years(), rd, 1);
    std::size_t checked = 0;
    for (const CohortRecord& r : run.cohorts) {
        if (r.entrants == 0) continue;
        INFO(name(r.origin) << " " << r.cohort_year << " +" << r.years << " " << r.region);
        double kinds = 0;
        for (const double persons : r.working) {
            CHECK(persons >= 0);
            kinds += persons;
        }
        CHECK(r.in_work() == kinds);
        CHECK(r.in_work() <= r.present);
        CHECK(r.present <= r.entrants);
        CHECK(r.ever_placed >= 0);
        CHECK(r.ever_placed <= r.entrants);
        // Inflow starts seeking or in dagbesteding: a regular job (with LKS, detached) is a placement.
        if (r.cohort_year >= 2015)
            CHECK(r.work(WorkKind::regular) + r.work(WorkKind::regular_lks) + r.work(WorkKind::detached) <=
                  r.ever_placed);
        ++checked;
    }
    CHECK(checked > 100);
}

TEST_CASE("in cohorts.csv the shares lie in [0, 1] and the kinds of work add up to in work", "[cohorts][model]") {
    // One replicate: the mean is the value.
    const std::string csv = cohorts_csv({run_scenario(seven_years(), tiny_regions(), 1)});
    std::istringstream lines(csv);
    std::string line;
    std::getline(lines, line);
    CHECK(line == "scenario,origin,cohort_year,years_after,region,metric,mean,p05,p95,sd,n");
    std::map<std::string, std::map<std::string, double>> shares;  // cohort -> metric -> mean (NaN: NA)
    while (std::getline(lines, line)) {
        std::vector<std::string> f;
        std::istringstream fields(line);
        for (std::string x; std::getline(fields, x, ',');) f.push_back(x);
        REQUIRE(f.size() == 11);
        CHECK(f[10] == "1");
        shares[f[1] + " " + f[2] + " " + f[3] + " " + f[4]][f[5]] = f[6] == "NA" ? std::nan("") : std::stod(f[6]);
    }
    CHECK(shares.size() > 100);
    for (const auto& [cohort, m] : shares) {
        INFO(cohort);
        REQUIRE(m.size() == cohort_columns().size());
        if (m.at("entrants") == 0) {
            CHECK(std::isnan(m.at("in_work_share")));
            continue;
        }
        for (const auto& [metric, v] : m)
            if (metric != "entrants") {
                CHECK(v >= 0);
                CHECK(v <= 1);
            }
        // Within the rounding of five numbers of 4 decimals.
        double kinds = 0;
        for (const char* k : {"regular_share", "regular_lks_share", "detached_share", "beschut_share", "wsw_share"})
            kinds += m.at(k);
        CHECK(std::abs(kinds - m.at("in_work_share")) < 3e-4);
    }
}

TEST_CASE("cohorts.csv: statistics across replicates, and NA for a cohort without entrants in a replicate",
          "[cohorts][unit]") {
    auto record = [](double entrants, double regular) {
        CohortRecord r;
        r.origin = Origin::bijstand;
        r.cohort_year = 2016;
        r.years = 2;
        r.region = "NL";
        r.entrants = entrants;
        r.working[std::size_t(WorkKind::regular)] = regular;
        r.present = entrants;
        return r;
    };
    RunResult a{"s", 0, {}, {record(100, 10)}}, b{"s", 1, {}, {record(300, 60)}}, c{"s", 2, {}, {}};
    const std::string two = cohorts_csv({a, b});
    CHECK_THAT(two, Catch::Contains("\ns,bijstand,2016,2,NL,entrants,200.0,110.0,290.0,141.4,2\n"));
    CHECK_THAT(two, Catch::Contains("\ns,bijstand,2016,2,NL,regular_share,0.1500,0.1050,0.1950,0.0707,2\n"));
    CHECK_THAT(two, Catch::Contains("\ns,bijstand,2016,2,NL,still_present_share,1.0000,1.0000,1.0000,0.0000,2\n"));
    // Replicate 2 had nobody of that cohort: 0 entrants, and its shares are not numbers.
    const std::string three = cohorts_csv({a, b, c});
    CHECK_THAT(three, Catch::Contains("\ns,bijstand,2016,2,NL,entrants,133.3,10.0,280.0,152.8,3\n"));
    CHECK_THAT(three, Catch::Contains("\ns,bijstand,2016,2,NL,regular_share,NA,NA,NA,NA,3\n"));
    // Two scenarios: each its own rows, in the order of the runs.
    RunResult other{"t", 0, {}, {record(50, 5)}};
    const std::string both = cohorts_csv({a, b, other});
    const auto t = both.find("\nt,bijstand,2016,2,NL,entrants,50.0,50.0,50.0,NA,1\n");
    REQUIRE(t != std::string::npos);
    CHECK(both.find("\ns,bijstand,2016,2,NL,entrants,200.0,") < t);
}

TEST_CASE("swsim run lists cohorts.csv in its manifest, readers accept it and a rerun writes the same",
          "[cohorts][cli]") {
    const fs::path dir = fresh_dir("cohorts_run");
    const std::string scenario = std::string(SWSIM_SOURCE_DIR) + "/tests/data/run/short.yaml";
    REQUIRE(swsim_cli({"run", scenario, "--replications", "2", "--threads", "2", "--out", dir.string()}, dir / "io")
                .status == 0);
    const VerifiedFolder folder = verify_result_folder(dir);
    CHECK(folder.has("cohorts.csv"));
    const std::string cohorts = slurp(dir / "cohorts.csv");
    CHECK(cohorts.rfind("scenario,origin,cohort_year,years_after,region,metric,mean,p05,p95,sd,n\n"
                        "short,wsw,2014,1,AM01,entrants,",
                        0) == 0);
    CHECK(contains(cohorts, "\nshort,wsw_waitlist,2014,2,NL,in_work_share,"));
    CHECK(contains(cohorts, "\nshort,bijstand,2016,1,NL,ever_placed_share,"));
    CHECK_NOTHROW(load_report_inputs(dir, std::nullopt));
    REQUIRE(swsim_cli({"run", scenario, "--replications", "2", "--threads", "1", "--out", dir.string()}, dir / "io")
                .status == 0);
    CHECK(slurp(dir / "cohorts.csv") == cohorts);
    fs::remove_all(dir);
}
