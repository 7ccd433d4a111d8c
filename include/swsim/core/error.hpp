// Errors that cross a boundary (scenario files, data files, command line, output).
// Inside the model nothing throws for bad input: input is validated once, at the boundary.
// A Diagnostic is one located message in compiler format; ScenarioError carries all of them,
// so an advisor sees every problem in a file at once.
#pragma once

#include <stdexcept>
#include <string>
#include <vector>

namespace swsim {

// Base of all swsim exceptions. main() maps InputError (and subclasses) to exit code 2,
// any other Error to exit code 1.
class Error : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// Bad input the user can fix: scenario, data file, CLI argument.
class InputError : public Error {
public:
    using Error::Error;
};

// One located message. line and col are 1-based; 0 means "unknown".
struct Diagnostic {
    std::string file;
    int line = 0;
    int col = 0;
    std::string key;  // dotted key path, e.g. "policy.company.switch_year"; may be empty
    std::string message;
};

// "file:line:col: error: key: message" (parts that are unknown are left out).
std::string format_diagnostic(const Diagnostic& d);

// All diagnostics of one load, reported together.
class ScenarioError : public InputError {
public:
    explicit ScenarioError(std::vector<Diagnostic> diagnostics);
    const std::vector<Diagnostic>& diagnostics() const { return diagnostics_; }

private:
    std::vector<Diagnostic> diagnostics_;
};

}  // namespace swsim
