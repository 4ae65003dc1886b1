"""`whitepaper publish`: releases on gh-pages in a real temporary git repository.

One repository is published three times and shared by the read-only tests (module fixture):
2026.1, then 2026.2 after one paper's text changed but not its `version`, then 2026.2 again
unchanged. Failing builds run on copies of it, and on a repository without gh-pages. The
rules without a build (names, site_url, root files, the commit logic) are tested on their own.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import ROOT
from whitepaper import cli
from whitepaper.publish import ghpages
from whitepaper.publish.ghpages import cname_problem, release, root_files
from whitepaper.publish.versions import (
    PaperState,
    Release,
    from_property,
    release_problem,
    unchanged_versions,
    version_problem,
)

SITE_URL = "https://example.org/whitepapers/"
KRAKEN, MASSAGE = "kraken-van-gewrichten", "massagetherapie"
ENVIRONMENT = {
    "GIT_AUTHOR_NAME": "Vereniging",
    "GIT_AUTHOR_EMAIL": "redactie@example.org",
    "GIT_AUTHOR_DATE": "2026-01-15T12:00:00+00:00",
    "GIT_COMMITTER_NAME": "Vereniging",
    "GIT_COMMITTER_EMAIL": "redactie@example.org",
    "GIT_COMMITTER_DATE": "2026-01-15T12:00:00+00:00",
    "GIT_CONFIG_GLOBAL": os.devnull,  # no identity or setting of this machine's user
    "GIT_CONFIG_NOSYSTEM": "1",
    "WHITEPAPER_SITE_URL": SITE_URL,
    "NO_MKDOCS_2_WARNING": "1",
}
PAGES = {
    "docs/index.md": "# Whitepapers\n\n<!-- whitepapers -->\n",
    f"docs/{KRAKEN}/index.md": (
        "---\ntitle: Kraken van gewrichten\nversion: '1.0'\ndate: 2026-01\n---\n\n"
        "# Kraken van gewrichten\n\nKraken is onschuldig [@stecco2018].\n"
    ),
    f"docs/{MASSAGE}/index.md": (
        "---\ntitle: Massagetherapie\n---\n\n# Massagetherapie\n\n"
        "Massage ontspant het bindweefsel [@wal2009].\n"
    ),
    "bib/refs.bib": (
        "@book{stecco2018, author = {Stecco, Carla}, title = {Fascia}, year = {2018},"
        " publisher = {Piccin}}\n"
        "@article{wal2009, author = {van der Wal, Jaap}, title = {The architecture of the"
        " connective tissue}, journal = {International Journal of Therapeutic Massage and"
        " Bodywork}, year = {2009}, volume = {2}, pages = {9--23}}\n"
    ),
    ".gitignore": ".cache/\nsite/\n",
}
PLUGIN_LINE = "  - whitepaper:\n"
EDIT = "\nKraken klinkt luid, maar beschadigt het kraakbeen niet.\n"


@dataclass(frozen=True)
class Run:
    code: int
    out: str
    err: str


def git(repo: Path, *args: str) -> str:
    result = subprocess.run(
        ["git", *args], cwd=repo, capture_output=True, text=True, env={**os.environ, **ENVIRONMENT}
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def ref(repo: Path, branch: str = "gh-pages") -> str | None:
    result = subprocess.run(
        ["git", "rev-parse", "--verify", "--quiet", f"refs/heads/{branch}"],
        cwd=repo,
        capture_output=True,
        text=True,
    )
    return result.stdout.strip() or None


def make_repository(folder: Path) -> Path:
    """The tiny corpus of two papers, the project's mkdocs.yml (one PDF worker) and theme,
    committed on main."""
    folder.mkdir(parents=True, exist_ok=True)
    for path, text in PAGES.items():
        (folder / path).parent.mkdir(parents=True, exist_ok=True)
        (folder / path).write_text(text, encoding="utf-8")
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert config.count(PLUGIN_LINE) == 1
    config = config.replace(PLUGIN_LINE, PLUGIN_LINE + "      pdf_workers: 1\n")
    (folder / "mkdocs.yml").write_text(config, encoding="utf-8")
    shutil.copytree(ROOT / "overrides", folder / "overrides")
    git(folder, "init", "-q", "-b", "main")
    git(folder, "add", "-A")
    git(folder, "commit", "-q", "-m", "Bronnen")
    return folder


@contextlib.contextmanager
def environment(mp: pytest.MonkeyPatch, repo: Path) -> Iterator[None]:
    for name, value in ENVIRONMENT.items():
        mp.setenv(name, value)
    for name in ("WHITEPAPER_CNAME", "MIKE_DOCS_VERSION", "SOURCE_DATE_EPOCH"):
        mp.delenv(name, raising=False)
    mp.setenv("PATH", f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}")
    mp.chdir(repo)
    yield


def publish(*args: str) -> Run:
    """`whitepaper publish ARGS` in the current directory, in this process."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = cli.main(["publish", *args])
    return Run(code, out.getvalue(), err.getvalue())


