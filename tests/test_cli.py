"""cli.py: the `whitepaper` command as a person uses it — output, exit codes, no tracebacks."""

from __future__ import annotations

import errno
import json
import re
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from whitepaper import cli
from whitepaper.commands import check as commands_check

ENTRY = "@book{stecco2018, author={Stecco, Carla}, title={Fascia}, year=2018}\n"
# A clean project names what the paper card shows (missing-metadata has its own tests).
NAMED = "association: Proefvereniging\ndate: 2025-06\ncontact: info@proefvereniging.nl\n"
PAGE = f"---\ntitle: Proef\nversion: 1\n{NAMED}---\n\n# Proef\n\nZie [@stecco2018].\n"


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A clean project (one page citing one entry) as the current directory."""
    (tmp_path / "docs" / "p").mkdir(parents=True)
    (tmp_path / "docs" / "p" / "index.md").write_text(PAGE, encoding="utf-8")
    (tmp_path / "bib").mkdir()
    (tmp_path / "bib" / "refs.bib").write_text(ENTRY, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)  # a test never writes CI's own
    return tmp_path


def add_unused_entry(project: Path) -> None:
    with (project / "bib" / "refs.bib").open("a", encoding="utf-8") as bib:
        bib.write(ENTRY.replace("stecco2018", "wal2013"))


def test_clean_project_exits_0(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["check"]) == 0
    assert capsys.readouterr().out == "geen problemen gevonden\n"


def test_errors_exit_1_and_are_all_reported(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / "docs" / "p" / "index.md").write_text(PAGE + "[@a] [@b]\n", encoding="utf-8")
    assert cli.main(["check"]) == 1
    out = capsys.readouterr().out
    assert "docs/p/index.md:12:2: error[unknown-key] geen bibliografie-item 'a'" in out
    assert "docs/p/index.md:12:7: error[unknown-key] geen bibliografie-item 'b'" in out
    assert out.endswith("2 fouten, 0 waarschuwingen\n")


def test_check_imports_no_other_command(project: Path) -> None:
    """`whitepaper check` runs on every commit: it must not pay for MkDocs, WeasyPrint or the
    network client, which only the other commands use (in a fresh process, as users run it)."""
    code = "import json, sys; from whitepaper.cli import main; main(['check'])"
    code += "; print(json.dumps(sorted(sys.modules)))"
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=project, capture_output=True, text=True, check=True
    )
    modules = json.loads(result.stdout.splitlines()[-1])
    commands = [m for m in modules if re.fullmatch(r"whitepaper\.commands\.[a-z]\w*", m)]
    assert commands == ["whitepaper.commands.check"]
    heavy = ("mkdocs", "material", "weasyprint", "requests", "lxml", "pypandoc")
    assert not [m for m in modules if m.split(".")[0] in heavy or "whitepaper.pdf" in m]


def test_warnings_pass_unless_strict(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """--strict turns warnings into errors: shown as such, and exit 1."""
    add_unused_entry(project)
    assert cli.main(["check"]) == 0
    assert "warning[unused-entry]" in capsys.readouterr().out
    assert cli.main(["check", "--strict"]) == 1
    assert "error[unused-entry]" in capsys.readouterr().out


def test_json_format(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    add_unused_entry(project)
    assert cli.main(["check", "--format", "json"]) == 0
    [finding] = json.loads(capsys.readouterr().out)
    assert (finding["path"], finding["line"], finding["code"]) == (
        "bib/refs.bib",
        2,
        "unused-entry",
    )


def test_github_format(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    add_unused_entry(project)
    cli.main(["check", "--format", "github"])
    assert capsys.readouterr().out.startswith(
        "::warning file=bib/refs.bib,line=2,col=1,title=whitepaper check [unused-entry]::"
    )


def test_other_folders(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "docs").rename(project / "pages")
    assert cli.main(["check", "--docs", "pages", "--bib", "bib"]) == 0


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (
            ["check", "--docs", "nergens"],
            "whitepaper check: de map nergens met pagina's bestaat niet",
        ),
        (["check", "--bib", "nergens"], "bestaat niet"),
        (["check", "--format", "xml"], "--format: 'xml' kan niet; kies uit"),
        (["bestaatniet"], "COMMAND: 'bestaatniet' kan niet; kies uit"),
        ([], "gebruik: whitepaper"),
    ],
)
def test_usage_and_missing_input_exit_2(
    argv: list[str], message: str, project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """One clear message on stderr, nothing on stdout, exit 2."""
    assert cli.main(argv) == 2
    captured = capsys.readouterr()
    assert message in captured.err and captured.out == ""


class Stuck(BaseException):
    """No Exception, as some libraries' errors are not (WeasyPrint's FatalURLFetchingError)."""


@pytest.mark.parametrize("error", [RuntimeError("kapot"), Stuck("kapot")])
def test_any_internal_error_exits_3_without_traceback(
    project: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    error: BaseException,
) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise error

    monkeypatch.setattr(commands_check, "check_and_index", broken)
    assert cli.main(["check"]) == 3
    err = capsys.readouterr().err
    assert f"interne fout ({type(error).__name__}: kapot); meld dit" in err
    assert "Traceback" not in err


def test_a_full_disk_exits_2_in_every_command(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def full(*args: object, **kwargs: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device", "uit/x")

    monkeypatch.setattr(commands_check, "check_and_index", full)
    assert cli.main(["check"]) == 2
    assert capsys.readouterr().err == (
        "whitepaper check: de schijf is vol (uit/x); maak ruimte vrij en probeer het opnieuw\n"
    )


def test_internal_error_exits_3_without_traceback(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("kapot")

    monkeypatch.setattr(commands_check, "check_and_index", broken)
    assert cli.main(["check"]) == 3
    err = capsys.readouterr().err
    assert "interne fout (RuntimeError: kapot)" in err and "Traceback" not in err
    assert cli.main(["check", "--debug"]) == 3
    assert "Traceback" in capsys.readouterr().err


# --- build and serve ---------------------------------------------------------------------------

MKDOCS_YML = "site_name: Proef\nstrict: true\n"


@pytest.fixture
def site_project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A minimal MkDocs project (no plugins) with an existing site/ from an earlier build."""
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# Proef\n", encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(MKDOCS_YML, encoding="utf-8")
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "oud.html").write_text("vorige build", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(".site"))


