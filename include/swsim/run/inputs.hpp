// Everything a run reads from disk, loaded and cross-checked once, at the boundary: the scenario
// (with its extends chain) and the region data it names, plus the rules between the two (every
// region code in policy.company.mode_by_region must be a region of the data).
#pragma once

#include <string>

#include "swsim/region/regions.hpp"
#include "swsim/scenario/scenario.hpp"

namespace swsim {

struct Inputs {
    Scenario scenario;
    RegionData regions;
};

// Throws ScenarioError with every problem found.
Inputs load_inputs(const std::string& scenario_path);

}  // namespace swsim
