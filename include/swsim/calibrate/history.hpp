// History matching (Vernon et al. 2010; Andrianakis et al. 2015), run directly on the model: waves
// of Latin hypercube points over the region not yet ruled out; for each point and target the
// implausibility |observed - simulated mean| / sqrt(var_obs + var_run + var_model), var_run the
// variance of the point's replicates (the world is one realisation), var_model the target's
// discrepancy share of the observed value, squared. A point is kept while its largest (or
// second-largest) implausibility over the fitted targets is at most the cut-off. Each wave's runs
// are a sweep (sweep/shards.hpp: shards, resume, Slurm) in DIR/wave-K; the calibrated ensemble is
// drawn from the last wave's kept points and run again with fresh draws in DIR/ensemble to validate
// it. Every stage is a pure function of the calibration file and the shards before it.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "swsim/calibrate/calibration.hpp"
#include "swsim/sweep/design.hpp"
#include "swsim/sweep/shards.hpp"

namespace swsim {

// The validation runs of the ensemble use replicates from here on: draws no wave has used.
inline constexpr std::uint32_t kValidationFirstReplicate = 1000000;

// A stage of a calibration: wave 1, 2, ... or (wave 0) the ensemble's validation runs.
struct Stage {
    int wave = 1;  // 0: the ensemble
    bool ensemble() const { return wave == 0; }
    std::string name() const;  // "wave-3" or "ensemble"
};
std::filesystem::path stage_dir(const std::filesystem::path& dir, Stage stage);

// One evaluated wave.
struct WaveEval {
    int wave = 0;
    std::vector<Point> points;
    std::vector<std::vector<double>> mean, var;       // per point and target, over its replicates
    std::vector<std::vector<double>> implausibility;  // per point and target (+inf for NA)
    std::vector<double> measure;                      // per point: over the fitted targets (rank)
    std::vector<char> kept;                           // measure <= cut-off
    std::size_t kept_count() const;
    double ruled_out_share() const;
};

// What the folder says is next: the points of the stage asked for, or why there is nothing to run.
struct StagePlan {
    Stage stage;
    Sweep sweep;                 // the stage's runs as a sweep (outputs = targets)
    std::vector<Point> points;   // empty when skipped
    std::vector<WaveEval> waves; // the waves evaluated before this stage
    std::string stop_reason;     // why the waves stopped (set when they have)
    std::string skip_reason;     // non-empty: nothing to run for this stage
    std::vector<std::size_t> members;  // ensemble stage: the kept point of the last wave behind each member
};

// The command that runs one shard of a stage ("SWSIM calibrate run CAL --wave K --shard I/N --out DIR").
std::string stage_command(const std::string& swsim, const Calibration& cal, const std::filesystem::path& dir,
                          Stage stage, int shard, int shards);

// Plans a stage from the complete shards of the stages before it. Throws InputError when one of
// them is missing or incomplete (naming each shard and its command), and CalibrationFailed when
// every point of a wave was ruled out.
StagePlan plan_stage(const Calibration& cal, const std::filesystem::path& dir, Stage stage, const std::string& swsim);

// Runs a planned stage into its folder: checks every point (point_scenarios) and that `threads`
// runs fit in memory, claims the stage folder for `shards` shards (0: as many as it was set up
// for, else 1), then runs shard `shard`, or with shard 0 every shard not yet complete.
struct StageRun {
    std::size_t runs = 0;     // runs made now
    int shards = 0;           // the stage's shard count
    int skipped = 0;          // shards that were complete already
    bool stopped = false;     // interrupted: the shard under way was not written
};
StageRun run_stage(const StagePlan& plan, const std::filesystem::path& dir, int shard, int shards,
                   const RunControl& control);

// A wave that ruled out every point: names the targets that ruled them out (exit 2).
class CalibrationFailed : public InputError {
public:
    using InputError::InputError;
};

// Implausibility of a simulated mean against a target.
double implausibility(const Target& t, double simulated_mean, double var_run);

// The points of a wave: a Latin hypercube over the priors (wave 1); after it, the region not yet
// ruled out, sampled without an emulator: each kept point of the last wave perturbed by a normal
// kernel of twice the kept points' variance (ABC-SMC's), through the normal quantiles of a Latin
// hypercube, so that every kept point gets an equal, evenly spread share of the wave.
std::vector<Point> wave_points(const Calibration& cal, int wave, const WaveEval* previous);

// Evaluates a wave's runs (values run-major, then target, as read_shard_values gives them).
WaveEval evaluate_wave(const Calibration& cal, int wave, std::vector<Point> points, const std::vector<double>& values);

// The result of a finished calibration, written by merge_calibration as one result folder:
// points.csv, waves.csv, nonimplausible.csv, ensemble.csv, validation.csv, parameters.csv, the same
// tables for people in calibration.md, and the manifest.
struct CalibrationSummary {
    std::vector<WaveEval> waves;
    std::string stop_reason;
    std::size_t members = 0, distinct_members = 0;
    double fit_all_share = 0;                // of the validation runs, the share that fit every fitted target
    std::vector<std::string> unreached;      // fitted targets no point of any wave reached
    std::string validation_text;             // the validation table for the terminal
};
CalibrationSummary merge_calibration(const Calibration& cal, const std::filesystem::path& dir, const std::string& swsim,
                                     const std::string& command);

}  // namespace swsim
