#!/usr/bin/env bash
# Integration tests of `cfgc push` over gNMI against the device simulator's gNMI targets:
# dry run, push with a confirmed commit, no change, a Set the target aborts, a target that
# dies after the commit (its timer reverts it), explicit rollback under --atomic without the
# commit-confirmed extension, credentials, TLS verification, capabilities. Loopback only; the
# simulator is stopped on exit.
#
#   gnmi_test.sh CFGC CFGC_DEVSIM
set -uo pipefail
cfgc=$1
devsim=$2
work=$(mktemp -d)
failures=0
source "$(dirname "${BASH_SOURCE[0]}")/../lib/devsim.sh"
fail() {
  echo "FAIL [$last]: $*"
  echo "$out" | sed 's/^/    | /'
  failures=$((failures + 1))
}
expect() { grep -qE -- "$1" <<<"$out" || fail "output lacks /$1/"; }

start_sim --gnmi 2 --eapi 1
g1=$(jq -r 'select(.name == "gnmi1") | .url' "$work/sim.out")
g2=$(jq -r 'select(.name == "gnmi2") | .url' "$work/sim.out")
e1=$(jq -r 'select(.name == "eos1") | .url' "$work/sim.out")
device() { curl -s --max-time 5 "$ctl/devices/$1"; }
faults() { curl -s --max-time 5 -X POST "$ctl/devices/$1/faults" -d "$2" >/dev/null; }
mtu_of() { device "$1" | jq -r '[.tree."ietf-interfaces:interfaces".interface[] | select(.name == "eth1") | .mtu][0] // "none"'; }

write() {
  local mtu=$1
  cat >"$work/push.cue" <<CUE
push: gnmi1: {transport: "gnmi", address: "$g1", config: "ietf-interfaces:interfaces": interface: [
	{name: "eth0", type: "iana-if-type:ethernetCsmacd", enabled: true},
	{name: "eth1", type: "iana-if-type:ethernetCsmacd", enabled: true, mtu: $mtu, description: "mtu-$mtu"},
]}
push: gnmi2: {transport: "gnmi", address: "$g2", config: "ietf-interfaces:interfaces": interface: [
	{name: "eth0", type: "iana-if-type:ethernetCsmacd", enabled: true},
	{name: "eth1", type: "iana-if-type:ethernetCsmacd", enabled: false},
]}
CUE
  if [[ -n "${with_eos:-}" ]]; then
    printf 'push: eos1: {transport: "eapi", address: "%s", config: "hostname eos1\\nmanagement api http-commands\\n"}\n' "$e1" >>"$work/push.cue"
  fi
}
run() {
  last=$1
  local want=$2
  shift 2
  out=$(cd "$work" && timeout 120 "$cfgc" push push.cue --ca "$ca" "$@" 2>&1)
  local rc=$?
  [[ $rc == "$want" ]] || fail "exit code $rc, want $want"
}
export CFGC_PUSH_USERNAME=admin CFGC_PUSH_PASSWORD=admin

write 9000
run "dry run" 0 --dry-run
expect "gnmi1: would change"
expect '\+ /ietf-interfaces:interfaces/interface\[name=eth1\]/'
[[ $(mtu_of gnmi1) == none ]] || fail "dry run changed gnmi1"

run "push" 0
expect "gnmi1: changed"
expect "gnmi2: changed"
[[ $(mtu_of gnmi1) == 9000 ]] || fail "gnmi1 does not run the pushed configuration"
[[ $(device gnmi1 | jq -r .pending_commit) == null ]] || fail "gnmi1's commit was not confirmed"

run "again" 0
expect "0 changed, 2 unchanged"

# The target aborts the Set: nothing changes (Set is all-or-nothing).
write 9100
faults gnmi1 '["reject=^mtu-9100$"]'
run "aborted set" 1 --limit gnmi1
expect "gnmi1: failed: gNMI Set: ABORTED"
[[ $(mtu_of gnmi1) == 9000 ]] || fail "an aborted Set changed gnmi1"
faults gnmi1 '[]'

# The target stops answering after the confirmed commit: its timer reverts it.
faults gnmi1 '["die-after-commit"]'
run "dies after commit" 1 --limit gnmi1 --timeout 1s --confirm-timeout 2s
expect "gnmi1: rolled back"
sleep 3
faults gnmi1 '[]'
[[ $(mtu_of gnmi1) == 9000 ]] || fail "gnmi1 not reverted by its commit timer"

