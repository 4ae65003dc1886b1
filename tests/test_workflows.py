"""The workflows (.github/workflows/): valid for GitHub, pinned, in the Debian container, with
least privilege and one writer of gh-pages at a time, a preview built by the default branch's
code from a pull request's docs/ and bib/ only; and their own steps, run here as the runner
runs them (tests/workflow_steps.py): the text of each step, never a copy of it."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.workflow_steps import (
    ROOT,
    WORKFLOWS,
    FakeGitHub,
    Runner,
    commit,
    git,
    github_script,
    jobs_steps,
    step,
    workflow,
    workflows,
    write,
)

CONTAINER = "python:3.11-bookworm"
SITE_BUILDERS = (  # the jobs with a "site address" step
    ("pull-request.yml", "build"),
    ("preview.yml", "build"),
    ("preview.yml", "deploy"),
    ("release.yml", "publish"),
)
READS = {"contents": "read"}  # pull-request.yml's, for every job
PERMISSIONS = {
    ("pull-request.yml", "check"): READS,
    ("pull-request.yml", "build"): READS,
    ("pull-request.yml", "tests"): READS,
    ("preview.yml", "build"): {"actions": "read", "contents": "read", "pull-requests": "read"},
    ("preview.yml", "deploy"): {
        "actions": "read",
        "contents": "write",
        "pull-requests": "write",
    },
    ("preview.yml", "failed"): {"contents": "read", "pull-requests": "write"},
    ("preview-close.yml", "remove"): {"contents": "write", "pull-requests": "write"},
    ("release.yml", "publish"): {"contents": "write"},
    ("verify.yml", "verify"): {"contents": "read"},  # tests/test_verify_workflow.py
    ("verify.yml", "pull-request"): {"contents": "write", "pull-requests": "write"},
}
# the writers of gh-pages: a token that writes the repository's contents (verify.yml's writes
# the branch of its pull request, never gh-pages)
WRITERS = {
    name_job
    for name_job, granted in PERMISSIONS.items()
    if granted["contents"] == "write" and name_job[0] != "verify.yml"
}
PRIVILEGED = ("preview.yml", "preview-close.yml", "release.yml")  # run with a write token
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


def job_of(name: str, job: str) -> dict[str, Any]:
    return workflow(name)["jobs"][job]


def granted(name: str, job: str) -> dict[str, str]:
    """The job's token: its own permissions, else the workflow's."""
    return job_of(name, job).get("permissions", workflow(name).get("permissions"))


def checkouts(name: str, job: str) -> list[dict[str, Any]]:
    steps = job_of(name, job)["steps"]
    return [s for s in steps if s.get("uses", "").startswith("actions/checkout")]


def test_the_workflows_are_these_five() -> None:
    assert sorted(workflows()) == [
        "preview-close.yml",
        "preview.yml",
        "pull-request.yml",
        "release.yml",
        "verify.yml",
    ]


@pytest.mark.parametrize("path", sorted(WORKFLOWS.glob("*.yml")), ids=lambda path: path.name)
def test_workflow_is_valid_for_github(path: Path) -> None:
    result = validate(path)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize(
    ("name", "bad", "good"),
    [
        ("pull-request.yml", "    runs-on: ubuntu-latest\n", "    runs_on: ubuntu-latest\n"),
        ("pull-request.yml", "permissions:\n  contents: read\n", "permissions:\n  contents: all\n"),
        ("pull-request.yml", "  pull_request:\n", "  pull_requests:\n"),  # no such event
        ("preview.yml", "    needs: build\n", "    needs: {build: true}\n"),
        ("preview.yml", "      cancel-in-progress: false\n", "      cancel-in-progress: no-way\n"),
    ],
)
def test_the_schema_refuses_a_broken_workflow(
    tmp_path: Path, name: str, bad: str, good: str
) -> None:
    text = (WORKFLOWS / name).read_text(encoding="utf-8")
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


def test_every_job_has_exactly_its_token() -> None:
    jobs = {(name, job) for name, data in workflows().items() for job in data["jobs"]}
    assert jobs == set(PERMISSIONS)
    for (name, job), permissions in PERMISSIONS.items():
        assert granted(name, job) == permissions, f"{name}: job {job}"


def test_every_run_step_is_bash() -> None:
    for name, data in workflows().items():
        assert data["defaults"]["run"]["shell"] == "bash", name


def test_the_pull_request_workflow_only_reads() -> None:
    """It runs the pull request's code, a fork's too: no write permission, no secret, and no
    token left in the checkout's git config."""
    data = workflow("pull-request.yml")
    assert set(data["on"]) == {"pull_request", "push"}
    assert data["permissions"] == READS
    assert all("permissions" not in job for job in data["jobs"].values())
    assert "secrets." not in (WORKFLOWS / "pull-request.yml").read_text(encoding="utf-8")
    found = [s for job in data["jobs"] for s in checkouts("pull-request.yml", job)]
    assert found and all(s["with"]["persist-credentials"] is False for s in found)


