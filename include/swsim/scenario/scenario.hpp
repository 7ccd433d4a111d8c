// A scenario as plain data: everything a run needs to know, resolved and validated.
// The model never sees YAML; load_scenario() (scenario/load.hpp) fills these structs after
// resolving `extends` and checking every key. Units are in the member names. Every default
// and every figure in the shipped scenarios names its source label from data/FACTS.md
// ([S] sourced, [D] derived, [K] widely cited, [E] estimate: a parameter with a range).
#pragma once

#include <algorithm>
#include <cstdint>
#include <map>
#include <string>
#include <vector>
#include <vector>

#include "swsim/core/series.hpp"
#include "swsim/core/time.hpp"

namespace swsim {

// ---------------------------------------------------------------- simulation
// The month the shipped data describe: the stock at the end of 2014, the Participatiewet from
// 2015-01. Every run starts here; a later decision is a switch year, never a later start.
inline constexpr Month kBaseMonth = Month::of(2015, 1);

struct SimulationSpec {
    std::string name;           // scenario name; defaults to the file's stem
    Month start = kBaseMonth;
    Month end = Month::of(2040, 12);
    std::uint64_t seed = 0;
    int replications = 1;
    double scale = 1.0;         // share of persons simulated; tables are weighted up by 1/scale
    std::string ensemble;       // ensemble.csv of parameter sets for compare (absolute); empty: none
    std::vector<int> headline_years;  // years of the terminal and workbook headline; empty: the default ones
};

// ---------------------------------------------------------------- regions
// Commuting weight of a region pair from the border type of each step on the best path
// (weight = product of border weights along the path x decay_per_extra_hop^(hops-1)),
// 0 beyond max_hops. A region's weight with itself is 1.
struct CommutingParams {
    double land_weight = 0.5;
    double river_weight = 0.35;
    double fixed_link_weight = 0.3;
    double water_weight = 0.15;
    double decay_per_extra_hop = 0.5;
    int max_hops = 2;
};

struct RegionFiles {
    // Paths as resolved by the loader (relative paths are taken relative to the scenario file
    // that names them), so a run does not depend on the working directory.
    std::string regions_csv;
    std::string adjacency_csv;
    std::string municipalities_csv;  // "": each region one municipality (and one company)
    std::string companies_csv;       // the SW-bedrijf of each municipality; "" with municipalities_csv ""
    CommutingParams commuting;
};

// ---------------------------------------------------------------- population at the base month
// Per origin group: loonwaarde (share of WML, 0-1) drawn from a normal clipped to [0.05, 1],
// contract hours per week, and for non-Wsw groups a uniform age range.
struct GroupProfile {
    double loonwaarde_mean = 0.5;
    double loonwaarde_sd = 0.15;
    double hours_per_week = 30.0;
    int age_min_years = 18;
    int age_max_years = 60;
};

// Age bands of the Wsw stock: 18-26, 27-34, 35-44, 45-54, 55-64, 65+ (shares summing to 1).
struct WswAgeShares {
    double a18_26 = 0.04, a27_34 = 0.08, a35_44 = 0.20, a45_54 = 0.33, a55_64 = 0.33, a65_plus = 0.02;
};

struct PopulationParams {
    // Wsw with a dienstbetrekking at the base month, national; spread over regions by the
    // regions file's 2015 Wsw column.
    double wsw_persons = 102800;
    double wsw_detached_share = 0.304;
    double wsw_begeleid_share = 0.065;
    WswAgeShares wsw_age_shares;
    GroupProfile wsw;
    // Wsw waitlist (indicated, never placed), spread like the Wsw stock.
    double waitlist_persons = 11185;
    GroupProfile waitlist;
    // Banenafspraak doelgroep (Wajong, PW jonggehandicapten, VSO/PrO), spread by population 15-64.
    double doelgroep_persons = 230000;
    double doelgroep_working_share = 0.25;      // in a regular job at the base month
    double doelgroep_lks_share_of_working = 0.3;
    double doelgroep_dagbesteding_share = 0.3;
    double doelgroep_bijstand_share = 0.3;      // share paid by the municipality (PW), rest UWV (Wajong)
    GroupProfile doelgroep;
    // Bijstand with a large distance to work, spread by the regions file's bijstand column.
    double bijstand_persons = 400000;
    double bijstand_dagbesteding_share = 0.6;
    GroupProfile bijstand;
};

// ---------------------------------------------------------------- inflow
// A group's yearly inflow: either per 1,000 inhabitants aged 15-64 of the region, or an absolute
// national number spread over regions by population 15-64.
struct InflowRate {
    bool absolute = false;
    YearSeries per_year;  // persons per year (absolute) or per 1,000 inhabitants 15-64 per year
};

struct InflowParams {
    InflowRate doelgroep;          // school leavers (VSO/PrO) and jonggehandicapten
    InflowRate bijstand;           // new bijstand entrants with a large distance to work
    InflowRate beschut_advices;    // new positive beschut-werk advices
    double doelgroep_dagbesteding_share = 0.3;
    double bijstand_dagbesteding_share = 0.6;
    GroupProfile doelgroep_entrant;
    GroupProfile bijstand_entrant;
    GroupProfile beschut_entrant;
};

// ---------------------------------------------------------------- policy
enum class CompanyMode { sterfhuis, ontwikkelbedrijf };

// The six functions of an ontwikkelbedrijf (docs/model.md, section 4). Each acts only in regions whose
// company is in ontwikkelbedrijf mode, from the switch year on, and grows to full strength over
// CompanyPolicy::ramp_up_years. Functions with a budget have a capacity: budget / unit cost. National
// budgets (euro per year) are shared over the regions by population 15-64; a region spends its
// share only where the function acts, and extra state money (StateMoney) adds to it.
struct EmployerServices {       // 1. werkgeversdienstverlening: job carving with employers
    bool enabled = true;
    YearSeries budget_euro_per_year;           // national
    double euro_per_extra_vacancy = 51000;     // budget per vacancy opened for the target group
};
struct BeschutFacility {        // 2. beschut werk inside the company
    bool enabled = true;
    YearSeries realisation_share;   // share of the taakstelling the company realises
};
struct MatchingSupport {        // 3. matching and begeleiding (jobcoaches)
    bool enabled = true;
    YearSeries budget_euro_per_year;              // national
    double euro_per_coached_person_per_year = 5000;  // a jobcoach's cost per person in the caseload
    double score_multiplier = 1.3;       // on a coached seeker's share of the vacancies
    double substitution_share = 0.2;     // of coached seekers' extra placements: jobs added, not taken
    double job_loss_multiplier = 0.8;    // on the job-loss hazard, during the coaching
    int coaching_months = 36;            // coaching of a placed person (UWV rule: years 1-3)
};
struct TrainingFunction {       // 4. werknemersvaardigheden
    bool enabled = true;
    YearSeries budget_euro_per_year;          // national; places = budget / cost per place
    double intake_rate_per_year = 0.15;       // share of available seekers starting per year
    int duration_months = 12;
    double loonwaarde_gain_per_year = 0.10;   // loonwaarde points per year in training
    double cost_euro_per_person_per_year = 6000;
};
struct EmployerNetworks {       // 5. werkgeversnetwerken
    bool enabled = true;
    double cross_region_weight_multiplier = 1.5;
};
struct DetacheringFacility {    // 6. detachering and the way back
    bool enabled = true;
    double detached_share_of_placements = 0.4;  // non-Wsw placements made as detachering
    double wsw_detach_rate_multiplier = 1.5;    // on the intern -> detached rate of Wsw workers
    bool way_back = true;                       // job losers return to the company
    double way_back_beschut_share = 1.0 / 3.0;  // of returners: a new beschut advice
};

// The policy as it was realised before the switch year (the observed baseline, 2015-2019): from
// from_year, the companies of the regions in mode_by_region (ontwikkelbedrijf) ran the functions
// switched on here, with the settings of CompanyPolicy's functions; every other company was a
// sterfhuis. A counterfactual keeps this history and changes course at switch_year.
struct RealisedPolicy {
    int from_year = 2016;
    std::map<std::string, CompanyMode> mode_by_region;
    bool employer_services = false, beschut_facility = false, matching = false, training = false,
         employer_networks = false, detachering = false;
};

// A municipality leaving its SW-bedrijf for another from January of a year (a GR it leaves, a
// company it joins): its Wsw workers and other residents count for the new company from then on, and
// it takes its share of the old company's overhead with it (its share of the old company's Wsw places).
struct MunicipalityMove {
    std::string company;  // company id of the membership file
    int from_year = 0;
};

struct CompanyPolicy {
    CompanyMode mode = CompanyMode::sterfhuis;
    std::map<std::string, CompanyMode> mode_by_region;   // CBS code (AM01) -> mode of the companies at home there
    std::map<std::string, CompanyMode> mode_by_company;  // company id -> mode; overrides mode_by_region
    int switch_year = 2017;   // ontwikkelbedrijf functions act from January of this year
    std::map<std::string, int> switch_year_by_company;       // company id -> its own switch year
    std::map<std::string, double> budget_factor_by_company;  // company id -> factor on its share of the function budgets
    std::map<std::string, MunicipalityMove> municipality_moves;  // GM code -> the company it joins, from a year
    double ramp_up_years = 3; // the functions' capacity grows linearly to full over this many years
    double se_per_person = 0.885;                          // SE per Wsw person [D: 85,332/96,300]
    double overhead_euro_per_se_per_year = 7000;           // fixed overhead at the base month
    double overhead_max_cut_share_per_year = 0.03;         // sticky costs
    double detached_overhead_weight = 0.25;  // overhead place of a non-Wsw detached worker vs one inside
    double variable_cost_euro_per_worker_per_year = 3000;
    double production_revenue_euro_per_worker_per_year = 9000;
    double detachering_fee_euro_per_worker_per_year = 12000;   // Wsw: the municipality pays the wage
    double detachering_margin_euro_per_worker_per_year = 1500; // non-Wsw: the company pays the wage
    EmployerServices employer_services;
    BeschutFacility beschut_facility;
    MatchingSupport matching;
    TrainingFunction training;
    EmployerNetworks employer_networks;
    DetacheringFacility detachering;
    RealisedPolicy realised;

