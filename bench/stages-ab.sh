#!/usr/bin/env bash
# Stage by stage, an earlier build against this one, interleaved: each round starts each build on
# port 7071, warms it up for 40 s, then runs stages.py on 400 distinct questions.
#   bench/stages-ab.sh BEFORE_HOME BEFORE_INDEX [ROUNDS]
# BEFORE_HOME is a built checkout of the earlier commit, e.g.
#   git worktree add /tmp/kb-before 58ad652 && (cd /tmp/kb-before && mvn -q -B -DskipTests package)
# BEFORE_INDEX its index (a copy: builds may differ in how they write one); this build serves
# /tmp/medquad/index. Questions from bench/medquad-corpus.sh; load on 127.0.0.1 only.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
before_home="$1"
before_index="$2"
rounds="${3:-2}"
start_before() {
  (cd "$before_home" && nohup ./kb serve --corpus /tmp/medquad/corpus --index "$before_index" --port 7071 >/tmp/stages-ab-before.log 2>&1 &)
}
start_after() {
  (cd "$here/.." && nohup ./kb serve --corpus /tmp/medquad/corpus --index /tmp/medquad/index --port 7071 >/tmp/stages-ab-after.log 2>&1 &)
}
stop() {
  pkill -f 'kb.jar serve --corpus /tmp/medquad/corpus' || true
  sleep 1
}
for round in $(seq 1 "$rounds"); do
  for build in before after; do
    stop
    "start_$build"
    for _ in $(seq 1 600); do curl -sf http://127.0.0.1:7071/api/health -o /dev/null && break; sleep 0.2; done
    KB_FROM=13000 KB_COUNT=1900 KB_MODE= wrk -t2 -c4 -d40s -s "$here/search.lua" http://127.0.0.1:7071 >/dev/null
    echo "== round $round $build"
    "$here/stages.py" --from $((300 + round * 600)) --count 400
  done
done
stop
