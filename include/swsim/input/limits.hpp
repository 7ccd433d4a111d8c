// Upper bounds that every input reader applies, so that no value a file or key can hold makes the
// program allocate without limit, overflow, or print inf: how many persons a count may name (the
// Netherlands has about 18 million inhabitants), how many euros a yearly amount may be, how large
// an input file may be and how long a path part may be (the file systems' NAME_MAX).
#pragma once

#include <cstdint>

namespace swsim {

// Persons, places or jobs in any one count, stock, flow per year or population (national or one
// region): a little above the Netherlands' about 18 million inhabitants.
inline constexpr double kMaxPersons = 20'000'000;

// A rate per 1,000 inhabitants per year cannot exceed 1,000 (everyone, every year).
inline constexpr double kMaxPer1000 = 1000;

// Scenario, sweep and region data files are a few kilobytes; anything larger is not one of them.
inline constexpr std::uintmax_t kMaxInputFileBytes = std::uintmax_t(16) << 20;  // 16 MiB

// Longest part of a path (between slashes) that Linux file systems accept (NAME_MAX).
inline constexpr std::size_t kMaxPathPart = 255;

}  // namespace swsim
