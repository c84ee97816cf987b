"""Load documents into a store: read → skip unchanged → extract (optionally in N processes) → write.

Documents stream through in bounded batches, so memory stays flat in the size of
the corpus. Extraction results are written by this one process in document
order, so the graph is the same for any number of workers. A batch is written
in one transaction; if it fails, its documents are retried one by one so a
single bad document is reported and skipped instead of sinking its batch.

With `bulk` (`ergraph load --bulk`), a first load into an empty store that has a
bulk import (the embedded one) stages the batches instead and imports them all at
the end (`Store.bulk_import`): the same graph, much faster, but all or nothing
and without per-batch durability. A store that already holds documents is loaded
as usual, with a note; a store without a bulk import (Neo4j) too, silently.
"""

from __future__ import annotations

import os
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

from graph.model import Extraction, LoadSummary, SourceDocument
from graph.store import BulkImport, BulkImportRefused, Store, StoreError
from loaders.extract import Extractor
from loaders.readers import read_documents

ErrorHandler = Callable[[str, str], None]
ProgressHandler = Callable[[int], None]
NoteHandler = Callable[[str], None]


@dataclass(slots=True)
class LoadOptions:
    batch_size: int = 250
    workers: int = 1  # 0 means one per CPU core
    force: bool = False  # re-extract documents whose content is unchanged
    ontology: Path | None = None
    resolutions: Path | None = None
    bulk: bool = False  # a first load into an empty store: stage everything, import it at the end


@dataclass(slots=True)
class LoadTally:
    """Running counts of a load (also used by bench/distributed.py's Dask load)."""

    documents: int = 0
    unchanged: int = 0
    entities: set[str] = field(default_factory=set)
    relations: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)

    def summary(self) -> LoadSummary:
        return LoadSummary(
            documents=self.documents,
            unchanged=self.unchanged,
            entities=len(self.entities),
            relations=self.relations,
            skipped=tuple(self.skipped),
        )


_worker_extractor: Extractor | None = None


def _init_worker(ontology: Path | None, resolutions: Path | None, parent: int) -> None:
    global _worker_extractor
    threading.Thread(target=_exit_with_parent, args=(parent,), daemon=True).start()
    _worker_extractor = Extractor(ontology=ontology, resolutions=resolutions)


def _exit_with_parent(parent: int) -> None:
    """A worker whose load was killed (SIGKILL, OOM) would wait forever on the task queue, which its
    sibling workers keep open: leave as soon as the parent is gone."""
    while os.getppid() == parent:  # the parent's pid is passed in: it may die before this starts
        time.sleep(1.0)
    os._exit(0)


def _extract_many(docs: list[SourceDocument]) -> list[Extraction | str]:
    assert _worker_extractor is not None
    return [_safe_extract(_worker_extractor, doc) for doc in docs]


def _flatten(chunks: list) -> Iterator[Extraction | str]:
    """Results of a batch in document order, whether computed here or awaited from workers."""
    for chunk in chunks:
        yield from (chunk.result() if isinstance(chunk, Future) else chunk)


def _safe_extract(extractor: Extractor, doc: SourceDocument) -> Extraction | str:
    """An extraction, or the reason extraction failed (so one document cannot stop a batch)."""
    try:
        return extractor.extract(doc)
    except Exception as exc:  # noqa: BLE001 - reported per document, the batch goes on
        return f"extraction failed: {type(exc).__name__}: {exc}"


def _batches(docs: Iterable[SourceDocument], size: int) -> Iterator[list[SourceDocument]]:
    it = iter(docs)
    while batch := list(islice(it, size)):
        yield batch


def worker_count(requested: int) -> int:
    return requested if requested > 0 else (os.cpu_count() or 1)


