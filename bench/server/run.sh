#!/usr/bin/env bash
# Server throughput: `quickstep serve` (SQLite store) under wrk on loopback.
#
#   bench/server/run.sh [--seconds 10] [--warmup 5] [--connections 32] [--threads 1] [--keep-db]
#                       [--only health,list,sync-off,sync-all,async-off,async-all]
#
# Installs wrk if missing (apt), builds Release, starts `quickstep serve` on a free loopback port with a
# fresh temporary database, creates four 5-state Pass Express machines through the API (sync/async x
# log level OFF / ALL with includeExecutionData), then measures with wrk:
#   baseline  GET /quickstep/health            (Kestrel + routing + response, no store)
#   baseline  ListStateMachines                (AWS JSON 1.0 endpoint + one store read)
#   sync      StartSyncExecution, OFF and ALL  (each 200 response is one completed execution)
#   async     StartExecution, OFF and ALL      (accepted/s from wrk; completed/s = executions completed
#             from the start of the load until the last accepted one finished, via /quickstep/usage)
# and prints one markdown table. Every scenario gets --warmup seconds of the same load first (not counted).
# Compare a scenario with the baselines of the same run: the machine is shared and noisy.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
seconds=10 warmup=5 connections=32 threads=1 keep_db=0 only=health,list,sync-off,sync-all,async-off,async-all
while [ $# -gt 0 ]; do
  case "$1" in
    --seconds) seconds=$2; shift 2 ;;
    --warmup) warmup=$2; shift 2 ;;
    --connections) connections=$2; shift 2 ;;
    --threads) threads=$2; shift 2 ;;
    --keep-db) keep_db=1; shift ;;
    --only) only=$2; shift 2 ;;
    -h|--help) sed -n '2,17p' "$0"; exit 0 ;;
    *) echo "run.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done

if ! command -v wrk >/dev/null; then
  sudo_=""; [ "$(id -u)" -ne 0 ] && sudo_=sudo
  $sudo_ apt-get install -y wrk >/dev/null || { $sudo_ apt-get update >/dev/null && $sudo_ apt-get install -y wrk >/dev/null; }
fi
command -v node >/dev/null || { echo "run.sh: needs node (20+)" >&2; exit 1; }

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
echo "building Release ..." >&2
dotnet build src/Quickstep.Cli -c Release -v quiet -nologo >/dev/null
dll=$root/src/Quickstep.Cli/bin/Release/net10.0/quickstep.dll

work=$(mktemp -d /tmp/qs-serverbench.XXXXXX)
port=$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
base=http://127.0.0.1:$port/
cd "$work"
dotnet "$dll" serve --port "$port" --db "$work/quickstep.db" >"$work/serve.log" 2>&1 &
server=$!
cd "$root"
cleanup() {
  kill "$server" 2>/dev/null || true
  wait "$server" 2>/dev/null || true
  if [ "$keep_db" = 1 ]; then echo "database kept in $work" >&2; else rm -rf "$work"; fi
}
trap cleanup EXIT
for _ in $(seq 1 100); do
  curl -sf "${base}quickstep/health" >/dev/null 2>&1 && break
  sleep 0.1
done
curl -sf "${base}quickstep/health" >/dev/null || { cat "$work/serve.log" >&2; echo "run.sh: server did not start" >&2; exit 1; }

api() { node "$root/bench/server/api.mjs" "$1" "$base" "${@:2}"; }
sync_off=$(api create sync-off OFF)
sync_all=$(api create sync-all ALL)
async_off=$(api create async-off OFF)
async_all=$(api create async-all ALL)
input='{\"id\":42,\"customer\":{\"name\":\"Ada\",\"tier\":\"gold\"},\"items\":[1,2,3]}'
body() { printf '{"stateMachineArn":"%s","input":"%s"}' "$1" "$input"; }

# CPU time of the server process so far, in milliseconds (utime + stime from /proc).
cpu_ms() { awk -v hz="$(getconf CLK_TCK)" '{ printf "%d", ($14 + $15) * 1000 / hz }' "/proc/$server/stat"; }
field() { sed -n "s/.* $2=\([0-9]*\).*/\1/p" <<<"$1"; }
ms() { awk -v us="$1" 'BEGIN { printf "%.2f", us / 1000 }'; }

