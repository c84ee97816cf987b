"""Views of the graph for `ergraph viz`: an ego network, a query's result, filters by type and date.

Each function takes the full graph built by `graph.export.build_graph` and
returns a new, smaller `MultiDiGraph` with the same node and edge attributes.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import networkx as nx


class EmptyView(ValueError):
    """The view selects nothing; the message says why."""


def ego(g: nx.MultiDiGraph, key: str, depth: int) -> nx.MultiDiGraph:
    """Everything within `depth` relations of `key`, direction ignored."""
    near = nx.single_source_shortest_path_length(g.to_undirected(as_view=True), key, cutoff=depth)
    return g.subgraph(near).copy()


def keys_in(values: Iterable[Any], known: set[str]) -> list[str]:
    """Entity keys found anywhere in query results: nodes, paths, lists, or plain key strings."""
    found: dict[str, None] = {}

    def walk(v: Any) -> None:
        if isinstance(v, str):
            if v in known:
                found[v] = None
        elif isinstance(v, dict):
            if isinstance(v.get("key"), str) and v["key"] in known:
                found[v["key"]] = None
            for inner in v.values():
                if isinstance(inner, list | dict):
                    walk(inner)
        elif isinstance(v, list | tuple):
            for inner in v:
                walk(inner)
        elif hasattr(v, "nodes") and hasattr(v, "relationships"):  # neo4j Path
            for node in v.nodes:
                walk(dict(node.items()))
        elif hasattr(v, "labels") and hasattr(v, "items"):  # neo4j Node
            walk(dict(v.items()))

    for value in values:
        walk(value)
    return list(found)


def induced(g: nx.MultiDiGraph, keys: Iterable[str]) -> nx.MultiDiGraph:
    return g.subgraph(keys).copy()


def filtered(
    g: nx.MultiDiGraph,
    *,
    types: set[str] | None = None,
    relations: set[str] | None = None,
    since: str = "",
    until: str = "",
) -> nx.MultiDiGraph:
    """Keep entity types, relation types and evidence from documents dated within [since, until]."""
    docs = g.graph.get("documents", {})
    out = nx.MultiDiGraph()
    out.graph.update(g.graph)
    for key, data in g.nodes(data=True):
        if not types or data.get("type") in types:
            out.add_node(key, **data)
    dated = bool(since or until)
    for a, b, rel, data in g.edges(keys=True, data=True):
        if a not in out or b not in out or (relations and rel not in relations):
            continue
        if dated:
            evidence = [
                e for e in data["evidence"] if _in_range(docs.get(e["doc"], {}).get("date", ""), since, until)
            ]
            if not evidence:
                continue
            data = {**data, "evidence": evidence, "count": len(evidence)}
        out.add_edge(a, b, key=rel, **data)
    if dated:  # entities with no relation left and no document in range go too
        keep = {
            n
            for n in out
            if out.degree(n)
            or any(
                _in_range(docs.get(d, {}).get("date", ""), since, until) for d in out.nodes[n].get("docs", [])
            )
        }
        out.remove_nodes_from([n for n in list(out) if n not in keep])
    return out


def _in_range(date: str, since: str, until: str) -> bool:
    if not date:
        return False
    return (not since or date[: len(since)] >= since) and (not until or date[: len(until)] <= until)
