// Outcomes by origin cohort: of the persons who entered one origin group in one year and region,
// how many are in each kind of work, have ever been placed and are still in the model at the end
// of the 1st, 2nd, 3rd and 5th calendar year after. The persons of the base month (the stock) form
// the cohort of the year before the start (2014 for a start in January 2015: the situation at the
// end of 2014); a person entering by inflow belongs to the cohort of its entry year. A run counts
// them once a year, in December's scan of the persons, never month by month: a person's cohort
// follows from its id (ids are handed out in increasing order) and a table of each year's first id.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "swsim/engine/state.hpp"

namespace swsim {

// The calendar years after its cohort year at whose end a cohort is measured.
inline constexpr std::array<int, 4> kCohortYearsAfter = {1, 2, 3, 5};

// The kinds of work of a cohort's shares; in work is their sum.
enum class WorkKind : std::uint8_t { regular, regular_lks, detached, beschut, wsw };
inline constexpr int kWorkKindCount = 5;

// The kind of work of a status, or -1 when the status is not work (training, seeking, dagbesteding).
constexpr int work_kind(Status s) {
    switch (s) {
        case Status::regular: return static_cast<int>(WorkKind::regular);
        case Status::regular_lks: return static_cast<int>(WorkKind::regular_lks);
        case Status::detached: return static_cast<int>(WorkKind::detached);
        case Status::beschut: return static_cast<int>(WorkKind::beschut);
        case Status::wsw_intern:
        case Status::wsw_detached:
        case Status::wsw_begeleid: return static_cast<int>(WorkKind::wsw);
        case Status::training:
        case Status::seeking:
        case Status::dagbesteding: return -1;
    }
    return -1;
}

// One cohort (origin, cohort year, region or NL) at the end of calendar year cohort_year + years,
// in persons (weighted to persons like YearRecord). Who died or left the model is counted among the
// entrants, not among those working or present.
struct CohortRecord {
    Origin origin = Origin::wsw;
    int cohort_year = 0;
    int years = 0;       // one of kCohortYearsAfter
    std::string region;  // CBS code, or "NL"
    double entrants = 0;                           // persons at entry
    std::array<double, kWorkKindCount> working{};  // by kind of work
    double ever_placed = 0;  // placed in a job since entry (kEverPlaced), also who lost it or left since
    double present = 0;      // still in the model

    double work(WorkKind k) const { return working[static_cast<int>(k)]; }
    double in_work() const;
    // persons / entrants; NaN for a cohort without entrants.
    double share(double persons) const;
};

// The cohort tally of one run. The run loop tells it where each year's ids begin, who leaves
// (before each removal of those who left) and, in December, every living person; close_year then
// adds the records of the cohorts measured at that year's end. Counts are whole simulated persons,
// so the result does not depend on the order in which persons are met. December's scan meets every
// person, so counting one is a single add to a histogram of (cohort, origin, region, kind of work,
// ever placed); close_year reads the cohorts it measures from it.
class CohortTally {
public:
    // After the base population: ids below first_inflow_id are the stock.
    CohortTally(const ModelContext& ctx, PersonId first_inflow_id);

    // At the first month of each year after the start year: persons from first_id on enter in it.
    void open_year(PersonId first_id);
    // Before a removal: the persons in st.exited, who leave the arrays now.
    void count_exits(const State& st);
    // December's scan, after the removal: the living persons at positions [begin, end).
    void count_living(const Population& p, std::size_t begin, std::size_t end);
    // After December's scan: appends to `out` the cohorts measured at the end of `year`, each as a
    // block of its regions in file order and NL, for every (origin, cohort year) with entrants.
    void close_year(int year, std::vector<CohortRecord>& out);

private:
    static constexpr std::size_t kKinds = kWorkKindCount + 1;  // the kinds of work, and not working
    static constexpr std::array<std::size_t, kStatusCount> kKindOf = [] {
        std::array<std::size_t, kStatusCount> k{};
        for (int s = 0; s < kStatusCount; ++s) {
            const int kind = work_kind(static_cast<Status>(s));
            k[std::size_t(s)] = kind < 0 ? kWorkKindCount : std::size_t(kind);
        }
        return k;
    }();
    static constexpr int kBlockBits = 10;  // ids per entry of block_cohort_: 1024

    // The cohort (index into first_id_) of a person id: the last cohort whose first id is not above
    // it. A block's table entry is the cohort of its first id; only a block holding the first id of
    // a later cohort needs a step up.
    std::size_t cohort_of(PersonId id) const {
        const std::size_t b = id >> kBlockBits;
        std::size_t c = b < block_cohort_.size() ? block_cohort_[b] : first_id_.size() - 1;
        while (c + 1 < first_id_.size() && first_id_[c + 1] <= id) ++c;
        return c;
    }
    // The (cohort, origin, region) cell of a person.
    std::size_t cell_of(const PersonRecord& p) const {
        return (cohort_of(p.id) * kOriginCount + std::size_t(p.origin)) * regions_ + ctx_.region_of(p.municipality);
    }

    const ModelContext& ctx_;
    int stock_year_;                          // the cohort year of the base population
    std::size_t regions_, cells_;             // cells: (cohort, origin, region)
    std::vector<PersonId> first_id_;          // per cohort whose ids have begun: its first id
    std::vector<std::uint8_t> block_cohort_;  // per block of ids below the last first id: its first id's cohort
    std::vector<char> entrants_known_;        // per cohort
    std::vector<std::uint32_t> entrants_;     // per cell, once known
    // Per cell and ever placed (0, 1): those who left so far.
    std::vector<std::uint32_t> left_;
    // Per cell, kind of work (or not working) and ever placed (0, 1): the living at this year end.
    std::vector<std::uint32_t> living_;
};

}  // namespace swsim
