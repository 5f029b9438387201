#!/usr/bin/env bash
# LaunchGraph against the reference GraphQL server (PostGraphile 4, from shared/bench/anchor) on
# the same 20,000 generated LL2 events, in one run, from nothing:
#
#   1. check the tools;  2. generate the data into bench/out/ (once);
#   3. recreate the scratch databases lg_bench (ours) and anchor (reference) and load both;
#   4. start both servers at one process each, check that q1..q3 return the same data,
#      run shared/bench/anchor/compare.sh; 5. the same at two processes each;
#   6. print both compare.sh tables. Every server started here is stopped on exit.
#
#   bench/run.sh                         # ROUNDS=2 BENCH_SECONDS=8: about 8 minutes
#   ROUNDS=3 BENCH_SECONDS=10 bench/run.sh
#   CHECK_ONLY=1 bench/run.sh            # load, start at one process, check q1..q3, stop
#
# Settings (environment): ROUNDS, BENCH_SECONDS (SECONDS=N works too, see below), WARMUP_SECONDS,
# LAUNCHGRAPH (the CLI), PYTHON (an interpreter or a venv folder), PG_URL, LG_PORT, ANCHOR_PORT,
# SHARED_BENCH, CHECK_ONLY, INSTALL_TOOLS=1 (apt-get the missing tools). See bench/README.md.

# Bash's own SECONDS counts up from whatever value it inherits, so a caller's SECONDS=N must be
# read on the very first line, before time passes; BENCH_SECONDS is the unambiguous name.
inherited_seconds=$SECONDS
set -euo pipefail
# Job control off (as in any script, but made sure): then a background `setsid CMD` does not
# fork, so $! is CMD itself, the leader of its own process group, which is how we stop it.
set +m

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/.." && pwd)
shared=${SHARED_BENCH:-/work/shared/bench}  # the reference kit: run from where it is, never copied
anchor=$shared/anchor
out=$here/out                               # everything generated (gitignored)
queries=$here/queries                       # our POST bodies q1..q3.json (the GraphQL side's)

events=20000
rounds=${ROUNDS:-2}                         # compare.sh's defaults
secs=${BENCH_SECONDS:-$([[ $inherited_seconds -gt 0 ]] && echo "$inherited_seconds" || echo 8)}
warmup=${WARMUP_SECONDS:-3}