def test_the_preview_build_reads_only_and_writes_nowhere() -> None:
    """The job that runs the trusted code on the pull request's content: a token that only
    reads, no credentials in its checkout, no secret, nothing pushed, no comment, no cache
    saved (a cache the pull request's content filled would reach the default branch)."""
    job = job_of("preview.yml", "build")
    assert set(granted("preview.yml", "build").values()) == {"read"}
    text = yaml.safe_dump(job)
    assert "secrets." not in text and "gh-pages.sh" not in text and "upsertComment" not in text
    assert [s["with"] for s in checkouts("preview.yml", "build")] == [
        {"ref": DEFAULT_BRANCH, "persist-credentials": False}
    ]
    uses = [s["uses"] for s in job["steps"] if "uses" in s]
    assert "actions/cache/restore@v4" in uses and "actions/cache@v4" not in uses
    assert "concurrency" not in job and "concurrency" not in workflow("preview.yml")


@pytest.mark.parametrize("name", PRIVILEGED)
def test_a_privileged_workflow_never_checks_out_a_pull_request(name: str) -> None:
    data = workflow(name)
    assert data["permissions"] == {}  # each job names what it needs
    text = (WORKFLOWS / name).read_text(encoding="utf-8")
    assert "head_ref" not in text and "pull_request.head" not in text
    assert "head_branch" not in text and "refs/pull/" not in text
    for job_name in data["jobs"]:
        found = checkouts(name, job_name)
        assert len(found) == 1, f"{name}: job {job_name}"
        ref = found[0].get("with", {}).get("ref")
        assert ref == (None if name == "release.yml" else DEFAULT_BRANCH), name
    for _, spec in jobs_steps(data):
        assert not spec.get("uses", "").startswith("./"), "no action from the workspace"


def test_the_deploy_job_gets_only_what_the_trusted_build_made() -> None:
    """The pull request's artifact goes to the build job; the job that writes gets this run's
    `preview-site` (no run-id: this run's), after the build said the head is current."""
    build, deploy = job_of("preview.yml", "build"), job_of("preview.yml", "deploy")
    downloads = {
        job: [s["with"] for s in spec["steps"] if s.get("uses") == "actions/download-artifact@v4"]
        for job, spec in (("build", build), ("deploy", deploy))
    }
    assert [d["name"] for d in downloads["build"]] == [upload_of("pull-request.yml", "build")]
    assert downloads["build"][0]["run-id"] == "${{ github.event.workflow_run.id }}"
    assert downloads["deploy"] == [{"name": "preview-site", "path": "../preview-site"}]
    assert upload_of("preview.yml", "build") == "preview-site"
    assert deploy["needs"] == "build"
    assert deploy["if"] == "needs.build.outputs.current == 'true'"
    assert build["outputs"] == {
        "number": "${{ steps.artifact.outputs.number }}",
        "current": "${{ steps.pull.outputs.current }}",
    }
    assert "github-script" not in yaml.safe_dump(
        step("preview.yml", "deploy", "whitepaper preview")
    )


def upload_of(name: str, job: str) -> str:
    uploads = [
        s for s in job_of(name, job)["steps"] if s.get("uses") == "actions/upload-artifact@v4"
    ]
    assert len(uploads) == 1
    return str(uploads[0]["with"]["name"])


def test_the_preview_build_runs_only_for_the_current_head() -> None:
    """Every step after the question to GitHub waits for its answer."""
    steps = job_of("preview.yml", "build")["steps"]
    asked = [s.get("name") for s in steps].index("pull request")
    assert all(s["if"] == "steps.pull.outputs.current == 'true'" for s in steps[asked + 1 :])
    assert "if" not in steps[asked]


