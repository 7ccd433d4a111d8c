// The one table of scenario keys. Defaults are the member initialisers in scenario.hpp (read from
// a default-constructed Scenario, never repeated here); keys without a sensible default (year
// series, inflow rates, data files, the policy choice) are required. Source labels follow
// data/FACTS.md and describe the default or the value shipped in scenarios/base.yaml.

#include "swsim/scenario/schema.hpp"

#include "swsim/input/limits.hpp"

#include <algorithm>
#include <utility>

namespace swsim {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
const ValueRange kAny{};
const ValueRange kShare{0, 1};
const ValueRange kNonNeg{0, kInf};
const ValueRange kPositive{0, kInf, true};
const ValueRange kRate{0, 12};  // yearly rates: at most 12 (one event a month)
// Bounds from a value's meaning (input/limits.hpp): no count above the country's population. Money
// keys have ranges from their unit, so that no amount can overflow a run's sums or print inf, and a
// slip of a factor 1,000 (26 for 26,000, or a Dutch thousands separator read as a decimal point) is
// refused rather than run.
const ValueRange kPersons{0, kMaxPersons};
const ValueRange kEuroPerSe{5000, 60000};         // Rijksbijdrage, Wsw wage cost per SE
const ValueRange kWagePerYear{5000, 100000};      // a full-time wage, a beschut wage per place
const ValueRange kBenefitPerYear{3000, 40000};    // a benefit per recipient
const ValueRange kCostPerPerson{100, 50000};      // a service per person or place and year
const ValueRange kCompanyPerWorker{0, 50000};     // company costs and revenues per worker or SE
const ValueRange kStateAddition{0, 20000};        // a state addition per place
const ValueRange kNationalBudget{0, 5e9};         // a national budget per year (€5 bn: about the whole BUIG)
const ValueRange kEuroPerVacancy{500, 200000};    // budget per vacancy opened
const ValueRange kPer1000{0, kMaxPer1000};
using Sweep = std::optional<SweepRange>;
const Sweep kNoSweep = std::nullopt;
const std::string kNone = "—";  // not a figure (a choice, a name, a switch)

// The Scenario member a key fills: AT(policy.company.switch_year).
#define AT(member) [](Scenario& s) -> auto& { return s.member; }

struct Table {
    std::vector<KeySpec> keys;

