#!/usr/bin/env bash
# Benchmark: the flagship example (examples/gitops-dc1) scaled to LEAVES leaves (default 1000)
# and SPINES spines (default 4): every leaf is a Cumulus host (frr.conf + interfaces from the
# templates), every spine a SONiC host (config_db.json), one link from each leaf to each spine.
# Measures `cfgc vet` and `cfgc export --outdir` (all files written) with bench/run_measure:
# wall time and peak RSS. The scaled copy widens the example's ranges (ids, loopback pool,
# AS numbers) so that thousands of hosts fit; everything else is the example as shipped.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${BUILD_DIR:-$root/build}
leaves=${LEAVES:-1000} spines=${SPINES:-4}
work=$(mktemp -d)
trap '[[ ${KEEP:-0} == 1 ]] && echo "kept $work" || rm -rf "$work"' EXIT
dc=$work/dc
cp -R "$root/examples/gitops-dc1" "$dc"
rm -f "$dc"/cumulus/leaf*.yaml "$dc"/nvue/*.yaml "$dc"/eos/*.yaml "$dc"/sonic/spine.yaml
rm -rf "$dc/oob"
rmdir "$dc/nvue" "$dc/eos"
# Wider ranges: 4-byte private AS numbers, ids up to 65534 in a /16 loopback pool.
sed -i 's/#PrivateASN: int & >=64512 & <=65534/#PrivateASN: int \& >=4200000000 \& <=4294967294/;
        s/id: *int & >=1 & <=254/id: int \& >=1 \& <=65534/' "$dc/schema.cue"
sed -i 's|loopback_pools: \["192.0.2.0/24"\]|loopback_pools: ["10.0.0.0/16"]|;
        s/asn: {spine: 65100, leaf_base: 65100}/asn: {spine: 4200000000, leaf_base: 4200000000}/' "$dc/fabric.cue"
for ((s = 1; s <= spines; s++)); do
  printf 'id: %d\nrole: spine\nhwsku: Force10-S6000\nmac: "52:54:00:7c:ad:%02x"\n' $((60000 + s)) "$s" >"$dc/sonic/spine$s.yaml"
done
for ((l = 1; l <= leaves; l++)); do printf 'id: %d\nrole: leaf\n' "$l" >"$dc/cumulus/leaf$l.yaml"; done
{
  echo "package dc1"
  echo "fabric: links: ["
  for ((l = 1; l <= leaves; l++)); do
    for ((s = 1; s <= spines; s++)); do printf '\t"leaf%d:swp%d -- spine%d:Ethernet%d",\n' "$l" "$s" "$s" $(((l - 1) * 4)); done
  done
  echo "]"
} >"$dc/links.cue"
# The example's own three links name hosts that are gone.
python3 - "$dc/fabric.cue" <<'PY'
import re, sys
p = sys.argv[1]
s = open(p).read()
s = re.sub(r"\tlinks: \[.*?\n\t\]\n", "", s, flags=re.S)
open(p, "w").write(s)
PY
echo "fabric: $leaves leaves, $spines spines, $((leaves * spines)) links; $(find "$dc" -name '*.yaml' | wc -l) YAML files"
"$build/bench/cfgc_run_measure" --runs=3 -- "$build/cmd/cfgc" vet "$dc" |
  awk '{printf "cfgc vet:              %.3f s, peak RSS %.1f MB\n", $1, $2 / 1024}'
"$build/bench/cfgc_run_measure" --runs=3 -- sh -c "\"$build/cmd/cfgc\" export \"$dc\" --outdir \"$work/out\" --prune >/dev/null" |
  awk '{printf "cfgc export --outdir:  %.3f s, peak RSS %.1f MB\n", $1, $2 / 1024}'
echo "output: $(find "$work/out" -type f | wc -l) files, $(du -sh "$work/out" | cut -f1)"
