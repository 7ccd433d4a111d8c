// swsim report: reading a result folder (tests/data/report: 2 scenarios x 2 replicates x 3 years,
// three regions and NL, summary, comparison, manifest and sensitivity), the HTML it makes (escaping,
// embedded chart specs, chart count), bad inputs with file and line, and the page in headless
// Chromium: every chart renders without a script error (skipped with a WARN without Chromium).
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <sys/wait.h>

#include "swsim/core/error.hpp"
#include "swsim/output/files.hpp"
#include "swsim/output/tables.hpp"
#include "swsim/report/inputs.hpp"
#include "swsim/report/report.hpp"

namespace fs = std::filesystem;
using namespace swsim;

namespace {

const fs::path kFixture = fs::path(SWSIM_SOURCE_DIR) / "tests/data/report";
constexpr int kFixtureCharts = 8 + 8 + 2 + 3;  // levels, differences, regions, sensitivity outputs

ReportAssets fake_assets() { return {"/*vega*/", "/*vega-lite*/", "/*vega-embed*/", "test bundles"}; }

std::string read_text(const fs::path& p) {
    std::ifstream f(p, std::ios::binary);
    std::ostringstream s;
    s << f.rdbuf();
    return s.str();
}

std::size_t count(const std::string& text, const std::string& what) {
    std::size_t n = 0;
    for (auto pos = text.find(what); pos != std::string::npos; pos = text.find(what, pos + what.size())) ++n;
    return n;
}

nlohmann::json embedded_charts(const std::string& html) {
    const std::string open = "<script type=\"application/json\" id=\"swsim-charts\">";
    const auto begin = html.find(open) + open.size();
    return nlohmann::json::parse(html.substr(begin, html.find("</script>", begin) - begin));
}

// A copy of the fixture in a fresh folder under the build tree, for tests that damage it.
fs::path fixture_copy(const std::string& name) {
    const fs::path dir = fs::path(SWSIM_BINARY).parent_path().parent_path() / "tests" / "report-data" / name;
    fs::remove_all(dir);
    fs::create_directories(dir);
    for (const auto& e : fs::directory_iterator(kFixture)) fs::copy_file(e.path(), dir / e.path().filename());
    return dir;  // without the region table (named relative to the fixture): absolute regional numbers
}

std::string line_of(const fs::path& file, int line) {
    std::istringstream in(read_text(file));
    std::string l;
    for (int i = 0; i < line; ++i) std::getline(in, l);
    return l;
}

// After a test damaged a file on purpose: the manifest lists the files as they are now (as if swsim
// had written them so), so that the parser's own checks are what the test sees. Files gone are dropped.
void reseal(const fs::path& dir) {
    auto m = nlohmann::ordered_json::parse(read_text(dir / "manifest.json"));
    nlohmann::ordered_json files = nlohmann::ordered_json::object();
    for (const auto& [name, entry] : m["files"].items())
        if (fs::exists(dir / name))
            files[name] = {{"bytes", fs::file_size(dir / name)}, {"sha256", sha256_file_hex(dir / name)}};
    m["files"] = files;
    std::ofstream(dir / "manifest.json") << m.dump(2) << '\n';
}

void replace_line(const fs::path& file, int line, const std::string& text) {
    std::istringstream in(read_text(file));
    std::string out, l;
    for (int i = 1; std::getline(in, l); ++i) out += (i == line ? text : l) + '\n';
    std::ofstream(file) << out;
    reseal(file.parent_path());
}

// The fixture as an ensemble's result: 1 member x 2 replicates in the manifest, and comparison.csv
// with total_low,total_high (the Monte Carlo interval widened by 100 on each side).
fs::path ensemble_fixture(const std::string& name) {
    const fs::path dir = fixture_copy(name);
    std::istringstream in(read_text(dir / "comparison.csv"));
    std::string out, line;
    std::getline(in, line);
    out = "scenario,reference,year,region,metric,mean_diff,ci_low,ci_high,total_low,total_high,n\n";
    while (std::getline(in, line)) {
        std::vector<std::string> f;
        std::stringstream fields(line);
        for (std::string x; std::getline(fields, x, ',');) f.push_back(x);
        const auto widened = [](const std::string& v, double by) {
            return v == "NA" ? v : fmt::format("{:.3f}", std::stod(v) + by);
        };
        out += fmt::format("{},{},{},{},{},{},{},{},{},{},{}\n", f[0], f[1], f[2], f[3], f[4], f[5], f[6], f[7],
                           widened(f[6], -100), widened(f[7], 100), f[8]);
    }
    std::ofstream(dir / "comparison.csv") << out;
    auto m = nlohmann::ordered_json::parse(read_text(dir / "manifest.json"));
    m["ensemble"] = {{"members", 1}, {"replicates_per_member", 2}};
    std::ofstream(dir / "manifest.json") << m.dump(2) << '\n';
    reseal(dir);
    return dir;
}

std::string load_error(const fs::path& dir, const std::optional<fs::path>& sweep = std::nullopt) {
    try {
        load_report_inputs(dir, sweep);
    } catch (const InputError& e) {
        return e.what();
    }
    return "no error";
}

}  // namespace

