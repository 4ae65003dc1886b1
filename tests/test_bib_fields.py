"""BibTeX fields the check accepts arrive in the reference list as written (issue 13).

pybtex reads a field as text, pandoc as LaTeX. Where the meaning is certain, csl_bibtex writes
the text so that pandoc shows it as written (`%`, `#`, a single `$`, commands pandoc drops but
whose meaning is fixed); where it is not, the check warns (`lost-text`). Names in PubMed's form
are `author-format`; `crossref` is inherited as pandoc inherits it, and a ring is an error that
pandoc never sees. Pandoc itself is the oracle: each claim about what it drops is run.
"""

from __future__ import annotations

import json
import subprocess
import tempfile
from pathlib import Path

import pypandoc
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from whitepaper.check.entry_rules import entry_findings
from whitepaper.check.findings import check
from whitepaper.citations import format as citations
from whitepaper.citations.csl_bibtex import bibtex, cited_entries
from whitepaper.citations.format import CitationError, format_paper, plain_text
from whitepaper.sources.bibliography import load_bibliography, parse_bib_text
from whitepaper.sources.crossrefs import resolve
from whitepaper.sources.documents import parse_document
from whitepaper.sources.entries import BibEntry, Bibliography
from whitepaper.sources.field_text import (
    GROUP_DROPPING,
    KNOWN_COMMANDS,
    KNOWN_SYMBOLS,
    TRANSLATED,
    WRAPPERS,
    for_pandoc,
    problems,
)
from whitepaper.sources.names import pubmed_correction

BIB = Path("bib/refs.bib")


class _NoCache:
    """No cache: every test runs pandoc."""

    def load(self, *args: object) -> None:
        return None

    def store(self, *args: object) -> None:
        pass


def read(text: str) -> list[BibEntry]:
    entries, diagnostics = parse_bib_text(text, BIB, root=Path())
    assert [d.message for d in diagnostics if d.severity == "error"] == []
    return resolve(entries)


def references(text: str) -> dict[str, str]:
    """Each entry of `text` cited once, formatted: key → the reference as plain text."""
    entries = read(text)
    bibliography = Bibliography({entry.key: entry for entry in entries}, (), tuple(entries))
    page = parse_document("".join(f"[@{e.key}]\n\n" for e in entries), Path("docs/p/index.md"))
    paper = format_paper("p", [page], bibliography, cache=_NoCache())  # type: ignore[arg-type]
    return {reference.key: plain_text(reference.html) for reference in paper.references}


def codes(text: str) -> list[tuple[str, str, str]]:
    """(code, message, tip) of each content finding of the entries of `text`."""
    entries = read(text)
    keys = [entry.key for entry in entries]
    return [
        (d.code, d.message, d.hint)
        for entry in entries
        for d in entry_findings(entry, "bib/refs.bib", keys)
        if d.code != "incomplete-entry"
    ]


def pandoc_notes(values: list[str]) -> list[str]:
    """What pandoc's BibLaTeX reader makes of each value as a `note` (its CSL JSON text)."""
    bib = "".join(f"@misc{{k{i}, note = {{{value}}}}}\n" for i, value in enumerate(values))
    with tempfile.TemporaryDirectory() as folder:
        Path(folder, "refs.bib").write_text(bib, encoding="utf-8")
        command = [pypandoc.get_pandoc_path(), "-s", "-f", "biblatex", "-t", "csljson"]
        done = subprocess.run([*command, "refs.bib"], cwd=folder, capture_output=True, text=True)
    notes = {item["id"]: item.get("note", "") for item in json.loads(done.stdout)}
    return [notes[f"k{i}"] for i in range(len(values))]


# --- what pandoc drops, and what we claim it knows ----------------------------------------------


def _used(name: str) -> str:
    if name == "href":
        return "a\\href{https://x.nl}{x}b"
    return f"a{{\\{name} x}}b" if name in GROUP_DROPPING else f"a\\{name}{{x}}b"


def test_every_command_called_known_is_shown_by_pandoc() -> None:
    """A known command or symbol is not dropped with its argument, as an unknown one is."""
    known = [_used(name) for name in sorted(KNOWN_COMMANDS) + sorted(KNOWN_SYMBOLS)]
    *shown, dropped = pandoc_notes([*known, "a\\qqqunknown{x}b"])
    assert dropped == "ab"
    assert [value for value, note in zip(known, shown, strict=True) if note == dropped] == []
    assert all(not problems(value) for value in known)


