#include "swsim/process/beschut.hpp"

#include <algorithm>
#include <cmath>
#include <functional>

namespace swsim::beschut {

Params params(const Scenario& sc) {
    return {sc.policy.beschut.taakstelling_places, sc.policy.company.beschut_facility.realisation_share,
            sc.policy.beschut.outside_realisation_share, sc.policy.beschut.waiting_also_seek};
}

void spell_rules(const Params& par, HazardTables& hz) {
    hz.spell[static_cast<int>(Status::beschut)].kind = SpellKind::none;
    hz.advice_seeks = par.waiting_also_seek;
    for (Status s : {Status::seeking, Status::training}) hz.spell[static_cast<int>(s)].queue_with_advice = true;
}

double region_places(const Params& par, const ModelContext& ctx, const RegionPolicy& pol, std::size_t r, int year) {
    const double realised =
        pol.beschut_facility ? par.facility_realisation_share.at(year) : par.outside_realisation_share.at(year);
    const double share = ctx.regions.regions[r].population_15_64 / ctx.population_15_64_total;
    return par.taakstelling_places.at(year) * share * realised / ctx.weight;
}

void step(const Params& par, const ModelContext& ctx, State& st, MonthAccounts& acc) {
    const int year = st.now.year();
    for (std::size_t r = 0; r < st.beschut_queue.size(); ++r) {
        auto& queue = st.beschut_queue[r];
        if (queue.empty()) continue;
        const auto places = static_cast<std::int64_t>(std::floor(region_places(par, ctx, st.policy[r], r, year)));
        std::int64_t free = places - count(st, r, Status::beschut);
        // Longest waiting first (the heap's order); entries of those who left the list are dropped.
        while (free > 0 && !queue.empty()) {
            std::pop_heap(queue.begin(), queue.end(), std::greater<>{});
            const WaitEntry e = queue.back();
            queue.pop_back();
            if (!still_waiting(st.hazards, st.persons, e)) continue;
            enter_status(ctx, st, e.position, Status::beschut);
            ++acc[r][Flow::beschut_placements];
            --free;
        }
    }
}

}  // namespace swsim::beschut
