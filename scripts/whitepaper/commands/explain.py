"""`whitepaper explain CODE`: what a finding code means and how to fix it, the same Dutch text
as CONTRIBUTING.md's list of findings (both come from explanations/)."""

from __future__ import annotations

import argparse
import re
import sys
import textwrap

from whitepaper.commands import EXIT_OK, UsageProblem
from whitepaper.diagnostics import CODES, did_you_mean
from whitepaper.explanations import EXPLANATIONS
from whitepaper.explanations.contributing import LEVELS

WIDTH = 80


def run_explain(args: argparse.Namespace) -> int:
    asked = _code_in(args.code)
    code = next((code for code in CODES if code == asked), None)
    if code is None:
        raise UsageProblem(
            f"'{args.code}' is geen code van whitepaper check; {did_you_mean(asked, sorted(CODES))}"
        )
    meaning, fix = EXPLANATIONS[code]
    paragraphs = [
        f"{code} ({LEVELS[CODES[code]]})",
        meaning,
        f"Zo lost u het op: {fix}",
    ]
    sys.stdout.write("\n\n".join(textwrap.fill(text, WIDTH) for text in paragraphs) + "\n")
    return EXIT_OK


def _code_in(text: str) -> str:
    """The code in `text` as she may have copied it: `unknown-key`, `error[unknown-key] …`."""
    bracketed = re.search(r"\[([^\]]*)\]", text)
    return (bracketed.group(1) if bracketed else text).strip().strip("`").lower()
