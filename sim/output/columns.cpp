#include "swsim/output/columns.hpp"

#include <cmath>

#include <fmt/format.h>

#include "swsim/process/budget.hpp"

namespace swsim {

namespace {

// Excel number formats: persons and euro whole with thousands separators, averages of places with
// one decimal, counts (year, replicate, n) plain.
constexpr const char* kWhole = "#,##0";
constexpr const char* kTenths = "#,##0.0";

}  // namespace

const std::vector<Column>& output_columns() {
    using R = const YearRecord&;
    // Persons and euro are whole numbers; places are the year's average of the monthly counts.
    static const std::vector<Column> columns = {
        {"wsw", [](R r) { return r.wsw(); }, 0, kWhole, "Wsw workers (intern, detached, begeleid)"},
        {"wsw_over_45", [](R r) { return r.wsw_over_45; }, 0, kWhole, "Wsw workers aged 45 or over"},
        {"wsw_intern", [](R r) { return r.status(Status::wsw_intern); }, 0, kWhole, "Wsw, working inside the company"},
        {"wsw_detached", [](R r) { return r.status(Status::wsw_detached); }, 0, kWhole, "Wsw, detached"},
        {"wsw_begeleid", [](R r) { return r.status(Status::wsw_begeleid); }, 0, kWhole, "Wsw, begeleid werken"},
        {"beschut", [](R r) { return r.status(Status::beschut); }, 0, kWhole, "beschut werk"},
        {"training", [](R r) { return r.status(Status::training); }, 0, kWhole, "in training"},
        {"detached", [](R r) { return r.status(Status::detached); }, 0, kWhole, "detached by the company (new groups)"},
        {"regular_lks", [](R r) { return r.status(Status::regular_lks); }, 0, kWhole, "regular work with LKS"},
        {"regular", [](R r) { return r.status(Status::regular); }, 0, kWhole, "regular work"},
        {"seeking", [](R r) { return r.status(Status::seeking); }, 0, kWhole, "seeking work"},
        {"dagbesteding", [](R r) { return r.status(Status::dagbesteding); }, 0, kWhole, "dagbesteding"},
        {"inflow", [](R r) { return r.flow(Flow::inflow); }, 0, kWhole, "inflow"},
        {"exits_retired", [](R r) { return r.flow(Flow::exits_retired); }, 0, kWhole, "exits: retired"},
        {"exits_died", [](R r) { return r.flow(Flow::exits_died); }, 0, kWhole, "exits: died"},
        {"exits_other", [](R r) { return r.flow(Flow::exits_other); }, 0, kWhole, "exits: other"},
        {"wsw_exits_retired", [](R r) { return r.flow(Flow::wsw_exits_retired); }, 0, kWhole, "Wsw exits: retired"},
        {"wsw_exits_died", [](R r) { return r.flow(Flow::wsw_exits_died); }, 0, kWhole, "Wsw exits: died"},
        {"wsw_exits_other", [](R r) { return r.flow(Flow::wsw_exits_other); }, 0, kWhole, "Wsw exits: other"},
        {"placements", [](R r) { return r.flow(Flow::placements); }, 0, kWhole, "placements in work"},
        {"job_losses", [](R r) { return r.flow(Flow::job_losses); }, 0, kWhole, "job losses"},
        {"returns", [](R r) { return r.flow(Flow::returns); }, 0, kWhole, "returns by the way back"},
        {"beschut_placements", [](R r) { return r.flow(Flow::beschut_placements); }, 0, kWhole, "beschut placements"},
        {"training_starts", [](R r) { return r.flow(Flow::training_starts); }, 0, kWhole, "training starts"},
        {"supported_placements", [](R r) { return r.flow(Flow::supported_placements); }, 0, kWhole,
         "placements of seekers in a jobcoach's caseload"},
        {"training_refused", [](R r) { return r.flow(Flow::training_refused); }, 0, kWhole,
         "returners without a free training place"},
        {"banenafspraak_jobs", [](R r) { return r.banenafspraak_jobs; }, 0, kWhole,
         "banenafspraak jobs (UWV count, 25.5 h, above the baseline)"},
        {"banenafspraak_extra_persons", [](R r) { return r.banenafspraak_extra_persons; }, 0, kWhole,
         "banenafspraak extra persons (Cedris count)"},
        {"rijksbijdrage", [](R r) { return r.line(Money::rijksbijdrage); }, 0, kWhole, "Rijksbijdrage (EUR)"},
        {"wsw_wages", [](R r) { return r.line(Money::wsw_wages); }, 0, kWhole, "Wsw wages (EUR)"},
        {"beschut_wages", [](R r) { return r.line(Money::beschut_wages); }, 0, kWhole, "beschut wages (EUR)"},
        {"lks", [](R r) { return r.line(Money::lks); }, 0, kWhole, "loonkostensubsidie (EUR)"},
        {"begeleiding", [](R r) { return r.line(Money::begeleiding); }, 0, kWhole, "begeleiding (EUR)"},
        {"training_cost", [](R r) { return r.line(Money::training_cost); }, 0, kWhole, "training (EUR)"},
        {"bijstand_benefits", [](R r) { return r.line(Money::bijstand_benefits); }, 0, kWhole, "bijstand benefits (EUR)"},
        {"beschut_state_addition", [](R r) { return r.line(Money::beschut_state_addition); }, 0, kWhole,
         "state addition for beschut werk (EUR)"},
        {"company_overhead", [](R r) { return r.line(Money::company_overhead); }, 0, kWhole, "company overhead (EUR)"},
        {"company_variable_cost", [](R r) { return r.line(Money::company_variable_cost); }, 0, kWhole,
         "company variable cost (EUR)"},
        {"company_revenue", [](R r) { return r.line(Money::company_revenue); }, 0, kWhole, "company revenue (EUR)"},
        {"jobcoach_cost", [](R r) { return r.line(Money::jobcoach_cost); }, 0, kWhole,
         "ontwikkelbedrijf jobcoaching (EUR)"},
        {"employer_services_cost", [](R r) { return r.line(Money::employer_services_cost); }, 0, kWhole,
         "ontwikkelbedrijf employer services (EUR)"},
        {"state_function_money", [](R r) { return r.line(Money::state_function_money); }, 0, kWhole,
         "state money spent on the functions (EUR)"},
        {"uwv_loondispensatie", [](R r) { return r.line(Money::uwv_loondispensatie); }, 0, kWhole,
         "UWV loondispensatie for Wajongers (EUR)"},
        {"uwv_begeleiding", [](R r) { return r.line(Money::uwv_begeleiding); }, 0, kWhole,
         "UWV begeleiding for Wajongers (EUR)"},
        {"liv", [](R r) { return r.line(Money::liv); }, 0, kWhole, "lage-inkomensvoordeel for Wsw (EUR)"},
        {"company_result", [](R r) { return r.company_result(); }, 0, kWhole, "company result (EUR)"},
        {"municipal_net_cost", [](R r) { return r.municipal_net_cost(); }, 0, kWhole, "municipal net cost (EUR)"},
        {"state_cost", [](R r) { return budget::state_cost(r.money); }, 0, kWhole, "state cost (EUR)"},
        {"uwv_cost", [](R r) { return budget::uwv_cost(r.money); }, 0, kWhole, "UWV cost (EUR)"},
        {"public_net_cost", [](R r) { return budget::public_net_cost(r.money); }, 0, kWhole,
         "net cost of municipality, state and UWV (EUR)"},
        {"wsw_places", [](R r) { return r.average_places(Place::wsw); }, 1, kTenths, "Wsw places (SE, year average)"},
        {"company_places", [](R r) { return r.average_places(Place::company); }, 1, kTenths,
         "persons on the company's payroll (year average)"},
        {"trainees", [](R r) { return r.average_places(Place::trainees); }, 1, kTenths,
         "in the company's training (year average)"},
        {"training_places", [](R r) { return r.average_places(Place::training_places); }, 1, kTenths,
         "training places bought (year average)"},
        {"coached", [](R r) { return r.average_places(Place::coached); }, 1, kTenths,
         "jobcoach caseload used (year average)"},
        {"coach_slots", [](R r) { return r.average_places(Place::coach_slots); }, 1, kTenths,
         "jobcoach caseload bought (year average)"},
        {"deficit_per_place", [](R r) { return r.deficit_per_place(); }, 2, kWhole,
         "deficit per company place (EUR; NA without places)"},
    };
    return columns;
}

const Column* find_column(std::string_view name) {
    for (const Column& c : output_columns())
        if (name == c.name) return &c;
    return nullptr;
}

std::vector<std::string> yearly_columns() {
    std::vector<std::string> cols{"scenario", "replicate", "year", "region"};
    for (const Column& c : output_columns()) cols.emplace_back(c.name);
    return cols;
}

std::vector<double> yearly_values(const YearRecord& r) {
    std::vector<double> v;
    v.reserve(output_columns().size());
    for (const Column& c : output_columns()) v.push_back(c.value(r));
    return v;
}

const std::vector<std::string>& summary_statistics() {
    static const std::vector<std::string> names = {"mean", "p05", "p95", "sd", "n"};
    return names;
}

const std::vector<CohortColumn>& cohort_columns() {
    using R = const CohortRecord&;
    // Persons who entered (the stock: at the base month), then shares of them at the end of
    // cohort_year + years_after (NaN without entrants). In work: regular, with LKS, detached, beschut
    // or Wsw. Ever placed: in a job at least once since entry. Still present: not died, retired or left.
    static const std::vector<CohortColumn> columns = {
        {"entrants", [](R r) { return r.entrants; }, 1},
        {"in_work_share", [](R r) { return r.share(r.in_work()); }, 4},
        {"regular_share", [](R r) { return r.share(r.work(WorkKind::regular)); }, 4},
        {"regular_lks_share", [](R r) { return r.share(r.work(WorkKind::regular_lks)); }, 4},
        {"detached_share", [](R r) { return r.share(r.work(WorkKind::detached)); }, 4},
        {"beschut_share", [](R r) { return r.share(r.work(WorkKind::beschut)); }, 4},
        {"wsw_share", [](R r) { return r.share(r.work(WorkKind::wsw)); }, 4},
        {"ever_placed_share", [](R r) { return r.share(r.ever_placed); }, 4},
        {"still_present_share", [](R r) { return r.share(r.present); }, 4},
    };
    return columns;
}

std::vector<std::string> cohorts_csv_columns() {
    std::vector<std::string> cols{"scenario", "origin", "cohort_year", "years_after", "region", "metric"};
    for (const std::string& s : summary_statistics()) cols.push_back(s);
    return cols;
}

void append_csv_number(std::string& out, double v, int decimals) {
    out += ',';
    if (std::isnan(v)) {
        out += "NA";
        return;
    }
    if (v == 0) v = 0;  // no "-0"
    fmt::format_to(std::back_inserter(out), "{:.{}f}", v, decimals);
}

std::string format_csv_number(double v, int decimals) {
    std::string out;
    append_csv_number(out, v, decimals);
    return out.substr(1);
}

const std::vector<KeyMetric>& key_metrics() {
    static const std::vector<KeyMetric> metrics = {
        {"wsw", "Wsw workers", "Wsw workers", "persons at year end", "persons", {"wsw"}, 1, 0, ",.0f", kWhole},
        {"beschut", "beschut werk", "Beschut werk", "persons at year end", "persons", {"beschut"}, 1, 0, ",.0f",
         kWhole},
        {"regular_work", "regular work (incl. LKS, detached)", "Regular work (regular + LKS + detached)",
         "persons at year end", "persons", {"regular", "regular_lks", "detached"}, 1, 0, ",.0f", kWhole},
        {"seeking", "seeking", "Seeking work", "persons at year end", "persons", {"seeking"}, 1, 0, ",.0f", kWhole},
        {"banenafspraak_jobs", "banenafspraak jobs (UWV, extra)", "Banenafspraak jobs (UWV count)",
         "jobs of 25.5 h/week above the baseline", "jobs", {"banenafspraak_jobs"}, 1, 0, ",.0f", kWhole},
        {"banenafspraak_extra_persons", "banenafspraak extra persons", "Banenafspraak extra persons (Cedris count)",
         "net new-group persons in such jobs since the start", "persons", {"banenafspraak_extra_persons"}, 1, 0,
         ",.0f", kWhole},
        {"municipal_net_cost", "municipal net cost (EUR mln)", "Municipal net cost", "€ million per year",
         "€ million per year", {"municipal_net_cost"}, 1e6, 1, ",.1f", kTenths},
        {"deficit_per_place", "deficit per company place (EUR)", "Deficit per company place",
         "€ per place per year, beyond the Rijksbijdrage", "€ per place", {"deficit_per_place"}, 1, 0, ",.0f", kWhole},
    };
    return metrics;
}

double key_metric_value(const KeyMetric& m, const YearRecord& r) {
    double v = 0;
    for (const char* name : m.columns) v += find_column(name)->value(r);  // NaN stays NaN
    return m.divisor == 1 ? v : v / m.divisor;
}

const char* xlsx_format_of(std::string_view metric) {
    if (const Column* c = find_column(metric)) return c->xlsx_format;
    for (const KeyMetric& m : key_metrics())
        if (metric == m.label) return m.xlsx_format;
    return kWhole;
}

}  // namespace swsim
