#include "swsim/process/inflow.hpp"

#include "swsim/process/population.hpp"

namespace swsim::inflow {

Params params(const Scenario& sc) { return {sc.inflow, sc.population.doelgroep_bijstand_share}; }

namespace {
// Expected new persons of one group in region r this month (simulated persons).
double expected(const ModelContext& ctx, const InflowRate& rate, std::size_t r, int year) {
    const auto& reg = ctx.regions.regions[r];
    const double per_year = rate.absolute
                                ? rate.per_year.at(year) * reg.population_15_64 / ctx.population_15_64_total
                                : rate.per_year.at(year) * reg.population_15_64 / 1000.0;
    return per_year / 12.0 / ctx.weight;
}
}  // namespace

void step(const Params& par, const ModelContext& ctx, State& st, MonthAccounts& acc) {
    const auto& in = par.rates;
    const int year = st.now.year();
    for (std::size_t r = 0; r < ctx.regions.size(); ++r) {
        Stream counts(draw_key(ctx, st, region_subject(r), Process::inflow));
        const auto region = static_cast<RegionIndex>(r);

        auto add = [&](Origin o, const InflowRate& rate, const GroupProfile& prof, double dagbesteding_share,
                       double municipal_share, std::uint8_t extra_flags) {
            const std::uint32_t n = counts.poisson(expected(ctx, rate, r, year));
            for (std::uint32_t k = 0; k < n; ++k) {
                const PersonId pid = st.next_id++;
                Stream draws(draw_key(ctx, st, pid, Process::population_init));
                const Status s = draws.bernoulli(dagbesteding_share) ? Status::dagbesteding : Status::seeking;
                std::uint8_t flags = extra_flags;
                if (draws.bernoulli(municipal_share)) flags |= kMunicipalBenefit;
                population::create_person(st, pid, region, o, s, prof, -1, flags, draws);
            }
            acc[r][Flow::inflow] += n;
        };
        add(Origin::doelgroep, in.doelgroep, in.doelgroep_entrant, in.doelgroep_dagbesteding_share,
            par.doelgroep_bijstand_share, 0);
        add(Origin::bijstand, in.bijstand, in.bijstand_entrant, in.bijstand_dagbesteding_share, 1.0, 0);
        add(Origin::beschut_advice, in.beschut_advices, in.beschut_entrant, 0.0, 1.0, kBeschutAdvice);
    }
}

}  // namespace swsim::inflow
