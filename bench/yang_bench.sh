#!/usr/bin/env bash
# YANG benchmark (issue: cfgc import yang): wall time and peak RSS of
#   1. importing every FRR module of Debian's `frr` package (/usr/share/yang) as one package;
#   2. importing the IETF interface modules of `libyang2-tools`'s examples;
#   3. `cfgc vet` and `cfgc export` of a fabric of N devices (default 1000) typed by that
#      generated package (8 interfaces each, IPv4 addresses, descriptions, MTUs);
#   4. `cfgc vet --yang` of one device's configuration (libyang validates the JSON_IETF).
#
#   bench/yang_bench.sh [N]
#
# Environment: BUILD_DIR (default build/, built in Release first), RUNS (default 3).
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/lib.sh"
"$root/scripts/bootstrap"

dir=${BUILD_DIR:-$root/build}
[[ $dir == /* ]] || dir=$PWD/$dir
runs=${RUNS:-3}
n=${1:-1000}
[[ $n =~ ^[1-9][0-9]*$ ]] || { echo "yang_bench: not a device count: $n" >&2; exit 2; }
work=$(mktemp -d)
trap '[[ ${KEEP:-0} == 1 ]] && echo "kept $work" || rm -rf "$work"' EXIT
if ! cfgc_build "$dir" -DCMAKE_BUILD_TYPE=Release >"$work/build.log" 2>&1; then
  cat "$work/build.log" >&2
  exit 1
fi
cfgc=$dir/cmd/cfgc measure=$dir/bench/cfgc_run_measure
examples=/usr/share/doc/libyang2-tools/examples
for f in /usr/share/yang/frr-routing.yang "$examples/ietf-interfaces.yang"; do
  [[ -f $f ]] || { echo "yang_bench: $f is missing (scripts/bootstrap installs frr and libyang2-tools)" >&2; exit 1; }
done
report() { awk -v what="$1" '{ printf "%-44s %6.3f s  %7.1f MB\n", what, $1, $2 / 1024 }'; }

echo "cfgc and YANG, best of $runs runs ($(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) CPUs)"
mapfile -t frr < <(cd /usr/share/yang && grep -L '^submodule' frr-*.yang | sed 's/\.yang$//')
"$measure" --runs="$runs" -- "$cfgc" import yang -p /usr/share/yang "${frr[@]}" -o "$work/frr.cue" |
  report "import yang: ${#frr[@]} FRR modules"
printf '%-44s %6s    %7.0f KB\n' "  (generated CUE)" "" "$(du -k "$work/frr.cue" | cut -f1)"

mkdir -p "$work/m/cue.mod" "$work/m/gen/ifs" "$work/m/fabric" "$work/one"
echo 'module: "example.com/m"' >"$work/m/cue.mod/module.cue"
"$measure" --runs="$runs" -- "$cfgc" import yang -p "$examples" ietf-interfaces ietf-ip iana-if-type \
  --package ifs -o "$work/m/gen/ifs/ifs.cue" -f | report "import yang: ietf-interfaces, ietf-ip"

# The fabric: every device's configuration is the generated #Root.
{
  echo 'package fabric'
  echo 'import "example.com/m/gen/ifs"'
  echo 'devices: [string]: ifs.#Root'
  for ((d = 1; d <= n; d++)); do
    echo "devices: \"leaf$d\": \"ietf-interfaces:interfaces\": interface: {"
    for ((i = 1; i <= 8; i++)); do
      printf '\tswp%d: {type: "iana-if-type:ethernetCsmacd", description: "leaf%d port %d", enabled: %s, "ietf-ip:ipv4": {mtu: %d, address: "10.%d.%d.%d": "prefix-length": 31}}\n' \
        "$i" "$d" "$i" "$([[ $i -eq 8 ]] && echo false || echo true)" $((1500 + i * 100)) $((d / 250)) $((d % 250)) $((i * 2))
    done
    echo '}'
  done
} >"$work/m/fabric/fabric.cue"
printf '%-44s %6s    %7.0f KB\n' "fabric: $n devices, 8 interfaces each" "" "$(du -k "$work/m/fabric/fabric.cue" | cut -f1)"
(cd "$work/m" && "$measure" --runs="$runs" -- "$cfgc" vet ./fabric) | report "vet (CUE schema from YANG)"
(cd "$work/m" && "$measure" --runs="$runs" -- "$cfgc" export ./fabric) | report "export"

# One device through libyang.
cp "$work/m/gen/ifs/ifs.cue" "$work/one/"
{
  echo 'package ifs'
  sed -n '/^devices: "leaf1": /,/^}/p' "$work/m/fabric/fabric.cue" | sed 's/^devices: "leaf1": //'
} >"$work/one/device.cue"
(cd "$work/one" && "$measure" --runs="$runs" -- "$cfgc" vet --yang ietf-interfaces,ietf-ip,iana-if-type -p "$examples" .) |
  report "vet --yang: one device (libyang)"
