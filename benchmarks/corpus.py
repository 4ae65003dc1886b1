"""The one corpus generator of every benchmark: N pages citing a bibliography of M entries.

Pages are grouped into papers of ten (`docs/paper-0001/page-01.md` …, the first page of each
paper being its `index.md`), written in Dutch-looking prose with everything the checker must
get through: headings, lists, block quotes, admonitions, tables, code, e-mail addresses,
footnotes and every form of citation. The same seed gives the same corpus.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path

PAGES_PER_PAPER = 10
# About one citation per 700 characters, as in the associations' own papers.
CITATION_RATE = 0.15
WORDS = (
    "de het een van en in op is dat met voor niet zijn bij ook als door aan patiënten "
    "behandeling klachten onderzoek therapie spanning rug nek hoofdpijn effect studie "
    "resultaten cranio massage fysiotherapie huisarts verwijzing pijn gezondheid zorg "
    "lichaam weefsel fascia spieren beweging herstel preventie kwaliteit leven"
).split()
SURNAMES = (
    "Stecco Bialozewski Castro-Sánchez Upledger Jäkel Haller Müller Jansen de Vries "
    "van der Wal Bakker Visser Smit Meijer Mulder Bos Vos Peters Hendriks Dekker"
).split()
JOURNALS = ("Journal of Bodywork and Movement Therapies", "Manual Therapy", "BMC Complement")


@dataclass(frozen=True)
class Corpus:
    root: Path
    docs: Path
    bib: Path
    pages: int
    entries: int


def entry_key(index: int) -> str:
    return f"auteur{index:05d}"


def write_bibliography(path: Path, entries: int, rng: random.Random) -> None:
    with path.open("w", encoding="utf-8") as out:
        for index in range(entries):
            authors = " and ".join(
                f"{rng.choice(SURNAMES)}, {rng.choice('ABCDEFGHJKLMNPRSTW')}."
                for _ in range(rng.randint(1, 4))
            )
            year = 1990 + index % 35
            out.write(
                f"@article{{{entry_key(index)},\n"
                f"  author = {{{authors}}},\n"
                f"  title = {{{sentence(rng, 8).rstrip('.')}}},\n"
                f"  journal = {{{rng.choice(JOURNALS)}}},\n"
                f"  year = {{{year}}},\n"
                f"  volume = {{{rng.randint(1, 40)}}},\n"
                f"  pages = {{{rng.randint(1, 300)}--{rng.randint(301, 400)}}},\n"
                f"  doi = {{10.{1000 + index % 9000}/bench.{index}}}\n"
                "}\n\n"
            )


def sentence(rng: random.Random, words: int) -> str:
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def citation(rng: random.Random, cited: range) -> str:
    """A citation of the paper's own entries (`cited`), in one of pandoc's forms."""
    if not cited:  # a corpus without citations: text of the same length in their place
        return f"(Auteur e.a., {rng.randint(1990, 2025)})"
    keys = [entry_key(rng.choice(cited)) for _ in range(3)]
    return rng.choice(
        [
            f"[@{keys[0]}]",
            f"[@{keys[0]}; @{keys[1]}]",
            f"[zie @{keys[0]}, p. {rng.randint(1, 99)}; ook @{keys[1]}]",
            f"[-@{keys[0]}]",
            f"@{keys[0]}",
            f"@{keys[0]} [p. {rng.randint(1, 99)}]",
        ]
    )


def paragraph(rng: random.Random, cited: range) -> str:
    parts = []
    for _ in range(rng.randint(3, 6)):
        text = sentence(rng, rng.randint(8, 20))
        if rng.random() < CITATION_RATE:
            text = f"{text[:-1]} {citation(rng, cited)}."
        parts.append(text)
    return " ".join(parts)


def page_text(rng: random.Random, title: str, cited: range, target_chars: int) -> str:
    blocks = [f"---\ntitle: {title}\nversion: '1.0'\n---\n", f"# {title}\n"]
    notes: list[str] = []
    while sum(map(len, blocks)) < target_chars:
        kind = rng.random()
        if kind < 0.55:
            blocks.append(paragraph(rng, cited))
        elif kind < 0.65:
            blocks.append(f"## {sentence(rng, 4).rstrip('.')}")
        elif kind < 0.72:
            blocks.append("\n".join(f"- {paragraph(rng, cited)}" for _ in range(3)))
        elif kind < 0.78:
            blocks.append(f'!!! note "Let op"\n\n    {paragraph(rng, cited)}')
        elif kind < 0.83:
            blocks.append(f"> {paragraph(rng, cited)}\n>\n> — Vrouw (42)")
        elif kind < 0.87:
            blocks.append("```text\ninfo@example.org @geen_citaat [@ook_geen]\n```")
        elif kind < 0.90:
            blocks.append(f"| a | b |\n| --- | --- |\n| {citation(rng, cited)} | mail: a@b.nl |")
        elif not cited:
            blocks.append(f"{paragraph(rng, cited)} {sentence(rng, 10)}")
        else:
            label = len(notes) + 1
            blocks.append(f"{paragraph(rng, cited)}[^{label}]")
            notes.append(f"[^{label}]: {sentence(rng, 10)} {citation(rng, cited)}")
    return "\n\n".join(blocks + notes) + "\n"


def generate(
    root: Path, pages: int, entries: int, *, page_chars: int = 11_000, seed: int = 2026
) -> Corpus:
    """Write `pages` pages citing `entries` entries under `root` (docs/ and bib/).

    Each paper cites its own share of the bibliography, as real papers do; with `entries=0`
    the pages cite nothing and plain text stands where citations would.
    """
    rng = random.Random(seed)
    docs, bib = root / "docs", root / "bib"
    docs.mkdir(parents=True, exist_ok=True)
    bib.mkdir(parents=True, exist_ok=True)
    write_bibliography(bib / "references.bib", entries, rng)
    papers = -(-pages // PAGES_PER_PAPER)
    share = entries // papers if entries >= papers else entries
    for number in range(pages):
        start = (number // PAGES_PER_PAPER) * share % max(entries, 1)
        cited = range(start, min(start + share, entries))
        paper = docs / f"paper-{number // PAGES_PER_PAPER + 1:04d}"
        paper.mkdir(exist_ok=True)
        name = "index.md" if number % PAGES_PER_PAPER == 0 else f"page-{number % 10:02d}.md"
        title = f"Whitepaper {number // PAGES_PER_PAPER + 1}, deel {number % 10 + 1}"
        (paper / name).write_text(page_text(rng, title, cited, page_chars), encoding="utf-8")
    return Corpus(root, docs, bib, pages, entries)
