"""The `whitepaper` subcommands, one module each; `cli.py` parses the command line.

Exit codes: 0 no errors, 1 errors found (or a failed build), 2 usage or unreadable input,
3 internal error (a short message; the traceback only with --debug).
"""

from collections.abc import Iterator
from contextlib import contextmanager

from whitepaper.diagnostics import StageError

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3


class UsageProblem(StageError):
    """What was asked cannot be done as asked (a name, an option, the folder it runs in): exit
    code 2; `cli.main` says it as `whitepaper <command>: <message>`."""


@contextmanager
def as_usage(*kinds: type[StageError]) -> Iterator[None]:
    """A stage's errors of `kinds`, said for people with their fix, become usage problems."""
    try:
        yield
    except kinds as problem:
        raise UsageProblem(str(problem)) from None
