"""The workflows of .github/workflows/ as data, and their own steps run here as a runner runs
them: the `run:` text of a named step, with bash as `shell: bash` starts it, in a workspace
with the GITHUB_* files a runner provides; the `script:` of an actions/github-script step in
Node, with GitHub's API replaced by a recording fake."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
WORKFLOWS = ROOT / ".github" / "workflows"
BASH = ["bash", "--noprofile", "--norc", "-eo", "pipefail"]  # GitHub's `shell: bash`
NODE = shutil.which("node") or shutil.which("nodejs")


def workflow(name: str) -> dict[str, Any]:
    """A workflow file, parsed; `on` stays `on` (YAML 1.1 would read it as True)."""
    data = yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))
    if True in data:
        data["on"] = data.pop(True)
    return data


def workflows() -> dict[str, dict[str, Any]]:
    return {path.name: workflow(path.name) for path in sorted(WORKFLOWS.glob("*.yml"))}


def jobs_steps(data: Mapping[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    for job_name, job in data["jobs"].items():
        for step in job.get("steps", []):
            yield job_name, step


def step(name: str, job: str, step_name: str) -> dict[str, Any]:
    """The step called `step_name` of `job` in workflow `name`."""
    found = [s for s in workflow(name)["jobs"][job]["steps"] if s.get("name") == step_name]
    assert len(found) == 1, f"{name}: job {job} has no one step named {step_name!r}"
    return found[0]


@dataclass
class Runner:
    """A runner's view of one job: the workspace (a git clone), and the files GITHUB_OUTPUT,
    GITHUB_ENV, GITHUB_PATH and GITHUB_STEP_SUMMARY its steps write to."""

    workspace: Path
    home: Path
    files: Path
    repository: str = "whitepaper-nl/whitepapers"
    env: dict[str, str] = field(default_factory=dict)  # what earlier steps put in GITHUB_ENV

    def path(self, name: str) -> Path:
        return self.files / name

    def base_env(self) -> dict[str, str]:
        return {
            "PATH": f"{ROOT / '.venv' / 'bin'}:{os.environ['PATH']}",  # ci-install's GITHUB_PATH
            "HOME": str(self.home),
            "LANG": "C.UTF-8",
            "CI": "true",
            "GITHUB_ACTIONS": "true",
            "GITHUB_WORKSPACE": str(self.workspace),
            "GITHUB_REPOSITORY": self.repository,
            "GITHUB_OUTPUT": str(self.path("output")),
            "GITHUB_ENV": str(self.path("env")),
            "GITHUB_PATH": str(self.path("path")),
            "GITHUB_STEP_SUMMARY": str(self.path("summary")),
            "GITHUB_EVENT_PATH": str(self.path("event.json")),
            "RUNNER_TEMP": str(self.files),
            "GIT_CONFIG_NOSYSTEM": "1",
            "NO_MKDOCS_2_WARNING": "1",
        }

    def run(
        self, spec: Mapping[str, Any], given: Mapping[str, str] | None = None
    ) -> subprocess.CompletedProcess[str]:
        """Run a step's `run:` text. `given` are the values of the step's `env:` (their
        `${{ }}` expressions, as GitHub would evaluate them): exactly the names it declares."""
        given = dict(given or {})
        declared = set(spec.get("env", {}))
        assert declared == set(given), f"the step declares env {sorted(declared)}, given {given}"
        script = self.files / "step.sh"
        script.write_text(spec["run"], encoding="utf-8")
        for name in ("output", "env", "path", "summary"):
            self.path(name).write_text("", encoding="utf-8")
        return subprocess.run(
            [*BASH, str(script)],
            cwd=self.workspace,
            env={**self.base_env(), **self.env, **given},
            capture_output=True,
            text=True,
            timeout=300,
        )

    def written(self, name: str) -> dict[str, str]:
        """`key=value` lines a step wrote to GITHUB_OUTPUT ('output') or GITHUB_ENV ('env')."""
        lines = self.path(name).read_text(encoding="utf-8").splitlines()
        return dict(line.split("=", 1) for line in lines if line)

    def git(self, *args: str, cwd: Path | None = None) -> str:
        return git(*args, cwd=cwd or self.workspace, env=self.base_env())


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def commit(job: Runner, message: str) -> None:
    job.git("add", "-A")
    job.git("commit", "-q", "-m", message)


def git(*args: str, cwd: Path, env: Mapping[str, str] | None = None) -> str:
    result = subprocess.run(
        ["git", *args], cwd=cwd, env=dict(env or os.environ), capture_output=True, text=True
    )
    assert result.returncode == 0, f"git {' '.join(args)}: {result.stderr}"
    return result.stdout


@dataclass
class FakeGitHub:
    """What a github-script step finds of GitHub: one pull request and its comments, and the
    open pull requests a list of them answers."""

    pull: dict[str, Any]
    comments: list[dict[str, Any]] = field(default_factory=list)
    head_sha: str = "0" * 40  # the commit the pull-request run built (workflow_run.head_sha)
    pulls: list[dict[str, Any]] = field(default_factory=list)


def github_script(spec: Mapping[str, Any], fake: FakeGitHub, env: Mapping[str, str], cwd: Path):
    """Run an actions/github-script step's script as v7 does (an async function of require,
    github, context, core, …) against `fake`; returns what it did: the API calls, the outputs,
    the notices, and the error it raised, if any."""
    assert NODE, "Node.js is missing: tools/system-packages.sh test installs Debian's nodejs"
    harness = ROOT / "tests" / "data" / "workflows" / "github-script.js"
    result = subprocess.run(
        [NODE, str(harness)],
        cwd=cwd,
        input=json.dumps({"script": spec["with"]["script"], "fake": fake.__dict__}),
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)
