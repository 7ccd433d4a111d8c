// The output columns, each declared once: its name in yearly.csv, how it is computed from a
// YearRecord, its decimals in the CSV, its number format in results.xlsx and a label for people.
// yearly.csv, summary.csv and comparison.csv (every column is a metric), the workbook, the terminal
// headline, the report and sweep outputs all iterate this table; nothing else lists columns. The key
// metrics of the headline and the report are sums of named columns (never positions). The metrics
// of cohorts.csv, computed from a CohortRecord (run/cohorts.hpp), are a table of their own here.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "swsim/run/run.hpp"

namespace swsim {

struct Column {
    const char* name;                     // yearly.csv header and summary/comparison metric
    double (*value)(const YearRecord&);   // NaN: not a number (written NA)
    int decimals;                         // in yearly.csv
    const char* xlsx_format;              // Excel number format in results.xlsx
    const char* label;                    // for people: workbook, report, documentation
};

// A metric of cohorts.csv (not a sheet of results.xlsx: its rows would double the workbook).
struct CohortColumn {
    const char* name;                      // the metric
    double (*value)(const CohortRecord&);  // NaN: not a number (written NA)
    int decimals;                          // of its statistics
};

// The numeric columns of yearly.csv in order (after scenario, replicate, year, region).
const std::vector<Column>& output_columns();
const Column* find_column(std::string_view name);  // nullptr if none

// All column names of yearly.csv: scenario, replicate, year, region, then output_columns().
std::vector<std::string> yearly_columns();

// The values of one record, in output_columns() order.
std::vector<double> yearly_values(const YearRecord& r);

// The statistics of a metric across replicates, after its key columns in summary.csv and
// cohorts.csv: mean, p05, p95, sd, n (run/stats.hpp).
const std::vector<std::string>& summary_statistics();

// The metrics of cohorts.csv in order: entrants, then shares of the entrants.
const std::vector<CohortColumn>& cohort_columns();
// All column names of cohorts.csv: scenario, origin, cohort_year, years_after, region, metric, then
// summary_statistics().
std::vector<std::string> cohorts_csv_columns();

// The one number format of every CSV table swsim writes: `decimals` fixed decimals, "NA" for a
// value that is not a number, never "-0".
std::string format_csv_number(double v, int decimals);
// The same, appended after a comma.
void append_csv_number(std::string& out, double v, int decimals);

// A key metric of the terminal headline and the report: the sum of some columns, divided for display.
struct KeyMetric {
    const char* key;                  // a column name, or a derived name (regular_work)
    const char* label;                // terminal and workbook headline
    const char* title;                // report chart title
    const char* unit;                 // report: what the value is
    const char* axis;                 // report: short unit for the axis
    std::vector<const char*> columns;  // summed
    double divisor;                   // shown value = sum / divisor
    int decimals;                     // terminal
    const char* d3_format;            // report
    const char* xlsx_format;          // headline sheet
};
const std::vector<KeyMetric>& key_metrics();
double key_metric_value(const KeyMetric& m, const YearRecord& r);
// The xlsx number format of a metric named in a table: a column name or a key metric's label.
const char* xlsx_format_of(std::string_view metric);

}  // namespace swsim
