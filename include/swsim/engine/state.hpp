// The state of one run, as plain data, and the bookkeeping every process shares.
// A person lives in a municipality; a municipality belongs to one SW-bedrijf in a year (the
// company that chooses a mode and runs the functions) and lies in one region (the labour market).
// State holds the persons, each municipality's status counts, pay sums and job starts and each
// company's status counts (kept in step with the persons by set_status), each company's overhead,
// the hazard tables of the run (schedule.hpp), and the two lists that say who is met when (the
// monthly list of seekers, the beschut waiting queues per company).
// ModelContext holds what does not change during a run and what every process may read: the
// regions with their municipalities and companies, the seed and replicate, the weight of a
// simulated person (1 / scale) and the horizon.
// MonthAccounts collects each municipality's flows (simulated persons), money (euro, weighted up to
// persons) and places (weighted up to persons) of one month; regions and companies are their sums.
// Nothing here knows a process: who is paid what is data (PayRule) that process/budget sets, and
// the hazards are tables that the processes fill (docs/model.md, "The month").
#pragma once

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <limits>
#include <vector>

#include "swsim/core/population.hpp"
#include "swsim/core/rng.hpp"
#include "swsim/region/regions.hpp"

namespace swsim {

// Flows counted per municipality and month, in simulated persons.
enum class Flow : std::uint8_t {
    inflow,
    exits_retired,
    exits_died,
    exits_other,
    wsw_exits_retired,  // the same three, for Wsw workers only
    wsw_exits_died,
    wsw_exits_other,
    placements,
    job_losses,
    returns,
    beschut_placements,
    training_starts,
    supported_placements,  // placements of seekers in a jobcoach's caseload
    training_refused,      // returners by the way back who found no training place free
};
inline constexpr int kFlowCount = 14;
inline constexpr std::array<const char*, kFlowCount> kFlowNames = {
    "inflow",          "exits_retired", "exits_died", "exits_other",        "wsw_exits_retired", "wsw_exits_died",
    "wsw_exits_other", "placements",    "job_losses", "returns",            "beschut_placements", "training_starts",
    "supported_placements", "training_refused"};

// Money lines per municipality and month, euro (weighted to persons). What each holds and how the derived
// lines follow from them is process/budget's (budget.hpp).
enum class Money : std::uint8_t {
    rijksbijdrage,
    wsw_wages,
    beschut_wages,
    lks,
    begeleiding,
    training_cost,
    bijstand_benefits,
    beschut_state_addition,
    company_overhead,
    company_variable_cost,
    company_revenue,
    jobcoach_cost,
    employer_services_cost,
    state_function_money,
    uwv_loondispensatie,
    uwv_begeleiding,
    liv,
};
inline constexpr int kMoneyCount = 17;
inline constexpr std::array<const char*, kMoneyCount> kMoneyNames = {
    "rijksbijdrage",       "wsw_wages",          "beschut_wages",          "lks",
    "begeleiding",         "training_cost",      "bijstand_benefits",      "beschut_state_addition",
    "company_overhead",    "company_variable_cost", "company_revenue",     "jobcoach_cost",
    "employer_services_cost", "state_function_money", "uwv_loondispensatie", "uwv_begeleiding",
    "liv"};
using MoneyLines = std::array<double, kMoneyCount>;

// Places per municipality and month (weighted to persons). Kept apart from the money lines because they
// are not euro: summed over the months of a year, they are reported as the year's average.
enum class Place : std::uint8_t {
    wsw,              // Wsw SE in the month
    company,          // persons on the company's payroll: Wsw SE, beschut inside, non-Wsw it seconds
    trainees,         // persons in the company's training
    training_places,  // the training places its budget buys
    coached,          // persons in a jobcoach's caseload (coached workers at their weight, seekers)
    coach_slots,      // the caseload its jobcoaching budget buys
};
inline constexpr int kPlaceCount = 6;
inline constexpr std::array<const char*, kPlaceCount> kPlaceNames = {
    "wsw_places", "company_places", "trainees", "training_places", "coached", "coach_slots"};

struct RegionAccount {
    std::array<std::int64_t, kFlowCount> flows{};
    MoneyLines money{};
    std::array<double, kPlaceCount> places{};

