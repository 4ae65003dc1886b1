"""`whitepaper withdraw`: a paper or a site version marked withdrawn in versions.json on gh-pages.

Most tests need no build: a module fixture writes three releases with mike's deploy itself
(publish/ghpages.py's `release`, as `whitepaper publish` does, with small fake sites and the
`papers` property), and each test withdraws on a copy of that repository. One slow test
withdraws on a copy of test_publish.py's really published repository.
"""

from __future__ import annotations

import contextlib
import io
import json
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import pytest

from tests import test_publish
from tests.browser import serve
from tests.test_publish import (
    KRAKEN,
    MASSAGE,
    SITE_URL,
    Published,
    Run,
    environment,
    git,
    listing,
    make_repository,
    publish,
    ref,
    shown,
)
from whitepaper import cli
from whitepaper.publish import withdraw as withdraw_module
from whitepaper.publish.ghpages import release, root_files
from whitepaper.publish.versions import PaperState, as_property
from whitepaper.publish.withdraw import REASON_LONGEST

published = test_publish.published  # its module fixture: the site published twice, for real
NEW = "nieuwe-inzichten"
RELEASES = {  # oldest first: the papers each release carries
    "2026.1": {KRAKEN: "1.0", MASSAGE: None},
    "2026.2": {KRAKEN: "1.1", MASSAGE: None},
    "2026.3": {MASSAGE: None, NEW: "1.0"},  # kraken is no longer in the newest release
}
REASON = "De aanbeveling over de dosering bleek onjuist."


def withdraw(*args: str) -> Run:
    """`whitepaper withdraw ARGS` in the current directory, in this process."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = cli.main(["withdraw", *args])
    return Run(code, out.getvalue(), err.getvalue())


def versions_json(repo: Path, rev: str = "gh-pages") -> dict[str, dict[str, Any]]:
    """versions.json on `rev`, by version; each entry's `properties` ({} when it has none)."""
    entries = json.loads(shown(repo, rev, "versions.json"))
    return {entry["version"]: entry.get("properties", {}) for entry in entries}


def fake_site(folder: Path, papers: dict[str, str | None]) -> None:
    (folder / "index.html").write_text("<h1>Whitepapers</h1>", encoding="utf-8")
    (folder / "pdf").mkdir()
    for paper, version in papers.items():
        (folder / paper).mkdir()
        (folder / paper / "index.html").write_text(f"{paper} {version}", encoding="utf-8")
        (folder / "pdf" / f"{paper}.pdf").write_bytes(f"%PDF-1.7 {paper}".encode())


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The corpus's repository with three releases on gh-pages, written by mike's deploy."""
    repo = make_repository(tmp_path_factory.mktemp("withdraw") / "site")
    with pytest.MonkeyPatch.context() as mp, environment(mp, repo):
        for version, papers in RELEASES.items():
            states = {
                name: PaperState(v, f"{name}-{v}".ljust(64, "0")) for name, v in papers.items()
            }
            with release(
                version,
                branch="gh-pages",
                message=f"Versie {version} gepubliceerd",
                papers=as_property(states),
                files=root_files(SITE_URL, "Whitepapers", None),
            ) as deployment:
                fake_site(deployment.site, papers)
    yield repo


@pytest.fixture
def site(template: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A copy of the template repository, as the current directory."""
    repo = tmp_path / "site"
    shutil.copytree(template, repo, symlinks=True)
    with environment(monkeypatch, repo):
        yield repo


def only_versions_json_changed(repo: Path, before: str, after: str) -> None:
    """Every file of `before` is in `after` with the same blob and mode, but versions.json."""
    old, new = listing(repo, before), listing(repo, after)
    assert set(old) == set(new)
    blobs = {
        path: (
            git(repo, "rev-parse", f"{before}:{path}"),
            git(repo, "rev-parse", f"{after}:{path}"),
        )
        for path in old
    }
    changed = sorted(path for path, (a, b) in blobs.items() if a != b or old[path] != new[path])
    assert changed == ["versions.json"]
    assert git(repo, "diff", "--name-status", before, after) == "M\tversions.json"