pg=${PG_URL:-postgresql://postgres@127.0.0.1:5432}
ours_db=$pg/lg_bench
ref_db=$pg/anchor
ours_port=${LG_PORT:-8000}
ref_port=${ANCHOR_PORT:-5678}
ours_url=http://127.0.0.1:$ours_port/graphql
ref_url=http://127.0.0.1:$ref_port/graphql
anchor_home=${ANCHOR_HOME:-$HOME/.cache/launchgraph-anchor}  # where run_postgraphile.sh keeps its pid

ours_pid=""   # `launchgraph serve`, started in its own process group
ref_pid=""    # PostGraphile's master process (its cluster workers are its children)
step_pid=""   # a long measuring step (wrk, compare.sh), in its own process group

say() { printf '%s  %s\n' "$(date +%T)" "$*" >&2; }
die() { printf '\nbench/run.sh: %s\n' "$*" >&2; exit 1; }

# --- 1. tools ---------------------------------------------------------------------------------

resolve_python() {
  if [[ -n ${PYTHON:-} && -d $PYTHON ]]; then
    py=$PYTHON/bin/python
  elif [[ -n ${PYTHON:-} ]]; then
    py=$PYTHON
  elif [[ -x $repo/.venv/bin/python ]]; then
    py=$repo/.venv/bin/python
  else
    py=$(command -v python3 || true)
  fi
}

resolve_launchgraph() {
  if [[ -n ${LAUNCHGRAPH:-} ]]; then
    lg=$LAUNCHGRAPH
  elif command -v launchgraph >/dev/null; then
    lg=$(command -v launchgraph)
  elif [[ -n ${py:-} && -x $(dirname "$py")/launchgraph ]]; then
    lg=$(dirname "$py")/launchgraph   # the venv's, when that venv is not on PATH
  else
    lg=""
  fi
}

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

check_tools() {
  local missing=() debs=() tool
  # tool -> Debian package that provides it
  local -A deb=([wrk]=wrk [psql]=postgresql-client [node]=nodejs [npm]=npm [curl]=curl
                [python3]=python3 [setsid]=util-linux)
  for tool in wrk psql node npm curl python3 setsid; do
    command -v "$tool" >/dev/null || { missing+=("$tool"); debs+=("${deb[$tool]}"); }
  done
  if ((${#debs[@]})) && [[ ${INSTALL_TOOLS:-0} == 1 ]]; then
    say "installing ${debs[*]} (INSTALL_TOOLS=1)"
    apt-get update -qq && apt-get install -y -qq "${debs[@]}" >/dev/null
    missing=()
    for tool in wrk psql node npm curl python3 setsid; do
      command -v "$tool" >/dev/null || missing+=("$tool")
    done
  fi
  resolve_python
  [[ -n $py && -x $py ]] || missing+=("python (PYTHON=${PYTHON:-unset}; no $repo/.venv, no python3)")
  resolve_launchgraph
  if [[ -z $lg ]]; then
    missing+=("launchgraph (not on PATH; set LAUNCHGRAPH=/path/to/launchgraph or PYTHON=/path/to/venv)")
  elif ! "$lg" serve --help >/dev/null 2>&1; then
    missing+=("'$lg serve' (that launchgraph has no serve command)")
  fi
  if ((${#missing[@]})); then
    printf 'bench/run.sh: missing:\n' >&2
    printf '  - %s\n' "${missing[@]}" >&2
    ((${#debs[@]})) && printf 'Install with: apt-get update && apt-get install -y %s\n  (or rerun with INSTALL_TOOLS=1)\n' "${debs[*]}" >&2
    exit 1
  fi

  [[ -r $anchor/compare.sh && -r $shared/gen_ll2.py ]] || die "the reference kit is not at $shared (set SHARED_BENCH)"
  psql -X -qAt "$pg/postgres" -c 'SELECT 1' >/dev/null 2>&1 ||
    die "no PostgreSQL answers at $pg (user postgres, trust auth expected; set PG_URL)"
  # Without our three query bodies there is nothing to check or measure: say so before spending
  # minutes on loading data.
  local q
  for q in q1 q2 q3; do
    [[ -s $queries/$q.json ]] ||
      die "MISSING $queries/$q.json: LaunchGraph's POST body for $q (see $queries/README.md); cannot check or benchmark without it"
  done
  # A server we did not start on either port would be measured in place of ours: refuse.
  port_in_use "$ours_port" && die "something already listens on 127.0.0.1:$ours_port; stop it first"
  port_in_use "$ref_port" && die "something already listens on 127.0.0.1:$ref_port; stop it first"
  say "tools ok: launchgraph=$lg python=$py wrk=$(command -v wrk) node=$(node --version)"
  say "ROUNDS=$rounds, BENCH_SECONDS=$secs per wrk run, WARMUP_SECONDS=$warmup"
}

# --- 2. data ----------------------------------------------------------------------------------

prepare_data() {
  data=$out/events-$events.jsonl
  mkdir -p "$out"
  # Written under a temporary name and renamed, so a file that is present is complete.
  if [[ -s $data ]] && [[ $(wc -l <"$data") -eq $events ]]; then
    say "reusing $data"
    return
  fi
  say "generating $events events into $data"
  "$py" "$shared/gen_ll2.py" --events "$events" --out "$data.tmp"
  mv "$data.tmp" "$data"
}

# --- 3. databases -----------------------------------------------------------------------------

recreate_db() {
  # FORCE: a crashed earlier run may have left a connection open.
  psql -X -q -v ON_ERROR_STOP=1 "$pg/postgres" \
    -c "DROP DATABASE IF EXISTS $1 WITH (FORCE)" -c "CREATE DATABASE $1"
}

load_databases() {
  local t0
  recreate_db lg_bench
  recreate_db anchor
  say "ingesting into lg_bench with launchgraph ingest"
  t0=$(date +%s)
  DATABASE_URL=$ours_db "$lg" ingest --quiet "$data"
  # The reference loader ends with ANALYZE; do the same here so both planners have statistics.
  # Without them (autovacuum is off on this machine's PostgreSQL, and lags a bulk load anyway)
  # q1 took about 1 s instead of 20 ms: the run would measure missing statistics, not the server.
  psql -X -q -v ON_ERROR_STOP=1 "$ours_db" -c ANALYZE
  say "  done in $(($(date +%s) - t0)) s (with ANALYZE)"
  say "loading anchor with the reference loader"
  t0=$(date +%s)
  "$py" "$anchor/load.py" --db "$ref_db" "$data"
  say "  done in $(($(date +%s) - t0)) s"
}

# --- 4. servers -------------------------------------------------------------------------------

# Wait until URL answers 200, for at most 60 s, giving up early if the process has died.
wait_http() {
  local name=$1 url=$2 pid=$3 log=$4 _
  for _ in $(seq 120); do
    [[ $(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$url") == 200 ]] && return 0
    kill -0 "$pid" 2>/dev/null || { tail -n 30 "$log" >&2; die "$name exited while starting; log: $log"; }
    sleep 0.5
  done
  tail -n 30 "$log" >&2
  die "$name did not answer 200 at $url within 60 s; log: $log"
}

# Before each start: had the previous server not let go of its port, the health check below
# would be answered by it, and the wrong server measured.
require_free_port() {
  local _
  for _ in $(seq 20); do
    port_in_use "$1" || return 0
    sleep 0.5
  done
  die "127.0.0.1:$1 is still in use; not starting $2 there"
}

start_ours() {
  local workers=$1 log=$out/launchgraph-w$1.log
  require_free_port "$ours_port" LaunchGraph
  say "starting LaunchGraph --workers $workers (response cache off)"
  # setsid: its own process group, so stopping it also stops uvicorn's worker processes.
  LAUNCHGRAPH_RESPONSE_CACHE=0 DATABASE_URL=$ours_db \
    setsid "$lg" serve --host 127.0.0.1 --port "$ours_port" --workers "$workers" >"$log" 2>&1 &
  ours_pid=$!
  wait_http LaunchGraph "http://127.0.0.1:$ours_port/healthz" "$ours_pid" "$log"
}

start_ref() {
  local workers=$1 before=""
  require_free_port "$ref_port" PostGraphile
  say "starting PostGraphile with $workers process(es)"
  # The pid file is rewritten by each start; a pid equal to the old one means this start never
  # got as far as launching node, and that pid is not ours to stop.
  before=$(cat "$anchor_home/postgraphile.pid" 2>/dev/null || true)
  local rc=0
  ANCHOR_WORKERS=$workers ANCHOR_DB=$ref_db ANCHOR_PORT=$ref_port ANCHOR_HOME=$anchor_home \
    setsid "$anchor/run_postgraphile.sh" || rc=$?
  local now
  now=$(cat "$anchor_home/postgraphile.pid" 2>/dev/null || true)
  [[ -n $now && $now != "$before" ]] && ref_pid=$now
  ((rc == 0)) || { tail -n 30 "$anchor_home/postgraphile.log" >&2; die "PostGraphile did not start (npm ci needs the npm registry on first use)"; }
}

# Stop a process group we started: TERM, wait up to 10 s, then KILL.
stop_group() {
  local name=$1 pid=$2 pgid _
  pgid=$(ps -o pgid= -p "$pid" 2>/dev/null | tr -d ' ') || true
  if [[ -z $pgid ]]; then return 0; fi                         # already gone
  if [[ $pgid == "$(ps -o pgid= -p $$ | tr -d ' ')" ]]; then    # never our own group
    kill -TERM "$pid" 2>/dev/null || true
    return 0
  fi
  kill -TERM -- "-$pgid" 2>/dev/null || return 0
  for _ in $(seq 40); do
    kill -0 -- "-$pgid" 2>/dev/null || return 0
    sleep 0.25
  done
  say "$name did not stop within 10 s; killing it"
  kill -KILL -- "-$pgid" 2>/dev/null || true
}

stop_servers() {
  if [[ -n $ours_pid ]]; then stop_group LaunchGraph "$ours_pid"; ours_pid=""; fi
  if [[ -n $ref_pid ]]; then stop_group PostGraphile "$ref_pid"; ref_pid=""; fi
}

# Run a long step (wrk, compare.sh) in its own process group and wait for it. Bash runs a trap
# only between foreground commands, so a TERM arriving during a foreground compare.sh would wait
# minutes; `wait` returns at once instead, and on_exit then stops the step with its wrk.
run_step() {
  local rc=0
  setsid "$@" &
  step_pid=$!
  wait "$step_pid" || rc=$?
  step_pid=""
  return "$rc"
}

on_exit() {
  local rc=$?
  # Nothing may cut the clean-up short: not an error (set -e), nor a write to a closed pipe
  # (SIGPIPE, whose trap would exit again) when stderr has gone away.
  set +e
  trap '' PIPE
  if [[ -n $ours_pid$ref_pid$step_pid ]] && ((rc != 0)); then
    say "exiting with status $rc; stopping what this run started"
  fi
  if [[ -n $step_pid ]]; then stop_group "the running step" "$step_pid"; fi
  stop_servers
  exit "$rc"
}

# --- 5. correctness ---------------------------------------------------------------------------

# The reference's POST bodies, built from its .graphql files exactly as compare.sh builds them.
reference_bodies() {
  mkdir -p "$out/reference"
  local q
  for q in q1 q2 q3; do
    "$py" -c 'import json, sys; print(json.dumps({"query": open(sys.argv[1]).read()}))' \
      "$anchor/queries/$q.graphql" >"$out/reference/$q.json"
  done
}

post() {  # URL BODY_FILE OUT_FILE -> prints the HTTP status
  curl -sS -o "$3" -w '%{http_code}' --max-time 120 -X POST \
    -H 'content-type: application/json' --data-binary "@$2" "$1" || echo "no-answer"
}

check_data() {
  local label=$1 q code failed=0 dir=$out/check-$1
  mkdir -p "$dir"
  say "checking q1..q3 return the same data ($label)"
  for q in q1 q2 q3; do
    code=$(post "$ref_url" "$out/reference/$q.json" "$dir/reference-$q.json")
    [[ $code == 200 ]] || { say "  $q: PostGraphile answered HTTP $code"; failed=1; }
    code=$(post "$ours_url" "$queries/$q.json" "$dir/ours-$q.json")
    [[ $code == 200 ]] || { say "  $q: LaunchGraph answered HTTP $code"; failed=1; }
    "$py" "$here/compare_data.py" --label "$q" "$dir/reference-$q.json" "$dir/ours-$q.json" >&2 ||
      failed=1
  done
  ((failed == 0)) || die "LaunchGraph and PostGraphile disagree (responses in $dir); not benchmarking different answers"
}

# --- 6. throughput ----------------------------------------------------------------------------

# A few seconds of load on each server first, so that neither is measured while still warming
# (V8's JIT, Python's first imports, PostgreSQL's caches); compare.sh itself does not warm up.
warm_up() {
  local q
  for q in q1 q2 q3; do
    run_step env BODY_FILE="$out/reference/$q.json" \
      wrk -t1 -c4 -d"${warmup}s" -s "$anchor/post.lua" "$ref_url" >/dev/null
    run_step env BODY_FILE="$queries/$q.json" \
      wrk -t1 -c4 -d"${warmup}s" -s "$anchor/post.lua" "$ours_url" >/dev/null
  done
}

run_compare() {
  local label=$1
  warm_up
  say "compare.sh, $label: about $((3 * 2 * rounds * 2 * secs)) s"
  run_step "$anchor/compare.sh" "$ours_url" "$queries" "$rounds" "$secs" >"$out/compare-$label.txt"
  cat "$out/compare-$label.txt" >&2
}

# --- main -------------------------------------------------------------------------------------

main() {
  trap on_exit EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM
  trap 'exit 129' HUP
  trap 'exit 141' PIPE   # e.g. `bench/run.sh | head`: still stop the servers

  check_tools
  prepare_data
  load_databases
  reference_bodies

  start_ours 1
  start_ref 1
  check_data 1proc
  if [[ ${CHECK_ONLY:-0} == 1 ]]; then say "CHECK_ONLY=1: stopping here"; return; fi
  run_compare 1proc
  stop_servers

  start_ours 2
  start_ref 2
  check_data 2proc
  run_compare 2proc
  stop_servers

  echo "LaunchGraph vs PostGraphile 4, $events generated events, $(date -u +%FT%TZ)"
  echo "machine: $(nproc) cores; repo $(git -C "$repo" rev-parse --short HEAD 2>/dev/null || echo '?'); ROUNDS=$rounds BENCH_SECONDS=$secs"
  echo
  echo "One process each (LaunchGraph --workers 1, PostGraphile single process), requests/s:"
  cat "$out/compare-1proc.txt"
  echo
  echo "Two processes each (LaunchGraph --workers 2, PostGraphile ANCHOR_WORKERS=2), requests/s:"
  cat "$out/compare-2proc.txt"
}

main "$@"
