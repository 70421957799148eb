#!/usr/bin/env bash
# Install the real PDF producers the sample generator drives (Debian packages), only when
# missing: Chromium, LibreOffice Writer (no GUI), the TLWG Thai fonts and poppler-utils.
# Idempotent and quiet; `make samples` runs it before `python -m ita.samples`.
set -euo pipefail

need=()
have_cmd() { command -v "$1" >/dev/null 2>&1; }
have_pkg() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"; }

have_cmd chromium || have_cmd chromium-browser || need+=(chromium)
have_cmd soffice || have_cmd libreoffice || need+=(libreoffice-writer-nogui)
have_pkg fonts-thai-tlwg || [ -e /usr/share/fonts/truetype/tlwg/Laksaman.ttf ] || need+=(fonts-thai-tlwg)
have_cmd pdftoppm || need+=(poppler-utils)

if [ ${#need[@]} -eq 0 ]; then
    exit 0
fi

if ! have_cmd apt-get; then
    echo "install-producers: missing ${need[*]} and no apt-get here; install them by hand" >&2
    exit 1
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    if have_cmd sudo; then SUDO="sudo"; else
        echo "install-producers: need root (or sudo) to install ${need[*]}" >&2
        exit 1
    fi
fi
echo "install-producers: installing ${need[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq >/dev/null
$SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
