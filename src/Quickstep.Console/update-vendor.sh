#!/usr/bin/env bash
# Refreshes the console's vendored elkjs (graph layout) from npm at the pinned version, so `dotnet build` needs no npm.
set -euo pipefail
version=0.12.1
cd "$(dirname "$0")"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack "elkjs@$version" --silent >/dev/null && tar -xzf "elkjs-$version.tgz")
mkdir -p wwwroot/vendor
cp "$tmp/package/lib/elk.bundled.js" wwwroot/vendor/elk.bundled.js
cp "$tmp/package/LICENSE.md" wwwroot/vendor/elkjs-LICENSE.md
echo "elkjs $version (Eclipse Public License 2.0): https://github.com/kieler/elkjs" > wwwroot/vendor/README.txt
echo "wwwroot/vendor: elkjs $version"