def test_the_privileged_workflows_run_on_these_events_only() -> None:
    assert workflow("preview.yml")["on"] == {
        "workflow_run": {"workflows": ["pull-request"], "types": ["completed"]}
    }
    assert job_of("preview.yml", "build")["if"] == (
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


def concurrency_of(name: str, job: str) -> object:
    """The job's concurrency group: its own, else the workflow's."""
    return job_of(name, job).get("concurrency", workflow(name).get("concurrency"))


def test_every_gh_pages_writer_shares_one_concurrency_group() -> None:
    pushers = {
        (name, job)
        for name, data in workflows().items()
        for job, spec in data["jobs"].items()
        if any("gh-pages.sh push" in s.get("run", "") for s in spec["steps"])
    }
    assert pushers == WRITERS
    one = {"group": "gh-pages", "cancel-in-progress": False}
    for name, job in PERMISSIONS:
        in_group = concurrency_of(name, job) == one
        assert in_group == ((name, job) in WRITERS), f"{name}: job {job}"
    assert workflow("pull-request.yml")["concurrency"]["group"] != "gh-pages"


def test_the_pdf_cache_is_kept_by_the_lock_and_the_code() -> None:
    """Saved by the pull request's build only (a pull request's cache stays its own); the
    others restore the newest with the same lock and code."""
    prefix = "whitepaper-${{ hashFiles('requirements.lock', 'scripts/whitepaper/**') }}-"
    caches = [
        (name, s["uses"], s["with"])
        for name, data in workflows().items()
        for _, s in jobs_steps(data)
        if s.get("uses", "").startswith("actions/cache")
    ]
    assert sorted((name, uses) for name, uses, _ in caches) == [
        ("preview.yml", "actions/cache/restore@v4"),
        ("pull-request.yml", "actions/cache/restore@v4"),
        ("pull-request.yml", "actions/cache@v4"),
        ("release.yml", "actions/cache/restore@v4"),
    ]
    for _, _, cache in caches:
        assert cache["path"] == ".cache/whitepaper"
        assert cache["key"] == prefix + "${{ github.run_id }}" and cache["restore-keys"] == prefix
    assert step_using("pull-request.yml", "build", "actions/cache@v4")


def step_using(name: str, job: str, uses: str) -> dict[str, Any]:
    found = [s for s in job_of(name, job)["steps"] if s.get("uses") == uses]
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


def pack(job: Runner, base: str = "main") -> subprocess.CompletedProcess[str]:
    return job.run(
        step("pull-request.yml", "build", "pack preview"), {"PR_NUMBER": "12", "BASE": base}
    )


def tree(folder: Path, leave: tuple[str, ...] = ()) -> dict[str, str]:
    """Every entry below `folder` but those under the top-level names in `leave`: a file's
    bytes (as text), a link's target, '/' for a folder."""
    found = {}
    for path in sorted(folder.rglob("*")):
        name = path.relative_to(folder).as_posix()
        if name.split("/")[0] in leave:
            continue
        if path.is_symlink():
            found[name] = f"-> {os.readlink(path)}"
        else:
            found[name] = "/" if path.is_dir() else path.read_bytes().decode("utf-8", "replace")
    return found


def test_the_pack_step_gives_the_number_the_changed_files_and_the_content(runner: Runner) -> None:
    """docs/ and bib/ as they are, and nothing else of the checkout: not its mkdocs.yml,
    overrides/, tools/ or a site it built."""
    pull_request(runner)
    write(runner.workspace / "mkdocs.yml", "site_name: van de pull request\n")
    write(runner.workspace / "overrides" / "main.html", "<script>stolen()</script>")
    write(runner.workspace / "site" / "index.html", "<p>site</p>")
    assert (result := pack(runner)).returncode == 0, result.stderr
    artifact = runner.workspace / "preview-artifact"
    assert sorted(p.name for p in artifact.iterdir()) == ["changed-files", "content", "pr-number"]
    assert (artifact / "pr-number").read_text() == "12\n"
    assert (artifact / "changed-files").read_text().splitlines() == [
        "bib/nieuw.bib",
        "docs/proef/index.md",
    ]
    content = artifact / "content"
    assert sorted(p.name for p in content.iterdir()) == ["bib", "docs"]
    for folder in ("docs", "bib"):
        assert tree(content / folder) == tree(runner.workspace / folder)
    assert (runner.workspace / "site").exists()  # the proof that it builds stays here


def test_the_pack_step_keeps_a_link_a_link_and_leaves_hidden_files(runner: Runner) -> None:
    pull_request(runner)
    (runner.workspace / "docs" / "proef" / "geheim.md").symlink_to("/etc/passwd")
    (runner.workspace / "docs" / "etc").symlink_to("/etc")
    write(runner.workspace / "docs" / ".env", "TOKEN=x\n")
    write(runner.workspace / "bib" / ".hidden" / "a.bib", BIB)
    assert (result := pack(runner)).returncode == 0, result.stderr
    content = tree(runner.workspace / "preview-artifact" / "content")
    assert content["docs/proef/geheim.md"] == "-> /etc/passwd"
    assert content["docs/etc"] == "-> /etc"
    assert not [name for name in content if "/." in name]


def test_the_pack_step_needs_plain_docs_and_bib(runner: Runner, tmp_path: Path) -> None:
    pull_request(runner)
    shutil.rmtree(runner.workspace / "bib")
    (runner.workspace / "bib").symlink_to(tmp_path)
    result = pack(runner)
    assert result.returncode == 2
    assert "pack-preview: bib/ ontbreekt of is geen gewone map" in result.stderr


def test_the_changed_files_are_the_pull_requests_own(runner: Runner) -> None:
    """main moved on after the branch was made: its change is not the pull request's."""
    pull_request(runner)
    runner.git("switch", "-q", "main")
    write(runner.workspace / "bib" / "proef.bib", BIB)  # a file the pull request leaves alone
    commit(runner, "meanwhile on main")
    runner.git("push", "-q", "origin", "main")
    runner.git("switch", "-q", "fix-typo")
    runner.git("fetch", "-q", "origin")
    assert pack(runner).returncode == 0
    changed = (runner.workspace / "preview-artifact" / "changed-files").read_text()
    assert changed.splitlines() == ["bib/nieuw.bib", "docs/proef/index.md"]


def test_the_changed_files_need_the_base_branch(runner: Runner) -> None:
    pull_request(runner)
    result = pack(runner, base="niet-bestaand")
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


# The preview's trusted build. ---------------------------------------------------------------


def artifact(folder: Path, number: str = "12") -> Path:
    """An artifact as the pull-request run packs it."""
    write(folder / "pr-number", f"{number}\n")
    write(folder / "changed-files", "docs/proef/index.md\nbib/proef.bib\n")
    write(folder / "content" / "docs" / "index.md", "# Welkom\n")
    write(folder / "content" / "docs" / "proef" / "index.md", PAGE.replace("Een zin", "Eén zin"))
    write(folder / "content" / "docs" / "proef" / "figuur-1.svg", "<svg/>")
    write(folder / "content" / "bib" / "proef.bib", BIB)
    return folder


def downloaded(job: Runner) -> Path:
    """Where the preview build's download step puts the artifact (beside the checkout)."""
    download = step_using("preview.yml", "build", "actions/download-artifact@v4")
    return Path(os.path.normpath(job.workspace / str(download["with"]["path"])))


def validate_artifact(job: Runner) -> subprocess.CompletedProcess[str]:
    spec = step("preview.yml", "build", "validate artifact")
    download = step_using("preview.yml", "build", "actions/download-artifact@v4")
    assert str(download["with"]["path"]) in spec["run"]
    return job.run(spec)


def test_a_good_artifact_passes(runner: Runner) -> None:
    artifact(downloaded(runner))
    result = validate_artifact(runner)
    assert result.returncode == 0, result.stderr
    assert runner.written("output") == {
        "number": "12",
        "content": "../preview-artifact/content",
        "changed": "../preview-artifact/changed-files",
    }


def _symlink(target: str, link: str):
    def make(folder: Path) -> None:
        path = folder / link
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path)
        path.unlink(missing_ok=True)
        path.symlink_to(target)

    return make


