#!/usr/bin/env bash
# The main job: installs missing dependencies, builds the release binary and compares the two
# shipped policies, sterfhuis (the reference) and ontwikkelbedrijf, both counterfactuals of the
# observed baseline from 2020, at full scale with common random numbers, over the calibrated
# ensemble (scenarios/calibration/observed/ensemble.csv): tables, manifest, workbook and the HTML
# report in output/main. MEMBERS (default 20) ensemble members x REPLICATIONS (default 2) replicates
# per scenario; 20 x 2 take about 2 minutes on 2 cores. MEMBERS=0 compares without the ensemble.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

bash scripts/install-deps.sh
cmake --preset release
cmake --build --preset release -j"$(nproc)"
ensemble=()
if [[ "${MEMBERS:-20}" != 0 ]]; then
    ensemble=(--ensemble scenarios/calibration/observed/ensemble.csv --members "${MEMBERS:-20}")
fi
# output/main belongs to this script: --force replaces what an earlier main job (of other data,
# or of an earlier swsim) left there, and only the files its manifest lists.
./build/release/sim/swsim compare scenarios/sterfhuis.yaml scenarios/ontwikkelbedrijf.yaml \
    --replications "${REPLICATIONS:-2}" "${ensemble[@]}" --out output/main --force
./build/release/sim/swsim report output/main
