"""bib_scan.py: the fast reading of .bib text gives exactly what pybtex's scanner gives, or None.

Every test compares with pybtex's own `LowLevelParser`: whenever `scan_entries` gives a list, it
is what pybtex yields, and pybtex found no problem in that text.
"""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest
from benchmarks.corpus import generate
from pybtex.database.input.bibtex import LowLevelParser, month_names
from pybtex.utils import CaseInsensitiveDict

from whitepaper.sources import bibliography
from whitepaper.sources.bib_scan import scan_entries
from whitepaper.sources.bibliography import load_bibliography, parse_bib_text
from whitepaper.sources.entries import BibEntry

REPOSITORY = Path(__file__).resolve().parent.parent
REAL_BIB_FILES = sorted((REPOSITORY / "bib").glob("*.bib"))
TEST_BIB_FILES = sorted((REPOSITORY / "tests" / "data").rglob("*.bib"))


def pybtex_reading(text: str) -> tuple[list[tuple[Any, ...]], list[Exception]]:
    """What pybtex's scanner yields (each command with its '@' and its end), and its errors."""
    problems: list[Exception] = []
    parser = LowLevelParser(
        text, macros=CaseInsensitiveDict(month_names), handle_error=problems.append
    )
    commands = [(command, body, parser.command_start, parser.pos) for command, body in parser]
    return commands, problems


def fast_reading(text: str) -> list[tuple[Any, ...]] | None:
    macros = CaseInsensitiveDict(month_names)
    scanned = scan_entries(text, macros)
    assert macros == CaseInsensitiveDict(month_names)  # read, never changed
    if scanned is None:
        return None
    return [(e.command, (e.key, e.fields), e.start, e.end) for e in scanned]


def accepted_as_pybtex_reads(text: str) -> bool:
    """Whether the fast reading answered; when it does, it must be pybtex's error-free reading."""
    fast = fast_reading(text)
    if fast is None:
        return False
    commands, problems = pybtex_reading(text)
    assert problems == []
    assert fast == commands
    return True


def read_text(path: Path) -> str:
    return path.read_bytes().decode("utf-8-sig")


@pytest.mark.parametrize("path", REAL_BIB_FILES, ids=lambda p: p.name)
def test_the_repository_bibliography_takes_the_fast_path(path: Path) -> None:
    """bib/'s own files are read fast, and exactly as pybtex reads them."""
    assert accepted_as_pybtex_reads(read_text(path))


def decodable(paths: list[Path]) -> list[Path]:
    readable = []
    for path in paths:
        try:
            read_text(path)
        except UnicodeDecodeError:  # the catalogue's encoding case: never parsed
            continue
        readable.append(path)
    return readable


@pytest.mark.parametrize(
    "path", decodable(TEST_BIB_FILES), ids=lambda p: str(p.relative_to(REPOSITORY / "tests"))
)
def test_every_test_bib_file_reads_as_pybtex_reads_it(path: Path) -> None:
    """Each .bib file of the test data (broken ones too): pybtex's reading, or None."""
    accepted_as_pybtex_reads(read_text(path))


def test_the_test_data_mostly_takes_the_fast_path() -> None:
    """Most test bibliographies are well formed: a scanner that always said None would fail."""
    texts = [read_text(path) for path in decodable(TEST_BIB_FILES)]
    fast = sum(accepted_as_pybtex_reads(text) for text in texts)
    assert fast >= len(texts) * 3 // 4


def test_the_benchmark_corpus_takes_the_fast_path(tmp_path: Path) -> None:
    """The generated bibliography, every entry plain, is read fast and exactly."""
    corpus = generate(tmp_path, 5, 300)
    text = read_text(corpus.bib / "references.bib")
    assert accepted_as_pybtex_reads(text)
    assert len(fast_reading(text) or []) == 300


DEEP = "{" * 100 + "}" * 100
TOO_DEEP = "{" * 101 + "}" * 101

