// Shards: slicing the runs, running a slice in parallel, the shard files with their completion
// trailer, the sweep.json that ties an output folder to one sweep, and the merge.

#include "swsim/sweep/shards.hpp"

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstring>
#include <cmath>
#include <fstream>
#include <limits>
#include <map>
#include <sstream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include "swsim/output/columns.hpp"
#include "swsim/output/files.hpp"
#include "swsim/output/tables.hpp"
#include "swsim/scenario/load.hpp"
#include "swsim/scenario/schema.hpp"
#include "swsim/sweep/sensitivity.hpp"
#include "swsim/sweep/slurm.hpp"

namespace swsim {
namespace fs = std::filesystem;
namespace {

constexpr const char* kTrailer = "# complete ";
constexpr std::size_t kMaxPointErrors = 20;

std::string fnv1a(std::string_view text) {
    std::uint64_t h = 14695981039346656037ull;
    for (unsigned char c : text) h = (h ^ c) * 1099511628211ull;
    return fmt::format("{:016x}", h);
}

std::string read_text(const fs::path& path) {
    std::ifstream f(path, std::ios::binary);
    std::stringstream s;
    s << f.rdbuf();
    return s.str();
}

std::vector<std::string> split(std::string_view text, char sep) {
    std::vector<std::string> out;
    for (std::size_t start = 0;;) {
        const std::size_t end = text.find(sep, start);
        out.emplace_back(text.substr(start, end == std::string_view::npos ? end : end - start));
        if (end == std::string_view::npos) return out;
        start = end + 1;
    }
}

std::string shard_header(const SweepSpec& spec) {
    std::string h = "point,replicate";
    for (const OutputSpec& o : spec.outputs) h.append(1, ',').append(o.name());
    return h + '\n';
}

// The body of a complete shard file (without its trailer), or why it is not complete.
struct ShardRead {
    std::string body;
    std::string problem;  // empty: complete
};
ShardRead read_shard(const fs::path& path, const SweepSpec& spec, const Slice& slice) {
    if (!fs::exists(path)) return {"", "missing"};
    const std::string text = read_text(path);
    const std::size_t at = text.rfind(kTrailer);
    if (at == std::string::npos || (at > 0 && text[at - 1] != '\n') || text.back() != '\n')
        return {"", "incomplete (no completion line)"};
    ShardRead r{text.substr(0, at), ""};
    const auto trailer = split(std::string_view(text).substr(at + std::string_view(kTrailer).size()), ' ');
    const std::size_t rows = slice.end - slice.begin;
    if (trailer.size() != 2 || trailer[0] != std::to_string(rows) || trailer[1] != fnv1a(r.body) + "\n")
        r.problem = "incomplete (the completion line does not match its content)";
    else if (!r.body.starts_with(shard_header(spec)) ||
             std::size_t(std::count(r.body.begin(), r.body.end(), '\n')) != rows + 1)
        r.problem = "incomplete (written for other outputs or another slice)";
    return r;
}

double parse_number(const std::string& s) {
    double v = std::numeric_limits<double>::quiet_NaN();
    if (s != "NA") std::from_chars(s.data(), s.data() + s.size(), v);
    return v;
}

// The sweep folder's lock (the one result folders use), held while sweep.json is checked and
// written; waits for a merge or another claim to finish.
class ClaimLock {
public:
    explicit ClaimLock(const fs::path& dir) : fd_(::open((dir / ".swsim.lock").c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644)) {
        if (fd_ < 0 || ::flock(fd_, LOCK_EX) != 0)
            throw WriteError(fmt::format("{}: error: cannot lock the sweep folder: {}; nothing written", dir.string(),
                                         std::strerror(errno)));
    }
    ~ClaimLock() { ::close(fd_); }
    ClaimLock(const ClaimLock&) = delete;
    ClaimLock& operator=(const ClaimLock&) = delete;

private:
    int fd_;
};

}  // namespace

Slice shard_slice(std::size_t runs, int shard, int shards) {
    return Slice{std::size_t(shard - 1) * runs / std::size_t(shards), std::size_t(shard) * runs / std::size_t(shards)};
}

fs::path shard_path(const fs::path& dir, int shard, int shards) {
    return dir / "shards" / fmt::format("shard-{}-of-{}.csv", shard, shards);
}

std::string sweep_fingerprint(const Sweep& sweep, const std::vector<Point>& points) {
    std::string all = plan_csv(sweep, points) + shard_header(sweep.spec) + std::to_string(sweep.spec.replicates);
    if (sweep.spec.first_replicate || sweep.spec.own_draws)
        all += fmt::format("first replicate {}{}", sweep.spec.first_replicate, sweep.spec.own_draws ? ", own draws" : "");
    for (const Inputs& b : sweep.bases) all += resolved_scenario_json(b.scenario);
    return fnv1a(all);
}

SweepDir read_sweep_dir(const fs::path& dir) {
    const fs::path path = dir / "sweep.json";
    if (!fs::exists(path))
        throw InputError(path.string() + ": no sweep manifest (run `swsim sweep run` or `swsim sweep slurm` with --out " +
                         dir.string() + " first, or pass --sweep FILE)");
    try {
        const auto j = nlohmann::json::parse(read_text(path));
        return SweepDir{j.at("sweep").get<std::string>(), j.at("fingerprint").get<std::string>(),
                        j.at("shards").is_null() ? 0 : j.at("shards").get<int>()};
    } catch (const nlohmann::json::exception& e) {
        throw InputError(path.string() + ": not a sweep manifest: " + e.what());
    }
}

void claim_sweep_dir(const fs::path& dir, const Sweep& sweep, const std::vector<Point>& points, int shards) {
    const std::string fingerprint = sweep_fingerprint(sweep, points);
    check_output_folder(dir);
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec)
        throw WriteError(fmt::format("{}: error: --out: cannot create the folder: {}; nothing written", dir.string(),
                                     ec.message()));
    const ClaimLock lock(dir);
    if (fs::exists(dir / "sweep.json")) {
        const SweepDir have = read_sweep_dir(dir);
        if (have.fingerprint != fingerprint)
            throw InputError(fmt::format("{} holds results of another sweep ({}), or the sweep file or its scenarios "
                                         "changed since; choose another --out folder or remove this one",
                                         dir.string(), have.sweep_file));
        if (shards == 0 || have.shards == shards) return;
        if (have.shards != 0)
            throw InputError(fmt::format("{} is set up for {} shard(s), not {}; use --shard I/{} or another --out folder",
                                         dir.string(), have.shards, shards, have.shards));
    }
    nlohmann::ordered_json j;
    j["program"] = "swsim";
    j["version"] = program_version();
    j["sweep"] = sweep.spec.file;
    j["name"] = sweep.spec.name;
    j["fingerprint"] = fingerprint;
    j["points"] = points.size();
    j["replicates"] = sweep.spec.replicates;
    j["shards"] = shards ? nlohmann::ordered_json(shards) : nlohmann::ordered_json();
    write_file_atomically(dir / "sweep.json", j.dump(2) + '\n');
}

