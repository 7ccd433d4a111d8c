// The persons of one run as a structure of arrays: position i in every array is one person.
// Persons who exit are marked and removed at the end of each year: each gap is filled with the last
// living person, so the cost is proportional to those who left. The order of persons (and with it
// every floating-point sum over them) depends only on the events.
// Ages are kept as a birth month; derived quantities (age, months in status) are free functions.
// Two hazard clocks per person hold what is left of an Exp(1) threshold (NaN: not drawn yet), each
// with the month it is next due (the month of its next event as computed ahead, or kNever).
#pragma once

#include <cstdint>
#include <limits>
#include <vector>

#include "swsim/core/ids.hpp"
#include "swsim/core/time.hpp"

namespace swsim {

// Bits of Population::flags.
enum PersonFlag : std::uint8_t {
    kEverPlaced = 1u << 0,        // found a job in the simulation
    kBeschutAdvice = 1u << 1,     // has a positive beschut-werk advice
    kMunicipalBenefit = 1u << 2,  // benefit paid by the municipality (bijstand), not UWV
    kExited = 1u << 3,            // has left; removed at the end of the year (or of the run)
    kListed = 1u << 4,            // on State::monthly, the list of persons acted on every month
    kSupported = 1u << 5,         // the current job was found with an ontwikkelbedrijf's jobcoach
    kTracked = 1u << 6,           // the current job is counted in its municipality's JobStarts
};

// A due month: a Month::index in 16 bits, since the monthly scan reads it for every person and
// every month index up to the year 2730 fits (scenarios end by 2060). kNever never comes.
using DueMonth = std::int16_t;
inline constexpr DueMonth kNever = std::numeric_limits<DueMonth>::max();

// What an event of a person reads and writes, together in one record (32 bytes: two to a cache
// line): events reach persons at scattered positions, and one record costs one cache miss where
// ten separate arrays would cost ten.
struct PersonRecord {
    PersonId id = 0;
    std::int32_t birth_month = 0;   // Month::index
    std::int32_t status_since = 0;  // Month::index of entering the current status
    float loonwaarde = 0;           // share of the WML, 0-1
    float exit_clock = 0;    // hazard left until the person leaves (death or other exit)
    float status_clock = 0;  // hazard left until the next event of the current status spell
    std::uint16_t centihours = 0;  // contract hours per week x 100
    std::uint16_t spells = 0;      // spells entered per SpellCount, 4 bits each, saturating at 15
    MunicipalityIndex municipality = 0;  // where the person lives (the region is the municipality's)
    Origin origin = Origin::wsw;
    std::uint8_t relapses = 0;  // job losses so far (saturates at 255)

    float hours_per_week() const { return static_cast<float>(centihours) / 100.0f; }
    // Spells of kind k entered so far, the current one included (at most 15).
    int spells_entered(SpellCount k) const { return (spells >> (4 * static_cast<int>(k))) & 15; }
    void count_spell(SpellCount k) {
        if (spells_entered(k) < 15) spells = static_cast<std::uint16_t>(spells + (1u << (4 * static_cast<int>(k))));
    }
};
static_assert(sizeof(PersonRecord) == 32);

// The persons: the record of each, plus the few fields that every month's scans read, as arrays of
// their own so a scan streams through a few bytes per person (status and flags: the monthly list's
// check; the due months: who has an event this month).
struct Population {
    std::vector<PersonRecord> rec;
    std::vector<Status> status;
    std::vector<std::uint8_t> flags;
    std::vector<DueMonth> exit_due;    // the month of the next exit check; exit_clock is what is left then
    std::vector<DueMonth> status_due;  // the same for the status clock (kNever: nothing scheduled)

    std::size_t size() const { return rec.size(); }
    void reserve(std::size_t n);
    // Bytes held by the arrays (capacity x element size), for the benchmark.
    std::size_t bytes() const;
    // Calls f on every array.
    template <class F>
    void each_array(F&& f) {
        f(rec), f(status), f(flags), f(exit_due), f(status_due);
    }
    template <class F>
    void each_array(F&& f) const {
        const_cast<Population*>(this)->each_array([&](const auto& v) { f(v); });
    }
    // Appends a person and returns its position.
    std::size_t add(PersonId pid, MunicipalityIndex m, std::int32_t birth, Origin o, Status s, Month now,
                    float lw, float hours, std::uint8_t flag_bits);
    // Removes the persons at positions `gone` (all marked kExited; sorted here). The living persons
    // from the new size on move into the gaps: moved_to[j] is the new position of the person at
    // size() - gone.size() + j before (unspecified for those who left).
    void remove(std::vector<std::uint32_t>& gone, std::vector<std::uint32_t>& moved_to);

    bool has(std::size_t i, PersonFlag f) const { return (flags[i] & f) != 0; }
    bool alive(std::size_t i) const { return (flags[i] & kExited) == 0; }
    // Asks the CPU to fetch what an event of person i reads and writes, a few persons ahead of
    // the one being handled, so the cache misses overlap instead of coming one after the other.
    void prefetch(std::size_t i) const {
        __builtin_prefetch(&rec[i]);
        __builtin_prefetch(&status[i]);
        __builtin_prefetch(&flags[i]);
        __builtin_prefetch(&exit_due[i]);
        __builtin_prefetch(&status_due[i]);
    }
};

inline int age_months(const Population& p, std::size_t i, Month now) { return now.index - p.rec[i].birth_month; }
inline int months_in_status(const Population& p, std::size_t i, Month now) {
    return now.index - p.rec[i].status_since;
}

}  // namespace swsim
