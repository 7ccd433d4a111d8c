// Loading a calibration file: every key is checked (unknown keys with "did you mean", types,
// ranges, parameters against the scenario schema, targets against the output columns, the region
// data and the calibration's horizon), and all problems are thrown at once, located like a
// scenario's. Read by the one strict YAML reader (input/yaml.hpp), as scenario and sweep files are.

#include "swsim/calibrate/calibration.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <limits>
#include <set>

#include <fmt/format.h>

#include "swsim/input/yaml.hpp"
#include "swsim/scenario/load.hpp"
#include "swsim/scenario/schema.hpp"

#include "../sweep/reader.hpp"

namespace swsim {
namespace fs = std::filesystem;
using input::did_you_mean;
using input::shown;
using input::Site;
using spec_reader::Entry;
using spec_reader::Reader;

namespace {

const std::vector<std::string> kTopKeys = {"name", "scenario", "overrides", "parameters", "targets",
                                           "method", "ensemble", "seed"};
const std::vector<std::string> kParameterKeys = {"key", "range", "scale"};
const std::vector<std::string> kTargetKeys = {"metric", "region", "year", "origin", "cohort", "observed",
                                              "sd", "relative_sd", "discrepancy", "source", "fit"};
const std::vector<std::string> kMethodKeys = {"name", "points", "waves", "replicates", "cutoff",
                                              "implausibility", "discrepancy", "stop_ruled_out_share"};
const std::vector<std::string> kEnsembleKeys = {"members", "replicates"};
const std::vector<std::string> kMethods = {"history_matching"};
const std::vector<std::string> kRanks = {"max", "second_max", "third_max"};
constexpr int kLastFitYear = 2019;  // FACTS.md: the calibration window is 2015-2019
constexpr double kMaxRuns = 1e7;

class CalibrationLoader {
public:
    CalibrationLoader(Reader& r, Calibration& cal) : r_(r), cal_(cal), spec_(cal.spec) {}

    void load(const Entry& root) {
        auto f = r_.fields(root, kTopKeys);
        const auto get = [&](const std::string& name) -> const Entry* {
            auto it = f.find(name);
            return it == f.end() ? nullptr : &it->second;
        };
        if (auto e = get("name"))
            if (auto v = r_.text(*e)) spec_.name = *v;
        if (auto e = get("seed")) {
            if (auto v = r_.whole(*e, 0, std::numeric_limits<long long>::max())) spec_.seed = std::uint64_t(*v);
        } else {
            r_.missing(root, "seed", " (the calibration's random seed, a whole number)");
        }
        if (auto e = get("method")) method(*e);
        else r_.missing(root, "method", " (name: history_matching, with its settings)");
        if (auto e = get("ensemble")) ensemble(*e);
        bool base_ok = false;
        if (auto e = get("scenario")) base_ok = scenario(*e, get("overrides"));
        else r_.missing(root, "scenario", " (the base scenario file)");
        if (auto e = get("parameters")) parameters(*e);
        else r_.missing(root, "parameters", " (a list of {key: ..., range: [lo, hi]})");
        if (auto e = get("targets")) {
            if (base_ok) targets(*e);
        } else {
            r_.missing(root, "targets", " (a list of {metric, region, year, observed, sd or relative_sd, source})");
        }
        if (r_.out.empty()) check_size(root);
    }

private:
    Reader& r_;
    Calibration& cal_;
    CalibrationSpec& spec_;

    bool scenario(const Entry& e, const Entry* overrides) {
        std::vector<Inputs> bases;
        const std::size_t before = r_.out.size();
        const auto files = spec_reader::read_scenarios(r_, e, bases);
        if (files.size() != 1 || bases.size() != 1) {
            if (r_.out.size() == before) r_.error(e, "expected one scenario file, got " + shown(e.node));
            return false;
        }
        spec_.scenario_file = files.front();
        cal_.base = std::move(bases.front());
        return overrides == nullptr || apply_overrides(*overrides);
    }

