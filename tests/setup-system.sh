#!/usr/bin/env bash
# Installs the Debian packages that `npm test` runs beside Node: Chromium and
# poppler-utils (the PDF export is printed and read back), a font with Cyrillic
# glyphs, pandoc (citations with the exported CSL-JSON) and xmllint (well-formed
# TBX). Root only; a non-root user must have installed them already.
set -euo pipefail
need=()
command -v chromium >/dev/null || need+=(chromium)
command -v pdfinfo >/dev/null || need+=(poppler-utils)
[ -e /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || need+=(fonts-dejavu-core)
command -v pandoc >/dev/null || need+=(pandoc)
command -v xmllint >/dev/null || need+=(libxml2-utils)
if [ ${#need[@]} -eq 0 ]; then
  echo "system packages of the tests: already installed"
  exit 0
fi
if [ "$(id -u)" != 0 ]; then
  echo "missing Debian packages (${need[*]}): run this script as root, or install them" >&2
  exit 1
fi
echo "apt-get install ${need[*]}"
export DEBIAN_FRONTEND=noninteractive
timeout 600 apt-get update -qq
timeout 1200 apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
