#!/usr/bin/env bash
# Evaluator benchmark: wall time and peak RSS of `cfgc export` on a synthetic fabric of N
# devices (bench/fabric_gen.cpp), for N = 100, 1000 and 10000 by default.
#
#   bench/fabric_bench.sh [N...]
#
# Environment:
#   BUILD_DIR     build directory (default build/); configured and built in Release first
#   RUNS          runs of `cfgc export` per N, the best is kept (default 3)
#   FABRIC_SIZES  the N values when none are given as arguments (default "100 1000 10000")
#   FABRIC_SEED   seed of the generator (default 1)
#   CUEJS_DIR     directory with run.js driving the reference cue v0.4 (WebAssembly, under
#                 node); default /tmp/cuejs. The cue column is left empty without node or it.
#   CUE_MAX_N     largest N given to the reference cue, which is slow (default 1000)
#   CUE_RUNS      runs of the reference cue per N (default 1)
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/lib.sh"
"$root/scripts/bootstrap"

dir=${BUILD_DIR:-$root/build}
[[ $dir == /* ]] || dir=$PWD/$dir
runs=${RUNS:-3}
seed=${FABRIC_SEED:-1}
cuejs=${CUEJS_DIR:-/tmp/cuejs}
cue_max=${CUE_MAX_N:-1000}
cue_runs=${CUE_RUNS:-1}
if [[ $# -gt 0 ]]; then sizes=("$@"); else read -r -a sizes <<<"${FABRIC_SIZES:-100 1000 10000}"; fi
for n in "${sizes[@]}"; do
  [[ $n =~ ^[1-9][0-9]*$ ]] || { echo "fabric_bench: not a device count: $n" >&2; exit 2; }
done

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
if ! cfgc_build "$dir" -DCMAKE_BUILD_TYPE=Release >"$tmp/build.log" 2>&1; then
  cat "$tmp/build.log" >&2
  exit 1
fi
cfgc=$dir/cmd/cfgc
gen=$dir/bench/cfgc_fabric_gen
measure=$dir/bench/cfgc_run_measure
for p in "$cfgc" "$gen" "$measure"; do
  [[ -x $p ]] || { echo "fabric_bench: $p was not built" >&2; exit 1; }
done

have_cue=0
if command -v node >/dev/null && [[ -f $cuejs/run.js ]]; then have_cue=1; fi

echo "cfgc export on a generated fabric (cfgc_fabric_gen --seed $seed), best of $runs runs"
rev=$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)
if [[ -n $(git -C "$root" status --porcelain --untracked-files=no 2>/dev/null) ]]; then rev+=" + uncommitted changes"; fi
echo "$(date -u '+%Y-%m-%d %H:%M UTC'), commit $rev, $(nproc) CPUs, load average $(cut -d' ' -f1-3 /proc/loadavg)"
if [[ $have_cue -eq 1 ]]; then
  echo "reference: cue v0.4 (WebAssembly under node, $cuejs), N <= $cue_max, best of $cue_runs"
else
  echo "reference: skipped (no node or no $cuejs/run.js)"
fi
echo
printf '%8s %10s %9s %13s %10s %10s %13s\n' N "source MB" "wall s" "peak RSS MiB" "us/device" "cue s" "cue RSS MiB"

results=()  # "N seconds rss_kib"
for n in "${sizes[@]}"; do
  file=$tmp/fabric-$n.cue
  "$gen" --devices "$n" --seed "$seed" >"$file"
  bytes=$(stat -c %s "$file")
  if ! read -r secs rss < <("$measure" --runs="$runs" -- "$cfgc" export "$file"); then
    echo "fabric_bench: cfgc export failed for N=$n" >&2
    exit 1
  fi
  results+=("$n $secs $rss")
  cue_s=- cue_rss=-
  if [[ $have_cue -eq 1 && $n -le $cue_max ]]; then
    if read -r cs cr < <("$measure" --runs="$cue_runs" -- node "$cuejs/run.js" export "$file"); then
      cue_s=$cs
      cue_rss=$(awk -v k="$cr" 'BEGIN { printf "%.1f", k / 1024 }')
    else
      cue_s=failed
    fi
  fi
  awk -v n="$n" -v b="$bytes" -v s="$secs" -v r="$rss" -v cs="$cue_s" -v cr="$cue_rss" 'BEGIN {
    printf "%8d %10.2f %9.3f %13.1f %10.1f %10s %13s\n", n, b / 1e6, s, r / 1024, s * 1e6 / n, cs, cr
  }'
  rm -f "$file"
done

# Growth between consecutive sizes: for linear growth the time and RSS ratios equal the N ratio.
echo
for ((i = 1; i < ${#results[@]}; ++i)); do
  read -r n0 s0 r0 <<<"${results[i - 1]}"
  read -r n1 s1 r1 <<<"${results[i]}"
  awk -v n0="$n0" -v n1="$n1" -v s0="$s0" -v s1="$s1" -v r0="$r0" -v r1="$r1" 'BEGIN {
    printf "growth N=%d/N=%d: time x%.1f, peak RSS x%.1f (linear: x%.1f)\n", n1, n0,
           (s0 > 0 ? s1 / s0 : 0), (r0 > 0 ? r1 / r0 : 0), n1 / n0
  }'
done
# Issue 12's targets: N=1000 at most 0.12 s and 80 MB; N=10000 at most 1.2 s and 700 MB.
for r in "${results[@]}"; do
  read -r n s k <<<"$r"
  case $n in
    1000) ts=0.12 tm=80 ;;
    10000) ts=1.2 tm=700 ;;
    *) continue ;;
  esac
  awk -v n="$n" -v s="$s" -v k="$k" -v ts="$ts" -v tm="$tm" 'BEGIN {
    mb = k * 1024 / 1e6
    printf "target N=%d (<= %s s, <= %s MB): time %.3f s %s, peak RSS %.0f MB %s\n", n, ts, tm,
           s, (s <= ts ? "MET" : "MISSED"), mb, (mb <= tm ? "MET" : "MISSED")
  }'
done
