// Loading a sweep file: every key is checked (unknown keys with "did you mean", types, ranges
// against the scenario schema, design keys per method, outputs against yearly.csv's columns, the
// region data and the horizon), and all problems are thrown at once, located like a scenario's.
// The file is read by the one strict YAML reader (input/yaml.hpp), as scenario files are.

#include "swsim/sweep/sweep.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <map>
#include <optional>
#include <set>

#include <fmt/format.h>

#include "swsim/input/file.hpp"
#include "swsim/input/yaml.hpp"
#include "swsim/output/tables.hpp"
#include "swsim/scenario/schema.hpp"

#include "reader.hpp"

namespace swsim {
namespace fs = std::filesystem;
using input::diagnostic_at;
using input::did_you_mean;
using input::shown;
using input::Site;
using spec_reader::Entry;
using spec_reader::Reader;
using spec_reader::valid_value;

namespace {

const std::vector<std::string> kTopKeys = {"name", "scenarios", "parameters", "design", "replicates", "seed", "outputs"};
const std::vector<std::string> kParameterKeys = {"key", "range", "values", "levels"};
const std::vector<std::string> kOutputKeys = {"metric", "region", "year", "origin", "cohort"};
const std::vector<std::string> kMethods = {"grid", "lhs", "morris", "sobol"};
const std::map<std::string, std::vector<std::string>> kDesignKeys = {
    {"grid", {"method", "levels"}},
    {"lhs", {"method", "samples"}},
    {"morris", {"method", "trajectories", "levels"}},
    {"sobol", {"method", "samples"}}};
constexpr double kMaxPoints = 1e7;

class SweepLoader {
public:
    SweepLoader(Reader& r, SweepSpec& spec, std::vector<Inputs>& bases) : r_(r), spec_(spec), bases_(bases) {}

    void load(const Entry& root) {
        auto f = r_.fields(root, kTopKeys);
        const auto get = [&](const std::string& name) -> const Entry* {
            auto it = f.find(name);
            return it == f.end() ? nullptr : &it->second;
        };
        const auto missing = [&](const std::string& name, const std::string& hint) { r_.missing(root, name, hint); };
        if (auto e = get("name"))
            if (auto v = r_.text(*e)) spec_.name = *v;
        if (auto e = get("replicates"))
            if (auto v = r_.whole(*e, 1, 100000)) spec_.replicates = int(*v);
        if (auto e = get("seed")) {
            if (auto v = r_.whole(*e, 0, std::numeric_limits<long long>::max())) spec_.seed = std::uint64_t(*v);
        } else {
            missing("seed", " (the design's random seed, a whole number)");
        }
        if (auto e = get("scenarios")) scenarios(*e);
        else missing("scenarios", " (one or more base scenario files)");
        const bool design_ok = get("design") && design(*get("design"));
        if (!get("design")) missing("design", " (method: grid, lhs, morris or sobol)");
        if (auto e = get("parameters")) parameters(*e, design_ok);
        else missing("parameters", " (a list of {key: ..., range: [lo, hi]})");
        if (auto e = get("outputs")) outputs(*e);
        else missing("outputs", " (a list of {metric: ..., region: ..., year: ...})");
        if (design_ok && r_.out.empty()) check_size(*get("design"));
    }

private:
    Reader& r_;
    SweepSpec& spec_;
    std::vector<Inputs>& bases_;
    bool method_known_ = false;

    void scenarios(const Entry& e) { spec_.scenario_files = spec_reader::read_scenarios(r_, e, bases_); }

