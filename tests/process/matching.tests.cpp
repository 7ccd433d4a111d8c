// Matching: the score, the sharing of each region's vacancies over the score reaching them (employer
// services, employer networks, the substitution share of jobcoaching), the jobcoach caseload and
// its budget, the placement hazard (support, the cap), the kind of job (LKS threshold, detachering,
// coached), activation from dagbesteding, and a month's placements against the analytic expectation.
#include <catch2/catch.hpp>

#include <array>
#include <cmath>

#include "process/world.hpp"
#include "swsim/process/matching.hpp"
#include "swsim/run/run.hpp"

using namespace swsim;
using namespace swsim::test;

namespace {

Scenario matching_scenario() {
    auto sc = empty_scenario();
    auto& m = sc.behaviour.matching;
    m.vacancies_per_1000_pop_15_64_per_year = YearSeries(2.4);
    m.loonwaarde_elasticity = 1.0;
    m.max_placement_probability_per_month = 0.2;
    m.waitlist_score_multiplier = 1.0;
    auto& f = sc.policy.company;
    f.employer_services.budget_euro_per_year = YearSeries(1.2e6);  // 24 vacancies a year at 50,000
    f.employer_services.euro_per_extra_vacancy = 50000;
    f.matching.budget_euro_per_year = YearSeries(3e6);  // 600 caseload slots at 5,000
    f.matching.euro_per_coached_person_per_year = 5000;
    f.matching.score_multiplier = 1.4;
    f.matching.substitution_share = 0.25;
    f.employer_networks.cross_region_weight_multiplier = 1.5;
    f.detachering.detached_share_of_placements = 0.4;
    return sc;
}

using Policies = std::array<CompanyFunctions, 3>;
using Triple = std::array<double, 3>;

// The model's rule, written out again: vacancies per region and month (employer services add budget
// / cost per vacancy, spread by population), the commuting weight of home s to job region r, the
// substitution share of the coached seekers' extra score, and each home region's placement hazard
// per unit of score.
struct Sharing {
    Triple vacancies{}, fill{}, chance{};
};
Sharing expected_sharing(const RegionData& rd, const Policies& pol, const Triple& score, const Triple& support,
                         double per_1000, double services_per_year, double network, double substitution) {
    Sharing out;
    auto reach = [&](std::size_t s, std::size_t r) {
        // A network widens its own seekers' reach (those of home region s).
        const double w = rd.commuting[s * 3 + r] * (s != r && pol[s].employer_networks ? network : 1.0);
        return std::min(w, 1.0);
    };
    for (std::size_t r = 0; r < 3; ++r) {
        const double share = rd.regions[r].population_15_64 / 600000.0;
        out.vacancies[r] = per_1000 * rd.regions[r].population_15_64 / 1000 / 12 +
                           (pol[r].employer_services ? services_per_year * share / 12 : 0.0);
        double demand = 0, plain = 0;
        for (std::size_t s = 0; s < 3; ++s) {
            demand += reach(s, r) * score[s] * support[s];
            plain += reach(s, r) * score[s];
        }
        if (plain > 0) out.vacancies[r] *= 1 + substitution * (demand - plain) / plain;
        out.fill[r] = demand > 0 ? out.vacancies[r] / demand : 0.0;
    }
    for (std::size_t s = 0; s < 3; ++s)
        for (std::size_t r = 0; r < 3; ++r) out.chance[s] += reach(s, r) * out.fill[r];
    return out;
}

}  // namespace

TEST_CASE("matching: the score is loonwaarde ^ elasticity, times the waitlist multiplier", "[unit][process][lever]") {
    auto sc = matching_scenario();
    sc.behaviour.matching.loonwaarde_elasticity = 2.0;
    sc.behaviour.matching.waitlist_score_multiplier = 1.5;
    auto w = world(sc);
    const auto par = matching::params(sc);
    const auto a = add_person(w->st, 0, Status::seeking, 0.5f);
    const auto b = add_person(w->st, 0, Status::seeking, 0.5f, 36, 0, Origin::wsw_waitlist);
    CHECK(matching::score(par, w->st.persons, a, 0) == Approx(0.25).epsilon(1e-6));
    CHECK(matching::score(par, w->st.persons, b, 0) == Approx(0.375).epsilon(1e-6));
    sc.behaviour.matching.loonwaarde_elasticity = 1.0;
    CHECK(matching::score(matching::params(sc), w->st.persons, a, 0) == Approx(0.5).epsilon(1e-6));
}

