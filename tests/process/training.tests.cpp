// Training: the length of a trajectory, the loonwaarde gained at its end, and the intake of seekers
// at the yearly rate where an ontwikkelbedrijf trains.
#include <catch2/catch.hpp>

#include <cmath>

#include "process/world.hpp"
#include "swsim/process/training.hpp"

using namespace swsim;
using namespace swsim::test;

namespace {
Scenario training_scenario(int duration, double gain) {
    auto sc = with_ontwikkelbedrijf(empty_scenario());
    sc.policy.company.training.duration_months = duration;
    sc.policy.company.training.loonwaarde_gain_per_year = gain;
    sc.policy.company.training.intake_rate_per_year = 0.15;
    return sc;
}
}  // namespace

TEST_CASE("training: a trajectory lasts its months and adds the gain of those months", "[unit][process][lever]") {
    for (const int duration : {12, 6}) {
        INFO("duration " << duration);
        auto w = world(training_scenario(duration, 0.10));
        State& st = w->st;
        CHECK(st.hazards.rule(Status::training).kind == SpellKind::fixed);
        CHECK(st.hazards.rule(Status::training).months == duration);
        const auto par = training::params(w->sc);
        st.now = Month::of(2016, 6);
        const auto done = add_person(st, 0, Status::training, 0.4f, 36, kMunicipalBenefit);
        const auto not_yet = add_person(st, 0, Status::training, 0.4f, 36, kMunicipalBenefit);
        const auto near_one = add_person(st, 0, Status::training, 0.98f, 36, kMunicipalBenefit);
        st.persons.rec[done].status_since = st.now.index - duration;
        st.persons.rec[near_one].status_since = st.now.index - duration;
        st.persons.rec[not_yet].status_since = st.now.index - duration + 1;
        CHECK_FALSE(training::end(par, w->ctx(), st, not_yet));
        CHECK(st.persons.status[not_yet] == Status::training);
        CHECK(st.persons.rec[not_yet].loonwaarde == Approx(0.4f));
        CHECK(training::end(par, w->ctx(), st, done));
        CHECK(st.persons.status[done] == Status::seeking);
        CHECK(st.persons.rec[done].loonwaarde == Approx(0.4 + 0.10 * duration / 12.0).epsilon(1e-6));
        CHECK(training::end(par, w->ctx(), st, near_one));
        CHECK(st.persons.rec[near_one].loonwaarde == 1.0f);  // loonwaarde is at most 1
    }
    // The gain per year is what the trajectory adds per year of it.
    auto w = world(training_scenario(12, 0.2));
    State& st = w->st;
    const auto i = add_person(st, 0, Status::training, 0.3f, 36, kMunicipalBenefit);
    st.now = Month::of(2016, 1);
    st.persons.rec[i].status_since = st.now.index - 12;
    REQUIRE(training::end(training::params(w->sc), w->ctx(), st, i));
    CHECK(st.persons.rec[i].loonwaarde == Approx(0.5).epsilon(1e-6));
}

TEST_CASE("training: seekers start trajectories at the intake rate, only where the company trains",
          "[unit][process][lever]") {
    // 40,000 seekers, no vacancies: in the second month (not in the month one arrived) each starts
    // with probability 1 - exp(-0.15 / 12); four binomial sigmas are 18 % of the starts.
    constexpr int kN = 40000;
    const double p = 1 - std::exp(-0.15 / 12);
    enum Case { trains, no_training_function, sterfhuis };
    for (const Case c : {trains, no_training_function, sterfhuis}) {
        INFO("case " << int(c));
        auto sc = training_scenario(12, 0.10);
        sc.behaviour.matching.vacancies_per_1000_pop_15_64_per_year = YearSeries(0.0);
        sc.policy.company.training.budget_euro_per_year = YearSeries(1e9);  // places never bind here
        if (c == no_training_function) sc.policy.company.training.enabled = false;
        if (c == sterfhuis) sc.policy.company.mode = CompanyMode::sterfhuis;
        auto w = world(sc);
        State& st = w->st;
        for (int k = 0; k < kN; ++k) {
            add_scheduled(*w, std::size_t(k % 3), Status::seeking, 0.4f, 36, kMunicipalBenefit);
        }
        MonthAccounts acc;
        step_month(w->m, st, acc);
        CHECK(sum(acc, Flow::training_starts) == 0);  // everybody arrived this month
        step_month(w->m, st, acc);
        const auto starts = sum(acc, Flow::training_starts);
        if (c == trains) {
            CHECK(std::abs(double(starts) - kN * p) < four_sigma(kN, p));
            CHECK(total(st, Status::training) == starts);
        } else {
            CHECK(starts == 0);
        }
    }
}

TEST_CASE("training: trainees never exceed the places the budget buys, and a zero budget trains nobody",
          "[unit][process][lever]") {
    // 40,000 seekers at an intake rate of 12 a year: far more want to start than there are places.
    // Places = budget x population share / cost: with 1.2e6 and 6,000 a place, 200 in all, 33.3 in
    // AM01. Doubling the budget doubles the trainees (whole places per region), and with state money
    // added the same.
    auto trainees = [](double budget, double state_money) {
        auto sc = training_scenario(12, 0.10);
        sc.behaviour.matching.vacancies_per_1000_pop_15_64_per_year = YearSeries(0.0);
        sc.policy.company.training.intake_rate_per_year = 12;
        sc.policy.company.training.cost_euro_per_person_per_year = 6000;
        sc.policy.company.training.budget_euro_per_year = YearSeries(budget);
        sc.policy.state_money.training_euro_per_year = YearSeries(state_money);
        auto w = world(sc);
        State& st = w->st;
        for (int k = 0; k < 40000; ++k) {
            add_scheduled(*w, std::size_t(k % 3), Status::seeking, 0.4f, 36, kMunicipalBenefit);
        }
        MonthAccounts acc;
        for (int m = 0; m < 3; ++m) step_month(w->m, st, acc);
        std::array<std::int64_t, 3> out{};
        for (std::size_t r = 0; r < 3; ++r) {
            out[r] = count(st, r, Status::training);
            CHECK(double(out[r]) <= training::municipal_places(training::params(sc), w->ctx(), st, r));
        }
        return out;
    };
    using T = std::array<std::int64_t, 3>;
    CHECK(trainees(1.2e6, 0) == T{33, 66, 100});
    CHECK(trainees(2.4e6, 0) == T{66, 133, 200});
    CHECK(trainees(1.2e6, 1.2e6) == T{66, 133, 200});
    CHECK(trainees(0, 0) == T{0, 0, 0});
}
