// Generic conversion between YAML nodes, Scenario members and JSON, driven by a KeySpec.

#include "value.hpp"

#include "swsim/core/text.hpp"
#include "swsim/input/file.hpp"
#include "swsim/input/limits.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>
#include <regex>
#include <tuple>

#include <fmt/format.h>

namespace swsim::scenario_detail {
namespace {

constexpr int kFirstSeriesYear = 2000;
constexpr int kLastSeriesYear = 2100;
const std::vector<std::string> kInflowForms = {"per_1000_pop_15_64_per_year", "persons_per_year"};
const ValueRange kInflowPersons{0, kMaxPersons};

std::string num(double v) { return fmt::format("{}", v); }

std::string range_text(const ValueRange& r, KeyType type) {
    auto show = [type](double v) {
        return type == KeyType::month ? to_string(Month{int(v)}) : num(v);
    };
    const bool has_min = std::isfinite(r.min), has_max = std::isfinite(r.max);
    if (has_min && has_max && !r.min_exclusive) return show(r.min) + " to " + show(r.max);
    std::string s;
    if (has_min) s = (r.min_exclusive ? "> " : ">= ") + show(r.min);
    if (has_max) s += (s.empty() ? "<= " : " and <= ") + show(r.max);
    return s;
}

bool in_range(const ValueRange& r, double v) {
    return (r.min_exclusive ? v > r.min : v >= r.min) && v <= r.max;
}

// Reads a key's member from a const scenario. The FieldRef only forms a reference; it never
// writes, so dropping const for the call is safe.
template <class T>
const T& field(const KeySpec& key, const Scenario& s) {
    return std::get<FieldRef<T>>(key.field)(const_cast<Scenario&>(s));
}
template <class T>
void store(const KeySpec& key, Scenario& s, T value) {
    std::get<FieldRef<T>>(key.field)(s) = std::move(value);
}

// Conversion of one node, reporting to `out` under the key path `key`.
struct Reader {
    const Site& site;
    std::vector<Diagnostic>& out;

    void error(const YAML::Node& n, const std::string& key, std::string message) {
        out.push_back(diagnostic_at(site, n, key, std::move(message)));
    }

    std::optional<double> number(const YAML::Node& n, const std::string& key, const ValueRange& r,
                                 KeyType type = KeyType::number) {
        double v = 0;
        // A quoted scalar ("0.5") is text, not a number.
        if (!n.IsScalar() || n.Tag() == "!" || !YAML::convert<double>::decode(n, v)) {
            error(n, key, "expected a number, got " + shown(n) +
                              (n.IsScalar() && n.Tag() == "!" ? " (quoted text: remove the quotes)" : ""));
            return std::nullopt;
        }
        if (!std::isfinite(v)) {
            error(n, key, "expected a finite number, got " + shown(n));
            return std::nullopt;
        }
        if (!in_range(r, v)) {
            error(n, key, num(v) + " is out of range: must be " + range_text(r, type));
            return std::nullopt;
        }
        return v;
    }

    std::optional<long long> integer(const YAML::Node& n, const std::string& key, const ValueRange& r,
                                     bool allow_quoted = false) {
        long long v = 0;
        if (!n.IsScalar() || (n.Tag() == "!" && !allow_quoted) || !YAML::convert<long long>::decode(n, v)) {
            error(n, key, "expected a whole number, got " + shown(n));
            return std::nullopt;
        }
        if (!in_range(r, double(v))) {
            error(n, key, std::to_string(v) + " is out of range: must be " + range_text(r, KeyType::integer));
            return std::nullopt;
        }
        return v;
    }

    std::optional<std::string> text(const YAML::Node& n, const std::string& key) {
        if (n.IsScalar() && !n.Scalar().empty()) return n.Scalar();
        error(n, key, "expected text, got " + shown(n));
        return std::nullopt;
    }

    std::optional<CompanyMode> mode(const YAML::Node& n, const std::string& key) {
        const auto& names = company_mode_names();
        if (n.IsScalar())
            if (auto m = company_mode_from_name(n.Scalar())) return m;
        std::string message = shown(n) + " is not a company mode; allowed: sterfhuis, ontwikkelbedrijf";
        if (auto best = n.IsScalar() ? closest_match(n.Scalar(), names) : std::nullopt)
            message += "; did you mean '" + *best + "'?";
        error(n, key, message);
        return std::nullopt;
    }