def _number(text: str):
    return lambda folder: (folder / "pr-number").write_bytes(text.encode())


def _file(name: str, text: str = "x\n"):
    return lambda folder: write(folder / name, text)


def _many(folder: Path) -> None:
    many = folder / "content" / "docs" / "veel"
    many.mkdir()
    for index in range(5000):
        (many / f"{index}.md").touch()


def _large(folder: Path) -> None:
    with open(folder / "content" / "docs" / "groot.pdf", "wb") as large:  # sparse: no disk
        large.truncate(100 * 2**20 + 1)


NUMBER = "pr-number is geen nummer"
LINK = "is geen gewoon bestand of map"
ONLY = "hoort niet in het artefact: alleen docs/ en bib/"
NAME = "alleen A-Z a-z 0-9 . _ - in een naam"
SIZE = "meer dan 5000 bestanden of 100 MB"


MALICIOUS = {  # how it is spoilt, and why the validator says it refuses it
    "a word": (_number("twaalf\n"), NUMBER),
    "a command": (_number("12; rm -rf /\n"), NUMBER),
    "an option": (_number("-12\n"), NUMBER),
    "zero": (_number("0\n"), NUMBER),
    "a leading zero": (_number("012\n"), NUMBER),
    "a sign": (_number("+12\n"), NUMBER),
    "a fraction": (_number("12.5\n"), NUMBER),
    "two lines": (_number("12\n13\n"), NUMBER),
    "a NUL": (_number("1\x002\n"), NUMBER),
    "a carriage return": (_number("12\r\n"), NUMBER),
    "full-width digits": (_number("\uff11\uff12\n"), NUMBER),
    "too long": (_number("1234567890\n"), NUMBER),
    "empty": (_number(""), NUMBER),
    "a symlink in docs": (_symlink("/etc/passwd", "content/docs/proef/passwd.md"), LINK),
    "a symlinked folder in docs": (_symlink("/etc", "content/docs/etc"), LINK),
    "a symlink in bib": (_symlink("/proc/self/environ", "content/bib/proef.bib"), LINK),
    "a symlinked docs": (_symlink("/etc", "content/docs"), LINK),
    "a symlinked content": (_symlink("/", "content"), LINK),
    "a symlinked number": (_symlink("/proc/self/environ", "pr-number"), LINK),
    "a symlinked list": (_symlink("/etc/hostname", "changed-files"), LINK),
    "a FIFO": (lambda folder: os.mkfifo(folder / "content" / "docs" / "fifo"), LINK),
    "the configuration": (_file("content/mkdocs.yml", "site_name: x\n"), ONLY),
    "a theme override": (_file("content/overrides/main.html", "<script>x()</script>"), ONLY),
    "code": (_file("content/scripts/whitepaper/plugin.py", "import os\n"), ONLY),
    "a hidden folder in content": (_file("content/.github/workflows/x.yml"), ONLY),
    "a file beside docs": (_file("content/README.md"), ONLY),
    "docs as a file": (
        lambda folder: (
            shutil.rmtree(folder / "content" / "docs"),
            write(folder / "content" / "docs", "x"),
        ),
        ONLY,
    ),
    "no docs": (
        lambda folder: shutil.rmtree(folder / "content" / "docs"),
        "content/docs/ of content/bib/ ontbreekt",
    ),
    "no bib": (
        lambda folder: shutil.rmtree(folder / "content" / "bib"),
        "content/docs/ of content/bib/ ontbreekt",
    ),
    "a tag in a name": (_file("content/docs/proef/<img src=x onerror=alert(1)>.md"), NAME),
    "a quote in a name": (_file('content/docs/"proef.md'), NAME),
    "a space in a name": (_file("content/docs/proef/twee woorden.md"), NAME),
    "a line break in a name": (_file("content/docs/proef/a\nb.md"), NAME),
    "a letter beyond ASCII": (_file("content/docs/proef/café.md"), NAME),
    "a hidden file": (_file("content/docs/proef/.env", "TOKEN=x\n"), NAME),
    "a hidden bibliography": (_file("content/bib/.oud.bib", BIB), NAME),
    "too many files": (_many, SIZE),
    "too many bytes": (_large, SIZE),
    "a huge list": (
        lambda folder: (folder / "changed-files").write_bytes(b"a\n" * 2**19 + b"b"),
        "changed-files is te groot",
    ),
    "an extra file": (_file("run.sh", "echo hi\n"), "'run.sh' hoort niet in het artefact"),
    "a hidden extra file": (_file(".git/config", "[core]\n"), "'.git' hoort niet in het artefact"),
    "a built site": (
        _file("site/index.html", "<script>x()</script>"),
        "'site' hoort niet in het artefact",
    ),
    "no content": (
        lambda folder: shutil.rmtree(folder / "content"),
        "pr-number, changed-files of content/ ontbreekt",
    ),
    "no list": (
        lambda folder: (folder / "changed-files").unlink(),
        "pr-number, changed-files of content/ ontbreekt",
    ),
}