    // Scenario keys set for the calibration runs (e.g. simulation.scale, simulation.end), each
    // checked like a scenario line, then the rules between keys.
    bool apply_overrides(const Entry& e) {
        if (!e.node.IsMap()) {
            r_.error(e, "expected a map of scenario keys to values (e.g. simulation.scale: 0.1), got " + shown(e.node));
            return false;
        }
        Scenario& sc = cal_.base.scenario;
        bool ok = true;
        Entry first{};
        for (const auto& kv : e.node) {
            const std::string key = kv.first.IsScalar() ? kv.first.Scalar() : std::string();
            const Entry at{kv.second, Site{e.site.file, e.site.dir, kv.first.Mark()}, "overrides." + key};
            if (first.key.empty()) first = at;
            if (!find_key(key)) {
                std::vector<std::string> all;
                for (const auto& k : scenario_schema()) all.push_back(k.path);
                r_.error(at, kv.first, "unknown scenario key '" + key + "'" + did_you_mean(key, all));
                ok = false;
                continue;
            }
            try {
                set_by_path(sc, key, YAML::Dump(kv.second), e.site.dir.string());
            } catch (const ScenarioError& err) {
                for (const Diagnostic& d : err.diagnostics()) r_.error(at, d.message);
                ok = false;
            }
        }
        if (!ok) return false;
        for (const Diagnostic& d : check_scenario(sc)) {
            r_.error(first, "with the overrides, the scenario breaks a rule: " + d.key + ": " + d.message);
            ok = false;
        }
        return ok;
    }

    void method(const Entry& e) {
        auto f = r_.fields(e, kMethodKeys);
        if (!e.node.IsMap()) return;
        HistoryMatching& m = spec_.method;
        if (!f.count("name")) {
            r_.error(e, "missing required key 'name' (history_matching)");
        } else if (auto v = r_.text(f.at("name")); v && *v != "history_matching") {
            r_.error(f.at("name"), "'" + *v + "' is not a calibration method" + did_you_mean(*v, kMethods));
        }
        const auto whole = [&](const char* key, long long lo, long long hi, int& into) {
            if (f.count(key))
                if (auto v = r_.whole(f.at(key), lo, hi)) into = int(*v);
        };
        whole("points", 10, 1000000, m.points);
        whole("waves", 1, 50, m.waves);
        if (f.count("replicates")) {
            const Entry& at = f.at("replicates");
            if (auto v = r_.whole(at, 1, 1000)) {
                if (*v < 2) r_.error(at, "2 or more replicates per point are needed: var_run is their variance");
                else m.replicates = int(*v);
            }
        }
        share("cutoff", f, m.cutoff, 0.5, 10, false);
        share("discrepancy", f, m.discrepancy, 0, 1, true);
        share("stop_ruled_out_share", f, m.stop_ruled_out_share, 0, 1, true);
        if (f.count("implausibility")) {
            std::vector<ImplausibilityRank> ranks;
            for (const Entry& item : r_.items(f.at("implausibility"), true))
                if (auto v = r_.text(item)) {
                    const auto it = std::find(kRanks.begin(), kRanks.end(), *v);
                    if (it == kRanks.end())
                        r_.error(item, "'" + *v + "' is not an implausibility measure" + did_you_mean(*v, kRanks));
                    else
                        ranks.push_back(ImplausibilityRank(int(it - kRanks.begin()) + 1));
                }
            if (!ranks.empty()) m.ranks = ranks;
            if (int(ranks.size()) > m.waves)
                r_.error(f.at("implausibility"), fmt::format("{} measures for at most {} wave(s): the last wave must "
                                                             "use the last measure (set method.waves to {} or more)",
                                                             ranks.size(), m.waves, ranks.size()));
        }
    }

    // A number in [lo, hi] (lo itself allowed when lo_ok).
    void share(const char* key, const std::map<std::string, Entry>& f, double& into, double lo, double hi, bool lo_ok) {
        if (!f.count(key)) return;
        const auto v = r_.number(f.at(key));
        if (!v) return;
        if ((lo_ok ? *v < lo : *v <= lo) || *v > hi) {
            r_.error(f.at(key), fmt::format("{} is out of range: must be {}{} to {}", *v, lo_ok ? "" : "above ", lo, hi));
            return;
        }
        into = *v;
    }

    void ensemble(const Entry& e) {
        auto f = r_.fields(e, kEnsembleKeys);
        if (f.count("members"))
            if (auto v = r_.whole(f.at("members"), 1, 100000)) spec_.ensemble.members = int(*v);
        if (f.count("replicates"))
            if (auto v = r_.whole(f.at("replicates"), 1, 1000)) spec_.ensemble.replicates = int(*v);
    }

