"""The `whitepaper` subcommands, one module each; `cli.py` parses the command line.

Exit codes: 0 no errors, 1 errors found (or a failed build), 2 usage or unreadable input,
3 internal error (a short message; the traceback only with --debug).
"""

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3
