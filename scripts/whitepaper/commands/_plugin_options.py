"""The whitepaper plugin's `trusted_html` option, as `whitepaper check` reads it from mkdocs.yml
(and `contact`, as `whitepaper cite` reads it).

The check runs without a build (in a pre-commit hook, in a pull request), so it loads neither
the theme nor the plugins: it reads the one option from the YAML with MkDocs' own loader for
`!ENV` and `INHERIT`, on PyYAML's safe loader (a tag that would run code is read as nothing).
The build reads the same option through the plugin's schema, so both exempt the same pages.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from whitepaper.commands._mkdocs import ConfigProblem
from whitepaper.links import web_url

DEFAULT_CONFIG = Path("mkdocs.yml")
_EXAMPLE = "trusted_html: [over/ingebed.md]"
# An e-mail address as it may stand in a User-Agent header: nothing that ends or splits it.
_ADDRESS = re.compile(r"[^\s@<>()\";,\\]+@[^\s@<>()\";,\\]+\.[^\s@<>()\";,\\]+")


def trusted_html(config_file: str | None) -> tuple[str, ...]:
    """The globs of `trusted_html` in `config_file` (None: mkdocs.yml, when there is one)."""
    path = Path(config_file) if config_file is not None else DEFAULT_CONFIG
    if config_file is None and not path.is_file():
        return ()  # a check of docs/ and bib/ alone: no page is trusted
    options = _plugin_options(read_config(path))
    value = options.get("trusted_html", [])
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise ConfigProblem(
            f"{path}: trusted_html van de whitepaper-plugin moet een lijst van paden onder"
            f" docs/ zijn, zoals {_EXAMPLE}"
        )
    return tuple(value)


def contact(config_file: str | None) -> tuple[str, str]:
    """(`contact`, `repo_url`) of `config_file` (None: mkdocs.yml, when there is one): whom
    `whitepaper cite`'s User-Agent names. ('', '') without a configuration."""
    path = Path(config_file) if config_file is not None else DEFAULT_CONFIG
    if config_file is None and not path.is_file():
        return "", ""
    config = read_config(path)
    address = _plugin_options(config).get("contact", "")
    if not isinstance(address, str) or (address and not _ADDRESS.fullmatch(address)):
        raise ConfigProblem(
            f"{path}: contact van de whitepaper-plugin moet een e-mailadres zijn, zoals"
            " contact: redactie@vereniging.nl (of leeg)"
        )
    repo_url = config.get("repo_url")
    return address, repo_url if isinstance(repo_url, str) and web_url(repo_url) else ""


def read_config(path: Path) -> dict[str, Any]:
    """mkdocs.yml as YAML data (`!ENV` and `INHERIT` as MkDocs reads them, any other tag as
    None), no plugin loaded: what `check`, `cite` and `new` read of it."""
    from mkdocs.exceptions import ConfigurationError
    from mkdocs.utils.yaml import get_yaml_loader, yaml_load

    loader = get_yaml_loader(yaml.SafeLoader)
    loader.add_multi_constructor("", lambda loader, suffix, node: None)
    try:
        with path.open("rb") as stream:
            config = yaml_load(stream, loader)
    except FileNotFoundError:
        raise ConfigProblem(f"het configuratiebestand {path} bestaat niet") from None
    except OSError as error:
        raise ConfigProblem(f"kan {path} niet lezen: {error.strerror}") from None
    except (yaml.YAMLError, ConfigurationError) as error:
        raise ConfigProblem(f"{path} is geen geldige YAML: {error}") from None
    return config if isinstance(config, dict) else {}


def _plugin_options(config: dict[str, Any]) -> dict[str, Any]:
    """The options under `plugins: - whitepaper:` (a list of plugins, or a mapping of them)."""
    plugins = config.get("plugins") or []
    entries = list(plugins.items()) if isinstance(plugins, dict) else []
    for plugin in plugins if isinstance(plugins, list) else []:
        entries += plugin.items() if isinstance(plugin, dict) else [(plugin, {})]
    options = next((value for name, value in entries if name == "whitepaper"), None)
    return options if isinstance(options, dict) else {}
