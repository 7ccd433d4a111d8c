#!/usr/bin/env bash
# The main job: installs missing dependencies, builds the release binary and checks the shipped
# scenarios. (To become the sterfhuis vs ontwikkelbedrijf comparison once `swsim run` exists.)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

bash scripts/install-deps.sh
cmake --preset release
cmake --build --preset release -j"$(nproc)"
./build/release/sim/swsim validate scenarios/*.yaml
