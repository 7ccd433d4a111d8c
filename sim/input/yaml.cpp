// One document, always: the stream is first walked with an event handler that counts documents
// (at most two are asked for, so a stream that yields empty documents without end is stopped at
// the second), and only a stream with exactly one document is built into a node.

#include "swsim/input/yaml.hpp"

#include <optional>
#include <sstream>

#include <fmt/format.h>
#include <yaml-cpp/eventhandler.h>

#include "swsim/core/text.hpp"
#include "swsim/input/file.hpp"

namespace swsim::input {
namespace {

// Remembers where each document starts; ignores everything else.
class DocumentStarts : public YAML::EventHandler {
public:
    std::vector<YAML::Mark> starts;

    void OnDocumentStart(const YAML::Mark& mark) override { starts.push_back(mark); }
    void OnDocumentEnd() override {}
    void OnNull(const YAML::Mark&, YAML::anchor_t) override {}
    void OnAlias(const YAML::Mark&, YAML::anchor_t) override {}
    void OnScalar(const YAML::Mark&, const std::string&, YAML::anchor_t, const std::string&) override {}
    void OnSequenceStart(const YAML::Mark&, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override {}
    void OnSequenceEnd() override {}
    void OnMapStart(const YAML::Mark&, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override {}
    void OnMapEnd() override {}
};

Diagnostic at(const std::string& file, const YAML::Mark& m, std::string message) {
    return Diagnostic{file, m.line + 1, m.column + 1, "", std::move(message)};
}

// The character at a mark, as a message shows it.
std::string character_at(std::string_view text, const YAML::Mark& m) {
    if (m.pos < 0 || std::size_t(m.pos) >= text.size()) return "the end of the file";
    const unsigned char c = static_cast<unsigned char>(text[std::size_t(m.pos)]);
    if (c < 0x20 || c >= 0x7f) return fmt::format("a byte {}", int(c));
    return fmt::format("'{}'", char(c));
}

}  // namespace

YamlDocument parse_yaml(std::string_view text, const std::string& shown_file, std::string_view kind) {
    YamlDocument doc;
    const std::string owned(text);
    try {
        std::istringstream stream(owned);
        YAML::Parser parser(stream);
        DocumentStarts starts;
        const bool first = parser.HandleNextDocument(starts);
        if (!first) {
            doc.empty = true;
            return doc;
        }
        const YAML::Mark start = starts.starts.front();
        if (parser.HandleNextDocument(starts)) {
            const YAML::Mark second = starts.starts.back();
            // A second document that starts where the first did: yaml-cpp made no progress on a
            // token it cannot place (it would yield empty documents for ever).
            const char c = std::size_t(second.pos) < owned.size() ? owned[std::size_t(second.pos)] : '\0';
            if (second.pos <= start.pos || c == ',' || c == ']' || c == '}')
                doc.errors.push_back(at(shown_file, second,
                                        "malformed YAML: unexpected " + character_at(owned, second) +
                                            " (a stray character outside any key or value?)"));
            else
                doc.errors.push_back(at(shown_file, second, std::string(kind) +
                                                                " holds one YAML document; a second one starts here"));
            return doc;
        }
        std::istringstream again(owned);
        doc.root = YAML::Load(again);
    } catch (const YAML::ParserException& e) {
        doc.errors.push_back(at(shown_file, e.mark, "malformed YAML: " + e.msg));
    } catch (const YAML::Exception& e) {
        doc.errors.push_back(at(shown_file, e.mark, "malformed YAML: " + e.msg));
    }
    return doc;
}

YamlDocument read_yaml_file(const std::filesystem::path& path, const std::string& shown_file, std::string_view kind) {
    FileText file = read_input_file(path);
    if (!file.problem.empty()) {
        YamlDocument doc;
        doc.unreadable = file.problem;
        return doc;
    }
    return parse_yaml(file.text, shown_file, kind);
}

Diagnostic diagnostic_at(const Site& site, const YAML::Node& node, std::string key, std::string message) {
    // Empty values carry the position of whatever follows them: point at their key instead.
    const YAML::Mark m = node.IsDefined() && !node.IsNull() && node.Mark().line >= 0 ? node.Mark() : site.key_mark;
    return Diagnostic{site.file, m.line + 1, m.column + 1, std::move(key), std::move(message)};
}

std::string shown(const YAML::Node& n) {
    if (!n.IsDefined() || n.IsNull()) return "an empty value";
    if (n.IsSequence()) return "a list";
    if (n.IsMap()) return "a map";
    return "'" + n.Scalar() + "'";
}

std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates) {
    if (auto best = closest_match(word, candidates)) return "; did you mean '" + *best + "'?";
    std::string list;
    for (const auto& c : candidates) list += (list.empty() ? "" : ", ") + c;
    return " (expected one of: " + list + ")";
}

}  // namespace swsim::input
