// Wsw internal moves: the hazards of the three Wsw statuses (the detachering facility raises
// intern -> detached), and the detached share a year later against the exact monthly Markov chain.
#include <catch2/catch.hpp>

#include <cmath>

#include "process/world.hpp"
#include "swsim/process/wsw_moves.hpp"

using namespace swsim;
using namespace swsim::test;

namespace {
Scenario moves_scenario() {
    auto sc = empty_scenario();
    auto& m = sc.behaviour.wsw_moves;
    m.intern_to_detached_rate_per_year = 0.6;
    m.detached_to_intern_rate_per_year = 0.9;
    m.intern_to_begeleid_rate_per_year = 0.02;
    m.begeleid_to_intern_rate_per_year = 0.08;
    sc.policy.company.detachering.wsw_detach_rate_multiplier = 1.5;
    return sc;
}
}  // namespace

TEST_CASE("wsw moves: the hazards of the three statuses, raised by the detachering facility",
          "[unit][process][lever]") {
    auto sc = moves_scenario();
    sc.policy.company.mode_by_region = {{"AM02", CompanyMode::ontwikkelbedrijf}};
    sc.policy.company.switch_year = 2016;
    auto no_facility = sc;
    no_facility.policy.company.detachering.enabled = false;
    const auto w = world(sc);
    const auto w_off = world(no_facility);
    const auto& hz = w->st.hazards;
    for (int year : {2015, 2016}) {
        for (std::size_t r = 0; r < 3; ++r) {
            INFO("year " << year << ", region " << r);
            const double detach = (year >= 2016 && r == 1) ? 1.5 : 1.0;
            const auto intern = hz.of_status(year, r, Status::wsw_intern);
            CHECK(intern.first == Approx(0.6 * detach / 12).epsilon(1e-12));
            CHECK(intern.second == Approx(0.02 / 12).epsilon(1e-12));
            CHECK(hz.of_status(year, r, Status::wsw_detached).total() == Approx(0.9 / 12).epsilon(1e-12));
            CHECK(hz.of_status(year, r, Status::wsw_begeleid).total() == Approx(0.08 / 12).epsilon(1e-12));
            CHECK(w_off->st.hazards.of_status(year, r, Status::wsw_intern).first == Approx(0.6 / 12).epsilon(1e-12));
        }
    }
    for (Status s : {Status::wsw_intern, Status::wsw_detached, Status::wsw_begeleid})
        CHECK(hz.rule(s).kind == SpellKind::clock);
}

TEST_CASE("wsw moves: the detached share after a year follows the monthly chain", "[unit][process][lever]") {
    // 30,000 Wsw workers start inside the company. One move a month at most (a new spell is met from
    // next month on); within a month intern -> detached comes before intern -> begeleid. The chain
    // gives each worker's chance of being detached after 12 months; the count must lie within four
    // binomial sigmas (about 1.2 % of it): off (x1) or doubled (x3) are far outside.
    for (const bool facility : {false, true}) {
        INFO("facility " << facility);
        auto sc = bare_ontwikkelbedrijf(moves_scenario());
        sc.policy.company.detachering.enabled = facility;
        auto w = world(sc);
        State& st = w->st;
        constexpr int kN = 30000;
        for (int k = 0; k < kN; ++k) {
            add_scheduled(*w, std::size_t(k % 3), Status::wsw_intern, 0.45f, 32, 0, Origin::wsw);
        }
        MonthAccounts acc;
        for (int m = 0; m < 12; ++m) step_month(w->m, st, acc);

        const double h_id = 0.6 * (facility ? 1.5 : 1.0) / 12, h_ib = 0.02 / 12, h_di = 0.9 / 12, h_bi = 0.08 / 12;
        double I = 1, D = 0, B = 0;
        for (int m = 0; m < 12; ++m) {
            const double to_d = 1 - std::exp(-h_id), to_b = std::exp(-h_id) * (1 - std::exp(-h_ib));
            const double d_back = 1 - std::exp(-h_di), b_back = 1 - std::exp(-h_bi);
            const double I2 = I * (1 - to_d - to_b) + D * d_back + B * b_back;
            const double D2 = D * (1 - d_back) + I * to_d;
            const double B2 = B * (1 - b_back) + I * to_b;
            I = I2, D = D2, B = B2;
        }
        CHECK(std::abs(double(total(st, Status::wsw_detached)) - kN * D) < four_sigma(kN, D));
        CHECK(std::abs(double(total(st, Status::wsw_begeleid)) - kN * B) < four_sigma(kN, B) + 1);
    }
}
