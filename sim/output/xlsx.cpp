#include "swsim/output/xlsx.hpp"

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstring>
#include <map>
#include <string>
#include <system_error>

#include <xlsxwriter.h>

#include "swsim/output/columns.hpp"
#include "swsim/output/files.hpp"

namespace swsim {

namespace {

// The workbook's creation time (2015-01-01 00:00 UTC, the model's base month): fixed, so that
// equal tables give an equal file.
constexpr time_t kCreated = 1420070400;
constexpr std::size_t kWidthSampleRows = 1000;

// Splits one CSV line into fields; a field may be double-quoted (without quotes inside).
void split(std::string_view line, std::vector<std::string_view>& fields) {
    fields.clear();
    std::size_t i = 0;
    for (;;) {
        std::size_t end = 0;
        if (i < line.size() && line[i] == '"') {
            end = std::min(line.find('"', i + 1), line.size());
            fields.push_back(line.substr(i + 1, end - i - 1));
            ++end;
        } else {
            end = std::min(line.find(',', i), line.size());
            fields.push_back(line.substr(i, end - i));
        }
        if (end >= line.size()) return;
        i = end + 1;
    }
}

// The lines of a text, one at a time.
struct Lines {
    std::string_view text;
    bool next(std::string_view& line) {
        if (text.empty()) return false;
        const std::size_t end = std::min(text.find('\n'), text.size());
        line = text.substr(0, end);
        text.remove_prefix(std::min(end + 1, text.size()));
        return true;
    }
};

// One lxw format per Excel number format (the output columns declare theirs), made on first use.
class Formats {
public:
    explicit Formats(lxw_workbook* wb) : wb_(wb), header(workbook_add_format(wb)), count(workbook_add_format(wb)) {
        format_set_bold(header);
        format_set_num_format(count, "0");
    }
    // A value of a metric (a yearly.csv column or a headline label), formatted as its column says.
    lxw_format* for_metric(std::string_view metric) {
        const std::string number_format = xlsx_format_of(metric);
        auto [it, added] = by_format_.try_emplace(number_format, nullptr);
        if (added) {
            it->second = workbook_add_format(wb_);
            format_set_num_format(it->second, number_format.c_str());
        }
        return it->second;
    }

private:
    lxw_workbook* wb_;
    std::map<std::string, lxw_format*> by_format_;

public:
    lxw_format *header, *count;
};

void write_sheet(lxw_workbook* wb, Formats& formats, const Sheet& sheet) {
    lxw_worksheet* ws = workbook_add_worksheet(wb, sheet.name.c_str());
    const auto rows = static_cast<std::size_t>(std::count(sheet.csv.begin(), sheet.csv.end(), '\n'));
    if (rows > LXW_ROW_MAX) {
        const std::string note = "The table has more rows than a sheet can hold; see " + sheet.name + ".csv";
        worksheet_write_string(ws, 0, 0, note.c_str(), nullptr);
        return;
    }
    Lines lines{sheet.csv};
    std::string_view line;
    std::vector<std::string_view> header, fields;
    if (!lines.next(line)) return;
    split(line, header);
    const std::vector<std::string> names(header.begin(), header.end());
    const std::size_t metric_col = std::find(names.begin(), names.end(), "metric") - names.begin();  // or size

    // Widths (characters) from the header and the first rows; numbers gain a thousands separator
    // per 3 digits.
    std::vector<std::size_t> width(names.size());
    for (std::size_t c = 0; c < names.size(); ++c) width[c] = names[c].size();
    Lines sample = lines;
    for (std::size_t r = 0; r < kWidthSampleRows && sample.next(line); ++r) {
        split(line, fields);
        for (std::size_t c = 0; c < std::min(fields.size(), width.size()); ++c) {
            const std::string_view f = fields[c];
            const bool number = !f.empty() && (f[0] == '-' || (f[0] >= '0' && f[0] <= '9'));
            width[c] = std::max(width[c], f.size() + (number ? f.size() / 3 : 0));
        }
    }
    for (std::size_t c = 0; c < names.size(); ++c)
        worksheet_set_column(ws, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c),
                             double(std::clamp<std::size_t>(width[c] + 2, 8, 48)), nullptr);
    worksheet_freeze_panes(ws, 1, 0);
    for (std::size_t c = 0; c < names.size(); ++c)
        worksheet_write_string(ws, 0, static_cast<lxw_col_t>(c), names[c].c_str(), formats.header);

    std::string text;
    for (lxw_row_t row = 1; lines.next(line); ++row) {
        split(line, fields);
        for (std::size_t c = 0; c < fields.size(); ++c) {
            const std::string_view f = fields[c];
            const auto col = static_cast<lxw_col_t>(c);
            double v = 0;
            const auto [end, ec] = std::from_chars(f.data(), f.data() + f.size(), v);
            if (f.empty() || f == "NA") continue;  // an empty cell
            if (ec != std::errc() || end != f.data() + f.size()) {
                text.assign(f);
                worksheet_write_string(ws, row, col, text.c_str(), nullptr);
                continue;
            }
            const bool is_count = names[c] == "replicate" || names[c] == "year" || names[c] == "n";
            const std::string_view metric = metric_col < fields.size() ? fields[metric_col] : names[c];
            worksheet_write_number(ws, row, col, v, is_count ? formats.count : formats.for_metric(metric));
        }
    }
}

}  // namespace

void write_workbook(const std::filesystem::path& path, const std::vector<Sheet>& sheets) {
    // Rows are written in order, so constant memory mode keeps large tables out of memory.
    lxw_workbook_options options{1, nullptr, 0};
    lxw_workbook* wb = workbook_new_opt(path.c_str(), &options);
    if (!wb) throw WriteError(path.string() + ": error: cannot create the workbook: " + std::strerror(errno));
    lxw_doc_properties properties{};
    properties.created = kCreated;
    workbook_set_properties(wb, &properties);
    Formats formats(wb);
    for (const auto& sheet : sheets) write_sheet(wb, formats, sheet);
    errno = 0;
    if (const lxw_error err = workbook_close(wb); err != LXW_NO_ERROR) {
        const int error = errno;
        std::error_code ec;
        std::filesystem::remove(path, ec);
        throw WriteError(path.string() + ": error: cannot write the workbook: " + lxw_strerror(err) +
                         (error ? std::string(" (") + std::strerror(error) + ")" : std::string()));
    }
}

}  // namespace swsim
