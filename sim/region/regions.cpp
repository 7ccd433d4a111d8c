#include "swsim/region/regions.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <cmath>
#include <map>
#include <optional>
#include <set>
#include <utility>

#include <fmt/format.h>

#include "swsim/core/error.hpp"
#include "swsim/core/text.hpp"
#include "swsim/input/limits.hpp"
#include "swsim/region/csv.hpp"
#include "swsim/region/graph.hpp"

namespace swsim {

namespace {

using Diags = std::vector<Diagnostic>;

std::string lower(std::string_view s) {
    std::string out(s);
    for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

// A finite number (no sign rules here); nullopt if the text is not one.
std::optional<double> to_number(std::string_view text) {
    text = trim_blanks(text);
    double value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || ec != std::errc() || end != text.data() + text.size() || !std::isfinite(value))
        return std::nullopt;
    return value;
}

std::optional<int> to_whole(std::string_view text) {
    text = trim_blanks(text);
    int value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
    return value;
}

// A count of persons in a cell: a number from 0 to kMaxPersons; nullopt (and the problem's text in
// `why`) otherwise.
std::optional<double> persons_in(const CsvCell& cell, std::string& why) {
    const auto value = to_number(cell.text);
    if (!value)
        why = fmt::format("'{}' is not a number", cell.text);
    else if (*value < 0)
        why = fmt::format("{} is negative", cell.text);
    else if (*value > kMaxPersons)
        why = fmt::format("{} is more than {:.0f} persons (the Netherlands has about 18 million)", cell.text,
                          kMaxPersons);
    else
        return value;
    return std::nullopt;
}

// Index of a name in a closed set of names (border types, confidences); nullopt if absent.
template <std::size_t N>
std::optional<std::size_t> index_of(const std::array<std::string_view, N>& names, std::string_view s) {
    const auto it = std::find(names.begin(), names.end(), trim_blanks(s));
    if (it == names.end()) return std::nullopt;
    return static_cast<std::size_t>(it - names.begin());
}

template <std::size_t N>
std::string one_of(const std::array<std::string_view, N>& names) {
    return fmt::format("{}", fmt::join(names, ", "));
}

// Remembers the first line of each value (compared ignoring case) to report repeats.
class FirstSeen {
public:
    // The line the value was first seen on, or nullopt (and remembers this line).
    std::optional<int> repeat(std::string_view value, int line) {
        const auto [it, fresh] = lines_.emplace(lower(value), line);
        if (fresh) return std::nullopt;
        return it->second;
    }

private:
    std::map<std::string, int> lines_;
};

// ---------------------------------------------------------------- regions_2015.csv
enum RegionColumn : std::size_t { kId, kCbsCode, kName, kFirstNumber };
// The numeric columns after id, cbs_code and name, with the Region member each one fills.
constexpr std::array<std::pair<std::string_view, double Region::*>, 7> kRegionNumbers = {{
    {"population_total", &Region::population_total},
    {"population_15_64", &Region::population_15_64},
    {"population_15plus", &Region::population_15plus},
    {"bijstand_persons", &Region::bijstand_persons},
    {"wsw_persons", &Region::wsw_persons_2015},
    {"wsw_persons_2016", &Region::wsw_persons_2016},
    {"bijstand_persons_2016", &Region::bijstand_persons_2016},
}};

std::vector<Region> read_regions(const std::string& path, Diags& diags) {
    const CsvTable table = read_csv(path, diags);
    std::vector<std::string_view> names = {"id", "cbs_code", "name"};
    for (const auto& [column, member] : kRegionNumbers) names.push_back(column);
    const auto col = require_columns(table, names, diags);
    if (col.empty()) return {};

    auto problem = [&](const CsvCell& cell, std::size_t k, std::string message) {
        diags.push_back(cell_diagnostic(table, cell, std::string(names[k]), std::move(message)));
    };
    std::vector<Region> regions;
    FirstSeen ids, codes, region_names;
    for (const auto& row : table.rows) {
        auto& r = regions.emplace_back();
        const auto& id = row[col[kId]];
        if (const auto value = to_whole(id.text); !value) {
            problem(id, kId, fmt::format("'{}' is not a whole number", id.text));
        } else if (*value < 1 || *value > static_cast<int>(kRegionCount)) {
            problem(id, kId, fmt::format("{} is outside 1..{}", *value, kRegionCount));
        } else if (const auto first = ids.repeat(std::to_string(*value), id.line)) {
            problem(id, kId, fmt::format("id {} is used twice (first on line {})", *value, *first));
        } else {
            r.id = *value;
        }
        const auto& code = row[col[kCbsCode]];
        r.cbs_code = trim_blanks(code.text);
        if (r.cbs_code.size() != 4 || !r.cbs_code.starts_with("AM") ||
            !std::isdigit(static_cast<unsigned char>(r.cbs_code[2])) ||
            !std::isdigit(static_cast<unsigned char>(r.cbs_code[3])))
            problem(code, kCbsCode, fmt::format("'{}' is not a CBS region code (AM01 ... AM99)", code.text));
        else if (const auto first = codes.repeat(r.cbs_code, code.line))
            problem(code, kCbsCode, fmt::format("'{}' is used twice (first on line {})", r.cbs_code, *first));
        const auto& name = row[col[kName]];
        r.name = trim_blanks(name.text);
        if (r.name.empty())
            problem(name, kName, "the region has no name");
        else if (const auto first = region_names.repeat(r.name, name.line))
            problem(name, kName, fmt::format("'{}' is used twice (first on line {})", r.name, *first));
        for (std::size_t k = kFirstNumber; k < names.size(); ++k) {
            const auto& cell = row[col[k]];
            std::string why;
            if (const auto value = persons_in(cell, why))
                r.*kRegionNumbers[k - kFirstNumber].second = *value;
            else
                problem(cell, k, why);
        }
    }
    if (regions.size() != kRegionCount)
        diags.push_back({path, 0, 0, "",
                         fmt::format("expected {} regions, found {} rows", kRegionCount, regions.size())});
    std::stable_sort(regions.begin(), regions.end(),
                     [](const Region& a, const Region& b) { return a.id < b.id; });
    return regions;
}

// ---------------------------------------------------------------- region_adjacency.csv
// Index of an exact region name; otherwise reports it, with the closest name as a suggestion.
std::optional<RegionIndex> region_named(const std::vector<Region>& regions, const CsvTable& table,
                                        const CsvCell& cell, std::string_view key, Diags& diags) {
    const auto text = trim_blanks(cell.text);
    std::vector<std::string> names;  // lower case, for a suggestion that ignores case
    for (std::size_t i = 0; i < regions.size(); ++i) {
        if (regions[i].name == text) return static_cast<RegionIndex>(i);
        names.push_back(lower(regions[i].name));
    }
    std::string message = fmt::format("unknown region '{}'", cell.text);
    if (const auto best = closest_match(lower(text), names)) {
        const auto at = std::find(names.begin(), names.end(), *best) - names.begin();
        message += fmt::format(" (did you mean '{}'?)", regions[static_cast<std::size_t>(at)].name);
    }
    diags.push_back(cell_diagnostic(table, cell, std::string(key), message));
    return std::nullopt;
}

// Borders between known regions. Reports the graph being disconnected only if every row was
// sound, so a typo in one name does not also show up as a region cut off.
std::vector<Border> read_borders(const std::string& path, const std::vector<Region>& regions, Diags& diags) {
    const CsvTable table = read_csv(path, diags);
    const std::vector<std::string_view> names = {"region_a", "region_b", "type", "confidence"};
    const auto col = require_columns(table, names, diags);
    if (col.empty()) return {};

    const std::size_t before = diags.size();
    std::vector<Border> borders;
    std::map<std::pair<RegionIndex, RegionIndex>, int> pairs;  // (low, high) -> line
    for (const auto& row : table.rows) {
        const auto& [a_cell, b_cell, type_cell, confidence_cell] =
            std::tie(row[col[0]], row[col[1]], row[col[2]], row[col[3]]);
        const auto type = index_of(kBorderTypeNames, type_cell.text);
        if (!type)
            diags.push_back(cell_diagnostic(
                table, type_cell, "type",
                fmt::format("'{}' is not a border type ({})", type_cell.text, one_of(kBorderTypeNames))));
        const auto confidence = index_of(kBorderConfidenceNames, confidence_cell.text);
        if (!confidence)
            diags.push_back(cell_diagnostic(table, confidence_cell, "confidence",
                                            fmt::format("'{}' is not a confidence ({})", confidence_cell.text,
                                                        one_of(kBorderConfidenceNames))));
        if (regions.empty()) continue;  // the region table has problems: already reported
        const auto a = region_named(regions, table, a_cell, "region_a", diags);
        const auto b = region_named(regions, table, b_cell, "region_b", diags);
        if (!a || !b) continue;
        if (*a == *b) {
            diags.push_back(cell_diagnostic(table, b_cell, "region_b",
                                            fmt::format("'{}' cannot border itself", regions[*a].name)));
            continue;
        }
        const auto [it, fresh] = pairs.emplace(std::minmax(*a, *b), a_cell.line);
        if (!fresh) {
            diags.push_back(cell_diagnostic(table, a_cell, "region_a",
                                            fmt::format("the pair {} - {} is listed twice (first on line {})",
                                                        regions[*a].name, regions[*b].name, it->second)));
            continue;
        }
        if (type && confidence)
            borders.push_back(
                {*a, *b, static_cast<BorderType>(*type), static_cast<BorderConfidence>(*confidence)});
    }
    if (diags.size() != before || regions.empty()) return borders;

    // Boost.Graph components (graph.cpp); the largest one is "the country", the others are cut off.
    const auto component = border_components(regions.size(), borders);
    const int count = *std::max_element(component.begin(), component.end()) + 1;
    std::vector<std::vector<std::string>> members(static_cast<std::size_t>(count));
    for (std::size_t i = 0; i < regions.size(); ++i)
        members[static_cast<std::size_t>(component[i])].push_back(regions[i].name);
    const auto largest = std::max_element(members.begin(), members.end(),
                                          [](const auto& x, const auto& y) { return x.size() < y.size(); });
    for (auto it = members.begin(); it != members.end(); ++it)
        if (it != largest)
            diags.push_back(
                {path, 0, 0, "",
                 fmt::format("the region graph is not connected: {} cut off from the other {} regions",
                             fmt::join(*it, ", "), largest->size())});
    return borders;
}

// ---------------------------------------------------------------- municipalities_2015.csv
enum MunicipalityColumn : std::size_t { kGmCode, kMunicipalityName, kRegionId, kAmCode, kFirstFigure };
constexpr std::array<std::pair<std::string_view, double Municipality::*>, 3> kMunicipalityNumbers = {{
    {"population_15_64", &Municipality::population_15_64},
    {"bijstand_persons", &Municipality::bijstand_persons},
    {"wsw_persons", &Municipality::wsw_persons},
}};
// Each figure sums to this column of regions_2015.csv.
constexpr std::array<double Region::*, 3> kRegionSums = {&Region::population_15_64, &Region::bijstand_persons,
                                                         &Region::wsw_persons_2015};

bool is_gm_code(std::string_view code) {
    return code.size() == 6 && code.starts_with("GM") &&
           std::all_of(code.begin() + 2, code.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); });
}

