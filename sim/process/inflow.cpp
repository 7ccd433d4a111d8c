#include "swsim/process/inflow.hpp"

#include "swsim/process/population.hpp"

namespace swsim::inflow {

Params params(const Scenario& sc) { return {sc.inflow, sc.population.doelgroep_bijstand_share}; }

namespace {
// Expected new persons of one group in municipality m this month (simulated persons).
double expected(const ModelContext& ctx, const InflowRate& rate, std::size_t m, int year) {
    const double population = ctx.regions.municipalities[m].population_15_64;
    const double per_year = rate.absolute ? rate.per_year.at(year) * population / ctx.population_15_64_total
                                          : rate.per_year.at(year) * population / 1000.0;
    return per_year / 12.0 / ctx.weight;
}
}  // namespace

void step(const Params& par, const ModelContext& ctx, State& st, MonthAccounts& acc) {
    const auto& in = par.rates;
    const int year = st.now.year();
    for (std::size_t m = 0; m < ctx.municipalities(); ++m) {
        Stream counts(draw_key(ctx, st, unit_subject(m), Process::inflow));
        const auto home = static_cast<MunicipalityIndex>(m);

        auto add = [&](Origin o, const InflowRate& rate, const GroupProfile& prof, double dagbesteding_share,
                       double municipal_share, std::uint8_t extra_flags) {
            const std::uint32_t n = counts.poisson(expected(ctx, rate, m, year));
            for (std::uint32_t k = 0; k < n; ++k) {
                const PersonId pid = st.next_id++;
                Stream draws(draw_key(ctx, st, pid, Process::population_init));
                const Status s = draws.bernoulli(dagbesteding_share) ? Status::dagbesteding : Status::seeking;
                std::uint8_t flags = extra_flags;
                if (draws.bernoulli(municipal_share)) flags |= kMunicipalBenefit;
                population::create_person(st, pid, home, o, s, prof, -1, flags, draws);
            }
            acc[m][Flow::inflow] += n;
        };
        add(Origin::doelgroep, in.doelgroep, in.doelgroep_entrant, in.doelgroep_dagbesteding_share,
            par.doelgroep_bijstand_share, 0);
        add(Origin::bijstand, in.bijstand, in.bijstand_entrant, in.bijstand_dagbesteding_share, 1.0, 0);
        add(Origin::beschut_advice, in.beschut_advices, in.beschut_entrant, 0.0, 1.0, kBeschutAdvice);
    }
}

}  // namespace swsim::inflow
