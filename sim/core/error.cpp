#include "swsim/core/error.hpp"

#include <utility>

namespace swsim {

std::string format_diagnostic(const Diagnostic& d) {
    std::string out = d.file;
    if (d.line > 0) {
        out += ':' + std::to_string(d.line);
        if (d.col > 0) out += ':' + std::to_string(d.col);
    }
    out += out.empty() ? "error: " : ": error: ";
    if (!d.key.empty()) out += d.key + ": ";
    out += d.message;
    return out;
}

namespace {
std::string join(const std::vector<Diagnostic>& ds) {
    std::string s;
    for (const auto& d : ds) {
        if (!s.empty()) s += '\n';
        s += format_diagnostic(d);
    }
    return s;
}
}  // namespace

ScenarioError::ScenarioError(std::vector<Diagnostic> diagnostics)
    : InputError(join(diagnostics)), diagnostics_(std::move(diagnostics)) {}

}  // namespace swsim