TEST_CASE("matching: vacancies are shared over the score reaching them", "[unit][process][lever]") {
    auto w = world(matching_scenario());
    State& st = w->st;
    const auto par = matching::params(w->sc);
    CompanyFunctions services{}, networks{};
    services.ontwikkelbedrijf = services.employer_services = true;
    networks.ontwikkelbedrijf = networks.employer_networks = true;
    const Triple score = {100, 50, 10};
    for (const Triple support : {Triple{1, 1, 1}, Triple{1.2, 1, 1.05}})
        for (const Policies& pol : {Policies{CompanyFunctions{}, services, networks}, Policies{networks, networks, CompanyFunctions{}},
                                   Policies{CompanyFunctions{}, CompanyFunctions{}, CompanyFunctions{}}}) {
            for (std::size_t r = 0; r < 3; ++r) st.policy[r] = pol[r];
            matching::open_month(par, st);
            for (std::size_t r = 0; r < 3; ++r) st.work.seeker_score[r] = score[r];
            st.work.matching_support.assign(support.begin(), support.end());
            matching::share_vacancies(par, w->ctx(), st);
            const auto want = expected_sharing(w->rd, pol, score, support, 2.4, 1.2e6 / 50000, 1.5, 0.25);
            double all_vacancies = 0, all_hazard = 0;
            for (std::size_t r = 0; r < 3; ++r) {
                INFO("region " << r);
                CHECK(st.work.fill[r] == Approx(want.fill[r]).epsilon(1e-12));
                const auto& chance = pol[r].employer_networks ? st.work.chance_networks : st.work.chance;
                CHECK(chance[r] == Approx(want.chance[r]).epsilon(1e-12));
                all_vacancies += want.vacancies[r];
                all_hazard += score[r] * support[r] * chance[r];
            }
            // Every vacancy is shared out: the hazards of all seekers add up to the vacancies.
            CHECK(all_hazard == Approx(all_vacancies).epsilon(1e-12));
        }
    // Written out once: with no networks, AM01's vacancies (2.4 x 100 a month / 12 = 20) are
    // wanted by 100 + 0.5 x 50 + 0.125 x 10 of score.
    for (auto& p : st.policy) p = CompanyFunctions{};
    matching::open_month(par, st);
    st.work.seeker_score = {100, 50, 10};
    st.work.matching_support = {1, 1, 1};
    matching::share_vacancies(par, w->ctx(), st);
    CHECK(st.work.fill[0] == Approx(20.0 / 126.25).epsilon(1e-12));
}

TEST_CASE("matching: jobcoaching is zero-sum within the vacancies but for the substitution share", "[unit][process][lever]") {
    // One region's seekers are all coached (support 1.4): the placements (sum of hazards) of all
    // regions rise by the substitution share of the extra score only, and never above it.
    auto w = world(matching_scenario());
    State& st = w->st;
    for (auto& p : st.policy) p = CompanyFunctions{};
    const Triple score = {100, 50, 10};
    auto total = [&](double substitution, const Triple& support) {
        auto sc = w->sc;
        sc.policy.company.matching.substitution_share = substitution;
        const auto par = matching::params(sc);
        matching::open_month(par, st);
        st.work.seeker_score = {score[0], score[1], score[2]};
        st.work.matching_support.assign(support.begin(), support.end());
        matching::share_vacancies(par, w->ctx(), st);
        double h = 0;
        for (std::size_t r = 0; r < 3; ++r) h += score[r] * support[r] * st.work.chance[r];
        return h;
    };
    const Triple none = {1, 1, 1}, coached = {1.4, 1, 1};
    CHECK(total(0.0, coached) == Approx(total(0.0, none)).epsilon(1e-12));  // zero-sum
    CHECK(total(0.25, none) == Approx(total(0.0, none)).epsilon(1e-12));   // nobody coached: nothing added
    const double added = total(0.25, coached) - total(0.0, none);
    CHECK(added > 0);
    // Exactly the substitution share of the coached seekers' extra score, in vacancies, region by
    // region (the rule written out in expected_sharing), and twice as much at twice the share.
    auto vacancies = [&](const Triple& support, double substitution) {
        const auto v = expected_sharing(w->rd, {}, score, support, 2.4, 0, 1.5, substitution).vacancies;
        return v[0] + v[1] + v[2];
    };
    CHECK(added == Approx(vacancies(coached, 0.25) - vacancies(none, 0.25)).epsilon(1e-9));
    CHECK(added < 0.25 * vacancies(none, 0) * 0.4);  // below the share times the coached score's rise
    CHECK(total(0.5, coached) - total(0.0, none) == Approx(2 * added).epsilon(1e-9));
}

