"""Pull-request previews: `whitepaper build --preview N` and `whitepaper preview N`.

One real preview build of the fixture site (module fixture, PDFs from the shared cache) is
read for its address, noindex, banner, stamp and what it leaves out; it is then deployed into
temporary repositories whose gh-pages holds a release and another pull request's preview.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import re
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from pypdf import PdfReader

from tests.conftest import ROOT
from tests.test_publish import environment, fake_release, git, listing, ref
from whitepaper import cli
from whitepaper.publish.ghpages import robots_txt
from whitepaper.publish.preview import (
    PreviewProblem,
    deploy_preview,
    read_preview,
    remove_preview,
)
from whitepaper.publish.preview_comment import changed_papers, comment, escaped, titles_of
from whitepaper.site_version import PREVIEW_MARKER, SiteVersion, preview_marker

if TYPE_CHECKING:
    from playwright.sync_api import Browser

ROOT_URL = "https://example.org/whitepapers/"
PREVIEW = f"{ROOT_URL}pr-preview/pr-12/"
STAMP = "Voorbeeld van pull request #12 — niet gepubliceerd, niet citeren"
ARTIFACTS = Path(__file__).parent / "artifacts"


def run(*args: str) -> tuple[int, str, str]:
    """`whitepaper ARGS` in this process: exit code, stdout, stderr."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = cli.main(list(args))
    return code, out.getvalue(), err.getvalue()


@pytest.fixture(scope="module")
def preview_site(tmp_path_factory: pytest.TempPathFactory, shared_pdf_cache: Path) -> Path:
    """The fixture site as the workflow builds pull request #12: `whitepaper build --preview`."""
    project = tmp_path_factory.mktemp("preview")
    shutil.copytree(ROOT / "tests" / "data" / "site", project, dirs_exist_ok=True)
    shutil.copytree(ROOT / "overrides", project / "overrides")
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    (project / ".cache" / "whitepaper").mkdir(parents=True)
    (project / ".cache" / "whitepaper" / "pdf").symlink_to(shared_pdf_cache)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("WHITEPAPER_SITE_URL", ROOT_URL)
        patch.delenv("MIKE_DOCS_VERSION", raising=False)
        patch.delenv("WHITEPAPER_PREVIEW", raising=False)
        patch.chdir(project)
        code, out, err = run("build", "--preview", "12", "-d", "site")
        assert "WHITEPAPER_PREVIEW" not in os.environ  # set for the build only
    assert code == 0, err
    assert "Voorbeeld van pull request #12 gebouwd in site/" in out
    return project / "site"


def pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


# --- the preview build ---------------------------------------------------------------------


@pytest.mark.slow
def test_every_absolute_address_points_into_the_preview(preview_site: Path) -> None:
    html = (preview_site / "fascia" / "index.html").read_text(encoding="utf-8")
    assert f'<link rel="canonical" href="{PREVIEW}fascia/">' in html
    sitemap = (preview_site / "sitemap.xml").read_text(encoding="utf-8")
    locations = re.findall(r"<loc>([^<]*)</loc>", sitemap)
    assert locations and all(url.startswith(PREVIEW) for url in locations)
    for page in pages(preview_site):
        text = page.read_text(encoding="utf-8")
        for address in re.findall(r'(?:href|src|content)="(https?://[^"]*)"', text):
            if not address.startswith(ROOT_URL):
                continue  # a cited work's address
            assert address.startswith(PREVIEW), (page, address)
    marker = json.loads((preview_site / PREVIEW_MARKER).read_text(encoding="utf-8"))
    assert marker == {"pull_request": 12, "papers": {"fascia": "Fascia in de praktijk"}}


@pytest.mark.slow
def test_a_previews_robots_txt_keeps_every_crawler_out(preview_site: Path) -> None:
    """Its own robots.txt (pages/head.site_robots_txt): no sitemap, nothing allowed; and no
    page of it offers an og:url to share (the address goes with the pull request)."""
    robots = (preview_site / "robots.txt").read_text(encoding="utf-8")
    assert robots == "User-agent: *\nDisallow: /\n"
    for page in pages(preview_site):
        assert 'property="og:url"' not in page.read_text(encoding="utf-8"), page


