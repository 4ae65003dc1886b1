"""`whitepaper build` as a person meets it when something goes wrong: a folder it may not write,
a full disk, a build killed with kill -9, two builds at once; and the site swapped in one step.

The everyday build (output, a failed build keeping the old site) is tested in test_cli.py."""

from __future__ import annotations

import errno
import os
import re
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import mkdocs.utils
import pytest

from whitepaper import cli
from whitepaper.commands import _staging
from whitepaper.commands._staging import remove_leftovers, replace_dir, staging

# A project MkDocs builds in a moment (its own theme, no plugins); its hook pauses a build
# started with PAUSE set at its end while the file `pause` exists, and says so in `paused`.
MKDOCS_YML = "site_name: Proef\nhooks:\n  - hook.py\n"
PAUSE = "WHITEPAPER_TEST_PAUSE"
HOOK = f"""\
import os
import time
from pathlib import Path


def on_post_build(config):
    root = Path(config.config_file_path).parent
    if os.environ.get("{PAUSE}"):
        (root / "paused").write_text(config.site_dir)
        while (root / "pause").exists():
            time.sleep(0.05)
"""
BUILD = "import sys; from whitepaper.cli import main; sys.exit(main(['build']))"
WAIT_SECONDS = 30


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project with a site/ from an earlier build, as the current directory."""
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# Proef\n", encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(MKDOCS_YML, encoding="utf-8")
    (tmp_path / "hook.py").write_text(HOOK, encoding="utf-8")
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "oud.html").write_text("vorige build", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def staged(folder: Path) -> list[str]:
    return sorted(
        p.name for p in folder.iterdir() if p.name.startswith((".site-new-", ".site-old-"))
    )


def wait_for(path: Path, process: subprocess.Popen[bytes] | None = None) -> None:
    deadline = time.monotonic() + WAIT_SECONDS
    while not path.exists():
        assert process is None or process.poll() is None, "the build ended before it paused"
        assert time.monotonic() < deadline, f"no {path.name} after {WAIT_SECONDS} s"
        time.sleep(0.02)


@pytest.fixture
def paused_build(project: Path) -> Iterator[subprocess.Popen[bytes]]:
    """`whitepaper build` in another process, paused at the end of its build (in on_post_build,
    with its staging folder full); it goes on when `pause` is removed."""
    (project / "pause").touch()
    environment = {**os.environ, PAUSE: "1"}
    process = subprocess.Popen([sys.executable, "-c", BUILD], cwd=project, env=environment)
    try:
        wait_for(project / "paused", process)
        yield process
    finally:
        (project / "pause").unlink(missing_ok=True)
        if process.poll() is None:
            process.wait(timeout=WAIT_SECONDS)


# --- a folder it may not write, a full disk: exit 2 and what to do -------------------------------


@pytest.mark.parametrize(
    ("site_dir", "message"),
    [
        ("/proc/nope", "de site kan niet in /proc/ worden geschreven: daar kan geen map worden"),
        ("mkdocs.yml/site", "in mkdocs.yml/ worden geschreven: daar staat een bestand, geen map"),
        ("mkdocs.yml/a/site", "in mkdocs.yml/a/ worden geschreven: een deel van dat pad is een"),
        ("mkdocs.yml", "mkdocs.yml is een bestand, geen map; kies met -d een map voor de site"),
    ],
)
def test_a_site_dir_it_cannot_write_exits_2_naming_it(
    project: Path, capsys: pytest.CaptureFixture[str], site_dir: str, message: str
) -> None:
    assert cli.main(["build", "-d", site_dir]) == 2
    captured = capsys.readouterr()
    assert message in captured.err and "interne fout" not in captured.err
    assert staged(project) == [] and (project / "site" / "oud.html").exists()


def test_a_folder_without_write_permission_exits_2(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """As root every folder is writable: the refusal is what mkdtemp raises for others."""

    def refused(**kwargs: object) -> str:
        raise PermissionError(errno.EACCES, "Permission denied", str(kwargs["dir"]))

    monkeypatch.setattr(tempfile, "mkdtemp", refused)
    assert cli.main(["build", "-d", "uit/site"]) == 2
    err = capsys.readouterr().err
    assert "whitepaper build: de site kan niet in uit/ worden geschreven: u mag daar niet" in err
    assert "kies met -d een map waarin u mag schrijven" in err


@pytest.mark.parametrize("named", [True, False], ids=["open", "write"])
def test_a_full_disk_exits_2_and_changes_nothing(
    project: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    named: bool,
) -> None:
    """ENOSPC from open() names the file; from write() it names none."""

    def full(content: bytes, output_path: str) -> None:
        filename = (output_path,) if named else ()
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), *filename)

    monkeypatch.setattr(mkdocs.utils, "write_file", full)
    assert cli.main(["build"]) == 2
    err = capsys.readouterr().err
    assert "whitepaper build: de schijf is vol" in err
    assert "de site past er niet op, en site/ is niet gewijzigd; maak ruimte vrij" in err
    assert bool(re.search(r"de schijf is vol \(site/[^)]+\.(html|xml)\):", err)) == named
    assert ".site-new-" not in err.splitlines()[-1]  # the staging folder means nothing to readers
    assert "interne fout" not in err and "Traceback" not in err
    assert sorted(p.name for p in (project / "site").iterdir()) == ["oud.html"]
    assert staged(project) == []


# --- kill -9, two builds at once -----------------------------------------------------------------


def test_the_next_build_removes_what_a_killed_build_left(
    project: Path, paused_build: subprocess.Popen[bytes]
) -> None:
    [left] = staged(project)
    paused_build.send_signal(signal.SIGKILL)
    paused_build.wait(timeout=WAIT_SECONDS)
    (project / "pause").unlink()
    assert staged(project) == [left]  # what kill -9 leaves behind
    assert cli.main(["build"]) == 0
    assert staged(project) == []
    assert (project / "site" / "index.html").is_file()


def test_a_second_build_leaves_the_first_ones_folder_alone(
    project: Path, paused_build: subprocess.Popen[bytes]
) -> None:
    [first] = staged(project)
    assert cli.main(["build"]) == 0  # the second build, while the first one waits
    assert staged(project) == [first]
    (project / "pause").unlink()
    assert paused_build.wait(timeout=WAIT_SECONDS) == 0
    assert staged(project) == [] and (project / "site" / "index.html").is_file()


def folder_aged(path: Path, seconds: float) -> Path:
    path.mkdir()
    (path / "index.html").write_text("x", encoding="utf-8")
    os.utime(path, (time.time() + seconds, time.time() + seconds))
    return path


def test_a_build_removes_only_older_leftovers_of_its_own_target(tmp_path: Path) -> None:
    dead = folder_aged(tmp_path / ".site-old-dood", -60)
    dead_too = folder_aged(tmp_path / ".site-new-dood", -60)
    newer = folder_aged(tmp_path / ".site-new-jonger", +60)  # made after this build started
    others = [folder_aged(tmp_path / name, -60) for name in (".uit-new-x", "site-new-x")]
    with staging(tmp_path / "site") as held:
        assert not dead.exists() and not dead_too.exists()
        assert newer.is_dir() and all(folder.is_dir() for folder in others)
        assert held.is_dir()
    assert not held.exists()


def test_a_held_folder_is_not_removed(tmp_path: Path) -> None:
    with staging(tmp_path / "site") as held:
        os.utime(held, (time.time() - 60, time.time() - 60))  # old, but a build holds it
        assert remove_leftovers(tmp_path / "site", older_than=time.time()) == []
        assert held.is_dir()
    os.mkdir(held)  # the same name, now held by nobody
    os.utime(held, (time.time() - 60, time.time() - 60))
    assert remove_leftovers(tmp_path / "site", older_than=time.time()) == [held]


def test_a_staging_folder_is_readable_by_a_web_server(tmp_path: Path) -> None:
    with staging(tmp_path / "site") as folder:
        assert folder.stat().st_mode & 0o777 == 0o755
        assert folder.name.startswith(".site-new-")


# --- the swap ------------------------------------------------------------------------------------


def site(folder: Path, text: str) -> Path:
    folder.mkdir()
    (folder / "index.html").write_text(text, encoding="utf-8")
    (folder / "pagina.html").write_text(text, encoding="utf-8")
    return folder


def reader_misses(target: Path, rebuilds: int) -> list[str]:
    """Replace `target` `rebuilds` times while a thread reads target/index.html; what it missed."""
    missed: list[str] = []
    done = threading.Event()

    def read() -> None:
        while not done.is_set():
            try:
                (target / "index.html").read_bytes()
            except OSError as error:
                missed.append(str(error))

    reader = threading.Thread(target=read)
    reader.start()
    try:
        for number in range(rebuilds):
            built = site(Path(tempfile.mkdtemp(dir=target.parent)) / "new", f"build {number}")
            replace_dir(built, target)
            built.parent.rmdir()
            time.sleep(0.002)  # let the reader read between two swaps
    finally:
        done.set()
        reader.join()
    return missed


def existence_after_renames(target: Path, monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """Whether `target` exists after each Path.rename from now on."""
    seen: list[bool] = []
    rename = Path.rename

    def renaming(self: Path, new: Path) -> Path:
        moved = rename(self, new)
        seen.append(target.exists())
        return moved

    monkeypatch.setattr(Path, "rename", renaming)
    return seen


def test_a_reader_never_finds_the_site_missing_during_20_rebuilds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = site(tmp_path / "site", "eerste")
    renames = existence_after_renames(target, monkeypatch)
    assert reader_misses(target, 20) == []
    assert renames == []  # one exchange each: no moment between two renames
    assert (target / "index.html").read_text(encoding="utf-8") == "build 19"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]  # every old site removed


def test_without_renameat2_the_site_is_replaced_by_two_renames(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(_staging, "_renameat2", lambda: None)
    target = site(tmp_path / "site", "eerste")
    built = site(tmp_path / ".site-new-x", "tweede")
    renames = existence_after_renames(target, monkeypatch)
    replace_dir(built, target)
    assert (target / "index.html").read_text(encoding="utf-8") == "tweede"
    assert renames == [False, True]  # the moment without a site that renameat2 avoids
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


@pytest.mark.parametrize("code", [errno.EINVAL, errno.ENOSYS])
def test_a_file_system_that_cannot_exchange_falls_back_to_two_renames(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, code: int
) -> None:
    def cannot(*args: object) -> int:
        import ctypes

        ctypes.set_errno(code)
        return -1

    monkeypatch.setattr(_staging, "_renameat2", lambda: cannot)
    target = site(tmp_path / "site", "eerste")
    replace_dir(site(tmp_path / ".site-new-x", "tweede"), target)
    assert (target / "index.html").read_text(encoding="utf-8") == "tweede"


def test_the_first_build_renames_its_folder_into_place(tmp_path: Path) -> None:
    replace_dir(site(tmp_path / ".site-new-x", "eerste"), tmp_path / "site")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]
