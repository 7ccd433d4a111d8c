// Job loss and the way back: the hazard of the three kinds of job (lowered for coached jobs during
// the coaching), not in the month a job starts, and where job losers go: back to the company
// (training where a place is free, some with a beschut advice) where the detachering facility
// offers the way back, else seeking.
#include <catch2/catch.hpp>

#include <cmath>

#include "process/world.hpp"
#include "swsim/process/job_loss.hpp"

using namespace swsim;
using namespace swsim::test;

namespace {
Scenario job_scenario() {
    auto sc = empty_scenario();
    sc.behaviour.job_loss.rate_per_year = 0.175;
    sc.behaviour.matching.vacancies_per_1000_pop_15_64_per_year = YearSeries(0.0);
    sc.policy.company.matching.job_loss_multiplier = 0.7;
    sc.policy.company.detachering.way_back = true;
    sc.policy.company.detachering.way_back_beschut_share = 0.2;
    return sc;
}
std::int64_t workers(const State& st) {
    return total(st, Status::regular) + total(st, Status::regular_lks) + total(st, Status::detached);
}
}  // namespace

TEST_CASE("job loss: the hazard of every job, and a coached job's is lower during the coaching only", "[unit][process][lever]") {
    auto sc = job_scenario();
    sc.policy.company.matching.coaching_months = 24;
    const auto w = world(sc);
    State& st = w->st;
    for (int year : {2016, 2017})
        for (std::size_t r = 0; r < 3; ++r)
            for (Status job : {Status::regular, Status::regular_lks, Status::detached}) {
                CHECK(st.hazards.of_status(year, r, job).first == Approx(0.175 / 12).epsilon(1e-12));
                CHECK(st.hazards.of_status(year, r, job).second == 0);
            }
    for (Status job : {Status::regular, Status::regular_lks, Status::detached}) {
        CHECK(st.hazards.rule(job).kind == SpellKind::clock);
        CHECK(st.hazards.rule(job).months == 1);  // not in the month of placement
        CHECK(st.hazards.rule(job).supported_months == 24);
        CHECK(st.hazards.rule(job).supported_factor == Approx(0.7));
    }
    const auto coached = add_person(st, 0, Status::regular, 0.9f, 36, kSupported);
    const auto plain = add_person(st, 0, Status::regular, 0.9f);
    const std::int32_t since = st.persons.rec[coached].status_since;
    CHECK(spell_factor(st.hazards, st.persons, coached, since) == Approx(0.7));
    CHECK(spell_factor(st.hazards, st.persons, coached, since + 23) == Approx(0.7));
    CHECK(spell_factor(st.hazards, st.persons, coached, since + 24) == 1.0);  // the coaching has ended
    CHECK(spell_factor(st.hazards, st.persons, plain, since) == 1.0);
}

TEST_CASE("job loss: losses at the expected hazard, lower for coached jobs while coached", "[unit][process][lever]") {
    // 40,000 job holders, no vacancies: each keeps the job in the first month. Coached for 12 months:
    // in months 1-11 they lose it at 0.7 h, in months 12-23 at h, like the others. Four binomial
    // sigmas are about 5 % of the losses.
    constexpr int kN = 40000;
    for (const bool coached : {false, true}) {
        INFO("coached " << coached);
        auto sc = job_scenario();
        sc.policy.company.matching.coaching_months = 12;
        auto w = world(sc);
        State& st = w->st;
        for (int k = 0; k < kN; ++k) {
            const Status job = k % 3 == 0 ? Status::regular : k % 3 == 1 ? Status::regular_lks : Status::detached;
            add_scheduled(*w, std::size_t(k % 3), job, 0.5f, 36, coached ? kSupported : 0);
        }
        MonthAccounts acc;
        step_month(w->m, st, acc);
        CHECK(sum(acc, Flow::job_losses) == 0);
        std::int64_t first_year = 0, second_year = 0;
        for (int m = 1; m < 24; ++m) {
            step_month(w->m, st, acc);
            (m < 12 ? first_year : second_year) += sum(acc, Flow::job_losses);
        }
        const double h = 0.175 / 12;
        const double p1 = 1 - std::exp(-11 * h * (coached ? 0.7 : 1.0));
        CHECK(std::abs(double(first_year) - kN * p1) < four_sigma(kN, p1));
        const double p2 = 1 - std::exp(-12 * h);  // of those still working: the coaching has ended
        const double left = kN - double(first_year);
        CHECK(std::abs(double(second_year) - left * p2) < four_sigma(left, p2));
        CHECK(workers(st) == kN - first_year - second_year);
    }
}

