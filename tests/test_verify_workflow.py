"""The weekly source check (.github/workflows/verify.yml): its shape (a schedule, two jobs, a
token that writes only where the pull request is made, one run at a time), the summary of
what is new between two status files (whitepaper.health.summary), and its own steps run here
as the runner runs them (tests/workflow_steps.py): `whitepaper verify` itself with every
request sent to a closed port (never the network), the guard that only the status file
changed, the branch pushed to a local bare origin, and the pull request against a fake GitHub.
"""

from __future__ import annotations

import datetime
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.workflow_steps import (
    ROOT,
    FakeGitHub,
    Runner,
    commit,
    git,
    github_script,
    step,
    workflow,
    write,
)
from whitepaper.health.claims import claims
from whitepaper.health.status import Finding, Status, checked, status_bytes
from whitepaper.health.summary import MARKER, MOST_ROWS, main, pull_request_body
from whitepaper.sources.bibliography import load_bibliography

NAME = "verify.yml"
BRANCH = "bronstatus/weekly"
STATUS = "bib/bronstatus.json"
DEFAULT_BRANCH = "${{ github.event.repository.default_branch || github.ref_name }}"
CLOSED_PORT = "http://127.0.0.1:9"  # every request of a step fails here, at once
DAY = datetime.date(2026, 11, 30)
BIB = (
    "@article{kim2020,\n  author = {Kim, Jin},\n  title = {Een studie},\n"
    "  journal = {Tijdschrift},\n  year = {2020},\n  doi = {10.1000/xyz123},\n}\n\n"
    "@book{cbs2020,\n  author = {{CBS}},\n  title = {Cijfers},\n  year = {2020},\n}\n"
)
RETRACTED = Finding(
    "retracted",
    "doi",
    "het werk van DOI 10.1000/xyz123 is ingetrokken op 2021-05-03 (door 10.1000/xyz900)",
    "lees het bericht",
)
DEAD = Finding("dead-link", "url", "https://www.vereniging.nl/richtlijn antwoordt 404")


def status(entries: dict[str, tuple[Finding, ...]], day: datetime.date = DAY) -> Status:
    return Status(
        entries={key: checked(day, "f" * 16, ("doi",), found) for key, found in entries.items()}
    )


# The workflow's shape. ----------------------------------------------------------------------


def job(name: str) -> dict:
    return workflow(NAME)["jobs"][name]


def test_it_runs_weekly_and_on_demand() -> None:
    on = workflow(NAME)["on"]
    assert set(on) == {"schedule", "workflow_dispatch"}
    [cron] = [item["cron"] for item in on["schedule"]]
    minute, hour, day_of_month, month, weekday = cron.split()
    assert (day_of_month, month) == ("*", "*")
    assert minute.isdigit() and hour.isdigit() and re.fullmatch("[0-6]", weekday)


def test_one_run_at_a_time_and_none_cancelled() -> None:
    data = workflow(NAME)
    assert data["concurrency"] == {"group": "verify", "cancel-in-progress": False}
    assert data["permissions"] == {}  # each job names what it needs


def test_the_job_that_asks_the_registries_only_reads() -> None:
    """It runs the network and reads the registries' text: no write token, no credentials
    left in its checkout, no secret, nothing pushed."""
    verify = job("verify")
    assert verify["permissions"] == {"contents": "read"}
    [checkout] = [s for s in verify["steps"] if s.get("uses") == "actions/checkout@v4"]
    assert checkout["with"] == {"ref": DEFAULT_BRANCH, "persist-credentials": False}
    text = (ROOT / ".github" / "workflows" / NAME).read_text(encoding="utf-8")
    assert "secrets." not in text
    runs = " ".join(s.get("run", "") for s in verify["steps"])
    assert "push" not in runs and "verify-branch" not in runs
    assert step(NAME, "verify", "whitepaper verify")["env"] == {
        "WHITEPAPER_CONTACT": "${{ vars.WHITEPAPER_CONTACT }}",
        "WHITEPAPER_REPO_URL": "${{ github.server_url }}/${{ github.repository }}",
    }