    std::optional<Month> month(const YAML::Node& n, const std::string& key, const ValueRange& r) {
        static const std::regex form(R"((\d{4})-(\d{2}))");
        std::smatch m;
        const std::string s = n.IsScalar() ? n.Scalar() : std::string();
        const int mm = std::regex_match(s, m, form) ? std::stoi(m[2]) : 0;
        if (mm < 1 || mm > 12) {
            error(n, key, "expected a month as YYYY-MM (e.g. 2015-01), got " + shown(n));
            return std::nullopt;
        }
        const Month month = Month::of(std::stoi(m[1]), mm);
        if (!in_range(r, month.index)) {
            error(n, key, s + " is out of range: must be " + range_text(r, KeyType::month));
            return std::nullopt;
        }
        return month;
    }

    // A number (constant) or {year: value}; years whole, distinct, within 2000-2100.
    std::optional<YearSeries> series(const YAML::Node& n, const std::string& key, const ValueRange& r) {
        if (n.IsScalar()) {
            auto v = number(n, key, r);
            return v ? std::optional(YearSeries(*v)) : std::nullopt;
        }
        if (!n.IsMap() || n.size() == 0) {
            error(n, key, "expected a number or a map {year: value, ...}, got " +
                              (n.IsMap() ? std::string("an empty map") : shown(n)));
            return std::nullopt;
        }
        const ValueRange years{kFirstSeriesYear, kLastSeriesYear};
        std::vector<std::tuple<int, double, YAML::Node>> points;
        bool ok = true;
        for (const auto& kv : n) {
            auto year = integer(kv.first, key, years, true);
            auto value = number(kv.second, key, r);
            if (year && value) points.emplace_back(int(*year), *value, kv.first);
            ok = ok && year && value;
        }
        std::stable_sort(points.begin(), points.end(),
                         [](const auto& a, const auto& b) { return std::get<0>(a) < std::get<0>(b); });
        for (std::size_t i = 1; i < points.size(); ++i)
            if (std::get<0>(points[i]) == std::get<0>(points[i - 1])) {
                error(std::get<2>(points[i]), key,
                      "year " + std::to_string(std::get<0>(points[i])) + " is given twice");
                ok = false;
            }
        if (!ok) return std::nullopt;
        std::vector<std::pair<int, double>> values;
        for (const auto& [year, value, node] : points) values.emplace_back(year, value);
        return YearSeries(std::move(values));
    }

    // Exactly one of the two inflow forms.
    std::optional<InflowRate> inflow(const YAML::Node& n, const std::string& key, const ValueRange& r) {
        const std::string forms = kInflowForms[0] + " or " + kInflowForms[1];
        if (!n.IsMap()) {
            error(n, key, "expected a map with " + forms + ", got " + shown(n));
            return std::nullopt;
        }
        std::optional<InflowRate> rate;
        int given = 0;
        bool ok = true;
        for (const auto& kv : n) {
            const std::string name = kv.first.IsScalar() ? kv.first.Scalar() : std::string();
            const auto form = std::find(kInflowForms.begin(), kInflowForms.end(), name);
            if (form == kInflowForms.end()) {
                error(kv.first, key + "." + name, "unknown key" + did_you_mean(name, kInflowForms));
                ok = false;
                continue;
            }
            ++given;
            // The valid range is per 1,000 inhabitants; a count of persons has its own bound.
            const bool absolute = form != kInflowForms.begin();
            auto s = series(kv.second, key + "." + name, absolute ? kInflowPersons : r);
            if (s) rate = InflowRate{form != kInflowForms.begin(), std::move(*s)};
            ok = ok && s;
        }
        if (given != 1) {
            error(n, key, given == 0 ? "give one of " + forms
                                     : "give exactly one of " + forms + ", not both");
            ok = false;
        }
        return ok ? rate : std::nullopt;
    }

    // {AMxx: mode, ...}; region codes are checked for their form only.
    std::optional<std::map<std::string, CompanyMode>> region_modes(const YAML::Node& n, const std::string& key) {
        if (!n.IsMap()) {
            error(n, key, "expected a map {AMxx: mode, ...} ({} for none), got " + shown(n));
            return std::nullopt;
        }
        static const std::regex code(R"(AM\d\d)");
        std::map<std::string, CompanyMode> modes;
        bool ok = true;
        for (const auto& kv : n) {
            const std::string region = kv.first.IsScalar() ? kv.first.Scalar() : std::string();
            if (!std::regex_match(region, code)) {
                error(kv.first, key, shown(kv.first) +
                                         " is not a region code: expected AM followed by two digits (e.g. AM01)");
                ok = false;
                continue;
            }
            auto m = mode(kv.second, key + "." + region);
            if (m && !modes.emplace(region, *m).second) {
                error(kv.first, key, "region " + region + " is given twice");
                ok = false;
            }
            ok = ok && m;
        }
        return ok ? std::optional(modes) : std::nullopt;
    }

