"""Scale run: extract and load N synthetic articles into a fresh embedded store, with time and memory.

This is the 100k-article target of issue 6 measured the way a user would load:
`graph.load.load_paths` (what `ergraph load DIR --workers N` calls) over a
folder of `.txt` articles written by `bench.corpus`. The load runs in a child
process; the parent samples the resident memory of the child and its
extraction workers (summed) twice a second and reads the kernel's peak for the
child itself when it exits, so the corpus generator and this driver are not
counted. The child times the store's `write` and `document_hashes` calls, so
the report separates extraction (everything outside the store) from writing,
and logs throughput per slice of documents to show whether the store slows as
it grows. `--profile-writes` also times each Cypher statement kind inside the
embedded store's writes (it wraps the store's private connection: a
measurement, not an API).

    python -m bench.scale --docs 100000 --workers 2 --json bench/scale-100k.json
    python -m bench.scale --docs 2000 --profile-writes             # a quick look
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from graph.model import Extraction  # noqa: E402
from graph.store import QueryResult, Store, StoredDocument, StoredEdge, StoredEntity  # noqa: E402


class TimedStore(Store):
    """Delegates to a real store and adds up the seconds spent in `write` and `document_hashes`."""

    def __init__(self, inner: Store) -> None:
        self.inner = inner
        self.dialect = inner.dialect
        self.location = inner.location
        self.write_s = 0.0
        self.hashes_s = 0.0
        self.writes = 0

    def document_hashes(self, ids: Sequence[str]) -> dict[str, str]:
        started = time.perf_counter()
        try:
            return self.inner.document_hashes(ids)
        finally:
            self.hashes_s += time.perf_counter() - started

    def write(self, extractions: Sequence[Extraction]) -> None:
        started = time.perf_counter()
        try:
            self.inner.write(extractions)
        finally:
            self.write_s += time.perf_counter() - started
            self.writes += 1

    def query(
        self,
        cypher: str,
        params: dict[str, Any] | None = None,
        *,
        write: bool = False,
        timeout: float | None = None,
    ) -> QueryResult:
        return self.inner.query(cypher, params, write=write, timeout=timeout)

    def entities(self) -> Iterable[StoredEntity]:
        return self.inner.entities()

    def edges(self) -> Iterable[StoredEdge]:
        return self.inner.edges()

    def documents(self) -> Iterable[StoredDocument]:
        return self.inner.documents()

    def reset(self) -> None:
        self.inner.reset()

    def close(self) -> None:
        self.inner.close()


class StatementTimer:
    """Wraps a LadybugDB connection and adds up the time of each statement kind (literals folded)."""

    def __init__(self, conn: Any) -> None:
        self._conn = conn
        self.seconds: collections.Counter[str] = collections.Counter()
        self.calls: collections.Counter[str] = collections.Counter()

    def execute(self, cypher: str, params: dict[str, Any] | None = None) -> Any:
        kind = re.sub(r"\{[^}]*\}", "{}", " ".join(cypher.split()))[:90]
        started = time.perf_counter()
        try:
            return self._conn.execute(cypher, params) if params is not None else self._conn.execute(cypher)
        finally:
            self.seconds[kind] += time.perf_counter() - started
            self.calls[kind] += 1

    def __getattr__(self, name: str) -> Any:
        return getattr(self._conn, name)


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_child(args: argparse.Namespace) -> None:
    """The measured process: load `args.corpus` into a fresh store and write a JSON report."""
    from graph.embedded_store import EmbeddedStore
    from graph.load import LoadOptions, load_paths

    shutil.rmtree(args.store, ignore_errors=True)
    inner = EmbeddedStore(args.store)
    timer = None
    if args.profile_writes:
        timer = StatementTimer(inner._conn)
        inner._conn = timer
    store = TimedStore(inner)
    slices: list[dict[str, float]] = []
    state = {"done": 0, "mark": 0, "t": time.perf_counter(), "w": 0.0, "cpu": time.process_time()}
    started = state["t"]

    def progress(n: int) -> None:
        state["done"] += n
        if state["done"] - state["mark"] >= args.slice or state["done"] >= args.docs:
            now = time.perf_counter()
            docs = state["done"] - state["mark"]
            row = {
                "docs": state["done"],
                "elapsed_s": round(now - started, 1),
                "slice_docs_per_s": round(docs / (now - state["t"]), 1),
                "slice_write_s_per_1k_docs": round((store.write_s - state["w"]) / docs * 1000, 2),
                "slice_driver_cpu_s_per_1k_docs": round(
                    (time.process_time() - state["cpu"]) / docs * 1000, 2
                ),
                "rss_mb": round(_rss_mb()),
                "load_average": round(os.getloadavg()[0], 1),
            }
            slices.append(row)
            print(json.dumps(row), file=sys.stderr, flush=True)
            state.update(mark=state["done"], t=now, w=store.write_s, cpu=time.process_time())

    skipped: list[tuple[str, str]] = []
    cpu0 = time.process_time()
    summary = load_paths(
        store,
        [args.corpus],
        LoadOptions(batch_size=args.batch_size, workers=args.workers),
        on_error=lambda f, r: skipped.append((f, r)),
        on_progress=progress,
    )
    wall = time.perf_counter() - started
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    report = {
        "documents": summary.documents,
        "entities": summary.entities,
        "relations": summary.relations,
        "skipped": len(skipped),
        "workers": args.workers,
        "batch_size": args.batch_size,
        "wall_s": round(wall, 1),
        "docs_per_s": round(summary.documents / wall, 1),
        "store_write_s": round(store.write_s, 1),
        "store_hashes_s": round(store.hashes_s, 1),
        "outside_store_s": round(wall - store.write_s - store.hashes_s, 1),
        "driver_cpu_s": round(time.process_time() - cpu0, 1),
        "workers_cpu_s": round(children.ru_utime + children.ru_stime, 1),
        "driver_peak_rss_mb": round(_rss_mb()),
        "slices": slices,
    }
    inner_size = sum(f.stat().st_size for f in Path(args.store).rglob("*") if f.is_file())
    report["store_mb"] = round(inner_size / 1e6, 1)
    if timer is not None:
        report["write_statements"] = [
            {"statement": k, "seconds": round(v, 2), "calls": timer.calls[k]}
            for k, v in timer.seconds.most_common(15)
        ]
    store.close()
    args.report.write_text(json.dumps(report, indent=1), encoding="utf-8")


def sample_tree_rss(pid: int, stop: threading.Event, peak: dict[str, float]) -> None:
    """Highest summed RSS of `pid` and its descendants, sampled every 0.5 s."""
    import psutil

    try:
        proc = psutil.Process(pid)
    except psutil.NoSuchProcess:
        return
    while not stop.is_set():
        total = 0
        try:
            for p in [proc, *proc.children(recursive=True)]:
                try:
                    total += p.memory_info().rss
                except psutil.NoSuchProcess:
                    pass
        except psutil.NoSuchProcess:
            break
        peak["tree_mb"] = max(peak.get("tree_mb", 0.0), total / 2**20)
        stop.wait(0.5)


def run_measured(cmd: list[str], log: Path | None = None) -> dict[str, float]:
    """Run `cmd` (its output to `log`), returning its wall time, the kernel's peak RSS of the process
    (and of the children it waited for), and the sampled peak of the summed RSS of its process tree."""
    peak: dict[str, float] = {}
    stop = threading.Event()
    started = time.perf_counter()
    stderr = log.open("w", encoding="utf-8") if log else None
    try:
        proc = subprocess.Popen(cmd, cwd=ROOT, stdout=stderr, stderr=stderr)
        sampler = threading.Thread(target=sample_tree_rss, args=(proc.pid, stop, peak), daemon=True)
        sampler.start()
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
    finally:
        stop.set()
        if stderr:
            stderr.close()
    sampler.join()
    if proc.returncode:
        raise RuntimeError(f"{' '.join(cmd)} exited with {proc.returncode}" + (f"; see {log}" if log else ""))
    return {
        "wall_s": time.perf_counter() - started,
        "peak_rss_mb": usage.ru_maxrss / 1024,
        "peak_tree_rss_mb": peak.get("tree_mb", 0.0),
    }


def ensure_corpus(n: int, where: Path, seed: int) -> Path:
    """`where/docs` holding n synthetic articles (generated once, in its own process)."""
    docs = where / "docs"
    if docs.is_dir() and sum(1 for _ in docs.iterdir()) == n:
        return docs
    shutil.rmtree(where, ignore_errors=True)
    subprocess.run(
        [sys.executable, "-m", "bench.corpus", "--docs", str(n), "--seed", str(seed), "--out", str(where)],
        cwd=ROOT,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return docs


def run(
    docs: int,
    *,
    workers: int = 2,
    batch_size: int = 100,
    work: Path | None = None,
    seed: int = 7,
    profile_writes: bool = False,
    keep: bool = False,
) -> dict[str, Any]:
    """Generate (or reuse) the corpus, load it in a measured child process, return the report."""
    own = work is None
    work = Path(tempfile.mkdtemp(prefix="ergraph-scale-")) if own else work
    work.mkdir(parents=True, exist_ok=True)
    try:
        corpus = ensure_corpus(docs, work / f"corpus-{docs}-{seed}", seed)
        words = 0
        report_path, log = work / "child.json", work / "child.log"
        cmd = [
            sys.executable,
            "-m",
            "bench.scale",
            "--child",
            "--docs",
            str(docs),
            "--corpus",
            str(corpus),
            "--store",
            str(work / "store"),
            "--workers",
            str(workers),
            "--batch-size",
            str(batch_size),
            "--report",
            str(report_path),
            "--slice",
            str(max(100, docs // 20)),
        ] + (["--profile-writes"] if profile_writes else [])
        measured = run_measured(cmd, log)
        report = json.loads(report_path.read_text(encoding="utf-8"))
        for f in corpus.iterdir():
            words += len(f.read_text(encoding="utf-8").split())
        report.update(
            corpus_words=words,
            words_per_s=round(words / report["wall_s"]),
            process_wall_s=round(measured["wall_s"], 1),
            peak_rss_mb=round(measured["peak_rss_mb"]),
            peak_tree_rss_mb=round(measured["peak_tree_rss_mb"]),
            cores=os.cpu_count(),
            load_average_after=os.getloadavg(),
        )
        return report
    finally:
        if own and not keep:
            shutil.rmtree(work, ignore_errors=True)
        elif not keep:
            shutil.rmtree(work / "store", ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=100_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--batch-size", type=int, default=100)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--work", type=Path, help="keep the corpus here and reuse it (default: a temp dir)")
    parser.add_argument("--keep", action="store_true", help="keep the store and corpus afterwards")
    parser.add_argument("--profile-writes", action="store_true", help="time each Cypher statement kind")
    parser.add_argument("--json", type=Path, help="also write the report here")
    # the measured child process
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--corpus", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--store", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--report", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--slice", type=int, default=5000, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        run_child(args)
        return 0
    report = run(
        args.docs,
        workers=args.workers,
        batch_size=args.batch_size,
        work=args.work,
        seed=args.seed,
        profile_writes=args.profile_writes,
        keep=args.keep,
    )
    slices = report.pop("slices")
    statements = report.pop("write_statements", [])
    print(json.dumps(report, indent=1))
    print("per slice:")
    for row in slices:
        print("  " + "  ".join(f"{k}={v}" for k, v in row.items()))
    for row in statements:
        print(f"  {row['seconds']:8.2f} s {row['calls']:7d}  {row['statement']}")
    if args.json:
        report.update(slices=slices, write_statements=statements)
        args.json.write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
    return 0 if report["documents"] == args.docs else 1


if __name__ == "__main__":
    raise SystemExit(main())