@pytest.mark.parametrize(("spoil", "reason"), MALICIOUS.values(), ids=MALICIOUS.keys())
def test_a_malicious_artifact_is_refused(runner: Runner, spoil, reason: str) -> None:
    folder = artifact(downloaded(runner))
    spoil(folder)
    result = validate_artifact(runner)
    assert result.returncode == 1, result.stdout
    assert result.stderr.startswith("voorbeeld geweigerd: ")
    assert reason in result.stderr and len(result.stderr.splitlines()) == 1
    assert runner.written("output") == {}


def test_the_size_bounds_are_not_too_tight(runner: Runner) -> None:
    """Just below each bound passes: the bounds, not something else, refuse the two above."""
    folder = artifact(downloaded(runner))
    many = folder / "content" / "docs" / "veel"
    many.mkdir()
    for index in range(5000 - len(list((folder / "content").rglob("*"))) - 1):
        (many / f"{index}.md").touch()
    with open(folder / "content" / "docs" / "groot.pdf", "wb") as large:
        large.truncate(100 * 2**20 - 4096)
    result = validate_artifact(runner)
    assert result.returncode == 0, result.stderr


def test_a_symlink_as_the_artifact_is_refused(runner: Runner, tmp_path: Path) -> None:
    real = artifact(tmp_path / "elsewhere")
    downloaded(runner).symlink_to(real)
    assert validate_artifact(runner).returncode == 1