    // A map keyed by company id (checked against the membership file when data are loaded): each
    // value read by `value`, which reports its own problems.
    template <class T, class ReadValue>
    std::optional<std::map<std::string, T>> company_map(const YAML::Node& n, const std::string& key,
                                                        const std::string& form, ReadValue&& value) {
        if (!n.IsMap()) {
            error(n, key, "expected a map {" + form + ", ...} ({} for none), got " + shown(n));
            return std::nullopt;
        }
        static const std::regex id(R"([a-z][a-z0-9_]*)");
        std::map<std::string, T> found;
        bool ok = true;
        for (const auto& kv : n) {
            const std::string company = kv.first.IsScalar() ? kv.first.Scalar() : std::string();
            if (!std::regex_match(company, id) || company.size() > 64) {
                error(kv.first, key, shown(kv.first) + " is not a company id: lower-case letters, digits and _, "
                                                       "starting with a letter (the company_id column of the data)");
                ok = false;
                continue;
            }
            std::optional<T> v = value(kv.second, key + "." + company);
            if (v && !found.emplace(company, std::move(*v)).second) {
                error(kv.first, key, "company " + company + " is given twice");
                ok = false;
            }
            ok = ok && v;
        }
        return ok ? std::optional(std::move(found)) : std::nullopt;
    }

    // [year, ...], each in range, none twice.
    std::optional<std::vector<int>> years(const YAML::Node& n, const std::string& key, const ValueRange& r) {
        if (!n.IsSequence()) {
            error(n, key, "expected a list of years, e.g. [2024, 2030] ([] for the default ones), got " + shown(n));
            return std::nullopt;
        }
        std::vector<int> found;
        bool ok = true;
        for (const auto& item : n) {
            const auto y = integer(item, key, r);
            if (!y) {
                ok = false;
            } else if (std::find(found.begin(), found.end(), int(*y)) != found.end()) {
                error(item, key, std::to_string(*y) + " is given twice");
                ok = false;
            } else {
                found.push_back(static_cast<int>(*y));
            }
        }
        if (!ok) return std::nullopt;
        std::sort(found.begin(), found.end());
        return found;
    }

