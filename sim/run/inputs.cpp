#include "swsim/run/inputs.hpp"

#include <algorithm>
#include <cmath>
#include <array>
#include <filesystem>
#include <fstream>
#include <utility>
#include <variant>

#include <fmt/format.h>
#include <unistd.h>

#include "swsim/core/error.hpp"
#include "swsim/run/run.hpp"
#include "swsim/scenario/load.hpp"
#include "swsim/scenario/schema.hpp"

namespace swsim {

namespace {

// A data file as messages show it: relative to the working directory when it lies below it (the
// way the user most likely typed the scenario's path), else absolute.
std::string shown_path(const std::string& absolute) {
    std::error_code ec;
    const auto cwd = std::filesystem::current_path(ec);
    const auto relative = std::filesystem::path(absolute).lexically_relative(cwd);
    if (ec || relative.empty() || *relative.begin() == "..") return absolute;
    return relative.string();
}

// The region data's problems moved to the scenario keys that chose the files: a data file's own
// position goes into the message, since an error in a shared CSV is fixed either in the CSV or by
// pointing the key elsewhere, and the user must see both.
std::vector<Diagnostic> at_scenario_keys(const Scenario& sc, const std::vector<Diagnostic>& found) {
    const std::array<std::pair<std::string, const std::string*>, 4> files = {{
        {"regions.regions_csv", &sc.regions.regions_csv},
        {"regions.adjacency_csv", &sc.regions.adjacency_csv},
        {"regions.municipalities_csv", &sc.regions.municipalities_csv},
        {"regions.companies_csv", &sc.regions.companies_csv},
    }};
    std::vector<Diagnostic> out;
    for (const Diagnostic& d : found) {
        const auto named = std::find_if(files.begin(), files.end(),
                                        [&](const auto& f) { return !d.file.empty() && *f.second == d.file; });
        if (named != files.end()) {
            std::string where = shown_path(d.file);
            if (d.line > 0) where += ':' + std::to_string(d.line) + (d.col > 0 ? ':' + std::to_string(d.col) : "");
            out.push_back(diagnostic_for_key(sc, named->first,
                                             "in " + where + ": " + (d.key.empty() ? "" : d.key + ": ") + d.message));
        } else if (d.file.empty() && !d.key.empty()) {
            out.push_back(diagnostic_for_key(sc, d.key, d.message));  // a regions.commuting key
        } else {
            out.push_back(d);
        }
    }
    return out;
}

constexpr double kGiB = 1024.0 * 1024.0 * 1024.0;
constexpr double kMiB = 1024.0 * 1024.0;

std::string gib(std::uint64_t bytes) { return fmt::format("{:.1f} GiB", double(bytes) / kGiB); }

// The lowest memory limit on this process's cgroup and its parents (cgroup v2 memory.max, or v1
// memory.limit_in_bytes), or 0 if there is none. "max" (v2) and v1's huge "unlimited" are no limit
// here: they do not parse, or lose against the physical memory.
std::uint64_t cgroup_memory_limit() {
    std::uint64_t lowest = 0;
    std::ifstream self("/proc/self/cgroup");
    std::string line;
    while (std::getline(self, line)) {
        // "id:controllers:path"; v2 has no controllers, v1 names them ("memory").
        const auto first = line.find(':'), second = line.find(':', first + 1);
        if (first == std::string::npos || second == std::string::npos) continue;
        const std::string controllers = line.substr(first + 1, second - first - 1);
        const bool v2 = controllers.empty();
        if (!v2 && ("," + controllers + ",").find(",memory,") == std::string::npos) continue;
        const std::filesystem::path root = v2 ? "/sys/fs/cgroup" : "/sys/fs/cgroup/memory";
        const char* file = v2 ? "memory.max" : "memory.limit_in_bytes";
        // A Slurm job sets its limit on the job's cgroup; the step's own may say "max".
        for (std::filesystem::path p = line.substr(second + 1);; p = p.parent_path()) {
            std::ifstream limit(root / p.relative_path() / file);
            std::uint64_t bytes = 0;
            if (limit >> bytes && bytes > 0) lowest = lowest == 0 ? bytes : std::min(lowest, bytes);
            if (p == p.root_path() || p.empty()) break;
        }
    }
    return lowest;
}

}  // namespace

namespace {

// Applies the --set arguments to a loaded scenario, then the rules between keys again.
void apply_sets(Scenario& sc, const std::vector<std::string>& sets) {
    std::vector<Diagnostic> problems;
    for (const std::string& arg : sets) {
        const std::string where = "--set " + arg;
        const auto eq = arg.find('=');
        if (eq == std::string::npos || eq == 0) {
            problems.push_back(Diagnostic{where, 0, 0, "", "expected KEY=VALUE, e.g. policy.company.switch_year=2024"});
            continue;
        }
        try {
            set_by_path(sc, std::string_view(arg).substr(0, eq), std::string_view(arg).substr(eq + 1));
        } catch (const ScenarioError& e) {
            for (Diagnostic d : e.diagnostics()) {
                d.file = where;
                problems.push_back(std::move(d));
            }
        }
    }
    if (problems.empty() && !sets.empty())
        for (Diagnostic d : check_scenario(sc)) {
            d.file = "--set (with " + sc.source_file + ")";
            problems.push_back(std::move(d));
        }
    if (!problems.empty()) throw ScenarioError(std::move(problems));
}

}  // namespace

Inputs load_inputs(const std::string& scenario_path, const std::vector<std::string>& sets) {
    Inputs in{load_scenario(scenario_path), {}};
    apply_sets(in.scenario, sets);
    try {
        in.regions = load_region_data(in.scenario.regions);
    } catch (const ScenarioError& e) {
        throw ScenarioError(at_scenario_keys(in.scenario, e.diagnostics()));
    }
    std::vector<Diagnostic> problems;
    for (const auto& [code, mode] : in.scenario.policy.company.mode_by_region)
        if (in.regions.find(code) < 0)
            problems.push_back(diagnostic_for_key(in.scenario, "policy.company.mode_by_region." + code,
                                                  "unknown region code (not in " +
                                                      shown_path(in.scenario.regions.regions_csv) + ")"));
    for (const auto& [code, mode] : in.scenario.policy.company.realised.mode_by_region)
        if (in.regions.find(code) < 0)
            problems.push_back(diagnostic_for_key(in.scenario, "policy.company.realised.mode_by_region." + code,
                                                  "unknown region code (not in " +
                                                      shown_path(in.scenario.regions.regions_csv) + ")"));
    // Company ids and municipality codes are checked against the data the scenario names.
    const auto& company = in.scenario.policy.company;
    const auto companies_file = [&] { return " (not in " + shown_path(in.scenario.regions.companies_csv) + ")"; };
    auto check_company = [&](const std::string& key, const std::string& id) {
        if (in.regions.find_company(id) < 0)
            problems.push_back(diagnostic_for_key(in.scenario, key, "unknown company id '" + id + "'" + companies_file()));
    };
    for (const auto& [id, mode] : company.mode_by_company) check_company("policy.company.mode_by_company." + id, id);
    for (const auto& [id, year] : company.switch_year_by_company)
        check_company("policy.company.switch_year_by_company." + id, id);
    for (const auto& [id, factor] : company.budget_factor_by_company)
        check_company("policy.company.budget_factor_by_company." + id, id);
    for (const auto& [gm, move] : company.municipality_moves) {
        const std::string key = "policy.company.municipality_moves." + gm;
        const int m = in.regions.find_municipality(gm);
        if (m < 0) {
            const std::string& file = in.scenario.regions.municipalities_csv;
            problems.push_back(diagnostic_for_key(
                in.scenario, key,
                "unknown municipality code '" + gm + "' " +
                    (file.empty() ? "(no municipality files: each region is one municipality)" : "(not in " + shown_path(file) + ")")));
            continue;
        }
        const int to = in.regions.find_company(move.company);
        if (to < 0)
            check_company(key + ".company", move.company);
        else if (static_cast<std::size_t>(to) == in.regions.municipalities[static_cast<std::size_t>(m)].company)
            problems.push_back(diagnostic_for_key(in.scenario, key + ".company",
                                                  gm + " already belongs to " + move.company + ": a move names another company"));
    }
    if (!problems.empty()) throw ScenarioError(std::move(problems));
    return in;
}

std::vector<InputFile> input_files(const Scenario& sc) {
    std::vector<InputFile> out;
    for (const std::string& f : sc.files) out.push_back({"scenario", f});
    Scenario copy = sc;  // the schema's fields are references into a scenario they may change
    for (const KeySpec& key : scenario_schema()) {
        if (key.type != KeyType::path || key.path == "simulation.ensemble") continue;
        const std::string& value = std::get<FieldRef<std::string>>(key.field)(copy);
        if (!value.empty()) out.push_back({key.path, std::filesystem::absolute(value).lexically_normal().string()});
    }
    return out;
}

std::uint64_t result_bytes_per_run(const Inputs& in) {
    const auto& sim = in.scenario.simulation;
    const std::uint64_t years = std::uint64_t(std::max(0, sim.end.year() - sim.start.year() + 1));
    const std::uint64_t records = years * (in.regions.size() + 1);
    // Besides the record: its numbers again as doubles for the statistics (about the record's size)
    // and its text rows (about 250 bytes in yearly.csv). Measured with 352-byte records, peak RSS
    // grew by 0.97 KB per record for compare (2 scenarios, 200 and 400 replicates) and 0.74 KB for
    // run; this gives 1.0 KB.
    constexpr std::uint64_t kTextBytesPerRecord = 320;
    // The cohort records: a block of the regions and NL per origin cohort that can have entrants (an
    // origin with a stock, for the stock; one with an inflow rate, for each year) and per
    // measurement at a December of the horizon. Their rows in cohorts.csv are made once per scenario.
    const int last_december = sim.end.month() == 12 ? sim.end.year() : sim.end.year() - 1;
    auto measurements = [&](int cohort_year) {
        return std::uint64_t(std::count_if(kCohortYearsAfter.begin(), kCohortYearsAfter.end(),
                                           [&](int k) { return cohort_year + k <= last_december; }));
    };
    const auto& pop = in.scenario.population;
    std::uint64_t blocks = 0;
    for (double stock : {pop.wsw_persons, pop.waitlist_persons, pop.doelgroep_persons, pop.bijstand_persons})
        if (stock > 0) blocks += measurements(sim.start.year() - 1);
    const auto& inflow = in.scenario.inflow;
    for (const InflowRate* rate : {&inflow.doelgroep, &inflow.bijstand, &inflow.beschut_advices})
        if (!rate->per_year.empty())
            for (int year = sim.start.year(); year <= sim.end.year(); ++year) blocks += measurements(year);
    // The records per municipality and company, kept per run for their means (municipalities.csv,
    // companies.csv, whose text is made once per scenario).
    const std::uint64_t unit_records = years * (in.regions.municipalities.size() + in.regions.companies.size());
    return records * (2 * sizeof(YearRecord) + kTextBytesPerRecord) + unit_records * sizeof(YearRecord) +
           blocks * (in.regions.size() + 1) * sizeof(CohortRecord);
}

MemoryBudget result_memory_budget() {
    const long pages = ::sysconf(_SC_PHYS_PAGES), page_size = ::sysconf(_SC_PAGE_SIZE);
    const std::uint64_t physical = pages > 0 && page_size > 0 ? std::uint64_t(pages) * std::uint64_t(page_size) : 0;
    const std::uint64_t cgroup = cgroup_memory_limit();
    if (cgroup > 0 && (physical == 0 || cgroup < physical))
        return {cgroup / 2, "half of this process's cgroup memory limit of " + gib(cgroup)};
    if (physical > 0) return {physical / 2, "half of the " + gib(physical) + " of physical memory"};
    return {std::uint64_t(4) << 30, "4 GiB: the physical memory is unknown"};  // sysconf failed
}

double persons_per_run(const Scenario& sc, const RegionData& regions) {
    const auto& pop = sc.population;
    double persons = pop.wsw_persons + pop.waitlist_persons + pop.doelgroep_persons + pop.bijstand_persons;
    double pop_15_64 = 0;
    for (const auto& r : regions.regions) pop_15_64 += r.population_15_64;
    for (const InflowRate* rate : {&sc.inflow.doelgroep, &sc.inflow.bijstand, &sc.inflow.beschut_advices}) {
        if (rate->per_year.empty()) continue;
        for (int year = sc.simulation.start.year(); year <= sc.simulation.end.year(); ++year) {
            const double v = rate->per_year.at(year);
            persons += rate->absolute ? v : v * pop_15_64 / 1000.0;
        }
    }
    return persons * sc.simulation.scale;
}

MemoryEstimate memory_estimate(const std::vector<Inputs>& inputs, std::uint32_t replications, unsigned threads) {
    MemoryEstimate e;
    double largest_run = 0;
    for (const auto& in : inputs) {
        e.tables += double(result_bytes_per_run(in)) * double(replications);
        largest_run = std::max(largest_run, persons_per_run(in));
    }
    const double runs = double(inputs.size()) * double(replications);
    e.concurrent_runs = std::max(1.0, std::min(runs, double(std::max(1U, threads))));
    e.persons = largest_run * e.concurrent_runs;
    e.person_bytes = e.persons * double(kBytesPerPerson);
    e.list_bytes = e.persons * double(kListBytesPerPerson);
    return e;
}

std::optional<std::string> concurrent_runs_memory_problem(double largest_persons, unsigned concurrent,
                                                          const MemoryBudget& budget) {
    const double runs = std::max(1.0, double(concurrent));
    const double need = largest_persons * runs * double(kBytesPerPerson + kListBytesPerPerson);
    if (need <= double(budget.bytes)) return std::nullopt;
    return fmt::format("{:.0f} runs at once of up to {:.0f} simulated persons each need about {:.1f} GiB for their "
                       "records and lists, more than the {} allowed ({}); use fewer --threads or a smaller "
                       "simulation.scale",
                       runs, largest_persons, need / kGiB, gib(budget.bytes), budget.reason);
}

std::optional<Diagnostic> result_memory_problem(const std::vector<Inputs>& inputs, std::uint32_t replications,
                                                bool from_command_line, const MemoryBudget& budget, unsigned threads,
                                                std::uint32_t members) {
    if (inputs.empty() || replications == 0 || members == 0) return std::nullopt;
    const MemoryEstimate e = memory_estimate(inputs, members * replications, threads);
    const double need = e.total();  // double: no overflow
    if (need <= double(budget.bytes)) return std::nullopt;
    std::uint64_t per_replicate = 0;  // the tables of one run of every scenario
    for (const auto& in : inputs) per_replicate += result_bytes_per_run(in);
    const double left = double(budget.bytes) - e.person_bytes - e.list_bytes;
    const double fit = per_replicate > 0 && left > 0 ? std::floor(left / double(per_replicate) / members) : 0;
    const std::string runs = members > 1 ? fmt::format("{} members x {} replicates", members, replications)
                                         : fmt::format("{} replicates", replications);
    const std::string message = fmt::format(
        "{} x {} scenario(s) need about {:.1f} GiB: {:.1f} GiB of result tables ({:.2f} MiB per run, "
        "kept until the tables are written) and {:.1f} GiB for the {:.0f} persons of the {:.0f} runs under way at "
        "once (their records and lists); more than the {} allowed ({}); {}",
        runs, inputs.size(), need / kGiB, e.tables / kGiB,
        double(per_replicate) / double(inputs.size()) / kMiB, (e.person_bytes + e.list_bytes) / kGiB, e.persons,
        e.concurrent_runs, gib(budget.bytes), budget.reason,
        fit >= 1 ? fmt::format("at most {:.0f} replicates{} fit", std::min(fit, 1e12), members > 1 ? " per member" : "")
                 : std::string("not even one replicate fits"));
    if (from_command_line) return Diagnostic{"", 0, 0, "--replications", message};
    return diagnostic_for_key(inputs.front().scenario, "simulation.replications", message);
}

}  // namespace swsim
