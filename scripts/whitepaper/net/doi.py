"""A DOI's metadata from doi.org's content negotiation, as CSL-JSON.

doi.org hands the request to the DOI's registration agency (Crossref, DataCite, mEDRA), each
answering in the same CSL-JSON: one request covers them all. Crossref's REST API would only
repeat Crossref's own records (doi.org serves those from the same data), so there is no
second source to fall back on: a DOI doi.org does not know is unknown.
"""

from __future__ import annotations

from typing import Any

from whitepaper.links import doi_url
from whitepaper.net.client import Client, NetworkProblem, not_json
from whitepaper.net.work import Name, Work, plain

CSL_JSON = "application/vnd.citationstyles.csl+json"
SERVICE = "doi.org"


def fetch_doi(client: Client, doi: str) -> Work:
    """The work `doi` (a bare DOI) names, as doi.org describes it."""
    answer = client.get_json(
        doi_url(doi),
        accept=CSL_JSON,
        not_found=f"de DOI {doi} is onbekend bij doi.org; controleer hem in het artikel",
    )
    return work_from_csl(answer, doi)


def work_from_csl(item: Any, doi: str) -> Work:
    """A CSL-JSON item as a `Work`; the DOI is the one asked for when the answer's differs
    only in case (DOIs are case-insensitive)."""
    if not isinstance(item, dict) or not isinstance(item.get("type"), str):
        raise NetworkProblem(not_json(SERVICE, "CSL-JSON"))
    given_doi = plain(item.get("DOI"))
    return Work(
        service=SERVICE,
        kind=item["type"],
        authors=tuple(_names(item.get("author"))),
        title=plain(item.get("title")),
        container=plain(item.get("container-title")),
        publisher=plain(item.get("publisher")),
        year=_year(item.get("issued")),
        volume=plain(item.get("volume")),
        number=plain(item.get("issue")),
        pages=plain(item.get("page")),
        doi=doi if given_doi.lower() in ("", doi.lower()) else given_doi,
        url=plain(item.get("URL")),
    )


def _names(value: Any) -> list[Name]:
    names = []
    for person in value if isinstance(value, list) else []:
        if not isinstance(person, dict):
            continue
        group = plain(person.get("literal")) or plain(person.get("name"))
        family = plain(person.get("family"))
        if family:
            particle = " ".join(
                part
                for part in (
                    plain(person.get("dropping-particle")),
                    plain(person.get("non-dropping-particle")),
                )
                if part
            )
            given = plain(person.get("given"))
            names.append(Name(family, given, particle, plain(person.get("suffix"))))
        elif group:
            names.append(Name(group=group))
    return names


def _year(issued: Any) -> str:
    """The year of CSL's `{"date-parts": [[2018, 3, 5]]}` ('' when it has none)."""
    parts = issued.get("date-parts") if isinstance(issued, dict) else None
    first = parts[0] if isinstance(parts, list) and parts and isinstance(parts[0], list) else []
    year = plain(first[0]) if first else ""
    return year if year.isdigit() else ""