# (id, text, whether the fast reading answers)
SNIPPETS = [
    ("plain", "@article{k, title = {T}, year = {2020}}", True),
    ("nested braces", "@article{k, title = {The {AFM} {a {b} c}}}", True),
    ("quoted", '@article{k, title = "a, b = c"}', True),
    ("quote inside braces in quotes", '@article{k, title = "a {"} b"}', True),
    ("braces in quotes", '@article{k, title = "a {B} c"}', True),
    ("quote inside braces", '@article{k, title = {a "b" c}}', True),
    ("concatenation", '@article{k, title = "a" # {b} # jan # 12}', True),
    ("concatenation with spaces", "@article{k, title = {a}#\n  {b}  #  mar}", True),
    ("month macro", "@article{k, month = jan}", True),
    ("month macro in capitals", "@article{k, month = JAN}", True),
    ("number", "@article{k, year = 2020, volume = 7}", True),
    ("empty values", '@article{k, title = {}, note = ""}', True),
    ("comment", "@comment{jabref-meta: databaseType:bibtex;}\n@misc{k, title={T}}", True),
    ("comment in parentheses", "@COMMENT(x)\n@misc{k,}", True),
    ("comment with nested text", "@comment{a {b} }\n@misc{k,}", True),
    ("comment shaped like an entry", "@comment{k, title = {T}}\n@misc{a,}", True),
    ("entry right after a comment's brace", "@comment{@misc{k, title = {T}}", True),
    ("text between entries", "Tekst\n@misc{a,title={x}}\nmeer } tekst\n\n@misc{b,}", True),
    ("closing brace after entry", "@misc{a, title = {a}}}\n@misc{b,}", True),
    ("at sign in name", "@@article{k, title={T}}", True),
    ("whitespace everywhere", "@ article {  key ,\n title\t=\n{x} ,\n year =  2000  }", True),
    ("unicode whitespace", "@misc{k,\u00a0title\u2003=\u00a0{x}}", True),
    ("empty field list", "@misc{key}", True),
    ("only a comma", "@misc{key,}", True),
    ("trailing comma", "@misc{k, title = {T},}", True),
    ("double commas", "@misc{k,, title = {T},, year = 1,}", True),
    ("no comma after the key", "@misc{key title = {T}}", True),
    ("odd key", "@misc{a:b/c-d'e+f=g{h, title = {T}}", True),
    ("odd field names", "@misc{k, a.b:c-d = {x}, title2 = {y}, URL = {z}}", True),
    ("crlf", "@article{k,\r\n  title = {a\r\n b},\r\n}\r\n", True),
    ("unicode text", "@misc{müller2010, title = {Über {Ä} ß — “x”}}", True),
    ("nesting at pybtex's limit", f"@misc{{k, title = {{{DEEP}}}}}", True),
    ("quoted nesting at the limit", f'@misc{{k, title = "{DEEP}"}}', True),
    ("no entries", "% nothing here\n", True),
    ("empty text", "", True),
    ("nesting past pybtex's limit", f"@misc{{k, title = {{{TOO_DEEP}}}}}", False),
    ("quoted nesting past the limit", f'@misc{{k, title = "{TOO_DEEP}"}}', False),
    ("unbalanced braces", "@article{k, title = {a {b}}\n", False),
    ("closing brace in quotes", '@article{k, title = "a } b"}', False),
    ("closing brace in quotes, then a field", '@misc{k, title = "a }, b = "c"}', False),
    ("unclosed quotes", '@article{k, title = "a b}\n', False),
    ("unclosed entry", "@article{k, title = {a},\n@misc{b,}", False),
    ("unclosed at the end", "@article{k, title = {a}", False),
    ("unknown macro", "@article{k, journal = jrnl}", False),
    ("unknown macro in concatenation", "@article{k, journal = {a} # jrnl}", False),
    ("parentheses", "@article(k, title = {x})", False),
    ("string", '@string{jr = "Journal"}\n@article{k, journal = jr}', False),
    ("preamble", '@preamble{"\\newcommand{\\x}{}"}\n@misc{k,}', False),
    ("missing key", "@article{, title = {x}}", False),
    ("missing equals", "@article{k, title {x}}", False),
    ("missing comma between fields", "@article{k, title = {x} year = {y}}", False),
    ("missing value", "@article{k, title = ,}", False),
    ("field without value", "@article{k, title}", False),
    ("number with letters", "@article{k, year = 2020a}", False),
    ("hash at the end", "@article{k, title = {a} # }", False),
    ("entry type only", "@article", False),
    ("at sign at the end", "@misc{k,}\n@", False),
    ("at sign in text", "mail a@b.nl\n@misc{k,}", False),
    ("comment without brace", "@comment jabref\n@misc{k,}", False),
    ("key only, unclosed", "@article{k", False),
]


