// Reading the project's CSV data files: RFC 4180 quoting (fields may hold commas, doubled quotes
// and line breaks), CRLF or LF line ends, an optional UTF-8 byte-order mark, blank lines skipped.
// Every cell keeps its 1-based line and character column, so a checker can point at it, and
// columns are looked up by header name, never by position. Problems become Diagnostics; nothing
// here throws.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "swsim/core/error.hpp"

namespace swsim {

struct CsvCell {
    std::string text;  // unquoted
    int line = 0;      // 1-based line of the cell's first character
    int col = 0;       // 1-based character (code point) column, BOM not counted
};

struct CsvTable {
    std::string file;  // path as given, used in diagnostics
    std::vector<CsvCell> header;
    std::vector<std::vector<CsvCell>> rows;  // each exactly header.size() cells

    // Position of a header column, or nullopt.
    std::optional<std::size_t> column(std::string_view name) const;
};

// Parses CSV text. Rows whose field count differs from the header, an unterminated quote and
// stray characters after a closing quote are reported to `diags` (the bad row is dropped).
CsvTable parse_csv(std::string_view text, const std::string& file, std::vector<Diagnostic>& diags);

// Reads and parses a file; a missing or unreadable file is one diagnostic and an empty table.
CsvTable read_csv(const std::string& path, std::vector<Diagnostic>& diags);

// The text without leading and trailing spaces and tabs.
std::string_view trim_blanks(std::string_view s);

// A diagnostic pointing at a cell: file:line:col, with the column name as key.
Diagnostic cell_diagnostic(const CsvTable& table, const CsvCell& cell, std::string key, std::string message);

// Positions of the required columns, in the order asked. Each missing column is reported
// (line 1, key = the column's name); the result is empty if any is missing.
std::vector<std::size_t> require_columns(const CsvTable& table, const std::vector<std::string_view>& names,
                                         std::vector<Diagnostic>& diags);

}  // namespace swsim
