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

double municipal_places(const Params& par, const ModelContext& ctx, const CompanyFunctions& pol, std::size_t m,
                        int year) {
    const double realised =
        pol.beschut_facility ? par.facility_realisation_share.at(year) : par.outside_realisation_share.at(year);
    return par.taakstelling_places.at(year) * ctx.municipal_share(m) * realised / ctx.weight;
}

std::vector<std::int64_t> company_places(const Params& par, const ModelContext& ctx, const State& st, int year) {
    const std::size_t n = st.policy.size();
    std::vector<double> exact(n, 0.0);
    for (std::size_t m = 0; m < st.company_of.size(); ++m) {
        const CompanyIndex c = st.company_of[m];
        exact[c] += municipal_places(par, ctx, st.policy[c], m, year);
    }
    std::vector<std::int64_t> whole(n);
    std::vector<std::size_t> order(n);
    double total = 0;
    std::int64_t given = 0;
    for (std::size_t c = 0; c < n; ++c) {
        whole[c] = static_cast<std::int64_t>(std::floor(exact[c]));
        given += whole[c];
        total += exact[c];
        order[c] = c;
    }
    // The places left over go to the largest remainders.
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        return exact[a] - double(whole[a]) > exact[b] - double(whole[b]);
    });
    const auto left = std::max<std::int64_t>(0, static_cast<std::int64_t>(std::floor(total + 1e-9)) - given);
    for (std::int64_t k = 0; k < left && k < static_cast<std::int64_t>(n); ++k) ++whole[order[static_cast<std::size_t>(k)]];
    return whole;
}

void step(const Params& par, const ModelContext& ctx, State& st, MonthAccounts& acc) {
    const int year = st.now.year();
    bool anyone = false;
    for (const auto& queue : st.beschut_queue) anyone = anyone || !queue.empty();
    if (!anyone) return;
    const auto places = company_places(par, ctx, st, year);
    for (std::size_t c = 0; c < st.beschut_queue.size(); ++c) {
        auto& queue = st.beschut_queue[c];
        if (queue.empty()) continue;
        std::int64_t free = places[c] - company_count(st, c, Status::beschut);
        // Longest waiting first (the heap's order); entries of those who left the list are dropped.
        while (free > 0 && !queue.empty()) {
            std::pop_heap(queue.begin(), queue.end(), std::greater<>{});
            const WaitEntry e = queue.back();
            queue.pop_back();
            if (!still_waiting(st.hazards, st.persons, e)) continue;
            enter_status(ctx, st, e.position, Status::beschut);
            ++acc[st.persons.rec[e.position].municipality][Flow::beschut_placements];
            --free;
        }
    }
}

}  // namespace swsim::beschut
