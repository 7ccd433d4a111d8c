// The 35 arbeidsmarktregio's, their SW-bedrijven and the commuting weights between them.
// Loaded from three CSV files (scenarios/data/); every data problem is reported with its file and
// line. The Boost.Graph region graph stays inside sim/region/: the model sees only plain
// vectors (RegionData::commuting and RegionData::neighbours).
#pragma once

#include <string>
#include <vector>

#include "swsim/core/ids.hpp"
#include "swsim/scenario/scenario.hpp"

namespace swsim {

struct Region {
    int id = 0;                 // 1..35, UWV Besluit werkgebieden 2015 order
    std::string cbs_code;       // AM01 ... AM38
    std::string name;
    double population_total = 0;
    double population_15_64 = 0;
    double population_15plus = 0;
    double bijstand_persons = 0;        // 2015, 15+
    double wsw_persons_2015 = 0;        // CBS year-end 2015
    double wsw_persons_2016 = 0;        // CBS year-end 2016 (calibration target)
    double bijstand_persons_2016 = 0;
};

struct Company {
    std::string name;
    std::vector<RegionIndex> regions;   // indices into RegionData::regions
    std::string size_figure;            // as given in the data (may be empty)
};

enum class BorderType { land, river, fixed_link, water };

struct Border {
    RegionIndex a = 0;
    RegionIndex b = 0;
    BorderType type = BorderType::land;
};

struct RegionData {
    std::vector<Region> regions;        // in file order (id order)
    std::vector<Company> companies;
    std::vector<Border> borders;
    // commuting[a * n + b]: weight of a job in region b for a person living in region a.
    // Symmetric, 1 on the diagonal, 0 beyond CommutingParams::max_hops.
    std::vector<double> commuting;
    // Per region, the other regions with a positive commuting weight, sorted by region index.
    std::vector<std::vector<std::pair<RegionIndex, double>>> neighbours;
    // Hop distance on the adjacency graph (shortest path), hops[a * n + b].
    std::vector<int> hops;

    std::size_t size() const { return regions.size(); }
    double weight(RegionIndex a, RegionIndex b) const { return commuting[a * regions.size() + b]; }
    // Index of a CBS code or name; -1 if unknown.
    int find(const std::string& code_or_name) const;
};

// Loads and checks the three files. Throws ScenarioError carrying every problem found
// (file:line:col: error: column: message): missing or unreadable files, wrong headers, bad
// numbers, duplicate ids/codes/names, not exactly 35 regions, adjacency names that do not exist,
// self-loops, duplicate pairs, unknown border types, a disconnected graph, companies naming
// unknown regions.
RegionData load_region_data(const RegionFiles& files);

}  // namespace swsim
