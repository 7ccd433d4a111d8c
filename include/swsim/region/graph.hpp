// The region graph: regions are vertices, borders are edges. A job in another region counts with a
// commuting weight: the best path of at most max_hops borders, scored by the product of its border
// weights (by border type) times decay_per_extra_hop for every hop after the first.
// Boost.Graph does the work in sim/region/graph.cpp; this header shows only plain vectors, so a
// sweep over CommutingParams can recompute the weights without reloading the files.
#pragma once

#include <cstddef>
#include <vector>

#include "swsim/region/regions.hpp"
#include "swsim/scenario/scenario.hpp"

namespace swsim {

// Weight of one border of the given type.
double border_weight(BorderType type, const CommutingParams& params);

// Connected component of each of n regions linked by borders; components are numbered 0, 1, ...
// in the order of their lowest region index (region 0 is always in component 0).
std::vector<int> border_components(std::size_t n, const std::vector<Border>& borders);

// Fills data.hops, data.commuting and data.neighbours from data.regions.size() and data.borders.
// Exact (a bounded search over all paths of up to max_hops borders) and exactly symmetric.
// Expects border weights and the decay in [0, 1], so that no detour can beat its direct path.
void compute_commuting(RegionData& data, const CommutingParams& params);

}  // namespace swsim
