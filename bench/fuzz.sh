#!/usr/bin/env bash
# Generated hostile requests against a running ./kb serve (RequestFuzzer, src/test): no 5xx, always
# JSON, every 400 naming what was wrong, and the slowest answer.
#   bench/fuzz.sh [REQUESTS] [SEED]     (defaults 10000, 20261129; KB_URL, default http://127.0.0.1:7071)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
url="${KB_URL:-http://127.0.0.1:7071}"
. "$here/java.sh"
(cd "$here/.." && mvn -q -B -DskipTests package test-compile)
"$java" -cp "$here/../target/test-classes:$here/../target/kb.jar" org.healthkb.web.RequestFuzzer "$url" "${1:-10000}" "${2:-20261129}"
