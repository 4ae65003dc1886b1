"""`whitepaper serve` rebuilds a saved page alone when no other page shows what changed
(whitepaper.live_rebuild): the site it serves is then the same, file for file, as a full
build of the same sources; a save that changes what other pages show rebuilds them too."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.livereload import LiveReloadServer

from whitepaper.commands.serve import dirty_builds_unsaid
from whitepaper.live_rebuild import changed_pages
from whitepaper.plugin import SAVE_POLL, WhitepaperPlugin
from whitepaper.search import Indexing, SearchIndexError

SERVE_URL = "http://127.0.0.1:8000/"
PAGE = "docs/massagetherapie/index.md"  # a paper with citations and a reference list
SECOND = "docs/massagetherapie/tweede.md"  # a page of its own title, no front matter


class Live:
    """MkDocs' serve loop in this process: every build dirty into one site folder, as
    `whitepaper serve` builds (without its HTTP server)."""

    def __init__(self, project: Path) -> None:
        self.project, self.site = project, project / "served"

    def build(self, site: Path | None = None, *, dirty: bool = True) -> WhitepaperPlugin:
        config = load_config(str(self.project / "mkdocs.yml"), site_dir=str(site or self.site))
        plugin = config.plugins["whitepaper"]
        assert isinstance(plugin, WhitepaperPlugin)
        plugin.config.search = False  # Pagefind reads the folder either way: not the question
        if plugin.live != dirty:  # serve starts each plugin once, then builds again and again
            config.plugins.on_startup(command="serve", dirty=dirty)
        config.site_url = SERVE_URL
        with dirty_builds_unsaid():
            build(config, serve_url=SERVE_URL, dirty=dirty)
        return plugin

    def full(self) -> Path:
        """A full serve build of the same sources into a folder of its own."""
        site = self.project / "full"
        self.build(site, dirty=False)
        return site


@pytest.fixture
def live(project_copy: Path) -> Iterator[Live]:
    (project_copy / SECOND).write_text("# Tweede pagina\n\nEen zin.\n", encoding="utf-8")
    served = Live(project_copy)
    served.build()
    yield served
    plugin = load_config(str(project_copy / "mkdocs.yml")).plugins["whitepaper"]
    plugin.on_startup(command="build", dirty=False)  # type: ignore[attr-defined]


def pages(site: Path) -> dict[str, str]:
    return {
        str(path.relative_to(site)): path.read_text(encoding="utf-8")
        for path in sorted(site.rglob("*.html"))
    }


def save(project: Path, page: str, old: str, new: str) -> None:
    path = project / page
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_sentence_added_to_one_page_renders_that_page_alone_and_the_same_site(
    live: Live,
) -> None:
    save(live.project, PAGE, "\n## ", "\nEen nieuwe zin zonder bron.\n\n## ")
    plugin = live.build()
    assert plugin.render_only == {str(live.project / PAGE)}
    served = pages(live.site)
    assert "Een nieuwe zin zonder bron." in served["massagetherapie/index.html"]
    assert served == pages(live.full())


def test_a_new_title_is_in_every_pages_navigation(live: Live) -> None:
    save(live.project, SECOND, "# Tweede pagina", "# Een andere titel")
    plugin = live.build()
    assert plugin.render_only == {str(live.project / SECOND)}  # the content of the others kept
    served = pages(live.site)
    assert "Een andere titel" in served["kraken-van-gewrichten/index.html"]
    assert "Tweede pagina" not in served["kraken-van-gewrichten/index.html"]
    assert served == pages(live.full())


def test_a_source_cited_on_another_page_rebuilds_its_references_and_the_sources_page(
    live: Live,
) -> None:
    key = _cited_key(live.project)
    save(live.project, SECOND, "Een zin.", f"Een zin [@{key}].")
    plugin = live.build()
    assert plugin.render_only is None  # the paper's reference list: on its other page
    served = pages(live.site)
    assert f'id="ref-{key}"' in served["massagetherapie/tweede/index.html"]
    assert key in served["bronnen/index.html"]
    assert served == pages(live.full())


def test_a_changed_front_matter_or_bib_file_is_a_full_build(live: Live) -> None:
    save(live.project, PAGE, 'version: "1.0"', 'version: "1.1"')
    assert live.build().render_only is None
    assert pages(live.site) == pages(live.full())


def test_only_pages_saved_and_nothing_else_may_be_rendered_alone() -> None:
    before = {"docs/a.md": (1, 1), "docs/b.md": (1, 1), "bib/a.bib": (1, 1)}
    assert changed_pages(before, {**before, "docs/a.md": (2, 1)}) == {"docs/a.md"}
    assert changed_pages(before, before) is None
    assert changed_pages(before, {**before, "bib/a.bib": (2, 1)}) is None
    assert changed_pages(before, {**before, "docs/c.md": (1, 1)}) is None
    assert changed_pages(before, {k: v for k, v in before.items() if k != "docs/b.md"}) is None


def _cited_key(project: Path) -> str:
    """The first source the paper's index page cites."""
    text = (project / PAGE).read_text(encoding="utf-8")
    return text.split("[@", 1)[1].split("]", 1)[0].split(";")[0].split(",")[0].strip()


def test_the_server_watches_what_mkdocs_watched_and_the_bibliography_every_tenth_of_a_second(
    project_copy: Path,
) -> None:
    config = load_config(str(project_copy / "mkdocs.yml"))
    server = LiveReloadServer(
        builder=lambda: None, host="127.0.0.1", port=0, root=str(project_copy)
    )
    theme = config.theme.dirs[0]  # the project's overrides/, watched with --watch-theme
    for path in (config.docs_dir, str(config.config_file_path), theme):  # as MkDocs' serve does
        server.watch(path)
    served = config.plugins.on_serve(server, config=config, builder=lambda: None)
    emitters = served.observer.emitters
    assert {emitter.timeout for emitter in emitters} == {SAVE_POLL} == {0.1}
    watched = {Path(emitter.watch.path) for emitter in emitters}
    assert {project_copy / "docs", project_copy / "bib", Path(theme)} <= watched
    assert len(watched) == 4  # and mkdocs.yml (watchdog watches a file through its folder)


def test_the_background_index_says_when_it_is_written_and_why_it_is_not(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text(
        "<html><body data-pagefind-body><p>Een zin</p></body></html>", encoding="utf-8"
    )
    said: list[str] = []
    indexing = Indexing()
    indexing.start(tmp_path, "nl", then=lambda: said.append("klaar"))
    assert indexing.wait() is None
    assert said == ["klaar"] and (tmp_path / "pagefind" / "pagefind-entry.json").is_file()
    indexing.start(tmp_path / "nergens", "nl", then=lambda: said.append("nooit"))
    assert isinstance(indexing.wait(), SearchIndexError)
    assert said == ["klaar"] and indexing.wait() is None  # said once
