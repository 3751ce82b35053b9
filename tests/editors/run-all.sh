#!/usr/bin/env bash
# Runs every editor test and exits non-zero if any failed:
#   setup (Debian packages, Node 24, code-server: cached, skipped when present),
#   npm run package (production bundles + customs-concepts.vsix),
#   the grammar, Neovim, Emacs + Eglot, code-server extension host, code-server UI,
#   guided authoring in code-server (overview, commands, walkthrough, Russian),
#   and @vscode/test-electron where VSCODE_EXECUTABLE names a desktop VS Code.
# Each test runs under a hard `timeout`; each prints its own "N passed, N failed"
# (exit 77 means skipped, with the reason printed);
# the last line here sums up the runs. Logs and screenshots: test-results/.
#
#   bash tests/editors/run-all.sh            (or: npm run test:editors)
#   CC_SKIP_SETUP=1 CC_SKIP_PACKAGE=1 ...    reuse what is installed and built
#   CC_ONLY="neovim emacs-eglot" ...         run only these
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cd "$root"
mkdir -p test-results

if [ -z "${CC_SKIP_SETUP:-}" ]; then
  timeout -k 10 1800 bash "$here/setup.sh" || { echo "run-all: setup failed" >&2; exit 1; }
fi
if [ -z "${CC_SKIP_PACKAGE:-}" ]; then
  t0=$(date +%s%N)
  timeout -k 10 600 npm run --silent package >test-results/package.log 2>&1 || {
    echo "run-all: npm run package failed:" >&2; tail -n 40 test-results/package.log >&2; exit 1; }
  echo "# npm run package: $(( ($(date +%s%N) - t0) / 1000000 )) ms ($(du -k customs-concepts.vsix | cut -f1) KB)"
fi

passed=0
failed=0
skipped=0
summary=()
run() {
  local name="$1" limit="$2"; shift 2
  if [ -n "${CC_ONLY:-}" ] && [[ " $CC_ONLY " != *" $name "* ]]; then return; fi
  echo "## $name"
  local t0=$(date +%s%N)
  timeout -k 10 "$limit" "$@"
  local rc=$?
  local ms=$(( ($(date +%s%N) - t0) / 1000000 ))
  [ $rc -eq 124 ] && echo "not ok - $name: killed after the hard limit of $limit s"
  if [ $rc -eq 0 ]; then passed=$((passed + 1)); summary+=("ok - $name ($ms ms)")
  elif [ $rc -eq 77 ]; then skipped=$((skipped + 1)); summary+=("skip - $name")
  else failed=$((failed + 1)); summary+=("not ok - $name ($ms ms, exit $rc)"); fi
}

run grammar 60 node "$here/grammar.mjs"
run neovim 90 bash "$here/neovim.sh"
run emacs-eglot 90 bash "$here/emacs-eglot.sh"
run vscode-host 180 node "$here/vscode-host.mjs"
# The UI test runs three times in a row (CC_UI_RUNS): a step that fails once in three is a defect to fix.
for _ in $(seq "${CC_UI_RUNS:-3}"); do run vscode-ui 300 node "$here/vscode-ui.mjs"; done
run vscode-preview 300 node "$here/vscode-preview.mjs"
run vscode-authoring 360 node "$here/vscode-authoring.mjs"
run vscode-electron 300 node "$here/vscode-electron.mjs"

# Nothing that a test started may outlive it (code-server, Chromium, language servers).
leftover=$(pgrep -af "cc-code-server-|cc-chromium-" || true)
if [ -n "$leftover" ]; then
  echo "run-all: processes left running by the editor tests:" >&2; echo "$leftover" >&2
fi

echo "## summary"
printf '%s\n' "${summary[@]}"
echo "editor tests: $passed passed, $failed failed, $skipped skipped"
[ $failed -eq 0 ]
