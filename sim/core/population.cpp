#include "swsim/core/population.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace swsim {

void Population::reserve(std::size_t n) {
    each_array([&](auto& v) { v.reserve(n); });
}

std::size_t Population::bytes() const {
    std::size_t b = 0;
    each_array([&](const auto& v) { b += v.capacity() * sizeof(v[0]); });
    return b;
}

std::size_t Population::add(PersonId pid, MunicipalityIndex m, std::int32_t birth, Origin o, Status s, Month now,
                            float lw, float hours, std::uint8_t flag_bits) {
    constexpr float kNotDrawn = std::numeric_limits<float>::quiet_NaN();
    PersonRecord person{pid, birth, now.index, lw, kNotDrawn, kNotDrawn,
                        static_cast<std::uint16_t>(std::lround(double(hours) * 100.0)), 0, m, o, 0};
    person.count_spell(spell_count(s));
    rec.push_back(person);
    status.push_back(s);
    flags.push_back(flag_bits);
    exit_due.push_back(kNever);
    status_due.push_back(kNever);
    return rec.size() - 1;
}

void Population::remove(std::vector<std::uint32_t>& gone, std::vector<std::uint32_t>& moved_to) {
    std::sort(gone.begin(), gone.end());
    const std::size_t old_size = size();
    const std::size_t new_size = old_size - gone.size();
    moved_to.assign(gone.size(), 0);
    // Gaps below the new size, in order, take the living persons above it, from the end.
    std::size_t gap = 0;
    for (std::size_t from = old_size; from-- > new_size;) {
        if (!alive(from)) continue;
        const std::uint32_t to = gone[gap++];
        each_array([&](auto& v) { v[to] = v[from]; });
        moved_to[from - new_size] = to;
    }
    each_array([&](auto& v) { v.resize(new_size); });
    gone.clear();
}

}  // namespace swsim
