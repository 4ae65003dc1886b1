"""The documentation stays true: README.md (for developers) and CONTRIBUTING.md (for
contributors) name every command and every finding code, CONTRIBUTING's list of findings is the
one generated from explanations/, and the pre-commit hook they tell people to install works."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import markdown
import pytest
import yaml

from whitepaper import cli
from whitepaper.diagnostics import CODES
from whitepaper.explanations.contributing import current_section, section

ROOT = Path(__file__).resolve().parent.parent
GUIDES = ("README.md", "CONTRIBUTING.md")
BIN = Path(sys.executable).parent  # the venv's bin: pre-commit, and the `whitepaper` it runs


def read(name: str) -> str:
    return (ROOT / name).read_text(encoding="utf-8")


def subcommands() -> list[str]:
    parser = cli.build_parser()
    [commands] = [a for a in parser._actions if a.dest == "command"]
    return sorted(commands.choices or ())


@pytest.mark.parametrize("guide", GUIDES)
@pytest.mark.parametrize("command", subcommands())
def test_every_subcommand_is_documented(guide: str, command: str) -> None:
    assert f"whitepaper {command}" in read(guide)


@pytest.mark.parametrize("guide", GUIDES)
@pytest.mark.parametrize("code", sorted(CODES))
def test_every_finding_code_is_documented(guide: str, code: str) -> None:
    assert f"`{code}`" in read(guide)


def findings_table(markdown: str) -> list[tuple[str, str]]:
    """(code, level) of each row of the README's `| code | level | meaning |` table."""
    lines = markdown.splitlines()
    header = re.compile(r"\|\s*code\s*\|\s*level\s*\|\s*meaning\s*\|")
    [start] = [number for number, line in enumerate(lines) if header.fullmatch(line)]
    rows = []
    for line in lines[start + 2 :]:
        if not line.startswith("|"):
            break
        code, level, *_ = (cell.strip() for cell in re.split(r"(?<!\\)\|", line)[1:])
        rows.append((code.removeprefix("`").removesuffix("`"), level))
    return rows


def test_the_readme_findings_table_is_diagnostics_codes() -> None:
    """README's findings table names each code of diagnostics.CODES once, at its level."""
    rows = findings_table(read("README.md"))
    assert dict(rows) == dict(CODES)
    assert len(rows) == len(CODES)  # no code twice


def test_contributing_lists_the_findings_as_generated() -> None:
    """Edited by hand, or a code explained anew: run `python -m whitepaper.explanations`."""
    assert current_section(read("CONTRIBUTING.md")) == section()


def test_contributing_links_only_to_its_own_headings() -> None:
    """Every `(#anchor)` of the guide is one of its headings as GitHub makes their ids."""
    guide = read("CONTRIBUTING.md")
    headings = re.findall(r"^#{2,3} (.+)$", guide, flags=re.MULTILINE)
    ids = {re.sub(r"[^\w\- ]", "", heading.lower()).replace(" ", "-") for heading in headings}
    links = set(re.findall(r"\]\(#([^)]+)\)", re.sub(r"`[^`\n]*`", "", guide)))  # not in code
    assert links and links <= ids, links - ids


def test_contributing_shows_real_entries_of_the_bibliography() -> None:
    """The worked examples are copied from bib/, not made up: each entry stands there as shown."""
    guide = read("CONTRIBUTING.md")
    examples = re.findall(r"```bibtex\n(.*?)```", guide, flags=re.DOTALL)
    bibliography = "".join(
        path.read_text(encoding="utf-8") for path in (ROOT / "bib").glob("*.bib")
    )
    assert len(examples) >= 2
    for example in examples:
        assert example in bibliography


# --- English passages ---------------------------------------------------------------------------

# CONTRIBUTING's ways of marking English text: what the guide says to write, an example of it,
# and the element Python-Markdown (with the site's extensions) makes of the example.
ENGLISH = [
    (
        '`<span lang="en">Low back pain</span> (LBP)`',
        '<span lang="en">Low back pain</span> (LBP)',
        '<span lang="en">Low back pain</span>',
    ),
    (
        "`*evidence based*{lang=en}`",
        "*evidence based*{lang=en}",
        '<em lang="en">evidence based</em>',
    ),
    (
        "`**low back pain**{lang=en}`",
        "**low back pain**{lang=en}",
        '<strong lang="en">low back pain</strong>',
    ),
    (
        "`## A heading in English {lang=en}`",
        "## A heading in English {lang=en}",
        '<h2 id="a-heading-in-english" lang="en">',
    ),
    (
        "met op de regel eronder `{: lang=en }`",
        "Massage therapy is effective.\n{: lang=en }",
        '<p lang="en">Massage therapy is effective.</p>',
    ),
    (
        '  <blockquote lang="en" markdown>\n\n  This systematic review',
        '<blockquote lang="en" markdown>\n\nThis review found moderate evidence.\n\n</blockquote>',
        '<blockquote lang="en">\n<p>This review found moderate evidence.</p>\n</blockquote>',
    ),
]


