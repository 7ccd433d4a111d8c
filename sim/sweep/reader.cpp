// The checks sweep and calibration files share (reader.hpp).

#include "reader.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <limits>
#include <set>
#include <tuple>

#include <fmt/format.h>

#include "swsim/core/ids.hpp"
#include "swsim/input/file.hpp"
#include "swsim/output/columns.hpp"
#include "swsim/output/tables.hpp"
#include "swsim/run/cohorts.hpp"

namespace swsim::spec_reader {
namespace fs = std::filesystem;
using input::diagnostic_at;
using input::did_you_mean;
using input::shown;
using input::Site;

void Reader::error(const Entry& e, const YAML::Node& at, std::string message) {
    out.push_back(diagnostic_at(e.site, at, e.key, std::move(message)));
}

void Reader::missing(const Entry& root, const std::string& name, const std::string& hint) {
    out.push_back(Diagnostic{root.site.file, 1, 1, name, "missing required key '" + name + "'" + hint});
}

std::map<std::string, Entry> Reader::fields(const Entry& map, const std::vector<std::string>& allowed) {
    std::map<std::string, Entry> found;
    if (!map.node.IsMap()) {
        error(map, "expected a map of keys (" + join(allowed) + "), got " + shown(map.node));
        return found;
    }
    for (const auto& kv : map.node) {
        const std::string name = kv.first.IsScalar() ? kv.first.Scalar() : std::string();
        const Entry e{kv.second, Site{map.site.file, map.site.dir, kv.first.Mark()},
                      map.key.empty() ? name : map.key + "." + name};
        if (std::find(allowed.begin(), allowed.end(), name) == allowed.end())
            error(e, kv.first, "unknown key '" + name + "'" + did_you_mean(name, allowed));
        else if (!found.emplace(name, e).second)
            error(e, kv.first, "key given twice in the same map");
    }
    return found;
}

std::vector<Entry> Reader::items(const Entry& list, bool scalar_ok) {
    std::vector<Entry> found;
    if (scalar_ok && list.node.IsScalar()) return {list};
    if (!list.node.IsSequence() || list.node.size() == 0) {
        error(list, "expected a non-empty list, got " + shown(list.node));
        return found;
    }
    for (std::size_t i = 0; i < list.node.size(); ++i)
        found.push_back(Entry{list.node[i], list.site, fmt::format("{}[{}]", list.key, i)});
    return found;
}

std::optional<double> Reader::number(const Entry& e) {
    double v = 0;
    if (!e.node.IsScalar() || e.node.Tag() == "!" || !YAML::convert<double>::decode(e.node, v) || !std::isfinite(v)) {
        error(e, "expected a number, got " + shown(e.node));
        return std::nullopt;
    }
    return v;
}

std::optional<long long> Reader::whole(const Entry& e, long long lo, long long hi) {
    long long v = 0;
    if (!e.node.IsScalar() || e.node.Tag() == "!" || !YAML::convert<long long>::decode(e.node, v)) {
        error(e, "expected a whole number, got " + shown(e.node));
        return std::nullopt;
    }
    if (v < lo || v > hi) {
        error(e, fmt::format("{} is out of range: must be {} to {}", v, lo, hi));
        return std::nullopt;
    }
    return v;
}

std::optional<std::string> Reader::text(const Entry& e) {
    if (e.node.IsScalar() && !e.node.Scalar().empty()) return e.node.Scalar();
    error(e, "expected text, got " + shown(e.node));
    return std::nullopt;
}

std::string Reader::join(const std::vector<std::string>& names) {
    std::string s;
    for (const auto& n : names) s += (s.empty() ? "" : ", ") + n;
    return s;
}

void read_spec_file(const std::string& path, const std::string& kind, const std::vector<std::string>& top_keys,
                    const std::function<void(Reader&, const Entry& root)>& load) {
    const fs::path given(path);
    const std::string shown_name = given.lexically_normal().string();
    const fs::path absolute = fs::absolute(given).lexically_normal();
    const auto fail = [&](int line, int col, std::string message) {
        throw ScenarioError({Diagnostic{shown_name, line, col, "", std::move(message)}});
    };
    const input::YamlDocument doc = input::read_yaml_file(absolute, shown_name, kind);
    if (!doc.unreadable.empty()) fail(0, 0, "cannot read '" + shown_name + "': " + doc.unreadable);
    if (!doc.errors.empty()) throw ScenarioError(doc.errors);
    if (!doc.root.IsMap()) fail(1, 1, kind + " is a map of keys (" + Reader::join(top_keys) + ")");
    Reader reader;
    load(reader, Entry{doc.root, Site{shown_name, absolute.parent_path(), doc.root.Mark()}, ""});
    if (reader.out.empty()) return;
    std::stable_sort(reader.out.begin(), reader.out.end(), [&](const Diagnostic& a, const Diagnostic& b) {
        return std::make_tuple(a.file != shown_name, a.file, a.line, a.col) <
               std::make_tuple(b.file != shown_name, b.file, b.line, b.col);
    });
    throw ScenarioError(std::move(reader.out));
}

bool numeric(KeyType t) {
    return t == KeyType::number || t == KeyType::integer || t == KeyType::year_series || t == KeyType::inflow_rate;
}

bool valid_value(const KeySpec& key, double v) {
    const auto& r = key.valid;
    return (r.min_exclusive ? v > r.min : v >= r.min) && v <= r.max &&
           (key.type != KeyType::integer || v == std::round(v));
}

std::vector<std::string> read_scenarios(Reader& r, const Entry& e, std::vector<Inputs>& bases) {
    std::vector<std::string> files;
    std::set<std::string> names;
    for (const Entry& item : r.items(e, true)) {
        const auto file = r.text(item);
        if (!file) continue;
        const fs::path path = (item.site.dir / *file).lexically_normal();
        if (const std::string why = input_file_problem(path); !why.empty()) {
            r.error(item, why == "file not found" ? "no scenario file at " + path.string()
                                                  : "cannot read the scenario file " + path.string() + ": " + why);
            continue;
        }
        try {
            Inputs in = load_inputs(path.string());
            if (!names.insert(in.scenario.simulation.name).second)
                r.error(item, "two base scenarios are both named '" + in.scenario.simulation.name +
                                  "' (set simulation.name to tell them apart)");
            files.push_back(path.string());
            bases.push_back(std::move(in));
        } catch (const ScenarioError& err) {
            r.error(item, "the scenario " + *file + " does not load (its errors follow)");
            r.out.insert(r.out.end(), err.diagnostics().begin(), err.diagnostics().end());
        } catch (const InputError& err) {
            r.error(item, err.what());
        }
    }
    return files;
}

const KeySpec* read_numeric_key(Reader& r, const Entry& key, const std::string& hint_for_other_types) {
    const auto path = r.text(key);
    if (!path) return nullptr;
    const KeySpec* spec = find_key(*path);
    if (!spec) {
        std::vector<std::string> all;
        for (const auto& k : scenario_schema()) all.push_back(k.path);
        r.error(key, "unknown scenario key '" + *path + "'" + did_you_mean(*path, all));
        return nullptr;
    }
    if (!numeric(spec->type)) {
        r.error(key, "'" + *path + "' is not a numeric key (its type: " + type_name(spec->type) + ")" +
                         hint_for_other_types);
        return nullptr;
    }
    return spec;
}

namespace {

bool read_region(Reader& r, const Entry& e, const std::string& code, const std::vector<Inputs>& bases) {
    if (code == "NL") return true;
    for (const Inputs& b : bases) {
        std::vector<std::string> codes{"NL"};
        for (const auto& reg : b.regions.regions) codes.push_back(reg.cbs_code);
        if (std::find(codes.begin(), codes.end(), code) == codes.end()) {
            r.error(e, "'" + code + "' is not a region of scenario " + b.scenario.simulation.name +
                           " (a CBS code AMxx, or NL)" + did_you_mean(code, codes));
            return false;
        }
    }
    return true;
}

}  // namespace

bool read_output(Reader& r, const Entry& item, const std::map<std::string, Entry>& f,
                 const std::vector<Inputs>& bases, bool cohorts, OutputSpec& out) {
    bool ok = true;
    for (const std::string name : {"metric", "region", "year"})
        if (!f.count(name)) {
            r.error(item, "missing required key '" + name + "'");
            ok = false;
        }
    const bool of_cohort = cohorts && (f.count("origin") || f.count("cohort"));
    if (of_cohort)
        for (const std::string name : {"origin", "cohort"})
            if (!f.count(name)) {
                r.error(item, "missing required key '" + name + "' (a cohorts.csv metric needs origin and cohort)");
                ok = false;
            }
    if (!ok) return false;

    std::vector<std::string> metrics;
    if (of_cohort) {
        for (const CohortColumn& c : cohort_columns()) metrics.emplace_back(c.name);
    } else {
        metrics = yearly_columns();
        metrics.erase(metrics.begin(), metrics.begin() + 4);  // scenario, replicate, year, region
    }
    if (auto m = r.text(f.at("metric"))) {
        out.metric = *m;
        if (std::find(metrics.begin(), metrics.end(), *m) == metrics.end()) {
            std::string what = of_cohort ? "a metric of cohorts.csv" : "a column of yearly.csv";
            if (!of_cohort && cohorts) {
                for (const CohortColumn& c : cohort_columns())
                    if (*m == c.name) what += " (" + *m + " is a cohorts.csv metric: give origin and cohort)";
            }
            r.error(f.at("metric"), "'" + *m + "' is not " + what + did_you_mean(*m, metrics));
            ok = false;
        }
    } else {
        ok = false;
    }
    if (auto reg = r.text(f.at("region"))) {
        ok = read_region(r, f.at("region"), *reg, bases) && ok;
        out.region = *reg;
    } else {
        ok = false;
    }
    const auto year = r.whole(f.at("year"), 2000, 2100);
    if (year) {
        out.year = int(*year);
        for (const Inputs& b : bases) {
            const auto& sim = b.scenario.simulation;
            if (out.year < sim.start.year() || out.year > sim.end.year()) {
                r.error(f.at("year"), fmt::format("{} is outside the horizon {}-{} of scenario {}", out.year,
                                                  sim.start.year(), sim.end.year(), sim.name));
                ok = false;
            }
        }
    } else {
        ok = false;
    }
    if (of_cohort) {
        std::vector<std::string> origins(kOriginNames.begin(), kOriginNames.end());
        if (auto o = r.text(f.at("origin"))) {
            out.origin = *o;
            if (std::find(origins.begin(), origins.end(), *o) == origins.end()) {
                r.error(f.at("origin"), "'" + *o + "' is not an origin" + did_you_mean(*o, origins));
                ok = false;
            }
        } else {
            ok = false;
        }
        if (const auto c = r.whole(f.at("cohort"), 2000, 2100)) {
            out.cohort = int(*c);
            if (year) {
                const int after = out.year - out.cohort;
                if (std::find(kCohortYearsAfter.begin(), kCohortYearsAfter.end(), after) == kCohortYearsAfter.end()) {
                    r.error(f.at("cohort"),
                            fmt::format("cohort {} is measured at the end of years 1, 2, 3 and 5 after it; year {} is "
                                        "{} after it (cohorts.csv has years_after 1, 2, 3, 5)",
                                        out.cohort, out.year, after));
                    ok = false;
                }
                for (const Inputs& b : bases)
                    if (out.cohort < b.scenario.simulation.start.year() - 1) {
                        r.error(f.at("cohort"),
                                fmt::format("cohort {} is before the base population of scenario {} (cohort {}: the "
                                            "persons of the base month)",
                                            out.cohort, b.scenario.simulation.name,
                                            b.scenario.simulation.start.year() - 1));
                        ok = false;
                    }
            }
        } else {
            ok = false;
        }
    }
    return ok;
}

}  // namespace swsim::spec_reader