    // {GMxxxx: {company: id, from_year: year}, ...}
    std::optional<std::map<std::string, MunicipalityMove>> moves(const YAML::Node& n, const std::string& key,
                                                                 const ValueRange& years) {
        if (!n.IsMap()) {
            error(n, key, "expected a map {GMxxxx: {company: ID, from_year: YEAR}, ...} ({} for none), got " + shown(n));
            return std::nullopt;
        }
        static const std::regex code(R"(GM\d\d\d\d)");
        static const std::regex id(R"([a-z][a-z0-9_]*)");
        std::map<std::string, MunicipalityMove> found;
        bool ok = true;
        for (const auto& kv : n) {
            const std::string gm = kv.first.IsScalar() ? kv.first.Scalar() : std::string();
            if (!std::regex_match(gm, code)) {
                error(kv.first, key, shown(kv.first) + " is not a municipality code: expected GM and four digits (e.g. GM0200)");
                ok = false;
                continue;
            }
            const std::string at = key + "." + gm;
            const YAML::Node& v = kv.second;
            if (!v.IsMap() || v.size() != 2 || !v["company"] || !v["from_year"]) {
                error(v, at, "expected {company: ID, from_year: YEAR}, got " + shown(v));
                ok = false;
                continue;
            }
            MunicipalityMove m;
            const auto company = text(v["company"], at + ".company");
            if (company && (!std::regex_match(*company, id) || company->size() > 64)) {
                error(v["company"], at + ".company", "'" + *company + "' is not a company id: lower-case letters, digits and _");
                ok = false;
                continue;
            }
            const auto year = integer(v["from_year"], at + ".from_year", years);
            if (!company || !year) {
                ok = false;
                continue;
            }
            m.company = *company;
            m.from_year = static_cast<int>(*year);
            if (!found.emplace(gm, std::move(m)).second) {
                error(kv.first, key, "municipality " + gm + " is given twice");
                ok = false;
            }
        }
        return ok ? std::optional(std::move(found)) : std::nullopt;
    }
};

nlohmann::json series_json(const YearSeries& s) {
    if (s.empty()) return nullptr;
    if (s.points().size() == 1 && s.first_year() == 0) return s.points().front().second;  // constant
    nlohmann::json j = nlohmann::json::object();
    for (const auto& [year, value] : s.points()) j[std::to_string(year)] = value;
    return j;
}

}  // namespace

bool bind_value(const KeySpec& key, const YAML::Node& node, const Site& site,
                std::vector<Diagnostic>& out, Scenario& s) {
    Reader read{site, out};
    const std::string& k = key.path;
    switch (key.type) {
    case KeyType::number:
        if (auto v = read.number(node, k, key.valid)) return store(key, s, *v), true;
        return false;
    case KeyType::integer:
        if (auto v = read.integer(node, k, key.valid)) {
            if (std::holds_alternative<FieldRef<int>>(key.field)) store(key, s, int(*v));
            else store(key, s, std::uint64_t(*v));
            return true;
        }
        return false;
    case KeyType::boolean: {
        bool v = false;
        if (node.IsScalar() && YAML::convert<bool>::decode(node, v)) return store(key, s, v), true;
        read.error(node, k, "expected true or false, got " + shown(node));
        return false;
    }
    case KeyType::string:
        if (auto v = read.text(node, k)) return store(key, s, *v), true;
        return false;
    case KeyType::path:
        // A path with a default (not required) may be "": none.
        if (!key.required && node.IsScalar() && node.Scalar().empty()) return store(key, s, std::string()), true;
        if (auto v = read.text(node, k)) {
            if (const std::string why = path_part_problem(*v); !why.empty()) {
                read.error(node, k, why);
                return false;
            }
            // Relative to the folder of the file that names it, stored absolute and normalised.
            const std::filesystem::path p = std::filesystem::absolute(site.dir / *v).lexically_normal();
            return store(key, s, p.string()), true;
        }
        return false;
    case KeyType::enumeration:
        if (auto v = read.mode(node, k)) return store(key, s, *v), true;
        return false;
    case KeyType::month:
        if (auto v = read.month(node, k, key.valid)) return store(key, s, *v), true;
        return false;
    case KeyType::year_series:
        if (auto v = read.series(node, k, key.valid)) return store(key, s, std::move(*v)), true;
        return false;
    case KeyType::inflow_rate:
        if (auto v = read.inflow(node, k, key.valid)) return store(key, s, std::move(*v)), true;
        return false;
    case KeyType::region_mode_map:
        if (auto v = read.region_modes(node, k)) return store(key, s, std::move(*v)), true;
        return false;
    case KeyType::company_mode_map:
        if (auto v = read.company_map<CompanyMode>(node, k, "company_id: mode",
                                                   [&](const YAML::Node& n, const std::string& at) { return read.mode(n, at); }))
            return store(key, s, std::move(*v)), true;
        return false;
    case KeyType::company_year_map:
        if (auto v = read.company_map<int>(node, k, "company_id: year", [&](const YAML::Node& n, const std::string& at) {
                auto y = read.integer(n, at, key.valid);
                return y ? std::optional<int>(static_cast<int>(*y)) : std::nullopt;
            }))
            return store(key, s, std::move(*v)), true;
        return false;
    case KeyType::company_factor_map:
        if (auto v = read.company_map<double>(node, k, "company_id: number",
                                              [&](const YAML::Node& n, const std::string& at) { return read.number(n, at, key.valid); }))
            return store(key, s, std::move(*v)), true;
        return false;
    case KeyType::municipality_move_map:
        if (auto v = read.moves(node, k, key.valid)) return store(key, s, std::move(*v)), true;
        return false;
    case KeyType::year_list:
        if (auto v = read.years(node, k, key.valid)) return store(key, s, std::move(*v)), true;
        return false;
    }
    return false;
}

nlohmann::json value_json(const KeySpec& key, const Scenario& s) {
    switch (key.type) {
    case KeyType::number: return field<double>(key, s);
    case KeyType::integer:
        if (std::holds_alternative<FieldRef<int>>(key.field)) return field<int>(key, s);
        return field<std::uint64_t>(key, s);
    case KeyType::boolean: return field<bool>(key, s);
    case KeyType::string:
    case KeyType::path: return field<std::string>(key, s);
    case KeyType::enumeration: return std::string(company_mode_name(field<CompanyMode>(key, s)));
    case KeyType::month: return to_string(field<Month>(key, s));
    case KeyType::year_series: return series_json(field<YearSeries>(key, s));
    case KeyType::inflow_rate: {
        const InflowRate& r = field<InflowRate>(key, s);
        if (r.per_year.empty()) return nullptr;
        return {{kInflowForms[r.absolute ? 1 : 0], series_json(r.per_year)}};
    }
    case KeyType::region_mode_map:
    case KeyType::company_mode_map: {
        nlohmann::json j = nlohmann::json::object();
        for (const auto& [unit, mode] : field<std::map<std::string, CompanyMode>>(key, s))
            j[unit] = std::string(company_mode_name(mode));
        return j;
    }
    case KeyType::company_year_map: {
        nlohmann::json j = nlohmann::json::object();
        for (const auto& [company, year] : field<std::map<std::string, int>>(key, s)) j[company] = year;
        return j;
    }
    case KeyType::company_factor_map: {
        nlohmann::json j = nlohmann::json::object();
        for (const auto& [company, factor] : field<std::map<std::string, double>>(key, s)) j[company] = factor;
        return j;
    }
    case KeyType::year_list: return field<std::vector<int>>(key, s);
    case KeyType::municipality_move_map: {
        nlohmann::json j = nlohmann::json::object();
        for (const auto& [gm, move] : field<std::map<std::string, MunicipalityMove>>(key, s))
            j[gm] = {{"company", move.company}, {"from_year", move.from_year}};
        return j;
    }
    }
    return nullptr;
}

}  // namespace swsim::scenario_detail

