// One run: a scenario and a replicate, simulated month by month from the base month to the end
// month, reduced to yearly records per municipality, per company, per region and for the whole
// country (NL; each a sum of municipalities), and to the outcomes
// of its origin cohorts (run/cohorts.hpp). A run is a pure function of (scenario, region data,
// replicate): no I/O, no clock. The runner (run/runner.hpp) runs many in parallel into results by
// index, so the results do not depend on the thread count.
#pragma once

#include <algorithm>
#include <array>
#include <atomic>
#include <cstdint>
#include <string>
#include <vector>

#include "swsim/engine/state.hpp"
#include "swsim/run/cohorts.hpp"
#include "swsim/scenario/scenario.hpp"

namespace swsim {

// One region (or NL, a company, a municipality) in one year: stocks at the end of the year, flows
// and money over the year.
struct YearRecord {
    int year = 0;
    std::string region;                          // CBS code, or "NL" (a company's id, a municipality's GM code)
    std::array<double, kStatusCount> persons{};  // by status, at year end
    std::array<double, kFlowCount> flows{};      // persons over the year
    std::array<double, kMoneyCount> money{};     // euro over the year
    std::array<double, kPlaceCount> places{};    // places summed over the months of the year
    double banenafspraak_jobs = 0;               // UWV count (25.5 h units) minus the baseline
    double banenafspraak_extra_persons = 0;      // Cedris-style: net new-group persons in such jobs vs base
    double wsw_over_45 = 0;                      // Wsw workers aged 45 or over at year end
    int months = 0;                              // months of the year simulated

    double wsw() const;
    double status(Status s) const { return persons[static_cast<int>(s)]; }
    double flow(Flow f) const { return flows[static_cast<int>(f)]; }
    double line(Money m) const { return money[static_cast<int>(m)]; }
    double company_result() const;
    double municipal_net_cost() const;
    double place_months(Place p) const { return places[static_cast<int>(p)]; }
    double average_places(Place p) const { return months > 0 ? place_months(p) / months : 0.0; }
    // What municipalities add per company place beyond the Rijksbijdrage: (Wsw wages + training
    // bought from the company - Rijksbijdrage - company result) / average company places (Wsw SE, plus in an ontwikkelbedrijf the new groups
    // it employs, trains or seconds). Not a number when the company has no places left.
    double deficit_per_place() const;
};

struct RunResult {
    std::string scenario;
    std::uint32_t replicate = 0;
    std::vector<YearRecord> records;  // by year, then the regions in file order, then NL
    // By the year of measurement, then years after (ascending), then origin: for each cohort with
    // entrants a block of its regions in file order, then NL.
    std::vector<CohortRecord> cohorts;
    std::vector<YearRecord> company_records = {};       // by year, then the companies in data order
    std::vector<YearRecord> municipality_records = {};  // by year, then the municipalities in file order
};

// `months_done`, when given, gets 1 added after each simulated month (progress; any thread).
RunResult run_scenario(const Scenario& sc, const RegionData& regions, std::uint32_t replicate,
                       std::atomic<std::uint64_t>* months_done = nullptr);

// The months one run of the scenario simulates: simulation.start to simulation.end, both included.
inline std::uint64_t months_simulated(const Scenario& sc) {
    return std::uint64_t(std::max(0, sc.simulation.end.index - sc.simulation.start.index + 1));
}

}  // namespace swsim
