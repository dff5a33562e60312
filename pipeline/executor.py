"""Runs a pure function over many items: the one place that knows about processes.

Stages never start processes themselves: the orchestrator hands work to an `Executor`.
Today that is a local process pool; a distributed engine (e.g. Ray's `ray.util.multiprocessing.Pool`,
which has the same `imap_unordered` shape) can take its place by implementing `Executor`,
without touching the stages. There is no scheduler or queue of our own here.
"""
from __future__ import annotations

import os
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass
from typing import Any, Callable, Generic, Iterable, Iterator, Protocol, TypeVar

T = TypeVar("T")
R = TypeVar("R")


@dataclass(frozen=True)
class Outcome(Generic[T, R]):
    """The result of one item: `value` when it worked, `error` (the exception) when it did not."""

    item: T
    value: R | None = None
    error: BaseException | None = None


class Executor(Protocol):
    """Maps a picklable function over items, yielding outcomes as they finish (any order)."""

    workers: int

    def map_unordered(self, fn: Callable[[T], R], items: Iterable[T]) -> Iterator[Outcome[T, R]]: ...

    def close(self) -> None: ...


def _init_worker(env: dict[str, str]) -> None:
    os.environ.update(env)


# Tesseract's OpenMP threads fight each other across processes: one thread per worker is
# about 7x faster on a 2-core machine than the default.
WORKER_ENV = {"OMP_THREAD_LIMIT": "1", "OMP_NUM_THREADS": "1"}


class SerialExecutor:
    """Runs items one by one in this process (workers=1; also the easiest to debug)."""

    workers = 1

    def __init__(self) -> None:
        os.environ.update(WORKER_ENV)

    def map_unordered(self, fn: Callable[[T], R], items: Iterable[T]) -> Iterator[Outcome[T, R]]:
        for item in items:
            try:
                yield Outcome(item, value=fn(item))
            except Exception as exc:  # failure is data: the caller records it
                yield Outcome(item, error=exc)

    def close(self) -> None:
        pass


class LocalPoolExecutor:
    """A local process pool. Items are submitted with a bounded window so memory stays flat."""

    def __init__(self, workers: int) -> None:
        self.workers = workers
        self._pool = ProcessPoolExecutor(max_workers=workers, initializer=_init_worker, initargs=(WORKER_ENV,))

    def map_unordered(self, fn: Callable[[T], R], items: Iterable[T]) -> Iterator[Outcome[T, R]]:
        window = self.workers * 2
        pending: dict[Future[Any], T] = {}
        iterator = iter(items)
        exhausted = False
        while pending or not exhausted:
            while not exhausted and len(pending) < window:
                try:
                    item = next(iterator)
                except StopIteration:
                    exhausted = True
                    break
                pending[self._pool.submit(fn, item)] = item
            if not pending:
                break
            done, _ = wait(pending, return_when=FIRST_COMPLETED)
            for future in done:
                item = pending.pop(future)
                error = future.exception()
                yield Outcome(item, error=error) if error else Outcome(item, value=future.result())

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)


def make_executor(workers: int) -> Executor:
    """The executor for `workers` processes (1 = in this process)."""
    return SerialExecutor() if workers <= 1 else LocalPoolExecutor(workers)
