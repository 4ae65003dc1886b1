"""pybtex's entries, built as its `Parser.process_entry` builds them, one at a time, with less
work: a person is made without the five splits of empty strings `Person()` does for the parts
it is not given, and each person field's names are kept as they are split (the check wants
them as written), not split a second time. Errors are collected, never raised.
"""

from __future__ import annotations

import pybtex.errors
from pybtex import textutils
from pybtex.bibtex.utils import split_name_list
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
    if name:
        made._parse_string(name)  # reports a bad name (too many commas) as Person() does
    return made
