#include "swsim/core/population.hpp"

#include <limits>

namespace swsim {

void Population::reserve(std::size_t n) {
    id.reserve(n);
    region.reserve(n);
    birth_month.reserve(n);
    status_since.reserve(n);
    origin.reserve(n);
    status.reserve(n);
    flags.reserve(n);
    relapses.reserve(n);
    loonwaarde.reserve(n);
    hours_per_week.reserve(n);
    exit_clock.reserve(n);
    status_clock.reserve(n);
    exit_due.reserve(n);
    status_due.reserve(n);
}

std::size_t Population::bytes() const {
    auto b = [](const auto& v) { return v.capacity() * sizeof(v[0]); };
    return b(id) + b(region) + b(birth_month) + b(status_since) + b(origin) + b(status) + b(flags) + b(relapses) +
           b(loonwaarde) + b(hours_per_week) + b(exit_clock) + b(status_clock) +
           b(exit_due) + b(status_due);
}

std::size_t Population::add(PersonId pid, RegionIndex r, std::int32_t birth, Origin o, Status s, Month now,
                            float lw, float hours, std::uint8_t flag_bits) {
    id.push_back(pid);
    region.push_back(r);
    birth_month.push_back(birth);
    status_since.push_back(now.index);
    origin.push_back(o);
    status.push_back(s);
    flags.push_back(flag_bits);
    relapses.push_back(0);
    loonwaarde.push_back(lw);
    hours_per_week.push_back(hours);
    exit_clock.push_back(std::numeric_limits<float>::quiet_NaN());
    status_clock.push_back(std::numeric_limits<float>::quiet_NaN());
    exit_due.push_back(kNever);
    status_due.push_back(kNever);
    return id.size() - 1;
}

namespace {
template <class T>
void keep(std::vector<T>& v, const std::vector<std::uint8_t>& flags) {
    std::size_t out = 0;
    for (std::size_t i = 0; i < v.size(); ++i)
        if (!(flags[i] & kExited)) v[out++] = v[i];
    v.resize(out);
}
}  // namespace

void Population::remove_exited() {
    keep(id, flags);
    keep(region, flags);
    keep(birth_month, flags);
    keep(status_since, flags);
    keep(origin, flags);
    keep(status, flags);
    keep(relapses, flags);
    keep(loonwaarde, flags);
    keep(hours_per_week, flags);
    keep(exit_clock, flags);
    keep(status_clock, flags);
    keep(exit_due, flags);
    keep(status_due, flags);
    keep(flags, flags);  // last: the others read it
}

}  // namespace swsim
