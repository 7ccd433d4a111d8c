// The 35 arbeidsmarktregio's, their 393 municipalities (2015), the SW-bedrijven those belonged
// to, and the commuting weights between the regions. Loaded from four CSV files (scenarios/data/, provenance in PROVENANCE.md); every data problem
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

// A municipality (gemeente) of 1 January 2015: where a person lives, who pays for its residents
// (municipalities.csv), and the member of one SW-bedrijf. Figures of CBS 83450NED (2015), summing
// exactly to the region's columns of regions_2015.csv (checked by the loader).
struct Municipality {
    std::string gm_code;          // GM0200
    std::string name;
    RegionIndex region = 0;       // its arbeidsmarktregio
    double population_15_64 = 0;
    double bijstand_persons = 0;  // 2015, 15+
    double wsw_persons = 0;       // year-end 2015
    CompanyIndex company = 0;     // the SW-bedrijf it belonged to in 2015
    char confidence = 'E';        // of that membership: S sourced, K widely cited/back-mapped, E assigned
};

// An SW-bedrijf (or the per-region placeholder for the members of companies the data do not name):
// the unit that chooses a mode and runs the functions. Its members are municipalities, which may lie
// in more than one region; its home region (the one of most of its 2015 Wsw residents) is where a
// region-wide setting (policy.company.mode_by_region) reaches it.
struct Company {
    std::string id;    // felua_lucrato, other_r11
    std::string name;
    RegionIndex home_region = 0;
    std::vector<MunicipalityIndex> members;  // in 2015, in municipality order
    bool placeholder = false;  // a per-region placeholder (id other_rNN): no source names the company
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
    std::vector<Municipality> municipalities;  // in file order (the region's municipalities need not be adjacent)
    std::vector<Company> companies;            // in order of first appearance in the membership file
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
    // Index of a municipality's GM code, or of a company's id, exactly; -1 if unknown.
    int find_municipality(const std::string& gm_code) const;
    int find_company(const std::string& id) const;
};

// Makes each region one municipality (code GMR + region id) and one company (id region_AMxx), with
// the region's own figures: the model as it was before municipalities, used where a scenario names
// no municipality files and by tests with hand-made regions.
void one_unit_per_region(RegionData& data);

// Loads and checks the files, then computes hops, commuting and neighbours
// (region/graph.hpp). Throws ScenarioError carrying every problem found
// (file:line:col: error: column: message): missing or unreadable files, missing columns, bad
// numbers, duplicate ids/codes/names, not exactly 35 regions, adjacency names that do not exist,
// self-loops, duplicate pairs, unknown border types or confidences, a disconnected graph,
// municipalities with bad codes, regions or figures, municipality figures that do not sum to their
// region's, membership rows naming unknown municipalities or leaving one out, a company id with two
// names, and CommutingParams out of range (weights and decay in [0, 1], max_hops >= 0). Without
// municipality files (both paths empty) each region is one municipality and one company
// (one_unit_per_region).
RegionData load_region_data(const RegionFiles& files);

}  // namespace swsim