def test_the_pull_request_job_gets_only_what_verify_made() -> None:
    """It runs only when verify found something to say, on the commit verify checked, with
    this run's artifact (put beside its checkout) and no install: it runs nothing of the
    registries' answers but the status file it commits."""
    verify, pull = job("verify"), job("pull-request")
    assert pull["needs"] == "verify"
    assert pull["if"] == "needs.verify.outputs.report == 'true'"
    assert verify["outputs"] == {
        "report": "${{ steps.report.outputs.report }}",
        "commit": "${{ steps.report.outputs.commit }}",
    }
    assert pull["permissions"] == {"contents": "write", "pull-requests": "write"}
    [checkout] = [s for s in pull["steps"] if s.get("uses") == "actions/checkout@v4"]
    assert checkout["with"] == {"ref": "${{ needs.verify.outputs.commit }}"}
    [upload] = [s for s in verify["steps"] if s.get("uses") == "actions/upload-artifact@v4"]
    [download] = [s for s in pull["steps"] if s.get("uses") == "actions/download-artifact@v4"]
    assert upload["if"] == "steps.report.outputs.report == 'true'"
    assert upload["with"]["name"] == download["with"]["name"] == "bronstatus"
    assert upload["with"]["path"] in step(NAME, "verify", "report")["run"]
    assert download["with"]["path"].startswith("../")
    assert download["with"]["path"] in step(NAME, "pull-request", "commit")["run"]
    assert "ci-install" not in " ".join(s.get("run", "") for s in pull["steps"])
    assert pull["env"] == {"BRANCH": BRANCH}


# The summary of what is new. ----------------------------------------------------------------


def test_a_new_problem_and_a_resolved_one() -> None:
    old = status({"kim2020": (), "lee2021": (DEAD,)})
    new = status({"kim2020": (RETRACTED,), "lee2021": ()}, DAY + datetime.timedelta(days=7))
    body = pull_request_body(old, new)
    assert body.startswith(f"{MARKER}\n## Bronstatus: wat er nieuw is\n")
    assert "nagevraagd (laatst op 2026-12-07)" in body
    assert "alleen `bib/bronstatus.json` bij; de bibliografie zelf verandert niet" in body
    new_rows = body.split("### Nieuwe problemen (1)")[1].split("###")[0]
    assert (
        "| kim2020 | fout | retracted | het werk van DOI 10.1000/xyz123 is ingetrokken" in new_rows
    )
    resolved = body.split("### Opgelost sinds de vorige keer (1)")[1]
    assert "| bron | ernst | code | melding van toen |" in resolved
    assert "| lee2021 | waarschuwing | dead-link | https://www.vereniging.nl/richtlijn" in resolved
    assert "`whitepaper explain CODE`" in body


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ({"kim2020": (RETRACTED,)}, {"kim2020": (RETRACTED,)}),
        ({}, {}),
        ({"kim2020": ()}, {"kim2020": ()}),
    ],
    ids=["the same problem", "nothing checked", "still fine"],
)
def test_nothing_new_is_no_pull_request(old: dict, new: dict) -> None:
    """Only the day checked changed (a rerun of an old result): nothing for a person."""
    later = DAY + datetime.timedelta(days=30)
    assert pull_request_body(status(old), status(new, later)) == ""


def test_the_same_problem_said_otherwise_is_not_new() -> None:
    """Code and field make a problem the same one: a 410 after a 404 is no news."""
    gone = Finding("dead-link", "url", "https://www.vereniging.nl/richtlijn antwoordt 410")
    assert pull_request_body(status({"a": (DEAD,)}), status({"a": (gone,)})) == ""


