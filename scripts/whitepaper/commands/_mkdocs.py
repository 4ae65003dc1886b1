"""What the commands that run MkDocs share: its log on stderr, the configuration with what is
missing said plainly, and one build into a folder."""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from whitepaper.commands import UsageProblem

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.exceptions import MkDocsException

ROOT_FOLDER = "de hoofdmap van het project, de map met mkdocs.yml, docs/ en bib/"


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


@contextmanager
def environment(values: Mapping[str, str]) -> Iterator[None]:
    """`values` in os.environ while the block runs (what mike and the plugin read), then
    the environment as it was."""
    saved = {name: os.environ.get(name) for name in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


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


def failure(error: MkDocsException) -> str:
    """Why MkDocs stopped, for the line after its log (which names page and problem)."""
    from mkdocs.exceptions import Abort

    if not isinstance(error, Abort):
        return str(error)
    if "strict mode" in str(error):  # 'Aborted with 2 warnings in strict mode!'
        return "MkDocs' waarschuwingen hierboven tellen als fouten: strict staat aan in mkdocs.yml"
    return "zie hierboven"


def check_project(config_file: str, command: str) -> None:
    """A ConfigProblem when `config_file` or its docs/ is not there: run where they are."""
    config = Path(config_file).absolute()
    if not config.is_file():
        closest = next((p for p in config.parents[1:] if (p / config.name).is_file()), None)
        there = f" (de dichtstbijzijnde is {closest}: cd {closest})" if closest else ""
        raise ConfigProblem(
            f"geen {config_file} in {config.parent}; `{command}` draait in {ROOT_FOLDER}:"
            f" ga daarheen{there}, of noem de configuratie met -f"
        )
    docs_dir = _docs_dir(config)
    docs = config.parent / (docs_dir or "docs")
    if not docs.is_dir():
        fix = f"of zet docs_dir in {config_file} goed" if docs_dir else "of maak de map aan"
        raise ConfigProblem(
            f"geen map met pagina's: {docs} bestaat niet; `{command}` draait in {ROOT_FOLDER}:"
            f" ga daarheen, {fix}"
        )


def _docs_dir(config: Path) -> str | None:
    """docs_dir as mkdocs.yml writes it, or None (not set, or MkDocs' own load will say)."""
    from mkdocs.utils.yaml import yaml_load

    try:
        with config.open("rb") as stream:
            raw = yaml_load(stream)
    except Exception:  # a file MkDocs cannot read: its own load says why, with the line
        return None
    value = raw.get("docs_dir") if isinstance(raw, dict) else None
    return value if isinstance(value, str) else None


def load(config_file: str, *, command: str = "whitepaper") -> MkDocsConfig:
    """The validated MkDocs configuration; a ConfigProblem says what is wrong with it."""
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, ConfigurationError

    check_project(config_file, command)
    try:
        return load_config(config_file)
    except ConfigurationError as error:
        raise ConfigProblem(str(error)) from None
    except Abort:  # MkDocs has logged each wrong value already, with its option's name
        raise ConfigProblem(f"{config_file} is niet geldig (zie hierboven)") from None