# --- a paper ---------------------------------------------------------------------------------


def test_a_withdrawn_paper_is_marked_in_every_version_that_carries_it(site: Path) -> None:
    before = versions_json(site)
    start = ref(site)
    run = withdraw(KRAKEN, "--reason", REASON, "--successor", NEW)
    assert run.code == 0, run.err
    after = versions_json(site)
    expected = {"reason": REASON, "successor": NEW}
    for version in ("2026.1", "2026.2"):
        papers = after[version]["papers"]
        assert papers[KRAKEN] == {**before[version]["papers"][KRAKEN], "withdrawn": expected}
        assert papers[MASSAGE] == before[version]["papers"][MASSAGE]  # the other paper: as it was
        assert "withdrawn" not in after[version] and "hidden" not in after[version]
    assert after["2026.3"] == before["2026.3"]  # does not carry kraken
    # One commit on the previous one, saying what and why.
    assert git(site, "rev-parse", "gh-pages~1") == start
    subject, body = git(site, "log", "-1", "--format=%s%x00%b", "gh-pages").split("\x00")
    assert subject == f"Ingetrokken: {KRAKEN} ({REASON})"
    assert "Versies: 2026.2, 2026.1" in body and f"Opvolger: {NEW}" in body
    assert f"{SITE_URL}2026.1/{KRAKEN}/" in run.out
    assert f"{SITE_URL}latest/{KRAKEN}/" not in run.out  # latest does not carry it
    assert "git push origin gh-pages" in run.out


def test_a_paper_withdrawal_changes_only_versions_json(site: Path) -> None:
    start = ref(site) or ""
    assert withdraw(MASSAGE, "--reason", REASON).code == 0
    only_versions_json_changed(site, start, "gh-pages")


def test_a_paper_of_the_newest_release_is_withdrawn_in_latest_too(site: Path) -> None:
    run = withdraw(MASSAGE, "--reason", REASON)
    assert run.code == 0, run.err
    marked = {
        version: properties["papers"][MASSAGE].get("withdrawn")
        for version, properties in versions_json(site).items()
    }
    assert marked == {version: {"reason": REASON, "successor": None} for version in RELEASES}
    assert f"{SITE_URL}latest/{MASSAGE}/" in run.out


@pytest.mark.parametrize(
    ("paper", "successor", "said"),
    [
        (MASSAGE, KRAKEN, "geen whitepaper van de nieuwste versie 2026.3"),
        (KRAKEN, "nieuwe", "bedoelde u 'nieuwe-inzichten'?"),
        (KRAKEN, "xyz", f"kies uit: {MASSAGE}, {NEW}"),
        (MASSAGE, MASSAGE, "kan niet zijn eigen opvolger zijn"),
    ],
)
def test_the_successor_must_be_a_paper_of_the_newest_release(
    site: Path, paper: str, successor: str, said: str
) -> None:
    start = ref(site)
    run = withdraw(paper, "--reason", REASON, "--successor", successor)
    assert run.code == 2
    assert said in run.err
    assert "Traceback" not in run.err
    assert ref(site) == start


def test_a_withdrawn_paper_is_no_successor(site: Path) -> None:
    assert withdraw(NEW, "--reason", REASON).code == 0
    run = withdraw(KRAKEN, "--reason", REASON, "--successor", NEW)
    assert run.code == 2
    assert f"'{NEW}' is zelf ingetrokken" in run.err


@pytest.mark.parametrize(
    ("paper", "said"),
    [
        ("kraken", f"bedoelde u '{KRAKEN}'?"),
        ("massagetherapy", f"bedoelde u '{MASSAGE}'?"),
        ("xyz", f"kies uit: {KRAKEN}, {MASSAGE}, {NEW}"),
        ("../2026.1", "staat in geen enkele gepubliceerde versie op gh-pages"),
    ],
)
def test_an_unknown_paper_exits_2_with_a_hint(site: Path, paper: str, said: str) -> None:
    start = ref(site)
    run = withdraw(paper, "--reason", REASON)
    assert run.code == 2
    assert said in run.err
    assert ref(site) == start


