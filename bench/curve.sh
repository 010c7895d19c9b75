#!/usr/bin/env bash
# The cost curve: for synthetic corpora of the given sizes (bench/synthetic-corpus.py), a keyword
# import from nothing (time in the JVM, wall time, peak RSS, index size) with the heap given, then
# keyword search in-process (JMH SearchBenchmark: median and p99 per question).
#   bench/curve.sh HEAP PASSAGES...     e.g. bench/curve.sh 512m 100000; bench/curve.sh 3g 1000000
# Corpora go to /tmp/synN; MedQuAD's own 39,492 passages are the first point (bench/import.sh).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
heap="$1"; shift
for passages in "$@"; do
  dir="/tmp/syn$passages"
  [ -d "$dir/corpus" ] || "$here/synthetic-corpus.py" "$passages" "$dir" > /dev/null
  rm -rf "$dir/index"
  wall=$( { KB_HEAP="$heap" /usr/bin/time -f "%e s wall, peak RSS %M KB" "$here/../kb" index --no-vectors \
           --corpus "$dir/corpus" --index "$dir/index" > "$dir/import.out"; } 2>&1 | tail -1)
  echo "$passages passages, heap $heap: import $(sed -n 's/.* in \([0-9]*\) ms$/\1 ms in the JVM/p' "$dir/import.out" | head -1), $wall; index $(du -sh "$dir/index" | cut -f1)"
done
