// Loading a scenario: read the file and the files it extends, merge them key by key (a key's
// value, including a year series or an inflow rate, is replaced as a whole; sections merge),
// bind every key through the schema, check the rules between keys, and report every problem at
// the file, line and column where the offending value was written.

#include "swsim/scenario/load.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <map>
#include <set>

#include <fmt/format.h>

#include "swsim/core/text.hpp"
#include "swsim/scenario/schema.hpp"
#include "value.hpp"

namespace swsim {
namespace fs = std::filesystem;
using scenario_detail::diagnostic_at;
using scenario_detail::did_you_mean;
using scenario_detail::Site;

namespace {

struct Located {
    YAML::Node node;
    Site site;
};

// The merged view of a file and the files it extends: per schema key and per section, the node
// that counts (the most derived file's) with where it was written.
struct Merged {
    std::map<std::string, Located> values;
    std::map<std::string, Located> sections;
};

// The canonical path, or the normalised absolute one where that cannot be formed (a symlink loop,
// a path part too long): reading the file then says why.
fs::path identity(const fs::path& p) {
    std::error_code ec;
    fs::path c = fs::weakly_canonical(p, ec);
    if (ec) c = fs::absolute(p, ec).lexically_normal();
    return c;
}

struct FileRef {
    fs::path absolute;  // canonical: identity for cycle detection, folder for relative paths
    std::string shown;  // as in messages: relative to the path the user gave
};

class Loader {
public:
    std::vector<Diagnostic> diagnostics;
    Merged merged;
    // A file could not be read, parsed or extended: keys are then surely missing, so missing
    // keys are not reported on top of it.
    bool file_failed = false;
    std::vector<fs::path> files_read;  // every file read, in the order read

    // Reads `file` (named by the extends entry `extends_at`, or the file passed in) and, first,
    // the files it extends.
    void read(const FileRef& file, const Located* extends_at) {
        const auto at = [&](const YAML::Mark& m, std::string message) {
            fail(Diagnostic{file.shown, m.line + 1, m.column + 1, "", std::move(message)});
        };
        const auto unreadable = [&](const std::string& why) {
            const std::string message = "cannot read '" + file.shown + "': " + why;
            if (extends_at) fail(diagnostic_at(extends_at->site, extends_at->node, "extends", message));
            else fail(Diagnostic{file.shown, 0, 0, "", message});
        };
        const input::YamlDocument doc = input::read_yaml_file(file.absolute, file.shown, "a scenario file");
        if (!doc.unreadable.empty()) return unreadable(doc.unreadable);
        if (!doc.errors.empty()) {
            for (const auto& d : doc.errors) fail(d);
            return;
        }
        const YAML::Node& root = doc.root;
        if (!root.IsMap()) {
            const std::string sections = join(scenario_detail::section_children(""));
            if (doc.empty || root.IsNull()) return at(YAML::Mark(), "the file is empty: a scenario is a map of sections (" + sections + ")");
            return at(root.Mark(), "the top level is not a map: a scenario is a map of sections (" + sections + ")");
        }
        const Site site{file.shown, file.absolute.parent_path(), root.Mark()};
        files_read.push_back(file.absolute);
        chain_.push_back(file);
        for (const auto& kv : root)
            if (kv.first.IsScalar() && kv.first.Scalar() == "extends") {
                extend(Located{kv.second, Site{site.file, site.dir, kv.first.Mark()}});
                break;  // a second one is reported by flatten()
            }
        chain_.pop_back();
        flatten(root, "", site);
    }

private:
    std::vector<FileRef> chain_;  // files being read, outermost first

    void fail(Diagnostic d) {
        file_failed = true;
        diagnostics.push_back(std::move(d));
    }

    static std::string join(const std::vector<std::string>& names, const char* sep = ", ") {
        std::string s;
        for (const auto& n : names) s += (s.empty() ? "" : sep) + n;
        return s;
    }

    void extend(const Located& at) {
        if (!at.node.IsScalar() || at.node.Scalar().empty())
            return fail(diagnostic_at(at.site, at.node, "extends", "expected the name of a scenario file to extend"));
        const std::string& name = at.node.Scalar();
        const FileRef& from = chain_.back();
        const FileRef target{identity(from.absolute.parent_path() / name),
                             (fs::path(from.shown).parent_path() / name).lexically_normal().string()};
        const auto same = [&](const FileRef& f) { return f.absolute == target.absolute; };
        if (auto it = std::find_if(chain_.begin(), chain_.end(), same); it != chain_.end()) {
            std::vector<std::string> names;
            for (; it != chain_.end(); ++it) names.push_back(fs::path(it->shown).filename().string());
            names.push_back(fs::path(target.shown).filename().string());
            return fail(diagnostic_at(at.site, at.node, "extends", "extends cycle: " + join(names, " -> ")));
        }
        read(target, &at);
    }

