#!/usr/bin/env bash
# `cfgc cmd` with tool/http tasks against the device simulator, written as the seed
# (../shared/seeds/cue-3-advanced-workflows.md) writes them: NVUE's revision, patch and apply
# ordered by references and $after, and eAPI through the eapi_wrapper "function" pattern.
# Devices listen on 127.0.0.1 only; the simulator is stopped on exit.
#
#   cmd_http_test.sh CFGC CFGC_DEVSIM
set -uo pipefail
cfgc=$1
devsim=$2
work=$(mktemp -d)
failures=0
source "$(dirname "${BASH_SOURCE[0]}")/../lib/devsim.sh"
fail() {
  echo "FAIL: $*"
  echo "$out" | sed 's/^/    | /'
  failures=$((failures + 1))
}

start_sim --http --nvue 2 --eapi 2

mkdir "$work/lab"
{
  echo 'package lab'
  echo 'inventory: #devices: ['
  jq -r 'select(.name) | "\t{name: \"\(.name)\", kind: \"\(.kind)\", url: \"\(.url)\"},"' "$work/sim.out"
  echo ']'
  echo 'auth: {user: *"admin" | string @tag(user), password: *"admin" | string @tag(pwd)}'
  echo 'config: {for d in inventory.#devices if d.kind == "eapi" {(d.name): "hostname \(d.name)-cue\ninterface Ethernet1\n   description from cue"}}'
} >"$work/lab/inventory.cue"
cat >"$work/lab/main_tool.cue" <<'CUE'
package lab

import (
	"encoding/base64"
	"encoding/json"
	"strings"
	"tool/cli"
	"tool/http"
)

_basic: "Basic " + base64.Encode(null, auth.user+":"+auth.password)

eapi_wrapper: {
	input: [...string]
	output: ["enable", "configure"] + input + ["write memory"]
}

command: push: {
	for _, dev in inventory.#devices if dev.kind == "nvue" {
		(dev.name): {
			createRevision: http.Post & {
				url: dev.url + "/nvue_v1/revision"
				request: header: Authorization: _basic
				request: body: "{}"
			}
			_rev:      [for k, _ in json.Unmarshal(createRevision.response.body) {k}][0]
			escapedID: strings.Replace(_rev, "/", "%2F", -1)
			patchRevision: http.Do & {
				method: "PATCH"
				url:    dev.url + "/nvue_v1/?rev=\(escapedID)"
				request: header: {Authorization: _basic, "Content-Type": "application/json"}
				request: body: json.Marshal({system: hostname: dev.name + "-cue"})
			}
			applyRevision: http.Do & {
				$after: patchRevision
				method: "PATCH"
				url:    dev.url + "/nvue_v1/revision/\(escapedID)"
				request: header: {Authorization: _basic, "Content-Type": "application/json"}
				request: body: json.Marshal({state: "apply", "auto-prompt": ays: "ays_yes"})
			}
			report: cli.Print & {text: "\(dev.name): apply \(applyRevision.response.statusCode)"}
		}
	}
	for _, dev in inventory.#devices if dev.kind == "eapi" {
		(dev.name): {
			split_commands: strings.Split(config[dev.name], "\n")
			wrapped_commands: eapi_wrapper & {input: split_commands}
			call: http.Post & {
				url: dev.url + "/command-api"
				request: header: {Authorization: _basic, "Content-Type": "application/json"}
				request: body: json.Marshal({jsonrpc: "2.0", method: "runCmds", id: 1, params: {version: 1, format: "json", cmds: wrapped_commands.output}})
			}
			_reply: json.Unmarshal(call.response.body)
			report: cli.Print & {text: "\(dev.name): \(call.response.statusCode) \(len(_reply.result)) results"}
		}
	}
}
CUE

out=$(cd "$work/lab" && timeout 60 "$cfgc" cmd push 2>&1)
rc=$?
[[ $rc == 0 ]] || fail "cfgc cmd push: exit $rc"
for d in cl1 cl2; do
  grep -q "^$d: apply 200" <<<"$out" || fail "no apply report for $d"
  sleep 0.5
  [[ $(curl -s "$ctl/devices/$d" | jq -r '.applied.system.hostname') == "$d-cue" ]] || fail "$d not configured"
done
for d in eos1 eos2; do
  grep -q "^$d: 200 6 results" <<<"$out" || fail "no eAPI report for $d"
  curl -s "$ctl/devices/$d" | jq -r .running_config | grep -q "hostname $d-cue" || fail "$d not configured"
  curl -s "$ctl/devices/$d" | jq -r .startup_config | grep -q "hostname $d-cue" || fail "$d not saved"
