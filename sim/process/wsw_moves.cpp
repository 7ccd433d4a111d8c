#include "swsim/process/wsw_moves.hpp"

namespace swsim::wsw_moves {

Params params(const Scenario& sc) {
    return {sc.behaviour.wsw_moves, sc.policy.company.detachering.wsw_detach_rate_multiplier};
}

void hazards(const Params& par, const CompanyFunctions& pol, std::array<HazardPair, kStatusCount>& row) {
    const auto& m = par.rates;
    const double detach = pol.detachering ? par.detach_multiplier_with_facility : 1.0;
    // intern -> detached, then intern -> begeleid, from the same clock (in this order).
    row[static_cast<int>(Status::wsw_intern)] = {monthly_hazard(m.intern_to_detached_rate_per_year * detach),
                                                 monthly_hazard(m.intern_to_begeleid_rate_per_year)};
    row[static_cast<int>(Status::wsw_detached)] = {monthly_hazard(m.detached_to_intern_rate_per_year)};
    row[static_cast<int>(Status::wsw_begeleid)] = {monthly_hazard(m.begeleid_to_intern_rate_per_year)};
}

void spell_rules(HazardTables& hz) {
    for (Status s : {Status::wsw_intern, Status::wsw_detached, Status::wsw_begeleid})
        hz.spell[static_cast<int>(s)].kind = SpellKind::clock;
}

bool on_due(const ModelContext& ctx, State& st, std::size_t i) {
    const Status s = st.persons.status[i];
    const HazardPair h = st.hazards.of_status(st.now.year(), st.persons.rec[i].municipality, s);
    Status to = Status::wsw_intern;
    if (s == Status::wsw_intern) {
        if (status_event(ctx, st, i, h.first)) to = Status::wsw_detached;
        else if (status_event(ctx, st, i, h.second)) to = Status::wsw_begeleid;
        else return false;
    } else if (!status_event(ctx, st, i, h.first)) {
        return false;
    }
    enter_status(ctx, st, i, to);
    return true;
}

}  // namespace swsim::wsw_moves