    void parameters(const Entry& e) {
        std::set<std::string> keys;
        for (const Entry& item : r_.items(e)) {
            auto f = r_.fields(item, kParameterKeys);
            if (!item.node.IsMap()) continue;
            if (!f.count("key")) {
                r_.error(item, "missing required key 'key' (a scenario key path)");
                continue;
            }
            const Entry& key = f.at("key");
            const KeySpec* spec = spec_reader::read_numeric_key(r_, key, "; a calibration varies numeric keys only");
            if (!spec) continue;
            if (!keys.insert(spec->path).second) {
                r_.error(key, "'" + spec->path + "' is calibrated twice");
                continue;
            }
            bool scale = false;
            if (f.count("scale") && (!f.at("scale").node.IsScalar() || !YAML::convert<bool>::decode(f.at("scale").node, scale))) {
                r_.error(f.at("scale"), "expected true or false, got " + shown(f.at("scale").node));
                continue;
            }
            Factor factor{scale ? spec->path + std::string(kScaleSuffix) : spec->path,
                          spec->type == KeyType::integer && !scale, 0, 0, {}, 0, key.site.key_mark.line + 1,
                          key.site.key_mark.column + 1};
            if (scale) {
                // A multiplier on the key's value (a series keeps its shape): its range is required.
                const auto list = f.count("range") ? r_.items(f.at("range")) : std::vector<Entry>{};
                if (!f.count("range")) {
                    r_.error(item, "scale: true needs range: [lo, hi], the multiplier's range (e.g. [0.7, 1.5])");
                    continue;
                }
                if (list.size() != 2) {
                    if (!list.empty()) r_.error(f.at("range"), fmt::format("expected [lo, hi], got {} values", list.size()));
                    continue;
                }
                const auto lo = r_.number(list[0]), hi = r_.number(list[1]);
                if (!lo || !hi) continue;
                if (!(*lo > 0) || *lo >= *hi || *hi > 100) {
                    r_.error(f.at("range"), fmt::format("a multiplier's range must have 0 < lo < hi <= 100, got [{}, {}]", *lo, *hi));
                    continue;
                }
                factor.lo = *lo, factor.hi = *hi;
                spec_.parameters.push_back(std::move(factor));
                continue;
            }
            if (f.count("range")) {
                const auto list = r_.items(f.at("range"));
                if (list.size() != 2) {
                    if (!list.empty()) r_.error(f.at("range"), fmt::format("expected [lo, hi], got {} values", list.size()));
                    continue;
                }
                const auto lo = r_.number(list[0]), hi = r_.number(list[1]);
                bool ok = lo && hi;
                for (std::size_t i = 0; ok && i < 2; ++i)
                    if (const double v = i ? *hi : *lo; !spec_reader::valid_value(*spec, v)) {
                        r_.error(list[i], fmt::format("{} is not a valid value of {}: must be {}", v, spec->path,
                                                      valid_text(*spec)));
                        ok = false;
                    }
                if (ok && *lo >= *hi) {
                    r_.error(f.at("range"), fmt::format("lo ({}) must be below hi ({})", *lo, *hi));
                    ok = false;
                }
                if (!ok) continue;
                factor.lo = *lo, factor.hi = *hi;
            } else if (spec->sweep) {
                factor.lo = spec->sweep->lo, factor.hi = spec->sweep->hi;
            } else {
                r_.error(item, "'" + spec->path + "' has no sweep range in the schema: give range: [lo, hi]");
                continue;
            }
            spec_.parameters.push_back(std::move(factor));
        }
    }