def listing(repo: Path, rev: str) -> dict[str, str]:
    """path -> mode of every entry of `rev`'s tree."""
    lines = git(repo, "ls-tree", "-r", "--full-tree", rev).splitlines()
    return {line.split("\t", 1)[1]: line.split()[0] for line in lines}


def shown(repo: Path, rev: str, path: str) -> str:
    return git(repo, "show", f"{rev}:{path}")


def tree_of(repo: Path, rev: str, path: str) -> str:
    return git(repo, "rev-parse", f"{rev}:{path}")


@dataclass(frozen=True)
class Published:
    repo: Path
    first: Run
    second: Run
    again: Run
    head1: str
    head2: str
    head3: str


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Published]:
    """2026.1; 2026.2 after editing kraken (its version still 1.0); 2026.2 again, unchanged."""
    repo = make_repository(tmp_path_factory.mktemp("published") / "site")
    with pytest.MonkeyPatch.context() as mp, environment(mp, repo):
        first = publish("2026.1")
        head1 = ref(repo)
        with (repo / "docs" / KRAKEN / "index.md").open("a", encoding="utf-8") as page:
            page.write(EDIT)
        git(repo, "commit", "-q", "-am", "Kraken: een zin erbij")
        second = publish("2026.2", "--message", "Voorjaarsversie")
        head2 = ref(repo)
        again = publish("2026.2")
        head3 = ref(repo)
    assert head1 and head2 and head3, (first, second, again)
    yield Published(repo, first, second, again, head1, head2, head3)


# --- the releases --------------------------------------------------------------------------


@pytest.mark.slow
def test_a_release_holds_the_whole_site_under_its_version_and_latest(
    published: Published,
) -> None:
    assert published.first.code == 0, published.first.err
    files = listing(published.repo, published.head1)
    for folder in ("2026.1", "latest"):
        for path in (
            "index.html",
            f"{KRAKEN}/index.html",
            f"{MASSAGE}/index.html",
            f"{KRAKEN}/citeer.bib",
            f"pdf/{KRAKEN}.pdf",
            f"pdf/{MASSAGE}.pdf",
            "pagefind/pagefind.js",
            "sitemap.xml",
        ):
            assert f"{folder}/{path}" in files, f"{folder}/{path}"
    for path in ("index.html", "404.html", "robots.txt", ".nojekyll", "versions.json"):
        assert path in files, path
    assert "CNAME" not in files  # no WHITEPAPER_CNAME
    assert tree_of(published.repo, published.head1, "latest") == tree_of(
        published.repo, published.head1, "2026.1"
    )
    pdf = subprocess.run(
        ["git", "show", f"{published.head1}:2026.1/pdf/{KRAKEN}.pdf"],
        cwd=published.repo,
        capture_output=True,
        check=True,
    ).stdout
    assert pdf.startswith(b"%PDF-")


@pytest.mark.slow
def test_no_symlink_is_ever_committed(published: Published) -> None:
    for commit in git(published.repo, "rev-list", "gh-pages").split():
        modes = set(listing(published.repo, commit).values())
        assert "120000" not in modes, commit


@pytest.mark.slow
def test_one_release_is_one_commit(published: Published) -> None:
    commits = git(published.repo, "rev-list", "gh-pages").split()
    assert commits == [published.head2, published.head1]
    assert git(published.repo, "log", "-1", "--format=%s", published.head2) == "Voorjaarsversie"
    message = git(published.repo, "log", "-1", "--format=%s", published.head1)
    assert message.startswith("Versie 2026.1 gepubliceerd (bron ")
    # The sources' branch is untouched.
    assert git(published.repo, "symbolic-ref", "--short", "HEAD") == "main"
    assert git(published.repo, "status", "--porcelain") == ""


