#include "swsim/run/cohorts.hpp"

#include <algorithm>
#include <limits>
#include <numeric>

#include "swsim/core/error.hpp"

namespace swsim {

double CohortRecord::in_work() const { return std::accumulate(working.begin(), working.end(), 0.0); }

double CohortRecord::share(double persons) const {
    return entrants > 0 ? persons / entrants : std::numeric_limits<double>::quiet_NaN();
}

CohortTally::CohortTally(const ModelContext& ctx, PersonId first_inflow_id)
    : ctx_(ctx), stock_year_(ctx.start.year() - 1), regions_(ctx.regions.size()), first_id_{0} {
    // Cohorts: the stock, then every year of the run (at most 255, so a block's cohort fits a byte).
    const auto cohorts = std::size_t(ctx.end.year() - stock_year_ + 1);
    if (cohorts > 255) throw Error("CohortTally: more than 255 years in one run");
    cells_ = cohorts * kOriginCount * regions_;
    entrants_known_.assign(cohorts, 0);
    entrants_.assign(cells_, 0);
    left_.assign(cells_ * 2, 0);
    living_.assign(cells_ * kKinds * 2, 0);
    open_year(first_inflow_id);
}

void CohortTally::open_year(PersonId first_id) {
    // The blocks below first_id are complete now; their first ids' cohorts are known.
    first_id_.push_back(first_id);
    for (std::size_t b = block_cohort_.size(); (std::uint64_t(b) << kBlockBits) < first_id; ++b) {
        const auto id = PersonId(b << kBlockBits);
        std::size_t c = 0;
        while (first_id_[c + 1] <= id) ++c;
        block_cohort_.push_back(std::uint8_t(c));
    }
}

void CohortTally::count_exits(const State& st) {
    const auto& p = st.persons;
    const auto& gone = st.exited;
    constexpr std::size_t kAhead = 16;  // those who left are scattered: fetch ahead, so the misses overlap
    for (std::size_t j = 0; j < gone.size(); ++j) {
        if (j + kAhead < gone.size()) {
            __builtin_prefetch(&p.rec[gone[j + kAhead]]);
            __builtin_prefetch(&p.flags[gone[j + kAhead]]);
        }
        const std::uint32_t i = gone[j];
        ++left_[cell_of(p.rec[i]) * 2 + (p.flags[i] & kEverPlaced)];
    }
}

void CohortTally::count_living(const Population& p, std::size_t begin, std::size_t end) {
    std::uint32_t* living = living_.data();
    for (std::size_t i = begin; i < end; ++i)
        ++living[(cell_of(p.rec[i]) * kKinds + kKindOf[static_cast<int>(p.status[i])]) * 2 + (p.flags[i] & kEverPlaced)];
}

void CohortTally::close_year(int year, std::vector<CohortRecord>& out) {
    const std::size_t per_cohort = kOriginCount * regions_;
    // A cohort's entrants are all in the model or have left by the end of its first year.
    for (std::size_t c = 0; c < first_id_.size(); ++c) {
        if (entrants_known_[c]) continue;
        for (std::size_t cell = c * per_cohort; cell < (c + 1) * per_cohort; ++cell) {
            std::uint32_t n = left_[cell * 2] + left_[cell * 2 + 1];
            for (std::size_t j = 0; j < kKinds * 2; ++j) n += living_[cell * kKinds * 2 + j];
            entrants_[cell] = n;
        }
        entrants_known_[c] = 1;
    }
    const double w = ctx_.weight;
    for (const int years : kCohortYearsAfter) {
        const int cohort_year = year - years;
        if (cohort_year < stock_year_) continue;
        const auto c = std::size_t(cohort_year - stock_year_);
        for (int o = 0; o < kOriginCount; ++o) {
            CohortRecord nl;
            nl.origin = static_cast<Origin>(o);
            nl.cohort_year = cohort_year;
            nl.years = years;
            nl.region = "NL";
            std::vector<CohortRecord> block(regions_, nl);
            for (std::size_t r = 0; r < regions_; ++r) {
                const std::size_t cell = (c * kOriginCount + std::size_t(o)) * regions_ + r;
                CohortRecord& rec = block[r];
                rec.region = ctx_.regions.regions[r].cbs_code;
                rec.entrants = double(entrants_[cell]);
                rec.ever_placed = double(left_[cell * 2 + 1]);
                for (std::size_t k = 0; k < kKinds; ++k)
                    for (std::size_t placed = 0; placed < 2; ++placed) {
                        const double n = double(living_[(cell * kKinds + k) * 2 + placed]);
                        rec.present += n;
                        if (k < kWorkKindCount) rec.working[k] += n;
                        if (placed) rec.ever_placed += n;
                    }
                // NL: the sums of whole counts, weighted like the regions.
                nl.entrants += rec.entrants;
                for (std::size_t k = 0; k < kWorkKindCount; ++k) nl.working[k] += rec.working[k];
                nl.ever_placed += rec.ever_placed;
                nl.present += rec.present;
            }
            if (nl.entrants == 0) continue;  // nobody of this origin entered in that year
            block.push_back(std::move(nl));
            for (CohortRecord& rec : block) {
                rec.entrants *= w;
                for (double& v : rec.working) v *= w;
                rec.ever_placed *= w;
                rec.present *= w;
                out.push_back(std::move(rec));
            }
        }
    }
    std::fill(living_.begin(), living_.end(), 0);
}

}  // namespace swsim
