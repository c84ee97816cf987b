"""The store contract, one suite for both backends: embedded LadybugDB and Bolt (ArcadeDB or Neo4j).

Every test gets an empty store of its own (`graph_store` in conftest.py) and
writes `Extraction`s built by hand from invented entities, then reads back
through the `Store` interface. Bolt-only behaviour (unreachable server, wrong
credentials, `.env`) and the read-only guard of `graph/dialect.py` are at the end.
"""

from __future__ import annotations

import itertools
import json
import threading
import time
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path

import pytest
from bolt_server import BoltServer, BoltTarget, free_ports
from conftest import open_bolt, record_reliability
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graph.dialect import find_write_clause
from graph.model import Extraction
from graph.store import QueryError, Store, StoreUnavailable, WriteRefused, open_store

NASTY = [
    "O'Brien",
    'say "hi"',
    "back\\slash \\' \\\" \\\\",
    "'}) MATCH (n) DETACH DELETE n //",
    '"}) DETACH DELETE n RETURN 1 /*',
    "$rows ${x} {key: 1}",
    "`Person` :Entity; DROP TABLE Person;",
    "line\nbreak\ttab\r\n",
    "Ünïcödé — 北京 — مرحبا — 🙂",
]


def snapshot(store: Store) -> dict:
    """Everything the store holds, as plain sorted data."""
    return {
        "entities": sorted((asdict(e) for e in store.entities()), key=lambda e: e["key"]),
        "edges": sorted(
            (asdict(e) for e in store.edges()), key=lambda e: (e["type"], e["source"], e["target"], e["doc"])
        ),
        "documents": sorted((asdict(d) for d in store.documents()), key=lambda d: d["id"]),
    }


def rows(store: Store, cypher: str, params: dict | None = None) -> list[list]:
    return list(store.query(cypher, params).rows)


# -- writing and reading back -----------------------------------------------------------------------


def test_round_trip(graph_store: Store, corpus: list[Extraction]) -> None:
    graph_store.write(corpus)
    snap = snapshot(graph_store)

    assert [d["id"] for d in snap["documents"]] == ["d1", "d2", "d3", "d4"]
    d1 = snap["documents"][0]
    assert d1["hash"] == corpus[0].document.content_hash
    assert (d1["title"], d1["date"], d1["url"], d1["lang"], d1["path"]) == (
        "Title d1",
        "2024-03-01",
        "https://example.org/d1",
        "id",
        "d1.txt",
    )
    assert graph_store.document_hashes(["d1", "d3", "nope"]) == {
        "d1": corpus[0].document.content_hash,
        "d3": corpus[2].document.content_hash,
    }

    entities = {e["key"]: e for e in snap["entities"]}
    assert len(entities) == 8
    ana = entities["Person:ana lee"]
    assert (ana["name"], ana["type"], ana["docs"]) == ("Ana Lee", "Person", ["d1", "d2", "d3"])
    assert sorted(ana["aliases"]) == ["Ana Lee", "Bu Ana"]
    assert entities["Country:XA"]["type"] == "Country"
    assert entities["Technology:aurora"]["type"] == "Technology"
    assert entities["Organization:nusantara data"]["docs"] == ["d1"]

    edges = snap["edges"]
    assert len(edges) == 9  # one per (source, type, target, document)
    contacts = [e for e in edges if e["type"] == "CONTACTED" and e["source"] == "Person:ana lee"]
    assert [e["doc"] for e in contacts] == ["d1", "d2", "d3"]
    d2 = contacts[1]
    assert d2["disputed"] is True and d2["reported_by"] == "WSJ" and d2["date"] == "2024-03-05"
    assert d2["confidence"] == pytest.approx(0.75)
    assert [ev["sentence"] for ev in d2["evidence"]] == ["Menurut WSJ, Ana menelepon Budi."]
    funded = next(e for e in edges if e["type"] == "FUNDED")
    assert len(funded["evidence"]) == 2
    assert [ev["sentence"] for ev in funded["evidence"]] == [
        "Kementerian Riset mendanai Aurora AI.",
        "Dana untuk Aurora cair.",
    ]
    assert all(ev["doc"] == "d3" and ev["trigger"] == "funded" for ev in funded["evidence"])


