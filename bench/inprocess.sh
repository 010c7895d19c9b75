#!/usr/bin/env bash
# In-process benchmark of the query path (JMH): time per question (median, p90, p99) and bytes
# allocated per question, in keyword and hybrid mode, on an index built by ./kb index, and the
# question's embedding alone, the part of hybrid that no index makes cheaper.
#   bench/inprocess.sh [ROUNDS] [INDEX] [QUESTIONS]    (defaults 3, /tmp/medquad/index, /tmp/medquad/questions.txt)
# Each round runs both modes and the embedding in fresh JVMs (2 warm-up and 3 measured iterations
# of 5 s), so they interleave; compare the rounds' medians. The question embedding cache is off: every hybrid
# question is embedded, as a distinct question would be. About 2 minutes a round.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
rounds="${1:-3}"
index="${2:-/tmp/medquad/index}"
questions="${3:-/tmp/medquad/questions.txt}"
[ -d "$index" ] || { echo "inprocess: no index in $index (bench/medquad-corpus.sh, then ./kb index)" >&2; exit 1; }
[ -f "$questions" ] || { echo "inprocess: no questions in $questions (bench/medquad-corpus.sh)" >&2; exit 1; }

. "$here/java.sh"

(cd "$here/.." && mvn -q -B -DskipTests package)
(cd "$here/jmh" && mvn -q -B package)
for round in $(seq 1 "$rounds"); do
  echo "round $round" >&2
  "$java" -cp "$here/jmh/target/classes:$here/jmh/target/lib/*:$here/../target/kb.jar" org.openjdk.jmh.Main 'SearchBenchmark|EmbeddingBenchmark' \
    -f 1 -wi 2 -w 5s -i 3 -r 5s -prof gc -rf text -rff /dev/null \
    -jvmArgs "-Xmx512m --add-modules=jdk.incubator.vector --enable-native-access=ALL-UNNAMED -Dkb.index=$index -Dkb.questions=$questions" \
    2>&1 | grep -E '^(Search|Embedding)Benchmark|^Benchmark' | grep -E 'Benchmark +\(|question +|p0.50|p0.90|p0.99 |alloc.rate.norm' || true
done
