"""Headless Chromium for the report: a screenshot of a page, or the DOM as the browser built it.

    python -m storyline.report.screenshot PAGE.html OUT.png [--width 1280] [--height 1800]

Uses the system's Chromium (Debian `chromium`, see .ci/install-chromium), with everything that
would reach the network switched off, and a throwaway profile per call.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-default-apps", "--disable-extensions", "--hide-scrollbars", "--mute-audio")


class BrowserError(RuntimeError):
    """Chromium is missing, failed or timed out."""


def find_chromium() -> str | None:
    """The Chromium binary: $STORYLINE_CHROMIUM, else the first of the usual names on PATH."""
    env = os.environ.get("STORYLINE_CHROMIUM")
    if env:
        return env if Path(env).exists() else None
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        found = shutil.which(name)
        if found:
            return found
    return None


def _run(html_path: str | Path, args: list[str], timeout: float) -> subprocess.CompletedProcess:
    binary = find_chromium()
    if binary is None:
        raise BrowserError("no Chromium found (install Debian's `chromium`: .ci/install-chromium)")
    url = Path(html_path).resolve().as_uri()
    with tempfile.TemporaryDirectory(prefix="storyline-chromium-") as profile:
        cmd = [binary, *FLAGS, f"--user-data-dir={profile}", *args, url]
        try:
            done = subprocess.run(cmd, capture_output=True, timeout=timeout, stdin=subprocess.DEVNULL)
        except subprocess.TimeoutExpired as e:
            raise BrowserError(f"Chromium took longer than {timeout:.0f} s on {url}") from e
    if done.returncode != 0:
        tail = done.stderr.decode("utf-8", "replace")[-800:]
        raise BrowserError(f"Chromium exited {done.returncode} on {url}: {tail}")
    return done


def dump_dom(html_path: str | Path, width: int = 1280, height: int = 900, timeout: float = 90,
             settle_ms: int = 0) -> str:
    """The page's DOM after loading, serialized by Chromium (what a user's browser would hold).

    `settle_ms` lets the page's own tasks run that long (virtual time) before the dump. Headless
    Chromium lays a dumped page out at least 500 px wide whatever `width` says; to see a narrower
    layout, load the page in an iframe of that width.
    """
    args = ["--dump-dom", f"--window-size={width},{height}"]
    if settle_ms:
        args.append(f"--virtual-time-budget={settle_ms}")
    done = _run(html_path, args, timeout)
    return done.stdout.decode("utf-8", "replace")


def screenshot(html_path: str | Path, png_path: str | Path, width: int = 1280, height: int = 1800,
               timeout: float = 90) -> Path:
    """A PNG of the page's first `height` pixels at a viewport `width` px wide; returns its path."""
    out = Path(png_path).resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    if out.exists():
        out.unlink()  # so that a stale file never passes for a fresh screenshot
    _run(html_path, [f"--screenshot={out}", f"--window-size={width},{height}"], timeout)
    if not out.exists() or out.stat().st_size == 0:
        raise BrowserError(f"Chromium wrote no screenshot for {html_path}")
    return out


def png_size(path: str | Path) -> tuple[int, int]:
    """(width, height) of a PNG, read from its IHDR chunk."""
    data = Path(path).read_bytes()[:24]
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError(f"{path} is not a PNG")
    return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")


def main(argv: list[str] | None = None) -> int:
    """Command line: screenshot one page."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("page")
    ap.add_argument("png")
    ap.add_argument("--width", type=int, default=1280)
    ap.add_argument("--height", type=int, default=1800)
    a = ap.parse_args(argv)
    path = screenshot(a.page, a.png, a.width, a.height)
    print(f"{path} {png_size(path)[0]}x{png_size(path)[1]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
