#!/usr/bin/env bash
# Integration tests of `cfgc push` against the device simulator: dry run, push, idempotency,
# and every injected fault giving the right per-device result, rollback and exit code, with
# nothing half-applied and no secret in any output. Devices listen on 127.0.0.1 only, on
# ports the OS chooses; every simulator started here is stopped on exit (and cannot outlive
# the test: --stdin-eof-exit plus a timeout).
#
#   push_test.sh CFGC CFGC_DEVSIM
set -uo pipefail
cfgc=$1
devsim=$2
work=$(mktemp -d)
failures=0
source "$(dirname "${BASH_SOURCE[0]}")/../lib/devsim.sh"

device() { curl -s --max-time 5 "$ctl/devices/$1"; }
set_faults() { curl -s --max-time 5 -X POST "$ctl/devices/$1/faults" -d "$2" >/dev/null; }

# write_instance MTU HOSTNAME: the instance pushed to eos1, cl1 (and eos2 when $with_eos2).
write_instance() {
  local mtu=$1 host=$2
  {
    echo 'import "cfgc.dev/schemas/deploy"'
    echo 'push: [string]: deploy.#Device'
    echo "push: eos1: {transport: \"eapi\", address: \"$url_eos1\", config: \"\"\""
    printf '\thostname %s\n\tinterface Ethernet1\n\t   description uplink\n\t   mtu %s\n\trouter bgp 65001\n\t   router-id 10.0.0.1\n\t\"\"\"}\n' "$host" "$mtu"
    echo "push: cl1: {transport: \"nvue\", address: \"$url_cl1\", config: {system: hostname: \"$host\", interface: swp1: link: mtu: $mtu}}"
    if [[ -n "${with_eos2:-}" ]]; then
      echo "push: eos2: {transport: \"eapi\", address: \"$url_eos2\", config: \"hostname eos2\\n\"}"
    fi
  } >"$work/push.cue"
}

# run NAME WANT_EXIT ARGS...: cfgc push with the instance; output in $out.
run() {
  local name=$1 want=$2
  shift 2
  out=$(cd "$work" && timeout 120 "$cfgc" push push.cue --ca "$ca" "$@" 2>&1)
  local rc=$?
  last=$name
  if [[ $rc -ne $want ]]; then
    fail "exit code $rc, want $want"
  fi
}

fail() {
  echo "FAIL [$last]: $*"
  echo "$out" | sed 's/^/    | /'
  failures=$((failures + 1))
}
expect() { grep -qE -- "$1" <<<"$out" || fail "output lacks /$1/"; }
expect_not() { ! grep -qE -- "$1" <<<"$out" || fail "output has /$1/"; }

export CFGC_PUSH_USERNAME=admin
export CFGC_PUSH_PASSWORD='s3cr3t-Pa55'
export DEVSIM_PASSWORD="$CFGC_PUSH_PASSWORD"

start_sim --eapi 2 --nvue 1 --password-env DEVSIM_PASSWORD
write_instance 9214 fabric1

run "dry run" 0 --dry-run --report report.json
expect "eos1: would change"
expect "cl1: would change"
expect "\+interface Ethernet1"
expect "\\+ interface\\.swp1\\.link\\.mtu: 9214"
expect "warning: push.eos1.config: replace mode without .management api http-commands."
device eos1 | jq -r .running_config | grep -q "description uplink" && fail "dry run changed eos1"
[[ $(device eos1 | jq '.sessions | length') == 0 ]] || fail "dry run left a session on eos1"

run "push" 0 --report report.json
expect "eos1: changed"
expect "cl1: changed"
expect "2 changed, 0 unchanged, 0 failed"
device eos1 | jq -r .running_config | grep -q "   mtu 9214" || fail "eos1 does not run the pushed config"
[[ $(device cl1 | jq '.applied.interface.swp1.link.mtu') == 9214 ]] || fail "cl1 does not run the pushed config"
[[ $(device eos1 | jq -r '.pending_commit') == null ]] || fail "eos1 commit not confirmed"
device eos1 | jq -r .startup_config | grep -q "   mtu 9214" || fail "eos1 config not saved to startup"
[[ $(jq -r '.devices[] | select(.name == "eos1") | .result' "$work/report.json") == changed ]] || fail "report: eos1 not changed"

run "again: no change" 0
expect "0 changed, 2 unchanged"

run "list" 0 --list
expect "^cl1	nvue	$url_cl1	replace"

# A rejected line: the device fails with the line and its message; nothing changes.
write_instance 9000 fabric1
set_faults eos1 '["reject=^mtu"]'
run "eAPI rejected line" 1 --limit eos1
expect "eos1: failed: the device rejected configuration line 'mtu 9000'"
device eos1 | jq -r .running_config | grep -q "   mtu 9214" || fail "eos1 half-applied"
[[ $(device eos1 | jq '.sessions | length') == 0 ]] || fail "eos1 session left behind"