    bool design(const Entry& e) {
        if (!e.node.IsMap()) {
            r_.error(e, "expected a map {method: grid, lhs, morris or sobol, ...}, got " + shown(e.node));
            return false;
        }
        const YAML::Node m = e.node["method"];
        const Entry method_entry{m, e.site, e.key + ".method"};
        // A missing key gives an invalid node, whose type must not be asked (yaml-cpp throws).
        std::string method = m.IsDefined() && m.IsScalar() ? m.Scalar() : std::string();
        const auto known = kDesignKeys.find(method);
        if (!m.IsDefined()) {
            r_.error(Entry{e.node, e.site, e.key}, "missing required key 'method' (one of: grid, lhs, morris, sobol)");
        } else if (known == kDesignKeys.end()) {
            r_.error(method_entry, shown(m) + " is not a design method" + did_you_mean(method, kMethods));
        }
        if (known == kDesignKeys.end()) return false;
        method_known_ = true;
        spec_.method = DesignMethod(std::find(kMethods.begin(), kMethods.end(), method) - kMethods.begin());
        // A key that belongs to another method is named as such, not as a typo.
        std::vector<std::string> any;
        for (const auto& [name, keys] : kDesignKeys) any.insert(any.end(), keys.begin(), keys.end());
        bool ok = true;
        for (const auto& [name, entry] : r_.fields(e, any)) {
            const auto& own = known->second;
            if (std::find(own.begin(), own.end(), name) == own.end()) {
                r_.error(entry, "'" + name + "' is not used by method " + method + " (its keys: " + Reader::join(own) + ")");
                ok = false;
            }
        }
        const auto count = [&](const char* name, long long lo, long long hi, int& into, bool required) {
            const YAML::Node n = e.node[name];
            if (!n.IsDefined()) {
                if (required) r_.error(Entry{e.node, e.site, e.key}, fmt::format("missing required key '{}' for method {}", name, method));
                return !required;
            }
            const auto v = r_.whole(Entry{n, e.site, e.key + "." + name}, lo, hi);
            if (v) into = int(*v);
            return v.has_value();
        };
        switch (spec_.method) {
        case DesignMethod::grid: ok = count("levels", 2, 1000, spec_.levels, false) && ok; break;
        case DesignMethod::lhs: ok = count("samples", 2, 1000000, spec_.samples, true) && ok; break;
        case DesignMethod::sobol: ok = count("samples", 2, 1000000, spec_.samples, true) && ok; break;
        case DesignMethod::morris:
            spec_.levels = 4;
            ok = count("trajectories", 2, 100000, spec_.trajectories, true) && ok;
            if (count("levels", 2, 1000, spec_.levels, false) && spec_.levels % 2 != 0) {
                r_.error(Entry{e.node["levels"], e.site, e.key + ".levels"},
                         fmt::format("{} levels: Morris needs an even number of levels (e.g. 4)", spec_.levels));
                ok = false;
            }
            break;
        }
        return ok;
    }

    void parameters(const Entry& e, bool design_ok) {
        std::set<std::string> keys;
        for (const Entry& item : r_.items(e)) {
            auto f = r_.fields(item, kParameterKeys);
            if (!item.node.IsMap()) continue;
            const auto key_it = f.find("key");
            if (key_it == f.end()) {
                r_.error(item, "missing required key 'key' (a scenario key path)");
                continue;
            }
            const KeySpec* spec = spec_reader::read_numeric_key(
                r_, key_it->second, "; sweep other choices by listing scenario files under scenarios");
            if (!spec) continue;
            const std::string* path = &spec->path;
            if (!keys.insert(*path).second) r_.error(key_it->second, "'" + *path + "' is swept twice");
            Factor factor{*path, spec->type == KeyType::integer, 0, 0, {}, 0, key_it->second.site.key_mark.line + 1,
                          key_it->second.site.key_mark.column + 1};
            if (bind_factor(f, *spec, factor, item, design_ok)) spec_.factors.push_back(std::move(factor));
        }
    }

