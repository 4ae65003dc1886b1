"""explanations: one Dutch table of what each finding code means and how to fix it, and the
list of findings CONTRIBUTING.md is given from it."""

from __future__ import annotations

from pathlib import Path

import pytest

from whitepaper import cli
from whitepaper.diagnostics import CODES
from whitepaper.explanations import EXPLANATIONS
from whitepaper.explanations.__main__ import main
from whitepaper.explanations.contributing import (
    BEGIN,
    END,
    MarkersMissing,
    current_section,
    section,
    with_section,
)


def test_every_code_of_the_check_is_explained_and_nothing_else() -> None:
    """A new code in diagnostics.CODES fails here until the table says what it means."""
    assert set(CODES) - set(EXPLANATIONS) == set(), "explain these codes in explanations/table.py"
    assert set(EXPLANATIONS) - set(CODES) == set(), "these codes are no longer diagnostics.CODES"


@pytest.mark.parametrize("code", sorted(EXPLANATIONS))
def test_an_explanation_is_two_sentences_of_text(code: str) -> None:
    """A meaning and a fix, each ending as a sentence, neither repeating the other."""
    meaning, fix = EXPLANATIONS[code]  # type: ignore[index]
    assert meaning.endswith(".") and fix.endswith("."), code
    assert meaning != fix
    assert "  " not in meaning + fix  # a lost word between two joined string literals


def test_the_section_gives_errors_first_each_code_once() -> None:
    headings = [line for line in section().splitlines() if line.startswith("### ")]
    assert len(headings) == len(CODES)
    levels = [heading.rsplit("(", 1)[1] for heading in headings]
    assert levels == sorted(levels, key=lambda level: level != "fout)")
    assert headings[0] == "### `bib-syntax` (fout)"


def test_the_section_replaces_only_what_lies_between_the_markers() -> None:
    document = f"# Gids\n\nvoor\n\n{BEGIN}\noud\n{END}\n\nna\n"
    rewritten = with_section(document)
    assert rewritten.startswith(f"# Gids\n\nvoor\n\n{BEGIN}\n\n### `bib-syntax`")
    assert rewritten.endswith(f"\n{END}\n\nna\n")
    assert current_section(rewritten) == section()
    assert with_section(rewritten) == rewritten  # regenerating changes nothing


@pytest.mark.parametrize(
    "document",
    ["geen markeringen", f"{BEGIN}\n", f"{END}\n{BEGIN}\n", f"{BEGIN}\n{END}\n{BEGIN}\n{END}\n"],
)
def test_a_document_without_one_pair_of_markers_is_refused(document: str) -> None:
    with pytest.raises(MarkersMissing, match="zet precies één keer"):
        with_section(document)


def test_the_module_rewrites_the_file_it_is_given(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    guide = tmp_path / "CONTRIBUTING.md"
    guide.write_text(f"{BEGIN}\n{END}\n", encoding="utf-8")
    assert main([str(guide)]) == 0
    assert current_section(guide.read_text(encoding="utf-8")) == section()
    assert capsys.readouterr().out == f"{guide}: lijst van meldingen bijgewerkt\n"


def test_the_module_says_what_is_missing_and_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    guide = tmp_path / "CONTRIBUTING.md"
    guide.write_text("geen markeringen\n", encoding="utf-8")
    assert main([str(guide)]) == 2
    assert guide.read_text(encoding="utf-8") == "geen markeringen\n"  # left as it was
    assert capsys.readouterr().err.startswith(f"{guide}: zet precies één keer <!-- codes:begin")
    assert main([str(tmp_path / "nergens.md")]) == 2


def test_print_writes_the_section_and_changes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["--print"]) == 0
    assert capsys.readouterr().out == section()
    assert list(tmp_path.iterdir()) == []


# --- whitepaper explain ----------------------------------------------------------------------


@pytest.mark.parametrize("asked", ["unknown-key", "error[unknown-key]", "`Unknown-Key`"])
def test_explain_prints_the_table_s_text_for_a_code(
    asked: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """The code as written, or as copied from a finding's line (`error[unknown-key] …`)."""
    assert cli.main(["explain", asked]) == 0
    out = capsys.readouterr().out
    meaning, fix = EXPLANATIONS["unknown-key"]
    assert out.startswith("unknown-key (fout)\n\nDe tekst noemt een sleutel")
    assert " ".join(out.split()) == " ".join(
        ["unknown-key (fout)", meaning, "Zo lost u het op:", fix]
    )
    assert max(len(line) for line in out.splitlines()) <= 80


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (
            ["explain", "unkown-key"],
            "'unkown-key' is geen code van whitepaper check; bedoelde u 'unknown-key'?",
        ),
        (["explain"], "dit ontbreekt nog: CODE"),
    ],
)
def test_explain_of_no_code_exits_2(
    argv: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(argv) == 2
    captured = capsys.readouterr()
    assert message in captured.err and captured.out == ""
