#!/usr/bin/env bash
# Runs emacs-eglot.el in batch Emacs (Debian's Emacs 28 + elpa-eglot) against the built server.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
command -v emacs >/dev/null || { echo "emacs-eglot: emacs not found (run tests/editors/setup.sh)" >&2; exit 1; }
[ -e "$root/dist/server.js" ] || { echo "emacs-eglot: dist/server.js missing (npm run build)" >&2; exit 1; }
tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
# HOME in a temporary folder: no user init, no eglot/package state left behind.
HOME="$tmp" CC_ROOT="$root" timeout -k 5 "${CC_EDITOR_TIMEOUT:-60}" emacs --batch -Q -l "$here/emacs-eglot.el" </dev/null 2>"$tmp/stderr" || {
  rc=$?; echo "emacs-eglot: exit $rc; Emacs said:" >&2; tail -n 30 "$tmp/stderr" >&2; exit "$rc"; }