def test_first_checks_and_entries_gone() -> None:
    old = status({"oud2019": (DEAD,), "weg2018": ()})
    new = status({"kim2020": (), "lee2021": (), "park2022": (RETRACTED,)})
    body = pull_request_body(old, new)
    assert "| park2022 | fout | retracted |" in body  # new to the file: its problem is new
    assert "- 2 bronnen voor het eerst gecontroleerd, zonder problemen: kim2020 en lee2021." in body
    assert (
        "- 2 bronnen niet meer gecontroleerd (niet meer in de bibliografie, of zonder DOI,"
        " PMID of webadres): oud2019 en weg2018." in body
    )
    assert "Opgelost" not in body  # a problem of an entry gone is not resolved


HOSTILE = "x|y`z` <script>alert(1)</script> @iemand #12 [klik](https://evil.example) *n*\nregel"


def test_every_key_and_message_is_escaped() -> None:
    """Keys and messages quote the bibliography and the registries: nothing of them may end a
    cell, open a tag, code, a link, a mention or an issue reference, or start a new line."""
    found = Finding("doi-mismatch", "doi", f"de titel is '{HOSTILE}'")
    body = pull_request_body(status({}), status({"a|b<i>": (found,), "c@d": ()}))
    row = next(line for line in body.splitlines() if "doi-mismatch" in line)
    assert row.count(" | ") == 3 and row.startswith("| a\\|b&lt;i&gt; | fout |")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in row and "<script>" not in body
    assert "x\\|y\\`z\\`" in row and "\\@iemand \\#12 \\[klik\\](https://evil.example)" in row
    assert "\\*n\\* regel" in row
    assert "- 1 bron voor het eerst gecontroleerd, zonder problemen: c\\@d." in body


def test_a_first_run_with_many_problems_stays_within_a_pull_requests_body() -> None:
    many = {f"bron{index:03}": (RETRACTED,) for index in range(MOST_ROWS + 5)}
    body = pull_request_body(status({}), status(many))
    assert body.count("| retracted |") == MOST_ROWS
    assert "En nog 5 meldingen: `whitepaper verify` toont ze alle." in body
    assert len(body) < 65_536


def test_the_summary_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    new = tmp_path / "new.json"
    new.write_bytes(status_bytes(status({"kim2020": (RETRACTED,)})))
    assert main([str(tmp_path / "none.json"), str(new)]) == 0  # a first run: no old file
    assert "| kim2020 | fout | retracted |" in capsys.readouterr().out
    (tmp_path / "bad.json").write_text('{"format": "iets"}', encoding="utf-8")
    assert main([str(tmp_path / "bad.json"), str(new)]) == 2
    assert "bad.json is geen geldig statusbestand" in capsys.readouterr().err
    assert main([str(new)]) == 2
    assert main([str(new), str(tmp_path / "none.json")]) == 2
    assert "bestaat niet" in capsys.readouterr().err


# The steps, run. ---------------------------------------------------------------------------


@pytest.fixture
def runner(tmp_path: Path) -> Runner:
    """A clone of an origin (a bare repository) with a bibliography and its committed status
    file, this checkout's tools/, git set up by the workflow's own `git` step; every request
    a step makes goes to a closed port."""
    home, files, origin, work = (tmp_path / name for name in ("home", "files", "origin", "work"))
    for folder in (home, files, work):
        folder.mkdir()
    job = Runner(workspace=work, home=home, files=files)
    job.env.update({"HTTPS_PROXY": CLOSED_PORT, "HTTP_PROXY": CLOSED_PORT, "NO_PROXY": ""})
    shutil.copytree(ROOT / "tools", work / "tools")
    assert job.run(step(NAME, "verify", "git")).returncode == 0
    git("init", "-q", "--bare", "-b", "main", str(origin), cwd=tmp_path)
    job.git("init", "-q", "-b", "main")
    write(work / "bib" / "proef.bib", BIB)
    write(work / "docs" / "proef" / "index.md", "# Proef\n\nEen zin [@kim2020].\n")
    write(work / ".gitignore", "/.cache/\n/.venv/\n")
    write(work / STATUS, status_bytes(fresh(work, {"kim2020": ()})).decode())
    commit(job, "the project")
    job.git("remote", "add", "origin", f"file://{origin}")
    job.git("push", "-q", "origin", "main")
    return job


