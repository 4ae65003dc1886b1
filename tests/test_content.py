"""The papers themselves: every one builds, every citation resolves, and the sources survive."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT
from whitepaper.check.findings import check

FIDELITY = ROOT.parent / "shared" / "tools" / "fidelity.py"
PAPERS = sorted(p.parent.name for p in (ROOT / "docs").glob("*/index.md"))


def test_no_finding_at_error_level_in_the_project() -> None:
    errors = [d for d in check(ROOT / "docs", ROOT / "bib", root=ROOT) if d.severity == "error"]
    assert errors == []


def test_every_entry_is_cited() -> None:
    unused = [d for d in check(ROOT / "docs", ROOT / "bib", root=ROOT) if d.code == "unused-entry"]
    assert unused == []


@pytest.mark.slow
@pytest.mark.parametrize("paper", PAPERS)
def test_every_paper_is_built(built_site: Path, paper: str) -> None:
    html = (built_site / paper / "index.html").read_text(encoding="utf-8")
    assert 'class="wp-citebox' in html  # the whole paper template ran


def test_every_source_document_survives_in_the_project() -> None:
    if not FIDELITY.is_file():
        pytest.skip(f"the source documents' tool is not beside this checkout ({FIDELITY})")
    result = subprocess.run(
        [sys.executable, str(FIDELITY), "--min", "0.95", "--show", "3", "docs", "bib"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout
