"""Named queries: every one runs on both stores over the same loaded data and returns the same rows.

The sample corpus of conftest.py is loaded once per module into an embedded
store and (marker `bolt`) into a Bolt database; each query runs with each of
its parameter sets on both, rows compared after sorting (queries are free to
order differently). A few answers are also checked outright.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from bolt_server import BoltServer, BoltTarget
from conftest import open_bolt, sample_corpus

from graph.store import Store
from queries import UnknownQuery, get_query, list_queries, load_query

PARAM_SETS: dict[str, list[dict[str, str]]] = {
    "contacts": [{}, {"limit": "1"}],
    "denials": [{}],
    "instruction_chains": [{}, {"limit": "1"}],
    "entity": [{"name": "Ana Lee"}, {"name": "bu ana"}, {"name": "KEMENRISTEK"}, {"name": "Nobody"}],
    "shortest_path": [
        {"a": "Ana Lee", "b": "Republik Arvania"},
        {"a": "Budi", "b": "Ana Lee"},  # CONTACTED and DENIED edges: one path of names
        {"a": "Ana Lee", "b": "Aurora AI"},  # no path
    ],
    "most_connected": [{}, {"limit": "3"}],
    "entities_by_document": [{}, {"doc": "d3"}],
    "evidence": [{"a": "Ana Lee", "b": "Budi Santoso"}, {"a": "Technology:aurora", "b": "Kemenristek"}],
}
CASES = [(name, params) for name, sets in PARAM_SETS.items() for params in sets]
CASE_IDS = [f"{name}-{'-'.join(params.values()) or 'defaults'}" for name, params in CASES]


@pytest.fixture(scope="module")
def embedded_loaded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    from graph.embedded_store import EmbeddedStore

    store = EmbeddedStore(Path(tmp_path_factory.mktemp("queries")) / "store")
    store.write(sample_corpus())
    yield store
    store.close()


@pytest.fixture(scope="module")
def bolt_loaded(bolt_server: BoltServer | None) -> Iterator[Store]:
    target = BoltTarget.from_environ() or bolt_server.create_database("ergraph_queries")
    store = open_bolt(target)
    store.reset()
    store.write(sample_corpus())
    yield store
    store.close()
    if bolt_server is not None:
        bolt_server.drop_database("ergraph_queries")


@pytest.fixture(params=["embedded", pytest.param("bolt", marks=pytest.mark.bolt)])
def loaded(request: pytest.FixtureRequest) -> Store:
    return request.getfixturevalue(f"{request.param}_loaded")


def run(store: Store, name: str, params: dict[str, str]) -> tuple[list[str], list[list[Any]]]:
    result = store.query(load_query(name, store.dialect), get_query(name).bind(params))
    return result.columns, list(result.rows)


def normalised(rows: list[list[Any]]) -> list[str]:
    return sorted(json.dumps(row, sort_keys=True, ensure_ascii=False) for row in rows)


def test_the_required_queries_exist() -> None:
    names = {q.name for q in list_queries()}
    assert {
        "contacts",
        "denials",
        "instruction_chains",
        "entity",
        "shortest_path",
        "most_connected",
        "entities_by_document",
    } <= names
    assert names == set(PARAM_SETS), "give every named query a parameter set here"


@pytest.mark.parametrize("query", list_queries(), ids=lambda q: q.name)
def test_every_query_has_a_header(query) -> None:
    assert query.description
    assert query.example.startswith(f"ergraph queries run {query.name}")
    for param in query.params:
        assert param.description
    required = [p.name for p in query.params if p.required]
    for name in required:
        assert f"--param {name}=" in query.example
    assert set(query.dialects) >= {"neo4j"}


def test_unknown_query_names_the_known_ones() -> None:
    with pytest.raises(UnknownQuery, match="known queries: .*contacts"):
        load_query("nope", "neo4j")
    with pytest.raises(KeyError):
        get_query("nope")


def test_variants_only_where_the_dialect_differs() -> None:
    assert load_query("contacts", "ladybug") == load_query("contacts", "neo4j")
    assert "shortestPath" in load_query("shortest_path", "neo4j")
    assert "SHORTEST" in load_query("shortest_path", "ladybug")


def test_bind_converts_and_checks_parameters() -> None:
    assert get_query("most_connected").bind({}) == {"limit": 20}
    assert get_query("most_connected").bind({"limit": "5"}) == {"limit": 5}
    assert get_query("entities_by_document").bind({}) == {"doc": ""}
    with pytest.raises(ValueError, match="needs --param name"):
        get_query("entity").bind({})
    with pytest.raises(ValueError, match="no parameter"):
        get_query("entity").bind({"name": "x", "nme": "y"})
    with pytest.raises(ValueError, match="must be int"):
        get_query("contacts").bind({"limit": "many"})


@pytest.mark.parametrize(("name", "params"), CASES, ids=CASE_IDS)
def test_query_runs(loaded: Store, name: str, params: dict[str, str]) -> None:
    columns, rows = run(loaded, name, params)
    if not rows and "ArcadeDB" in getattr(loaded, "server_agent", ""):
        return  # ArcadeDB names no columns for an empty result (graph/dialect.py)
    assert columns and len(columns) == len(set(columns))


@pytest.mark.bolt
@pytest.mark.parametrize(("name", "params"), CASES, ids=CASE_IDS)
def test_same_rows_on_both_stores(
    embedded_loaded: Store, bolt_loaded: Store, name: str, params: dict[str, str]
) -> None:
    embedded_columns, embedded_rows = run(embedded_loaded, name, params)
    bolt_columns, bolt_rows = run(bolt_loaded, name, params)
    if bolt_rows or "ArcadeDB" not in bolt_loaded.server_agent:
        assert embedded_columns == bolt_columns
    assert normalised(embedded_rows) == normalised(bolt_rows)


def test_answers(loaded: Store) -> None:
    _, rows = run(loaded, "contacts", {})
    assert rows == [
        ["Ana Lee", "Budi Santoso", 3, "2024-03-01", "2024-04-10", 1],
        ["Dimas Putra", "Republik Arvania", 1, "2024-04-10", "2024-04-10", 0],
    ]
    _, rows = run(loaded, "shortest_path", {"a": "ana lee", "b": "Arvania"})
    assert rows == [[["Ana Lee", "Budi Santoso", "Citra Dewi", "Dimas Putra", "Republik Arvania"], 4]]
    _, rows = run(loaded, "shortest_path", {"a": "Budi", "b": "Ana Lee"})
    assert rows == [[["Budi Santoso", "Ana Lee"], 1]]
    _, rows = run(loaded, "shortest_path", {"a": "Budi", "b": "Budi"})
    assert rows == []
    _, rows = run(loaded, "instruction_chains", {})
    assert rows == [[["Budi Santoso", "Citra Dewi", "Dimas Putra"]]]
    _, rows = run(loaded, "denials", {})
    assert [r[:3] + r[5:] for r in rows] == [
        ["Budi Santoso", "Ana Lee", "d2", "Ana Lee", "CONTACTED", "Budi Santoso"],
        ["Dimas Putra", "Kementerian Riset", "d4", None, None, None],
    ]
    _, rows = run(loaded, "entity", {"name": "Bu Ana"})
    assert sorted(tuple(r[2:6]) for r in rows) == [
        ("CONTACTED", "out", "Budi Santoso", "d1"),
        ("CONTACTED", "out", "Budi Santoso", "d2"),
        ("CONTACTED", "out", "Budi Santoso", "d3"),
        ("DENIED", "in", "Budi Santoso", "d2"),
        ("MENTIONED_IN", "in", "Title d1", "d1"),
        ("MENTIONED_IN", "in", "Title d2", "d2"),
        ("MENTIONED_IN", "in", "Title d3", "d3"),
    ]
    _, rows = run(loaded, "most_connected", {"limit": "2"})
    assert [r[0] for r in rows] == ["Dimas Putra", "Budi Santoso"]


@pytest.mark.bolt
@pytest.mark.slow
def test_same_rows_on_a_synthetic_graph(bolt_server: BoltServer | None, tmp_path: Path) -> None:
    """Hubs, parallel edges, three-hop chains and ties at LIMIT boundaries: still the same rows."""
    from bench.bench_store import query_params, synthetic
    from graph.embedded_store import EmbeddedStore

    corpus = synthetic(300, 900, 20)
    target = BoltTarget.from_environ() or bolt_server.create_database("ergraph_queries_synthetic")
    stores = [EmbeddedStore(tmp_path / "store"), open_bolt(target)]
    try:
        stores[1].reset()
        for store in stores:
            for i in range(0, len(corpus.extractions), 15):
                store.write(corpus.extractions[i : i + 15])
        values = query_params(corpus)
        for named in list_queries():
            params = {p.name: values[p.name] for p in named.params if p.name in values}
            (_, embedded_rows), (_, bolt_rows) = (run(store, named.name, params) for store in stores)
            if named.name == "shortest_path":  # equally short paths: each database picks its own
                embedded_rows = [row[-1:] for row in embedded_rows]
                bolt_rows = [row[-1:] for row in bolt_rows]
            assert normalised(embedded_rows) == normalised(bolt_rows), named.name
    finally:
        for store in stores:
            store.close()
        if bolt_server is not None:
            bolt_server.drop_database("ergraph_queries_synthetic")