    void targets(const Entry& e) {
        std::set<std::string> names;
        const std::vector<Inputs> bases{cal_.base};
        for (const Entry& item : r_.items(e)) {
            auto f = r_.fields(item, kTargetKeys);
            if (!item.node.IsMap()) continue;
            Target t;
            t.line = int(item.node.Mark().line) + 1;
            t.col = int(item.node.Mark().column) + 1;
            bool ok = spec_reader::read_output(r_, item, f, bases, true, t.output);
            if (!f.count("observed")) {
                r_.error(item, "missing required key 'observed' (the observed value)");
                ok = false;
            } else if (auto v = r_.number(f.at("observed"))) {
                t.observed = *v;
            } else {
                ok = false;
            }
            const bool sd = f.count("sd") > 0, relative = f.count("relative_sd") > 0;
            if (sd == relative) {
                r_.error(sd ? f.at("relative_sd") : item,
                         sd ? "give either sd or relative_sd, not both"
                            : "missing the observation's uncertainty: give sd (in the metric's unit) or relative_sd "
                              "(a share of the observed value)");
                ok = false;
            } else if (auto v = r_.number(f.at(sd ? "sd" : "relative_sd"))) {
                const double s = sd ? *v : *v * std::fabs(t.observed);
                if (!(s > 0)) {
                    r_.error(f.at(sd ? "sd" : "relative_sd"),
                             fmt::format("the uncertainty must be above 0 (got {}{}): a figure known exactly would rule "
                                         "out every run",
                                         *v, sd ? "" : fmt::format(", {} of observed {}", s, t.observed)));
                    ok = false;
                }
                t.sd = s;
            } else {
                ok = false;
            }
            t.discrepancy = spec_.method.discrepancy;
            if (f.count("discrepancy")) {
                const auto v = r_.number(f.at("discrepancy"));
                if (v && (*v < 0 || *v > 1)) {
                    r_.error(f.at("discrepancy"), fmt::format("{} is out of range: must be 0 to 1 (a share)", *v));
                    ok = false;
                } else if (v) {
                    t.discrepancy = *v;
                } else {
                    ok = false;
                }
            }
            if (!f.count("source")) {
                r_.error(item, "missing required key 'source' (the figure's label and source in FACTS.md, e.g. "
                               "\"[S] Wsw population 2015\")");
                ok = false;
            } else if (auto v = r_.text(f.at("source"))) {
                t.source = *v;
            } else {
                ok = false;
            }
            if (f.count("fit")) {
                bool b = true;
                if (!f.at("fit").node.IsScalar() || !YAML::convert<bool>::decode(f.at("fit").node, b)) {
                    r_.error(f.at("fit"), "expected true or false, got " + shown(f.at("fit").node));
                    ok = false;
                }
                t.fit = b;
            }
            if (ok && t.fit && t.output.year > kLastFitYear) {
                r_.error(f.at("year"), fmt::format("{} is after the calibration window 2015-{}: later figures are for "
                                                   "validation only (set fit: false)",
                                                   t.output.year, kLastFitYear));
                ok = false;
            }
            if (ok && !names.insert(t.name()).second) {
                r_.error(item, "target " + t.name() + " is given twice");
                ok = false;
            }
            if (ok) spec_.targets.push_back(std::move(t));
        }
        const auto fitted = std::count_if(spec_.targets.begin(), spec_.targets.end(), [](const Target& t) { return t.fit; });
        if (r_.out.empty() && fitted == 0) r_.error(e, "no target is fitted (every target has fit: false)");
        for (const ImplausibilityRank rank : spec_.method.ranks)
            if (r_.out.empty() && fitted < int(rank)) {
                r_.error(e, fmt::format("implausibility: {} needs {} or more fitted targets", rank_name(rank), int(rank)));
                break;
            }
    }

    void check_size(const Entry& root) {
        const double runs = double(spec_.method.points) * spec_.method.replicates * spec_.method.waves +
                            double(spec_.ensemble.members) * spec_.ensemble.replicates;
        if (runs > kMaxRuns)
            r_.error(root, fmt::format("the calibration has up to {:.0f} runs; at most {:.0f} are allowed", runs, kMaxRuns));
    }
};

}  // namespace

std::string_view rank_name(ImplausibilityRank rank) { return kRanks[std::size_t(rank) - 1]; }

Calibration load_calibration(const std::string& path) {
    Calibration cal;
    cal.spec.file = fs::absolute(path).lexically_normal().string();
    cal.spec.name = fs::path(path).stem().string();
    spec_reader::read_spec_file(path, "a calibration file", kTopKeys,
                                [&](Reader& reader, const Entry& root) { CalibrationLoader(reader, cal).load(root); });
    return cal;
}

}  // namespace swsim
