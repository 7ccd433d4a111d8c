// results.xlsx: result tables as the sheets of one workbook, for readers with a spreadsheet. A sheet
// is a CSV table exactly as written to its .csv file: a frozen, bold header row; numbers as numbers,
// formatted as its output column declares (output/columns.hpp; years and counts 0); NA as an empty
// cell; column widths from the contents. The creation time is fixed, so the same tables give the
// same bytes. Written at the path given (a staging or temporary name: see output/files.hpp).
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace swsim {

struct Sheet {
    std::string name;
    std::string_view csv;  // header line and rows; fields may be double-quoted
};

// Throws WriteError (exit 2, with the system's reason) when the workbook cannot be written.
void write_workbook(const std::filesystem::path& path, const std::vector<Sheet>& sheets);

}  // namespace swsim