done

# Wrong credentials from a tag: an HTTP answer is a result (statusCode 401, as in cue), and
# the password never appears in the output.
out=$(cd "$work/lab" && timeout 60 "$cfgc" cmd push -t pwd=Wr0ngPassw0rd 2>&1)
grep -q "Wr0ngPassw0rd" <<<"$out" && fail "the tag value was printed"
grep -q "^cl1: apply 401" <<<"$out" || fail "the refused apply was not reported"

# A device that does not answer: the task fails after --timeout, its dependents do not run.
curl -s -X POST "$ctl/devices/cl1/faults" -d '["hang"]' >/dev/null
start=$SECONDS
out=$(cd "$work/lab" && timeout 60 "$cfgc" cmd push --timeout 1s 2>&1)
rc=$?
[[ $rc == 1 ]] || fail "hang: exit $rc, want 1"
grep -q "command.push.cl1.createRevision: tool/http.Do failed: POST .* no answer in time" <<<"$out" || fail "hang not reported"
grep -q "command.push.cl1.patchRevision: not run: command.push.cl1.createRevision failed" <<<"$out" || fail "dependent of a failed task ran or was not reported"
grep -q "^cl2: apply 200" <<<"$out" || fail "an independent device did not finish"
((SECONDS - start < 20)) || fail "a hanging device held the command for $((SECONDS - start)) s"
curl -s -X POST "$ctl/devices/cl1/faults" -d '[]' >/dev/null

# More tasks than --parallel: the HTTP loop starts the next ready task itself as each request
# ends. Dependencies still hold (one at a time), every result arrives, and a task that fails
# in the middle of the fan-out is reported while the others finish.
out=$(cd "$work/lab" && timeout 60 "$cfgc" cmd push --parallel 1 2>&1)
rc=$?
[[ $rc == 0 ]] || fail "push --parallel 1: exit $rc"
[[ $(grep -c ": apply 200$\|: 200 6 results$" <<<"$out") == 4 ]] || fail "push --parallel 1: not every device reported"
closed=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
cat >"$work/lab/fanout_tool.cue" <<CUE
package lab

import (
	"list"
	"tool/cli"
	"tool/http"
)

_eos: [for d in inventory.#devices if d.kind == "eapi" {d.url}]
command: fanout: {
	calls: {
		for i in list.Range(0, 120, 1) {
			"c\(i)": http.Post & {
				url: [if i == 57 {"http://127.0.0.1:$closed"}, _eos[i mod len(_eos)]][0] + "/command-api"
				request: header: {Authorization: _basic, "Content-Type": "application/json"}
				request: body: "{\"jsonrpc\": \"2.0\", \"method\": \"runCmds\", \"id\": \(i), \"params\": {\"version\": 1, \"cmds\": [\"show version\"]}}"
			}
		}
	}
	summary: cli.Print & {
		text: "ok: \(len([for k, c in calls if k != "c57" && c.response.statusCode == 200 {k}]))"
	}
	last: cli.Print & {text: "c119: \(calls.c119.response.statusCode)"}
}
CUE
out=$(cd "$work/lab" && timeout 60 "$cfgc" cmd fanout --parallel 7 2>&1)
rc=$?
[[ $rc == 1 ]] || fail "fanout with a refused call: exit $rc, want 1"
grep -q "^command.fanout.calls.c57: tool/http.Do failed: POST http://127.0.0.1:$closed/command-api" <<<"$out" || fail "fanout: the refused call was not reported"
grep -q "^command.fanout.summary: not run" <<<"$out" || fail "fanout: the summary ran without c57"
grep -q "^c119: 200$" <<<"$out" || fail "fanout: a task after the failed one did not finish"
[[ $(grep -c "tool/http.Do failed" <<<"$out") == 1 ]] || fail "fanout: other calls failed"
sed -i 's/if i == 57 /if i == -1 /' "$work/lab/fanout_tool.cue"
out=$(cd "$work/lab" && timeout 60 "$cfgc" cmd fanout --parallel 7 2>&1)
rc=$?
[[ $rc == 0 ]] || fail "fanout: exit $rc"
grep -q "^ok: 119$" <<<"$out" || fail "fanout: not every call answered 200"
rm "$work/lab/fanout_tool.cue"

if ((failures > 0)); then
  echo "$failures check(s) failed"
  exit 1
fi
echo "cmd http: all checks passed"
