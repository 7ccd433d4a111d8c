// The swsim command line: parses arguments (CLI11), runs one subcommand, and maps errors to exit
// codes in one place: 0 success, 2 bad input (arguments, scenario or data files), 1 internal error.
// Each subcommand is a small function; all model work happens in the swsim_core library.
#include <CLI/CLI.hpp>
#include <fmt/core.h>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <exception>
#include <filesystem>
#include <iostream>
#include <limits>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include <tbb/global_control.h>
#include <tbb/info.h>
#include <unistd.h>

#include "swsim/calibrate/calibration.hpp"
#include "swsim/calibrate/history.hpp"
#include "swsim/core/error.hpp"
#include "swsim/output/comparison.hpp"
#include "swsim/output/files.hpp"
#include "swsim/output/tables.hpp"
#include "swsim/output/units.hpp"
#include "swsim/run/compare.hpp"
#include "swsim/run/runner.hpp"
#include "swsim/run/inputs.hpp"
#include "swsim/report/inputs.hpp"
#include "swsim/report/report.hpp"
#include "swsim/run/run.hpp"
#include "swsim/scenario/load.hpp"
#include "swsim/scenario/schema.hpp"
#include "swsim/sweep/shards.hpp"
#include "swsim/sweep/slurm.hpp"

namespace {

constexpr int kExitOk = 0;
constexpr int kExitInternal = 1;
constexpr int kExitInput = 2;

// Loads and checks each file (scenario, its region data, the rules between them) and prints its
// summary; reports the problems of every file, not just the first. Writes nothing.
int cmd_validate(const std::vector<std::string>& files, const std::vector<std::string>& sets) {
    bool failed = false;
    for (const std::string& path : files) {
        try {
            const swsim::Inputs in = swsim::load_inputs(path, sets);
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
    std::vector<std::string> sets;
    bool force = false;
    double progress_interval = swsim::kDefaultProgressIntervalSeconds;
    std::vector<int> years;
};

int threads_or_all(int option) { return option > 0 ? option : tbb::info::default_concurrency(); }

// The runs of a comparison on `threads` threads, with progress on stderr (a line redrawn on a
// terminal, else a plain line every `progress_interval` seconds). Ctrl-C or
// SIGTERM skips the runs not yet started, waits for those under way and throws Interrupted, so
// that the folder is left as it was.
struct TimedRuns {
    std::vector<swsim::RunResult> runs;
    double seconds = 0;
};
TimedRuns run_with_progress(const swsim::Comparison& cmp, int threads, double progress_interval,
                            const swsim::ResultFolder& folder) {
    const auto t0 = std::chrono::steady_clock::now();
    auto runs = swsim::run_comparison(cmp, {&swsim::interrupted(), {}, {}, threads, true, progress_interval});
    if (!runs) swsim::throw_if_interrupted(folder.kept_note());
    return {std::move(*runs), std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count()};
}

// After a commit: a signal that came during it did not stop it, but the command still ends as
// interrupted (the new result is whole).
void after_commit(const swsim::ResultFolder& folder) {
    swsim::throw_if_interrupted("the new result in " + folder.dir().string() + " was already complete and is kept");
}

// Runs every replicate of one scenario and writes DIR/yearly.csv, DIR/cohorts.csv and
// DIR/manifest.json as one result folder. All input (and the output folder) is checked before
// anything runs; Ctrl-C skips the runs not yet started and leaves the folder as it was. A run is a
// comparison of one scenario without the comparison tables.
int cmd_run(const RunOptions& opt, const std::string& command_line) {
    swsim::CompareOptions one;
    one.files = {opt.scenario};
    one.replications = opt.replications;
    one.seed = opt.seed;
    one.out = opt.out;
    one.sets = opt.sets;
    one.years = opt.years;
    swsim::Comparison cmp = swsim::load_comparison(one);
    const auto& sc = cmp.inputs.front().scenario;
    cmp.out = opt.out.empty() ? std::filesystem::path("output") / sc.simulation.name : std::filesystem::path(opt.out);
    const swsim::ResultIdentity identity = swsim::result_identity(cmp, "run");
    swsim::ResultFolder folder(cmp.out, command_line, &identity, opt.force);
    const int threads = threads_or_all(opt.threads);
    const TimedRuns t = run_with_progress(cmp, threads, opt.progress_interval, folder);
    folder.add("yearly.csv", swsim::yearly_csv(t.runs));
    folder.add("cohorts.csv", swsim::cohorts_csv(t.runs));
    folder.add("municipalities.csv", swsim::municipalities_csv(cmp, t.runs));
    folder.add("companies.csv", swsim::companies_csv(cmp, t.runs));
    folder.commit(swsim::run_manifest_json(cmp, threads, t.seconds, command_line));
    after_commit(folder);
    const std::vector<int> shown = cmp.years.empty() ? std::vector<int>{2020, 2030, 2040, 2050, 2060} : cmp.years;
    fmt::print("{}\n", swsim::national_headline(t.runs, shown));
    fmt::print("{} run(s) in {:.1f} s; tables in {}\n", t.runs.size(), t.seconds, cmp.out.string());
    return kExitOk;
}

// Runs every scenario x replicate in parallel and writes yearly.csv, summary.csv, comparison.csv,
// cohorts.csv, manifest.json and results.xlsx into DIR as one result folder. All input is loaded and
// checked before anything runs; Ctrl-C skips the runs not yet started and leaves the folder as it was.
int cmd_compare(const swsim::CompareOptions& opt, int threads_option, bool force, double progress_interval,
                const std::string& command_line) {
    const swsim::Comparison cmp = swsim::load_comparison(opt);
    const swsim::ResultIdentity identity = swsim::result_identity(cmp, "compare");
    swsim::ResultFolder folder(cmp.out, command_line, &identity, force);
    const int threads = threads_or_all(threads_option);
    const TimedRuns t = run_with_progress(cmp, threads, progress_interval, folder);
    swsim::write_comparison(folder, cmp, t.runs, threads, t.seconds, command_line);
    after_commit(folder);
    fmt::print("{}\n{} run(s) in {:.1f} s; tables in {}\n", swsim::headline_text(cmp, t.runs), t.runs.size(),
               t.seconds, cmp.out.string());
    return kExitOk;
}

struct ReportCliOptions {
    std::string dir, out, sweep;
    std::optional<int> year;
};

// A file named by --out must not be a folder (nor below a file): exit 2 before any work.
void check_output_file(const std::filesystem::path& file, const std::string& option) {
    std::error_code ec;
    if (std::filesystem::is_directory(file, ec))
        throw swsim::InputError(fmt::format("{}: error: {}: is a folder; give a file name (e.g. {}); nothing written",
                                            file.string(), option, (file / "report.html").string()));
    if (file.has_parent_path()) swsim::check_output_folder(file.parent_path());
}

// Writes one self-contained HTML page (charts included) for a result folder of swsim compare or
// run. All inputs are read and checked first (the folder against its manifest): a bad file writes
// nothing. By default the page becomes part of the result folder (listed in its manifest, written
// under the folder's lock); with --out it is a file of its own.
int cmd_report(const ReportCliOptions& opt, const std::string& command_line) {
    const swsim::ReportAssets assets = swsim::report_assets();
    if (!assets.available()) {
        std::cerr << "swsim report: built without report assets (node and npm were not found at build time)\n";
        return kExitInput;
    }
    const auto sweep = opt.sweep.empty() ? std::nullopt : std::optional<std::filesystem::path>(opt.sweep);
    const std::filesystem::path dir(opt.dir);
    auto build = [&] {
        const swsim::ReportInputs in = swsim::load_report_inputs(dir, sweep);
        return swsim::build_report(in, {opt.year}, assets);
    };
    std::filesystem::path out;
    swsim::Report report;
    if (!opt.out.empty()) {
        out = opt.out;
        check_output_file(out, "--out");
        report = build();
        swsim::throw_if_interrupted("nothing written");
        swsim::write_file_atomically(out, report.html);
        swsim::throw_if_interrupted(out.string() + " was already complete and is kept");
    } else {
        // Read the folder only once it is locked, so the page describes the result it joins.
        swsim::load_report_inputs(dir, sweep);  // a folder that is not a whole result: exit 2, nothing made
        swsim::ResultFolder folder(dir, command_line);
        report = build();
        const swsim::VerifiedFolder current = swsim::verify_result_folder(folder.dir());
        for (const auto& [name, entry] : current.files)
            if (name != "report.html") folder.keep(name, entry);
        folder.add("report.html", report.html);
        folder.commit(current.text);
        out = dir / "report.html";
        after_commit(folder);
    }
    fmt::print("report: {} ({} charts, regions in {}, {:.1f} MB)\n", out.string(), report.charts, report.year,
               static_cast<double>(report.html.size()) / 1e6);
    return kExitOk;
}

int cmd_reference() {
    std::cout << swsim::scenario_reference_markdown();
    return kExitOk;
}

std::string command_line(int argc, char** argv) {
    std::string s;
    for (int i = 0; i < argc; ++i) {
        if (i) s += ' ';
        s += i ? argv[i] : "swsim";
    }
    return s;
}

struct SweepOptions {
    std::string file;   // the sweep file
    std::string out;    // plan: a CSV file (default: stdout); run, slurm, merge: the sweep's folder
    std::string shard;  // "I/N"
    int threads = 0;
    double progress_interval = swsim::kDefaultProgressIntervalSeconds;
    swsim::SlurmOptions slurm;
    bool submit = false;
};

// This program's absolute path, for job scripts and rerun commands.
std::string self_path(const char* argv0) {
    std::error_code ec;
    const auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
    return (ec ? std::filesystem::absolute(argv0).lexically_normal() : exe).string();
}

// "I/N" of --shard, or 1/1 when not given.
std::pair<int, int> parse_shard(const std::string& text) {
    int shard = 1, shards = 1;
    if (!text.empty()) {
        char slash = 0, rest = 0;
        std::istringstream in(text);
        if (!(in >> shard >> slash >> shards) || slash != '/' || in >> rest || shard < 1 || shard > shards)
            throw swsim::InputError("--shard: expected I/N with 1 <= I <= N (e.g. 3/10), got '" + text + "'");
    }
    return {shard, shards};
}

// Writes the design points as CSV (to --out FILE, or stdout); every point is set up and checked.
int cmd_sweep_plan(const SweepOptions& opt) {
    const swsim::Sweep sweep = swsim::load_sweep(opt.file);
    const auto points = swsim::sweep_points(sweep);
    swsim::point_scenarios(sweep, points, 0, points.size());
    const std::string csv = swsim::plan_csv(sweep, points);
    if (opt.out.empty()) {
        std::cout << csv;
        return kExitOk;
    }
    // Only the file named: a plan claims no folder.
    const std::filesystem::path out = std::filesystem::absolute(opt.out);
    check_output_file(out, "--out");
    swsim::write_file_atomically(out, csv);
    fmt::print("{} point(s) x {} replicate(s) = {} run(s); plan in {}\n", points.size(), sweep.spec.replicates,
               points.size() * std::size_t(sweep.spec.replicates), out.string());
    return kExitOk;
}

// Runs one shard (default 1/1: everything) into DIR/shards/; a complete shard is skipped.
int cmd_sweep_run(const SweepOptions& opt) {
    const auto [shard, shards] = parse_shard(opt.shard);
    const swsim::Sweep sweep = swsim::load_sweep(opt.file);
    const auto points = swsim::sweep_points(sweep);
    // Every point of the whole sweep is checked before the folder is claimed, whatever the shard:
    // a bad sweep fails in every shard alike and claims nothing.
    const auto scenarios = swsim::point_scenarios(sweep, points, 0, points.size());
    const int threads = threads_or_all(opt.threads);
    // The runs under way at once must fit in memory, checked before anything is claimed.
    double largest = 0;
    for (std::size_t p = 0; p < points.size(); ++p)
        largest = std::max(largest, swsim::persons_per_run(scenarios[p], sweep.bases[points[p].scenario].regions));
    if (const auto problem = swsim::concurrent_runs_memory_problem(largest, unsigned(threads), swsim::result_memory_budget()))
        throw swsim::InputError(opt.file + ": error: " + *problem + "; nothing written");
    swsim::claim_sweep_dir(opt.out, sweep, points, shards);
    const auto t0 = std::chrono::steady_clock::now();
    const swsim::ShardRun r =
        swsim::run_shard(sweep, points, opt.out, shard, shards,
                         {&swsim::interrupted(), {}, {}, threads, true, opt.progress_interval});
    const auto path = swsim::shard_path(opt.out, shard, shards).string();
    if (r.stopped)
        swsim::throw_if_interrupted(fmt::format("shard {}/{} not written (the complete shards are kept)", shard, shards));
    swsim::throw_if_interrupted(fmt::format("shard {}/{} was already complete and is kept: {}", shard, shards, path));
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    if (r.skipped) fmt::print("shard {}/{} is already complete ({} run(s)): {}\n", shard, shards, r.runs, path);
    else fmt::print("shard {}/{}: {} run(s) in {:.1f} s on {} thread(s): {}\n", shard, shards, r.runs, seconds, threads, path);
    return kExitOk;
}

// Writes DIR/sweep.sbatch (one array task per shard) and, with --submit, submits it.
int cmd_sweep_slurm(const SweepOptions& opt, const std::string& swsim_path) {
    swsim::check_slurm_options(opt.slurm);
    const swsim::JobBinary job = swsim::job_binary(opt.slurm.swsim, swsim_path);
    const swsim::Sweep sweep = swsim::load_sweep(opt.file);
    const auto points = swsim::sweep_points(sweep);
    const std::size_t runs = points.size() * std::size_t(sweep.spec.replicates);
    if (std::size_t(opt.slurm.tasks) > runs)
        throw swsim::InputError(fmt::format("--tasks {} is more than the sweep's {} run(s)", opt.slurm.tasks, runs));
    swsim::point_scenarios(sweep, points, 0, points.size());
    const std::filesystem::path dir = std::filesystem::absolute(opt.out).lexically_normal();
    swsim::claim_sweep_dir(dir, sweep, points, opt.slurm.tasks);
    std::error_code ec;
    std::filesystem::create_directories(dir / "logs", ec);  // Slurm does not create log folders
    if (ec)
        throw swsim::WriteError(fmt::format("{}: error: cannot create the folder: {}", (dir / "logs").string(), ec.message()));
    const auto script = dir / "sweep.sbatch";
    swsim::write_file_atomically(
        script, swsim::sbatch_script(job.path, "swsim-" + sweep.spec.name, sweep.spec.file, dir, opt.slurm));
    if (!job.note.empty()) fmt::print("{}\n", job.note);
    fmt::print("{}: {} array task(s), {} to {} run(s) each ({} in all)\n", script.string(), opt.slurm.tasks,
               runs / std::size_t(opt.slurm.tasks), (runs + std::size_t(opt.slurm.tasks) - 1) / std::size_t(opt.slurm.tasks),
               runs);
    const std::string merge = "swsim sweep merge " + swsim::shell_quote(dir.string());
    if (!opt.submit) {
        fmt::print("submit with: sbatch {}\nthen, when the job is done: {}\n", swsim::shell_quote(script.string()), merge);
        return kExitOk;
    }
    const std::string id = swsim::submit_sbatch(script);
    fmt::print("submitted job {}\nfollow it:  squeue -j {}\nafterwards: sacct -j {}\nthen merge: {}\n", id, id, id, merge);
    return kExitOk;
}

// Checks that every shard is complete and writes DIR/points.csv and DIR/sensitivity.csv.
int cmd_sweep_merge(const SweepOptions& opt, const std::string& swsim_path) {
    const std::string file = opt.file.empty() ? swsim::read_sweep_dir(opt.out).sweep_file : opt.file;
    const swsim::Sweep sweep = swsim::load_sweep(file);
    const auto points = swsim::sweep_points(sweep);
    swsim::claim_sweep_dir(opt.out, sweep, points, 0);
    const int shards = swsim::read_sweep_dir(opt.out).shards;
    if (shards == 0)
        throw swsim::InputError(opt.out + ": no shards yet; run `swsim sweep run` or `swsim sweep slurm` first");
    swsim::merge_sweep(sweep, points, opt.out, shards, swsim_path);
    swsim::throw_if_interrupted("the merged result in " + opt.out + " was already complete and is kept");
    const std::filesystem::path dir(opt.out);
    fmt::print("merged {} shard(s): {} ({} points), {}\n", shards, (dir / "points.csv").string(), points.size(),
               (dir / "sensitivity.csv").string());
    return kExitOk;
}

struct CalibrateOptions {
    std::string file;   // the calibration file
    std::string out;    // the calibration's folder
    std::string wave;   // "K" or "ensemble"; empty: every stage (run)
    std::string shard;  // "I/N"
    int threads = 0;
    double progress_interval = swsim::kDefaultProgressIntervalSeconds;
    swsim::SlurmOptions slurm;
    bool submit = false;
};

std::filesystem::path calibration_dir(const CalibrateOptions& opt, const swsim::Calibration& cal) {
    return std::filesystem::absolute(opt.out.empty() ? std::filesystem::path("output") / ("calibrate-" + cal.spec.name)
                                                     : std::filesystem::path(opt.out))
        .lexically_normal();
}

swsim::Stage parse_wave(const std::string& text) {
    if (text == "ensemble") return swsim::Stage{0};
    int wave = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), wave);
    if (text.empty() || ec != std::errc() || end != text.data() + text.size() || wave < 1 || wave > 50)
        throw swsim::InputError("--wave: expected a wave number 1 to 50 or 'ensemble', got '" + text + "'");
    return swsim::Stage{wave};
}

void print_summary(const swsim::CalibrationSummary& sum, const std::filesystem::path& dir) {
    for (const auto& w : sum.waves)
        fmt::print("wave {}: {} point(s), {} kept ({:.1f} % ruled out)\n", w.wave, w.points.size(), w.kept_count(),
                   100 * w.ruled_out_share());
    fmt::print("stopped: {}\n", sum.stop_reason);
    for (const std::string& t : sum.unreached)
        fmt::print("target not reached by any point: {} (a misspecification to fix in the model)\n", t);
    fmt::print("\nvalidation: the ensemble of {} member(s) ({} distinct point(s)) run again with fresh draws\n{}",
               sum.members, sum.distinct_members, sum.validation_text);
    fmt::print("{:.1f} % of the validation runs fit every fitted target\nresults in {}\n", 100 * sum.fit_all_share,
               dir.string());
}

// Runs one stage's shard (--wave K --shard I/N), or with no --wave every stage in turn on this
// machine, each stage's shards not yet complete, then merges. A complete shard is skipped.
int cmd_calibrate_run(const CalibrateOptions& opt, const std::string& swsim_path, const std::string& command) {
    const auto [shard, shards] = parse_shard(opt.shard);
    if (!opt.shard.empty() && opt.wave.empty())
        throw swsim::InputError("--shard needs --wave: a shard belongs to one wave (or to the ensemble)");
    const swsim::Calibration cal = swsim::load_calibration(opt.file);
    const auto dir = calibration_dir(opt, cal);
    swsim::check_output_folder(dir);
    const int threads = threads_or_all(opt.threads);
    const swsim::RunControl control{&swsim::interrupted(), {}, {}, threads, true, opt.progress_interval};
    // Runs a planned stage (planning reads every shard of the stages before it, so once per stage).
    const auto run_planned = [&](const swsim::StagePlan& plan, int one_shard, int of) {
        const swsim::Stage stage = plan.stage;
        const auto t0 = std::chrono::steady_clock::now();
        const swsim::StageRun r = swsim::run_stage(plan, dir, one_shard, of, control);
        if (r.stopped)
            swsim::throw_if_interrupted(fmt::format("{} not complete (the complete shards are kept)", stage.name()));
        swsim::throw_if_interrupted(stage.name() + ": the shards written are complete and kept");
        const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        fmt::print("{}: {} point(s) x {} replicate(s): {} run(s) in {:.1f} s on {} thread(s){}\n", stage.name(),
                   plan.points.size(), plan.sweep.spec.replicates, r.runs, seconds, threads,
                   r.skipped ? fmt::format(" ({} shard(s) already complete)", r.skipped) : "");
    };
    const auto run_one = [&](swsim::Stage stage, int one_shard, int of) {
        const swsim::StagePlan plan = swsim::plan_stage(cal, dir, stage, swsim_path);
        if (!plan.skip_reason.empty()) return false;
        run_planned(plan, one_shard, of);
        return true;
    };
    if (!opt.wave.empty()) {
        const swsim::Stage stage = parse_wave(opt.wave);
        const swsim::StagePlan plan = swsim::plan_stage(cal, dir, stage, swsim_path);
        if (!plan.skip_reason.empty()) {
            fmt::print("{}: nothing to run: {}\n", stage.name(), plan.skip_reason);
            return kExitOk;
        }
        run_planned(plan, shard, shards);
        return kExitOk;
    }
    for (int wave = 1; run_one(swsim::Stage{wave}, 0, 0); ++wave) {
    }
    run_one(swsim::Stage{0}, 0, 0);
    const auto sum = swsim::merge_calibration(cal, dir, swsim_path, command);
    swsim::throw_if_interrupted("the merged result in " + dir.string() + " was already complete and is kept");
    print_summary(sum, dir);
    return kExitOk;
}

// Writes the tables of a calibration whose stages are all complete.
int cmd_calibrate_merge(const CalibrateOptions& opt, const std::string& swsim_path, const std::string& command) {
    std::string file = opt.file;
    if (file.empty()) file = swsim::read_sweep_dir(std::filesystem::path(opt.out) / "wave-1").sweep_file;
    const swsim::Calibration cal = swsim::load_calibration(file);
    const auto dir = std::filesystem::absolute(opt.out).lexically_normal();
    const auto sum = swsim::merge_calibration(cal, dir, swsim_path, command);
    swsim::throw_if_interrupted("the merged result in " + dir.string() + " was already complete and is kept");
    print_summary(sum, dir);
    return kExitOk;
}

// Writes one job array per wave, one for the ensemble and a merge job into DIR; with --submit
// submits them, each after the one before has succeeded (a wave after the stop exits at once).
int cmd_calibrate_slurm(const CalibrateOptions& opt, const std::string& swsim_path) {
    swsim::check_slurm_options(opt.slurm);
    const swsim::JobBinary job = swsim::job_binary(opt.slurm.swsim, swsim_path);
    const swsim::Calibration cal = swsim::load_calibration(opt.file);
    const auto dir = calibration_dir(opt, cal);
    // Wave 1 is set up and checked here, so that a bad point fails now and not on the cluster.
    const swsim::StagePlan first = swsim::plan_stage(cal, dir, swsim::Stage{1}, swsim_path);
    swsim::point_scenarios(first.sweep, first.points, 0, first.points.size());
    swsim::check_output_folder(dir);
    std::error_code ec;
    std::filesystem::create_directories(dir / "logs", ec);
    if (ec)
        throw swsim::WriteError(fmt::format("{}: error: cannot create the folder: {}", (dir / "logs").string(), ec.message()));
    std::vector<std::filesystem::path> scripts;
    for (int wave = 0; wave <= cal.spec.method.waves; ++wave) {
        const swsim::Stage stage{wave == cal.spec.method.waves ? 0 : wave + 1};
        const std::string comment = fmt::format(
            "# {} of calibration {}: task I runs shard I of {}. Written by `swsim calibrate slurm`.\n", stage.name(),
            cal.spec.name, opt.slurm.tasks);
        const std::string run = fmt::format(
            "{} calibrate run {} --wave {} {} --out {} {}", swsim::shell_quote(job.path), swsim::shell_quote(cal.spec.file),
            stage.ensemble() ? std::string("ensemble") : std::to_string(stage.wave), swsim::shard_arguments(opt.slurm),
            swsim::shell_quote(dir.string()), swsim::threads_argument(opt.slurm));
        scripts.push_back(dir / (stage.name() + ".sbatch"));
        swsim::write_file_atomically(scripts.back(), swsim::array_script("swsim-" + cal.spec.name + "-" + stage.name(),
                                                                         comment, run, dir / "logs", stage.name(), opt.slurm));
    }
    swsim::SlurmOptions single = opt.slurm;
    single.tasks = 1;
    const std::string merge = fmt::format("{} calibrate merge {} --calibration {}", swsim::shell_quote(job.path),
                                          swsim::shell_quote(dir.string()), swsim::shell_quote(cal.spec.file));
    scripts.push_back(dir / "merge.sbatch");
    swsim::write_file_atomically(
        scripts.back(), swsim::array_script("swsim-" + cal.spec.name + "-merge",
                                            "# The merge of calibration " + cal.spec.name + ", after its last stage.\n",
                                            merge, dir / "logs", "merge", single));
    fmt::print("{}: {} job script(s) ({} wave(s) at most, the ensemble, the merge), {} array task(s) each\n",
               dir.string(), scripts.size(), cal.spec.method.waves, opt.slurm.tasks);
    if (!job.note.empty()) fmt::print("{}\n", job.note);
    if (!opt.submit) {
        std::string chain;
        for (const auto& s : scripts) chain.append("  ").append(swsim::shell_quote(s.string())).append(1, '\n');
        fmt::print("submit each after the one before has finished (or use --submit to chain them):\n{}", chain);
        return kExitOk;
    }
    std::string after;
    for (const auto& s : scripts) {
        after = swsim::submit_sbatch(s, after);
        fmt::print("submitted {} as job {}\n", s.filename().string(), after);
    }
    fmt::print("follow them: squeue -u $USER; the result is in {} after job {}\n", dir.string(), after);
    return kExitOk;
}

// The options of a command that writes Slurm job arrays (sweep slurm, calibrate slurm).
void add_slurm_options(CLI::App* sub, swsim::SlurmOptions& slurm, bool& submit, const std::string& tasks_help,
                       const std::string& submit_help) {
    sub->add_option("--tasks", slurm.tasks, tasks_help)->required()->check(CLI::Range(1, 100000));
    sub->add_option("--partition", slurm.partition, "Partition (default: the cluster's)");
    sub->add_option("--time", slurm.time, "Time limit per task, e.g. 02:00:00");
    sub->add_option("--mem", slurm.mem, "Memory per task, e.g. 4G");
    sub->add_option("--cpus", slurm.cpus, "CPUs per task (= threads)")->capture_default_str()->check(CLI::Range(1, 1024));
    sub->add_option("--account", slurm.account, "Account (project) the cluster bills (default: yours)");
    sub->add_option("--qos", slurm.qos, "Quality of service (default: the cluster's)");
    sub->add_option("--constraint", slurm.constraint, "Node features, e.g. 'intel&ib' (default: any node)");
    sub->add_option("--sbatch-arg", slurm.sbatch_args,
                    "A further #SBATCH option, written as given (repeatable), e.g. --sbatch-arg=--gres=gpu:1")
        ->allow_extra_args(false);
    sub->add_option("--swsim", slurm.swsim,
                    "The swsim the tasks run, as found on the compute nodes: a path, or a name on their PATH "
                    "(default: swsim if the one on PATH is this binary, else this binary's absolute path)");
    sub->add_flag("--submit", submit, submit_help);
}

}  // namespace