def test_build_replaces_the_site(site_project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["build"]) == 0
    assert (site_project / "site" / "index.html").is_file()
    assert not (site_project / "site" / "oud.html").exists()
    assert leftovers(site_project) == []
    assert "Site gebouwd in site/" in capsys.readouterr().out


def test_failed_build_leaves_the_old_site(
    site_project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A strict-mode warning fails the build; site/ stays as it was, and no traceback."""
    (site_project / "docs" / "index.md").write_text("[weg](nergens.md)\n", encoding="utf-8")
    assert cli.main(["build"]) == 1
    assert (site_project / "site" / "oud.html").read_text(encoding="utf-8") == "vorige build"
    assert leftovers(site_project) == []
    err = capsys.readouterr().err
    assert "site/ is niet gewijzigd" in err and "Traceback" not in err


def test_build_into_another_folder(site_project: Path) -> None:
    assert cli.main(["build", "-d", "uit/site"]) == 0
    assert (site_project / "uit" / "site" / "index.html").is_file()
    assert (site_project / "site" / "oud.html").exists()


def test_build_without_config_exits_2(
    site_project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["build", "-f", "nergens.yml"]) == 2
    assert "nergens.yml" in capsys.readouterr().err


@pytest.mark.parametrize("command", ["build", "pdf"])
def test_a_wrong_plugin_option_exits_2_naming_it(
    project: Path, capsys: pytest.CaptureFixture[str], command: str
) -> None:
    """The plugin's options are validated by MkDocs' schema: bib_dir must be a folder."""
    config = "site_name: Proef\nplugins:\n  - whitepaper:\n      bib_dir: bronnen\n"
    (project / "mkdocs.yml").write_text(config, encoding="utf-8")
    assert cli.main([command]) == 2
    err = capsys.readouterr().err
    assert "option 'bib_dir'" in err and "bronnen" in err
    assert "mkdocs.yml is niet geldig (zie hierboven)" in err and "interne fout" not in err


def test_serve_passes_config_and_address(
    site_project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import mkdocs.commands.serve

    calls: list[dict[str, object]] = []
    monkeypatch.setattr(mkdocs.commands.serve, "serve", lambda **kwargs: calls.append(kwargs))
    assert cli.main(["serve", "-f", "mkdocs.yml", "-a", "127.0.0.1:8123"]) == 0
    # dirty: the plugin decides what each rebuild keeps (tests/test_serve_rebuild.py)
    expected = {"config_file": "mkdocs.yml", "dev_addr": "127.0.0.1:8123", "build_type": "dirty"}
    assert calls == [expected]


def test_serve_without_config_exits_2(site_project: Path) -> None:
    assert cli.main(["serve", "-f", "nergens.yml"]) == 2


@pytest.fixture
def taken_port() -> Iterator[int]:
    """A port of 127.0.0.1 that another program listens on."""
    with socket.create_server(("127.0.0.1", 0)) as listener:
        yield listener.getsockname()[1]


@pytest.fixture
def no_serving(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, object]]:
    """MkDocs' serve() replaced: what it was called with."""
    import mkdocs.commands.serve

    calls: list[dict[str, object]] = []
    monkeypatch.setattr(mkdocs.commands.serve, "serve", lambda **kwargs: calls.append(kwargs))
    return calls


def test_serve_on_a_taken_port_exits_2_with_a_free_one(
    site_project: Path,
    capsys: pytest.CaptureFixture[str],
    taken_port: int,
    no_serving: list[dict[str, object]],
) -> None:
    """Said before MkDocs builds the site (which takes a while), with a port that is free."""
    assert cli.main(["serve", "-a", f"127.0.0.1:{taken_port}"]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"whitepaper serve: poort {taken_port} is al in gebruik (draait")
    [suggested] = re.findall(r"`whitepaper serve -a 127\.0\.0\.1:(\d+)`", err)
    assert int(suggested) != taken_port
    socket.create_server(("127.0.0.1", int(suggested))).close()  # free indeed
    assert no_serving == []


def test_a_port_taken_while_mkdocs_builds_exits_2(
    site_project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import mkdocs.commands.serve

    def taken(**kwargs: object) -> None:
        raise OSError(errno.EADDRINUSE, "Address already in use")

    monkeypatch.setattr(mkdocs.commands.serve, "serve", taken)
    assert cli.main(["serve", "-a", "127.0.0.1:8124"]) == 2
    assert "poort 8124 is al in gebruik" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("address", "message"),
    [
        ("127.0.0.1:99999", "poort 99999 bestaat niet: kies er een van 1024 tot 65535, zoals"),
        ("192.0.2.1:8000", "192.0.2.1 is geen adres van deze computer; gebruik `whitepaper serve"),
        ("onzin", "whitepaper serve: mkdocs.yml of -a is niet geldig (zie hierboven)"),
    ],
)
def test_serve_at_an_address_it_cannot_use_exits_2(
    site_project: Path, capsys: pytest.CaptureFixture[str], address: str, message: str
) -> None:
    assert cli.main(["serve", "-a", address]) == 2
    err = capsys.readouterr().err
    assert message in err and "interne fout" not in err


# --- run where the project is --------------------------------------------------------------------


@pytest.mark.parametrize("command", ["build", "serve", "pdf"])
def test_a_project_without_docs_says_where_it_looked(
    site_project: Path, capsys: pytest.CaptureFixture[str], command: str
) -> None:
    (site_project / "docs" / "index.md").unlink()
    (site_project / "docs").rmdir()
    assert cli.main([command]) == 2
    err = capsys.readouterr().err
    assert err.startswith(
        f"whitepaper {command}: geen map met pagina's: {site_project / 'docs'} bestaat niet;"
        f" `whitepaper {command}` draait in de hoofdmap van het project"
    )


def test_a_subfolder_of_the_project_names_its_root(
    site_project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(site_project / "docs")
    assert cli.main(["build"]) == 2
    err = capsys.readouterr().err
    docs = site_project / "docs"
    assert f"whitepaper build: geen mkdocs.yml in {docs}; `whitepaper build` draait in" in err
    assert f"(de dichtstbijzijnde is {site_project}: cd {site_project})" in err


# --- pdf -----------------------------------------------------------------------------------------


@pytest.mark.slow
def test_pdf_makes_only_the_papers_asked_for(
    project_copy: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(project_copy)
    assert cli.main(["pdf", "kraken-van-gewrichten", "-o", "uit"]) == 0
    assert [path.name for path in (project_copy / "uit").iterdir()] == ["kraken-van-gewrichten.pdf"]
    assert (project_copy / "uit" / "kraken-van-gewrichten.pdf").read_bytes().startswith(b"%PDF-")
    assert not (project_copy / "site").exists()  # the site it was made from is thrown away
    captured = capsys.readouterr()
    assert captured.out == "PDF geschreven: uit/kraken-van-gewrichten.pdf\n"
    assert "warning[" not in captured.err  # the check's warnings are `whitepaper check`'s


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["pdf", "kraken"], "'kraken' is geen whitepaper in docs/; bedoelde u"),
        (["pdf", "xyz"], "'xyz' is geen whitepaper in docs/; kies uit: craniosacraal-therapie,"),
        (["pdf", "-f", "nergens.yml"], "nergens.yml"),
    ],
)
def test_pdf_of_no_paper_exits_2(
    project_copy: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    argv: list[str],
    message: str,
) -> None:
    monkeypatch.chdir(project_copy)
    assert cli.main(argv) == 2
    assert message in capsys.readouterr().err
    assert not (project_copy / "pdf").exists()


