"""argparse in Dutch: the `whitepaper` command's help and usage errors in the readers' language.

argparse writes its own words ("usage:", "options", "the following arguments are required")
in English through gettext, and Python ships no Dutch catalogue for it. The few words a
contributor meets are said here instead: section titles and the help option at construction,
the usage prefix in the formatter, and the usage errors translated by pattern where argparse
reports them (`error`). A message no pattern knows stays as argparse wrote it.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Iterable, Sequence
from typing import Any, NoReturn

from whitepaper.site_version import preview_number

# argparse's usage errors (Lib/argparse.py, Python 3.11-3.13), each with its Dutch form
_ERRORS = [
    (r"the following arguments are required: (.+)", r"dit ontbreekt nog: \1"),
    (r"unrecognized arguments: (.+)", r"onbekend: \1"),
    (
        r"argument (.+?): invalid choice: (.+?) \(choose from (.+)\)",
        r"\1: \2 kan niet; kies uit \3",
    ),
    (r"argument (.+?): expected one argument", r"\1: hier hoort één waarde achter"),
    (
        r"argument (.+?): expected at least one argument",
        r"\1: hier hoort minstens één waarde achter",
    ),
    (r"argument (.+?): invalid \S+ value: (.+)", r"\1: \2 is geen geldige waarde"),
    (r"argument (.+?): not allowed with argument (.+)", r"\1 en \2 gaan niet samen"),
    (r"argument (.+?): ignored explicit argument (.+)", r"\1: \2 hoort er niet achter"),
    (r"ambiguous option: (\S+) could match (.+)", r"\1 kan meer opties zijn: \2"),
    (r"argument (.+?): (.+)", r"\1: \2"),  # our own `type=` functions' messages are Dutch
]


def dutch_error(message: str) -> str:
    """argparse's usage error `message` in Dutch (as written when no pattern knows it)."""
    for pattern, dutch in _ERRORS:
        if re.fullmatch(pattern, message, flags=re.DOTALL):
            return re.sub(pattern, dutch, message, flags=re.DOTALL)
    return message


class DutchHelpFormatter(argparse.HelpFormatter):
    def add_usage(
        self,
        usage: str | None,
        actions: Iterable[argparse.Action],
        groups: Iterable[argparse._MutuallyExclusiveGroup],
        prefix: str | None = None,
    ) -> None:
        super().add_usage(usage, actions, groups, "gebruik: " if prefix is None else prefix)


class DutchArgumentParser(argparse.ArgumentParser):
    """An ArgumentParser whose help and usage errors are Dutch; its sub-parsers too."""

    def __init__(
        self,
        *,
        add_help: bool = True,
        parents: Sequence[argparse.ArgumentParser] = (),
        **kwargs: Any,
    ) -> None:
        kwargs.setdefault("formatter_class", DutchHelpFormatter)
        super().__init__(add_help=False, **kwargs)
        # renamed before the parents' options join, so theirs land in the same groups
        self._positionals.title = "argumenten"
        self._optionals.title = "opties"
        if add_help:
            self.add_argument("-h", "--help", action="help", help="toon deze uitleg en stop")
        for parent in parents:  # what argparse does with `parents`, after the titles
            self._add_container_actions(parent)
            self._defaults.update(parent._defaults)

    def error(self, message: str) -> NoReturn:
        """The usage, then `whitepaper …: fout: <what is wrong>`, exit 2 (as argparse does)."""
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: fout: {dutch_error(message)}\n")


def pull_request(text: str) -> int:
    """`--preview N`, `preview N`: the number of a pull request, for argparse."""
    number = preview_number(text)
    if number is None:
        raise argparse.ArgumentTypeError(
            f"'{text}' is geen nummer van een pull request: schrijf een positief geheel getal,"
            " zoals 12"
        )
    return number


def days(text: str) -> int:
    """`verify --max-age DAGEN`: a number of days, for argparse."""
    if not text.isdigit():
        raise argparse.ArgumentTypeError(f"'{text}' is geen aantal dagen: schrijf 0 of meer")
    return int(text)
