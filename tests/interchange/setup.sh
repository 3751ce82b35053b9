#!/usr/bin/env bash
# Installs the Debian tools that the interchange tests run: pandoc (citations
# with the exported CSL-JSON) and xmllint (well-formed TBX). Root only; a
# non-root user must have installed them already.
set -euo pipefail
need_apt=()
command -v pandoc >/dev/null || need_apt+=(pandoc)
command -v xmllint >/dev/null || need_apt+=(libxml2-utils)
if [ ${#need_apt[@]} -eq 0 ]; then
  echo "interchange tools: already installed"
  exit 0
fi
if [ "$(id -u)" != 0 ]; then
  echo "missing Debian packages (${need_apt[*]}); run this script as root" >&2
  exit 1
fi
echo "apt-get install ${need_apt[*]}"
export DEBIAN_FRONTEND=noninteractive
timeout 600 apt-get update -qq
timeout 1200 apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