TEST_CASE("report inputs: the fixture folder is read whole", "[report][unit]") {
    const ReportInputs in = load_report_inputs(kFixture);
    REQUIRE(in.scenarios.size() == 2);
    CHECK(in.scenarios[0].name == "sterfhuis");
    CHECK(in.scenarios[0].company_mode == "sterfhuis");
    CHECK(in.scenarios[1].company_mode == "ontwikkelbedrijf");
    CHECK(in.scenarios[1].switch_year == 2017);
    CHECK(in.scenarios[1].functions_on.size() == 6);
    CHECK(in.scenarios[1].hash.size() == 16);
    CHECK(in.years == std::vector<int>{2015, 2016, 2017});
    CHECK(in.replicates == std::vector<int>{0, 1});
    CHECK(in.yearly.size() == 2 * 2 * 3 * 4);
    CHECK(in.last_full_year == 2017);
    CHECK_FALSE(in.independent);
    CHECK(in.summary.count({"ontwikkelbedrijf", 2017, "NL", "wsw"}) == 1);
    CHECK(in.comparison.count({"ontwikkelbedrijf", 2017, "AM22", "municipal_net_cost"}) == 1);
    CHECK(in.sensitivity.size() == 24);
    CHECK(in.regions.size() == 35);  // the region table named in the manifest, relative to the folder
    CHECK(in.regions_note.empty());
}

TEST_CASE("report html: charts, embedded data and the default year", "[report][unit]") {
    const ReportInputs in = load_report_inputs(kFixture);
    const Report rep = build_report(in, {}, fake_assets());
    CHECK(rep.year == 2017);
    CHECK(rep.charts == kFixtureCharts);
    CHECK(count(rep.html, "<div class=\"chart\" id=\"chart-") == kFixtureCharts);
    CHECK(rep.html.find("data-charts-expected=\"21\"") != std::string::npos);
    CHECK(rep.html.find("/*vega-embed*/") != std::string::npos);
    CHECK(count(rep.html, "<script") == 5);  // three bundles, the chart specs, the runner

    const auto charts = embedded_charts(rep.html);
    REQUIRE(charts.size() == static_cast<std::size_t>(kFixtureCharts));
    // The first chart is national Wsw; its 2017 sterfhuis point is summary.csv's mean.
    const auto summary = in.summary.at({"sterfhuis", 2017, "NL", "wsw"});
    bool found = false;
    for (const auto& v : charts[0]["spec"]["data"]["values"])
        if (v["scenario"] == "sterfhuis" && v["year"] == 2017) {
            CHECK(v["mean"].get<double>() == Approx(summary.mean));
            CHECK(v["low"].get<double>() == Approx(summary.low));
            found = true;
        }
    CHECK(found);
    // The second is its difference, from comparison.csv.
    const auto diff = in.comparison.at({"ontwikkelbedrijf", 2017, "NL", "wsw"});
    CHECK(charts[1]["spec"]["data"]["values"].back()["mean"].get<double>() == Approx(diff.mean));

    CHECK(build_report(in, {2016}, fake_assets()).year == 2016);
    CHECK_THROWS_WITH(build_report(in, {2030}, fake_assets()), Catch::Contains("--year 2030: not in yearly.csv"));
}

