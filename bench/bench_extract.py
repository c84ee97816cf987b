"""Benchmark of the extraction engine: docs/s, words/s and peak RSS, single process or `--workers N`.

The seed articles are replicated to `--docs N` documents (each copy gets its own
id and a small text variation so no cache can short-circuit the work), then
read through nothing but `Extractor.extract`.

    python bench/bench_extract.py --docs 2000
    python bench/bench_extract.py --docs 2000 --workers 2
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from graph.model import SourceDocument  # noqa: E402
from loaders.extract import Extractor  # noqa: E402
from loaders.readers import read_documents  # noqa: E402

_EXTRACTOR: Extractor | None = None


def corpus(seeds: Path, n: int) -> list[SourceDocument]:
    base = list(read_documents([seeds], lambda f, r: print(f"skip {f}: {r}", file=sys.stderr)))
    if not base:
        raise SystemExit(f"no seed documents under {seeds}")
    return [
        SourceDocument(id=f"{base[i % len(base)].id}-{i}", text=base[i % len(base)].text + f"\n({i})")
        for i in range(n)
    ]


def _init(extractor: Extractor) -> None:
    global _EXTRACTOR
    _EXTRACTOR = extractor


def _count(doc: SourceDocument) -> tuple[int, int]:
    assert _EXTRACTOR is not None
    ex = _EXTRACTOR.extract(doc)
    return len(ex.entities), len(ex.relations)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=2000)
    ap.add_argument("--workers", type=int, default=1)
    ap.add_argument("--seeds", type=Path, default=ROOT.parent / "shared" / "seeds")
    args = ap.parse_args(argv)
    seeds = args.seeds if args.seeds.exists() else ROOT / "seeds"
    docs = corpus(seeds, args.docs)
    words = sum(len(d.text.split()) for d in docs)
    ex = Extractor()
    ex.extract(docs[0])  # warm-up: build vocabularies and gazetteers once
    t0 = time.perf_counter()
    c0 = time.process_time()
    if args.workers <= 1:
        _init(ex)
        totals = [_count(d) for d in docs]
    else:
        with ProcessPoolExecutor(args.workers, initializer=_init, initargs=(ex,)) as pool:
            totals = list(pool.map(_count, docs, chunksize=32))
    dt = time.perf_counter() - t0
    cpu = time.process_time() - c0
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    child = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(
        f"docs={len(docs)} workers={args.workers} seconds={dt:.2f} docs/s={len(docs) / dt:.1f} "
        f"words/s={words / dt:.0f} "
        + (f"cpu_docs/s={len(docs) / cpu:.1f} " if args.workers <= 1 else "")
        + f"entities={sum(e for e, _ in totals)} relations={sum(r for _, r in totals)} "
        f"peak_rss_mb={max(rss, child):.0f}"
    )


if __name__ == "__main__":
    main()
