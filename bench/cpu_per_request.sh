#!/usr/bin/env bash
# CPU time per request of a running server's processes and of PostgreSQL, under wrk load:
# where a request's time goes, from /proc (utime + stime of the processes, in clock ticks).
#
#   bench/cpu_per_request.sh URL BODY_FILE SERVER_PID DATABASE [CONNECTIONS] [SECONDS]
#
# SERVER_PID: the server's leader process; its children (uvicorn or cluster workers) count too.
# DATABASE: the server's database; PostgreSQL's share is the CPU of the backends connected to it
# (pg_stat_activity), which a pooled server keeps for the whole run.
# Prints requests/s, then the server's and PostgreSQL's CPU milliseconds per request.
set -euo pipefail
url=$1 body=$2 pid=$3 db=$4 conns=${5:-16} secs=${6:-10}
((secs >= 4)) || { echo "SECONDS must be at least 4" >&2; exit 2; }
pg=${PG_URL:-postgresql://postgres@127.0.0.1:5432}
here=$(cd "$(dirname "$0")" && pwd)
shared=${SHARED_BENCH:-$here/../../shared/bench}
tick=$(getconf CLK_TCK)
cpu_of() {  # PIDS... -> total utime+stime ticks
  local total=0 p
  for p in "$@"; do
    [[ -r /proc/$p/stat ]] || continue
    total=$((total + $(awk '{print $14 + $15}' "/proc/$p/stat")))
  done
  echo "$total"
}
server_pids() { echo "$pid" $(pgrep -P "$pid" || true); }
pg_pids() { psql -X -qAt "$pg/$db" -c "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()"; }
# Sampled inside the run (from its 1st second to 1 s before its end): when wrk stops, the
# server discards the connections of the requests it cancels, and their backends' CPU with them.
out_file=$(mktemp)
BODY_FILE=$body wrk -t1 -c"$conns" -d"${secs}s" -s "$shared/anchor/post.lua" "$url" >"$out_file" &
wrk_pid=$!
sleep 1
s0=$(cpu_of $(server_pids)) p0=$(cpu_of $(pg_pids)) t0=$(date +%s.%N)
sleep $((secs - 2))
s1=$(cpu_of $(server_pids)) p1=$(cpu_of $(pg_pids)) t1=$(date +%s.%N)
wait "$wrk_pid"
rps=$(awk '/Requests\/sec/ {print $2}' "$out_file")
rm -f "$out_file"
awk -v rps="$rps" -v s=$((s1 - s0)) -v p=$((p1 - p0)) -v t="$tick" -v dt="$(echo "$t1 - $t0" | bc)" -v la="$(cut -d' ' -f1-3 /proc/loadavg)" \
  'BEGIN {r = rps * dt; printf "requests/s %.1f  server CPU %.2f ms/request  PostgreSQL CPU %.2f ms/request  (load %s)\n", rps, s / t * 1000 / r, p / t * 1000 / r, la}'