TEST_CASE("matching: the jobcoach caseload never exceeds the slots its budget buys", "[unit][process][lever]") {
    // Slots = the region's share of the budget / cost per person: 3e6 x 1/6 / 5,000 = 100 in AM01.
    // Coached workers fill them first, at the UWV weights; the rest cover the seekers.
    auto w = world(matching_scenario());
    State& st = w->st;
    const auto par = matching::params(w->sc);
    for (auto& p : st.policy) p = all_functions();
    CHECK(matching::coaching_slots(par, w->ctx(), st, 0) == Approx(100).epsilon(1e-12));
    for (int k = 0; k < 40; ++k) enter_status(w->ctx(), st, add_person(st, 0, Status::seeking, 0.5f), Status::regular, kSupported);
    CHECK(matching::coached_workers_load(par, st, 0) == Approx(40));
    for (int k = 0; k < 300; ++k) start_spell(w->ctx(), st, add_person(st, 0, Status::seeking, 0.5f), st.now.index);
    matching::open_month(par, st);
    for (std::size_t k = 0; k < st.monthly.size(); ++k) matching::add_seeker(par, st, st.monthly[k], k);
    matching::cover_seekers(par, w->ctx(), st);
    CHECK(st.work.coverage[0] == Approx(60.0 / 300).epsilon(1e-12));
    CHECK(st.work.matching_support[0] == Approx(1 + 0.4 * 0.2).epsilon(1e-12));
    CHECK(st.work.coach_free[0] == Approx(60));
    CHECK(40 + st.work.coverage[0] * st.work.seekers[0] <= 100 + 1e-9);
    CHECK(st.work.caseload[0] == Approx(100));
    // A year on, the coached workers weigh half (UWV rule: 7.5 % of hours against 15 %).
    st.now.index += 12;
    CHECK(matching::coached_workers_load(par, st, 0) == Approx(20));
    st.now.index += 24;  // after three years they are no longer coached: the month clears their slot
    open_job_starts(st);
    CHECK(matching::coached_workers_load(par, st, 0) == 0);
    // Without a budget, no slots, no cover.
    auto sc = w->sc;
    sc.policy.company.matching.budget_euro_per_year = YearSeries(0.0);
    const auto none = matching::params(sc);
    matching::cover_seekers(none, w->ctx(), st);
    CHECK(st.work.coverage[0] == 0);
    CHECK(st.work.matching_support[0] == 1);
}

TEST_CASE("matching: the placement hazard is score x chance x support, capped", "[unit][process][lever]") {
    auto w = world(matching_scenario());
    State& st = w->st;
    const auto par = matching::params(w->sc);
    matching::open_month(par, st);
    st.work.matching_support = {1.0, 1.4, 1.4};
    st.work.chance = {0.1, 0.1, 1.0};
    ListEntry e;
    e.score = 0.5f;
    e.municipality = 0;
    CHECK(matching::placement_hazard(par, w->ctx(), st, e) == Approx(0.05).epsilon(1e-7));
    e.municipality = 1;
    CHECK(matching::placement_hazard(par, w->ctx(), st, e) == Approx(0.07).epsilon(1e-7));
    e.municipality = 2;  // 0.7 a month, above the cap: a monthly chance of 0.2
    CHECK(matching::placement_hazard(par, w->ctx(), st, e) == Approx(-std::log(0.8)).epsilon(1e-12));
}

