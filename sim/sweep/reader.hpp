// The checks that sweep files and calibration files share, in one place so that both word their
// messages alike: the entries of a map and a list with their sites, numbers, whole numbers and
// text, the base scenarios they name (loaded with their region data), and an output: a yearly.csv
// column, or a cohorts.csv metric of one origin and cohort year, for a region or NL in one year of
// every base scenario's horizon. A private header of the loaders (sim/sweep, sim/calibrate).
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "swsim/core/error.hpp"
#include "swsim/input/yaml.hpp"
#include "swsim/run/inputs.hpp"
#include "swsim/scenario/schema.hpp"
#include "swsim/sweep/sweep.hpp"

namespace swsim::spec_reader {

// A value in a map, with the site of its key (for empty values).
struct Entry {
    YAML::Node node;
    input::Site site;
    std::string key;  // dotted path, e.g. "parameters[2].range"
};

class Reader {
public:
    std::vector<Diagnostic> out;

    void error(const Entry& e, std::string message) { error(e, e.node, std::move(message)); }
    void error(const Entry& e, const YAML::Node& at, std::string message);
    // A problem of the whole file, at its top.
    void missing(const Entry& root, const std::string& name, const std::string& hint);

    // The entries of a map, checking for keys not in `allowed` and keys given twice.
    std::map<std::string, Entry> fields(const Entry& map, const std::vector<std::string>& allowed);
    // The items of a list (a single scalar counts as a list of one when `scalar_ok`).
    std::vector<Entry> items(const Entry& list, bool scalar_ok = false);

    std::optional<double> number(const Entry& e);
    std::optional<long long> whole(const Entry& e, long long lo, long long hi);
    std::optional<std::string> text(const Entry& e);

    static std::string join(const std::vector<std::string>& names);
};

// Reads a YAML file of `kind` ("a sweep file") whose top is a map of `top_keys` and hands its root to
// `load`, which reports into the reader. Throws ScenarioError with every problem: the file's own
// first (by line), then those of the files it names.
void read_spec_file(const std::string& path, const std::string& kind, const std::vector<std::string>& top_keys,
                    const std::function<void(Reader&, const Entry& root)>& load);

// Whether a schema key can be set from a number (what a sweep or a calibration may vary).
bool numeric(KeyType t);
// Whether v is a valid value of the key (its range; whole for an integer key).
bool valid_value(const KeySpec& key, double v);

// Loads each scenario file named by the entry (a file or a list, relative to the file's folder)
// with its region data; a scenario that does not load is reported at the entry, its own errors
// after. Returns the absolute paths in order, and appends the inputs to `bases`.
std::vector<std::string> read_scenarios(Reader& r, const Entry& e, std::vector<Inputs>& bases);

// The numeric scenario key named by `key`, or nullptr (reported: unknown, not numeric).
const KeySpec* read_numeric_key(Reader& r, const Entry& key, const std::string& hint_for_other_types);

// An output from the fields metric, region and year, and with `cohorts` also origin and cohort (a
// cohorts.csv metric). Checked against the columns, the regions and the horizon of every base.
// False when a field is missing or wrong (reported).
bool read_output(Reader& r, const Entry& item, const std::map<std::string, Entry>& f,
                 const std::vector<Inputs>& bases, bool cohorts, OutputSpec& out);

}  // namespace swsim::spec_reader
