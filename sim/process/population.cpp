#include "swsim/process/population.hpp"

#include <algorithm>
#include <cmath>

namespace swsim::population {

Params params(const Scenario& sc, int aow_age_months_at_start) { return {sc.population, aow_age_months_at_start}; }

std::size_t create_person(State& st, PersonId pid, MunicipalityIndex m, Origin o, Status s, const GroupProfile& prof,
                          int age_months, std::uint8_t flags, Stream& draws) {
    if (age_months < 0) {
        const auto span = static_cast<std::uint32_t>((prof.age_max_years - prof.age_min_years + 1) * 12);
        age_months = prof.age_min_years * 12 + static_cast<int>(draws.below(span));
    }
    const double lw = std::clamp(draws.normal(prof.loonwaarde_mean, prof.loonwaarde_sd), 0.05, 1.0);
    ++st.counts[m][static_cast<int>(s)];
    ++st.company_counts[st.company_of[m]][static_cast<int>(s)];
    const std::size_t i = st.persons.add(pid, m, st.now.index - age_months, o, s, st.now, static_cast<float>(lw),
                                         static_cast<float>(prof.hours_per_week), flags);
    add_pay(st, i, +1);
    return i;
}

std::int64_t stochastic_round(double x, Stream& draws) {
    const double f = std::floor(x);
    return static_cast<std::int64_t>(f) + (draws.uniform() < x - f ? 1 : 0);
}

namespace {

// Wsw age bands [lo, hi) in years; the last band ends at the AOW age of the base month.
struct Band {
    double share;
    int lo_months;
    int hi_months;
};

std::vector<Band> wsw_bands(const PopulationParams& pop, int aow_months) {
    const auto& a = pop.wsw_age_shares;
    return {{a.a18_26, 18 * 12, 27 * 12}, {a.a27_34, 27 * 12, 35 * 12}, {a.a35_44, 35 * 12, 45 * 12},
            {a.a45_54, 45 * 12, 55 * 12}, {a.a55_64, 55 * 12, 65 * 12}, {a.a65_plus, 65 * 12, std::max(aow_months, 65 * 12 + 1)}};
}

int draw_band_age(const std::vector<Band>& bands, Stream& draws) {
    double u = draws.uniform();
    const Band* chosen = &bands.back();
    for (const auto& b : bands) {
        if (u < b.share) {
            chosen = &b;
            break;
        }
        u -= b.share;
    }
    return chosen->lo_months + static_cast<int>(draws.below(static_cast<std::uint32_t>(chosen->hi_months - chosen->lo_months)));
}

double column_total(const RegionData& rd, double Municipality::*col) {
    double t = 0;
    for (const auto& m : rd.municipalities) t += m.*col;
    return t;
}

}  // namespace

void create_base_population(const Params& par, const ModelContext& ctx, State& st) {
    const auto& pop = par.stocks;
    const std::size_t n = ctx.municipalities();
    const auto bands = wsw_bands(pop, par.aow_age_months_at_start);
    const double wsw_total = column_total(ctx.regions, &Municipality::wsw_persons);
    const double bijstand_total = column_total(ctx.regions, &Municipality::bijstand_persons);
    st.persons.reserve(static_cast<std::size_t>((pop.wsw_persons + pop.waitlist_persons + pop.doelgroep_persons +
                                                 pop.bijstand_persons) / ctx.weight * 1.15));

    for (std::size_t m = 0; m < n; ++m) {
        const auto& mun = ctx.regions.municipalities[m];
        const auto home = static_cast<MunicipalityIndex>(m);
        Stream counts(draw_key(ctx, st, unit_subject(m), Process::population_init));
        auto group = [&](double national, double share, auto&& make) {
            const std::int64_t k = stochastic_round(national * share / ctx.weight, counts);
            for (std::int64_t j = 0; j < k; ++j) {
                const PersonId pid = st.next_id++;
                Stream draws(draw_key(ctx, st, pid, Process::population_init));
                make(pid, draws);
            }
        };
        const double wsw_share = mun.wsw_persons / wsw_total;
        group(pop.wsw_persons, wsw_share, [&](PersonId pid, Stream& d) {
            const double u = d.uniform();
            const Status s = u < pop.wsw_detached_share                            ? Status::wsw_detached
                             : u < pop.wsw_detached_share + pop.wsw_begeleid_share ? Status::wsw_begeleid
                                                                                   : Status::wsw_intern;
            create_person(st, pid, home, Origin::wsw, s, pop.wsw, draw_band_age(bands, d), 0, d);
        });
        group(pop.waitlist_persons, wsw_share, [&](PersonId pid, Stream& d) {
            const std::uint8_t f = d.bernoulli(pop.doelgroep_bijstand_share) ? kMunicipalBenefit : 0;
            create_person(st, pid, home, Origin::wsw_waitlist, Status::seeking, pop.waitlist, -1, f, d);
        });
        group(pop.doelgroep_persons, ctx.municipal_share(m), [&](PersonId pid, Stream& d) {
            const double u = d.uniform();
            std::uint8_t f = d.bernoulli(pop.doelgroep_bijstand_share) ? kMunicipalBenefit : 0;
            Status s = Status::seeking;
            if (u < pop.doelgroep_working_share) {
                s = u < pop.doelgroep_working_share * pop.doelgroep_lks_share_of_working ? Status::regular_lks
                                                                                           : Status::regular;
            } else if (u < pop.doelgroep_working_share + pop.doelgroep_dagbesteding_share) {
                s = Status::dagbesteding;
            }
            create_person(st, pid, home, Origin::doelgroep, s, pop.doelgroep, -1, f, d);
        });
        group(pop.bijstand_persons, mun.bijstand_persons / bijstand_total, [&](PersonId pid, Stream& d) {
            const Status s = d.bernoulli(pop.bijstand_dagbesteding_share) ? Status::dagbesteding : Status::seeking;
            create_person(st, pid, home, Origin::bijstand, s, pop.bijstand, -1, kMunicipalBenefit, d);
        });
    }
}

}  // namespace swsim::population