def test_the_content_step_replaces_docs_and_bib_and_nothing_else(runner: Runner) -> None:
    with_site_config(runner, push=False)
    write(runner.workspace / "scripts" / "whitepaper" / "plugin.py", "# trusted\n")
    before = tree(runner.workspace, leave=(".git", "docs", "bib"))
    folder = artifact(downloaded(runner))
    assert validate_artifact(runner).returncode == 0
    content = runner.written("output")["content"]
    spec = step("preview.yml", "build", "pull request content")
    result = runner.run(spec, {"CONTENT": content})
    assert result.returncode == 0, result.stderr
    for name in ("docs", "bib"):
        assert tree(runner.workspace / name) == tree(folder / "content" / name)
    assert not (runner.workspace / "docs" / "proef" / "oud.md").exists()  # main's, not the PR's
    assert tree(runner.workspace, leave=(".git", "docs", "bib")) == before
    assert "mkdocs.yml" in before and "overrides/main.html" in before


HEAD = "a" * 40
REPOSITORY = {"owner": "whitepaper-nl", "repo": "whitepapers"}  # the harness's context.repo


@pytest.mark.parametrize(
    ("state", "head", "current"),
    [("open", HEAD, "true"), ("open", "b" * 40, "false"), ("closed", HEAD, "false")],
)
def test_the_preview_is_only_for_the_pull_requests_current_head(
    state: str, head: str, current: str
) -> None:
    spec = step("preview.yml", "build", "pull request")
    fake = FakeGitHub(pull={"number": 12, "state": state, "head": {"sha": head}}, head_sha=HEAD)
    done = github_script(spec, fake, {"NUMBER": "12"}, cwd=ROOT)
    assert done["error"] is None
    assert done["calls"] == [
        {"name": "pulls.get", "params": {**REPOSITORY, "pull_number": 12}},
    ]
    assert done["outputs"] == {"current": current}
    assert bool(done["notices"]) == (current == "false")


# The preview's deployment, and its removal. -------------------------------------------------


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


def test_a_failed_trusted_build_says_so_on_the_pull_request() -> None:
    """The trusted build refused the content: the one comment says so, made only of the
    number and this run's address, and only for the pull request's current head."""
    failed = job_of("preview.yml", "failed")
    assert failed["needs"] == "build"
    assert failed["if"] == "failure() && needs.build.outputs.current == 'true'"
    spec = step("preview.yml", "failed", "comment")
    fake = FakeGitHub(pull={}, comments=[])
    done = github_script(spec, fake, {"NUMBER": "12"}, cwd=ROOT)
    assert done["error"] is None
    assert [call["name"] for call in done["calls"]] == [
        "issues.listComments",
        "issues.createComment",
    ]
    body = done["calls"][-1]["params"]["body"]
    assert body.startswith(f"{MARKER}\n### Voorbeeld van pull request #12\n")
    assert "kon niet worden gebouwd" in body
    assert "(https://github.com/whitepaper-nl/whitepapers/actions/runs/4242)" in body


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


