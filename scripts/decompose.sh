#!/usr/bin/env bash
# Decomposes the ontwikkelbedrijf's effect: the comparison with the sterfhuis, run with each of the
# six functions on alone and with all together, at full scale with common random numbers. Writes
# output/decomposition/decomposition.csv (per variant, metric and year: the difference to the
# sterfhuis and its 90 % interval) and decomposition.md (the table the README shows), plus the
# comparison's own result folder in output/decomposition/compare.
#
#   scripts/decompose.sh [REPLICATIONS] [YEAR]      (defaults: 4 replicates, 2030)
#
# Uses the release binary (scripts/main-job.sh builds it). The functions interact (a coached
# seeker competes with a trained one for the same vacancies), so the rows need not add up to the
# row with all functions on.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

reps=${1:-4}
year=${2:-2030}
bin=./build/release/sim/swsim
[[ -x $bin ]] || { echo "decompose: $bin not found; run scripts/main-job.sh first" >&2; exit 2; }
out=output/decomposition
work=$(mktemp -d "${TMPDIR:-/tmp}/swsim-decompose.XXXXXX")
trap 'rm -rf "$work"' EXIT

functions=(employer_services beschut_facility matching training employer_networks detachering)
variants=()
for f in "${functions[@]}"; do
    {
        echo "# The ontwikkelbedrijf with only $f on (written by scripts/decompose.sh)."
        echo "extends: $PWD/scenarios/ontwikkelbedrijf.yaml"
        echo "simulation: {name: only_$f}"
        echo "policy:"
        echo "  company:"
        echo "    functions:"
        for g in "${functions[@]}"; do
            [[ $g == "$f" ]] && echo "      $g: {enabled: true}" || echo "      $g: {enabled: false}"
        done
    } >"$work/only_$f.yaml"
    variants+=("$work/only_$f.yaml")
done

mkdir -p "$out"
"$bin" compare scenarios/sterfhuis.yaml "${variants[@]}" scenarios/ontwikkelbedrijf.yaml \
    --replications "$reps" --out "$out/compare" >/dev/null

metrics="regular regular_lks detached beschut training seeking municipal_net_cost state_cost uwv_cost public_net_cost"
awk -F, -v year="$year" -v metrics="$metrics" '
    BEGIN { n = split(metrics, m, " "); for (i = 1; i <= n; i++) want[m[i]] = i
            print "variant,metric,year,difference,ci_low,ci_high" > "'"$out"'/decomposition.csv" }
    NR > 1 && $3 == year && $4 == "NL" && ($5 in want) {
        print $1 "," $5 "," $3 "," $6 "," $7 "," $8 > "'"$out"'/decomposition.csv"
        d[$1, $5] = $6; if (!($1 in seen)) { seen[$1] = 1; order[++k] = $1 }
    }
    END {
        f = "'"$out"'/decomposition.md"
        printf "| %s (NL, %d) | regular work | of which detached | beschut | training | seeking | municipal net cost (€ mln) | state (€ mln) | UWV (€ mln) |\n", "difference to the sterfhuis", year > f
        print "|---|---:|---:|---:|---:|---:|---:|---:|---:|" > f
        for (i = 1; i <= k; i++) {
            v = order[i]
            work = d[v, "regular"] + d[v, "regular_lks"] + d[v, "detached"]
            printf "| %s | %+.0f | %+.0f | %+.0f | %+.0f | %+.0f | %+.1f | %+.1f | %+.1f |\n", v, work, d[v, "detached"],
                d[v, "beschut"], d[v, "training"], d[v, "seeking"], d[v, "municipal_net_cost"] / 1e6,
                d[v, "state_cost"] / 1e6, d[v, "uwv_cost"] / 1e6 > f
        }
    }' "$out/compare/comparison.csv"
cat "$out/decomposition.md"
