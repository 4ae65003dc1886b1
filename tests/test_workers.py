"""workers.py: worker processes that end with the process that started them.

That they really do after kill -9 of a render is tested in test_pdf.py."""

from __future__ import annotations

import ctypes
import signal
import sys
import threading
from pathlib import Path

import pytest

from whitepaper import workers
from whitepaper.sources import reading

PR_GET_PDEATHSIG = 2


def parent_death_signal() -> int:
    """What the kernel sends this process when its parent ends (0: nothing)."""
    found = ctypes.c_int(0)
    assert ctypes.CDLL(None).prctl(PR_GET_PDEATHSIG, ctypes.byref(found), 0, 0, 0) == 0
    return found.value


def threads() -> list[str]:
    return sorted(thread.name for thread in threading.enumerate())


@pytest.fixture(params=["fork", "forkserver"])
def start(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """How the pool's workers start: forked (this process runs no other thread), or from a
    fork server (another thread runs). Other tests may have left threads of their own (a web
    server, a browser's), so the fork case is told it runs alone."""
    if request.param == "forkserver":
        stop = threading.Event()
        other = threading.Thread(target=stop.wait, name="other")
        other.start()
        request.addfinalizer(lambda: (stop.set(), other.join()))
    else:
        monkeypatch.setattr(workers.threading, "active_count", lambda: 1)
    return str(request.param)


def test_a_worker_is_killed_when_its_parent_ends(start: str) -> None:
    with workers.process_pool(1) as pool:
        assert pool._mp_context.get_start_method() == start  # type: ignore[attr-defined]
        assert pool.submit(parent_death_signal).result() == signal.SIGKILL
    assert parent_death_signal() == 0  # this process itself is left as it was


def test_a_fork_server_worker_watches_the_process_that_started_it(start: str) -> None:
    """Its parent is the fork server, which outlives it: it waits on the starter's pipe."""
    with workers.process_pool(1) as pool:
        watching = [name for name in pool.submit(threads).result() if name != "MainThread"]
    assert len(watching) == (1 if start == "forkserver" else 0)


def test_the_pool_runs_the_stages_own_initializer_too() -> None:
    with workers.process_pool(1, initializer=_mark) as pool:
        assert pool.submit(_marked).result()


_MARK: list[bool] = []


def _mark() -> None:
    _MARK.append(True)


def _marked() -> bool:
    return bool(_MARK)


def test_pool_threads_get_the_gil_promptly_while_results_come_in() -> None:
    """Lowered while the pool's results are read, restored after, an error included."""
    before = sys.getswitchinterval()
    with workers.prompt_pool_threads():
        assert sys.getswitchinterval() == pytest.approx(workers.PROMPT_SWITCH_SECONDS)
    assert sys.getswitchinterval() == before
    with pytest.raises(KeyError), workers.prompt_pool_threads():
        raise KeyError("x")
    assert sys.getswitchinterval() == before


def test_the_check_reads_its_workers_results_with_prompt_threads(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[float] = []

    def one_chunk(items: list[tuple[Path, bytes]], count: int) -> list[list[tuple[Path, bytes]]]:
        seen.append(sys.getswitchinterval())
        return [items]

    monkeypatch.setattr(reading, "PARALLEL_FROM_BYTES", 0)
    monkeypatch.setattr(reading, "available_cores", lambda: 2)
    monkeypatch.setattr(reading, "_chunks", one_chunk)
    pages = {tmp_path / "a.md": b"# A\n\nTekst [@a].\n"}
    with reading.parsed_pages(pages) as parsed:
        [(path, _)] = list(parsed)
    assert seen == [pytest.approx(workers.PROMPT_SWITCH_SECONDS)] and path == tmp_path / "a.md"
