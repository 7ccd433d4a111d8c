#!/usr/bin/env bash
# The main job: installs missing dependencies, builds the release binary and compares the two
# shipped policies, sterfhuis (the reference) and ontwikkelbedrijf, at full scale with common
# random numbers: tables, manifest, workbook and the HTML report in output/main. REPLICATIONS
# (default 4) sets the replicates per scenario; 4 take about 10 seconds on 2 cores.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

bash scripts/install-deps.sh
cmake --preset release
cmake --build --preset release -j"$(nproc)"
./build/release/sim/swsim compare scenarios/sterfhuis.yaml scenarios/ontwikkelbedrijf.yaml \
    --replications "${REPLICATIONS:-4}" --out output/main
./build/release/sim/swsim report output/main
