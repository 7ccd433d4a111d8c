// Small text helpers shared by every input check: the edit distance between two words and the
// candidate closest to a mistyped word, for "did you mean" suggestions.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace swsim {

// Levenshtein distance (insertions, deletions, substitutions of single characters).
std::size_t edit_distance(std::string_view a, std::string_view b);

// The candidate closest to word, if it is close enough to be a likely typo (at most 2 edits, or a
// third of the word's length for long words); the first of equally close candidates.
std::optional<std::string> closest_match(std::string_view word, const std::vector<std::string>& candidates);

}  // namespace swsim
