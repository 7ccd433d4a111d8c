// swsim_bench: how fast the model runs at national scale, and what limits it. For the shipped
// ontwikkelbedrijf scenario over 2015-2050 it prints: persons simulated, person-months per second on
// one thread and with several replicates on all threads (the scaling factor), peak memory, bytes of
// model state per person, the same rate at smaller scales (is cost linear in persons?), and the wall
// time of the README's main job (swsim compare, run as a subprocess). Nothing here is pass/fail.
//   swsim_bench [--quick] [--swsim PATH] [--with-invariant-checks]
//     --quick: scale 0.1 only, to 2030, no main job
// It says how it was built (build type, invariant checks). Invariant checks after every month cost
// about two thirds of the speed, so a build with them (dev, ci) prints no rates unless
// --with-invariant-checks is given; the release preset is the one to measure.
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <string>
#include <vector>

#include <fmt/core.h>
#include <tbb/global_control.h>
#include <tbb/info.h>

#include "swsim/model/model.hpp"
#include "swsim/run/inputs.hpp"
#include "swsim/run/run.hpp"
#include "swsim/run/runner.hpp"

namespace {

double wall_now() { return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count(); }

// CPU time of the calling thread: unlike wall time, hardly distorted by other work on the machine.
double thread_cpu_now() {
    timespec t{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return double(t.tv_sec) + double(t.tv_nsec) * 1e-9;
}

struct Size {
    std::int64_t peak_persons = 0;
    double person_months = 0;     // living persons summed over the months
    double bytes_per_person = 0;  // person_state_bytes (capacity x element size) / persons, at the peak
};

// Runs the model month by month (untimed) to count the persons it simulates.
Size measure_size(const swsim::Inputs& in) {
    const swsim::Model model = swsim::make_model(in.scenario, in.regions, 0);
    swsim::State st = swsim::init_state(model);
    swsim::MonthAccounts acc;
    Size s;
    while (st.now <= in.scenario.simulation.end) {
        swsim::step_month(model, st, acc);
        std::int64_t alive = 0;
        for (const auto& c : st.counts)
            for (auto n : c) alive += n;
        s.person_months += double(alive);
        if (alive > s.peak_persons) {
            s.peak_persons = alive;
            s.bytes_per_person = double(swsim::person_state_bytes(st)) / double(alive);
        }
    }
    return s;
}

struct Rate {
    Size size;
    double cpu_seconds = 0;
    double per_second = 0;  // person-months per CPU second, one thread
};

// The fastest of `repeats` runs: what the code costs, with as little as possible of what else the
// machine did meanwhile (other processes, a cold cache, frequency changes).
Rate single_thread(swsim::Inputs in, double scale, swsim::Month end, int repeats) {
    in.scenario.simulation.scale = scale;
    in.scenario.simulation.end = end;
    Rate r;
    r.size = measure_size(in);
    for (int k = 0; k < repeats; ++k) {
        const double t0 = thread_cpu_now();
        const auto result = swsim::run_scenario(in.scenario, in.regions, 0);
        const double t = thread_cpu_now() - t0;
        if (k == 0 || t < r.cpu_seconds) r.cpu_seconds = t;
    }
    r.per_second = r.size.person_months / r.cpu_seconds;
    return r;
}

// CPU time of the whole process (all threads).
double process_cpu_now() {
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return double(u.ru_utime.tv_sec + u.ru_stime.tv_sec) + double(u.ru_utime.tv_usec + u.ru_stime.tv_usec) * 1e-6;
}

struct Timing {
    double wall = 0;
    double cpu = 0;  // all threads
};

// `replicates` runs with at most `threads` threads.
Timing replicates_time(const swsim::Inputs& in, std::uint32_t replicates, int threads) {
    tbb::global_control limit(tbb::global_control::max_allowed_parallelism, static_cast<std::size_t>(threads));
    const double w0 = wall_now(), c0 = process_cpu_now();
    const auto results = swsim::run_replicates(in.scenario, in.regions, 0, replicates);
    return {wall_now() - w0, process_cpu_now() - c0};
}

std::string millions(double x) { return fmt::format("{:.1f} M", x / 1e6); }

}  // namespace

int main(int argc, char** argv) {
    bool quick = false, with_checks = false;
    std::string swsim_binary = SWSIM_BINARY;
    for (int a = 1; a < argc; ++a) {
        const std::string arg = argv[a];
        if (arg == "--quick") quick = true;
        else if (arg == "--with-invariant-checks") with_checks = true;
        else if (arg == "--swsim" && a + 1 < argc) swsim_binary = argv[++a];
        else {
            fmt::print(stderr, "usage: swsim_bench [--quick] [--swsim PATH] [--with-invariant-checks]\n");
            return 2;
        }
    }
    constexpr bool kInvariantChecks = SWSIM_BENCH_INVARIANTS != 0;
    const std::string build = fmt::format("build: {}, invariant checks {}", SWSIM_BUILD_TYPE[0] ? SWSIM_BUILD_TYPE : "(no build type)",
                                          kInvariantChecks ? "on (SWSIM_CHECK_INVARIANTS)" : "off");
    if (kInvariantChecks && !with_checks) {
        fmt::print(stderr,
                   "swsim_bench: {}: the checks after every month slow the model down, so its rates would not be "
                   "the model's speed.\nMeasure a release build (cmake --preset release && cmake --build --preset "
                   "release), or pass --with-invariant-checks to measure this one anyway.\n",
                   build);
        return 2;
    }
    const std::filesystem::path source = SWSIM_SOURCE_DIR;
    try {
        const swsim::Inputs in = swsim::load_inputs((source / "scenarios/ontwikkelbedrijf.yaml").string());
        const swsim::Month end = quick ? swsim::Month::of(2030, 12) : swsim::Month::of(2050, 12);
        const double main_scale = quick ? 0.1 : 1.0;
        const int threads = tbb::info::default_concurrency();
        fmt::print("swsim_bench: ontwikkelbedrijf.yaml, {} to {}, {} thread(s){}\n{}{}\n\n",
                   swsim::to_string(in.scenario.simulation.start), swsim::to_string(end), threads,
                   quick ? " (quick)" : "", build,
                   kInvariantChecks ? " -- rates below are slower than the model's speed in a release build" : "");

        const int repeats = quick ? 1 : 3;
        std::vector<std::pair<double, Rate>> rates;
        for (double scale : quick ? std::vector<double>{0.1} : std::vector<double>{0.1, 0.5, 1.0})
            rates.emplace_back(scale, single_thread(in, scale, end, repeats));
        const Rate& main = rates.back().second;

        // Several replicates (two per thread), first on one thread, then on all.
        swsim::Inputs par = in;
        par.scenario.simulation.scale = main_scale;
        par.scenario.simulation.end = end;
        const auto replicates = static_cast<std::uint32_t>(2 * threads);
        const Timing one = replicates_time(par, replicates, 1);
        const Timing all = replicates_time(par, replicates, threads);
        const double wall_1 = one.wall, wall_n = all.wall;
        const double pm_all = main.size.person_months * replicates;

        rusage usage{};
        getrusage(RUSAGE_SELF, &usage);

        // swsim itself, as a subprocess, on the shipped files: the wall time of one command whose
        // results go to a temporary folder (removed after), or n/a when it fails.
        const auto timed = [&](const std::string& name, const std::string& arguments) -> std::string {
            if (quick) return "n/a (--quick)";
            const auto out = std::filesystem::temp_directory_path() /
                             fmt::format("swsim_bench_{}_{}", name, static_cast<long>(::getpid()));
            const std::string cmd = fmt::format("cd '{}' && '{}' {} --out '{}' > '{}.log' 2>&1", source.string(),
                                                swsim_binary, arguments, out.string(), out.string());
            const double t0 = wall_now();
            const int rc = std::system(cmd.c_str());
            const double t = wall_now() - t0;
            std::filesystem::remove_all(out);
            if (rc != 0) return fmt::format("n/a (swsim failed, see {}.log)", out.string());
            std::filesystem::remove(out.string() + ".log");
            return fmt::format("{:.1f} s wall", t);
        };
        const std::string pair = "compare scenarios/sterfhuis.yaml scenarios/ontwikkelbedrijf.yaml";
        const std::string ensemble = "--ensemble scenarios/calibration/observed/ensemble.csv";
        // The README's main job (scripts/main-job.sh without the build and the report).
        const std::string main_job = timed("main_job", pair + " " + ensemble + " --members 20 --replications 2");
        // The shipped calibration (scenarios/calibration/observed.yaml: 13 parameters, 19 targets,
        // up to 6 waves of 500 points x 2 replicates, 2015-2019 at scale 0.1, then its ensemble).
        const std::string calibration = timed("calibration", "calibrate run scenarios/calibration/observed.yaml");
        // An ensemble comparison over all 100 members, one replicate each, 2015-2040, full scale.
        const std::string hundred = timed("ensemble100", pair + " " + ensemble + " --replications 1");

        const auto row = [](const std::string& what, const std::string& value) {
            fmt::print("| {:<62} | {:>26} |\n", what, value);
        };
        fmt::print("| {:<62} | {:>26} |\n|{:-<64}|{:-<28}|\n", "measure", "value", "", "");
        row(fmt::format("persons simulated at scale {}, peak", main_scale), fmt::format("{}", main.size.peak_persons));
        row("person-months simulated, total", millions(main.size.person_months));
        row(fmt::format("person-months per second, 1 thread (CPU time, best of {})", repeats),
            millions(main.per_second));
        row(fmt::format("person-months per second, {} replicates on 1 thread (wall)", replicates), millions(pm_all / wall_1));
        row(fmt::format("person-months per second, {} replicates on {} threads (wall)", replicates, threads),
            millions(pm_all / wall_n));
        row(fmt::format("speed-up 1 -> {} threads (wall)", threads), fmt::format("{:.2f}x", wall_1 / wall_n));
        // On a loaded machine wall time understates the speed-up; CPU time per run shows what the
        // threads cost each other (shared caches, memory bandwidth): the speed-up with free cores.
        row(fmt::format("speed-up 1 -> {} threads if the cores were free (CPU time)", threads),
            fmt::format("{:.2f}x", threads * one.cpu / all.cpu));
        row("peak memory (ru_maxrss)", fmt::format("{:.0f} MB", double(usage.ru_maxrss) / 1024.0));
        row("model state per person at the peak", fmt::format("{:.1f} bytes", main.size.bytes_per_person));
        for (const auto& [scale, r] : rates)
            row(fmt::format("person-months per second at scale {} (CPU time, best of {})", scale, repeats),
                fmt::format("{} ({:.2f} s)", millions(r.per_second), r.cpu_seconds));
        if (rates.size() > 1) {
            const Rate& small = rates.front().second;
            row(fmt::format("cost ratio scale {} / {} (persons ratio)", rates.back().first, rates.front().first),
                fmt::format("{:.2f} ({:.2f})", main.cpu_seconds / small.cpu_seconds,
                            main.size.person_months / small.size.person_months));
            row("linearity: cost per person-month, scale 1.0 / 0.1",
                fmt::format("{:.2f}", (main.cpu_seconds / main.size.person_months) /
                                          (small.cpu_seconds / small.size.person_months)));
        }
        row("main job: compare over 20 ensemble members x 2 replicates", main_job);
        row("calibration: the shipped history matching, all waves", calibration);
        row("ensemble comparison: 100 members x 1 replicate, 2015-2040", hundred);
    } catch (const std::exception& e) {
        fmt::print(stderr, "swsim_bench: {}\n", e.what());
        return 1;
    }
    return 0;
}
