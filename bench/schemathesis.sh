#!/usr/bin/env bash
# The long schemathesis run: a real server (two workers, the demo dataset, rate limits off)
# fuzzed for MAX_TIME seconds (default 300) with every check schemathesis has for GraphQL.
# schemathesis counts every `errors` entry as a failure (ST113), argument errors by design
# included; what must be zero here is HTTP 5xx answers and INTERNAL_SERVER_ERROR codes,
# counted at the end. Not a test: its summary goes into bench/RESULTS.md by hand.
#   bash bench/schemathesis.sh            # SQLite in a scratch folder
#   DATABASE_URL=postgresql://postgres@127.0.0.1:5432/lg_st bash bench/schemathesis.sh
set -euo pipefail
cd "$(dirname "$0")/.."
PORT=${PORT:-8790}
MAX_TIME=${MAX_TIME:-300}
work=$(mktemp -d)
export DATABASE_URL=${DATABASE_URL:-sqlite:///$work/demo.db}
export LAUNCHGRAPH_RATE_LIMIT=0
.venv/bin/launchgraph serve --demo --workers 2 --port "$PORT" >"$work/serve.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 100); do
  curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && break
  sleep 0.2
done
.venv/bin/st run "http://127.0.0.1:$PORT/graphql" --max-time "$MAX_TIME" --checks all \
  --workers 4 --no-color | tee "$work/st.log" | tail -25 || true
echo "--- server log (warnings and errors) ---"
cat "$work/serve.log"
server_errors=$(grep -cE '^\[5[0-9][0-9]\]' "$work/st.log" || true)
internal=$(grep -c 'INTERNAL_SERVER_ERROR' "$work/st.log" || true)
echo "HTTP 5xx answers: $server_errors; INTERNAL_SERVER_ERROR codes: $internal"
[ "$server_errors" = 0 ] && [ "$internal" = 0 ]
