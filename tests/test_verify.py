"""`whitepaper verify`: each entry with a DOI, PMID or web address checked against its registry
from recorded answers in each service's documented format (tests/data/net/), never the network;
the status file that lets a rerun ask only about what is new, changed or old."""

from __future__ import annotations

import datetime
import json
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import requests
import responses
from responses import matchers

from tests.test_net import FakeClock
from whitepaper.cli import main
from whitepaper.commands import verify as verify_command
from whitepaper.health.claims import claims
from whitepaper.health.status import Status, read_status, status_bytes
from whitepaper.net.client import Client, Throttle
from whitepaper.net.crossref import WORKS
from whitepaper.net.pubmed import ESUMMARY
from whitepaper.sources.bibliography import load_bibliography

DATA = Path(__file__).parent / "data" / "net"
ROOT = Path(__file__).resolve().parent.parent
DOI = "10.5555/jbmt.2018.001"
CROSSREF = WORKS + DOI
DOI_ORG = f"https://doi.org/{DOI}"
PMID = "90000001"
URL = "https://www.vereniging.nl/richtlijn"
STECCO = """\
@article{stecco2018,
  author = {Stecco, A. and Stecco, C. and van der Wal, J.},
  title = {Fascial disorders: implications for treatment},
  journal = {J Bodyw Mov Ther},
  year = {2018},
  doi = {10.5555/jbmt.2018.001}
}
"""
WAL = """\
@article{wal2019,
  author = {van der Wal, J. C. and Castro-S{\\'a}nchez, A. M.},
  title = {Massage for Low-Back Pain: A Randomised Trial},
  journal = {Journal of Bodywork and Movement Therapies},
  year = {2019},
  pmid = {90000001},
  doi = {10.5555/jbmt.2019.017}
}
"""
RICHTLIJN = """\
@misc{vereniging2020,
  author = {{Nederlandse Vereniging}},
  title = {Richtlijn massage},
  year = {2020},
  url = {https://www.vereniging.nl/richtlijn}
}
"""
UNCHECKABLE = (
    "@book{smith2000,\n  author = {Smith, J.},\n  title = {Massage},\n  year = {2000}\n}\n"
)


def recorded(name: str) -> Any:
    return json.loads((DATA / name).read_text(encoding="utf-8"))


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> FakeClock:
    """The command's client, throttled on a clock that only moves when slept on."""
    fake = FakeClock()

    def client(contact: str = "", homepage: str = "") -> Client:
        return Client(contact, homepage, throttle=Throttle(clock=fake, sleep=fake.sleep))

    monkeypatch.setattr(verify_command, "Client", client)
    return fake


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, clock: FakeClock) -> Path:
    (tmp_path / "bib").mkdir()
    monkeypatch.chdir(tmp_path)
    return tmp_path


def write_bib(site: Path, *entries: str) -> None:
    (site / "bib" / "refs.bib").write_text("\n".join(entries), encoding="utf-8")


def verify(*args: str) -> int:
    return main(["verify", *args])


def status_of(site: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((site / "bib" / "bronstatus.json").read_text("utf-8"))
    return data


def line_of(site: Path, text: str) -> int:
    lines = (site / "bib" / "refs.bib").read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(lines, 1) if text in line)


# --- the registries' answers as findings --------------------------------------------------------