int main(int argc, char** argv) {
    // From the start: Ctrl-C and SIGTERM at any moment end the command through Interrupted. Never
    // destroyed, so that a signal while the process exits after a success does not turn it into 143.
    [[maybe_unused]] static const swsim::InterruptGuard* const interrupt_guard = new swsim::InterruptGuard;
    CLI::App app{"swsim: agent-based simulation of Dutch social employment (Wsw, beschut werk, "
                 "banenafspraak) under sterfhuis and ontwikkelbedrijf policies."};
    app.set_version_flag("--version", fmt::format("swsim {} ({})", SWSIM_VERSION, SWSIM_GIT_REVISION),
                         "Print the version and git revision, then exit");
    app.require_subcommand(1);

    std::vector<std::string> validate_files;
    CLI::App* validate = app.add_subcommand("validate", "Check scenario files and their region data; print a summary of each");
    validate->add_option("files", validate_files, "Scenario files (YAML)")->required();
    std::vector<std::string> validate_sets;
    constexpr const char* kSetHelp = "Set a scenario key, checked like a line of the file, e.g. "
                                     "--set policy.company.switch_year=2024 (repeatable; applied to every scenario)";
    validate->add_option("--set", validate_sets, kSetHelp)->allow_extra_args(false);

    CLI::App* reference = app.add_subcommand("reference", "Print the scenario reference (Markdown)");
    // --replications has the same bound as simulation.replications (the schema says why).
    const int max_replications = static_cast<int>(swsim::find_key("simulation.replications")->valid.max);
    // --seed is checked like simulation.seed (a whole number 0 to 2^63 - 1), before CLI11 converts
    // it: its conversion would wrap -1 and saturate 2^64 silently.
    const CLI::Validator seed_check(
        [](std::string& text) -> std::string {
            constexpr auto kMax = static_cast<unsigned long long>(std::numeric_limits<long long>::max());
            unsigned long long v = 0;
            const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
            if (text.empty() || ec != std::errc() || end != text.data() + text.size() || v > kMax)
                return fmt::format("'{}' is not a valid seed: must be a whole number 0 to {} (as simulation.seed)",
                                   text, kMax);
            return {};
        },
        "SEED");
    RunOptions run_opt;
    CLI::App* run = app.add_subcommand("run", "Run a scenario; write yearly.csv, cohorts.csv and manifest.json");
    run->add_option("scenario", run_opt.scenario, "Scenario file (YAML)")->required();
    run->add_option("--replications", run_opt.replications, "Replicates (default: simulation.replications)")
        ->check(CLI::Range(1, max_replications));
    run->add_option("--seed", run_opt.seed, "Seed (default: simulation.seed)")->check(seed_check);
    run->add_option("--out", run_opt.out, "Output folder (default: output/<scenario name>)");
    run->add_option("--threads", run_opt.threads, "Threads (default: all cores)")->check(CLI::Range(1, 1024));
    run->add_option("--set", run_opt.sets, kSetHelp)->allow_extra_args(false);
    run->add_option("--years", run_opt.years, "Years of the headline, e.g. 2024,2030,2035 (default: "
                                              "simulation.headline_years, else 2020 to 2060 by ten where simulated)")
        ->delimiter(',')
        ->check(CLI::Range(2015, 2060));
    constexpr const char* kForceHelp = "Replace a result of another command or of other inputs in the output folder "
                                       "(the files its manifest.json lists are removed, no others)";
    run->add_flag("--force", run_opt.force, kForceHelp);
    constexpr const char* kProgressHelp = "Without a terminal, print a progress line on stderr every SECONDS "
                                          "(0: none); on a terminal the line is redrawn in place";
    run->add_option("--progress-interval", run_opt.progress_interval, kProgressHelp)
        ->capture_default_str()
        ->check(CLI::Range(0.0, 86400.0));
    swsim::CompareOptions compare_opt;
    int compare_threads = 0;
    bool compare_force = false;
    double compare_progress = swsim::kDefaultProgressIntervalSeconds;
    CLI::App* compare = app.add_subcommand(
        "compare", "Compare scenarios: every replicate of each, in parallel, with common random numbers; write "
                   "yearly.csv, summary.csv, comparison.csv (difference to the first scenario with its 90 % "
                   "interval), cohorts.csv, manifest.json and results.xlsx");
    compare->add_option("scenarios", compare_opt.files, "Scenario files (YAML); the first is the reference")
        ->required()
        ->expected(2, -1);
    compare->add_option("--replications", compare_opt.replications,
                        "Replicates of each scenario (default: the reference's simulation.replications)")
        ->check(CLI::Range(1, max_replications));
    compare->add_option("--seed", compare_opt.seed,
                        "Seed of every scenario (default: the reference's simulation.seed, used for all)")
        ->check(seed_check);
    compare->add_option("--threads", compare_threads, "Threads (default: all cores)")->check(CLI::Range(1, 1024));
    compare->add_option("--out", compare_opt.out, "Output folder (default: output/compare-<reference>-vs-<other>)");
    compare->add_flag("--independent", compare_opt.independent,
                      "Give every scenario its own seed (differences with Welch intervals), to show what common "
                      "random numbers gain");
    compare->add_option("--ensemble", compare_opt.ensemble,
                        "ensemble.csv of parameter sets: run every scenario for each member; differences get a "
                        "Monte Carlo and a total interval (default: the reference's simulation.ensemble)");
    compare->add_option("--members", compare_opt.members, "Use the first N members of the ensemble (default: all)");
    compare->add_option("--set", compare_opt.sets, kSetHelp)->allow_extra_args(false);
    compare->add_flag("--force", compare_force, kForceHelp);
    compare->add_option("--progress-interval", compare_progress, kProgressHelp)
        ->capture_default_str()
        ->check(CLI::Range(0.0, 86400.0));
    compare->add_option("--reference", compare_opt.reference,
                        "Name (simulation.name) of the scenario the others are compared with (default: the first)");
    compare->add_option("--years", compare_opt.years, "Years of the headline, e.g. 2024,2030,2035 (default: the "
                                                      "reference's simulation.headline_years, else 2020, 2030 and "
                                                      "2040 where simulated)")
        ->delimiter(',')
        ->check(CLI::Range(2015, 2060));
    compare_opt.scenario_ensemble = true;
    ReportCliOptions report_opt;
    CLI::App* report = app.add_subcommand(
        "report", "Write one self-contained HTML page with charts of a result folder (swsim compare or run)");
    report->add_option("dir", report_opt.dir, "Result folder with yearly.csv and manifest.json")->required();
    report->add_option("--out", report_opt.out, "HTML file (default: DIR/report.html)");
    report->add_option("--year", report_opt.year, "Year of the regional section (default: the last full year)");
    report->add_option("--sweep", report_opt.sweep, "Sweep folder with sensitivity.csv (default: DIR's, if any)");
    SweepOptions sweep_opt;
    CLI::App* sweep = app.add_subcommand("sweep", "Parameter sweeps: plan, run (locally or in shards), Slurm job "
                                                  "arrays, merge into points and sensitivity indices");
    sweep->require_subcommand(1);
    CLI::App* sweep_plan = sweep->add_subcommand("plan", "Write the design points as CSV");
    CLI::App* sweep_run = sweep->add_subcommand("run", "Run one shard (default: all runs as shard 1/1) into DIR/shards/");
    CLI::App* sweep_slurm = sweep->add_subcommand("slurm", "Write DIR/sweep.sbatch, a job array of one task per shard");
    CLI::App* sweep_merge = sweep->add_subcommand("merge", "Merge complete shards into DIR/points.csv and DIR/sensitivity.csv");
    for (CLI::App* sub : {sweep_plan, sweep_run, sweep_slurm})
        sub->add_option("sweep", sweep_opt.file, "Sweep file (YAML)")->required();
    sweep_plan->add_option("--out", sweep_opt.out, "CSV file (default: standard output)");
    for (CLI::App* sub : {sweep_run, sweep_slurm})
        sub->add_option("--out", sweep_opt.out, "The sweep's output folder")->required();
    sweep_run->add_option("--shard", sweep_opt.shard, "Run shard I of N (1-based), e.g. 3/10");
    sweep_run->add_option("--threads", sweep_opt.threads, "Threads (default: all cores)")->check(CLI::Range(1, 1024));
    sweep_run->add_option("--progress-interval", sweep_opt.progress_interval, kProgressHelp)
        ->capture_default_str()
        ->check(CLI::Range(0.0, 86400.0));
    add_slurm_options(sweep_slurm, sweep_opt.slurm, sweep_opt.submit, "Array tasks (= shards)",
                      "Submit with sbatch and print the job id");
    sweep_merge->add_option("dir", sweep_opt.out, "The sweep's output folder")->required();
    sweep_merge->add_option("--sweep", sweep_opt.file, "Sweep file (default: the one recorded in DIR/sweep.json)");

    CalibrateOptions cal_opt;
    CLI::App* calibrate = app.add_subcommand(
        "calibrate", "Calibration by history matching: waves of runs, the non-implausible set, a calibrated ensemble "
                     "and its validation table (locally, in shards, or as Slurm job arrays)");
    calibrate->require_subcommand(1);
    CLI::App* cal_run = calibrate->add_subcommand(
        "run", "Run every wave, the ensemble and the merge here (default), or one shard of one stage (--wave --shard)");
    CLI::App* cal_slurm = calibrate->add_subcommand("slurm", "Write one job array per wave, one for the ensemble and a merge job");
    CLI::App* cal_merge = calibrate->add_subcommand("merge", "Write the tables of a calibration whose stages are complete");
    for (CLI::App* sub : {cal_run, cal_slurm}) {
        sub->add_option("calibration", cal_opt.file, "Calibration file (YAML)")->required();
        sub->add_option("--out", cal_opt.out, "The calibration's folder (default: output/calibrate-<name>)");
    }
    cal_run->add_option("--wave", cal_opt.wave, "Run only this stage: a wave number, or 'ensemble'");
    cal_run->add_option("--shard", cal_opt.shard, "With --wave: run shard I of N (1-based), e.g. 3/10");
    cal_run->add_option("--threads", cal_opt.threads, "Threads (default: all cores)")->check(CLI::Range(1, 1024));
    cal_run->add_option("--progress-interval", cal_opt.progress_interval, kProgressHelp)
        ->capture_default_str()
        ->check(CLI::Range(0.0, 86400.0));
    add_slurm_options(cal_slurm, cal_opt.slurm, cal_opt.submit, "Array tasks (= shards) per stage",
                      "Submit the jobs, each after the one before");
    cal_merge->add_option("dir", cal_opt.out, "The calibration's folder")->required();
    cal_merge->add_option("--calibration", cal_opt.file, "Calibration file (default: the one recorded in DIR/wave-1)");

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
        if (*validate) return cmd_validate(validate_files, validate_sets);
        if (*reference) return cmd_reference();
        if (*run) return cmd_run(run_opt, command_line(argc, argv));
        if (*report) return cmd_report(report_opt, command_line(argc, argv));
        if (*compare) return cmd_compare(compare_opt, compare_threads, compare_force, compare_progress, command_line(argc, argv));
        if (*sweep_plan) return cmd_sweep_plan(sweep_opt);
        if (*sweep_run) return cmd_sweep_run(sweep_opt);
        if (*sweep_slurm) return cmd_sweep_slurm(sweep_opt, self_path(argv[0]));
        if (*sweep_merge) return cmd_sweep_merge(sweep_opt, self_path(argv[0]));
        if (*cal_run) return cmd_calibrate_run(cal_opt, self_path(argv[0]), command_line(argc, argv));
        if (*cal_slurm) return cmd_calibrate_slurm(cal_opt, self_path(argv[0]));
        if (*cal_merge) return cmd_calibrate_merge(cal_opt, self_path(argv[0]), command_line(argc, argv));
        return kExitInternal;  // unreachable: a subcommand is required
    } catch (const swsim::Interrupted& e) {
        std::cerr << e.what() << '\n';
        return e.exit_code();
    } catch (const swsim::InputError& e) {
        std::cerr << e.what() << '\n';
        return kExitInput;
    } catch (const std::exception& e) {
        std::cerr << "internal error: " << e.what() << '\n';
        return kExitInternal;
    }
}
