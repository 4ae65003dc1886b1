"""How many workers a stage runs, and how worker processes start and end: decided here, once."""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from functools import partial

# What a fork server imports once before it forks workers (the check's page parser).
PRELOADED = ("whitepaper.sources.reading",)
PR_SET_PDEATHSIG = 1  # linux/prctl.h
PARENT_POLL_SECONDS = 0.5  # the fallback's check, where the kernel cannot signal a parent's end
PROMPT_SWITCH_SECONDS = 0.0005  # how long a thread keeps the GIL while a pool's threads wait


def available_cores() -> int:
    """The cores this process may run on (fewer than the machine's in a container or CI)."""
    return len(os.sched_getaffinity(0))


def worker_count(tasks: int, limit: int | None = None) -> int:
    """Workers for `tasks` tasks: one per core (or `limit`), never more than tasks, at least 1."""
    return max(1, min(tasks, limit or available_cores()))


def process_context() -> multiprocessing.context.BaseContext:
    # fork is instant, but forking a process that runs other threads (`mkdocs serve` watches
    # files in one) can deadlock the child: there, a fork server starts clean workers.
    if threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(list(PRELOADED))
    return context


def process_pool(
    workers: int,
    initializer: Callable[[], object] | None = None,
    context: multiprocessing.context.BaseContext | None = None,
) -> ProcessPoolExecutor:
    """`workers` processes (started as `process_context()` says) that end with the process
    that starts them, even after kill -9.

    Without that, a killed build's workers render on as orphans (about 100 MB each). Start the
    pool in the thread that uses it (a `with` block): on Linux the kernel signals a worker when
    the thread that forked it ends."""
    context = context or process_context()
    start = partial(_start_worker, context.get_start_method(), initializer)
    return ProcessPoolExecutor(workers, mp_context=context, initializer=start)


@contextmanager
def prompt_pool_threads() -> Iterator[None]:
    """While a pool's results come in: this process's threads take turns every half a
    millisecond instead of every 5 ms (`sys.setswitchinterval`).

    A pool's own threads here move tasks and results through pipes 64 kB at a time, and each
    piece waits for the GIL. While this process's main thread computes (the check parses the
    bibliography as its workers parse pages), a worker's 2 MB of results waited up to 0.17 s
    to be read, and the worker with them."""
    before = sys.getswitchinterval()
    sys.setswitchinterval(PROMPT_SWITCH_SECONDS)
    try:
        yield
    finally:
        sys.setswitchinterval(before)


def _start_worker(method: str, then: Callable[[], object] | None) -> None:
    """A worker's first act: end when the process that started it ends, then `then()`."""
    parent = multiprocessing.parent_process()
    if parent is not None:
        if method == "fork":  # its parent is the build: the kernel kills it when the build ends
            if not _kill_me_when_my_parent_ends():
                _watch(lambda: os.getppid() != parent.pid)  # elsewhere: ask every half second
            if os.getppid() != parent.pid:  # the build ended before the signal was asked for
                os._exit(1)
        else:
            # A fork server's worker: its parent is the server, which lives until its last
            # worker ends, so the build's end is read from the pipe the build holds open
            # (multiprocessing's sentinel), which the kernel closes when the build ends.
            _kill_me_when_my_parent_ends()  # if the fork server itself is killed
            threading.Thread(target=_exit_after, args=(parent.join,), daemon=True).start()
    if then is not None:
        then()


def _kill_me_when_my_parent_ends() -> bool:
    """prctl(PR_SET_PDEATHSIG, SIGKILL); False where there is no such call (not Linux)."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return bool(libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0)
    except (OSError, AttributeError):
        return False


def _watch(ended: Callable[[], bool]) -> None:
    def poll() -> None:
        while not ended():
            time.sleep(PARENT_POLL_SECONDS)
        os._exit(1)

    threading.Thread(target=poll, daemon=True).start()


def _exit_after(wait: Callable[[], object]) -> None:
    wait()
    os._exit(1)
