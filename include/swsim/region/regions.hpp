// The 35 arbeidsmarktregio's, their SW-bedrijven and the commuting weights between them.
// Loaded from three CSV files (scenarios/data/, provenance in PROVENANCE.md); every data problem
// is reported with its file, line and column. The Boost.Graph region graph stays inside
// sim/region/: the model sees only plain vectors (RegionData::commuting, RegionData::neighbours).
#pragma once

#include <array>
#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "swsim/core/ids.hpp"
#include "swsim/scenario/scenario.hpp"

namespace swsim {

inline constexpr std::size_t kRegionCount = 35;  // arbeidsmarktregio's 2015

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
    // false for the company the loader adds to a region without a row in sw_companies.csv
    // (the list is incomplete): one company of the region's Wsw size.
    bool from_data = true;
};

// Kind of border between two regions; each kind has its own commuting weight (CommutingParams).
enum class BorderType { land, river, fixed_link, water };
inline constexpr std::array<std::string_view, 4> kBorderTypeNames = {"land", "river", "fixed_link", "water"};
constexpr std::string_view name(BorderType t) { return kBorderTypeNames[static_cast<int>(t)]; }

// How sure the geography behind a border is ([E] data); informative only.
enum class BorderConfidence { high, medium, low };
inline constexpr std::array<std::string_view, 3> kBorderConfidenceNames = {"high", "medium", "low"};

struct Border {
    RegionIndex a = 0;
    RegionIndex b = 0;
    BorderType type = BorderType::land;
    BorderConfidence confidence = BorderConfidence::high;
};

struct RegionData {
    std::vector<Region> regions;        // in id order: index = id - 1
    std::vector<Company> companies;     // file rows first, then one per region without a row
    std::vector<Border> borders;
    // commuting[a * n + b]: weight of a job in region b for a person living in region a.
    // Symmetric, 1 on the diagonal, 0 beyond CommutingParams::max_hops.
    std::vector<double> commuting;
    // Per region, the other regions with a positive commuting weight, sorted by region index.
    std::vector<std::vector<std::pair<RegionIndex, double>>> neighbours;
    // Hop distance on the adjacency graph (shortest path), hops[a * n + b]; -1 if unreachable
    // (never after load_region_data, which refuses a disconnected graph).
    std::vector<int> hops;

    std::size_t size() const { return regions.size(); }
    double weight(RegionIndex a, RegionIndex b) const { return commuting[a * regions.size() + b]; }
    // Index of a CBS code (AM01) or region name, ignoring case; -1 if unknown.
    int find(const std::string& code_or_name) const;
};

// Loads and checks the three files, then computes hops, commuting and neighbours
// (region/graph.hpp). Throws ScenarioError carrying every problem found
// (file:line:col: error: column: message): missing or unreadable files, missing columns, bad
// numbers, duplicate ids/codes/names, not exactly 35 regions, adjacency names that do not exist,
// self-loops, duplicate pairs, unknown border types or confidences, a disconnected graph,
// companies naming unknown regions or names that do not match their ids, and CommutingParams
// out of range (weights and decay in [0, 1], max_hops >= 0).
RegionData load_region_data(const RegionFiles& files);

}  // namespace swsim
