"""The `gh-pages` branch: a built site written as a release with mike, plus the root files.

One release is one commit, or none: mike's deploy (the version's folder, a copy of it as
`latest/`, versions.json), mike's set-default (the root `index.html` redirecting to `latest/`)
and the root files (`404.html`, `robots.txt`, `.nojekyll`, `CNAME`) are written one after
another and then folded into a single commit on the branch's previous one. When anything
fails, the build included, the branch is put back exactly where it was (or removed again when
it did not exist); a release that changes no file makes no commit.

Nothing here deletes a file it did not write: mike replaces only the version's folder and the
alias's, and the root files are only ever added or rewritten.
"""

from __future__ import annotations

import html
import re
import tempfile
from collections.abc import Iterator, Mapping
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from whitepaper.pages.head import NOT_FOUND, page_title
from whitepaper.pages.head import robots_txt as robots_text
from whitepaper.publish.git import GitProblem, git, head, tree
from whitepaper.publish.versions import PAPERS_PROPERTY
from whitepaper.site_version import LATEST, PREVIEWS, root_address, root_path

REMOTE = "origin"
_HOST_LABEL = re.compile(r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?")


# --- root files ------------------------------------------------------------------------------


def cname_problem(cname: str, site_url: str) -> str | None:
    """Why `cname` (WHITEPAPER_CNAME) cannot be the site's custom domain, or None."""
    if "/" in cname or ":" in cname:
        return (
            f"WHITEPAPER_CNAME='{cname}' is een adres, geen hostnaam: schrijf alleen de naam,"
            " zoals whitepapers.voorbeeld.nl (zonder https:// en zonder /)"
        )
    labels = cname.split(".")
    if (
        len(cname) > 253
        or len(labels) < 2
        or not all(_HOST_LABEL.fullmatch(label) for label in labels)
        or labels[-1].isdigit()
    ):
        return (
            f"WHITEPAPER_CNAME='{cname}' is geen hostnaam: gebruik kleine letters, cijfers en"
            " '-' in delen gescheiden door punten, zoals whitepapers.voorbeeld.nl"
        )
    parts = urlsplit(site_url)
    if parts.hostname != cname or root_path(site_url) != "/":
        return (
            f"WHITEPAPER_CNAME='{cname}' past niet bij WHITEPAPER_SITE_URL='{site_url}': met een"
            f" eigen domein staat de site op de hoofdmap ervan; zet"
            f" WHITEPAPER_SITE_URL=https://{cname}/"
        )
    return None


def not_found_page(site_url: str, site_name: str) -> str:
    """A Dutch 404 page that loads nothing: GitHub Pages serves it for a missing address at any
    depth, so its only link is an absolute path (to `latest/`)."""
    latest = html.escape(root_path(site_url) + LATEST + "/", quote=True)
    title = html.escape(page_title(NOT_FOUND.title, site_name))
    heading, text = html.escape(NOT_FOUND.heading), html.escape(NOT_FOUND.text)
    link = html.escape(NOT_FOUND.latest.format(site_name=site_name))
    return f"""<!DOCTYPE html>
<html lang="nl">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>{title}</title>
<style>
body {{ margin: 0; font: 1.0625rem/1.6 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
  color: #1d2327; background: #fff; }}
main {{ max-width: 36rem; margin: 12vh auto 2rem; padding: 0 1.25rem; }}
h1 {{ font-size: 1.5rem; line-height: 1.3; margin: 0 0 1rem; }}
a {{ color: #00695c; }}
a:focus-visible {{ outline: 3px solid #ff6e40; outline-offset: 2px; }}
</style>
</head>
<body>
<main>
<h1>{heading}</h1>
<p>{text}</p>
<p><a href="{latest}">{link}</a></p>
</main>
</body>
</html>
"""


# mike's set-default page, in Dutch (a Jinja template: mike fills in `href`, here 'latest/').
REDIRECT_TEMPLATE = """<!DOCTYPE html>
<html lang="nl">
<head>
<meta charset="utf-8">
<title>Naar de actuele versie</title>
<noscript><meta http-equiv="refresh" content="0; url={{href}}"></noscript>
<script>
window.location.replace("{{href}}" + window.location.search + window.location.hash);
</script>
</head>
<body>
<p>U wordt doorgestuurd naar <a href="{{href}}">de actuele versie</a>.</p>
</body>
</html>
"""


def robots_txt(site_url: str) -> str:
    """Search engines get the sitemap of `latest/`; pull-request previews are kept out."""
    return robots_text(
        disallow=[f"{root_path(site_url)}{PREVIEWS}/"],
        sitemap=f"{root_address(site_url)}{LATEST}/sitemap.xml",
    )


def root_files(site_url: str, site_name: str, cname: str | None) -> dict[str, bytes]:
    """The files publish keeps at the root of gh-pages, by path."""
    files = {
        "404.html": not_found_page(site_url, site_name),
        "robots.txt": robots_txt(site_url),
        ".nojekyll": "",  # GitHub Pages would otherwise run Jekyll and drop _-folders
    }
    if cname:
        files["CNAME"] = cname + "\n"
    return {path: text.encode() for path, text in files.items()}


@dataclass
class Deployment:
    """Where to build the site; after the release, the commit made (None: nothing changed)."""

    site: Path
    commit: str | None = None


@contextmanager
def release(
    version: str,
    *,
    branch: str,
    message: str,
    papers: Mapping[str, object],
    files: Mapping[str, bytes],
) -> Iterator[Deployment]:
    """Build into the yielded folder; on leaving, it is released on `branch` as `version` with
    the alias `latest` (a copy), the paper states `papers` as its property, the root redirecting
    to `latest/`, and the root `files`, in one commit. If the build raises, nothing is written."""
    from mike import commands, git_utils

    nothing_new = suppress(git_utils.GitEmptyCommit)  # mike has removed its empty commit
    with writing(branch) as base:
        with tempfile.TemporaryDirectory(prefix="whitepaper-publish-") as scratch:
            deployment = Deployment(Path(scratch))
            with (
                nothing_new,
                commands.deploy(
                    {"site_dir": scratch, "use_directory_urls": True},
                    version,
                    aliases=[LATEST],
                    update_aliases=True,
                    alias_type=commands.AliasType.copy,  # never a symlink: Pages ignores them
                    branch=branch,
                    message=message,
                    set_props=[(PAPERS_PROPERTY, dict(papers))],
                ),
            ):
                yield deployment
        with nothing_new, tempfile.TemporaryDirectory(prefix="whitepaper-redirect-") as folder:
            template = Path(folder) / "redirect.html"
            template.write_text(REDIRECT_TEMPLATE, encoding="utf-8")
            commands.set_default(LATEST, str(template), branch=branch, message=message)
        with nothing_new, git_utils.Commit(branch, message) as commit:
            for path, data in files.items():
                commit.add_file(git_utils.FileInfo(path, data))
        deployment.commit = _one_commit(branch, base, message)


@contextmanager
def writing(branch: str) -> Iterator[str | None]:
    """Write on `branch` (from origin's when that is ahead): the commit to write on is yielded;
    on any failure the branch is put back where it was. Every writer of gh-pages goes through
    here (a release, a preview)."""
    from mike import git_utils

    start = head(branch)
    try:
        catch_up(branch)
        yield head(branch)
    except git_utils.GitError as error:
        restore(branch, start)
        raise GitProblem(
            f"{branch} bijwerken mislukt ({error}); {branch} is niet gewijzigd"
        ) from None
    except BaseException:
        restore(branch, start)
        raise


def catch_up(branch: str) -> None:
    """Start from origin's gh-pages when it is ahead (as `mike deploy` does; nothing fetched)."""
    from mike import git_utils

    tracking = f"refs/remotes/{REMOTE}/{branch}"
    if not git("rev-parse", "--verify", "--quiet", tracking, check=False):
        return
    try:
        git_utils.update_from_upstream(REMOTE, branch)
    except (git_utils.GitBranchDiverged, git_utils.GitRevUnrelated):
        raise GitProblem(
            f"{branch} en {REMOTE}/{branch} zijn uiteengelopen: elk heeft releases die de ander"
            f" mist. Neem die van {REMOTE} over met git branch -f {branch} {REMOTE}/{branch}"
            " (wat u hier publiceerde maar niet pushte, vervalt) en publiceer opnieuw"
        ) from None


def _one_commit(branch: str, base: str | None, message: str) -> str | None:
    """Fold what was committed since `base` into one commit on `base`; none if no file changed."""
    after = head(branch)
    if after is None or after == base:
        return None
    ref = f"refs/heads/{branch}"
    if base is not None and tree(after) == tree(base):
        git("update-ref", ref, base, after)
        return None
    count = git("rev-list", "--count", f"{base}..{after}" if base else after)
    if int(count) <= 1:
        return after
    name, email, date = git("log", "-1", "--format=%cn%x00%ce%x00%cd", "--date=raw", after).split(
        "\x00"
    )
    identity = {
        "GIT_AUTHOR_NAME": name,
        "GIT_AUTHOR_EMAIL": email,
        "GIT_AUTHOR_DATE": date,
        "GIT_COMMITTER_NAME": name,
        "GIT_COMMITTER_EMAIL": email,
        "GIT_COMMITTER_DATE": date,
    }
    parents = ["-p", base] if base else []
    folded = git("commit-tree", tree(after), *parents, "-m", message, env=identity)
    git("update-ref", ref, folded, after)
    return folded


def restore(branch: str, start: str | None) -> None:
    """Put `branch` back at `start`, or remove it when it did not exist."""
    if head(branch) == start:
        return
    ref = f"refs/heads/{branch}"
    if start is None:
        git("update-ref", "-d", ref)
    else:
        git("update-ref", ref, start)
