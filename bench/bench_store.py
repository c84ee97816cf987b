"""Store benchmark: load throughput and named-query latency on a synthetic graph, for both stores.

    python -m bench.bench_store                                   # 100k entities / 300k relations
    python -m bench.bench_store --entities 2000 --relations 6000  # a quick look
    python -m bench.bench_store --stores embedded --json out.json

The graph is generated, not extracted: documents of `--relations-per-doc`
relation edges each between a slice of the entities plus a few hub entities
(so some entities are well connected and paths exist), relation types drawn with
news-like weights (CONTACTED most, INSTRUCTED least). It is written through
`Store.write` in batches of `--batch-size` documents, exactly as `ergraph load`
writes, and throughput is reported as nodes/s (entities + documents) and
relationships/s (relation edges + mentions) over the whole load.

For the embedded store two more writes of the same corpus run in each repeat,
each into a fresh store: the bulk import of `ergraph load --bulk`
(`Store.bulk_import`: the same batches staged as CSV, one COPY FROM per table at
the end) and LadybugDB's own `COPY FROM` (CSV) of the same entities and relations
into two plain tables, the yardstick of issue 4 (a bulk load should reach 25% of
its rates). COPY times its nodes and its relations apart, so the bulk write's
rates do too, over the whole write, staging included: its node rate divides the
nodes by the whole bulk write's time less what it measurably spent on mentions
and relation edges (building, staging, copying them), its relationship rate the
relationships by the whole time less what it spent on documents and entities;
everything it did not attribute (the marker, fresh tables, clean-up) counts
against both. The whole time against COPY's whole time is reported as well.
Each figure is the median of `--repeat` runs. Then every named query runs
`--runs` times per store (on the last transactional load) and its median and
p95 latency are reported.

The Bolt store is the server named by `--bolt-uri` or `NEO4J_URI`
(credentials NEO4J_USERNAME / NEO4J_PASSWORD / NEO4J_DATABASE), else an
ArcadeDB Bolt server started for the run (tests/bolt_server.py).
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from graph.model import ENTITY_TYPES, Entity, Evidence, Extraction, Relation, SourceDocument  # noqa: E402
from graph.store import QueryError, Store  # noqa: E402
from queries import get_query, list_queries, load_query  # noqa: E402

# Drawn with weights like news text: contacts are common, instructions rare. (With uniform types
# the hubs' INSTRUCTED fan-out makes instruction_chains, roots x fan-out squared, dominate the run.)
RELATION_TYPES = ("CONTACTED", "MET", "DENIED", "FUNDED", "INSTRUCTED")
RELATION_WEIGHTS = (0.45, 0.2, 0.15, 0.1, 0.1)
QUERY_TIMEOUT = 120.0  # seconds per run; the embedded store stops a query then (ArcadeDB ignores it)
HUBS = 50  # entities 0..49 appear in many documents


@dataclass
class Corpus:
    extractions: list[Extraction]
    entities: int
    documents: int
    relations: int
    mentions: int


def entity(i: int) -> Entity:
    label = ENTITY_TYPES[i % len(ENTITY_TYPES)]
    return Entity(key=f"{label}:e{i}", name=f"Entity {i}", type=label, aliases=[f"E{i}", f"Entity {i}"])


def synthetic(entities: int, relations: int, per_doc: int, seed: int = 7) -> Corpus:
    """Documents covering `entities` entities with `relations` distinct relation edges in all."""
    rng = random.Random(seed)
    docs = max(1, math.ceil(relations / per_doc))
    slice_size = math.ceil(entities / docs)
    hubs = min(HUBS, entities)
    extractions, mentions, edges = [], 0, 0
    for d in range(docs):
        members = list(range(d * slice_size, min((d + 1) * slice_size, entities)))
        members += [h for h in rng.sample(range(hubs), k=min(3, hubs)) if h not in members]
        if len(members) < 2:
            members.append((members[0] + 1) % entities if members else 0)
        want = relations // docs + (1 if d < relations % docs else 0)
        capacity = len(members) * (len(members) - 1) * len(RELATION_TYPES)
        triples: set[tuple[int, str, int]] = set()
        while len(triples) < min(want, capacity):
            a, b = rng.sample(members, 2)
            triples.add((a, rng.choices(RELATION_TYPES, RELATION_WEIGHTS)[0], b))
        doc_id = f"doc{d}"
        text = f"Synthetic document {d}."
        rels = []
        for a, rel_type, b in sorted(triples):
            sentence = f"Entity {a} {rel_type.lower()} Entity {b}."
            rels.append(
                Relation(
                    source=entity(a).key,
                    target=entity(b).key,
                    type=rel_type,
                    evidence=[
                        Evidence(
                            doc=doc_id,
                            sentence=sentence,
                            start=0,
                            end=len(sentence),
                            trigger=rel_type.lower(),
                            rule="bench",
                            confidence=0.9,
                        )
                    ],
                )
            )
        extractions.append(
            Extraction(
                document=SourceDocument(
                    id=doc_id,
                    text=text,
                    title=f"Document {d}",
                    date=f"2024-{1 + d % 12:02d}-{1 + d % 28:02d}",
                    source="bench",
                ),
                entities=[entity(i) for i in members],
                relations=rels,
            )
        )
        mentions += len(members)
        edges += len(rels)
    return Corpus(extractions, entities, docs, edges, mentions)


@dataclass
class Result:
    """One run's figures for one store (or the medians of several runs)."""

    store: str
    load_seconds: float = 0.0
    nodes_per_s: float = 0.0
    rels_per_s: float = 0.0
    rewrite_seconds: float = 0.0
    bulk_seconds: float | None = None  # the whole bulk write: staging, COPY, the rest
    bulk_node_seconds: float | None = None  # bulk_seconds less the time spent on relationships
    bulk_rel_seconds: float | None = None  # bulk_seconds less the time spent on nodes
    bulk_nodes_per_s: float | None = None
    bulk_rels_per_s: float | None = None
    copy_nodes_per_s: float | None = None
    copy_rels_per_s: float | None = None
    copy_seconds: float | None = None  # both COPY statements
    queries: dict[str, dict[str, float]] = field(default_factory=dict)

    def shares(self) -> dict[str, float]:
        """This run's rates as shares of COPY's in the same run (the bulk write's whole time against
        COPY's too)."""
        if not (self.copy_nodes_per_s and self.copy_rels_per_s and self.copy_seconds):
            return {}
        out = {
            "load_nodes": self.nodes_per_s / self.copy_nodes_per_s,
            "load_rels": self.rels_per_s / self.copy_rels_per_s,
        }
        if self.bulk_nodes_per_s and self.bulk_rels_per_s and self.bulk_seconds:
            out["bulk_nodes"] = self.bulk_nodes_per_s / self.copy_nodes_per_s
            out["bulk_rels"] = self.bulk_rels_per_s / self.copy_rels_per_s
            out["bulk_whole_time"] = self.copy_seconds / self.bulk_seconds
        return out