@pytest.mark.slow
def test_every_page_is_noindex_and_carries_the_banner(preview_site: Path) -> None:
    found = pages(preview_site)
    assert {"index.html", "404.html", "fascia/index.html"} <= {
        page.relative_to(preview_site).as_posix() for page in found
    }
    for page in found:
        text = page.read_text(encoding="utf-8")
        assert '<meta name="robots" content="noindex, nofollow">' in text, page
        banner = text[text.index('<aside class="md-banner md-banner--warning wp-preview"') :]
        banner = banner[: banner.index("</aside>")]
        assert 'aria-label="Voorbeeld"' in banner and 'role="status"' in banner
        assert STAMP in banner, page


@pytest.mark.slow
def test_a_preview_has_no_version_selector_and_nothing_to_cite(preview_site: Path) -> None:
    html = (preview_site / "fascia" / "index.html").read_text(encoding="utf-8")
    config = re.search(r'id="__config" type="application/json">(.*?)</script>', html, re.S)
    assert config and json.loads(config.group(1)).get("version") is None
    assert 'data-md-component="outdated"' not in html and "data-wp-withdrawn" not in html
    assert "citation_" not in html and "application/ld+json" not in html
    assert "wp-citebox" not in html and "Citeer dit whitepaper" not in html
    assert not list(preview_site.rglob("citeer.*"))
    assert "Download als PDF" in html  # the reviewer reads the PDF too


@pytest.mark.slow
def test_every_pdf_page_carries_the_stamp_and_the_cover_no_citation(preview_site: Path) -> None:
    reader = PdfReader(preview_site / "pdf" / "fascia.pdf")
    texts = [" ".join(page.extract_text().split()) for page in reader.pages]
    assert len(texts) > 1 and all(STAMP in text for text in texts), texts
    assert "Citeer als" not in texts[0]


@pytest.mark.slow
def test_the_banner_shows_at_the_top_also_in_print(browser: Browser, preview_site: Path) -> None:
    from tests.browser import serve

    context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="nl-NL")
    page = context.new_page()
    with serve(preview_site) as url:
        page.goto(url + "fascia/")
        banner = page.get_by_role("complementary", name="Voorbeeld")
        assert banner.get_by_role("status").inner_text() == STAMP
        box = banner.bounding_box()
        assert box and box["y"] == 0 and box["height"] > 20
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "preview-banner.png"))
        page.emulate_media(media="print")  # Material hides its banners in print; not this one
        assert banner.is_visible()
    context.close()


# --- reading the folder: untrusted --------------------------------------------------------


def fake_preview(
    folder: Path,
    number: int,
    files: dict[str, str] | None = None,
    titles: dict[str, str] | None = None,
) -> Path:
    """A small folder as `whitepaper build --preview NUMBER` leaves one."""
    folder.mkdir(parents=True)
    (folder / PREVIEW_MARKER).write_text(preview_marker(number, titles), encoding="utf-8")
    for path, text in (files or {"index.html": f"voorbeeld {number}"}).items():
        (folder / path).parent.mkdir(parents=True, exist_ok=True)
        (folder / path).write_text(text, encoding="utf-8")
    return folder


def _marker(text: str) -> Callable[[Path], object]:
    return lambda site: (site / PREVIEW_MARKER).write_text(text, encoding="utf-8")


DAMAGES: list[tuple[str, Callable[[Path], object], str]] = [
    ("link", lambda site: (site / "geheim.html").symlink_to("/etc/passwd"), "symbolische link"),
    ("folder-link", lambda site: (site / "assets").symlink_to("/"), "symbolische link"),
    ("fifo", lambda site: os.mkfifo(site / "pijp"), "geen gewoon bestand"),
    ("space", lambda site: (site / "a b.html").write_text("x"), "een naam die"),
    ("markup", lambda site: (site / "<img>.html").write_text("x"), "een naam die"),
    ("dot-git", lambda site: (site / ".git").mkdir(), "een naam die"),
    ("no-marker", lambda site: (site / PREVIEW_MARKER).unlink(), "ontbreekt"),
    ("other-number", _marker('{"pull_request": 13}'), "van pull request #13, niet van #12"),
    ("not-json", _marker("nee"), "onleesbaar"),
    ("a-bool", _marker('{"pull_request": true}'), "onleesbaar"),
    ("a-string", _marker('{"pull_request": "12"}'), "onleesbaar"),
    ("huge-marker", _marker('{"pull_request": 12, "x": "' + "a" * 70_000 + '"}'), "te groot"),
    ("marker-link", lambda site: _relink(site / PREVIEW_MARKER), "niet te lezen"),
]


