#include <catch2/catch.hpp>

#include <cmath>

#include "fixture.hpp"
#include "swsim/output/tables.hpp"
#include "swsim/process/beschut.hpp"
#include "swsim/process/budget.hpp"
#include "swsim/process/demography.hpp"
#include "swsim/process/inflow.hpp"
#include "swsim/process/job_loss.hpp"
#include "swsim/process/matching.hpp"
#include "swsim/process/training.hpp"
#include "swsim/process/wsw_moves.hpp"
#include "swsim/run/run.hpp"

using namespace swsim;
using swsim::test::context;
using swsim::test::tiny_regions;
using swsim::test::tiny_scenario;

namespace {
std::int64_t total(const State& st) {
    std::int64_t n = 0;
    for (const auto& c : st.counts)
        for (auto v : c) n += v;
    return n;
}
std::int64_t total(const State& st, Status s) {
    std::int64_t n = 0;
    for (std::size_t r = 0; r < st.counts.size(); ++r) n += count(st, r, s);
    return n;
}
std::int64_t sum(const MonthAccounts& acc, Flow f) {
    std::int64_t n = 0;
    for (const auto& a : acc) n += a[f];
    return n;
}
const YearRecord& nl(const RunResult& run, int year) {
    for (const auto& r : run.records)
        if (r.region == "NL" && r.year == year) return r;
    throw std::runtime_error("no NL record");
}
}  // namespace

TEST_CASE("the base population matches the scenario's stocks and regional shares", "[unit][model]") {
    const auto rd = tiny_regions();
    const auto sc = tiny_scenario();
    const auto st = init_state(context(sc, rd));
    const double wsw = double(total(st, Status::wsw_intern) + total(st, Status::wsw_detached) +
                              total(st, Status::wsw_begeleid));
    CHECK(wsw == Approx(600).margin(2));
    // Regions hold 1:2:3 of the Wsw stock (the regions file's Wsw column).
    const auto in_region = [&](std::size_t r) {
        return count(st, r, Status::wsw_intern) + count(st, r, Status::wsw_detached) + count(st, r, Status::wsw_begeleid);
    };
    CHECK(in_region(0) == Approx(100).margin(1));
    CHECK(in_region(2) == Approx(300).margin(1));
    CHECK(double(total(st, Status::wsw_detached)) / wsw == Approx(0.304).margin(0.06));
    CHECK(double(total(st)) == Approx(600 + 60 + 1200 + 2400).margin(4));
    // Person ids are 0..N-1, each once.
    for (std::size_t i = 0; i < st.persons.size(); ++i) REQUIRE(st.persons.id[i] == i);
}

TEST_CASE("a month conserves persons: stock + inflow - exits", "[unit][model]") {
    const auto rd = tiny_regions();
    const auto sc = tiny_scenario();
    const auto ctx = context(sc, rd);
    State st = init_state(ctx);
    MonthAccounts acc;
    for (int m = 0; m < 24; ++m) {
        const auto before = total(st);
        step_month(ctx, st, acc);
        const auto exits = sum(acc, Flow::exits_died) + sum(acc, Flow::exits_retired) + sum(acc, Flow::exits_other);
        REQUIRE(total(st) == before + sum(acc, Flow::inflow) - exits);
        std::int64_t alive = 0;
        for (std::size_t i = 0; i < st.persons.size(); ++i) alive += st.persons.alive(i) ? 1 : 0;
        REQUIRE(total(st) == alive);
        check_invariants(ctx, st, st.counts, MonthAccounts(rd.size()));  // counts in step with persons
    }
}

TEST_CASE("zero inflow: nobody enters and the population only shrinks", "[unit][model]") {
    const auto rd = tiny_regions();
    auto sc = tiny_scenario();
    sc.inflow.doelgroep.per_year = sc.inflow.bijstand.per_year = sc.inflow.beschut_advices.per_year = YearSeries(0.0);
    const auto ctx = context(sc, rd);
    State st = init_state(ctx);
    MonthAccounts acc;
    auto last = total(st);
    for (int m = 0; m < 12; ++m) {
        step_month(ctx, st, acc);
        REQUIRE(sum(acc, Flow::inflow) == 0);
        REQUIRE(total(st) <= last);
        last = total(st);
    }
    CHECK(total(st, Status::beschut) == 0);  // no advices, no beschut workers
}

