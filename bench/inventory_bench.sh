#!/usr/bin/env bash
# Benchmark: `cfgc vet --inventory` on a generated Ansible inventory of HOSTS hosts (default
# 1000) in GROUPS groups (default 20), each group with VARS group_vars (default 50), checked
# against a #HostVars definition; then `cfgc infer --inventory` and vet against the inferred
# schema (which must pass). Prints wall time and peak RSS (bench/run_measure).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${BUILD_DIR:-$root/build}
hosts=${HOSTS:-1000} groups=${GROUPS_N:-20} vars=${VARS:-50}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
inv=$work/inv
mkdir -p "$inv/group_vars" "$inv/host_vars"
{
  for ((g = 0; g < groups; g++)); do
    echo "[group$g]"
    for ((h = g; h < hosts; h += groups)); do printf 'host%05d ansible_host=10.%d.%d.%d\n' "$h" $((h / 65536)) $((h / 256 % 256)) $((h % 256)); done
    echo
  done
  echo "[fabric:children]"
  for ((g = 0; g < groups; g++)); do echo "group$g"; done
} >"$inv/hosts"
for ((g = 0; g < groups; g++)); do
  {
    for ((v = 0; v < vars; v++)); do
      case $((v % 5)) in
        0) echo "var$v: $((v * 10 + g))" ;;
        1) echo "var$v: value-$g-$v" ;;
        2) echo "var$v: true" ;;
        3) echo "var$v: [1, 2, 3]" ;;
        4) echo "var$v: {mtu: 9216, vlan: $((v + 1))}" ;;
      esac
    done
  } >"$inv/group_vars/group$g.yml"
done
{
  echo "#HostVars: {"
  echo "  ansible_host: =~\"^[0-9.]+\$\""
  for ((v = 0; v < vars; v++)); do
    case $((v % 5)) in
      0) echo "  var$v: int & >=0" ;;
      1) echo "  var$v: =~\"^value-\"" ;;
      2) echo "  var$v: bool" ;;
      3) echo "  var$v: [...int]" ;;
      4) echo "  var$v: {mtu: int & <=9216, vlan: int & >=1 & <=4094}" ;;
    esac
  done
  echo "}"
} >"$work/schema.cue"
echo "inventory: $hosts hosts, $groups groups, $vars group vars each ($(du -sh "$inv" | cut -f1))"
"$build/bench/cfgc_run_measure" --runs=3 -- "$build/cmd/cfgc" vet --inventory "$inv" -d '#HostVars' "$work/schema.cue" |
  awk '{printf "cfgc vet --inventory: %.3f s, peak RSS %.1f MB\n", $1, $2 / 1024}'
# cfgc infer on the same inventory, then vet against the inferred schema (the day-one gate).
"$build/bench/cfgc_run_measure" --runs=3 -- "$build/cmd/cfgc" infer --inventory "$inv" -f -o "$work/inferred.cue" |
  awk '{printf "cfgc infer --inventory: %.3f s, peak RSS %.1f MB\n", $1, $2 / 1024}'
"$build/bench/cfgc_run_measure" --runs=3 -- "$build/cmd/cfgc" vet --inventory "$inv" -d '#HostVars' "$work/inferred.cue" |
  awk '{printf "cfgc vet --inventory (inferred schema): %.3f s, peak RSS %.1f MB\n", $1, $2 / 1024}'
if command -v ansible-inventory >/dev/null; then
  start=$(date +%s.%N)
  ansible-inventory -i "$inv" --list >/dev/null 2>&1
  echo "ansible-inventory --list: $(echo "$(date +%s.%N) - $start" | bc) s"
fi
