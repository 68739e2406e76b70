#!/usr/bin/env bash
# Runs every benchmark in bench/*.ts in one go and assembles BENCHMARKS.md from bench/results/*.md.
# Usage: npm run bench
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p bench/results
if [ -f bench/package.json ]; then
  npm ci --prefix bench --no-audit --no-fund >/dev/null
fi
started=$(date -u +%Y-%m-%dT%H:%M:%SZ)
for file in bench/*.ts; do
  echo "bench: $file"
  node --import tsx "$file"
done
{
  echo "# Benchmarks"
  echo
  echo "Produced by \`npm run bench\` (scripts/bench.sh) on $started, $(nproc) cores, Node $(node --version)."
  echo "These machines are shared and noisy: compare the ratios between peers measured in the same run, not absolute figures across runs."
  echo
  for result in bench/results/*.md; do
    cat "$result"
    echo
  done
} > BENCHMARKS.md
echo "bench: wrote BENCHMARKS.md"
