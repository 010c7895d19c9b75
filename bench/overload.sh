#!/usr/bin/env bash
# Four times the designed concurrency against a running ./kb serve: 136 clients (the server runs one
# search per core and lets sixteen per core wait: 34 on two cores) asking distinct hybrid questions
# for 60 s, with a health probe every 100 ms; then the server's heap and RSS (KB_PID).
#   bench/overload.sh [CLIENTS] [SECONDS]     (defaults 136, 60; KB_URL, default http://127.0.0.1:7071)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
url="${KB_URL:-http://127.0.0.1:7071}"
. "$here/java.sh"
(cd "$here/.." && mvn -q -B -DskipTests package) && (cd "$here/jmh" && mvn -q -B package)
"$java" -cp "$here/jmh/target/classes:$here/jmh/target/lib/*:$here/../target/kb.jar" org.healthkb.bench.Overload "$url" "${1:-136}" "${2:-60}"
if [ -n "${KB_PID:-}" ]; then
  echo "server RSS $(( $(ps -o rss= -p "$KB_PID") / 1024 )) MB; $("$(dirname "$java")/jcmd" "$KB_PID" GC.heap_info 2>/dev/null | sed -n 2p)"
fi
