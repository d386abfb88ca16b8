"""Read and audit many documents on all cores, in the order given.

Two steps, both spread over worker processes (`concurrent.futures`): every file is read,
and audited in the same task when it is a whole disclosure (narrative and tables: nothing
to pair it with); then the files of one disclosure are paired (`pairing`) or, with
`together`, all taken as one, and what is left is audited. What crosses between processes is a path, a `Disclosure` or a
`Report`, all plain frozen dataclasses, so a `Result` is picklable and a cluster's workers
can return it too. A file that cannot be read, or whose audit meets a bug, is one `error`
line in its `Result`; the others go on. A worker process that dies (a crash in a native
library) loses only the document that killed it: the documents it broke off are tried
again (`_map`). On a cluster (`batch.cluster`) the same two steps run on its workers instead,
each file's bytes sent with its name (`Shipped`), so that a worker needs no shared disk.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, replace
from typing import IO, Any, Protocol, TypeVar, overload

from yusuan.audit import Report
from yusuan.batch.pairing import Unpaired, pair, parts_of
from yusuan.errors import YusuanError, internal_error
from yusuan.model import Disclosure

T = TypeVar("T")
R = TypeVar("R")

# A run shorter than this shows no progress bar (the bar would only flicker).
PROGRESS_DELAY = 3.0


@dataclass(frozen=True, slots=True)
class AuditSettings:
    """What every document of a run is audited with (the command line's and yusuan.toml's)."""

    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    catalog_dir: str | None = None
    unit_type: str | None = None


@dataclass(frozen=True, slots=True)
class Result:
    """One disclosure of a run: the files read as it, what was read, its audit (None when
    only read, or when it failed), the one line saying why it failed, and why a file that
    holds one part of a disclosure was left alone."""

    paths: tuple[str, ...]
    doc: Disclosure | None = None
    report: Report | None = None
    error: str | None = None
    unpaired: Unpaired | None = None

    @property
    def name(self) -> str:
        return " + ".join(self.paths)


@dataclass(frozen=True, slots=True)
class Shipped:
    """A file sent to a worker that may not see the client's disk: its name and its bytes,
    or the one line saying why the client could not read them."""

    path: str
    data: bytes | None = None
    error: str | None = None


def ship(path: str) -> Shipped:
    from yusuan.read import load_bytes

    try:
        return Shipped(path, load_bytes(path))
    except YusuanError as exc:
        return Shipped(path, error=str(exc))


def source_name(source: str | Shipped) -> str:
    return source.path if isinstance(source, Shipped) else source


class Mapper(Protocol):
    """Runs `fn` over `items` somewhere (this machine's processes, a cluster's workers) and
    returns each result in the items' order, or the one line saying why it has none; calls
    `tick` as each finishes. `ships`: whether the files' bytes must be sent (`Shipped`)."""

    ships: bool

    def __call__(
        self,
        fn: Callable[[Any], Any],
        items: Sequence[Any],
        tick: Callable[[], object],
        name: Callable[[Any], str | None],
    ) -> list[Any]: ...


def all_cores() -> int:
    """The cores this process may run on (a container's or `taskset`'s limit, not the host's)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _warm() -> None:
    """Load the readers and the rules here, before the workers are forked from this process:
    each then starts with them loaded (a fork shares them) instead of loading them again."""
    import importlib

    for module in ("yusuan.read.pdf", "yusuan.read.xlsx", "yusuan.read.html", "yusuan.read.docx"):
        importlib.import_module(module)
    from yusuan.audit.rules import all_rules

    all_rules()


def _read(source: str | Shipped) -> Disclosure | str:
    from yusuan.read import read_bytes, read_path

    path = source_name(source)
    try:
        if isinstance(source, Shipped):
            if source.data is None:
                return source.error or f"{path}: ?"
            return read_bytes(source.data, path)
        return read_path(path)
    except YusuanError as exc:
        return str(exc)
    except Exception as exc:  # a bug: one line naming the file and the place, no traceback
        return str(internal_error(exc, path, "reading"))


# When a file read is audited in the same task: never (only reading, or all files as one),
# always (nothing is paired), or when it is a whole disclosure (narrative and tables both:
# nothing to pair it with).
NEVER, ALWAYS, WHOLE = "never", "always", "whole"


ReadJob = tuple[str | Shipped, AuditSettings | None, str]


class _Shipping(Sequence[ReadJob]):
    """The read jobs, each file's bytes loaded only when its job is taken: a cluster hands
    out a few at a time, so this process never holds a whole region's bytes at once."""

    def __init__(self, jobs: Sequence[ReadJob]) -> None:
        self.jobs = jobs

    def __len__(self) -> int:
        return len(self.jobs)

    @overload
    def __getitem__(self, i: int) -> ReadJob: ...
    @overload
    def __getitem__(self, i: slice) -> Sequence[ReadJob]: ...
    def __getitem__(self, i: int | slice) -> ReadJob | Sequence[ReadJob]:
        if isinstance(i, slice):
            return _Shipping(self.jobs[i])
        source, settings, when = self.jobs[i]
        return (ship(source) if isinstance(source, str) else source), settings, when


