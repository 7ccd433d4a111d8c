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
#include "swsim/input/yaml.hpp"
#include "swsim/scenario/schema.hpp"

namespace swsim::scenario_detail {

using input::diagnostic_at;
using input::did_you_mean;
using input::shown;
using input::Site;

// Converts `node` to the key's type, checks it and writes it into `scenario`. On any problem the
// member is left unchanged, the problems are appended to `out` and false is returned.
bool bind_value(const KeySpec& key, const YAML::Node& node, const Site& site,
                std::vector<Diagnostic>& out, Scenario& scenario);

// The key's current value in the resolved-JSON form (null for an unset year series).
nlohmann::json value_json(const KeySpec& key, const Scenario& scenario);

// The keys directly under a section path ("" for the top level), in schema order; empty if the
// path is not a section.
const std::vector<std::string>& section_children(const std::string& section);
bool is_section(const std::string& path);

}  // namespace swsim::scenario_detail
