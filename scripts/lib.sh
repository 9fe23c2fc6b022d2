# Shared by scripts/demo, scripts/test, scripts/fuzz and scripts/bench: configure and build one
# build directory. Sourced, not run.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
jobs=${JOBS:-$(nproc 2>/dev/null || echo 2)}

# cfgc_build DIR [cmake args...]: configure (once) and build DIR.
cfgc_build() {
  local dir=$1
  shift
  local gen=()
  if [[ ! -f "$dir/CMakeCache.txt" ]] && command -v ninja >/dev/null; then gen=(-G Ninja); fi
  cmake -S "$root" -B "$dir" "${gen[@]}" "$@" >"$dir.configure.log" 2>&1 || {
    cat "$dir.configure.log" >&2
    return 1
  }
  cmake --build "$dir" -j "$jobs"
}
