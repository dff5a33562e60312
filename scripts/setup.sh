#!/usr/bin/env bash
# Installs everything `mine` needs on a fresh Debian/Ubuntu machine: Tesseract with Dutch
# data (system packages), then a virtual environment in .venv with the package and its
# test tools. Safe to run again: what is already there is skipped.
set -euo pipefail
cd "$(dirname "$0")/.."

# Tesseract with Dutch data for OCR; DejaVu fonts so code-made test PDFs can draw ✓ and accents.
# MINE_SETUP_BROWSER=1 adds Chromium for scripts/screenshot_report.py (no test needs it).
SYSTEM_PACKAGES=(tesseract-ocr tesseract-ocr-nld fonts-dejavu-core)
[ "${MINE_SETUP_BROWSER:-0}" = "1" ] && SYSTEM_PACKAGES+=(chromium)
missing=()
for pkg in "${SYSTEM_PACKAGES[@]}"; do
  dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing system packages: ${missing[*]}" >&2
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
fi

PYTHON=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  echo "setup: creating .venv" >&2
  "$PYTHON" -m venv .venv
fi
stamp=.venv/.mine-installed
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
  echo "setup: installing Python packages into .venv" >&2
  .venv/bin/python -m pip install -q --upgrade pip >&2
  .venv/bin/python -m pip install -q -e '.[dev]' >&2
  touch "$stamp"
fi
echo "setup: ready (.venv/bin/mine)" >&2