    // Records every key of a map under `prefix`; a later (more derived) file overrides.
    void flatten(const YAML::Node& map, const std::string& prefix, const Site& file_site) {
        std::set<std::string> seen;
        for (const auto& kv : map) {
            const Site site{file_site.file, file_site.dir, kv.first.Mark()};
            const std::string name = kv.first.IsScalar() ? kv.first.Scalar() : std::string();
            const std::string path = prefix.empty() ? name : prefix + "." + name;
            if (name.empty()) {
                diagnostics.push_back(diagnostic_at(site, kv.first, prefix, "keys must be plain names"));
            } else if (!seen.insert(name).second) {
                diagnostics.push_back(diagnostic_at(site, kv.first, path, "key given twice in the same map"));
            } else if (prefix.empty() && name == "extends") {
                continue;  // resolved by read()
            } else if (find_key(path)) {
                merged.values[path] = Located{kv.second, site};
            } else if (scenario_detail::is_section(path)) {
                if (!kv.second.IsMap()) {
                    diagnostics.push_back(diagnostic_at(
                        site, kv.second, path,
                        "expected a map of keys (" + join(scenario_detail::section_children(path)) +
                            "), got " + scenario_detail::shown(kv.second)));
                    continue;
                }
                merged.sections[path] = Located{kv.second, site};
                flatten(kv.second, path, file_site);
            } else {
                diagnostics.push_back(diagnostic_at(
                    site, kv.first, path,
                    "unknown key '" + name + "'" + did_you_mean(name, scenario_detail::section_children(prefix))));
            }
        }
    }
};

bool overlaps(const std::string& a, const std::string& b) {
    const auto prefix = [](const std::string& p, const std::string& s) {
        return s.starts_with(p) && (s.size() == p.size() || s[p.size()] == '.');
    };
    return prefix(a, b) || prefix(b, a);
}

std::string parent_of(const std::string& path) {
    const auto dot = path.rfind('.');
    return dot == std::string::npos ? std::string() : path.substr(0, dot);
}

// The location for a key: where its value was written, else the nearest section that was
// written, else the top of the file.
Diagnostic locate(const Merged& m, const std::string& top_file, std::string key, std::string message) {
    if (auto it = m.values.find(key); it != m.values.end())
        return diagnostic_at(it->second.site, it->second.node, std::move(key), std::move(message));
    for (std::string p = key; !p.empty(); p = parent_of(p))
        if (auto it = m.sections.find(p); it != m.sections.end())
            return diagnostic_at(it->second.site, YAML::Node(), std::move(key), std::move(message));
    return Diagnostic{top_file, 1, 1, std::move(key), std::move(message)};
}

}  // namespace

Scenario load_scenario(const std::string& path, const LoadOptions& options) {
    Loader loader;
    const fs::path given(path);
    const std::string shown = given.lexically_normal().string();
    loader.read(FileRef{identity(fs::absolute(given)), shown}, nullptr);
    auto& out = loader.diagnostics;

    Scenario s;
    s.source_file = fs::absolute(given).lexically_normal().string();
    for (const fs::path& f : loader.files_read) s.files.push_back(f.string());
    s.simulation.name = given.stem().string();
    for (const auto& key : scenario_schema()) {
        if (auto it = loader.merged.values.find(key.path); it != loader.merged.values.end()) {
            scenario_detail::bind_value(key, it->second.node, it->second.site, out, s);
        } else if ((key.required || (options.require_all_keys && key.default_note.empty())) &&
                   !loader.file_failed) {
            const std::string section = parent_of(key.path);
            std::string message = std::string(key.required ? "missing required key '" : "missing key '") +
                                  key.path.substr(section.empty() ? 0 : section.size() + 1) + "'" +
                                  (section.empty() ? "" : " in " + section);
            if (!key.required) message += " (every key must be set explicitly)";
            out.push_back(locate(loader.merged, shown, key.path, std::move(message)));
        }
    }
    for (auto& d : check_scenario(s)) {
        const bool shadowed = std::any_of(out.begin(), out.end(), [&](const Diagnostic& e) {
            return !e.key.empty() && overlaps(e.key, d.key);
        });
        if (!shadowed) out.push_back(locate(loader.merged, shown, d.key, d.message));
    }
    if (!out.empty()) {
        std::stable_sort(out.begin(), out.end(), [](const Diagnostic& a, const Diagnostic& b) {
            return std::tie(a.file, a.line, a.col) < std::tie(b.file, b.line, b.col);
        });
        throw ScenarioError(std::move(out));
    }
    // Checks made later (the region data, the memory of a comparison) point at these lines too.
    s.locations[""] = KeyLocation{shown, 1, 1};
    const auto keep = [&](const std::string& key, const Located& at, const YAML::Node& node) {
        const Diagnostic d = diagnostic_at(at.site, node, {}, {});
        s.locations[key] = KeyLocation{d.file, d.line, d.col};
    };
    for (const auto& [section, at] : loader.merged.sections) keep(section, at, YAML::Node());
    for (const auto& [key, at] : loader.merged.values) keep(key, at, at.node);
    return s;
}

Diagnostic diagnostic_for_key(const Scenario& scenario, std::string key, std::string message) {
    for (std::string p = key;; p = parent_of(p)) {
        if (auto it = scenario.locations.find(p); it != scenario.locations.end())
            return Diagnostic{it->second.file, it->second.line, it->second.col, std::move(key), std::move(message)};
        if (p.empty()) break;
    }
    return Diagnostic{scenario.source_file, 0, 0, std::move(key), std::move(message)};
}

void set_by_path(Scenario& scenario, std::string_view key_path, std::string_view yaml_value,
                 const std::string& base_dir) {
    std::vector<Diagnostic> out;
    const std::string path(key_path);
    if (const KeySpec* key = find_key(path)) {
        const input::YamlDocument doc = input::parse_yaml(yaml_value, "", "a value");
        if (!doc.ok()) {
            std::string why = doc.errors.front().message;
            if (why.starts_with("malformed YAML: ")) why.erase(0, 16);
            out.push_back(Diagnostic{"", 0, 0, path, "malformed YAML value: " + why});
        } else {
            const Site site{"", base_dir.empty() ? fs::current_path() : fs::absolute(base_dir), doc.root.Mark()};
            scenario_detail::bind_value(*key, doc.root, site, out, scenario);
        }
    } else {
        // Prefer a key with the same last name (a sweep that got the section wrong).
        const std::string leaf = path.substr(path.rfind('.') + 1);
        std::vector<std::string> all, same_leaf;
        for (const auto& k : scenario_schema()) {
            all.push_back(k.path);
            if (k.path.ends_with("." + leaf)) same_leaf.push_back(k.path);
        }
        const auto best = same_leaf.size() == 1 ? same_leaf[0] : closest_match(path, all);
        out.push_back(Diagnostic{"", 0, 0, path,
                                 best ? "unknown key; did you mean '" + *best + "'?"
                                      : "unknown key (the keys are listed in scenarios/README.md)"});
    }
    if (out.empty()) {
        // The value no longer comes from the line that set it; the caller knows where it came from.
        scenario.locations[path] = KeyLocation{};
        return;
    }
    for (auto& d : out) d.line = d.col = 0;  // positions within the value text mean nothing here
    throw ScenarioError(std::move(out));
}

void set_by_path(Scenario& scenario, std::string_view key_path, double value) {
    set_by_path(scenario, key_path, fmt::format("{}", value));
}

void set_number_by_path(Scenario& scenario, const std::string& key, double value) {
    const KeySpec* spec = find_key(key);
    if (!spec || spec->type != KeyType::inflow_rate) return set_by_path(scenario, key, value);
    const bool absolute = std::get<FieldRef<InflowRate>>(spec->field)(scenario).absolute;
    set_by_path(scenario, key,
                fmt::format("{{{}: {}}}", absolute ? "persons_per_year" : "per_1000_pop_15_64_per_year", value));
}

bool is_scale_parameter(const std::string& parameter) { return parameter.ends_with(kScaleSuffix); }

std::string parameter_key(const std::string& parameter) {
    return is_scale_parameter(parameter) ? parameter.substr(0, parameter.size() - kScaleSuffix.size()) : parameter;
}

void set_parameter(Scenario& scenario, const std::string& parameter, double value) {
    if (!is_scale_parameter(parameter)) return set_number_by_path(scenario, parameter, value);
    const std::string key = parameter_key(parameter);
    const KeySpec* spec = find_key(key);
    if (!spec) throw ScenarioError({Diagnostic{"", 0, 0, key, "unknown key"}});
    const auto series_text = [value](const YearSeries& s) {
        if (s.points().size() == 1) return fmt::format("{}", s.points().front().second * value);  // a constant
        std::string t = "{";
        for (const auto& [year, v] : s.points()) t += fmt::format("{}{}: {}", t.size() > 1 ? ", " : "", year, v * value);
        return t + "}";
    };
    switch (spec->type) {
    case KeyType::number: return set_by_path(scenario, key, std::get<FieldRef<double>>(spec->field)(scenario) * value);
    case KeyType::integer:
        return set_by_path(scenario, key, std::round(std::get<FieldRef<int>>(spec->field)(scenario) * value));
    case KeyType::year_series:
        return set_by_path(scenario, key, series_text(std::get<FieldRef<YearSeries>>(spec->field)(scenario)));
    case KeyType::inflow_rate: {
        const InflowRate& rate = std::get<FieldRef<InflowRate>>(spec->field)(scenario);
        return set_by_path(scenario, key,
                           fmt::format("{{{}: {}}}", rate.absolute ? "persons_per_year" : "per_1000_pop_15_64_per_year",
                                       series_text(rate.per_year)));
    }
    default: throw ScenarioError({Diagnostic{"", 0, 0, key, "a multiplier needs a numeric key"}});
    }
}

std::vector<Diagnostic> check_scenario(const Scenario& s) {
    std::vector<Diagnostic> out;
    const auto add = [&](std::string key, std::string message) {
        out.push_back(Diagnostic{"", 0, 0, std::move(key), std::move(message)});
    };
    const auto& sim = s.simulation;
    // The base population is the stock of the data's base month: started later, a run would put
    // the end-2014 stock into that year and give a confident wrong answer.
    if (sim.start != kBaseMonth)
        add("simulation.start",
            fmt::format("a run starts from the base month of its data ({}), not {}: the persons are the stock "
                        "of the end of 2014. Express a later decision by its year (policy.company.switch_year: "
                        "{}) and choose the years shown with simulation.end and compare --years",
                        to_string(kBaseMonth), to_string(sim.start), sim.start.year()));
    if (sim.end < sim.start)
        add("simulation.end", "the run ends (" + to_string(sim.end) + ") before it starts (" +
                                  to_string(sim.start) + ")");
    for (const int year : sim.headline_years)
        if (sim.start <= sim.end && (year < sim.start.year() || year > sim.end.year() ||
                                     (year == sim.end.year() && sim.end.month() != 12)))
            add("simulation.headline_years", fmt::format("{} is not a full year of the run ({} .. {})", year,
                                                         to_string(sim.start), to_string(sim.end)));
    const int switch_year = s.policy.company.switch_year;
    // A switch after the end is allowed: a run of the history before a choice (the calibration of
    // 2015-2019 for a switch in 2020) ends before the choice begins. Before the start it is a mistake:
    // the base month is the state of the data, before any choice.
    if (sim.start <= sim.end && switch_year < sim.start.year())
        add("policy.company.switch_year",
            fmt::format("{} is before the simulated horizon {}-{}: the run starts from the base month's data; "
                        "a choice is made from the start year on",
                        switch_year, sim.start.year(), sim.end.year()));
    const auto& a = s.population.wsw_age_shares;
    const double age_sum = a.a18_26 + a.a27_34 + a.a35_44 + a.a45_54 + a.a55_64 + a.a65_plus;
    if (std::abs(age_sum - 1.0) > 1e-6)
        add("population.wsw_age_shares", fmt::format("the six age bands sum to {}; they must sum to 1", age_sum));
    const auto& p = s.population;
    if (p.wsw_detached_share + p.wsw_begeleid_share > 1.0 + 1e-9)
        add("population.wsw_begeleid_share",
            fmt::format("wsw_detached_share + wsw_begeleid_share = {}; must be at most 1",
                        p.wsw_detached_share + p.wsw_begeleid_share));
    if (p.doelgroep_working_share + p.doelgroep_dagbesteding_share > 1.0 + 1e-9)
        add("population.doelgroep_dagbesteding_share",
            fmt::format("doelgroep_working_share + doelgroep_dagbesteding_share = {}; must be at most 1",
                        p.doelgroep_working_share + p.doelgroep_dagbesteding_share));
    // Every profile's age range, found through the schema.
    for (const auto& key : scenario_schema()) {
        if (!key.path.ends_with(".age_min_years")) continue;
        const std::string profile = parent_of(key.path);
        const KeySpec* max_key = find_key(profile + ".age_max_years");
        const auto lo = scenario_detail::value_json(key, s).get<int>();
        const auto hi = scenario_detail::value_json(*max_key, s).get<int>();
        if (lo > hi)
            add(max_key->path, fmt::format("age_min_years ({}) is above age_max_years ({})", lo, hi));
    }
    return out;
}

}  // namespace swsim
