"""What the registries say of an entry's work, as problems: Crossref (and doi.org for DOIs
Crossref does not register) for a DOI, PubMed for a PMID, the address itself for a URL.

A service that cannot answer raises the client's `NetworkProblem` (`Unreachable` when there
is no connection at all): the entry is then not checked, never reported as wrong.
"""

from __future__ import annotations

from dataclasses import dataclass

from whitepaper.diagnostics import Code, listed
from whitepaper.health.claims import Claims
from whitepaper.health.compare import same_container, same_family, same_title
from whitepaper.net.client import Client, NotFound, Probe
from whitepaper.net.crossref import Record, Update, fetch_record
from whitepaper.net.doi import fetch_doi
from whitepaper.net.pubmed import fetch_pmid
from whitepaper.net.work import Name, Work

# Crossref's update types (its Crossmark list) and how the finding says them; the others
# (addendum, clarification, new_version, new_edition) leave the work's findings standing.
RETRACTIONS = {
    "retraction": "ingetrokken",
    "partial_retraction": "gedeeltelijk ingetrokken",
    "withdrawal": "teruggetrokken",
    "removal": "verwijderd",
    "expression_of_concern": "onder een 'expression of concern' (de redactie twijfelt eraan)",
}
CORRECTIONS = {
    "correction": "gecorrigeerd",
    "corrigendum": "gecorrigeerd (corrigendum)",
    "erratum": "gecorrigeerd (erratum)",
}


@dataclass(frozen=True)
class Problem:
    """One finding about an entry, before it has a place in the .bib file."""

    code: Code
    field: str  # the field it is about: doi, pmid, url
    message: str
    hint: str = ""
    kind: str = ""  # of a retraction or correction: Crossref's update type ("retraction", …)


def check_doi(client: Client, claims: Claims) -> list[Problem]:
    try:
        record = fetch_record(client, claims.doi)
    except NotFound:
        try:  # not a Crossref DOI: DataCite's, mEDRA's; doi.org knows every agency's
            record = Record(fetch_doi(client, claims.doi), frozenset(), ())
        except NotFound:
            return [_unknown_doi(claims.doi)]
    work = record.work
    differing = record_differences(claims, record)
    found = (
        [_mismatch("doi-mismatch", "doi", f"de DOI {claims.doi}", work, differing)]
        if differing
        else []
    )
    return found + _updates(claims.doi, record)


def record_differences(claims: Claims, record: Record) -> list[str]:
    """Where the entry and Crossref's record name another work: 'titel '…'', 'eerste auteur
    X', 'jaar 2017 of 2018', 'tijdschrift of boek '…''; [] when they agree."""
    work = record.work
    registered = _Registered(work.title, record.subtitle, _family(work.authors), record.years)
    return _differences(claims, registered, (work.container, *record.containers))


def check_pmid(client: Client, claims: Claims) -> list[Problem]:
    try:
        work = fetch_pmid(client, claims.pmid)
    except NotFound:
        return [
            Problem(
                "pmid-mismatch",
                "pmid",
                f"PubMed kent PMID {claims.pmid} niet",
                "controleer het nummer in het artikel of op pubmed.ncbi.nlm.nih.gov",
            )
        ]
    years = frozenset({work.year} if work.year else ())
    differing = _differences(claims, _Registered(work.title, "", _family(work.authors), years))
    if claims.doi and work.doi and claims.doi.lower() != work.doi.lower():
        differing.append(f"DOI {work.doi}")
    return (
        [_mismatch("pmid-mismatch", "pmid", f"de PMID {claims.pmid}", work, differing)]
        if (differing)
        else []
    )


def check_url(client: Client, claims: Claims) -> tuple[list[Problem], bool]:
    """The problems of the address, and whether any server answered at all."""
    probe = client.probe(claims.url)
    said = _dead(probe)
    problem = Problem("dead-link", "url", said, _LINK_HINT) if said else None
    return ([problem] if problem else []), probe.status != 0 or probe.problem == "loop"


_LINK_HINT = (
    "open het adres zelf; staat de bron elders, zet dan dat adres in het veld url"
    " (of een archiefkopie, zoals web.archive.org)"
)