std::vector<Municipality> read_municipalities(const std::string& path, const std::vector<Region>& regions,
                                              Diags& diags) {
    const CsvTable table = read_csv(path, diags);
    std::vector<std::string_view> names = {"gm_code", "name", "region_id", "cbs_am_code"};
    for (const auto& [column, member] : kMunicipalityNumbers) names.push_back(column);
    const auto col = require_columns(table, names, diags);
    if (col.empty()) return {};
    auto problem = [&](const CsvCell& cell, std::size_t k, std::string message) {
        diags.push_back(cell_diagnostic(table, cell, std::string(names[k]), std::move(message)));
    };
    const std::size_t before = diags.size();
    std::vector<Municipality> out;
    FirstSeen codes;
    for (const auto& row : table.rows) {
        auto& m = out.emplace_back();
        const auto& code = row[col[kGmCode]];
        m.gm_code = trim_blanks(code.text);
        if (!is_gm_code(m.gm_code))
            problem(code, kGmCode, fmt::format("'{}' is not a CBS municipality code (GM0001 ... GM9999)", code.text));
        else if (const auto first = codes.repeat(m.gm_code, code.line))
            problem(code, kGmCode, fmt::format("'{}' is used twice (first on line {})", m.gm_code, *first));
        const auto& name = row[col[kMunicipalityName]];
        m.name = trim_blanks(name.text);
        if (m.name.empty()) problem(name, kMunicipalityName, "the municipality has no name");
        for (std::size_t k = kFirstFigure; k < names.size(); ++k) {
            const auto& cell = row[col[k]];
            std::string why;
            if (const auto value = persons_in(cell, why))
                m.*kMunicipalityNumbers[k - kFirstFigure].second = *value;
            else
                problem(cell, k, why);
        }
        if (regions.empty()) continue;  // the region table has problems: already reported
        const auto& id_cell = row[col[kRegionId]];
        const auto id = to_whole(id_cell.text);
        const auto region = std::find_if(regions.begin(), regions.end(), [&](const Region& r) { return id && r.id == *id; });
        if (region == regions.end()) {
            problem(id_cell, kRegionId, fmt::format("'{}' is not a region id (1..{})", id_cell.text, kRegionCount));
            continue;
        }
        m.region = static_cast<RegionIndex>(region - regions.begin());
        const auto& am = row[col[kAmCode]];
        if (trim_blanks(am.text) != region->cbs_code)
            problem(am, kAmCode,
                    fmt::format("'{}' does not match region id {} ('{}', {})", am.text, region->id, region->name,
                                region->cbs_code));
    }
    if (diags.size() != before || regions.empty()) return out;
    // The municipalities make up their regions: every figure sums to the region's.
    std::vector<std::array<double, kRegionSums.size()>> sums(regions.size(), {0, 0, 0});
    std::vector<int> members(regions.size(), 0);
    for (const auto& m : out) {
        ++members[m.region];
        for (std::size_t k = 0; k < kRegionSums.size(); ++k) sums[m.region][k] += m.*kMunicipalityNumbers[k].second;
    }
    for (std::size_t r = 0; r < regions.size(); ++r) {
        if (members[r] == 0) {
            diags.push_back({path, 0, 0, "region_id", fmt::format("region {} ({}) has no municipality", regions[r].id,
                                                                  regions[r].name)});
            continue;
        }
        for (std::size_t k = 0; k < kRegionSums.size(); ++k)
            if (std::abs(sums[r][k] - regions[r].*kRegionSums[k]) > 0.5)
                diags.push_back({path, 0, 0, std::string(kMunicipalityNumbers[k].first),
                                 fmt::format("the municipalities of region {} ({}) sum to {:.0f}, the regions file has "
                                             "{:.0f}: the two files must describe the same persons",
                                             regions[r].id, regions[r].name, sums[r][k], regions[r].*kRegionSums[k])});
    }
    return out;
}

