"""`whitepaper verify --suggest`: for an entry its source gave incompletely, the works Crossref's
bibliographic search finds with what the entry says (authors, year, title) and the sentence it
is cited in, ranked by a score a person can follow, each with its reasons in Dutch.

The score adds points, and each point has its reason: the year (3, or -3 when it is
another), the first author's family name (3, or -3), the entry's title (5 when it is the
same, else 1 for each of its words in the candidate's title), 1 for each word of the citing
sentence in the candidate's title (5 at most), and up to 2 for Crossref's own relevance (2
for its best candidate, the others in proportion). Nothing is written: a person confirms a
candidate with `--accept`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from whitepaper.diagnostics import listed
from whitepaper.health.claims import Claims, claims, plain
from whitepaper.health.compare import fold, same_family, same_title
from whitepaper.health.sentences import Citing
from whitepaper.net.client import Client
from whitepaper.net.crossref import Found, search_works
from whitepaper.net.work import Name
from whitepaper.sources.entries import BibEntry

SHOWN = 3  # candidates shown per entry
SENTENCE_WORDS = 12  # of the citing sentence, in the query
_SENTENCE_POINTS = 5
_STEM = 6  # words this long that begin alike are one word ('therapie', 'therapy')
# Words too common to tell works apart, Dutch and English (shorter ones are never counted).
_COMMON = frozenset(
    """deze dit die dat voor door naar zijn haar over maar niet wordt worden werd kunnen heeft
    hebben toen veel meer zoals waar waarin waarbij tussen onder tegen echter omdat wanneer
    want zelf alle andere eigen geen hier daar ook zich bijvoorbeeld onze hun wij zij
    with from that this these those their there which what when where into about than then
    them they have been were will would could should such also only other some more most
    very your using used""".split()
)


@dataclass(frozen=True)
class Query:
    """What an entry is searched with; '' where it gives nothing."""

    bibliographic: str
    authors: str
    year: str
    sentence_words: tuple[str, ...]

    @property
    def searchable(self) -> bool:
        return bool(self.bibliographic.strip())


@dataclass(frozen=True)
class Candidate:
    doi: str
    first_author: str
    year: str
    title: str
    journal: str
    points: float
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class Suggestion:
    entry: BibEntry
    cited: tuple[Citing, ...]
    query: Query
    candidates: tuple[Candidate, ...]


def query(entry: BibEntry, cited: Sequence[Citing]) -> Query:
    said = claims(entry)
    people = _people(entry)
    sentence = significant_words(cited[0].sentence)[:SENTENCE_WORDS] if cited else ()
    parts = [*(people or [said.family]), said.year, said.title, *sentence]
    return Query(" ".join(part for part in parts if part), " ".join(people), said.year, sentence)


def suggest(client: Client, entry: BibEntry, cited: Sequence[Citing]) -> Suggestion:
    """Crossref's candidates for `entry`, best first; a failing service raises."""
    asked = query(entry, cited)
    if not asked.searchable:
        return Suggestion(entry, tuple(cited), asked, ())
    # Online first the year before the printed one a source cites: Crossref filters on the
    # earliest date, so the year before counts too.
    years = (str(int(asked.year) - 1), asked.year) if asked.year.isdigit() else ("", "")
    found = search_works(client, asked.bibliographic, authors=asked.authors, years=years)
    return Suggestion(entry, tuple(cited), asked, ranked(found, claims(entry), asked)[:SHOWN])


def ranked(found: Sequence[Found], said: Claims, asked: Query) -> tuple[Candidate, ...]:
    best = max((item.score for item in found), default=0.0)
    candidates = [_candidate(item, said, asked, best) for item in found]
    return tuple(sorted(candidates, key=lambda c: -c.points))  # stable: Crossref's order


def _candidate(item: Found, said: Claims, asked: Query, best: float) -> Candidate:
    work = item.record.work
    title = ": ".join(part for part in (work.title, item.record.subtitle) if part)
    points, reasons = 0.0, []
    for gained, reason in (
        _year(said.year, item.record.years),
        _author(said.family, work.authors),
        _title(said.title, title),
        _sentence(asked.sentence_words, title),
    ):
        points += gained
        reasons += [reason] if reason else []
    share = 2 * item.score / best if best > 0 else 0.0
    reasons.append(f"Crossref-score {dutch_number(item.score)}")
    return Candidate(
        work.doi,
        _shown(work.authors[0]) if work.authors else "",
        work.year,
        title,
        work.container,
        round(points + share, 1),
        tuple(reasons),
    )


def _year(ours: str, theirs: frozenset[str]) -> tuple[float, str]:
    if not ours or not theirs:
        return 0, ""
    if ours in theirs:
        return 3, "jaar klopt"
    return -3, f"jaar {listed(sorted(theirs), 'of')}, niet {ours}"


def _author(ours: str, authors: Sequence[Name]) -> tuple[float, str]:
    theirs = (authors[0].group or authors[0].family) if authors else ""
    if not ours or not theirs:
        return 0, ""
    if same_family(ours, theirs):
        return 3, f"eerste auteur {theirs} klopt"
    return -3, f"eerste auteur {theirs}, niet {ours}"


def _title(ours: str, theirs: str) -> tuple[float, str]:
    if not ours or not theirs:
        return 0, ""
    if same_title(ours, theirs):
        return 5, "titel klopt"
    words = shared(significant_words(ours), significant_words(theirs))
    return len(words), _words_said(words, "uit de titel")


def _sentence(words: Sequence[str], title: str) -> tuple[float, str]:
    found = shared(words, significant_words(title))[:_SENTENCE_POINTS]
    return len(found), _words_said(found, "uit de zin")


def _words_said(words: Sequence[str], where: str) -> str:
    if not words:
        return ""
    count = "1 woord" if len(words) == 1 else f"{len(words)} woorden"
    return f"{count} {where} in de titel ({', '.join(words)})"


def significant_words(text: str) -> tuple[str, ...]:
    """The words that tell works apart, folded, each once: four letters or more, not a
    number, not one of the common words."""
    words = (word for word in fold(text).split() if len(word) >= 4 and not word.isdigit())
    return tuple(dict.fromkeys(word for word in words if word not in _COMMON))


def shared(ours: Sequence[str], theirs: Sequence[str]) -> list[str]:
    """Our words found among theirs: the same, or (both long) the same beginning."""
    return [word for word in ours if any(_alike(word, other) for other in theirs)]


def _alike(one: str, other: str) -> bool:
    if one == other:
        return True
    return min(len(one), len(other)) >= _STEM and one[:_STEM] == other[:_STEM]


def _people(entry: BibEntry) -> list[str]:
    """The family names of the entry's persons (not a group's name: that is no person)."""
    names = []
    for role in ("author", "editor"):
        for person in entry.entry.persons.get(role, ()):
            family = plain(" ".join(person.prelast_names + person.last_names))
            group = len(person.last_names) == 1 and not person.first_names and " " in family
            if family and not group:
                names.append(family)
        if names:
            break
    return names


def _shown(name: Name) -> str:
    if name.group:
        return name.group
    return ", ".join(part for part in (" ".join(filter(None, (name.particle, name.family))),
                                       name.given) if part)  # fmt: skip


def dutch_number(value: float) -> str:
    """61.2 as Dutch writes it: '61,2'."""
    return f"{value:.1f}".replace(".", ",")
