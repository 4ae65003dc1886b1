"""The MkDocs plugin: the check runs before site/ is touched, and only errors stop a build."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort
from mkdocs.plugins import BasePlugin, PluginCollection

from tests.conftest import build_site

PAGE = "docs/kraken-van-gewrichten/index.md"
# A key no paper of the project uses: the copy keeps the project's own bibliography.
ENTRY = (
    "@article{proefbron2018,\n author = {Stecco, Carla},\n title = {Fascia},\n year = {2018}\n}\n"
)


def append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


@pytest.fixture
def cited_copy(project_copy: Path) -> Path:
    """The project with one entry in bib/ (cited by no page yet: an unused-entry warning)."""
    (project_copy / "bib").mkdir(exist_ok=True)
    (project_copy / "bib" / "test.bib").write_text(ENTRY, encoding="utf-8")
    return project_copy


def test_a_citation_error_stops_the_build_before_site_is_touched(
    cited_copy: Path, caplog: pytest.LogCaptureFixture
) -> None:
    site = cited_copy / "site"
    site.mkdir()
    (site / "previous.html").write_text("the site as it was", encoding="utf-8")
    append(cited_copy / PAGE, "\nMaar niet hier [@proefbrn2018].\n")
    with pytest.raises(Abort):
        build_site(cited_copy / "mkdocs.yml", site)
    assert (site / "previous.html").read_text(encoding="utf-8") == "the site as it was"
    assert sorted(p.name for p in site.iterdir()) == ["previous.html"]
    errors = [r.getMessage() for r in caplog.records if r.levelno == logging.ERROR]
    assert any(
        f"{PAGE}:" in message
        and "error[unknown-key] geen bibliografie-item 'proefbrn2018'" in message
        and "bedoelde u 'proefbron2018'?" in message
        for message in errors
    ), errors


@pytest.mark.slow
def test_warnings_are_logged_but_do_not_fail_a_strict_build(
    cited_copy: Path, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.INFO):
        site = build_site(cited_copy / "mkdocs.yml", cited_copy / "site")
    assert (site / "index.html").is_file()
    infos = [r.getMessage() for r in caplog.records if r.levelno == logging.INFO]
    assert any("warning[unused-entry]" in message for message in infos), infos


def test_a_broken_bibliography_stops_the_build(cited_copy: Path) -> None:
    (cited_copy / "bib" / "broken.bib").write_text("@article{kapot,\n title = {x\n", "utf-8")
    with pytest.raises(Abort):
        build_site(cited_copy / "mkdocs.yml", cited_copy / "site")
    assert not (cited_copy / "site").exists()


@pytest.mark.slow
def test_citation_syntax_that_reaches_the_page_fails_the_build(
    cited_copy: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """The last line of defence: whatever slips past the check, '[@' never reaches a reader.

    The check reports all citation syntax it sees (a '[@' in a raw HTML block is a citation,
    as in pandoc, and shown), so another plugin adds some after it; the guard names the page
    and the first line of its source with such text.
    """
    append(cited_copy / PAGE, "\nFascia is overal [@proefbron2018; x.\n")

    def insert(markdown: str) -> str:  # after the check, into this page only
        added = "\nIngevoegd [@proefbron2018; x.\n" if "# Het kraken" in markdown else ""
        return markdown + added

    with pytest.raises(Abort):
        build_with(cited_copy, insert)
    errors = " ".join(r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR)
    line = (cited_copy / PAGE).read_text(encoding="utf-8").count("\n")  # the appended line
    assert f"{PAGE}:{line}: de pagina toont onverwerkte" in errors
    assert "[@proefbron2018; x" in errors


@pytest.mark.slow
def test_a_cited_page_shows_apa_citations_and_its_reference_list(cited_copy: Path) -> None:
    append(cited_copy / PAGE, "\nFascia is overal [@proefbron2018].\n")
    site = build_site(cited_copy / "mkdocs.yml", cited_copy / "site")
    html = (site / "kraken-van-gewrichten" / "index.html").read_text(encoding="utf-8")
    assert 'data-wp-ref="proefbron2018">Stecco, 2018</a>)' in html
    assert (
        '<div id="ref-proefbron2018" class="csl-entry" role="listitem">Stecco, C. (2018).' in html
    )


@pytest.mark.slow
def test_the_check_cache_lives_beside_mkdocs_yml(cited_copy: Path) -> None:
    build_site(cited_copy / "mkdocs.yml", cited_copy / "site")
    assert list((cited_copy / ".cache" / "whitepaper" / "check").glob("*.msgpack"))


@pytest.mark.slow
def test_editing_a_page_does_not_reformat_the_citations_of_other_papers(
    cited_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The check prunes its own cache folder only: formatted citations survive an edit."""
    from whitepaper.citations import format as citations

    append(cited_copy / PAGE, "\nFascia is overal [@proefbron2018].\n")
    build_site(cited_copy / "mkdocs.yml", cited_copy / "site")
    runs: list[str] = []
    real = citations._pandoc
    monkeypatch.setattr(citations, "_pandoc", lambda *a, **k: runs.append("x") or real(*a, **k))
    append(cited_copy / "docs" / "index.md", "\nEen nieuwe zin op de startpagina.\n")
    build_site(cited_copy / "mkdocs.yml", cited_copy / "site")
    assert runs == []


