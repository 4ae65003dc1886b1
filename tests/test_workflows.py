"""The workflows (.github/workflows/): valid for GitHub, pinned, in the Debian container, with
least privilege and one writer of gh-pages at a time; and their own steps, run here as the
runner runs them (tests/workflow_steps.py): the text of each step, never a copy of it."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.workflow_steps import (
    ROOT,
    WORKFLOWS,
    FakeGitHub,
    Runner,
    git,
    github_script,
    jobs_steps,
    step,
    workflow,
    workflows,
)

CONTAINER = "python:3.11-bookworm"
SITE_BUILDERS = (
    ("pull-request.yml", "build"),
    ("preview.yml", "deploy"),
    ("release.yml", "publish"),
)
PRIVILEGED = ("preview.yml", "preview-close.yml", "release.yml")
DEFAULT_BRANCH = "${{ github.event.repository.default_branch }}"
SCHEMA = [str(ROOT / ".venv" / "bin" / "check-jsonschema"), "--builtin-schema"]
PAGE = "---\ntitle: Proef\nversion: '1.0'\n---\n\n# Proef\n\nEen zin [@kim2020].\n"
BIB = (
    "@article{kim2020,\n  author = {Kim, Jin},\n  title = {Een studie},\n"
    "  journal = {Tijdschrift},\n  year = {2020},\n  volume = {1},\n  pages = {1--2},\n"
    "  doi = {10.1000/xyz123},\n}\n"
)


def validate(path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*SCHEMA, "vendor.github-workflows", str(path)], capture_output=True, text=True
    )


def test_the_workflows_are_these_four() -> None:
    assert sorted(workflows()) == [
        "preview-close.yml",
        "preview.yml",
        "pull-request.yml",
        "release.yml",
    ]


@pytest.mark.parametrize("path", sorted(WORKFLOWS.glob("*.yml")), ids=lambda path: path.name)
def test_workflow_is_valid_for_github(path: Path) -> None:
    result = validate(path)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize(
    ("bad", "good"),
    [
        ("    runs-on: ubuntu-latest\n", "    runs_on: ubuntu-latest\n"),  # a misspelt key
        ("permissions:\n  contents: read\n", "permissions:\n  contents: all\n"),
        ("  pull_request:\n", "  pull_requests:\n"),  # no such event
    ],
)
def test_the_schema_refuses_a_broken_workflow(tmp_path: Path, bad: str, good: str) -> None:
    text = (WORKFLOWS / "pull-request.yml").read_text(encoding="utf-8")
    assert bad in text
    broken = tmp_path / "broken.yml"
    broken.write_text(text.replace(bad, good, 1), encoding="utf-8")
    assert validate(broken).returncode != 0


def test_every_action_is_pinned_to_a_version() -> None:
    pinned = re.compile(r"[A-Za-z0-9-]+/[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)?@v[0-9]+(\.[0-9]+){0,2}")
    used = {
        (name, step["uses"])
        for name, data in workflows().items()
        for _, step in jobs_steps(data)
        if "uses" in step
    }
    assert used
    assert [(name, uses) for name, uses in used if not pinned.fullmatch(uses)] == []


def test_every_job_runs_in_the_debian_container() -> None:
    """Every job installs from the lock (Debian's Pango, Chromium): on ubuntu-latest, apt's
    chromium is a snap stub and the runner's user cannot install it."""
    for name, data in workflows().items():
        for job_name, job in data["jobs"].items():
            image = job.get("container")
            image = image.get("image") if isinstance(image, dict) else image
            assert image == CONTAINER, f"{name}: job {job_name}"
            assert job["runs-on"] == "ubuntu-latest"
            options = (
                job["container"].get("options", "") if isinstance(job["container"], dict) else ""
            )
            assert "--user" not in options  # the image's user is root (no USER in its Dockerfile)


@pytest.mark.parametrize(
    ("name", "job", "permissions"),
    [
        (
            "preview.yml",
            "deploy",
            {"actions": "read", "contents": "write", "pull-requests": "write"},
        ),
        ("preview-close.yml", "remove", {"contents": "write", "pull-requests": "write"}),
        ("release.yml", "publish", {"contents": "write"}),
    ],
)
def test_a_privileged_job_asks_for_no_more_than_it_writes(
    name: str, job: str, permissions: dict[str, str]
) -> None:
    assert workflow(name)["jobs"][job]["permissions"] == permissions
    assert list(workflow(name)["jobs"]) == [job]


def test_every_run_step_is_bash() -> None:
    for name, data in workflows().items():
        assert data["defaults"]["run"]["shell"] == "bash", name


def test_the_pull_request_workflow_only_reads() -> None:
    """It runs the pull request's code, a fork's too: no write permission, no secret, and no
    token left in the checkout's git config."""
    data = workflow("pull-request.yml")
    assert set(data["on"]) == {"pull_request", "push"}
    assert data["permissions"] == {"contents": "read"}
    assert all("permissions" not in job for job in data["jobs"].values())
    assert "secrets." not in (WORKFLOWS / "pull-request.yml").read_text(encoding="utf-8")
    checkouts = [s for _, s in jobs_steps(data) if s.get("uses", "").startswith("actions/checkout")]
    assert checkouts and all(s["with"]["persist-credentials"] is False for s in checkouts)


@pytest.mark.parametrize("name", PRIVILEGED)
def test_a_privileged_workflow_never_checks_out_a_pull_request(name: str) -> None:
    data = workflow(name)
    assert data["permissions"] == {}  # each job names what it needs
    text = (WORKFLOWS / name).read_text(encoding="utf-8")
    assert "head_ref" not in text and "pull_request.head" not in text
    assert "head_branch" not in text and "refs/pull/" not in text
    for _, spec in jobs_steps(data):
        if spec.get("uses", "").startswith("actions/checkout"):
            ref = spec.get("with", {}).get("ref")
            assert ref == (None if name == "release.yml" else DEFAULT_BRANCH), name
        assert not spec.get("uses", "").startswith("./"), "no action from the workspace"


def test_the_privileged_workflows_run_on_these_events_only() -> None:
    assert workflow("preview.yml")["on"] == {
        "workflow_run": {"workflows": ["pull-request"], "types": ["completed"]}
    }
    assert workflow("preview.yml")["jobs"]["deploy"]["if"] == (
        "github.event.workflow_run.event == 'pull_request' &&"
        " github.event.workflow_run.conclusion == 'success'"
    )
    assert workflow("preview-close.yml")["on"] == {"pull_request_target": {"types": ["closed"]}}
    assert workflow("release.yml")["on"] == {"push": {"tags": ["v*", "20[0-9][0-9].*"]}}


def test_the_preview_workflow_follows_the_pull_request_workflow_by_name() -> None:
    assert (
        workflow("pull-request.yml")["name"]
        in workflow("preview.yml")["on"]["workflow_run"]["workflows"]
    )


def test_every_gh_pages_writer_shares_one_concurrency_group() -> None:
    writers = {
        name
        for name, data in workflows().items()
        if any("gh-pages.sh push" in spec.get("run", "") for _, spec in jobs_steps(data))
    }
    assert writers == set(PRIVILEGED)
    for name in writers:
        assert workflow(name)["concurrency"] == {"group": "gh-pages", "cancel-in-progress": False}
    assert workflow("pull-request.yml")["concurrency"]["group"] != "gh-pages"


def test_the_pdf_cache_is_kept_by_the_lock_and_the_code() -> None:
    cache = step_using("pull-request.yml", "build", "actions/cache@v4")["with"]
    assert cache["path"] == ".cache/whitepaper"
    prefix = "whitepaper-${{ hashFiles('requirements.lock', 'scripts/whitepaper/**') }}-"
    assert cache["key"].startswith(prefix) and cache["restore-keys"] == prefix


def step_using(name: str, job: str, uses: str) -> dict[str, object]:
    found = [s for s in workflow(name)["jobs"][job]["steps"] if s.get("uses") == uses]
    assert len(found) == 1
    return found[0]


# The steps, run. ---------------------------------------------------------------------------


@pytest.fixture
def runner(tmp_path: Path) -> Runner:
    """A clone of an origin (a bare repository) holding a small project and this checkout's
    tools/, with git set up by the workflows' own `git` step."""
    home, files, origin, work = (tmp_path / name for name in ("home", "files", "origin", "work"))
    for folder in (home, files, work):
        folder.mkdir()
    job = Runner(workspace=work, home=home, files=files)
    shutil.copytree(ROOT / "tools", work / "tools")
    assert job.run(step("pull-request.yml", "check", "git")).returncode == 0
    git("init", "-q", "--bare", "-b", "main", str(origin), cwd=tmp_path)
    job.git("init", "-q", "-b", "main")
    write(work / "docs" / "proef" / "index.md", PAGE)
    write(work / "bib" / "proef.bib", BIB + BIB.replace("kim2020", "oud2019"))  # one unused
    write(work / "docs" / "proef" / "oud.md", "# Oud\n")
    commit(job, "the project")
    job.git("remote", "add", "origin", f"file://{origin}")
    job.git("push", "-q", "origin", "main")
    job.git("fetch", "-q", "origin")
    return job


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def commit(job: Runner, message: str) -> None:
    job.git("add", "-A")
    job.git("commit", "-q", "-m", message)


def test_the_git_step_names_the_workspace_safe_and_a_committer(runner: Runner) -> None:
    config = runner.git("config", "--global", "--list")
    assert f"safe.directory={runner.workspace}" in config
    assert "user.name=github-actions[bot]" in config
    assert "user.email=41898282+github-actions[bot]@users.noreply.github.com" in config


def pull_request(job: Runner) -> None:
    """The pull request's branch: one page changed, one bibliography added, one page deleted."""
    job.git("switch", "-q", "-c", "fix-typo")
    write(job.workspace / "docs" / "proef" / "index.md", PAGE.replace("Een zin", "Eén zin"))
    write(job.workspace / "bib" / "nieuw.bib", BIB.replace("kim2020", "lee2021"))
    (job.workspace / "docs" / "proef" / "oud.md").unlink()
    commit(job, "the pull request")


def test_the_pack_step_gives_the_number_the_changed_files_and_the_site(runner: Runner) -> None:
    pull_request(runner)
    write(runner.workspace / "site" / "index.html", "<p>site</p>")
    pack = step("pull-request.yml", "build", "pack preview")
    result = runner.run(pack, {"PR_NUMBER": "12", "BASE": "main"})
    assert result.returncode == 0, result.stderr
    artifact = runner.workspace / "preview-artifact"
    assert sorted(p.name for p in artifact.iterdir()) == ["changed-files", "pr-number", "site"]
    assert (artifact / "pr-number").read_text() == "12\n"
    assert (artifact / "changed-files").read_text().splitlines() == [
        "bib/nieuw.bib",
        "docs/proef/index.md",
    ]
    assert (artifact / "site" / "index.html").exists() and not (runner.workspace / "site").exists()


def test_the_changed_files_are_the_pull_requests_own(runner: Runner) -> None:
    """main moved on after the branch was made: its change is not the pull request's."""
    pull_request(runner)
    runner.git("switch", "-q", "main")
    write(runner.workspace / "bib" / "proef.bib", BIB)  # a file the pull request leaves alone
    commit(runner, "meanwhile on main")
    runner.git("push", "-q", "origin", "main")
    runner.git("switch", "-q", "fix-typo")
    runner.git("fetch", "-q", "origin")
    write(runner.workspace / "site" / "index.html", "<p>site</p>")
    pack = step("pull-request.yml", "build", "pack preview")
    assert runner.run(pack, {"PR_NUMBER": "12", "BASE": "main"}).returncode == 0
    changed = (runner.workspace / "preview-artifact" / "changed-files").read_text()
    assert changed.splitlines() == ["bib/nieuw.bib", "docs/proef/index.md"]


def test_the_changed_files_need_the_base_branch(runner: Runner) -> None:
    pull_request(runner)
    write(runner.workspace / "site" / "index.html", "<p>site</p>")
    pack = step("pull-request.yml", "build", "pack preview")
    result = runner.run(pack, {"PR_NUMBER": "12", "BASE": "niet-bestaand"})
    assert result.returncode == 2
    assert "git kent 'origin/niet-bestaand' niet" in result.stderr


@pytest.mark.parametrize(
    ("base", "listed", "known"),
    [
        ("main", ["lee2021"], "Niet in deze tabel: 1 bekende melding"),  # the pull request's first
        ("", ["lee2021", "oud2019"], None),  # a push to main: every finding alike
    ],
)
def test_the_check_step_writes_its_summary(
    runner: Runner, base: str, listed: list[str], known: str | None
) -> None:
    pull_request(runner)  # adds lee2021, cited nowhere; main already has oud2019 so
    check = step("pull-request.yml", "check", "whitepaper check")
    result = runner.run(check, {"BASE": base})
    assert result.returncode == 0, result.stdout + result.stderr
    summary = runner.path("summary").read_text(encoding="utf-8")
    assert summary.startswith("## Controle van bronvermeldingen en voetnoten")
    rows = [line for line in summary.splitlines() if "| unused-entry |" in line]
    assert [re.findall(r"'(\w+)'", row)[0] for row in rows] == listed
    assert (known in summary) if known else ("bekende" not in summary)


def test_the_check_step_fails_on_the_pull_requests_error(runner: Runner) -> None:
    pull_request(runner)
    write(runner.workspace / "docs" / "proef" / "index.md", PAGE + "\nNog een [@nope2021].\n")
    commit(runner, "a citation of nothing")
    result = runner.run(step("pull-request.yml", "check", "whitepaper check"), {"BASE": "main"})
    assert result.returncode == 1
    assert "::error file=docs/proef/index.md,line=10" in result.stdout
    summary = runner.path("summary").read_text(encoding="utf-8")
    assert "| docs/proef/index.md:10 | fout | unknown-key |" in summary


@pytest.mark.parametrize(
    ("variable", "repository", "address"),
    [
        ("", "Whitepaper-NL/whitepapers", "https://whitepaper-nl.github.io/whitepapers/"),
        ("", "Vereniging/vereniging.github.io", "https://vereniging.github.io/"),
        ("https://wp.example.nl/", "whitepaper-nl/whitepapers", "https://wp.example.nl/"),
    ],
)
def test_the_site_address_step(
    runner: Runner, variable: str, repository: str, address: str
) -> None:
    runner.repository = repository
    for name, job in SITE_BUILDERS:
        result = runner.run(step(name, job, "site address"), {"WHITEPAPER_SITE_URL": variable})
        assert result.returncode == 0, result.stderr
        assert runner.written("env") == {"WHITEPAPER_SITE_URL": address}


# The preview's privileged half. -------------------------------------------------------------


def artifact(folder: Path, number: str = "12", marker: int = 12) -> Path:
    """An artifact as the pull-request run packs it."""
    write(folder / "pr-number", f"{number}\n")
    write(folder / "changed-files", "docs/proef/index.md\nbib/proef.bib\n")
    write(folder / "site" / "index.html", "<p>voorbeeld</p>")
    write(folder / "site" / "proef" / "index.html", "<p>proef</p>")
    write(folder / "site" / "whitepaper-preview.json", json.dumps({"pull_request": marker}))
    return folder


def downloaded(job: Runner) -> Path:
    """Where the deploy job's download step puts the artifact (beside the checkout)."""
    download = step_using("preview.yml", "deploy", "actions/download-artifact@v4")
    return Path(os.path.normpath(job.workspace / str(download["with"]["path"])))


def validate_artifact(job: Runner) -> subprocess.CompletedProcess[str]:
    spec = step("preview.yml", "deploy", "validate artifact")
    download = step_using("preview.yml", "deploy", "actions/download-artifact@v4")
    assert str(download["with"]["path"]) in spec["run"]
    return job.run(spec)


def test_a_good_artifact_passes(runner: Runner) -> None:
    artifact(downloaded(runner))
    result = validate_artifact(runner)
    assert result.returncode == 0, result.stderr
    assert runner.written("output") == {
        "number": "12",
        "site": "../preview-artifact/site",
        "changed": "../preview-artifact/changed-files",
    }


def _symlink(target: str, link: str):
    def make(folder: Path) -> None:
        (folder / link).unlink(missing_ok=True)
        (folder / link).symlink_to(target)

    return make


def _number(text: str):
    return lambda folder: (folder / "pr-number").write_bytes(text.encode())


MALICIOUS = {
    "a word": _number("twaalf\n"),
    "a command": _number("12; rm -rf /\n"),
    "an option": _number("-12\n"),
    "zero": _number("0\n"),
    "a leading zero": _number("012\n"),
    "a sign": _number("+12\n"),
    "a fraction": _number("12.5\n"),
    "two lines": _number("12\n13\n"),
    "a NUL": _number("1\x002\n"),
    "a carriage return": _number("12\r\n"),
    "full-width digits": _number("\uff11\uff12\n"),
    "too long": _number("1234567890\n"),
    "empty": _number(""),
    "a symlink in the site": _symlink("/etc/passwd", "site/passwd"),
    "a symlinked folder in the site": _symlink("/etc", "site/etc"),
    "a symlinked number": _symlink("/proc/self/environ", "pr-number"),
    "a symlinked list": _symlink("/etc/hostname", "changed-files"),
    "a FIFO": lambda folder: os.mkfifo(folder / "site" / "fifo"),
    "an extra file": lambda folder: write(folder / "run.sh", "echo hi\n"),
    "a hidden extra file": lambda folder: write(folder / ".git" / "config", "[core]\n"),
    "no site": lambda folder: shutil.rmtree(folder / "site"),
    "no list": lambda folder: (folder / "changed-files").unlink(),
}


@pytest.mark.parametrize("spoil", MALICIOUS.values(), ids=MALICIOUS.keys())
def test_a_malicious_artifact_is_refused(runner: Runner, spoil) -> None:
    folder = artifact(downloaded(runner))
    spoil(folder)
    result = validate_artifact(runner)
    assert result.returncode == 1, result.stdout
    assert result.stderr.startswith("voorbeeld geweigerd: ")
    assert runner.written("output") == {}


def test_a_symlink_as_the_artifact_is_refused(runner: Runner, tmp_path: Path) -> None:
    real = artifact(tmp_path / "elsewhere")
    downloaded(runner).symlink_to(real)
    assert validate_artifact(runner).returncode == 1


HEAD = "a" * 40
REPOSITORY = {"owner": "whitepaper-nl", "repo": "whitepapers"}  # the harness's context.repo


@pytest.mark.parametrize(
    ("state", "head", "current"),
    [("open", HEAD, "true"), ("open", "b" * 40, "false"), ("closed", HEAD, "false")],
)
def test_the_preview_is_only_for_the_pull_requests_current_head(
    state: str, head: str, current: str
) -> None:
    spec = step("preview.yml", "deploy", "pull request")
    fake = FakeGitHub(pull={"number": 12, "state": state, "head": {"sha": head}}, head_sha=HEAD)
    done = github_script(spec, fake, {"NUMBER": "12"}, cwd=ROOT)
    assert done["error"] is None
    assert done["calls"] == [
        {"name": "pulls.get", "params": {**REPOSITORY, "pull_number": 12}},
    ]
    assert done["outputs"] == {"current": current}
    assert bool(done["notices"]) == (current == "false")


BOT = {"login": "github-actions[bot]"}
MARKER = "<!-- whitepaper-preview -->"


@pytest.mark.parametrize(
    ("comments", "expected"),
    [
        ([], "issues.createComment"),
        ([{"id": 7, "user": BOT, "body": f"{MARKER}\noud"}], "issues.updateComment"),
        ([{"id": 7, "user": {"login": "iemand"}, "body": MARKER}], "issues.createComment"),
        ([{"id": 7, "user": BOT, "body": "iets anders"}], "issues.createComment"),
    ],
)
def test_the_comment_step_keeps_one_comment(
    tmp_path: Path, comments: list[dict[str, object]], expected: str
) -> None:
    write(tmp_path / "comment.md", f"{MARKER}\n### Voorbeeld van pull request #12\n")
    spec = step("preview.yml", "deploy", "comment")
    fake = FakeGitHub(pull={}, comments=comments)
    env = {"NUMBER": "12", "COMMENT": str(tmp_path / "comment.md")}
    done = github_script(spec, fake, env, cwd=ROOT)
    assert done["error"] is None
    assert [call["name"] for call in done["calls"]] == ["issues.listComments", expected]
    written = done["calls"][-1]["params"]
    assert written["body"].startswith(MARKER)
    assert written.get("comment_id", 7) == 7 and written.get("issue_number", 12) == 12


def test_a_comment_without_the_marker_is_not_posted(tmp_path: Path) -> None:
    write(tmp_path / "comment.md", "### Voorbeeld\n")
    spec = step("preview.yml", "deploy", "comment")
    env = {"NUMBER": "12", "COMMENT": str(tmp_path / "comment.md")}
    done = github_script(spec, FakeGitHub(pull={}), env, cwd=ROOT)
    assert "mist <!-- whitepaper-preview -->" in done["error"]
    assert done["calls"] == []


@pytest.mark.parametrize(
    ("comments", "calls"), [([], 1), ([{"id": 7, "user": BOT, "body": MARKER}], 2)]
)
def test_closing_updates_the_comment_but_never_starts_one(
    tmp_path: Path, comments: list[dict[str, object]], calls: int
) -> None:
    write(tmp_path / "comment.md", f"{MARKER}\nverwijderd\n")
    spec = step("preview-close.yml", "remove", "comment")
    env = {"NUMBER": "12", "COMMENT": str(tmp_path / "comment.md")}
    done = github_script(spec, FakeGitHub(pull={}, comments=comments), env, cwd=ROOT)
    assert done["error"] is None
    assert len(done["calls"]) == calls
    assert "issues.createComment" not in [call["name"] for call in done["calls"]]


def with_site_config(job: Runner) -> None:
    """The project's mkdocs.yml, theme overrides and a home page, on main: a site to build
    (and `whitepaper preview` reads site_url from mkdocs.yml)."""
    shutil.copy(ROOT / "mkdocs.yml", job.workspace / "mkdocs.yml")
    shutil.copytree(ROOT / "overrides", job.workspace / "overrides")
    write(job.workspace / "docs" / "index.md", "# Welkom\n")
    commit(job, "the site's configuration")
    job.git("push", "-q", "origin", "main")
    job.git("fetch", "-q", "origin")


def published(job: Runner) -> list[str]:
    """The files of origin's gh-pages."""
    origin = Path(job.git("remote", "get-url", "origin").strip().removeprefix("file://"))
    return git("ls-tree", "-r", "--name-only", "gh-pages", cwd=origin).split()


def with_gh_pages(job: Runner, files: dict[str, str]) -> None:
    """gh-pages on origin as another writer left it (a release, another preview)."""
    other = job.workspace.parent / "other-writer"
    git("init", "-q", "-b", "gh-pages", str(other), cwd=job.workspace.parent, env=job.base_env())
    for name, text in files.items():
        write(other / name, text)
    git("add", "-A", cwd=other, env=job.base_env())
    git("commit", "-q", "-m", "another writer", cwd=other, env=job.base_env())
    origin = job.git("remote", "get-url", "origin").strip()
    git("push", "-q", origin, "gh-pages", cwd=other, env=job.base_env())


@pytest.mark.parametrize("before", [{}, {"2026.1/index.html": "r", "pr-preview/pr-3/a": "3"}])
def test_the_preview_goes_online_and_leaves_when_closed(
    runner: Runner, before: dict[str, str]
) -> None:
    if before:
        with_gh_pages(runner, before)
    with_site_config(runner)
    artifact(downloaded(runner))
    assert validate_artifact(runner).returncode == 0
    given = runner.written("output")
    address = runner.run(step("preview.yml", "deploy", "site address"), {"WHITEPAPER_SITE_URL": ""})
    runner.env.update(runner.written("env"))
    assert address.returncode == 0

    deploy = step("preview.yml", "deploy", "whitepaper preview")
    values = {"NUMBER": given["number"], "SITE": given["site"], "CHANGED": given["changed"]}
    result = runner.run(deploy, values)
    assert result.returncode == 0, result.stdout + result.stderr
    preview = ["index.html", "proef/index.html", "whitepaper-preview.json"]
    assert sorted(published(runner)) == sorted(
        [*before, ".nojekyll", *(f"pr-preview/pr-12/{name}" for name in preview)]
    )
    comment = (runner.workspace.parent / "preview-comment.md").read_text(encoding="utf-8")
    assert comment.startswith(MARKER)
    assert "https://whitepaper-nl.github.io/whitepapers/pr-preview/pr-12/proef/" in comment

    close = step("preview-close.yml", "remove", "whitepaper preview --remove")
    result = runner.run(close, {"NUMBER": "12"})
    assert result.returncode == 0, result.stdout + result.stderr
    assert sorted(published(runner)) == sorted([*before, ".nojekyll"])
    comment = (runner.workspace.parent / "preview-comment.md").read_text(encoding="utf-8")
    assert comment.startswith(MARKER) and "verwijderd" in comment


def test_closing_a_pull_request_without_a_preview_pushes_nothing(runner: Runner) -> None:
    close = step("preview-close.yml", "remove", "whitepaper preview --remove")
    result = runner.run(close, {"NUMBER": "12"})
    assert result.returncode == 0, result.stdout + result.stderr
    assert "origin heeft nog geen gh-pages" in result.stdout
    assert runner.git("ls-remote", "--heads", "origin", "gh-pages") == ""


def privileged_runner(job: Runner) -> Runner:
    """Another runner, for a privileged job: a fresh clone of origin's default branch."""
    other = Runner(job.workspace.parent / "privileged", job.home, job.files, job.repository)
    origin = job.git("remote", "get-url", "origin").strip()
    git("clone", "-q", "-b", "main", origin, str(other.workspace), cwd=job.workspace.parent)
    return other


@pytest.mark.slow
def test_a_pull_request_goes_from_its_build_to_its_preview(runner: Runner) -> None:
    """The build job's steps make the artifact; the preview job's steps, on another runner
    with the default branch, validate it and put it on gh-pages, beside a release."""
    with_gh_pages(runner, {"2026.1/index.html": "release", "versions.json": "[]"})
    with_site_config(runner)
    pull_request(runner)
    for name in ("site address", "whitepaper build", "pack preview"):
        given = {
            "site address": {"WHITEPAPER_SITE_URL": ""},
            "whitepaper build": {
                "PR_NUMBER": "12",
                "WHITEPAPER_REPO_URL": "https://github.com/x/y",
            },
            "pack preview": {"PR_NUMBER": "12", "BASE": "main"},
        }[name]
        result = runner.run(step("pull-request.yml", "build", name), given)
        assert result.returncode == 0, result.stdout + result.stderr
        runner.env.update(runner.written("env"))

    deploy = privileged_runner(runner)
    shutil.copytree(runner.workspace / "preview-artifact", downloaded(deploy))  # the artifact
    assert validate_artifact(deploy).returncode == 0
    found = deploy.written("output")
    address = deploy.run(step("preview.yml", "deploy", "site address"), {"WHITEPAPER_SITE_URL": ""})
    assert address.returncode == 0, address.stderr
    deploy.env.update(deploy.written("env"))
    values = {"NUMBER": found["number"], "SITE": found["site"], "CHANGED": found["changed"]}
    result = deploy.run(step("preview.yml", "deploy", "whitepaper preview"), values)
    assert result.returncode == 0, result.stdout + result.stderr

    files = published(deploy)
    assert {"2026.1/index.html", "versions.json"} <= set(files)
    assert {"pr-preview/pr-12/proef/index.html", "pr-preview/pr-12/pdf/proef.pdf"} <= set(files)
    comment = (deploy.workspace.parent / "preview-comment.md").read_text(encoding="utf-8")
    assert "pr-preview/pr-12/pdf/proef.pdf" in comment


@pytest.mark.slow
def test_a_release_tag_publishes_and_pushes(runner: Runner) -> None:
    with_gh_pages(runner, {"pr-preview/pr-3/index.html": "a preview"})
    with_site_config(runner)
    address = runner.run(
        step("release.yml", "publish", "site address"), {"WHITEPAPER_SITE_URL": ""}
    )
    assert address.returncode == 0, address.stderr
    runner.env.update(runner.written("env"))
    publish = step("release.yml", "publish", "whitepaper publish")
    given = {"VERSION": "2026.1", "WHITEPAPER_CNAME": "", "WHITEPAPER_REPO_URL": "https://x.nl/"}
    result = runner.run(publish, given)
    assert result.returncode == 0, result.stdout + result.stderr
    files = set(published(runner))
    assert {"2026.1/proef/index.html", "latest/pdf/proef.pdf", "versions.json"} <= files
    assert "pr-preview/pr-3/index.html" in files  # another writer's file stays
