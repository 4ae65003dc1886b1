"""A contributor from nothing to a building paper, as CONTRIBUTING.md tells her: `whitepaper
new`, `whitepaper cite` (against a recorded doi.org answer), her own text, `whitepaper check`,
the build. Each step is the command she types; only the network is recorded."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import responses
from lxml import html

from tests.catalogue import quick_config, run_command
from tests.conftest import build_site
from whitepaper import starter

DOI = "10.5555/jbmt.2018.001"
RECORDED = Path(__file__).parent / "data" / "net" / "doi-csl.json"
PAGE = Path("docs/massage-bij-nekpijn/index.md")
BIB = Path("bib/massage-bij-nekpijn.bib")
HER_TEXT = """\
---
title: "Massage bij nekpijn"
owners: ["@whitepaper-nl/massage"]
version: "1.0"
date: 2026-12
association: Proefvereniging voor massage
contact: secretariaat@proefvereniging.nl
---

# Massage bij nekpijn

Fascie speelt een rol bij nekklachten [@{key}, p. 114].
Een voetnoot legt het verband uit.[^1]

[^1]: Zo beschrijven @{key} het behandelen van fascie.
"""


@pytest.mark.slow
@responses.activate
def test_new_cite_check_build(project_copy: Path, tmp_path: Path) -> None:
    (project_copy / "mkdocs.yml").write_text(quick_config(), encoding="utf-8")
    code, said = run_command(
        project_copy, "new", "massage-bij-nekpijn", "--title", "Massage bij nekpijn",
        "--owner", "@whitepaper-nl/massage",
    )  # fmt: skip
    assert code == 0, said
    code, said = run_command(project_copy, "check", str(PAGE))
    assert code == 0 and "warning[example-text]" in said, said  # what is still to write
    assert "warning[missing-metadata]" in said, said  # who stands behind it, and when

    responses.get(f"https://doi.org/{DOI}", json=json.loads(RECORDED.read_text("utf-8")))
    code, said = run_command(project_copy, "cite", DOI, "--bib", str(BIB))
    assert code == 0, said
    [key] = [word.strip("[@]") for word in said.split() if word.startswith("[@")]
    assert key == "stecco2018a"  # stecco2018 is taken in bib/massagetherapie.bib

    # She writes her text and removes the example entry, as the starter says.
    (project_copy / PAGE).write_text(HER_TEXT.format(key=key), encoding="utf-8")
    bib = (project_copy / BIB).read_text(encoding="utf-8")
    example = bib[bib.index("@misc{") : bib.index("}\n", bib.index("note =")) + 2]
    assert starter.example_key("massage-bij-nekpijn") in example
    (project_copy / BIB).write_text(bib.replace(example, ""), encoding="utf-8")

    code, said = run_command(project_copy, "check", str(PAGE), str(BIB))
    assert code == 0, said
    mine = [line for line in said.splitlines() if "massage-bij-nekpijn" in line]
    assert mine == [], said  # nothing of hers is left to fix

    site = build_site(project_copy / "mkdocs.yml", tmp_path / "site", tmp_path / "cache")
    page = html.parse(str(site / "massage-bij-nekpijn" / "index.html")).getroot()
    text = " ".join(page.xpath("string(//article)").split())
    assert "(Stecco et al., 2018, p. 114)" in text
    assert "Stecco, A., Stecco, C., & van der Wal, J. (2018). Fascial disorders" in text
    assert "[@" not in text and starter.EXAMPLE_MARK not in text
