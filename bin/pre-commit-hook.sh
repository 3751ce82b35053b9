#!/usr/bin/env bash
# Entry of the pre-commit hook (.pre-commit-hooks.yaml): checks the files that
# pre-commit passes. pre-commit keeps a clone of this repository; the first run
# builds the CLI in that clone (npm ci, npm run build), later runs reuse it.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
if [ ! -f "$here/dist/cli.js" ]; then
  echo "customs-concepts: building the CLI once (npm ci, npm run build)…" >&2
  (cd "$here" && npm ci --no-audit --no-fund --loglevel=error >&2 && npm run --silent build >&2)
fi
exec node "$here/bin/customs-concepts.js" check "$@"
