#!/usr/bin/env bash
# Large YAML data benchmark (issue 12): wall time and peak RSS of `cfgc export FILE.yaml` (JSON
# out) on a generated inventory of N devices with 4 interfaces each (bench/yaml_gen.cpp; N =
# 20,000 by default, about 8 MB of YAML), checked against the target: at most 0.3 s and 120 MB.
#
#   bench/yaml_bench.sh [N]
#
# Environment:
#   BUILD_DIR   build directory (default build/); configured and built in Release first
#   RUNS        runs of `cfgc export`, the best is kept (default 3)
#   YAML_SEED   seed of the generator (default 1)
#   CUEJS_DIR   directory with run.js driving the reference cue v0.4 (WebAssembly, under node);
#               default /tmp/cuejs. Skipped without node or it.
#   KEEP        1: keep the generated file (its path is printed)
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/lib.sh"
"$root/scripts/bootstrap"

dir=${BUILD_DIR:-$root/build}
[[ $dir == /* ]] || dir=$PWD/$dir
runs=${RUNS:-3}
seed=${YAML_SEED:-1}
cuejs=${CUEJS_DIR:-/tmp/cuejs}
n=${1:-20000}
[[ $n =~ ^[1-9][0-9]*$ ]] || { echo "yaml_bench: not a device count: $n" >&2; exit 2; }

tmp=$(mktemp -d)
trap '[[ ${KEEP:-0} == 1 ]] && echo "kept $tmp" || rm -rf "$tmp"' EXIT
if ! cfgc_build "$dir" -DCMAKE_BUILD_TYPE=Release >"$tmp/build.log" 2>&1; then
  cat "$tmp/build.log" >&2
  exit 1
fi
cfgc=$dir/cmd/cfgc
gen=$dir/bench/cfgc_yaml_gen
measure=$dir/bench/cfgc_run_measure
for p in "$cfgc" "$gen" "$measure"; do
  [[ -x $p ]] || { echo "yaml_bench: $p was not built" >&2; exit 1; }
done

file=$tmp/devices.yaml
"$gen" --devices "$n" --seed "$seed" >"$file"
bytes=$(stat -c %s "$file")

echo "cfgc export on a generated YAML inventory (cfgc_yaml_gen --devices $n --seed $seed), best of $runs runs"
rev=$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)
if [[ -n $(git -C "$root" status --porcelain --untracked-files=no 2>/dev/null) ]]; then rev+=" + uncommitted changes"; fi
echo "$(date -u '+%Y-%m-%d %H:%M UTC'), commit $rev, $(nproc) CPUs, load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo
printf '%8s %10s %9s %13s %12s\n' N "source MB" "wall s" "peak RSS MB" "MB/s"
if ! read -r secs rss < <("$measure" --runs="$runs" -- "$cfgc" export "$file"); then
  echo "yaml_bench: cfgc export failed" >&2
  exit 1
fi
awk -v n="$n" -v b="$bytes" -v s="$secs" -v r="$rss" 'BEGIN {
  printf "%8d %10.2f %9.3f %13.1f %12.1f\n", n, b / 1e6, s, r * 1024 / 1e6, (s > 0 ? b / 1e6 / s : 0)
}'
if command -v node >/dev/null && [[ -f $cuejs/run.js ]]; then
  if read -r cs cr < <("$measure" --runs=1 -- node "$cuejs/run.js" export "$file"); then
    awk -v s="$cs" -v r="$cr" 'BEGIN { printf "reference cue v0.4 (WebAssembly under node): %.3f s, %.1f MB\n", s, r * 1024 / 1e6 }'
  else
    echo "reference cue v0.4: failed"
  fi
fi
# The target of issue 12 (MB = 10^6 bytes).
awk -v s="$secs" -v k="$rss" 'BEGIN {
  mb = k * 1024 / 1e6
  printf "target (<= 0.3 s, <= 120 MB): time %.3f s %s, peak RSS %.0f MB %s\n",
         s, (s <= 0.3 ? "MET" : "MISSED"), mb, (mb <= 120 ? "MET" : "MISSED")
}'