@pytest.mark.parametrize("name", sorted(GROUP_DROPPING))
def test_a_switch_before_a_group_is_dropped_and_warned(name: str) -> None:
    [problem] = problems(f"a\\{name}{{x}}b")
    assert (problem.kind, problem.what) == ("unknown-command", (f"\\{name}",))
    assert pandoc_notes([f"a\\{name}{{x}}b"]) == ["ab"]


def test_commands_translated_are_dropped_by_pandoc_and_arrive_translated() -> None:
    """pandoc drops each of TRANSLATED and WRAPPERS; as for_pandoc writes them they arrive."""
    names = sorted(TRANSLATED) + sorted(WRAPPERS)
    written = [f"a\\{name}{{}}b" if name in TRANSLATED else f"a\\{name}{{x}}b" for name in names]
    notes = pandoc_notes(written + [for_pandoc(value) for value in written])
    assert notes[: len(names)] == ["ab"] * len(names)
    expected = [
        "a" + TRANSLATED[name].lstrip("\\").replace("~", "\xa0") + "b"
        if name in TRANSLATED
        else "axb"
        for name in names
    ]
    assert notes[len(names) :] == expected


# --- certain meaning: written so that it arrives ------------------------------------------------

ARRIVES = [
    # (what the .bib says, what readers see of the title)
    ("Massage 100% effective", "Massage 100% effective"),
    ("Nummer #1 en 50 %", "Nummer #1 en 50 %"),
    ("Kosten in US$ per sessie", "Kosten in US$ per sessie"),
    ("Al \\$5 of \\$10", "Al $5 of $10"),
    ("Al 100\\% \\& meer", "Al 100% & meer"),
    ("Pijn\\textendash{}vrij", "Pijn\u2013vrij"),
    ("Bindweefsel \\textemdash{} een overzicht", "Bindweefsel — een overzicht"),
    ("Het \\nocase{iPhone}-effect", "Het iPhone-effect"),
    ("Map C:\\", "Map C:\\"),
    ('M\\"uller en Sch\\"{o}n', "Müller en Schön"),
    ("Zie \\url{https://x.nl/a%20b#c}", "Zie https://x.nl/a%20b#c"),
]


@pytest.mark.parametrize(("title", "shown"), ARRIVES, ids=[a for a, _ in ARRIVES])
def test_a_certain_meaning_is_accepted_and_arrives(title: str, shown: str) -> None:
    """No lost-text warning, and the reference list shows the title as meant."""
    text = f"@book{{a2020, author = {{Doe, J.}}, title = {{{title}}}, year = 2020}}\n"
    assert codes(text) == []
    assert references(text)["a2020"] == f"Doe, J. (2020). {shown}."


def test_fields_beside_the_title_arrive_too() -> None:
    """Publisher, journal, names: the same escaping, in every field pandoc reads as LaTeX."""
    text = (
        "@article{a2020, author = {{Team #1} and Doe, J.}, title = {T},"
        " journal = {Pijn 100%}, volume = {#3}, year = 2020, pages = {1--2}}\n"
    )
    assert codes(text) == []
    assert references(text)["a2020"] == "Team #1, & Doe, J. (2020). T. Pijn 100%, #3, 1-2."


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ("100%", "100\\%"),
        ("a\\%b", "a\\%b"),  # escaped already
        ("a\\\\%b", "a\\\\\\%b"),  # a line break, then a percent sign
        ("#1", "\\#1"),
        ("US$ 5", "US\\$ 5"),
        ("$5 and $10", "$5 and $10"),  # two: a formula or not? the check warns
        ("$x$ \\textendash{} y", "$x$ \u2013 y"),
        ("$\\textendash$", "$\\textendash$"),  # inside a formula: left to pandoc
        ("C:\\", "C:\\textbackslash{}"),
        ("x \\{} y", "x {} y"),  # braces pybtex counts and pandoc would not
        ("a\\\\", "a\\\\"),  # a pair: it does not take the field's closing brace
        ("\\{\\\\}a", "{}a"),  # for pandoc `\\{`, a pair `\\\\`, and a brace too many
        ("plain text", "plain text"),
    ],
)
def test_for_pandoc(value: str, written: str) -> None:
    assert for_pandoc(value) == written


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ("https://x.nl/a%20b#c", "https://x.nl/a%20b#c"),
        ("x\\", "x"),
        ("x\\\\", "x\\\\"),
        ("a \\{} b", "a {} b"),
    ],
)
def test_raw_fields_are_only_made_readable(value: str, written: str) -> None:
    assert for_pandoc(value, raw=True) == written