TEST_CASE("report html: names are escaped in text and in the embedded JSON", "[report][unit]") {
    ReportInputs in = load_report_inputs(kFixture);
    const std::string evil = "</script><b>\"o'b\"</b>&";
    in.scenarios[1].name = evil;
    in.manifest_fields.emplace_back("note", "<i>x</i>");
    const Report rep = build_report(in, {}, fake_assets());
    CHECK(rep.html.find("<b>") == std::string::npos);
    CHECK(rep.html.find("<i>") == std::string::npos);
    CHECK(rep.html.find("&lt;/script&gt;&lt;b&gt;&quot;o&#39;b&quot;&lt;/b&gt;&amp;") != std::string::npos);
    CHECK(count(rep.html, "</script>") == 5);  // the name cannot close a script element
    const auto charts = embedded_charts(rep.html);
    CHECK(charts[0]["spec"]["data"]["values"].back()["scenario"] == evil);  // the JSON still says the name
    CHECK(html_escape("a&b<c>\"'") == "a&amp;b&lt;c&gt;&quot;&#39;");
}

TEST_CASE("report html: the calibration behind an ensemble shows its validation and parameter ranges",
          "[report][unit][ensemble][calibrate]") {
    // The manifest names the shipped ensemble, beside which swsim calibrate wrote its tables.
    const fs::path dir = ensemble_fixture("ensemble-calibration");
    auto m = nlohmann::ordered_json::parse(read_text(dir / "manifest.json"));
    m["ensemble"]["file"] = std::string(SWSIM_SOURCE_DIR) + "/scenarios/calibration/observed/ensemble.csv";
    std::ofstream(dir / "manifest.json") << m.dump(2) << '\n';
    reseal(dir);
    const ReportInputs in = load_report_inputs(dir);
    REQUIRE(in.validation.size() == 20);  // the header and the 19 targets
    REQUIRE(in.parameters.size() == 14);  // the header and the 13 parameters
    const std::string html = build_report(in, {}, fake_assets()).html;
    CHECK_THAT(html, Catch::Contains("<h2 id=\"calibration\">Calibration</h2>"));
    CHECK_THAT(html, Catch::Contains("<td>in_work_share:doelgroep:2016:NL:2018</td>"));
    CHECK_THAT(html, Catch::Contains("<td>behaviour.matching.vacancies_per_1000_pop_15_64_per_year:scale</td>"));
    // Without the tables beside the ensemble file, no section.
    CHECK_THAT(build_report(load_report_inputs(ensemble_fixture("ensemble-nocal")), {}, fake_assets()).html,
               !Catch::Contains("id=\"calibration\""));
}