@pytest.mark.slow
def test_a_check_run_from_the_command_line_shares_its_cache_with_the_build(
    cited_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`whitepaper check` (relative paths, from the project folder) and then a build."""
    from whitepaper import cli

    append(cited_copy / PAGE, "\nFascia is overal [@proefbron2018].\n")
    monkeypatch.chdir(cited_copy)
    assert cli.main(["check"]) == 0
    site = build_site(cited_copy / "mkdocs.yml", cited_copy / "site")
    assert "ref-proefbron2018" in (site / "kraken-van-gewrichten" / "index.html").read_text("utf-8")


@pytest.mark.slow
def test_a_paper_that_cannot_be_printed_fails_the_build_by_name(
    project_copy: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """An image from another host: the site would load it, the PDF may not (no network)."""
    from whitepaper import cli

    append(project_copy / PAGE, "\n![foto](https://example.org/foto.png)\n")
    (project_copy / "site").mkdir()
    (project_copy / "site" / "oud.html").write_text("vorige build", encoding="utf-8")
    monkeypatch.chdir(project_copy)
    assert cli.main(["build"]) == 1
    err = capsys.readouterr().err
    assert "PDF van kraken-van-gewrichten: een bestand kon niet worden geladen" in err, err
    assert "https://example.org/foto.png" in err and "Traceback" not in err
    assert [path.name for path in (project_copy / "site").iterdir()] == ["oud.html"]


def test_mkdocs_serve_makes_no_pdfs_and_links_none() -> None:
    """A live preview must stay quick; `whitepaper pdf` makes the PDFs then."""
    from whitepaper.plugin import WhitepaperPlugin

    plugin = WhitepaperPlugin()
    plugin.load_config({})
    assert plugin.making_pdfs
    plugin.on_startup(command="serve", dirty=False)
    assert not plugin.making_pdfs
    plugin.on_startup(command="build", dirty=False)
    assert plugin.making_pdfs


@pytest.mark.slow
def test_a_finished_build_keeps_only_the_formatted_citations_it_used(cited_copy: Path) -> None:
    """Every edit of a citing paper adds a cache entry; the old ones must not pile up."""
    folder = cited_copy / ".cache" / "whitepaper" / "citations"
    append(cited_copy / PAGE, "\nFascia is overal [@proefbron2018].\n")
    build_site(cited_copy / "mkdocs.yml", cited_copy / "site")
    first = {path.name for path in folder.glob("*.msgpack")}
    append(cited_copy / PAGE, "\nEn hier ook [zie @proefbron2018, p. 3].\n")
    build_site(cited_copy / "mkdocs.yml", cited_copy / "site")
    second = {path.name for path in folder.glob("*.msgpack")}
    assert len(second) == len(first) and first - second and second - first


class _Rewriter(BasePlugin):  # type: ignore[type-arg]
    """Another plugin that changes every page's Markdown, as macro or snippet plugins do."""

    def __init__(self, rewrite: Callable[[str], str]) -> None:
        super().__init__()
        self.rewrite = rewrite

    def on_page_markdown(self, markdown: str, **kwargs: object) -> str:
        return self.rewrite(markdown)


def build_with(project: Path, rewrite: Callable[[str], str]) -> Path:
    """Build with `rewrite` listed before whitepaper in `plugins:` (it would run first)."""
    config = load_config(str(project / "mkdocs.yml"), site_dir=str(project / "site"))
    config.plugins["whitepaper"].config.update({"pdf": False, "search": False})
    plugins = PluginCollection()
    plugins["rewriter"] = _Rewriter(rewrite)
    for name, plugin in config.plugins.items():
        plugins[name] = plugin
    config.plugins = plugins
    build(config)
    return project / "site"


@pytest.mark.slow
def test_citations_are_placed_before_another_plugin_changes_the_text(
    project_copy: Path,
) -> None:
    """The check's offsets are into the page as written: whitepaper's handler runs first."""
    site = build_with(project_copy, lambda markdown: "Ingevoegd.\n\n" + markdown)
    page = (site / "massagetherapie" / "index.html").read_text(encoding="utf-8")
    assert "Ingevoegd." in page and 'class="wp-cite"' in page


@pytest.mark.slow
def test_a_citation_another_plugin_loses_stops_the_build(
    project_copy: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """A plugin that mangles our placeholders must not cost readers their citations silently."""
    with pytest.raises(Abort):
        build_with(project_copy, str.upper)
    errors = [r.getMessage() for r in caplog.records if r.levelno == logging.ERROR]
    assert any("niet elke bronvermelding kwam precies één keer" in e for e in errors), errors


@pytest.mark.slow
def test_a_plain_build_whose_pdfs_fail_says_its_folder_is_incomplete(
    project_copy: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """`mkdocs build` has written the pages when a PDF fails: it must say what is missing."""
    append(project_copy / PAGE, "\n![foto](https://example.org/foto.png)\n")
    with pytest.raises(Abort):
        build_site(project_copy / "mkdocs.yml", project_copy / "site")
    errors = [r.getMessage() for r in caplog.records if r.levelno == logging.ERROR]
    assert any(
        "PDF van kraken-van-gewrichten" in e
        and "de gebouwde site is onvolledig: er ontbreken PDF's of de zoekindex" in e
        for e in errors
    ), errors
