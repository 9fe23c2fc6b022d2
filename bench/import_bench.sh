#!/usr/bin/env bash
# Import benchmark (issue 17): wall time and peak RSS of
#   1. `cfgc import devices.yaml -o devices.cue` on a generated YAML inventory of N devices
#      (bench/yaml_gen.cpp; N = 25,000 by default, about 10 MB of YAML) to formatted CUE;
#   2. `cfgc import jsonschema schema.json -o schema.cue` on a generated JSON Schema with D
#      definitions (bench/jsonschema_gen.cpp; D = 1,000 by default, about 0.8 MB).
#
#   bench/import_bench.sh [N [D]]
#
# Environment:
#   BUILD_DIR   build directory (default build/); configured and built in Release first
#   RUNS        runs of each import, the best is kept (default 3)
#   SEED        seed of both generators (default 1)
#   KEEP        1: keep the generated inputs and outputs (their directory is printed)
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/lib.sh"
"$root/scripts/bootstrap"

dir=${BUILD_DIR:-$root/build}
[[ $dir == /* ]] || dir=$PWD/$dir
runs=${RUNS:-3}
seed=${SEED:-1}
n=${1:-25000}
d=${2:-1000}
[[ $n =~ ^[1-9][0-9]*$ ]] || { echo "import_bench: not a device count: $n" >&2; exit 2; }
[[ $d =~ ^[1-9][0-9]*$ ]] || { echo "import_bench: not a definition count: $d" >&2; exit 2; }

tmp=$(mktemp -d)
trap '[[ ${KEEP:-0} == 1 ]] && echo "kept $tmp" || rm -rf "$tmp"' EXIT
if ! cfgc_build "$dir" -DCMAKE_BUILD_TYPE=Release >"$tmp/build.log" 2>&1; then
  cat "$tmp/build.log" >&2
  exit 1
fi
cfgc=$dir/cmd/cfgc
measure=$dir/bench/cfgc_run_measure
for p in "$cfgc" "$measure" "$dir/bench/cfgc_yaml_gen" "$dir/bench/cfgc_jsonschema_gen"; do
  [[ -x $p ]] || { echo "import_bench: $p was not built" >&2; exit 1; }
done

"$dir/bench/cfgc_yaml_gen" --devices "$n" --seed "$seed" >"$tmp/devices.yaml"
"$dir/bench/cfgc_jsonschema_gen" --definitions "$d" --seed "$seed" >"$tmp/schema.json"

echo "cfgc import on generated inputs, best of $runs runs"
rev=$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)
if [[ -n $(git -C "$root" status --porcelain --untracked-files=no 2>/dev/null) ]]; then rev+=" + uncommitted changes"; fi
echo "$(date -u '+%Y-%m-%d %H:%M UTC'), commit $rev, $(nproc) CPUs, load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo
printf '%-46s %9s %9s %8s %13s\n' input "input MB" "output MB" "wall s" "peak RSS MB"
# run LABEL INPUT OUTPUT CFGC-ARGS...: one line of figures (MB = 10^6 bytes).
run() {
  local label=$1 input=$2 output=$3
  shift 3
  local secs rss
  # cfgc's warnings (JSON Schema formats it keeps as comments) go to a log, not the table.
  if ! read -r secs rss < <("$measure" --runs="$runs" -- "$cfgc" "$@" 2>"$tmp/stderr.log"); then
    cat "$tmp/stderr.log" >&2
    echo "import_bench: cfgc $* failed" >&2
    exit 1
  fi
  awk -v l="$label" -v i="$(stat -c %s "$input")" -v o="$(stat -c %s "$output")" -v s="$secs" -v r="$rss" 'BEGIN {
    printf "%-46s %9.2f %9.2f %8.3f %13.1f\n", l, i / 1e6, o / 1e6, s, r * 1024 / 1e6
  }'
}
run "import: YAML inventory, $n devices" "$tmp/devices.yaml" "$tmp/devices.cue" \
  import "$tmp/devices.yaml" -o "$tmp/devices.cue" -f
run "import jsonschema: $d definitions" "$tmp/schema.json" "$tmp/schema.cue" \
  import jsonschema "$tmp/schema.json" -o "$tmp/schema.cue" -f
