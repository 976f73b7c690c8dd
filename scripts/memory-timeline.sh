#!/usr/bin/env bash
# Where a build's memory goes over time: runs the production build on a
# gen-corpus archive (npm run bench makes .tmp/bench/corpus-N first) and
# prints, every second, the RSS of its Node process and of Pagefind's indexer
# and their sum, then the build's own step times.
#   bash scripts/memory-timeline.sh [ARTICLES [BUILD OPTIONS…]], e.g. 10000 --full
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
N=${1:-10000}
shift || true
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT
node --import tsx "$ROOT/src/cli/build.ts" --content "$ROOT/.tmp/bench/corpus-$N/content" --output "$OUT/site" --timings "$OUT/timings.json" "$@" > /dev/null 2>&1 &
PID=$!
START=$(date +%s.%N)
rss() { ps -eo rss=,comm= | awk -v p="$1" '$2 ~ p { s += $1 } END { print int(s / 1024) }'; }
echo "| s | Node MiB | Pagefind MiB | sum MiB |"
echo "|---|---|---|---|"
while kill -0 "$PID" 2> /dev/null; do
  NODE=$(rss node); PF=$(rss pagefind)
  printf "| %.1f | %d | %d | %d |\n" "$(echo "$(date +%s.%N) - $START" | bc)" "$NODE" "$PF" $((NODE + PF))
  sleep 1
done
wait "$PID"
echo; echo "steps (seconds since the build started, when each ended): $(cat "$OUT/timings.json")"