TEST_CASE("report html: an ensemble's total range is drawn around every difference", "[report][unit][ensemble]") {
    const ReportInputs in = load_report_inputs(ensemble_fixture("ensemble"));
    CHECK(in.members == 1);
    CHECK(in.replicates_per_member == 2);
    const auto& c = in.comparison.at({"ontwikkelbedrijf", 2017, "NL", "seeking"});
    CHECK(c.total_low == Approx(c.low - 100));
    CHECK(c.total_high == Approx(c.high + 100));
    const Report rep = build_report(in, {}, fake_assets());
    CHECK(rep.charts == kFixtureCharts);
    const auto charts = embedded_charts(rep.html);
    // The national section: per metric its levels, then its difference.
    int differences = 0;
    for (std::size_t i = 0; i < 16; ++i) {
        const auto& chart = charts[i];
        if (i % 2 == 0) {
            for (const auto& layer : chart["spec"].value("layer", nlohmann::json::array()))
                CHECK(layer.value("name", "") != "total_range");  // levels: one band, over every run
            continue;
        }
        ++differences;
        INFO(chart["id"]);
        int total_layers = 0;
        for (const auto& layer : chart["spec"]["layer"])
            if (layer.value("name", "") == "total_range") {
                ++total_layers;
                CHECK(layer["mark"]["type"] == "area");
                CHECK(layer["encoding"]["y"]["field"] == "total_low");
                CHECK(layer["encoding"]["y2"]["field"] == "total_high");
            }
        CHECK(total_layers == 1);
        // Every point carries its range (from comparison.csv; for regular work, computed from
        // yearly.csv: with 1 member, the spread of the replicates' differences).
        for (const auto& v : chart["spec"]["data"]["values"]) {
            REQUIRE(v["total_low"].is_number());
            CHECK(v["total_low"].get<double>() <= v["mean"].get<double>());
            CHECK(v["total_high"].get<double>() >= v["mean"].get<double>());
        }
    }
    // The caption says what each band is.
    CHECK(count(rep.html, "The dark band is the Monte Carlo 90 % interval") == 8);
    CHECK(count(rep.html, "The light band is the total 5-95 % range") == 8);
    CHECK(differences == 8);
    // Without an ensemble no chart has the layer.
    const auto plain = embedded_charts(build_report(load_report_inputs(kFixture), {}, fake_assets()).html);
    for (std::size_t i = 0; i < 16; ++i)
        for (const auto& layer : plain[i]["spec"]["layer"]) CHECK(layer.value("name", "") != "total_range");
    // A comparison.csv with one of the two columns is malformed.
    const fs::path dir = ensemble_fixture("ensemble-half");
    std::string table = read_text(dir / "comparison.csv");
    table.replace(table.find(",total_high,"), 12, ",other,");
    std::ofstream(dir / "comparison.csv") << table;
    reseal(dir);
    CHECK_THAT(load_error(dir), Catch::Contains("comparison.csv:1:1: error: total_high: missing column"));
}

TEST_CASE("report html: one scenario (swsim run) has no difference charts", "[report][unit]") {
    ReportInputs in = load_report_inputs(kFixture);
    in.scenarios.resize(1);
    std::erase_if(in.yearly, [](const YearlyRow& r) { return r.scenario != 0; });
    in.sensitivity.clear();
    const Report rep = build_report(in, {}, fake_assets());
    CHECK(rep.charts == 8 + 2);
    CHECK(rep.html.find("difference vs") == std::string::npos);
}