@responses.activate
def test_a_matching_doi_is_ok_tolerating_subtitle_particles_and_abbreviation(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Crossref's subtitle field, its year of online publication, the journal's abbreviation
    and 'van der Wal' against 'Wal': the same work."""
    responses.get(CROSSREF, json=recorded("crossref-work.json"))
    write_bib(site, STECCO)
    assert verify() == 0
    out = capsys.readouterr().out
    assert out == (
        "geen problemen gevonden\n"
        "1 van 1 bron te controleren (met een DOI, PMID of webadres): 1 nu nagevraagd\n"
    )
    entry = status_of(site)["entries"]["stecco2018"]
    assert entry["result"] == "ok"
    assert entry["asked"] == ["doi"]
    assert entry["findings"] == []
    assert entry["checked"] == datetime.datetime.now(datetime.UTC).date().isoformat()
    agent = responses.calls[0].request.headers["User-Agent"]
    assert agent.startswith("whitepaper/")


@responses.activate
def test_a_title_mismatch_names_the_field_at_the_doi(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    responses.get(CROSSREF, json=recorded("crossref-work.json"))
    write_bib(site, STECCO.replace("Fascial disorders: implications", "Fascial release: effects"))
    assert verify() == 1
    out = capsys.readouterr().out
    line = line_of(site, "doi =")
    assert out.startswith(
        f"bib/refs.bib:{line}:3: error[doi-mismatch] de DOI 10.5555/jbmt.2018.001 hoort volgens"
        " Crossref bij een ander werk: titel 'Fascial disorders'\n"
        f"  {line} |   doi = {{10.5555/jbmt.2018.001}}\n"
    )
    assert status_of(site)["entries"]["stecco2018"]["findings"][0]["code"] == "doi-mismatch"


@pytest.mark.parametrize(
    ("change", "said"),
    [
        (("Stecco, A. and", "Fascia, A. and"), "eerste auteur Stecco"),
        (("{2018}", "{2015}"), "jaar 2017 of 2018"),
        (("J Bodyw Mov Ther", "Manual Therapy"),
         "tijdschrift of boek 'Journal of Bodywork and Movement Therapies'"),
    ],
    ids=["author", "year", "journal"],
)  # fmt: skip
@responses.activate
def test_each_differing_field_is_named(
    site: Path, capsys: pytest.CaptureFixture[str], change: tuple[str, str], said: str
) -> None:
    responses.get(CROSSREF, json=recorded("crossref-work.json"))
    write_bib(site, STECCO.replace(*change))
    assert verify("--format", "json") == 1
    [found] = json.loads(capsys.readouterr().out)
    assert found["code"] == "doi-mismatch"
    assert found["message"].endswith(f"bij een ander werk: {said}")


@pytest.mark.parametrize(
    ("answer", "code", "message"),
    [
        ("crossref-retracted.json", "retracted",
         "het werk van DOI 10.5555/jbmt.2018.001 is ingetrokken op 2021-05-03"
         " (door 10.5555/jbmt.2021.900) volgens Retraction Watch"),
        ("crossref-corrected.json", "corrected",
         "het werk van DOI 10.5555/jbmt.2018.001 is gecorrigeerd op 2019-02"
         " (door 10.5555/jbmt.2019.050)"),
    ],
    ids=["retracted", "corrected"],
)  # fmt: skip
@responses.activate
def test_a_registered_update_is_a_finding(
    site: Path, capsys: pytest.CaptureFixture[str], answer: str, code: str, message: str
) -> None:
    """updated-by: a retraction Retraction Watch and the publisher both list is one finding,
    a correction another; a new version none."""
    responses.get(CROSSREF, json=recorded(answer))
    write_bib(site, STECCO)
    assert verify("--format", "json") == (1 if code == "retracted" else 0)
    found = json.loads(capsys.readouterr().out)
    assert [(f["code"], f["message"]) for f in found] == [(code, message)]
    [stored] = status_of(site)["entries"]["stecco2018"]["findings"]
    assert stored["kind"] == ("retraction" if code == "retracted" else "correction")  # its mark


@responses.activate
def test_the_doi_of_a_retraction_notice_is_said(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """update-to: the entry names the notice, not the work."""
    notice = "10.5555/jbmt.2021.900"
    responses.get(WORKS + notice, json=recorded("crossref-notice.json"))
    write_bib(site, STECCO.replace(DOI, notice))
    assert verify("--format", "json") == 1
    codes = [(f["code"], f["message"]) for f in json.loads(capsys.readouterr().out)]
    assert (
        "retracted",
        f"DOI {notice} is een bericht: {DOI} is ingetrokken op 2021-05-03",
    ) in codes


@responses.activate
def test_an_unknown_doi_is_asked_of_doi_org_too(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    responses.get(CROSSREF, status=404, body="Resource not found.", content_type="text/plain")
    responses.get(DOI_ORG, status=404)
    write_bib(site, STECCO)
    assert verify() == 1
    out = capsys.readouterr().out
    assert (
        "error[unknown-doi] de DOI 10.5555/jbmt.2018.001 is onbekend bij Crossref en doi.org" in out
    )
    assert [call.request.url for call in responses.calls] == [CROSSREF, DOI_ORG]


@responses.activate
def test_a_doi_crossref_does_not_register_is_compared_with_doi_org_s_record(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A DataCite DOI: Crossref says 404, doi.org's CSL-JSON names the work."""
    responses.get(CROSSREF, status=404, body="Resource not found.")
    responses.get(DOI_ORG, json=recorded("doi-csl.json"))
    write_bib(site, STECCO)
    assert verify() == 0
    assert "geen problemen gevonden" in capsys.readouterr().out


@responses.activate
def test_a_pmid_of_another_work_is_a_mismatch(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    responses.get(ESUMMARY, json=recorded("esummary.json"))
    responses.get(WORKS + "10.5555/jbmt.2019.018", status=404)
    responses.get("https://doi.org/10.5555/jbmt.2019.018", status=404)
    other = WAL.replace("Massage for Low-Back Pain: A Randomised Trial", "Massage for neck pain")
    write_bib(site, other.replace("doi = {10.5555/jbmt.2019.017}", "doi = {10.5555/jbmt.2019.018}"))
    assert verify("--format", "json") == 1
    [found] = [f for f in json.loads(capsys.readouterr().out) if f["code"] != "unknown-doi"]
    assert found["code"] == "pmid-mismatch"
    assert found["message"] == (
        "de PMID 90000001 hoort volgens PubMed bij een ander werk: titel 'Massage for low-back"
        " pain: a randomised trial' en DOI 10.5555/jbmt.2019.017"
    )
    assert found["line"] == line_of(site, "pmid =")


@responses.activate
def test_a_matching_pmid_and_its_doi_are_ok(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """PubMed's 'van der Wal JC' and 'Castro-Sánchez AM' against BibTeX's names; the DOI is
    asked of Crossref, which does not know it here: doi.org does not either."""
    responses.get(ESUMMARY, json=recorded("esummary.json"))
    responses.get(WORKS + "10.5555/jbmt.2019.017", status=404)
    responses.get("https://doi.org/10.5555/jbmt.2019.017", status=404)
    write_bib(site, WAL)
    assert verify("--format", "json") == 1
    assert [f["code"] for f in json.loads(capsys.readouterr().out)] == ["unknown-doi"]


@responses.activate
def test_an_unknown_pmid_is_a_mismatch(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    responses.get(ESUMMARY, json=recorded("esummary-unknown.json"))
    entry = WAL.replace("  doi = {10.5555/jbmt.2019.017}\n", "").replace("},\n}", "}\n}")
    write_bib(site, entry.replace(PMID, "99999999"))
    assert verify("--format", "json") == 1
    [found] = json.loads(capsys.readouterr().out)
    assert (found["code"], found["message"]) == ("pmid-mismatch", "PubMed kent PMID 99999999 niet")


# --- web addresses ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("register", "message"),
    [
        (lambda: responses.get(URL, status=404),
         "https://www.vereniging.nl/richtlijn antwoordt met fout 404"),
        (lambda: (responses.get(URL, status=301, headers={"Location": "/nieuw"}),
                  responses.get(URL.replace("richtlijn", "nieuw"), status=410)),
         "https://www.vereniging.nl/nieuw antwoordt met fout 410 (na 1 doorverwijzingen)"),
        (lambda: (responses.get(URL, status=302, headers={"Location": URL + "/"}),
                  responses.get(URL + "/", status=301, headers={"Location": URL})),
         "het adres verwijst in een kring door, terug naar https://www.vereniging.nl/richtlijn"),
    ],
    ids=["404", "gone after a redirect", "redirect loop"],
)  # fmt: skip
@responses.activate
def test_a_dead_link_is_a_warning(
    site: Path, capsys: pytest.CaptureFixture[str], register: Callable[[], object], message: str
) -> None:
    register()
    write_bib(site, RICHTLIJN)
    assert verify("--format", "json") == 0  # a warning
    [found] = json.loads(capsys.readouterr().out)
    assert (found["code"], found["severity"], found["message"]) == ("dead-link", "warning", message)
    assert found["line"] == line_of(site, "url =")


@responses.activate
def test_a_link_is_asked_without_reading_its_body_and_redirects_are_followed(
    site: Path, capsys: pytest.CaptureFixture[str], clock: FakeClock
) -> None:
    responses.get(URL, status=301, headers={"Location": "https://vereniging.nl/r"})
    responses.get("https://vereniging.nl/r", status=200, body="<html>…</html>")
    write_bib(site, RICHTLIJN)
    assert verify() == 0
    assert [call.request.url for call in responses.calls] == [URL, "https://vereniging.nl/r"]
    assert "geen problemen gevonden" in capsys.readouterr().out


def test_too_many_redirects_are_said(clock: FakeClock) -> None:
    client = verify_command.Client()
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mocked:
        for hop in range(12):
            mocked.get(f"{URL}/{hop}", status=302, headers={"Location": f"{URL}/{hop + 1}"})
        probe = client.probe(f"{URL}/0", max_redirects=3)
    assert (probe.problem, probe.redirects) == ("too-many-redirects", 4)


# --- failures: a timeout, offline, a corrupt status file ---------------------------------------


@responses.activate
def test_a_timeout_leaves_the_entry_unchecked_and_the_others_checked(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    responses.get(CROSSREF, body=requests.exceptions.ReadTimeout())
    responses.get(URL, status=200)
    write_bib(site, STECCO, RICHTLIJN)
    assert verify() == 0
    captured = capsys.readouterr()
    assert captured.err == (
        "whitepaper verify: 'stecco2018' is niet gecontroleerd: Crossref antwoordt niet (langer"
        " dan 20 seconden); probeer het later opnieuw\n"
    )
    assert captured.out.endswith(": 1 nu nagevraagd, 1 niet gecontroleerd\n")
    assert sorted(status_of(site)["entries"]) == ["vereniging2020"]


@responses.activate
def test_offline_says_so_writes_nothing_and_exits_4(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """responses refuses every address no test registered, as no network would."""
    write_bib(site, STECCO, RICHTLIJN, WAL)
    assert verify() == 4
    assert capsys.readouterr().err == (
        "whitepaper verify: geen verbinding met Crossref: bent u offline? Er is niets"
        " gecontroleerd of geschreven.\n"
    )
    assert not (site / "bib" / "bronstatus.json").exists()


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("{", "geen geldige JSON"),
        ('{"format": "iets anders", "version": 1, "entries": {}}', "geen whitepaper-bronstatus"),
        ('{"format": "whitepaper-bronstatus", "version": 1, "entries": {"a": {"checked":'
         ' "gisteren", "fingerprint": "x", "asked": [], "result": "ok"}}}', "Invalid"),
        ('{"format": "whitepaper-bronstatus", "version": 1, "entries": {"a": {"checked":'
         ' "2026-01-01", "fingerprint": "x", "asked": ["doi"], "result": "problemen",'
         ' "findings": [{"code": "made-up", "field": "doi", "message": "m"}]}}}', "Invalid enum"),
    ],
    ids=["not JSON", "another format", "a date that is none", "an unknown code"],
)  # fmt: skip
def test_a_corrupt_status_file_is_said_plainly(
    site: Path, capsys: pytest.CaptureFixture[str], text: str, why: str
) -> None:
    write_bib(site, STECCO)
    (site / "bib" / "bronstatus.json").write_text(text, encoding="utf-8")
    assert verify() == 2
    err = capsys.readouterr().err
    assert err.startswith("whitepaper verify: bib/bronstatus.json is geen geldig statusbestand (")
    assert why in err
    assert "Traceback" not in err
    assert (site / "bib" / "bronstatus.json").read_text(encoding="utf-8") == text


def test_an_unknown_key_is_a_usage_problem(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_bib(site, STECCO)
    assert verify("steco2018") == 2
    assert capsys.readouterr().err == (
        "whitepaper verify: geen bron met de sleutel 'steco2018' in de bibliografie;"
        " bedoelde u 'stecco2018'?\n"
    )


# --- the status file: a rerun asks only about what is new, changed or old ---------------------


def _all_answers() -> None:
    responses.get(CROSSREF, json=recorded("crossref-work.json"))
    responses.get(ESUMMARY, json=recorded("esummary.json"))
    responses.get(WORKS + "10.5555/jbmt.2019.017", status=404)
    responses.get("https://doi.org/10.5555/jbmt.2019.017", json=_wal_csl())
    responses.get(URL, status=200)


def _wal_csl() -> dict[str, Any]:
    return {
        "type": "article-journal",
        "title": "Massage for low-back pain: a randomised trial",
        "author": [{"family": "Wal", "non-dropping-particle": "van der", "given": "J. C."}],
        "issued": {"date-parts": [[2019, 3]]},
        "container-title": "Journal of Bodywork and Movement Therapies",
        "DOI": "10.5555/jbmt.2019.017",
    }


@responses.activate
def test_a_rerun_within_the_age_asks_nothing_and_writes_the_same_bytes(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _all_answers()
    write_bib(site, STECCO, WAL, RICHTLIJN, UNCHECKABLE)
    assert verify() == 0
    asked = len(responses.calls)
    assert asked == 5  # Crossref, PubMed, Crossref and doi.org for Wal's DOI, the address
    written = (site / "bib" / "bronstatus.json").read_bytes()
    capsys.readouterr()
    assert verify() == 0
    assert len(responses.calls) == asked  # nothing asked
    assert (site / "bib" / "bronstatus.json").read_bytes() == written
    assert capsys.readouterr().out.endswith(
        "3 van 4 bronnen te controleren (met een DOI, PMID of webadres): 0 nu nagevraagd,"
        " 3 uit bib/bronstatus.json (jonger dan 30 dagen)\n"
    )


@responses.activate
def test_the_findings_of_the_status_file_are_shown_again_without_asking(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    responses.get(CROSSREF, json=recorded("crossref-retracted.json"))
    write_bib(site, STECCO)
    assert verify() == 1
    first = capsys.readouterr().out.splitlines()[:4]
    assert verify() == 1
    assert capsys.readouterr().out.splitlines()[:4] == first
    assert len(responses.calls) == 1


@responses.activate
def test_a_changed_entry_is_asked_again_and_the_others_not(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _all_answers()
    write_bib(site, STECCO, RICHTLIJN)
    assert verify() == 0
    before = len(responses.calls)
    write_bib(site, STECCO.replace("{2018}", "{2017}"), RICHTLIJN)
    assert verify() == 0
    assert [call.request.url for call in responses.calls[before:]] == [CROSSREF]


@responses.activate
def test_an_old_result_is_asked_again(site: Path) -> None:
    _all_answers()
    write_bib(site, RICHTLIJN)
    assert verify() == 0
    path = site / "bib" / "bronstatus.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["entries"]["vereniging2020"]["checked"] = "2000-01-01"
    path.write_text(json.dumps(data), encoding="utf-8")
    assert verify("--max-age", "10000") == 0
    assert len(responses.calls) == 1  # 2000 is younger than 10000 days
    assert verify() == 0
    assert len(responses.calls) == 2


@responses.activate
def test_naming_keys_asks_only_about_them_and_keeps_the_others(site: Path) -> None:
    _all_answers()
    write_bib(site, STECCO, RICHTLIJN)
    assert verify("vereniging2020") == 0
    assert [call.request.url for call in responses.calls] == [URL]
    assert sorted(status_of(site)["entries"]) == ["vereniging2020"]
    assert verify("stecco2018", "--max-age", "0") == 0
    assert sorted(status_of(site)["entries"]) == ["stecco2018", "vereniging2020"]


@responses.activate
def test_the_status_file_is_stable_json_with_a_header(site: Path) -> None:
    _all_answers()
    write_bib(site, STECCO, RICHTLIJN)
    assert verify("--status", "elders.json") == 0
    text = (site / "elders.json").read_text(encoding="utf-8")
    assert text.startswith('{\n  "format": "whitepaper-bronstatus",\n  "version": 1,\n')
    assert text.endswith("}\n")
    data = json.loads(text)
    assert list(data["entries"]) == ["stecco2018", "vereniging2020"]
    assert status_bytes(read_status(site / "elders.json")).decode() == text
    assert not (site / "bib" / "bronstatus.json").exists()


def test_the_fingerprint_changes_with_every_field_compared(tmp_path: Path) -> None:
    (tmp_path / "a.bib").write_text(STECCO, encoding="utf-8")
    base = claims(load_bibliography(tmp_path).entries["stecco2018"]).fingerprint
    for old, new in [("{2018}", "{2019}"), ("Stecco, A. and", "Steco, A. and"),
                     ("J Bodyw", "J Bodywork"), ("jbmt.2018.001", "jbmt.2018.002"),
                     ("Fascial", "Fascia")]:  # fmt: skip
        (tmp_path / "a.bib").write_text(STECCO.replace(old, new), encoding="utf-8")
        changed = claims(load_bibliography(tmp_path).entries["stecco2018"]).fingerprint
        assert changed != base, old


# --- the project's own bibliography ---------------------------------------------------------------


def _summary_of(pmid: str) -> dict[str, Any]:
    """esummary.json's answer, as the record of `pmid`."""
    answer = recorded("esummary.json")
    record = answer["result"].pop(PMID)
    answer["result"] = {"uids": [pmid], pmid: {**record, "uid": pmid}}
    return answer


def _asks_for(pmid: str) -> Any:
    return matchers.query_param_matcher({"id": pmid}, strict_match=False)


def test_the_project_s_entries_that_verify_can_check(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, clock: FakeClock
) -> None:
    """A full run of the project's bibliography against recorded answers (every DOI as the
    matching work, every address answering 200): how many it can check, how long the run
    takes here, how long politeness would make it wait, and that a rerun asks nothing."""
    bibliography = load_bibliography(ROOT / "bib", root=ROOT)
    said = [claims(entry) for entry in bibliography.entries.values()]
    checkable = [c for c in said if c.asked]
    monkeypatch.chdir(ROOT)
    status = tmp_path / "bronstatus.json"
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mocked:
        for c in checkable:
            if c.doi:
                mocked.get(WORKS + c.doi, json=recorded("crossref-work.json"))
            if c.pmid:
                mocked.get(ESUMMARY, json=_summary_of(c.pmid), match=[_asks_for(c.pmid)])
            if c.url:
                mocked.get(c.url, status=200)
        started = time.perf_counter()
        first = main(["verify", "--status", str(status), "--format", "json"])
        seconds = time.perf_counter() - started
        asked = len(mocked.calls)
        main(["verify", "--status", str(status), "--format", "json"])
        assert len(mocked.calls) == asked
    print(  # the measurement for the report: pytest -s shows it
        f"\n{len(checkable)} of {len(said)} entries checkable"
        f" ({sum(bool(c.doi) for c in checkable)} DOI, {sum(bool(c.pmid) for c in checkable)}"
        f" PMID, {sum(bool(c.url) for c in checkable)} URL); full run {seconds:.2f} s,"
        f" {asked} requests, {sum(clock.slept):.0f} s of throttle waits; rerun: 0 requests"
    )
    assert first in (0, 1)  # the recorded work is not every entry's: mismatches are expected
    assert len(read_status(status).entries) == len(checkable)
    assert isinstance(read_status(status), Status)


# --- what an entry gives to check, and the formats ----------------------------------------------


@pytest.mark.parametrize(
    ("fields", "asked"),
    [
        ("doi = {https://doi.org/10.5555/X.1}", {"doi": "10.5555/X.1"}),
        ("doi = {doi:10.5555/x.1}, url = {https://doi.org/10.5555/x.1}", {"doi": "10.5555/x.1"}),
        ("pmid = {PMID: 0090000001}", {"pmid": "90000001"}),
        ("url = {https://www.vereniging.nl/a?b=c}", {"url": "https://www.vereniging.nl/a?b=c"}),
        ("url = {http://localhost:8000/x}", {}),
        ("url = {javascript:alert(1)}, doi = {11.1/x}", {}),
        ("note = {onvolledig: alleen auteur en jaar}", {}),
    ],
    ids=["DOI as a link", "URL of its own DOI", "PMID with prefix and zeros", "address",
         "an address of this machine", "neither a web address nor a DOI", "nothing"],
)  # fmt: skip
def test_what_an_entry_gives_to_check(tmp_path: Path, fields: str, asked: dict[str, str]) -> None:
    (tmp_path / "a.bib").write_text(
        f"@misc{{a2020,\n  title = {{T}},\n  year = {{2020}},\n  {fields}\n}}\n", encoding="utf-8"
    )
    said = claims(load_bibliography(tmp_path).entries["a2020"])
    assert {name: getattr(said, name) for name in said.asked} == asked


@responses.activate
def test_the_github_format_annotates_and_adds_the_count_as_a_notice(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    responses.get(URL, status=404)
    write_bib(site, RICHTLIJN)
    assert verify("--format", "github") == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith(f"::warning file=bib/refs.bib,line={line_of(site, 'url =')},col=3,")
    assert "title=whitepaper verify [dead-link]::" in lines[0]
    assert lines[1].startswith("::notice title=whitepaper verify::")
    assert lines[1].endswith(
        "::1 van 1 bron te controleren (met een DOI, PMID of webadres): 1 nu nagevraagd"
    )
