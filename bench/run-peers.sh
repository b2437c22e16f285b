#!/usr/bin/env bash
# The side-by-side harness, one command:  bench/run-peers.sh [--rounds 3] [--seconds 3] [--warmup 3] [--only w1,w5] [--history]
# Installs the peer (npm aws-local-stepfunctions) outside the repo in $PEER_DIR (default /tmp/peers) if
# it is not there, builds quickstep in Release, and runs bench/run-peers.mjs (see its header).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/.." && pwd)"
peer_dir="${PEER_DIR:-/tmp/peers}"
workloads="${QUICKSTEP_WORKLOADS:-$repo/tests/data/bench/workloads}"

if [ ! -d "$peer_dir/node_modules/aws-local-stepfunctions" ]; then
  mkdir -p "$peer_dir"
  (cd "$peer_dir" && npm init -y >/dev/null && npm install --no-audit --no-fund aws-local-stepfunctions >&2)
fi

dotnet build "$repo/src/Quickstep.Cli/Quickstep.Cli.csproj" -c Release -nologo -v q >&2
exec node "$here/run-peers.mjs" --quickstep "$repo/src/Quickstep.Cli/bin/Release/net10.0/quickstep" \
  --peer-dir "$peer_dir" --workloads "$workloads" "$@"
