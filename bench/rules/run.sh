#!/usr/bin/env bash
# EventBridge rule delivery latency: event → execution start on loopback (issue 13's target: p99 <= 10 ms).
#
#   bench/rules/run.sh [--events 500] [--warmup 50]
#
# Builds Release, starts `quickstep serve` on a free loopback port with a fresh database, runs latency.mjs
# (one event at a time: PutEvents, a rule, a state machine target whose Task sends $$.Execution.StartTime to
# a queue) and prints a markdown table.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
events=500 warmup=50
while [ $# -gt 0 ]; do
  case "$1" in
    --events) events=$2; shift 2 ;;
    --warmup) warmup=$2; shift 2 ;;
    -h|--help) sed -n '2,8p' "$0"; exit 0 ;;
    *) echo "run.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
echo "building Release ..." >&2
dotnet build src/Quickstep.Cli -c Release -v quiet -nologo >/dev/null
dll=$root/src/Quickstep.Cli/bin/Release/net10.0/quickstep.dll
work=$(mktemp -d /tmp/qs-rulesbench.XXXXXX)
port=$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
base=http://127.0.0.1:$port/
(cd "$work" && exec dotnet "$dll" serve --port "$port" --db "$work/quickstep.db" >"$work/serve.log" 2>&1) &
server=$!
cleanup() { kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
for _ in $(seq 1 100); do curl -sf "${base}quickstep/health" >/dev/null 2>&1 && break; sleep 0.1; done
curl -sf "${base}quickstep/health" >/dev/null || { cat "$work/serve.log" >&2; echo "run.sh: server did not start" >&2; exit 1; }
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
node "$root/bench/rules/latency.mjs" "$base" "$events" "$warmup"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
