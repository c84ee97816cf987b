"""Extraction mapped over a corpus with Dask, the graph written by the driver in document order.

Extraction of one document is a pure function of its text and the
ontology/resolutions configuration (`Extractor` pickles as its two paths and
rebuilds its tables lazily in each worker), so a corpus that outgrows one
machine can be mapped over any engine that ships a picklable callable to
workers. This module shows it with `dask.bag`: the corpus is read in bounded
chunks, each chunk is a bag mapped with `Extractor.extract` on whatever
scheduler is active (a `dask.distributed` cluster when a `Client` exists, else
the one named), and the driver writes the results in document order through
the same `Store.write` as `ergraph load`, skipping documents whose content is
unchanged. The graph is the same as a plain load of the same corpus
(tests/test_distributed.py checks it).

    python -m bench.distributed seeds/ --store /tmp/dask-store                 # local process scheduler
    python -m bench.distributed corpus/ --store /tmp/s --cluster 2             # LocalCluster, 2 workers
    python -m bench.distributed corpus/ --store neo4j+s://xxxx.databases.neo4j.io --scheduler tcp://host:8786
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from graph.load import LoadTally, drop_duplicates, write_batch  # noqa: E402
from graph.model import Extraction, SourceDocument  # noqa: E402
from graph.store import Store  # noqa: E402
from loaders.extract import Extractor  # noqa: E402
from loaders.readers import read_documents  # noqa: E402


@dataclass(slots=True)
class DaskLoadSummary(LoadTally):
    seconds: float = 0.0


def _chunks(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


def extract_chunk(
    docs: list[SourceDocument], extractor: Extractor, *, partition_size: int = 50, scheduler: Any = None
) -> list[Extraction]:
    """`extractor.extract` over `docs` as a dask.bag; results come back in input order."""
    import dask.bag as db

    bag = db.from_sequence(docs, partition_size=max(1, partition_size))
    return bag.map(extractor.extract).compute(scheduler=scheduler)


def load_with_dask(
    store: Store,
    paths: Iterable[Path],
    *,
    ontology: Path | None = None,
    resolutions: Path | None = None,
    batch_size: int = 100,
    chunk_size: int = 2000,
    partition_size: int = 50,
    scheduler: Any = None,
    force: bool = False,
) -> DaskLoadSummary:
    """Read `paths`, extract each chunk of `chunk_size` documents on Dask, write batches in document order.

    Memory holds one chunk of documents and their extractions at a time.
    `scheduler` is passed to `compute` ("processes", "threads", "sync", or
    None for the active default: a distributed `Client` if one exists).
    """
    summary = DaskLoadSummary()
    started = time.perf_counter()
    extractor = Extractor(ontology=ontology, resolutions=resolutions)
    seen: dict[str, str] = {}

    def report(file: str, reason: str) -> None:
        summary.skipped.append((file, reason))

    for chunk in _chunks(read_documents(paths, report), chunk_size):
        unique = drop_duplicates(chunk, seen, report)
        stored = store.document_hashes([d.id for d in unique])
        todo = [d for d in unique if force or stored.get(d.id) != d.content_hash]
        summary.unchanged += len(unique) - len(todo)
        if not todo:
            continue
        extractions = extract_chunk(todo, extractor, partition_size=partition_size, scheduler=scheduler)
        for batch in _chunks(extractions, batch_size):
            write_batch(store, batch, summary, report)
    summary.seconds = time.perf_counter() - started
    return summary


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="+", type=Path)
    parser.add_argument("--store", required=True, help="embedded store directory or bolt/neo4j URI")
    parser.add_argument("--cluster", type=int, default=0, help="start a LocalCluster with N worker processes")
    parser.add_argument(
        "--scheduler",
        default="processes",
        help="processes, threads, sync, or a dask.distributed scheduler address",
    )
    parser.add_argument("--batch-size", type=int, default=100)
    parser.add_argument("--chunk-size", type=int, default=2000)
    parser.add_argument("--ontology", type=Path)
    parser.add_argument("--resolutions", type=Path)
    args = parser.parse_args(argv)
    from graph.store import open_store

    client = None
    scheduler: Any = args.scheduler
    if args.cluster or "://" in args.scheduler:
        from dask.distributed import Client, LocalCluster

        if args.cluster:
            client = Client(LocalCluster(n_workers=args.cluster, threads_per_worker=1, processes=True))
        else:
            client = Client(args.scheduler)
        scheduler = None  # the Client is the default scheduler now
    try:
        with open_store(args.store) as store:
            s = load_with_dask(
                store,
                args.paths,
                ontology=args.ontology,
                resolutions=args.resolutions,
                batch_size=args.batch_size,
                chunk_size=args.chunk_size,
                scheduler=scheduler,
            )
    finally:
        if client is not None:
            client.close()
    for file, reason in s.skipped:
        print(f"skipped {file}: {reason}", file=sys.stderr)
    print(
        f"loaded {s.documents} documents ({s.unchanged} unchanged), {len(s.entities)} entities, "
        f"{s.relations} relations in {s.seconds:.1f} s ({s.documents / max(s.seconds, 1e-9):.1f} docs/s)"
    )
    return 0 if s.documents or s.unchanged else 1


if __name__ == "__main__":
    raise SystemExit(main())
