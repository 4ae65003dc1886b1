"""The `whitepaper` command speaks Dutch in its help and usage errors (commands/_arguments)."""

from __future__ import annotations

import pytest

from tests.test_docs import subcommands
from whitepaper.cli import main
from whitepaper.commands._arguments import dutch_error

ENGLISH = ("usage:", "options:", "positional arguments", "show this help", "error:")


@pytest.mark.parametrize("argv", [["--help"], *([c, "--help"] for c in subcommands())])
def test_every_help_is_dutch(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(argv) == 0
    shown = capsys.readouterr().out
    assert shown.startswith("gebruik: whitepaper")
    assert "toon deze uitleg en stop" in shown
    assert not [word for word in ENGLISH if word in shown]
    assert shown.count("opties:") == 1  # a parent's options (--debug) join the same group


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        (["frob"], "whitepaper: fout: COMMAND: 'frob' kan niet; kies uit 'check', "),
        (["check", "--frob"], "whitepaper: fout: onbekend: --frob"),
        (["new"], "whitepaper new: fout: dit ontbreekt nog: MAP, --title"),
        (["check", "--format", "x"], "whitepaper check: fout: --format: 'x' kan niet; kies uit"),
        (["check", "--since"], "whitepaper check: fout: --since: hier hoort één waarde achter"),
        (["preview", "abc"], "whitepaper preview: fout: N: 'abc' is geen nummer van een pull"),
    ],
)
def test_a_usage_error_is_dutch_and_exits_2(
    argv: list[str], said: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.startswith("gebruik: whitepaper")
    assert said in err


@pytest.mark.parametrize(
    ("english", "dutch"),
    [
        ("argument --x: invalid int value: 'a'", "--x: 'a' is geen geldige waarde"),
        ("argument -a: not allowed with argument -b", "-a en -b gaan niet samen"),
        ("ambiguous option: --s could match --since, --strict", "--s kan meer opties zijn: "),
        ("something argparse adds later", "something argparse adds later"),
    ],
)
def test_argparse_messages_in_dutch(english: str, dutch: str) -> None:
    assert dutch_error(english).startswith(dutch)
