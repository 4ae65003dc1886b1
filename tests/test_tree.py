"""The walk of docs/, bib/ and overrides/: what it refuses, what it reads, and that it opens
nothing it refuses (sources/tree.py), then the findings the check makes of it (check/tree_rules)."""

from __future__ import annotations

import logging
import os
import socket
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import NoReturn

import pytest
from mkdocs.exceptions import Abort

from tests.conftest import build_site
from whitepaper import cli
from whitepaper.check.findings import check
from whitepaper.diagnostics import InputError
from whitepaper.sources.bibliography import load_bibliography
from whitepaper.sources.file_names import suggested_name
from whitepaper.sources.tree import FILES, PUBLISHED, bib_files, source_tree

# The paper names what its card shows: missing-metadata is not what these tests are about.
NAMED = "association: Proefvereniging\ndate: 2025-06\ncontact: info@proefvereniging.nl\n"
PAGE = f"---\ntitle: P\nversion: '1'\n{NAMED}---\n# P\n"
Setup = Callable[[Path], None]


@pytest.fixture
def root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project with one paper, docs/p/index.md, an empty bib/ and overrides/; cwd is it."""
    (tmp_path / "docs" / "p").mkdir(parents=True)
    (tmp_path / "docs" / "p" / "index.md").write_text(PAGE, encoding="utf-8")
    (tmp_path / "bib").mkdir()
    (tmp_path / "overrides").mkdir()
    monkeypatch.chdir(tmp_path)
    return tmp_path


def link(path: str, target: str) -> Setup:
    return lambda root: (root / path).symlink_to(target)


def fifo(path: str) -> Setup:
    return lambda root: os.mkfifo(root / path)


def touch(*paths: str) -> Setup:
    def make(root: Path) -> None:
        for path in paths:
            (root / path).parent.mkdir(parents=True, exist_ok=True)
            (root / path).write_text(PAGE, encoding="utf-8")

    return make


def each(*setups: Setup) -> Setup:
    def make(root: Path) -> None:
        for setup in setups:
            setup(root)

    return make


def outside_file(root: Path) -> None:
    (root.parent / "secret.txt").write_text("SECRET-MARKER", encoding="utf-8")
    (root / "docs" / "p" / "secret.md").symlink_to(root.parent / "secret.txt")


def unix_socket(root: Path) -> None:
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(root / "docs" / "p" / "sock"))
    server.close()  # the socket file stays


REFUSED: dict[str, tuple[Setup, list[tuple[str, str, str]]]] = {
    "environ": (link("docs/p/env.txt", "/proc/self/environ"), [("docs/p/env.txt", "outside", "")]),
    "file-outside": (outside_file, [("docs/p/secret.md", "outside", "")]),
    "dotenv-beside-docs": (
        each(touch(".env"), link("docs/p/env.md", "../../.env")),
        [("docs/p/env.md", "outside", "")],
    ),
    "bib-to-dev-zero": (link("bib/zero.bib", "/dev/zero"), [("bib/zero.bib", "outside", "")]),
    "bib-to-docs": (  # each folder keeps its links to itself
        each(touch("docs/p/refs.txt"), link("bib/refs.bib", "../docs/p/refs.txt")),
        [("bib/refs.bib", "outside", "")],
    ),
    "overrides-out": (
        link("overrides/main.html", "/etc/hostname"),
        [("overrides/main.html", "outside", "")],
    ),
    "dangling": (link("docs/p/gone.md", "nothing.md"), [("docs/p/gone.md", "dangling", "")]),
    "self": (link("docs/p/self", "self"), [("docs/p/self", "loop", "")]),
    "file-loop": (
        each(link("docs/p/a.md", "b.md"), link("docs/p/b.md", "a.md")),
        [("docs/p/a.md", "loop", ""), ("docs/p/b.md", "loop", "")],
    ),
    "two-folder-loops": (
        each(link("docs/p/here", "."), link("docs/p/up", "..")),
        [("docs/p/here", "loop", ""), ("docs/p/up", "loop", "")],
    ),
    "loop-through-two-links": (  # neither link lies in its own target
        each(
            touch("docs/x/a.md", "docs/y/b.md"), link("docs/x/y", "../y"), link("docs/y/x", "../x")
        ),
        [("docs/x/y", "loop", ""), ("docs/y/x", "loop", "")],
    ),
    "fifo-page": (fifo("docs/p/pipe.md"), [("docs/p/pipe.md", "special", "fifo")]),
    "fifo-bib": (fifo("bib/pipe.bib"), [("bib/pipe.bib", "special", "fifo")]),
    "link-to-fifo": (
        each(fifo("docs/p/pipe"), link("docs/p/page.md", "pipe")),
        [("docs/p/page.md", "special", "fifo"), ("docs/p/pipe", "special", "fifo")],
    ),
    "socket": (unix_socket, [("docs/p/sock", "special", "socket")]),
    "xss-folder": (
        touch('docs/"><img src=x onerror=alert(1)>/index.md'),
        [('docs/"><img src=x onerror=alert(1)>', "name", "folder")],
    ),
    "space-and-accent": (touch("docs/p/Café Één.md"), [("docs/p/Café Één.md", "name", "file")]),
    "backup-file": (touch("docs/p/index.md~"), [("docs/p/index.md~", "name", "file")]),
    "overrides-name": (
        touch("overrides/partials/a b.html"),
        [("overrides/partials/a b.html", "name", "file")],
    ),
    "bib-upper-case": (touch("bib/refs.BIB"), [("bib/refs.BIB", "bib-extension", "")]),
    "bib-subfolder": (touch("bib/oud/refs.bib"), [("bib/oud/refs.bib", "bib-in-subfolder", "")]),
    "bib-hidden": (touch("bib/.refs.bib"), [("bib/.refs.bib", "bib-hidden", "")]),
    "page-markdown": (touch("docs/p/b.markdown"), [("docs/p/b.markdown", "page-extension", "")]),
    "page-upper-case": (touch("docs/p/b.MD"), [("docs/p/b.MD", "page-extension", "")]),
    "svg": (touch("docs/p/diagram.svg"), [("docs/p/diagram.svg", "file-type", ".svg")]),
    "upper-case-html": (touch("docs/p/x.HTML"), [("docs/p/x.HTML", "file-type", ".HTML")]),
    "no-suffix": (touch("docs/CNAME"), [("docs/CNAME", "file-type", "")]),
    "svg-named-png-links-to": (  # MkDocs publishes the link under its own name, as a .svg
        each(touch("docs/p/a.png"), link("docs/p/x.svg", "a.png")),
        [("docs/p/x.svg", "file-type", ".svg")],
    ),
    "unsafe-name-and-type": (
        touch("docs/p/a b.html"),
        [("docs/p/a b.html", "file-type", ".html"), ("docs/p/a b.html", "name", "file")],
    ),
    "hidden-folder-link-out": (
        each(touch("docs/.cache/x"), link("docs/.cache/root", "/")),
        [("docs/.cache/root", "loop", "")],  # MkDocs walks hidden folders too
    ),
    "under-a-linked-folder": (  # said once, at its real place, not under each name
        each(touch("docs/q/index.md"), link("docs/alias", "q"), link("docs/q/env", "/proc/1")),
        [("docs/q/env", "outside", "")],
    ),
}


@pytest.mark.parametrize("case", REFUSED, ids=list(REFUSED))
def test_the_walk_refuses(root: Path, case: str) -> None:
    setup, expected = REFUSED[case]
    setup(root)
    tree = source_tree(Path("docs"), Path("bib"))
    found = [
        (p.path.as_posix(), p.kind, p.detail if p.kind in ("special", "name", "file-type") else "")
        for p in tree.problems
    ]
    assert found == expected
    never_read = {
        Path(path) for path, kind, _ in expected if kind not in ("name", "page-extension")
    }
    assert not never_read & set(tree.pages)  # a badly named page is still checked


@pytest.mark.parametrize(
    "setup",
    [
        link("docs/p/b.md", "index.md"),  # a link inside docs/
        each(touch("docs/q/index.md"), link("docs/p/q", "../q")),  # a linked folder inside
        link("docs/.#index.md", "user@host.1234"),  # an editor's lock file: hidden, dangling
        fifo("docs/.pipe"),  # hidden: MkDocs skips it, so does the check
        touch("bib/Mijn bron.bib"),  # bib/ is not published: any name
        touch("docs/p/plaatje_2.PNG", "overrides/assets/LICENSE-Inter.txt"),
    ],
    ids=["file-link", "folder-link", "editor-lock", "hidden-fifo", "bib-name", "safe-names"],
)
def test_the_walk_accepts(root: Path, setup: Setup) -> None:
    setup(root)
    assert source_tree(Path("docs"), Path("bib")).problems == ()


def test_pages_are_named_as_mkdocs_names_them(root: Path) -> None:
    """Through a linked folder or file too (MkDocs builds those pages), sorted; no FIFO."""
    touch("docs/q/index.md")(root)
    link("docs/alias", "q")(root)
    link("docs/p/b.md", "index.md")(root)
    fifo("docs/p/pipe.md")(root)
    pages = [path.as_posix() for path in source_tree(Path("docs"), Path("bib")).pages]
    assert pages == ["docs/alias/index.md", "docs/p/b.md", "docs/p/index.md", "docs/q/index.md"]


def test_a_name_with_a_control_character_is_refused_and_not_entered(root: Path) -> None:
    touch("docs/a\nb/index.md")(root)
    tree = source_tree(Path("docs"), Path("bib"))
    assert [(p.path.name, p.kind) for p in tree.problems] == [("a\nb", "name")]
    assert [p.as_posix() for p in tree.pages] == ["docs/p/index.md"]
    [finding] = check(Path("docs"), Path("bib"), root=root)
    assert finding.path == "docs/a\ufffdb"  # printable: no line break in the output


def test_overrides_beside_docs_or_the_one_given(root: Path) -> None:
    link("overrides/x.html", "/etc/hostname")(root)
    (root / "theme").mkdir()
    link("theme/y.html", "/etc/hostname")(root)
    beside = source_tree(Path("docs"), Path("bib")).problems
    given = source_tree(Path("docs"), Path("bib"), Path("theme")).problems
    assert [p.path.as_posix() for p in beside] == ["overrides/x.html"]
    assert [p.path.as_posix() for p in given] == ["theme/y.html"]


@pytest.mark.parametrize(
    ("name", "suggested"),
    [
        ('"><img src=x onerror=alert(1)>', "img-src-x-onerror-alert-1"),
        ('"><img src=x onerror=alert(1)>.md', "img-src-x-onerror-alert-1.md"),
        ("Café Één.md", "cafe-een.md"),
        ("Straße & Œuvre", "strasse-oeuvre"),
        ("index.md~", "index.md"),
        ("???", "naam"),
    ],
)
def test_a_suggested_name_is_lower_case_ascii(name: str, suggested: str) -> None:
    assert suggested_name(name) == suggested


# --- the types docs/ may publish -------------------------------------------------------------

HOSTILE_TYPES = [
    "x.html", "x.htm", "x.xhtml", "x.shtml", "x.svg", "x.svgz", "x.js", "x.mjs", "x.css",
    "x.xml", "x.xsl", "x.json", "x.swf", "x.wasm", "x.bib", "x.Svg", "x.tar.gz", "LICENSE",
]  # fmt: skip


@pytest.mark.parametrize("name", HOSTILE_TYPES)
def test_docs_publishes_no_other_type(root: Path, name: str) -> None:
    touch(f"docs/p/{name}")(root)
    problems = source_tree(Path("docs"), Path("bib")).problems
    assert [(p.path.name, p.kind) for p in problems] == [(name, "file-type")]


@pytest.mark.parametrize("suffix", sorted(PUBLISHED))
def test_docs_publishes_pages_images_pdf_and_text_in_any_case(root: Path, suffix: str) -> None:
    touch(f"docs/p/a{suffix}", f"docs/p/b{suffix.upper()}")(root)
    kinds = [p.kind for p in source_tree(Path("docs"), Path("bib")).problems]
    assert "file-type" not in kinds  # `.MD`, `.markdown`: an ignored-file warning, no more


def test_the_theme_and_the_bibliography_keep_their_types(root: Path) -> None:
    """overrides/ is the maintainers' theme (html, js, css, fonts); bib/ is not published."""
    touch("overrides/main.html", "overrides/assets/x.js", "overrides/a.woff2", "bib/x.json")(root)
    assert source_tree(Path("docs"), Path("bib")).problems == ()


