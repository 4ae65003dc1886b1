"""Debian's Chromium, driven by Playwright, against a built site served on localhost."""

from __future__ import annotations

import functools
import os
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:  # Playwright is imported by the tests that drive a browser
    from playwright.sync_api import Page

CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


BROWSERS = ("chromium", "chromium-browser", "google-chrome")
PHONE = 375  # px: the width the phone tests read the site at


def chromium_path() -> str:
    """Debian's Chromium (or $CHROMIUM_PATH); CI must have it, a developer machine may not."""
    path = os.environ.get("CHROMIUM_PATH") or next(filter(None, map(shutil.which, BROWSERS)), None)
    if path:
        return path
    if os.environ.get("CI"):
        pytest.fail("Chromium is missing: .ci/run must `apt-get install -y chromium`")
    pytest.skip("browser tests need Debian's Chromium: `apt-get install -y chromium`")


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def serve(site: Path) -> Iterator[str]:
    """Serve `site` on a free port of 127.0.0.1 for as long as the block runs."""
    handler = functools.partial(QuietHandler, directory=str(site))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def search_results(page: Page, query: str) -> list[str]:
    """Type `query` into the header's search box of the open page (search.js then loads
    Pagefind UI under it); the result links' hrefs."""
    box = page.get_by_role("searchbox", name="Zoeken in de whitepapers").filter(visible=True)
    box.press_sequentially(query)
    message = page.locator(".md-header .pagefind-ui__message").filter(has_text="resulta")
    message.wait_for()
    results = page.locator(".md-header .pagefind-ui__result-link")
    if not message.inner_text().startswith("Geen"):
        results.first.wait_for()  # results render after the count, as their fragments load
    return [link.get_attribute("href") or "" for link in results.all()]
