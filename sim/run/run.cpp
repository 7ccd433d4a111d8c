#include "swsim/run/run.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "swsim/model/model.hpp"
#include "swsim/process/budget.hpp"

namespace swsim {

double YearRecord::wsw() const {
    return status(Status::wsw_intern) + status(Status::wsw_detached) + status(Status::wsw_begeleid);
}

double YearRecord::company_result() const { return budget::company_result(money); }

double YearRecord::municipal_net_cost() const { return budget::municipal_net_cost(money); }

double YearRecord::deficit_per_place() const {
    return budget::deficit_per_place(money, average_places(Place::company));
}

namespace {

// A job counts for the banenafspraak (UWV): Wsw detachering and begeleid werken (since 2015), the
// ontwikkelbedrijf's detachering, jobs with LKS, and regular jobs of the doelgroep.
bool banenafspraak_job(Status s, Origin o) {
    switch (s) {
        case Status::wsw_detached:
        case Status::wsw_begeleid:
        case Status::detached:
        case Status::regular_lks: return true;
        case Status::regular: return o != Origin::bijstand;
        default: return false;
    }
}

// A person of the new groups (not Wsw) in a banenafspraak job.
bool new_group_working(Status s, Origin o) { return o != Origin::wsw && banenafspraak_job(s, o); }

// Persons of the new groups in a banenafspraak job, per municipality (simulated persons).
std::vector<double> new_group_working(const State& st, std::size_t municipalities) {
    std::vector<double> n(municipalities, 0.0);
    const auto& p = st.persons;
    for (std::size_t i = 0; i < p.size(); ++i)
        if (new_group_working(p.status[i], p.rec[i].origin)) n[p.rec[i].municipality] += 1;
    return n;
}

// Year-end stocks and the banenafspraak counts of every municipality, from the persons. The Cedris count
// is the net number of new-group persons in such jobs above the base month (base_working). In
// December the same pass counts every person for its cohort (cohorts; nullptr in a last month that
// is not December).
void close_year(const ModelContext& ctx, const ReportingParams& rep, const State& st,
                const std::vector<double>& base_working, std::vector<YearRecord>& recs, CohortTally* cohorts) {
    const auto& p = st.persons;
    std::vector<double> working(recs.size(), 0.0);
    // In chunks that stay in the cache for the cohorts' pass over the same persons.
    constexpr std::size_t kChunk = 4096;
    for (std::size_t begin = 0; begin < p.size(); begin += kChunk) {
        const std::size_t end = std::min(p.size(), begin + kChunk);
        for (std::size_t i = begin; i < end; ++i) {
            const PersonRecord& person = p.rec[i];
            auto& rec = recs[person.municipality];
            // st.now is already the next month: the year end is one month back.
            if (is_wsw(p.status[i]) && st.now.index - 1 - person.birth_month >= 45 * 12) rec.wsw_over_45 += ctx.weight;
            if (banenafspraak_job(p.status[i], person.origin))
                rec.banenafspraak_jobs += person.hours_per_week() / rep.banenafspraak_job_hours_per_week * ctx.weight;
            if (new_group_working(p.status[i], person.origin)) working[person.municipality] += 1;
        }
        if (cohorts) cohorts->count_living(p, begin, end);
    }
    for (std::size_t r = 0; r < recs.size(); ++r) {
        auto& rec = recs[r];
        for (int s = 0; s < kStatusCount; ++s) rec.persons[s] = double(st.counts[r][s]) * ctx.weight;
        rec.banenafspraak_extra_persons = (working[r] - base_working[r]) * ctx.weight;
        // The baseline (end 2012) is spread over the municipalities by population 15-64.
        rec.banenafspraak_jobs -= rep.banenafspraak_baseline_jobs * ctx.municipal_share(r);
    }
}

// Adds a record's stocks, flows, money, places and counts into a sum (a region, a company, NL).
void add_into(YearRecord& sum, const YearRecord& r) {
    for (int i = 0; i < kStatusCount; ++i) sum.persons[i] += r.persons[i];
    for (int i = 0; i < kFlowCount; ++i) sum.flows[i] += r.flows[i];
    for (int i = 0; i < kMoneyCount; ++i) sum.money[i] += r.money[i];
    for (int i = 0; i < kPlaceCount; ++i) sum.places[i] += r.places[i];
    sum.banenafspraak_jobs += r.banenafspraak_jobs;
    sum.banenafspraak_extra_persons += r.banenafspraak_extra_persons;
    sum.wsw_over_45 += r.wsw_over_45;
}

// The year's records of the regions, the companies (their members of the year) and NL, each the
// sum of its municipalities in municipality order.
void close_units(const ModelContext& ctx, const State& st, const std::vector<YearRecord>& municipal, RunResult& out) {
    const YearRecord& first = municipal.front();
    auto empty = [&](std::string code) {
        YearRecord r{first.year, std::move(code)};
        r.months = first.months;
        return r;
    };
    std::vector<YearRecord> regions, companies;
    for (const auto& reg : ctx.regions.regions) regions.push_back(empty(reg.cbs_code));
    for (const auto& c : ctx.regions.companies) companies.push_back(empty(c.id));
    YearRecord nl = empty("NL");
    for (std::size_t m = 0; m < municipal.size(); ++m) {
        add_into(regions[ctx.region_of(m)], municipal[m]);
        add_into(companies[st.company_of[m]], municipal[m]);
        add_into(nl, municipal[m]);
    }
    out.records.insert(out.records.end(), regions.begin(), regions.end());
    out.records.push_back(std::move(nl));
    out.company_records.insert(out.company_records.end(), companies.begin(), companies.end());
    out.municipality_records.insert(out.municipality_records.end(), municipal.begin(), municipal.end());
}

}  // namespace

RunResult run_scenario(const Scenario& sc, const RegionData& regions, std::uint32_t replicate,
                       std::atomic<std::uint64_t>* months_done) {
    const Model model = make_model(sc, regions, replicate);
    const ModelContext& ctx = model.ctx;
    RunResult out{sc.simulation.name, replicate, {}, {}};
    State st = init_state(model);
    const std::size_t municipalities = ctx.municipalities();
    const auto base_working = new_group_working(st, municipalities);
    CohortTally cohorts(ctx, st.next_id);
    const BeforeRemoval count_exits = [&](const State& s) { cohorts.count_exits(s); };
    MonthAccounts acc;
    std::vector<YearRecord> year(municipalities);
    auto open_year = [&] {
        for (std::size_t m = 0; m < municipalities; ++m)
            year[m] = YearRecord{st.now.year(), regions.municipalities[m].gm_code};
    };
    open_year();
    while (st.now <= sc.simulation.end) {
        const Month m = st.now;
        if (m.month() == 1 && m != sc.simulation.start) cohorts.open_year(st.next_id);
        step_month(model, st, acc, count_exits);
        if (months_done) months_done->fetch_add(1, std::memory_order_relaxed);
        for (std::size_t k = 0; k < municipalities; ++k) {
            auto& rec = year[k];
            ++rec.months;
            for (int i = 0; i < kFlowCount; ++i) rec.flows[i] += double(acc[k].flows[i]) * ctx.weight;
            for (int i = 0; i < kMoneyCount; ++i) rec.money[i] += acc[k].money[i];
            for (int i = 0; i < kPlaceCount; ++i) rec.places[i] += acc[k].places[i];
        }
        if (m.month() == 12 || m == sc.simulation.end) {
            const bool december = m.month() == 12;
            close_year(ctx, sc.reporting, st, base_working, year, december ? &cohorts : nullptr);
            if (december) cohorts.close_year(m.year(), out.cohorts);
            close_units(ctx, st, year, out);
            open_year();
        }
    }
    return out;
}

}  // namespace swsim