def site_markdown(text: str) -> str:
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    extensions = [
        name if isinstance(name, str) else next(iter(name))
        for name in config["markdown_extensions"]
    ]
    return markdown.markdown(text, extensions=extensions)


@pytest.mark.parametrize(("guide", "written", "made"), ENGLISH)
def test_each_documented_way_to_mark_english_works(guide: str, written: str, made: str) -> None:
    assert guide in read("CONTRIBUTING.md")
    assert made in site_markdown(written)


def test_the_guide_warns_that_pandoc_s_span_shows_as_text() -> None:
    assert "`[Low back pain]{lang=en}`, werkt hier **niet**" in read("CONTRIBUTING.md")
    assert site_markdown("[Low back pain]{lang=en}") == "<p>[Low back pain]{lang=en}</p>"


# --- pre-commit ----------------------------------------------------------------------------------


def contributor(home: Path) -> dict[str, str]:
    """The environment of a contributor with `.venv` active; pre-commit's cache in `home`."""
    path = f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}"
    return {**os.environ, "PRE_COMMIT_HOME": str(home), "PATH": path, "NO_COLOR": "1"}


def run(command: list[str], cwd: Path, home: Path) -> subprocess.CompletedProcess[str]:
    env = contributor(home)
    return subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True)


def pre_commit(*args: str, cwd: Path, home: Path) -> subprocess.CompletedProcess[str]:
    """pre-commit as a contributor runs it, offline (the hook is a local, system one)."""
    return run([str(BIN / "pre-commit"), *args], cwd, home)


@pytest.mark.parametrize(
    ("command", "file"),
    [
        ("validate-config", ".pre-commit-config.yaml"),
        ("validate-manifest", ".pre-commit-hooks.yaml"),
    ],
)
def test_the_pre_commit_files_are_valid(command: str, file: str, tmp_path: Path) -> None:
    done = pre_commit(command, file, cwd=ROOT, home=tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr


PAGE = '---\ntitle: Proef\nversion: "1.0"\n---\n\n# Proef\n\nZie [@stecco2018].\n'
ENTRY = "@book{stecco2018, author={Stecco, Carla}, title={Fascia}, year=2018}\n"


GIT = ["git", "-c", "user.name=Proef", "-c", "user.email=proef@example.org"]


def git(*args: str, cwd: Path) -> None:
    subprocess.run([*GIT, *args], cwd=cwd, check=True, capture_output=True)


@pytest.fixture
def clone(tmp_path: Path) -> Path:
    """A small project under git with this repository's pre-commit configuration."""
    project = tmp_path / "project"
    (project / "docs" / "p").mkdir(parents=True)
    (project / "docs" / "p" / "index.md").write_text(PAGE, encoding="utf-8")
    (project / "bib").mkdir()
    (project / "bib" / "refs.bib").write_text(ENTRY, encoding="utf-8")
    shutil.copy(ROOT / ".pre-commit-config.yaml", project)
    git("init", "-q", "-b", "main", cwd=project)
    git("add", ".", cwd=project)
    return project


def test_the_hook_passes_a_clean_project(clone: Path, tmp_path: Path) -> None:
    done = pre_commit("run", "whitepaper-check", "--all-files", cwd=clone, home=tmp_path / "home")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Passed" in done.stdout


def test_the_installed_hook_refuses_a_commit_with_a_broken_citation(
    clone: Path, tmp_path: Path
) -> None:
    """`pre-commit install`, as CONTRIBUTING says; then `git commit` runs the check and stops."""
    home = tmp_path / "home"
    installed = pre_commit("install", cwd=clone, home=home)
    assert installed.returncode == 0, installed.stdout + installed.stderr
    page = clone / "docs" / "p" / "index.md"
    page.write_text(PAGE.replace("stecco2018", "steco2018"), encoding="utf-8")
    git("add", ".", cwd=clone)
    commit = run([*GIT, "commit", "-q", "-m", "Tikfout"], clone, home)
    said = commit.stdout + commit.stderr
    assert commit.returncode == 1, said
    assert "docs/p/index.md:8:6: error[unknown-key] geen bibliografie-item 'steco2018'" in said
    assert "bedoelde u 'stecco2018'?" in said
    assert run(["git", "log"], clone, home).returncode != 0  # nothing was committed
