"""Counting on two database connections at once (issue 22): PostgreSQL then uses both cores while
Python works. The report's sections and the dashboard's weekly figures go through here.

Inside a transaction (a test, or a caller's atomic block) everything runs in turn on the caller's
connection instead: another connection would not see the rows it has not committed."""

import contextvars
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import TypeVar

from django.db import connection, connections
from django.utils.translation import get_language, override

T = TypeVar("T")
U = TypeVar("U")


def _submit(pool: ThreadPoolExecutor, job: Callable[[], T]) -> Future:
    """`job` in a pool thread, in the caller's language and context (which database it reads
    from), with a connection of its own that is closed when the job ends."""
    language = get_language()

    def run() -> T:
        try:
            with override(language):
                return job()
        finally:
            connections.close_all()

    return pool.submit(contextvars.copy_context().run, run)


def two_at_a_time(
    jobs: list[Callable[[], T]], *, done: Callable[[], None] = lambda: None
) -> list[T]:
    """The jobs' results in their order, run by two threads; `done` is called after each result,
    in order (a progress bar)."""
    if connection.in_atomic_block:
        results = []
        for job in jobs:
            results.append(job())
            done()
        return results
    with ThreadPoolExecutor(max_workers=2) as pool:
        futures = [_submit(pool, job) for job in jobs]
        results = []
        for future in futures:
            results.append(future.result())
            done()
    return results


def beside(aside: Callable[[], T], here: Callable[[], U]) -> tuple[T, U]:
    """Both results: `aside` runs in a thread on a second connection while `here` runs on the
    caller's (no new connection for it)."""
    if connection.in_atomic_block:
        return aside(), here()
    with ThreadPoolExecutor(max_workers=1) as pool:
        future = _submit(pool, aside)
        mine = here()
        return future.result(), mine
