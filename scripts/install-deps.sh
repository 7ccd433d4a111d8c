#!/usr/bin/env bash
# Installs the Debian 12 packages swsim needs to build and test, and only those that are missing.
# Idempotent and silent when everything is present; run as root (or with sudo available).
set -euo pipefail

# One package per line, grouped by what needs it.
packages=(
    # build and core libraries
    g++ cmake make git pkg-config
    libboost-graph-dev libtbb-dev libyaml-cpp-dev libcli11-dev librandom123-dev libfmt-dev
    nlohmann-json3-dev libssl-dev
    # results.xlsx (swsim compare)
    libxlsxwriter-dev
    # tests
    catch2
    # fuzzing (scripts/fuzz.sh; CI's short fuzz run): clang with libFuzzer and the sanitizers
    clang-14
    libclang-rt-14-dev
    # sweeps on a local test cluster
    slurmctld
    slurmd
    slurm-client
    munge
    # report: charts and browser test (Debian 12: nodejs 18, npm 9, chromium 156); nodejs and npm
    # only where no node and npm exist: an existing one (e.g. NodeSource's nodejs 20, which bundles
    # npm and conflicts with Debian's npm package) is used as it is
    nodejs
    npm
    chromium
)

missing=()
for p in "${packages[@]}"; do
    # A node that is already there (any origin) is kept, and so is an npm.
    [[ $p == nodejs ]] && command -v node >/dev/null && continue
    [[ $p == npm ]] && command -v npm >/dev/null && continue
    if [[ "$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)" != "install ok installed" ]]; then
        missing+=("$p")
    fi
done
[[ ${#missing[@]} -eq 0 ]] && exit 0

sudo=()
if [[ $EUID -ne 0 ]]; then
    command -v sudo >/dev/null || { echo "install-deps: need root to install: ${missing[*]}" >&2; exit 1; }
    sudo=(sudo)
fi
echo "install-deps: installing ${missing[*]}" >&2
"${sudo[@]}" apt-get update -q
"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