def _relink(marker: Path) -> None:
    """The marker a link to a real marker elsewhere: read through no link either."""
    real = marker.parent.parent / "echt.json"
    marker.rename(real)
    marker.symlink_to(real)


@pytest.mark.parametrize(("damage", "said"), [d[1:] for d in DAMAGES], ids=[d[0] for d in DAMAGES])
def test_a_folder_that_is_not_a_clean_preview_is_refused(
    tmp_path: Path, damage: Callable[[Path], object], said: str
) -> None:
    site = fake_preview(tmp_path / "site", 12, {"index.html": "x", "fascia/index.html": "y"})
    damage(site)
    with pytest.raises(PreviewProblem, match=re.escape(said)):
        read_preview(site, 12)


def test_a_folder_larger_than_a_site_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from whitepaper.publish import preview

    site = fake_preview(tmp_path / "site", 12, {"a.html": "x", "b.html": "y", "c.html": "z"})
    monkeypatch.setattr(preview, "MOST_FILES", 3)
    with pytest.raises(PreviewProblem, match="meer dan 3 bestanden"):
        read_preview(site, 12)


def test_a_clean_preview_is_read_whole(tmp_path: Path) -> None:
    site = fake_preview(tmp_path / "site", 12, {"index.html": "x", "fascia/index.html": "y"})
    files = {file.path: file.data for file in read_preview(site, 12)}
    assert files == {PREVIEW_MARKER: preview_marker(12).encode(), "index.html": b"x",
                     "fascia/index.html": b"y"}  # fmt: skip


# --- deploying and removing -----------------------------------------------------------------


@pytest.fixture
def pages_repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A repository whose gh-pages holds release 2026.1 and the preview of pull request #7."""
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q", "-b", "main")
    git(repo, "commit", "-q", "--allow-empty", "-m", "begin")
    with environment(monkeypatch, repo):
        fake_release("2026.1", robots=b"r")
        seven = read_preview(fake_preview(tmp_path / "seven", 7), 7)
        assert deploy_preview("gh-pages", 7, seven, "pr 7")
        yield repo


def others(repo: Path, rev: str = "gh-pages") -> dict[str, str]:
    """Every file of `rev` that is not pull request #12's preview, with its mode and blob."""
    lines = git(repo, "ls-tree", "-r", "--full-tree", rev).splitlines()
    return {line.split("\t")[1]: line.split("\t")[0] for line in lines if "pr-12/" not in line}


@pytest.mark.slow
def test_a_preview_is_one_commit_beside_everything_else(
    pages_repo: Path, preview_site: Path
) -> None:
    before, kept = ref(pages_repo), others(pages_repo)
    code, out, err = run("preview", "12", "--site", str(preview_site))
    assert code == 0, err
    assert git(pages_repo, "rev-list", "--count", f"{before}..gh-pages") == "1"
    assert others(pages_repo) == kept  # the release, versions.json, root files, #7's preview
    files = listing(pages_repo, "gh-pages")
    assert "pr-preview/pr-12/fascia/index.html" in files
    assert "pr-preview/pr-12/pdf/fascia.pdf" in files
    assert set(files.values()) == {"100644"}  # no link, nothing executable
    assert "git push origin gh-pages" in out
    again = run("preview", "12", "--site", str(preview_site))
    assert again[0] == 0 and "geen commit" in again[1]
    assert git(pages_repo, "rev-list", "--count", f"{before}..gh-pages") == "1"


def test_a_preview_replaces_its_own_folder_only(pages_repo: Path, tmp_path: Path) -> None:
    first = fake_preview(tmp_path / "a", 12, {"index.html": "a", "oud.html": "weg"})
    second = fake_preview(tmp_path / "b", 12, {"index.html": "b"})
    deploy_preview("gh-pages", 12, read_preview(first, 12), "a")
    kept = others(pages_repo)
    deploy_preview("gh-pages", 12, read_preview(second, 12), "b")
    files = set(listing(pages_repo, "gh-pages"))
    assert "pr-preview/pr-12/oud.html" not in files and "pr-preview/pr-12/index.html" in files
    assert others(pages_repo) == kept


