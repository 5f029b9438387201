#!/usr/bin/env bash
# Instructions per request of LaunchGraph's ASGI app in process (callgrind's count, which the
# machine's load does not change, unlike CPU seconds), for a query repeated by CONCURRENCY
# loops: the app's Python, the driver and the event loop, without uvicorn's HTTP server.
# Start-up and warm-up run uninstrumented; only the measured requests are counted.
#
#   bench/instructions.sh PYTHON QUERY_JSON [REQUESTS] [CONCURRENCY]
#   DATABASE_URL=postgresql://postgres@127.0.0.1:5432/lg_bench bench/instructions.sh .venv/bin/python bench/queries/q5.json 200 8
#
# LG_APP=create_app measures the app as tests build it (served_app, as `serve` runs it, by
# default). Takes about two minutes (valgrind runs the interpreter 5-50x slower).
set -euo pipefail
py=$1 query=$2 n=${3:-200} c=${4:-8}
here=$(cd "$(dirname "$0")" && pwd)
: "${LAUNCHGRAPH_RESPONSE_CACHE:=0}" "${LAUNCHGRAPH_RATE_LIMIT:=0}"
export LAUNCHGRAPH_RESPONSE_CACHE LAUNCHGRAPH_RATE_LIMIT
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
valgrind --tool=callgrind --instr-atstart=no --callgrind-out-file="$work/cg.%p" \
  "$py" "$here/asgi_requests.py" "$query" "$n" "$c" >"$work/log" 2>&1 &
vg=$!
for _ in $(seq 600); do grep -q READY "$work/log" && break; sleep 1; done
pid=$(awk '/^READY/ {print $2}' "$work/log")
[[ -n $pid ]] || { cat "$work/log" >&2; exit 1; }
callgrind_control -i on "$pid" >/dev/null
touch "/tmp/lg-instructions-go-$pid"
for _ in $(seq 1800); do [[ -e /tmp/lg-instructions-go-$pid.done ]] && break; sleep 1; done
callgrind_control -i off "$pid" >/dev/null
callgrind_control -d "$pid" >/dev/null
rm -f "/tmp/lg-instructions-go-$pid" "/tmp/lg-instructions-go-$pid.done"
wait "$vg"
total=$(callgrind_annotate "$(ls -S "$work"/cg.* | head -1)" | awk '/PROGRAM TOTALS/ {gsub(",", "", $1); print $1}')
echo "$(basename "$query" .json): $((total / n)) instructions/request ($n requests, $c loops, ${LG_APP:-served_app}; $(grep '^CPU' "$work/log"))"
