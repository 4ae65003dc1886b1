"""`whitepaper publish` against a plain `whitepaper build` of the same sources, and what a release
costs the gh-pages branch.

Goals (issue "Versions"): publishing a new version at most 1.3 times a plain build of the same
sources (the check, the git work and mike around the same MkDocs build); republishing an
unchanged version makes no new commit; a release that changes one paper grows the gh-pages pack
by well under one full site (goal here: at most a quarter of the pack after the first release).
The pack is measured as git packs the branch anew (`git repack -a -d -f`, what `git gc
--aggressive` does): from what the branch holds, not from the order its objects were written
in. What a push of the release sends is reported beside it.

Every run is the `whitepaper` command in a fresh process, in a git repository made of the
benchmark corpus with the project's mkdocs.yml and theme: the complete site, with search and
PDFs. Both sides are warm (caches filled by an untimed build of the same version), so the ratio
is publishing's own cost; each is the median over two versions (`--quick`: one).
"""

from __future__ import annotations

import argparse
import os
import subprocess
from pathlib import Path

from benchmarks.corpus import generate
from benchmarks.measure import Runs, Section, users_environment, whitepaper_command
from benchmarks.site_speed import as_site

SIZE, QUICK_SIZE = (100, 1000), (20, 200)  # pages, entries: ten papers of ten pages; two
SITE_URL = "https://example.org/whitepapers/"
IDENTITY = {
    "GIT_AUTHOR_NAME": "Benchmark",
    "GIT_AUTHOR_EMAIL": "benchmark@example.org",
    "GIT_AUTHOR_DATE": "2026-01-01T12:00:00+00:00",
    "GIT_COMMITTER_NAME": "Benchmark",
    "GIT_COMMITTER_EMAIL": "benchmark@example.org",
    "GIT_COMMITTER_DATE": "2026-01-01T12:00:00+00:00",
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_CONFIG_NOSYSTEM": "1",
}


def _environment(**extra: str) -> dict[str, str]:
    return users_environment(**IDENTITY, WHITEPAPER_SITE_URL=SITE_URL, **extra)


def _git(root: Path, *args: str, stdin: bytes | None = None) -> bytes:
    result = subprocess.run(
        ["git", *args], cwd=root, input=stdin, capture_output=True, env=_environment()
    )
    if result.returncode != 0:
        raise RuntimeError(f"git {' '.join(args)} failed: {result.stderr.decode()[-2000:]}")
    return result.stdout


def whitepaper(root: Path, *args: str, **environment: str) -> float:
    """`whitepaper ARGS` in `root` in a fresh process: its seconds; a failure stops the run."""
    return whitepaper_command(root, *args, **_environment(**environment))[0]


def commit_time(root: Path) -> str:
    """HEAD's commit time, the build date `whitepaper publish` gives its build."""
    return _git(root, "log", "-1", "--format=%ct").decode().strip()


def head(root: Path) -> str:
    return _git(root, "rev-parse", "gh-pages").decode().strip()


def packed_bytes(root: Path) -> int:
    """The size of gh-pages as git packs it anew (deltas searched afresh, then compressed):
    what the branch costs a clone once repacked.

    Without `--no-reuse-delta` git keeps the deltas of the packs it has, and mike's
    fast-import writes each new version's files whole: the figure would say in what order
    the objects came, not what they share.
    """
    anew = ("--revs", "--no-reuse-delta", "--stdout", "-q")
    return len(_git(root, "pack-objects", *anew, stdin=b"gh-pages\n"))


def pushed_bytes(root: Path, since: str) -> int:
    """The thin pack `git push` sends for gh-pages to a remote that has `since`. Git looks for
    a delta base only at the same path in the remote's tree, and a new version is a new
    folder: a push sends its files nearly whole, however little changed."""
    wanted = f"gh-pages\n^{since}\n".encode()
    return len(_git(root, "pack-objects", "--revs", "--thin", "--stdout", "-q", stdin=wanted))


def new_object_bytes(root: Path, since: str) -> int:
    """The bytes of the objects a release added (blobs and trees as written, before packing)."""
    listed = _git(root, "rev-list", "--objects", "gh-pages", f"^{since}")
    names = b"".join(line.split(b" ")[0] + b"\n" for line in listed.splitlines())
    sizes = _git(root, "cat-file", "--batch-check=%(objectsize)", stdin=names)
    return sum(int(size) for size in sizes.split())


def _edit_one_paper(root: Path) -> None:
    page = root / "docs" / "paper-0001" / "index.md"
    with page.open("a", encoding="utf-8") as text:
        text.write("\nEen nieuwe alinea in deze versie, zonder nieuwe bronvermelding.\n")
    _git(root, "commit", "-qam", "Een alinea erbij")


def run(args: argparse.Namespace, workdir: Path) -> list[Section]:
    pages, entries = QUICK_SIZE if args.quick else SIZE
    corpus = generate(workdir / "corpus", pages, entries)
    root = corpus.root
    config = as_site(corpus).name
    (root / ".gitignore").write_text(".cache/\nsite/\n", encoding="utf-8")
    _git(root, "init", "-q", "-b", "main")
    _git(root, "add", "-A")
    _git(root, "commit", "-qm", "Bronnen")

    versions = ["2026.1"] if args.quick else ["2026.1", "2026.2"]
    builds, publishes = [], []
    for version in versions:
        # Untimed: fills the caches for this version (its PDFs' covers name it), on the day
        # publish builds on (its commit's: an undated paper's cover cites it "geraadpleegd op").
        built = {"MIKE_DOCS_VERSION": version, "SOURCE_DATE_EPOCH": commit_time(root)}
        whitepaper(root, "build", "-f", config, **built)
        builds.append(whitepaper(root, "build", "-f", config, **built))
        publishes.append(whitepaper(root, "publish", version, "-f", config))
        if version == versions[0]:
            first_pack = packed_bytes(root)

    latest = versions[-1]
    before = head(root)
    republish = whitepaper(root, "publish", latest, "-f", config)
    commits = int(_git(root, "rev-list", "--count", f"{before}..gh-pages").decode())

    _edit_one_paper(root)
    packed_before = packed_bytes(root)
    changed = "2026.9"
    edited = whitepaper(root, "publish", changed, "-f", config)
    growth = packed_bytes(root) - packed_before
    written = new_object_bytes(root, before)
    pushed = pushed_bytes(root, before)

    build, publish = Runs(tuple(builds)), Runs(tuple(publishes))
    section = Section(f"publish: {pages} pages, {entries} entries, with search and PDFs")
    section.add("warm build", build)
    section.compare(
        "publish of a new version / plain build",
        publish,
        build,
        1.3,
        at_least=False,
    )
    section.add("republish unchanged", republish)
    section.add(
        "new commits when republishing an unchanged version", commits, unit="commits", goal=0
    )
    section.add("release of one edit", edited)
    section.add(
        "gh-pages packed after the first release (one full site)", first_pack / 1e6, unit="MB"
    )
    section.add("release changing one paper: new objects as written", written / 1e6, unit="MB")
    section.add("release changing one paper: what its push sends", pushed / 1e6, unit="MB")
    section.compare(
        "pack growth of a release changing one paper / one full site",
        growth / 1e6,
        first_pack / 1e6,
        0.25,
        at_least=False,
        unit="MB",
    )
    return [section]