// ---------------------------------------------------------------- company_municipalities.csv
bool is_company_id(std::string_view id) {
    return !id.empty() && id.size() <= 64 && std::islower(static_cast<unsigned char>(id.front())) &&
           std::all_of(id.begin(), id.end(), [](char c) {
               return std::islower(static_cast<unsigned char>(c)) || std::isdigit(static_cast<unsigned char>(c)) || c == '_';
           });
}

// The SW-bedrijf of each municipality: fills Municipality::company and confidence, returns the companies.
std::vector<Company> read_companies(const std::string& path, std::vector<Municipality>& municipalities,
                                    const std::vector<Region>& regions, Diags& diags) {
    const CsvTable table = read_csv(path, diags);
    const std::vector<std::string_view> names = {"gm_code", "company_id", "company", "confidence"};
    const auto col = require_columns(table, names, diags);
    if (col.empty()) return {};
    auto problem = [&](const CsvCell& cell, std::size_t k, std::string message) {
        diags.push_back(cell_diagnostic(table, cell, std::string(names[k]), std::move(message)));
    };
    std::map<std::string, std::size_t> by_code;
    for (std::size_t i = 0; i < municipalities.size(); ++i) by_code.emplace(municipalities[i].gm_code, i);
    std::vector<Company> companies;
    std::map<std::string, std::pair<std::size_t, int>> ids;  // id -> (index, first line)
    std::vector<int> seen(municipalities.size(), 0);           // line of the municipality's row
    std::set<std::string> misnamed;
    for (const auto& row : table.rows) {
        const auto& [code, id_cell, name_cell, conf] = std::tie(row[col[0]], row[col[1]], row[col[2]], row[col[3]]);
        const std::string id(trim_blanks(id_cell.text)), name(trim_blanks(name_cell.text));
        const std::string_view confidence = trim_blanks(conf.text);
        bool ok = true;
        if (!is_company_id(id)) {
            problem(id_cell, 1, fmt::format("'{}' is not a company id (lower-case letters, digits and _, starting "
                                            "with a letter)", id_cell.text));
            ok = false;
        } else if (name.empty()) {
            problem(name_cell, 2, "the company has no name");
            ok = false;
        }
        if (confidence.size() != 1 || std::string_view("SKE").find(confidence.front()) == std::string_view::npos) {
            problem(conf, 3, fmt::format("'{}' is not a confidence (S, K or E)", conf.text));
            ok = false;
        }
        if (municipalities.empty()) continue;  // the municipality table has problems: already reported
        const auto it = by_code.find(std::string(trim_blanks(code.text)));
        if (it == by_code.end()) {
            problem(code, 0, fmt::format("unknown municipality '{}' (not in the municipalities file)", code.text));
            continue;
        }
        if (seen[it->second]) {
            problem(code, 0, fmt::format("'{}' is listed twice (first on line {}): a municipality belongs to one "
                                         "company", code.text, seen[it->second]));
            continue;
        }
        seen[it->second] = code.line;
        if (!ok) continue;
        auto [at, fresh] = ids.emplace(id, std::pair{companies.size(), id_cell.line});
        if (fresh) {
            companies.push_back({id, name, 0, {}, id.starts_with("other_")});
        } else if (companies[at->second.first].name != name) {
            if (misnamed.insert(id).second)  // once per company, at its first other name
                problem(name_cell, 2, fmt::format("company '{}' is named '{}' on line {}", id,
                                                  companies[at->second.first].name, at->second.second));
            continue;
        }
        auto& m = municipalities[it->second];
        m.company = static_cast<CompanyIndex>(at->second.first);
        m.confidence = confidence.front();
    }
    if (municipalities.empty() || regions.empty()) return companies;  // problems already reported
    for (std::size_t i = 0; i < municipalities.size(); ++i)
        if (!seen[i])
            diags.push_back({path, 0, 0, "gm_code",
                             fmt::format("municipality {} ({}) has no company", municipalities[i].gm_code,
                                         municipalities[i].name)});
    // Members in municipality order; the home region holds most of the company's 2015 Wsw residents.
    for (std::size_t i = 0; i < municipalities.size(); ++i)
        if (seen[i] && municipalities[i].company < companies.size())
            companies[municipalities[i].company].members.push_back(static_cast<MunicipalityIndex>(i));
    for (auto& c : companies) {
        std::vector<double> wsw(regions.size(), 0.0);
        for (const auto m : c.members) wsw[municipalities[m].region] += municipalities[m].wsw_persons + 1e-9;
        c.home_region = static_cast<RegionIndex>(std::max_element(wsw.begin(), wsw.end()) - wsw.begin());
    }
    return companies;
}