# --- uncertain meaning: the check warns with the corrected spelling --------------------------

WARNED = [
    # (title, message, tip)
    (
        "Kosten $5 tot $10",
        "het veld 'title' bevat '$': de site toont tekst tussen twee '$' als formule",
        "bedoelt u een dollarteken, schrijf dan \\$: title = {Kosten \\$5 tot \\$10}; "
        "is het echt een formule, laat het dan zo",
    ),
    (
        "Bestanden in C:\\Users\\me",
        "de site kent de LaTeX-commando's '\\Users' en '\\me' in het veld 'title' niet en laat "
        "het weg",
        "schrijf het teken zelf (zoals é of ß); bedoelt u een backslash, schrijf dan "
        "\\textbackslash{}: title = {Bestanden in C:\\textbackslash{}Users\\textbackslash{}me}",
    ),
    (
        "Een \\foo{woord}",
        "de site kent het LaTeX-commando '\\foo' in het veld 'title' niet en laat het weg",
        "schrijf het teken zelf (zoals é of ß); bedoelt u een backslash, schrijf dan "
        "\\textbackslash{}: title = {Een \\textbackslash{}foo{woord}}",
    ),
    (
        "Deel 1\\\\Deel 2",
        "het veld 'title' bevat '\\\\': de site begint daar een nieuwe regel",
        "schrijf een backslash als \\textbackslash{}: title = {Deel 1\\textbackslash{}Deel 2}",
    ),
    (
        "x \\{} y",
        "in het veld 'title' telt BibTeX '\\{' of '\\}' als accolade, de site niet",
        "zet \\{ en \\} in paren, zoals \\{x\\}, of laat de backslash weg: title = {x {} y}",
    ),
]


@pytest.mark.parametrize(("title", "message", "tip"), WARNED, ids=[w[0] for w in WARNED])
def test_an_uncertain_meaning_is_a_lost_text_warning(title: str, message: str, tip: str) -> None:
    text = f"@book{{a2020, author = {{Doe, J.}},\n  title = {{{title}}}, year = 2020}}\n"
    [finding] = [d for entry in read(text) for d in entry_findings(entry, "bib/refs.bib")]
    assert (finding.line, finding.column, finding.code) == (2, 3, "lost-text")
    assert (finding.message, finding.hint) == (message, tip)


def test_each_warning_is_justified_by_what_pandoc_shows() -> None:
    """What the check warns about, the reference list shows differently from how it is written."""
    titles = ["Kosten $5 tot $10", "C:\\Users\\me", "Een \\foo{woord}", "Deel 1\\\\Deel 2"]
    text = "".join(
        f"@misc{{k{i}, author = {{A, B}}, title = {{{title}}}, year = 2000}}\n"
        for i, title in enumerate(titles)
    )
    shown = references(text)
    assert [shown[f"k{i}"].removeprefix("A, B. (2000").split(". ", 1)[1] for i in range(4)] == [
        "Kosten 5tot10.",
        "C:",  # APA puts no full stop after a colon
        "Een .",  # the command and its argument are gone
        "Deel 1\nDeel 2.",
    ]


@pytest.mark.parametrize(
    "value",
    ["", "plain", "$x$", "\\$5 and \\$10", 'M\\"uller', "\\emph{x}", "a\\%b", "{\\ss}", "\\{x\\}"],
)
def test_no_problem_in_ordinary_text(value: str) -> None:
    assert [p.kind for p in problems(value)] == (["formula"] if value == "$x$" else [])


def test_fields_pandoc_does_not_show_are_not_checked() -> None:
    """A Windows path in `file` or LaTeX in an abstract never reaches a reader."""
    text = (
        "@book{a2020, author = {Doe, J.}, title = {T}, year = 2020,"
        " file = {C:\\Users\\x.pdf}, abstract = {$x$ en \\foo}}\n"
    )
    assert codes(text) == []


