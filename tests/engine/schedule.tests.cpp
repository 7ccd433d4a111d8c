// The pinned random keys of the scheduler: stream codes and spell thresholds held at golden values,
// so a change of the key scheme (which reshuffles every result) is always deliberate.
#include <catch2/catch.hpp>

#include "fixture.hpp"
#include "swsim/engine/schedule.hpp"

using namespace swsim;

namespace {
// A population of one person (id 7) in status s since month `since`, with `spells` of its kind entered.
Population one_person(Status s, std::int32_t since, int spells) {
    Population p;
    p.add(7, 0, since - 30 * 12, Origin::doelgroep, s, Month{since}, 0.5f, 28.0f, 0);
    for (int k = 1; k < spells; ++k) p.rec[0].count_spell(spell_count(s));
    return p;
}
}  // namespace

TEST_CASE("stream codes are pinned: never renumbered", "[unit][rng][determinism]") {
    CHECK(static_cast<int>(Process::population_init) == 0);
    CHECK(static_cast<int>(Process::inflow) == 2);
    CHECK(static_cast<int>(Process::matching) == 6);
    CHECK(static_cast<int>(Process::job_loss) == 7);
    CHECK(static_cast<int>(Process::exit_clock) == 8);
    CHECK(static_cast<int>(Process::spell_clock) == 10);
    CHECK(static_cast<int>(SpellCount::seeking) == 0);
    CHECK(static_cast<int>(SpellCount::job) == 1);
    CHECK(static_cast<int>(SpellCount::training) == 2);
    CHECK(static_cast<int>(SpellCount::other) == 3);
    // Every job is one kind, so the k-th job has the same threshold whichever job it is.
    CHECK(spell_count(Status::regular) == SpellCount::job);
    CHECK(spell_count(Status::regular_lks) == SpellCount::job);
    CHECK(spell_count(Status::detached) == SpellCount::job);
    CHECK(is_wsw(Status::wsw_begeleid));
    CHECK_FALSE(is_wsw(Status::beschut));
}

TEST_CASE("spell thresholds are keyed by spell number, not by start month (golden values)",
          "[unit][rng][determinism]") {
    const auto rd = test::tiny_regions();
    auto sc = test::tiny_scenario();
    sc.simulation.seed = 20150101;
    const auto m = make_model(sc, rd, 0);
    const ModelContext& ctx = m.ctx;

    // The first seeking spell and the third job: golden values of the scheme.
    CHECK(status_threshold(ctx, one_person(Status::seeking, 24180, 1), 0) == 0.862708151f);
    CHECK(status_threshold(ctx, one_person(Status::regular, 24180, 3), 0) == 0.240035266f);
    CHECK(exit_threshold(ctx, one_person(Status::regular, 24180, 3), 0) == 1.692433f);
    // The same spell starting in another month, or as another kind of job: the same threshold.
    CHECK(status_threshold(ctx, one_person(Status::regular, 24300, 3), 0) == 0.240035266f);
    CHECK(status_threshold(ctx, one_person(Status::detached, 24200, 3), 0) == 0.240035266f);
    // Another number, kind or replicate: another threshold.
    CHECK(status_threshold(ctx, one_person(Status::regular, 24180, 2), 0) != 0.240035266f);
    CHECK(status_threshold(ctx, one_person(Status::training, 24180, 3), 0) != 0.240035266f);
    auto other_rep = ctx;
    other_rep.replicate = 1;
    CHECK(status_threshold(other_rep, one_person(Status::regular, 24180, 3), 0) != 0.240035266f);
    // From the 15th spell of a kind on, the start month tells the spells apart.
    const auto late = status_threshold(ctx, one_person(Status::seeking, 24180, 15), 0);
    CHECK(late != status_threshold(ctx, one_person(Status::seeking, 24181, 15), 0));
    CHECK(late == status_threshold(ctx, one_person(Status::seeking, 24180, 20), 0));
    CHECK(spell_number(1, 24180) == 0);
    CHECK(spell_number(14, 24180) == 13);
    CHECK(spell_number(15, 24180) == 16 + 24180);
}

TEST_CASE("a person's spells are counted per kind, saturating at 15", "[unit][determinism]") {
    auto p = one_person(Status::seeking, 24180, 1);
    CHECK(p.rec[0].spells_entered(SpellCount::seeking) == 1);
    CHECK(p.rec[0].spells_entered(SpellCount::job) == 0);
    for (int k = 0; k < 40; ++k) p.rec[0].count_spell(SpellCount::job);
    CHECK(p.rec[0].spells_entered(SpellCount::job) == 15);
    CHECK(p.rec[0].spells_entered(SpellCount::seeking) == 1);  // no carry into the next kind
    CHECK(p.rec[0].spells_entered(SpellCount::training) == 0);
    CHECK(p.rec[0].hours_per_week() == 28.0f);
}
