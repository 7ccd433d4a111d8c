#include "swsim/run/ensemble.hpp"

#include <charconv>
#include <cmath>

#include <fmt/format.h>

#include "swsim/core/error.hpp"
#include "swsim/core/text.hpp"
#include "swsim/input/file.hpp"
#include "swsim/input/limits.hpp"
#include "swsim/region/csv.hpp"
#include "swsim/scenario/load.hpp"
#include "swsim/scenario/schema.hpp"

namespace swsim {

namespace {

bool numeric(KeyType t) {
    return t == KeyType::number || t == KeyType::integer || t == KeyType::year_series || t == KeyType::inflow_rate;
}

std::string shown(double v) { return fmt::format("{}", v); }

// The valid values of a key for one number: an inflow rate may be per 1,000 inhabitants or persons
// per year, depending on the form the scenario uses, so here it gets the wider of the two (applying
// the member checks the form's own range).
ValueRange number_range(const KeySpec& key) {
    if (key.type == KeyType::inflow_rate) return {0, kMaxPersons, false};
    return key.valid;
}

std::string range_words(const ValueRange& r) {
    const bool lo = std::isfinite(r.min), hi = std::isfinite(r.max);
    if (lo && hi && !r.min_exclusive) return shown(r.min) + " to " + shown(r.max);
    std::string s;
    if (lo) s = (r.min_exclusive ? "> " : ">= ") + shown(r.min);
    if (hi) s += (s.empty() ? "<= " : " and <= ") + shown(r.max);
    return s;
}

// The header's key columns: each a known, numeric model key (simulation.* keys say how to run, not
// what the model is: the seed and replicates belong to the comparison).
void check_header(const CsvTable& t, Ensemble& e, std::vector<Diagnostic>& diags) {
    const CsvCell& first = t.header.front();
    if (first.text != "member")
        diags.push_back(cell_diagnostic(t, first, first.text,
                                        "the first column must be 'member' (the member's number, 1, 2, ...)"));
    std::vector<std::string> numeric_keys;
    for (const KeySpec& k : scenario_schema())
        if (numeric(k.type)) numeric_keys.push_back(k.path);
    for (std::size_t c = 1; c < t.header.size(); ++c) {
        const CsvCell& cell = t.header[c];
        const KeySpec* key = find_key(parameter_key(cell.text));
        if (!key) {
            const auto best = closest_match(cell.text, numeric_keys);
            diags.push_back(cell_diagnostic(t, cell, cell.text,
                                            best ? "unknown key; did you mean '" + *best + "'?"
                                                 : "unknown key (the keys are listed in scenarios/README.md)"));
        } else if (!numeric(key->type)) {
            diags.push_back(cell_diagnostic(t, cell, cell.text,
                                            "its type is " + type_name(key->type) +
                                                "; an ensemble sets numeric keys only (number, integer, "
                                                "year series, inflow rate)"));
        } else if (key->path.starts_with("simulation.")) {
            diags.push_back(cell_diagnostic(t, cell, cell.text,
                                            "says how to run, not what the model is; an ensemble cannot set "
                                            "simulation keys"));
        }
        e.keys.push_back(cell.text);
        e.key_cols.push_back(cell.col);
    }
    if (t.header.size() < 2)
        diags.push_back(cell_diagnostic(t, first, "", "no key columns: the header must name at least one scenario key"));
}

}  // namespace

Ensemble load_ensemble(const std::string& path) {
    Ensemble e;
    e.file = path;
    std::vector<Diagnostic> diags;
    const FileText file = read_input_file(path);
    if (!file.problem.empty()) throw ScenarioError({Diagnostic{path, 0, 0, "", file.problem}});
    e.bytes = file.text;
    const CsvTable t = parse_csv(file.text, path, diags);
    if (t.header.empty()) throw ScenarioError(std::move(diags));
    const bool rows_whole = diags.empty();  // else the numbering below would repeat a dropped row
    check_header(t, e, diags);
    if (t.rows.empty() && rows_whole)
        diags.push_back({path, t.header.front().line, 0, "", "no members: the file has a header and no rows"});
    if (t.rows.size() > kMaxEnsembleMembers)
        throw ScenarioError({Diagnostic{path, t.rows[kMaxEnsembleMembers].front().line, 0, "",
                                        fmt::format("more than {} members", kMaxEnsembleMembers)}});
    for (std::size_t m = 0; m < t.rows.size(); ++m) {
        const auto& row = t.rows[m];
        EnsembleMember member{row.front().line, {}};
        const std::string_view number = trim_blanks(row.front().text);
        int given = 0;
        const auto [end, ec] = std::from_chars(number.data(), number.data() + number.size(), given);
        if (rows_whole && (number.empty() || ec != std::errc() || end != number.data() + number.size() ||
                           given != int(m) + 1))
            diags.push_back(cell_diagnostic(t, row.front(), "member",
                                            fmt::format("expected member {}, found '{}': members are numbered 1, 2, "
                                                        "3, ... in order",
                                                        m + 1, row.front().text)));
        for (std::size_t c = 1; c < row.size(); ++c) {
            const CsvCell& cell = row[c];
            const std::string& key = e.keys[c - 1];
            const std::string_view text = trim_blanks(cell.text);
            double v = 0;
            const auto [vend, vec] = std::from_chars(text.data(), text.data() + text.size(), v);
            member.values.push_back(v);
            if (text.empty() || vec != std::errc() || vend != text.data() + text.size()) {
                diags.push_back(cell_diagnostic(t, cell, key, fmt::format("'{}' is not a number", cell.text)));
                continue;
            }
            if (!std::isfinite(v)) {
                diags.push_back(cell_diagnostic(t, cell, key, fmt::format("'{}' is not a finite number", cell.text)));
                continue;
            }
            const KeySpec* spec = find_key(parameter_key(key));
            if (!spec || !numeric(spec->type)) continue;  // the header says why
            if (is_scale_parameter(key)) {  // a multiplier: the scenario's checks judge the result
                if (!(v > 0))
                    diags.push_back(cell_diagnostic(t, cell, key, fmt::format("{} is not a multiplier above 0", text)));
                continue;
            }
            const ValueRange r = number_range(*spec);
            if (!((r.min_exclusive ? v > r.min : v >= r.min) && v <= r.max))
                diags.push_back(cell_diagnostic(t, cell, key,
                                                fmt::format("{} is out of range: must be {}", text, range_words(r))));
            else if (spec->type == KeyType::integer && v != std::floor(v))
                diags.push_back(cell_diagnostic(t, cell, key, fmt::format("{} is not a whole number", text)));
        }
        e.members.push_back(std::move(member));
    }
    if (!diags.empty()) throw ScenarioError(std::move(diags));
    return e;
}

void apply_member(Scenario& scenario, const Ensemble& ensemble, std::size_t member) {
    const EnsembleMember& m = ensemble.members.at(member - 1);
    std::vector<Diagnostic> found;
    const std::string who = fmt::format("member {} in scenario '{}'", member, scenario.simulation.name);
    for (std::size_t k = 0; k < ensemble.keys.size(); ++k) {
        try {
            set_parameter(scenario, ensemble.keys[k], m.values[k]);
        } catch (const ScenarioError& e) {
            for (const Diagnostic& d : e.diagnostics())
                found.push_back({ensemble.file, m.line, 0, ensemble.keys[k], who + ": " + d.message});
        }
    }
    if (found.empty())
        for (const Diagnostic& d : check_scenario(scenario))
            found.push_back({ensemble.file, m.line, 0, d.key, who + " makes it invalid: " + d.message});
    if (!found.empty()) throw ScenarioError(std::move(found));
}

}  // namespace swsim