def load_paths(
    store: Store,
    paths: Iterable[Path],
    options: LoadOptions | None = None,
    *,
    on_error: ErrorHandler = lambda file, reason: None,
    on_progress: ProgressHandler = lambda n: None,
    on_note: NoteHandler = lambda message: None,
) -> LoadSummary:
    """Load every document under `paths` into `store`; see the module docstring."""
    options = options or LoadOptions()
    tally = LoadTally()
    bulk: BulkImport | None = None
    if options.bulk:
        try:
            bulk = store.bulk_import()
        except BulkImportRefused as exc:
            on_note(str(exc))

    def report(file: str, reason: str) -> None:
        tally.skipped.append((file, reason))
        on_error(file, reason)

    extractor = Extractor(ontology=options.ontology, resolutions=options.resolutions)
    workers = worker_count(options.workers)
    pool: ProcessPoolExecutor | None = None
    seen: dict[str, str] = {}
    # Batches in flight: while the workers extract batch k+1, this process writes batch k.
    in_flight: deque[tuple[int, list[SourceDocument], list[Future] | list[Extraction | str]]] = deque()

    def finish(size: int, todo: list[SourceDocument], results: list) -> None:
        extractions = []
        for doc, result in zip(todo, _flatten(results), strict=True):
            if isinstance(result, str):
                report(doc.path or doc.id, result)
            else:
                extractions.append(result)
        write_batch(store if bulk is None else bulk, extractions, tally, report)
        on_progress(size)

    try:
        for batch in _batches(read_documents(paths, report), options.batch_size):
            size = len(batch)
            batch = drop_duplicates(batch, seen, report)
            stored = store.document_hashes([d.id for d in batch])
            todo = [d for d in batch if options.force or stored.get(d.id) != d.content_hash]
            tally.unchanged += len(batch) - len(todo)
            if workers > 1 and pool is None and len(todo) >= min(options.batch_size, 8):
                pool = ProcessPoolExecutor(
                    workers,
                    initializer=_init_worker,
                    initargs=(options.ontology, options.resolutions, os.getpid()),
                )
            if pool is not None and len(todo) > 1:
                step = max(1, len(todo) // (2 * workers))
                futures = [pool.submit(_extract_many, todo[i : i + step]) for i in range(0, len(todo), step)]
                in_flight.append((size, todo, futures))
            else:
                in_flight.append((size, todo, [[_safe_extract(extractor, d) for d in todo]]))
            while len(in_flight) > (1 if pool is not None else 0):
                finish(*in_flight.popleft())
        while in_flight:
            finish(*in_flight.popleft())
        if bulk is not None:
            bulk.commit()
    except BaseException:
        if bulk is not None:
            bulk.abort()
        raise
    finally:
        if pool is not None:
            pool.shutdown(cancel_futures=True)
    return tally.summary()


def drop_duplicates(
    batch: list[SourceDocument], seen: dict[str, str], report: ErrorHandler
) -> list[SourceDocument]:
    """Two inputs with one document id in one run: keep the first, report the second."""
    kept = []
    for doc in batch:
        if doc.id in seen:
            report(doc.path or doc.id, f"document id {doc.id!r} already read from {seen[doc.id]}; rename one")
            continue
        seen[doc.id] = doc.path or doc.id
        kept.append(doc)
    return kept


def write_batch(
    store: Store | BulkImport, extractions: list[Extraction], tally: LoadTally, report: ErrorHandler
) -> None:
    """Write (or stage, for a bulk import) a batch; if that fails, one document at a time."""
    if not extractions:
        return
    try:
        store.write(extractions)
        done = extractions
    except StoreError:
        raise
    except Exception:  # noqa: BLE001 - find the document at fault by writing one at a time
        done = []
        for ex in extractions:
            try:
                store.write([ex])
                done.append(ex)
            except StoreError:
                raise
            except Exception as exc:  # noqa: BLE001
                report(ex.document.path or ex.document.id, f"could not be stored: {exc}")
    for ex in done:
        tally.documents += 1
        tally.entities.update(e.key for e in ex.entities)
        tally.relations += len(ex.relations)
