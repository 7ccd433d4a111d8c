// A value that changes by calendar year, e.g. the Rijksbijdrage per SE {2015: 25400, 2020: 22700}.
// Between two given years the value is interpolated linearly; before the first given year it is
// the first value and after the last given year it is held flat at the last value.
// Evaluated per whole year: a series never changes within a year.
#pragma once

#include <utility>
#include <vector>

namespace swsim {

class YearSeries {
public:
    YearSeries() = default;
    // A constant series (one point).
    explicit YearSeries(double constant) : points_{{0, constant}} {}
    // points must be non-empty with strictly increasing years (the loader guarantees it).
    explicit YearSeries(std::vector<std::pair<int, double>> points) : points_(std::move(points)) {}

    double at(int year) const;
    bool empty() const { return points_.empty(); }
    const std::vector<std::pair<int, double>>& points() const { return points_; }
    int first_year() const { return points_.front().first; }
    int last_year() const { return points_.back().first; }
    double min_value() const;
    double max_value() const;

private:
    std::vector<std::pair<int, double>> points_;
};

}  // namespace swsim
