"""Shared fixtures: one built copy of the project's site, and one Chromium, per test session."""

from __future__ import annotations

import ipaddress
import os
import shutil
import socket
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from hypothesis import settings
from mkdocs.commands.build import build
from mkdocs.config import load_config

from tests.browser import CHROMIUM_FLAGS, PHONE, chromium_path, serve

if TYPE_CHECKING:  # imported by the `browser` fixture: the other tests run without Playwright
    from playwright.sync_api import Browser, Page

ROOT = Path(__file__).resolve().parent.parent
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
# Property tests that ask an oracle (pandoc) per example take the profile's number of examples:
# "small" in CI and by default, "large" locally (HYPOTHESIS_PROFILE=large make test). "small"
# draws the same examples every run, so CI judges the change, not the luck of a new example;
# "large" explores, and what it finds becomes a case.
settings.register_profile("small", max_examples=100, derandomize=True)
settings.register_profile("large", max_examples=3000)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "small"))


NETWORK_REFUSED = "the tests never touch the network: only this machine's own servers"


def _is_loopback(host: object) -> bool:
    if host is None or host == "localhost":
        return True
    try:
        return ipaddress.ip_address(str(host).split("%")[0]).is_loopback
    except ValueError:  # a name, not an address
        return False


@pytest.fixture(autouse=True)
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """No test reaches another host; a test's own servers on 127.0.0.1 (the built site for
    Chromium, a bare git remote over file://) are this machine's. Whatever a mock lets
    through, a connection elsewhere fails with NETWORK_REFUSED."""
    connect, getaddrinfo = socket.socket.connect, socket.getaddrinfo

    def guarded_connect(self: socket.socket, address: object) -> None:
        internet = self.family in (socket.AF_INET, socket.AF_INET6)
        if internet and not _is_loopback(address[0] if isinstance(address, tuple) else None):
            raise OSError(NETWORK_REFUSED)
        connect(self, address)

    def guarded_getaddrinfo(host: object, *args: object, **kwargs: object) -> object:
        if not _is_loopback(host):
            raise socket.gaierror(NETWORK_REFUSED)
        return getaddrinfo(host, *args, **kwargs)

    monkeypatch.setattr(socket.socket, "connect", guarded_connect)
    monkeypatch.setattr(socket, "getaddrinfo", guarded_getaddrinfo)


def build_site(config_file: Path, site_dir: Path, cache_dir: Path | None = None) -> Path:
    """Build with MkDocs exactly as `mkdocs build` does (strict comes from mkdocs.yml).

    `cache_dir` replaces the plugin's cache folder (by default `.cache/whitepaper` beside
    mkdocs.yml); a build of the checkout's own mkdocs.yml must name one, so that no test
    writes into the checkout's `.cache/`."""
    config = load_config(str(config_file), site_dir=str(site_dir))
    if cache_dir is not None and "whitepaper" in config.plugins:
        config.plugins["whitepaper"].config.cache_dir = str(cache_dir)
    elif config_file.resolve().parent == ROOT:
        raise ValueError(f"a test build of {config_file} needs a temporary cache_dir")
    build(config)
    return site_dir


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory, shared_pdf_cache: Path) -> Path:
    """The project's own site, built once into a temporary folder with a temporary cache."""
    cache = tmp_path_factory.mktemp("cache")
    (cache / "pdf").symlink_to(shared_pdf_cache)  # its PDFs serve the copies too
    return build_site(ROOT / "mkdocs.yml", tmp_path_factory.mktemp("site"), cache_dir=cache)


@pytest.fixture(scope="session")
def shared_pdf_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One PDF cache for every copy of the project: a copy renders only the papers it changed.

    Safe to share: a PDF is cached under a key of everything it is made of."""
    return tmp_path_factory.mktemp("pdf-cache")


@pytest.fixture
def project_copy(tmp_path: Path, shared_pdf_cache: Path) -> Path:
    """A copy of the project's sources (docs, bib, overrides, mkdocs.yml) to alter in a test."""
    for name in ("docs", "bib", "overrides"):
        if (ROOT / name).exists():
            shutil.copytree(ROOT / name, tmp_path / name)
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    (tmp_path / ".cache" / "whitepaper").mkdir(parents=True)
    (tmp_path / ".cache" / "whitepaper" / "pdf").symlink_to(shared_pdf_cache)
    return tmp_path


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Debian's Chromium driven by Playwright (skipped, or failed in CI, when it is missing)."""
    pytest.importorskip("playwright.sync_api", reason="browser tests need Playwright")
    from playwright.sync_api import sync_playwright

    executable = chromium_path()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def site_url(built_site: Path) -> Iterator[str]:
    """The project's built site served on 127.0.0.1, for the browser tests."""
    with serve(built_site) as url:
        yield url


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    """A fresh desktop page (1280 px, Dutch) in Chromium."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="nl-NL")
    yield context.new_page()
    context.close()


@pytest.fixture
def phone(browser: Browser) -> Iterator[Page]:
    """A fresh phone page (375 px, Dutch) in Chromium."""
    context = browser.new_context(viewport={"width": PHONE, "height": 844}, locale="nl-NL")
    yield context.new_page()
    context.close()
