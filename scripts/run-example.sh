#!/usr/bin/env bash
# Sets up (restore + build) and runs the example order workflow with `quickstep run`.
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet build src/Quickstep.Cli -c Release -v quiet -nologo >/dev/null
exec dotnet src/Quickstep.Cli/bin/Release/net10.0/quickstep.dll run examples/order.asl.json --input-file examples/order.input.json "$@"
