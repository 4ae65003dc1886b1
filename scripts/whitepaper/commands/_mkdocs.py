"""What the commands that run MkDocs share: its log on stderr, and one build into a folder."""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from whitepaper.commands import UsageProblem

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig


class _StderrHandler(logging.Handler):
    """Writes to whatever sys.stderr is when a record comes (it may be replaced meanwhile)."""

    def emit(self, record: logging.LogRecord) -> None:
        sys.stderr.write(self.format(record) + "\n")


@contextmanager
def mkdocs_output(level: int = logging.INFO) -> Iterator[None]:
    """Print what `mkdocs` itself prints (its warnings name page and problem), while it runs."""
    # Material 9.8's notice about MkDocs 2 is noise here: we pin MkDocs below 2.
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    logger = logging.getLogger("mkdocs")
    handler = _StderrHandler()
    handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    saved = logger.level, logger.propagate
    logger.addHandler(handler)
    logger.setLevel(level)
    logger.propagate = False
    try:
        yield
    finally:
        logger.removeHandler(handler)
        logger.level, logger.propagate = saved


def build_into(config: MkDocsConfig, folder: Path) -> None:
    """`mkdocs build` into `folder`, with the plugin events MkDocs' own command sends."""
    from mkdocs.commands.build import build

    config.site_dir = str(folder)
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()


class ConfigProblem(UsageProblem):
    """mkdocs.yml cannot be loaded or lacks what the command needs: exit code 2."""


def load(config_file: str) -> MkDocsConfig:
    """The validated MkDocs configuration; a ConfigProblem says what is wrong with it."""
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, ConfigurationError

    try:
        return load_config(config_file)
    except ConfigurationError as error:
        raise ConfigProblem(str(error)) from None
    except Abort:  # MkDocs has logged each wrong value already, with its option's name
        raise ConfigProblem(f"{config_file} is niet geldig (zie hierboven)") from None
