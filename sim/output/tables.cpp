#include "swsim/output/tables.hpp"

#include <cmath>
#include <fstream>
#include <system_error>

#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <unistd.h>

#include "swsim/core/error.hpp"
#include "swsim/scenario/load.hpp"

namespace swsim {

std::string program_version() { return std::string(SWSIM_VERSION) + " (" + SWSIM_GIT_REVISION + ")"; }

std::vector<std::string> yearly_columns() {
    std::vector<std::string> cols{"scenario", "replicate", "year", "region", "wsw", "wsw_over_45"};
    for (auto s : kStatusNames) cols.emplace_back(s);
    for (auto f : kFlowNames) cols.emplace_back(f);
    cols.insert(cols.end(), {"banenafspraak_jobs", "banenafspraak_extra_persons"});
    for (int m = 0; m < kMoneyCount; ++m)
        if (m != static_cast<int>(Money::wsw_places)) cols.emplace_back(kMoneyNames[m]);
    cols.insert(cols.end(), {"company_result", "municipal_net_cost", "wsw_places", "deficit_per_place"});
    return cols;
}

namespace {
// Persons and euro are written as whole numbers; a missing value (no places left) as NA.
void put(std::string& out, double v, int decimals = 0) {
    out += ',';
    if (std::isnan(v)) {
        out += "NA";
        return;
    }
    if (v == 0) v = 0;  // no "-0"
    out += fmt::format("{:.{}f}", v, decimals);
}
}  // namespace

std::string yearly_csv(const std::vector<RunResult>& runs) {
    std::string out;
    const auto cols = yearly_columns();
    for (std::size_t i = 0; i < cols.size(); ++i) out += (i ? "," : "") + cols[i];
    out += '\n';
    for (const auto& run : runs) {
        for (const auto& r : run.records) {
            out += fmt::format("{},{},{},{}", run.scenario, run.replicate, r.year, r.region);
            put(out, r.wsw());
            put(out, r.wsw_over_45);
            for (double v : r.persons) put(out, v);
            for (double v : r.flows) put(out, v);
            put(out, r.banenafspraak_jobs);
            put(out, r.banenafspraak_extra_persons);
            for (int m = 0; m < kMoneyCount; ++m)
                if (m != static_cast<int>(Money::wsw_places)) put(out, r.money[m]);
            put(out, r.company_result());
            put(out, r.municipal_net_cost());
            put(out, r.average_wsw_places(), 1);
            put(out, r.deficit_per_place(), 2);
            out += '\n';
        }
    }
    return out;
}

std::string national_headline(const std::vector<RunResult>& runs, const std::vector<int>& years) {
    struct Metric {
        const char* label;
        double (*value)(const YearRecord&);
        const char* format;
    };
    static const Metric metrics[] = {
        {"Wsw workers", [](const YearRecord& r) { return r.wsw(); }, "{:>12.0f}"},
        {"beschut werk", [](const YearRecord& r) { return r.status(Status::beschut); }, "{:>12.0f}"},
        {"regular work (incl. LKS, detached)",
         [](const YearRecord& r) {
             return r.status(Status::regular) + r.status(Status::regular_lks) + r.status(Status::detached);
         },
         "{:>12.0f}"},
        {"seeking", [](const YearRecord& r) { return r.status(Status::seeking); }, "{:>12.0f}"},
        {"banenafspraak jobs (UWV, extra)", [](const YearRecord& r) { return r.banenafspraak_jobs; }, "{:>12.0f}"},
        {"banenafspraak extra persons", [](const YearRecord& r) { return r.banenafspraak_extra_persons; }, "{:>12.0f}"},
        {"municipal net cost (EUR mln)", [](const YearRecord& r) { return r.municipal_net_cost() / 1e6; }, "{:>12.1f}"},
        {"deficit per Wsw place (EUR)", [](const YearRecord& r) { return r.deficit_per_place(); }, "{:>12.0f}"},
    };
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
    for (const auto& m : metrics) {
        out += fmt::format("{:<36}", m.label);
        for (int y : shown) {
            double total = 0;
            for (const auto& run : runs)
                for (const auto& r : run.records)
                    if (r.year == y && r.region == "NL") total += m.value(r);
            out += fmt::format(fmt::runtime(m.format), total / double(runs.size()));
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

void write_file_atomically(const std::filesystem::path& path, const std::string& content) {
    std::error_code ec;
    if (path.has_parent_path()) std::filesystem::create_directories(path.parent_path(), ec);
    if (ec) throw Error("cannot create folder " + path.parent_path().string() + ": " + ec.message());
    const auto tmp = std::filesystem::path(path.string() + ".tmp." + std::to_string(::getpid()));
    {
        std::ofstream f(tmp, std::ios::binary | std::ios::trunc);
        f << content;
        f.flush();
        if (!f) {
            std::filesystem::remove(tmp, ec);
            throw Error("cannot write " + tmp.string());
        }
    }
    std::filesystem::rename(tmp, path, ec);
    if (ec) {
        std::filesystem::remove(tmp, ec);
        throw Error("cannot rename " + tmp.string() + " to " + path.string());
    }
}

}  // namespace swsim
