#!/usr/bin/env bash
# Installs missing dependencies, builds with the ci preset (Release, invariant checks, -Werror) and
# runs every test. The exit status is ctest's, and ctest's summary line ("NN% tests passed, ...")
# is the last line printed: on failure ctest lists the failed tests after it, so it is moved down.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

bash scripts/install-deps.sh
cmake --preset ci
cmake --build --preset ci -j"$(nproc)"
ctest --preset ci 2>&1 |
    awk '/% tests passed, [0-9]+ tests? failed out of/ { summary = $0; next }
         { print; fflush() }
         END { if (summary != "") print summary }'
