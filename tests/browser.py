"""A small driver for Debian's headless Chromium, for tests and benchmarks of the HTML view.

Playwright drives the system browser (`executable_path=/usr/bin/chromium`); it
never downloads one of its own. Each `HeadlessChromium` gets a fresh profile
directory, and its pages run offline with every http(s)/ws request aborted, so
a page that tries to reach the network shows up in `PageVisit.external` and
`PageVisit.failed`. Only the page's own requests are recorded: Chromium itself
pings a few Google hosts at start, which says nothing about the page.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

CHROMIUM = os.environ.get("ERGRAPH_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-default-apps",
    "--disable-extensions",
]


def unavailable_reason() -> str | None:
    """Why the browser tests cannot run here, or None when they can."""
    if not os.access(CHROMIUM, os.X_OK):
        return f"chromium not found at {CHROMIUM} (apt-get install -y chromium)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the playwright package is not installed (pip install playwright; no browser download needed)"
    return None


@dataclass
class PageVisit:
    """One page opened in the browser, with what it asked the network for and what it logged."""

    page: object  # playwright.sync_api.Page
    url: str
    requests: list[str] = field(default_factory=list)
    external: list[str] = field(default_factory=list)  # requests that are neither the page itself nor data:
    failed: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    load_seconds: float = 0.0
    _started: float = 0.0

    def wait_ready(self, timeout_s: float = 60.0) -> float:
        """Wait for the ergraph page to finish its layout; returns seconds since navigation started."""
        self.page.wait_for_function(
            "() => window.ergraph && window.ergraph.ready === true", timeout=timeout_s * 1000, polling=50
        )
        return time.perf_counter() - self._started

    def screenshot(self, path: Path) -> Path:
        self.page.screenshot(path=str(path))
        return path


class HeadlessChromium:
    """`with HeadlessChromium() as browser: visit = browser.open(path)` — one browser, fresh profile."""

    def __init__(self, *, width: int = 1400, height: int = 900) -> None:
        self.width, self.height = width, height
        self._profile: str | None = None
        self._pw = None
        self._browser = None

    def __enter__(self) -> HeadlessChromium:
        from playwright.sync_api import sync_playwright

        self._profile = tempfile.mkdtemp(prefix="ergraph-chromium-")
        self._pw = sync_playwright().start()
        self._context = self._pw.chromium.launch_persistent_context(
            self._profile,
            executable_path=CHROMIUM,
            args=CHROMIUM_ARGS,
            headless=True,
            offline=True,
            viewport={"width": self.width, "height": self.height},
        )
        self._context.route("**/*", _block_network)
        return self

    def __exit__(self, *exc) -> None:
        try:
            self._context.close()
        finally:
            self._pw.stop()
            shutil.rmtree(self._profile, ignore_errors=True)

    def open(self, path: Path, *, wait_until: str = "load") -> PageVisit:
        """Open a local file and record the page's requests, failures and console errors."""
        url = Path(path).resolve().as_uri()
        page = self._context.new_page()
        visit = PageVisit(page=page, url=url)
        page.on("request", lambda r: _record_request(visit, r.url))
        page.on("requestfailed", lambda r: visit.failed.append(f"{r.url} ({r.failure})"))
        page.on("console", lambda m: visit.console_errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: visit.console_errors.append(f"uncaught: {e}"))
        visit._started = time.perf_counter()
        page.goto(url, wait_until=wait_until)
        visit.load_seconds = time.perf_counter() - visit._started
        return visit


def _record_request(visit: PageVisit, url: str) -> None:
    visit.requests.append(url)
    if url != visit.url and not url.startswith("data:"):
        visit.external.append(url)


def _block_network(route) -> None:
    """Let file: and data: through; abort anything that would leave the machine."""
    if route.request.url.startswith(("file:", "data:")):
        route.continue_()
    else:
        route.abort("internetdisconnected")