def fresh(work: Path, entries: dict[str, tuple[Finding, ...]]) -> Status:
    """A status that `whitepaper verify` takes as checked today, for what the entries say
    now: a rerun asks nothing and shows these findings again."""
    bibliography = load_bibliography(work / "bib", root=work)
    today = datetime.datetime.now(datetime.UTC).date()
    results = {}
    for key, found in entries.items():
        said = claims(bibliography.entries[key]) if key in bibliography.entries else None
        fingerprint = said.fingerprint if said else "0" * 16
        results[key] = checked(today, fingerprint, said.asked if said else ("doi",), found)
    return Status(entries=results)


def verify_step(job: Runner) -> subprocess.CompletedProcess[str]:
    given = {"WHITEPAPER_CONTACT": "redactie@vereniging.nl", "WHITEPAPER_REPO_URL": "https://x.nl/"}
    return job.run(step(NAME, "verify", "whitepaper verify"), given)


def test_verify_finding_problems_does_not_stop_the_run(runner: Runner) -> None:
    """Exit 1 (an error-level finding, here shown again from the status file) is what the
    pull request is for."""
    write(
        runner.workspace / STATUS,
        status_bytes(fresh(runner.workspace, {"kim2020": (RETRACTED,)})).decode(),
    )
    commit(runner, "last week's result")
    result = verify_step(runner)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "::error file=bib/proef.bib,line=6" in result.stdout
    assert "::notice::whitepaper verify vond problemen" in result.stdout


def test_verify_with_nothing_new_passes(runner: Runner) -> None:
    result = verify_step(runner)
    assert result.returncode == 0, result.stdout + result.stderr
    assert re.search(r"^::notice[^:]*::1 van 2 bronnen te controleren", result.stdout, re.M)
    assert runner.git("status", "--porcelain") == ""


def test_verify_offline_fails_the_run(runner: Runner) -> None:
    (runner.workspace / STATUS).unlink()
    commit(runner, "no status yet: kim2020 must be asked")
    result = verify_step(runner)
    assert result.returncode == 4, result.stdout + result.stderr
    assert "geen verbinding met Crossref" in result.stderr
    assert "::error::whitepaper verify kreeg van geen enkele dienst antwoord" in result.stdout
    assert not (runner.workspace / STATUS).exists()


def test_an_unreadable_status_file_fails_the_run(runner: Runner) -> None:
    write(runner.workspace / STATUS, "{kapot")
    result = verify_step(runner)
    assert result.returncode == 2, result.stdout + result.stderr
    assert "bib/bronstatus.json is geen geldig statusbestand" in result.stderr
    assert "::error::whitepaper verify stopte met code 2" in result.stdout


def only_status(job: Runner) -> subprocess.CompletedProcess[str]:
    return job.run(step(NAME, "verify", "only the status file"))


def _change(path: str, text: str = "x\n"):
    return lambda work: write(work / path, text)


def _delete(path: str):
    return lambda work: (work / path).unlink()


def _staged(path: str):
    def change(work: Path) -> None:
        write(work / path, "@misc{x,\n}\n")
        subprocess.run(["git", "add", path], cwd=work, check=True, capture_output=True)

    return change


GUARDED = {  # what a run must never change, and the name the guard shows
    "an entry changed": (_change("bib/proef.bib", BIB + "\n% hier\n"), " M bib/proef.bib"),
    "a bibliography added": (_change("bib/nieuw.bib", "@misc{x,\n}\n"), "?? bib/nieuw.bib"),
    "a bibliography staged": (_staged("bib/nieuw.bib"), "A  bib/nieuw.bib"),
    "a bibliography deleted": (_delete("bib/proef.bib"), " D bib/proef.bib"),
    "a page changed": (_change("docs/proef/index.md"), " M docs/proef/index.md"),
    "the status file deleted": (_delete(STATUS), f" D {STATUS}"),
    "a strange name": (_change("bib/a\nb.bib"), "?? bib/a?b.bib"),
    "another status file": (_change("bib/bronstatus.json.tmp"), "?? bib/bronstatus.json.tmp"),
}


