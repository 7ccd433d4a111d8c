// Private to sim/scenario: the generic value mechanism behind the schema table. bind_value()
// turns a YAML node into the key's type, checks it and writes it into a Scenario; value_json()
// reads it back (for the resolved JSON and the reference's defaults). Nothing here knows a key.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>
#include <yaml-cpp/yaml.h>

#include "swsim/core/error.hpp"
#include "swsim/scenario/schema.hpp"

namespace swsim::scenario_detail {

// Where a value was written: the file as shown in messages, the absolute folder that relative
// paths are taken from, and the mark of the key (used when the value itself has no position,
// e.g. an empty value).
struct Site {
    std::string file;
    std::filesystem::path dir;
    YAML::Mark key_mark;
};

// A diagnostic at a node (1-based line and column).
Diagnostic diagnostic_at(const Site& site, const YAML::Node& node, std::string key, std::string message);

// Converts `node` to the key's type, checks it and writes it into `scenario`. On any problem the
// member is left unchanged, the problems are appended to `out` and false is returned.
bool bind_value(const KeySpec& key, const YAML::Node& node, const Site& site,
                std::vector<Diagnostic>& out, Scenario& scenario);

// The key's current value in the resolved-JSON form (null for an unset year series).
nlohmann::json value_json(const KeySpec& key, const Scenario& scenario);

// The valid values in words ("0 to 1", "> 0 and <= 1", "sterfhuis, ontwikkelbedrijf").
std::string valid_text(const KeySpec& key);
std::string type_name(KeyType type);

// "; did you mean 'x'?" for a close candidate, else " (expected one of: a, b, c)".
std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates);

// How a value looks in a message: "'abc'", "a list", "a map", "an empty value".
std::string shown(const YAML::Node& node);

// The keys directly under a section path ("" for the top level), in schema order; empty if the
// path is not a section.
const std::vector<std::string>& section_children(const std::string& section);
bool is_section(const std::string& path);

}  // namespace swsim::scenario_detail
