#!/usr/bin/env bash
# SQS API throughput: `quickstep serve` (SQLite store) driven by bench/Quickstep.SqsLoad on loopback.
#
#   bench/sqs/run.sh [--seconds 10] [--warmup 3] [--concurrency 16] [--only baseline,batch,single]
#
# Builds Release, starts `quickstep serve` on a free loopback port with a fresh temporary database, then runs
# each scenario in the same server (a fresh queue each):
#   baseline  GetQueueUrl                                              (SQS endpoint, no store work) req/s
#   batch     SendMessageBatch x10 -> ReceiveMessage (10) -> DeleteMessageBatch    messages/s deleted
#   single    SendMessage -> ReceiveMessage (1) -> DeleteMessage                   messages/s deleted
# and prints a markdown table with the server's CPU time per message (from /proc/PID/stat). The load
# generator is a C# console sending raw AWS JSON (no SDK), which costs less per request than the JS SDK.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
seconds=10 warmup=3 concurrency=16 only=baseline,batch,single
while [ $# -gt 0 ]; do
  case "$1" in
    --seconds) seconds=$2; shift 2 ;;
    --warmup) warmup=$2; shift 2 ;;
    --concurrency) concurrency=$2; shift 2 ;;
    --only) only=$2; shift 2 ;;
    -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
    *) echo "run.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
echo "building Release ..." >&2
dotnet build src/Quickstep.Cli -c Release -v quiet -nologo >/dev/null
dotnet build bench/Quickstep.SqsLoad -c Release -v quiet -nologo >/dev/null
dll=$root/src/Quickstep.Cli/bin/Release/net10.0/quickstep.dll
load=$root/bench/Quickstep.SqsLoad/bin/Release/net10.0/Quickstep.SqsLoad.dll

work=$(mktemp -d /tmp/qs-sqsbench.XXXXXX)
port=$(python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])')
base=http://127.0.0.1:$port
(cd "$work" && exec dotnet "$dll" serve --port "$port" --db "$work/quickstep.db" >"$work/serve.log" 2>&1) &
server=$!
cleanup() {
  kill "$server" 2>/dev/null || true
  wait "$server" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
for _ in $(seq 1 100); do
  curl -sf "$base/quickstep/health" >/dev/null 2>&1 && break
  sleep 0.1
done
curl -sf "$base/quickstep/health" >/dev/null || { cat "$work/serve.log" >&2; echo "run.sh: server did not start" >&2; exit 1; }

cpu_ms() { awk -v hz="$(getconf CLK_TCK)" '{ printf "%d", ($14 + $15) * 1000 / hz }' "/proc/$server/stat"; }
echo "| scenario | per second | requests/s | server CPU µs per unit | errors |"
echo "|---|---:|---:|---:|---:|"
IFS=, read -ra scenarios <<<"$only"
for s in "${scenarios[@]}"; do
  # CPU is sampled around the whole run (warm-up included) and divided by the units of the whole run's rate.
  before=$(cpu_ms)
  line=$(dotnet "$load" "$base" "$seconds" "$warmup" "$concurrency" "$s")
  after=$(cpu_ms)
  python3 - "$line" "$before" "$after" "$seconds" "$warmup" <<'PY'
import json, sys
r = json.loads(sys.argv[1]); cpu = int(sys.argv[3]) - int(sys.argv[2]); total = float(sys.argv[4]) + float(sys.argv[5])
unit = "req" if r["mode"] == "baseline" else "msg"
per = r["perSecond"] * total
print(f"| {r['mode']} ({unit}) | {r['perSecond']:,.0f} | {r['requestsPerSecond']:,.0f} | {cpu * 1000 / per if per else 0:,.0f} | {r['errors']} |")
PY
done