def test_pdf_needs_the_plugin(site_project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["pdf"]) == 2
    assert "mkdocs.yml gebruikt de plugin whitepaper niet" in capsys.readouterr().err


# --- check: what comes first, what is one line, what is left out -----------------------------

MARKED = "@misc{{{key}, note = {{onvolledig: geen auteur}}, title = {{T}}, year = 2020}}\n"


def marked_project(project: Path, count: int) -> None:
    """`count` entries marked onvolledig, each cited on its own page docs/q<n>.md."""
    with (project / "bib" / "refs.bib").open("a", encoding="utf-8") as bib:
        for n in range(count):
            bib.write(MARKED.format(key=f"m{n}"))
            (project / "docs" / f"q{n}.md").write_text(f"# Q\n\nZie [@m{n}].\n", encoding="utf-8")


@pytest.mark.parametrize("argv", [["--version"], ["check", "--version"]])
def test_version(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(argv) == 0
    assert re.fullmatch(r"whitepaper [0-9][0-9A-Za-z.+-]*\n", capsys.readouterr().out)


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("docs/p/weg.md", "whitepaper check: 'docs/p/weg.md' bestaat niet"),
        ("README.md", "whitepaper check: 'README.md' ligt niet in docs/ of bib/"),
        ("../elders.bib", "'../elders.bib' ligt niet in docs/ of bib/"),
    ],
)
def test_a_path_not_in_the_sources_exits_2(
    project: Path, capsys: pytest.CaptureFixture[str], path: str, message: str
) -> None:
    (project / "README.md").write_text("# R\n", encoding="utf-8")
    (project.parent / "elders.bib").write_text(ENTRY, encoding="utf-8")
    assert cli.main(["check", "docs/p/index.md", path]) == 2
    captured = capsys.readouterr()
    assert message in captured.err and captured.out == ""


