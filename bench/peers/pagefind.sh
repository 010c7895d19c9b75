#!/usr/bin/env bash
# Pagefind against ./kb index --no-vectors on the same MedQuAD guides, in interleaved rounds, each
# building from nothing: wall time of the whole command (process start included for both), peak
# RSS, and the size of what each writes.
#   bench/peers/pagefind.sh [ROUNDS] [DIR]     (defaults 3, /tmp/medquad; npm install in bench/peers first)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
rounds="${1:-3}"
dir="${2:-/tmp/medquad}"
(cd "$here/../.." && mvn -q -B -DskipTests package)
for round in $(seq 1 "$rounds"); do
  rm -rf "$dir/pagefind-out" "$dir/index-peer"
  pf=$( { /usr/bin/time -f "%e s, %M KB" "$here/node_modules/.bin/pagefind" --site "$dir/corpus/guides" \
        --output-path "$dir/pagefind-out" > /dev/null; } 2>&1 | tail -1)
  kb=$( { /usr/bin/time -f "%e s, %M KB" "$here/../../kb" index --no-vectors --corpus "$dir/corpus" \
        --index "$dir/index-peer" > "$dir/kb-peer.out"; } 2>&1 | tail -1)
  echo "round $round: pagefind $pf, output $(du -sh "$dir/pagefind-out" | cut -f1);" \
       "./kb index --no-vectors $kb ($(sed -n 's/.* in \([0-9]*\) ms$/\1 ms in the JVM/p' "$dir/kb-peer.out" | head -1)), index $(du -sh "$dir/index-peer" | cut -f1)"
done