# Without the commit-confirmed extension, --atomic sets the previous configuration back.
faults gnmi2 '["no-commit-confirm"]'
faults eos1 '["reject=^hostname"]'
with_eos=1 write 9000
sed -i 's/enabled: false/enabled: true/' "$work/push.cue"
run "atomic without commit-confirmed" 1 --atomic
expect "gnmi2: rolled back: another device of this --atomic push failed \(previous configuration set again\)"
[[ $(device gnmi2 | jq -r '[.tree."ietf-interfaces:interfaces".interface[] | select(.name == "eth1") | .enabled][0]') == false ]] ||
  fail "gnmi2 not set back"
faults gnmi2 '[]'
faults eos1 '[]'

# Credentials, TLS, capabilities.
write 9000
faults gnmi1 '["auth"]'
run "auth" 1 --limit gnmi1
expect "UNAUTHENTICATED"
faults gnmi1 '["no-json-ietf"]'
run "no JSON_IETF" 1 --limit gnmi1
expect "does not support the JSON_IETF encoding"
faults gnmi1 '[]'
sed -i 's/ietf-interfaces:interfaces/example-unknown:interfaces/' "$work/push.cue"
run "unknown model" 1 --limit gnmi1
expect "does not support the model\(s\) the configuration uses: example-unknown"
write 9000
last="TLS without the CA"
out=$(cd "$work" && timeout 60 "$cfgc" push push.cue --limit gnmi1 --timeout 2s 2>&1)
[[ $? == 1 ]] || fail "exit code, want 1"
expect "gnmi1: failed: gNMI Capabilities: UNAVAILABLE"
last="--skip-verify"
out=$(cd "$work" && timeout 60 "$cfgc" push push.cue --limit gnmi1 --skip-verify 2>&1)
[[ $? == 0 ]] || fail "exit code, want 0"
expect "gnmi1: unchanged"

# A configuration typed by `cfgc import yang` (keyed lists as structs): rendered as JSON_IETF
# (lists as arrays) and validated by libyang before it is sent.
yang_dir=/usr/share/doc/libyang2-tools/examples
lab=$work/lab
mkdir -p "$lab/cue.mod"
echo 'module: "lab.example"' >"$lab/cue.mod/module.cue"
"$cfgc" import yang -p "$yang_dir" -o "$lab/ietf/" --package ietf ietf-interfaces ietf-ip iana-if-type >/dev/null 2>&1 ||
  { out=""; last="import yang"; fail "cfgc import yang failed"; }
cat >"$lab/push.cue" <<CUE
package lab

import "lab.example/ietf"

push: gnmi1: {
	transport: "gnmi"
	address:   "$g1"
	config: ietf.#Root & {"ietf-interfaces:interfaces": interface: {
		eth0: {type: "iana-if-type:ethernetCsmacd", enabled: true}
		eth1: {type: "iana-if-type:ethernetCsmacd", enabled: true, description: "typed by YANG", "ietf-ip:ipv4": mtu: 9000}
	}}
	yang: {modules: ["ietf-interfaces", "ietf-ip", "iana-if-type"], paths: ["$yang_dir"]}
}
CUE
last="YANG-typed config"
out=$(cd "$lab" && timeout 60 "$cfgc" push . --ca "$ca" 2>&1)
[[ $? == 0 ]] || fail "exit code, want 0"
expect "gnmi1: changed"
[[ $(device gnmi1 | jq -r '[.tree."ietf-interfaces:interfaces".interface[] | select(.name == "eth1") | .description][0]') == "typed by YANG" ]] ||
  fail "gnmi1 does not run the YANG-typed configuration"
sed -i 's/mtu: 9000/mtu: 99999/' "$lab/push.cue"
last="YANG-typed config, invalid"
out=$(cd "$lab" && timeout 60 "$cfgc" push . --ca "$ca" 2>&1)
[[ $? == 2 ]] || fail "exit code, want 2"
expect "nothing pushed"

if ((failures > 0)); then
  echo "$failures check(s) failed"
  exit 1
fi
echo "gnmi push: all checks passed"
