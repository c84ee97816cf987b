"""Render an entity-relationship graph as one self-contained, offline HTML page.

The page must open anywhere — on a plane, behind a newsroom firewall, as an
e-mail attachment — so it makes no network request: vis-network's JS and CSS
(shipped inside the pyvis package) are inlined and pyvis's bootstrap links are
dropped by using our own template, `viz_template.html`. pyvis's `Network` holds
the node and edge lists and the vis options, but we fill its lists directly:
`Network.add_edge` checks every existing edge for duplicates, which is
quadratic (2.3 s for 30,000 edges).

Evidence sentences come from untrusted articles, so no text is ever pasted into
HTML: the graph travels as JSON inside a `<script type="application/json">`
(with `<`, `>`, `&` and `'` escaped) and the page builds tooltips with
`textContent`. Physics runs a bounded number of iterations (and at most
`LAYOUT_BUDGET_MS`) and is then switched off; above `max_nodes` only the most
connected entities are kept, above `max_edges` only the best-attested relations
among them: a 2,000-node graph is interactive in under 4 s (`bench/bench_viz.py`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

import jinja2
import networkx as nx
import pyvis
from markupsafe import Markup
from pyvis.network import Network

from graph.export import unwritable_reason, write_atomically

# Measured with bench/bench_viz.py on the 2-core reference machine (headless Chromium 156): 2,000
# nodes / 3,600 edges are ready ~3.7 s after navigation and redraw in 0.1-0.16 s; 10,000 nodes take
# ~9.4 s, get no layout iteration within the time budget and need ~4.4 s per frame: not interactive.
DEFAULT_MAX_NODES = 2000
# A few entities can carry thousands of relations (a dense corpus: 245 entities, 9,000 relations
# needed 4.7 s per frame); edges and their arrows dominate the cost of a frame.
DEFAULT_MAX_EDGES = 4000
# The page stops the layout this long after its script starts, even if the iterations are not done.
LAYOUT_BUDGET_MS = 2800
MAX_EVIDENCE_PER_EDGE = 12  # sentences carried into one edge's tooltip
MAX_SENTENCE_CHARS = 500
MAX_DOCS_PER_NODE = 12

VIS_LIB = Path(pyvis.__file__).parent / "templates" / "lib" / "vis-9.1.2"
TEMPLATE_DIR = Path(__file__).parent


@dataclass(frozen=True, slots=True)
class NodeStyle:
    """How one entity type is drawn (vis-network shape names)."""

    color: str
    shape: str


ENTITY_STYLES: dict[str, NodeStyle] = {
    "Person": NodeStyle("#4e79a7", "dot"),
    "Organization": NodeStyle("#f28e2b", "square"),
    "Country": NodeStyle("#59a14f", "diamond"),
    "Technology": NodeStyle("#b07aa1", "triangle"),
}
OTHER_ENTITY = NodeStyle("#9c9c9c", "hexagon")

RELATION_COLORS: dict[str, str] = {
    "CONTACTED": "#1f77b4",
    "DENIED": "#d62728",
    "INSTRUCTED": "#9467bd",
    "OWNS": "#8c564b",
    "LEADS": "#e377c2",
    "MEMBER_OF": "#7f7f7f",
    "SUPPORTS": "#2ca02c",
    "COOPERATES_WITH": "#17becf",
    "REQUESTED": "#bcbd22",
    "CRITICIZED": "#ff7f0e",
    "MET": "#393b79",
}
OTHER_RELATION_COLOR = "#aaaaaa"


class VizError(Exception):
    """The page could not be rendered or written; the message is one line naming the cause."""


@dataclass(frozen=True, slots=True)
class VizReport:
    """What `render_html` drew and what it left out (above `max_nodes`)."""

    nodes_drawn: int
    edges_drawn: int
    nodes_dropped: int
    edges_dropped: int
    path: Path


def render_html(
    g: nx.MultiDiGraph,
    out: Path,
    *,
    title: str = "ergraph",
    max_nodes: int = DEFAULT_MAX_NODES,
    max_edges: int = DEFAULT_MAX_EDGES,
) -> VizReport:
    """Write `g` as an interactive offline HTML page at `out` (atomically).

    Above `max_nodes` entities only the most connected are drawn; above
    `max_edges` relations among them, only the best attested. The report and a
    note in the page say what was left out.
    """
    out = Path(out)
    if g.number_of_nodes() == 0:
        raise VizError("graph is empty: there are no entities to draw")
    if max_nodes < 1 or max_edges < 0:
        raise VizError(
            f"max_nodes must be at least 1 and max_edges at least 0, got {max_nodes} and {max_edges}"
        )
    if reason := unwritable_reason(out):  # before the work: a missing directory, /dev/full, ...
        raise VizError(f"cannot write {out}: {reason}")

    nodes, edges = drawn_part(g, max_nodes, max_edges)
    nodes_dropped = g.number_of_nodes() - len(nodes)
    edges_dropped = g.number_of_edges() - len(edges)

    net = _network(g, nodes, edges)
    html = _page(g, net, title=title, nodes_dropped=nodes_dropped, edges_dropped=edges_dropped)
    _write_atomically(out, html)
    return VizReport(
        nodes_drawn=len(nodes),
        edges_drawn=len(edges),
        nodes_dropped=nodes_dropped,
        edges_dropped=edges_dropped,
        path=out,
    )


def drawn_part(g: nx.MultiDiGraph, max_nodes: int, max_edges: int) -> tuple[list, list[tuple]]:
    """What is drawn: the most connected entities, then the best-attested relations among them.

    Returns node keys and (source, target, key, data) edges, both in the graph's order. Plain
    lists rather than networkx subgraph views, which are slow to count and iterate.
    """
    nodes = most_connected(g, max_nodes)
    kept = set(nodes)
    edges = [(u, v, k, d) for u, v, k, d in g.edges(keys=True, data=True) if u in kept and v in kept]
    if len(edges) > max_edges:
        best = sorted(range(len(edges)), key=lambda i: -int(edges[i][3].get("count") or 1))[:max_edges]
        edges = [edges[i] for i in sorted(best)]
    return nodes, edges


def most_connected(g: nx.MultiDiGraph, max_nodes: int) -> list:
    """The `max_nodes` entities with the most relations (ties broken by key, so the cut is stable)."""
    if g.number_of_nodes() <= max_nodes:
        return list(g.nodes)
    degree = dict(g.degree())
    return sorted(g.nodes, key=lambda n: (-degree[n], str(n)))[:max_nodes]


def physics_options(n_nodes: int, n_edges: int) -> dict:
    """vis-network options: a bounded Barnes-Hut stabilisation, cheaper settings as the graph grows.

    The page turns physics off at `stabilizationIterationsDone` (vis's own
    `stabilized` event may never fire), so these iterations are all the layout
    work the browser ever does.
    """
    big = n_nodes > 300 or n_edges > 1000
    iterations = 300 if n_nodes <= 500 else 200
    return {
        "autoResize": True,
        "layout": {"improvedLayout": n_nodes <= 100, "randomSeed": 7},
        "physics": {
            "enabled": True,
            "solver": "barnesHut",
            "barnesHut": {
                # small graphs: pull loose entities in so the picture is not mostly margin
                "gravitationalConstant": -6000 if big else -2500,
                "centralGravity": 0.3 if big else 0.6,
                "springLength": 140 if big else 150,
                "springConstant": 0.04,
                "damping": 0.25,
                "avoidOverlap": 0.1 if big else 0.3,
                "theta": 0.5 if n_nodes <= 200 else 0.8 if n_nodes <= 800 else 1.0,
            },
            "maxVelocity": 80,
            "minVelocity": 1.0,
            "timestep": 0.6,
            "stabilization": {
                "enabled": True,
                "iterations": iterations,
                "updateInterval": 10 if n_nodes <= 1000 else 5,
                "fit": True,
            },
        },
        "interaction": {
            "hover": True,
            "tooltipDelay": 120,
            # edges (and their arrows) are most of a frame's cost: skip them while the view moves
            "hideEdgesOnDrag": n_edges > 1500,
            "hideEdgesOnZoom": n_edges > 1500,
            "navigationButtons": False,
            "keyboard": False,
        },
        "nodes": {
            "font": {"size": 14, "face": "sans-serif", "strokeWidth": 3, "strokeColor": "#ffffff"},
            "borderWidth": 1,
        },
        "edges": {
            "arrows": {"to": {"enabled": True, "scaleFactor": 0.5}},
            "font": {"size": 11, "face": "sans-serif", "align": "middle", "strokeWidth": 3},
            # relation names appear once legible (7 px on screen), or, with many edges, once zoomed in:
            # colour and legend say the relation before that, and labels are a large part of a frame
            "scaling": {"label": {"drawThreshold": 8 if n_edges <= 1000 else 12}},
            "smooth": False,
            "selectionWidth": 2,
        },
    }


def _network(g: nx.MultiDiGraph, nodes: list, edges: list[tuple]) -> Network:
    """A pyvis Network whose lists we fill directly (add_edge is quadratic)."""
    net = Network(directed=True, cdn_resources="in_line", height="100%", width="100%")
    degree = dict(g.degree())
    top_degree = max(degree.values(), default=0) or 1
    # vis keeps per-node physics state in objects keyed by id: small integers are much faster
    # keys than entity keys such as "Person:elon musk", so the entity key travels as `key`.
    index = {key: i for i, key in enumerate(nodes)}
    net.nodes = [_node(index[key], key, g.nodes[key], degree[key], top_degree) for key in nodes]
    net.node_ids = [n["id"] for n in net.nodes]
    net.edges = _edges(g, edges, index)
    net.options = physics_options(len(net.nodes), len(net.edges))
    return net


def _node(vis_id: int, key, data: dict, degree: int, top_degree: int) -> dict:
    etype = str(data.get("type") or "")
    style = ENTITY_STYLES.get(etype, OTHER_ENTITY)
    name = str(data.get("name") or key)
    aliases = sorted({a for a in _strings(data.get("aliases")) if a and a != name})
    docs = _strings(data.get("docs"))
    return {
        "id": vis_id,
        "key": str(key),
        "label": name,
        "etype": etype or "Other",
        "shape": style.shape,
        "color": style.color,
        "size": round(10 + 30 * math.sqrt(degree / top_degree), 1),  # area grows with degree
        "aliases": aliases,
        "docs": docs[:MAX_DOCS_PER_NODE],
        "ndocs": len(docs),
        "degree": degree,
    }


def _edges(g: nx.MultiDiGraph, drawn: list[tuple], index: dict) -> list[dict]:
    edges = []
    parallel: dict[frozenset, int] = {}
    for i, (u, v, key, data) in enumerate(drawn):
        rel = str(data.get("type") or key)
        color = RELATION_COLORS.get(rel, OTHER_RELATION_COLOR)
        evidence = list(data.get("evidence") or ())
        count = int(data.get("count") or len(evidence) or 1)
        disputed = bool(data.get("disputed"))
        edge = {
            "id": i,
            "from": index[u],
            "to": index[v],
            "label": rel,
            "rel": rel,
            "color": {"color": color, "highlight": color, "hover": color},
            "width": round(1 + min(5.0, math.log2(count)), 2),
            "dashes": disputed or rel == "DENIED",
            "disputed": disputed,
            "count": count,
            "first": str(data.get("first_seen") or ""),
            "last": str(data.get("last_seen") or ""),
            "reported": [_entity_name(g, r) for r in _strings(data.get("reported_by"))],
            "ev": [_evidence(e) for e in evidence[:MAX_EVIDENCE_PER_EDGE]],
            "nev": len(evidence),
        }
        # Several relations between the same pair: bend all but the first so none hides another.
        pair = frozenset((u, v))
        k = parallel.get(pair, 0)
        parallel[pair] = k + 1
        if k:
            edge["smooth"] = {"enabled": True, "type": "curvedCW", "roundness": 0.2 * k}
        edges.append(edge)
    return edges


def _strings(value) -> list[str]:
    """A list attribute as strings; a lone string (or None) is tolerated."""
    if value is None or value == "":
        return []
    if isinstance(value, str):
        return [value]
    return [str(v) for v in value]


def _entity_name(g: nx.MultiDiGraph, key) -> str:
    """The display name of an entity key (reported_by holds keys), or the text itself."""
    return str(g.nodes[key].get("name") or key) if key in g else str(key)


def _evidence(e) -> list[str]:
    """[sentence, doc id] of one evidence record (a dict, or anything with those attributes)."""
    get = e.get if isinstance(e, dict) else lambda k, d=None: getattr(e, k, d)
    sentence = " ".join(str(get("sentence", "") or "").split())
    if len(sentence) > MAX_SENTENCE_CHARS:
        sentence = sentence[: MAX_SENTENCE_CHARS - 1] + "…"
    return [sentence, str(get("doc", "") or "")]


def _page(g: nx.MultiDiGraph, net: Network, *, title: str, nodes_dropped: int, edges_dropped: int) -> str:
    nodes, edges, _heading, _height, _width, _options = net.get_network_data()
    referenced = {d for n in nodes for d in n["docs"]} | {ev[1] for e in edges for ev in e["ev"]}
    documents = g.graph.get("documents") or {}
    docs = {
        d: {
            "title": str((documents.get(d) or {}).get("title") or ""),
            "date": str((documents.get(d) or {}).get("date") or ""),
        }
        for d in sorted(referenced)
        if d
    }
    types_present = sorted({n["etype"] for n in nodes}, key=_type_order)
    rels_present = sorted({e["rel"] for e in edges}, key=_relation_order)
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATE_DIR), autoescape=True, undefined=jinja2.StrictUndefined
    )
    return env.get_template("viz_template.html").render(
        title=title,
        vis_css=Markup(_asset("vis-network.css")),
        vis_js=Markup(_asset("vis-network.min.js")),
        data={
            "nodes": nodes,
            "edges": edges,
            "options": net.options,
            "layoutBudgetMs": LAYOUT_BUDGET_MS,
            "docs": docs,
            "dropped": {
                "nodes": nodes_dropped,
                "edges": edges_dropped,
                "total_nodes": g.number_of_nodes(),
                "total_edges": g.number_of_edges(),
            },
        },
        entity_types=[
            {
                "name": t,
                "color": ENTITY_STYLES.get(t, OTHER_ENTITY).color,
                "shape": ENTITY_STYLES.get(t, OTHER_ENTITY).shape,
                "count": sum(1 for n in nodes if n["etype"] == t),
            }
            for t in types_present
        ],
        relation_types=[
            {
                "name": r,
                "color": RELATION_COLORS.get(r, OTHER_RELATION_COLOR),
                "count": sum(1 for e in edges if e["rel"] == r),
            }
            for r in rels_present
        ],
        n_nodes=len(nodes),
        n_edges=len(edges),
        nodes_dropped=nodes_dropped,
        edges_dropped=edges_dropped,
        total_nodes=g.number_of_nodes(),
    )


def _type_order(t: str) -> tuple[int, str]:
    names = list(ENTITY_STYLES)
    return (names.index(t) if t in names else len(names), t)


def _relation_order(r: str) -> tuple[int, str]:
    names = list(RELATION_COLORS)
    return (names.index(r) if r in names else len(names), r)


def _asset(name: str) -> str:
    """A vis-network file from the pyvis package, safe to inline inside <script>/<style>."""
    text = (VIS_LIB / name).read_text(encoding="utf-8")
    return text.replace("</script", "<\\/script").replace("</style", "<\\/style")


def _write_atomically(out: Path, html: str) -> None:
    """Write via a temporary file in the same directory, then rename: a failure leaves no partial file."""
    try:
        write_atomically(out, html)
    except OSError as exc:
        raise VizError(f"cannot write {out}: {exc.strerror or exc}") from exc
