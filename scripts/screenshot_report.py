#!/usr/bin/env python3
"""Render an HTML report (e.g. outputs/compare/compare.html) to a PNG with headless Chromium.

    python scripts/screenshot_report.py outputs/compare/compare.html [--out report.png] [--width 1400 --height 3000]

Needs Debian's chromium (`apt-get install -y chromium`). Chromium runs offline: background
networking, component updates and first-run are off, with a throw-away profile.
"""
from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

CANDIDATES = ("/usr/bin/chromium", "chromium", "chromium-browser", "google-chrome")


def find_chromium() -> str:
    for name in CANDIDATES:
        path = shutil.which(name) or (name if Path(name).is_file() else None)
        if path:
            return path
    raise SystemExit("chromium not found: install it with `apt-get install -y chromium`")


def screenshot(html: Path, png: Path, width: int = 1400, height: int = 3000, timeout: float = 120.0) -> Path:
    """Write a PNG of the page's first `height` pixels; returns its path."""
    html, png = html.resolve(), png.resolve()
    png.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="mine-chromium-") as profile:
        cmd = [
            find_chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--no-first-run", "--hide-scrollbars", f"--user-data-dir={profile}",
            f"--screenshot={png}", f"--window-size={width},{height}", html.as_uri(),
        ]
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
    if done.returncode != 0 or not png.is_file():
        raise SystemExit(f"chromium failed ({done.returncode}): {done.stderr.strip()[-2000:]}")
    return png


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("html", type=Path)
    parser.add_argument("--out", type=Path, help="PNG path (default: next to the HTML)")
    parser.add_argument("--width", type=int, default=1400)
    parser.add_argument("--height", type=int, default=3000)
    args = parser.parse_args(argv)
    if not args.html.is_file():
        print(f"no such file: {args.html}", file=sys.stderr)
        return 3
    png = screenshot(args.html, args.out or args.html.with_suffix(".png"), args.width, args.height)
    print(png)
    return 0


if __name__ == "__main__":
    sys.exit(main())
