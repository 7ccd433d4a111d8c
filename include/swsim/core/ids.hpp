// Typed identifiers and the closed sets of statuses, origin groups and processes.
// A person is in exactly one Status; exits are not a status but a flow (the person leaves
// the population). Origin is the group a person entered the model in and never changes.
#pragma once

#include <array>
#include <cstdint>
#include <string_view>

namespace swsim {

using PersonId = std::uint32_t;   // stable: the same person in every scenario of a comparison
using RegionIndex = std::uint16_t;        // 0-based position in the region table
using MunicipalityIndex = std::uint16_t;  // 0-based position in the municipality table
using CompanyIndex = std::uint16_t;       // 0-based position in the company table

enum class Status : std::uint8_t {
    wsw_intern,
    wsw_detached,
    wsw_begeleid,
    beschut,
    training,
    detached,
    regular_lks,
    regular,
    seeking,
    dagbesteding,
};
inline constexpr int kStatusCount = 10;

inline constexpr std::array<std::string_view, kStatusCount> kStatusNames = {
    "wsw_intern", "wsw_detached", "wsw_begeleid", "beschut",  "training",
    "detached",   "regular_lks",  "regular",      "seeking",  "dagbesteding",
};

constexpr std::string_view name(Status s) { return kStatusNames[static_cast<int>(s)]; }
// A Wsw worker's status (by name, not by the enum's order).
constexpr bool is_wsw(Status s) {
    return s == Status::wsw_intern || s == Status::wsw_detached || s == Status::wsw_begeleid;
}
// A job with a regular employer (where job loss applies).
constexpr bool is_regular_job(Status s) {
    return s == Status::detached || s == Status::regular_lks || s == Status::regular;
}

enum class Origin : std::uint8_t { wsw, wsw_waitlist, doelgroep, bijstand, beschut_advice };
inline constexpr int kOriginCount = 5;
inline constexpr std::array<std::string_view, kOriginCount> kOriginNames = {
    "wsw", "wsw_waitlist", "doelgroep", "bijstand", "beschut_advice"};
constexpr std::string_view name(Origin o) { return kOriginNames[static_cast<int>(o)]; }

// The stream code of random draws (DrawKey::process): which process or clock a draw belongs to.
// The codes are part of every random key, so they are pinned: never renumber or reuse one, and give
// a new stream the next free code. A golden test (tests/rng.tests.cpp) holds draws of every code
// fixed. The order of the processes in a month is written down once, in step_month (model.cpp).
enum class Process : std::uint8_t {
    population_init = 0,  // a person's attributes at creation; region counts of the base month
    demography = 1,       // (reserved: demography draws only through exit_clock)
    inflow = 2,           // region counts of the month's new persons
    beschut = 3,          // (reserved)
    wsw_moves = 4,        // (reserved: Wsw moves draw only through status_clock)
    training = 5,         // (reserved)
    matching = 6,         // the kind of job at a placement
    job_loss = 7,         // the beschut advice on the way back
    exit_clock = 8,       // a person's Exp(1) threshold for leaving (death, other exit)
    status_clock = 9,     // (retired: spell thresholds keyed by start month, before spell_clock)
    spell_clock = 10,     // the Exp(1) threshold of one status spell, keyed by its number (SpellCount)
};

// The kinds of spell a person's record counts (PersonRecord::spells). A spell's threshold is keyed
// by its kind and its number among the person's spells of that kind, so that two scenarios give the
// same person's k-th job (or seeking spell, or training) the same draw whatever month it starts in
// and whichever job it is: common random numbers that stay paired when careers drift apart. The
// values are pinned stream codes (the counter of the spell_clock stream): never renumber them.
enum class SpellCount : std::uint8_t {
    seeking = 0,
    job = 1,       // detached, regular_lks, regular
    training = 2,
    other = 3,     // the Wsw statuses, beschut werk, dagbesteding
};
constexpr SpellCount spell_count(Status s) {
    switch (s) {
        case Status::seeking: return SpellCount::seeking;
        case Status::detached:
        case Status::regular_lks:
        case Status::regular: return SpellCount::job;
        case Status::training: return SpellCount::training;
        case Status::wsw_intern:
        case Status::wsw_detached:
        case Status::wsw_begeleid:
        case Status::beschut:
        case Status::dagbesteding: return SpellCount::other;
    }
    return SpellCount::other;
}

}  // namespace swsim
