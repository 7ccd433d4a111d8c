// The scenario schema: every YAML key of a scenario, declared once, with its type, unit, default,
// validity range, sweep range, source label (data/FACTS.md) and description, and a reference to
// the Scenario member it fills. The loader, set_by_path(), the resolved JSON and the generated
// reference (scenarios/README.md) are all driven by this one table; sweeps read it to find a
// key's type and plausible range.
#pragma once

#include <cstdint>
#include <functional>
#include <limits>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "swsim/scenario/scenario.hpp"

namespace swsim {

enum class KeyType {
    number,           // a finite real number
    integer,          // a whole number
    boolean,          // true / false
    string,           // free text
    enumeration,      // one of a fixed list of names (CompanyMode)
    month,            // "YYYY-MM"
    year_series,      // a number, or {year: value, ...} interpolated linearly (YearSeries)
    path,             // a file path, relative to the scenario file that names it
    region_mode_map,  // {AMxx: mode, ...}
    company_mode_map,  // {company_id: mode, ...}
    company_year_map,  // {company_id: year, ...}
    company_factor_map,  // {company_id: number, ...}
    municipality_move_map,  // {GMxxxx: {company: company_id, from_year: year}, ...}
    year_list,        // [year, ...]
    inflow_rate,      // {per_1000_pop_15_64_per_year: SERIES} or {persons_per_year: SERIES}
};

// Valid values (for series and inflow rates: every value; for months: Month indices).
struct ValueRange {
    double min = -std::numeric_limits<double>::infinity();
    double max = std::numeric_limits<double>::infinity();
    bool min_exclusive = false;
};

// A plausible range to sweep an estimate over (lo <= hi), in the key's unit.
struct SweepRange {
    double lo = 0;
    double hi = 0;
};

// Reference to the Scenario member a key fills; the alternative matches the key's type.
template <class T>
using FieldRef = std::function<T&(Scenario&)>;
using Field = std::variant<FieldRef<double>, FieldRef<int>, FieldRef<std::uint64_t>, FieldRef<bool>,
                           FieldRef<std::string>, FieldRef<Month>, FieldRef<YearSeries>,
                           FieldRef<InflowRate>, FieldRef<CompanyMode>,
                           FieldRef<std::map<std::string, CompanyMode>>, FieldRef<std::map<std::string, int>>,
                           FieldRef<std::map<std::string, double>>,
                           FieldRef<std::map<std::string, MunicipalityMove>>, FieldRef<std::vector<int>>>;

struct KeySpec {
    std::string path;   // dotted YAML path, e.g. "policy.company.switch_year"
    KeyType type = KeyType::number;
    std::string unit;
    bool required = false;             // no default: every scenario must set it
    ValueRange valid;
    std::optional<SweepRange> sweep;   // for estimates
    std::string source;                // FACTS.md label(s) of the default / shipped value
    std::string description;
    Field field;
    std::string default_note;          // a default made at load time (the file's stem); such
                                       // a key may be left out even with require_all_keys
};

// All keys, in the order of the reference (sections as in the YAML layout).
const std::vector<KeySpec>& scenario_schema();

// The key with this dotted path, or nullptr.
const KeySpec* find_key(std::string_view path);

// "sterfhuis" / "ontwikkelbedrijf", and back.
std::string_view company_mode_name(CompanyMode mode);
std::optional<CompanyMode> company_mode_from_name(std::string_view name);
const std::vector<std::string>& company_mode_names();

// A key's type in words ("number", "year series") and its valid values in words ("0 to 1",
// "> 0 and <= 1", "sterfhuis, ontwikkelbedrijf"), for messages and the reference.
std::string type_name(KeyType type);
std::string valid_text(const KeySpec& key);

}  // namespace swsim