def test_withdrawing_again_updates_the_reason_and_the_same_again_makes_no_commit(
    site: Path,
) -> None:
    assert withdraw(KRAKEN, "--reason", REASON, "--successor", NEW).code == 0
    first = ref(site)
    assert withdraw(KRAKEN, "--reason", "Een betere reden.").code == 0
    second = ref(site)
    assert second != first
    assert versions_json(site)["2026.1"]["papers"][KRAKEN]["withdrawn"] == {
        "reason": "Een betere reden.",
        "successor": None,
    }
    run = withdraw(KRAKEN, "--reason", "Een betere reden.")
    assert run.code == 0, run.err
    assert "Niets gewijzigd" in run.out
    assert ref(site) == second


def test_a_later_release_keeps_the_withdrawals(site: Path) -> None:
    """Publishing rewrites versions.json through mike, which keeps other versions' properties."""
    assert withdraw(KRAKEN, "--reason", REASON).code == 0
    assert withdraw("--site-version", "2026.1", "--reason", REASON).code == 0
    marked = versions_json(site)
    with release(
        "2026.4", branch="gh-pages", message="Versie 2026.4", papers={}, files={}
    ) as deployment:
        fake_site(deployment.site, {})
    after = versions_json(site)
    assert after["2026.1"] == marked["2026.1"]
    assert after["2026.2"] == marked["2026.2"]


# --- a site version --------------------------------------------------------------------------


def test_a_withdrawn_site_version_is_hidden_and_still_served(site: Path) -> None:
    start = ref(site) or ""
    before = versions_json(site)
    run = withdraw("--site-version", "2026.1", "--reason", REASON, "--successor", "2026.3")
    assert run.code == 0, run.err
    after = versions_json(site)
    assert after["2026.1"] == {
        **before["2026.1"],
        "withdrawn": {"reason": REASON, "successor": "2026.3"},
        "hidden": True,
    }
    assert after["2026.2"] == before["2026.2"] and after["2026.3"] == before["2026.3"]
    files = listing(site, "gh-pages")
    assert {"2026.1/index.html", f"2026.1/{KRAKEN}/index.html", f"2026.1/pdf/{KRAKEN}.pdf"} <= set(
        files
    )
    only_versions_json_changed(site, start, "gh-pages")
    subject = git(site, "log", "-1", "--format=%s", "gh-pages")
    assert subject == f"Ingetrokken: versie 2026.1 ({REASON})"
    assert f"{SITE_URL}2026.1/" in run.out
    assert "De versiekiezer toont haar niet meer" in run.out


def test_the_successor_latest_is_named_by_its_version(site: Path) -> None:
    assert (
        withdraw("--site-version", "2026.2", "--reason", REASON, "--successor", "latest").code == 0
    )
    assert versions_json(site)["2026.2"]["withdrawn"] == {"reason": REASON, "successor": "2026.3"}


@pytest.mark.parametrize("version", ["2026.3", "latest", "LATEST"])
def test_the_version_latest_points_at_is_not_withdrawn(site: Path, version: str) -> None:
    start = ref(site)
    run = withdraw("--site-version", version, "--reason", REASON)
    assert run.code == 2
    assert "versie 2026.3 is de nieuwste" in run.err
    assert "publiceer eerst een nieuwere versie" in run.err
    assert ref(site) == start


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["--site-version", "2025.1"], "'2025.1' is geen versie op gh-pages"),
        (["--site-version", "2026.10"], "gepubliceerd zijn: 2026.3, 2026.2, 2026.1"),
        (["--site-version", "../x"], "gepubliceerd zijn: 2026.3, 2026.2, 2026.1"),
        (["--site-version", "2026.2", "--successor", "2026.9"], "--successor '2026.9' is geen"),
        (["--site-version", "2026.2", "--successor", "2026.1"], "moet een nieuwere versie zijn"),
        (["--site-version", "2026.2", "--successor", "2026.2"], "moet een nieuwere versie zijn"),
    ],
)
def test_an_unknown_version_or_successor_exits_2_with_the_versions(
    site: Path, args: list[str], said: str
) -> None:
    start = ref(site)
    run = withdraw(*args, "--reason", REASON)
    assert run.code == 2
    assert said in run.err
    assert ref(site) == start


def test_a_withdrawn_version_is_no_successor(site: Path) -> None:
    assert withdraw("--site-version", "2026.2", "--reason", REASON).code == 0
    run = withdraw("--site-version", "2026.1", "--reason", REASON, "--successor", "2026.2")
    assert run.code == 2
    assert "versie 2026.2 is zelf ingetrokken" in run.err


def test_material_hides_exactly_what_properties_hidden_marks() -> None:
    """Material's selector (its bundled source map, the TypeScript it was built from) leaves out
    the versions whose `properties.hidden` is set: the property withdraw writes."""
    javascripts = resources.files("material") / "templates" / "assets" / "javascripts"
    [source_map] = [p for p in javascripts.iterdir() if p.name.endswith(".min.js.map")]
    sources = json.loads(source_map.read_text(encoding="utf-8"))
    selector = dict(zip(sources["sources"], sources["sourcesContent"], strict=True))[
        "src/templates/assets/javascripts/templates/version/index.tsx"
    ]
    assert "versions = versions.filter(version => !version.properties?.hidden)" in selector
    assert withdraw_module.HIDDEN == "hidden"


# --- reasons and usage -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("reason", "said"),
    [
        ("", "geef de reden met --reason"),
        ("   ", "geef de reden met --reason"),
        ("twee\nregels", "stuurteken (U+000A"),
        ("met\ttab", "stuurteken (U+0009"),
        ("bel\x07", "stuurteken (U+0007"),
        ("omgekeerd \u202etekst", "stuurteken (U+202E"),
        ("regel\u2028scheiding", "stuurteken (U+2028"),
        ("x" * (REASON_LONGEST + 1), f"{REASON_LONGEST + 1} tekens lang; hoogstens 300"),
    ],
)
def test_a_reason_is_plain_text_of_one_line(site: Path, reason: str, said: str) -> None:
    start = ref(site)
    run = withdraw(KRAKEN, "--reason", reason)
    assert run.code == 2
    assert said in run.err
    assert ref(site) == start


def test_a_reason_is_kept_as_written(site: Path) -> None:
    reason = '  Zie "Herziening" <b>2026</b> & co: één zin. ' + "x" * 250
    assert withdraw(KRAKEN, "--reason", reason).code == 0
    withdrawn = versions_json(site)["2026.1"]["papers"][KRAKEN]["withdrawn"]
    assert withdrawn["reason"] == reason.strip()  # text: versions.js never reads it as HTML
    too_long = "x" * REASON_LONGEST
    assert withdraw(KRAKEN, "--reason", too_long).code == 0


@pytest.mark.parametrize(
    ("args", "said"),
    [
        ([KRAKEN], "geef de reden met --reason"),
        (["--reason", REASON], "geef óf een whitepaper"),
        ([KRAKEN, "--site-version", "2026.1", "--reason", REASON], "geef óf een whitepaper"),
        ([KRAKEN, "--reason", REASON, "--successor", " "], "--successor is leeg"),
        ([KRAKEN, "--reason", REASON, "--branch", "main"], "de branch waarop u nu werkt"),
    ],
)
def test_usage_errors_exit_2(site: Path, args: list[str], said: str) -> None:
    run = withdraw(*args)
    assert run.code == 2
    assert said in run.err


def test_outside_a_repository_exits_2(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path.parent))
    run = withdraw(KRAKEN, "--reason", REASON)
    assert run.code == 2
    assert "geen git-repository" in run.err


