#include "swsim/core/series.hpp"

#include <algorithm>

namespace swsim {

double YearSeries::at(int year) const {
    if (points_.empty()) return 0.0;
    if (year <= points_.front().first) return points_.front().second;
    if (year >= points_.back().first) return points_.back().second;
    auto hi = std::upper_bound(points_.begin(), points_.end(), year,
                               [](int y, const auto& p) { return y < p.first; });
    auto lo = hi - 1;
    const double t = double(year - lo->first) / double(hi->first - lo->first);
    return lo->second + t * (hi->second - lo->second);
}

double YearSeries::min_value() const {
    double m = points_.front().second;
    for (const auto& p : points_) m = std::min(m, p.second);
    return m;
}

double YearSeries::max_value() const {
    double m = points_.front().second;
    for (const auto& p : points_) m = std::max(m, p.second);
    return m;
}

}  // namespace swsim