    std::int64_t& operator[](Flow f) { return flows[static_cast<int>(f)]; }
    std::int64_t operator[](Flow f) const { return flows[static_cast<int>(f)]; }
    double& operator[](Money m) { return money[static_cast<int>(m)]; }
    double operator[](Money m) const { return money[static_cast<int>(m)]; }
    double& operator[](Place p) { return places[static_cast<int>(p)]; }
    double operator[](Place p) const { return places[static_cast<int>(p)]; }
};
using MonthAccounts = std::vector<RegionAccount>;

// Which ontwikkelbedrijf functions a company runs this year (all false for a sterfhuis).
struct CompanyFunctions {
    bool ontwikkelbedrijf = false;
    bool employer_services = false;
    bool beschut_facility = false;
    bool matching = false;
    bool training = false;
    bool employer_networks = false;
    bool detachering = false;
    double strength = 1;  // share of full capacity the functions have reached (ramp-up)
    double budget_factor = 1;  // on the company's population share of the function budgets
};

// The persons of a municipality in a job (detached, regular_lks, regular) by the month the job
// started, for the last kTrackedMonths months and by class (job_class): what the costs bound to a
// job's first years (begeleiding, a jobcoach's caseload) are summed from without a pass over the
// persons. Kept in step by set_status and mark_exit; the slot of the current month is cleared as the
// month opens.
inline constexpr int kTrackedMonths = 36;
inline constexpr int kJobClasses = 8;
enum JobClassBit : int {
    kClassSupported = 1,  // found with an ontwikkelbedrijf's jobcoach (kSupported)
    kClassMunicipal = 2,  // on a municipal benefit (kMunicipalBenefit): the municipality pays
    kClassSupport = 4,    // a job with wage support or detachering (not regular)
};
inline int job_class(const Population& p, std::size_t i) {
    return (p.has(i, kSupported) ? kClassSupported : 0) | (p.has(i, kMunicipalBenefit) ? kClassMunicipal : 0) |
           (p.status[i] == Status::regular ? 0 : kClassSupport);
}
using JobStarts = std::array<std::array<std::int32_t, kTrackedMonths>, kJobClasses>;

struct CompanyState {
    double overhead_euro_per_year = 0;
};

using StatusCounts = std::array<std::int64_t, kStatusCount>;

// What the per-person money lines of a municipality add up to, kept in step with the persons like the
// counts, so the budget needs no pass over the persons. The sums are fixed-point (exact integer
// sums), so they do not depend on the order in which persons come and go.
struct RegionPay {
    std::int64_t lks_units = 0;       // municipal LKS: sum of (1 - loonwaarde) x hours per week, units of 2^-32
    std::int64_t uwv_lks_units = 0;   // the same for UWV's loondispensatie (no municipal benefit: Wajong)
    std::int64_t benefit_units = 0;   // bijstand paid, in full-benefit persons, units of 2^-32
    bool operator==(const RegionPay&) const = default;
};
inline constexpr double kLksUnit = 1.0 / 4294967296.0;

// Who is paid what, per status, as data: process/budget decides (budget::pay_rule), the state
// applies it to every person who comes or goes. Persons with kMunicipalBenefit are paid bijstand where `benefit` says so: in full where they earn
// nothing (`earns` false), else reduced by their earnings, which end it at `benefit_ends_at_hours`
// of work a week (a per-person approximation of a household benefit). Wage support below
// `lks_below` is the municipality's LKS for them and UWV's loondispensatie for the others (Wajong).
struct PayRule {
    float lks_threshold = 0;                      // a job below this loonwaarde is a job with LKS
    std::array<bool, kStatusCount> benefit{};     // bijstand paid here to persons with kMunicipalBenefit
    std::array<bool, kStatusCount> earns{};       // the status earns a wage (reduces the bijstand)
    std::array<float, kStatusCount> lks_below{};  // wage support paid here below this loonwaarde (0: never)
    float benefit_ends_at_hours = 1;              // hours of work a week at which earnings end the bijstand
};

// The share of a full bijstand a person on a municipal benefit still receives in status s.
inline double benefit_share(const PayRule& r, const Population& p, std::size_t i) {
    const auto s = static_cast<int>(p.status[i]);
    if (!r.benefit[s] || !p.has(i, kMunicipalBenefit)) return 0;
    if (!r.earns[s]) return 1;
    return std::max(0.0, 1.0 - double(p.rec[i].hours_per_week()) / double(r.benefit_ends_at_hours));
}

// Person i's contribution to its municipality's pay sums under rule r.
inline RegionPay pay_of(const PayRule& r, const Population& p, std::size_t i) {
    const auto s = static_cast<int>(p.status[i]);
    RegionPay out;
    if (p.rec[i].loonwaarde < r.lks_below[s]) {
        const std::int64_t units =
            std::llround((1.0 - double(p.rec[i].loonwaarde)) * double(p.rec[i].hours_per_week()) / kLksUnit);
        (p.has(i, kMunicipalBenefit) ? out.lks_units : out.uwv_lks_units) = units;
    }
    out.benefit_units = std::llround(benefit_share(r, p, i) / kLksUnit);
    return out;
}

inline constexpr int kMaxAgeYears = 120;

// Two hazards of one status spell that compete for its clock, in process order (the second is 0
// where only one acts).
struct HazardPair {
    double first = 0;
    double second = 0;
    double total() const { return first + second; }
};

// How the scheduler meets a status spell (the process that owns the status says which).
enum class SpellKind : std::uint8_t {
    none,     // nothing happens in the spell but leaving (beschut werk)
    clock,    // a hazard clock: the month its threshold is used up is computed ahead
    fixed,    // a fixed length: due in the month it ends (a training)
    monthly,  // met every month (seeking: the placement chance depends on the month)
};
struct SpellRule {
    SpellKind kind = SpellKind::none;
    std::int32_t months = 0;         // clock: months after the start before the first check; fixed: length
    bool queue_with_advice = false;  // with a beschut advice, the spell waits in the beschut queue
    // A clock's hazard times supported_factor in the first supported_months of a spell of a person
    // with kSupported (a job found with a jobcoach, during the coaching).
    std::int32_t supported_months = 0;
    double supported_factor = 1;
    // A clock's hazard times this factor for a person of each origin group.
    std::array<double, kOriginCount> origin_factor = {1, 1, 1, 1, 1};
};

// Every hazard (per month) of the scheduled clocks, for each year of the run, and the rule of each
// status spell. Each hazard is fixed for a calendar year (rates by year, the policy of the year of the
// company a person's municipality belongs to), and death also by whole year of age. Built once per run from what the processes put
// in (model.cpp); the monthly checks and the scheduling of event months read the same numbers, so
// an event computed ahead falls in the month the monthly clock reaches it.
struct HazardTables {
    int first_year = 0;
    int last_year = 0;
    std::size_t companies = 0;
    std::size_t municipalities = 0;
    std::array<double, kMaxAgeYears + 1> death{};  // by whole year of age
    double other = 0;                              // other exits, everybody but Wsw workers
    std::vector<double> wsw_other;                 // per year: other exits of Wsw workers
    std::vector<int> aow_months;                   // per year: AOW age in months
    std::vector<std::vector<CompanyFunctions>> policy;        // per year, per company
    std::vector<std::vector<CompanyIndex>> membership;        // per year, per municipality: its company
    std::vector<std::array<HazardPair, kStatusCount>> status;  // per (year, company): a spell's hazards
    std::array<SpellRule, kStatusCount> spell{};           // per status
    bool advice_seeks = false;  // those waiting for beschut werk also take part in monthly matching