@pytest.mark.parametrize(("text", "fast"), [s[1:] for s in SNIPPETS], ids=[s[0] for s in SNIPPETS])
def test_snippets_read_as_pybtex_reads_them(text: str, fast: bool) -> None:
    """Each tricky case: pybtex's reading when well formed and handled, else None."""
    assert accepted_as_pybtex_reads(text) is fast


NAMES = ["title", "Author", "year", "month", "journal", "a.b", "x-1", "@n", "URL", "note"]
KEYS = ["k1", "wal2013", "a:b", "x{y", "ü2010", "k-1", "A"]
TYPES = ["article", "Book", "misc", "@article", "comment", "COMMENT", "inproceedings"]
SPACES = ["", "", " ", "\n", "  ", "\t", "\r\n", "\u00a0"]
TEXT_CHARS = "abc XYZ,.=#@\"'()%\n\\é"
MUTATIONS = '{}"@#,=() \n\r\tajx0'


def random_text(rng: random.Random, depth: int = 0) -> str:
    pieces = []
    for _ in range(rng.randint(0, 4)):
        roll = rng.random()
        if roll < 0.15 and depth < 3:
            pieces.append("{" + random_text(rng, depth + 1) + "}")
        else:
            pieces.append("".join(rng.choice(TEXT_CHARS) for _ in range(rng.randint(0, 5))))
    return "".join(pieces)


def random_part(rng: random.Random) -> str:
    roll = rng.random()
    if roll < 0.5:
        return "{" + random_text(rng) + "}"
    if roll < 0.7:
        text = random_text(rng).replace('"', "")
        return '"' + text + '"'
    if roll < 0.85:
        return str(rng.randint(0, 3000))
    return rng.choice(["jan", "DEC", "May", "nomacro"])


def random_field(rng: random.Random) -> str:
    parts = [random_part(rng) for _ in range(rng.choice([1, 1, 1, 2, 3]))]
    value = (rng.choice(SPACES) + "#" + rng.choice(SPACES)).join(parts)
    space = rng.choice(SPACES)
    return f"{space}{rng.choice(NAMES)}{space}={rng.choice(SPACES)}{value}{rng.choice(SPACES)}"


def random_entry(rng: random.Random) -> str:
    fields = [random_field(rng) for _ in range(rng.randint(0, 5))]
    separator = rng.choice([",", ",", ",\n  ", " ,", ",,"])
    body = rng.choice(["", ","]) + separator.join(fields) + rng.choice(["", ",", "\n"])
    space = rng.choice(SPACES)
    opening, closing = ("{", "}") if rng.random() < 0.95 else ("(", ")")
    entry_type = rng.choice(TYPES)
    return f"@{space}{entry_type}{space}{opening}{space}{rng.choice(KEYS)}{body}{closing}"


def random_bib(rng: random.Random) -> str:
    between = ["\n", "\n\n", "% commentaar\n", "tekst ", "\r\n", "", "}"]
    text = "".join(rng.choice(between) + random_entry(rng) for _ in range(rng.randint(1, 4)))
    for _ in range(rng.choice([0, 0, 1, 2])):  # a mutation: a character lost or added
        at = rng.randrange(len(text) + 1)
        if rng.random() < 0.5:
            text = text[:at] + text[at + 1 :]
        else:
            text = text[:at] + rng.choice(MUTATIONS) + text[at:]
    return text


