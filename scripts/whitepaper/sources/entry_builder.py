"""pybtex's entries, built as its `Parser.process_entry` builds them, one at a time, with less
work: a person is made without the five splits of empty strings `Person()` does for the parts
it is not given, a name without braces is parsed by plain splits (pybtex's brace-aware ones
were a fifth of reading a bibliography), and each person field's names are kept as they are
split (the check wants them as written), not split a second time. Errors are collected, never
raised.
"""

from __future__ import annotations

import pybtex.errors
from pybtex import textutils
from pybtex.bibtex.utils import BIBTEX_SPACE_RE, split_name_list
from pybtex.database import Entry, Person
from pybtex.database.input.bibtex import DuplicateField, Parser
from pybtex.exceptions import PybtexError


class EntryBuilder(Parser):  # type: ignore[misc]
    """pybtex's Entry construction (persons, whitespace), errors collected, one entry at a time."""

    def __init__(self) -> None:
        super().__init__()
        self.errors: list[PybtexError] = []
        # The last built entry's person fields, names as written (first of a role wins).
        self.written_names: dict[str, tuple[str, ...]] = {}

    def handle_error(self, error: PybtexError) -> None:
        self.errors.append(error)

    def build(self, entry_type: str, key: str, fields: list[tuple[str, list[str]]]) -> Entry:
        self.written_names = {}
        with pybtex.errors.capture() as captured:  # person-name errors use the global path
            self.process_entry(entry_type, key, fields)
        self.errors.extend(captured)
        # Taken out again, so pybtex's data is always empty: duplicates are ours to report, not
        # pybtex's (and an empty one costs less than a new one per entry).
        entry: Entry = self.data.entries.pop(key)
        return entry

    # pybtex's own process_entry, step for step (our keys are never None: no unnamed-N), but
    # each person made by `person`, and each person field's names kept as they are split:
    # Person()'s five splits of empty strings and a second split of every name list were a
    # third of the building's time.
    def process_entry(self, entry_type: str, key: str, fields: list[tuple[str, list[str]]]) -> None:
        entry = Entry(entry_type)
        seen_fields: set[str] = set()
        for field_name, field_value_list in fields:
            folded = field_name.lower()
            if folded in seen_fields:
                self.handle_error(DuplicateField(key, field_name))
                continue
            field_value = textutils.normalize_whitespace(self.flatten_value_list(field_value_list))
            if field_name in self.person_fields:
                names = split_name_list(field_value)
                self.written_names[folded] = tuple(names)  # a repeat never gets here
                for name in names:
                    entry.add_person(person(name), field_name)
            else:
                entry.fields[field_name] = field_value
            seen_fields.add(folded)
        self.data.add_entry(key, entry)


def person(name: str) -> Person:
    """`Person(name)`, without the five splits of the empty first=, middle=, ... it is not given."""
    made: Person = Person.__new__(Person)
    made.first_names = []
    made.middle_names = []
    made.prelast_names = []
    made.last_names = []
    made.lineage_names = []
    name = name.strip()
    if name and not _parsed_plain(made, name):
        made._parse_string(name)  # reports a bad name (too many commas) as Person() does
    return made


def _parsed_plain(made: Person, name: str) -> bool:
    """pybtex's `Person._parse_string`, step for step, for the common name: no braces, at most
    two commas, every word starting with a capital or a small letter (the only words whose
    "von"-ness pybtex decides from the first letter). Without braces, its brace-aware split
    is a plain split. False, untouched, for any other name: pybtex parses that one."""
    if "{" in name or "}" in name:
        return False
    parts = [part.strip() for part in name.split(",")]
    if len(parts) > 3:
        return False  # pybtex reports too many commas
    words = [_words(part) for part in parts]
    if not all(word[0].isupper() or word[0].islower() for group in words for word in group):
        return False
    if len(parts) == 1:
        first_middle, von_last = _split_at_first_von(words[0])
        if not von_last and first_middle:
            von_last.append(first_middle.pop())
    else:
        von_last, first_middle = words[0], words[-1]
        if len(parts) == 3:
            made.lineage_names.extend(words[1])
    made.first_names.extend(first_middle[:1])
    made.middle_names.extend(first_middle[1:])
    if len(von_last) > 1:  # the last word is never "von"
        von, last = _split_after_last_von(von_last[:-1])
        made.prelast_names.extend(von)
        made.last_names.extend(last)
    made.last_names.extend(von_last[-1:])
    return True


def _words(text: str) -> list[str]:
    """pybtex's `split_tex_string(text)`, for text without braces."""
    return [word for word in (part.strip() for part in BIBTEX_SPACE_RE.split(text)) if word]


def _split_at_first_von(words: list[str]) -> tuple[list[str], list[str]]:
    at = next((i for i, word in enumerate(words) if word[0].islower()), len(words))
    return words[:at], words[at:]


def _split_after_last_von(words: list[str]) -> tuple[list[str], list[str]]:
    at = next((len(words) - i for i, word in enumerate(reversed(words)) if word[0].islower()), 0)
    return words[:at], words[at:]
