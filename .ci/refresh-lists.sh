#!/usr/bin/env bash
# Refreshes the maintained lists the gateway ships (bots, disposable and free-mail domains) from their npm
# packages at the pinned versions below, writing them into src/main/resources/lists/ with their licence and
# version, so the Maven build itself needs no network. Bump a version here, run this, commit the result.
set -euo pipefail
cd "$(dirname "$0")/.."
out=src/main/resources/lists
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

fetch() { # package version
  (cd "$work" && npm pack --silent "$1@$2" >/dev/null && mkdir -p "$1" && tar -xzf "$1-$2.tgz" -C "$1")
}

fetch crawler-user-agents 1.60.0
cp "$work/crawler-user-agents/package/crawler-user-agents.json" "$out/crawler-user-agents.json"
cp "$work/crawler-user-agents/package/LICENSE" "$out/crawler-user-agents.LICENSE"

fetch disposable-email-domains 1.0.62
cp "$work/disposable-email-domains/package/index.json" "$out/disposable-email-domains.json"
cp "$work/disposable-email-domains/package/LICENSE"* "$out/disposable-email-domains.LICENSE" 2>/dev/null || true

fetch free-email-domains 1.12.6
find "$work/free-email-domains/package" -maxdepth 2 -name '*.json' ! -name package.json | head -1 | xargs -I{} cp {} "$out/free-email-domains.json"
cp "$work/free-email-domains/package/LICENSE"* "$out/free-email-domains.LICENSE" 2>/dev/null || true

cat > "$out/VERSIONS" <<VERSIONS
crawler-user-agents 1.60.0 (npm) MIT
disposable-email-domains 1.0.62 (npm) see disposable-email-domains.LICENSE
free-email-domains 1.12.6 (npm) see free-email-domains.LICENSE
link-scanners.json (kept by hand: mail security scanners crawler-user-agents lacks; each entry names its source)
VERSIONS
echo "lists refreshed in $out"