TEST_CASE("report inputs: bad files are named with their line", "[report][unit]") {
    SECTION("a number that is not one") {
        const fs::path dir = fixture_copy("bad-number");
        std::string row = line_of(dir / "yearly.csv", 3);
        const auto wsw = row.find(",AM");
        REQUIRE(wsw != std::string::npos);
        row.replace(wsw + 6, row.find(',', wsw + 6) - wsw - 6, "lots");  // after ",AM01,"
        replace_line(dir / "yearly.csv", 3, row);
        CHECK_THAT(load_error(dir), Catch::Contains("yearly.csv:3:" + std::to_string(wsw + 7) +
                                                    ": error: wsw: not a number: 'lots'"));
        replace_line(dir / "yearly.csv", 3, "sterfhuis,0,2015");
        const std::size_t fields = count(line_of(dir / "yearly.csv", 1), ",") + 1;  // the fixture's header
        CHECK_THAT(load_error(dir), Catch::Contains(fmt::format("yearly.csv:3:1: error: expected {} fields as in the header, found 3",
                                                                fields)));
        replace_line(dir / "yearly.csv", 3, "");  // blank lines are skipped
        replace_line(dir / "summary.csv", 3, "sterfhuis,2015,AM01,wsw,many,1,2,3,2");
        CHECK_THAT(load_error(dir), Catch::Contains("summary.csv:3:25: error: mean: not a number: 'many'"));
    }
    SECTION("a scenario the manifest does not know") {
        const fs::path dir = fixture_copy("bad-scenario");
        std::string yearly = read_text(dir / "yearly.csv");
        yearly.replace(yearly.find("\nontwikkelbedrijf,") + 1, 16, "ob");
        std::ofstream(dir / "yearly.csv") << yearly;
        reseal(dir);
        CHECK_THAT(load_error(dir), Catch::Contains("error: scenario: scenario 'ob' is not in manifest.json"));
    }
    SECTION("a missing region table is not an error") {
        const ReportInputs in = load_report_inputs(fixture_copy("no-regions"));
        CHECK(in.regions.empty());
        CHECK_THAT(in.regions_note, Catch::Contains("not found"));
    }
    SECTION("a missing column, file or sweep") {
        const fs::path dir = fixture_copy("bad-files");
        replace_line(dir / "sensitivity.csv", 1, "method,factor,output,index,value,ci_low");
        CHECK_THAT(load_error(dir), Catch::Contains("sensitivity.csv:1:1: error: ci_high: missing column"));
        fs::remove(dir / "sensitivity.csv");
        reseal(dir);
        // A sweep folder is read only when it is a whole result too.
        CHECK_THAT(load_error(dir, dir / "nowhere"), Catch::Contains("nowhere/manifest.json: error: cannot open file"));
        fs::remove(dir / "manifest.json");
        CHECK_THAT(load_error(dir), Catch::Contains("manifest.json: error: cannot open file"));
    }
    SECTION("a horizon end that is not a month, or an int at its edge") {
        for (const char* end : {"-2147483648-01", "2030-13", "2030", "2030-1x"}) {
            INFO(end);
            const fs::path dir = fixture_copy("bad-end");
            std::string manifest = read_text(dir / "manifest.json");
            const auto at = manifest.find("\"end\": \"");
            REQUIRE(at != std::string::npos);
            manifest.replace(at + 8, 7, end);
            std::ofstream(dir / "manifest.json") << manifest;
            CHECK_THAT(load_error(dir), Catch::Contains("error: scenarios[0].resolved.simulation.end: expected YYYY-MM"));
        }
    }
    SECTION("a manifest that is not JSON") {
        const fs::path dir = fixture_copy("bad-manifest");
        std::ofstream(dir / "manifest.json") << "{\"scenarios\": [";
        CHECK_THAT(load_error(dir), Catch::Contains("manifest.json: error: not valid JSON"));
    }
}

// Issue 16, finding 3: report rendered a folder holding tables of two runs, and a summary.csv cut at
// a row boundary, without complaint.
TEST_CASE("report inputs: a folder whose files do not match its manifest is refused, naming the file",
          "[report][unit]") {
    SECTION("summary.csv cut at a row boundary") {
        const fs::path dir = fixture_copy("cut-summary");
        const std::string summary = read_text(dir / "summary.csv");
        std::ofstream(dir / "summary.csv") << summary.substr(0, summary.rfind('\n', summary.size() - 2) + 1);
        CHECK_THAT(load_error(dir), Catch::Contains("summary.csv: error: does not match manifest.json") &&
                                        Catch::Contains("incomplete or mixed result"));
    }
    SECTION("yearly.csv of another run, same size") {
        const fs::path dir = fixture_copy("mixed");
        std::string yearly = read_text(dir / "yearly.csv");
        const auto at = yearly.find(",AM01,") + 6;
        yearly[at] = yearly[at] == '1' ? '2' : '1';  // one digit of another run
        std::ofstream(dir / "yearly.csv") << yearly;
        CHECK_THAT(load_error(dir), Catch::Contains("yearly.csv: error: does not match manifest.json (its sha256 differs)"));
    }
    SECTION("a listed file is missing") {
        const fs::path dir = fixture_copy("missing");
        fs::remove(dir / "comparison.csv");
        CHECK_THAT(load_error(dir), Catch::Contains("comparison.csv: error: listed in manifest.json but missing"));
    }
    SECTION("a manifest without its file list (not written whole by this version)") {
        const fs::path dir = fixture_copy("no-files");
        auto m = nlohmann::ordered_json::parse(read_text(dir / "manifest.json"));
        m.erase("files");
        std::ofstream(dir / "manifest.json") << m.dump(2);
        CHECK_THAT(load_error(dir), Catch::Contains("manifest.json: error: lists no files"));
    }
    SECTION("a file beside the result that the manifest does not list is not read") {
        const fs::path dir = fixture_copy("unlisted");
        fs::remove(dir / "comparison.csv");
        reseal(dir);
        std::ofstream(dir / "comparison.csv") << "not,a,table\n";  // a user's file of that name
        CHECK(load_report_inputs(dir).comparison.empty());
    }
}