@pytest.mark.parametrize(("spoil", "shown"), GUARDED.values(), ids=GUARDED.keys())
def test_a_run_that_changes_more_than_the_status_file_fails(
    runner: Runner, spoil, shown: str
) -> None:
    write(runner.workspace / STATUS, status_bytes(status({"kim2020": ()})).decode())
    spoil(runner.workspace)
    result = only_status(runner)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "::error::deze run veranderde meer dan bib/bronstatus.json" in result.stdout
    assert f"  {shown}\n" in result.stderr
    assert runner.written("output") == {}


@pytest.mark.parametrize(
    ("change", "changed"),
    [
        (lambda work: None, "false"),
        (_change(STATUS, status_bytes(status({"kim2020": (DEAD,)})).decode()), "true"),
        (_change(".cache/whitepaper/x", "cache"), "false"),  # ignored: no source
        (_change(".venv/bin/x"), "false"),
    ],
    ids=["nothing", "the status file", "a cache", "the venv"],
)
def test_only_the_status_file_passes(runner: Runner, change, changed: str) -> None:
    change(runner.workspace)
    result = only_status(runner)
    assert result.returncode == 0, result.stdout + result.stderr
    assert runner.written("output") == {"changed": changed}


def test_a_first_status_file_passes(runner: Runner) -> None:
    untracked_status(runner)
    assert only_status(runner).returncode == 0
    assert runner.written("output") == {"changed": "true"}


def untracked_status(job: Runner) -> None:
    """The default branch has no status file yet; verify's first one is in the checkout."""
    job.git("rm", "-q", "--cached", STATUS)
    job.git("commit", "-q", "-m", "no status file yet")


def report(job: Runner) -> subprocess.CompletedProcess[str]:
    return job.run(step(NAME, "verify", "report"))


def test_the_report_has_the_pull_requests_body_and_the_status(runner: Runner) -> None:
    new = status_bytes(status({"kim2020": (RETRACTED,)}))
    (runner.workspace / STATUS).write_bytes(new)
    result = report(runner)
    assert result.returncode == 0, result.stdout + result.stderr
    found = runner.written("output")
    assert found == {"report": "true", "commit": runner.git("rev-parse", "HEAD").strip()}
    out = runner.workspace / "bronstatus-pr"
    assert sorted(p.name for p in out.iterdir()) == ["body.md", "bronstatus.json"]
    assert (out / "bronstatus.json").read_bytes() == new
    body = (out / "body.md").read_text(encoding="utf-8")
    assert body.startswith(MARKER) and "| kim2020 | fout | retracted |" in body
    assert runner.path("summary").read_text(encoding="utf-8") == body


def test_a_first_report_compares_with_nothing(runner: Runner) -> None:
    untracked_status(runner)
    assert report(runner).returncode == 0
    body = (runner.workspace / "bronstatus-pr" / "body.md").read_text(encoding="utf-8")
    assert "- 1 bron voor het eerst gecontroleerd, zonder problemen: kim2020." in body


@pytest.mark.parametrize("days", [0, 31])
def test_nothing_new_reports_no_pull_request(runner: Runner, days: int) -> None:
    """The same results (checked again after `days`, or not at all): no artifact, no pull
    request, and the job summary says so."""
    text = (runner.workspace / STATUS).read_text(encoding="utf-8")
    later = datetime.datetime.now(datetime.UTC).date() + datetime.timedelta(days=days)
    today = datetime.datetime.now(datetime.UTC).date().isoformat()
    write(runner.workspace / STATUS, text.replace(today, later.isoformat()))
    result = report(runner)
    assert result.returncode == 0, result.stdout + result.stderr
    assert runner.written("output")["report"] == "false"
    assert not (runner.workspace / "bronstatus-pr").exists()
    assert "geen pull request" in runner.path("summary").read_text(encoding="utf-8")