def test_nothing_published_yet_exits_2(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = make_repository(tmp_path / "site")
    with environment(monkeypatch, repo):
        run = withdraw(KRAKEN, "--reason", REASON)
    assert run.code == 2
    assert "er is geen branch gh-pages" in run.err
    assert ref(repo) is None


# --- failures leave the branch as it was ------------------------------------------------------


def test_a_failing_write_leaves_the_branch_as_it_was(
    site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    start = ref(site)
    monkeypatch.setenv("GIT_COMMITTER_DATE", "geen datum")  # git refuses to sign the commit
    run = withdraw(KRAKEN, "--reason", REASON)
    assert run.code == 1
    assert "gh-pages bijwerken mislukt" in run.err
    assert "gh-pages is niet gewijzigd" in run.err
    assert "Traceback" not in run.err
    assert ref(site) == start


def test_another_writer_in_between_is_never_overwritten(
    site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The branch moves after versions.json was read (another publish): the compare-and-swap
    of the ref refuses, and the other writer's commit stays."""
    from mike import git_utils

    reading = withdraw_module.read_releases

    def read_then_someone_writes(rev: str) -> list[withdraw_module.Release]:
        found = reading(rev)
        with git_utils.Commit("gh-pages", "voorvertoning") as commit:
            commit.add_file(git_utils.FileInfo("pr-preview/pr-7/index.html", "voorvertoning"))
        return found

    monkeypatch.setattr(withdraw_module, "read_releases", read_then_someone_writes)
    start = ref(site)
    run = withdraw(KRAKEN, "--reason", REASON)
    assert run.code == 1
    assert "intussen door een ander gewijzigd" in run.err
    other = ref(site)
    assert other != start
    assert git(site, "rev-parse", "gh-pages~1") == start  # only the other writer's commit
    assert "withdrawn" not in shown(site, "gh-pages", "versions.json")


def test_a_withdrawal_starts_from_origin_when_it_is_ahead(site: Path) -> None:
    behind = git(site, "rev-parse", "gh-pages~1")
    ahead = ref(site) or ""
    git(site, "update-ref", "refs/remotes/origin/gh-pages", ahead)
    git(site, "update-ref", "refs/heads/gh-pages", behind)
    assert withdraw(KRAKEN, "--reason", REASON).code == 0
    assert git(site, "rev-parse", "gh-pages~1") == ahead
    assert "2026.3" in versions_json(site)


def test_a_branch_diverged_from_origin_is_refused(site: Path) -> None:
    from mike import git_utils

    start = ref(site) or ""
    with git_utils.Commit("gh-pages", "elders") as commit:
        commit.add_file(git_utils.FileInfo("elders.txt", "x"))
    git(site, "update-ref", "refs/remotes/origin/gh-pages", ref(site) or "")
    git(site, "update-ref", "refs/heads/gh-pages", start)
    with git_utils.Commit("gh-pages", "hier") as commit:
        commit.add_file(git_utils.FileInfo("hier.txt", "y"))
    before = ref(site)
    run = withdraw(KRAKEN, "--reason", REASON)
    assert run.code == 2
    assert "git branch -f gh-pages origin/gh-pages" in run.err
    assert ref(site) == before


# --- on a really published site ---------------------------------------------------------------


@dataclass(frozen=True)
class Withdrawn:
    repo: Path
    start: str  # gh-pages as published, before the withdrawals


@pytest.fixture(scope="module")
def withdrawn(published: Published, tmp_path_factory: pytest.TempPathFactory) -> Withdrawn:
    """A copy of test_publish.py's published site (2026.1, 2026.2) with kraken withdrawn (for
    massagetherapie) and then site version 2026.1 (for 2026.2)."""
    repo = tmp_path_factory.mktemp("withdrawn") / "site"
    shutil.copytree(published.repo, repo, symlinks=True)
    with pytest.MonkeyPatch.context() as mp, environment(mp, repo):
        start = ref(repo) or ""
        paper = withdraw(KRAKEN, "--reason", REASON, "--successor", MASSAGE)
        assert paper.code == 0, paper.err
        version = withdraw("--site-version", "2026.1", "--reason", REASON, "--successor", "2026.2")
        assert version.code == 0, version.err
    return Withdrawn(repo, start)


@pytest.mark.slow
def test_withdrawing_on_a_published_site(withdrawn: Withdrawn) -> None:
    """The pages say which version and paper they are, and versions.json, which their script
    reads, says that the paper and 2026.1 are withdrawn; nothing else changed."""
    repo, start = withdrawn.repo, withdrawn.start
    assert git(repo, "rev-list", "--count", f"{start}..gh-pages") == "2"
    only_versions_json_changed(repo, start, "gh-pages")
    properties = versions_json(repo)
    assert properties["2026.1"]["hidden"] is True
    assert properties["2026.1"]["withdrawn"] == {"reason": REASON, "successor": "2026.2"}
    for name in ("2026.1", "2026.2"):
        assert properties[name]["papers"][KRAKEN]["withdrawn"] == {
            "reason": REASON,
            "successor": MASSAGE,
        }
    assert "hidden" not in properties["2026.2"] and "withdrawn" not in properties["2026.2"]
    for folder in ("2026.1", "latest"):
        page = shown(repo, "gh-pages", f"{folder}/{KRAKEN}/index.html")
        assert "data-wp-withdrawn" in page
        assert f'data-wp-paper="{KRAKEN}"' in page
        assert 'data-wp-versions="/whitepapers/versions.json"' in page
        assert "assets/javascripts/versions.js" in page
    assert f"2026.1/pdf/{KRAKEN}.pdf" in listing(repo, "gh-pages")


@pytest.mark.slow
def test_readers_see_the_withdrawals(withdrawn: Withdrawn, browser: Any) -> None:
    """gh-pages served under /whitepapers/ as on GitHub Pages: the withdrawn version's pages
    still load and say why, the selector no longer lists it, the paper's banner links its
    successor in latest/."""
    served = withdrawn.repo.parent / "served"
    (served / "whitepapers").mkdir(parents=True)
    archive = subprocess.run(
        ["git", "archive", "gh-pages"], cwd=withdrawn.repo, capture_output=True, check=True
    )
    subprocess.run(
        ["tar", "-x", "-C", str(served / "whitepapers")], input=archive.stdout, check=True
    )
    with serve(served) as origin:
        root = f"{origin}whitepapers/"
        context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="nl-NL")
        try:
            page = context.new_page()
            response = page.goto(f"{root}2026.1/{KRAKEN}/")
            assert response is not None and response.status == 200
            banner = page.locator("[data-wp-withdrawn]")
            banner.wait_for(state="visible")
            text = banner.inner_text()
            assert f"Deze versie van de site is ingetrokken: {REASON}" in text
            assert banner.locator("a").get_attribute("href") == "/whitepapers/2026.2/"

            page.goto(f"{root}latest/{KRAKEN}/")
            banner = page.locator("[data-wp-withdrawn]")
            banner.wait_for(state="visible")
            assert f"Dit whitepaper is ingetrokken: {REASON}" in banner.inner_text()
            href = banner.locator("a").get_attribute("href")
            assert href == f"/whitepapers/latest/{MASSAGE}/"
            page.locator(".md-version__list").wait_for(state="attached")  # Material drew it
            links = page.locator(".md-version__list .md-version__link").all()
            listed = [link.text_content() or "" for link in links]
            assert any("2026.2" in item for item in listed), listed
            assert not any("2026.1" in item for item in listed), listed

            page.goto(f"{root}latest/{MASSAGE}/")
            page.wait_for_load_state("networkidle")
            assert not page.locator("[data-wp-withdrawn]").is_visible()
        finally:
            context.close()


@pytest.mark.slow
def test_a_new_release_of_a_withdrawn_paper_stays_withdrawn(
    withdrawn: Withdrawn, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`whitepaper publish` writes the release's paper states anew: the mark must come along."""
    repo = tmp_path / "site"
    shutil.copytree(withdrawn.repo, repo, symlinks=True)
    with pytest.MonkeyPatch.context() as mp, environment(mp, repo):
        run = publish("2026.3")
    assert run.code == 0, run.err
    assert f"let op: {KRAKEN} blijft ingetrokken ({REASON})" in run.err
    properties = versions_json(repo)
    assert properties["2026.3"]["papers"][KRAKEN]["withdrawn"] == {
        "reason": REASON,
        "successor": MASSAGE,
    }
    assert "withdrawn" not in properties["2026.3"]["papers"][MASSAGE]
