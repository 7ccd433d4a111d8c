// The persons at the base month and how a new person is made. The base population is the Wsw stock
// (spread over the municipalities by their 2015 Wsw, in age bands, with the detachering and begeleid shares),
// the Wsw waitlist (spread like the Wsw), the banenafspraak doelgroep (by population 15-64; some
// working, with or without LKS, some in dagbesteding) and bijstand with a large distance to work
// (by the municipalities' bijstand). Every attribute is drawn from a stream keyed by the person's id,
// so the same person has the same attributes in every scenario that shares these parameters.
#pragma once

#include "swsim/engine/schedule.hpp"
#include "swsim/scenario/scenario.hpp"

namespace swsim::population {

struct Params {
    PopulationParams stocks;  // the scenario's population section
    int aow_age_months_at_start = 0;
};
Params params(const Scenario& sc, int aow_age_months_at_start);

// Appends a person with loonwaarde and hours drawn from the profile using `draws` (the caller keys
// it by pid); age_months < 0 draws an age uniformly in the profile's age range. Returns its position.
std::size_t create_person(State& st, PersonId pid, MunicipalityIndex m, Origin o, Status s, const GroupProfile& prof,
                          int age_months, std::uint8_t flags, Stream& draws);

// Rounds a non-negative expected count to an integer without bias: floor(x) plus one with
// probability frac(x) (used when sampling at scale < 1).
std::int64_t stochastic_round(double x, Stream& draws);

// Adds the base month's persons of every municipality to st (nothing is scheduled yet).
void create_base_population(const Params& par, const ModelContext& ctx, State& st);

}  // namespace swsim::population