def artifact(job: Runner, entries: dict[str, tuple[Finding, ...]]) -> Path:
    """The verify job's artifact, where the pull request job's download puts it."""
    folder = job.workspace.parent / "bronstatus-pr"
    folder.mkdir(exist_ok=True)
    (folder / "bronstatus.json").write_bytes(status_bytes(status(entries)))
    write(folder / "body.md", f"{MARKER}\n## Bronstatus\n")
    return folder


def branch_step(job: Runner) -> subprocess.CompletedProcess[str]:
    job.env["BRANCH"] = BRANCH  # the job's env
    return job.run(step(NAME, "pull-request", "commit"))


def origin_git(job: Runner, *args: str) -> str:
    origin = Path(job.git("remote", "get-url", "origin").strip().removeprefix("file://"))
    return git(*args, cwd=origin)


def test_the_branch_is_one_commit_of_the_status_file_on_the_commit_checked(
    runner: Runner,
) -> None:
    checked_commit = runner.git("rev-parse", "HEAD").strip()
    artifact(runner, {"kim2020": (RETRACTED,)})
    result = branch_step(runner)
    assert result.returncode == 0, result.stdout + result.stderr
    assert origin_git(runner, "rev-parse", f"{BRANCH}^").strip() == checked_commit
    changed = origin_git(runner, "diff", "--name-only", checked_commit, BRANCH)
    assert changed.split() == [STATUS]
    who = origin_git(runner, "log", "-1", "--format=%an <%ae>|%s", BRANCH)
    assert who.startswith("github-actions[bot] <41898282+github-actions[bot]@users.noreply")
    assert re.search(r"\|Bronstatus van \d{4}-\d\d-\d\d \(whitepaper verify\)$", who.strip())
    pushed = origin_git(runner, "show", f"{BRANCH}:{STATUS}")
    assert pushed.encode() == status_bytes(status({"kim2020": (RETRACTED,)}))


def test_next_week_replaces_the_branch(runner: Runner) -> None:
    """Force-pushed from the commit checked: one commit on the default branch, not two."""
    artifact(runner, {"kim2020": (RETRACTED,)})
    assert branch_step(runner).returncode == 0
    runner.git("switch", "-q", "main")
    write(runner.workspace / "docs" / "proef" / "index.md", "# Proef\n\nNieuw [@kim2020].\n")
    commit(runner, "meanwhile on main")
    artifact(runner, {"kim2020": (RETRACTED, DEAD)})
    result = branch_step(runner)
    assert result.returncode == 0, result.stdout + result.stderr
    main_tip = runner.git("rev-parse", "main").strip()
    assert origin_git(runner, "rev-list", "--count", f"{main_tip}..{BRANCH}").strip() == "1"
    assert origin_git(runner, "rev-parse", f"{BRANCH}^").strip() == main_tip
    assert "dead-link" in origin_git(runner, "show", f"{BRANCH}:{STATUS}")


@pytest.mark.parametrize(
    ("spoil", "code", "said"),
    [
        (lambda work, folder: (folder / "bronstatus.json").unlink(), 2, "ontbreekt"),
        (
            lambda work, folder: (folder / "bronstatus.json").write_bytes(
                (work / STATUS).read_bytes()
            ),
            2,
            "niets te committen",
        ),
        (lambda work, folder: write(work / "bib" / "proef.bib", "@misc{x,\n}\n"), 1, "proef.bib"),
    ],
    ids=["no status file", "the same status file", "the bibliography changed"],
)
def test_the_branch_step_pushes_nothing_it_should_not(
    runner: Runner, spoil, code: int, said: str
) -> None:
    folder = artifact(runner, {"kim2020": (RETRACTED,)})
    spoil(runner.workspace, folder)
    result = branch_step(runner)
    assert result.returncode == code, result.stdout + result.stderr
    assert said in result.stderr
    assert runner.git("ls-remote", "--heads", "origin", BRANCH) == ""


