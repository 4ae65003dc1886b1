"""The package's shape (ARCHITECTURE.md): stages in data-flow order, each importing only the
stages before it, no import cycle, and the caches and workers see every module."""

from __future__ import annotations

import ast
import importlib
from graphlib import CycleError, TopologicalSorter
from pathlib import Path

import pytest

from whitepaper import cache, workers

PACKAGE = Path(__file__).resolve().parent.parent / "scripts" / "whitepaper"
# Data-flow order: a module may import from its own layer and the layers above it, never below.
LAYERS = [
    {
        "diagnostics",
        "cache",
        "links",
        "html_scan",
        "html_policy",
        "workers",
        "site_version",
        "changed_files",
        "step_summary",
        "explanations",
        "net",
    },
    {"sources"},
    {"papers", "owners", "starter", "health"},
    {"check"},
    {"citations"},
    {"pages"},
    {"search"},
    {"pdf"},
    {"publish"},
    {"plugin", "live_rebuild", "live_pages", "commands", "cli"},
]


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports(path: Path) -> set[str]:
    """Every whitepaper module `path` imports, at its top or inside a function."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module.startswith("whitepaper"):
                names = [f"{node.module}.{alias.name}" for alias in node.names]
                found |= {name for name in names if name in MODULES} or {node.module}
        elif isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names if alias.name.startswith("whitepaper")}
    return found


MODULES = {module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}
GRAPH = {name: imports(path) - {name} for name, path in MODULES.items()}


def layer(module: str) -> int:
    top = module.split(".")[1] if "." in module else ""
    return next(number for number, names in enumerate(LAYERS) if top in names or not top)


def test_every_module_has_a_layer() -> None:
    tops = {name.split(".")[1] for name in MODULES if "." in name}
    assert tops <= set().union(*LAYERS)


def test_there_is_no_import_cycle() -> None:
    try:
        tuple(TopologicalSorter(GRAPH).static_order())
    except CycleError as error:
        pytest.fail(f"import cycle: {' -> '.join(error.args[1])}")


@pytest.mark.parametrize("module", sorted(MODULES))
def test_a_stage_imports_only_the_stages_before_it(module: str) -> None:
    later = sorted(name for name in GRAPH[module] if layer(name) > layer(module))
    assert later == [], f"{module} imports from a later stage"


def test_the_plugin_is_a_thin_adapter() -> None:
    """MkDocs events mapped to calls of the core: the core never imports MkDocs' plugin API."""
    core = [name for name in MODULES if layer(name) < len(LAYERS) - 1]
    for name in core:
        assert not {"mkdocs.plugins", "whitepaper.plugin"} & _all_imports(MODULES[name]), name


def _all_imports(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
    return found


def test_the_code_fingerprint_covers_sub_packages(tmp_path: Path) -> None:
    """An edited rule in check/ must not be served from a cache filled by the old rule."""
    (tmp_path / "check").mkdir()
    (tmp_path / "check" / "rules.py").write_text("RULE = 1\n", encoding="utf-8")
    before = cache.source_fingerprint(tmp_path)
    (tmp_path / "check" / "rules.py").write_text("RULE = 2\n", encoding="utf-8")
    assert cache.source_fingerprint(tmp_path) != before


def test_the_fork_server_preloads_modules_that_exist() -> None:
    for module in workers.PRELOADED:
        importlib.import_module(module)