void check_params(const CommutingParams& p, Diags& diags) {
    const std::array<std::pair<std::string_view, double>, 5> shares = {{
        {"land_weight", p.land_weight},
        {"river_weight", p.river_weight},
        {"fixed_link_weight", p.fixed_link_weight},
        {"water_weight", p.water_weight},
        {"decay_per_extra_hop", p.decay_per_extra_hop},
    }};
    for (const auto& [key, value] : shares)
        if (!(value >= 0.0 && value <= 1.0))
            diags.push_back({"", 0, 0, fmt::format("regions.commuting.{}", key),
                             fmt::format("{} is outside [0, 1]", value)});
    if (p.max_hops < 0)
        diags.push_back({"", 0, 0, "regions.commuting.max_hops", fmt::format("{} is negative", p.max_hops)});
}

}  // namespace

int RegionData::find_municipality(const std::string& gm_code) const {
    for (std::size_t i = 0; i < municipalities.size(); ++i)
        if (municipalities[i].gm_code == gm_code) return static_cast<int>(i);
    return -1;
}

int RegionData::find_company(const std::string& id) const {
    for (std::size_t i = 0; i < companies.size(); ++i)
        if (companies[i].id == id) return static_cast<int>(i);
    return -1;
}

void one_unit_per_region(RegionData& data) {
    data.municipalities.clear();
    data.companies.clear();
    for (std::size_t r = 0; r < data.regions.size(); ++r) {
        const Region& reg = data.regions[r];
        const auto index = static_cast<RegionIndex>(r);
        data.municipalities.push_back({fmt::format("GMR{:03}", reg.id), reg.name, index, reg.population_15_64,
                                       reg.bijstand_persons, reg.wsw_persons_2015, index, 'E'});
        data.companies.push_back({"region_" + lower(reg.cbs_code), "SW-bedrijf " + reg.name, index, {index}, false});
    }
}