std::vector<Scenario> point_scenarios(const Sweep& sweep, const std::vector<Point>& points, std::size_t first,
                                      std::size_t last) {
    const SweepSpec& spec = sweep.spec;
    std::vector<Scenario> out;
    std::vector<Diagnostic> problems;
    std::size_t bad = 0;
    for (std::size_t p = first; p < last; ++p) {
        const Point& point = points[p];
        Scenario sc = sweep.bases[point.scenario].scenario;
        std::vector<Diagnostic> found;
        for (std::size_t i = 0; i < spec.factors.size(); ++i) {
            try {
                set_parameter(sc, spec.factors[i].key, point.values[i]);
            } catch (const ScenarioError& e) {
                found.insert(found.end(), e.diagnostics().begin(), e.diagnostics().end());
            }
        }
        if (found.empty()) found = check_scenario(sc);
        if (!found.empty() && ++bad <= kMaxPointErrors)
            for (Diagnostic& d : found) {
                const auto f = std::find_if(spec.factors.begin(), spec.factors.end(),
                                            [&](const Factor& x) { return parameter_key(x.key) == d.key; });
                // At the factor's line, or (a rule between keys) at the first factor's.
                const Factor& at = f == spec.factors.end() ? spec.factors.front() : *f;
                problems.push_back(Diagnostic{spec.file, at.line, at.col, d.key,
                                              fmt::format("at point {} ({}): {}", point.id, sc.simulation.name,
                                                          d.message)});
            }
        out.push_back(std::move(sc));
    }
    if (bad > kMaxPointErrors)
        problems.push_back(Diagnostic{spec.file, 0, 0, "", fmt::format("and {} more bad points", bad - kMaxPointErrors)});
    if (!problems.empty()) throw ScenarioError(std::move(problems));
    return out;
}

