"""The polite client (whitepaper.net): its User-Agent, throttle, retries and errors, and the
services' documented answers as works. Every answer is recorded (tests/data/net/): the
tests never touch the network."""

from __future__ import annotations

import json
import socket
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
import requests
import responses
import urllib3
from responses import matchers

from whitepaper.net import client as client_module
from whitepaper.net.client import Client, NetworkProblem, Throttle, retry_policy, user_agent
from whitepaper.net.doi import CSL_JSON, fetch_doi, work_from_csl
from whitepaper.net.pubmed import ESUMMARY, fetch_pmid
from whitepaper.net.work import Name, Work

DATA = Path(__file__).parent / "data" / "net"
DOI = "10.5555/jbmt.2018.001"
DOI_URL = f"https://doi.org/{DOI}"
PMID = "90000001"
OFFLINE = "geen verbinding met doi.org: bent u offline?"


def recorded(name: str) -> Any:
    return json.loads((DATA / name).read_text(encoding="utf-8"))


class FakeClock:
    """A clock that only moves when slept on: throttled tests never wait."""

    def __init__(self) -> None:
        self.now = 100.0
        self.slept: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def client(clock: FakeClock) -> Client:
    return Client(
        "redactie@vereniging.nl",
        "https://github.com/whitepaper-nl/whitepapers",
        throttle=Throttle(clock=clock, sleep=clock.sleep),
    )


@pytest.mark.parametrize("host", ["192.0.2.1", "2001:db8::1", "doi.org"])
def test_no_socket_can_reach_another_host(host: str) -> None:
    """conftest's guard holds for every test: an address or a name elsewhere is refused."""
    with pytest.raises(OSError, match="never touch the network"):
        socket.create_connection((host, 443), timeout=1)


def test_this_machines_own_servers_stay_reachable() -> None:
    with socket.create_server(("127.0.0.1", 0)) as server:
        socket.create_connection(server.getsockname(), timeout=1).close()


@responses.activate
def test_an_unrecorded_address_is_refused_not_fetched(client: Client) -> None:
    """responses refuses what no test registered: the client says offline, no request leaves."""
    with pytest.raises(NetworkProblem, match=r"geen verbinding met doi\.org"):
        client.get_json(DOI_URL, not_found="")


def test_the_user_agent_names_the_tool_its_home_and_a_contact() -> None:
    agent = user_agent("redactie@vereniging.nl", "https://github.com/o/r")
    assert agent.startswith("whitepaper/")
    assert agent.endswith(" (+https://github.com/o/r; mailto:redactie@vereniging.nl)")
    assert user_agent("", "https://github.com/o/r").endswith(" (+https://github.com/o/r)")
    assert "(" not in user_agent("", "")


def test_the_throttle_waits_out_the_second_per_service(clock: FakeClock) -> None:
    throttle = Throttle(clock=clock, sleep=clock.sleep)
    throttle.wait("doi.org")
    clock.now += 0.25
    throttle.wait("doi.org")
    throttle.wait("eutils.ncbi.nlm.nih.gov")  # another service: no wait
    clock.now += 3
    throttle.wait("doi.org")  # long after: no wait
    assert clock.slept == [0.75]


@responses.activate
def test_two_requests_to_one_service_are_a_second_apart(client: Client, clock: FakeClock) -> None:
    responses.get(DOI_URL, json=recorded("doi-csl.json"))
    fetch_doi(client, DOI)
    fetch_doi(client, DOI)
    assert clock.slept == [1.0]


