#!/usr/bin/env bash
# Load test of a running ./kb serve on loopback, in interleaved rounds, as reported in BENCHMARKS.md.
#   bench/load.sh [ROUNDS] [SECONDS]     (defaults 3 and 15; every wrk run is bounded by SECONDS)
# Environment: KB_URL (default http://127.0.0.1:7071; only 127.0.0.1 is accepted), KB_QUESTIONS
# (default /tmp/medquad/questions.txt, from bench/medquad-corpus.sh), KB_PID (the server's pid, to
# report its RSS after the runs), KB_RUNS (which runs, default: health keyword300 hybrid300
# hybridDistinct16 hybridDistinct2; keywordDistinct16 is for a server started with --cache-mb 0), KB_NO_MODE=1 (for builds before keyword mode: send no mode
# parameter, so the "hybrid" runs ask the default).
# Questions: the rotating runs and the warm-up share questions 0-299, so the caches are warm for them;
# each round's hybrid distinct runs take fresh slices from question 300 on (c16: 10 s at most, 3,300
# questions; c2: 5 s, 1,500), so no question is asked twice in the whole benchmark: 3 rounds fit in
# MedQuAD's 14,932. The keyword distinct run rotates through every question from 300 on; it repeats
# questions across rounds, so it measures the engine only on a server without the answer cache
# (./kb serve --cache-mb 0; keyword mode embeds nothing, so no other cache helps it). A line ends with "REPEATS" when a distinct run
# made more requests than its slice holds, i.e. some questions were asked twice.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
rounds="${1:-3}"
seconds="${2:-15}"
url="${KB_URL:-http://127.0.0.1:7071}"
export KB_QUESTIONS="${KB_QUESTIONS:-/tmp/medquad/questions.txt}"
runs="${KB_RUNS:-health keyword300 hybrid300 hybridDistinct16 hybridDistinct2}"
case "$url" in http://127.0.0.1:*) ;; *) echo "load: KB_URL must be http://127.0.0.1:PORT, not $url" >&2; exit 2;; esac
command -v wrk >/dev/null || { echo "load: needs wrk (apt-get install wrk)" >&2; exit 1; }
[ -f "$KB_QUESTIONS" ] || { echo "load: $KB_QUESTIONS is missing; run bench/medquad-corpus.sh" >&2; exit 1; }
total=$(wc -l < "$KB_QUESTIONS")
distinct16=3300
distinct2=1500
next_slice=300

# Prints: requests/s, p50 ms, p99 ms, requests, non-2xx
run_wrk() { # connections, then wrk's remaining arguments
  local connections="$1"; shift
  local output
  output="$(wrk -t2 -c"$connections" -d"${seconds}s" --timeout 10s --latency "$@" 2>&1)"
  awk -v out="$output" 'BEGIN {
    n = split(out, lines, "\n"); rps = 0; p50 = ""; p99 = ""; reqs = 0; bad = 0
    for (i = 1; i <= n; i++) {
      split(lines[i], f, " ")
      if (lines[i] ~ /Requests\/sec/) rps = f[2]
      if (lines[i] ~ /^ +50%/) p50 = f[2]
      if (lines[i] ~ /^ +99%/) p99 = f[2]
      if (lines[i] ~ /requests in/) reqs = f[1]
      if (lines[i] ~ /Non-2xx/) bad = f[5]
      if (lines[i] ~ /Socket errors/) bad = bad "+socket:" lines[i]
    }
    printf "%s %s %s %s %s\n", rps, p50, p99, reqs, bad
  }'
}

search_run() { # name connections from count mode
  local mode="$5"
  [ -z "${KB_NO_MODE:-}" ] || mode=""
  KB_FROM="$3" KB_COUNT="$4" KB_MODE="$mode" run_wrk "$2" -s "$here/search.lua" "$url"
}

distinct_run() { # connections from count limit mode: at most limit seconds, so the slice lasts at up to count/limit req/s
  local saved="$seconds"
  seconds=$(( seconds < $4 ? seconds : $4 ))
  search_run distinct "$1" "$2" "$3" "$5"
  seconds="$saved"
}

# The warm-up asks the rotating questions with pages of every size, so the whole search path runs
# (not only the answer cache) until the JIT has compiled it: the distinct runs rose by a third
# from the first round to the third with a warm-up of cached answers only.
echo "warm-up: 2 x 30 s of the rotating questions, hybrid and keyword, pages of 1 to 50 hits" >&2
saved_seconds="$seconds"; seconds=30
KB_LIMITS=vary search_run warm-up 4 0 300 hybrid >/dev/null
KB_LIMITS=vary search_run warm-up 4 0 300 keyword >/dev/null
seconds="$saved_seconds"

printf "%-5s %-18s %10s %9s %9s %9s %s\n" round run req/s p50 p99 requests non-2xx
for round in $(seq 1 "$rounds"); do
  for run in $runs; do
    case "$run" in
      health) line="$(run_wrk 16 "$url/api/health")";;
      keyword300) line="$(search_run "$run" 16 0 300 keyword)";;
      hybrid300) line="$(search_run "$run" 16 0 300 hybrid)";;
      hybridDistinct16) line="$(distinct_run 16 "$next_slice" "$distinct16" 10 hybrid)"; slice=$distinct16; next_slice=$((next_slice + distinct16));;
      keywordDistinct16) line="$(distinct_run 16 300 $((total - 300)) 10 keyword)"; slice=$((total - 300));;
      hybridDistinct2) line="$(distinct_run 2 "$next_slice" "$distinct2" 5 hybrid)"; slice=$distinct2; next_slice=$((next_slice + distinct2));;
      *) echo "load: unknown run $run" >&2; exit 2;;
    esac
    read -r rps p50 p99 reqs bad <<<"$line"
    note=""
    case "$run" in hybridDistinct*) [ "$reqs" -gt "$slice" ] && note="REPEATS";; esac
    printf "%-5s %-18s %10s %9s %9s %9s %s %s\n" "$round" "$run" "$rps" "$p50" "$p99" "$reqs" "${bad:-0}" "$note"
  done
  [ $((next_slice + distinct16 + distinct2)) -le "$total" ] || { echo "load: out of distinct questions after round $round" >&2; break; }
done
if [ -n "${KB_PID:-}" ]; then
  echo "server RSS after the runs: $(( $(ps -o rss= -p "$KB_PID") / 1024 )) MB"
fi
