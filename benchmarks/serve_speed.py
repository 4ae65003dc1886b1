"""The live preview: from saving a page to `whitepaper serve` serving it rebuilt.

Goal (issue 17): a one-page edit on 200 pages / 2,000 entries served within 1 s of the save.
`whitepaper serve` runs in a fresh process on the project's own site (its docs/ and bib/ with
its mkdocs.yml and theme, `pdf: false`) and on the benchmark corpus; after the first build, each run
appends a sentence of its own to one page and times the write until an HTTP GET of that page
returns HTML holding it (polled every 10 ms). The baseline is a warm `mkdocs build` of the
same site, measured after the server has stopped (the ratio: the edit's share of a rebuild).

Fixed latency in what is timed: MkDocs' server looks for changes every 0.5 s (the plugin makes
it 0.1 s), waits for 0.1 s without changes before it builds, and holds every request until the
build has ended, so all of the build counts (the search index, made after it, does not).
"""

from __future__ import annotations

import argparse
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from benchmarks.corpus import Corpus, generate
from benchmarks.measure import WHITEPAPER, Runs, Section, mkdocs_build, users_environment
from benchmarks.site_speed import ROOT, as_site
from whitepaper.plugin import INDEXED  # what the plugin logs once the search index follows

SIZE, QUICK_SIZE = (200, 2000), (20, 200)  # pages, entries
OWN_SOURCES = ("docs", "bib")
OWN_PAGE = "docs/massagetherapie/index.md"  # a paper with citations and a reference list
CORPUS_PAGE = "docs/paper-0002/page-03.md"  # a page of a paper, not its index
POLL = 0.01  # seconds between GETs
FIRST_BUILD = 900.0  # seconds the first build may take before the run fails
REBUILD = 120.0
SETTLE = 20.0  # seconds to wait for the first search index, where it comes after the build
BUILT = "Reloading browsers"  # what MkDocs' server logs after each build it serves


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def page_url(port: int, page: str) -> str:
    path = Path(page).relative_to("docs").with_suffix("")
    folder = path.parent if path.name == "index" else path
    address = "" if str(folder) == "." else f"{folder.as_posix()}/"
    return f"http://127.0.0.1:{port}/{address}"


def get(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as answer:
            return str(answer.read().decode("utf-8", errors="replace"))
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


class Server:
    """`whitepaper serve` in a fresh process, its log read to count the builds it served."""

    def __init__(self, root: Path, config: str, port: int) -> None:
        command = [sys.executable, "-c", WHITEPAPER, "serve", "-a", f"127.0.0.1:{port}"]
        self.process = subprocess.Popen(
            [*command, "-f", config],
            cwd=root,
            env=users_environment(),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        self.builds, self.indexed, self.log = 0, 0, list[str]()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.process.stderr is not None
        for line in self.process.stderr:
            self.log.append(line)
            self.builds += BUILT in line
            self.indexed += INDEXED in line

    def wait_for(self, condition: Callable[[], bool], timeout: float, what: str) -> None:
        deadline = time.perf_counter() + timeout
        while not condition():
            if self.process.poll() is not None or time.perf_counter() > deadline:
                raise RuntimeError(f"whitepaper serve: {what}:\n{''.join(self.log)[-3000:]}")
            time.sleep(POLL)

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


@contextmanager
def serving(root: Path, config: str) -> Iterator[tuple[Server, int]]:
    port = free_port()
    server = Server(root, config, port)
    try:
        yield server, port
    finally:
        server.stop()


def edit_and_wait(server: Server, page: Path, url: str) -> float:
    """Append a sentence to `page`: the seconds until `url` serves it; then wait until that
    build has finished (its search index too), so the next run starts from an idle server."""
    builds, indexed = server.builds, server.indexed
    sentence = f"Een meetzin {uuid.uuid4().hex} voor de voorvertoning."
    start = time.perf_counter()
    with page.open("a", encoding="utf-8") as text:
        text.write(f"\n{sentence}\n")
    server.wait_for(lambda: sentence in (get(url) or ""), REBUILD, "de wijziging verscheen niet")
    elapsed = time.perf_counter() - start
    server.wait_for(lambda: server.builds > builds, REBUILD, "de build eindigde niet")
    if indexed:  # the index follows the build (a serve that indexes within it says nothing)
        server.wait_for(lambda: server.indexed > indexed, REBUILD, "de zoekindex bleef uit")
    return elapsed


def measure(
    title: str, root: Path, config: str, page: str, runs: int, goal: float | None
) -> Section:
    """The first build, then `runs` one-page edits under `whitepaper serve`, and a warm build;
    with `goal`, the edit's seconds must be at most that too."""
    section = Section(title)
    with serving(root, config) as (server, port):
        url = page_url(port, page)
        start = time.perf_counter()
        server.wait_for(lambda: get(url) is not None, FIRST_BUILD, "de eerste build mislukte")
        section.add("serve: first build, until the page answers", time.perf_counter() - start)
        with suppress(RuntimeError):  # the first index, where it follows the build
            server.wait_for(lambda: server.indexed > 0, SETTLE, "geen zoekindex erna")
        edits = Runs(tuple(edit_and_wait(server, root / page, url) for _ in range(runs)))
    warm = Runs(tuple(mkdocs_build(root / config, "-q")[0] for _ in range(runs)))
    section.add("warm build", warm)
    section.compare("one-page edit, saved to served / warm build", edits, warm, 0.5, at_least=False)
    if goal is not None:
        section.add("one-page edit, saved to served", edits, goal=goal)
    return section


def own_site(workdir: Path) -> Path:
    """The project's pages and bibliography with its mkdocs.yml and theme (as_site's)."""
    root = workdir / "own"
    shutil.rmtree(root, ignore_errors=True)
    for name in OWN_SOURCES:
        shutil.copytree(ROOT / name, root / name, symlinks=True)
    return as_site(Corpus(root, root / "docs", root / "bib", 0, 0), pdf=False)


def run(args: argparse.Namespace, workdir: Path) -> list[Section]:
    own_config = own_site(workdir)
    own = measure(
        "serve: the project's own site", own_config.parent, "mkdocs.yml", OWN_PAGE, args.runs, None
    )
    pages, entries = QUICK_SIZE if args.quick else SIZE
    corpus = generate(workdir / "corpus", pages, entries)
    title = f"serve: {pages} pages, {entries} entries"
    config = as_site(corpus, pdf=False).name  # serve makes no PDFs; its baseline neither
    return [own, measure(title, corpus.root, config, CORPUS_PAGE, args.runs, 1.0)]