def pull_request_step(body: Path, pulls: list[dict]) -> dict:
    spec = step(NAME, "pull-request", "pull request")
    env = {"BRANCH": BRANCH, "BASE": "main", "BODY": str(body)}
    return github_script(spec, FakeGitHub(pull={}, pulls=pulls), env, cwd=ROOT)


REPOSITORY = {"owner": "whitepaper-nl", "repo": "whitepapers"}  # the harness's context.repo
LISTED = {
    "name": "pulls.list",
    "params": {
        **REPOSITORY,
        "state": "open",
        "head": f"whitepaper-nl:{BRANCH}",
        "base": "main",
        "per_page": 100,
    },
}


def test_the_first_pull_request_is_created(tmp_path: Path) -> None:
    write(tmp_path / "body.md", f"{MARKER}\n## Bronstatus: wat er nieuw is\n")
    done = pull_request_step(tmp_path / "body.md", [])
    assert done["error"] is None
    assert done["calls"] == [
        LISTED,
        {
            "name": "pulls.create",
            "params": {
                **REPOSITORY,
                "head": BRANCH,
                "base": "main",
                "title": "Bronstatus: nieuwe meldingen van de wekelijkse controle",
                "body": f"{MARKER}\n## Bronstatus: wat er nieuw is\n",
            },
        },
    ]
    assert done["notices"] == ["Pull request #1000 geopend met de bronstatus van deze week"]


def test_an_open_pull_request_is_updated(tmp_path: Path) -> None:
    write(tmp_path / "body.md", f"{MARKER}\nnieuw\n")
    other = {"number": 3, "head": {"ref": "iets-anders"}}
    ours = {"number": 7, "head": {"ref": BRANCH}}
    done = pull_request_step(tmp_path / "body.md", [other, ours])
    assert done["error"] is None
    assert [call["name"] for call in done["calls"]] == ["pulls.list", "pulls.update"]
    assert done["calls"][1]["params"] == {
        **REPOSITORY,
        "pull_number": 7,
        "title": "Bronstatus: nieuwe meldingen van de wekelijkse controle",
        "body": f"{MARKER}\nnieuw\n",
    }


def test_a_body_without_the_marker_is_not_posted(tmp_path: Path) -> None:
    write(tmp_path / "body.md", "## Bronstatus\n")
    done = pull_request_step(tmp_path / "body.md", [])
    assert "mist <!-- whitepaper-bronstatus -->" in done["error"]
    assert done["calls"] == []


def test_a_week_from_verify_to_its_pull_request(runner: Runner) -> None:
    """An entry left the bibliography since last week: verify (asking nothing: the rest is
    fresh) forgets it, the guard passes, the report says so, the branch is pushed, and the
    pull request is made with that report."""
    both = fresh(runner.workspace, {"kim2020": (RETRACTED,), "weg2019": (DEAD,)})
    write(runner.workspace / STATUS, status_bytes(both).decode())
    commit(runner, "last week's status")
    assert verify_step(runner).returncode == 0
    assert only_status(runner).returncode == 0
    assert runner.written("output") == {"changed": "true"}
    assert report(runner).returncode == 0
    assert runner.written("output")["report"] == "true"
    body = runner.workspace / "bronstatus-pr" / "body.md"
    assert "niet meer gecontroleerd" in body.read_text(encoding="utf-8")

    pull = runner.workspace.parent / "pull-request"  # the second job's own runner
    pull.mkdir()
    other = Runner(pull / "work", runner.home, runner.files)
    origin = runner.git("remote", "get-url", "origin").strip()
    git("clone", "-q", origin, str(other.workspace), cwd=pull)
    shutil.copytree(runner.workspace / "bronstatus-pr", pull / "bronstatus-pr")  # the download
    result = branch_step(other)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "weg2019" not in origin_git(other, "show", f"{BRANCH}:{STATUS}")
    done = pull_request_step(pull / "bronstatus-pr" / "body.md", [])
    assert done["error"] is None
    assert done["calls"][-1]["params"]["body"] == body.read_text(encoding="utf-8")
