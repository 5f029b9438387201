#!/usr/bin/env bash
# A/B of running servers in one run: bench/cpu_per_request.sh on each in turn, ROUNDS times,
# so that the machine's load (other sessions on the same cores) falls on all of them alike.
#
#   bench/ab_cpu.sh BODY_FILE DATABASE NAME=URL=PID [NAME=URL=PID ...]
#   ROUNDS=4 CONNECTIONS=16 RUN_SECONDS=6 bench/ab_cpu.sh bench/queries/q2.json lg_serve_bench \
#       before=http://127.0.0.1:18510/graphql=1234 after=http://127.0.0.1:18511/graphql=1240
#
# Each server's DATABASE is the same (PostgreSQL's share is read from its backends there), or
# give NAME=URL=PID=DATABASE, and NAME=URL=PID=DATABASE=BODY_FILE for a server with a body of
# its own (the kit's floor). Prints one line per run, then each server's medians.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
body=$1 db=$2
shift 2
rounds=${ROUNDS:-4} conns=${CONNECTIONS:-16} secs=${RUN_SECONDS:-6}
declare -A lines=()
names=()
for ((r = 1; r <= rounds; r++)); do
  for server in "$@"; do
    IFS== read -r name url pid own_db own_body <<<"$server"
    [[ $r == 1 ]] && names+=("$name")
    out=$("$here/cpu_per_request.sh" "$url" "${own_body:-$body}" "$pid" "${own_db:-$db}" "$conns" "$secs")
    printf '%-10s round %d: %s\n' "$name" "$r" "$out"
    lines[$name]+="$out"$'\n'
  done
done
median() { sort -n | awk '{v[NR] = $1} END {print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }
printf '\n%-10s %12s %22s %26s\n' server "requests/s" "server CPU ms/request" "PostgreSQL CPU ms/request"
for name in "${names[@]}"; do
  rps=$(awk '{print $2}' <<<"${lines[$name]}" | grep . | median)
  cpu=$(awk '{print $5}' <<<"${lines[$name]}" | grep . | median)
  pgc=$(awk '{print $9}' <<<"${lines[$name]}" | grep . | median)
  printf '%-10s %12s %22s %26s\n' "$name" "$rps" "$cpu" "$pgc"
done
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
