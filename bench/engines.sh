#!/usr/bin/env bash
# The instant-search benchmark on both engines, interleaved: the same MedQuAD content served by the
# embedded index and by OpenSearch, each with the answer cache off, wrk runs of distinct questions
# against each in turn, ROUNDS times.
#   bench/engines.sh [ROUNDS] [SECONDS] [keyword|hybrid]        (defaults 3, 10, keyword)
# keyword imports with --no-vectors (no embedding measured) into /tmp/medquad/index-kw and the prefix
# mq; hybrid imports with vectors (minutes the first time; the vector cache makes the second engine's
# import a keyword import's time) into /tmp/medquad/index-hy and the prefix mqh.
# Needs: bench/medquad-corpus.sh run (/tmp/medquad), an OpenSearch node (scripts/opensearch-local start), wrk.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
rounds="${1:-3}"
seconds="${2:-10}"
mode="${3:-keyword}"
case "$mode" in
  keyword) index=/tmp/medquad/index-kw; prefix=mq; vectors=--no-vectors ;;
  hybrid) index=/tmp/medquad/index-hy; prefix=mqh; vectors= ;;
  *) echo "engines: the mode is keyword or hybrid, not $mode" >&2; exit 2 ;;
esac
url="${KB_OPENSEARCH_URL:-http://127.0.0.1:9200}"
kb="$here/../kb"
"$kb" index --corpus /tmp/medquad/corpus --index "$index" $vectors | head -1
"$kb" index --corpus /tmp/medquad/corpus $vectors --engine opensearch --opensearch-url "$url" --opensearch-prefix "$prefix" | head -1
"$kb" serve --corpus /tmp/medquad/corpus --index "$index" --cache-mb 0 --port 7071 >/tmp/engines-embedded.log 2>&1 &
embedded=$!
"$kb" serve --corpus /tmp/medquad/corpus --engine opensearch --opensearch-url "$url" --opensearch-prefix "$prefix" \
  --cache-mb 0 --port 7072 >/tmp/engines-opensearch.log 2>&1 &
opensearch=$!
trap 'kill $embedded $opensearch 2>/dev/null || true' EXIT
for port in 7071 7072; do
  for _ in $(seq 1 60); do curl -fs "http://127.0.0.1:$port/api/health" >/dev/null && break; sleep 1; done
done
export KB_QUESTIONS=/tmp/medquad/questions.txt
# Prints requests/s, p50 and p99 of one wrk run: 16 connections, questions FROM to FROM+COUNT.
run() { # port from count seconds
  KB_FROM="$2" KB_COUNT="$3" KB_MODE="$mode" wrk -t2 -c16 -d"$4s" --timeout 10s --latency -s "$here/search.lua" \
    "http://127.0.0.1:$1" | awk '/Requests\/sec/ {r=$2} /^ +50%/ {p50=$2} /^ +99%/ {p99=$2} /Non-2xx/ {bad=$5}
    END {printf "%8s req/s  p50 %8s  p99 %8s  non-2xx %s\n", r, p50, p99, bad + 0}'
}
echo "warm-up: 20 s of the 300 rotating questions on each" >&2
run 7071 0 300 20 >/dev/null
run 7072 0 300 20 >/dev/null
# Distinct questions: each round and engine takes its own slice, so no answer is ever computed twice.
from=300
for round in $(seq 1 "$rounds"); do
  for engine in embedded:7071 opensearch:7072; do
    printf "round %d %-10s " "$round" "${engine%%:*}"
    run "${engine##*:}" "$from" 2000 "$seconds"
    from=$((from + 2000))
  done
done