std::vector<std::string> run_outputs(const SweepSpec& spec, const RunResult& run) {
    // The values exactly as yearly.csv writes them (the column's own decimals), by year and region.
    std::vector<std::string> out(spec.outputs.size(), "NA");
    for (std::size_t o = 0; o < spec.outputs.size(); ++o) {
        const OutputSpec& s = spec.outputs[o];
        if (s.of_cohort()) {
            const auto c = std::find_if(cohort_columns().begin(), cohort_columns().end(),
                                        [&](const CohortColumn& x) { return s.metric == x.name; });
            if (c == cohort_columns().end()) continue;
            for (const CohortRecord& r : run.cohorts)
                if (r.cohort_year == s.cohort && r.cohort_year + r.years == s.year && r.region == s.region &&
                    name(r.origin) == s.origin)
                    out[o] = format_csv_number(c->value(r), c->decimals);
            continue;
        }
        const Column* column = find_column(s.metric);
        if (!column) continue;
        for (const YearRecord& r : run.records)
            if (r.year == s.year && r.region == s.region) out[o] = format_csv_number(column->value(r), column->decimals);
    }
    return out;
}

ShardRun run_shard(const Sweep& sweep, const std::vector<Point>& points, const fs::path& dir, int shard, int shards,
                   const RunControl& control) {
    const SweepSpec& spec = sweep.spec;
    const auto reps = std::size_t(spec.replicates);
    const Slice slice = shard_slice(points.size() * reps, shard, shards);
    const fs::path path = shard_path(dir, shard, shards);
    const std::size_t n = slice.end - slice.begin;
    if (read_shard(path, spec, slice).problem.empty()) return ShardRun{true, n, false};

    const std::size_t first_point = slice.begin / reps;
    const std::size_t last_point = n == 0 ? first_point : (slice.end - 1) / reps + 1;
    const std::vector<Scenario> scenarios = point_scenarios(sweep, points, first_point, last_point);
    std::vector<RunSpec> specs;
    specs.reserve(n);
    for (std::size_t w = slice.begin; w < slice.end; ++w) {
        const std::size_t p = w / reps;
        specs.push_back({&scenarios[p - first_point], &sweep.bases[points[p].scenario].regions,
                         spec.first_replicate + std::uint32_t(spec.own_draws ? w : w % reps)});
    }
    std::vector<std::vector<std::string>> rows(n);
    // Only the outputs of each run are kept, not its records.
    if (!run_all(specs, control, [&](std::size_t i, RunResult&& run) { rows[i] = run_outputs(spec, run); }))
        return ShardRun{false, n, true};  // stopped: no shard file, so only complete shards exist
    std::string body = shard_header(spec);
    for (std::size_t i = 0; i < n; ++i) {
        const std::size_t w = slice.begin + i;
        body += fmt::format("{},{}", w / reps, w % reps);
        for (const auto& v : rows[i]) body.append(1, ',').append(v);
        body += '\n';
    }
    write_file_atomically(path, body + kTrailer + std::to_string(n) + " " + fnv1a(body) + "\n");
    return ShardRun{false, n, false};
}