@pytest.mark.slow
def test_versions_json_lists_the_versions_the_alias_and_the_paper_versions(
    published: Published,
) -> None:
    first = json.loads(shown(published.repo, published.head1, "versions.json"))
    assert [(v["version"], v["aliases"]) for v in first] == [("2026.1", ["latest"])]
    papers = first[0]["properties"]["papers"]
    assert papers[KRAKEN]["version"] == "1.0"
    assert papers[MASSAGE]["version"] is None  # none given: none invented
    assert all(len(paper["digest"]) == 64 for paper in papers.values())

    second = json.loads(shown(published.repo, published.head2, "versions.json"))
    assert [(v["version"], v["aliases"]) for v in second] == [
        ("2026.2", ["latest"]),
        ("2026.1", []),
    ]
    before, after = second[1]["properties"]["papers"], second[0]["properties"]["papers"]
    assert before == papers
    assert after[KRAKEN]["digest"] != before[KRAKEN]["digest"]
    assert after[MASSAGE] == before[MASSAGE]


@pytest.mark.slow
def test_the_root_files(published: Published) -> None:
    repo, head = published.repo, published.head2
    assert "url=latest/" in shown(repo, head, "index.html")
    robots = shown(repo, head, "robots.txt")
    assert f"Sitemap: {SITE_URL}latest/sitemap.xml" in robots
    assert "Disallow: /whitepapers/pr-preview/" in robots
    page = shown(repo, head, "404.html")
    assert '<html lang="nl">' in page
    assert 'href="/whitepapers/latest/"' in page  # absolute: served at any depth
    for request in ("src=", "<link", "url(", "@import", "http://", "https://"):
        assert request not in page, request  # self-contained: no request to any host
    assert shown(repo, head, ".nojekyll") == ""


@pytest.mark.slow
def test_the_build_knows_its_version(published: Published) -> None:
    """MIKE_DOCS_VERSION reaches the plugin: the page names its versioned address, while the
    canonical link and the sitemap point at latest/."""
    page = shown(published.repo, published.head1, f"2026.1/{KRAKEN}/index.html")
    assert f"{SITE_URL}2026.1/{KRAKEN}/" in page
    assert f'<link rel="canonical" href="{SITE_URL}latest/{KRAKEN}/">' in page
    sitemap = shown(published.repo, published.head1, "2026.1/sitemap.xml")
    assert f"<loc>{SITE_URL}latest/{KRAKEN}/</loc>" in sitemap


@pytest.mark.slow
def test_a_second_release_leaves_the_first_as_it_was(published: Published) -> None:
    repo = published.repo
    assert published.second.code == 0, published.second.err
    assert tree_of(repo, published.head2, "2026.1") == tree_of(repo, published.head1, "2026.1")
    assert tree_of(repo, published.head2, "latest") == tree_of(repo, published.head2, "2026.2")
    assert tree_of(repo, published.head2, "2026.2") != tree_of(repo, published.head2, "2026.1")
    for path in ("404.html", "robots.txt", ".nojekyll"):
        assert shown(repo, published.head2, path) == shown(repo, published.head1, path)


@pytest.mark.slow
def test_a_changed_text_without_a_new_version_is_a_warning(published: Published) -> None:
    expected = f"{KRAKEN}: de tekst is gewijzigd sinds 2026.1, maar 'version' niet (nog 1.0)"
    assert expected in published.second.err
    assert MASSAGE not in published.second.err.replace(f"docs/{MASSAGE}/index.md", "")
    assert "de tekst is gewijzigd" not in published.first.err


@pytest.mark.slow
def test_republishing_unchanged_makes_no_commit(published: Published) -> None:
    assert published.again.code == 0, published.again.err
    assert published.head3 == published.head2
    assert "geen commit" in published.again.out


# --- failures leave gh-pages as it was ------------------------------------------------------


@pytest.fixture
def copy_of_published(
    published: Published, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Path]:
    """A copy of the published repository (caches too), as the current directory."""
    repo = tmp_path / "site"
    shutil.copytree(published.repo, repo, symlinks=True)
    with environment(monkeypatch, repo):
        yield repo