namespace swsim {
using scenario_detail::kFirstSeriesYear;
using scenario_detail::kInflowPersons;
using scenario_detail::kLastSeriesYear;
using scenario_detail::range_text;

std::string type_name(KeyType type) {
    switch (type) {
    case KeyType::number: return "number";
    case KeyType::integer: return "integer";
    case KeyType::boolean: return "bool";
    case KeyType::string: return "string";
    case KeyType::enumeration: return "enum";
    case KeyType::month: return "month";
    case KeyType::year_series: return "year series";
    case KeyType::path: return "path";
    case KeyType::region_mode_map: return "map region → enum";
    case KeyType::company_mode_map: return "map company → enum";
    case KeyType::company_year_map: return "map company → year";
    case KeyType::company_factor_map: return "map company → number";
    case KeyType::municipality_move_map: return "map municipality → move";
    case KeyType::year_list: return "list of years";
    case KeyType::inflow_rate: return "inflow rate";
    }
    return "";
}

std::string valid_text(const KeySpec& key) {
    const std::string modes = "sterfhuis, ontwikkelbedrijf";
    switch (key.type) {
    case KeyType::boolean: return "true, false";
    case KeyType::string: return "non-empty text";
    case KeyType::path: return key.required ? "a file path" : "a file path, or \"\" for none";
    case KeyType::enumeration: return modes;
    case KeyType::region_mode_map: return "AMxx: " + modes;
    case KeyType::company_mode_map: return "company_id: " + modes;
    case KeyType::company_year_map:
    case KeyType::company_factor_map: return "company_id: " + range_text(key.valid, key.type == KeyType::company_year_map ? KeyType::integer : KeyType::number);
    case KeyType::municipality_move_map:
        return "GMxxxx: {company: company_id, from_year: " + range_text(key.valid, KeyType::integer) + "}";
    case KeyType::year_list: return "[years " + range_text(key.valid, KeyType::integer) + "], full years of the run";
    case KeyType::year_series:
        return range_text(key.valid, key.type) + "; years " + std::to_string(kFirstSeriesYear) + " to " +
               std::to_string(kLastSeriesYear);
    case KeyType::inflow_rate:
        return range_text(key.valid, key.type) + " per 1,000 (persons_per_year: " +
               range_text(kInflowPersons, KeyType::number) + "); years " + std::to_string(kFirstSeriesYear) +
               " to " + std::to_string(kLastSeriesYear);
    default: return range_text(key.valid, key.type);
    }
}


}  // namespace swsim

namespace swsim::scenario_detail {
namespace {
struct Sections {
    std::map<std::string, std::vector<std::string>> children;  // section path -> child names
};
const Sections& sections() {
    static const Sections all = [] {
        Sections s;
        for (const auto& key : scenario_schema()) {
            std::string parent;
            std::size_t start = 0;
            for (std::size_t dot = key.path.find('.'); ; dot = key.path.find('.', start)) {
                const std::string name = key.path.substr(start, dot == std::string::npos ? dot : dot - start);
                auto& names = s.children[parent];
                if (std::find(names.begin(), names.end(), name) == names.end()) names.push_back(name);
                if (dot == std::string::npos) break;
                parent = key.path.substr(0, dot);
                start = dot + 1;
            }
        }
        return s;
    }();
    return all;
}
}  // namespace

const std::vector<std::string>& section_children(const std::string& section) {
    static const std::vector<std::string> none;
    auto it = sections().children.find(section);
    return it == sections().children.end() ? none : it->second;
}

bool is_section(const std::string& path) { return sections().children.count(path) > 0; }

}  // namespace swsim::scenario_detail