@responses.activate
def test_a_doi_is_asked_of_doi_org_as_csl_json_politely(client: Client) -> None:
    responses.get(
        DOI_URL,
        json=recorded("doi-csl.json"),
        match=[matchers.header_matcher({"Accept": CSL_JSON})],
    )
    work = fetch_doi(client, DOI)
    agent = responses.calls[0].request.headers["User-Agent"]
    assert "mailto:redactie@vereniging.nl" in agent
    assert work == Work(
        service="doi.org",
        kind="article-journal",
        authors=(
            Name("Stecco", "Antonio"),
            Name("Stecco", "Carla"),
            Name("Wal", "Jaap", "van der"),
        ),
        title="Fascial disorders: implications for treatment",
        container="Journal of Bodywork and Movement Therapies",
        publisher="Elsevier BV",
        year="2018",
        volume="22",
        number="1",
        pages="113-118",
        doi=DOI,  # the answer's upper case differs only in case: the DOI asked for is kept
        url="https://doi.org/10.5555/jbmt.2018.001",
    )


@responses.activate
def test_a_pmid_is_asked_of_esummary_with_tool_and_email(client: Client) -> None:
    params = {"db": "pubmed", "id": PMID, "retmode": "json", "tool": "whitepaper"}
    params["email"] = "redactie@vereniging.nl"
    responses.get(
        ESUMMARY, json=recorded("esummary.json"), match=[matchers.query_param_matcher(params)]
    )
    work = fetch_pmid(client, PMID)
    assert work.authors == (
        Name(pubmed="van der Wal JC"),
        Name(pubmed="Castro-Sánchez AM"),
        Name(group="Massage Research Group"),
    )
    assert (work.title, work.container, work.year) == (
        "Massage for low-back pain: a randomised trial",  # PubMed's own full stop dropped
        "Journal of bodywork and movement therapies",
        "2019",
    )
    assert (work.volume, work.number, work.pages) == ("23", "1", "475-80")
    assert (work.doi, work.pmid) == ("10.5555/jbmt.2019.017", PMID)  # the DOI it gives is kept


@responses.activate
def test_an_unknown_doi_is_said_so(client: Client) -> None:
    responses.get(DOI_URL, status=404, body="DOI Not Found")
    with pytest.raises(NetworkProblem) as caught:
        fetch_doi(client, DOI)
    assert str(caught.value) == (
        f"de DOI {DOI} is onbekend bij doi.org; controleer hem in het artikel"
    )


@responses.activate
def test_an_unknown_pmid_is_said_so(client: Client) -> None:
    responses.get(ESUMMARY, json=recorded("esummary-unknown.json"))
    with pytest.raises(NetworkProblem, match=r"^de PMID 99999999 is onbekend bij PubMed"):
        fetch_pmid(client, "99999999")


@pytest.mark.parametrize(
    ("error", "message"),
    [
        (requests.exceptions.ConnectionError("Name or service not known"), OFFLINE),
        (requests.exceptions.ConnectTimeout(), OFFLINE),
        (requests.exceptions.ReadTimeout(),
         "doi.org antwoordt niet (langer dan 20 seconden); probeer het later opnieuw"),
    ],
)  # fmt: skip
@responses.activate
def test_no_connection_is_said_plainly(client: Client, error: Exception, message: str) -> None:
    responses.get(DOI_URL, body=error)
    with pytest.raises(NetworkProblem) as caught:
        fetch_doi(client, DOI)
    assert str(caught.value) == message


@responses.activate
def test_a_429_with_retry_after_is_retried_then_answered(client: Client) -> None:
    responses.get(DOI_URL, status=429, headers={"Retry-After": "2"})
    responses.get(DOI_URL, json=recorded("doi-csl.json"))
    assert fetch_doi(client, DOI).year == "2018"
    assert [call.response.status_code for call in responses.calls] == [429, 200]


@responses.activate
def test_a_server_error_that_stays_is_said_after_the_retries(client: Client) -> None:
    for _ in range(4):
        responses.get(DOI_URL, status=503)
    with pytest.raises(NetworkProblem) as caught:
        fetch_doi(client, DOI)
    assert str(caught.value) == (
        "doi.org antwoordde met fout 503 (Service Unavailable); probeer het later opnieuw"
    )
    assert len(responses.calls) == 4  # the first try and three retries


def _answer(status: int, headers: dict[str, str]) -> urllib3.HTTPResponse:
    return urllib3.HTTPResponse(status=status, headers=headers, preload_content=False)


