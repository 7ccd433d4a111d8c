// An ensemble: the parameter sets (members) of a calibration that all fit the observed history, read
// from ensemble.csv (`member,<key>,<key>,...`: members numbered 1..M in order, one column per numeric
// scenario key). swsim compare runs every scenario once per member, so each answer gets the range
// over the parameter sets as well as the range from chance. The file is checked as strictly as a
// scenario: every problem at once, each at its file, line and column, before anything runs.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "swsim/scenario/scenario.hpp"

namespace swsim {

struct EnsembleMember {
    int line = 0;                // where it was written, for messages
    std::vector<double> values;  // one per Ensemble::keys
};

struct Ensemble {
    std::string file;               // as given
    std::string bytes;              // the file as read (the manifest records its sha256)
    std::vector<std::string> keys;  // dotted scenario keys, in column order
    std::vector<int> key_cols;      // 1-based column of each key's header cell
    std::vector<EnsembleMember> members;  // member m + 1 at index m
};

// At most this many members (a calibration keeps tens to hundreds).
inline constexpr std::size_t kMaxEnsembleMembers = 10000;

// Reads and checks ensemble.csv: a regular readable file of at most 16 MiB; a header `member`
// followed by known, distinct, numeric scenario keys (unknown ones with a "did you mean"); every row
// as many fields as the header; members 1, 2, ..., M; each value a finite number inside its key's
// valid range (whole for an integer key). Throws ScenarioError listing every problem as
// file:line:col: error: key: message.
Ensemble load_ensemble(const std::string& path);

// Sets member `member` (1-based) on a scenario and checks the rules between keys (check_scenario).
// Throws ScenarioError at the member's line when the member makes the scenario invalid, naming the
// member, the key and the scenario.
void apply_member(Scenario& scenario, const Ensemble& ensemble, std::size_t member);

}  // namespace swsim
