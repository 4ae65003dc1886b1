"""The catalogue of bad inputs, run as a user runs it, and check()'s rules one by one.

Each folder in tests/data/bad/ is one case: `docs/`, `bib/` and `expected.txt`, which names the
command (`whitepaper check` unless a `$ whitepaper …` line says otherwise) and lists the exact
findings, each as `path:line:col: severity[code] message` and then `  tip: hint`, the other
lines it prints and its exit code (lines starting with # explain the case; tests/catalogue.py
describes the format). A changed Dutch message is a failing case here and a diff in git.

Adding a case is adding a folder with `docs/`, `bib/` and the comment lines of its
expected.txt; then `.venv/bin/python -m tests.catalogue CASE` writes what the command prints
into it. `.venv/bin/python -m tests.catalogue` rewrites every expected.txt, keeping the comment
and command lines, and names the cases whose findings or exit code changed (a change of
behaviour, not of wording); read `git diff tests/data/bad` after it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.catalogue import BAD, DEFAULT_COMMAND, cases, parse, read, run_case
from whitepaper.check.findings import check
from whitepaper.diagnostics import CODES, InputError

CASES = cases()
# A case that runs MkDocs builds a whole site: a second or two each.
SLOW = {name for name in CASES if read(name).command[:1] in (("build",), ("pdf",), ("serve",))}


def test_catalogue_is_large_enough() -> None:
    """The catalogue holds at least 100 bad inputs, across the stages."""
    assert len(CASES) >= 100


@pytest.mark.parametrize(
    "name", [pytest.param(n, marks=pytest.mark.slow) if n in SLOW else n for n in CASES]
)
def test_bad_input(name: str, tmp_path: Path) -> None:
    """Every case prints exactly its expected.txt: findings with messages and tips, the other
    lines, the exit code; none is an internal error (exit 3) or a traceback."""
    expected = read(name)
    found = run_case(BAD / name, tmp_path, expected.command)
    assert list(found.findings) == list(expected.findings)
    assert list(found.output) == list(expected.output)
    assert found.exit == expected.exit
    assert found.exit != 3, found.output
    assert not any("Traceback" in line for line in found.output)


def test_every_code_is_in_the_catalogue() -> None:
    """The catalogue shows every code of diagnostics.CODES, and no other."""
    assert set().union(*(read(name).codes for name in CASES)) == set(CODES)


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("a.md:1:1: error[x] m\nexit 1\n", "second line"),
        ("a.md:1:1: error[x] m\n  tip: h\nexit 1", "line break"),
        ("a.md:1:1: error[x] m\ntip: h\nexit 1\n", "second line"),
        ("a.md:1:1: error[x] m\n  tip: \nexit 1\n", "second line"),
        ("  tip: h\nexit 1\n", "no finding"),
        ("a.md:1:1: error[x]\n  tip: h\nexit 1\n", "no finding"),
        ("a.md:1:1: error[x] m\n  tip: h\n# later\nexit 1\n", "at the top"),
        ("a.md:1:1: error[x] m\n  tip: h\n  \nexit 1\n", "no finding"),
        ("a.md:1:1: fout[x] m\n  tip: h\nexit 1\n", "no finding"),
        ("a.md:1:1: error[x] m\n  tip: h\n", "exit N"),
        ("exit 1\n> later\n", "last line"),
        ("$ mkdocs build\nexit 1\n", "whitepaper <command>"),
    ],
)
def test_expected_txt_format_is_exact(text: str, problem: str) -> None:
    with pytest.raises(ValueError, match=problem):
        parse(text)


def test_expected_txt_holds_command_findings_output_and_exit() -> None:
    one = "a.md:1:1: error[x] m\n  tip: h"
    text = f"# c\n$ whitepaper build -d 'a b'\n{one}\n\n{one}\n> Bouwen mislukt.\nexit 1\n"
    expected = parse(text)
    assert expected.comments == ("# c",)
    assert expected.command == ("build", "-d", "a b")
    assert (expected.findings, expected.codes) == ((one, one), {"x"})
    assert (expected.output, expected.exit) == (("Bouwen mislukt.",), 1)
    assert parse(expected.text()) == expected
    assert parse("exit 0\n").command == DEFAULT_COMMAND


def write_project(root: Path, pages: dict[str, str], bib: str = "") -> Path:
    for name, text in pages.items():
        (root / "docs" / name).parent.mkdir(parents=True, exist_ok=True)
        (root / "docs" / name).write_text(text, encoding="utf-8")
    (root / "bib").mkdir(exist_ok=True)
    (root / "bib" / "refs.bib").write_text(bib, encoding="utf-8")
    return root


ENTRY = "@book{stecco2018, author={Stecco, Carla}, title={Fascia}, year=2018}\n"
# What the paper card shows, for the papers of tests that are not about missing-metadata.
CARD = "association: NVMT\ncontact: info@nvmt.nl\n"
NAMED = CARD + "date: 2025-06\n"


def codes(root: Path) -> list[str]:
    return [f"{d.path}:{d.line}:{d.code}" for d in check(root / "docs", root / "bib", root=root)]


def test_missing_docs_folder_is_an_input_error(tmp_path: Path) -> None:
    """A folder that is not there is one clear InputError, not a traceback."""
    (tmp_path / "bib").mkdir()
    with pytest.raises(InputError, match="bestaat niet"):
        check(tmp_path / "docs", tmp_path / "bib", root=tmp_path)


def test_missing_bib_folder_is_an_input_error(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    with pytest.raises(InputError, match="bestaat niet"):
        check(tmp_path / "docs", tmp_path / "bib", root=tmp_path)


def test_a_clean_project_has_no_findings(tmp_path: Path) -> None:
    """Home page and extra pages need no title; a paper's index.md with one passes."""
    root = write_project(
        tmp_path,
        {
            "index.md": "# Whitepapers\n\nWelkom.\n",
            "p/index.md": f"---\ntitle: Proef\ndate: 2025-06-01\nversion: 1.0\n{CARD}---\n\n"
            "Zie [@stecco2018].[^1]\n\n[^1]: Zie @stecco2018, p. 3.\n",
            "p/bijlage.md": "---\nhide: [toc]\n---\n# Bijlage\n",
        },
        ENTRY,
    )
    assert codes(root) == []


