#include "swsim/report/report.hpp"

#include <algorithm>
#include <cmath>
#include <map>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "swsim/core/error.hpp"
#include "swsim/output/columns.hpp"
#include "swsim/run/compare.hpp"
#include "swsim/run/stats.hpp"

namespace swsim {
namespace {

using nlohmann::ordered_json;
constexpr const char* kPalette[] = {"#1f4e79", "#d9822b", "#2a9d8f", "#8e44ad", "#c0392b", "#7f8c8d"};
constexpr std::size_t kMaxSensitivityCharts = 4, kMaxFactors = 15;

// A national key metric (output/columns.hpp): the sum of its columns, divided for display.
using Metric = KeyMetric;
const std::vector<Metric>& metrics() { return key_metrics(); }

double metric_value(const Metric& m, const YearlyRow& r) {
    double v = 0;
    for (const char* c : m.columns) v += r.values[report_column(c)];  // NaN stays NaN
    return v / m.divisor;
}

// Mean and replicate band (p05..p95) as swsim compare computes them.
Band band_of(const std::vector<double>& xs) {
    const Summary sum = summarise(xs);
    return {sum.mean, sum.p05, sum.p95};
}

// The difference scenario - reference with its 90 % interval, as swsim compare computes it: paired
// by replicate (common random numbers) or, for independent runs, Welch; with an ensemble the Monte
// Carlo interval and the total range (the values in replicate order: by member, then replicate).
Band difference(const std::vector<double>& scenario, const std::vector<double>& reference, const ReportInputs& in) {
    if (in.members > 0) {
        std::vector<double> d(scenario.size());
        for (std::size_t i = 0; i < d.size(); ++i) d[i] = scenario[i] - reference[i];
        const EnsembleInterval e = ensemble_interval(d, std::size_t(in.members), kCompareLevel);
        return {e.mean, e.mc_low, e.mc_high, e.total_low, e.total_high};
    }
    const Interval i = in.independent ? welch_interval(scenario, reference, kCompareLevel)
                                      : paired_interval(scenario, reference, kCompareLevel);
    return {i.mean, i.low, i.high};
}

ordered_json num(double v) { return std::isnan(v) ? ordered_json(nullptr) : ordered_json(v); }

// Per (scenario, year, replicate): the NL rows of one metric.
using Series = std::map<std::tuple<int, int, int>, double>;
Series national(const ReportInputs& in, const Metric& m) {
    Series s;
    for (const auto& r : in.yearly)
        if (r.region == "NL") s[{r.scenario, r.year, r.replicate}] = metric_value(m, r);
    return s;
}

struct Chart {
    std::string id, title, caption;
    ordered_json spec;
};

// Scenario colours: scenario i of the manifest always has kPalette[i]; `first` is the index of names[0].
ordered_json color_scale(const std::vector<std::string>& names, std::size_t first = 0) {
    ordered_json range = ordered_json::array();
    for (std::size_t i = 0; i < names.size(); ++i) range.push_back(kPalette[(first + i) % std::size(kPalette)]);
    return {{"domain", names}, {"range", range}};
}

ordered_json year_axis() {
    return {{"field", "year"}, {"type", "quantitative"}, {"scale", {{"zero", false}, {"nice", false}}},
            {"axis", {{"format", "d"}, {"tickMinStep", 1}, {"title", nullptr}}}};
}

// Line of means over a shaded band (low..high), one colour per scenario; with `total`, a lighter
// band behind it (total_low..total_high: an ensemble's total range).
ordered_json band_chart(ordered_json values, const std::string& y_title, const std::string& format,
                        const std::vector<std::string>& names, std::size_t first, bool zero_rule, bool total = false) {
    ordered_json layers = ordered_json::array();
    if (zero_rule)
        layers.push_back({{"mark", {{"type", "rule"}, {"color", "#555"}, {"strokeDash", {4, 3}}}},
                          {"encoding", {{"y", {{"datum", 0}}}}}});
    const ordered_json color = {{"field", "scenario"}, {"type", "nominal"}, {"scale", color_scale(names, first)}};
    ordered_json area_color = color, line_color = color;
    area_color["legend"] = nullptr;
    line_color["legend"] = {{"orient", "top"}, {"title", nullptr}, {"symbolType", "stroke"}, {"symbolStrokeWidth", 3}};
    if (total)
        layers.push_back({{"name", "total_range"},
                          {"mark", {{"type", "area"}, {"opacity", 0.12}}},
                          {"encoding", {{"y", {{"field", "total_low"}, {"type", "quantitative"}}},
                                        {"y2", {{"field", "total_high"}}},
                                        {"color", area_color}}}});
    layers.push_back({{"mark", {{"type", "area"}, {"opacity", total ? 0.3 : 0.2}}},
                      {"encoding", {{"y", {{"field", "low"}, {"type", "quantitative"}}}, {"y2", {{"field", "high"}}},
                                    {"color", area_color}}}});
    layers.push_back(
        {{"mark", {{"type", "line"}, {"strokeWidth", 2}, {"point", {{"size", 18}}}}},
         {"encoding",
          {{"y", {{"field", "mean"}, {"type", "quantitative"}}},
           {"color", line_color},
           {"tooltip",
            total ? ordered_json::array({{{"field", "scenario"}}, {{"field", "year"}},
                                         {{"field", "mean"}, {"format", format}, {"title", "difference"}},
                                         {{"field", "low"}, {"format", format}, {"title", "Monte Carlo 90 % low"}},
                                         {{"field", "high"}, {"format", format}, {"title", "Monte Carlo 90 % high"}},
                                         {{"field", "total_low"}, {"format", format}, {"title", "total 5 %"}},
                                         {{"field", "total_high"}, {"format", format}, {"title", "total 95 %"}}})
                  : ordered_json::array({{{"field", "scenario"}}, {{"field", "year"}},
                                         {{"field", "mean"}, {"format", format}, {"title", "mean"}},
                                         {{"field", "low"}, {"format", format}}, {{"field", "high"}, {"format", format}}})}}}});
    return {{"width", "container"},
            {"height", 210},
            {"data", {{"values", std::move(values)}}},
            {"encoding",
             {{"x", year_axis()},
              {"y", {{"type", "quantitative"}, {"axis", {{"format", format}, {"title", y_title}}}}}}},
            {"layer", std::move(layers)},
            {"resolve", {{"legend", {{"color", "independent"}}}}}};
}

// The national section: per metric the levels and the difference against the reference.
void national_charts(const ReportInputs& in, std::vector<Chart>& charts, std::vector<std::string>& notes) {
    std::vector<std::string> names, alts;
    for (const auto& s : in.scenarios) names.push_back(s.name);
    alts.assign(names.begin() + 1, names.end());
    const std::string& ref = names.front();
    const auto reps = in.replicates.size();
    const bool ensemble = in.members > 0;
    bool used_summary = false, used_comparison = false;
    for (const Metric& m : metrics()) {
        const Series s = national(in, m);
        ordered_json levels = ordered_json::array(), diffs = ordered_json::array();
        for (std::size_t k = 0; k < names.size(); ++k)
            for (int y : in.years) {
                std::vector<double> xs, refs;  // by replicate; pairs only where both have the replicate
                for (int r : in.replicates) {
                    auto it = s.find({static_cast<int>(k), y, r}), ref_it = s.find({0, y, r});
                    if (it == s.end() || ref_it == s.end()) continue;
                    xs.push_back(it->second);
                    refs.push_back(ref_it->second);
                }
                if (xs.empty()) continue;
                Band b = band_of(xs);
                if (auto it = in.summary.find({names[k], y, "NL", m.key}); it != in.summary.end()) {
                    b = {it->second.mean / m.divisor, it->second.low / m.divisor, it->second.high / m.divisor};
                    used_summary = true;
                }
                levels.push_back({{"scenario", names[k]}, {"year", y}, {"mean", num(b.mean)}, {"low", num(b.low)},
                                  {"high", num(b.high)}});
                if (k == 0) continue;
                Band d = difference(xs, refs, in);
                if (auto it = in.comparison.find({names[k], y, "NL", m.key}); it != in.comparison.end()) {
                    const Band& c = it->second;
                    d = {c.mean / m.divisor, c.low / m.divisor, c.high / m.divisor, c.total_low / m.divisor,
                         c.total_high / m.divisor};
                    used_comparison = true;
                }
                ordered_json point = {{"scenario", names[k]}, {"year", y}, {"mean", num(d.mean)}, {"low", num(d.low)},
                                      {"high", num(d.high)}};
                if (ensemble) point["total_low"] = num(d.total_low), point["total_high"] = num(d.total_high);
                diffs.push_back(std::move(point));
            }
        const std::string n = fmt::format("{} replicate{}", reps, reps == 1 ? "" : "s");
        charts.push_back(
            {"", m.title,
             ensemble ? fmt::format("{}, the Netherlands ({}). The line is the mean over all {} runs ({} members x {} "
                                    "replicates); the shaded band runs from their 5th to their 95th percentile: the "
                                    "range over every member (parameter set that fits 2015-2019) and chance.",
                                    m.title, m.unit, reps, in.members, in.replicates_per_member)
                      : fmt::format("{}, the Netherlands ({}). The line is the mean over {}; the "
                                    "shaded band runs from the 5th to the 95th percentile of the "
                                    "replicates: the spread from chance alone, not from uncertain "
                                    "assumptions (see the sensitivity section for those).",
                                    m.title, m.unit, n),
             band_chart(std::move(levels), m.axis, m.d3_format, names, 0, false)});
        if (alts.empty()) continue;
        charts.push_back({"", m.title + std::string(": difference vs ") + ref,
                          ensemble
                              ? fmt::format("Each scenario minus {}, paired by member and replicate (common random "
                                            "numbers). The dark band is the Monte Carlo 90 % interval: how much the "
                                            "difference moves from chance alone in the simulation{}. The light band "
                                            "is the total 5-95 % range over every member (parameter set that fits "
                                            "2015-2019) and chance: how sure we really are.",
                                            ref, in.replicates_per_member < 2 ? " (not drawn: it needs 2 or more "
                                                                                "replicates per member)" : "")
                          : in.independent
                              ? fmt::format("Each scenario minus {}; the scenarios ran with their own seeds, so the "
                                            "band is the 90 % Welch interval of the difference of the means: where "
                                            "it does not cross the dashed zero line, the difference is not chance.",
                                            ref)
                              : fmt::format("Each scenario minus {}, paired by replicate (common random numbers). "
                                            "The band is the 90 % interval of the mean paired difference: where it "
                                            "does not cross the dashed zero line, the difference is not chance.",
                                            ref),
                          band_chart(std::move(diffs), "difference, " + std::string(m.axis), m.d3_format, alts, 1, true,
                                     ensemble)});
    }
    const std::string method = ensemble         ? "Monte Carlo interval and total range of the member x replicate differences"
                               : in.independent ? "Welch t on the difference of the means"
                                                : "paired t on the per-replicate differences";
    notes.push_back(used_summary ? "Bands of single columns are from summary.csv; the derived metric (regular work) "
                                   "is computed from yearly.csv the same way (5th and 95th percentile, linear "
                                   "interpolation)."
                                 : "Bands are computed from yearly.csv (5th and 95th percentile of the replicates, "
                                   "linear interpolation); the folder has no summary.csv.");
    if (!alts.empty())
        notes.push_back(used_comparison ? "Difference intervals are from comparison.csv; the derived metric is "
                                          "computed from yearly.csv the same way (" + method + ")."
                                        : "Difference intervals are computed from yearly.csv (" + method +
                                              "); the folder has no comparison.csv.");
}

// Tile positions (column, row) of the 35 arbeidsmarktregio's, laid out like the map of the country.
struct Tile {
    const char* code;
    const char* label;
    int col, row;
};
constexpr Tile kTiles[] = {
    {"AM15", "NH-Noord", 2, 0},     {"AM02", "Friesland", 3, 0},     {"AM01", "Groningen", 4, 0},
    {"AM37", "ZK-IJmond", 1, 1},    {"AM17", "Zaanstreek", 2, 1},    {"AM11", "Flevoland", 3, 1},
    {"AM03", "Drenthe", 4, 1},      {"AM19", "H-Rijnland", 1, 2},    {"AM18", "Amsterdam", 2, 2},
    {"AM12", "Gooi-Vecht", 3, 2},   {"AM36", "Zwolle", 4, 2},        {"AM05", "Twente", 5, 2},
    {"AM21", "Haaglanden", 0, 3},   {"AM34", "ZH-Centraal", 1, 3},   {"AM13", "M-Utrecht", 2, 3},
    {"AM14", "Amersfoort", 3, 3},   {"AM06", "Apeldoorn", 4, 3},    {"AM09", "Achterhoek", 5, 3},
    {"AM22", "Rijnmond", 0, 4},     {"AM20", "M-Holland", 1, 4},     {"AM35", "Gorinchem", 2, 4},
    {"AM38", "Food Valley", 3, 4},  {"AM07", "Arnhem", 4, 4},  {"AM23", "Drechtst.", 1, 5},
    {"AM10", "Rivierenland", 3, 5}, {"AM08", "Nijmegen", 4, 5},      {"AM24", "Zeeland", 0, 6},
    {"AM25", "W-Brabant", 1, 6},    {"AM26", "M-Brabant", 2, 6},     {"AM27", "NO-Brabant", 3, 6},
    {"AM29", "N-Limburg", 4, 6},    {"AM28", "ZO-Brabant", 2, 7},    {"AM32", "Helmond", 3, 7},
    {"AM33", "M-Limburg", 4, 7},    {"AM30", "Z-Limburg", 4, 8},
};

struct RegionYear {
    std::string code, name;
    std::vector<double> wsw, cost;  // per scenario: replicate means (per 1,000 / per inhabitant if known)
};

std::vector<RegionYear> region_table(const ReportInputs& in, int year) {
    std::map<std::string, std::vector<std::vector<double>>> wsw, cost;  // code -> scenario -> replicates
    std::vector<std::string> order;
    for (const auto& r : in.yearly) {
        if (r.year != year || r.region == "NL") continue;
        if (!wsw.count(r.region)) {
            order.push_back(r.region);
            wsw[r.region].resize(in.scenarios.size());
            cost[r.region].resize(in.scenarios.size());
        }
        wsw[r.region][static_cast<std::size_t>(r.scenario)].push_back(r.values[report_column("wsw")]);
        cost[r.region][static_cast<std::size_t>(r.scenario)].push_back(r.values[report_column("municipal_net_cost")]);
    }
    std::vector<RegionYear> out;
    for (const auto& code : order) {
        RegionYear ry{code, code, {}, {}};
        double per_1000 = 1, per_inhabitant = 1;
        for (const auto& info : in.regions)
            if (info.code == code) {
                ry.name = info.name;
                per_1000 = 1000 / info.population_15_64;
                per_inhabitant = 1 / info.population_total;
            }
        for (std::size_t s = 0; s < in.scenarios.size(); ++s) {
            ry.wsw.push_back(band_of(wsw[code][s]).mean * per_1000);
            ry.cost.push_back(band_of(cost[code][s]).mean * per_inhabitant);
        }
        out.push_back(std::move(ry));
    }
    return out;
}

void region_charts(const ReportInputs& in, int year, const std::vector<RegionYear>& rows, std::vector<Chart>& charts) {
    const bool per_capita = !in.regions.empty();
    const std::string wsw_label = per_capita ? "Wsw per 1,000 inhabitants aged 15–64" : "Wsw workers";
    double high = 0;  // tiles above 60 % of the largest value get white labels
    for (const auto& r : rows)
        for (double v : r.wsw)
            if (!std::isnan(v)) high = std::max(high, 0.6 * v);
    const std::string cost_label = per_capita ? "municipal net cost, € per inhabitant" : "municipal net cost, €";
    ordered_json tiles = ordered_json::array();
    std::vector<std::string> names;
    for (const auto& s : in.scenarios) names.push_back(s.name);
    for (std::size_t s = 0; s < names.size(); ++s)
        for (const Tile& t : kTiles) {
            auto it = std::find_if(rows.begin(), rows.end(), [&](const RegionYear& r) { return r.code == t.code; });
            tiles.push_back({{"scenario", names[s]}, {"code", t.code}, {"label", t.label}, {"col", t.col},
                             {"row", t.row}, {"name", it == rows.end() ? std::string(t.label) : it->name},
                             {"value", it == rows.end() ? ordered_json(nullptr) : num(it->wsw[s])}});
        }
    ordered_json label_colours = ordered_json::array();
    label_colours.push_back({{"test", "datum.value == null"}, {"value", "#999"}});
    label_colours.push_back({{"test", fmt::format("datum.value > {}", high)}, {"value", "white"}});
    const ordered_json tile_enc = {{"x", {{"field", "col"}, {"type", "ordinal"}, {"axis", nullptr}}},
                                   {"y", {{"field", "row"}, {"type", "ordinal"}, {"axis", nullptr}}}};
    ordered_json map = {
        {"data", {{"values", tiles}}},
        {"facet", {{"field", "scenario"}, {"type", "nominal"}, {"sort", names},
                   {"header", {{"title", nullptr}, {"labelFontSize", 13}, {"labelFontWeight", "bold"}}}}},
        {"columns", 3},
        {"spec",
         {{"width", 6 * 56},
          {"height", 9 * 36},
          {"encoding", tile_enc},
          {"layer",
           {{{"mark", {{"type", "rect"}, {"color", "#eef1f4"}, {"stroke", "white"}, {"strokeWidth", 2},
                       {"cornerRadius", 3}}}},  // every tile, under the coloured ones
            {{"mark", {{"type", "rect"}, {"stroke", "white"}, {"strokeWidth", 2}, {"cornerRadius", 3}}},
             {"encoding",
              {{"color", {{"field", "value"}, {"type", "quantitative"}, {"scale", {{"scheme", "blues"}}},
                          {"legend", {{"title", wsw_label}, {"orient", "bottom"}, {"gradientLength", 260}, {"titleLimit", 400}}}}},
               {"tooltip", {{{"field", "name"}, {"title", "region"}}, {{"field", "code"}},
                            {{"field", "value"}, {"format", ",.1f"}, {"title", wsw_label}}}}}}},
            {{"mark", {{"type", "text"}, {"fontSize", 8.5}, {"baseline", "middle"}}},
             {"encoding", {{"text", {{"field", "label"}}},
                           {"color", {{"condition", label_colours}, {"value", "#222"}}}}}}}}}},
        {"config", {{"scale", {{"bandPaddingInner", 0}}}, {"view", {{"stroke", nullptr}}}}}};
    charts.push_back({"", fmt::format("{} by region, {}", wsw_label, year),
                      fmt::format("Each tile is an arbeidsmarktregio, placed roughly where it lies in the country; "
                                  "the colour is the mean over the replicates at the end of {}{}. Grey tiles have "
                                  "no data in this folder.",
                                  year, per_capita ? " (inhabitants 15–64 of 2015)" : ""),
                      std::move(map)});

    // Bars: the difference in net cost per inhabitant against the reference (or the level, alone).
    const bool diff = names.size() > 1;
    ordered_json bars = ordered_json::array();
    for (const auto& r : rows)
        for (std::size_t s = diff ? 1 : 0; s < names.size(); ++s)
            bars.push_back({{"scenario", names[s]}, {"region", r.name},
                            {"value", num(diff ? r.cost[s] - r.cost[0] : r.cost[s])}});
    std::vector<std::string> shown(names.begin() + (diff ? 1 : 0), names.end());
    const std::string x_title = diff ? cost_label + ", difference vs " + names[0] : cost_label;
    ordered_json bar = {
        {"width", 330},
        {"height", {{"step", shown.size() > 1 ? 9 : 14}}},
        {"data", {{"values", bars}}},
        {"mark", {{"type", "bar"}, {"cornerRadiusEnd", 2}}},
        {"encoding",
         {{"y", {{"field", "region"}, {"type", "nominal"}, {"sort", "-x"}, {"axis", {{"title", nullptr}, {"labelLimit", 250}}}}},
          {"x", {{"field", "value"}, {"type", "quantitative"},
                 {"axis", {{"title", x_title}, {"format", per_capita ? ",.2f" : ",.0f"}}}}},
          {"yOffset", {{"field", "scenario"}, {"type", "nominal"}, {"sort", shown}}},
          {"color", {{"field", "scenario"}, {"type", "nominal"}, {"scale", color_scale(shown, diff ? 1 : 0)},
                     {"legend", {{"orient", "top"}, {"title", nullptr}}}}},
          {"tooltip", {{{"field", "region"}}, {{"field", "scenario"}},
                       {{"field", "value"}, {"format", ",.2f"}, {"title", x_title}}}}}}};
    charts.push_back(
        {"", fmt::format("{} by region, {}", diff ? "Difference in municipal net cost" : "Municipal net cost", year),
         diff ? fmt::format("Mean over the replicates of each scenario minus {} in {}, {}; regions sorted by the "
                            "difference. Bars to the left: the municipalities of that region pay less.",
                            names[0], year, per_capita ? "per inhabitant" : "in euro")
              : fmt::format("Mean over the replicates in {}, {}.", year, per_capita ? "per inhabitant" : "in euro"),
         std::move(bar)});
}

// Tornado charts: per (method, output) the factors sorted by mu_star (Morris) or ST (Sobol).
void sensitivity_charts(const ReportInputs& in, std::vector<Chart>& charts, std::vector<std::string>& notes) {
    std::vector<std::pair<std::string, std::string>> groups;
    for (const auto& r : in.sensitivity)
        if (std::find(groups.begin(), groups.end(), std::pair{r.method, r.output}) == groups.end())
            groups.emplace_back(r.method, r.output);
    if (groups.size() > kMaxSensitivityCharts)
        notes.push_back(fmt::format("{} has {} outputs; the first {} are shown.", in.sensitivity_file, groups.size(),
                                    kMaxSensitivityCharts));
    groups.resize(std::min(groups.size(), kMaxSensitivityCharts));
    for (const auto& [method, output] : groups) {
        const bool morris = method == "morris";
        const std::vector<std::string> indices = morris ? std::vector<std::string>{"mu_star", "sigma"}
                                                        : std::vector<std::string>{"ST", "S1"};
        std::map<std::string, double> primary;
        for (const auto& r : in.sensitivity)
            if (r.method == method && r.output == output && r.index == indices[0]) primary[r.factor] = r.value;
        std::vector<std::pair<std::string, double>> order(primary.begin(), primary.end());
        std::stable_sort(order.begin(), order.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
        if (order.size() > kMaxFactors) order.resize(kMaxFactors);
        std::vector<std::string> factors;
        for (const auto& o : order) factors.push_back(o.first);
        ordered_json values = ordered_json::array();
        for (const auto& r : in.sensitivity)
            if (r.method == method && r.output == output &&
                std::find(indices.begin(), indices.end(), r.index) != indices.end() &&
                std::find(factors.begin(), factors.end(), r.factor) != factors.end())
                values.push_back({{"factor", r.factor}, {"index", r.index}, {"value", num(r.value)},
                                  {"low", num(r.ci_low)}, {"high", num(r.ci_high)}});
        const ordered_json y = {{"field", "factor"}, {"type", "nominal"}, {"sort", factors},
                                {"axis", {{"title", nullptr}, {"labelLimit", 330}}}};
        const ordered_json offset = {{"field", "index"}, {"type", "nominal"}, {"sort", indices}};
        ordered_json spec = {
            {"width", 200},
        {"height", {{"step", 11}}},
            {"data", {{"values", values}}},
            {"encoding", {{"y", y}, {"yOffset", offset}}},
            {"layer",
             {{{"mark", {{"type", "bar"}, {"cornerRadiusEnd", 2}}},
               {"encoding", {{"x", {{"field", "value"}, {"type", "quantitative"}, {"axis", {{"title", "index"}}}}},
                             {"color", {{"field", "index"}, {"type", "nominal"}, {"sort", indices},
                                        {"scale", {{"range", {"#1f4e79", "#9fb7cf"}}}},
                                        {"legend", {{"orient", "top"}, {"title", nullptr}}}}},
                             {"tooltip", {{{"field", "factor"}}, {{"field", "index"}},
                                          {{"field", "value"}, {"format", ".3g"}},
                                          {{"field", "low"}, {"format", ".3g"}},
                                          {{"field", "high"}, {"format", ".3g"}}}}}}},
              {{"mark", {{"type", "rule"}, {"color", "#333"}}},
               {"encoding", {{"x", {{"field", "low"}, {"type", "quantitative"}}}, {"x2", {{"field", "high"}}}}}}}}};
        charts.push_back(
            {"", fmt::format("Sensitivity of {} ({})", output, morris ? "Morris" : "Sobol"),
             morris ? std::string("Morris elementary effects, factors sorted by μ* (mean absolute effect: how much "
                                  "the output moves when the factor moves over its range); σ large relative to μ* "
                                  "means the effect depends on the other factors. Lines: confidence intervals.")
                    : std::string("Sobol indices, factors sorted by the total index ST (share of the output variance "
                                  "due to the factor, including its interactions); S1 is the share due to the factor "
                                  "alone. Lines: confidence intervals."),
             std::move(spec)});
    }
}

std::string json_for_script(const ordered_json& j) {
    std::string s = j.dump();
    std::string out;
    out.reserve(s.size());
    for (char c : s) {  // '<' only occurs inside strings, where \u003c means the same
        if (c == '<') out += "\\u003c";
        else out += c;
    }
    return out;
}

std::string functions_text(const ScenarioInfo& s) {
    if (s.company_mode == "sterfhuis" && s.own_modes.empty()) return "— (sterfhuis everywhere)";
    if (s.functions_on.empty()) return "none";
    std::string out;
    for (const auto& f : s.functions_on) out += (out.empty() ? "" : ", ") + f;
    return out;
}

constexpr const char* kStyle = R"css(
:root { --ink:#1d2733; --muted:#5b6673; --line:#dde3ea; --accent:#1f4e79; }
* { box-sizing: border-box; }
body { margin:0; font:14px/1.5 system-ui,"Segoe UI","Helvetica Neue","DejaVu Sans",Arial,sans-serif; color:var(--ink); background:#f6f8fa; }
main { max-width:1180px; margin:0 auto; padding:28px 32px 60px; background:#fff; }
header { border-bottom:3px solid var(--accent); padding-bottom:12px; margin-bottom:8px; }
h1 { font-size:26px; margin:0 0 4px; font-weight:650; }
h2 { font-size:19px; margin:34px 0 6px; padding-bottom:4px; border-bottom:1px solid var(--line); color:var(--accent); }
h3 { font-size:14.5px; margin:0 0 4px; font-weight:650; }
p.lead, .sub { color:var(--muted); margin:4px 0; }
table { border-collapse:collapse; width:100%; font-size:13px; margin:8px 0; font-variant-numeric:tabular-nums; }
th, td { text-align:left; padding:4px 8px; border-bottom:1px solid var(--line); vertical-align:top; }
th { background:#f1f4f7; font-weight:600; }
td.num, th.num { text-align:right; }
.ref { display:inline-block; font-size:11px; padding:0 6px; border-radius:8px; background:#e8eef5; color:var(--accent); margin-left:6px; }
.swatch { display:inline-block; width:10px; height:10px; border-radius:2px; margin-right:6px; }
.grid { display:grid; grid-template-columns:repeat(auto-fit,minmax(440px,1fr)); gap:18px 28px; margin-top:12px; }
figure { margin:0; }
figure.wide { grid-column:1 / -1; }
.chart { width:100%; min-height:60px; }
figcaption { color:var(--muted); font-size:12.5px; margin-top:2px; }
.notes { color:var(--muted); font-size:12.5px; }
.scroll { max-height:460px; overflow:auto; border:1px solid var(--line); }
.scroll th { position:sticky; top:0; }
code { font-size:12px; }
#errors { background:#fdecea; color:#8a1c1c; padding:10px; white-space:pre-wrap; }
)css";

// Renders every chart with vega-embed (SVG); failures and Vega warnings go into #errors. When all
// are done the body gets data-status="done" and data-charts-rendered (what the browser test reads).
constexpr const char* kRunner = R"js(
(function () {
  var errors = [];
  function fail(msg) {
    errors.push(msg);
    var pre = document.getElementById('errors');
    pre.textContent = errors.join('\n'); pre.hidden = false;
    document.body.setAttribute('data-errors', String(errors.length));
  }
  window.addEventListener('error', function (e) { fail('script error: ' + e.message); });
  function logger(id) {
    var level = 0;
    return { level: function (l) { if (l === undefined) return level; level = l; return this; },
             error: function () { fail(id + ': ' + Array.prototype.join.call(arguments, ' ')); return this; },
             warn: function () { fail(id + ': warning: ' + Array.prototype.join.call(arguments, ' ')); return this; },
             info: function () { return this; }, debug: function () { return this; } };
  }
  try {
    var charts = JSON.parse(document.getElementById('swsim-charts').textContent);
    Promise.all(charts.map(function (c) {
      return vegaEmbed('#' + c.id, c.spec, { mode: 'vega-lite', renderer: 'svg', actions: false, logger: logger(c.id) })
        .catch(function (e) { fail(c.id + ': ' + e.message); });
    })).then(function () {
      document.body.setAttribute('data-charts-rendered', String(document.querySelectorAll('.chart svg.marks').length));
      document.body.setAttribute('data-status', 'done');
    });
  } catch (e) { fail('report: ' + e.message); document.body.setAttribute('data-status', 'failed'); }
})();
)js";

void figure(std::string& out, const Chart& c, bool wide = false) {
    out += fmt::format("<figure{}><h3>{}</h3>", wide ? " class=\"wide\"" : "",
                       html_escape(c.title));
    out += fmt::format("<div class=\"chart\" id=\"{}\"></div><figcaption>{}</figcaption></figure>\n", c.id,
                       html_escape(c.caption));
}

std::string manifest_value(const ReportInputs& in, const std::string& key) {
    for (const auto& [k, v] : in.manifest_fields)
        if (k == key) return v;
    return "";
}

}  // namespace

std::string html_escape(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (char c : s) switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            case '\'': out += "&#39;"; break;
            default: out += c;
        }
    return out;
}

Report build_report(const ReportInputs& in, const ReportOptions& options, const ReportAssets& assets) {
    Report rep;
    rep.year = options.year.value_or(in.last_full_year);
    if (!std::binary_search(in.years.begin(), in.years.end(), rep.year)) {
        if (options.year)
            throw InputError(fmt::format("swsim report: error: --year {}: not in yearly.csv (years {}–{})", rep.year,
                                         in.years.front(), in.years.back()));
        rep.year = in.years.back();
    }
    std::vector<Chart> national, regional, sensitivity;
    std::vector<std::string> notes, sens_notes;
    national_charts(in, national, notes);
    const auto rows = region_table(in, rep.year);
    region_charts(in, rep.year, rows, regional);
    sensitivity_charts(in, sensitivity, sens_notes);
    ordered_json specs = ordered_json::array();
    for (auto* group : {&national, &regional, &sensitivity})
        for (auto& c : *group) {
            c.id = fmt::format("chart-{}", ++rep.charts);
            specs.push_back({{"id", c.id}, {"spec", c.spec}});
        }

    const auto& ref = in.scenarios.front();
    std::vector<std::string> names;
    for (const auto& s : in.scenarios) names.push_back(s.name);
    std::string title;
    for (const auto& n : names) title += (title.empty() ? "" : " vs ") + n;
    const std::string version = manifest_value(in, "version"), git = manifest_value(in, "git_revision");

    std::string h;
    h += "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
         "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
    h += fmt::format("<title>swsim report: {}</title>\n<style>{}</style>\n", html_escape(title), kStyle);
    for (const std::string* bundle : {&assets.vega, &assets.vega_lite, &assets.vega_embed})
        h += "<script>" + *bundle + "</script>\n";
    h += fmt::format("</head>\n<body data-charts-expected=\"{}\">\n<main>\n<header>\n", rep.charts);
    h += fmt::format("<h1>Social employment scenarios: {}</h1>\n", html_escape(title));
    h += fmt::format("<p class=\"sub\">swsim {} (git {}) · {} scenario{} × {} replicate{} · {}–{} · results from "
                     "<code>{}</code></p>\n</header>\n",
                     html_escape(version), html_escape(git), names.size(), names.size() == 1 ? "" : "s",
                     in.replicates.size(), in.replicates.size() == 1 ? "" : "s", in.years.front(), in.years.back(),
                     html_escape(in.dir.string()));
    h += "<pre id=\"errors\" hidden></pre>\n";

    h += "<h2 id=\"scenarios\">Scenarios</h2>\n<p class=\"lead\">The first scenario is the reference: every difference in this "
         "report is another scenario minus the reference, run with the same random numbers (same seed and "
         "replicates), so the difference shows the policy, not chance. Ontwikkelbedrijf functions act only where "
         "and from when the company is an ontwikkelbedrijf.</p>\n<table>\n<tr><th>scenario</th><th>company "
         "mode</th><th class=\"num\">switch year</th><th>ontwikkelbedrijf functions on</th><th "
         ">regions and companies with their own mode</th><th class=\"num\">seed</th><th class=\"num\">scale</th><th>horizon</th></tr>\n";
    for (std::size_t i = 0; i < in.scenarios.size(); ++i) {
        const auto& s = in.scenarios[i];
        h += fmt::format("<tr><td><span class=\"swatch\" style=\"background:{}\"></span>{}{}</td><td>{}</td><td "
                         "class=\"num\">{}</td><td>{}</td><td>{}</td><td class=\"num\">{}</td><td "
                         "class=\"num\">{}</td><td>{} – {}</td></tr>\n",
                         kPalette[i % std::size(kPalette)], html_escape(s.name),
                         i == 0 ? "<span class=\"ref\">reference</span>" : "", html_escape(s.company_mode),
                         s.switch_year, html_escape(functions_text(s)),
                         s.own_modes.empty() ? std::string("—") : html_escape(fmt::format("{}", fmt::join(s.own_modes, ", "))),
                         s.seed, s.scale,
                         html_escape(s.start), html_escape(s.end));
    }
    if (in.members > 0)
        h += fmt::format("</table>\n<p class=\"notes\">Runs: {} per scenario, {} members (parameter sets of the "
                         "ensemble) × {} replicates: replicate number k (numbers {}–{}) is member k / {} + 1, the "
                         "same in every scenario.</p>\n",
                         in.replicates.size(), in.members, in.replicates_per_member, in.replicates.front(),
                         in.replicates.back(), in.replicates_per_member);
    else
        h += fmt::format("</table>\n<p class=\"notes\">Replicates: {} per scenario (numbers {}–{}).</p>\n",
                         in.replicates.size(), in.replicates.front(), in.replicates.back());

    h += in.members > 0
             ? "<h2 id=\"national\">National results</h2>\n<p class=\"lead\">Left: the level per scenario with the "
               "band over every run. Right: the difference against the reference with its Monte Carlo 90 % interval "
               "(dark) and its total 5–95 % range (light).</p>\n<div class=\"grid\">\n"
             : "<h2 id=\"national\">National results</h2>\n<p class=\"lead\">Left: the level per scenario with the "
               "replicate band. Right: the difference against the reference with its 90 % interval.</p>\n"
               "<div class=\"grid\">\n";
    for (const auto& c : national) figure(h, c);
    h += "</div>\n";
    for (const auto& n : notes) h += "<p class=\"notes\">" + html_escape(n) + "</p>\n";

    h += fmt::format("<h2 id=\"regions\">Regions in {}</h2>\n<p class=\"lead\">The 35 arbeidsmarktregio's at the end of {} "
                     "(choose another year with <code>--year</code>).</p>\n",
                     rep.year, rep.year);
    if (!in.regions_note.empty()) h += "<p class=\"notes\">" + html_escape(in.regions_note) + ".</p>\n";
    h += "<div class=\"grid\">\n";
    for (std::size_t i = 0; i < regional.size(); ++i) figure(h, regional[i], i == 0);  // the map: full width
    h += "</div>\n";
    const bool per_capita = !in.regions.empty();
    h += "<div class=\"scroll\"><table>\n<tr><th>region</th>";
    for (const auto& n : names)
        h += fmt::format("<th class=\"num\">{}<br>Wsw{}</th><th class=\"num\">{}<br>net cost{}</th>", html_escape(n),
                         per_capita ? " per 1,000" : "", html_escape(n), per_capita ? " € / inh." : " €");
    for (std::size_t s = 1; s < names.size(); ++s)
        h += fmt::format("<th class=\"num\">Δ {}<br>Wsw{}</th><th class=\"num\">Δ {}<br>net cost{}</th>",
                         html_escape(names[s]), per_capita ? " per 1,000" : "", html_escape(names[s]),
                         per_capita ? " € / inh." : " €");
    h += "</tr>\n";
    auto cell = [&](double v, bool signed_) {
        if (std::isnan(v)) return std::string("<td class=\"num\">NA</td>");
        const int d = per_capita ? 2 : 0;
        return fmt::format("<td class=\"num\">{}</td>", signed_ ? fmt::format("{:+.{}f}", v, d) : fmt::format("{:.{}f}", v, d));
    };
    for (const auto& r : rows) {
        h += fmt::format("<tr><td>{} <span class=\"notes\">{}</span></td>", html_escape(r.name), html_escape(r.code));
        for (std::size_t s = 0; s < names.size(); ++s) h += cell(r.wsw[s], false) + cell(r.cost[s], false);
        for (std::size_t s = 1; s < names.size(); ++s)
            h += cell(r.wsw[s] - r.wsw[0], true) + cell(r.cost[s] - r.cost[0], true);
        h += "</tr>\n";
    }
    h += "</table></div>\n<p class=\"notes\">Means over the replicates at the end of the year (net cost: over the "
         "year)" + std::string(per_capita ? "; inhabitants of 2015 from the scenario's region table" : "") + ".</p>\n";

    if (!sensitivity.empty()) {
        h += "<h2 id=\"sensitivity\">Sensitivity</h2>\n<p class=\"lead\">Which uncertain assumptions move the results most, from the "
             "parameter sweep in <code>" + html_escape(in.sensitivity_file) + "</code>.</p>\n<div class=\"grid\">\n";
        for (const auto& c : sensitivity) figure(h, c);
        h += "</div>\n";
        for (const auto& n : sens_notes) h += "<p class=\"notes\">" + html_escape(n) + "</p>\n";
    }

    if (!in.validation.empty()) {
        // The calibration behind the ensemble: how each target is met, and what it taught about each parameter.
        const auto table = [&](const std::vector<std::vector<std::string>>& cells, const std::vector<std::string>& columns) {
            std::vector<std::size_t> at;
            for (const std::string& c : columns)
                at.push_back(std::size_t(std::find(cells.front().begin(), cells.front().end(), c) - cells.front().begin()));
            h += "<div class=\"scroll\"><table>\n<tr>";
            for (const std::string& c : columns) h += "<th>" + html_escape(c) + "</th>";
            h += "</tr>\n";
            for (std::size_t r = 1; r < cells.size(); ++r) {
                h += "<tr>";
                for (std::size_t c : at) h += "<td>" + html_escape(c < cells[r].size() ? cells[r][c] : "") + "</td>";
                h += "</tr>\n";
            }
            h += "</table></div>\n";
        };
        h += "<h2 id=\"calibration\">Calibration</h2>\n<p class=\"lead\">The ensemble behind the total ranges was "
             "calibrated by history matching to the figures of 2015-2019 (<code>" + html_escape(in.calibration_dir) +
             "</code>). Validation: each target against the ensemble run again with fresh draws (median and "
             "5-95 % range); a target passes when the median's implausibility is at most the cut-off.</p>\n";
        table(in.validation, {"target", "use", "observed", "simulated_median", "simulated_p05", "simulated_p95",
                              "implausibility", "fit_share", "pass", "source"});
        h += "<p class=\"lead\">Parameters: the prior range against the range of the non-implausible points and "
             "the ensemble's 5-95 %.</p>\n";
        table(in.parameters, {"key", "prior_lo", "prior_hi", "calibrated_lo", "calibrated_hi", "ensemble_p05",
                              "ensemble_median", "ensemble_p95"});
    }

    h += "<h2 id=\"manifest\">Manifest</h2>\n<p class=\"lead\">What produced these results; rerunning the command with this "
         "version gives the same numbers.</p>\n<table>\n";
    for (const auto& [k, v] : in.manifest_fields)
        h += fmt::format("<tr><th>{}</th><td><code>{}</code></td></tr>\n", html_escape(k), html_escape(v));
    h += "</table>\n<table>\n<tr><th>scenario</th><th>file</th><th class=\"num\">seed</th><th>hash</th></tr>\n";
    for (const auto& s : in.scenarios)
        h += fmt::format("<tr><td>{}</td><td><code>{}</code></td><td class=\"num\">{}</td><td><code>{}</code></td></tr>\n",
                         html_escape(s.name), html_escape(s.file), s.seed, html_escape(s.hash.empty() ? "—" : s.hash));
    h += fmt::format("</table>\n<p class=\"notes\">Reference scenario: {}. Charts: {}, inlined; the page needs no "
                     "network.</p>\n</main>\n",
                     html_escape(ref.name), html_escape(assets.versions));
    h += "<script type=\"application/json\" id=\"swsim-charts\">" + json_for_script(specs) + "</script>\n";
    h += fmt::format("<script>{}</script>\n</body>\n</html>\n", kRunner);
    rep.html = std::move(h);
    return rep;
}

}  // namespace swsim
