#!/usr/bin/env bash
# `careerbot ask --json` batch throughput: the labelled questions repeated to 10,000 lines on
# standard input, answers/s as the median of RUNS runs (default 5). Uses hyperfine when it is
# installed, else times the runs itself.
#   scripts/bench-ask.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-5}"
lines=10000
cargo build --release --quiet --bin careerbot
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# The question texts of the tuning set (TOML basic strings hold no escapes we need to undo).
questions="$work/questions.txt"
: > "$questions"
sed -n 's/^text = "\(.*\)"$/\1/p' tests/questions/tune.toml > "$work/set.txt"
while [ "$(wc -l < "$questions" 2>/dev/null || echo 0)" -lt "$lines" ]; do cat "$work/set.txt" >> "$questions"; done
head -n "$lines" "$questions" > "$work/input.txt"
bin="target/release/careerbot"
export CAREERBOT_CORPUS="$PWD/corpus" CAREERBOT_INDEX="$work/index"
"$bin" index > /dev/null
answered="$("$bin" ask --json < "$work/input.txt" | wc -l)"
[ "$answered" -eq "$lines" ] || { echo "expected $lines answers, got $answered" >&2; exit 1; }
if command -v hyperfine > /dev/null; then
  hyperfine --warmup 1 --runs "$runs" --export-json "$work/ask.json" \
    "$bin ask --json < $work/input.txt > /dev/null" >&2
  median="$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['results'][0]['median'])" "$work/ask.json")"
else
  median="$(python3 - "$bin" "$work/input.txt" "$runs" <<'PY'
import statistics, subprocess, sys, time
bin, path, runs = sys.argv[1], sys.argv[2], int(sys.argv[3])
times = []
for _ in range(runs):
    with open(path, "rb") as stdin:
        start = time.perf_counter()
        subprocess.run([bin, "ask", "--json"], stdin=stdin, stdout=subprocess.DEVNULL, check=True)
        times.append(time.perf_counter() - start)
print(statistics.median(times))
PY
)"
fi
awk -v m="$median" -v n="$lines" 'BEGIN {printf "careerbot ask --json: %d questions in %.3f s (median of runs): %.0f answers/s\n", n, m, n/m}'