# --- names in PubMed's form ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "corrected"),
    [
        ("Field T", "Field, T."),
        ("Hernandez-Reif M", "Hernandez-Reif, M."),
        ("van der Berg JH", "van der Berg, J. H."),
        ("Field T.M.", "Field, T. M."),
        ("Field T M", "Field, T. M."),
        ("Kim S-H", "Kim, S.-H."),
        ("Öztürk Ş", "Öztürk, Ş."),
        ("Field T, Diego M", "Field, T. and Diego, M."),
        ("Field T, Diego M, Ironson G", "Field, T. and Diego, M. and Ironson, G."),
        # not PubMed's form: left alone
        ("Van der Berg", None),
        ("Jan de Vries", None),
        ("{WHO}", None),
        ("{World Health Organization}", None),
        ("others", None),
        ("Smith III", None),
        ("JAN LI", None),
        ("Field, T.", None),
        ("Doe, J", None),
        ("Smith, John", None),
        ("A B", None),
        ("Madonna", None),
    ],
)
def test_pubmed_names(name: str, corrected: str | None) -> None:
    assert pubmed_correction(name) == corrected


def test_a_pubmed_name_is_an_author_format_warning_with_the_corrected_field() -> None:
    text = (
        "@article{field2004,\n  author = {Field T and Diego M and Stecco, C.},\n"
        "  title = {M}, year = 2004}\n"
    )
    [finding] = [d for entry in read(text) for d in entry_findings(entry, "bib/refs.bib")]
    assert (finding.line, finding.column, finding.code) == (2, 3, "author-format")
    assert finding.message == (
        "2 namen staan in PubMed-vorm (achternaam en voorletters zonder komma): de site toont "
        "'Field T' als 'T, F.'"
    )
    assert finding.hint == "schrijf author = {Field, T. and Diego, M. and Stecco, C.}"


def test_the_corrected_names_arrive_as_meant() -> None:
    """What the tip says to write gives the APA names the source means."""
    wrong = "@article{a2004, author = {Field T and Diego M}, title = {M}, year = 2004}\n"
    right = "@article{a2004, author = {Field, T. and Diego, M.}, title = {M}, year = 2004}\n"
    assert references(wrong)["a2004"].startswith("T, F., & M, D. (2004).")
    assert references(right)["a2004"].startswith("Field, T., & Diego, M. (2004).")


def test_a_pubmed_list_with_too_many_commas_gets_the_corrected_list() -> None:
    text = "@article{a, author = {Field T, Diego M, Ironson G, Kim SH}, title = {T}, year = 2000}"
    _, [finding] = parse_bib_text(text, BIB, root=Path())
    assert finding.code == "bib-syntax"
    assert finding.hint == (
        "scheid personen met ' and ': Field, T. and Diego, M. and Ironson, G. and Kim, S. H."
    )


# --- crossref -------------------------------------------------------------------------------------

CROSSREF = """\
@inproceedings{doe2020, author = {Doe, J.}, title = {Kind}, crossref = {Roe2020}, pages = {1--2}}
@proceedings{roe2020, editor = {Roe, R.}, title = {Bundel}, year = 2020, publisher = {P}}
"""


def test_a_child_inherits_its_parents_year_and_the_parent_counts_as_used(tmp_path: Path) -> None:
    """No 'mist jaar', no unused parent; the crossref's case does not matter (BibTeX's rule)."""
    (tmp_path / "docs" / "p").mkdir(parents=True)
    (tmp_path / "bib").mkdir()
    (tmp_path / "docs" / "p" / "index.md").write_text("# P\n\nZie [@doe2020].\n")
    (tmp_path / "bib" / "a.bib").write_text(CROSSREF.splitlines()[0] + "\n")
    (tmp_path / "bib" / "b.bib").write_text(CROSSREF.splitlines()[1] + "\n")  # in another file
    found = check(tmp_path / "docs", tmp_path / "bib", root=tmp_path)
    assert [(d.code, d.message) for d in found if d.path.startswith("bib/")] == []
    entry = load_bibliography(tmp_path / "bib", root=tmp_path).entries["doe2020"]
    assert ([p.key for p in entry.parents], entry.missing_fields()) == (["roe2020"], ())


