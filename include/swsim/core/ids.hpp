// Typed identifiers and the closed sets of statuses, origin groups and processes.
// A person is in exactly one Status; exits are not a status but a flow (the person leaves
// the population). Origin is the group a person entered the model in and never changes.
#pragma once

#include <array>
#include <cstdint>
#include <string_view>

namespace swsim {

using PersonId = std::uint32_t;   // stable: the same person in every scenario of a comparison
using RegionIndex = std::uint16_t;  // 0-based position in the region table

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
constexpr bool is_wsw(Status s) { return s <= Status::wsw_begeleid; }
// A job with a regular employer (where job loss applies).
constexpr bool is_regular_job(Status s) {
    return s == Status::detached || s == Status::regular_lks || s == Status::regular;
}

enum class Origin : std::uint8_t { wsw, wsw_waitlist, doelgroep, bijstand, beschut_advice };
inline constexpr int kOriginCount = 5;
inline constexpr std::array<std::string_view, kOriginCount> kOriginNames = {
    "wsw", "wsw_waitlist", "doelgroep", "bijstand", "beschut_advice"};
constexpr std::string_view name(Origin o) { return kOriginNames[static_cast<int>(o)]; }

// The monthly processes, in their fixed order; also the "process" key of random draws.
enum class Process : std::uint8_t {
    population_init,
    demography,
    inflow,
    beschut,
    wsw_moves,
    training,
    matching,
    job_loss,
    exit_clock,    // a person's Exp(1) threshold for leaving (death, other exit)
    status_clock,  // the Exp(1) threshold of one status spell
};

}  // namespace swsim