    void add(std::string path, KeyType type, Field field, std::string unit, ValueRange valid,
             Sweep sweep, std::string source, std::string description, bool required = false,
             std::string note = {}) {
        keys.push_back(KeySpec{std::move(path), type, std::move(unit), required, valid, sweep,
                               std::move(source), std::move(description), std::move(field),
                               std::move(note)});
    }
    void num(std::string path, Field f, std::string unit, ValueRange valid, Sweep sweep,
             std::string source, std::string description) {
        add(std::move(path), KeyType::number, std::move(f), std::move(unit), valid, sweep,
            std::move(source), std::move(description));
    }
    void integer(std::string path, Field f, std::string unit, ValueRange valid, Sweep sweep,
                 std::string source, std::string description, bool required = false) {
        add(std::move(path), KeyType::integer, std::move(f), std::move(unit), valid, sweep,
            std::move(source), std::move(description), required);
    }
    void flag(std::string path, Field f, std::string description) {
        add(std::move(path), KeyType::boolean, std::move(f), "", kAny, kNoSweep, kNone,
            std::move(description));
    }
    void series(std::string path, Field f, std::string unit, ValueRange valid, Sweep sweep,
                std::string source, std::string description) {
        add(std::move(path), KeyType::year_series, std::move(f), std::move(unit), valid, sweep,
            std::move(source), std::move(description), true);
    }
    void inflow(std::string path, Field f, Sweep sweep, std::string source, std::string description) {
        add(std::move(path), KeyType::inflow_rate, std::move(f),
            "per 1,000 inhabitants 15-64 per year, or persons per year", kPer1000, sweep,
            std::move(source), std::move(description), true);
    }
    void file(std::string path, Field f, std::string source, std::string description) {
        add(std::move(path), KeyType::path, std::move(f), "file", kAny, kNoSweep,
            std::move(source), std::move(description), true);
    }
    // The keys of a GroupProfile (ages only where a uniform age range is drawn).
    void profile(const std::string& prefix, FieldRef<GroupProfile> group, bool ages,
                 const std::string& who) {
        num(prefix + ".loonwaarde_mean", [group](Scenario& s) -> double& { return group(s).loonwaarde_mean; },
            "share of WML", kShare, SweepRange{0.3, 0.6}, "[E]",
            "Mean loonwaarde of " + who + " (normal, clipped to 0.05-1)");
        num(prefix + ".loonwaarde_sd", [group](Scenario& s) -> double& { return group(s).loonwaarde_sd; },
            "share of WML", ValueRange{0, 0.5}, SweepRange{0.1, 0.2}, "[E]",
            "Standard deviation of the loonwaarde of " + who);
        num(prefix + ".hours_per_week", [group](Scenario& s) -> double& { return group(s).hours_per_week; },
            "hours/week", ValueRange{0, 40, true}, SweepRange{24, 36}, "[E]",
            "Contract hours per week of " + who);
        if (!ages) return;
        integer(prefix + ".age_min_years", [group](Scenario& s) -> int& { return group(s).age_min_years; },
                "years", ValueRange{15, 70}, SweepRange{16, 25}, "[E]",
                "Youngest age of " + who + " (uniform age range)");
        integer(prefix + ".age_max_years", [group](Scenario& s) -> int& { return group(s).age_max_years; },
                "years", ValueRange{15, 70}, SweepRange{27, 64}, "[E]",
                "Oldest age of " + who + " (uniform age range)");
    }
};

std::vector<KeySpec> build() {
    Table t;
    using K = KeyType;
    // ------------------------------------------------------------ simulation
    t.add("simulation.name", K::string, AT(simulation.name), "", kAny, kNoSweep, kNone,
          "Scenario name used in tables and manifests", false, "the file's stem");
    const ValueRange horizon{double(kBaseMonth.index), double(Month::of(2060, 12).index)};
    t.add("simulation.start", K::month, AT(simulation.start), "month", horizon, kNoSweep, "[S]",
          "First simulated month: always the base month of the data, 2015-01 (the stock of the end of 2014, "
          "the Participatiewet from 2015-01); a later decision is a switch year");
    t.add("simulation.end", K::month, AT(simulation.end), "month", horizon, kNoSweep, kNone,
          "Last simulated month (inclusive); must not be before start");
    t.integer("simulation.seed", AT(simulation.seed), "", kNonNeg, kNoSweep, kNone,
              "Random seed; with the replicate number it fixes every draw (common random numbers)",
              true);
    t.integer("simulation.replications", AT(simulation.replications), "runs", ValueRange{1, 1000},
              kNoSweep, kNone,
              "Replicates per scenario (different random draws). At most 1,000: an interval narrows only "
              "with the square root of the replicates (at 1,000 a mean is known to 5 % of the run-to-run "
              "spread), and run and compare keep every run's yearly records in memory (about 1 MB a run "
              "for 2015-2040; they refuse what would not fit, before the first run)");
    t.num("simulation.scale", AT(simulation.scale), "share of persons", ValueRange{0.001, 1},
          kNoSweep, kNone, "Share of persons simulated (at least 0.001: a sample of about 750 persons); tables are weighted up by 1/scale");
    t.add("simulation.ensemble", K::path, AT(simulation.ensemble), "file", kAny, kNoSweep, kNone,
          "Ensemble of parameter sets (ensemble.csv of a calibration: member, then one column per numeric key) "
          "that swsim compare runs every scenario with, when this is the reference and no --ensemble is given; "
          "\"\" for none");
    t.add("simulation.headline_years", K::year_list, AT(simulation.headline_years), "year", ValueRange{2015, 2060},
          kNoSweep, kNone,
          "Years of the headline on the terminal and in results.xlsx (each a full year of the run; the reference's "
          "of a comparison; compare and run --years override it); [] for 2020, 2030 and 2040 where simulated");
    // ------------------------------------------------------------ regions
    t.file("regions.regions_csv", AT(regions.regions_csv), "[S/D]",
           "The 35 arbeidsmarktregio's with population, bijstand and Wsw per region (2015, 2016)");
    t.file("regions.adjacency_csv", AT(regions.adjacency_csv), "[E]",
           "Region pairs with their border type (land, river, fixed_link, water)");
    t.add("regions.municipalities_csv", K::path, AT(regions.municipalities_csv), "file", kAny, kNoSweep, "[S/D]",
          "The 393 municipalities of 2015 with their region, population 15-64, bijstand and Wsw (CBS 83450NED, summing "
          "to the regions file); \"\" (with companies_csv \"\"): each region is one municipality and one company");
    t.add("regions.companies_csv", K::path, AT(regions.companies_csv), "file", kAny, kNoSweep, "[S/K/E]",
          "The SW-bedrijf each municipality belonged to in 2015 (company_id, company, confidence S/K/E per row); \"\" "
          "with municipalities_csv \"\"");
    t.num("regions.commuting.land_weight", AT(regions.commuting.land_weight), "weight", kShare,
          SweepRange{0.3, 0.7}, "[E]", "Commuting weight of a step over a land border");
    t.num("regions.commuting.river_weight", AT(regions.commuting.river_weight), "weight", kShare,
          SweepRange{0.2, 0.5}, "[E]", "Commuting weight of a step over a river border");
    t.num("regions.commuting.fixed_link_weight", AT(regions.commuting.fixed_link_weight), "weight",
          kShare, SweepRange{0.15, 0.45}, "[E]", "Commuting weight of a step over a dam or bridge");
    t.num("regions.commuting.water_weight", AT(regions.commuting.water_weight), "weight", kShare,
          SweepRange{0.05, 0.3}, "[E]", "Commuting weight of a step over open water");
    t.num("regions.commuting.decay_per_extra_hop", AT(regions.commuting.decay_per_extra_hop),
          "factor", kShare, SweepRange{0.3, 0.7}, "[E]",
          "Factor per step beyond the first on the best path between two regions");
    t.integer("regions.commuting.max_hops", AT(regions.commuting.max_hops), "steps", ValueRange{0, 6},
              SweepRange{1, 3}, "[E]", "Regions further than this many steps do not commute (weight 0)");
    // ------------------------------------------------------------ population at the base month
    t.num("population.wsw_persons", AT(population.wsw_persons), "persons", kPersons, kNoSweep, "[S]",
          "Wsw workers with a dienstbetrekking at the base month (102,800 end 2014)");
    t.num("population.wsw_detached_share", AT(population.wsw_detached_share), "share", kShare,
          SweepRange{0.30, 0.37}, "[S]", "Share of the Wsw stock seconded (30.4 % in 2014)");
    t.num("population.wsw_begeleid_share", AT(population.wsw_begeleid_share), "share", kShare,
          SweepRange{0.06, 0.07}, "[S]", "Share of the Wsw stock in begeleid werken (6-7 %)");
    struct Band {
        const char* key;
        const char* ages;
        double WswAgeShares::*share;
        SweepRange sweep;
    };
    const Band bands[] = {{"a18_26", "18-26", &WswAgeShares::a18_26, {0.03, 0.05}},
                          {"a27_34", "27-34", &WswAgeShares::a27_34, {0.06, 0.10}},
                          {"a35_44", "35-44", &WswAgeShares::a35_44, {0.15, 0.25}},
                          {"a45_54", "45-54", &WswAgeShares::a45_54, {0.28, 0.38}},
                          {"a55_64", "55-64", &WswAgeShares::a55_64, {0.28, 0.38}},
                          {"a65_plus", "65 and over", &WswAgeShares::a65_plus, {0.01, 0.03}}};
    for (const Band& b : bands)
        t.num(std::string("population.wsw_age_shares.") + b.key,
              [m = b.share](Scenario& s) -> double& { return s.population.wsw_age_shares.*m; }, "share",
              kShare, b.sweep, "[E]",
              std::string("Share of the Wsw stock aged ") + b.ages +
                  "; the six bands must sum to 1 (68 % over 45, 4 % under 27 in 2015 [S])");
    t.profile("population.wsw", AT(population.wsw), false, "the Wsw stock");
    t.num("population.waitlist_persons", AT(population.waitlist_persons), "persons", kPersons,
          kNoSweep, "[S]", "Wsw-indicated persons never placed (wachtlijst), 11,185 end 2014");
    t.profile("population.waitlist", AT(population.waitlist), true, "the Wsw waitlist");
    t.num("population.doelgroep_persons", AT(population.doelgroep_persons), "persons", kPersons,
          SweepRange{200000, 250000}, "[S]",
          "Banenafspraak doelgroep at the base month (register about 200-250k)");
    t.num("population.doelgroep_working_share", AT(population.doelgroep_working_share), "share",
          kShare, SweepRange{0.15, 0.35}, "[E]", "Share of the doelgroep in a regular job at the base month");
    t.num("population.doelgroep_lks_share_of_working", AT(population.doelgroep_lks_share_of_working),
          "share", kShare, SweepRange{0.2, 0.5}, "[E]", "Share of working doelgroep persons with LKS");
    t.num("population.doelgroep_dagbesteding_share", AT(population.doelgroep_dagbesteding_share),
          "share", kShare, SweepRange{0.2, 0.5}, "[E]",
          "Share of the doelgroep in dagbesteding; working + dagbesteding must not exceed 1");
    t.num("population.doelgroep_bijstand_share", AT(population.doelgroep_bijstand_share), "share",
          kShare, SweepRange{0.2, 0.5}, "[E]",
          "Share of the doelgroep on a municipal benefit (PW); the rest is Wajong (UWV)");
    t.profile("population.doelgroep", AT(population.doelgroep), true, "the doelgroep");
    t.num("population.bijstand_persons", AT(population.bijstand_persons), "persons", kPersons,
          SweepRange{300000, 450000}, "[S]",
          "Bijstand recipients with a large distance to work (Cedris: about 400,000)");
    t.num("population.bijstand_dagbesteding_share", AT(population.bijstand_dagbesteding_share),
          "share", kShare, SweepRange{0.4, 0.7}, "[S]",
          "Share considered unable to work in the foreseeable future (about 60 %)");
    t.profile("population.bijstand", AT(population.bijstand), true, "bijstand recipients");
    // ------------------------------------------------------------ inflow
    t.inflow("inflow.doelgroep", AT(inflow.doelgroep), SweepRange{0.6, 1.0}, "[D]",
             "School leavers (VSO/PrO) and jonggehandicapten entering the doelgroep");
    t.inflow("inflow.bijstand", AT(inflow.bijstand), SweepRange{1.0, 3.0}, "[E]",
             "New bijstand entrants with a large distance to work");
    t.inflow("inflow.beschut_advices", AT(inflow.beschut_advices), SweepRange{0.05, 0.4}, "[E]",
             "New positive beschut-werk advices");
    t.num("inflow.doelgroep_dagbesteding_share", AT(inflow.doelgroep_dagbesteding_share), "share",
          kShare, SweepRange{0.2, 0.5}, "[E]", "Share of doelgroep entrants going to dagbesteding");
    t.num("inflow.bijstand_dagbesteding_share", AT(inflow.bijstand_dagbesteding_share), "share",
          kShare, SweepRange{0.4, 0.7}, "[E]", "Share of bijstand entrants going to dagbesteding");
    t.profile("inflow.doelgroep_entrant", AT(inflow.doelgroep_entrant), true, "doelgroep entrants");
    t.profile("inflow.bijstand_entrant", AT(inflow.bijstand_entrant), true, "bijstand entrants");
    t.profile("inflow.beschut_entrant", AT(inflow.beschut_entrant), true, "beschut-advice entrants");
    // ------------------------------------------------------------ policy: the company
    t.add("policy.company.mode", K::enumeration, AT(policy.company.mode), "", kAny, kNoSweep, kNone,
          "Company mode in every region from switch_year on (a policy choice)", true);
    t.add("policy.company.mode_by_region", K::region_mode_map, AT(policy.company.mode_by_region), "",
          kAny, kNoSweep, kNone,
          "Mode of the companies whose home region this is (most of their 2015 Wsw residents live there), overriding "
          "`mode` (CBS code AMxx; codes are checked against the region file when data are loaded)");
    t.add("policy.company.mode_by_company", K::company_mode_map, AT(policy.company.mode_by_company), "", kAny,
          kNoSweep, kNone,
          "Mode of one SW-bedrijf (its company_id in the companies file), overriding mode_by_region and `mode`");
    t.integer("policy.company.switch_year", AT(policy.company.switch_year), "year",
              ValueRange{2000, 2100}, kNoSweep, kNone,
              "Year from whose January the modes apply (sterfhuis, or the realised policy, before); not before "
              "the start (after the end: the run ends before the choice)", true);
    t.add("policy.company.switch_year_by_company", K::company_year_map, AT(policy.company.switch_year_by_company),
          "year", ValueRange{2015, 2100}, kNoSweep, kNone,
          "A company's own switch year (company_id: year), overriding switch_year for it");
    t.add("policy.company.budget_factor_by_company", K::company_factor_map, AT(policy.company.budget_factor_by_company),
          "factor", ValueRange{0, 100}, kNoSweep, kNone,
          "Factor on one company's share of every function budget (employer services, jobcoaching, training), "
          "e.g. 2 where its municipalities buy twice their population share; the state money is not scaled");
    t.add("policy.company.municipality_moves", K::municipality_move_map, AT(policy.company.municipality_moves),
          "year", ValueRange{2016, 2100}, kNoSweep, kNone,
          "A municipality leaving its SW-bedrijf for another from January of a year (GMxxxx: {company: ID, from_year: "
          "YEAR}): its residents count for the new company, and it takes its share of the old company's overhead "
          "(by its share of the Wsw places) with it");
    const std::string rp = "policy.company.realised.";
    t.integer(rp + "from_year", AT(policy.company.realised.from_year), "year", ValueRange{2000, 2100}, kNoSweep,
              kNone, "Year from whose January the realised policy of the regions in realised.mode_by_region applies "
                     "(until switch_year)");
    t.add(rp + "mode_by_region", K::region_mode_map, AT(policy.company.realised.mode_by_region), "", kAny, kNoSweep,
          kNone, "Regions whose company ran some functions before switch_year (ontwikkelbedrijf), as realised: the "
                 "observed baseline's history; every other company was a sterfhuis");
    for (const auto& [name, field] : std::initializer_list<std::pair<const char*, FieldRef<bool>>>{
             {"employer_services", AT(policy.company.realised.employer_services)},
             {"beschut_facility", AT(policy.company.realised.beschut_facility)},
             {"matching", AT(policy.company.realised.matching)},
             {"training", AT(policy.company.realised.training)},
             {"employer_networks", AT(policy.company.realised.employer_networks)},
             {"detachering", AT(policy.company.realised.detachering)}})
        t.flag(rp + name, field,
               "Before switch_year, the realised companies ran function " + std::string(name) +
                   " (with the settings under functions)");
    t.num("policy.company.ramp_up_years", AT(policy.company.ramp_up_years), "years", ValueRange{1, 20},
          SweepRange{1, 5}, "[E]",
          "Years over which the functions' capacity grows linearly to full from the switch year (a company "
          "hires staff and builds networks over years; nothing sourced)");
    t.num("policy.company.se_per_person", AT(policy.company.se_per_person), "SE/person",
          ValueRange{0, 2, true}, kNoSweep, "[D]", "Standaardeenheden per Wsw person (85,332 / 96,300)");
    t.num("policy.company.overhead_euro_per_se_per_year", AT(policy.company.overhead_euro_per_se_per_year),
          "€/SE/year", kCompanyPerWorker, SweepRange{4000, 10000}, "[E]", "Fixed company overhead at the base month");
    t.num("policy.company.overhead_max_cut_share_per_year",
          AT(policy.company.overhead_max_cut_share_per_year), "share/year", kShare,
          SweepRange{0.01, 0.05}, "[E]", "Largest share of overhead that can be cut in a year (sticky costs)");
    t.num("policy.company.detached_overhead_weight", AT(policy.company.detached_overhead_weight), "share",
          kShare, SweepRange{0.1, 0.5}, "[E]",
          "Overhead place of a non-Wsw worker the company seconds, relative to a place inside");
    t.num("policy.company.variable_cost_euro_per_worker_per_year",
          AT(policy.company.variable_cost_euro_per_worker_per_year), "€/worker/year", kCompanyPerWorker,
          SweepRange{2000, 5000}, "[E]", "Variable company cost per worker");
    t.num("policy.company.production_revenue_euro_per_worker_per_year",
          AT(policy.company.production_revenue_euro_per_worker_per_year), "€/worker/year", kCompanyPerWorker,
          SweepRange{5000, 12000}, "[E]", "Production revenue per worker inside the company");
    t.num("policy.company.detachering_fee_euro_per_worker_per_year",
          AT(policy.company.detachering_fee_euro_per_worker_per_year), "€/worker/year", kCompanyPerWorker,
          SweepRange{8000, 16000}, "[E]", "Fee received per seconded Wsw worker (whose wage the municipality pays)");
    t.num("policy.company.detachering_margin_euro_per_worker_per_year",
          AT(policy.company.detachering_margin_euro_per_worker_per_year), "€/worker/year", kCompanyPerWorker,
          SweepRange{0, 4000}, "[E]",
          "Net margin per seconded non-Wsw worker (fee plus LKS less the wage the company pays)");
    const std::string fn = "policy.company.functions.";
    t.flag(fn + "employer_services.enabled", AT(policy.company.employer_services.enabled),
           "Function 1, werkgeversdienstverlening, is offered by an ontwikkelbedrijf");
    t.series(fn + "employer_services.budget_euro_per_year", AT(policy.company.employer_services.budget_euro_per_year),
             "€/year", kNationalBudget, SweepRange{0, 30e6}, "policy choice",
             "National budget of werkgeversdienstverlening, shared over the regions by population 15-64");
    t.num(fn + "employer_services.euro_per_extra_vacancy",
          AT(policy.company.employer_services.euro_per_extra_vacancy), "€/vacancy", kEuroPerVacancy,
          SweepRange{25000, 100000}, "[D]",
          "Budget per vacancy opened for the target group by job carving (Cedris: €9,000 per extra place a "
          "year, times the 5.7 years a job lasts)");
    t.flag(fn + "beschut_facility.enabled", AT(policy.company.beschut_facility.enabled),
           "Function 2, beschut werk inside the company, is offered");
    t.series(fn + "beschut_facility.realisation_share", AT(policy.company.beschut_facility.realisation_share),
             "share", kShare, SweepRange{0.5, 1.0}, "[E]", "Share of the taakstelling the company realises");
    t.flag(fn + "matching.enabled", AT(policy.company.matching.enabled),
           "Function 3, matching and begeleiding (jobcoaches), is offered");
    t.series(fn + "matching.budget_euro_per_year", AT(policy.company.matching.budget_euro_per_year), "€/year",
             kNationalBudget, SweepRange{0, 80e6}, "policy choice",
             "National budget of jobcoaching, shared over the regions by population 15-64");
    t.num(fn + "matching.euro_per_coached_person_per_year",
          AT(policy.company.matching.euro_per_coached_person_per_year), "€/person/year", kCostPerPerson,
          SweepRange{3000, 8000}, "[E]",
          "A jobcoach's cost per person in the caseload a year (begeleiding €3,000-8,000); a placed person's "
          "second and third years cost 7.5/15 and 6/15 of it (UWV rule)");
    t.num(fn + "matching.score_multiplier", AT(policy.company.matching.score_multiplier), "factor",
          ValueRange{1, 3}, SweepRange{1.0, 1.8}, "[S ceiling]",
          "Multiplier on a coached seeker's share of the vacancies (ceiling: IPS, 44 % against 25 % in work)");
    t.num(fn + "matching.substitution_share", AT(policy.company.matching.substitution_share), "share", kShare,
          SweepRange{0.0, 0.5}, "[E]",
          "Share of coached seekers' extra placements that are jobs added, not taken from other seekers of "
          "the target group (0: zero-sum; intensive guidance in the bijstand showed no significant effect)");
    t.num(fn + "matching.job_loss_multiplier", AT(policy.company.matching.job_loss_multiplier), "factor",
          ValueRange{0, 1}, SweepRange{0.6, 1.0}, "[E]", "Multiplier on a coached worker's job-loss hazard, during the coaching");
    t.integer(fn + "matching.coaching_months", AT(policy.company.matching.coaching_months), "months",
              ValueRange{0, 36}, kNoSweep, "[S]",  // at most kTrackedMonths (engine)
              "Months a placed person is coached (UWV rule: years 1-3)");
    t.flag(fn + "training.enabled", AT(policy.company.training.enabled),
           "Function 4, werknemersvaardigheden (training), is offered");
    t.series(fn + "training.budget_euro_per_year", AT(policy.company.training.budget_euro_per_year), "€/year",
             kNationalBudget, SweepRange{0, 60e6}, "policy choice",
             "National training budget; places = budget / cost per place, shared over the regions by population 15-64");
    t.num(fn + "training.intake_rate_per_year", AT(policy.company.training.intake_rate_per_year),
          "rate/year", kRate, SweepRange{0.05, 0.3}, "[E]", "Share of available seekers starting training per year");
    t.integer(fn + "training.duration_months", AT(policy.company.training.duration_months), "months",
              ValueRange{1, 60}, SweepRange{6, 24}, "[E]", "Length of a training trajectory");
    t.num(fn + "training.loonwaarde_gain_per_year", AT(policy.company.training.loonwaarde_gain_per_year),
          "share of WML/year", kShare, SweepRange{0.05, 0.2}, "[E]", "Loonwaarde gained per year in training");
    t.num(fn + "training.cost_euro_per_person_per_year",
          AT(policy.company.training.cost_euro_per_person_per_year), "€/person/year", kCostPerPerson,
          SweepRange{3000, 10000}, "[E]", "Cost of a training place");
    t.flag(fn + "employer_networks.enabled", AT(policy.company.employer_networks.enabled),
           "Function 5, werkgeversnetwerken, is offered");
    t.num(fn + "employer_networks.cross_region_weight_multiplier",
          AT(policy.company.employer_networks.cross_region_weight_multiplier), "factor",
          ValueRange{0, 10}, SweepRange{1.0, 2.5}, "[E]", "Multiplier on cross-region commuting weights");
    t.flag(fn + "detachering.enabled", AT(policy.company.detachering.enabled),
           "Function 6, detachering and the way back, is offered");
    t.num(fn + "detachering.detached_share_of_placements",
          AT(policy.company.detachering.detached_share_of_placements), "share", kShare,
          SweepRange{0.2, 0.6}, "[E]", "Share of non-Wsw placements made as detachering");
    t.num(fn + "detachering.wsw_detach_rate_multiplier",
          AT(policy.company.detachering.wsw_detach_rate_multiplier), "factor", ValueRange{0, 10},
          SweepRange{1.0, 2.0}, "[E]", "Multiplier on the Wsw intern -> detached rate");
    t.flag(fn + "detachering.way_back", AT(policy.company.detachering.way_back),
           "Job losers return to the company instead of to seeking");
    t.num(fn + "detachering.way_back_beschut_share", AT(policy.company.detachering.way_back_beschut_share),
          "share", kShare, SweepRange{0.1, 0.5}, "[S]",
          "Share of returners given a new beschut advice (two thirds of municipalities never asked for one)");
    // ------------------------------------------------------------ policy: beschut werk
    t.series("policy.beschut.taakstelling_places", AT(policy.beschut.taakstelling_places), "places",
             kPersons, kNoSweep, "[S]", "Cumulative beschut places municipalities must offer, national");
    t.series("policy.beschut.outside_realisation_share", AT(policy.beschut.outside_realisation_share),
             "share", kShare, SweepRange{0.25, 0.75}, "[E]",
             "Share of the taakstelling realised where no company facility offers beschut werk");
    t.num("policy.beschut.outside_unit_cost_factor", AT(policy.beschut.outside_unit_cost_factor),
          "factor", ValueRange{0, 5, true}, SweepRange{1.0, 1.3}, "[E]",
          "Cost per beschut place outside a company relative to inside");
    t.series("policy.beschut.wage_euro_per_place_per_year", AT(policy.beschut.wage_euro_per_place_per_year),
             "€/place/year", kWagePerYear, kNoSweep, "[S]", "Wage cost of a beschut place (about €24,000 in 2017)");
    t.num("policy.beschut.begeleiding_euro_per_place_per_year",
          AT(policy.beschut.begeleiding_euro_per_place_per_year), "€/place/year", kCostPerPerson, kNoSweep,
          "[S]", "Begeleiding and adaptation per beschut place (about €8,000)");
    t.series("policy.beschut.state_addition_euro_per_place_per_year",
             AT(policy.beschut.state_addition_euro_per_place_per_year), "€/place/year", kStateAddition,
             kNoSweep, "[S]", "Extra state funding per beschut place (€2,157 from 2024)");
    t.flag("policy.beschut.waiting_also_seek", AT(policy.beschut.waiting_also_seek),
           "Persons waiting for a beschut place also take part in matching for regular work (default no: a "
           "positive advice says the person can work only in a sheltered setting)");
    // ------------------------------------------------------------ policy: money
    t.series("policy.money.rijksbijdrage_euro_per_se", AT(policy.money.rijksbijdrage_euro_per_se),
             "€/SE/year", kEuroPerSe, SweepRange{21000, 26000}, "[K; S]",
             "State contribution per standaardeenheid (about €26,000 in 2014 to €22,700 around 2020)");
    t.series("policy.money.wsw_wage_cost_euro_per_se", AT(policy.money.wsw_wage_cost_euro_per_se),
             "€/SE/year", kEuroPerSe, SweepRange{27000, 31000}, "[E; S]",
             "Wsw wage cost per SE including employer costs");
    t.flag("policy.money.wsw_wage_follows_wml", AT(policy.money.wsw_wage_follows_wml),
           "After the last year of wsw_wage_cost_euro_per_se the wage cost per SE moves with the WML (the "
           "Wsw-CAO's scales are tied to the minimum wage)");
    t.series("policy.money.liv_euro_per_se_per_year", AT(policy.money.liv_euro_per_se_per_year), "€/SE/year",
             ValueRange{0, 5000}, SweepRange{0, 2000}, "[K; E]",
             "Lage-inkomensvoordeel the state pays the employer per Wsw SE (at most €2,000 a year for a wage "
             "of 100-110 % WML, 2017-2024 [K]; the share of Wsw workers in that band is not known)");
    t.series("policy.money.wml_euro_per_year", AT(policy.money.wml_euro_per_year), "€/year", kWagePerYear,
             kNoSweep, "[K]", "Full-time legal minimum wage per year (not in FACTS.md)");
    t.num("policy.money.lks_wml_factor", AT(policy.money.lks_wml_factor), "factor", ValueRange{0, 10}, kNoSweep,
          "[S]", "LKS = (1 - loonwaarde) x this factor x WML x (1 + employer cost share)");
    t.num("policy.money.lks_employer_cost_share", AT(policy.money.lks_employer_cost_share), "share",
          kShare, kNoSweep, "[S]", "Employer costs added to the LKS (23 %)");
    t.num("policy.money.full_time_hours_per_week", AT(policy.money.full_time_hours_per_week),
          "hours/week", ValueRange{0, 60, true}, SweepRange{36, 40}, "[E]",
          "Hours a full-time WML pays for; LKS and wages are pro rata to contract hours (not in FACTS.md)");
    t.num("policy.money.begeleiding_euro_per_person_per_year",
          AT(policy.money.begeleiding_euro_per_person_per_year), "€/person/year", kCostPerPerson,
          SweepRange{3000, 8000}, "[E]",
          "Jobcoach cost in the first year of a job with LKS or detachering; years 2 and 3 cost 7.5/15 and "
          "6/15 of it (UWV rule), none after. Paid by the municipality for its bijstand group, else by UWV");
    t.series("policy.money.bijstand_euro_per_person_per_year",
             AT(policy.money.bijstand_euro_per_person_per_year), "€/person/year", kBenefitPerYear,
             SweepRange{12000, 18000}, "[E]", "Bijstand benefit cost per recipient");
    t.num("policy.money.bijstand_ends_at_hours_per_week", AT(policy.money.bijstand_ends_at_hours_per_week),
          "hours/week", ValueRange{1, 60}, SweepRange{26, 40}, "[D]",
          "Hours of work a week whose earnings end a bijstand benefit; below, it falls pro rata (a per-person "
          "approximation of a household benefit: €14,000 [E] against 80 % net of a WML of €18,022 [K])");
    const std::string sm = "policy.state_money.";
    t.series(sm + "employer_services_euro_per_year", AT(policy.state_money.employer_services_euro_per_year),
             "€/year", kNationalBudget, kNoSweep, "policy choice",
             "Extra state money added to the werkgeversdienstverlening budget, national");
    t.series(sm + "matching_euro_per_year", AT(policy.state_money.matching_euro_per_year), "€/year",
             kNationalBudget, kNoSweep, "policy choice", "Extra state money added to the jobcoaching budget, national");
    t.series(sm + "training_euro_per_year", AT(policy.state_money.training_euro_per_year), "€/year",
             kNationalBudget, kNoSweep, "policy choice", "Extra state money added to the training budget, national");
    // ------------------------------------------------------------ behaviour
    const std::string dm = "behaviour.demography.";
    t.num(dm + "mortality_rate_at_50_per_year", AT(behaviour.demography.mortality_rate_at_50_per_year),
          "rate/year", kShare, SweepRange{0.002, 0.005}, "[E]", "Gompertz mortality level at age 50, general population");
    t.num(dm + "mortality_slope_per_year_of_age", AT(behaviour.demography.mortality_slope_per_year_of_age),
          "1/year of age", ValueRange{0, 1}, SweepRange{0.07, 0.11}, "[E]", "Gompertz slope of mortality by age");
    t.num(dm + "excess_mortality_factor", AT(behaviour.demography.excess_mortality_factor), "factor",
          ValueRange{0, 20}, SweepRange{1.0, 3.0}, "[E]", "Mortality of this population relative to the general one");
    t.series(dm + "aow_age_months", AT(behaviour.demography.aow_age_months), "months",
             ValueRange{720, 900}, kNoSweep, "[K]", "AOW (state pension) age by year");
    t.num(dm + "aow_link_months_per_year", AT(behaviour.demography.aow_link_months_per_year),
          "months/year", ValueRange{0, 12}, SweepRange{0, 1}, "[E]",
          "Rise of the AOW age per year after the series' last year (linked to life expectancy [K])");
    t.series(dm + "wsw_other_exit_rate_per_year", AT(behaviour.demography.wsw_other_exit_rate_per_year),
             "rate/year", kShare, SweepRange{0.01, 0.04}, "[E]",
             "Wsw exits other than death and AOW (WIA, end of contract, own request)");
    t.num(dm + "other_exit_rate_per_year", AT(behaviour.demography.other_exit_rate_per_year),
          "rate/year", kShare, SweepRange{0.01, 0.06}, "[E]", "Exits of non-Wsw groups (moving, WIA, other)");
    const std::string wm = "behaviour.wsw_moves.";
    t.num(wm + "intern_to_detached_rate_per_year", AT(behaviour.wsw_moves.intern_to_detached_rate_per_year),
          "rate/year", kRate, SweepRange{0.3, 0.9}, "[E]", "Wsw intern -> detached");
    t.num(wm + "detached_to_intern_rate_per_year", AT(behaviour.wsw_moves.detached_to_intern_rate_per_year),
          "rate/year", kRate, SweepRange{0.5, 1.3}, "[E]", "Wsw detached -> intern");
    t.num(wm + "intern_to_begeleid_rate_per_year", AT(behaviour.wsw_moves.intern_to_begeleid_rate_per_year),
          "rate/year", kRate, SweepRange{0.005, 0.02}, "[E]", "Wsw intern -> begeleid werken");
    t.num(wm + "begeleid_to_intern_rate_per_year", AT(behaviour.wsw_moves.begeleid_to_intern_rate_per_year),
          "rate/year", kRate, SweepRange{0.04, 0.16}, "[E]", "Wsw begeleid werken -> intern");
    const std::string mt = "behaviour.matching.";
    t.series(mt + "vacancies_per_1000_pop_15_64_per_year",
             AT(behaviour.matching.vacancies_per_1000_pop_15_64_per_year), "per 1,000 pop 15-64/year",
             kPer1000, SweepRange{1.0, 4.0}, "[E]", "Vacancies open to the target group, before employer services");
    t.num(mt + "loonwaarde_elasticity", AT(behaviour.matching.loonwaarde_elasticity), "exponent",
          ValueRange{0, 10}, SweepRange{0.5, 2.0}, "[E]", "Matching score = loonwaarde ^ elasticity");
    t.num(mt + "max_placement_probability_per_month", AT(behaviour.matching.max_placement_probability_per_month),
          "probability/month", kShare, SweepRange{0.1, 0.3}, "[E]", "Placement chance of the best candidate in a month");
    t.num(mt + "lks_loonwaarde_threshold", AT(behaviour.matching.lks_loonwaarde_threshold),
          "share of WML", kShare, SweepRange{0.7, 0.9}, "[E]", "Below: placed with LKS; from it up: regular job");
    t.num(mt + "waitlist_score_multiplier", AT(behaviour.matching.waitlist_score_multiplier), "factor",
          ValueRange{0, 10}, SweepRange{3, 7}, "[E]", "Matching score of waitlist persons relative to others");
    t.num(mt + "doelgroep_score_multiplier", AT(behaviour.matching.doelgroep_score_multiplier), "factor",
          ValueRange{0, 10}, SweepRange{1, 8}, "[E]",
          "Matching score of the doelgroep's entrants after the base month relative to others (school-to-work "
          "routes of VSO/PrO leavers; calibrated to the jonggehandicapten's 38 % in work in their third year [S])");
    t.num(mt + "dagbesteding_to_seeking_rate_per_year",
          AT(behaviour.matching.dagbesteding_to_seeking_rate_per_year), "rate/year", kRate,
          SweepRange{0.0, 0.05}, "[E]", "Dagbesteding -> seeking");
    t.num("behaviour.job_loss.rate_per_year", AT(behaviour.job_loss.rate_per_year), "rate/year", kRate,
          SweepRange{0.16, 0.19}, "[D]", "Job-loss hazard in banenafspraak jobs (4.2-5.3 % a quarter)");
    t.num("behaviour.job_loss.waitlist_multiplier", AT(behaviour.job_loss.waitlist_multiplier), "factor",
          ValueRange{0, 5}, SweepRange{1.0, 3.5}, "[E]",
          "Job-loss hazard of the Wsw waitlist group relative to others (SCP: fewer kept their job longer than a year)");
    // ------------------------------------------------------------ reporting
    t.num("reporting.banenafspraak_job_hours_per_week", AT(reporting.banenafspraak_job_hours_per_week),
          "hours/week", ValueRange{0, 40, true}, kNoSweep, "[S]", "Hours of one counted banenafspraak job");
    t.num("reporting.banenafspraak_baseline_jobs", AT(reporting.banenafspraak_baseline_jobs), "jobs",
          kPersons, SweepRange{85000, 110000}, "[E]", "Jobs counted at the end-2012 baseline (subtracted)");
    return std::move(t.keys);
}

#undef AT

}  // namespace

const std::vector<KeySpec>& scenario_schema() {
    static const std::vector<KeySpec> keys = build();
    return keys;
}

const KeySpec* find_key(std::string_view path) {
    const auto& keys = scenario_schema();
    auto it = std::find_if(keys.begin(), keys.end(), [&](const KeySpec& k) { return k.path == path; });
    return it == keys.end() ? nullptr : &*it;
}

const std::vector<std::string>& company_mode_names() {
    static const std::vector<std::string> names = {"sterfhuis", "ontwikkelbedrijf"};
    return names;
}

std::string_view company_mode_name(CompanyMode mode) {
    return company_mode_names()[mode == CompanyMode::sterfhuis ? 0 : 1];
}

std::optional<CompanyMode> company_mode_from_name(std::string_view name) {
    if (name == "sterfhuis") return CompanyMode::sterfhuis;
    if (name == "ontwikkelbedrijf") return CompanyMode::ontwikkelbedrijf;
    return std::nullopt;
}

}  // namespace swsim