    bool bind_factor(const std::map<std::string, Entry>& f, const KeySpec& spec, Factor& factor, const Entry& item,
                     bool design_ok) {
        const auto has = [&](const char* k) { return f.count(k) > 0; };
        const bool grid = spec_.method == DesignMethod::grid;
        const auto check_value = [&](const Entry& at, double v) {
            if (valid_value(spec, v)) return true;
            r_.error(at, fmt::format("{} is not a valid value of {}: must be {}{}", format_value(v), spec.path,
                                     valid_text(spec),
                                     spec.type == KeyType::integer ? " (whole numbers)" : ""));
            return false;
        };
        bool ok = true;
        if (has("range") && has("values")) {
            r_.error(f.at("values"), "give either range or values, not both");
            return false;
        }
        for (const char* grid_only : {"values", "levels"})
            if (has(grid_only) && method_known_ && !grid) {
                r_.error(f.at(grid_only), std::string(grid_only) + " is for grid designs; give a range for method " +
                                              std::string(method_name(spec_.method)));
                ok = false;
            }
        if (has("values")) {
            for (const Entry& v : r_.items(f.at("values"))) {
                const auto x = r_.number(v);
                ok = x && check_value(v, *x) && ok;
                if (x) factor.values.push_back(*x);
            }
            if (std::set<double>(factor.values.begin(), factor.values.end()).size() != factor.values.size()) {
                r_.error(f.at("values"), "a value is listed twice");
                ok = false;
            }
            return ok && !factor.values.empty();
        }
        if (has("range")) {
            const auto list = r_.items(f.at("range"));
            if (list.size() != 2) {
                if (!list.empty()) r_.error(f.at("range"), fmt::format("expected [lo, hi], got {} values", list.size()));
                return false;
            }
            const auto lo = r_.number(list[0]), hi = r_.number(list[1]);
            if (!lo || !hi || !check_value(list[0], *lo) || !check_value(list[1], *hi)) return false;
            if (*lo >= *hi) {
                r_.error(f.at("range"), fmt::format("lo ({}) must be below hi ({})", format_value(*lo), format_value(*hi)));
                return false;
            }
            factor.lo = *lo, factor.hi = *hi;
        } else if (spec.sweep) {
            factor.lo = spec.sweep->lo, factor.hi = spec.sweep->hi;
        } else {
            r_.error(item, "'" + spec.path + "' has no sweep range in the schema: give range: [lo, hi]");
            return false;
        }
        if (has("levels"))
            if (auto v = r_.whole(f.at("levels"), 2, 1000)) factor.levels = int(*v);
        if (grid && design_ok && factor.levels == 0 && spec_.levels == 0) {
            r_.error(item, "a grid needs levels for '" + spec.path + "': set design.levels, or levels or values here");
            ok = false;
        }
        return ok;
    }

    void outputs(const Entry& e) {
        for (const Entry& item : r_.items(e)) {
            auto f = r_.fields(item, kOutputKeys);
            if (!item.node.IsMap()) continue;
            OutputSpec out;
            if (spec_reader::read_output(r_, item, f, bases_, true, out)) spec_.outputs.push_back(out);
        }
    }

    void check_size(const Entry& design) {
        double per_scenario = 1;
        const double k = double(spec_.factors.size());
        switch (spec_.method) {
        case DesignMethod::grid:
            for (const Factor& f : spec_.factors)
                per_scenario *= f.values.empty() ? (f.levels ? f.levels : spec_.levels) : double(f.values.size());
            break;
        case DesignMethod::lhs: per_scenario = spec_.samples; break;
        case DesignMethod::morris: per_scenario = spec_.trajectories * (k + 1); break;
        case DesignMethod::sobol: per_scenario = spec_.samples * (k + 2); break;
        }
        const double runs = per_scenario * double(spec_.scenario_files.size()) * spec_.replicates;
        if (runs > kMaxPoints)
            r_.error(design, fmt::format("the sweep has {:.0f} runs; at most {:.0f} are allowed", runs, kMaxPoints));
    }

    static std::string format_value(double v) { return fmt::format("{}", v); }
};

}  // namespace

double Factor::value_at(double u) const {
    if (!values.empty()) return values[std::size_t(std::lround(u * double(values.size() - 1)))];
    const double v = lo + u * (hi - lo);
    return integer ? std::round(v) : v;
}

std::string OutputSpec::name() const {
    if (of_cohort()) return fmt::format("{}:{}:{}:{}:{}", metric, origin, cohort, region, year);
    return metric + ":" + region + ":" + std::to_string(year);
}

std::string_view method_name(DesignMethod method) { return kMethods[std::size_t(method)]; }

Sweep load_sweep(const std::string& path) {
    Sweep sweep;
    sweep.spec.file = fs::absolute(path).lexically_normal().string();
    sweep.spec.name = fs::path(path).stem().string();
    spec_reader::read_spec_file(path, "a sweep file", kTopKeys, [&](Reader& reader, const Entry& root) {
        SweepLoader(reader, sweep.spec, sweep.bases).load(root);
    });
    return sweep;
}

}  // namespace swsim