TEST_CASE("no vacancies: nobody is placed", "[unit][model]") {
    const auto rd = tiny_regions();
    auto sc = tiny_scenario();
    sc.behaviour.matching.vacancies_per_1000_pop_15_64_per_year = YearSeries(0.0);
    const auto run = run_scenario(sc, rd, 0);
    for (int y = 2015; y <= 2017; ++y) CHECK(nl(run, y).flow(Flow::placements) == 0);
}

TEST_CASE("vacancies are finite: more seekers do not make more jobs", "[unit][model]") {
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

TEST_CASE("no beschut places: advices wait and nobody works in beschut", "[unit][model]") {
    const auto rd = tiny_regions();
    auto sc = tiny_scenario();
    sc.policy.beschut.taakstelling_places = YearSeries(0.0);
    sc.policy.company.mode = CompanyMode::ontwikkelbedrijf;
    sc.policy.company.switch_year = 2015;
    const auto run = run_scenario(sc, rd, 0);
    CHECK(nl(run, 2017).status(Status::beschut) == 0);
    CHECK(nl(run, 2017).flow(Flow::beschut_placements) == 0);
}

TEST_CASE("beschut placements never exceed the places", "[unit][model]") {
    const auto rd = tiny_regions();
    auto sc = tiny_scenario();
    sc.inflow.beschut_advices.per_year = YearSeries(5.0);  // far more advices than places
    sc.policy.beschut.taakstelling_places = YearSeries(100);
    sc.policy.beschut.outside_realisation_share = YearSeries(1.0);
    const auto run = run_scenario(sc, rd, 0);
    for (const auto& r : run.records) {
        if (r.region == "NL") continue;
        const auto& reg = rd.regions[std::size_t(rd.find(r.region))];
        const double places = std::floor(100 * reg.population_15_64 / 600000);
        REQUIRE(r.status(Status::beschut) <= places);
    }
    CHECK(nl(run, 2017).status(Status::beschut) >= 97);  // 16 + 33 + 50 places, all filled
}

TEST_CASE("everyone at the AOW age retires", "[unit][model]") {
    const auto rd = tiny_regions();
    auto sc = tiny_scenario();
    const auto ctx = context(sc, rd);
    State st = init_state(ctx);
    st.persons.birth_month[0] = st.now.index - 783;  // exactly 65y3m in 2015
    st.persons.birth_month[1] = st.now.index - 782;  // one month younger
    MonthAccounts acc(rd.size());
    step_demography(ctx, st, acc);
    CHECK(st.persons.has(0, kExited));
    CHECK(sum(acc, Flow::exits_retired) >= 1);
    // Person 1 is not retired this month (it may still die or leave, with small probability).
    const bool person1_out = st.persons.has(1, kExited);
    if (person1_out) CHECK(sum(acc, Flow::exits_died) + sum(acc, Flow::exits_other) >= 1);
}

TEST_CASE("loonkostensubsidie follows (1 - loonwaarde) x 1.08 x WML x 1.23, pro rata hours", "[unit][model]") {
    const auto rd = tiny_regions();
    auto sc = tiny_scenario();
    sc.population.wsw_persons = sc.population.waitlist_persons = sc.population.bijstand_persons = 0;
    sc.population.doelgroep_persons = 0;
    const auto ctx = context(sc, rd);
    State st = init_state(ctx);
    GroupProfile prof{0.4, 0.0, 18.0, 30, 30};
    Stream draws(DrawKey{1, 0, 0, 0, Process::population_init});
    create_person(st, st.next_id++, 1, Origin::doelgroep, Status::regular_lks, prof, 30 * 12, 0, draws);
    MonthAccounts acc(rd.size());
    step_budget(ctx, st, acc);
    const double expected = (1 - 0.4) * 1.08 * 18000 * 1.23 * 18.0 / 36.0 / 12.0;
    CHECK(acc[1][Money::lks] == Approx(expected).epsilon(1e-6));
    CHECK(acc[1][Money::begeleiding] == Approx(5000.0 / 12).epsilon(1e-9));
    CHECK(acc[0][Money::lks] == 0);
}

TEST_CASE("job loss: the way back returns people to the ontwikkelbedrijf, not to seeking", "[unit][model]") {
    const auto rd = tiny_regions();
    auto sc = tiny_scenario();
    sc.policy.company.mode = CompanyMode::ontwikkelbedrijf;
    sc.policy.company.switch_year = 2015;
    sc.behaviour.job_loss.rate_per_year = 1e6;  // everyone loses the job this month
    sc.policy.company.matching.job_loss_multiplier = 1.0;
    const auto ctx = context(sc, rd);
    State st = init_state(ctx);
    st.now.index += 1;  // jobs held since the base month
    const auto workers = total(st, Status::regular) + total(st, Status::regular_lks);
    REQUIRE(workers > 0);
    MonthAccounts acc(rd.size());
    step_job_loss(ctx, st, acc);
    CHECK(sum(acc, Flow::job_losses) == workers);
    CHECK(sum(acc, Flow::returns) == workers);
    CHECK(total(st, Status::training) == workers);

    sc.policy.company.mode = CompanyMode::sterfhuis;
    const auto ctx2 = context(sc, rd);
    State st2 = init_state(ctx2);
    st2.now.index += 1;
    MonthAccounts acc2(rd.size());
    const auto seeking = total(st2, Status::seeking);
    step_job_loss(ctx2, st2, acc2);
    CHECK(sum(acc2, Flow::returns) == 0);
    CHECK(total(st2, Status::seeking) == seeking + workers);
}

TEST_CASE("a company at zero headcount: no places, no division by zero", "[unit][model]") {
    const auto rd = tiny_regions();
    auto sc = tiny_scenario();
    sc.population.wsw_persons = 0;
    const auto run = run_scenario(sc, rd, 0);
    const auto& y = nl(run, 2016);
    CHECK(y.wsw() == 0);
    CHECK(y.line(Money::rijksbijdrage) == 0);
    CHECK(std::isnan(y.deficit_per_place()));
    CHECK(yearly_csv({run}).find(",NA\n") != std::string::npos);
}

TEST_CASE("sterfhuis: overhead is sticky, so the deficit per place rises as Wsw shrinks", "[unit][model]") {
    const auto rd = tiny_regions();
    auto sc = tiny_scenario();
    sc.simulation.end = Month::of(2024, 12);
    sc.behaviour.demography.wsw_other_exit_rate_per_year = YearSeries(0.10);
    const auto run = run_scenario(sc, rd, 0);
    CHECK(nl(run, 2024).wsw() < 0.6 * nl(run, 2015).wsw());
    CHECK(nl(run, 2024).deficit_per_place() > nl(run, 2016).deficit_per_place() + 1000);
    // Overhead fell, but by no more than the yearly cut limit allows.
    const double o15 = nl(run, 2015).line(Money::company_overhead);
    const double o24 = nl(run, 2024).line(Money::company_overhead);
    CHECK(o24 < o15);
    CHECK(o24 >= o15 * std::pow(1 - sc.policy.company.overhead_max_cut_share_per_year, 9) - 1);
}

TEST_CASE("budget lines add up to the municipal net cost, regions add up to NL", "[unit][model]") {
    const auto rd = tiny_regions();
    auto sc = tiny_scenario();
    sc.policy.company.mode = CompanyMode::ontwikkelbedrijf;
    const auto run = run_scenario(sc, rd, 0);
    for (int year = 2015; year <= 2017; ++year) {
        double net = 0, lks = 0, persons = 0;
        for (const auto& r : run.records)
            if (r.year == year && r.region != "NL") {
                net += r.municipal_net_cost();
                lks += r.line(Money::lks);
                persons += r.status(Status::seeking);
            }
        const auto& n = nl(run, year);
        CHECK(n.municipal_net_cost() == Approx(net).epsilon(1e-12));
        CHECK(n.line(Money::lks) == Approx(lks).epsilon(1e-12));
        CHECK(n.status(Status::seeking) == persons);
        const double lines = n.line(Money::wsw_wages) + n.line(Money::beschut_wages) + n.line(Money::lks) +
                             n.line(Money::begeleiding) + n.line(Money::training_cost) +
                             n.line(Money::bijstand_benefits) - n.line(Money::rijksbijdrage) -
                             n.line(Money::beschut_state_addition) - n.line(Money::company_revenue) +
                             n.line(Money::company_overhead) + n.line(Money::company_variable_cost);
        CHECK(n.municipal_net_cost() == Approx(lines).epsilon(1e-12));
    }
}

TEST_CASE("same seed, same tables; another seed, other tables", "[determinism][model]") {
    const auto rd = tiny_regions();
    auto sc = tiny_scenario();
    const auto a = yearly_csv({run_scenario(sc, rd, 0)});
    CHECK(a == yearly_csv({run_scenario(sc, rd, 0)}));
    CHECK(a != yearly_csv({run_scenario(sc, rd, 1)}));
    sc.simulation.seed = 43;
    CHECK(a != yearly_csv({run_scenario(sc, rd, 0)}));
}

TEST_CASE("replicates in parallel equal replicates one by one", "[determinism][model]") {
    const auto rd = tiny_regions();
    const auto sc = tiny_scenario();
    const auto par = run_replicates(sc, rd, 3, 4);
    for (std::uint32_t k = 0; k < 4; ++k) CHECK(yearly_csv({par[k]}) == yearly_csv({run_scenario(sc, rd, 3 + k)}));
}

TEST_CASE("common random numbers: a person starts the same in both scenarios", "[determinism][model]") {
    const auto rd = tiny_regions();
    auto a = tiny_scenario();
    auto b = a;
    b.policy.company.mode = CompanyMode::ontwikkelbedrijf;
    b.policy.company.switch_year = 2015;
    const auto sa = init_state(context(a, rd));
    const auto sb = init_state(context(b, rd));
    REQUIRE(sa.persons.size() == sb.persons.size());
    CHECK(sa.persons.loonwaarde == sb.persons.loonwaarde);
    CHECK(sa.persons.birth_month == sb.persons.birth_month);
    CHECK(sa.persons.status == sb.persons.status);
}

TEST_CASE("an ontwikkelbedrijf places more people than a sterfhuis", "[unit][model]") {
    const auto rd = tiny_regions();
    auto a = tiny_scenario();
    auto b = a;
    b.policy.company.mode = CompanyMode::ontwikkelbedrijf;
    b.policy.company.switch_year = 2015;
    const auto ra = run_scenario(a, rd, 0);
    const auto rb = run_scenario(b, rd, 0);
    auto working = [](const YearRecord& r) {
        return r.status(Status::regular) + r.status(Status::regular_lks) + r.status(Status::detached);
    };
    CHECK(working(nl(rb, 2017)) > working(nl(ra, 2017)));
    CHECK(nl(rb, 2017).status(Status::training) > 0);
    CHECK(nl(ra, 2017).status(Status::training) == 0);
}

TEST_CASE("the fused month equals the eight processes run one after the other", "[regression][model]") {
    const auto rd = tiny_regions();
    auto sc = tiny_scenario();
    sc.policy.company.mode = CompanyMode::ontwikkelbedrijf;
    sc.policy.company.switch_year = 2016;  // both modes, and the switch itself
    const auto ctx = context(sc, rd);
    State fused = init_state(ctx);
    State steps = init_state(ctx);
    MonthAccounts a, b;
    for (int m = 0; m < 30; ++m) {
        step_month(ctx, fused, a);

        if (steps.now.month() == 1) steps.policy = region_policy(sc, rd, steps.now.year());
        b.assign(rd.size(), RegionAccount{});
        step_demography(ctx, steps, b);
        step_inflow(ctx, steps, b);
        step_beschut(ctx, steps, b);
        step_wsw_moves(ctx, steps, b);
        step_training(ctx, steps, b);
        step_matching(ctx, steps, b);
        step_job_loss(ctx, steps, b);
        step_budget(ctx, steps, b);
        if (steps.now.month() == 12) steps.persons.remove_exited();
        ++steps.now.index;

        for (std::size_t r = 0; r < rd.size(); ++r) {
            REQUIRE(a[r].flows == b[r].flows);
            REQUIRE(a[r].money == b[r].money);
        }
        REQUIRE(fused.counts == steps.counts);
        REQUIRE(fused.persons.status == steps.persons.status);
        REQUIRE(fused.persons.loonwaarde == steps.persons.loonwaarde);
    }
}