def test_the_child_is_formatted_with_what_it_inherits() -> None:
    assert references(CROSSREF)["doe2020"] == (
        "Doe, J. (2020). Kind. In R. Roe (Red.), Bundel (pp. 1-2). P."
    )


@pytest.mark.parametrize(
    ("parent", "child", "missing"),
    [
        ("@book{p, author = {A, B}, title = {Boek}, year = 2000}", "@misc{c, crossref = {p}}", ()),
        (
            "@book{p, author = {A, B}, title = {Boek}, year = 2000}",
            "@inbook{c, crossref = {p}}",
            ("title",),  # the book's title is the chapter's booktitle
        ),
        ("@proceedings{p, title = {B}}", "@inproceedings{c, author = {A, B}, crossref = {p}}",
         ("title", "year")),
        ("@misc{p, year = 2000}", "@misc{c, xdata = {p}, author = {A, B}, title = {T}}", ()),
    ],
)  # fmt: skip
def test_what_a_child_inherits(parent: str, child: str, missing: tuple[str, ...]) -> None:
    entries = {entry.key: entry for entry in read(f"{child}\n{parent}\n")}
    assert entries["c"].missing_fields() == missing


RINGS = [
    (
        "@misc{a2020, author = {A, B}, title = {T}, year = 2020, crossref = {a2020}}\n",
        ["'a2020' verwijst met crossref naar zichzelf"],
    ),
    (
        "@misc{a, crossref = {b}, title = {A}}\n@misc{b, crossref = {c}}\n"
        "@misc{c, crossref = {A}}\n",
        ["crossref maakt een kring: a → b → c → a", "crossref maakt een kring: b → c → a → b",
         "crossref maakt een kring: c → a → b → c"],
    ),
    (
        "@misc{a, xdata = {b}}\n@xdata{b, xdata = {a}, title = {B}}\n",
        ["xdata maakt een kring: a → b → a", "xdata maakt een kring: b → a → b"],
    ),
]  # fmt: skip


@pytest.mark.parametrize(("text", "messages"), RINGS)
def test_a_ring_is_a_bad_crossref_error(text: str, messages: list[str]) -> None:
    found = [(c, m) for c, m, _ in codes(text) if c == "bad-crossref"]
    assert found == [("bad-crossref", message) for message in messages]


def test_pandoc_never_sees_a_ring(monkeypatch: pytest.MonkeyPatch) -> None:
    """The BibTeX pandoc reads has no crossref of a ring, and pandoc finishes (a ring would grow
    its memory without end)."""
    real = subprocess.run

    def with_timeout(*args: object, **kwargs: object) -> object:
        return real(*args, **kwargs, timeout=60)  # type: ignore[call-overload]

    monkeypatch.setattr(citations.subprocess, "run", with_timeout)
    text = RINGS[0][0] + RINGS[1][0]
    assert all("crossref" not in bibtex(entry) for entry in read(text))
    assert references(text)["a2020"] == "A, B. (2020). T."


def test_a_crossref_to_no_entry_is_an_error_with_a_suggestion() -> None:
    text = "@misc{c, crossref = {roe202}, title = {T}}\n@book{roe2020, title = {B}, year = 2020}\n"
    found = [(m, t) for c, m, t in codes(text) if c == "bad-crossref"]
    assert found == [
        (
            "crossref verwijst naar 'roe202', maar dat item bestaat niet",
            "bedoelde u 'roe2020'? Anders: voeg het item 'roe202' toe, of verwijder crossref = "
            "{roe202}",
        )
    ]


def test_cited_entries_bring_their_parents_as_their_keys_are_written() -> None:
    entries = read(CROSSREF)
    by_key = {entry.key: entry for entry in entries}
    assert [e.key for e in cited_entries(["doe2020"], by_key)] == ["doe2020", "roe2020"]
    assert "  crossref = {roe2020}," in bibtex(by_key["doe2020"]).splitlines()


# --- nothing the check accepts stops pandoc ----------------------------------------------------