TEST_CASE("swsim report: bad input exits 2 and writes nothing", "[report][unit]") {
    const fs::path dir = fixture_copy("cli-bad");
    replace_line(dir / "comparison.csv", 4, "x");
    const std::string cmd = std::string("\"") + SWSIM_BINARY + "\" report \"" + dir.string() + "\" 2>/dev/null";
    const int status = std::system(cmd.c_str());
    CHECK(WEXITSTATUS(status) == 2);
    CHECK_FALSE(fs::exists(dir / "report.html"));
}

TEST_CASE("swsim report: every chart renders in headless Chromium", "[report][browser]") {
    if (!report_assets().available()) {
        WARN("swsim was built without report assets (no node/npm): browser test skipped");
        return;
    }
    CHECK(report_assets().versions.find("vega-lite") != std::string::npos);
    const char* chromium = nullptr;
    for (const char* name : {"chromium", "chromium-browser", "google-chrome"})
        if (std::system((std::string("command -v ") + name + " >/dev/null 2>&1").c_str()) == 0) {
            chromium = name;
            break;
        }
    if (!chromium) {
        WARN("chromium not found: browser test skipped (scripts/install-deps.sh installs it)");
        return;
    }
    const fs::path out = fs::path(SWSIM_BINARY).parent_path().parent_path() / "tests" / "report-browser";
    fs::remove_all(out);
    fs::create_directories(out / "profile");
    // The page of a result folder, rendered; its DOM after rendering.
    const auto render = [&](const fs::path& dir, const std::string& name) {
        const fs::path html = out / (name + ".html");
        const std::string make = std::string("\"") + SWSIM_BINARY + "\" report \"" + dir.string() + "\" --out \"" +
                                 html.string() + "\" >/dev/null";
        REQUIRE(std::system(make.c_str()) == 0);
        const std::string browser = std::string(chromium) +
                                    " --headless --no-sandbox --disable-gpu --disable-quic --no-first-run"
                                    " --disable-background-networking --disable-component-update --disable-sync"
                                    " --user-data-dir=\"" + (out / "profile").string() +
                                    "\" --window-size=1200,5200 --virtual-time-budget=15000 ";
        const std::string url = "\"file://" + fs::absolute(html).string() + "\"";
        const fs::path dom = out / (name + "-dom.html");
        REQUIRE(std::system((browser + "--dump-dom " + url + " >\"" + dom.string() + "\" 2>/dev/null").c_str()) == 0);
        std::system((browser + "--screenshot=\"" + (out / (name + ".png")).string() + "\" " + url + " 2>/dev/null").c_str());
        return read_text(dom);
    };
    const auto check_rendered = [&](const std::string& dom) {
        CHECK(dom.find("data-status=\"done\"") != std::string::npos);
        CHECK(dom.find("data-errors=") == std::string::npos);
        CHECK(dom.find("<pre id=\"errors\" hidden=\"\"></pre>") != std::string::npos);
        CHECK(dom.find("data-charts-rendered=\"21\"") != std::string::npos);
        CHECK(count(dom, " class=\"marks\"") == kFixtureCharts);  // the root svg of each chart
    };
    {
        INFO("rendered page: " << (out / "report-dom.html").string());
        const std::string dom = render(kFixture, "report");
        check_rendered(dom);
        CHECK(count(dom, "total_range_marks") == 0);
    }
    {
        // An ensemble's result: the total range is drawn as an area in each of the 8 difference charts.
        INFO("rendered page: " << (out / "ensemble-dom.html").string());
        const std::string dom = render(ensemble_fixture("browser-ensemble"), "ensemble");
        check_rendered(dom);
        CHECK(count(dom, "mark-area role-mark total_range_marks") == 8);
    }
    CHECK(fs::exists(out / "report.png"));
    if (fs::exists(out / "report.png")) WARN("screenshot: " << (out / "report.png").string());
}
