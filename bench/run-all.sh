#!/usr/bin/env bash
# Every issue-7 measurement in one command, each against its baseline in the same run:
#
#   bench/run-all.sh [--quick]
#
#   1. workloads w1–w6 side by side with the peer, with the history ALL/OFF column  (bench/run-peers.sh)
#   2. history at each log level, BenchmarkDotNet, per CPU-second                    (HistoryBenchmarks)
#   3. 100,000 executions waiting in a Wait state in one process                     (--waiting 100000)
#   4. the server: StartSyncExecution/StartExecution under wrk at OFF and ALL         (bench/server/run.sh)
#   5. an sqs:sendMessage Task vs a Pass state, process CPU µs per execution (issue 11) (--sqs-task)
#
# --quick shortens each part (1 round, 2 s runs) for a smoke check; the figures in RESULTS.md use the
# defaults. Output: markdown on stdout, section by section. Takes about 25 minutes on 2 cores.
set -euo pipefail
cd "$(dirname "$0")/.."
quick=0
[ "${1:-}" = "--quick" ] && quick=1
if [ $quick = 1 ]; then
  peers=(--rounds 1 --seconds 2 --warmup 1 --history); server=(--seconds 3 --warmup 1); waiting=10000; sqs=(--rounds 1 --seconds 2)
else
  peers=(--rounds 3 --seconds 3 --warmup 3 --history); server=(); waiting=100000; sqs=(--rounds 3 --seconds 3)
fi
echo "# bench/run-all.sh — $(date -u +%FT%TZ), $(nproc) cpus ($(lscpu | sed -n 's/^Model name: *//p')), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo; echo "## 1. Workloads side by side"; echo
bench/run-peers.sh "${peers[@]}"
echo; echo "## 2. History at each log level (BenchmarkDotNet, CPU clock)"; echo
dotnet run -c Release --project bench/Quickstep.Benchmarks -- --filter '*History*' --job short --cpu-clock 2>&1 | grep -E '^\|' || true
echo; echo "## 3. Waiting executions"; echo
dotnet run -c Release --project bench/Quickstep.Benchmarks -- --waiting "$waiting"
echo; echo "## 4. Server throughput"; echo
bench/server/run.sh "${server[@]}"
echo; echo "## 5. sqs:sendMessage Task vs Pass (process CPU per execution)"; echo
dotnet run -c Release --project bench/Quickstep.Benchmarks -- --sqs-task "${sqs[@]}"
