#!/usr/bin/env bash
# Kill trials (issue 16): kill -9, SIGTERM and Ctrl-C (SIGINT) at random moments of `run`, `compare`,
# `sweep run` and `report`, TRIALS times each (default 20), into a folder that already holds an
# earlier complete result. After every trial the folder must hold one complete result, the earlier
# one or the new one, that `swsim report` accepts, or (only after kill -9, which nothing can catch)
# no result at all; SIGINT and SIGTERM must end with 130 or 143 and one line on stderr, or with 0
# when the command had finished; a sweep folder must hold only complete shards.
#   usage: tests/kill_trials.sh SWSIM SOURCE_DIR     (env: TRIALS=20, SEED=16, REPORT_EVERY=4)
# The moment is uniform over 1.5 x the command's measured duration, so it falls while inputs are
# read, while runs are under way, while files are written and after the end. A complete result is
# checked against its manifest's sizes and sha256 here, and with `swsim report` itself on every
# REPORT_EVERY-th trial and whenever a result is not exactly the earlier or the new one (report
# takes most of a trial's time; the earlier and the new result are each checked by report once).
set -uo pipefail

swsim=$1
src=$2
trials=${TRIALS:-20}
report_every=${REPORT_EVERY:-4}
RANDOM=${SEED:-16}
data=$src/tests/data/kill
work=$(mktemp -d "${TMPDIR:-/tmp}/kill-trials.XXXXXX")
# Only the script itself cleans up: a background child forked for a trial that a signal hits before
# it has exec'd swsim still holds this trap, and must not remove the trials' folder.
trap '[[ $BASHPID == "$$" ]] && rm -rf "$work"' EXIT
failures=0

fail() {
    echo "FAIL: $*" >&2
    failures=$((failures + 1))
}

now_ms() { echo $(($(date +%s%N) / 1000000)); }

# The manifest's file list (names, sizes, sha256): what identifies a result.
signature() { sed -n '/"files": {/,$p' "$1/manifest.json" 2>/dev/null; }
# The same without report.html, which names its folder and so differs between folders.
without_report() { awk '/^    "report.html": \{$/ { skip = 1 } !skip { print } skip && /^    \}/ { skip = 0 }'; }

