// One libFuzzer target per kind of file swsim reads (built once per kind, SWSIM_FUZZ_KIND): the
// bytes become that file in a scratch copy of the shipped layout (scenarios/, scenarios/data/,
// a result folder), and the program's own loader reads it. Bad input must end in swsim::InputError
// (exit 2); anything else (another exception, a crash, a sanitizer report, a hang, unbounded
// memory) is a finding. Built only with -DSWSIM_FUZZ=ON and clang (the fuzz preset).

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <string>
#include <string_view>

#include "swsim/core/error.hpp"
#include "swsim/region/regions.hpp"
#include "swsim/report/inputs.hpp"
#include "swsim/calibrate/calibration.hpp"
#include "swsim/run/ensemble.hpp"
#include "swsim/run/inputs.hpp"
#include "swsim/scenario/load.hpp"
#include "swsim/scenario/scenario.hpp"
#include "swsim/sweep/sweep.hpp"

namespace fs = std::filesystem;

namespace {

// The scratch tree, like the source tree: <root>/scenarios/{*.yaml,data/,sweeps/,calibration/} and the report
// fixture at <root>/tests/data/report/ (its manifest names ../../../scenarios/data/regions_2015.csv).
fs::path g_root;

void copy_tree(const fs::path& from, const fs::path& to) {
    fs::create_directories(to);
    fs::copy(from, to, fs::copy_options::recursive | fs::copy_options::overwrite_existing);
}

void write_file(const fs::path& path, const std::uint8_t* data, std::size_t size) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
}

fs::path scenarios() { return g_root / "scenarios"; }
fs::path data() { return scenarios() / "data"; }
fs::path report_dir() { return g_root / "tests" / "data" / "report"; }

// Puts the shipped file back after a run that replaced it, from a copy read once: copying it
// from the source tree each time failed with EINTR (libFuzzer's timers interrupt copy_file, which
// does not retry), a finding of the harness, not of swsim.
void restore(const fs::path& source_relative) {
    static std::map<fs::path, std::string> shipped;
    auto it = shipped.find(source_relative);
    if (it == shipped.end()) {
        std::ifstream in(fs::path(SWSIM_SOURCE_DIR) / source_relative, std::ios::binary);
        it = shipped.emplace(source_relative, std::string(std::istreambuf_iterator<char>(in), {})).first;
    }
    write_file(g_root / source_relative, reinterpret_cast<const std::uint8_t*>(it->second.data()), it->second.size());
}

swsim::RegionFiles shipped_region_files() {
    swsim::RegionFiles f;
    f.regions_csv = (data() / "regions_2015.csv").string();
    f.adjacency_csv = (data() / "region_adjacency.csv").string();
    f.municipalities_csv = (data() / "municipalities_2015.csv").string();
    f.companies_csv = (data() / "company_municipalities.csv").string();
    return f;
}

void load_report(const char* name, const std::uint8_t* data, std::size_t size) {
    write_file(report_dir() / name, data, size);
    try {
        (void)swsim::load_report_inputs(report_dir());
    } catch (const swsim::InputError&) {
    }
    restore(fs::path("tests/data/report") / name);
}

void load_csv(const char* name, const std::uint8_t* bytes, std::size_t size) {
    write_file(data() / name, bytes, size);
    try {
        (void)swsim::load_region_data(shipped_region_files());
    } catch (const swsim::InputError&) {
    }
    restore(fs::path("scenarios/data") / name);
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    const char* tmp = std::getenv("TMPDIR");
    std::string pattern = std::string(tmp && *tmp ? tmp : "/tmp") + "/swsim-fuzz-XXXXXX";
    if (!::mkdtemp(pattern.data())) std::abort();
    g_root = pattern;
    const fs::path src(SWSIM_SOURCE_DIR);
    copy_tree(src / "scenarios", scenarios());
    copy_tree(src / "tests/data/report", report_dir());
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data_bytes, std::size_t size) {
    const std::string_view kind = SWSIM_FUZZ_KIND;
    if (kind == "scenario") {
        const fs::path file = scenarios() / "fuzz.yaml";
        write_file(file, data_bytes, size);
        try {
            (void)swsim::load_inputs(file.string());
        } catch (const swsim::InputError&) {
        }
    } else if (kind == "sweep") {
        const fs::path file = scenarios() / "sweeps" / "fuzz.yaml";
        write_file(file, data_bytes, size);
        try {
            (void)swsim::load_sweep(file.string());
        } catch (const swsim::InputError&) {
        }
    } else if (kind == "calibration") {
        const fs::path file = scenarios() / "calibration" / "fuzz.yaml";
        write_file(file, data_bytes, size);
        try {
            (void)swsim::load_calibration(file.string());
        } catch (const swsim::InputError&) {
        }
    } else if (kind == "regions_csv") {
        load_csv("regions_2015.csv", data_bytes, size);
    } else if (kind == "adjacency_csv") {
        load_csv("region_adjacency.csv", data_bytes, size);
    } else if (kind == "municipalities_csv") {
        load_csv("municipalities_2015.csv", data_bytes, size);
    } else if (kind == "companies_csv") {
        load_csv("company_municipalities.csv", data_bytes, size);
    } else if (kind == "report_manifest") {
        load_report("manifest.json", data_bytes, size);
    } else if (kind == "report_yearly") {
        load_report("yearly.csv", data_bytes, size);
    } else if (kind == "report_summary") {
        load_report("summary.csv", data_bytes, size);
    } else if (kind == "report_comparison") {
        load_report("comparison.csv", data_bytes, size);
    } else if (kind == "report_sensitivity") {
        load_report("sensitivity.csv", data_bytes, size);
    } else if (kind == "report_regions") {
        // The region table the manifest names (../../../scenarios/data/regions_2015.csv).
        write_file(data() / "regions_2015.csv", data_bytes, size);
        try {
            (void)swsim::load_report_inputs(report_dir());
        } catch (const swsim::InputError&) {
        }
        restore("scenarios/data/regions_2015.csv");
    } else if (kind == "ensemble") {
        // An ensemble.csv for compare: read, then its first members set on the shipped sterfhuis.
        static const swsim::Scenario base = swsim::load_scenario((scenarios() / "sterfhuis.yaml").string());
        const fs::path file = scenarios() / "fuzz_ensemble.csv";
        write_file(file, data_bytes, size);
        try {
            const swsim::Ensemble e = swsim::load_ensemble(file.string());
            for (std::size_t m = 1; m <= std::min<std::size_t>(e.members.size(), 3); ++m) {
                swsim::Scenario sc = base;
                swsim::apply_member(sc, e, m);
            }
        } catch (const swsim::InputError&) {
        }
    } else {
        std::abort();  // a target without a kind: a build mistake
    }
    return 0;
}