@pytest.mark.parametrize(
    ("count", "line"),
    [
        (1, "1 bron is gemarkeerd als onvolledig: `whitepaper check --show-incomplete` toont die"),
        (3, "3 bronnen zijn gemarkeerd als onvolledig: `whitepaper check --show-incomplete` toont"
            " ze"),
    ],
)  # fmt: skip
def test_marked_entries_are_one_line(
    project: Path, capsys: pytest.CaptureFixture[str], count: int, line: str
) -> None:
    marked_project(project, count)
    assert cli.main(["check"]) == 0
    assert capsys.readouterr().out == f"{line}\ngeen andere problemen gevonden\n"


@pytest.mark.parametrize(
    ("argv", "shown"),
    [
        (["--show-incomplete"], ["m0", "m1", "m2"]),
        (["docs/q1.md"], ["m1"]),
        (["bib/refs.bib"], ["m0", "m1", "m2"]),
        (["docs/p/index.md"], []),
    ],
)
def test_marked_entries_in_full_when_asked_or_named(
    project: Path, capsys: pytest.CaptureFixture[str], argv: list[str], shown: list[str]
) -> None:
    marked_project(project, 3)
    assert cli.main(["check", *argv]) == 0
    out = capsys.readouterr().out
    assert re.findall(r"\[incomplete-entry\] '(m[0-9])'", out) == shown
    assert (f"{3 - len(shown)} bronnen zijn" in out) == (len(shown) < 2)


