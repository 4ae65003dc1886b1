"""A DOI's record in Crossref's REST API (`https://api.crossref.org/works/{doi}`): the work, and
the updates registered for it.

Crossref's answer is `{"status": "ok", "message-type": "work", "message": {...}}`; the message
carries CSL's names for most fields (title, author, issued, container-title), each text field
as a list, which `doi.work_from_csl` already reads. What doi.org's CSL-JSON lacks is the
update data (api_format.md, "Update": `updated` (a partial date), `DOI`, `type`, `label`):
`update-to` on a notice names the works it updates; `updated-by` on a work names the notices
that update it, since 2024 with Retraction Watch's records among them (`source`:
`retraction-watch` or `publisher`, and a `record-id`). Crossref knows only its own DOIs: a
404 here is not yet an unknown DOI (DataCite's are not Crossref's), doi.org decides that.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any
from urllib.parse import quote

from whitepaper.net.client import Client, NetworkProblem, not_json
from whitepaper.net.doi import work_from_csl
from whitepaper.net.work import Work, plain

WORKS = "https://api.crossref.org/works/"
SEARCH = "https://api.crossref.org/works"
ROWS = 5  # candidates asked for: a person reads the best few
SERVICE = "Crossref"
_DATES = ("issued", "published-print", "published-online", "published")
# The REST API's own type names (its /types) as CSL's, which new_entry reads; doi.org's
# CSL-JSON already uses CSL's.
CSL_TYPES = {
    "journal-article": "article-journal",
    "book-chapter": "chapter",
    "book-section": "chapter",
    "book-part": "chapter",
    "proceedings-article": "paper-conference",
    "monograph": "book",
    "edited-book": "book",
    "reference-book": "book",
    "report": "report",
    "posted-content": "article",
    "dissertation": "thesis",
}


@dataclass(frozen=True)
class Update:
    """One registered update: a retraction, a correction, an expression of concern, ..."""

    kind: str  # Crossref's type: retraction, correction, expression_of_concern, erratum, ...
    doi: str  # the other side: the notice (updated-by) or the work updated (update-to)
    label: str = ""  # Crossref's display label ("Retraction")
    date: str = ""  # the year, or year-month(-day), of `updated`
    sources: tuple[str, ...] = ()  # retraction-watch, publisher (since 2024; none before)


@dataclass(frozen=True)
class Record:
    """A Crossref work: what it says of the work, every year it names, and its updates."""

    work: Work
    years: frozenset[str]  # issued, print and online: an entry may name any of them
    containers: tuple[str, ...]  # the journal's full and short titles
    subtitle: str = ""
    updated_by: tuple[Update, ...] = ()
    update_to: tuple[Update, ...] = ()


def fetch_record(client: Client, doi: str) -> Record:
    """The Crossref record of `doi` (bare); `NotFound` when Crossref does not know it."""
    answer = client.get_json(
        WORKS + quote(doi, safe="/:;()._-~!$&'*+,=@"),
        not_found=f"Crossref kent de DOI {doi} niet",
        name=SERVICE,
    )
    return record_from_answer(answer, doi)


def record_from_answer(answer: Any, doi: str) -> Record:
    message = answer.get("message") if isinstance(answer, dict) else None
    if not isinstance(message, dict) or answer.get("message-type", "work") != "work":
        raise NetworkProblem(not_json(SERVICE))
    return record_from_message(message, doi)


def record_from_message(message: dict[str, Any], doi: str) -> Record:
    """One work as the REST API describes it (`/works/{doi}`'s message, a search's item)."""
    csl = work_from_csl(message, doi)
    work = replace(csl, service=SERVICE, kind=CSL_TYPES.get(csl.kind, csl.kind))
    return Record(
        work=work,
        years=frozenset(year for name in _DATES if (year := _date(message.get(name))[:4])),
        containers=tuple(
            title
            for name in ("container-title", "short-container-title")
            for title in _texts(message.get(name))
        ),
        subtitle=plain(message.get("subtitle")),
        updated_by=_updates(message.get("updated-by")),
        update_to=_updates(message.get("update-to")),
    )


def _texts(value: Any) -> list[str]:
    items = value if isinstance(value, list) else [value]
    return [text for item in items if (text := plain(item))]


def _updates(value: Any) -> tuple[Update, ...]:
    """Each update once: Retraction Watch and the publisher list the same notice apiece."""
    found: dict[tuple[str, str], Update] = {}
    for item in value if isinstance(value, list) else []:
        if not isinstance(item, dict) or not (kind := plain(item.get("type"))):
            continue
        kind, doi, source = (
            kind.lower().replace("-", "_"),
            plain(item.get("DOI")),
            plain(item.get("source")),
        )
        before = found.get((kind, doi.lower()))
        sources = (*(before.sources if before else ()), *((source,) if source else ()))
        found[(kind, doi.lower())] = Update(
            kind=kind,
            doi=doi,
            label=(before.label if before else "") or plain(item.get("label")),
            date=(before.date if before else "") or _date(item.get("updated")),
            sources=tuple(dict.fromkeys(sources)),
        )
    return tuple(found.values())


def _date(value: Any) -> str:
    """`2021-05-03` (or `2021-05`, `2021`) from `{"date-parts": [[2021, 5, 3]]}`; '' for none."""
    parts = value.get("date-parts") if isinstance(value, dict) else None
    first = parts[0] if isinstance(parts, list) and parts and isinstance(parts[0], list) else []
    numbers = [part for part in first if isinstance(part, int) and not isinstance(part, bool)]
    if not numbers or not 1000 <= numbers[0] <= 9999:
        return ""
    return "-".join([str(numbers[0]), *(f"{number:02d}" for number in numbers[1:3])])


@dataclass(frozen=True)
class Found:
    """One work a bibliographic search found, with Crossref's relevance score for it."""

    record: Record
    score: float


def search_works(
    client: Client, bibliographic: str, *, authors: str = "", years: tuple[str, str] = ("", "")
) -> tuple[Found, ...]:
    """The works Crossref's `query.bibliographic` (a reference as text: titles, authors,
    years) finds, best first; `authors` narrows by `query.author`, `years` (from, until) by
    the works' earliest publication date. Items without a DOI are left out."""
    params = {"query.bibliographic": bibliographic, "rows": str(ROWS)}
    if authors:
        params["query.author"] = authors
    if all(years):
        params["filter"] = f"from-pub-date:{years[0]},until-pub-date:{years[1]}"
    answer = client.get_json(
        SEARCH, params=params, not_found="Crossref kent zijn zoekadres niet meer", name=SERVICE
    )
    return found_from_answer(answer)


def found_from_answer(answer: Any) -> tuple[Found, ...]:
    """`{"message-type": "work-list", "message": {"items": [...]}}`, each item a work with
    its `score`."""
    message = answer.get("message") if isinstance(answer, dict) else None
    items = message.get("items") if isinstance(message, dict) else None
    if not isinstance(items, list) or answer.get("message-type") != "work-list":
        raise NetworkProblem(not_json(SERVICE))
    found = []
    for item in items:
        if isinstance(item, dict) and (doi := plain(item.get("DOI"))):
            score = item.get("score")
            number = float(score) if isinstance(score, int | float) else 0.0
            found.append(Found(record_from_message(item, doi), number))
    return tuple(found)