@pytest.mark.parametrize(
    ("headers", "slept"),
    [({"Retry-After": "7"}, [7.0]), ({}, [1.0])],
    ids=["Retry-After honoured", "never sooner than a second"],
)
def test_the_retry_waits_as_the_server_asks(
    monkeypatch: pytest.MonkeyPatch, headers: dict[str, str], slept: list[float]
) -> None:
    """responses replays retries without sleeping; urllib3's own wait is checked here."""
    waits: list[float] = []
    fake_time = SimpleNamespace(sleep=waits.append, time=lambda: 0.0)
    monkeypatch.setattr(urllib3.util.retry, "time", fake_time)
    answer = _answer(429, headers)
    retry = retry_policy().increment("GET", DOI_URL, response=answer)
    retry.sleep(answer)
    assert waits == slept


@pytest.mark.parametrize(
    ("body", "content_type", "message"),
    [
        ("<html>landing page</html>", "text/html", "geen JSON zoals gedocumenteerd"),
        ("[1, 2]", "application/json", "geen CSL-JSON zoals gedocumenteerd"),
        ('{"title": "no type"}', "application/json", "geen CSL-JSON zoals gedocumenteerd"),
    ],
)  # fmt: skip
@responses.activate
def test_an_answer_in_another_format_is_refused(
    client: Client, body: str, content_type: str, message: str
) -> None:
    responses.get(DOI_URL, body=body, content_type=content_type)
    with pytest.raises(NetworkProblem, match=f"^het antwoord van doi\\.org is {message}"):
        fetch_doi(client, DOI)


@pytest.mark.parametrize(
    "answer",
    [[], {"result": {"uids": []}}, {"result": {PMID: "not a record"}}],
    ids=["a list", "no record", "a record that is text"],
)
@responses.activate
def test_an_esummary_in_another_format_is_refused(client: Client, answer: object) -> None:
    responses.get(ESUMMARY, json=answer)
    with pytest.raises(NetworkProblem, match=r"^het antwoord van NCBI"):
        fetch_pmid(client, PMID)


def test_a_group_and_particles_are_read_from_csl() -> None:
    item = {
        "type": "report",
        "author": [
            {"literal": "World Health Organization"},
            {"family": "Fuente", "given": "María", "dropping-particle": "de la"},
            {"given": "only a given name"},
        ],
        "issued": {"date-parts": [["2020", 5]]},
    }
    work = work_from_csl(item, "10.5555/who")
    assert work.authors == (
        Name(group="World Health Organization"),
        Name("Fuente", "María", "de la"),
    )
    assert work.year == "2020"


def test_the_client_module_is_the_one_place_requests_is_used() -> None:
    """One polite client: no other module of the package imports requests or urllib3."""
    package = Path(client_module.__file__).parent.parent
    users = [
        path.relative_to(package).as_posix()
        for path in sorted(package.rglob("*.py"))
        if "import requests" in (text := path.read_text(encoding="utf-8"))
        or "from requests" in text
        or "urllib3" in text
    ]
    assert users == ["net/client.py"]


@responses.activate
def test_pubmed_is_named_as_people_know_it_when_offline(client: Client) -> None:
    responses.get(ESUMMARY, body=requests.exceptions.ConnectionError())
    with pytest.raises(NetworkProblem) as caught:
        fetch_pmid(client, PMID)
    assert str(caught.value) == "geen verbinding met PubMed (NCBI): bent u offline?"


@responses.activate
def test_a_long_retry_after_is_said_not_waited_for(client: Client) -> None:
    responses.get(DOI_URL, status=429, headers={"Retry-After": "3600"})
    with pytest.raises(NetworkProblem) as caught:
        fetch_doi(client, DOI)
    assert str(caught.value) == (
        "doi.org krijgt nu te veel verzoeken (429) en vraagt te wachten;"
        " probeer het over een paar minuten opnieuw"
    )
    assert len(responses.calls) == 1  # never sent again sooner than asked