def test_a_file_of_another_type_is_an_error_naming_what_may_stand(root: Path) -> None:
    touch("docs/p/diagram.svg")(root)
    assert findings(root) == [
        "docs/p/diagram.svg:1:1: error[unsafe-file] dit .svg-bestand zou zoals het is op de site"
        " komen, waar het scripts kan uitvoeren in de browser van lezers: naast pagina's (.md)"
        " mogen in docs/ alleen .png, .jpg, .jpeg, .gif, .webp, .avif, .pdf, .txt en .csv"
        " staan\n"
        "  tip: zet een afbeelding op de site als .png; een diagram: exporteer het als .png, of"
        " vraag een beheerder het onder trusted_html in mkdocs.yml te zetten"
    ]
    assert set(FILES) < PUBLISHED


def test_a_trusted_file_may_have_any_type_and_the_cache_does_not_mix_them_up(root: Path) -> None:
    touch("docs/p/x.svg", "docs/kaart/index.html", "docs/kaart/oud kaart.html")(root)
    link("docs/kaart/env.js", "/proc/self/environ")(root)
    cache, trusted = root / "cache", ("p/*.svg", "kaart/**")

    def refused(trusted: tuple[str, ...]) -> list[str]:
        found = check(Path("docs"), Path("bib"), root=root, cache_dir=cache, trusted_html=trusted)
        return [f"{d.path}: {d.message.split(' ')[1]}" for d in found]

    everything = refused(())
    assert everything == [
        "docs/kaart/env.js: symlink",
        "docs/kaart/index.html: .html-bestand",
        "docs/kaart/oud kaart.html: naam",
        "docs/kaart/oud kaart.html: .html-bestand",
        "docs/p/x.svg: .svg-bestand",
    ]
    # Trust excuses the type only: never a link out of docs/, never an unsafe name.
    assert refused(trusted) == ["docs/kaart/env.js: symlink", "docs/kaart/oud kaart.html: naam"]
    assert refused(()) == everything  # from the cache: the same, unexempted


