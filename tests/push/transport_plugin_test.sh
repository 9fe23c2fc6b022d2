#!/usr/bin/env bash
# The transports are a plugin loaded on first use (deploy/push/transport_api.h). Checks that
# a binary without it still runs every other command, that `cfgc push` then stops with one
# clear message and exit 2 before touching any device, that a file which is not the plugin is
# refused with the reason, and that the commands which need no transport do not load it.
#   transport_plugin_test.sh CFGC PLUGIN
set -euo pipefail
cfgc=$1 plugin=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

mkdir -p "$work/bin" "$work/dc"
cp "$cfgc" "$work/bin/cfgc"
cat >"$work/dc/push.cue" <<'CUE'
package dc
push: leaf1: {transport: "nvue", address: "https://127.0.0.1:9", config: {system: hostname: "leaf1"}}
CUE
export CFGC_PUSH_USERNAME=u CFGC_PUSH_PASSWORD=p

# Other commands work without the plugin.
"$work/bin/cfgc" vet "$work/dc" || fail "vet needs the transport plugin"

# push without it: exit 2, the places tried, nothing pushed.
set +e
out=$("$work/bin/cfgc" push --dry-run "$work/dc" 2>&1)
rc=$?
set -e
[[ $rc -eq 2 ]] || fail "push without the plugin exited $rc, want 2: $out"
grep -q "cannot load the device transports" <<<"$out" || fail "no explanation: $out"
grep -q "$work/bin/libcfgc_transport.so: not found" <<<"$out" || fail "does not say where it looked: $out"
grep -q "nothing pushed" <<<"$out" || fail "does not say nothing was pushed: $out"

# A file that is not the plugin is refused, with the loader's reason.
set +e
out=$(CFGC_TRANSPORT_PLUGIN="$work/dc/push.cue" "$work/bin/cfgc" push --dry-run "$work/dc" 2>&1)
rc=$?
set -e
[[ $rc -eq 2 ]] || fail "a bogus plugin was accepted (exit $rc): $out"
grep -q "$work/dc/push.cue: " <<<"$out" || fail "the bogus plugin is not named: $out"

# With the plugin beside the binary, push runs (the device is unreachable: a device failure,
# exit 1, not a loading error).
cp "$plugin" "$work/bin/"
set +e
out=$("$work/bin/cfgc" push --dry-run --timeout 2s "$work/dc" 2>&1)
rc=$?
set -e
[[ $rc -eq 1 ]] || fail "push with the plugin exited $rc, want 1 (unreachable device): $out"
grep -q "cannot load the device transports" <<<"$out" && fail "plugin beside the binary not found: $out"

# vet does not load it (libcurl is not mapped).
if command -v strace >/dev/null; then
  strace -f -e trace=openat -o "$work/trace" "$work/bin/cfgc" vet "$work/dc" >/dev/null 2>&1 || true
  grep -q libcfgc_transport "$work/trace" && fail "vet loaded the transport plugin"
fi
echo "ok"
