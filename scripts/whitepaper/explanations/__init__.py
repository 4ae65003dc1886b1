"""What each finding code means and how to fix it, in Dutch for contributors: one table
(`table.py`), from which CONTRIBUTING.md's list of findings is generated (`contributing.py`,
`python -m whitepaper.explanations`) and `whitepaper explain CODE` answers."""

from whitepaper.explanations.table import EXPLANATIONS, Explanation

__all__ = ["EXPLANATIONS", "Explanation"]
