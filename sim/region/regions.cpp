#include "swsim/region/regions.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <cmath>
#include <map>
#include <optional>
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

std::vector<std::string_view> split(std::string_view s, char sep) {
    std::vector<std::string_view> parts;
    for (std::size_t start = 0;;) {
        const auto end = s.find(sep, start);
        parts.push_back(trim_blanks(s.substr(start, end - start)));
        if (end == std::string_view::npos) return parts;
        start = end + 1;
    }
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
            const auto value = to_number(cell.text);
            if (!value)
                problem(cell, k, fmt::format("'{}' is not a number", cell.text));
            else if (*value < 0)
                problem(cell, k, fmt::format("{} is negative", cell.text));
            else if (*value > kMaxPersons)
                problem(cell, k, fmt::format("{} is more than {:.0f} persons (the Netherlands has about 18 million)",
                                             cell.text, kMaxPersons));
            else
                r.*kRegionNumbers[k - kFirstNumber].second = *value;
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

// ---------------------------------------------------------------- sw_companies.csv
std::vector<Company> read_companies(const std::string& path, const std::vector<Region>& regions,
                                    Diags& diags) {
    const CsvTable table = read_csv(path, diags);
    const std::vector<std::string_view> names = {"company", "region_ids", "region_names", "size_figure"};
    const auto col = require_columns(table, names, diags);
    if (col.empty()) return {};

    std::map<int, RegionIndex> by_id;
    for (std::size_t i = 0; i < regions.size(); ++i)
        if (regions[i].id > 0) by_id.emplace(regions[i].id, static_cast<RegionIndex>(i));
    std::vector<Company> companies;
    FirstSeen company_names;
    for (const auto& row : table.rows) {
        const auto& [name_cell, ids_cell, names_cell, size_cell] =
            std::tie(row[col[0]], row[col[1]], row[col[2]], row[col[3]]);
        auto& c = companies.emplace_back();
        c.name = trim_blanks(name_cell.text);
        c.size_figure = trim_blanks(size_cell.text);
        if (c.name.empty())
            diags.push_back(cell_diagnostic(table, name_cell, "company", "the company has no name"));
        else if (const auto first = company_names.repeat(c.name, name_cell.line))
            diags.push_back(
                cell_diagnostic(table, name_cell, "company",
                                fmt::format("'{}' is listed twice (first on line {})", c.name, *first)));
        if (regions.empty()) continue;  // the region table has problems: already reported
        bool ids_ok = true;
        for (const auto id_text : split(ids_cell.text, ';')) {
            const auto id = to_whole(id_text);
            const auto it = id ? by_id.find(*id) : by_id.end();
            if (it == by_id.end()) {
                ids_ok = false;
                diags.push_back(
                    cell_diagnostic(table, ids_cell, "region_ids",
                                    fmt::format("'{}' is not a region id (1..{})", id_text, kRegionCount)));
            } else {
                c.regions.push_back(it->second);
            }
        }
        if (!ids_ok) continue;
        const auto listed = split(names_cell.text, ';');
        if (listed.size() != c.regions.size()) {
            diags.push_back(
                cell_diagnostic(table, names_cell, "region_names",
                                fmt::format("{} names for {} region ids", listed.size(), c.regions.size())));
            continue;
        }
        for (std::size_t k = 0; k < listed.size(); ++k) {
            const auto& region = regions[c.regions[k]];
            if (lower(listed[k]) != lower(region.name))
                diags.push_back(cell_diagnostic(table, names_cell, "region_names",
                                                fmt::format("'{}' does not match region id {} ('{}')",
                                                            listed[k], region.id, region.name)));
        }
    }
    // The list is incomplete: a region without a company gets one of its own Wsw size.
    std::vector<bool> covered(regions.size(), false);
    for (const auto& c : companies)
        for (const auto r : c.regions) covered[r] = true;
    for (std::size_t i = 0; i < regions.size(); ++i)
        if (!covered[i])
            companies.push_back({"SW-bedrijf " + regions[i].name, {static_cast<RegionIndex>(i)}, "", false});
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
    data.companies = read_companies(files.companies_csv, checked, diags);
    if (!diags.empty()) throw ScenarioError(std::move(diags));
    compute_commuting(data, files.commuting);
    return data;
}

}  // namespace swsim
