"""Counts of what a store holds: documents, entities per type, relations per type."""

from __future__ import annotations

from collections import Counter

from graph.model import ENTITY_TYPES
from graph.store import Store


def graph_stats(store: Store) -> dict[str, int]:
    """Ordered counts: documents, entities (total and per type), relation edges per type."""
    documents = sum(1 for _ in store.documents())
    types = Counter(e.type for e in store.entities())
    relations = Counter()
    evidence = 0
    for edge in store.edges():
        relations[edge.type] += 1
        evidence += len(edge.evidence)
    out = {"documents": documents, "entities": sum(types.values())}
    out.update({f"entities:{t}": types[t] for t in ENTITY_TYPES})
    out["relations"] = sum(relations.values())
    out.update({f"relations:{t}": n for t, n in sorted(relations.items())})
    out["evidence sentences"] = evidence
    return out