def test_rewriting_the_same_documents_changes_nothing(graph_store: Store, corpus: list[Extraction]) -> None:
    graph_store.write(corpus[:2])
    graph_store.write(corpus[2:])
    first = snapshot(graph_store)
    graph_store.write(corpus)
    graph_store.write(corpus[1:3])
    assert snapshot(graph_store) == first
    mentions = rows(graph_store, "MATCH (d:Document)-[m:MENTIONS]->(e) RETURN count(m)")
    assert mentions == [[sum(len(ex.entities) for ex in corpus)]]


def test_rewriting_a_changed_document_replaces_its_rows(
    graph_store: Store, corpus: list[Extraction], make_extraction: Callable[..., Extraction]
) -> None:
    graph_store.write(corpus)
    changed = make_extraction(
        "d1",
        [("Person:ana lee", "Ana Lee", "Person", ["Ana"]), ("Person:eko", "Eko", "Person", ["Eko"])],
        [("Person:eko", "DENIED", "Person:ana lee", ["Eko membantah bertemu Ana."])],
        date="2024-03-02",
        title="Changed",
    )
    graph_store.write([changed])
    snap = snapshot(graph_store)

    d1_edges = [(e["source"], e["type"], e["target"]) for e in snap["edges"] if e["doc"] == "d1"]
    assert d1_edges == [("Person:eko", "DENIED", "Person:ana lee")]
    other_edges = [e for e in snap["edges"] if e["doc"] != "d1"]
    assert len(other_edges) == 6  # d2, d3, d4 untouched
    doc = next(d for d in snap["documents"] if d["id"] == "d1")
    assert doc["hash"] == changed.document.content_hash
    assert (doc["title"], doc["date"]) == ("Changed", "2024-03-02")
    entities = {e["key"]: e for e in snap["entities"]}
    assert entities["Person:citra dewi"]["docs"] == ["d4"]  # no longer mentioned by d1
    assert entities["Person:eko"]["docs"] == ["d1"]
    assert "Ana" in entities["Person:ana lee"]["aliases"]


def test_a_new_document_about_a_known_entity_extends_it(
    graph_store: Store, make_extraction: Callable[..., Extraction]
) -> None:
    graph_store.write([make_extraction("a", [("Person:x", "Xavi Ray", "Person", ["Xavi Ray"])])])
    graph_store.write([make_extraction("b", [("Person:x", "X. Ray", "Person", ["Pak Xavi", "Xavi Ray"])])])
    (entity,) = list(graph_store.entities())
    assert entity.name == "Xavi Ray"  # the first name stays
    assert sorted(entity.aliases) == ["Pak Xavi", "Xavi Ray"]
    assert len(entity.aliases) == len(set(entity.aliases))
    assert entity.docs == ["a", "b"]


