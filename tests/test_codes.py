"""diagnostics.Code and diagnostics.CODES: one list of finding codes, each with its level."""

from __future__ import annotations

from typing import get_args

from whitepaper.diagnostics import CODES, Code


def test_the_code_literal_and_the_codes_table_name_the_same_codes() -> None:
    assert set(get_args(Code)) == set(CODES)
    assert len(get_args(Code)) == len(CODES)  # no code twice in the Literal
