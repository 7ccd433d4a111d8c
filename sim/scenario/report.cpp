// Texts made from a scenario or from the schema: the one-screen summary, the resolved JSON for
// manifests, and the scenario reference (scenarios/README.md).

#include <fmt/format.h>

#include "swsim/scenario/load.hpp"
#include "swsim/scenario/schema.hpp"
#include "value.hpp"

namespace swsim {
namespace {

std::string series_row(const char* label, const YearSeries& s, int y0, int y1, int y2) {
    if (s.empty()) return fmt::format("  {:<32}{:>12}\n", label, "(unset)");
    return fmt::format("  {:<32}{:>12.0f}{:>12.0f}{:>12.0f}\n", label, s.at(y0), s.at(y1), s.at(y2));
}

std::string inflow_text(const InflowRate& r, int year) {
    return r.absolute ? fmt::format("{:.0f} persons/yr", r.per_year.at(year))
                      : fmt::format("{:.3g} per 1,000 pop 15-64/yr", r.per_year.at(year));
}

std::string cell(std::string s) {
    std::string out;
    for (char c : s) out += c == '|' ? std::string("\\|") : std::string(1, c);
    return out;
}

}  // namespace

std::string scenario_summary(const Scenario& s) {
    const auto& sim = s.simulation;
    const auto& company = s.policy.company;
    const int y0 = sim.start.year(), y2 = sim.end.year();
    std::string out;
    out += fmt::format("Scenario   {}  ({})\n", sim.name, s.source_file.empty() ? "not from a file" : s.source_file);
    out += fmt::format("Horizon    {} to {} ({} months), seed {}, {} replication(s), scale {}\n",
                       to_string(sim.start), to_string(sim.end), sim.end.index - sim.start.index + 1,
                       sim.seed, sim.replications, sim.scale);
    bool any_ontwikkel = company.mode == CompanyMode::ontwikkelbedrijf;
    out += fmt::format("Company    {} in every region from {} (sterfhuis before){}", company_mode_name(company.mode),
                       company.switch_year,
                       company.switch_year > sim.end.year() ? "; after the horizon: no switch within the run" : "");
    if (!company.mode_by_region.empty()) {
        out += fmt::format("; {} override(s):", company.mode_by_region.size());
        int shown = 0;
        for (const auto& [region, mode] : company.mode_by_region) {
            any_ontwikkel = any_ontwikkel || mode == CompanyMode::ontwikkelbedrijf;
            if (shown++ < 6) out += fmt::format(" {} {}", region, company_mode_name(mode));
        }
        if (shown > 6) out += " ...";
    }
    out += "\n";
    // The choices per company and the moves of municipalities.
    std::string own;
    int shown = 0;
    for (const auto& [id, mode] : company.mode_by_company) {
        any_ontwikkel = any_ontwikkel || mode == CompanyMode::ontwikkelbedrijf;
        if (shown++ < 6)
            own.append(own.empty() ? "" : ", ").append(id).append(" ").append(company_mode_name(mode));
    }
    if (shown > 6) own += ", ...";
    for (const auto& [id, year] : company.switch_year_by_company)
        own.append(own.empty() ? "" : ", ").append(fmt::format("{} from {}", id, year));
    for (const auto& [id, factor] : company.budget_factor_by_company)
        own.append(own.empty() ? "" : ", ").append(fmt::format("{} budgets x {}", id, factor));
    if (!own.empty()) out += "Companies  " + own + "\n";
    for (const auto& [gm, move] : company.municipality_moves)
        out += fmt::format("Moves      {} to {} from {}\n", gm, move.company, move.from_year);
    if (const auto& before = company.realised; !before.mode_by_region.empty() && before.from_year < company.switch_year) {
        std::string on;
        for (const auto& [name, enabled] :
             std::initializer_list<std::pair<const char*, bool>>{{"employer_services", before.employer_services},
                                                                 {"beschut_facility", before.beschut_facility},
                                                                 {"matching", before.matching},
                                                                 {"training", before.training},
                                                                 {"employer_networks", before.employer_networks},
                                                                 {"detachering", before.detachering}})
            if (enabled) on += (on.empty() ? "" : ", ") + std::string(name);
        out += fmt::format("Realised   {}-{}: {} region(s) ran {}\n", before.from_year, company.switch_year - 1,
                           before.mode_by_region.size(), on.empty() ? "no function" : on);
    }
    const std::pair<const char*, bool> functions[] = {
        {"employer_services", company.employer_services.enabled},
        {"beschut_facility", company.beschut_facility.enabled},
        {"matching", company.matching.enabled},
        {"training", company.training.enabled},
        {"employer_networks", company.employer_networks.enabled},
        {"detachering", company.detachering.enabled}};
    std::string on, off;
    for (const auto& [name, enabled] : functions) {
        std::string& list = enabled ? on : off;
        list += (list.empty() ? "" : ", ") + std::string(name);
    }
    out += fmt::format("Functions  {}on: {}{}\n", any_ontwikkel ? "" : "(unused: no ontwikkelbedrijf) ",
                       on.empty() ? "none" : on, off.empty() ? "" : "; off: " + off);
    if (company.detachering.enabled)
        out += fmt::format("           way back after job loss: {}\n", company.detachering.way_back ? "yes" : "no");
    out += fmt::format("{:<34}{:>12}{:>12}{:>12}\n", "Series (per year)", y0, 2020, y2);
    const auto& money = s.policy.money;
    const auto& beschut = s.policy.beschut;
    out += series_row("Rijksbijdrage EUR/SE", money.rijksbijdrage_euro_per_se, y0, 2020, y2);
    out += series_row("Wsw wage cost EUR/SE", money.wsw_wage_cost_euro_per_se, y0, 2020, y2);
    out += series_row("WML EUR/year", money.wml_euro_per_year, y0, 2020, y2);
    out += series_row("Bijstand EUR/person", money.bijstand_euro_per_person_per_year, y0, 2020, y2);
    out += series_row("Beschut wage EUR/place", beschut.wage_euro_per_place_per_year, y0, 2020, y2);
    out += series_row("Beschut taakstelling places", beschut.taakstelling_places, y0, 2020, y2);
    out += series_row("AOW age (months)", s.behaviour.demography.aow_age_months, y0, 2020, y2);
    out += fmt::format("Stock      Wsw {:.0f} (detached {:.1f} %), waitlist {:.0f}, doelgroep {:.0f}, bijstand {:.0f}\n",
                       s.population.wsw_persons, 100 * s.population.wsw_detached_share,
                       s.population.waitlist_persons, s.population.doelgroep_persons,
                       s.population.bijstand_persons);
    out += fmt::format("Inflow     doelgroep {}, bijstand {} ({})\n", inflow_text(s.inflow.doelgroep, y0),
                       inflow_text(s.inflow.bijstand, y0), y0);
    out += fmt::format("           beschut advices {} ({}), {} ({})\n", inflow_text(s.inflow.beschut_advices, y0),
                       y0, inflow_text(s.inflow.beschut_advices, y2), y2);
    out += fmt::format("Data       regions   {}\n           adjacency {}\n", s.regions.regions_csv, s.regions.adjacency_csv);
    if (s.regions.municipalities_csv.empty())
        out += "           municipalities: none (each region one municipality and one company)\n";
    else
        out += fmt::format("           municipalities {}\n           companies {}\n", s.regions.municipalities_csv,
                           s.regions.companies_csv);
    return out;
}

std::string resolved_scenario_json(const Scenario& s) {
    nlohmann::json root = nlohmann::json::object();  // std::map inside: keys come out sorted
    for (const auto& key : scenario_schema()) {
        nlohmann::json* at = &root;
        std::size_t start = 0;
        for (std::size_t dot = key.path.find('.'); dot != std::string::npos; dot = key.path.find('.', start)) {
            at = &(*at)[key.path.substr(start, dot - start)];
            start = dot + 1;
        }
        (*at)[key.path.substr(start)] = scenario_detail::value_json(key, s);
    }
    return root.dump(2) + "\n";
}

std::string scenario_reference_markdown() {
    std::string md = R"(# Scenario reference

Generated from the schema table in `sim/scenario/schema.cpp` by `swsim reference`; do not edit by
hand (regenerate with `swsim reference > scenarios/README.md`). Every key is described once, there.

## Files, `extends` and merging

A scenario is a YAML file with the sections `simulation`, `regions`, `population`, `inflow`,
`policy`, `behaviour` and `reporting`. `scenarios/base.yaml` sets every key explicitly; a variant
names only what it changes:

```yaml
extends: base.yaml          # relative to this file; chains are allowed, cycles are an error
simulation: {name: ontwikkelbedrijf}
policy: {company: {mode: ontwikkelbedrijf, switch_year: 2017}}
```

The files are merged key by key: sections merge recursively, and the most derived file wins for
every key it names. A key's value is replaced as a whole, also when it is written as a map (a year
series, an inflow rate, `mode_by_region`): a variant's `{2016: 25000}` replaces the base series,
it is not merged into it. Relative data paths under `regions` are taken relative to the file that
names them, so a base file's paths stay right when it is extended from another folder.
`simulation.name` defaults to the stem of the file that is loaded. Region codes in
`policy.company.mode_by_region` are checked for their form (AM + two digits) when the file is
read, and against the region file when the data are loaded.

## Year series

A year series is either a plain number (constant) or a map `{2015: 26000, 2020: 22700}` of whole
years (2000 to 2100, each at most once; any order) to values. Between two given years the value is
interpolated linearly; before the first given year it is the first value, after the last given
year it stays at the last value. A series never changes within a year.

An inflow rate is a map with exactly one of `per_1000_pop_15_64_per_year: SERIES` (per 1,000
inhabitants aged 15-64 of the region) or `persons_per_year: SERIES` (national, spread over the
regions by population 15-64).

## Errors

All problems in a file (and the files it extends) are reported at once, each where the value was
written, in compiler format:

```
scenarios/my.yaml:12:14: error: policy.company.mode: 'sterhuis' is not a company mode; allowed: sterfhuis, ontwikkelbedrijf; did you mean 'sterfhuis'?
```

## Columns

Type and valid values as checked by the loader; *default* is used when no file sets the key
(*required*: every scenario must set it); *sweep* is a plausible range for sensitivity runs;
*source* is the label from `data/FACTS.md` of the default or the shipped value: [S] sourced, [D]
derived, [K] widely cited, [E] estimate, — not a figure.
)";
    std::string section;
    for (const auto& key : scenario_schema()) {
        const std::string top = key.path.substr(0, key.path.find('.'));
        if (top != section) {
            section = top;
            md += "\n## " + section + "\n\n";
            md += "| key | type | unit | default | valid | sweep | source | description |\n";
            md += "|---|---|---|---|---|---|---|---|\n";
        }
        const std::string def = key.required            ? "*required*"
                                : !key.default_note.empty() ? key.default_note
                                                            : scenario_detail::value_json(key, Scenario{}).dump();
        const std::string sweep = key.sweep ? fmt::format("{} to {}", key.sweep->lo, key.sweep->hi) : "";
        md += fmt::format("| `{}` | {} | {} | {} | {} | {} | {} | {} |\n", key.path.substr(section.size() + 1),
                          type_name(key.type), cell(key.unit), cell(def),
                          cell(valid_text(key)), sweep, key.source, cell(key.description));
    }
    return md;
}

}  // namespace swsim
