#include <catch2/catch.hpp>

#include <cmath>

#include "fixture.hpp"
#include "swsim/engine/schedule.hpp"
#include "swsim/process/population.hpp"
#include "swsim/output/tables.hpp"
#include "swsim/process/budget.hpp"
#include "swsim/run/run.hpp"
#include "swsim/run/runner.hpp"

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
// The same scenario with an ontwikkelbedrijf in every region from January of `from`.
Scenario with_ontwikkelbedrijf(Scenario sc, int from = 2015) {
    sc.policy.company.mode = CompanyMode::ontwikkelbedrijf;
    sc.policy.company.switch_year = from;
    return sc;
}
template <class F>
auto column(const State& st, F field) {
    std::vector<std::decay_t<decltype(field(st.persons.rec[0]))>> out;
    for (const auto& r : st.persons.rec) out.push_back(field(r));
    return out;
}
const auto loonwaarde = [](const PersonRecord& r) { return r.loonwaarde; };
const auto birth_month = [](const PersonRecord& r) { return r.birth_month; };
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
    for (std::size_t i = 0; i < st.persons.size(); ++i) REQUIRE(st.persons.rec[i].id == i);
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
    auto sc = with_ontwikkelbedrijf(tiny_scenario());
    sc.policy.beschut.taakstelling_places = YearSeries(0.0);
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

TEST_CASE("everyone at the AOW age retires, in the month it is reached", "[unit][model]") {
    const auto rd = tiny_regions();
    auto sc = tiny_scenario();
    const auto ctx = context(sc, rd);
    State st = init_state(ctx);
    const int now = st.now.index;
    REQUIRE(st.hazards.aow(2015) == 783);  // 65 years and 3 months
    st.persons.rec[0].birth_month = now - 783;  // reaches it this month
    st.persons.rec[1].birth_month = now - 782;  // next month
    for (std::size_t i : {0, 1}) schedule_exit(ctx.ctx, st, i, now);
    CHECK(st.persons.exit_due[0] == now);
    CHECK(st.persons.exit_due[1] <= now + 1);
    MonthAccounts acc;
    step_month(ctx, st, acc);
    CHECK(st.persons.has(0, kExited));
    CHECK(sum(acc, Flow::exits_retired) >= 1);
    if (st.persons.has(1, kExited)) CHECK(sum(acc, Flow::exits_died) + sum(acc, Flow::exits_other) >= 1);
    step_month(ctx, st, acc);
    CHECK(st.persons.has(1, kExited));
}

TEST_CASE("retirement month: the first month at or past the AOW age of its year", "[unit][model]") {
    HazardTables hz;
    hz.first_year = 2020;
    hz.last_year = 2022;
    hz.aow_months = {800, 803, 806};
    const int jan = Month::of(2020, 1).index;
    const int end = Month::of(2023, 1).index;
    CHECK(retirement_month(hz, jan - 800, jan, end) == jan);         // already there
    CHECK(retirement_month(hz, jan - 790, jan, end) == jan + 10);    // reaches 800 in November 2020
    CHECK(retirement_month(hz, jan - 780, jan, end) == jan + 23);    // 800 only in 2021, which needs 803
    CHECK(retirement_month(hz, jan - 700, jan, end) == kNever);      // not within the run
}

