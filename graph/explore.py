"""Answers to direct questions: find an entity by name, everything about it, a path between two.

Names match case- and accent-insensitively against an entity's name and every
alias; a miss raises `NotFound` carrying the closest names as suggestions.
`run_query` runs Cypher for `ergraph query`, `queries run` and `viz --query`,
and turns LadybugDB's "Table CONTACTED does not exist" (a store that holds no
such relation yet, see `graph/dialect.py`) into a message saying so.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import Any

import networkx as nx
from rapidfuzz import fuzz, process

from graph.dialect import LADYBUG_TABLES, missing_table
from graph.model import ENTITY_TYPES
from graph.store import QueryError, QueryResult, Store, StoredEdge, StoredEntity


class NotFound(LookupError):
    """No entity of that name; `suggestions` are the closest known names."""

    def __init__(self, name: str, suggestions: list[str]):
        hint = f"; did you mean {', '.join(repr(s) for s in suggestions)}?" if suggestions else ""
        super().__init__(f"no entity named {name!r}{hint}")
        self.suggestions = suggestions


def fold(text: str) -> str:
    """Case- and accent-insensitive form of a name."""
    text = unicodedata.normalize("NFKD", text)
    return " ".join("".join(c for c in text if not unicodedata.combining(c)).casefold().split())


def find_entity(store: Store, name: str, entity_type: str | None = None) -> StoredEntity:
    """The entity whose key, name or an alias equals `name` (folded); the best-connected name wins ties."""
    return match_entity(list(store.entities()), name, entity_type)


def match_entity(entities: list[StoredEntity], name: str, entity_type: str | None = None) -> StoredEntity:
    """`find_entity` over entities already read from the store."""
    wanted = fold(name)
    candidates = [e for e in entities if entity_type in (None, e.type)]
    exact = [e for e in candidates if wanted in {fold(e.key), fold(e.name), *(fold(a) for a in e.aliases)}]
    if exact:
        return max(exact, key=lambda e: (fold(e.name) == wanted, len(e.docs), e.key))
    tokens = set(wanted.split())
    partial = [e for e in candidates if tokens <= set(fold(e.name).split())]
    if len(partial) == 1:  # "kiriyenko" -> Sergei Kiriyenko, when no other name has that word
        return partial[0]
    names = {e.name for e in candidates}
    close = process.extract(name, sorted(names), scorer=fuzz.WRatio, limit=3, score_cutoff=75)
    raise NotFound(name, sorted({e.name for e in partial}) or [c[0] for c in close])


@dataclass(slots=True)
class EntityReport:
    entity: StoredEntity
    outgoing: list[StoredEdge]
    incoming: list[StoredEdge]
    names: dict[str, str]  # key -> display name of every neighbour


def describe(store: Store, name: str) -> EntityReport:
    everyone = list(store.entities())
    entity = match_entity(everyone, name)
    names = {e.key: e.name for e in everyone}
    out, inc = [], []
    for edge in store.edges():
        if edge.source == entity.key:
            out.append(edge)
        elif edge.target == entity.key:
            inc.append(edge)
    return EntityReport(entity, out, inc, names)


def shortest_path(g: nx.MultiDiGraph, source: str, target: str) -> list[tuple[str, str, str, dict]]:
    """Hops (from, relation type, to, edge data) of a shortest path, ignoring direction; [] if none."""
    try:
        nodes = nx.shortest_path(g.to_undirected(as_view=True), source, target)
    except nx.NetworkXNoPath:
        return []
    hops = []
    for a, b in zip(nodes, nodes[1:], strict=False):
        if g.has_edge(a, b):
            key, data = next(iter(g[a][b].items()))
            hops.append((a, key, b, data))
        else:
            key, data = next(iter(g[b][a].items()))
            hops.append((b, key, a, data))
    return hops


def run_query(
    store: Store,
    cypher: str,
    params: dict[str, Any] | None = None,
    *,
    write: bool = False,
    timeout: float | None = None,
) -> QueryResult:
    """`store.query`, except that a query naming a label or relation type the store has no table
    for fails with a QueryError saying what the store lacks (no documents yet, no CONTACTED
    relations yet, or no such name, with the closest ones), not with the database's binder error."""
    try:
        return store.query(cypher, params, write=write, timeout=timeout)
    except QueryError as exc:
        table = missing_table(str(exc))
        if table is None:
            raise
        raise QueryError(_lacking(store, table)) from None


def _lacking(store: Store, table: str) -> str:
    from loaders.ontology import load_ontology

    relation_types = set(load_ontology().relations)
    if table in relation_types:
        documents = sum(1 for _ in store.documents())
        if not documents:
            return (
                f"the store {store.location} holds no documents yet, so no {table} relations"
                " — load documents first (ergraph load FOLDER)"
            )
        return (
            f"the store holds no {table} relations yet: none of its {documents}"
            f" document{'s' if documents != 1 else ''} states one"
            " — load documents that do"
        )
    try:
        present = {row[0] for row in store.query(LADYBUG_TABLES).rows}
    except QueryError:
        present = set()
    known = sorted(present | relation_types | set(ENTITY_TYPES) | {"Document"})
    close = [k for k in known if k.casefold() == table.casefold()] or [
        c[0] for c in process.extract(table, known, scorer=fuzz.WRatio, limit=3, score_cutoff=75)
    ]
    hint = f"did you mean {', '.join(close)}?" if close else f"it holds {', '.join(sorted(present))}"
    return f"the store has no label or relation type {table!r}; {hint}"
