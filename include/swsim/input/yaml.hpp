// The one strict YAML reader of swsim, shared by scenario files, sweep files and any later YAML
// input (a calibration file): it reads the file safely (input/file.hpp), parses at most one YAML
// document and stops at the first sign of a second one, or of a stray token that would make
// yaml-cpp produce empty documents for ever (a line holding only ',' before the first key). Every
// problem is a Diagnostic at the file, line and column (yaml-cpp's marks are 0-based: 1 is added).
// Also the helpers every YAML checker needs to word its messages alike.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "swsim/core/error.hpp"

namespace swsim::input {

// Where a value was written: the file as shown in messages, the absolute folder that relative
// paths are taken from, and the mark of the key (used when the value itself has no position,
// e.g. an empty value).
struct Site {
    std::string file;
    std::filesystem::path dir;
    YAML::Mark key_mark;
};

struct YamlDocument {
    YAML::Node root;                 // Null for an empty stream (only comments or nothing)
    bool empty = false;              // the stream holds no document
    std::string unreadable;          // the file could not be read (why); nothing was parsed
    std::vector<Diagnostic> errors;  // malformed YAML or more than one document; root is unset
    bool ok() const { return unreadable.empty() && errors.empty(); }
};

// Reads `path` (shown in messages as `shown`) and parses its only document. `kind` names the file
// in messages ("a scenario file", "a sweep file").
YamlDocument read_yaml_file(const std::filesystem::path& path, const std::string& shown, std::string_view kind);

// The same for text already in memory.
YamlDocument parse_yaml(std::string_view text, const std::string& shown, std::string_view kind);

// A diagnostic at a node (1-based line and column); an empty value is placed at its key.
Diagnostic diagnostic_at(const Site& site, const YAML::Node& node, std::string key, std::string message);

// How a value looks in a message: "'abc'", "a list", "a map", "an empty value".
std::string shown(const YAML::Node& node);

// "; did you mean 'x'?" for a close candidate, else " (expected one of: a, b, c)".
std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates);

}  // namespace swsim::input
