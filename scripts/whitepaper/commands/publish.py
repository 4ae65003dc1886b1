"""`whitepaper publish VERSION`: check, build the whole site, release it on gh-pages with mike.

What `mike deploy --alias-type=copy --update-aliases VERSION latest` and `mike set-default
latest` do, with what they leave out: the check first (nothing is built when it finds an error),
a public `site_url`, refused version names, the root files, the paper versions in
versions.json, and one commit per release or none at all (publish/ghpages.py).
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from whitepaper.cache import stage_dir
from whitepaper.check.findings import check_and_read
from whitepaper.commands import EXIT_FINDINGS, EXIT_OK, UsageProblem, as_usage
from whitepaper.commands._mkdocs import (
    ConfigProblem,
    build_into,
    environment,
    load,
    mkdocs_output,
)
from whitepaper.diagnostics import display_path, format_text, summary, use_color
from whitepaper.links import public_url, web_url
from whitepaper.publish.ghpages import REMOTE, cname_problem, release, root_files
from whitepaper.publish.git import GitProblem, repository_problem, source_date, source_revision
from whitepaper.publish.versions import (
    VersionsProblem,
    as_property,
    paper_states,
    previous_release,
    read_releases,
    release_problem,
    unchanged_versions,
    version_problem,
)
from whitepaper.publish.withdraw import paper_withdrawals
from whitepaper.site_version import LATEST, VERSION_VARIABLE, root_address

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

    from whitepaper.plugin import WhitepaperPlugin

SITE_URL_VARIABLE = "WHITEPAPER_SITE_URL"  # mkdocs.yml reads site_url from it
CNAME_VARIABLE = "WHITEPAPER_CNAME"


def run_publish(args: argparse.Namespace) -> int:
    with as_usage(GitProblem, VersionsProblem):
        return _publish(args)


def _publish(args: argparse.Namespace) -> int:
    from mkdocs.exceptions import MkDocsException

    version, branch = args.version, args.branch
    problem = version_problem(version) or repository_problem("publish", branch)
    if problem:
        raise UsageProblem(problem)
    with mkdocs_output(logging.WARNING), environment(_build_environment(version)):
        config = load(args.config_file)
        plugin = _whitepaper_plugin(config, args.config_file)
        site_url = config.site_url or ""
        cname = os.environ.get(CNAME_VARIABLE, "").strip().lower() or None
        releases = read_releases(branch)
        problem = (
            _site_url_problem(site_url)
            or (cname and cname_problem(cname, site_url))
            or release_problem(releases, version)
        )
        if problem:
            raise UsageProblem(problem)

        project = Path(config.config_file_path).parent
        caches = project / plugin.config.cache_dir if plugin.config.cache_dir else None
        checked, sources = check_and_read(
            Path(config.docs_dir),
            Path(plugin.config.bib_dir),
            root=project,
            cache_dir=stage_dir(caches, "check"),
        )
        found = checked.findings
        if any(finding.severity == "error" for finding in found):
            sys.stderr.write(format_text(found, color=use_color(sys.stderr)))
            print(
                f"Niets gepubliceerd: de controle vond {summary(found)}; {branch} is niet"
                " gewijzigd. Herstel de fouten hierboven (`whitepaper check` toont ze ook).",
                file=sys.stderr,
            )
            return EXIT_FINDINGS
        if found:
            print(f"whitepaper check: {summary(found)} (zie `whitepaper check`)", file=sys.stderr)

        states = paper_states(sources.documents, Path(config.docs_dir))
        previous = previous_release(releases, version)
        docs = display_path(Path(config.docs_dir), Path.cwd())
        for name, warning in unchanged_versions(previous, states) if previous else ():
            print(f"waarschuwing: {warning}", file=sys.stderr)
            print(
                f"  tip: verhoog 'version' in {docs}/{name}/index.md en vul 'changelog' aan,"
                " of laat het zo als de wijziging geen nieuwe versie van het whitepaper is",
                file=sys.stderr,
            )

        papers: dict[str, dict[str, object]] = {n: dict(s) for n, s in as_property(states).items()}
        for name, withdrawal in paper_withdrawals(branch).items():
            if name in papers:  # a withdrawal stays: republishing must not undo it silently
                papers[name]["withdrawn"] = withdrawal
                reason = withdrawal.get("reason") or "zonder reden"
                print(f"let op: {name} blijft ingetrokken ({reason})", file=sys.stderr)

        _with_mike_plugin(config)
        plugin.config["pages_branch"] = args.branch  # its history and change pages come from it
        print(f"Versie {version} bouwen: controle, bronvermeldingen, zoekindex en PDF's …")
        revision = source_revision()
        message = args.message or f"Versie {version} gepubliceerd" + (
            f" (bron {revision})" if revision else ""
        )
        try:
            with release(
                version,
                branch=branch,
                message=message,
                papers=papers,
                files=root_files(site_url, config.site_name, cname),
            ) as deployment:
                build_into(config, deployment.site)
        except MkDocsException as error:
            print(
                f"Publiceren mislukt: de site is niet gebouwd ({error}; de reden staat"
                f" hierboven); {branch} is niet gewijzigd.",
                file=sys.stderr,
            )
            return EXIT_FINDINGS
    if deployment.commit is None:
        print(f"Niets gewijzigd: versie {version} staat al precies zo op {branch}; geen commit.")
        return EXIT_OK
    print(
        f"Versie {version} staat op {branch} (commit {deployment.commit[:12]}), ook als"
        f" {LATEST}/; {root_address(site_url)} verwijst naar {LATEST}/."
    )
    print(f"Zet hem online met: git push {REMOTE} {branch}")
    return EXIT_OK


def _site_url_problem(site_url: str) -> str | None:
    """A published site must name its public address: every canonical link, the sitemap, the
    JSON-LD and the cite box are made from it."""
    if web_url(site_url) and public_url(site_url):
        return None
    shown = f"'{site_url}'" if site_url else "leeg"
    return (
        f"site_url is {shown}: dat is geen openbaar adres, en het kwam dan in elke canonieke"
        " link, de sitemap, de JSON-LD en de citeerbox; zet het adres waarop lezers de site"
        f" vinden in {SITE_URL_VARIABLE}, bijvoorbeeld"
        f" {SITE_URL_VARIABLE}=https://whitepaper-nl.github.io/whitepapers/"
    )


def _whitepaper_plugin(config: MkDocsConfig, config_file: str) -> WhitepaperPlugin:
    from whitepaper.plugin import WhitepaperPlugin

    plugin = config.plugins.get("whitepaper")
    if not isinstance(plugin, WhitepaperPlugin):
        raise ConfigProblem(f"{config_file} gebruikt de plugin whitepaper niet")
    return plugin


def _with_mike_plugin(config: MkDocsConfig) -> None:
    """What `mike deploy` adds to a configuration without it: mike's plugin, here with the
    canonical links and the sitemap in `latest/` (DESIGN.md) and no selector of its own
    (Material has one)."""
    if "mike" in config.plugins:
        return
    from mike.mkdocs_plugin import MikePlugin

    mike = MikePlugin()
    errors, _ = mike.load_config(
        {"alias_type": "copy", "canonical_version": LATEST, "version_selector": False}
    )
    if errors:  # pragma: no cover - the options above are mike's own
        raise ConfigProblem(f"mike's plugin weigert zijn opties: {errors}")
    config.plugins["mike"] = mike


def _build_environment(version: str) -> dict[str, str]:
    """MIKE_DOCS_VERSION, as mike sets it; and the sources' commit time as the build date, so
    that publishing unchanged sources again writes the same sitemap (no new commit)."""
    environment = {VERSION_VARIABLE: version}
    date = source_date()
    if date and "SOURCE_DATE_EPOCH" not in os.environ:
        environment["SOURCE_DATE_EPOCH"] = date
    return environment
