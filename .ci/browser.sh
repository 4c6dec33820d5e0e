#!/usr/bin/env bash
# Installs what the web console's browser tests drive (docs/console.md): Debian's headless-capable Chromium, its
# chromedriver, and a font with Chinese glyphs (without one, the console's Chinese text renders as boxes in the
# screenshots). Does nothing when all three are there; needs root (or sudo) to install.
set -euo pipefail

missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v chromedriver >/dev/null 2>&1 || missing+=(chromium-driver)
fc-list :lang=zh 2>/dev/null | grep -q . || missing+=(fonts-wqy-microhei)
[ ${#missing[@]} -eq 0 ] && exit 0

echo "browser.sh: installing ${missing[*]}" >&2
as_root=()
[ "$(id -u)" -eq 0 ] || as_root=(sudo)
export DEBIAN_FRONTEND=noninteractive
"${as_root[@]}" apt-get update -qq
"${as_root[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
