// Helpers of the process tests: an empty tiny world (the three regions of fixture.hpp, no persons, no
// inflow, nobody leaving) to which a test adds persons by hand, region policies set by hand, and the
// binomial bound that statistical tests use. A lever test asserts the direction of its effect and a
// bound on its size, tight enough that removing, reversing or doubling the effect fails it.
#pragma once

#include <catch2/catch.hpp>

#include <cmath>
#include <memory>

#include "fixture.hpp"
#include "swsim/engine/schedule.hpp"
#include "swsim/model/model.hpp"
#include "swsim/process/population.hpp"

namespace swsim::test {

// Nobody dies, retires or leaves for other reasons: flows below are exact.
inline Scenario immortal(Scenario sc) {
    auto& d = sc.behaviour.demography;
    d.mortality_rate_at_50_per_year = 0;
    d.other_exit_rate_per_year = 0;
    d.wsw_other_exit_rate_per_year = YearSeries(0.0);
    d.aow_age_months = YearSeries(100 * 12);
    return sc;
}

// The tiny scenario without persons or inflow, in which nobody dies, retires or leaves otherwise.
inline Scenario empty_scenario() {
    Scenario sc = tiny_scenario();
    auto& pop = sc.population;
    pop.wsw_persons = pop.waitlist_persons = pop.doelgroep_persons = pop.bijstand_persons = 0;
    sc.inflow.doelgroep.per_year = sc.inflow.bijstand.per_year = sc.inflow.beschut_advices.per_year = YearSeries(0.0);
    return immortal(sc);
}

// The same scenario with an ontwikkelbedrijf in every region from January of `from`.
inline Scenario with_ontwikkelbedrijf(Scenario sc, int from = 2015) {
    sc.policy.company.mode = CompanyMode::ontwikkelbedrijf;
    sc.policy.company.switch_year = from;
    sc.policy.company.ramp_up_years = 1;  // full strength from the switch year
    return sc;
}

// An ontwikkelbedrijf with none of its six functions on.
inline Scenario bare_ontwikkelbedrijf(Scenario sc, int from = 2015) {
    sc = with_ontwikkelbedrijf(std::move(sc), from);
    auto& c = sc.policy.company;
    c.employer_services.enabled = c.beschut_facility.enabled = c.matching.enabled = c.training.enabled =
        c.employer_networks.enabled = c.detachering.enabled = false;
    return sc;
}

// A region's policy with every function of an ontwikkelbedrijf on.
inline CompanyFunctions all_functions() { return CompanyFunctions{true, true, true, true, true, true, true}; }

// A world: regions, scenario, model and state, built in place (the model refers to the regions).
struct World {
    RegionData rd = tiny_regions();
    Scenario sc;
    Model m;
    State st;
    explicit World(Scenario s) : sc(std::move(s)), m(make_model(sc, rd, 0)), st(init_state(m)) {}
    const ModelContext& ctx() const { return m.ctx; }
};
inline std::unique_ptr<World> world(Scenario sc = empty_scenario()) { return std::make_unique<World>(std::move(sc)); }

// Adds a person aged 30 in region r with status s, loonwaarde lw and the given hours and flags; not
// scheduled (call start_spell to schedule it). Returns its position.
inline std::size_t add_person(State& st, std::size_t r, Status s, float lw, float hours = 36.0f,
                              std::uint8_t flags = 0, Origin o = Origin::doelgroep) {
    GroupProfile prof{double(lw), 0.0, double(hours), 30, 30};
    const PersonId pid = st.next_id++;
    Stream draws(DrawKey{99, 0, pid, 0, Process::population_init});
    return population::create_person(st, pid, static_cast<RegionIndex>(r), o, s, prof, 30 * 12, flags, draws);
}

// The same, scheduled from the current month on: the person meets every process like one of the base
// population.
inline std::size_t add_scheduled(World& w, std::size_t r, Status s, float lw, float hours = 36.0f,
                                 std::uint8_t flags = 0, Origin o = Origin::doelgroep) {
    const auto i = add_person(w.st, r, s, lw, hours, flags, o);
    schedule_exit(w.ctx(), w.st, i, w.st.now.index);
    start_spell(w.ctx(), w.st, i, w.st.now.index);
    return i;
}

// Four standard deviations of a binomial count with n trials and probability p.
inline double four_sigma(double n, double p) { return 4.0 * std::sqrt(n * p * (1.0 - p)); }

inline std::int64_t total(const State& st, Status s) {
    std::int64_t n = 0;
    for (std::size_t r = 0; r < st.counts.size(); ++r) n += count(st, r, s);
    return n;
}
inline std::int64_t sum(const MonthAccounts& acc, Flow f) {
    std::int64_t n = 0;
    for (const auto& a : acc) n += a[f];
    return n;
}

}  // namespace swsim::test
