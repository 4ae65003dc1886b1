"""`whitepaper cite`: from a DOI or PMID to an entry the check accepts, with its key by the
rule of bib/README.md; duplicates refused, failures said plainly, nothing invented. Every
answer is recorded (tests/data/net/): the tests never touch the network."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import pypandoc
import pytest
import requests
import responses

from whitepaper.check.entry_rules import entry_findings
from whitepaper.check.findings import check
from whitepaper.citations.csl_bibtex import bibtex
from whitepaper.cli import main
from whitepaper.commands.cite import Wanted, wanted
from whitepaper.net.pubmed import ESUMMARY
from whitepaper.net.work import Name, Work
from whitepaper.sources.bib_text import entry_text, rich
from whitepaper.sources.bibliography import load_bibliography
from whitepaper.sources.new_entry import new_entry, next_key

DATA = Path(__file__).parent / "data" / "net"
DOI = "10.5555/jbmt.2018.001"
DOI_URL = f"https://doi.org/{DOI}"
PMID = "90000001"
OLD = "@article{furlan2015,\n  author = {Furlan, A. D.},\n  title = {Massage},\n  year = {2015}\n}"
STECCO = """\
@article{stecco2018,
  author = {Stecco, Antonio and Stecco, Carla and van der Wal, Jaap},
  title = {Fascial disorders: implications for treatment},
  journal = {Journal of Bodywork and Movement Therapies},
  publisher = {Elsevier BV},
  year = {2018},
  volume = {22},
  number = {1},
  pages = {113--118},
  doi = {10.5555/jbmt.2018.001}
}
"""


def recorded(name: str) -> Any:
    return json.loads((DATA / name).read_text(encoding="utf-8"))


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A site folder with one .bib file, the command run inside it."""
    (tmp_path / "bib").mkdir()
    (tmp_path / "bib" / "refs.bib").write_text(OLD, encoding="utf-8")  # no final newline
    monkeypatch.chdir(tmp_path)
    return tmp_path


def cite(*args: str) -> int:
    return main(["cite", *args])


def refs(site: Path) -> str:
    return (site / "bib" / "refs.bib").read_text(encoding="utf-8")


# --- what the command line may name ------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (DOI, Wanted(doi=DOI)),
        (f"doi:{DOI}", Wanted(doi=DOI)),
        (f"DOI: {DOI}", Wanted(doi=DOI)),
        (f"https://doi.org/{DOI}", Wanted(doi=DOI)),
        (f"http://dx.doi.org/{DOI}", Wanted(doi=DOI)),
        (f"  {DOI}\n", Wanted(doi=DOI)),
        ("29332728", Wanted(pmid="29332728")),
        ("PMID: 29332728", Wanted(pmid="29332728")),
        ("pmid:29332728", Wanted(pmid="29332728")),
    ],
)
def test_a_doi_or_pmid_in_the_forms_people_copy(text: str, expected: Wanted) -> None:
    assert wanted(text) == expected


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("stecco 2018", "'stecco 2018' is geen DOI of PMID"),
        ("https://pubmed.example.org/1", "'https://pubmed.example.org/1' is geen DOI of PMID"),
        ("10.12/x", "'10.12/x' is geen geldige DOI (een DOI is 10., vier tot negen cijfers"),
        ("PMID 12a", "'PMID 12a' is geen DOI of PMID"),
        ("", "'' is geen DOI of PMID"),
    ],
)
def test_anything_else_is_refused_saying_what_is_accepted(
    site: Path, capsys: pytest.CaptureFixture[str], text: str, reason: str
) -> None:
    assert cite(text) == 2
    error = capsys.readouterr().err
    assert error.startswith(f"whitepaper cite: {reason}")
    assert error.rstrip().endswith("of een PMID (29332728 of PMID: 29332728)")
    assert refs(site) == OLD


# --- a work fetched and written -----------------------------------------------------------------