    std::size_t year_index(int year) const { return static_cast<std::size_t>(year - first_year); }
    int aow(int year) const { return aow_months[year_index(year)]; }
    HazardPair exit(int year, int age_months, bool wsw) const {
        return {death[static_cast<std::size_t>(std::min(age_months / 12, kMaxAgeYears))],
                wsw ? wsw_other[year_index(year)] : other};
    }
    CompanyIndex company_of(int year, std::size_t municipality) const {
        return membership[year_index(year)][municipality];
    }
    // The hazards of status s in a year for a resident of a municipality (its company's policy).
    const HazardPair& of_status(int year, std::size_t municipality, Status s) const {
        return status[year_index(year) * companies + company_of(year, municipality)][static_cast<int>(s)];
    }
    const SpellRule& rule(Status s) const { return spell[static_cast<int>(s)]; }
};

// A company's lines of the month, summed from its members, and what its result is shared by.
struct CompanyLines {
    double revenue = 0;        // euro
    double variable_cost = 0;  // euro
    double wsw = 0;            // Wsw places (SE, weighted)
    double places = 0;         // payroll places (weighted)
    double population = 0;     // population 15-64 of its members
};

// Scratch of the monthly processes, kept in State between months so that the monthly loop does not
// allocate. Not part of the model's state: each field is refilled in a month before it is read.
struct Workspace {
    std::vector<double> matching_support;  // per company: a seeker's expected score factor from jobcoaching (or 1)
    std::vector<double> coverage;          // per company: share of the seekers in a jobcoach's caseload
    std::vector<double> coach_free;        // per company: jobcoach slots free for this month's placements
    std::vector<double> caseload;          // per municipality: the month's jobcoach caseload (workers + covered seekers)
    std::vector<double> company_workers;   // per company: the coached workers' load
    std::vector<double> training_places;   // per company: the month's training places
    std::vector<double> seekers;           // per municipality: the available seekers
    std::vector<double> seeker_score;      // per municipality: total score of the available seekers
    std::vector<double> region_score;      // per home region s and class k (1: company with employer networks), at 2 s + k: score of the seekers
    std::vector<double> region_supported_score;  // the same times each seeker's company support
    std::vector<double> extra_vacancies;   // per job region: employer services budget (euro per year) of its municipalities
    std::vector<double> fill;              // per job region: placements per unit of score reaching it
    std::vector<double> chance;            // per home region: placement hazard per unit of score (company without networks)
    std::vector<double> chance_networks;   // the same for a seeker whose company runs employer networks
    std::vector<CompanyLines> company_lines;  // per company (process/budget)
    std::vector<std::uint32_t> waiting_trainees;  // trainees waiting for beschut whose training may end now
    std::vector<std::uint32_t> available;  // this month's seekers in matching: indices into State::monthly
    std::vector<std::uint32_t> due;        // positions of the persons due this month
    std::vector<std::uint32_t> placed;     // this month's placements: indices into State::monthly
    std::vector<std::uint32_t> job_due;    // positions of job holders whose job-loss clock is due
    std::vector<std::uint32_t> moved_to;   // the yearly removal of those who left (Population::remove)
};

// An entry of a company's beschut waiting list, ordered longest waiting first (start of the current
// spell), then by person id, so the order never depends on storage order.
struct WaitEntry {
    std::int32_t since = 0;
    PersonId id = 0;
    std::uint32_t position = 0;
    bool operator>(const WaitEntry& o) const { return since != o.since ? since > o.since : id > o.id; }
};

// One entry of the monthly list: a person's position and what a seeker's monthly steps read, kept
// together so that a month streams through the list instead of reaching into the person arrays.
// The matching score is matching's, set the first time the entry is met (NaN before); the seeking
// spell's status clock lives here, not in PersonRecord::status_clock.
struct ListEntry {
    std::uint32_t position = 0;
    MunicipalityIndex municipality = 0;
    float score = std::numeric_limits<float>::quiet_NaN();
    float clock = std::numeric_limits<float>::quiet_NaN();
};

struct State {
    Month now;
    Population persons;
    PersonId next_id = 0;
    PersonId first_inflow_id = 0;           // ids from here on entered after the base month
    std::vector<StatusCounts> counts;       // per municipality, simulated persons
    std::vector<StatusCounts> company_counts;  // per company (of the current year's members)
    std::vector<RegionPay> pay;             // per municipality, simulated persons
    std::vector<JobStarts> job_starts;      // per municipality: [class][start month % kTrackedMonths]
    PayRule pay_rule;                       // who is paid what (process/budget)
    std::vector<std::uint32_t> exited;      // positions of those who left since the last removal
    std::vector<CompanyState> companies;    // per company
    std::vector<CompanyFunctions> policy;   // per company, for the current year
    std::vector<CompanyIndex> company_of;   // per municipality, for the current year
    HazardTables hazards;
    // The seekers in matching (seeking; with a beschut advice only where those waiting also seek),
    // each once (kListed); may hold persons who left that status, dropped when met. Entries from
    // index monthly_new on were added this month.
    std::vector<ListEntry> monthly;
    std::size_t monthly_new = 0;
    // Per company: those waiting for beschut werk (a positive advice, seeking or training), a min-heap
    // on WaitEntry's order. An entry whose person has left or started another spell is dropped when
    // met; each waiting person has exactly one entry for its current spell.
    std::vector<std::vector<WaitEntry>> beschut_queue;
    Workspace work;
};

// Bytes of model state that grow with the persons: the person arrays and the monthly list.
inline std::size_t person_state_bytes(const State& st) {
    std::size_t queued = 0;
    for (const auto& q : st.beschut_queue) queued += q.capacity();
    return st.persons.bytes() + st.monthly.capacity() * sizeof(ListEntry) + queued * sizeof(WaitEntry);
}

struct ModelContext {
    const RegionData& regions;
    std::uint64_t seed = 0;
    std::uint32_t replicate = 0;
    double weight = 1.0;  // persons per simulated person (1 / scale)
    double population_15_64_total = 0;  // sum over the regions
    Month start;
    Month end;

