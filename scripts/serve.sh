#!/usr/bin/env bash
# Sets up (restore + build) and starts the Step Functions API server on 127.0.0.1:8083 with its
# embedded SQLite store at ./.quickstep/quickstep.db. Extra arguments go to `quickstep serve`.
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet build src/Quickstep.Cli -c Release -v quiet -nologo >/dev/null
exec dotnet src/Quickstep.Cli/bin/Release/net10.0/quickstep.dll serve "$@"