TEST_CASE("matching: below the LKS threshold a job comes with LKS", "[unit][process][lever]") {
    for (const double threshold : {0.8, 0.6}) {
        auto sc = matching_scenario();
        sc.behaviour.matching.lks_loonwaarde_threshold = threshold;
        auto w = world(sc);
        State& st = w->st;
        const auto par = matching::params(sc);
        const auto a = add_person(st, 0, Status::seeking, 0.7f);
        const auto b = add_person(st, 0, Status::seeking, 0.85f);
        MonthAccounts acc(w->rd.size());
        matching::place(par, w->ctx(), st, acc, a, 0);
        matching::place(par, w->ctx(), st, acc, b, 0);
        CHECK(st.persons.status[a] == (threshold > 0.7 ? Status::regular_lks : Status::regular));
        CHECK(st.persons.status[b] == Status::regular);
        CHECK(acc[0][Flow::placements] == 2);
        CHECK(st.persons.has(a, kEverPlaced));
    }
}

TEST_CASE("matching: the detachering facility makes its share of placements detachering", "[unit][process][lever]") {
    // 20,000 placements in a region with the facility: the detached count within four binomial
    // sigmas (about 2.5 % of the placements) of 40 %; none without it.
    auto w = world(matching_scenario());
    State& st = w->st;
    const auto par = matching::params(w->sc);
    st.policy[0] = all_functions();
    st.policy[1] = all_functions();
    st.policy[1].detachering = false;
    constexpr int kN = 20000;
    MonthAccounts acc(w->rd.size());
    for (int k = 0; k < 2 * kN; ++k) {
        const std::size_t r = std::size_t(k % 2);
        const auto i = add_person(st, r, Status::seeking, 0.5f);
        matching::place(par, w->ctx(), st, acc, i, r);
    }
    CHECK(std::abs(double(count(st, 0, Status::detached)) - kN * 0.4) < four_sigma(kN, 0.4));
    CHECK(count(st, 0, Status::detached) + count(st, 0, Status::regular_lks) == kN);
    CHECK(count(st, 1, Status::detached) == 0);
}

TEST_CASE("matching: activation from dagbesteding is a clock at the yearly rate", "[unit][process][lever]") {
    auto sc = matching_scenario();
    sc.behaviour.matching.dagbesteding_to_seeking_rate_per_year = 0.03;
    const auto w = world(sc);
    for (std::size_t r = 0; r < 3; ++r)
        CHECK(w->st.hazards.of_status(2016, r, Status::dagbesteding).total() == Approx(0.03 / 12).epsilon(1e-12));
    CHECK(w->st.hazards.rule(Status::dagbesteding).kind == SpellKind::clock);
    CHECK(w->st.hazards.rule(Status::seeking).kind == SpellKind::monthly);
}