def _read_one(
    job: ReadJob,
) -> tuple[Disclosure | str, Report | str | None]:
    """A file read, and audited at once when nothing can join it: one trip between processes
    for most documents, and no wait for every file to be read before the audits start."""
    path, settings, when = job
    doc = _read(path)
    if isinstance(doc, str) or settings is None or when == NEVER:
        return doc, None
    if when == WHOLE:
        parts = parts_of(doc)
        if parts.narrative != parts.tables:  # one part of a disclosure: wait for the pairing
            return doc, None
    return doc, _audit_one((doc, settings))


def _audit_one(job: tuple[Disclosure, AuditSettings]) -> Report | str:
    from yusuan.audit import audit

    doc, settings = job
    try:
        return audit(
            doc,
            select=settings.select,
            ignore=settings.ignore,
            catalog_dir=settings.catalog_dir,
            unit_type=settings.unit_type,
        )
    except YusuanError as exc:
        return str(exc)
    except Exception as exc:  # a bug: one line naming the file and the place, no traceback
        return str(internal_error(exc, doc.meta.path, "auditing"))


def progress_bar(total: int, stream: IO[str] | None = None, delay: float = PROGRESS_DELAY) -> Any:
    """A bar on `stream` (stderr) once the run has lasted `delay` seconds, and only when the
    stream is a terminal: piped or redirected output gets no control characters."""
    from tqdm import tqdm

    stream = stream if stream is not None else sys.stderr
    shown = hasattr(stream, "isatty") and stream.isatty()
    return tqdm(total=total, file=stream, delay=delay, disable=not shown, unit="份", leave=False)


def _map(
    fn: Callable[[T], R | str],
    items: Sequence[T],
    jobs: int,
    tick: Callable[[], object],
    name: Callable[[T], str | None],
) -> list[R | str]:
    """`fn` over `items` in order, in `jobs` processes (or here).

    A process that dies breaks its pool, and every item not finished then fails with it.
    The earliest of those were the ones in the workers' hands (a pool hands items out in
    order, `jobs` + 1 at a time), so one of them killed it: each of them is run alone, in a
    process of its own, and the rest again in a new pool. Every round settles at least one
    item, so a run always ends, and only an item that kills its own process is lost."""
    if jobs <= 1 or len(items) <= 1:
        done: list[R | str] = []
        for item in items:
            done.append(fn(item))
            tick()
        return done
    results: dict[int, R | str] = {}
    pending = list(range(len(items)))
    while pending:
        broken: list[int] = []
        with ProcessPoolExecutor(max_workers=min(jobs, len(pending))) as pool:
            futures = {i: pool.submit(fn, items[i]) for i in pending}
            for i in pending:
                try:
                    results[i] = futures[i].result()
                    tick()
                except BrokenProcessPool:
                    broken.append(i)
        suspects, pending = broken[: jobs + 1], broken[jobs + 1 :]
        for i in suspects:
            results[i] = _alone(fn, items[i], name)
            tick()
    return [results[i] for i in range(len(items))]


class _Local:
    """This machine: `jobs` processes (`_map`), or this one."""

    ships = False

    def __init__(self, jobs: int) -> None:
        self.jobs = jobs

    def __call__(
        self,
        fn: Callable[[Any], Any],
        items: Sequence[Any],
        tick: Callable[[], object],
        name: Callable[[Any], str | None],
    ) -> list[Any]:
        return _map(fn, items, self.jobs, tick, name)