def _dead(probe: Probe) -> str:
    hops = f" (na {probe.redirects} doorverwijzingen)" if probe.redirects else ""
    if probe.problem == "loop":
        return f"het adres verwijst in een kring door, terug naar {probe.url}"
    if probe.problem == "too-many-redirects":
        return f"het adres verwijst meer dan {probe.redirects - 1} keer door"
    if probe.problem == "not-web":
        return f"het adres verwijst door naar {probe.url}, geen webadres"
    if probe.problem == "timeout":
        return f"{probe.url} antwoordt niet{hops}"
    if probe.problem:
        return f"{probe.url} is niet te bereiken{hops}"
    if probe.status >= 400:
        return f"{probe.url} antwoordt met fout {probe.status}{hops}"
    return ""


@dataclass(frozen=True)
class _Registered:
    title: str
    subtitle: str
    family: str
    years: frozenset[str]


def _differences(
    claims: Claims, registered: _Registered, containers: tuple[str, ...] = ()
) -> list[str]:
    """The fields in which the entry and the registry differ, each with the registry's value;
    a field either side leaves empty is not compared."""
    differing = []
    if (
        claims.title
        and registered.title
        and not same_title(claims.title, registered.title, registered.subtitle)
    ):
        differing.append(f"titel '{registered.title}'")
    if claims.family and registered.family and not same_family(claims.family, registered.family):
        differing.append(f"eerste auteur {registered.family}")
    if claims.year and registered.years and claims.year not in registered.years:
        differing.append(f"jaar {listed(sorted(registered.years), 'of')}")
    named = [name for name in containers if name]
    if claims.container and named and not same_container(claims.container, named):
        differing.append(f"tijdschrift of boek '{named[0]}'")
    return differing


def _mismatch(code: Code, field: str, asked: str, work: Work, differing: list[str]) -> Problem:
    return Problem(
        code,
        field,
        f"{asked} hoort volgens {work.service} bij een ander werk: {listed(differing)}",
        "controleer de DOI of PMID en de gegevens in het artikel zelf; verbeter wat niet klopt"
        " (verzin niets)",
    )


def _unknown_doi(doi: str) -> Problem:
    return Problem(
        "unknown-doi",
        "doi",
        f"de DOI {doi} is onbekend bij Crossref en doi.org",
        "controleer de DOI in het artikel (een tikfout, een spatie, een punt aan het eind?)",
    )


def _updates(doi: str, record: Record) -> list[Problem]:
    found = []
    for update in record.updated_by:
        if problem := _update_problem(update, f"het werk van DOI {doi} is", "door"):
            found.append(problem)
    for update in record.update_to:  # the DOI is the notice's, not the work's
        if problem := _update_problem(
            update, f"DOI {doi} is een bericht: {update.doi} is", "hierin"
        ):
            found.append(problem)
    return found


def _update_problem(update: Update, subject: str, by: str) -> Problem | None:
    said = RETRACTIONS.get(update.kind) or CORRECTIONS.get(update.kind)
    if said is None:
        return None
    when = f" op {update.date}" if update.date else ""
    notice = f" ({by} {update.doi})" if update.doi and by == "door" else ""
    source = " volgens Retraction Watch" if "retraction-watch" in update.sources else ""
    retracted = update.kind in RETRACTIONS
    return Problem(
        "retracted" if retracted else "corrected",
        "doi",
        f"{subject} {said}{when}{notice}{source}",
        "lees het bericht en weeg of de tekst die deze bron citeert nog klopt; noem het in de"
        " tekst of kies een andere bron"
        if retracted
        else "lees de correctie en kijk of die raakt aan wat de tekst uit deze bron haalt",
        update.kind,
    )


def _family(authors: tuple[Name, ...]) -> str:
    """The first author's family name as the service writes it (PubMed's without initials)."""
    if not authors:
        return ""
    first = authors[0]
    if first.group:
        return first.group
    if first.pubmed:
        words = first.pubmed.split()
        initials = len(words) > 1 and words[-1].isupper() and words[-1].isalpha()
        return " ".join(words[:-1] if initials else words)
    return " ".join(part for part in (first.particle, first.family) if part)
