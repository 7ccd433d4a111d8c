#include "swsim/output/tables.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <span>
#include <tuple>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "swsim/run/stats.hpp"
#include "swsim/scenario/load.hpp"

namespace swsim {

std::string program_version() { return std::string(SWSIM_VERSION) + " (" + SWSIM_GIT_REVISION + ")"; }

std::string yearly_csv(const std::vector<RunResult>& runs) {
    std::string out;
    const auto cols = yearly_columns();
    for (std::size_t i = 0; i < cols.size(); ++i) out += (i ? "," : "") + cols[i];
    out += '\n';
    for (const auto& run : runs) {
        for (const auto& r : run.records) {
            out += fmt::format("{},{},{},{}", run.scenario, run.replicate, r.year, r.region);
            for (const Column& c : output_columns()) append_csv_number(out, c.value(r), c.decimals);
            out += '\n';
        }
    }
    return out;
}

namespace {

// Appends the cohorts.csv rows of one scenario's replicates.
void append_cohorts(std::string& out, std::span<const RunResult> runs) {
    // Each run's blocks (a cohort's regions and NL) by (origin, cohort year, years after); nullptr
    // where a run had no entrants in that cohort.
    using Key = std::tuple<int, int, int>;
    std::map<Key, std::vector<const CohortRecord*>> blocks;
    for (std::size_t j = 0; j < runs.size(); ++j) {
        const auto& recs = runs[j].cohorts;
        for (std::size_t i = 0; i < recs.size(); ++i) {
            const bool first_of_block = i == 0 || recs[i - 1].region == "NL";
            if (!first_of_block) continue;
            auto& per_run = blocks[{int(recs[i].origin), recs[i].cohort_year, recs[i].years}];
            per_run.resize(runs.size(), nullptr);
            per_run[j] = &recs[i];
        }
    }
    const CohortRecord none{};  // no entrants: 0 entrants and NA shares
    std::vector<double> values(runs.size());
    for (const auto& [key, per_run] : blocks) {
        const CohortRecord* any = *std::find_if(per_run.begin(), per_run.end(), [](auto* b) { return b != nullptr; });
        for (std::size_t r = 0;; ++r) {
            const CohortRecord& shown = any[r];
            for (const CohortColumn& c : cohort_columns()) {
                for (std::size_t j = 0; j < runs.size(); ++j) values[j] = c.value(per_run[j] ? per_run[j][r] : none);
                const Summary sum = summarise(values);
                out += fmt::format("{},{},{},{},{},{}", runs.front().scenario, name(shown.origin), shown.cohort_year,
                                   shown.years, shown.region, c.name);
                for (double v : {sum.mean, sum.p05, sum.p95, sum.sd}) append_csv_number(out, v, c.decimals);
                out += fmt::format(",{}\n", sum.n);
            }
            if (shown.region == "NL") break;
        }
    }
}

}  // namespace

std::string cohorts_csv(const std::vector<RunResult>& runs) {
    std::string out;
    const auto cols = cohorts_csv_columns();
    for (std::size_t i = 0; i < cols.size(); ++i) out += (i ? "," : "") + cols[i];
    out += '\n';
    for (std::size_t first = 0, last = 0; first < runs.size(); first = last) {
        while (last < runs.size() && runs[last].scenario == runs[first].scenario) ++last;
        append_cohorts(out, std::span(runs).subspan(first, last - first));
    }
    return out;
}

std::string national_headline(const std::vector<RunResult>& runs, const std::vector<int>& years) {
    std::vector<int> shown;
    for (int y : years)
        for (const auto& r : runs.front().records)
            if (r.year == y && r.region == "NL" && r.months == 12) {
                shown.push_back(y);
                break;
            }
    std::string out = fmt::format("{:<36}", runs.front().scenario + " (NL)");
    for (int y : shown) out += fmt::format("{:>12}", y);
    out += '\n';
    for (const auto& m : key_metrics()) {
        out += fmt::format("{:<36}", m.label);
        for (int y : shown) {
            double total = 0;
            for (const auto& run : runs)
                for (const auto& r : run.records)
                    if (r.year == y && r.region == "NL") total += key_metric_value(m, r);
            out += fmt::format("{:>12.{}f}", total / double(runs.size()), m.decimals);
        }
        out += '\n';
    }
    return out;
}

std::string manifest_json(const ManifestInfo& info) {
    nlohmann::ordered_json j;
    j["program"] = "swsim";
    j["version"] = SWSIM_VERSION;
    j["git_revision"] = SWSIM_GIT_REVISION;
    j["command"] = info.command;
    j["first_replicate"] = info.first_replicate;
    j["replications"] = info.replications;
    auto& list = j["scenarios"] = nlohmann::ordered_json::array();
    for (const Scenario* sc : info.scenarios) {
        nlohmann::ordered_json s;
        s["name"] = sc->simulation.name;
        s["file"] = sc->source_file;
        s["seed"] = sc->simulation.seed;
        s["resolved"] = nlohmann::ordered_json::parse(resolved_scenario_json(*sc));
        list.push_back(std::move(s));
    }
    j["threads"] = info.threads;
    j["wall_seconds"] = std::round(info.wall_seconds * 1000) / 1000;
    return j.dump(2) + '\n';
}

}  // namespace swsim
