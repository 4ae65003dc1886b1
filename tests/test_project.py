"""The promises of the README hold: two commands, and CI runs exactly the test one."""

from __future__ import annotations

import re
import tomllib

from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def readme_commands() -> list[str]:
    """The commands of the README's 'Two commands' code block, comments stripped."""
    section = README.split("## Two commands", 1)[1]
    block = re.search(r"```sh\n(.*?)```", section, re.S)
    assert block, "the 'Two commands' section has no sh code block"
    return [line.split("#")[0].strip() for line in block.group(1).splitlines() if line.strip()]


def test_the_readme_gives_exactly_two_commands() -> None:
    assert readme_commands() == ["make site", "make test"]


def test_ci_runs_exactly_the_readme_test_command() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    commands = [
        line.strip() for line in ci.splitlines() if line.strip() and not line.startswith("#")
    ]
    assert commands[-1] == readme_commands()[1]


def test_both_commands_are_make_targets() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    for target in ("site", "test"):
        assert re.search(rf"^{target}:", makefile, re.M), target


def test_mkdocs_is_pinned_below_2_because_2_drops_plugins() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert "mkdocs>=1.6,<2" in project["dependencies"]
    lock = (ROOT / "requirements.lock").read_text(encoding="utf-8")
    assert re.search(r"^mkdocs==1\.", lock, re.M)