@pytest.mark.parametrize(
    "entry",
    [
        "@misc{a, author = {A, B}, title = {T}, year = 2000, x.y = {z}}",  # a field name
        "@my-type{a, author = {A, B}, title = {T}, year = 2000}",  # an entry type
        "@misc{a, author = {A, B}, title = {T}, year = 2000, note = {C:\\}}",
        "@misc{a, author = {A, B}, title = {x \\{} y}, year = 2000}",
        "@misc{a, author = {A, B}, title = {T}, year = 2000, file = {x \\{} y\\}}",
    ],
)
def test_what_pybtex_reads_pandoc_reads(entry: str) -> None:
    assert references(entry + "\n")["a"].startswith("A, B. (2000).")


# Braced text as pybtex counts braces, each brace escaped or not (pandoc counts only these).
_ATOM = st.sampled_from(["a", " ", "\\", "\\\\", "%", "#", "$", "~", "_", "\\foo", "é", "\\%"])
_VALUE = st.recursive(
    _ATOM,
    lambda inner: st.one_of(
        st.tuples(inner, inner).map("".join),
        st.tuples(st.sampled_from("{\\"), inner, st.sampled_from(["}", "\\}"])).map(
            lambda parts: ("{" if parts[0] == "{" else "\\{") + parts[1] + parts[2]
        ),
    ),
    max_leaves=8,
)


def _entry(number: int, value: str) -> str:
    fields = f"author = {{A, B}}, title = {{{value}}}, note = {{{value}}}, year = 2000"
    return f"@misc{{k{number}, {fields}}}\n"


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_VALUE, min_size=1, max_size=12))
def test_any_field_pybtex_reads_is_formatted(values: list[str]) -> None:
    """Whatever field text pybtex reads without an error, pandoc formats (one run per example)."""
    read_well = [
        value
        for value in values
        if not any(
            d.severity == "error" for d in parse_bib_text(_entry(0, value), BIB, root=Path())[1]
        )
    ]
    text = "".join(_entry(number, value) for number, value in enumerate(read_well))
    try:
        shown = references(text)
    except CitationError as error:  # pragma: no cover - the failure is the point
        pytest.fail(f"pandoc refused what pybtex read: {error}")
    assert set(shown) == {f"k{number}" for number in range(len(read_well))}


# --- the site's reference list and the PDF ------------------------------------------------------

PAPER = "kraken-van-gewrichten"
HAZARDS = (
    "@article{procent2020, author = {Field, T. and Diego, M.}, title = {Massage 100% effective},"
    " journal = {Nummer #1}, year = 2020}\n"
    "@book{dollar2021, author = {Doe, J.}, title = {Kosten in US$ per sessie\\textendash{}jaar},"
    " year = 2021}\n"
    "@inproceedings{kind2022, author = {Roe, R.}, title = {Kind}, crossref = {bundel2022}}\n"
    "@proceedings{bundel2022, editor = {Poe, P.}, title = {Bundel}, year = 2022}\n"
)
SHOWN = [
    "Field, T., & Diego, M. (2020). Massage 100% effective. Nummer #1.",
    "Doe, J. (2021). Kosten in US$ per sessie\u2013jaar.",
    "Roe, R. (2022). Kind. In P. Poe (Red.), Bundel.",
]


@pytest.mark.slow  # a whole site build, with its PDF
def test_what_the_check_accepts_arrives_on_the_site_and_in_the_pdf(project_copy: Path) -> None:
    from tests.conftest import build_site
    from tests.test_pdf_site import normalized, pdf_file, pdf_text, site_page

    (project_copy / "bib" / "velden.bib").write_text(HAZARDS, encoding="utf-8")
    page = project_copy / "docs" / PAPER / "index.md"
    cites = "\n\nVelden [@procent2020; @dollar2021; @kind2022].\n"
    page.write_text(page.read_text(encoding="utf-8") + cites, encoding="utf-8")
    found = check(project_copy / "docs", project_copy / "bib", root=project_copy)
    assert [d for d in found if d.path == "bib/velden.bib"] == []
    site = build_site(project_copy / "mkdocs.yml", project_copy / "site")
    listed = [e.text_content() for e in site_page(site, PAPER).xpath("//div[@id='refs']/div")]
    assert [text for text in SHOWN if text not in listed] == []
    printed = normalized(pdf_text(pdf_file(site, PAPER)))
    assert [text for text in SHOWN if normalized(text) not in printed] == []
    assert "100effective" in printed and "nummer1" in printed  # the words after % and #
