#!/usr/bin/env bash
# Issue 4's benchmark: a compiled JSONata Output vs the equivalent JSONPath Parameters template,
# 100 Pass states each, measured back to back in the same run with `quickstep bench`.
set -euo pipefail
cd "$(dirname "$0")"
q=../../src/Quickstep.Cli/bin/Release/net10.0/quickstep.dll
dotnet build ../../src/Quickstep.Cli -c Release -v quiet -nologo >/dev/null
secs=${1:-5}
for round in 1 2; do
  for f in jsonpath-parameters jsonata-output; do
    printf '%s round %s: ' "$f" "$round"
    dotnet "$q" bench "$f.asl.json" --input-file input.json --seconds "$secs" --warmup 2 | python3 -c 'import json,sys; r=json.load(sys.stdin); print(round(r["transitionsPerSecond"]), "transitions/s")'
  done
done
