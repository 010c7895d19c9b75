#!/usr/bin/env bash
# A full import of the MedQuAD corpus (bench/medquad-corpus.sh) with vectors, from an empty index
# folder: when its passages are searchable (the keyword commit), how fast the vectors follow, and
# the same import into a fresh folder again once the vector cache holds every vector.
#   bench/staged.sh [CORPUS_DIR]      (default /tmp/medquad)
# Uses its own vector cache ($DIR/vector-cache-bench, emptied first) and index folders; prints the
# ./kb output with the seconds since the command started in front of each line.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
dir="${1:-/tmp/medquad}"
export KB_VECTOR_CACHE="$dir/vector-cache-bench"
rm -rf "$KB_VECTOR_CACHE" "$dir/index-staged-1" "$dir/index-staged-2"
stamped() { # runs ./kb index into $1 and stamps each output line with the seconds since start
  local start; start=$(date +%s.%N)
  "$here/../kb" index --corpus "$dir/corpus" --index "$1" 2>&1 | while IFS= read -r line; do
    printf '%7.1f s  %s\n' "$(echo "$(date +%s.%N) - $start" | bc)" "$line"
  done
}
echo "== empty index folder, empty vector cache"
stamped "$dir/index-staged-1"
echo "== fresh index folder, every vector in the cache ($(du -sh "$KB_VECTOR_CACHE" | cut -f1))"
stamped "$dir/index-staged-2"
echo "index sizes: $(du -sh "$dir/index-staged-1" | cut -f1), $(du -sh "$dir/index-staged-2" | cut -f1)"
