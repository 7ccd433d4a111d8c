#include "swsim/process/beschut.hpp"

#include <algorithm>
#include <cmath>

namespace swsim {

namespace {
// Places (simulated persons) a region offers this year.
double region_places(const ModelContext& ctx, const RegionPolicy& pol, std::size_t r, int year) {
    const auto& sc = ctx.scenario;
    const double realised = pol.beschut_facility ? sc.policy.company.beschut_facility.realisation_share.at(year)
                                                 : sc.policy.beschut.outside_realisation_share.at(year);
    const double share = ctx.regions.regions[r].population_15_64 / ctx.population_15_64_total;
    return sc.policy.beschut.taakstelling_places.at(year) * share * realised / ctx.weight;
}
}  // namespace

void clear_beschut_waiting(const ModelContext& ctx, State& st) {
    auto& waiting = st.work.beschut_waiting;
    waiting.resize(ctx.regions.size());
    for (auto& queue : waiting) queue.clear();  // keeps the capacity
}

void place_beschut(const ModelContext& ctx, State& st, MonthAccounts& acc) {
    const int year = st.now.year();
    const auto& p = st.persons;
    auto& waiting = st.work.beschut_waiting;
    for (std::size_t r = 0; r < waiting.size(); ++r) {
        auto& queue = waiting[r];
        if (queue.empty()) continue;
        const auto places = static_cast<std::int64_t>(std::floor(region_places(ctx, st.policy[r], r, year)));
        const std::int64_t free = places - count(st, r, Status::beschut);
        if (free <= 0) continue;
        // Longest waiting first; the id breaks ties so the order never depends on storage order.
        const auto n = std::min<std::int64_t>(free, static_cast<std::int64_t>(queue.size()));
        std::partial_sort(queue.begin(), queue.begin() + n, queue.end(), [&](std::uint32_t a, std::uint32_t b) {
            return p.status_since[a] != p.status_since[b] ? p.status_since[a] < p.status_since[b] : p.id[a] < p.id[b];
        });
        for (std::int64_t k = 0; k < n; ++k) enter_status(ctx, st, queue[static_cast<std::size_t>(k)], Status::beschut);
        acc[r][Flow::beschut_placements] += n;
    }
}

}  // namespace swsim
