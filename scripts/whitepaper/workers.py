"""How many workers a stage runs, and how worker processes start: decided here, once."""

from __future__ import annotations

import multiprocessing
import os
import threading

# What a fork server imports once before it forks workers (the check's page parser).
PRELOADED = ("whitepaper.sources.reading",)


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
