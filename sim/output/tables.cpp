#include "swsim/output/tables.hpp"

#include <cmath>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

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
