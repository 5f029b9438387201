#!/usr/bin/env bash
# LaunchGraph at 10x the data: q1..q3 latency with 200,000 events against 20,000 (medians of
# one-at-a-time requests to both stores in turn, response cache off), and page 1,000 against page 1.
# Needs what bench/run.sh needs (it reuses its 20,000-event data and lg_bench database if
# present). About 1.8 GB of generated data go to bench/out/.
#
#   bench/scale.sh               # EVENTS=200000 ROUNDS=200 (OURS_DB, BIG_DB: database names)
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
out=$here/out
shared=${SHARED_BENCH:-$here/../../shared/bench}
py=${PYTHON:-python3}
[[ -d $py ]] && py=$py/bin/python  # a virtual environment's folder, as bench/run.sh takes
lg=${LAUNCHGRAPH:-launchgraph}
pg=${PG_URL:-postgresql://postgres@127.0.0.1:5432}
big=${EVENTS:-200000}
rounds=${ROUNDS:-200}
port=${LG_PORT:-8001}
pid=""
stop() {  # the servers, and their ports free again
  local p
  for p in $pid; do kill -- "-$p" 2>/dev/null || true; done
  for p in $pid; do for _ in $(seq 100); do kill -0 "$p" 2>/dev/null || break; sleep 0.1; done; done
}
trap stop EXIT
mkdir -p "$out"

load() {  # load N EVENTS into database DB (once: kept if it already holds them)
  local n=$1 db=$2 file=$out/events-$1.jsonl
  [[ -s $file ]] || "$py" "$shared/gen_ll2.py" --events "$n" --out "$file"
  local have
  have=$(psql "$pg/$db" -tAc "select count(*) from event" 2>/dev/null || echo 0)
  if [[ $have != "$n" ]]; then
    psql "$pg/postgres" -qc "DROP DATABASE IF EXISTS $db WITH (FORCE)" -c "CREATE DATABASE $db"
    local start=$SECONDS
    DATABASE_URL=$pg/$db "$lg" ingest -q "$file"
    echo "ingested $n events into $db in $((SECONDS - start)) s" >&2
  fi
}

serve() {  # PORT DB: a server on DB, cache off, in its own process group; prints its pid
  DATABASE_URL=$pg/$2 LAUNCHGRAPH_RESPONSE_CACHE=0 LAUNCHGRAPH_RATE_LIMIT=0 setsid "$lg" serve --port "$1" >/dev/null 2>&1 &
  echo $!
}

up() {  # PORT
  for _ in $(seq 100); do curl -sf "http://127.0.0.1:$1/healthz" >/dev/null && break; sleep 0.2; done
}

small=${OURS_DB:-lg_bench} bigdb=${BIG_DB:-lg_bench_big}
load 20000 "$small"
load "$big" "$bigdb"
# Both stores served at once and asked in turn, request by request (bench/latency.py), so that
# the ratio of the two comes from the same minutes of the machine.
big_port=$((port + 2))
pid="$(serve "$port" "$small") $(serve "$big_port" "$bigdb")"
up "$port"; up "$big_port"
echo "== q1..q3: 20,000 events, then $big events, in turn (load $(cut -d" " -f1-3 /proc/loadavg))"
"$py" "$here/latency.py" --url "http://127.0.0.1:$port/graphql" --url "http://127.0.0.1:$big_port/graphql" --rounds "$rounds"
echo "== page 1 against page 1,000: 20,000 events (load $(cut -d" " -f1-3 /proc/loadavg))"
"$py" "$here/scale.py" --url "http://127.0.0.1:$port/graphql" --rounds "$rounds"
echo "== page 1 against page 1,000: $big events (load $(cut -d" " -f1-3 /proc/loadavg))"
"$py" "$here/scale.py" --url "http://127.0.0.1:$big_port/graphql" --rounds "$rounds"
