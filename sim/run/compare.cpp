#include "swsim/run/compare.hpp"

#include <algorithm>
#include <thread>

#include <fmt/format.h>

#include "swsim/core/error.hpp"
#include "swsim/scenario/load.hpp"

namespace swsim {

namespace {

const std::string& name_of(const Comparison& cmp, std::size_t s) { return cmp.inputs[s].scenario.simulation.name; }

// The ensemble of the comparison (--ensemble, else for compare the reference's simulation.ensemble)
// and every scenario with each member used set on it. Problems go to `problems`.
void load_members(const CompareOptions& opt, Comparison& cmp, std::vector<std::string>& problems) {
    const Scenario& ref = cmp.inputs.front().scenario;
    const bool from_key = opt.ensemble.empty() && opt.scenario_ensemble && !ref.simulation.ensemble.empty();
    const std::string file = from_key ? ref.simulation.ensemble : opt.ensemble;
    if (file.empty()) {
        if (opt.members)
            problems.push_back(format_diagnostic({"", 0, 0, "--members",
                                                  "needs an ensemble (--ensemble FILE, or the reference's "
                                                  "simulation.ensemble)"}));
        return;
    }
    if (cmp.independent)
        problems.push_back(format_diagnostic({file, 0, 0, "--independent",
                                              "an ensemble runs with common random numbers; leave out "
                                              "--independent or the ensemble"}));
    try {
        cmp.ensemble = load_ensemble(file);
    } catch (const ScenarioError& e) {
        for (const Diagnostic& d : e.diagnostics()) {
            if (!from_key) {
                problems.push_back(format_diagnostic(d));
                continue;
            }
            // Named by the scenario: at its key, with the ensemble file's own position in the message.
            std::string where = d.file;
            if (d.line > 0) where += ':' + std::to_string(d.line) + (d.col > 0 ? ':' + std::to_string(d.col) : "");
            problems.push_back(format_diagnostic(diagnostic_for_key(
                ref, "simulation.ensemble", "in " + where + ": " + (d.key.empty() ? "" : d.key + ": ") + d.message)));
        }
        return;
    }
    const std::size_t available = cmp.ensemble->members.size();
    const int wanted = opt.members.value_or(int(available));
    if (wanted < 1 || std::size_t(wanted) > available) {
        problems.push_back(format_diagnostic(
            {file, 0, 0, "--members",
             fmt::format("{} members asked for; the ensemble has {}: give 1 to {}", wanted, available, available)}));
        return;
    }
    cmp.members = std::uint32_t(wanted);
    for (const Inputs& in : cmp.inputs) {
        auto& per_member = cmp.member_scenarios.emplace_back();
        for (std::size_t m = 1; m <= cmp.members; ++m) {
            Scenario sc = in.scenario;
            try {
                apply_member(sc, *cmp.ensemble, m);
            } catch (const ScenarioError& e) {
                for (const Diagnostic& d : e.diagnostics()) problems.push_back(format_diagnostic(d));
            }
            per_member.push_back(std::move(sc));
        }
    }
}

}  // namespace

std::uint64_t independent_seed(std::uint64_t seed, std::size_t index) {
    if (index == 0) return seed;
    // splitmix64 of seed + index, cut to 53 bits.
    std::uint64_t z = seed + 0x9e3779b97f4a7c15ULL * index;
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return (z ^ (z >> 31)) >> 11;
}

Comparison load_comparison(const CompareOptions& opt) {
    Comparison cmp;
    cmp.independent = opt.independent;
    std::vector<std::string> problems;
    auto throw_problems = [&] {
        std::string all;
        for (const auto& p : problems) all += (all.empty() ? "" : "\n") + p;
        if (!all.empty()) throw InputError(all);
    };
    for (const auto& file : opt.files) {
        try {
            cmp.inputs.push_back(load_inputs(file, opt.sets));
        } catch (const InputError& e) {
            problems.emplace_back(e.what());
        }
    }
    throw_problems();
    if (!opt.reference.empty()) {
        // The reference goes first; the others keep their order.
        const auto it = std::find_if(cmp.inputs.begin(), cmp.inputs.end(), [&](const Inputs& in) {
            return in.scenario.simulation.name == opt.reference;
        });
        if (it == cmp.inputs.end()) {
            std::string names;
            for (const Inputs& in : cmp.inputs) names.append(names.empty() ? "" : ", ").append(in.scenario.simulation.name);
            problems.push_back("--reference: no scenario is named '" + opt.reference + "' (the scenarios are " + names + ")");
            throw_problems();
        }
        std::rotate(cmp.inputs.begin(), it, it + 1);
    }
    const Scenario& ref = cmp.inputs.front().scenario;
    // The years asked for, else the reference's headline_years (checked with its file).
    if (opt.years.empty()) cmp.years = ref.simulation.headline_years;
    for (const int year : opt.years) {
        const Month start = ref.simulation.start, end = ref.simulation.end;
        if (year < start.year() || year > end.year() || (year == end.year() && end.month() != 12))
            problems.push_back(fmt::format("--years: {} is not a full year of the run ({} .. {})", year,
                                           to_string(start), to_string(end)));
        else if (std::find(cmp.years.begin(), cmp.years.end(), year) == cmp.years.end())
            cmp.years.push_back(year);
    }
    std::sort(cmp.years.begin(), cmp.years.end());
    const std::uint64_t seed = opt.seed.value_or(ref.simulation.seed);
    cmp.replications = static_cast<std::uint32_t>(opt.replications.value_or(ref.simulation.replications));
    auto codes = [](const RegionData& rd) {
        std::vector<std::string> c;
        for (const auto& r : rd.regions) c.push_back(r.cbs_code);
        return c;
    };
    for (std::size_t s = 0; s < cmp.inputs.size(); ++s) {
        auto& sc = cmp.inputs[s].scenario;
        sc.simulation.seed = cmp.independent ? independent_seed(seed, s) : seed;
        sc.simulation.replications = static_cast<int>(cmp.replications);
        auto problem = [&](const std::string& key, const std::string& message) {
            problems.push_back(format_diagnostic({sc.source_file, 0, 0, key, message}));
        };
        for (std::size_t t = 0; t < s; ++t)
            if (name_of(cmp, t) == sc.simulation.name)
                problem("simulation.name", "'" + sc.simulation.name + "' is also the name of " +
                                               cmp.inputs[t].scenario.source_file + "; names must differ");
        if (s == 0) continue;
        if (sc.simulation.start != ref.simulation.start || sc.simulation.end != ref.simulation.end)
            problem("simulation", "the horizon " + to_string(sc.simulation.start) + " .. " +
                                      to_string(sc.simulation.end) + " differs from the reference's (" +
                                      to_string(ref.simulation.start) + " .. " + to_string(ref.simulation.end) + ")");
        if (codes(cmp.inputs[s].regions) != codes(cmp.inputs.front().regions))
            problem("regions", "the regions differ from the reference's (" + ref.regions.regions_csv + ")");
    }
    load_members(opt, cmp, problems);
    // Every run's results stay in memory until the tables are written, and each run under way holds
    // its persons: refuse now, not hours later. Runs under way: at most one per core.
    if (const auto d = result_memory_problem(cmp.inputs, cmp.replications, opt.replications.has_value(),
                                             result_memory_budget(), std::thread::hardware_concurrency(),
                                             std::max<std::uint32_t>(1, cmp.members)))
        problems.push_back(format_diagnostic(*d));
    throw_problems();
    std::string name = "compare";
    for (std::size_t s = 0; s < cmp.inputs.size(); ++s) name += (s ? "-vs-" : "-") + name_of(cmp, s);
    cmp.out = opt.out.empty() ? std::filesystem::path("output") / name : std::filesystem::path(opt.out);
    return cmp;
}

std::optional<std::vector<RunResult>> run_comparison(const Comparison& cmp, const RunControl& control) {
    std::vector<RunSpec> specs;
    specs.reserve(cmp.runs());
    for (std::size_t s = 0; s < cmp.inputs.size(); ++s) {
        const Inputs& in = cmp.inputs[s];
        for (std::uint32_t k = 0; k < cmp.runs_per_scenario(); ++k) {
            // Replicate number k = (m - 1) R + r: the same in every scenario for one (member, replicate).
            const Scenario* sc = cmp.members ? &cmp.member_scenarios[s][cmp.member_of(k) - 1] : &in.scenario;
            specs.push_back({sc, &in.regions, k});
        }
    }
    return run_all(specs, control);
}

}  // namespace swsim