def with_site_config(job: Runner, *, push: bool = True) -> None:
    """The project's mkdocs.yml, theme overrides and a home page, on main: a site to build
    (and `whitepaper preview` reads site_url from mkdocs.yml)."""
    shutil.copy(ROOT / "mkdocs.yml", job.workspace / "mkdocs.yml")
    shutil.copytree(ROOT / "overrides", job.workspace / "overrides")
    write(job.workspace / "docs" / "index.md", "# Welkom\n")
    commit(job, "the site's configuration")
    if push:
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


def site_downloaded(job: Runner) -> Path:
    """Where the deploy job's download step puts this run's preview-site."""
    download = step_using("preview.yml", "deploy", "actions/download-artifact@v4")
    return Path(os.path.normpath(job.workspace / str(download["with"]["path"])))


def preview_site(folder: Path, marker: int = 12) -> Path:
    """preview-site as the trusted build's `pack site` step leaves it."""
    write(folder / "pr-number", "12\n")
    write(folder / "changed-files", "docs/proef/index.md\nbib/proef.bib\n")
    write(folder / "site" / "index.html", "<p>voorbeeld</p>")
    write(folder / "site" / "proef" / "index.html", "<p>proef</p>")
    write(folder / "site" / "whitepaper-preview.json", json.dumps({"pull_request": marker}))
    return folder


def deploy_step(job: Runner, number: str = "12") -> subprocess.CompletedProcess[str]:
    """The deploy job's site address and `whitepaper preview` steps, N from the build job."""
    address = job.run(step("preview.yml", "deploy", "site address"), {"WHITEPAPER_SITE_URL": ""})
    assert address.returncode == 0, address.stderr
    job.env.update(job.written("env"))
    return job.run(step("preview.yml", "deploy", "whitepaper preview"), {"NUMBER": number})


@pytest.mark.parametrize("before", [{}, {"2026.1/index.html": "r", "pr-preview/pr-3/a": "3"}])
def test_the_preview_goes_online_and_leaves_when_closed(
    runner: Runner, before: dict[str, str]
) -> None:
    if before:
        with_gh_pages(runner, before)
    with_site_config(runner)
    preview_site(site_downloaded(runner))
    result = deploy_step(runner)
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


@pytest.mark.parametrize(
    "spoil",
    [
        lambda site: write(site / "whitepaper-preview.json", '{"pull_request": 13}'),
        lambda site: (site / "proef" / "passwd").symlink_to("/etc/passwd"),
        lambda site: write(site / ".git" / "config", "[core]\n"),
    ],
    ids=["another pull request's build", "a symlink", "a hidden file"],
)
def test_the_deploy_step_still_refuses_a_folder_that_is_no_preview(runner: Runner, spoil) -> None:
    """Defence in depth: were the trusted build's output ever not what it made."""
    with_gh_pages(runner, {"2026.1/index.html": "r"})
    with_site_config(runner)
    spoil(preview_site(site_downloaded(runner)) / "site")
    result = deploy_step(runner)
    assert result.returncode == 2, result.stdout + result.stderr
    assert sorted(published(runner)) == ["2026.1/index.html"]


def test_closing_a_pull_request_without_a_preview_pushes_nothing(runner: Runner) -> None:
    close = step("preview-close.yml", "remove", "whitepaper preview --remove")
    result = runner.run(close, {"NUMBER": "12"})
    assert result.returncode == 0, result.stdout + result.stderr
    assert "origin heeft nog geen gh-pages" in result.stdout
    assert runner.git("ls-remote", "--heads", "origin", "gh-pages") == ""


def default_branch_runner(job: Runner, name: str) -> Runner:
    """Another runner (its own folder, so its `../` is its own): a fresh clone of origin's
    default branch, as the preview workflow's checkout makes it."""
    (job.workspace.parent / name).mkdir()
    other = Runner(job.workspace.parent / name / "work", job.home, job.files, job.repository)
    origin = job.git("remote", "get-url", "origin").strip()
    git("clone", "-q", "-b", "main", origin, str(other.workspace), cwd=job.workspace.parent)
    return other


