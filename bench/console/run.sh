#!/usr/bin/env bash
# The console with 100,000 executions stored: fills a fresh server through StartSyncExecution, then times the requests
# the list and detail pages make (median/p95 over 40 requests, measured by the client on loopback).
# usage: bench/console/run.sh [EXECUTIONS=100000]
set -euo pipefail
cd "$(dirname "$0")/../.."
n=${1:-100000}
port=${PORT:-18093}
dotnet build src/Quickstep.Cli -c Release -v q -nologo >/dev/null
dir=$(mktemp -d /tmp/qs-console-bench.XXXXXX)
dll=$PWD/src/Quickstep.Cli/bin/Release/net10.0/quickstep.dll
cd "$dir"
dotnet "$dll" serve --port "$port" --db "$dir/q.db" >"$dir/server.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null; rm -rf "$dir"' EXIT
for _ in $(seq 1 60); do curl -s -o /dev/null "http://127.0.0.1:$port/quickstep/health" && break; sleep 0.5; done
cd - >/dev/null
node bench/console/bench.mjs "http://127.0.0.1:$port" "$n" "${CONCURRENCY:-32}"
echo "database: $(du -h "$dir/q.db" | cut -f1) (+ WAL $(du -h "$dir/q.db-wal" 2>/dev/null | cut -f1))"
