"""The documents of a run read and audited on a Dask cluster's workers (`--cluster ADDRESS`).

Why Dask (distributed) and not Ray: its wheels are pure Python (Ray brings a large native
runtime of its own), a `LocalCluster` starts in a test in a few seconds, and a cluster is
nothing more than `dask scheduler` and `dask worker ADDRESS` on machines that have yusuan
installed: no separate runtime or object store to run.

A `Cluster` is a `batch.run.Mapper`: `run_documents` runs its two steps (each file read, and
audited at once when it is a whole disclosure; then the paired ones audited) as tasks on the
workers, and gets the results back here. The workers are sent each file's bytes with its name
(`Shipped`), never a path to open, so they need no disk shared with this machine; they need
the yusuan package (and a `--catalog` folder at the same path, when one is given). What a
task returns is picklable (`Disclosure`, `Report`, or a one-line error): the caller, the one
writer, stores it.

A file that cannot be read is its own one line, as on one machine. A worker that dies is
replaced by the scheduler, which gives its tasks to the others; a task given up after
`distributed.scheduler.allowed-failures` workers died holding it is run again alone, and if it
kills its worker alone too, it is one line naming its file; the rest go on.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Sequence
from typing import Any

from yusuan.errors import YusuanError

# How long the client waits for the scheduler before saying it cannot reach it.
CONNECT_TIMEOUT = "15s"


class ClusterError(YusuanError):
    """The cluster could not be reached or used."""


class Cluster:
    """A client of the Dask scheduler at `address` (tcp://host:8786), as a `Mapper`."""

    ships = True  # the workers may be other machines: send the bytes, not the paths

    def __init__(self, address: str) -> None:
        from distributed import Client

        self.address = address
        try:
            self.client = Client(address, timeout=CONNECT_TIMEOUT, set_as_default=False)
        except (OSError, TimeoutError, ValueError) as exc:
            raise ClusterError(f"无法连接集群（{_reason(exc)}）", address) from exc

    def __enter__(self) -> Cluster:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def close(self) -> None:
        self.client.close()

    def __call__(
        self,
        fn: Callable[[Any], Any],
        items: Sequence[Any],
        tick: Callable[[], object],
        name: Callable[[Any], str | None],
    ) -> list[Any]:
        """`fn` over `items` on the workers; each result (or its one line) in the items'
        order, `tick` called as each comes back, whichever finishes first.

        A worker that dies takes with it the tasks it held besides the one that killed it
        (queued, or finished but not yet reported), and the scheduler counts each of them
        against its `allowed-failures`: so a task given up (`KilledWorker`) is run again
        alone, when all the others are done, and only one that kills its worker alone too
        is lost — as `batch.run._map` does on one machine."""
        from distributed import KilledWorker

        out: dict[int, Any] = {}
        lost = self._gather(fn, items, range(len(items)), out, tick, name, KilledWorker)
        for i in lost:  # each alone: what killed a worker takes no other task with it
            self._gather(fn, items, [i], out, tick, name, ())
        return [out[i] for i in range(len(items))]

    def _gather(
        self,
        fn: Callable[[Any], Any],
        items: Sequence[Any],
        indices: Sequence[int],
        out: dict[int, Any],
        tick: Callable[[], object],
        name: Callable[[Any], str | None],
        retried: type[BaseException] | tuple[()],
    ) -> list[int]:
        """The items at `indices` run, their results put in `out`; returns those that failed
        with `retried` (left out of `out`, not ticked)."""
        from distributed import as_completed

        if not indices:
            return []
        waiting = iter(indices)
        running = as_completed(loop=self.client.loop)
        place: dict[Any, int] = {}  # a task's key → its item

        def submit() -> None:
            """The next item sent (its bytes loaded only now: `items` may load lazily)."""
            i = next(waiting, None)
            if i is None:
                return
            with warnings.catch_warnings():
                # a file's bytes are its task's data, sent once; Dask's advice to load the
                # data on the workers instead would need a disk they share with this machine
                warnings.filterwarnings("ignore", message="Sending large graph")
                # pure=False: two items alike are still two tasks
                future = self.client.submit(fn, items[i], pure=False)
            place[future.key] = i
            running.add(future)

        for _ in range(self._window()):
            submit()
        again: list[int] = []
        for future in running:
            i = place.pop(future.key)
            submit()  # one in, one out: the workers kept busy, the bytes in flight bounded
            try:
                out[i] = future.result()
            except retried:
                again.append(i)
                continue
            except Exception as exc:  # a task the cluster gave up on, alone; or a lost link
                out[i] = f"{name(items[i]) or '?'}: 集群上未能完成（{_reason(exc)}）"
            finally:
                future.release()  # its result is here now: the cluster need not keep it
            tick()
        return sorted(again)

    def _window(self) -> int:
        """How many tasks are sent ahead: twice the cluster's threads (at least 8), so that
        no worker waits for the next file while this process holds only a few files' bytes."""
        try:
            workers = self.client.scheduler_info()["workers"].values()
            threads = sum(int(w.get("nthreads", 1)) for w in workers)
        except Exception:  # an older scheduler's answer: a fair guess
            threads = 4
        return max(8, 2 * threads)


def _reason(exc: BaseException) -> str:
    text = " ".join(str(exc).split())[:200]
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__
