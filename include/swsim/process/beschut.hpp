// Beschut werk placement: persons with a positive advice wait for a place. A region's places are its
// share (by population 15-64) of the national taakstelling times the share realised, which is higher
// where an ontwikkelbedrijf runs a beschut facility. Free places go to the longest waiting first;
// nobody is pushed out when the places fall below the number already working.
#pragma once

#include "swsim/model/schedule.hpp"

namespace swsim {

// A living person waits for a beschut place (such persons are on the monthly list).
inline bool beschut_waiting(const Population& p, std::size_t i) {
    return p.has(i, kBeschutAdvice) && (p.status[i] == Status::seeking || p.status[i] == Status::training);
}

// Empties the waiting lists (st.work.beschut_waiting), one per region.
void clear_beschut_waiting(const ModelContext& ctx, State& st);
inline void add_beschut_waiting(State& st, std::size_t i) {
    st.work.beschut_waiting[st.persons.region[i]].push_back(static_cast<std::uint32_t>(i));
}
// Fills each region's free places from its waiting list. The choice depends only on who waits,
// not on the order of the lists.
void place_beschut(const ModelContext& ctx, State& st, MonthAccounts& acc);

}  // namespace swsim
