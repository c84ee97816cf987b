"""Benchmark the HTML view: generation time and headless Chromium's time to a settled, interactive page.

For each size a synthetic entity graph is built (preferential attachment, so a
few hubs and many leaves, like news graphs; about 1.8 relations per entity),
`graph.viz.render_html` writes it with nothing cut (or with its default cut,
`--cut`), and Debian's chromium opens it offline (tests/browser.py). "ready" is
the page's time from navigation start to `window.ergraph.ready` (layout done,
physics off, first frame drawn), "wall" the same seen from the test driver;
"layout" is the page's time from script start to the end of stabilisation,
"iters" the layout iterations done when the time budget cut it short, and
"frame" one full redraw afterwards, which is what panning and zooming cost.

    python -m bench.bench_viz                      # 500, 2,000 and 10,000 nodes
    python -m bench.bench_viz --sizes 2000 --repeat 3
    python -m bench.bench_viz --sizes 10000 --cut  # with render_html's default max_nodes/max_edges
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

import networkx as nx

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from browser import HeadlessChromium, unavailable_reason  # noqa: E402

from graph.viz import render_html  # noqa: E402

ENTITY_TYPES = ["Person", "Organization", "Country", "Technology"]
RELATIONS = [
    "CONTACTED", "DENIED", "INSTRUCTED", "OWNS", "LEADS", "MEMBER_OF",
    "SUPPORTS", "COOPERATES_WITH", "REQUESTED", "CRITICIZED", "MET",
]  # fmt: skip
DEFAULT_SIZES = (500, 2000, 10000)
REDRAW_MS = (
    "() => { const t = performance.now(); window.ergraph.network.redraw(); return performance.now() - t; }"
)


def synthetic_graph(n: int, *, seed: int = 1) -> nx.MultiDiGraph:
    """`n` invented entities in the export's shape, linked by preferential attachment."""
    rnd = random.Random(seed)
    g = nx.MultiDiGraph()
    n_docs = max(1, n // 4)
    g.graph["documents"] = {
        f"doc-{i}": {"title": f"Synthetic article {i}", "date": f"2024-{1 + i % 12:02d}-{1 + i % 28:02d}"}
        for i in range(n_docs)
    }
    ends: list[str] = []  # every edge end once: picking from it favours well-connected nodes
    for i in range(n):
        etype = ENTITY_TYPES[rnd.randrange(4)]
        key = f"{etype}:entity {i}"
        g.add_node(key, name=f"Entity {i}", type=etype, aliases=[f"E{i}"], docs=[f"doc-{i % n_docs}"])
        for _ in range(rnd.choice((1, 1, 2, 2, 3)) if ends else 0):
            other = rnd.choice(ends)
            rel = RELATIONS[rnd.randrange(len(RELATIONS))]
            if other == key or g.has_edge(key, other, rel):
                continue
            doc = f"doc-{rnd.randrange(n_docs)}"
            sentence = f"Entity {i} {rel.lower().replace('_', ' ')} {g.nodes[other]['name']}, a source said."
            g.add_edge(
                key, other, key=rel, type=rel, count=1, disputed=rnd.random() < 0.03,
                evidence=[{"doc": doc, "sentence": sentence, "start": 0, "end": len(sentence)}],
                first_seen="2024-01-01", last_seen="2024-02-01",
            )  # fmt: skip
            ends.append(other)
        ends.append(key)
    return g


def measure(n: int, *, cut: bool, repeat: int, browser: HeadlessChromium | None, work: Path) -> dict:
    g = synthetic_graph(n)
    out = work / f"viz-{n}.html"
    limits = {} if cut else {"max_nodes": n, "max_edges": g.number_of_edges()}
    gen_times = []
    for _ in range(repeat):
        t = time.perf_counter()
        report = render_html(g, out, **limits)
        gen_times.append(time.perf_counter() - t)
    row = {
        "nodes": n,
        "edges": g.number_of_edges(),
        "drawn_nodes": report.nodes_drawn,
        "drawn_edges": report.edges_drawn,
        "html_mb": round(out.stat().st_size / 1e6, 2),
        "generate_s": round(statistics.median(gen_times), 3),
    }
    if browser is None:
        return row
    ready, wall, layout, frame, iterations = [], [], [], [], []
    for _ in range(repeat):
        visit = browser.open(out)
        wall.append(visit.wait_ready(timeout_s=900))
        timings = visit.page.evaluate("window.ergraph.timings")
        ready.append(timings["sinceNavigation"] / 1000)
        layout.append(timings["stabilized"] / 1000)
        iterations.append(timings.get("cutAtIteration"))
        frame.append(visit.page.evaluate(REDRAW_MS))
        if visit.external or visit.failed or visit.console_errors:
            raise RuntimeError(
                f"page for {n} nodes was not clean: {visit.external} {visit.failed} {visit.console_errors}"
            )
        visit.page.close()
    row.update(
        ready_s=round(statistics.median(ready), 2),
        wall_s=round(statistics.median(wall), 2),
        layout_s=round(statistics.median(layout), 2),
        frame_ms=round(statistics.median(frame)),
        layout_cut_at=iterations[0],
    )
    return row


def run(
    sizes: tuple[int, ...] = DEFAULT_SIZES,
    *,
    cut: bool = False,
    repeat: int = 1,
    browser: bool = True,
) -> dict[int, dict]:
    """Measure every size; returns {size: row} and prints a table."""
    reason = unavailable_reason() if browser else "--no-browser"
    results: dict[int, dict] = {}
    with tempfile.TemporaryDirectory(prefix="ergraph-bench-viz-") as tmp:
        if reason is None:
            with HeadlessChromium() as chromium:
                for n in sizes:
                    results[n] = measure(n, cut=cut, repeat=repeat, browser=chromium, work=Path(tmp))
        else:
            print(f"browser timings skipped: {reason}", file=sys.stderr)
            for n in sizes:
                results[n] = measure(n, cut=cut, repeat=repeat, browser=None, work=Path(tmp))
    print_table(results)
    return results


def print_table(results: dict[int, dict]) -> None:
    columns = [
        ("nodes", "nodes"), ("edges", "edges"), ("drawn_nodes", "drawn"), ("html_mb", "html MB"),
        ("generate_s", "generate s"), ("ready_s", "ready s"), ("wall_s", "wall s"), ("layout_s", "layout s"),
        ("layout_cut_at", "iters"), ("frame_ms", "frame ms"),
    ]  # fmt: skip
    rows = [
        [str(r.get(k, "-") if r.get(k) is not None else "-") for k, _ in columns] for r in results.values()
    ]
    widths = [max(len(h), *(len(row[i]) for row in rows)) for i, (_, h) in enumerate(columns)]
    print("HTML view (graph.viz): generation and headless Chromium time to a settled page")
    print("  ".join(h.rjust(w) for (_, h), w in zip(columns, widths, strict=True)))
    for row in rows:
        print("  ".join(c.rjust(w) for c, w in zip(row, widths, strict=True)))


def main(argv: list[str] | None = None) -> dict[int, dict]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--sizes", default=",".join(map(str, DEFAULT_SIZES)), help="comma-separated node counts"
    )
    parser.add_argument("--cut", action="store_true", help="use render_html's default max_nodes/max_edges")
    parser.add_argument("--repeat", type=int, default=1, help="runs per size; medians are reported")
    parser.add_argument("--no-browser", action="store_true", help="only time HTML generation")
    args = parser.parse_args(argv)
    sizes = tuple(int(s) for s in args.sizes.split(",") if s.strip())
    return run(sizes, cut=args.cut, repeat=args.repeat, browser=not args.no_browser)


if __name__ == "__main__":
    main()
