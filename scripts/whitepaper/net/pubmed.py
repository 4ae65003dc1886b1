"""A PMID's metadata from NCBI's E-utilities: esummary, in its JSON form.

NCBI asks every tool to name itself and a contact (`tool`, `email`) and to send at most
three requests a second; the client sends one. esummary answers an unknown PMID with 200 and
an `error` in the record, not with 404.
"""

from __future__ import annotations

import re
from typing import Any

from whitepaper.links import bare_doi
from whitepaper.net.client import Client, NetworkProblem, NotFound, not_json
from whitepaper.net.work import Name, Work, plain

ESUMMARY = "https://eutils.ncbi.nlm.nih.gov/entrez/eutils/esummary.fcgi"
SERVICE = "PubMed"
TOOL = "whitepaper"
_YEAR = re.compile(r"\d{4}")


def fetch_pmid(client: Client, pmid: str) -> Work:
    """The article `pmid` (digits) names, as PubMed summarises it."""
    params = {"db": "pubmed", "id": pmid, "retmode": "json", "tool": TOOL}
    if client.contact:
        params["email"] = client.contact
    unknown = f"de PMID {pmid} is onbekend bij PubMed; controleer het nummer"
    answer = client.get_json(ESUMMARY, params=params, not_found=unknown, name=f"{SERVICE} (NCBI)")
    return work_from_summary(answer, pmid, unknown)


def work_from_summary(answer: Any, pmid: str, unknown: str = "") -> Work:
    """esummary's `{"result": {"uids": [...], "<pmid>": {...}}}` as a `Work`."""
    result = answer.get("result") if isinstance(answer, dict) else None
    if isinstance(answer, dict) and "result" not in answer and "error" in answer:
        raise NotFound(unknown or f"de PMID {pmid} is onbekend bij PubMed")
    record = result.get(pmid) if isinstance(result, dict) else None
    if not isinstance(record, dict):
        raise NetworkProblem(not_json("NCBI (esummary)"))
    if "error" in record:
        raise NotFound(unknown or f"de PMID {pmid} is onbekend bij PubMed")
    return Work(
        service=SERVICE,
        kind="article-journal",
        authors=tuple(_authors(record.get("authors"))),
        title=_title(plain(record.get("title"))),
        container=plain(record.get("fulljournalname")) or plain(record.get("source")),
        year=(_YEAR.match(plain(record.get("pubdate"))) or [""])[0],
        volume=plain(record.get("volume")),
        number=plain(record.get("issue")),
        pages=plain(record.get("pages")),
        doi=_doi(record.get("articleids")),
        pmid=pmid,
    )


def _authors(value: Any) -> list[Name]:
    names = []
    for author in value if isinstance(value, list) else []:
        name = plain(author.get("name")) if isinstance(author, dict) else ""
        if name:
            group = author.get("authtype") == "CollectiveName"
            names.append(Name(group=name) if group else Name(pubmed=name))
    return names


def _title(title: str) -> str:
    """PubMed ends every title with a full stop that is not the title's: APA adds its own."""
    return title[:-1] if title.endswith(".") and not title.endswith("..") else title


def _doi(ids: Any) -> str:
    for item in ids if isinstance(ids, list) else []:
        if isinstance(item, dict) and item.get("idtype") == "doi":
            return bare_doi(plain(item.get("value"))) or ""
    return ""