TEST_CASE("an event month computed ahead is the month a monthly clock is used up", "[unit][model]") {
    // Brute force: subtract h each month from `remaining`; the event is the first month at <= 0.
    auto brute = [](double remaining, double h, int from, int until) {
        for (int m = from; m < until; ++m) {
            if (remaining - h <= 0) return Due{m, remaining};
            remaining -= h;
        }
        return Due{until, remaining};
    };
    Stream draws(DrawKey{7, 0, 0, 0, Process::population_init});
    int events = 0;
    for (int k = 0; k < 20000; ++k) {
        const double remaining = -std::log1p(-draws.uniform());
        const double h = k % 10 == 0 ? 0.0 : std::exp(-7.0 * draws.uniform());  // 1e-3 .. 1, and none
        const int until = 100 + static_cast<int>(draws.below(400));
        const Due a = first_crossing(remaining, h, 100, until);
        const Due b = brute(remaining, h, 100, until);
        // Rounding of the brute force's repeated subtraction may differ where the threshold is a
        // whole number of months to within 1e-9; such draws are skipped.
        if (h > 0 && std::abs(remaining / h - std::round(remaining / h)) < 1e-9) continue;
        REQUIRE(a.month == b.month);
        REQUIRE(a.remaining == Approx(b.remaining).margin(1e-9));
        events += a.month < until ? 1 : 0;
    }
    CHECK(events > 10000);
    CHECK(first_crossing(0.5, 0.0, 3, 10).month == 10);  // no hazard, no event
    CHECK(first_crossing(-0.1, 0.2, 3, 10).month == 3);  // already used up: now
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
    population::create_person(st, st.next_id++, 1, Origin::doelgroep, Status::regular_lks, prof, 30 * 12, 0, draws);
    MonthAccounts acc(rd.size());
    budget::step(budget::params(sc), ctx.ctx, st, acc);
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
    sc.behaviour.job_loss.rate_per_year = 1e6;  // everyone loses the job in the month after placement
    sc.policy.company.matching.job_loss_multiplier = 1.0;
    auto& d = sc.behaviour.demography;  // nobody leaves: the counts below are exact
    d.mortality_rate_at_50_per_year = d.other_exit_rate_per_year = 0;
    d.wsw_other_exit_rate_per_year = YearSeries(0.0);
    d.aow_age_months = YearSeries(100 * 12);
    auto workers = [](const State& st) {
        return total(st, Status::regular) + total(st, Status::regular_lks) + total(st, Status::detached);
    };
    for (const CompanyMode mode : {CompanyMode::ontwikkelbedrijf, CompanyMode::sterfhuis}) {
        sc.policy.company.mode = mode;
        const auto ctx = context(sc, rd);
        State st = init_state(ctx);
        MonthAccounts acc;
        step_month(ctx, st, acc);
        // Not in the month a job starts: the base month's jobs and this month's placements last.
        CHECK(sum(acc, Flow::job_losses) == 0);
        const auto holding = workers(st);
        REQUIRE(holding > 0);
        step_month(ctx, st, acc);
        CHECK(sum(acc, Flow::job_losses) == holding);
        CHECK(sum(acc, Flow::returns) == (mode == CompanyMode::ontwikkelbedrijf ? holding : 0));
        CHECK(workers(st) == sum(acc, Flow::placements));  // only this month's placements hold a job
    }
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
    const auto a = tiny_scenario();
    const auto b = with_ontwikkelbedrijf(a);
    const auto sa = init_state(context(a, rd));
    const auto sb = init_state(context(b, rd));
    REQUIRE(sa.persons.size() == sb.persons.size());
    CHECK(column(sa, loonwaarde) == column(sb, loonwaarde));
    CHECK(column(sa, birth_month) == column(sb, birth_month));
    CHECK(sa.persons.status == sb.persons.status);
}

TEST_CASE("an ontwikkelbedrijf places more people than a sterfhuis", "[unit][model]") {
    const auto rd = tiny_regions();
    const auto a = tiny_scenario();
    const auto b = with_ontwikkelbedrijf(a);
    const auto ra = run_scenario(a, rd, 0);
    const auto rb = run_scenario(b, rd, 0);
    auto working = [](const YearRecord& r) {
        return r.status(Status::regular) + r.status(Status::regular_lks) + r.status(Status::detached);
    };
    CHECK(working(nl(rb, 2017)) > working(nl(ra, 2017)));
    CHECK(nl(rb, 2017).status(Status::training) > 0);
    CHECK(nl(ra, 2017).status(Status::training) == 0);
}

TEST_CASE("event months computed ahead give the same run as checking every clock every month",
          "[regression][model]") {
    const auto rd = tiny_regions();
    auto sc = with_ontwikkelbedrijf(tiny_scenario(), 2016);  // both modes, and the switch itself
    sc.inflow.beschut_advices.per_year = YearSeries(1.0);  // a waiting list
    const auto ctx = context(sc, rd);
    auto reference_ctx = ctx;
    reference_ctx.ctx.monthly_clocks = true;
    State ahead = init_state(ctx);
    State monthly = init_state(reference_ctx);
    MonthAccounts a, b;
    std::int64_t events = 0;
    for (int m = 0; m < 30; ++m) {
        step_month(ctx, ahead, a);
        step_month(reference_ctx, monthly, b);
        for (std::size_t r = 0; r < rd.size(); ++r) {
            REQUIRE(a[r].flows == b[r].flows);
            REQUIRE(a[r].money == b[r].money);
            REQUIRE(a[r].places == b[r].places);
            for (auto f : a[r].flows) events += f;
        }
        REQUIRE(ahead.counts == monthly.counts);
        REQUIRE(ahead.persons.status == monthly.persons.status);
        REQUIRE(column(ahead, loonwaarde) == column(monthly, loonwaarde));
    }
    CHECK(events > 5000);  // the comparison covered many events of every kind
}
