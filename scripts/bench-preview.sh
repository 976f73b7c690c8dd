#!/usr/bin/env bash
# Preview at scale: starts `npm start` on a copy of a gen-corpus archive
# (npm run bench makes .tmp/bench/corpus-10000 first), appends a paragraph to
# an article, and prints how long until the served page shows it; then, while
# the full rebuild that follows runs, how slowly the server answers (the
# slowest of requests for the home page made every 0.2 s for 15 s).
#   bash scripts/bench-preview.sh [ARTICLES] [PORT]
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
N=${1:-10000}; PORT=${2:-8137}
T=$(mktemp -d); cp -r "$ROOT/.tmp/bench/corpus-$N/content" "$T/"
FILES=("$T"/content/articles/2015/*.md); F=${FILES[0]}; U=$(basename "$F" .md)
cd "$T"
"$ROOT/node_modules/.bin/tsx" "$ROOT/src/cli/serve.ts" --port "$PORT" --output "$T/preview" > "$T/log" 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null; rm -rf "$T"' EXIT
until curl -s -o /dev/null -w "%{http_code}" "http://127.0.0.1:$PORT/" | grep -q 200; do sleep 1; done
sleep 10
S=$(date +%s.%N); echo "Đoạn mới Zzsave." >> "$F"
until curl -s -H "sec-fetch-mode: navigate" "http://127.0.0.1:$PORT/tin-tuc/2015/$U/" | grep -q Zzsave; do sleep 0.05; done
E=$(date +%s.%N)
echo "first build: $(grep -o 'trong [0-9]* ms' "$T/log" | head -1)"
echo "save to served page: $(echo "$E - $S" | bc) s"
SLOWEST=0
END=$(( $(date +%s) + 15 ))
while [ "$(date +%s)" -lt "$END" ]; do
  R=$(curl -s -o /dev/null -w "%{time_total}" "http://127.0.0.1:$PORT/")
  SLOWEST=$(echo "if ($R > $SLOWEST) $R else $SLOWEST" | bc)
  sleep 0.2
done
echo "slowest answer during the full rebuild: $SLOWEST s"
