"""links.py: the one rule for web addresses and DOIs, as the check states it."""

from __future__ import annotations

import pytest

from whitepaper.links import doi_problem, url_problem


@pytest.mark.parametrize(
    ("url", "problem"),
    [
        ("https://www.ncbi.nlm.nih.gov/pubmed/123", False),
        ("HTTP://example.org/a?b=c&d=e#f", False),
        ("javascript:alert(1)", True),
        ("JavaScript:alert(1)", True),
        ("data:text/html,<script>", True),
        ("file:///etc/passwd", True),
        ("vbscript:msgbox", True),
        ("//evil.example/x", True),
        ("www.example.org", True),
        ("http:example.org", True),
        ('https://x.nl/" onclick="alert(1)', True),
        ("https://x.nl/<script>", True),
    ],
)
def test_url_rule(url: str, problem: bool) -> None:
    """Only plain http(s) links pass; everything else is unsafe-url."""
    assert (url_problem(url) is not None) is problem


@pytest.mark.parametrize(
    ("doi", "code"),
    [
        ("10.1016/j.jbmt.2018.01.002", None),
        ("10.1002/(SICI)1097-4571(199806)49:8<693::AID-ASI3>3.0.CO;2-O", None),
        ("https://doi.org/10.1016/j.jbmt.2018.01.002", "bad-doi"),
        ("http://dx.doi.org/10.1016/j.jbmt.2018.01.002", "bad-doi"),
        ("doi:10.1016/j.jbmt.2018.01.002", "bad-doi"),
        ("ISBN 978-90-368-1234-5", "bad-doi"),
        ("10.1/x", "bad-doi"),
        ("https://example.org/paper", "bad-doi"),
        ("javascript:alert(1)//10.1016/x", "unsafe-url"),
    ],
)
def test_doi_rule(doi: str, code: str | None) -> None:
    """Bare DOIs pass; doi.org links get a tip to store the bare DOI; other schemes are unsafe."""
    problem = doi_problem(doi)
    assert (problem[0] if problem else None) == code


def test_doi_link_tip_names_the_bare_doi() -> None:
    problem = doi_problem("https://doi.org/10.1016/j.jbmt.2018.01.002")
    assert problem is not None
    assert problem[2] == "sla de kale DOI op: doi = {10.1016/j.jbmt.2018.01.002}"
