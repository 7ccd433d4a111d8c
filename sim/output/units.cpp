#include "swsim/output/units.hpp"

#include <algorithm>
#include <cmath>
#include <map>

#include <fmt/format.h>

#include "swsim/model/model.hpp"
#include "swsim/output/columns.hpp"
#include "swsim/scenario/schema.hpp"

namespace swsim {

const std::vector<std::string>& municipality_metrics() {
    static const std::vector<std::string> names = {
        "wsw", "beschut", "training", "detached", "regular_lks", "regular", "seeking", "dagbesteding",
        "placements", "banenafspraak_extra_persons", "wsw_places", "wsw_wages", "rijksbijdrage", "liv",
        "beschut_wages", "lks", "begeleiding", "bijstand_benefits", "jobcoach_cost", "employer_services_cost",
        "training_cost", "company_result", "municipal_net_cost", "state_cost", "uwv_cost", "public_net_cost"};
    return names;
}

const std::vector<std::string>& company_metrics() {
    static const std::vector<std::string> names = {
        "wsw", "beschut", "training", "detached", "placements", "wsw_places", "company_places", "company_overhead",
        "company_revenue", "company_variable_cost", "company_result", "deficit_per_place", "wsw_wages",
        "rijksbijdrage", "municipal_net_cost"};
    return names;
}

namespace {

std::vector<const Column*> columns_of(const std::vector<std::string>& names) {
    std::vector<const Column*> out;
    for (const auto& n : names) {
        const Column* c = find_column(n);
        if (!c) throw Error("unit table: no output column '" + n + "'");
        out.push_back(c);
    }
    return out;
}

std::string quoted(const std::string& text) {
    if (text.find_first_of(",\"\n") == std::string::npos) return text;
    std::string out = "\"";
    for (char c : text) out += c == '"' ? std::string("\"\"") : std::string(1, c);
    return out + '"';
}

// Calls row(scenario index, first run, runs of the scenario) for each scenario of the comparison.
template <class F>
void by_scenario(const Comparison& cmp, const std::vector<RunResult>& runs, F&& row) {
    const std::size_t per = cmp.runs_per_scenario();
    for (std::size_t s = 0; s < cmp.inputs.size() && (s + 1) * per <= runs.size(); ++s) row(s, s * per, per);
}

// Appends the mean over `count` runs (from `first`) of each column of the record at `index` of
// records_of(run).
template <class Records>
void append_means(std::string& out, const std::vector<RunResult>& runs, std::size_t first, std::size_t count,
                  std::size_t index, const std::vector<const Column*>& cols, Records&& records_of) {
    for (const Column* c : cols) {
        double sum = 0;
        for (std::size_t k = first; k < first + count; ++k) sum += c->value(records_of(runs[k])[index]);
        append_csv_number(out, sum / double(count), c->decimals);
    }
}

}  // namespace

std::string municipalities_csv(const Comparison& cmp, const std::vector<RunResult>& runs) {
    const auto cols = columns_of(municipality_metrics());
    std::string out = "scenario,year,gm_code,municipality,region,company";
    for (const auto& n : municipality_metrics()) out.append(",").append(n);
    out += '\n';
    by_scenario(cmp, runs, [&](std::size_t s, std::size_t first, std::size_t count) {
        const Scenario& sc = cmp.inputs[s].scenario;
        const RegionData& rd = cmp.inputs[s].regions;
        const std::size_t n = rd.municipalities.size();
        const auto& recs = runs[first].municipality_records;
        std::vector<CompanyIndex> membership;
        for (std::size_t k = 0; k < recs.size(); ++k) {
            const std::size_t m = k % n;
            const int year = recs[k].year;
            if (m == 0) membership = company_membership(sc, rd, year);
            const auto company = membership[m];
            const Municipality& mun = rd.municipalities[m];
            out += fmt::format("{},{},{},{},{},{}", sc.simulation.name, year, mun.gm_code, quoted(mun.name),
                               rd.regions[mun.region].cbs_code, rd.companies[company].id);
            append_means(out, runs, first, count, k, cols, [](const RunResult& r) -> const auto& {
                return r.municipality_records;
            });
            out += '\n';
        }
    });
    return out;
}

std::string companies_csv(const Comparison& cmp, const std::vector<RunResult>& runs) {
    const auto cols = columns_of(company_metrics());
    std::string out = "scenario,year,company_id,company,home_region,members,mode";
    for (const auto& n : company_metrics()) out.append(",").append(n);
    out += '\n';
    by_scenario(cmp, runs, [&](std::size_t s, std::size_t first, std::size_t count) {
        const Scenario& sc = cmp.inputs[s].scenario;
        const RegionData& rd = cmp.inputs[s].regions;
        const std::size_t n = rd.companies.size();
        const auto& recs = runs[first].company_records;
        std::map<int, std::pair<std::vector<CompanyFunctions>, std::vector<int>>> years;  // functions, members
        for (std::size_t k = 0; k < recs.size(); ++k) {
            const std::size_t c = k % n;
            const int year = recs[k].year;
            auto it = years.find(year);
            if (it == years.end()) {
                std::vector<int> members(n, 0);
                for (const auto company : company_membership(sc, rd, year)) ++members[company];
                it = years.emplace(year, std::pair{company_functions(sc, rd, year), std::move(members)}).first;
            }
            const Company& company = rd.companies[c];
            const bool ontwikkelbedrijf = it->second.first[c].ontwikkelbedrijf;
            out += fmt::format("{},{},{},{},{},{},{}", sc.simulation.name, year, company.id, quoted(company.name),
                               rd.regions[company.home_region].cbs_code, it->second.second[c],
                               company_mode_name(ontwikkelbedrijf ? CompanyMode::ontwikkelbedrijf : CompanyMode::sterfhuis));
            append_means(out, runs, first, count, k, cols, [](const RunResult& r) -> const auto& {
                return r.company_records;
            });
            out += '\n';
        }
    });
    return out;
}

}  // namespace swsim
