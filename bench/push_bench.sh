#!/usr/bin/env bash
# Benchmark: `cfgc push` to DEVICES simulated eAPI devices (default 1000; cfgc-devsim, HTTPS)
# with LATENCY ms added to every answer (default 20) and --parallel PARALLEL (default 100).
# Prints, for a push that changes every device and for a second one that finds nothing to
# do, the wall time and peak RSS (bench/run_measure), the API calls made, and the bound the
# issue sets: round trips per device × latency × waves (devices / parallel); the target is
# at most 1.3 times the bound and under 100 MB.
#   NVUE=N adds N NVUE devices (their apply takes the simulator's own 220 ms, outside the bound).
#   KIND=gnmi pushes to gNMI targets instead (Capabilities, Get, Set with a confirmed commit,
#   Get, confirm: 5 round trips for a change, 2 for none).
#   HTTP=1 serves plain HTTP: without TLS handshakes (about 1.3 ms of client CPU per device with
#   OpenSSL 3, on a machine whose cores the simulator shares), the figure shows the engine.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${BUILD_DIR:-$root/build}
devices=${DEVICES:-1000} latency=${LATENCY:-20} parallel=${PARALLEL:-100} nvue=${NVUE:-0}
cfgc=$build/cmd/cfgc devsim=$build/tools/devsim/cfgc-devsim measure=$build/bench/cfgc_run_measure
work=$(mktemp -d)
sim_pid=
cleanup() {
  exec 3>&- 2>/dev/null || true
  [[ -n "$sim_pid" ]] && { kill "$sim_pid" 2>/dev/null; wait "$sim_pid" 2>/dev/null; } || true
  rm -rf "$work"
}
trap cleanup EXIT
ulimit -n 65536 2>/dev/null || ulimit -n 8192 2>/dev/null || true

mkfifo "$work/in"
kind=${KIND:-eapi}
args=(--"$kind" "$devices" --latency "$latency" --cert-dir "$work/certs" --stdin-eof-exit)
[[ ${HTTP:-0} == 1 ]] && args+=(--http)
((nvue > 0)) && args+=(--nvue "$nvue")
"$devsim" "${args[@]}" <"$work/in" >"$work/sim.out" 2>"$work/sim.err" &
sim_pid=$!
exec 3>"$work/in"
for _ in $(seq 600); do grep -q '"ready"' "$work/sim.out" && break; sleep 0.1; done
grep -q '"ready"' "$work/sim.out" || { echo "simulator did not start: $(tail -3 "$work/sim.err")" >&2; exit 1; }

{
  echo 'push: {'
  jq -r 'select(.name) | if .kind == "gnmi" then
      "\t\(.name): {transport: \"gnmi\", address: \"\(.url)\", config: \"ietf-interfaces:interfaces\": interface: [{name: \"eth0\", type: \"iana-if-type:ethernetCsmacd\", enabled: true}, {name: \"eth1\", type: \"iana-if-type:ethernetCsmacd\", enabled: true, description: \"\(.name)\"}]}"
    elif .kind == "eapi" then
      "\t\(.name): {transport: \"eapi\", address: \"\(.url)\", config: \"hostname \(.name)\\ninterface Ethernet1\\n   description uplink\\nmanagement api http-commands\\n   no shutdown\\n\"}"
    else
      "\t\(.name): {transport: \"nvue\", address: \"\(.url)\", config: {system: hostname: \"\(.name)\"}}"
    end' "$work/sim.out"
  echo '}'
} >"$work/push.cue"
export CFGC_PUSH_USERNAME=admin CFGC_PUSH_PASSWORD=admin
ca_args=()
[[ ${HTTP:-0} == 1 ]] || ca_args=(--ca "$work/certs/cert.pem")
[[ ${HTTP:-0} == 1 && $kind == gnmi ]] && ca_args=(--insecure)
total=$((devices + nvue))
waves=$(((total + parallel - 1) / parallel))
run() {
  local what=$1 trips=$2
  if ! "$measure" --out="$work/out.txt" -- "$cfgc" push "$work/push.cue" ${ca_args[@]+"${ca_args[@]}"} \
    --parallel "$parallel" --report "$work/report.json" 2>"$work/err.txt" >"$work/measure.txt"; then
    echo "push failed:"
    grep -v '^\[' "$work/err.txt" | tail -5
    exit 1
  fi
  read -r secs kib <"$work/measure.txt"
  local requests bound
  requests=$(jq '[.devices[].requests] | add' "$work/report.json")
  bound=$(awk -v t="$trips" -v l="$latency" -v w="$waves" 'BEGIN { printf "%.2f", t * l * w / 1000 }')
  printf '%-28s %6.2f s (bound %s s: %d round trips x %d ms x %d waves; ratio %.2f), peak RSS %.1f MB, %d API calls\n' \
    "$what" "$secs" "$bound" "$trips" "$latency" "$waves" "$(awk -v s="$secs" -v b="$bound" 'BEGIN { print s / b }')" \
    "$(awk -v k="$kib" 'BEGIN { print k / 1024 }')" "$requests"
  jq -e '.summary.failed + .summary.rolled_back == 0' "$work/report.json" >/dev/null ||
    { echo "push failed:"; tail -5 "$work/err.txt"; exit 1; }
}
echo "push: $devices $kind + $nvue NVUE devices, latency ${latency} ms, --parallel $parallel, $([[ ${HTTP:-0} == 1 ]] && echo HTTP || echo HTTPS)"
# eAPI, a change: prepare+diff, commit timer, show version, confirm, save = 5 round trips.
run "push (every device changes)" 5
# No change: prepare+diff, abort = 2 round trips.
run "push again (no change)" 2
