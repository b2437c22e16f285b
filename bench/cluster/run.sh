#!/usr/bin/env bash
# Cluster throughput: StartSyncExecution and StartExecution (5 Pass states, logging OFF) with
#   sqlite-1  one node on SQLite (the default store)
#   pg-1      one node on PostgreSQL (--store postgres://…)
#   pg-3      three nodes on one PostgreSQL database, the load spread evenly over them
#
#   bench/cluster/run.sh [--seconds 10] [--warmup 3] [--connections 32] [--only sqlite-1,pg-1,pg-3]
#
# Starts a throwaway PostgreSQL (Debian's binaries, fsync on, loopback, temporary folder) and the nodes
# (`quickstep serve`, Release) on free loopback ports; wrk (bench/server/post.lua) drives each node with
# connections/nodes connections at once. Async: accepted/s from wrk, completed/s until the last accepted
# execution finished (GET /quickstep/usage, shared by the nodes on PostgreSQL). CPU per request: the nodes'
# CPU and PostgreSQL's (postmaster and its backends), from /proc, divided by the requests (completed executions).
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
seconds=10 warmup=3 connections=32 only=sqlite-1,pg-1,pg-3
while [ $# -gt 0 ]; do
  case "$1" in
    --seconds) seconds=$2; shift 2 ;;
    --warmup) warmup=$2; shift 2 ;;
    --connections) connections=$2; shift 2 ;;
    --only) only=$2; shift 2 ;;
    -h|--help) sed -n '2,14p' "$0"; exit 0 ;;
    *) echo "run.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done
command -v wrk >/dev/null || { echo "run.sh: needs wrk (apt-get install -y wrk)" >&2; exit 1; }
command -v node >/dev/null || { echo "run.sh: needs node (20+)" >&2; exit 1; }
pgbin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -x "$pgbin/initdb" ] || { echo "run.sh: needs PostgreSQL (apt-get install -y postgresql)" >&2; exit 1; }

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
echo "building Release ..." >&2
dotnet build src/Quickstep.Cli -c Release -v quiet -nologo >/dev/null
dll=$root/src/Quickstep.Cli/bin/Release/net10.0/quickstep.dll

