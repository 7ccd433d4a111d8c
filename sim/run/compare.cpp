#include "swsim/run/compare.hpp"

#include <thread>

#include "swsim/core/error.hpp"
#include "swsim/scenario/load.hpp"

namespace swsim {

namespace {

const std::string& name_of(const Comparison& cmp, std::size_t s) { return cmp.inputs[s].scenario.simulation.name; }

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
            cmp.inputs.push_back(load_inputs(file));
        } catch (const InputError& e) {
            problems.emplace_back(e.what());
        }
    }
    throw_problems();
    const Scenario& ref = cmp.inputs.front().scenario;
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
    // Every run's results stay in memory until the tables are written, and each run under way holds
    // its persons: refuse now, not hours later. Runs under way: at most one per core.
    if (const auto d = result_memory_problem(cmp.inputs, cmp.replications, opt.replications.has_value(),
                                             result_memory_budget(), std::thread::hardware_concurrency()))
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
    for (const Inputs& in : cmp.inputs)
        for (std::uint32_t r = 0; r < cmp.replications; ++r) specs.push_back({&in.scenario, &in.regions, r});
    return run_all(specs, control);
}

}  // namespace swsim
