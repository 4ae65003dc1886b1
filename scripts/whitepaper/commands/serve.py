"""`whitepaper serve`: MkDocs' live preview, rebuilt on every save (without PDFs)."""

from __future__ import annotations

import argparse
import sys

from whitepaper.commands import EXIT_FINDINGS, EXIT_OK
from whitepaper.commands._mkdocs import ConfigProblem, mkdocs_output


def run_serve(args: argparse.Namespace) -> int:
    from mkdocs.commands.serve import serve
    from mkdocs.exceptions import ConfigurationError, MkDocsException

    with mkdocs_output():
        try:
            serve(config_file=args.config_file, dev_addr=args.dev_addr)
        except ConfigurationError as error:
            raise ConfigProblem(str(error)) from None
        except MkDocsException as error:
            print(f"whitepaper serve: {error}", file=sys.stderr)
            return EXIT_FINDINGS
    return EXIT_OK
