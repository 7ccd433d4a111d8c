#include "swsim/run/inputs.hpp"

#include "swsim/core/error.hpp"
#include "swsim/scenario/load.hpp"

namespace swsim {

Inputs load_inputs(const std::string& scenario_path) {
    Inputs in{load_scenario(scenario_path), {}};
    in.regions = load_region_data(in.scenario.regions);
    std::vector<Diagnostic> problems;
    for (const auto& [code, mode] : in.scenario.policy.company.mode_by_region)
        if (in.regions.find(code) < 0)
            problems.push_back({in.scenario.source_file, 0, 0, "policy.company.mode_by_region." + code,
                                "unknown region code (not in " + in.scenario.regions.regions_csv + ")"});
    if (!problems.empty()) throw ScenarioError(std::move(problems));
    return in;
}

}  // namespace swsim
