#include "swsim/core/text.hpp"

#include <algorithm>

namespace swsim {

std::size_t edit_distance(std::string_view a, std::string_view b) {
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diagonal = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t up = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
            diagonal = up;
        }
    }
    return row[b.size()];
}

std::optional<std::string> closest_match(std::string_view word, const std::vector<std::string>& candidates) {
    const std::string* best = nullptr;
    std::size_t best_distance = 0;
    for (const auto& c : candidates) {
        const std::size_t d = edit_distance(word, c);
        if (!best || d < best_distance) best = &c, best_distance = d;
    }
    if (best && best_distance <= std::max<std::size_t>(2, word.size() / 3)) return *best;
    return std::nullopt;
}

}  // namespace swsim