    std::size_t municipalities() const { return regions.municipalities.size(); }
    std::size_t companies() const { return regions.companies.size(); }
    RegionIndex region_of(std::size_t municipality) const { return regions.municipalities[municipality].region; }
    // Reference mode for tests: every clock is checked every month instead of in its computed
    // event month. Gives the same events, only slower.
    bool monthly_clocks = false;

    // Municipality m's share of the national population aged 15-64 (how national figures are spread).
    double municipal_share(std::size_t m) const {
        return regions.municipalities[m].population_15_64 / population_15_64_total;
    }
};

// Municipality m's part of a national budget (euro per year) of an ontwikkelbedrijf function its
// company runs: its share by population 15-64, at the strength its company has reached this year,
// times the company's budget factor where `scaled` (a function budget, not extra state money).
inline double municipal_budget(const ModelContext& ctx, const State& st, std::size_t m, double national,
                               bool scaled = true) {
    const CompanyFunctions& pol = st.policy[st.company_of[m]];
    return national * ctx.municipal_share(m) * pol.strength * (scaled ? pol.budget_factor : 1.0);
}

// Adds person i's contribution to its municipality's pay sums (sign +1) or takes it away (-1).
inline void add_pay(State& st, std::size_t i, std::int64_t sign) {
    const RegionPay mine = pay_of(st.pay_rule, st.persons, i);
    auto& pay = st.pay[st.persons.rec[i].municipality];
    pay.lks_units += sign * mine.lks_units;
    pay.uwv_lks_units += sign * mine.uwv_lks_units;
    pay.benefit_units += sign * mine.benefit_units;
}

// Person i's job leaves its municipality's JobStarts (when it started within the tracked months).
inline void untrack_job(State& st, std::size_t i) {
    auto& p = st.persons;
    if (!p.has(i, kTracked)) return;
    const std::int32_t since = p.rec[i].status_since;
    if (st.now.index - since < kTrackedMonths)
        --st.job_starts[p.rec[i].municipality][job_class(p, i)][since % kTrackedMonths];
    p.flags[i] &= static_cast<std::uint8_t>(~(kTracked | kSupported));
}

// Moves person i to status s, keeping the counts, pay sums and job starts in step; a new
// spell gets a new clock and loses the support of the last (kSupported); `spell_flags` are set for
// the new spell. Not scheduled: processes call enter_status (schedule.hpp), which does both.
inline void set_status(State& st, std::size_t i, Status s, std::uint8_t spell_flags = 0) {
    auto& p = st.persons;
    const MunicipalityIndex m = p.rec[i].municipality;
    auto& c = st.counts[m];
    auto& cc = st.company_counts[st.company_of[m]];
    add_pay(st, i, -1);
    untrack_job(st, i);
    --c[static_cast<int>(p.status[i])];
    ++c[static_cast<int>(s)];
    --cc[static_cast<int>(p.status[i])];
    ++cc[static_cast<int>(s)];
    p.status[i] = s;
    p.flags[i] |= spell_flags;
    p.rec[i].status_since = st.now.index;
    p.rec[i].count_spell(spell_count(s));
    p.rec[i].status_clock = std::numeric_limits<float>::quiet_NaN();
    p.status_due[i] = kNever;
    if (is_regular_job(s)) {
        p.flags[i] |= kTracked;
        ++st.job_starts[m][job_class(p, i)][st.now.index % kTrackedMonths];
    }
    add_pay(st, i, +1);
}

// Clears every municipality's JobStarts slot of the current month: the jobs it held started
// kTrackedMonths ago and are no longer tracked. Called as a month opens, before any job starts.
inline void open_job_starts(State& st) {
    for (auto& starts : st.job_starts)
        for (auto& by_month : starts) by_month[st.now.index % kTrackedMonths] = 0;
}

// Marks person i as exited (removed at the end of the year); nothing is due for it any more.
inline void mark_exit(State& st, std::size_t i) {
    add_pay(st, i, -1);
    untrack_job(st, i);
    const MunicipalityIndex m = st.persons.rec[i].municipality;
    --st.counts[m][static_cast<int>(st.persons.status[i])];
    --st.company_counts[st.company_of[m]][static_cast<int>(st.persons.status[i])];
    st.persons.flags[i] |= kExited;
    st.persons.exit_due[i] = st.persons.status_due[i] = kNever;
    st.exited.push_back(static_cast<std::uint32_t>(i));
}

// Persons of municipality m in status s, and of company c (its members of the current year).
inline std::int64_t count(const State& st, std::size_t m, Status s) { return st.counts[m][static_cast<int>(s)]; }
inline std::int64_t company_count(const State& st, std::size_t c, Status s) {
    return st.company_counts[c][static_cast<int>(s)];
}

// Draws for a municipality use subjects above every person id, so the two never share a key.
constexpr std::uint32_t unit_subject(std::size_t m) { return 0xFFFF0000u + static_cast<std::uint32_t>(m); }

// The key of the draws for one subject (person id or municipality index) in this month and stream.
inline DrawKey draw_key(const ModelContext& ctx, const State& st, std::uint32_t subject, Process p) {
    return DrawKey{ctx.seed, ctx.replicate, subject, static_cast<std::uint32_t>(st.now.index), p};
}

// The one conversion of a yearly rate (events per person-year) into a hazard per month. An event
// with monthly hazard h happens in a month with probability 1 - exp(-h).
constexpr double monthly_hazard(double rate_per_year) { return rate_per_year / 12.0; }
// The hazard whose monthly probability is p (p < 1).
inline double hazard_of_probability(double p) { return -std::log1p(-p); }

}  // namespace swsim