rows=()
errors=0
# measure NAME LEVEL TARGET BODY|- [ASYNC_ARN]
measure() {
  local name=$1 level=$2 target=$3 body=$4 async_arn=${5:-} lua=post.lua
  [ "$target" = "-" ] && lua=get.lua
  export QS_TARGET=$target QS_BODY=$body
  local wpath=""
  [ "$target" = "-" ] && wpath="quickstep/health"
  echo "$name $level: warm-up ${warmup}s, measure ${seconds}s ..." >&2
  local before=0
  if [ -n "$async_arn" ]; then
    # The warm-up's executions must finish before the measured load starts.
    wrk -t"$threads" -c"$connections" -d"${warmup}s" -s "$root/bench/server/$lua" "$base" >/dev/null
    before=$(api drain "$async_arn" 0 600 | cut -d' ' -f1)
  else
    wrk -t"$threads" -c"$connections" -d"${warmup}s" -s "$root/bench/server/$lua" "$base$wpath" >/dev/null
  fi
  local start_ms r cpu0
  start_ms=$(date +%s%3N)
  cpu0=$(cpu_ms)
  r=$(wrk -t"$threads" -c"$connections" -d"${seconds}s" --timeout 10s -s "$root/bench/server/$lua" "$base$wpath" | grep '^RESULT')
  local n dur st se p50 p99
  n=$(field "$r" requests); dur=$(field "$r" duration_us); st=$(field "$r" status_errors); se=$(field "$r" socket_errors)
  p50=$(field "$r" p50_us); p99=$(field "$r" p99_us)
  local ok=$((n - st))
  local rps; rps=$(awk -v n="$ok" -v d="$dur" 'BEGIN { printf "%.0f", n / (d / 1e6) }')
  local completed="–" served=$ok
  if [ -n "$async_arn" ]; then
    local drained done_ms total
    drained=$(api drain "$async_arn" $((before + ok)) 600)
    total=$(( $(cut -d' ' -f1 <<<"$drained") - before ))
    served=$total
    done_ms=$(cut -d' ' -f2 <<<"$drained")
    completed=$(awk -v n="$total" -v t="$((done_ms - start_ms))" 'BEGIN { printf "%.0f", n / (t / 1000) }')
    completed="$completed ($total in $(awk -v t="$((done_ms - start_ms))" 'BEGIN { printf "%.1f", t / 1000 }') s)"
  elif [ "$target" = StartSyncExecution ]; then
    completed=$rps
  fi
  # Server CPU per request (per completed execution for StartExecution): robust when other work shares the cores.
  local cpu_us; cpu_us=$(awk -v c="$(( $(cpu_ms) - cpu0 ))" -v n="$served" 'BEGIN { printf "%.0f", (n > 0 ? c * 1000 / n : 0) }')
  if [ "$st" != 0 ] || [ "$se" != 0 ]; then errors=1; echo "  $name $level: $st non-2xx, $se socket errors" >&2; fi
  rows+=("| $name | $level | $rps | $(ms "$p50") | $(ms "$p99") | $completed | $cpu_us |")
}

wanted() { [[ ",$only," == *",$1,"* ]]; }
wanted health && measure "baseline: GET /quickstep/health" "–" - ""
wanted list && measure "baseline: ListStateMachines" "–" ListStateMachines '{"maxResults":10}'
wanted sync-off && measure StartSyncExecution OFF StartSyncExecution "$(body "$sync_off")"
wanted sync-all && measure StartSyncExecution ALL StartSyncExecution "$(body "$sync_all")"
wanted async-off && measure StartExecution OFF StartExecution "$(body "$async_off")" "$async_off"
wanted async-all && measure StartExecution ALL StartExecution "$(body "$async_all")" "$async_all"

echo
echo "Machine: $(nproc) CPUs, $(lscpu | sed -n 's/^Model name: *//p'); load average $(cut -d' ' -f1-3 /proc/loadavg); $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "wrk -t$threads -c$connections -d${seconds}s (warm-up ${warmup}s), loopback, SQLite store at $work/quickstep.db"
echo
echo "| scenario | level | req/s | p50 ms | p99 ms | completed/s | server CPU µs/req |"
echo "|---|---|---:|---:|---:|---:|---:|"
printf '%s\n' "${rows[@]}"
exit $errors
