#!/usr/bin/env bash
# Runs the data pipeline example end to end: builds quickstep if needed, starts `quickstep serve --config` and the
# example's HTTP API on free loopback ports, creates the Glue job, the EventBridge connection and the state machine
# through their AWS APIs, runs one synchronous execution, prints its output (JSON) and cleans everything up.
# usage: ./examples/data-pipeline/run.sh [INPUT_FILE]   (QUICKSTEP_DLL=path/quickstep.dll skips the build)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
input="${1:-$here/input.json}"
dll="$root/src/Quickstep.Cli/bin/Release/net10.0/quickstep.dll"
stamp="$root/src/Quickstep.Cli/bin/Release/net10.0/.data-pipeline-built"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
# Build when there is no build yet or a source file changed since this script last built (an up-to-date build is a no-op).
if [ -n "${QUICKSTEP_DLL:-}" ]; then
  dll="$QUICKSTEP_DLL" # a quickstep.dll built elsewhere (the example's test passes its own)
elif [ ! -f "$dll" ] || [ -n "$(find "$root/src" \( -name '*.cs' -o -name '*.csproj' -o -name '*.mjs' -o -name '*.py' \) -newer "${stamp:-$dll}" -print -quit 2>/dev/null || echo changed)" ]; then
  echo "building quickstep…" >&2
  dotnet build "$root/src/Quickstep.Cli" -c Release -v quiet -nologo >&2
  touch "$stamp"
fi

work="$(mktemp -d)"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

port="$(free_port)"; api_port="$(free_port)"
endpoint="http://127.0.0.1:$port"
dotnet "$dll" serve --config "$here/quickstep.json" --port "$port" --db "$work/quickstep.db" >"$work/server.log" 2>&1 &
pids+=($!)
python3 "$here/api.py" "$api_port" &
pids+=($!)
for _ in $(seq 1 300); do
  curl -sf "$endpoint/health/ready" >/dev/null 2>&1 && break
  sleep 0.1
done
curl -sf "$endpoint/health/ready" >/dev/null || { echo "the server did not start:" >&2; cat "$work/server.log" >&2; exit 1; }

# One AWS JSON call: call TARGET BODY (no credentials are configured, so requests need no signature).
call() {
  local version="1.1"; [ "${1%%.*}" = "AWSStepFunctions" ] && version="1.0"
  curl -sS --fail-with-body -X POST "$endpoint/" -H "Content-Type: application/x-amz-json-$version" -H "X-Amz-Target: $1" --data-binary "$2"
}
json_get() { python3 -c 'import json,sys; print(json.load(sys.stdin)[sys.argv[1]])' "$1"; }

call AWSGlue.CreateJob '{"Name": "transform-orders", "Role": "arn:aws:iam::123456789012:role/glue",
  "Command": {"Name": "pythonshell", "ScriptLocation": "transform.py", "PythonVersion": "3.9"}, "Timeout": 5}' >/dev/null
connection_arn="$(call AWSEvents.CreateConnection '{"Name": "scoring-api", "AuthorizationType": "API_KEY",
  "AuthParameters": {"ApiKeyAuthParameters": {"ApiKeyName": "x-api-key", "ApiKeyValue": "example-key"}}}' | json_get ConnectionArn)"
definition="$(python3 -c 'import json,sys; print(json.dumps(open(sys.argv[1]).read()))' "$here/data-pipeline.asl.json")"
machine_arn="$(call AWSStepFunctions.CreateStateMachine "{\"name\": \"data-pipeline\", \"type\": \"EXPRESS\",
  \"roleArn\": \"arn:aws:iam::123456789012:role/quickstep\", \"definition\": $definition}" | json_get stateMachineArn)"
execution_input="$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); d.update(apiBase=sys.argv[2], connectionArn=sys.argv[3]); print(json.dumps(json.dumps(d)))' \
  "$input" "http://127.0.0.1:$api_port" "$connection_arn")"
result="$(call AWSStepFunctions.StartSyncExecution "{\"stateMachineArn\": \"$machine_arn\", \"input\": $execution_input}")"
echo "$result" | python3 -c '
import json, sys
r = json.load(sys.stdin)
if r["status"] != "SUCCEEDED":
    print(json.dumps({"status": r["status"], "error": r.get("error"), "cause": r.get("cause")}, indent=2))
    sys.exit(1)
print(json.dumps(json.loads(r["output"]), indent=2))
'
