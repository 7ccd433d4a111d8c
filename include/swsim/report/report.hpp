// The advisor's report: one self-contained HTML page (no network) with Vega-Lite charts of the
// national time series and their replicate bands, the differences against the reference scenario,
// the 35 regions in a chosen year, sensitivity indices from a sweep, and the manifest. The chart
// libraries are inlined from assets embedded at build time (npm, report/package-lock.json).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "swsim/report/inputs.hpp"

namespace swsim {

// Minified UMD bundles of vega, vega-lite and vega-embed; empty when built without node/npm.
struct ReportAssets {
    std::string vega, vega_lite, vega_embed;
    std::string versions;  // "vega 6.4.0, vega-lite 6.4.1, vega-embed 7.3.0"
    bool available() const { return !vega.empty() && !vega_lite.empty() && !vega_embed.empty(); }
};
ReportAssets report_assets();  // the embedded bundles (generated source)

struct ReportOptions {
    std::optional<int> year;  // region section; default: the last full year
};

struct Report {
    std::string html;
    int charts = 0;  // chart containers on the page (each becomes one svg.marks when rendered)
    int year = 0;    // the year of the region section
};

// Throws InputError when options.year is not a year in the data.
Report build_report(const ReportInputs& in, const ReportOptions& options, const ReportAssets& assets);

// Text for an HTML element or attribute: & < > " ' escaped.
std::string html_escape(std::string_view s);

}  // namespace swsim
