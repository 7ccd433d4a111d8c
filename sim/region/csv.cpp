#include "swsim/region/csv.hpp"

#include <set>
#include <utility>

#include <fmt/format.h>

#include "swsim/input/file.hpp"

namespace swsim {

namespace {

// Walks the text one byte at a time, keeping the 1-based line and character column.
class Cursor {
public:
    explicit Cursor(std::string_view text) : text_(text) {}

    bool done() const { return pos_ >= text_.size(); }
    char peek(std::size_t ahead = 0) const {
        return pos_ + ahead < text_.size() ? text_[pos_ + ahead] : '\0';
    }
    bool at_line_end() const { return peek() == '\r' || peek() == '\n'; }
    bool at_field_end() const { return done() || peek() == ',' || at_line_end(); }
    int line() const { return line_; }
    int col() const { return col_; }

    char next() {
        const char c = text_[pos_++];
        if (c == '\n' || (c == '\r' && peek() != '\n')) {
            ++line_;
            col_ = 1;
        } else if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) {
            ++col_;  // count UTF-8 lead bytes only, so columns are characters
        }
        return c;
    }
    // Consumes one line end: LF, CRLF or a lone CR.
    void skip_line_end() {
        if (next() == '\r' && peek() == '\n') next();
    }

private:
    std::string_view text_;
    std::size_t pos_ = 0;
    int line_ = 1;
    int col_ = 1;
};

// One field at the cursor; returns false after reporting a malformed quoted field.
bool read_field(Cursor& in, CsvCell& cell, const std::string& file, std::vector<Diagnostic>& diags) {
    cell = CsvCell{{}, in.line(), in.col()};
    if (in.peek() != '"') {
        while (!in.at_field_end()) cell.text += in.next();
        return true;
    }
    in.next();
    for (;;) {
        if (in.done()) {
            diags.push_back({file, cell.line, cell.col, "", "unterminated quoted field"});
            return false;
        }
        const char c = in.next();
        if (c != '"') {
            if (c != '\r' || in.peek() != '\n') cell.text += c == '\r' ? '\n' : c;
        } else if (in.peek() == '"') {
            cell.text += in.next();
        } else {
            break;
        }
    }
    if (in.at_field_end()) return true;
    diags.push_back({file, in.line(), in.col(), "", "unexpected character after a closing quote"});
    while (!in.at_field_end()) in.next();
    return false;
}

}  // namespace

std::string_view trim_blanks(std::string_view s) {
    const auto first = s.find_first_not_of(" \t");
    if (first == std::string_view::npos) return {};
    return s.substr(first, s.find_last_not_of(" \t") - first + 1);
}

std::optional<std::size_t> CsvTable::column(std::string_view name) const {
    for (std::size_t i = 0; i < header.size(); ++i)
        if (header[i].text == name) return i;
    return std::nullopt;
}

CsvTable parse_csv(std::string_view text, const std::string& file, std::vector<Diagnostic>& diags) {
    CsvTable table;
    table.file = file;
    if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
    Cursor in(text);
    bool have_header = false;
    while (!in.done()) {
        if (in.at_line_end()) {  // blank line
            in.skip_line_end();
            continue;
        }
        const int line = in.line();
        std::vector<CsvCell> record;
        bool ok = true;
        for (;;) {
            ok = read_field(in, record.emplace_back(), file, diags) && ok;
            if (in.peek() != ',' || in.done()) break;
            in.next();
        }
        if (!in.done()) in.skip_line_end();
        if (!have_header) {
            have_header = true;
            std::set<std::string> seen;
            for (auto& cell : record) {
                cell.text = std::string(trim_blanks(cell.text));
                if (!seen.insert(cell.text).second)
                    diags.push_back(
                        cell_diagnostic(table, cell, cell.text, "column appears twice in the header"));
            }
            table.header = std::move(record);
        } else if (ok && record.size() != table.header.size()) {
            diags.push_back(
                {file, line, 0, "",
                 fmt::format("row has {} fields, the header has {}", record.size(), table.header.size())});
        } else if (ok) {
            table.rows.push_back(std::move(record));
        }
    }
    if (!have_header) diags.push_back({file, 0, 0, "", "the file is empty (no header line)"});
    return table;
}

CsvTable read_csv(const std::string& path, std::vector<Diagnostic>& diags) {
    FileText file = read_input_file(path);
    if (!file.problem.empty()) {
        diags.push_back({path, 0, 0, "", file.problem});
        CsvTable empty;
        empty.file = path;
        return empty;
    }
    return parse_csv(file.text, path, diags);
}

Diagnostic cell_diagnostic(const CsvTable& table, const CsvCell& cell, std::string key, std::string message) {
    return {table.file, cell.line, cell.col, std::move(key), std::move(message)};
}

std::vector<std::size_t> require_columns(const CsvTable& table, const std::vector<std::string_view>& names,
                                         std::vector<Diagnostic>& diags) {
    if (table.header.empty()) return {};  // unreadable or empty file: already reported
    std::vector<std::size_t> positions;
    bool missing = false;
    for (const auto name : names) {
        if (const auto pos = table.column(name)) {
            positions.push_back(*pos);
        } else {
            missing = true;
            diags.push_back({table.file, table.header.front().line, 0, std::string(name),
                             fmt::format("required column '{}' is missing from the header", name)});
        }
    }
    if (missing) positions.clear();
    return positions;
}

}  // namespace swsim