work=$(mktemp -d /tmp/qs-clusterbench.XXXXXX)
chmod 755 "$work"
free_port() { node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'; }
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
pgport=$(free_port)
mkdir -p "$work/pg" && { [ "$(id -u)" = 0 ] && chown postgres:postgres "$work/pg" || true; }
as_pg "$pgbin/initdb" -D "$work/pg/data" -U postgres --auth=trust -E UTF8 --no-locale >/dev/null
as_pg "$pgbin/pg_ctl" -D "$work/pg/data" -l "$work/pg/server.log" -o "-c listen_addresses=127.0.0.1 -p $pgport -k $work/pg -c max_connections=300" -w start >/dev/null
pgpid=$(head -1 "$work/pg/data/postmaster.pid")
nodes=()
stop_nodes() {
  for p in "${nodes[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${nodes[@]}"; do wait "$p" 2>/dev/null || true; done
  nodes=()
}
cleanup() {
  stop_nodes
  as_pg "$pgbin/pg_ctl" -D "$work/pg/data" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

# CPU ms of a process (utime + stime), of the nodes, and of PostgreSQL (postmaster + backends).
proc_ms() { awk -v hz="$(getconf CLK_TCK)" '{ printf "%d", ($14 + $15) * 1000 / hz }' "/proc/$1/stat" 2>/dev/null || echo 0; }
nodes_ms() { local t=0; for p in "${nodes[@]}"; do t=$((t + $(proc_ms "$p"))); done; echo $t; }
pg_ms() { local t; t=$(proc_ms "$pgpid"); for p in $(pgrep -P "$pgpid"); do t=$((t + $(proc_ms "$p"))); done; echo "$t"; }
field() { sed -n "s/.* $2=\([0-9]*\).*/\1/p" <<<"$1"; }

bases=()
start_nodes() { # start_nodes COUNT STORE(sqlite|URL)
  bases=()
  for i in $(seq 1 "$1"); do
    local port; port=$(free_port)
    mkdir -p "$work/n$i"
    local store=(); [ "$2" != sqlite ] && store=(--store "$2")
    (cd "$work/n$i" && exec dotnet "$dll" serve --port "$port" --db "$work/n$i/q.db" "${store[@]}" >"$work/n$i/serve.log" 2>&1) &
    nodes+=($!)
    bases+=("http://127.0.0.1:$port/")
  done
  for b in "${bases[@]}"; do
    for _ in $(seq 1 300); do curl -sf "${b}quickstep/health" >/dev/null 2>&1 && break; sleep 0.1; done
    curl -sf "${b}quickstep/health" >/dev/null || { cat "$work"/n*/serve.log >&2; echo "run.sh: a node did not start" >&2; exit 1; }
  done
}

rows=()
# load TARGET BODY SECONDS: wrk on every node at once; prints "ok_requests p50_us p99_us" (p50/p99 of node 1)
load() {
  export QS_TARGET=$1 QS_BODY=$2
  local per=$(( connections / ${#bases[@]} )); [ "$per" -lt 1 ] && per=1
  local pids=() i=0
  for b in "${bases[@]}"; do
    wrk -t1 -c"$per" -d"${3}s" --timeout 10s -s "$root/bench/server/post.lua" "$b" >"$work/wrk$i.out" 2>&1 &
    pids+=($!); i=$((i + 1))
  done
  wait "${pids[@]}"
  local ok=0 p50=0 p99=0
  for j in $(seq 0 $((i - 1))); do
    local r; r=$(grep '^RESULT' "$work/wrk$j.out")
    ok=$(( ok + $(field "$r" requests) - $(field "$r" status_errors) ))
    [ "$j" = 0 ] && { p50=$(field "$r" p50_us); p99=$(field "$r" p99_us); }
  done
  echo "$ok $p50 $p99"
}

scenario() { # scenario NAME COUNT STORE
  local name=$1 count=$2 store=$3
  echo "$name: starting $count node(s) ..." >&2
  start_nodes "$count" "$store"
  local api="node $root/bench/server/api.mjs"
  local sm_sync sm_async
  sm_sync=$($api create "${bases[0]}" sync OFF)
  sm_async=$($api create "${bases[0]}" async OFF)
  local input='{\"id\":42,\"items\":[1,2,3]}'
  local sync_body async_body
  sync_body=$(printf '{"stateMachineArn":"%s","input":"%s"}' "$sm_sync" "$input")
  async_body=$(printf '{"stateMachineArn":"%s","input":"%s"}' "$sm_async" "$input")

  echo "$name: StartSyncExecution ..." >&2
  load StartSyncExecution "$sync_body" "$warmup" >/dev/null
  local c0 p0; c0=$(nodes_ms); p0=$(pg_ms)
  read -r ok p50 p99 < <(load StartSyncExecution "$sync_body" "$seconds")
  local c1 p1; c1=$(nodes_ms); p1=$(pg_ms)
  rows+=("| $name | StartSyncExecution | $(awk -v n="$ok" -v s="$seconds" 'BEGIN{printf "%.0f", n/s}') | $(awk -v u="$p50" 'BEGIN{printf "%.2f", u/1000}') | $(awk -v u="$p99" 'BEGIN{printf "%.2f", u/1000}') | – | $(awk -v c=$((c1 - c0)) -v n="$ok" 'BEGIN{printf "%.0f", c*1000/n}') | $( [ "$store" = sqlite ] && echo – || awk -v c=$((p1 - p0)) -v n="$ok" 'BEGIN{printf "%.0f", c*1000/n}') |")

  echo "$name: StartExecution ..." >&2
  load StartExecution "$async_body" "$warmup" >/dev/null
  local before; before=$($api drain "${bases[0]}" "$sm_async" 0 600 | cut -d' ' -f1)
  c0=$(nodes_ms); p0=$(pg_ms)
  local start_ms; start_ms=$(date +%s%3N)
  read -r ok p50 p99 < <(load StartExecution "$async_body" "$seconds")
  local drained; drained=$($api drain "${bases[0]}" "$sm_async" $((before + ok)) 600)
  c1=$(nodes_ms); p1=$(pg_ms)
  local total=$(( $(cut -d' ' -f1 <<<"$drained") - before )) done_ms; done_ms=$(cut -d' ' -f2 <<<"$drained")
  rows+=("| $name | StartExecution | $(awk -v n="$ok" -v s="$seconds" 'BEGIN{printf "%.0f", n/s}') | $(awk -v u="$p50" 'BEGIN{printf "%.2f", u/1000}') | $(awk -v u="$p99" 'BEGIN{printf "%.2f", u/1000}') | $(awk -v n="$total" -v t=$((done_ms - start_ms)) 'BEGIN{printf "%.0f", n/(t/1000)}') | $(awk -v c=$((c1 - c0)) -v n="$total" 'BEGIN{printf "%.0f", c*1000/n}') | $( [ "$store" = sqlite ] && echo – || awk -v c=$((p1 - p0)) -v n="$total" 'BEGIN{printf "%.0f", c*1000/n}') |")
  stop_nodes
}

# A fresh database per scenario (named after it).
pg_url() { as_pg "$pgbin/psql" -h 127.0.0.1 -p "$pgport" -U postgres -qc "CREATE DATABASE $1" >/dev/null; echo "postgres://postgres@127.0.0.1:$pgport/$1"; }
wanted() { [[ ",$only," == *",$1,"* ]]; }
wanted sqlite-1 && scenario sqlite-1 1 sqlite
wanted pg-1 && scenario pg-1 1 "$(pg_url bench_pg1)"
wanted pg-3 && scenario pg-3 3 "$(pg_url bench_pg3)"

echo
echo "Machine: $(nproc) CPUs, $(lscpu | sed -n 's/^Model name: *//p'); load average $(cut -d' ' -f1-3 /proc/loadavg); $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "wrk -t1 -c$connections (split over the nodes) -d${seconds}s (warm-up ${warmup}s), loopback, 5 Pass states, logging OFF"
echo
echo "| setup | operation | req/s | p50 ms | p99 ms | completed/s | nodes CPU µs/req | PostgreSQL CPU µs/req |"
echo "|---|---|---:|---:|---:|---:|---:|---:|"
printf '%s\n' "${rows[@]}"