# --atomic: eos1 rejects its change, so cl1 (changed and verified) rolls back too.
run "atomic" 1 --atomic
expect "eos1: failed"
expect "cl1: rolled back: another device of this --atomic push failed"
[[ $(device cl1 | jq '.applied.interface.swp1.link.mtu') == 9214 ]] || fail "cl1 not rolled back under --atomic"
set_faults eos1 '[]'

# NVUE: a configuration the device finds invalid (MTU out of range); its message is reported,
# nothing changes.
write_instance 99000 fabric1
run "NVUE invalid" 1 --limit cl1
expect "cl1: (rolled back|failed): revision .* ended in state \"invalid\""
expect "99000"
[[ $(device cl1 | jq '.applied.interface.swp1.link.mtu') == 9214 ]] || fail "cl1 changed by an invalid revision"
write_instance 9100 fabric1
set_faults cl1 '["apply-fail"]'
run "NVUE apply fails" 1 --limit cl1
expect "cl1: (rolled back|failed): revision .* ended in state \"apply_fail\""
[[ $(device cl1 | jq '.applied.interface.swp1.link.mtu') == 9214 ]] || fail "cl1 half-applied after apply_fail"
set_faults cl1 '[]'

# eAPI: the device stops answering after the commit: the commit timer rolls it back.
set_faults eos1 '["die-after-commit"]'
run "eAPI dies after commit" 1 --limit eos1 --timeout 1s --confirm-timeout 2s
expect "eos1: rolled back: the device stopped answering after the commit"
sleep 3
set_faults eos1 '[]'
device eos1 | jq -r .running_config | grep -q "   mtu 9214" || fail "eos1 not rolled back by its commit timer"

# Credentials refused, a device that hangs, a device that refuses connections.
set_faults eos1 '["auth"]'
run "auth" 1 --limit eos1
expect "authentication failed \(HTTP 401\)"
set_faults eos1 '["hang"]'
start=$SECONDS
run "hang" 1 --limit eos1 --timeout 1s
expect "eos1: failed: eAPI: no answer in time"
((SECONDS - start < 20)) || fail "a hanging device held the push for $((SECONDS - start)) s"
set_faults eos1 '["http500"]'
run "HTTP 500" 1 --limit eos1
expect "HTTP 500"
set_faults eos1 '[]'

# --max-fail: once one device failed, the ones not started are skipped.
with_eos2=1 write_instance 9000 fabric2
set_faults cl1 '["auth"]'
run "max-fail" 1 --parallel 1 --max-fail 1
expect "1 skipped|2 skipped"
set_faults cl1 '[]'

# Rolling batches of one: every device in turn, all done.
set_faults cl1 '[]'
with_eos2=1 write_instance 9214 fabric2
run "batch" 0 --batch 1 --parallel 5
expect "3 changed"

# TLS: the simulator's certificate is not trusted without --ca; --skip-verify is explicit.
out=$(cd "$work" && timeout 60 "$cfgc" push push.cue --limit eos1 2>&1); rc=$?; last="TLS without the CA"
[[ $rc == 1 ]] || fail "exit $rc, want 1"
expect "eos1: failed: eAPI: .*(certificate|SSL)"
out=$(cd "$work" && timeout 60 "$cfgc" push push.cue --limit eos1 --skip-verify 2>&1); rc=$?; last="--skip-verify"
[[ $rc == 0 ]] || fail "exit $rc, want 0"
expect "eos1: unchanged"

# Secrets: the password is never printed nor reported, even in errors.
run "report" 1 --limit cl1 --target "cl1=https://127.0.0.1:1" --report report.json
for f in "$work/report.json"; do
  grep -q "$CFGC_PUSH_PASSWORD" "$f" && fail "the password is in $f"
done
(cd "$work" && "$cfgc" push push.cue --ca "$ca" -t x=1 -v 2>&1) | grep -q "$CFGC_PUSH_PASSWORD" && fail "the password was printed"

# Usage and input errors: nothing pushed, exit 2.
run "no credentials" 2 --limit eos1 --credentials /nonexistent
expect "cannot read the credentials file"
echo 'push: eos1: {transport: "eapi", address: "h", config: 1 & 2}' >"$work/bad.cue"
out=$(cd "$work" && "$cfgc" push bad.cue 2>&1); rc=$?; last="instance with errors"
[[ $rc == 2 ]] || fail "exit $rc, want 2"
expect "nothing pushed"
run "bad target" 2 --target eos1
expect "--target wants NAME=URL"

# Plain HTTP (a lab) when the URL says so.
start_sim --eapi 1 --nvue 1 --http --password-env DEVSIM_PASSWORD
write_instance 9214 lab
run "http" 0
expect "2 changed"

if ((failures > 0)); then
  echo "$failures check(s) failed"
  exit 1
fi
echo "push integration: all checks passed"