TEST_CASE("matching: a month's placements per region are the analytic expectation", "[unit][process][lever]") {
    // Many seekers, unevenly spread (AM01 has most seekers per vacancy), loonwaarde from 0.2 to 0.8
    // and a tenth of them from the Wsw waitlist. Each seeker is placed with probability
    // 1 - exp(-min(cap, score x chance x support)) on a fresh clock, so the placements of each home
    // region lie within four sigmas of the sum of those probabilities. Each function alone, then all.
    auto sc = matching_scenario();
    sc.behaviour.matching.vacancies_per_1000_pop_15_64_per_year = YearSeries(60.0);
    sc.behaviour.matching.loonwaarde_elasticity = 1.5;
    sc.behaviour.matching.waitlist_score_multiplier = 0.7;
    const std::array<int, 3> seekers = {50000, 20000, 6000};
    CompanyFunctions services{}, support{}, networks{};
    services.ontwikkelbedrijf = services.employer_services = true;
    support.ontwikkelbedrijf = support.matching = true;
    networks.ontwikkelbedrijf = networks.employer_networks = true;
    const std::array<Policies, 5> cases = {Policies{}, Policies{services, services, services},
                                           Policies{support, support, support}, Policies{networks, networks, networks},
                                           Policies{all_functions(), all_functions(), all_functions()}};
    std::array<std::array<double, 3>, 5> observed{};
    for (std::size_t c = 0; c < cases.size(); ++c) {
        INFO("case " << c);
        const Policies& pol = cases[c];
        auto w = world(sc);
        State& st = w->st;
        const auto par = matching::params(sc);
        for (std::size_t r = 0; r < 3; ++r) {
            st.policy[r] = pol[r];
            st.policy[r].detachering = false;
        }
        std::array<double, 3> score{};
        std::vector<double> own;  // each seeker's score, as the rule gives it
        for (std::size_t r = 0; r < 3; ++r)
            for (int k = 0; k < seekers[r]; ++k) {
                const float lw = 0.2f + 0.1f * float(k % 7);
                const bool waitlist = k % 10 == 0;
                const auto i = add_person(st, r, Status::seeking, lw, 36, 0,
                                          waitlist ? Origin::wsw_waitlist : Origin::doelgroep);
                start_spell(w->ctx(), st, i, st.now.index);
                own.push_back(std::pow(double(st.persons.rec[i].loonwaarde), 1.5) * (waitlist ? 0.7 : 1.0));
                score[r] += own.back();
            }
        matching::open_month(par, st);
        for (std::size_t k = 0; k < st.monthly.size(); ++k) matching::add_seeker(par, st, st.monthly[k], k);
        MonthAccounts acc(w->rd.size());
        matching::step(par, w->ctx(), st, acc);

        // Jobcoach cover: the region's slots (3e6 x population share / 5,000) over its seekers.
        Triple cover{};
        for (std::size_t r = 0; r < 3; ++r) {
            const double slots = 3e6 * w->rd.regions[r].population_15_64 / 600000.0 / 5000;
            cover[r] = pol[r].matching ? 1 + 0.4 * std::min(1.0, slots / seekers[r]) : 1.0;
        }
        const auto want = expected_sharing(w->rd, pol, score, cover, 60.0, 1.2e6 / 50000, 1.5, 0.25);
        std::array<double, 3> mean{}, var{};
        std::size_t k = 0;
        for (std::size_t r = 0; r < 3; ++r)
            for (int j = 0; j < seekers[r]; ++j, ++k) {
                const double support_r = cover[r];
                const double h = std::min(-std::log(0.8), own[k] * want.chance[r] * support_r);
                const double p = 1 - std::exp(-h);
                mean[r] += p;
                var[r] += p * (1 - p);
            }
        for (std::size_t r = 0; r < 3; ++r) {
            INFO("region " << r << ": expected " << mean[r]);
            observed[c][r] = double(acc[r][Flow::placements]);
            CHECK(std::abs(observed[c][r] - mean[r]) < 4 * std::sqrt(var[r]));
        }
    }
    auto all = [](const std::array<double, 3>& a) { return a[0] + a[1] + a[2]; };
    CHECK(all(observed[1]) > all(observed[0]));  // employer services: more vacancies
    CHECK(observed[3][0] > observed[0][0]);      // networks: AM01's many seekers reach its neighbours
}

TEST_CASE("no vacancies: nobody is placed", "[unit][process]") {
    const auto rd = tiny_regions();
    auto sc = tiny_scenario();
    sc.behaviour.matching.vacancies_per_1000_pop_15_64_per_year = YearSeries(0.0);
    const auto run = run_scenario(sc, rd, 0);
    for (int y = 2015; y <= 2017; ++y) CHECK(nl(run, y).flow(Flow::placements) == 0);
}

TEST_CASE("vacancies are finite: more seekers do not make more jobs", "[unit][process]") {
    const auto rd = tiny_regions();
    auto few = tiny_scenario();
    few.behaviour.matching.max_placement_probability_per_month = 1.0;
    few.behaviour.matching.vacancies_per_1000_pop_15_64_per_year = YearSeries(0.5);  // 25 a month
    auto many = few;
    many.population.bijstand_persons *= 4;
    const double vacancies_per_year = 0.5 * 600000 / 1000;
    const double p_few = nl(run_scenario(few, rd, 0), 2015).flow(Flow::placements);
    const double p_many = nl(run_scenario(many, rd, 0), 2015).flow(Flow::placements);
    // Both are bounded by the vacancies (binomial noise: 3 sigma of ~300), and four times as many
    // seekers give about the same number of placements.
    CHECK(p_few <= vacancies_per_year + 3 * std::sqrt(vacancies_per_year));
    CHECK(p_many <= vacancies_per_year + 3 * std::sqrt(vacancies_per_year));
    CHECK(p_many == Approx(p_few).epsilon(0.2));
}
