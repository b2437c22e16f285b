#!/usr/bin/env bash
# Copies what the tests and benchmarks read (tests/data/MANIFEST) from ../shared (or $1) into tests/data.
set -euo pipefail
cd "$(dirname "$0")/.."
shared="${1:-../shared}"
[ -d "$shared" ] || { echo "refresh-shared-data: no $shared beside the repository" >&2; exit 1; }
grep -v '^\s*\(#\|$\)' tests/data/MANIFEST | while read -r entry; do
  [ -e "$shared/$entry" ] || { echo "refresh-shared-data: $shared/$entry is missing" >&2; exit 1; }
  rm -rf "tests/data/$entry"
  mkdir -p "$(dirname "tests/data/$entry")"
  cp -R "$shared/$entry" "tests/data/$entry"
  chmod -R u+w "tests/data/$entry"    # ../shared is read-only; the copy must stay replaceable
done
echo "tests/data refreshed from $shared ($(du -sh tests/data | cut -f1)); review with git status"