TEST_CASE("job loss: where the way back leads", "[unit][process][lever]") {
    struct Case {
        CompanyFunctions pol;
        bool way_back;
        Status to;
        bool returns;
    };
    CompanyFunctions no_training = all_functions();
    no_training.training = false;
    CompanyFunctions no_detachering = all_functions();
    no_detachering.detachering = false;
    const Case cases[] = {{all_functions(), true, Status::training, true},
                          {no_training, true, Status::seeking, true},
                          {no_detachering, true, Status::seeking, false},
                          {all_functions(), false, Status::seeking, false},
                          {CompanyFunctions{}, true, Status::seeking, false}};
    // Every training place taken: the returner seeks again (and is counted).
    {
        auto w = world(job_scenario());
        State& st = w->st;
        st.policy[0] = all_functions();
        const auto i = add_person(st, 0, Status::regular, 0.9f);
        MonthAccounts acc(w->rd.size());
        job_loss::lose_job(job_loss::params(w->sc), w->ctx(), st, acc, i, 0, false);
        CHECK(st.persons.status[i] == Status::seeking);
        CHECK(acc[0][Flow::returns] == 1);
        CHECK(acc[0][Flow::training_refused] == 1);
    }
    for (const Case& c : cases) {
        auto sc = job_scenario();
        sc.policy.company.detachering.way_back = c.way_back;
        auto w = world(sc);
        State& st = w->st;
        st.policy[0] = c.pol;
        const auto i = add_person(st, 0, Status::regular, 0.9f);
        MonthAccounts acc(w->rd.size());
        job_loss::lose_job(job_loss::params(sc), w->ctx(), st, acc, i, 0, true);
        CHECK(st.persons.status[i] == c.to);
        CHECK(acc[0][Flow::job_losses] == 1);
        CHECK(acc[0][Flow::returns] == (c.returns ? 1 : 0));
        CHECK(st.persons.rec[i].relapses == 1);
    }
}

TEST_CASE("job loss: the way back gives its share of returners a beschut advice", "[unit][process][lever]") {
    // 20,000 returners: those with an advice within four binomial sigmas (about 1.1 % of them) of 20 %.
    constexpr int kN = 20000;
    auto w = world(job_scenario());
    State& st = w->st;
    st.policy[0] = all_functions();
    const auto par = job_loss::params(w->sc);
    MonthAccounts acc(w->rd.size());
    std::int64_t advised = 0;
    for (int k = 0; k < kN; ++k) {
        const auto i = add_person(st, 0, Status::regular, 0.9f);
        job_loss::lose_job(par, w->ctx(), st, acc, i, 0, true);
        advised += st.persons.has(i, kBeschutAdvice) ? 1 : 0;
    }
    CHECK(acc[0][Flow::returns] == kN);
    CHECK(std::abs(double(advised) - kN * 0.2) < four_sigma(kN, 0.2));
    // Without the way back nobody gets an advice.
    st.policy[1] = CompanyFunctions{};
    for (int k = 0; k < 100; ++k) {
        const auto i = add_person(st, 1, Status::regular, 0.9f);
        job_loss::lose_job(par, w->ctx(), st, acc, i, 1, true);
        CHECK_FALSE(st.persons.has(i, kBeschutAdvice));
    }
}

TEST_CASE("job loss: the way back returns people to the ontwikkelbedrijf, not to seeking", "[unit][process]") {
    const auto rd = tiny_regions();
    auto sc = immortal(tiny_scenario());  // nobody leaves: the counts below are exact
    sc.policy.company.switch_year = 2015;
    sc.behaviour.job_loss.rate_per_year = 1e6;  // everyone loses the job in the month after placement
    sc.policy.company.matching.job_loss_multiplier = 1.0;
    for (const CompanyMode mode : {CompanyMode::ontwikkelbedrijf, CompanyMode::sterfhuis}) {
        sc.policy.company.mode = mode;
        const auto m = context(sc, rd);
        State st = init_state(m);
        MonthAccounts acc;
        step_month(m, st, acc);
        // Not in the month a job starts: the base month's jobs and this month's placements last.
        CHECK(sum(acc, Flow::job_losses) == 0);
        const auto holding = workers(st);
        REQUIRE(holding > 0);
        step_month(m, st, acc);
        CHECK(sum(acc, Flow::job_losses) == holding);
        CHECK(sum(acc, Flow::returns) == (mode == CompanyMode::ontwikkelbedrijf ? holding : 0));
        CHECK(workers(st) == sum(acc, Flow::placements));  // only this month's placements hold a job
    }
}
