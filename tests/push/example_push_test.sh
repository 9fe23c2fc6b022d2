#!/usr/bin/env bash
# The flagship example pushed as scripts/demo pushes it: leaf2 over NVUE, border1 over eAPI and
# oob1 over gNMI (its interfaces typed by the package the build generated from the IETF YANG
# modules), to the device simulator on loopback: dry run, push, then "unchanged". Checks what
# oob1 runs afterwards (its Get tree). The simulator is stopped on exit.
#
#   example_push_test.sh CFGC CFGC_DEVSIM SOURCE_DIR
set -uo pipefail
cfgc=$1
devsim=$2
example=$3/examples/gitops-dc1
work=$(mktemp -d)
failures=0
source "$(dirname "${BASH_SOURCE[0]}")/../lib/devsim.sh"
fail() {
  echo "FAIL [$last]: $*"
  echo "$out" | sed 's/^/    | /'
  failures=$((failures + 1))
}
expect() { grep -qE -- "$1" <<<"$out" || fail "output lacks /$1/"; }

[[ -f $example/cue.mod/gen/yang.cfgc.dev/ietf/ietf.cue ]] ||
  { echo "FAIL: the build did not generate the example's IETF package (libyang2-tools missing?)"; exit 1; }
export DEVSIM_PASSWORD=test-secret CFGC_PUSH_USERNAME=admin CFGC_PUSH_PASSWORD=test-secret
start_sim --device leaf2=nvue --device border1=eapi --device oob1=gnmi --password-env DEVSIM_PASSWORD
targets=(--target "leaf2=$url_leaf2" --target "border1=$url_border1" --target "oob1=$url_oob1")
run() {
  last=$1
  local want=$2
  shift 2
  out=$(timeout 120 "$cfgc" push "$example" "${targets[@]}" --ca "$ca" "$@" 2>&1)
  local rc=$?
  [[ $rc == "$want" ]] || fail "exit code $rc, want $want"
}

run "dry run" 0 --dry-run
expect "oob1: would change"
expect '\+ /ietf-interfaces:interfaces/interface\[name=eth4\]/description: "spine:eth0"'
[[ $out != *test-secret* ]] || fail "the password was printed"

run "push" 0
expect "3 device\(s\) in .*: 3 changed, 0 unchanged, 0 failed"
tree=$(curl -s --max-time 5 "$ctl/devices/oob1")
[[ $(jq -r '[.tree."ietf-interfaces:interfaces".interface[] | select(.name == "eth1") | .description][0]' <<<"$tree") == "border1:Management1" ]] ||
  { out=$tree; fail "oob1 does not run eth1 as border1's management port"; }
[[ $(jq -r '[.tree."ietf-interfaces:interfaces".interface[] | select(.name == "eth0") | ."ietf-ip:ipv4".address[0].ip][0]' <<<"$tree") == "192.168.200.2" ]] ||
  { out=$tree; fail "oob1's eth0 lacks its management address"; }

run "push again" 0
expect "0 changed, 3 unchanged"

if ((failures > 0)); then
  echo "$failures check(s) failed"
  exit 1
fi
echo "example push: all checks passed"
