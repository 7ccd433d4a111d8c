// Calendar months as one integer, so that month arithmetic is plain integer arithmetic.
// index = year * 12 + (month - 1); January 2015 is 2015 * 12.
#pragma once

#include <string>

namespace swsim {

struct Month {
    int index = 0;

    static constexpr Month of(int year, int month) { return Month{year * 12 + (month - 1)}; }
    constexpr int year() const { return index / 12; }
    constexpr int month() const { return index % 12 + 1; }  // 1..12
    constexpr bool operator==(const Month&) const = default;
    constexpr auto operator<=>(const Month&) const = default;
};

// "2015-01"
std::string to_string(Month m);

}  // namespace swsim
