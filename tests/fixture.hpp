// A tiny hand-built world for process tests: three regions in a row (A - B - C), a scenario with
// every series set and no randomness hidden in files. Tests change what they need.
#pragma once

#include <stdexcept>

#include "swsim/model/model.hpp"
#include "swsim/region/regions.hpp"
#include "swsim/run/run.hpp"
#include "swsim/scenario/scenario.hpp"

namespace swsim::test {

inline RegionData tiny_regions() {
    RegionData rd;
    const char* codes[] = {"AM01", "AM02", "AM03"};
    for (int i = 0; i < 3; ++i) {
        Region r;
        r.id = i + 1;
        r.cbs_code = codes[i];
        r.name = std::string("Region ") + codes[i];
        r.population_15_64 = 100000.0 * (i + 1);
        r.population_15plus = r.population_15_64 * 1.25;
        r.population_total = r.population_15_64 * 1.5;
        r.bijstand_persons = 3000.0 * (i + 1);
        r.wsw_persons_2015 = 1000.0 * (i + 1);
        r.wsw_persons_2016 = 950.0 * (i + 1);
        rd.regions.push_back(r);
    }
    // A - B land (0.5), B - C land (0.5), A - C two hops (0.5 * 0.5 * 0.5).
    rd.commuting = {1.0, 0.5, 0.125, 0.5, 1.0, 0.5, 0.125, 0.5, 1.0};
    rd.hops = {0, 1, 2, 1, 0, 1, 2, 1, 0};
    rd.neighbours = {{{1, 0.5}, {2, 0.125}}, {{0, 0.5}, {2, 0.5}}, {{0, 0.125}, {1, 0.5}}};
    one_unit_per_region(rd);  // municipality r = company r = region r
    return rd;
}

inline Scenario tiny_scenario() {
    Scenario sc;
    sc.simulation.name = "tiny";
    sc.simulation.start = Month::of(2015, 1);
    sc.simulation.end = Month::of(2017, 12);
    sc.simulation.seed = 42;
    auto& pop = sc.population;
    pop.wsw_persons = 600;
    pop.waitlist_persons = 60;
    pop.doelgroep_persons = 1200;
    pop.bijstand_persons = 2400;
    auto& in = sc.inflow;
    in.doelgroep.per_year = YearSeries(0.8);
    in.bijstand.per_year = YearSeries(2.0);
    in.beschut_advices.per_year = YearSeries(0.2);
    in.doelgroep_entrant = {0.45, 0.15, 28, 17, 27};
    in.bijstand_entrant = {0.45, 0.15, 28, 23, 60};
    in.beschut_entrant = {0.3, 0.1, 24, 18, 55};
    auto& pol = sc.policy;
    pol.company.beschut_facility.realisation_share = YearSeries(0.9);
    pol.beschut.taakstelling_places = YearSeries({{2015, 1600}, {2016, 3200}});
    pol.beschut.outside_realisation_share = YearSeries(0.5);
    pol.beschut.wage_euro_per_place_per_year = YearSeries(24000);
    pol.beschut.state_addition_euro_per_place_per_year = YearSeries(0);
    pol.money.rijksbijdrage_euro_per_se = YearSeries({{2014, 26000}, {2016, 25400}});
    pol.money.wsw_wage_cost_euro_per_se = YearSeries(29000);
    pol.money.wml_euro_per_year = YearSeries(18000);
    pol.money.liv_euro_per_se_per_year = YearSeries(0.0);
    pol.money.bijstand_euro_per_person_per_year = YearSeries(14000);
    // The function budgets of the shipped scenarios, scaled to the tiny world's 600,000 inhabitants
    // aged 15-64 (about 5 % of the country's).
    pol.company.employer_services.budget_euro_per_year = YearSeries(1e6);
    pol.company.matching.budget_euro_per_year = YearSeries(2e6);
    pol.company.training.budget_euro_per_year = YearSeries(1.5e6);
    pol.state_money.employer_services_euro_per_year = pol.state_money.matching_euro_per_year =
        pol.state_money.training_euro_per_year = YearSeries(0.0);
    auto& d = sc.behaviour.demography;
    d.aow_age_months = YearSeries({{2015, 783}, {2016, 786}});
    d.wsw_other_exit_rate_per_year = YearSeries(0.02);
    sc.behaviour.matching.vacancies_per_1000_pop_15_64_per_year = YearSeries(2.0);
    return sc;
}

inline double population_15_64_total(const RegionData& rd) {
    double t = 0;
    for (const auto& r : rd.regions) t += r.population_15_64;
    return t;
}

inline Model context(const Scenario& sc, const RegionData& rd, std::uint32_t replicate = 0) {
    return make_model(sc, rd, replicate);
}

// The national record of a run's year.
inline const YearRecord& nl(const RunResult& run, int year) {
    for (const auto& r : run.records)
        if (r.region == "NL" && r.year == year) return r;
    throw std::runtime_error("no NL record");
}

}  // namespace swsim::test