def test_strict_shows_every_marked_entry_as_an_error(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    marked_project(project, 2)
    assert cli.main(["check", "--strict"]) == 1
    out = capsys.readouterr().out
    assert out.count("error[incomplete-entry]") == 2 and "gemarkeerd als onvolledig:" in out
    assert "toont ze" not in out


def test_only_errors_counts_what_it_leaves_out(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    add_unused_entry(project)
    marked_project(project, 2)
    (project / "docs" / "p" / "index.md").write_text(PAGE + "[@a]\n", encoding="utf-8")
    assert cli.main(["check", "--only-errors"]) == 1
    out = capsys.readouterr().out
    assert "warning" not in out and "error[unknown-key]" in out
    assert out.endswith("1 fout (3 waarschuwingen niet getoond)\n")


def test_the_named_page_comes_first_and_the_exit_code_is_the_whole_check(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / "docs" / "p" / "index.md").write_text(PAGE + "[@a]\n", encoding="utf-8")
    (project / "docs" / "mijn.md").write_text("# M\n\nZie [@stecco2018] en [@b].\n", "utf-8")
    assert cli.main(["check", "docs/mijn.md"]) == 1
    lines = [line for line in capsys.readouterr().out.splitlines() if not line.startswith(" ")]
    assert lines == [
        "docs/mijn.md:3:23: error[unknown-key] geen bibliografie-item 'b'",
        "Bekende meldingen elders (niet in de genoemde bestanden):",
        "docs/p/index.md:12:2: error[unknown-key] geen bibliografie-item 'a'",
        "2 fouten, 0 waarschuwingen",
    ]


def git(root: Path, *args: str) -> None:
    identity = {"GIT_AUTHOR_NAME": "Proef", "GIT_AUTHOR_EMAIL": "proef@example.org"}
    identity |= {"GIT_COMMITTER_NAME": "Proef", "GIT_COMMITTER_EMAIL": "proef@example.org"}
    env = {"PATH": "/usr/bin:/bin", "HOME": str(root), **identity}
    subprocess.run(["git", *args], cwd=root, check=True, capture_output=True, env=env)


@pytest.fixture
def pull_request(project: Path) -> Path:
    """main: the project with 40 old marked entries and an old error; then a branch that adds
    one marked entry to the shared .bib file and one page with an error of its own."""
    marked_project(project, 40)
    (project / "docs" / "p" / "index.md").write_text(PAGE + "[@oud]\n", encoding="utf-8")
    git(project, "init", "-q", "-b", "main")
    git(project, "add", ".")
    git(project, "commit", "-q", "-m", "begin")
    git(project, "checkout", "-q", "-b", "bijdrage")
    with (project / "bib" / "refs.bib").open("a", encoding="utf-8") as bib:
        bib.write(MARKED.format(key="nieuw2024"))
    git(project, "commit", "-q", "-am", "een bron")
    page = "# Nieuw\n\nZie [@nieuw2024] en [@typfout].\n"
    (project / "docs" / "nieuw.md").write_text(page, encoding="utf-8")  # not committed yet
    return project


def test_since_puts_the_pull_requests_own_findings_first(
    pull_request: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["check", "--since", "main"]) == 1
    lines = [line for line in capsys.readouterr().out.splitlines() if not line.startswith(" ")]
    assert lines == [  # her marked entry after her other findings: it is known, if new
        "docs/nieuw.md:3:22: error[unknown-key] geen bibliografie-item 'typfout'",
        "bib/refs.bib:42:18: warning[incomplete-entry] 'nieuw2024' is gemarkeerd als onvolledig:"
        " geen auteur",
        "Bekende meldingen elders (niet in de gewijzigde bestanden):",
        "docs/p/index.md:12:2: error[unknown-key] geen bibliografie-item 'oud'",
        "40 bronnen zijn gemarkeerd als onvolledig: `whitepaper check --show-incomplete` toont ze",
        "2 fouten, 1 waarschuwing",
    ]


def test_since_in_github_format_annotates_the_pull_request_first(
    pull_request: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    step = pull_request / "step-summary.md"
    step.write_text("# eerder\n", encoding="utf-8")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(step))
    explicit = pull_request / "samenvatting.md"
    assert (
        cli.main(["check", "--since", "main", "--format", "github", "--summary", str(explicit)])
        == 1
    )
    lines = capsys.readouterr().out.splitlines()
    assert [line.split("::")[1].split(" ")[0] for line in lines] == [
        "error", "warning", "error", "notice",
    ]  # fmt: skip
    assert "file=docs/nieuw.md" in lines[0] and "file=docs/p/index.md" in lines[2]
    summary = explicit.read_text(encoding="utf-8")
    assert step.read_text(encoding="utf-8") == "# eerder\n" + summary  # appended, as GitHub wants
    assert "typfout" in summary and "'oud'" not in summary
    assert "1 bekende melding elders en 40 bronnen gemarkeerd als onvolledig" in summary


def test_since_with_no_change_in_the_sources(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    git(project, "init", "-q", "-b", "main")
    git(project, "add", ".")
    git(project, "commit", "-q", "-m", "begin")
    summary = project / "s.md"
    assert cli.main(["check", "--since", "main", "--summary", str(summary)]) == 0
    assert capsys.readouterr().out == (
        "Geen meldingen in de gewijzigde bestanden.\ngeen problemen gevonden\n"
    )
    assert "Geen meldingen in de gewijzigde bestanden." in summary.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("repository", "ref", "message"),
    [
        (False, "main", "ligt niet in een git-repository"),
        (True, "origin/nergens", "git kent 'origin/nergens' niet"),
    ],
)
def test_since_without_git_or_ref_exits_2(
    project: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    repository: bool,
    ref: str,
    message: str,
) -> None:
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(project.parent))
    if repository:
        git(project, "init", "-q", "-b", "main")
        git(project, "add", ".")
        git(project, "commit", "-q", "-m", "begin")
    assert cli.main(["check", "--since", ref]) == 2
    captured = capsys.readouterr()
    assert f"whitepaper check: --since {ref}: " in captured.err and message in captured.err
    assert captured.out == ""


def test_a_summary_that_cannot_be_written_exits_2(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["check", "--summary", "nergens/s.md"]) == 2
    assert "de samenvatting kan niet naar 'nergens/s.md'" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("edit", "shown"),
    [
        (("# Q\n", "# Q, verbeterd\n"), []),  # a typo fixed: the page's old citations are not hers
        (("[@m1]", "[@m1, p. 4]"), ["m1"]),  # the citation itself changed
    ],
)
def test_since_counts_a_changed_pages_citations_on_its_changed_lines(
    project: Path, capsys: pytest.CaptureFixture[str], edit: tuple[str, str], shown: list[str]
) -> None:
    marked_project(project, 3)
    git(project, "init", "-q", "-b", "main")
    git(project, "add", ".")
    git(project, "commit", "-q", "-m", "begin")
    page = project / "docs" / "q1.md"
    page.write_text(page.read_text(encoding="utf-8").replace(*edit), encoding="utf-8")
    assert cli.main(["check", "--since", "main"]) == 0
    out = capsys.readouterr().out
    assert re.findall(r"\[incomplete-entry\] '(m[0-9])'", out) == shown
    assert f"{3 - len(shown)} bronnen zijn gemarkeerd als onvolledig" in out
