// The swsim command line: parses arguments (CLI11), runs one subcommand, and maps errors to exit
// codes in one place: 0 success, 2 bad input (arguments, scenario or data files), 1 internal error.
// Each subcommand is a small function; all model work happens in the swsim_core library.
#include <CLI/CLI.hpp>
#include <fmt/core.h>

#include <chrono>
#include <exception>
#include <filesystem>
#include <iostream>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <tbb/global_control.h>
#include <tbb/info.h>

#include "swsim/core/error.hpp"
#include "swsim/output/tables.hpp"
#include "swsim/run/inputs.hpp"
#include "swsim/run/run.hpp"
#include "swsim/scenario/load.hpp"

namespace {

constexpr int kExitOk = 0;
constexpr int kExitInternal = 1;
constexpr int kExitInput = 2;

// Loads and checks each file (scenario, its region data, the rules between them) and prints its
// summary; reports the problems of every file, not just the first. Writes nothing.
int cmd_validate(const std::vector<std::string>& files) {
    bool failed = false;
    for (const std::string& path : files) {
        try {
            const swsim::Inputs in = swsim::load_inputs(path);
            fmt::print("{}: ok\n{}\n", path, swsim::scenario_summary(in.scenario));
        } catch (const swsim::InputError& e) {
            std::cerr << e.what() << '\n';
            failed = true;
        }
    }
    return failed ? kExitInput : kExitOk;
}

struct RunOptions {
    std::string scenario;
    std::optional<int> replications;
    std::optional<std::uint64_t> seed;
    std::string out;
    int threads = 0;
};

// Runs every replicate of one scenario and writes DIR/yearly.csv and DIR/manifest.json. All input is
// loaded and checked before anything is written.
int cmd_run(const RunOptions& opt, const std::string& command_line) {
    swsim::Inputs in = swsim::load_inputs(opt.scenario);
    auto& sc = in.scenario;
    if (opt.replications) sc.simulation.replications = *opt.replications;
    if (opt.seed) sc.simulation.seed = *opt.seed;
    const std::filesystem::path dir = opt.out.empty() ? std::filesystem::path("output") / sc.simulation.name
                                                        : std::filesystem::path(opt.out);

    const int threads = opt.threads > 0 ? opt.threads : tbb::info::default_concurrency();
    tbb::global_control limit(tbb::global_control::max_allowed_parallelism, static_cast<std::size_t>(threads));
    const auto t0 = std::chrono::steady_clock::now();
    const auto runs =
        swsim::run_replicates(sc, in.regions, 0, static_cast<std::uint32_t>(sc.simulation.replications));
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();

    swsim::write_file_atomically(dir / "yearly.csv", swsim::yearly_csv(runs));
    swsim::ManifestInfo info{{&sc}, 0, static_cast<std::uint32_t>(sc.simulation.replications), threads, seconds,
                             command_line};
    swsim::write_file_atomically(dir / "manifest.json", swsim::manifest_json(info));
    fmt::print("{}\n", swsim::national_headline(runs, {2020, 2030, 2040, 2050, 2060}));
    fmt::print("{} run(s) in {:.1f} s; tables in {}\n", runs.size(), seconds, dir.string());
    return kExitOk;
}

int cmd_reference() {
    std::cout << swsim::scenario_reference_markdown();
    return kExitOk;
}

std::string command_line(int argc, char** argv) {
    std::string s;
    for (int i = 0; i < argc; ++i) s += (i ? " " : "") + std::string(i ? argv[i] : "swsim");
    return s;
}

int cmd_not_yet_available(std::string_view name) {
    std::cerr << "swsim " << name << ": not yet available\n";
    return kExitInput;
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"swsim: agent-based simulation of Dutch social employment (Wsw, beschut werk, "
                 "banenafspraak) under sterfhuis and ontwikkelbedrijf policies."};
    app.set_version_flag("--version", fmt::format("swsim {} ({})", SWSIM_VERSION, SWSIM_GIT_REVISION),
                         "Print the version and git revision, then exit");
    app.require_subcommand(1);

    std::vector<std::string> validate_files;
    CLI::App* validate = app.add_subcommand("validate", "Check scenario files and their region data; print a summary of each");
    validate->add_option("files", validate_files, "Scenario files (YAML)")->required();

    CLI::App* reference = app.add_subcommand("reference", "Print the scenario reference (Markdown)");
    RunOptions run_opt;
    CLI::App* run = app.add_subcommand("run", "Run a scenario; write yearly.csv and manifest.json");
    run->add_option("scenario", run_opt.scenario, "Scenario file (YAML)")->required();
    run->add_option("--replications", run_opt.replications, "Replicates (default: simulation.replications)")
        ->check(CLI::Range(1, 100000));
    run->add_option("--seed", run_opt.seed, "Seed (default: simulation.seed)");
    run->add_option("--out", run_opt.out, "Output folder (default: output/<scenario name>)");
    run->add_option("--threads", run_opt.threads, "Threads (default: all cores)")->check(CLI::Range(1, 1024));
    CLI::App* compare = app.add_subcommand("compare", "Compare scenarios with paired differences (not yet available)");
    CLI::App* sweep = app.add_subcommand("sweep", "Run a parameter sweep (not yet available)");
    for (CLI::App* pending : {compare, sweep}) pending->allow_extras();

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        if (e.get_exit_code() == static_cast<int>(CLI::ExitCodes::Success)) return app.exit(e);  // --help, --version
        // CLI11 reports an unknown first word as a missing subcommand: name it instead.
        const bool unknown_subcommand = app.get_subcommands().empty() && argc > 1 && argv[1][0] != '-';
        const std::string message = unknown_subcommand ? fmt::format("unknown subcommand '{}'", argv[1]) : e.what();
        // help() shows the innermost subcommand that was reached, starting with its usage line.
        std::cerr << "swsim: error: " << message << "\n\n" << app.help();
        return kExitInput;
    }

    try {
        if (*validate) return cmd_validate(validate_files);
        if (*reference) return cmd_reference();
        if (*run) return cmd_run(run_opt, command_line(argc, argv));
        for (CLI::App* pending : {compare, sweep})
            if (*pending) return cmd_not_yet_available(pending->get_name());
        return kExitInternal;  // unreachable: a subcommand is required
    } catch (const swsim::InputError& e) {
        std::cerr << e.what() << '\n';
        return kExitInput;
    } catch (const std::exception& e) {
        std::cerr << "internal error: " << e.what() << '\n';
        return kExitInternal;
    }
}
