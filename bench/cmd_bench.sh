#!/usr/bin/env bash
# Benchmark: `cfgc cmd` with TASKS independent tool/http tasks (default 1000) against one
# local server (a simulated eAPI device, cfgc-devsim, plain HTTP) answering after LATENCY ms
# (default 20), --parallel PARALLEL (default 100). SERVERS=N spreads the tasks over N devices
# instead (SERVERS=$TASKS: a device, hence a new connection, per task). Prints the wall time,
# peak RSS and the bound: one round trip x latency x waves (tasks / parallel); the target is
# at most 1.3 times the bound. SIM_CPUS / CFGC_CPUS pin the simulator and cfgc to CPUs
# (taskset lists, e.g. SIM_CPUS=0 CFGC_CPUS=1) so that they do not compete for one core.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${BUILD_DIR:-$root/build}
tasks=${TASKS:-1000} latency=${LATENCY:-20} parallel=${PARALLEL:-100} servers=${SERVERS:-1}
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
${SIM_CPUS:+taskset -c "$SIM_CPUS"} "$devsim" --http --eapi "$servers" --threads "$((parallel / servers + 2))" --latency "$latency" --stdin-eof-exit <"$work/in" >"$work/sim.out" 2>"$work/sim.err" &
sim_pid=$!
exec 3>"$work/in"
for _ in $(seq 600); do grep -q '"ready"' "$work/sim.out" && break; sleep 0.1; done
mkdir "$work/b"
{
  echo 'package b'
  echo 'import "list"'
  echo 'servers: ['
  jq -r 'select(.name) | "\t\"\(.url)\","' "$work/sim.out"
  echo ']'
  echo "devices: [for i in list.Range(0, $tasks, 1) {name: \"t\\(i)\", url: servers[i mod len(servers)]}]"
} >"$work/b/devices.cue"
cat >"$work/b/b_tool.cue" <<'CUE'
package b

import (
	"encoding/json"
	"tool/http"
)

command: version: {
	for d in devices {
		(d.name): http.Post & {
			url: d.url + "/command-api"
			request: header: {Authorization: "Basic YWRtaW46YWRtaW4=", "Content-Type": "application/json"}
			request: body: json.Marshal({jsonrpc: "2.0", method: "runCmds", id: 1, params: {version: 1, format: "json", cmds: ["show version"]}})
		}
	}
}
CUE
sim_cpu() { awk '{print $14 + $15}' "/proc/$sim_pid/stat"; }  # clock ticks
ticks=$(getconf CLK_TCK)
sim0=$(sim_cpu)
read -r secs kib cpu < <(cd "$work/b" && ${CFGC_CPUS:+taskset -c "$CFGC_CPUS"} "$measure" --cpu -- "$cfgc" cmd version --parallel "$parallel")
sim1=$(sim_cpu)
waves=$(((tasks + parallel - 1) / parallel))
bound=$(awk -v l="$latency" -v w="$waves" 'BEGIN { printf "%.2f", l * w / 1000 }')
printf 'cmd: %d http tasks on %d server(s), latency %d ms, --parallel %d: %.2f s (bound %s s, ratio %.2f), peak RSS %.1f MB\n' \
  "$tasks" "$servers" "$latency" "$parallel" "$secs" "$bound" "$(awk -v s="$secs" -v b="$bound" 'BEGIN { print s / b }')" \
  "$(awk -v k="$kib" 'BEGIN { print k / 1024 }')"
# Both processes share this machine's cores: the wall time cannot drop below their CPU time
# divided by the cores, whatever the latency bound says.
printf 'CPU: cfgc %.2f s, simulator %.2f s, on %d cores: floor %.2f s\n' "$cpu" \
  "$(awk -v t=$((sim1 - sim0)) -v h="$ticks" 'BEGIN { print t / h }')" "$(nproc)" \
  "$(awk -v c="$cpu" -v t=$((sim1 - sim0)) -v h="$ticks" -v n="$(nproc)" 'BEGIN { print (c + t / h) / n }')"
