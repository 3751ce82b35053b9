#!/usr/bin/env bash
# Runs neovim.test.lua in headless Neovim against the built server (dist/server.js).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
command -v nvim >/dev/null || { echo "neovim: nvim not found (run tests/editors/setup.sh)" >&2; exit 1; }
[ -e "$root/dist/server.js" ] || { echo "neovim: dist/server.js missing (npm run build)" >&2; exit 1; }
# --clean: no user config or plugins. `-c 'cquit 2'` runs only if the test file itself
# failed to load: a Lua error inside it is caught and turns into `cquit 1`.
tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
cd "$tmp"
XDG_STATE_HOME="$tmp" XDG_DATA_HOME="$tmp" XDG_CACHE_HOME="$tmp" CC_ROOT="$root" \
  timeout -k 5 "${CC_EDITOR_TIMEOUT:-60}" nvim --headless --clean -n -c "luafile $here/neovim.test.lua" -c 'cquit 2' </dev/null