def trusted_build(job: Runner, *, until: str = "pack site") -> tuple[Runner, dict[str, str]]:
    """The preview workflow's build job on the artifact `job` packed, step by step (the
    steps GitHub runs between them, such as install and cache, are left out)."""
    trusted = default_branch_runner(job, "trusted")
    shutil.copytree(job.workspace / "preview-artifact", downloaded(trusted))  # the download
    assert (result := validate_artifact(trusted)).returncode == 0, result.stderr
    found = trusted.written("output")
    given = {
        "pull request content": {"CONTENT": found["content"]},
        "site address": {"WHITEPAPER_SITE_URL": ""},
        "whitepaper build": {"NUMBER": found["number"], "WHITEPAPER_REPO_URL": "https://x.nl/"},
        "pack site": {"NUMBER": found["number"], "CHANGED": found["changed"]},
    }
    for name, values in given.items():
        done = trusted.run(step("preview.yml", "build", name), values)
        trusted.env.update(trusted.written("env"))
        if name == until:
            return trusted, {"output": done.stdout + done.stderr, "code": str(done.returncode)}
        assert done.returncode == 0, done.stdout + done.stderr
    raise AssertionError(f"no step {until!r}")


def the_pull_request_changes_the_theme(job: Runner) -> None:
    main_html = job.workspace / "overrides" / "main.html"
    text = main_html.read_text(encoding="utf-8")
    head = "{% block extrahead %}\n  {{ super() }}\n"
    assert head in text
    main_html.write_text(text.replace(head, head + "  <script>pullRequestTheme()</script>\n"))
    commit(job, "a theme of its own")


@pytest.mark.slow
def test_a_pull_request_goes_from_its_content_to_its_preview(runner: Runner) -> None:
    """The pull request's pack; the trusted build on another runner with the default branch
    (its theme, not the pull request's); the deploy on a third, onto gh-pages beside a
    release; and the close."""
    with_gh_pages(runner, {"2026.1/index.html": "release", "versions.json": "[]"})
    with_site_config(runner)
    pull_request(runner)
    the_pull_request_changes_the_theme(runner)
    assert (result := pack(runner)).returncode == 0, result.stderr

    trusted, done = trusted_build(runner)
    assert done["code"] == "0", done["output"]
    theme = (trusted.workspace / "overrides" / "main.html").read_text(encoding="utf-8")
    assert theme == (ROOT / "overrides" / "main.html").read_text(encoding="utf-8")
    built = trusted.workspace / "preview-site"
    pages = [p.read_text(encoding="utf-8") for p in (built / "site").rglob("*.html")]
    assert pages and not [page for page in pages if "pullRequestTheme" in page]
    assert "Eén zin" in (built / "site" / "proef" / "index.html").read_text(encoding="utf-8")
    assert (built / "pr-number").read_text() == "12\n"

    deploy = default_branch_runner(runner, "deploy")
    shutil.copytree(built, site_downloaded(deploy))  # this run's preview-site
    result = deploy_step(deploy, number="12")
    assert result.returncode == 0, result.stdout + result.stderr
    files = published(deploy)
    assert {"2026.1/index.html", "versions.json"} <= set(files)
    assert {"pr-preview/pr-12/proef/index.html", "pr-preview/pr-12/pdf/proef.pdf"} <= set(files)
    comment = (deploy.workspace.parent / "preview-comment.md").read_text(encoding="utf-8")
    assert "pr-preview/pr-12/pdf/proef.pdf" in comment

    close = default_branch_runner(runner, "close")
    result = close.run(
        step("preview-close.yml", "remove", "whitepaper preview --remove"), {"NUMBER": "12"}
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert not [name for name in published(close) if name.startswith("pr-preview/pr-12/")]
    assert {"2026.1/index.html", "versions.json"} <= set(published(close))


@pytest.mark.slow
def test_a_page_with_a_script_fails_the_trusted_build(runner: Runner) -> None:
    """The pull request's own build may let it through (its code is the pull request's); the
    trusted build runs the default branch's check first, and nothing is packed."""
    with_site_config(runner)
    pull_request(runner)
    write(runner.workspace / "docs" / "proef" / "index.md", PAGE + "\n<script>steal()</script>\n")
    commit(runner, "a script")
    assert (result := pack(runner)).returncode == 0, result.stderr
    trusted, done = trusted_build(runner, until="whitepaper build")
    assert done["code"] == "1", done["output"]
    assert "docs/proef/index.md:10:1: error[unsafe-html]" in done["output"]
    assert not (trusted.workspace / "site").exists()


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