FIGURES = [f for f in Result.__dataclass_fields__ if f not in ("store", "queries")]


def median_result(runs: list[Result]) -> Result:
    """The median of every figure over the runs (queries from the last run)."""
    out = Result(runs[0].store, queries=runs[-1].queries)
    for name in FIGURES:
        values = [getattr(r, name) for r in runs if getattr(r, name) is not None]
        if values:
            setattr(out, name, statistics.median(values))
    return out


def median_shares(runs: list[Result]) -> dict[str, float]:
    """The median over the runs of each run's share of COPY (the machine is the same within a run)."""
    shares = [r.shares() for r in runs if r.shares()]
    return {k: statistics.median(s[k] for s in shares) for k in shares[0]} if shares else {}


def batches(items: list[Extraction], size: int) -> Iterator[list[Extraction]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def load(store: Store, corpus: Corpus, batch_size: int, result: Result, progress: bool) -> None:
    started = time.perf_counter()
    done = 0
    for batch in batches(corpus.extractions, batch_size):
        store.write(batch)
        done += len(batch)
        if progress:
            elapsed = time.perf_counter() - started
            print(
                f"\r  {result.store}: {done}/{corpus.documents} documents, {elapsed:.1f} s",
                end="",
                file=sys.stderr,
                flush=True,
            )
    if progress:
        print(file=sys.stderr)
    result.load_seconds = time.perf_counter() - started
    result.nodes_per_s = (corpus.entities + corpus.documents) / result.load_seconds
    result.rels_per_s = (corpus.relations + corpus.mentions) / result.load_seconds
    # Idempotency costs something too: rewrite the first batch and check nothing changed.
    first = corpus.extractions[:batch_size]
    before = len(list(store.edges()))
    started = time.perf_counter()
    store.write(first)
    result.rewrite_seconds = time.perf_counter() - started
    after = len(list(store.edges()))
    if before != after or after != corpus.relations:
        raise SystemExit(f"{result.store}: {after} edges after a rewrite, expected {corpus.relations}")


def bulk_load(store_dir: Path, corpus: Corpus, batch_size: int, result: Result) -> None:
    """The bulk import of `ergraph load --bulk` into a fresh embedded store, checked and then removed."""
    from graph.embedded_store import EmbeddedStore

    with EmbeddedStore(store_dir) as store:
        started = time.perf_counter()
        bulk = store.bulk_import()
        for batch in batches(corpus.extractions, batch_size):
            bulk.write(batch)
        bulk.commit()
        whole = time.perf_counter() - started
        edges = sum(1 for _ in store.edges())
    if edges != corpus.relations:
        raise SystemExit(f"bulk import: {edges} edges, expected {corpus.relations}")
    shutil.rmtree(store_dir)
    result.bulk_seconds = whole
    result.bulk_node_seconds = whole - bulk.timings.relations
    result.bulk_rel_seconds = whole - bulk.timings.nodes
    result.bulk_nodes_per_s = (corpus.entities + corpus.documents) / result.bulk_node_seconds
    result.bulk_rels_per_s = (corpus.relations + corpus.mentions) / result.bulk_rel_seconds


def query_params(corpus: Corpus) -> dict[str, str]:
    last = corpus.entities - 1
    return {"name": "Entity 0", "a": "Entity 1", "b": f"Entity {last}", "doc": "doc0"}


def time_queries(store: Store, corpus: Corpus, runs: int, result: Result, only: set[str] | None) -> None:
    values = query_params(corpus)
    for named in list_queries():
        if only and named.name not in only:
            continue
        text = load_query(named.name, store.dialect)
        given = {p.name: values[p.name] for p in named.params if p.name in values}
        params = get_query(named.name).bind(given)
        timings, rows = [], 0
        for i in range(runs + 1):
            started = time.perf_counter()
            try:
                rows = sum(1 for _ in store.query(text, params, timeout=QUERY_TIMEOUT).rows)
            except QueryError as exc:  # timed out (or failed): report it, go on with the next query
                print(f"  {result.store}: {named.name}: {exc}", file=sys.stderr)
                nan = float("nan")
                result.queries[named.name] = {"median_ms": nan, "p95_ms": nan, "rows": -1, "failed": 1}
                break
            if i:  # the first run warms caches
                timings.append(time.perf_counter() - started)
        if not timings:
            continue
        timings.sort()
        p95 = timings[min(len(timings) - 1, math.ceil(0.95 * len(timings)) - 1)]
        result.queries[named.name] = {
            "median_ms": statistics.median(timings) * 1000,
            "p95_ms": p95 * 1000,
            "rows": rows,
        }


def copy_baseline(corpus: Corpus, workdir: Path, result: Result) -> None:
    """LadybugDB's own bulk path: COPY FROM CSV of the same entities and relations into plain tables."""
    import ladybug

    node_csv, rel_csv = workdir / "nodes.csv", workdir / "rels.csv"
    with node_csv.open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        for i in range(corpus.entities):
            writer.writerow([entity(i).key, entity(i).name])
    with rel_csv.open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        for ex in corpus.extractions:
            for rel in ex.relations:
                writer.writerow(
                    [
                        rel.source,
                        rel.target,
                        rel.type,
                        ex.document.id,
                        rel.evidence[0].sentence,
                        ex.document.date,
                    ]
                )
    for old in workdir.glob("copy.lbug*"):
        old.unlink()
    db = ladybug.Database(str(workdir / "copy.lbug"))
    conn = ladybug.Connection(db)
    conn.execute("CREATE NODE TABLE N(key STRING PRIMARY KEY, name STRING)")
    conn.execute("CREATE REL TABLE R(FROM N TO N, type STRING, doc STRING, sentence STRING, date STRING)")
    started = time.perf_counter()
    conn.execute(f"COPY N FROM '{node_csv}' (HEADER=false)")
    node_seconds = time.perf_counter() - started
    started = time.perf_counter()
    conn.execute(f"COPY R FROM '{rel_csv}' (HEADER=false)")
    rel_seconds = time.perf_counter() - started
    result.copy_nodes_per_s = corpus.entities / node_seconds
    result.copy_rels_per_s = corpus.relations / rel_seconds
    result.copy_seconds = node_seconds + rel_seconds
    conn.close()
    db.close()


def open_bolt(stack: ExitStack, args: argparse.Namespace, workdir: Path) -> Store:
    from graph.neo4j_store import Neo4jStore

    uri = args.bolt_uri or os.environ.get("NEO4J_URI")
    if uri:
        store = Neo4jStore.from_env(uri)
        store.reset()
        return stack.enter_context(store)
    from bolt_server import BoltServer

    server = BoltServer(workdir / "arcadedb")
    print("  starting ArcadeDB's Bolt server ...", file=sys.stderr)
    server.start()
    stack.callback(server.stop)
    target = server.create_database("bench")
    return stack.enter_context(Neo4jStore(target.uri, target.user, target.password, target.database))


def report(corpus: Corpus, runs: dict[str, list[Result]]) -> str:
    """Every run's write figures, their medians, the shares of COPY, then the query latencies."""
    lines = [
        f"synthetic graph: {corpus.entities} entities, {corpus.documents} documents, "
        f"{corpus.relations} relation edges, {corpus.mentions} mentions",
        "",
        f"{'store':<10} {'run':>6} {'load s':>7} {'nodes/s':>9} {'rels/s':>9} {'rewrite s':>9}"
        f" {'bulk s':>7} {'bulk nodes/s':>12} {'bulk rels/s':>11} {'COPY s':>7} {'COPY nodes/s':>12}"
        f" {'COPY rels/s':>11}",
    ]

    def cell(value: float | None, width: int, fmt: str = ",.0f") -> str:
        return f"{value:>{width}{fmt}}" if value is not None else f"{'-':>{width}}"

    medians = {}
    for store, results in runs.items():
        medians[store] = median_result(results)
        for label, r in [*((str(k + 1), r) for k, r in enumerate(results)), ("median", medians[store])]:
            lines.append(
                f"{store:<10} {label:>6} {r.load_seconds:>7.1f} {r.nodes_per_s:>9,.0f} {r.rels_per_s:>9,.0f}"
                f" {r.rewrite_seconds:>9.2f} {cell(r.bulk_seconds, 7, '.1f')} {cell(r.bulk_nodes_per_s, 12)}"
                f" {cell(r.bulk_rels_per_s, 11)} {cell(r.copy_seconds, 7, '.1f')}"
                f" {cell(r.copy_nodes_per_s, 12)} {cell(r.copy_rels_per_s, 11)}"
            )
    for store, m in medians.items():
        shares = median_shares(runs[store])
        if not shares:
            continue
        lines += [
            "",
            f"{store}: shares of COPY's rates in the same run, medians of {len(runs[store])} runs"
            " (target 25%):",
            f"  transactional load: {shares['load_nodes']:.1%} of its node rate,"
            f" {shares['load_rels']:.1%} of its relationship rate",
        ]
        if "bulk_nodes" in shares:
            lines += [
                f"  bulk load (--bulk): {shares['bulk_nodes']:.1%} of its node rate,"
                f" {shares['bulk_rels']:.1%} of its relationship rate (each over the whole bulk write"
                f" less the time measured on the other kind: {m.bulk_node_seconds:.1f} s and"
                f" {m.bulk_rel_seconds:.1f} s of {m.bulk_seconds:.1f} s)",
                f"  whole times: COPY {m.copy_seconds:.1f} s for the entities and relations, the bulk write"
                f" {m.bulk_seconds:.1f} s ({shares['bulk_whole_time']:.1%} of COPY's speed) and the"
                f" transactional load {m.load_seconds:.1f} s, both writing {corpus.documents:,} documents and"
                f" {corpus.mentions:,} mentions besides",
            ]
    results = list(medians.values())
    lines += ["", f"{'query':<22}" + "".join(f" {r.store + ' median/p95 ms (rows)':>36}" for r in results)]
    names = sorted({name for r in results for name in r.queries})
    for name in names:
        cells = []
        for r in results:
            q = r.queries.get(name)
            cell_text = (
                f" {q['median_ms']:>14.1f} / {q['p95_ms']:>8.1f} ({q['rows']:>6})" if q else f" {'-':>36}"
            )
            cells.append(cell_text)
        lines.append(f"{name:<22}" + "".join(cells))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--entities", type=int, default=100_000)
    parser.add_argument("--relations", type=int, default=300_000)
    parser.add_argument("--relations-per-doc", type=int, default=30)
    parser.add_argument("--batch-size", type=int, default=100, help="documents per write (as ergraph load)")
    parser.add_argument("--stores", default="embedded,bolt", help="comma-separated: embedded, bolt")
    parser.add_argument("--bolt-uri", help="a running Bolt server (default: NEO4J_URI, else ArcadeDB)")
    parser.add_argument("--runs", type=int, default=20, help="timed runs per named query")
    parser.add_argument("--queries", help="comma-separated named queries to time (default: all)")
    parser.add_argument("--no-copy", action="store_true", help="skip the LadybugDB COPY FROM yardstick")
    parser.add_argument("--no-bulk", action="store_true", help="skip the bulk import (ergraph load --bulk)")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each write; figures are medians")
    parser.add_argument("--json", type=Path, help="also write the results here")
    parser.add_argument("--quiet", action="store_true", help="no progress on stderr")
    args = parser.parse_args(argv)
    stores = [s.strip() for s in args.stores.split(",") if s.strip()]
    unknown = set(stores) - {"embedded", "bolt"}
    if unknown:
        parser.error(f"unknown store {', '.join(sorted(unknown))}")
    only = {q.strip() for q in args.queries.split(",")} if args.queries else None

    corpus = synthetic(args.entities, args.relations, args.relations_per_doc)
    runs: dict[str, list[Result]] = {}
    with tempfile.TemporaryDirectory(prefix="ergraph-bench-") as tmp, ExitStack() as stack:
        workdir = Path(tmp)
        for kind in stores:
            bolt = open_bolt(stack, args, workdir) if kind == "bolt" else None
            for run in range(args.repeat):
                result = Result(kind)
                last = run == args.repeat - 1
                if bolt is not None:
                    bolt.reset()
                    load(bolt, corpus, args.batch_size, result, progress=not args.quiet)
                    if last:
                        time_queries(bolt, corpus, args.runs, result, only)
                else:
                    from graph.embedded_store import EmbeddedStore

                    with EmbeddedStore(workdir / "embedded") as store:
                        load(store, corpus, args.batch_size, result, progress=not args.quiet)
                        if last:
                            time_queries(store, corpus, args.runs, result, only)
                    shutil.rmtree(workdir / "embedded")
                    if not args.no_bulk:
                        bulk_load(workdir / "bulk", corpus, args.batch_size, result)
                    if not args.no_copy:
                        copy_baseline(corpus, workdir, result)
                runs.setdefault(kind, []).append(result)
    print(report(corpus, runs))
    if args.json:
        payload = {
            "entities": corpus.entities,
            "documents": corpus.documents,
            "relations": corpus.relations,
            "mentions": corpus.mentions,
            "batch_size": args.batch_size,
            "results": [
                {**median_result(results).__dict__, "shares": median_shares(results)}
                for results in runs.values()
            ],
            "runs": {
                kind: [{**r.__dict__, "queries": {}} for r in results] for kind, results in runs.items()
            },
        }
        args.json.write_text(json.dumps(payload, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