def test_hidden_folders_are_skipped(tmp_path: Path) -> None:
    """Like MkDocs, pages under a folder starting with '.' are not part of the site."""
    root = write_project(
        tmp_path,
        {
            ".obsidian/x.md": "[@nergens]\n",
            "p/index.md": f"---\ntitle: P\nversion: 1\n{NAMED}---\n",
        },
    )
    assert codes(root) == []


def test_paths_are_relative_to_root_and_default_to_cwd(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = write_project(tmp_path, {"p/index.md": f"---\ntitle: P\nversion: 1\n{NAMED}---\n[@x]\n"})
    monkeypatch.chdir(root)
    [finding] = check(Path("docs"), Path("bib"))
    assert (finding.path, finding.code) == ("docs/p/index.md", "unknown-key")


def test_unknown_key_suggests_the_closest_key(tmp_path: Path) -> None:
    page = f"---\ntitle: P\nversion: 1\n{NAMED}---\n[@steco2018]\n"
    root = write_project(tmp_path, {"p/index.md": page}, ENTRY)
    [_unused, finding] = check(root / "docs", root / "bib", root=root)
    assert finding.message == "geen bibliografie-item 'steco2018'"
    assert finding.hint == "bedoelde u 'stecco2018'?"


def test_many_unknown_keys_are_each_compared_once_and_only_the_first_fifty(
    tmp_path: Path,
) -> None:
    """Each comparison reads every entry: past CLOSE_LOOKUPS_AT_MOST keys the hint says only
    what to add, so a .bib file gone does not cost minutes; a key seen before keeps its hint."""
    cited = " ".join(f"[@steco{n:02d}]" for n in [*range(60), 0])
    page = f"---\ntitle: P\nversion: 1\n{NAMED}---\n{cited}\n"
    bib = "".join(ENTRY.replace("stecco2018", f"stecco{n:02d}") for n in range(60))
    root = write_project(tmp_path, {"p/index.md": page}, bib)
    hints = [
        f.hint for f in check(root / "docs", root / "bib", root=root) if f.code == "unknown-key"
    ]
    assert hints[:50] == [f"bedoelde u 'stecco{n:02d}'?" for n in range(50)]
    assert hints[50:60] == [
        f"voeg een item 'steco{n}' toe aan een .bib-bestand" for n in range(50, 60)
    ]
    assert hints[60] == "bedoelde u 'stecco00'?"


STANDING_MARKUP = "'standing' bevat HTML of een bronvermelding ('<', '>', '&…;', '[@' of '[^')"
BAD_CONTACT = "'contact' moet een e-mailadres of een webadres (https://...) zijn"
BAD_DATE = "'date' moet een datum als JJJJ, JJJJ-MM of JJJJ-MM-DD zijn"


@pytest.mark.parametrize(
    ("front_matter", "finding"),
    [
        ("title: P", None),
        ("title: P\nsummary: Kort.\nlang: en\nlicense: CC-BY-4.0\ndoi: 10.1234/x", None),
            ("title: P\ndoi: https://doi.org/10.1234/x", None),
            ("title: P\ndoi: 10.1/x", "'doi' moet een DOI (10.NNNN/...) zijn"),
        ("title: P\nauthors: [A, B]\nassociation: NVMT\nchangelog: []", None),
        ("title: P\nversion: 2", None),
        ("title: P\nstanding: Standpunt van de vereniging", None),
        ("title: P\ncontact: info@vereniging.nl", None),
        ("title: P\ncontact: https://vereniging.nl/contact", None),
        ("title: P\nstanding: [x]", "'standing' moet een tekst zijn"),
        ("title: P\nstanding: <b>x</b>", STANDING_MARKUP),
        ("title: P\ncontact: javascript:alert(1)", BAD_CONTACT),
        ("title: P\ncontact: info@vereniging", BAD_CONTACT),
        ("title: P\ncontact: 'a@b.nl\"><script>'", BAD_CONTACT),
        ("title: P\ncontact: vereniging.nl", BAD_CONTACT),
        ("title: P\ndate: 2025", None),
        ("title: P\ndate: 2025-06", None),
        ("title: P\ndate: 2025-06-01", None),
        ("title: P\ndescription: x\nhide: [toc]\nsubtitle: y\nstatus: new", None),
        ("title: P\nicon: material/home\ntemplate: main.html", None),
        ("title: ''", "'title' is leeg"),
        ("title: [P]", "'title' moet een tekst zijn"),
        ("title: P\nsummary: 3", "'summary' moet een tekst zijn"),
        ("title: P\nversion: true", "'version' moet een versienummer zijn"),
        ("title: P\nversion: ''", "'version' is leeg"),
        ("title: P\nversion: 1.10", "YAML leest 'version: 1.10' als het getal 1.1"),
        ("title: P\nversion: 1.0", None),
        ("title: P\nauthors: [A, [B]]", "'authors' moet een lijst van namen zijn"),
        ("title: P\ndate: 2025-13", BAD_DATE),
        ("title: P\ndate: 2025-06-01 10:00:00", BAD_DATE),
        ("title: P\ndate: juni 2025", BAD_DATE),
        ("title: P\nauteurs: [A]", "onbekende sleutel 'auteurs' in de front matter"),
        ("summary: x", "de front matter mist 'title'"),
    ],
)  # fmt: skip
def test_front_matter_types(front_matter: str, finding: str | None, tmp_path: Path) -> None:
    """DESIGN.md's front matter keys and types; YAML dates and numbers are accepted."""
    root = write_project(tmp_path, {"p/index.md": f"---\n{front_matter}\n---\n\n# P\n"})
    found = check(root / "docs", root / "bib", root=root)
    assert [d.message for d in found if d.code == "front-matter"] == ([finding] if finding else [])


def test_front_matter_finding_points_at_its_key(tmp_path: Path) -> None:
    root = write_project(tmp_path, {"p/index.md": f"---\ntitle: P\n  \nversie: 1\n{NAMED}---\n"})
    [d] = check(root / "docs", root / "bib", root=root)
    assert (d.line, d.column, d.hint, d.excerpt) == (4, 1, "bedoelde u 'version'?", "versie: 1")


def test_a_label_defined_twice_owns_the_citations_below_it(tmp_path: Path) -> None:
    """With duplicate definitions, each one is judged by the citations written in it."""
    page = f"---\ntitle: P\nversion: 1\n{NAMED}---\nA[^1]\n\n"
    page += "[^1]: Geen bron.\n[^1]: Zie @stecco2018.\n"
    root = write_project(tmp_path, {"p/index.md": page}, ENTRY)
    assert codes(root) == [
        "docs/p/index.md:10:uncited-footnote",
        "docs/p/index.md:11:duplicate-footnote",
    ]


# --- changelog -------------------------------------------------------------------------------

ENTRY_1 = "wijziging 1 in 'changelog': "
MARKUP = "'summary' bevat HTML of een bronvermelding ('<', '>', '&…;', '[@' of '[^')"


@pytest.mark.parametrize(
    ("changelog", "finding"),
    [
        # good: any order, a date or none, a number or text as version
        ('\n  - {version: "1.0", date: 2025, summary: Eerste.}'
         '\n  - {version: "1.2", date: 2026-03-03, summary: Nieuwe bronnen.}'
         '\n  - {version: 1.1, date: 2025-09, summary: "Correcties: spelling."}', None),
        ("\n  - version: 2\n    summary: Zonder datum.", None),
        (" []", None),
        # not a list
        (" eerste versie", "'changelog' moet een lijst van wijzigingen zijn"),
        (" {version: 1, summary: x}", "'changelog' moet een lijst van wijzigingen zijn"),
        ("", "'changelog' moet een lijst van wijzigingen zijn"),
        # an entry that is not a mapping
        (" [eerste versie]", ENTRY_1 + "een losse tekst in plaats van version, date en summary"),
        (" [[1, x]]", ENTRY_1 + "een lijst in plaats van version, date en summary"),
        ("\n  -", ENTRY_1 + "leeg in plaats van version, date en summary"),
        (" [3]", ENTRY_1 + "een losse waarde in plaats van version, date en summary"),
        # unknown keys
        (" [{version: 1, summary: x, wie: Jan}]", ENTRY_1 + "onbekende sleutel 'wie'"),
        (" [{versie: 1, summary: x}]", ENTRY_1 + "onbekende sleutel 'versie'; 'version' ontbreekt"),
        # missing or wrong values
        (" [{version: 1}]", ENTRY_1 + "'summary' ontbreekt"),
        (" [{summary: x}]", ENTRY_1 + "'version' ontbreekt"),
        (" [{version: 1, summary: ''}]", ENTRY_1 + "'summary' moet een tekst zijn"),
        (" [{version: 1, summary: [x]}]", ENTRY_1 + "'summary' moet een tekst zijn"),
        (" [{version: yes, summary: x}]", ENTRY_1 + "'version' moet een versienummer zijn"),
        (" [{version: 1.10, summary: x}]",
         ENTRY_1 + "YAML leest 'version: 1.10' als het getal 1.1"),
        # bad date
        (" [{version: 1, date: 2026-13, summary: x}]",
         ENTRY_1 + "'date' moet een datum als JJJJ, JJJJ-MM of JJJJ-MM-DD zijn"),
        (" [{version: 1, date: 2026-03-03 10:00:00, summary: x}]",
         ENTRY_1 + "'date' moet een datum als JJJJ, JJJJ-MM of JJJJ-MM-DD zijn"),
        (" [{version: 1, date: maart 2026, summary: x}]",
         ENTRY_1 + "'date' moet een datum als JJJJ, JJJJ-MM of JJJJ-MM-DD zijn"),
        # markup in the summary
        (' [{version: 1, summary: "<b>Nieuw</b>"}]', ENTRY_1 + MARKUP),
        (' [{version: 1, summary: "Zie [@stecco2018]."}]', ENTRY_1 + MARKUP),
        (' [{version: 1, summary: "Zie [^1]."}]', ENTRY_1 + MARKUP),
        # one version twice
        (" [{version: 1, summary: x}, {version: '1', summary: y}]",
         "wijziging 2 in 'changelog': versie 1 staat al in wijziging 1"),
        # several problems of one entry: one finding
        (" [{version: 1, datum: 2026, samenvatting: x}]",
         ENTRY_1 + "onbekende sleutels 'datum' en 'samenvatting'; 'summary' ontbreekt"),
    ],
)  # fmt: skip
def test_changelog_entries(changelog: str, finding: str | None, tmp_path: Path) -> None:
    """`changelog`: a list of {version, date, summary}; one Dutch finding per wrong entry."""
    page = f"---\ntitle: P\nversion: 1\n{NAMED}changelog:{changelog}\n---\n\n# P\n"
    root = write_project(tmp_path, {"p/index.md": page})
    found = check(root / "docs", root / "bib", root=root)
    assert [d.message for d in found] == ([finding] if finding else [])
    assert all(d.severity == "error" and d.code == "front-matter" for d in found)


def test_a_changelog_finding_points_at_its_entry_with_an_example(tmp_path: Path) -> None:
    """Block and flow entries are found at their own line and column; the paper's own `date`
    below the list is found at its line, not at an entry's `date:`."""
    page = (
        "---\ntitle: P\nversion: '1.1'\nchangelog:\n"
        "  - version: '1.1'\n    date: 2026-03\n    summary: Goed.\n"
        "  - version: '1.0'\n    date: 2025-13\n    summary: Foute datum.\n"
        "  - {version: '0.9', samenvatting: x}\n"
        f"date: 2026-3\n{CARD}---\n"
    )
    root = write_project(tmp_path, {"p/index.md": page})
    found = check(root / "docs", root / "bib", root=root)
    assert [(d.line, d.column, d.excerpt) for d in found] == [
        (8, 5, "  - version: '1.0'"),
        (11, 5, "  - {version: '0.9', samenvatting: x}"),
        (12, 1, "date: 2026-3"),
    ]
    example = '- {version: "1.1", date: 2026-03-03, summary: "Twee nieuwe bronnen over nekpijn."}'
    assert found[0].hint.endswith(f"een wijziging is bijvoorbeeld: {example}")
    assert found[1].hint.startswith("bedoelde u 'summary'? Een wijziging is bijvoorbeeld:")


# --- missing-version -------------------------------------------------------------------------

MISSING = "dit whitepaper heeft geen 'version': de site en de PDF tonen dan geen versie"


@pytest.mark.parametrize(
    ("pages", "expected"),
    [
        ({"p/index.md": f"---\ntitle: P\n{NAMED}---\n# P\n"},
         ["docs/p/index.md:1:missing-version"]),
        ({"p/index.md": "# P\n"},
         ["docs/p/index.md:1:front-matter", "docs/p/index.md:1:missing-version"]),
        # a changelog does not stand in for the version: nothing is guessed from it
        ({"p/index.md": f"---\ntitle: P\nchangelog: [{{version: '1', summary: x}}]\n{NAMED}---\n"},
         ["docs/p/index.md:1:missing-version"]),
        ({"p/index.md": f"---\ntitle: P\nversion: 1\n{NAMED}---\n", "p/b.md": "# B\n",
          "index.md": "# Home\n"}, []),
        # a misspelt key is the front-matter error that names 'version'; no second finding
        ({"p/index.md": f"---\ntitle: P\nversie: 1\n{NAMED}---\n"},
         ["docs/p/index.md:3:front-matter"]),
        ({"p/index.md": f"---\ntitle: P\nversion: true\n{NAMED}---\n"},
         ["docs/p/index.md:3:front-matter"]),
    ],
)  # fmt: skip
def test_a_paper_without_a_version_is_warned(
    pages: dict[str, str], expected: list[str], tmp_path: Path
) -> None:
    """Only a paper's index page needs a version; none is invented, so the check warns."""
    assert codes(write_project(tmp_path, pages)) == expected


def test_the_missing_version_warning_says_who_decides(tmp_path: Path) -> None:
    root = write_project(tmp_path, {"p/index.md": f"---\ntitle: P\n{NAMED}---\n"})
    [d] = check(root / "docs", root / "bib", root=root)
    assert (d.severity, d.line, d.column, d.message) == ("warning", 1, 1, MISSING)
    assert d.hint.startswith("de vereniging kiest het versienummer")
    assert 'version: "1.0"' in d.hint
