#!/usr/bin/env bash
# MiniSearch (minisearch-server.mjs, same MedQuAD paragraphs) against keyword /api/search of a running
# ./kb serve, in interleaved rounds of wrk at 16 connections over the same 300 rotating questions.
# Start the server without its answer cache so both engines search every request:
#   ./kb serve --corpus /tmp/medquad/corpus --index /tmp/medquad/index --port 7071 --cache-mb 0 &
#   bench/peers/minisearch-load.sh [ROUNDS] [SECONDS] [COLLECTION]   (defaults 3, 15, /tmp/medquad/all)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
rounds="${1:-3}"
seconds="${2:-15}"
collection="${3:-/tmp/medquad/all}"
node "$here/minisearch-server.mjs" "$collection" 7072 > /tmp/minisearch-server.log 2>&1 &
peer=$!
trap 'kill $peer' EXIT
for i in $(seq 1 120); do curl -sf http://127.0.0.1:7072/api/health > /dev/null && break; sleep 1; done
head -1 /tmp/minisearch-server.log
run() {  # url mode -> "req/s p50 p99"
  KB_COUNT=300 KB_MODE="$2" wrk -t2 -c16 -d"${seconds}s" --latency -s "$here/../search.lua" "$1" \
    | awk '/Requests\/sec/ {rps=$2} /^ +50%/ {p50=$2} /^ +99%/ {p99=$2} /Non-2xx/ {bad=$5} END {print rps " req/s, p50 " p50 ", p99 " p99 (bad ? ", non-2xx " bad : "")}'
}
for round in $(seq 1 "$rounds"); do
  echo "round $round: kb keyword $(run http://127.0.0.1:7071 keyword); minisearch $(run http://127.0.0.1:7072 '')"
done
