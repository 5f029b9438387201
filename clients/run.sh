#!/usr/bin/env bash
# The client suite: real GraphQL clients and tools from npm (pinned by package-lock.json)
# against a live LaunchGraph on loopback, SQLite with the demo data:
#   graphql-http's server audits, Apollo Client paging with relayStylePagination,
#   graphql-codegen types + `tsc --noEmit --strict`, graphql-inspector (validate examples/,
#   diff schema.graphql against the live schema), GraphiQL in headless chromium.
# Usage: clients/run.sh   (LAUNCHGRAPH=path/to/launchgraph, CHROMIUM=path/to/chromium,
#   SCREENSHOT=docs/graphiql.png to refresh the README's screenshot)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
cd "$here"

launchgraph=${LAUNCHGRAPH:-$here/../.venv/bin/launchgraph}
if [ ! -x "$launchgraph" ]; then
  launchgraph=$(command -v launchgraph) || {
    echo "clients: launchgraph is not installed (pip install -e . in the repository)" >&2
    exit 1
  }
fi
export CHROMIUM=${CHROMIUM:-$(command -v chromium || true)}
if [ -z "$CHROMIUM" ]; then
  echo "clients: no chromium for the browser test (Debian: apt-get install chromium)" >&2
  exit 1
fi
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund --loglevel=error >/dev/null
fi

work=$(mktemp -d)
server=""
stop() {
  if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap stop EXIT

port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
export DATABASE_URL="sqlite:///$work/demo.db"
"$launchgraph" demo >/dev/null
"$launchgraph" serve --port "$port" >"$work/serve.log" 2>&1 &
server=$!
base="http://127.0.0.1:$port"
python3 - "$base/healthz" <<'PY'
import sys, time, urllib.request
for _ in range(300):
    try:
        urllib.request.urlopen(sys.argv[1], timeout=2)
        sys.exit(0)
    except OSError:
        time.sleep(0.1)
sys.exit("clients: the server did not answer /healthz")
PY
url="$base/graphql"
echo "clients: LaunchGraph at $url ($("$launchgraph" --version))"

failed=()
step() {
  local name=$1
  shift
  if ! "$@"; then failed+=("$name"); fi
}
inspector_diff() {
  local out
  out=$(node_modules/.bin/graphql-inspector diff ../schema.graphql "$url" 2>&1) || { echo "$out"; return 1; }
  echo "inspector: diff schema.graphql against the live schema: $out"
  # Any change, breaking or not, means schema.graphql is stale.
  [[ "$out" == *"No changes detected"* ]]
}
typecheck() {
  node codegen.mjs "$url" && node_modules/.bin/tsc -p tsconfig.json && echo "tsc: --noEmit --strict ok"
}

step audit node audit.mjs "$url"
step apollo node apollo.mjs "$url"
step codegen typecheck
step inspector-validate node_modules/.bin/graphql-inspector validate '../examples/*.graphql' ../schema.graphql
step inspector-diff inspector_diff
step browser node browser.mjs "$base" "${SCREENSHOT:-$work/graphiql.png}"

if [ ${#failed[@]} -gt 0 ]; then
  echo "clients: FAILED: ${failed[*]} (server log: $(tail -n 5 "$work/serve.log"))" >&2
  exit 1
fi
echo "clients: all passed"