def test_random_texts_read_as_pybtex_reads_them() -> None:
    """Hundreds of random, partly broken, .bib texts: pybtex's reading or None, never other."""
    rng = random.Random(2026)
    texts = [random_bib(rng) for _ in range(600)]
    fast = [accepted_as_pybtex_reads(text) for text in texts]
    assert 100 < sum(fast) < 500  # both paths taken often: the grammar reaches both


def entry_values(entry: BibEntry) -> tuple[Any, ...]:
    """Everything a BibEntry holds, the fields its equality leaves out too."""
    return (
        entry.key,
        entry.path,
        entry.line,
        entry.column,
        entry.entry,
        entry.excerpt,
        entry.source,
        entry.broken,
        dict(entry.written_names),
    )


def both_paths(text: str, path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Any, Any]:
    calls: list[bool] = []

    def spy(text: str, macros: CaseInsensitiveDict) -> Any:
        scanned = scan_entries(text, macros)
        calls.append(scanned is not None)
        return scanned

    monkeypatch.setattr(bibliography, "scan_entries", spy)
    fast_entries, fast_diagnostics = parse_bib_text(text, path, root=path.parent)
    assert calls == [True]  # the fast path read it
    monkeypatch.setattr(bibliography, "scan_entries", lambda text, macros: None)
    slow_entries, slow_diagnostics = parse_bib_text(text, path, root=path.parent)
    monkeypatch.undo()
    fast = ([entry_values(e) for e in fast_entries], fast_diagnostics)
    slow = ([entry_values(e) for e in slow_entries], slow_diagnostics)
    return fast, slow


@pytest.mark.parametrize("path", REAL_BIB_FILES, ids=lambda p: p.name)
def test_parse_bib_text_gives_the_same_entries_on_both_paths(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """bib/'s files: the same BibEntrys and findings, read fast or by pybtex."""
    fast, slow = both_paths(read_text(path), path, monkeypatch)
    assert fast == slow
    assert fast[0]


def test_parse_bib_text_gives_the_same_corpus_on_both_paths(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The benchmark corpus: the same BibEntrys and findings on both paths."""
    path = generate(tmp_path, 5, 300).bib / "references.bib"
    fast, slow = both_paths(read_text(path), path, monkeypatch)
    assert fast == slow
    assert len(fast[0]) == 300


def test_data_errors_are_the_same_on_both_paths(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What pybtex's Entry building says (a duplicate field, a bad name) comes on both paths."""
    text = (
        "@article{a, title = {T}, Title = {U}, author = {A, B, C, D}}\n"
        "@misc{b, author = {Doe, J. and}, year = 2000}\n"
    )
    fast, slow = both_paths(text, tmp_path / "refs.bib", monkeypatch)
    assert fast == slow
    assert fast[1]  # the findings themselves


def test_abbreviations_of_one_file_serve_the_next_on_the_fast_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """a.bib's @string (read by pybtex) is known when b.bib is read fast."""
    (tmp_path / "bib").mkdir()
    (tmp_path / "bib" / "a.bib").write_text('@string{jr = "Journal"}\n', encoding="utf-8")
    (tmp_path / "bib" / "b.bib").write_text("@article{k, journal = jr}\n", encoding="utf-8")
    fast = load_bibliography(tmp_path / "bib", root=tmp_path)
    monkeypatch.setattr(bibliography, "scan_entries", lambda text, macros: None)
    slow = load_bibliography(tmp_path / "bib", root=tmp_path)
    assert [entry_values(e) for e in fast.all_entries] == [
        entry_values(e) for e in slow.all_entries
    ]
    assert fast.diagnostics == slow.diagnostics == ()
    assert fast.entries["k"].fields["journal"] == "Journal"