def test_removing_deletes_only_that_preview(pages_repo: Path, tmp_path: Path) -> None:
    deploy_preview("gh-pages", 12, read_preview(fake_preview(tmp_path / "s", 12), 12), "m")
    kept, before = others(pages_repo), ref(pages_repo)
    code, out, _ = run("preview", "12", "--remove")
    assert code == 0 and "verwijderd" in out
    assert git(pages_repo, "rev-list", "--count", f"{before}..gh-pages") == "1"
    assert others(pages_repo) == kept
    assert not any("pr-12" in path for path in listing(pages_repo, "gh-pages"))
    code, out, _ = run("preview", "12", "--remove")
    assert code == 0 and "niets verwijderd" in out
    assert git(pages_repo, "rev-list", "--count", f"{before}..gh-pages") == "1"
    assert remove_preview("nog-geen-site", 12, "m") is None  # a branch never written
    assert ref(pages_repo, "nog-geen-site") is None


def test_a_release_keeps_the_previews_and_a_preview_the_release(
    pages_repo: Path, tmp_path: Path
) -> None:
    deploy_preview("gh-pages", 12, read_preview(fake_preview(tmp_path / "s", 12), 12), "m")
    previews = git(pages_repo, "rev-parse", "gh-pages:pr-preview")
    fake_release("2026.2", "nieuw", robots=b"r")
    assert git(pages_repo, "rev-parse", "gh-pages:pr-preview") == previews
    release = git(pages_repo, "rev-parse", "gh-pages:2026.2")
    deploy_preview("gh-pages", 3, read_preview(fake_preview(tmp_path / "t", 3), 3), "m")
    assert git(pages_repo, "rev-parse", "gh-pages:2026.2") == release
    assert "Disallow: /whitepapers/pr-preview/\n" in robots_txt(ROOT_URL)


def test_a_refused_folder_leaves_the_branch_as_it_was(pages_repo: Path, tmp_path: Path) -> None:
    site = fake_preview(tmp_path / "s", 12)
    (site / "omgeving.html").symlink_to("/proc/self/environ")
    before = ref(pages_repo)
    code, _, err = run("preview", "12", "--site", str(site))
    assert code == 2 and "omgeving.html is een symbolische link" in err
    assert ref(pages_repo) == before