def _alone(fn: Callable[[T], R | str], item: T, name: Callable[[T], str | None]) -> R | str:
    """One item in a process of its own: its crash is its alone."""
    with ProcessPoolExecutor(max_workers=1) as pool:
        try:
            return pool.submit(fn, item).result()
        except BrokenProcessPool:
            return f"{name(item) or '?'}: yusuan's worker process died on it (a crash in a library)"


def _run(
    paths: Sequence[str],
    settings: AuditSettings | None,
    jobs: int | None,
    paired: bool,
    together: bool,
    progress: IO[str] | None,
    mapper: Mapper | None = None,
) -> list[Result]:
    from yusuan.read.combine import combine

    jobs = jobs or all_cores()
    if settings is None or together:
        when = NEVER
    else:
        when = ALWAYS if not paired or len(paths) == 1 else WHOLE
    if mapper is None:
        if jobs > 1 and len(paths) > 1:
            _warm()
        mapper = _Local(jobs)
    bar = progress_bar(len(paths), progress) if progress is not None else None
    tick: Callable[[], object] = bar.update if bar is not None else (lambda: None)
    try:
        jobs_read: Sequence[ReadJob] = [(p, settings, when) for p in paths]
        if mapper.ships:
            jobs_read = _Shipping(jobs_read)
        read = [
            r if isinstance(r, tuple) else (r, None)  # a process that died: its one line
            for r in mapper(_read_one, jobs_read, tick, lambda job: source_name(job[0]))
        ]
        docs = [d if isinstance(d, Disclosure) else None for d, _ in read]
        early = {i: a for i, (_, a) in enumerate(read) if a is not None}
        errors = {i: d for i, (d, _) in enumerate(read) if isinstance(d, str)}
        readable = [i for i, d in enumerate(docs) if d is not None]
        notes: dict[int, Unpaired] = {}
        if together:
            groups = [readable] if readable else []
        elif paired:
            groups, notes = pair(docs)
            if len(paths) == 1:  # one file given: no other part was looked for
                notes = {}
        else:
            groups = [[i] for i in readable]
        # failed files keep their place among the disclosures
        groups = sorted([*groups, *([i] for i in errors)], key=min)
        results = [
            Result(
                paths=tuple(paths[i] for i in g),
                doc=None if g[0] in errors else combine([d for i in g if (d := docs[i])]),
                error=errors.get(g[0]),
                unpaired=notes.get(g[0]),
            )
            for g in groups
        ]
        if settings is None:
            return results
        # a disclosure of one file already audited keeps its audit; the others are audited now
        audits: dict[int, Report | str] = {
            k: early[g[0]] for k, g in enumerate(groups) if len(g) == 1 and g[0] in early
        }
        todo = [k for k, r in enumerate(results) if r.doc is not None and k not in audits]
        if bar is not None:
            bar.total = len(paths) + len(todo)
            bar.refresh()
        later = mapper(
            _audit_one,
            [(d, settings) for k in todo if (d := results[k].doc) is not None],
            tick,
            lambda job: job[0].meta.path,
        )
        audits.update(zip(todo, later, strict=True))
        out: list[Result] = []
        for k, r in enumerate(results):
            a = audits.get(k)
            if isinstance(a, Report):
                r = replace(r, report=a)
            elif isinstance(a, str):
                r = replace(r, error=a)
            out.append(r)
        return out
    finally:
        if bar is not None:
            bar.close()


def run_documents(
    paths: Sequence[str],
    settings: AuditSettings,
    jobs: int | None = None,
    *,
    paired: bool = True,
    together: bool = False,
    progress: IO[str] | None = None,
    mapper: Mapper | None = None,
) -> list[Result]:
    """Read and audit every file of `paths` with `jobs` processes (None: every core; 1: in
    this process), or on `mapper`'s workers (a cluster: `batch.cluster.Cluster`). One Result
    per disclosure, in the order of their first file; the files of one disclosure paired by
    content (`paired`), or all read as one (`together`). `progress`: the stream for a
    progress bar (drawn only when it is a terminal)."""
    return _run(paths, settings, jobs, paired, together, progress, mapper)


def read_documents(
    paths: Sequence[str],
    jobs: int | None = None,
    *,
    paired: bool = True,
    together: bool = False,
    progress: IO[str] | None = None,
) -> list[Result]:
    """`run_documents` without the audit: each Result's `doc`, or its `error`."""
    return _run(paths, None, jobs, paired, together, progress)