# Every file the manifest lists has its recorded size and sha256.
hashes_match() {
    local dir=$1 name="" line
    [[ -f $dir/manifest.json ]] || return 1
    while IFS= read -r line; do
        if [[ $line =~ ^\ \ \ \ \"([^\"]+)\":\ \{$ ]]; then
            name=${BASH_REMATCH[1]}
        elif [[ $line =~ \"sha256\":\ \"([0-9a-f]+)\" ]]; then
            [[ -f $dir/$name ]] || return 1
            [[ $(sha256sum "$dir/$name" | cut -d' ' -f1) == "${BASH_REMATCH[1]}" ]] || return 1
        fi
    done < <(signature "$dir")
    [[ -n $name ]]
}

report_accepts() { "$swsim" report "$1" --out "$work/check.html" > /dev/null 2> "$work/check.err"; }

# A sweep folder: sweep.json readable, every shard file complete (its trailer counts its rows).
# A shard's temporary file (shard-I-of-N.csv.tmp.PID) is not a shard: kill -9 may leave one.
shards_complete() {
    local dir=$1 f rows
    grep -q '"fingerprint"' "$dir/sweep.json" || return 1
    for f in "$dir"/shards/*; do
        [[ -e $f ]] || continue
        [[ $f == *.csv.tmp.* ]] && continue
        [[ $(basename "$f") =~ ^shard-[0-9]+-of-[0-9]+\.csv$ ]] || return 1
        rows=$(tail -n 1 "$f" | sed -n 's/^# complete \([0-9]*\) [0-9a-f]*$/\1/p')
        [[ -n $rows && $(($(wc -l < "$f") - 2)) -eq $rows ]] || return 1
    done
}

# One result folder of each command: the earlier result (another seed) and the new one.
prepare() {
    local kind=$1
    case $kind in
        run) cmd=(run "$data/tiny.yaml" --replications 2 --threads 2) ;;
        compare) cmd=(compare "$data/tiny.yaml" "$data/tiny_ontwikkelbedrijf.yaml" --replications 2 --threads 2) ;;
        sweep) cmd=(sweep run "$data/sweep.yaml" --shard 2/2 --threads 2) ;;
        report) cmd=(report) ;;
    esac
    rm -rf "$work/old" "$work/new"
    case $kind in
        run | compare)
            "$swsim" "${cmd[@]}" --seed 1 --out "$work/old" > /dev/null || fail "$kind: the earlier result"
            local t0
            t0=$(now_ms)
            "$swsim" "${cmd[@]}" --out "$work/new" > /dev/null || fail "$kind: the new result"
            duration=$(($(now_ms) - t0))
            ;;
        sweep)
            "$swsim" sweep run "$data/sweep.yaml" --shard 1/2 --out "$work/old" > /dev/null || fail "sweep: shard 1"
            cp -a "$work/old" "$work/new"
            local t0
            t0=$(now_ms)
            "$swsim" "${cmd[@]}" --out "$work/new" > /dev/null || fail "sweep: shard 2"
            duration=$(($(now_ms) - t0))
            ;;
        report)
            "$swsim" compare "$data/tiny.yaml" "$data/tiny_ontwikkelbedrijf.yaml" --replications 2 --out "$work/old" \
                > /dev/null || fail "report: the compare folder"
            cp -a "$work/old" "$work/new"
            local t0
            t0=$(now_ms)
            "$swsim" report "$work/new" > /dev/null || fail "report: the report"
            duration=$(($(now_ms) - t0))
            ;;
    esac
    if [[ $kind != sweep ]]; then
        report_accepts "$work/old" || fail "$kind: report refuses the earlier result: $(cat "$work/check.err")"
        report_accepts "$work/new" || fail "$kind: report refuses the new result: $(cat "$work/check.err")"
        old_sig=$(signature "$work/old")
        new_sig=$(signature "$work/new")
        [[ $old_sig != "$new_sig" ]] || fail "$kind: the earlier and the new result are the same"
    fi
}

# One trial: the earlier result in place, the command, a signal after `delay` ms, then the checks.
trial() {
    local kind=$1 sig=$2 n=$3 target=$work/target
    rm -rf "$target" "$work"/.target.swsim-staging.*
    cp -a "$work/old" "$target"
    local delay=$((RANDOM % (duration * 15 / 10 + 1)))
    if [[ $kind == report ]]; then
        "$swsim" report "$target" > /dev/null 2> "$work/err" &
    else
        # run and compare replace the earlier result (another seed) only with --force.
        local force=()
        [[ $kind == sweep ]] || force=(--force)
        "$swsim" "${cmd[@]}" "${force[@]}" --out "$target" > /dev/null 2> "$work/err" &
    fi
    local pid=$!
    sleep "$(printf '%d.%03d' $((delay / 1000)) $((delay % 1000)))"
    kill -s "$sig" "$pid" 2> /dev/null
    { wait "$pid"; } 2> /dev/null
    local rc=$? what="$kind $sig trial $n (after $delay ms)"
    touch "$work/err"  # not there when the signal came before the shell had opened it
    case $sig in
        INT) [[ $rc == 0 || $rc == 130 ]] || fail "$what: exit $rc, expected 130 (or 0): $(cat "$work/err")" ;;
        TERM) [[ $rc == 0 || $rc == 143 ]] || fail "$what: exit $rc, expected 143 (or 0): $(cat "$work/err")" ;;
        KILL) [[ $rc == 0 || $rc == 137 ]] || fail "$what: exit $rc, expected 137 (or 0)" ;;
    esac
    local early=0
    if [[ $rc == 130 || $rc == 143 ]]; then
        if [[ ! -s $work/err ]]; then
            early=1  # the signal came before swsim's handler was set (exec, loading): nothing was done
        else
            [[ $(wc -l < "$work/err") == 1 && $(cat "$work/err") == interrupted:* ]] ||
                fail "$what: expected one line 'interrupted: ...' on stderr, got: $(cat "$work/err")"
        fi
    fi
    if compgen -G "$target/*.tmp.*" > /dev/null || compgen -G "$target/shards/*.tmp.*" > /dev/null; then
        [[ $sig == KILL ]] || fail "$what: a temporary file was left: $(ls -a "$target")"
    fi
    if [[ $sig != KILL ]] && compgen -G "$work/.target.swsim-staging.*" > /dev/null; then
        fail "$what: a staging folder was left"
    fi
    if [[ $kind == sweep ]]; then
        if ((early)) && [[ -e $target/shards/shard-2-of-2.csv ]]; then
            fail "$what: ended before its signal handler was set, yet wrote a shard"
        fi
        if shards_complete "$target"; then
            outcome=$([[ -e $target/shards/shard-2-of-2.csv ]] && echo new || echo old)
        else
            fail "$what: an incomplete shard or sweep.json: $(ls -la "$target" "$target/shards")"
            outcome=bad
        fi
        return
    fi
    local sig_now
    sig_now=$(signature "$target")
    if [[ ! -f $target/manifest.json ]]; then
        outcome=none
        [[ $sig == KILL ]] || fail "$what: no result left (only kill -9 may leave none)"
        if report_accepts "$target"; then fail "$what: report accepts a folder without a manifest"; fi
    elif ! hashes_match "$target"; then
        outcome=bad
        fail "$what: the files do not match the manifest"
        if report_accepts "$target"; then fail "$what: report accepts a mixed folder"; fi
    elif [[ $sig_now == "$old_sig" ]]; then
        outcome=old
    elif ((early)); then
        outcome=bad
        fail "$what: ended before its signal handler was set, yet the folder changed"
    elif [[ $sig_now == "$new_sig" ]]; then
        outcome=new
    elif [[ $kind == report && $sig_now == *'"report.html"'* && $(without_report <<< "$sig_now") == "$old_sig" ]]; then
        outcome=new  # the earlier files, kept, and the page
    else
        outcome=bad
        fail "$what: a complete result that is neither the earlier nor the new one"
    fi
    if [[ $outcome == old || $outcome == new ]] && { ((n % report_every == 0)) || [[ $outcome == bad ]]; }; then
        report_accepts "$target" || fail "$what: report refuses the $outcome result: $(cat "$work/check.err")"
    fi
}

start=$(now_ms)
for kind in run compare sweep report; do
    prepare "$kind"
    for sig in KILL TERM INT; do
        declare -A count=([old]=0 [new]=0 [none]=0 [bad]=0)
        for ((n = 1; n <= trials; n++)); do
            trial "$kind" "$sig" "$n"
            count[$outcome]=$((count[$outcome] + 1))
        done
        printf '%-8s %-5s %d trials (duration %d ms): earlier result %d, new result %d, no result %d, bad %d\n' \
            "$kind" "$sig" "$trials" "$duration" "${count[old]}" "${count[new]}" "${count[none]}" "${count[bad]}"
        unset count
    done
done
echo "kill trials: $((($(now_ms) - start) / 1000)) s, $failures failure(s)"
((failures == 0))
