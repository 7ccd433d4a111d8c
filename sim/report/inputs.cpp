#include "swsim/report/inputs.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <fstream>
#include <limits>
#include <set>
#include <string_view>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "swsim/core/error.hpp"
#include "swsim/output/columns.hpp"
#include "swsim/output/files.hpp"
#include "swsim/input/file.hpp"
#include "swsim/input/limits.hpp"
#include "swsim/region/csv.hpp"

namespace swsim {
namespace {

namespace fs = std::filesystem;

// The calibration tables beside an ensemble file, if swsim calibrate wrote them there: shown as they
// are. They are optional context, so a folder without them (or with unreadable ones) shows none.
void read_calibration(ReportInputs& in, const fs::path& dir) {
    std::vector<std::vector<std::string>> tables[2];
    const char* names[] = {"validation.csv", "parameters.csv"};
    for (int t = 0; t < 2; ++t) {
        std::error_code ec;
        if (!fs::is_regular_file(dir / names[t], ec)) return;
        std::vector<Diagnostic> diags;
        const CsvTable csv = read_csv((dir / names[t]).string(), diags);
        if (!diags.empty() || csv.header.empty()) return;
        tables[t].emplace_back();
        for (const CsvCell& c : csv.header) tables[t].back().push_back(c.text);
        for (const auto& row : csv.rows) {
            tables[t].emplace_back();
            for (const CsvCell& c : row) tables[t].back().push_back(c.text);
        }
    }
    in.calibration_dir = dir.string();
    in.validation = std::move(tables[0]);
    in.parameters = std::move(tables[1]);
}

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

[[noreturn]] void fail(const std::string& file, int line, int col, std::string key, std::string message) {
    throw ScenarioError({Diagnostic{file, line, col, std::move(key), std::move(message)}});
}

// Splits one line on commas; a field may be double-quoted (with "" for a quote). Columns of the
// fields (1-based) go to cols.
void split_line(std::string_view line, std::vector<std::string>& fields, std::vector<int>& cols) {
    fields.clear();
    cols.clear();
    std::size_t i = 0;
    while (true) {
        cols.push_back(static_cast<int>(i) + 1);
        std::string f;
        if (i < line.size() && line[i] == '"') {
            for (++i; i < line.size(); ++i) {
                if (line[i] != '"') f += line[i];
                else if (i + 1 < line.size() && line[i + 1] == '"') f += line[++i];
                else { ++i; break; }
            }
            while (i < line.size() && line[i] != ',') f += line[i++];
        } else {
            while (i < line.size() && line[i] != ',') f += line[i++];
        }
        fields.push_back(std::move(f));
        if (i >= line.size()) break;
        ++i;  // the comma
    }
}

// A line-by-line reader of the result tables (quoted fields without line breaks, which is all the
// writers produce), keeping memory flat for large yearly tables.
class TableReader {
public:
    TableReader(const fs::path& path, const std::vector<std::string>& required) : file_(path.string()) {
        // Checked before opening: opening a FIFO would block, reading /dev/zero would never end.
        if (const std::string why = input_file_problem(path); !why.empty()) fail(file_, 0, 0, "", "cannot open file: " + why);
        in_.open(path);
        if (!in_) fail(file_, 0, 0, "", "cannot open file");
        if (!next_line()) fail(file_, 1, 1, "", "empty file: expected a header line");
        split_line(line_, header_, cols_);
        if (!header_.empty() && header_[0].rfind("\xEF\xBB\xBF", 0) == 0) header_[0].erase(0, 3);
        for (const auto& name : required)
            if (column(name) < 0) fail(file_, 1, 1, name, "missing column '" + name + "'");
    }
    int column(const std::string& name) const {
        auto it = std::find(header_.begin(), header_.end(), name);
        return it == header_.end() ? -1 : static_cast<int>(it - header_.begin());
    }
    // Reads the next non-blank record; false at the end.
    bool next() {
        while (next_line()) {
            if (line_.find_first_not_of(" \t") == std::string::npos) continue;
            split_line(line_, fields_, cols_);
            if (fields_.size() != header_.size())
                fail(file_, line_no_, 1, "",
                     fmt::format("expected {} fields as in the header, found {}", header_.size(), fields_.size()));
            return true;
        }
        return false;
    }
    const std::string& text(int c) const { return fields_[static_cast<std::size_t>(c)]; }
    double number(int c) const {  // NA (or an empty cell) is a missing value
        const std::string& s = text(c);
        if (s == "NA" || s.empty()) return kNaN;
        double v = 0;
        auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
        if (ec != std::errc() || end != s.data() + s.size() || !std::isfinite(v)) bad(c, "not a number: '" + s + "'");
        return v;
    }
    int integer(int c) const {
        const std::string& s = text(c);
        int v = 0;
        auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
        if (ec != std::errc() || end != s.data() + s.size()) bad(c, "not a whole number: '" + s + "'");
        return v;
    }
    [[noreturn]] void bad(int c, const std::string& message) const {
        fail(file_, line_no_, cols_[static_cast<std::size_t>(c)], header_[static_cast<std::size_t>(c)], message);
    }
    const std::vector<std::string>& header() const { return header_; }
    const std::string& file() const { return file_; }
    int line() const { return line_no_; }

private:
    bool next_line() {
        if (!std::getline(in_, line_)) return false;
        ++line_no_;
        if (!line_.empty() && line_.back() == '\r') line_.pop_back();
        return true;
    }
    std::string file_;
    std::ifstream in_;
    std::string line_;
    int line_no_ = 0;
    std::vector<std::string> header_, fields_;
    std::vector<int> cols_;
};

std::string as_text(const nlohmann::ordered_json& v) {
    if (v.is_string()) return v.get<std::string>();
    if (v.is_null()) return "";
    return v.dump();
}

// The scenarios and the fields shown in the report, from manifest.json.
void read_manifest(const fs::path& path, ReportInputs& in) {
    const std::string file = path.string();
    const FileText text = read_input_file(path);
    if (!text.problem.empty()) fail(file, 0, 0, "", "cannot open file: " + text.problem);
    nlohmann::ordered_json j;  // keeps the file's order of fields
    try {
        j = nlohmann::ordered_json::parse(text.text);
    } catch (const nlohmann::json::exception& e) {  // also a number too large for a double
        fail(file, 0, 0, "", std::string("not valid JSON: ") + e.what());
    }
    if (!j.is_object()) fail(file, 1, 1, "", "expected a JSON object");
    if (!j.contains("scenarios") || !j["scenarios"].is_array() || j["scenarios"].empty())
        fail(file, 0, 0, "scenarios", "expected a non-empty array of scenarios");
    for (const auto& [key, value] : j.items())
        if (key != "scenarios") in.manifest_fields.emplace_back(key, as_text(value));
    in.independent = j.contains("pairing") && j["pairing"] == "independent";
    if (j.contains("ensemble")) {
        const auto& e = j["ensemble"];
        const auto whole = [&](const char* key) {
            if (!e.is_object() || !e.contains(key) || !e[key].is_number_unsigned() || e[key].get<std::uint64_t>() < 1 ||
                e[key].get<std::uint64_t>() > 10'000'000)
                fail(file, 0, 0, std::string("ensemble.") + key, "expected a whole number of at least 1");
            return static_cast<int>(e[key].get<std::uint64_t>());
        };
        in.members = whole("members");
        in.replicates_per_member = whole("replicates_per_member");
        if (e.contains("file") && e["file"].is_string()) read_calibration(in, fs::path(e["file"].get<std::string>()).parent_path());
    }
    for (std::size_t i = 0; i < j["scenarios"].size(); ++i) {
        const auto& s = j["scenarios"][i];
        const std::string where = fmt::format("scenarios[{}]", i);
        if (!s.is_object() || !s.contains("name") || !s["name"].is_string())
            fail(file, 0, 0, where + ".name", "expected a scenario name");
        ScenarioInfo sc;
        sc.name = s["name"].get<std::string>();
        sc.file = as_text(s.value("file", nlohmann::ordered_json()));
        sc.hash = as_text(s.value("hash", nlohmann::ordered_json()));
        if (s.contains("seed") && s["seed"].is_number_unsigned()) sc.seed = s["seed"].get<std::uint64_t>();
        const auto r = s.value("resolved", nlohmann::ordered_json::object());
        try {
            const auto& sim = r.at("simulation");
            sc.start = sim.at("start").get<std::string>();
            sc.end = sim.at("end").get<std::string>();
            sc.scale = sim.at("scale").get<double>();
            const auto& company = r.at("policy").at("company");
            sc.company_mode = company.at("mode").get<std::string>();
            sc.switch_year = company.at("switch_year").get<int>();
            for (const char* key : {"mode_by_region", "mode_by_company"}) {
                const auto modes = company.find(key);
                if (modes == company.end() || !modes->is_object()) continue;
                for (auto m = modes->begin(); m != modes->end(); ++m)
                    sc.own_modes.push_back(m.key() + " " + m.value().get<std::string>());
            }
            for (const auto& [name, fn] : company.at("functions").items())
                if (fn.value("enabled", false)) sc.functions_on.push_back(name);
            sc.regions_csv = r.at("regions").at("regions_csv").get<std::string>();
        } catch (const nlohmann::json::exception& e) {
            fail(file, 0, 0, where + ".resolved", std::string("incomplete resolved scenario: ") + e.what());
        }
        for (const auto& other : in.scenarios)
            if (other.name == sc.name) fail(file, 0, 0, where + ".name", "duplicate scenario '" + sc.name + "'");
        in.scenarios.push_back(std::move(sc));
    }
    const std::string& end = in.scenarios.front().end;  // "YYYY-MM"
    // Parsed strictly and bounded like simulation.end: "%d-%d" accepted any int, and the year before
    // INT_MIN would overflow.
    int year = 0, month = 0;
    const char* const last = end.data() + end.size();
    const auto [year_end, year_ec] = std::from_chars(end.data(), last, year);
    const auto [month_end, month_ec] =
        year_end != last && *year_end == '-' ? std::from_chars(year_end + 1, last, month) : std::from_chars_result{year_end, std::errc::invalid_argument};
    if (end.size() != 7 || year_ec != std::errc() || month_ec != std::errc() || month_end != last || year < 2000 ||
        year > 2100 || month < 1 || month > 12)
        fail(file, 0, 0, "scenarios[0].resolved.simulation.end", "expected YYYY-MM (2000-01 to 2100-12), found '" + end + "'");
    in.last_full_year = month == 12 ? year : year - 1;
}

int scenario_index(const ReportInputs& in, const TableReader& t, int col) {
    const std::string& name = t.text(col);
    for (std::size_t i = 0; i < in.scenarios.size(); ++i)
        if (in.scenarios[i].name == name) return static_cast<int>(i);
    t.bad(col, "scenario '" + name + "' is not in manifest.json");
}

void read_yearly(const fs::path& path, ReportInputs& in) {
    std::vector<std::string> required = {"scenario", "replicate", "year", "region"};
    const auto& wanted = report_columns();
    required.insert(required.end(), wanted.begin(), wanted.end());
    TableReader t(path, required);  // other columns (older or newer versions) are checked as numbers only
    const std::vector<std::string> keys(required.begin(), required.begin() + 4);
    if (!std::equal(keys.begin(), keys.end(), t.header().begin()))
        fail(t.file(), 1, 1, "", "expected the columns scenario,replicate,year,region first");
    in.yearly_metrics.assign(t.header().begin() + 4, t.header().end());
    std::vector<int> cols(wanted.size());
    for (std::size_t i = 0; i < cols.size(); ++i) cols[i] = t.column(wanted[i]);
    const int c_scenario = t.column("scenario"), c_rep = t.column("replicate"), c_year = t.column("year"),
              c_region = t.column("region");
    std::set<int> years, reps;
    while (t.next()) {
        YearlyRow row;
        row.scenario = scenario_index(in, t, c_scenario);
        row.replicate = t.integer(c_rep);
        row.year = t.integer(c_year);
        row.region = t.text(c_region);
        if (row.region.empty()) t.bad(c_region, "empty region");
        row.values.resize(cols.size());
        for (std::size_t i = 0; i < cols.size(); ++i) row.values[i] = t.number(cols[i]);
        for (std::size_t c = 4; c < t.header().size(); ++c) t.number(static_cast<int>(c));  // all must parse
        years.insert(row.year);
        reps.insert(row.replicate);
        in.yearly.push_back(std::move(row));
    }
    if (in.yearly.empty()) fail(t.file(), 2, 1, "", "no data rows");
    for (std::size_t s = 0; s < in.scenarios.size(); ++s)
        if (std::none_of(in.yearly.begin(), in.yearly.end(),
                         [&](const YearlyRow& r) { return r.scenario == static_cast<int>(s); }))
            fail(t.file(), 0, 0, "scenario", "no rows for scenario '" + in.scenarios[s].name + "' of manifest.json");
    in.years.assign(years.begin(), years.end());
    in.replicates.assign(reps.begin(), reps.end());
}

// summary.csv and comparison.csv: one band per (scenario, year, region, metric).
// comparison.csv of an ensemble also has total_low,total_high (read when present).
void read_bands(const fs::path& path, const std::string& low, const std::string& high, const std::string& mean,
                ReportInputs& in, std::map<BandKey, Band>& out) {
    TableReader t(path, {"scenario", "year", "region", "metric", mean, low, high, "n"});
    const int c_s = t.column("scenario"), c_y = t.column("year"), c_r = t.column("region"), c_m = t.column("metric"),
              c_mean = t.column(mean), c_lo = t.column(low), c_hi = t.column(high), c_n = t.column("n"),
              c_tlo = t.column("total_low"), c_thi = t.column("total_high");
    if ((c_tlo < 0) != (c_thi < 0))
        fail(t.file(), 1, 1, c_tlo < 0 ? "total_low" : "total_high",
             "missing column (the other of total_low, total_high is there)");
    const auto& known = in.yearly_metrics;
    while (t.next()) {
        scenario_index(in, t, c_s);
        if (std::find(known.begin(), known.end(), t.text(c_m)) == known.end())
            t.bad(c_m, "unknown metric '" + t.text(c_m) + "' (not a yearly.csv column)");
        t.number(c_n);
        Band b{t.number(c_mean), t.number(c_lo), t.number(c_hi)};
        if (c_tlo >= 0) b.total_low = t.number(c_tlo), b.total_high = t.number(c_thi);
        out[{t.text(c_s), t.integer(c_y), t.text(c_r), t.text(c_m)}] = b;
    }
}

void read_sensitivity(const fs::path& path, ReportInputs& in) {
    TableReader t(path, {"method", "factor", "output", "index", "value", "ci_low", "ci_high"});
    const int c_method = t.column("method"), c_factor = t.column("factor"), c_output = t.column("output"),
              c_index = t.column("index"), c_value = t.column("value"), c_lo = t.column("ci_low"),
              c_hi = t.column("ci_high");
    while (t.next()) {
        SensitivityRow r{t.text(c_method), t.text(c_factor), t.text(c_output), t.text(c_index),
                         t.number(c_value), t.number(c_lo), t.number(c_hi)};
        if (r.method != "morris" && r.method != "sobol") t.bad(c_method, "expected morris or sobol, found '" + r.method + "'");
        in.sensitivity.push_back(std::move(r));
    }
    in.sensitivity_file = path.string();
}

// Names and inhabitants per region from the region table the scenario used. A result folder
// copied to another machine may not find it: then the report shows absolute numbers only.
void read_regions(ReportInputs& in) {
    fs::path p = in.scenarios.front().regions_csv;
    if (p.is_relative()) p = in.dir / p;
    if (!fs::exists(p)) {
        in.regions_note = "region table " + p.string() + " not found: regional figures are not per inhabitant";
        return;
    }
    std::vector<Diagnostic> diags;
    const CsvTable table = read_csv(p.string(), diags);
    const auto cols = require_columns(table, {"cbs_code", "name", "population_total", "population_15_64"}, diags);
    if (diags.empty())
        for (const auto& row : table.rows) {
            RegionInfo r{row[cols[0]].text, row[cols[1]].text, 0, 0};
            double* targets[] = {&r.population_total, &r.population_15_64};
            for (int k = 0; k < 2; ++k) {
                const auto& cell = row[cols[static_cast<std::size_t>(k) + 2]];
                auto [end, ec] = std::from_chars(cell.text.data(), cell.text.data() + cell.text.size(), *targets[k]);
                if (ec != std::errc() || end != cell.text.data() + cell.text.size() || !(*targets[k] > 0) ||
                    *targets[k] > kMaxPersons)
                    diags.push_back(cell_diagnostic(table, cell, "population",
                                                    fmt::format("expected a positive number of at most {:.0f}", kMaxPersons)));
            }
            in.regions.push_back(std::move(r));
        }
    if (!diags.empty()) throw ScenarioError(std::move(diags));
}

}  // namespace

const std::vector<std::string>& report_columns() {
    static const std::vector<std::string> columns = [] {
        std::vector<std::string> c;
        for (const KeyMetric& m : key_metrics())
            for (const char* name : m.columns)
                if (std::find(c.begin(), c.end(), name) == c.end()) c.emplace_back(name);
        return c;
    }();
    return columns;
}

std::size_t report_column(std::string_view name) {
    const auto& c = report_columns();
    const auto it = std::find(c.begin(), c.end(), name);
    if (it == c.end()) throw Error("report_column: '" + std::string(name) + "' is not a column the report reads");
    return std::size_t(it - c.begin());
}

ReportInputs load_report_inputs(const fs::path& dir, const std::optional<fs::path>& sweep_dir) {
    ReportInputs in;
    in.dir = dir;
    if (!fs::is_directory(dir)) fail(dir.string(), 0, 0, "", "not a folder");
    // Only a whole result is read, and only the files its manifest lists: a file beside them that
    // swsim did not write (or an earlier version left) is not part of the result.
    const VerifiedFolder folder = verify_result_folder(dir);
    read_manifest(dir / "manifest.json", in);
    if (!folder.has("yearly.csv")) fail((dir / "yearly.csv").string(), 0, 0, "", "cannot open file (not in manifest.json)");
    read_yearly(dir / "yearly.csv", in);
    if (folder.has("summary.csv")) read_bands(dir / "summary.csv", "p05", "p95", "mean", in, in.summary);
    if (folder.has("comparison.csv"))
        read_bands(dir / "comparison.csv", "ci_low", "ci_high", "mean_diff", in, in.comparison);
    if (sweep_dir) {
        const VerifiedFolder sweep = verify_result_folder(*sweep_dir);
        if (!sweep.has("sensitivity.csv"))
            fail((*sweep_dir / "sensitivity.csv").string(), 0, 0, "", "cannot open file (given with --sweep)");
        read_sensitivity(*sweep_dir / "sensitivity.csv", in);
    } else if (folder.has("sensitivity.csv")) {
        read_sensitivity(dir / "sensitivity.csv", in);
    }
    read_regions(in);
    return in;
}

}  // namespace swsim
