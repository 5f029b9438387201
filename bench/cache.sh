#!/usr/bin/env bash
# The response cache, warm: q1..q3 requests/s at 16 connections with the cache on, side by side
# in the same run with the floor: the kit's floor server (shared/bench/floor, one prepared
# statement per query, wrk at 16 connections on each of q1..q3) when FLOOR_URL names it running,
# else the older one-statement SQL floor of q1 (anchor/queries/floor_q1.sql, pgbench).
# And with the ceiling (bench/ceiling.py: a raw ASGI app answering our own answers' bytes under
# `serve`'s uvicorn settings, WORKERS processes, on LG_PORT + 1): how far a hit is from the
# least a Python app can do per request. CEILING=0 leaves it out.
# Uses the lg_bench and anchor databases bench/run.sh leaves behind (OURS_DB, REF_DB).
#
#   bench/cache.sh                     # BENCH_SECONDS=8
#   FLOOR_URL='http://127.0.0.1:5681/{q}' bench/cache.sh
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
shared=${SHARED_BENCH:-$here/../../shared/bench}
lg=${LAUNCHGRAPH:-launchgraph}
pg=${PG_URL:-postgresql://postgres@127.0.0.1:5432}
port=${LG_PORT:-8002}
secs=${BENCH_SECONDS:-8}
pid="" ceiling_pid=""
answers=$(mktemp -d)
trap '[[ -n $pid ]] && kill -- "-$pid" 2>/dev/null; [[ -n $ceiling_pid ]] && kill -- "-$ceiling_pid" 2>/dev/null; wait 2>/dev/null; rm -rf "$answers"' EXIT
DATABASE_URL=$pg/${OURS_DB:-lg_bench} LAUNCHGRAPH_RESPONSE_CACHE=1 LAUNCHGRAPH_RATE_LIMIT=0 setsid "$lg" serve --port "$port" \
  --workers "${WORKERS:-1}" >/dev/null 2>&1 &
pid=$!
for _ in $(seq 300); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.2; done
rps() { BODY_FILE=$1 wrk -t1 -c16 -d"${secs}s" -s "$shared/anchor/post.lua" "$2" | awk '/Requests\/sec/ {print $2}'; }
for q in q1 q2 q3; do  # warm the cache, and keep the answers for the ceiling
  curl -sf -o "$answers/$q.json" "http://127.0.0.1:$port/graphql" -H 'content-type: application/json' \
    --data-binary "@$here/queries/$q.json"
done
ceiling_port=$((port + 1))
if [[ ${CEILING:-1} != 0 ]]; then
  CEILING_ANSWERS=$answers setsid "${PYTHON:-$(dirname "$(command -v "$lg")")/python}" "$here/ceiling.py" \
    --port "$ceiling_port" --workers "${WORKERS:-1}" >/dev/null 2>&1 &
  ceiling_pid=$!
  for _ in $(seq 300); do curl -sf -o /dev/null -X POST "http://127.0.0.1:$ceiling_port/q1" && break; sleep 0.2; done
fi
if [[ -n ${FLOOR_URL:-} ]]; then
  printf '%-6s %12s %12s %10s' query "cached r/s" "floor r/s" "x floor"
else
  floor=$(pgbench -h 127.0.0.1 -U postgres -n -f "$shared/anchor/queries/floor_q1.sql" -c 4 -j 2 \
    -T "$secs" "${REF_DB:-anchor}" 2>/dev/null | awk '/^tps/ {print $3; exit}')
  printf '%-6s %12s %12s' query "cached r/s" "x q1 floor"
fi
[[ -n $ceiling_pid ]] && printf ' %12s %10s' "ceiling r/s" "x ceiling"
echo
for q in q1 q2 q3; do
  body=$here/queries/$q.json
  r=$(rps "$body" "http://127.0.0.1:$port/graphql")
  if [[ -n ${FLOOR_URL:-} ]]; then
    f=$(rps "$shared/floor/$q.json" "${FLOOR_URL//\{q\}/$q}")
    awk -v q="$q" -v r="$r" -v f="$f" 'BEGIN {printf "%-6s %12.1f %12.1f %10.2f", q, r, f, r / f}'
  else
    awk -v q="$q" -v r="$r" -v f="$floor" 'BEGIN {printf "%-6s %12.1f %12.2f", q, r, r / f}'
  fi
  if [[ -n $ceiling_pid ]]; then
    c=$(rps "$body" "http://127.0.0.1:$ceiling_port/$q")
    awk -v r="$r" -v c="$c" 'BEGIN {printf " %12.1f %10.2f", c, r / c}'
  fi
  echo
done
[[ -n ${FLOOR_URL:-} ]] || echo "q1 SQL floor (pgbench, 4 clients): $floor statements/s"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