std::string shard_command(const std::string& swsim, const Sweep& sweep, const fs::path& dir, int shard, int shards) {
    return fmt::format("{} sweep run {} --shard {}/{} --out {}", shell_quote(swsim), shell_quote(sweep.spec.file),
                       shard, shards, shell_quote(fs::absolute(dir).lexically_normal().string()));
}

std::vector<double> read_shard_values(const Sweep& sweep, const std::vector<Point>& points, const fs::path& dir,
                                      int shards, const std::function<std::string(int)>& rerun) {
    const SweepSpec& spec = sweep.spec;
    const auto reps = std::size_t(spec.replicates);
    const std::size_t outputs = spec.outputs.size();
    std::vector<double> values;  // run-major, then output
    values.reserve(points.size() * reps * outputs);
    std::string missing;
    int bad = 0;
    for (int s = 1; s <= shards; ++s) {
        const Slice slice = shard_slice(points.size() * reps, s, shards);
        const ShardRead r = read_shard(shard_path(dir, s, shards), spec, slice);
        if (!r.problem.empty()) {
            ++bad;
            missing += fmt::format("  shard {}/{}: {}: {}\n    rerun: {}\n", s, shards, r.problem,
                                   shard_path(dir, s, shards).string(), rerun(s));
            continue;
        }
        const auto lines = split(r.body, '\n');
        for (std::size_t l = 1; l + 1 < lines.size(); ++l) {
            const auto fields = split(lines[l], ',');
            for (std::size_t o = 0; o < outputs; ++o) values.push_back(parse_number(fields[2 + o]));
        }
    }
    if (bad)
        throw InputError(fmt::format("{}: {} of {} shard(s) missing or incomplete:\n{}", dir.string(), bad, shards,
                                     missing.substr(0, missing.size() - 1)));
    return values;
}

void merge_sweep(const Sweep& sweep, const std::vector<Point>& points, const fs::path& dir, int shards,
                 const std::string& swsim) {
    const SweepSpec& spec = sweep.spec;
    const auto reps = std::size_t(spec.replicates);
    const std::size_t outputs = spec.outputs.size();
    const std::vector<double> values = read_shard_values(
        sweep, points, dir, shards, [&](int s) { return shard_command(swsim, sweep, dir, s, shards); });

    // Means over replicates, summed in replicate order.
    Rows means(points.size(), std::vector<double>(outputs, 0.0));
    for (std::size_t p = 0; p < points.size(); ++p)
        for (std::size_t r = 0; r < reps; ++r)
            for (std::size_t o = 0; o < outputs; ++o) means[p][o] += values[(p * reps + r) * outputs + o];
    for (auto& row : means)
        for (double& v : row) v /= double(reps);
    const auto plan = split(plan_csv(sweep, points), '\n');
    std::string table = plan[0];
    for (const OutputSpec& o : spec.outputs) table.append(1, ',').append(o.name());
    table += '\n';
    for (std::size_t p = 0; p < points.size(); ++p) {
        table += plan[p + 1];
        for (double v : means[p]) table.append(1, ',').append(format_number(v));
        table += '\n';
    }
    ResultFolder folder(dir, "swsim sweep merge " + spec.file);
    folder.add("points.csv", table);
    folder.add("sensitivity.csv", sensitivity_csv(sweep, means));
    nlohmann::ordered_json j;
    j["program"] = "swsim";
    j["version"] = program_version();
    j["sweep"] = spec.file;
    j["name"] = spec.name;
    j["fingerprint"] = sweep_fingerprint(sweep, points);
    j["points"] = points.size();
    j["replicates"] = spec.replicates;
    j["shards"] = shards;
    folder.commit(j.dump(2) + '\n');
}

}  // namespace swsim
