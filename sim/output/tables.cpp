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
    for (auto m : kMoneyNames) cols.emplace_back(m);
    cols.insert(cols.end(), {"company_result", "municipal_net_cost"});
    for (auto p : kPlaceNames) cols.emplace_back(p);
    cols.emplace_back("deficit_per_place");
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

std::vector<double> yearly_values(const YearRecord& r) {
    std::vector<double> v{r.wsw(), r.wsw_over_45};
    v.insert(v.end(), r.persons.begin(), r.persons.end());
    v.insert(v.end(), r.flows.begin(), r.flows.end());
    v.insert(v.end(), {r.banenafspraak_jobs, r.banenafspraak_extra_persons});
    v.insert(v.end(), r.money.begin(), r.money.end());
    v.insert(v.end(), {r.company_result(), r.municipal_net_cost()});
    // The places as the year's average (the record holds their sum over the months).
    for (int p = 0; p < kPlaceCount; ++p) v.push_back(r.average_places(static_cast<Place>(p)));
    v.push_back(r.deficit_per_place());
    return v;
}

std::string yearly_csv(const std::vector<RunResult>& runs) {
    std::string out;
    const auto cols = yearly_columns();
    for (std::size_t i = 0; i < cols.size(); ++i) out += (i ? "," : "") + cols[i];
    out += '\n';
    for (const auto& run : runs) {
        for (const auto& r : run.records) {
            out += fmt::format("{},{},{},{}", run.scenario, run.replicate, r.year, r.region);
            const auto values = yearly_values(r);
            const std::size_t n = values.size();
            // Whole persons and euro; average places with 1 decimal, deficit per place with 2.
            for (std::size_t i = 0; i < n; ++i) put(out, values[i], i + 1 == n ? 2 : i + 3 >= n ? 1 : 0);
            out += '\n';
        }
    }
    return out;
}

const std::vector<HeadlineMetric>& headline_metrics() {
    static const std::vector<HeadlineMetric> metrics = {
        {"Wsw workers", [](const YearRecord& r) { return r.wsw(); }, 0},
        {"beschut werk", [](const YearRecord& r) { return r.status(Status::beschut); }, 0},
        {"regular work (incl. LKS, detached)",
         [](const YearRecord& r) {
             return r.status(Status::regular) + r.status(Status::regular_lks) + r.status(Status::detached);
         },
         0},
        {"seeking", [](const YearRecord& r) { return r.status(Status::seeking); }, 0},
        {"banenafspraak jobs (UWV, extra)", [](const YearRecord& r) { return r.banenafspraak_jobs; }, 0},
        {"banenafspraak extra persons", [](const YearRecord& r) { return r.banenafspraak_extra_persons; }, 0},
        {"municipal net cost (EUR mln)", [](const YearRecord& r) { return r.municipal_net_cost() / 1e6; }, 1},
        {"deficit per company place (EUR)", [](const YearRecord& r) { return r.deficit_per_place(); }, 0},
    };
    return metrics;
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
    for (const auto& m : headline_metrics()) {
        out += fmt::format("{:<36}", m.label);
        for (int y : shown) {
            double total = 0;
            for (const auto& run : runs)
                for (const auto& r : run.records)
                    if (r.year == y && r.region == "NL") total += m.value(r);
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

void check_output_folder(const std::filesystem::path& dir, const std::vector<std::string>& files) {
    namespace fs = std::filesystem;
    std::error_code ec;
    // The nearest part of the path that exists must be a folder.
    for (fs::path p = dir; !p.empty(); p = p.parent_path()) {
        if (fs::exists(p, ec)) {
            if (!fs::is_directory(p, ec))
                throw InputError(p.string() + ": error: --out: exists and is not a folder; nothing written");
            break;
        }
        if (p == p.parent_path()) break;
    }
    for (const auto& f : files) {
        const fs::path target = dir / f;
        if (fs::exists(target, ec) && !fs::is_regular_file(target, ec))
            throw InputError(target.string() + ": error: --out: exists and is not a file; nothing written");
    }
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
