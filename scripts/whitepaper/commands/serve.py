"""`whitepaper serve`: MkDocs' live preview, rebuilt on every save (without PDFs)."""

from __future__ import annotations

import argparse
import errno
import logging
import socket
import sys
from collections.abc import Iterator
from contextlib import contextmanager

from whitepaper.commands import EXIT_FINDINGS, EXIT_OK, UsageProblem
from whitepaper.commands._mkdocs import ConfigProblem, check_project, failure, mkdocs_output
from whitepaper.commands._staging import DISK_FULL, reason

NEXT_PORTS = 20  # how far past a taken port a free one is looked for, to suggest it


def run_serve(args: argparse.Namespace) -> int:
    from mkdocs.commands.serve import serve
    from mkdocs.exceptions import Abort, ConfigurationError, MkDocsException

    check_project(args.config_file, "whitepaper serve")
    problem = address_problem(args.dev_addr)  # before the first build, which takes a while
    if problem:
        raise UsageProblem(problem)
    with mkdocs_output(), dirty_builds_unsaid():
        try:
            # Dirty: the plugin renders again only the pages a save changed, every other
            # page as the last build made it, when that is the same (whitepaper.live_rebuild).
            serve(config_file=args.config_file, dev_addr=args.dev_addr, build_type="dirty")
        except ConfigurationError as error:
            raise ConfigProblem(str(error)) from None
        except Abort as error:
            if "configuration" in str(error):  # MkDocs has logged each wrong value, named
                problem = f"{args.config_file} of -a is niet geldig (zie hierboven)"
                raise ConfigProblem(problem) from None
            print(f"whitepaper serve: {failure(error)}", file=sys.stderr)
            return EXIT_FINDINGS
        except MkDocsException as error:
            print(f"whitepaper serve: {error}", file=sys.stderr)
            return EXIT_FINDINGS
        except OSError as error:  # the address, taken since it was tried; a full disk
            host, port = _split(args.dev_addr) or ("", 0)
            problem = _bind_problem(error, host, port) if error.filename is None else None
            if error.errno in DISK_FULL:
                problem = f"{reason(error)}: de voorvertoning past er niet op; maak ruimte vrij"
            if problem is None:
                raise
            raise UsageProblem(problem) from None
    return EXIT_OK


class _DirtyWarning(logging.Filter):
    """MkDocs warns of each dirty build that its navigation may be wrong; the plugin keeps it
    right, and a warning would stop each build of a strict site."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith("A 'dirty' build is being performed")


@contextmanager
def dirty_builds_unsaid() -> Iterator[None]:
    logger, unsaid = logging.getLogger("mkdocs.commands.build"), _DirtyWarning()
    logger.addFilter(unsaid)
    try:
        yield
    finally:
        logger.removeFilter(unsaid)


def address_problem(dev_addr: str) -> str | None:
    """Why `whitepaper serve` cannot listen at `dev_addr` ('host:port'), with another one to
    use; None if it can (or if MkDocs should say what is wrong with how it is written)."""
    split = _split(dev_addr)
    if split is None:
        return None
    host, port = split
    if not 0 < port < 65536:
        return (
            f"poort {port} bestaat niet: kies er een van 1024 tot 65535, zoals {_use(host, 8000)}"
        )
    try:
        _try(host, port)
    except OSError as error:
        return _bind_problem(error, host, port)
    return None


def _split(dev_addr: str) -> tuple[str, int] | None:
    host, colon, port = dev_addr.rpartition(":")
    if not colon or not port.isdigit() or not host:
        return None
    return host.removeprefix("[").removesuffix("]"), int(port)


def _try(host: str, port: int) -> None:
    """Listen at host:port for a moment, as MkDocs will (SO_REUSEADDR, like its server)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    socket.create_server((host, port), family=family).close()


def _bind_problem(error: OSError, host: str, port: int) -> str | None:
    if isinstance(error, socket.gaierror):
        return f"{host} is geen adres van deze computer; gebruik {_use('127.0.0.1', port)}"
    if error.errno == errno.EADDRINUSE:
        return (
            f"poort {port} is al in gebruik (draait `whitepaper serve` al, in een ander"
            f" venster?); stop dat, of kies een andere poort: {_use(host, _free_port(host, port))}"
        )
    if error.errno == errno.EADDRNOTAVAIL:
        return f"{host} is geen adres van deze computer; gebruik {_use('127.0.0.1', port)}"
    if error.errno == errno.EACCES:
        return (
            f"poort {port} mag alleen de beheerder gebruiken; kies er een van 1024 tot 65535,"
            f" zoals {_use(host, 8000)}"
        )
    return None


def _free_port(host: str, port: int) -> int:
    """The first free port after `port` (or simply the next one)."""
    for candidate in range(port + 1, min(port + 1 + NEXT_PORTS, 65536)):
        try:
            _try(host, candidate)
        except OSError:
            continue
        return candidate
    return port + 1


def _use(host: str, port: int) -> str:
    address = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
    return f"`whitepaper serve -a {address}`"