def test_a_failure_while_writing_puts_the_branch_back(
    pages_repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from mike import git_utils

    before = ref(pages_repo)

    def refuse(self: object, file: object) -> None:
        raise git_utils.GitError("fast-import weigert")

    monkeypatch.setattr(git_utils.Commit, "add_file", refuse)
    with pytest.raises(Exception, match="fast-import weigert"):
        deploy_preview("gh-pages", 12, read_preview(fake_preview(tmp_path / "s", 12), 12), "m")
    assert ref(pages_repo) == before


@pytest.mark.parametrize("number", ["0", "-3", "abc", "012", "1.5", "12a", "99999999999"])
def test_a_bad_pull_request_number_exits_2(number: str) -> None:
    assert run("preview", number, "--remove")[0] == 2
    assert run("build", "--preview", number)[0] == 2


def test_a_preview_and_a_release_cannot_both_be_asked(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MIKE_DOCS_VERSION", "2026.1")
    code, _, err = run("build", "--preview", "12")
    assert code == 2 and "tegelijk gevraagd" in err


# --- the pull request's comment ---------------------------------------------------------------


def test_the_comment_links_the_preview_and_each_changed_paper() -> None:
    files = {"index.html", "fascia/index.html", "pdf/fascia.pdf", "kraken/index.html"}
    site = SiteVersion(ROOT_URL, preview=12)
    assert comment(site, ["fascia", "kraken"], files) == (
        "<!-- whitepaper-preview -->\n"
        "### Voorbeeld van pull request #12\n"
        "\n"
        r"Het voorbeeld staat op [https://example\.org/whitepapers/pr\-preview/pr\-12/]"
        f"({PREVIEW}); het wordt na elke push bijgewerkt (dat kan een paar minuten duren).\n"
        "\n"
        "Gewijzigde whitepapers:\n"
        "\n"
        f"- [fascia]({PREVIEW}fascia/) · [PDF]({PREVIEW}pdf/fascia.pdf)\n"
        f"- [kraken]({PREVIEW}kraken/)\n"
        "\n"
        "> **Niet citeren.** Dit voorbeeld is niet gepubliceerd en verdwijnt als de pull request"
        " sluit; citeer alleen een gepubliceerde versie.\n"
    )
    titled = comment(site, ["fascia"], files, {"fascia": "Fascia *in* de [praktijk](x)"})
    assert rf"- [Fascia \*in\* de \[praktijk\]\(x\)]({PREVIEW}fascia/) · [PDF]" in titled
    empty = comment(site, [], files)
    assert "Deze pull request wijzigt geen whitepaper, alleen andere bestanden." in empty
    assert "Gewijzigde whitepapers" not in empty


@pytest.mark.parametrize(
    ("path", "paper"),
    [
        ("docs/fascia/index.md", "fascia"),
        ("docs/fascia/deel/twee.md", "fascia"),
        ("docs/fascia/figuur.png", "fascia"),
        ("bib/fascia.bib", "fascia"),
        ("docs/index.md", None),  # the home page is no paper
        ("docs/nieuw/index.md", None),  # not in the preview (a paper that does not build)
        ("bib/README.md", None),
        ("README.md", None),
        ("bib/fascia.bib/x", None),
    ],
)
def test_a_changed_path_names_its_paper(path: str, paper: str | None) -> None:
    found = changed_papers([path], {"fascia/index.html"})
    assert found.papers == ([paper] if paper else []) and found.refused == []


@pytest.mark.parametrize(
    "path",
    ["", "../docs/fascia/index.md", "docs/../../etc", "/etc/passwd", "docs/<img>/index.md",
     "docs/fa scia/index.md", "docs/fascia//index.md", "docs/fascia/x\n- [x](javascript:1)"],
)  # fmt: skip
def test_a_path_that_is_not_plain_is_refused(path: str) -> None:
    found = changed_papers([path, "docs/fascia/index.md"], {"fascia/index.html"})
    assert found.refused == [path] and found.papers == ["fascia"]


def test_markdown_is_escaped() -> None:
    assert escaped("a_b*[c](d)<e>`f`") == r"a\_b\*\[c\]\(d\)\<e\>\`f\`"


def test_the_comment_is_written_by_the_command(pages_repo: Path, tmp_path: Path) -> None:
    shutil.copy(ROOT / "mkdocs.yml", pages_repo / "mkdocs.yml")  # its site_url: the root
    shutil.copytree(ROOT / "overrides", pages_repo / "overrides")
    (pages_repo / "docs").mkdir()
    (pages_repo / "bib").mkdir()
    site = fake_preview(
        tmp_path / "s", 12, {"index.html": "x", "fascia/index.html": "y"}, {"fascia": "Fascia"}
    )
    changed = tmp_path / "changed"
    changed.write_bytes(b"docs/fascia/index.md\0--remove\0README.md\0")
    target = tmp_path / "comment.md"
    code, _, err = run(
        "preview", "12", "--site", str(site), "--changed-from", str(changed),
        "--changed", "bib/fascia.bib", "--comment", str(target),
    )  # fmt: skip
    assert code == 0, err
    text = target.read_text(encoding="utf-8")
    assert text.startswith("<!-- whitepaper-preview -->\n")
    assert f"- [Fascia]({PREVIEW}fascia/)\n" in text  # no PDF in this preview: no PDF link
    run("preview", "12", "--remove", "--comment", str(target))
    assert "verwijderd" in target.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("marker", "titles"),
    [
        (preview_marker(3, {"fascia": "Fascia"}), {"fascia": "Fascia"}),
        (preview_marker(3), {}),
        ('{"pull_request": 3}', {}),  # a build before titles: folder names
        ('{"pull_request": 3, "papers": ["x"]}', {}),
        ('{"pull_request": 3, "papers": {"../x": "X", "a": 1, "b": "", "c": "two\\nlines"}}', {}),
        ('{"pull_request": 3, "papers": {"a": "' + "x" * 301 + '"}}', {}),
        ("not json", {}),
    ],
)
def test_titles_come_from_the_marker_or_not_at_all(marker: str, titles: dict[str, str]) -> None:
    """A fork's titles: plain one-line text of a safe folder name, else the folder names it."""
    assert titles_of(marker.encode()) == titles
