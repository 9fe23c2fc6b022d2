# Shared by the integration tests that talk to the device simulator (tests/push/*.sh,
# tests/cmd/*.sh). Sourced after setting `devsim` (its binary) and `work` (a scratch
# directory); installs an EXIT trap that stops the simulator and removes `work`.
#
#   start_sim ARGS...  a fresh simulator on loopback ports (stopping the previous one); sets
#                      ctl (control URL), ca (its CA file, or null) and url_NAME per device;
#                      its ready lines stay in $work/sim.out
#   stop_sim           stops it
#
# The simulator reads stdin from a FIFO this shell holds open (--stdin-eof-exit), runs under a
# timeout, and is killed if it has not stopped 10 s after being asked: it never outlives the
# test. It runs without LeakSanitizer's exit check (the stop-the-world tracer once spun at exit
# with its many threads); its own unit tests are leak-checked.

sim_pid=

# stop_within SECONDS PID: wait for PID to end, killing it (and the processes it started) if it
# has not ended by then.
stop_within() {
  local n=$(($1 * 10)) pid=$2
  while kill -0 "$pid" 2>/dev/null && ((n-- > 0)); do sleep 0.1; done
  kill -9 "$pid" 2>/dev/null
  pkill -9 -P "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null
  return 0
}

stop_sim() {
  if [[ -n "$sim_pid" ]]; then
    exec 3>&- 2>/dev/null || true
    kill "$sim_pid" 2>/dev/null || true
    stop_within 10 "$sim_pid"
    sim_pid=
  fi
}

start_sim() {
  stop_sim
  rm -f "$work/sim.out" "$work/sim.in"
  mkfifo "$work/sim.in"
  ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" timeout -k 5 300 "$devsim" --stdin-eof-exit \
    --cert-dir "$work/certs" "$@" <"$work/sim.in" >"$work/sim.out" 2>"$work/sim.err" &
  sim_pid=$!
  exec 3>"$work/sim.in"
  for _ in $(seq 100); do
    grep -q '"ready"' "$work/sim.out" 2>/dev/null && break
    sleep 0.1
  done
  if ! grep -q '"ready"' "$work/sim.out"; then
    echo "FAIL: the simulator did not start: $(cat "$work/sim.err")"
    exit 1
  fi
  ctl=$(jq -r 'select(.ready) | .control' "$work/sim.out")
  ca=$(jq -r 'select(.ready) | .ca' "$work/sim.out")
  local name url
  while read -r name url; do
    printf -v "url_${name}" '%s' "$url"
  done < <(jq -r 'select(.name) | "\(.name) \(.url)"' "$work/sim.out")
}

sim_cleanup() {
  stop_sim
  rm -rf "$work"
}
trap sim_cleanup EXIT