int RegionData::find(const std::string& code_or_name) const {
    const auto key = lower(trim_blanks(code_or_name));
    for (std::size_t i = 0; i < regions.size(); ++i)
        if (lower(regions[i].cbs_code) == key || lower(regions[i].name) == key) return static_cast<int>(i);
    return -1;
}

RegionData load_region_data(const RegionFiles& files) {
    Diags diags;
    check_params(files.commuting, diags);
    RegionData data;
    const std::size_t before = diags.size();
    data.regions = read_regions(files.regions_csv, diags);
    // Names and ids in the other files are checked only against a sound region table, so one
    // bad region row is not reported again for every border and company that names it.
    const std::vector<Region> none;
    const auto& checked = diags.size() == before ? data.regions : none;
    data.borders = read_borders(files.adjacency_csv, checked, diags);
    if (files.municipalities_csv.empty() != files.companies_csv.empty()) {
        diags.push_back({"", 0, 0, files.municipalities_csv.empty() ? "regions.municipalities_csv" : "regions.companies_csv",
                         "regions.municipalities_csv and regions.companies_csv go together: give both files, or "
                         "neither (\"\" for each region as one municipality and one company)"});
    } else if (files.municipalities_csv.empty()) {
        one_unit_per_region(data);
    } else {
        const std::size_t before_units = diags.size();
        data.municipalities = read_municipalities(files.municipalities_csv, checked, diags);
        std::vector<Municipality> no_municipalities;
        auto& members = diags.size() == before_units ? data.municipalities : no_municipalities;
        data.companies = read_companies(files.companies_csv, members, checked, diags);
    }
    if (!diags.empty()) throw ScenarioError(std::move(diags));
    compute_commuting(data, files.commuting);
    return data;
}

}  // namespace swsim