# --- what is read, and never opened -----------------------------------------------------------


def test_bib_files_are_regular_files_directly_in_bib(root: Path) -> None:
    touch("bib/a.bib", "bib/c.bib", "docs/p/d.bib")(root)
    link("bib/b.bib", "a.bib")(root)
    fifo("bib/pipe.bib")(root)
    link("bib/zero.bib", "/dev/zero")(root)
    link("bib/docs.bib", "../docs/p/d.bib")(root)
    assert [path.name for path in bib_files(Path("bib"))] == ["a.bib", "b.bib", "c.bib"]


CHECK_IN_A_CHILD = "from whitepaper import cli; raise SystemExit(cli.main(['check', '--no-cache']))"


@pytest.mark.parametrize(
    "setup",
    [
        each(fifo("docs/p/pipe.md"), fifo("bib/pipe.bib")),
        each(link("docs/p/zero.md", "/dev/zero"), link("bib/zero.bib", "/dev/zero")),
        each(link("docs/p/here", "."), link("docs/p/up", ".."), link("docs/p/x", "x")),
    ],
    ids=["fifo", "dev-zero", "loops"],
)
def test_the_check_never_hangs_and_exits_1(root: Path, setup: Setup) -> None:
    """Before, a FIFO hung the check, /dev/zero ate memory, two loops hung the build."""
    setup(root)
    done = subprocess.run(
        [sys.executable, "-c", CHECK_IN_A_CHILD],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 1, done.stderr
    assert "error[unsafe-file]" in done.stdout and done.stderr == ""


# --- unreadable folders and files: exit 2, named --------------------------------------------


def refuse(monkeypatch: pytest.MonkeyPatch, target: Path) -> None:
    """Reading `target` (a folder's listing or a file's bytes) raises PermissionError, as
    chmod 000 does for anyone but root (CI runs as root, where chmod blocks nothing)."""
    scandir, read_bytes = os.scandir, Path.read_bytes

    def denied(path: object) -> NoReturn:
        raise PermissionError(13, "Permission denied", str(path))

    def guarded_scandir(path: int | str | os.PathLike[str]) -> object:
        # A descriptor (shutil.rmtree's, say of a collected WeasyPrint font folder) is let by.
        named = not isinstance(path, int)
        return denied(path) if named and Path(path).absolute() == target else scandir(path)

    def guarded_read_bytes(path: Path) -> bytes:
        return denied(path) if path.absolute() == target else read_bytes(path)

    monkeypatch.setattr(os, "scandir", guarded_scandir)
    monkeypatch.setattr(Path, "read_bytes", guarded_read_bytes)


@pytest.mark.parametrize(
    ("unreadable", "message"),
    [
        ("docs/p", "whitepaper check: kan de map docs/p niet lezen: geen leesrecht"),
        ("docs/p/index.md", "whitepaper check: kan docs/p/index.md niet lezen: geen leesrecht"),
        ("bib/refs.bib", "whitepaper check: kan bib/refs.bib niet lezen: geen leesrecht"),
        ("overrides", "whitepaper check: kan de map overrides niet lezen: geen leesrecht"),
    ],
)
def test_what_cannot_be_read_exits_2_naming_it(
    root: Path,
    unreadable: str,
    message: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Before, an unreadable folder was silently left out of the check and the site."""
    (root / "bib" / "refs.bib").write_text("", encoding="utf-8")
    refuse(monkeypatch, root / unreadable)
    assert cli.main(["check", "--no-cache"]) == 2
    captured = capsys.readouterr()
    assert captured.err.startswith(message) and "Traceback" not in captured.err
    assert captured.out == ""


def test_an_unreadable_folder_is_an_input_error(
    root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    refuse(monkeypatch, root / "docs" / "p")
    with pytest.raises(InputError, match="docs/p"):
        check(Path("docs"), Path("bib"), root=root)


def test_the_bibliography_reads_no_fifo_and_no_link_out(root: Path) -> None:
    fifo("bib/pipe.bib")(root)
    link("bib/zero.bib", "/dev/zero")(root)
    (root / "bib" / "refs.bib").write_text("@misc{a2020, title={T}, year=2020}\n", "utf-8")
    assert list(load_bibliography(Path("bib"), root=root).entries) == ["a2020"]


# --- the findings ---------------------------------------------------------------------------


def findings(root: Path) -> list[str]:
    return [
        f"{d.path}:{d.line}:{d.column}: {d.severity}[{d.code}] {d.message}\n  tip: {d.hint}"
        for d in check(Path("docs"), Path("bib"), root=root)
    ]


def test_a_link_out_is_an_error_at_the_link(root: Path) -> None:
    link("docs/p/env.txt", "/proc/self/environ")(root)
    assert findings(root) == [
        "docs/p/env.txt:1:1: error[unsafe-file] een symlink naar '/proc/self/environ', buiten"
        " docs/: wat daar staat (zoals wachtwoorden of sleutels) zou openbaar worden, op de site"
        " of in de meldingen van de check\n"
        "  tip: verwijder de symlink; hoort het bestand bij het project, zet dan een kopie in"
        " docs/"
    ]


def test_an_unsafe_name_gets_the_rename_to_make(root: Path) -> None:
    touch('docs/"><img src=x onerror=alert(1)>/index.md')(root)
    assert findings(root) == [
        "docs/\"><img src=x onerror=alert(1)>:1:1: error[unsafe-file] de naam bevat '\"', '>',"
        " '<', een spatie, '=', '(' en ')': dat hoort niet in een webadres (MkDocs maakt het"
        " adres van een pagina uit de namen van mappen en bestanden)\n"
        "  tip: hernoem de map tot docs/img-src-x-onerror-alert-1; veilig zijn letters a-z en"
        " A-Z, cijfers, - _ en ."
    ]


def test_a_rename_to_a_name_that_exists_says_so(root: Path) -> None:
    touch("docs/p/index.md~", "bib/oud/refs.bib", "bib/refs.bib")(root)
    (root / "bib" / "refs.bib").write_text("", encoding="utf-8")
    tips = [finding.split("\n  tip: ")[1] for finding in findings(root)]
    assert tips == [
        "verplaats het naar een naam die nog niet bestaat (bib/refs.bib bestaat al)",
        "hernoem het bestand tot een naam die nog niet bestaat (docs/p/index.md bestaat al);"
        " veilig zijn letters a-z en A-Z, cijfers, - _ en .",
    ]


def test_an_ignored_bib_file_is_a_warning_with_its_new_name(root: Path) -> None:
    touch("bib/refs.BIB", "bib/oud/x.bib")(root)
    assert findings(root) == [
        "bib/oud/x.bib:1:1: warning[ignored-file] dit .bib-bestand wordt niet gelezen: alleen"
        " bestanden direct in bib/ tellen mee, niet in een submap\n"
        "  tip: verplaats het naar bib/x.bib",
        "bib/refs.BIB:1:1: warning[ignored-file] dit bestand wordt niet gelezen: alleen namen die"
        " op .bib in kleine letters eindigen tellen mee\n"
        "  tip: hernoem het tot bib/refs.bib",
    ]


# --- the build ------------------------------------------------------------------------------

MARKER = "WHITEPAPER-SECRET-MARKER-7f3a"
PAPER = "docs/kraken-van-gewrichten"


def secret_outside(tmp_path_factory: pytest.TempPathFactory) -> Path:
    secret = tmp_path_factory.mktemp("outside") / "token.txt"
    secret.write_text(f"GITHUB_TOKEN={MARKER}\n", encoding="utf-8")
    return secret


def files_with_marker(folder: Path) -> list[str]:
    return [
        path.as_posix()
        for path in folder.rglob("*")
        if path.is_file() and not path.is_symlink() and MARKER.encode() in path.read_bytes()
    ]


@pytest.mark.slow
def test_plain_mkdocs_publishes_what_a_link_points_to(
    tmp_path: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """The threat, without the plugin: MkDocs' get_files follows the link and copies the file."""
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# Proef\n", encoding="utf-8")
    (tmp_path / "docs" / "env.txt").symlink_to(secret_outside(tmp_path_factory))
    (tmp_path / "mkdocs.yml").write_text("site_name: Proef\n", encoding="utf-8")
    build_site(tmp_path / "mkdocs.yml", tmp_path / "site")
    assert MARKER in (tmp_path / "site" / "env.txt").read_text(encoding="utf-8")


@pytest.mark.slow
def test_the_build_stops_before_a_link_out_is_copied(
    project_copy: Path,
    tmp_path_factory: pytest.TempPathFactory,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """`whitepaper build` with docs/<paper>/env.txt → a file outside: exit 1, the finding,
    no site/ written, the secret nowhere in the project."""
    (project_copy / PAPER / "env.txt").symlink_to(secret_outside(tmp_path_factory))
    monkeypatch.chdir(project_copy)
    assert cli.main(["build"]) == 1
    captured = capsys.readouterr()
    output = captured.out + captured.err
    assert f"{PAPER}/env.txt:1:1: error[unsafe-file] een symlink naar '" in output
    assert "Traceback" not in output
    assert not (project_copy / "site").exists()
    assert sorted(p.name for p in project_copy.iterdir() if p.name.startswith(".site")) == []
    assert files_with_marker(project_copy) == []


@pytest.mark.slow
def test_mkdocs_build_stops_at_a_link_out_of_the_theme_folder(
    project_copy: Path, tmp_path_factory: pytest.TempPathFactory, caplog: pytest.LogCaptureFixture
) -> None:
    """overrides/ is the theme's custom_dir: MkDocs copies its assets and includes its
    partials; a plain `mkdocs build` stops there too."""
    secret = secret_outside(tmp_path_factory)
    (project_copy / "overrides" / "assets" / "token.txt").symlink_to(secret)
    with pytest.raises(Abort):
        build_site(project_copy / "mkdocs.yml", project_copy / "site")
    errors = [r.getMessage() for r in caplog.records if r.levelno == logging.ERROR]
    assert any("overrides/assets/token.txt:1:1: error[unsafe-file]" in e for e in errors), errors
    assert not (project_copy / "site").exists()


SCRIPTED_SVG = '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>\n'
TINY_SITE = "site_name: Proef\nplugins:\n  - whitepaper:\n      pdf: false\n      search: false\n"
SVG_REFUSED = "docs/p/x.svg:1:1: error[unsafe-file] dit .svg-bestand zou zoals het is op de site"


def build_with_svg(root: Path, options: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    """`whitepaper build` of the tiny project with docs/p/x.svg holding a script."""
    (root / "docs" / "p" / "x.svg").write_text(SCRIPTED_SVG, encoding="utf-8")
    (root / "mkdocs.yml").write_text(TINY_SITE + options, encoding="utf-8")
    code = cli.main(["build"])
    captured = capsys.readouterr()
    assert "Traceback" not in captured.out + captured.err
    return code, captured.out + captured.err


@pytest.mark.slow
def test_the_build_stops_before_a_scripted_svg_is_copied(
    root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, output = build_with_svg(root, "", capsys)
    assert code == 1 and SVG_REFUSED in output, output
    assert not (root / "site").exists()


@pytest.mark.slow
def test_a_trusted_svg_is_published_as_it_is(
    root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, output = build_with_svg(root, "      trusted_html: [p/x.svg]\n", capsys)
    assert code == 0 and SVG_REFUSED not in output, output
    assert (root / "site" / "p" / "x.svg").read_text(encoding="utf-8") == SCRIPTED_SVG
