#!/usr/bin/env bash
# Import speed on the MedQuAD corpus (bench/medquad-corpus.sh): in interleaved rounds, a full keyword
# import (./kb index --no-vectors --full: reading, parsing, analysis, writing, commit; the time the
# command reports, JVM start excluded), an import with nothing changed, and one edited guide.
#   bench/import.sh [ROUNDS] [CORPUS_DIR]     (defaults 3, /tmp/medquad)
# Works on a copy of the index in $DIR/index-import-bench; prints one line per run.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
rounds="${1:-3}"
dir="${2:-/tmp/medquad}"
index="$dir/index-import-bench"
guide="$(cd "$dir/corpus/guides" && set -- *.html && echo "$1")"
kb() { "$here/../kb" index --corpus "$dir/corpus" --index "$index" "$@"; }
took() { sed -n 's/.* in \([0-9]*\) ms$/\1/p' | head -1; }
rm -rf "$index"
kb --no-vectors > /dev/null
for round in $(seq 1 "$rounds"); do
  out=$(kb --no-vectors --full)
  full=$(echo "$out" | took)
  passages=$(echo "$out" | sed -n 's/^passages: .*(\([0-9]*\) in index)$/\1/p')
  unchanged=$(kb --no-vectors | took)
  # An edited guide: a synthetic sentence appended to its first paragraph, then taken out again.
  cp "$dir/corpus/guides/$guide" /tmp/import-bench-guide.html
  sed -i '0,/<\/p>/s//Synthetic edit by bench\/import.sh.<\/p>/' "$dir/corpus/guides/$guide"
  edited=$(kb --no-vectors | took)
  cp /tmp/import-bench-guide.html "$dir/corpus/guides/$guide"
  kb --no-vectors > /dev/null
  echo "round $round: full keyword import ${full} ms ($passages passages, $(( passages * 1000 / full )) passages/s);" \
       "nothing changed ${unchanged} ms; one edited guide ${edited} ms"
done
echo "index size: $(du -sh "$index" | cut -f1)"