@responses.activate
def test_a_doi_becomes_an_entry_after_the_old_bytes(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    responses.get(DOI_URL, json=recorded("doi-csl.json"))
    assert cite(DOI) == 0
    assert capsys.readouterr().out == "Toegevoegd aan bib/refs.bib: citeer met [@stecco2018]\n"
    assert refs(site) == OLD + "\n\n" + STECCO
    assert list((site / "bib").glob(".*")) == []  # no temporary file left


@responses.activate
def test_a_pmid_becomes_an_entry_keeping_its_doi(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    responses.get(ESUMMARY, json=recorded("esummary.json"))
    assert cite(f"PMID: {PMID}") == 0
    assert capsys.readouterr().out == "Toegevoegd aan bib/refs.bib: citeer met [@wal2019]\n"
    assert refs(site).endswith(
        "@article{wal2019,\n"
        "  author = {van der Wal, J. C. and Castro-Sánchez, A. M. and {Massage Research Group}},\n"
        "  title = {Massage for low-back pain: a randomised trial},\n"
        "  journal = {Journal of bodywork and movement therapies},\n"
        "  year = {2019},\n"
        "  volume = {23},\n"
        "  number = {1},\n"
        "  pages = {475--480},\n"
        "  doi = {10.5555/jbmt.2019.017},\n"
        "  pmid = {90000001}\n"
        "}\n"
    )


@responses.activate
def test_an_incomplete_answer_is_written_as_given_and_marked(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    doi = "10.5555/ntmt.zd.7"
    responses.get(f"https://doi.org/{doi}", json=recorded("doi-csl-incomplete.json"))
    assert cite(doi) == 0
    out = capsys.readouterr().out.splitlines()
    assert out == [
        "Toegevoegd aan bib/refs.bib: citeer met [@behandelingzd]",
        "Let op: het antwoord van doi.org geeft geen auteur en jaar. Het item is gemarkeerd met"
        " note = {onvolledig: …}; vul het aan uit het artikel zelf, verzin niets.",
        "De sleutel is gemaakt van het eerste woord van de titel; u mag hem in het .bib-bestand"
        " veranderen zolang nog geen pagina hem citeert.",
    ]
    assert refs(site).endswith(
        "@article{behandelingzd,\n"
        "  title = {De behandeling van lage rugpijn},\n"
        "  journal = {Nederlands Tijdschrift voor Manuele Therapie},\n"
        "  publisher = {Nederlands Tijdschrift voor Manuele Therapie},\n"
        "  doi = {10.5555/ntmt.zd.7},\n"
        "  note = {onvolledig: auteur en jaar ontbreken in het antwoord van doi.org}\n"
        "}\n"
    )


# --- what stops it, with nothing written --------------------------------------------------------


NOTHING_ADDED = " Er is niets toegevoegd."


@pytest.mark.parametrize(
    ("answer", "message"),
    [
        ({"status": 404}, f"de DOI {DOI} is onbekend bij doi.org; controleer hem in het artikel."),
        ({"body": requests.exceptions.ConnectionError()},
         "geen verbinding met doi.org: bent u offline?"),
        ({"body": requests.exceptions.ReadTimeout()},
         "doi.org antwoordt niet (langer dan 20 seconden); probeer het later opnieuw."),
    ],
    ids=["unknown", "offline", "timeout"],
)  # fmt: skip
@responses.activate
def test_a_failed_fetch_is_said_plainly(
    site: Path, capsys: pytest.CaptureFixture[str], answer: dict[str, Any], message: str
) -> None:
    responses.get(DOI_URL, **answer)
    assert cite(DOI) == 1
    assert capsys.readouterr().err == f"whitepaper cite: {message}{NOTHING_ADDED}\n"
    assert refs(site) == OLD


@pytest.mark.parametrize(
    ("existing", "asked", "reason"),
    [
        ("doi = {https://doi.org/10.5555/JBMT.2018.001}", DOI,
         "heeft dezelfde DOI 10.5555/JBMT.2018.001"),
        (f"pmid = {{{PMID}}}", PMID, f"heeft dezelfde PMID {PMID}"),
    ],
    ids=["same DOI, other case, as a link", "same PMID"],
)  # fmt: skip
@responses.activate
def test_a_duplicate_is_refused_before_asking(
    site: Path, capsys: pytest.CaptureFixture[str], existing: str, asked: str, reason: str
) -> None:
    old = f"% comment\n@article{{known2000,\n  title = {{Known}},\n  {existing}\n}}\n"
    (site / "bib" / "refs.bib").write_text(old, encoding="utf-8")
    assert cite(asked) == 1
    assert capsys.readouterr().err == (
        f"whitepaper cite: deze bron staat er al: 'known2000' (bib/refs.bib:2) {reason};"
        " citeer met [@known2000]. Er is niets toegevoegd.\n"
    )
    assert refs(site) == old
    assert len(responses.calls) == 0


@responses.activate
def test_the_doi_a_pmid_gives_is_a_duplicate_too(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    old = "@article{wal2019x,\n  doi = {10.5555/jbmt.2019.017}\n}\n"
    (site / "bib" / "refs.bib").write_text(old, encoding="utf-8")
    responses.get(ESUMMARY, json=recorded("esummary.json"))
    assert cite(PMID) == 1
    assert "'wal2019x' (bib/refs.bib:1) heeft dezelfde DOI" in capsys.readouterr().err
    assert refs(site) == old


@responses.activate
def test_the_same_work_under_its_key_without_a_doi_is_refused(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    old = "@article{stecco2018,\n  title = {Fascial Disorders: Implications for Treatment}\n}\n"
    (site / "bib" / "refs.bib").write_text(old, encoding="utf-8")
    responses.get(DOI_URL, json=recorded("doi-csl.json"))
    assert cite(DOI) == 1
    assert capsys.readouterr().err.startswith(
        "whitepaper cite: deze bron staat er al: 'stecco2018' (bib/refs.bib:1) heeft dezelfde"
        " eerste auteur, hetzelfde jaar en dezelfde titel"
    )
    assert refs(site) == old


@responses.activate
def test_the_same_author_and_year_get_the_next_letter(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    old = "@article{stecco2018,\n  title = {Other}\n}\n\n@article{Stecco2018a,\n  title = {B}\n}\n"
    (site / "bib" / "refs.bib").write_text(old, encoding="utf-8")
    responses.get(DOI_URL, json=recorded("doi-csl.json"))
    assert cite(DOI) == 0
    assert "citeer met [@stecco2018b]" in capsys.readouterr().out
    assert refs(site).startswith(old + "\n@article{stecco2018b,")  # the old keys kept


# --- which file -------------------------------------------------------------------------------


def test_more_than_one_bib_file_asks_which(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (site / "bib" / "other.bib").write_text("", encoding="utf-8")
    assert cite(DOI) == 2
    assert capsys.readouterr().err == (
        "whitepaper cite: bib/ heeft meer .bib-bestanden (bib/other.bib, bib/refs.bib);"
        " kies er een met --bib\n"
    )


@pytest.mark.parametrize("asked", ["refs.bib", "bib/sub/refs.bib", "bib/refs.txt", "bib/a b.bib"])
def test_bib_must_name_a_bib_file_in_bib(
    site: Path, capsys: pytest.CaptureFixture[str], asked: str
) -> None:
    assert cite(DOI, "--bib", asked) == 2
    assert capsys.readouterr().err.startswith(f"whitepaper cite: --bib {asked}: geef een .bib")


@responses.activate
def test_a_new_bib_file_is_created_and_said(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    responses.get(DOI_URL, json=recorded("doi-csl.json"))
    assert cite(DOI, "--bib", "bib/fascia.bib") == 0
    assert capsys.readouterr().out.startswith("Nieuw bestand bib/fascia.bib aangemaakt.\n")
    assert (site / "bib" / "fascia.bib").read_text(encoding="utf-8") == STECCO
    assert refs(site) == OLD


@responses.activate
def test_a_file_with_windows_line_ends_keeps_them(site: Path) -> None:
    old = OLD.replace("\n", "\r\n").encode() + b"\r\n"
    (site / "bib" / "refs.bib").write_bytes(old)
    responses.get(DOI_URL, json=recorded("doi-csl.json"))
    assert cite(DOI) == 0
    assert (site / "bib" / "refs.bib").read_bytes() == old + b"\r\n" + STECCO.replace(
        "\n", "\r\n"
    ).encode("utf-8")


@responses.activate
def test_the_contact_of_mkdocs_yml_is_sent(site: Path) -> None:
    (site / "mkdocs.yml").write_text(
        "repo_url: https://github.com/o/r\nplugins:\n  - whitepaper:\n"
        "      contact: redactie@vereniging.nl\n",
        encoding="utf-8",
    )
    responses.get(DOI_URL, json=recorded("doi-csl.json"))
    assert cite(DOI) == 0
    agent = responses.calls[0].request.headers["User-Agent"]
    assert agent.endswith(" (+https://github.com/o/r; mailto:redactie@vereniging.nl)")


def test_a_contact_that_is_no_address_is_refused(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (site / "mkdocs.yml").write_text(
        "plugins:\n  - whitepaper:\n      contact: 'a@b.nl\\r\\nX-Injected: 1'\n", encoding="utf-8"
    )
    assert cite(DOI) == 2
    assert "contact van de whitepaper-plugin moet een e-mailadres zijn" in capsys.readouterr().err


# --- the key rule and the text, as the check and pandoc read them -------------------------------


def person(family: str, given: str = "", particle: str = "") -> Name:
    return Name(family, given, particle)


@pytest.mark.parametrize(
    ("authors", "title", "year", "key"),
    [
        ((person("Wal", "Jaap", "van der"),), "T", "2013", "wal2013"),
        ((person("van der Wal", "Jaap"),), "T", "2013", "wal2013"),
        ((Name(pubmed="van der Berg JH"),), "T", "2013", "berg2013"),
        ((person("Castro-Sánchez", "Adelaida María"),), "T", "2010", "castrosanchez2010"),
        ((person("Ørsted Søndergaard", "K"),), "T", "2010", "orstedsondergaard2010"),
        ((person("Kabat-Zinn", "Jon"),), "T", "", "kabatzinnzd"),
        ((Name(group="World Health Organization"),), "T", "1948", "world1948"),
        ((), "The Effect of Massage", "2017", "effect2017"),
        ((), "", "", "bronzd"),
    ],
)
def test_the_key_rule_of_bib_readme(
    authors: tuple[Name, ...], title: str, year: str, key: str
) -> None:
    work = Work("doi.org", "article-journal", authors, title=title, year=year)
    assert new_entry(work, ["other2013"]).key == key


def test_the_key_from_something_else_than_a_surname_says_so() -> None:
    work = Work("doi.org", "report", (Name(group="World Health Organization"),), year="1948")
    assert new_entry(work, []).key_from == "de organisatie (World Health Organization)"


@pytest.mark.parametrize(
    ("taken", "key"),
    [
        ([], "stecco2018"),
        (["stecco2018"], "stecco2018a"),
        (["STECCO2018", "stecco2018a"], "stecco2018b"),
        (["stecco2018b"], "stecco2018c"),  # after the last letter in use, never before it
        (["stecco2018x1"], "stecco2018"),
    ],
)
def test_the_next_free_key(taken: list[str], key: str) -> None:
    assert next_key("stecco2018", taken) == key


SPECIAL = [
    "Pain {relief} in 50% of cases & more",
    "Costs of $5 and $10: a\\b",
    "An { unpaired brace",
    "Closing } first {",
    "A ~tilde, ^caret, #1 and under_score",
    "Dashes -- and --- stay hyphens",
    "Über straße \u2013 “quoted”",
    "<i>Arnica</i> in water<sub>2</sub>, x<sup>2</sup>, <b>bold</b> p < 0.05 & more",
]


def test_special_characters_round_trip_through_the_check_and_pandoc(tmp_path: Path) -> None:
    """What the service gave is what pandoc shows, and the check finds nothing to say."""
    bib = tmp_path / "bib"
    bib.mkdir()
    works = [
        Work("doi.org", "article-journal", (person("Ab", "C"),), t, t, year="2020") for t in SPECIAL
    ]
    text = "\n".join(entry_text(f"k{i}", new_entry(work, []).entry) for i, work in enumerate(works))
    (bib / "refs.bib").write_text(text, encoding="utf-8")
    bibliography = load_bibliography(bib, root=tmp_path)
    assert bibliography.diagnostics == ()
    entries = bibliography.all_entries
    assert [d for e in entries for d in entry_findings(e, "bib/refs.bib")] == []
    (tmp_path / "pandoc.bib").write_text("\n".join(bibtex(e) for e in entries), encoding="utf-8")
    command = [pypandoc.get_pandoc_path(), "-f", "biblatex", "-t", "csljson", "pandoc.bib"]
    done = subprocess.run(command, cwd=tmp_path, capture_output=True, text=True, check=True)
    shown = {item["id"]: item for item in json.loads(done.stdout)}
    assert [shown[f"k{i}"]["title"] for i in range(len(SPECIAL))] == SPECIAL
    assert [shown[f"k{i}"]["container-title"] for i in range(len(SPECIAL))] == SPECIAL


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("<i>Arnica</i> & {x}", "\\textit{Arnica} \\& \\{x\\}"),
        ('<span class="nocase">pH</span> <scp>covid</scp>', "{pH} \\textsc{covid}"),
        ("p < 0.05 <jats:p>x</jats:p>", "p < 0.05 <jats:p>x</jats:p>"),  # no CSL markup: text
        ("a <i>b</i> <jats:p>x</jats:p> <i>open", "a \\textit{b} x \\textit{open}"),
        ("a {b} c", "a \\{b\\} c"),
        ("a { c", "a \\textbraceleft{} c"),
        ("50% & $", "50\\% \\& \\$"),
        ("a\\b", "a\\textbackslash{}b"),
        ("x--y", "x-{}-y"),
    ],
)
def test_text_is_escaped_for_bibtex(text: str, written: str) -> None:
    assert rich(text) == written


@responses.activate
def test_a_cited_new_entry_passes_the_whole_check(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The contributor's path: cite a DOI, cite its key on a page, and the check is clean."""
    (site / "bib" / "refs.bib").write_text("", encoding="utf-8")
    responses.get(DOI_URL, json=recorded("doi-csl.json"))
    responses.get(ESUMMARY, json=recorded("esummary.json"))
    assert cite(DOI) == 0
    assert cite(PMID) == 0
    (site / "docs" / "fascia").mkdir(parents=True)
    (site / "docs" / "fascia" / "index.md").write_text(
        '---\ntitle: Fascia\nversion: "1.0"\nassociation: Proefvereniging\ndate: 2025-06\n'
        "contact: info@proefvereniging.nl\n---\n\n# Fascia\n\nFascia [@stecco2018; @wal2019].\n",
        encoding="utf-8",
    )
    capsys.readouterr()
    assert check(site / "docs", site / "bib", root=site) == []


def test_a_bib_file_with_errors_is_not_appended_to(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = "@article{open2000,\n  title = {Unclosed\n"
    (site / "bib" / "refs.bib").write_text(broken, encoding="utf-8")
    assert cite(DOI) == 2
    error = capsys.readouterr().err
    assert error.startswith("whitepaper cite: bib/refs.bib:")
    assert error.endswith("; los die eerst op (whitepaper check toont ze)\n")
    assert refs(site) == broken


def test_without_bib_there_is_nothing_to_add_to(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    assert cite(DOI) == 2
    assert capsys.readouterr().err == (
        "whitepaper cite: de map bib/ bestaat niet; start in de map van de site\n"
    )


@responses.activate
def test_an_entry_the_check_would_refuse_is_never_written(
    site: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The guard before the write: a bug in the writing is an internal error, not a bad file."""
    monkeypatch.setattr(
        "whitepaper.commands.cite.entry_text", lambda key, entry: "@misc{x y,\n title = {a}\n}\n"
    )
    responses.get(DOI_URL, json=recorded("doi-csl.json"))
    assert cite(DOI) == 3
    assert "interne fout (RuntimeError: the new entry fails the check" in capsys.readouterr().err
    assert refs(site) == OLD