def append(repo: Path, paper: str, text: str) -> None:
    with (repo / "docs" / paper / "index.md").open("a", encoding="utf-8") as page:
        page.write(text)


@pytest.mark.slow
def test_a_bad_citation_publishes_nothing(copy_of_published: Path) -> None:
    before = ref(copy_of_published)
    append(copy_of_published, KRAKEN, "\nZie ook [@stecco2081].\n")
    run = publish("2026.3")
    assert run.code == 1
    assert "error[unknown-key]" in run.err
    assert "Niets gepubliceerd" in run.err
    assert ref(copy_of_published) == before


@pytest.mark.slow
def test_a_failing_pdf_publishes_nothing(copy_of_published: Path) -> None:
    before = ref(copy_of_published)
    append(copy_of_published, MASSAGE, "\n![Een foto](https://example.org/foto.png)\n")
    run = publish("2026.3")
    assert run.code == 1, run.err
    assert "Publiceren mislukt" in run.err
    assert "gh-pages is niet gewijzigd" in run.err
    assert ref(copy_of_published) == before


@pytest.mark.slow
def test_a_failing_first_release_leaves_no_branch(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = make_repository(tmp_path / "site")
    append(repo, MASSAGE, "\n![Een foto](https://example.org/foto.png)\n")
    with environment(monkeypatch, repo):
        run = publish("2026.1")
    assert run.code == 1, run.err
    assert "Publiceren mislukt" in run.err  # in the build, after the check passed
    assert ref(repo) is None


# --- refused before anything is built -------------------------------------------------------


@pytest.fixture
def repository(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """The corpus in a git repository without gh-pages, as the current directory."""
    repo = make_repository(tmp_path / "site")
    with environment(monkeypatch, repo):
        yield repo


@pytest.mark.parametrize(
    ("name", "said"),
    [
        ("latest", "zo heet de alias die elke nieuwe versie krijgt"),
        ("Latest", "zo heet de alias"),
        ("pr-preview", "voorvertoningen van pull requests"),
        ("pr-12", "voorvertoningen van pull requests"),
        ("..", "geen geldige versienaam"),
        (".", "geen geldige versienaam"),
        (".verborgen", "geen geldige versienaam"),
        ("-f", "geen geldige versienaam"),
        ("2026/1", "geen geldige versienaam"),
        ("2026 1", "geen geldige versienaam"),
        ("versie?", "geen geldige versienaam"),
        ("robots.txt", "een bestand in de hoofdmap van gh-pages"),
        ("404.html", "een bestand in de hoofdmap van gh-pages"),
    ],
)
def test_a_bad_version_name_exits_2(repository: Path, name: str, said: str) -> None:
    run = publish("--", name)
    assert run.code == 2
    assert said in run.err
    assert "Traceback" not in run.err
    assert ref(repository) is None


@pytest.mark.parametrize("site_url", [None, "", "http://127.0.0.1:8000/", "http://localhost/"])
def test_a_local_or_empty_site_url_exits_2(
    repository: Path, monkeypatch: pytest.MonkeyPatch, site_url: str | None
) -> None:
    if site_url is None:  # mkdocs.yml's default: http://127.0.0.1:8000/
        monkeypatch.delenv("WHITEPAPER_SITE_URL")
    else:
        monkeypatch.setenv("WHITEPAPER_SITE_URL", site_url)
    run = publish("2026.1")
    assert run.code == 2
    assert "WHITEPAPER_SITE_URL" in run.err
    assert "geen openbaar adres" in run.err
    assert ref(repository) is None


@pytest.mark.parametrize(
    ("cname", "said"),
    [
        ("https://whitepapers.example.org/", "is een adres, geen hostnaam"),
        ("whitepapers", "is geen hostnaam"),
        ("white_papers.example.org", "is geen hostnaam"),
        ("whitepapers.example.nl", "past niet bij WHITEPAPER_SITE_URL"),
    ],
)
def test_a_bad_cname_exits_2(
    repository: Path, monkeypatch: pytest.MonkeyPatch, cname: str, said: str
) -> None:
    monkeypatch.setenv("WHITEPAPER_CNAME", cname)
    run = publish("2026.1")
    assert run.code == 2
    assert said in run.err


def test_outside_a_repository_exits_2(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path.parent))
    run = publish("2026.1")
    assert run.code == 2
    assert "geen git-repository" in run.err


def test_the_branch_being_worked_on_is_refused(repository: Path) -> None:
    run = publish("2026.1", "--branch", "main")
    assert run.code == 2
    assert "de branch waarop u nu werkt" in run.err


def test_a_committer_without_a_name_is_told_before_the_build(
    repository: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("GIT_COMMITTER_NAME")
    run = publish("2026.1")
    assert run.code == 2
    assert "git config user.name" in run.err
    assert "bouwen" not in run.out


# --- the rules, without a build ------------------------------------------------------------


@pytest.mark.parametrize("name", ["2026.1", "2026.10", "v3", "2026-voorjaar", "1_0", "A.b-c_d"])
def test_clean_version_names_are_accepted(name: str) -> None:
    assert version_problem(name) is None


def releases(*names: str) -> list[Release]:
    """Releases newest first, the first one with the alias latest."""
    return [
        Release(name, frozenset({"latest"} if number == 0 else ()), {})
        for number, name in enumerate(names)
    ]


def test_only_the_newest_version_may_be_published() -> None:
    published = releases("2026.2", "2026.1")
    assert release_problem(published, "2026.3") is None
    assert release_problem(published, "2026.10") is None  # 10 > 2, as numbers
    assert release_problem(published, "2026.2") is None  # the newest, again
    assert "is al gepubliceerd en is niet de nieuwste" in (
        release_problem(published, "2026.1") or ""
    )
    assert "komt vóór de nieuwste versie 2026.2" in (release_problem(published, "2025.4") or "")
    assert release_problem([], "2026.1") is None


def test_the_warning_names_each_paper_changed_without_a_new_version() -> None:
    previous = Release(
        "2026.1",
        frozenset(),
        {
            "a": PaperState("1.0", "x"),
            "b": PaperState("1.0", "x"),
            "c": PaperState(None, "x"),
            "d": PaperState("1.0", "x"),
        },
    )
    now = {
        "a": PaperState("1.0", "y"),  # changed, same version: warned
        "b": PaperState("1.1", "y"),  # changed, new version
        "c": PaperState(None, "y"),  # changed, still no version: warned
        "d": PaperState("1.0", "x"),  # unchanged
        "e": PaperState("1.0", "y"),  # new paper
    }
    assert unchanged_versions(previous, now) == [
        ("a", "a: de tekst is gewijzigd sinds 2026.1, maar 'version' niet (nog 1.0)"),
        ("c", "c: de tekst is gewijzigd sinds 2026.1, maar 'version' niet (nog altijd geen)"),
    ]


def test_a_damaged_papers_property_is_read_as_far_as_it_goes() -> None:
    assert from_property(None) == {}
    assert from_property(["a"]) == {}
    assert from_property({"a": {"digest": "x", "version": 2}, "b": "c", "d": {}}) == {
        "a": PaperState("2", "x")
    }


def test_robots_txt_and_the_404_page_follow_the_site_url() -> None:
    files = root_files(
        "https://whitepapers.example.nl/", "Whitepapers & co", "whitepapers.example.nl"
    )
    assert files["CNAME"] == b"whitepapers.example.nl\n"
    assert b"Disallow: /pr-preview/\n" in files["robots.txt"]
    assert b"Sitemap: https://whitepapers.example.nl/latest/sitemap.xml\n" in files["robots.txt"]
    assert b'href="/latest/"' in files["404.html"]
    assert b"Whitepapers &amp; co" in files["404.html"]
    assert "CNAME" not in root_files(SITE_URL, "x", None)


def test_a_cname_must_be_the_host_of_the_site_url() -> None:
    assert cname_problem("whitepapers.example.nl", "https://whitepapers.example.nl/") is None
    assert cname_problem("whitepapers.example.nl", "https://whitepapers.example.nl/x/")
    assert cname_problem("-x.example.nl", "https://-x.example.nl/")
    assert cname_problem("example.123", "https://example.123/")


# --- one commit or none, and the rollback (no MkDocs) ---------------------------------------


@pytest.fixture
def bare_repository(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q", "-b", "main")
    git(repo, "commit", "-q", "--allow-empty", "-m", "begin")
    with environment(monkeypatch, repo):
        yield repo


def fake_release(version: str, text: str = "x", **files: bytes) -> str | None:
    with release(
        version, branch="gh-pages", message=f"m {version}", papers={}, files=files
    ) as deployment:
        (deployment.site / "index.html").write_text(text, encoding="utf-8")
        (deployment.site / "pdf").mkdir()
        (deployment.site / "pdf" / "a.pdf").write_bytes(b"%PDF-1.7")
    return deployment.commit


def test_a_release_is_one_commit_and_an_unchanged_one_none(bare_repository: Path) -> None:
    made = fake_release("1", robots=b"r")
    assert made == ref(bare_repository)
    assert git(bare_repository, "rev-list", "--count", "gh-pages") == "1"
    assert set(listing(bare_repository, "gh-pages")) == {
        ".nojekyll",
        "index.html",
        "robots",
        "versions.json",
        "1/index.html",
        "1/pdf/a.pdf",
        "latest/index.html",
        "latest/pdf/a.pdf",
    }
    assert fake_release("1", robots=b"r") is None
    assert ref(bare_repository) == made


def test_a_release_keeps_files_it_did_not_write(bare_repository: Path) -> None:
    from mike import git_utils

    with git_utils.Commit("gh-pages", "voorvertoning") as commit:
        commit.add_file(git_utils.FileInfo("pr-preview/pr-7/index.html", "voorvertoning"))
        commit.add_file(git_utils.FileInfo("CNAME", "whitepapers.example.nl\n"))
    fake_release("1")
    fake_release("2", "y")
    files = listing(bare_repository, "gh-pages")
    assert {"pr-preview/pr-7/index.html", "CNAME", "1/index.html", "2/index.html"} <= set(files)
    assert shown(bare_repository, "gh-pages", "latest/index.html") == "y"
    assert shown(bare_repository, "gh-pages", "1/index.html") == "x"


def test_a_failing_build_writes_nothing(bare_repository: Path) -> None:
    with (
        pytest.raises(RuntimeError),
        release("1", branch="gh-pages", message="m", papers={}, files={}),
    ):
        raise RuntimeError("the build failed")
    assert ref(bare_repository) is None
    fake_release("1")
    before = ref(bare_repository)
    with (
        pytest.raises(RuntimeError),
        release("2", branch="gh-pages", message="m", papers={}, files={}),
    ):
        raise RuntimeError("the build failed")
    assert ref(bare_repository) == before


def test_a_failure_after_mike_committed_puts_the_branch_back(
    bare_repository: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from mike import commands, git_utils

    fake_release("1")
    before = ref(bare_repository)

    def refuse(*args: object, **kwargs: object) -> None:
        raise git_utils.GitError("set-default weigert")

    monkeypatch.setattr(commands, "set_default", refuse)
    with pytest.raises(ghpages.GitProblem, match="set-default weigert"):
        fake_release("2", "y")
    assert ref(bare_repository) == before


def test_publishing_starts_from_origin_when_it_is_ahead(bare_repository: Path) -> None:
    """As `mike deploy`: a local gh-pages behind origin's is brought up to it first."""
    fake_release("1")
    first = ref(bare_repository) or ""
    fake_release("2", "y")
    second = ref(bare_repository) or ""
    git(bare_repository, "update-ref", "refs/remotes/origin/gh-pages", second)
    git(bare_repository, "update-ref", "refs/heads/gh-pages", first)
    fake_release("3", "z")
    assert git(bare_repository, "rev-parse", "gh-pages~1") == second


def test_a_branch_diverged_from_origin_is_refused(bare_repository: Path) -> None:
    fake_release("1")
    first = ref(bare_repository) or ""
    fake_release("2", "y")  # published from another clone: origin has it, this one not
    second = ref(bare_repository) or ""
    git(bare_repository, "update-ref", "refs/heads/gh-pages", first)
    fake_release("3", "z")
    git(bare_repository, "update-ref", "refs/remotes/origin/gh-pages", second)
    before = ref(bare_repository)
    with pytest.raises(ghpages.GitProblem, match="git branch -f gh-pages origin/gh-pages"):
        fake_release("4", "w")
    assert ref(bare_repository) == before
