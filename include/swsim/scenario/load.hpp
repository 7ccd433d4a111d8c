// Reading a scenario: YAML file -> validated Scenario (scenario.hpp), and the texts made from one.
// load_scenario() parses the file, resolves `extends` chains (deep merge by key), checks every key
// against the schema (schema.hpp) and every rule between keys, and throws one ScenarioError with
// all problems found, each located at the file, line and column where the value was written.
// set_by_path() lets a sweep change any key of an already loaded Scenario by its dotted path.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "swsim/core/error.hpp"
#include "swsim/scenario/scenario.hpp"

namespace swsim {

struct LoadOptions {
    // Every schema key must be set explicitly (in the file or a file it extends); no key may
    // fall back to its default, except simulation.name (the file's stem). The shipped base.yaml
    // is held to this.
    bool require_all_keys = false;
};

// Throws ScenarioError listing every problem (malformed YAML, unknown keys, wrong types, values
// out of range, missing keys, rules between keys, bad `extends`).
Scenario load_scenario(const std::string& path, const LoadOptions& options = {});

// Sets one key on a scenario from YAML text ("0.3", "{2015: 1.0, 2020: 2.0}", "ontwikkelbedrijf"),
// checked as in a file. Relative paths are taken relative to base_dir (or the working directory
// if empty). Throws ScenarioError for an unknown key or a bad value; the scenario is unchanged then.
void set_by_path(Scenario& scenario, std::string_view key_path, std::string_view yaml_value,
                 const std::string& base_dir = {});
// Same, for a number (year series keys become constant).
void set_by_path(Scenario& scenario, std::string_view key_path, double value);
// A number for any numeric key, as a sweep factor or an ensemble member sets it: number and integer
// keys take it as it is, a year series becomes constant, an inflow rate keeps its form (per 1,000
// inhabitants or persons per year). Throws ScenarioError like set_by_path().
void set_number_by_path(Scenario& scenario, const std::string& key, double value);

// A parameter of a calibration, sweep point or ensemble member: a numeric key set to a value, or
// "KEY:scale", a multiplier on the key's value (every point of a year series or inflow rate, so its
// shape over the years is kept). Checked as in a file: throws ScenarioError for a bad result.
inline constexpr std::string_view kScaleSuffix = ":scale";
void set_parameter(Scenario& scenario, const std::string& parameter, double value);
// The scenario key of a parameter (without ":scale"), and whether it is a multiplier.
std::string parameter_key(const std::string& parameter);
bool is_scale_parameter(const std::string& parameter);

// The rules between keys (end after start, switch year in the horizon, shares that must add up,
// age ranges). Diagnostics carry the key only; load_scenario() adds the location. Run it after
// changing keys with set_by_path().
std::vector<Diagnostic> check_scenario(const Scenario& scenario);

// A diagnostic for a key of a loaded scenario, at the file, line and column where its value was
// written (else where its nearest section was, else the top of the scenario file), for checks
// made after loading. A key changed by set_by_path() has no location: the diagnostic has none.
Diagnostic diagnostic_for_key(const Scenario& scenario, std::string key, std::string message);

// A one-screen human summary of what a scenario resolves to.
std::string scenario_summary(const Scenario& scenario);

// The fully resolved scenario as pretty JSON keyed like the YAML (every schema key, sorted keys,
// series as {"year": value}, a constant series as a number): stable byte for byte, for manifests.
std::string resolved_scenario_json(const Scenario& scenario);

// The scenario reference (scenarios/README.md), generated from the schema.
std::string scenario_reference_markdown();

}  // namespace swsim
