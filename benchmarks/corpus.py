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


def citation(rng: random.Random, entries: int) -> str:
    if not entries:  # a corpus without citations: text of the same length in their place
        return f"(Auteur e.a., {rng.randint(1990, 2025)})"
    keys = [entry_key(rng.randrange(entries)) for _ in range(3)]
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


def paragraph(rng: random.Random, entries: int) -> str:
    parts = []
    for _ in range(rng.randint(3, 6)):
        text = sentence(rng, rng.randint(8, 20))
        if rng.random() < 0.5:
            text = f"{text[:-1]} {citation(rng, entries)}."
        parts.append(text)
    return " ".join(parts)


def page_text(rng: random.Random, title: str, entries: int, target_chars: int) -> str:
    blocks = [f"---\ntitle: {title}\nversion: '1.0'\n---\n", f"# {title}\n"]
    notes: list[str] = []
    while sum(map(len, blocks)) < target_chars:
        kind = rng.random()
        if kind < 0.55:
            blocks.append(paragraph(rng, entries))
        elif kind < 0.65:
            blocks.append(f"## {sentence(rng, 4).rstrip('.')}")
        elif kind < 0.72:
            blocks.append("\n".join(f"- {paragraph(rng, entries)}" for _ in range(3)))
        elif kind < 0.78:
            blocks.append(f'!!! note "Let op"\n\n    {paragraph(rng, entries)}')
        elif kind < 0.83:
            blocks.append(f"> {paragraph(rng, entries)}\n>\n> — Vrouw (42)")
        elif kind < 0.87:
            blocks.append("```text\ninfo@example.org @geen_citaat [@ook_geen]\n```")
        elif kind < 0.90:
            blocks.append(f"| a | b |\n| --- | --- |\n| {citation(rng, entries)} | mail: a@b.nl |")
        elif not entries:
            blocks.append(f"{paragraph(rng, entries)} {sentence(rng, 10)}")
        else:
            label = len(notes) + 1
            blocks.append(f"{paragraph(rng, entries)}[^{label}]")
            notes.append(f"[^{label}]: {sentence(rng, 10)} {citation(rng, entries)}")
    return "\n\n".join(blocks + notes) + "\n"


def generate(
    root: Path, pages: int, entries: int, *, page_chars: int = 11_000, seed: int = 2026
) -> Corpus:
    """Write `pages` pages citing `entries` entries under `root` (docs/ and bib/).

    With `entries=0` the pages cite nothing: plain text stands where citations would.
    """
    rng = random.Random(seed)
    docs, bib = root / "docs", root / "bib"
    docs.mkdir(parents=True, exist_ok=True)
    bib.mkdir(parents=True, exist_ok=True)
    write_bibliography(bib / "references.bib", entries, rng)
    for number in range(pages):
        paper = docs / f"paper-{number // PAGES_PER_PAPER + 1:04d}"
        paper.mkdir(exist_ok=True)
        name = "index.md" if number % PAGES_PER_PAPER == 0 else f"page-{number % 10:02d}.md"
        title = f"Whitepaper {number // PAGES_PER_PAPER + 1}, deel {number % 10 + 1}"
        (paper / name).write_text(page_text(rng, title, entries, page_chars), encoding="utf-8")
    return Corpus(root, docs, bib, pages, entries)