def _fail_on_edges(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    """Make the batch fail in the database after its entities and mentions were written."""
    if store.dialect == "neo4j":
        import graph.neo4j_store as neo4j_store

        broken = neo4j_store.CREATE_EDGES + " RETURN syntax error here"
        monkeypatch.setattr(neo4j_store, "CREATE_EDGES", broken)
        return

    class FailingConnection:
        def __init__(self, conn):
            self._conn = conn

        def execute(self, cypher, *args, **kwargs):
            if "(a)-[" in cypher:
                raise RuntimeError("injected failure while writing edges")
            return self._conn.execute(cypher, *args, **kwargs)

        def __getattr__(self, name):
            return getattr(self._conn, name)

    monkeypatch.setattr(store, "_conn", FailingConnection(store._conn))


def test_a_failing_batch_leaves_no_partial_rows(
    graph_store: Store,
    corpus: list[Extraction],
    make_extraction: Callable[..., Extraction],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    graph_store.write(corpus[:2])
    before = snapshot(graph_store)
    changed_d1 = make_extraction(
        "d1",
        [("Person:ana lee", "Ana Lee", "Person", ["Ana X"]), ("Person:new", "New", "Person", [])],
        [("Person:new", "CONTACTED", "Person:ana lee", ["New menghubungi Ana."])],
    )
    with monkeypatch.context() as patch:
        _fail_on_edges(graph_store, patch)
        with pytest.raises(Exception):  # noqa: B017 - each store reports it its own way
            graph_store.write([changed_d1, *corpus[2:]])
    assert snapshot(graph_store) == before
    assert graph_store.document_hashes(["d1", "d3", "d4"]) == {"d1": corpus[0].document.content_hash}
    graph_store.write([changed_d1, *corpus[2:]])  # and the store still works
    assert len(list(graph_store.documents())) == 4


def test_values_round_trip_verbatim(graph_store: Store, make_extraction: Callable[..., Extraction]) -> None:
    entities = [(f"Person:{i}", text, "Person", [text, text + "!"]) for i, text in enumerate(NASTY)]
    relations = [(f"Person:{i}", "CONTACTED", f"Person:{i + 1}", [text]) for i, text in enumerate(NASTY[:-1])]
    extraction = make_extraction("doc'\"\\", entities, relations, title=NASTY[3], text="".join(NASTY))
    graph_store.write([extraction])

    stored = {e.key: e for e in graph_store.entities()}
    for i, text in enumerate(NASTY):
        assert stored[f"Person:{i}"].name == text
        assert sorted(stored[f"Person:{i}"].aliases) == sorted([text, text + "!"])
        assert stored[f"Person:{i}"].docs == ["doc'\"\\"]
    sentences = sorted(ev["sentence"] for e in graph_store.edges() for ev in e.evidence)
    assert sentences == sorted(NASTY[:-1])
    (doc,) = graph_store.documents()
    assert (doc.id, doc.title) == ("doc'\"\\", NASTY[3])
    for text in NASTY:
        found = rows(graph_store, "MATCH (e:Person) WHERE e.name = $name RETURN e.name", {"name": text})
        assert found == [[text]]
    assert len(list(graph_store.entities())) == len(NASTY)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(value=st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00")))
def test_query_parameters_round_trip(graph_store: Store, value: str) -> None:
    assert rows(graph_store, "RETURN $value AS v", {"value": value}) == [[value]]


def test_evidence_is_json_of_evidence_dicts(graph_store: Store, corpus: list[Extraction]) -> None:
    graph_store.write(corpus)
    (raw,) = rows(graph_store, "MATCH (a)-[r:FUNDED]->(b) RETURN r.evidence")[0]
    parsed = json.loads(raw)
    assert [ev["sentence"] for ev in parsed] == [
        "Kementerian Riset mendanai Aurora AI.",
        "Dana untuk Aurora cair.",
    ]
    assert set(parsed[0]) == {"doc", "sentence", "start", "end", "trigger", "rule", "confidence"}


# -- querying ----------------------------------------------------------------------------------------


def test_query_returns_columns_and_streams(graph_store: Store, corpus: list[Extraction]) -> None:
    graph_store.write(corpus)
    result = graph_store.query(
        "MATCH (a)-[r:CONTACTED]->(b) WHERE a.name = $name"
        " RETURN b.name AS target, r.doc AS doc ORDER BY doc",
        {"name": "Ana Lee"},
    )
    assert result.columns == ["target", "doc"]
    assert list(result.rows) == [["Budi Santoso", "d1"], ["Budi Santoso", "d2"], ["Budi Santoso", "d3"]]
    big = graph_store.query("UNWIND range(1, 200000) AS i RETURN i")
    assert not isinstance(big.rows, list)
    assert list(itertools.islice(big.rows, 3)) == [[1], [2], [3]]
    big.rows.close()


@pytest.mark.parametrize(
    "cypher",
    [
        "CREATE (n:Person {key: 'intruder', name: 'x'})",
        "MATCH (n:Person) SET n.name = 'changed'",
        "MATCH (n:Person) DETACH DELETE n",
        "MATCH (n:Person) // harmless?\n DELETE n",
        "MERGE (n:Person {key: 'intruder'})",
        "MATCH (n:Person) REMOVE n.name",
        "match (n:Person) set n.name = 'lowercase'",
    ],
)
def test_write_is_refused_in_a_read_only_query(
    graph_store: Store, corpus: list[Extraction], cypher: str
) -> None:
    graph_store.write(corpus[:1])
    before = snapshot(graph_store)
    with pytest.raises(WriteRefused, match="--write"):
        list(graph_store.query(cypher).rows)
    assert snapshot(graph_store) == before


def test_keywords_inside_strings_are_not_writes(graph_store: Store) -> None:
    assert rows(graph_store, "RETURN 'CREATE (n) SET n.x = 1 // DELETE' AS s") == [
        ["CREATE (n) SET n.x = 1 // DELETE"]
    ]


def test_write_query_runs_with_write(graph_store: Store, corpus: list[Extraction]) -> None:
    graph_store.write(corpus[:1])
    list(
        graph_store.query(
            "MATCH (n:Person) WHERE n.key = $k SET n.name = 'Renamed'", {"k": "Person:ana lee"}, write=True
        ).rows
    )
    assert rows(graph_store, "MATCH (n:Person {key: 'Person:ana lee'}) RETURN n.name") == [["Renamed"]]


@pytest.mark.parametrize("cypher", ["MATCH (n RETURN n", "RETRUN 1", "MATCH (n) RETURN m"])
def test_invalid_cypher_is_a_query_error(graph_store: Store, cypher: str) -> None:
    with pytest.raises(QueryError) as caught:
        list(graph_store.query(cypher).rows)
    assert str(caught.value)
    assert caught.value.exit_code == 2


def test_reset_empties_the_store(graph_store: Store, corpus: list[Extraction]) -> None:
    graph_store.write(corpus)
    graph_store.reset()
    assert snapshot(graph_store) == {"entities": [], "edges": [], "documents": []}
    graph_store.write(corpus[:1])
    assert len(list(graph_store.documents())) == 1


def test_data_survives_reopening(open_graph_store: Callable[[], Store], corpus: list[Extraction]) -> None:
    store = open_graph_store()
    store.write(corpus)
    before = snapshot(store)
    store.close()
    assert snapshot(open_graph_store()) == before


# -- Bolt connection problems -------------------------------------------------------------------------


def test_unreachable_bolt_server_fails_fast_with_the_fix(monkeypatch: pytest.MonkeyPatch) -> None:
    (port,) = free_ports(1)
    uri = f"bolt://127.0.0.1:{port}"
    monkeypatch.setenv("NEO4J_PASSWORD", "not-shown-anywhere")
    started = time.monotonic()
    with pytest.raises(StoreUnavailable) as caught:
        open_store(uri)
    assert time.monotonic() - started < 6
    message = str(caught.value)
    assert uri in message and "docker compose up -d" in message
    assert "\n" not in message and "not-shown-anywhere" not in message
    assert caught.value.exit_code == 3


@pytest.mark.bolt
def test_wrong_credentials_say_so_without_the_password(
    bolt_target: BoltTarget, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NEO4J_USERNAME", bolt_target.user)
    monkeypatch.setenv("NEO4J_PASSWORD", "Wr0ng-s3cret-pw")
    if bolt_target.database:
        monkeypatch.setenv("NEO4J_DATABASE", bolt_target.database)
    with pytest.raises(StoreUnavailable) as caught:
        open_store(bolt_target.uri)
    message = str(caught.value)
    assert "credentials" in message and bolt_target.user in message
    assert "Wr0ng-s3cret-pw" not in message and bolt_target.password not in message


@pytest.mark.bolt
def test_credentials_come_from_dotenv_without_overriding_the_environment(
    bolt_target: BoltTarget, corpus: list[Extraction], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("NEO4J_USERNAME", "NEO4J_PASSWORD", "NEO4J_DATABASE"):
        monkeypatch.delenv(name, raising=False)
    lines = [f"NEO4J_USERNAME={bolt_target.user}", f"NEO4J_PASSWORD='{bolt_target.password}'", "# comment"]
    if bolt_target.database:
        lines.append(f"export NEO4J_DATABASE={bolt_target.database}")
    (tmp_path / ".env").write_text("\n".join(lines) + "\n")
    monkeypatch.chdir(tmp_path)
    with open_store(bolt_target.uri) as store:
        store.write(corpus[:1])
        assert len(list(store.documents())) == 1
    monkeypatch.setenv("NEO4J_PASSWORD", "environment-wins")
    with pytest.raises(StoreUnavailable, match="credentials"):
        open_store(bolt_target.uri)


@pytest.mark.bolt
def test_unknown_database_is_reported(bolt_target: BoltTarget, monkeypatch: pytest.MonkeyPatch) -> None:
    if BoltTarget.from_environ() is not None:
        pytest.skip("Neo4j community has one database")
    for name, value in bolt_target.with_database("no_such_db").env().items():
        monkeypatch.setenv(name, value)
    with pytest.raises(StoreUnavailable, match="no_such_db"):
        open_store(bolt_target.uri)


# -- the read-only guard ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cypher", "clause"),
    [
        ("MATCH (n) RETURN n", None),
        ("MATCH (n) WHERE n.name = 'DELETE me' RETURN n.set, n.create", None),
        ("MATCH (n:Merge) RETURN $delete", None),
        ("// CREATE nothing\nMATCH (n) RETURN n /* SET */", None),
        ("CALL db.labels() YIELD label RETURN label", None),
        ("CALL show_tables() RETURN *", None),
        ("MATCH (n) CALL { WITH n RETURN n.x AS x } RETURN x", None),
        ("CREATE (n)", "CREATE"),
        ("MATCH (n) DETACH DELETE n", "DETACH"),
        ("LOAD CSV FROM 'file:///x' AS row RETURN row", "LOAD CSV"),
        ("UNWIND [1] AS i CALL { CREATE (:X) } IN TRANSACTIONS", "CALL { ... } IN TRANSACTIONS"),
        ("CALL apoc.create.node(['X'], {}) YIELD node RETURN node", "CALL apoc.create.node"),
        ("MATCH (n) FOREACH (x IN [1] | SET n.x = x)", "FOREACH"),
        ("COPY Person FROM 'x.csv'", "COPY"),
        ("match (n) set n.x = 1", "SET"),
        ("DROP CONSTRAINT x", "DROP"),
    ],
)
def test_find_write_clause(cypher: str, clause: str | None) -> None:
    assert find_write_clause(cypher) == clause


# -- a Bolt server that dies in the middle of a load ----------------------------------------------------


@pytest.mark.bolt
@pytest.mark.slow
def test_bolt_server_killed_mid_load_then_rerun_gives_the_full_graph(
    bolt_server: BoltServer | None, bolt_target: BoltTarget
) -> None:
    if bolt_server is None:
        pytest.skip("needs the ArcadeDB server the suite starts and stops")
    from bench.bench_store import synthetic
    from graph.neo4j_store import Neo4jStore

    documents = synthetic(400, 1200, 20).extractions  # 60 documents
    batches = [documents[i : i + 4] for i in range(0, len(documents), 4)]

    reference_target = bolt_server.create_database(f"{bolt_target.database}_reference")
    with open_bolt(reference_target) as reference_store:
        for batch in batches:
            reference_store.write(batch)
        reference = snapshot(reference_store)

    store = Neo4jStore(
        bolt_target.uri, bolt_target.user, bolt_target.password, bolt_target.database, max_retry_time=2
    )
    # The kill is tied to the load's progress, not the clock: it starts as batch 6 is being
    # written (so it may land mid-transaction) and has certainly happened before batch 7.
    killer = threading.Thread(target=bolt_server.stop, kwargs={"kill": True})
    failure = None
    try:
        for i, batch in enumerate(batches):
            if i == 5:
                killer.start()
            if i == 6:
                killer.join()
            try:
                store.write(batch)
            except StoreUnavailable as exc:
                failure = exc
                break
    finally:
        if killer.ident is not None:
            killer.join()
        store.close()
    assert failure is not None, "the load finished before the server was killed"
    message = str(failure)
    assert bolt_target.uri in message and "docker compose up -d" in message
    assert "documents not written: doc" in message and "\n" not in message

    bolt_server.start()  # same ports, same data directory
    with open_bolt(bolt_target) as store:
        done = store.document_hashes([ex.document.id for ex in documents])
        todo = [ex for ex in documents if done.get(ex.document.id) != ex.document.content_hash]
        assert 0 < len(todo) < len(documents)
        for i in range(0, len(todo), 4):
            store.write(todo[i : i + 4])
        assert snapshot(store) == reference
    bolt_server.drop_database(reference_target.database)
    record_reliability(faults_survived=1)