    // A company's own switch year (its entry in switch_year_by_company, else switch_year).
    int switch_year_of(const std::string& company) const {
        const auto it = switch_year_by_company.find(company);
        return it == switch_year_by_company.end() ? switch_year : it->second;
    }
    // The mode a company chose, from its switch year on (before it: sterfhuis, unless the realised
    // policy says otherwise: model/model.cpp): its own entry, else its home region's, else `mode`.
    CompanyMode mode_of(const std::string& company, const std::string& home_region_code) const {
        if (const auto it = mode_by_company.find(company); it != mode_by_company.end()) return it->second;
        if (const auto it = mode_by_region.find(home_region_code); it != mode_by_region.end()) return it->second;
        return mode;
    }
    // The share of full strength a company's functions have reached in a year: 1 / ramp_up_years in
    // its switch year, rising by as much each year (0 before the switch).
    double strength(int year, int company_switch_year) const {
        if (year < company_switch_year) return 0;
        return std::min(1.0, double(year - company_switch_year + 1) / std::max(ramp_up_years, 1.0));
    }
};

struct BeschutPolicy {
    YearSeries taakstelling_places;            // cumulative places to offer, national
    YearSeries outside_realisation_share;      // share realised where no facility offers beschut
    double outside_unit_cost_factor = 1.15;    // cost per place outside a company vs inside
    YearSeries wage_euro_per_place_per_year;
    double begeleiding_euro_per_place_per_year = 8000;
    YearSeries state_addition_euro_per_place_per_year;
    bool waiting_also_seek = false;            // those waiting for a place also seek regular work
};

struct MoneyPolicy {
    YearSeries rijksbijdrage_euro_per_se;
    YearSeries wsw_wage_cost_euro_per_se;
    bool wsw_wage_follows_wml = true;           // after the series' last year: with the WML
    YearSeries liv_euro_per_se_per_year;        // lage-inkomensvoordeel the state pays per Wsw SE
    YearSeries wml_euro_per_year;               // minimum wage per year, full time
    double lks_wml_factor = 1.08;               // LKS = (1 - loonwaarde) x factor x WML x (1 + employer)
    double lks_employer_cost_share = 0.23;
    double full_time_hours_per_week = 36;       // hours the WML is paid for (LKS pro rata)
    // A jobcoach for a job with LKS or detachering in its first year; the second and third years
    // cost 7.5/15 and 6/15 of it (UWV rule: 15 %, 7.5 %, 6 % of hours), none after.
    double begeleiding_euro_per_person_per_year = 5000;
    YearSeries bijstand_euro_per_person_per_year;
    double bijstand_ends_at_hours_per_week = 35;  // earnings end a per-person bijstand at these hours
};

// Extra state money for the ontwikkelbedrijf functions, national, euro per year: it adds to the
// function's budget (and so to its capacity) and is paid by the state.
struct StateMoney {
    YearSeries employer_services_euro_per_year;
    YearSeries matching_euro_per_year;
    YearSeries training_euro_per_year;
};

struct Policy {
    CompanyPolicy company;
    BeschutPolicy beschut;
    MoneyPolicy money;
    StateMoney state_money;
};

// ---------------------------------------------------------------- behaviour
struct DemographyParams {
    double mortality_rate_at_50_per_year = 0.003;   // Gompertz level, general population
    double mortality_slope_per_year_of_age = 0.09;  // Gompertz slope
    double excess_mortality_factor = 2.0;           // for this population
    YearSeries aow_age_months;                      // AOW age by year, in months
    double aow_link_months_per_year = 0.0;          // rise per year after the series' last year
    YearSeries wsw_other_exit_rate_per_year;        // WIA, end of contract, own request
    double other_exit_rate_per_year = 0.03;         // non-Wsw groups: moving, WIA, other
};

struct WswMoveParams {
    double intern_to_detached_rate_per_year = 0.58;
    double detached_to_intern_rate_per_year = 0.9;
    double intern_to_begeleid_rate_per_year = 0.01;
    double begeleid_to_intern_rate_per_year = 0.08;
};

struct MatchingParams {
    YearSeries vacancies_per_1000_pop_15_64_per_year;  // open to the target group
    double loonwaarde_elasticity = 1.0;     // score = loonwaarde ^ elasticity
    double max_placement_probability_per_month = 0.2;
    double lks_loonwaarde_threshold = 0.8;  // below: regular_lks; from it up: regular
    double waitlist_score_multiplier = 1.0;
    double doelgroep_score_multiplier = 1.0;  // entrants: school-to-work routes of VSO/PrO leavers
    double dagbesteding_to_seeking_rate_per_year = 0.02;
};

struct JobLossParams {
    double rate_per_year = 0.175;           // banenafspraak jobs
    double waitlist_multiplier = 1.0;       // on the rate, for the Wsw waitlist group
};

struct Behaviour {
    DemographyParams demography;
    WswMoveParams wsw_moves;
    MatchingParams matching;
    JobLossParams job_loss;
};

// ---------------------------------------------------------------- reporting
struct ReportingParams {
    double banenafspraak_job_hours_per_week = 25.5;
    double banenafspraak_baseline_jobs = 99000;  // jobs counted at the end-2012 baseline
};

// ---------------------------------------------------------------- the whole scenario
// Where a key or section was written: the file as shown in messages, 1-based line and column
// (0: unknown).
struct KeyLocation {
    std::string file;
    int line = 0;
    int col = 0;
};

struct Scenario {
    std::string source_file;   // the file it was loaded from (for messages and the manifest)
    // Every scenario file read, absolute: source_file first, then the files it extends, in the
    // order read (the manifest records their sha256).
    std::vector<std::string> files;
    SimulationSpec simulation;
    RegionFiles regions;
    PopulationParams population;
    InflowParams inflow;
    Policy policy;
    Behaviour behaviour;
    ReportingParams reporting;
    // Where each key and section was written (the most derived file's), by dotted path; "" is the
    // top of the scenario file. Checks made after loading (the region data, the memory a run
    // needs) point at the line that set the value; diagnostic_for_key() (load.hpp) reads it.
    std::map<std::string, KeyLocation> locations;
};

}  // namespace swsim
