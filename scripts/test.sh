#!/usr/bin/env bash
# Sets up and runs every test; the last line is "N passed, N failed, N skipped" (CI reads it).
set -uo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

log=$(mktemp /tmp/quickstep-test.XXXXXX.log)
# The PostgreSQL store is tested against a real server the tests start on loopback from Debian's package.
if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  apt-get install -y -qq postgresql >/dev/null 2>&1 || { apt-get update -qq >/dev/null 2>&1 && apt-get install -y -qq postgresql >/dev/null; }
fi
# The graph tests check the DOT export with Graphviz's own parser (Debian's graphviz).
if ! command -v dot >/dev/null 2>&1; then
  apt-get install -y -qq graphviz >/dev/null 2>&1 || { apt-get update -qq >/dev/null 2>&1 && apt-get install -y -qq graphviz >/dev/null; }
fi
# The server tests drive Quickstep with the official AWS SDK for JavaScript (pinned in package-lock.json).
npm ci --prefix tests/Quickstep.Server.Tests/sdk --no-audit --no-fund --loglevel=error >/dev/null
# A worker-function test runs the official aws-lambda-ric, whose install builds its native client (curl, aws-lambda-cpp) with autotools.
if ! command -v autoreconf >/dev/null 2>&1 || ! command -v libtoolize >/dev/null 2>&1; then
  apt-get install -y -qq autoconf automake libtool >/dev/null 2>&1 || { apt-get update -qq >/dev/null 2>&1 && apt-get install -y -qq autoconf automake libtool >/dev/null; }
fi
[ -f tests/runtime-interface-client/node_modules/aws-lambda-ric/rapid-client.node ] || npm ci --prefix tests/runtime-interface-client --no-audit --no-fund --loglevel=error >/dev/null
# The web console's tests drive Debian's Chromium with playwright-core (pinned in tests/Quickstep.Server.Tests/console).
if ! command -v chromium >/dev/null 2>&1; then
  apt-get install -y -qq chromium >/dev/null 2>&1 || { apt-get update -qq >/dev/null 2>&1 && apt-get install -y -qq chromium >/dev/null; }
fi
npm ci --prefix tests/Quickstep.Server.Tests/console --no-audit --no-fund --loglevel=error >/dev/null
dotnet restore Quickstep.slnx >/dev/null 2>&1 || dotnet restore Quickstep.slnx
# Formatting is checked before anything is built: a file `dotnet format` would change fails the run.
if ! format_log=$(dotnet format Quickstep.slnx --verify-no-changes --no-restore 2>&1); then
  printf '%s\n' "$format_log" | grep -E 'error|warning' | head -n 30 >&2
  echo "scripts/test.sh: the files above are not formatted: run 'dotnet format Quickstep.slnx' and commit the result" >&2
  exit 1
fi
dotnet build Quickstep.slnx -c Release --no-restore 2>&1 | tail -n 3
dotnet test Quickstep.slnx -c Release --no-build 2>&1 | tee "$log"; rc=${PIPESTATUS[0]}
awk '/^(Passed|Failed)! +- +Failed: +[0-9]+, +Passed: +[0-9]+, +Skipped: +[0-9]+/ {
  gsub(/,/,""); for(i=1;i<=NF;i++){ if($i=="Failed:")f+=$(i+1); if($i=="Passed:")p+=$(i+1); if($i=="Skipped:")s+=$(i+1) } n++ }
  END { if(n==0){ print "no test summary found" > "/dev/stderr"; exit 1 }
        printf "%d passed, %d failed, %d skipped\n", p, f, s; if (p==0 || f>0) exit 1 }' "$log"
summary=$?
rm -f "$log"
if [ "$rc" -ne 0 ] || [ "$summary" -ne 0 ]; then exit 1; fi
