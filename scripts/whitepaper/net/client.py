"""The one polite client: every request of whitepaper to another host goes through `Client`.

Polite as Crossref's and NCBI's etiquette asks: a User-Agent naming the tool, its home and a
contact address; timeouts; retries with exponential back-off on 429 and 5xx, honouring
Retry-After (urllib3's Retry, mounted in requests' adapter); and at most one request per
second per service (`Throttle`, with an injectable clock and sleep so tests never wait).
Every failure becomes one `NetworkProblem`, said in Dutch.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from importlib.metadata import PackageNotFoundError, version
from types import TracebackType
from typing import TYPE_CHECKING, Any, Self
from urllib.parse import urljoin, urlsplit

import requests
from requests.adapters import HTTPAdapter
from urllib3.exceptions import MaxRetryError, ResponseError
from urllib3.util.retry import Retry

if TYPE_CHECKING:
    from urllib3.connectionpool import ConnectionPool
    from urllib3.response import BaseHTTPResponse

from whitepaper.diagnostics import StageError

TIMEOUT = (5.0, 20.0)  # seconds to connect, seconds between bytes of the answer
RETRY_STATUSES = (429, 500, 502, 503, 504)
MIN_INTERVAL = 1.0  # seconds between two requests to one service
MAX_RETRY_AFTER = 30.0  # seconds: a longer Retry-After is said, not waited for
REDIRECTS = (301, 302, 303, 307, 308)
MAX_REDIRECTS = 10  # more hops than any publisher's chain of landing pages


class NetworkProblem(StageError):
    """A service could not give what was asked (offline, unknown, an error, an answer in
    another format): the message says which, in Dutch; nothing is written."""


class NotFound(NetworkProblem):
    """The service answered that it does not know what was asked (a 404, an unknown id):
    for `verify` a finding about the entry, not a failure of the run."""


class Unreachable(NetworkProblem):
    """No connection at all (offline, a name that does not resolve, a refused connection)."""


class _PoliteRetry(Retry):
    """urllib3's Retry, but never sooner than a second after the last try (its own back-off
    retries the first time at once, which would break the one-request-per-second promise),
    and not at all when the service asks to wait longer than a person waits at a prompt:
    that answer is said instead (`_json`'s 429), never sent again early."""

    def get_backoff_time(self) -> float:
        return max(MIN_INTERVAL, super().get_backoff_time())

    def increment(
        self,
        method: str | None = None,
        url: str | None = None,
        response: BaseHTTPResponse | None = None,
        error: Exception | None = None,
        _pool: ConnectionPool | None = None,
        _stacktrace: TracebackType | None = None,
    ) -> Self:
        wait = self.get_retry_after(response) if response is not None else None
        if wait is not None and wait > MAX_RETRY_AFTER:
            reason = ResponseError(f"Retry-After: {wait:.0f} s")
            raise MaxRetryError(_pool, url, reason)  # type: ignore[arg-type]  # as urllib3 does
        return super().increment(method, url, response, error, _pool, _stacktrace)


def retry_policy() -> Retry:
    return _PoliteRetry(
        total=3,
        connect=1,  # offline says so after one more try, not after a minute
        read=1,
        status_forcelist=RETRY_STATUSES,
        allowed_methods=frozenset({"GET"}),
        backoff_factor=1.0,  # 1 s, 2 s, 4 s
        respect_retry_after_header=True,
        raise_on_status=False,  # the last answer is ours to explain
    )


@dataclass
class Throttle:
    """At most one request per `interval` seconds to each service."""

    interval: float = MIN_INTERVAL
    clock: Callable[[], float] = time.monotonic
    sleep: Callable[[float], None] = time.sleep
    _last: dict[str, float] = field(default_factory=dict)

    def wait(self, service: str) -> None:
        last = self._last.get(service)
        if last is not None and (remaining := last + self.interval - self.clock()) > 0:
            self.sleep(remaining)
        self._last[service] = self.clock()


def user_agent(contact: str, homepage: str) -> str:
    """`whitepaper/0.1.0 (+https://github.com/…; mailto:…)`, as Crossref asks."""
    try:
        release = version("whitepaper")
    except PackageNotFoundError:  # run from a source tree that was never installed
        release = "0"
    details = [f"+{homepage or contact}"] if homepage or contact else []
    details += [f"mailto:{contact}"] if contact else []
    return f"whitepaper/{release}" + (f" ({'; '.join(details)})" if details else "")


class Client:
    """One session for every service; `get_json` and `probe` are the only ways out."""

    def __init__(
        self,
        contact: str = "",
        homepage: str = "",
        *,
        throttle: Throttle | None = None,
        timeout: tuple[float, float] = TIMEOUT,
    ) -> None:
        self.contact = contact
        self.throttle = throttle or Throttle()
        self.timeout = timeout
        self.session = requests.Session()
        self.session.headers["User-Agent"] = user_agent(contact, homepage)
        adapter = HTTPAdapter(max_retries=retry_policy())
        self.session.mount("https://", adapter)
        self.session.mount("http://", adapter)

    def get_json(
        self,
        url: str,
        *,
        not_found: str,
        accept: str = "application/json",
        params: Mapping[str, str] | None = None,
        name: str = "",
    ) -> Any:
        """The JSON `url` answers; `not_found` is the message for a 404, `name` what messages
        call the service (its host name when '')."""
        host = urlsplit(url).hostname or url
        service = name or host
        self.throttle.wait(host)
        try:
            response = self.session.get(
                url, params=params, headers={"Accept": accept}, timeout=self.timeout
            )
        except requests.exceptions.ConnectTimeout:
            raise Unreachable(f"geen verbinding met {service}: bent u offline?") from None
        except requests.exceptions.Timeout:
            raise NetworkProblem(
                f"{service} antwoordt niet (langer dan {self.timeout[1]:.0f} seconden);"
                " probeer het later opnieuw"
            ) from None
        except requests.exceptions.ConnectionError:
            raise Unreachable(f"geen verbinding met {service}: bent u offline?") from None
        except requests.exceptions.RequestException as error:
            raise NetworkProblem(f"{service} is niet te bereiken ({error})") from None
        return _json(response, service, not_found)

    def probe(self, url: str, *, max_redirects: int = MAX_REDIRECTS) -> Probe:
        """What `url` answers, its redirects followed one by one (each throttled, each
        address seen once: a loop is said, not followed to requests' limit of 30). A GET
        whose body is never read: servers answer HEAD less faithfully than GET."""
        seen = [url]
        while True:
            answer = self._one_hop(seen[-1])
            if answer.status not in REDIRECTS or not answer.location:
                return Probe(seen[-1], answer.status, len(seen) - 1, answer.problem)
            target = urljoin(seen[-1], answer.location)
            if target in seen:
                return Probe(target, answer.status, len(seen), "loop")
            if len(seen) > max_redirects:
                return Probe(target, answer.status, len(seen), "too-many-redirects")
            seen.append(target)

    def _one_hop(self, url: str) -> _Hop:
        host = urlsplit(url).hostname or url
        if urlsplit(url).scheme not in ("http", "https"):
            return _Hop(0, "", "not-web")
        self.throttle.wait(host)
        try:
            response = self.session.get(
                url, stream=True, allow_redirects=False, timeout=self.timeout
            )
        except requests.exceptions.ConnectTimeout:
            return _Hop(0, "", "unreachable")
        except requests.exceptions.Timeout:
            return _Hop(0, "", "timeout")
        except requests.exceptions.ConnectionError:
            return _Hop(0, "", "unreachable")
        except requests.exceptions.RequestException:
            return _Hop(0, "", "failed")
        with response:  # the body is never read: closing gives the connection back
            return _Hop(response.status_code, response.headers.get("Location", ""), "")


@dataclass(frozen=True)
class Probe:
    """What a web address answered: the last address asked, its status (0: no answer), the
    redirects followed, and `problem` when there was no final answer: `unreachable`,
    `timeout`, `failed`, `loop`, `too-many-redirects`, `not-web` (a redirect elsewhere)."""

    url: str
    status: int
    redirects: int = 0
    problem: str = ""


@dataclass(frozen=True)
class _Hop:
    status: int
    location: str
    problem: str


def _json(response: requests.Response, service: str, not_found: str) -> Any:
    if response.status_code == 404:
        raise NotFound(not_found)
    if response.status_code == 429:
        raise NetworkProblem(
            f"{service} krijgt nu te veel verzoeken (429) en vraagt te wachten;"
            " probeer het over een paar minuten opnieuw"
        )
    if not response.ok:
        raise NetworkProblem(
            f"{service} antwoordde met fout {response.status_code}"
            f" ({response.reason or 'zonder reden'}); probeer het later opnieuw"
        )
    try:
        return response.json()
    except ValueError:
        raise NetworkProblem(not_json(service)) from None


def not_json(service: str, what: str = "JSON") -> str:
    return (
        f"het antwoord van {service} is geen {what} zoals gedocumenteerd;"
        " meld dit als het blijft gebeuren"
    )
