"""The embedded store's fast write path, on real LadybugDB databases.

`EmbeddedStore.write` sends each row as one packed string (graph/embedded_store.py,
`RowLayout`) and falls back to one map per row when a value cannot be packed.
These tests check that both forms store exactly the same values (compared as raw
database rows, so NULL and '' differ), that rows which cannot be packed fall back,
that loads stay idempotent with replacement, that a write killed (SIGKILL) at any
statement of its transaction leaves the store as it was and the next write
completes it, that large batches go through whole, and that statements of fewer
than PACK_MIN_ROWS rows take maps (all other tests pack every statement).
"""

from __future__ import annotations

import json
import math
import subprocess
import sys
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bench.bench_store import synthetic
from graph import embedded_store
from graph.batch_rows import BatchRows
from graph.embedded_store import (
    DOCUMENT_ROW,
    EDGE_ROW,
    ENTITY_ROW,
    FIELD_SEP,
    ITEM_SEP,
    MENTION_ROW,
    EmbeddedStore,
    RowLayout,
)
from graph.model import ENTITY_TYPES, Entity, Evidence, Extraction, Relation, SourceDocument

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(autouse=True)
def pack_every_statement(monkeypatch: pytest.MonkeyPatch) -> None:
    """Pack small statements too (the store sends statements of fewer than 8 rows as maps)."""
    monkeypatch.setattr(embedded_store, "PACK_MIN_ROWS", 1)


NASTY = [
    "O'Brien",
    'say "hi"',
    "back\\slash \\' \\\" \\\\",
    "~tilde first",
    "ends with tilde~",
    "'}) MATCH (n) DETACH DELETE n //",
    "line\nbreak\ttab\r\n",
    "Ünïcödé — 北京 — مرحبا — 🙂 — e\u0301",
    "split_part,comma;semicolon|pipe",
]


def raw_dump(store: EmbeddedStore) -> dict:
    """Every stored value as the database returns it (None stays None), sorted."""

    def rows(cypher: str) -> list:
        return sorted((json.dumps(row, sort_keys=True, default=str) for row in store._all(cypher)), key=str)

    dump = {"documents": rows("MATCH (d:Document) RETURN d.*")}
    for label in ENTITY_TYPES:
        dump[label] = rows(f"MATCH (e:{label}) RETURN e.key, e.name, e.aliases")
    dump["MENTIONS"] = rows("MATCH (d:Document)-[m:MENTIONS]->(e) RETURN d.id, e.key, m.aliases")
    for rel_type in store.relation_types():
        dump[rel_type] = rows(
            f"MATCH (a)-[r:{rel_type}]->(b) RETURN a.key, b.key, r.doc, r.evidence, r.sentences,"
            " r.disputed, r.reported_by, r.confidence, r.date"
        )
    return dump


def unpacked(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make every statement take maps, as before rows were packed."""
    monkeypatch.setattr(RowLayout, "pack", lambda self, rows: None)


def extraction(
    doc_id: str,
    names: list[str],
    relations: list[tuple[int, str, int, list[str]]],
    *,
    aliases: Callable[[int, str], list[str]] = lambda i, name: [name],
    reported_by: str = "",
    confidence: float = 0.75,
    date: str = "2024-05-01",
    title: str = "",
) -> Extraction:
    """Entities `names` (typed round-robin) and relations (source index, type, target index, sentences)."""
    document = SourceDocument(
        id=doc_id, text=f"text of {doc_id}", title=title or f"T {doc_id}", date=date, source="test", lang="id"
    )
    entities = [
        Entity(
            key=f"{ENTITY_TYPES[i % 4]}:{name}", name=name, type=ENTITY_TYPES[i % 4], aliases=aliases(i, name)
        )
        for i, name in enumerate(names)
    ]
    rels = [
        Relation(
            source=entities[a].key,
            target=entities[b].key,
            type=rel_type,
            evidence=[
                Evidence(doc=doc_id, sentence=s, start=k, end=k + len(s), confidence=confidence)
                for k, s in enumerate(sentences)
            ],
            disputed=a % 2 == 1,
            reported_by=reported_by,
        )
        for a, rel_type, b, sentences in relations
    ]
    return Extraction(document=document, entities=entities, relations=rels)


def nasty_batch() -> list[Extraction]:
    names = [f"{text} #{i}" for i, text in enumerate(NASTY)]
    relations = [(i, "CONTACTED", (i + 1) % len(names), [NASTY[i], NASTY[-1 - i]]) for i in range(len(names))]
    return [
        extraction("d'1\"\\", names, relations, reported_by=NASTY[7], title=NASTY[1]),
        extraction("d2", names[:3], [(0, "MET", 2, [])], reported_by="", date="", confidence=0.1 + 0.2),
    ]


# -- packed rows store what maps store ----------------------------------------------------------------


def test_packed_rows_store_exactly_what_maps_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    batch = nasty_batch()
    rows = BatchRows.build(batch)
    assert DOCUMENT_ROW.pack(rows.documents) is not None  # so this test covers the packed path
    assert all(ENTITY_ROW.pack(r) is not None for r in rows.entities.values())
    assert all(MENTION_ROW.pack(r) is not None for r in rows.mentions.values())
    assert all(EDGE_ROW.pack(r) is not None for r in rows.edges.values())
    with EmbeddedStore(tmp_path / "packed") as store:
        store.write(batch)
        packed = raw_dump(store)
    with monkeypatch.context() as patch:
        unpacked(patch)
        with EmbeddedStore(tmp_path / "maps") as store:
            store.write(batch)
            maps = raw_dump(store)
    assert packed == maps
    assert len(packed["CONTACTED"]) == len(NASTY)
    sentences = [json.loads(row)[4] for row in packed["CONTACTED"]]
    expected = [s for i in range(len(NASTY)) for s in dict.fromkeys([NASTY[i], NASTY[-1 - i]])]
    assert sorted(s for pair in sentences for s in pair) == sorted(expected)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    texts=st.lists(
        st.text(
            alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), min_size=1
        ),
        min_size=2,
        max_size=5,
        unique=True,
    ),
    confidence=st.floats(min_value=0, max_value=1, allow_nan=False),
)
def test_any_text_round_trips_packed_or_not(
    tmp_path_factory: pytest.TempPathFactory, texts: list[str], confidence: float
) -> None:
    """Whatever the text (separators included), the store returns it unchanged."""
    batch = [
        extraction(
            "doc",
            texts,
            [(0, "CONTACTED", 1, texts), (1, "DENIED", 0, [texts[0]])],
            aliases=lambda i, name: [name, name + "~"],
            reported_by=texts[-1],
            confidence=confidence,
        )
    ]
    with EmbeddedStore(tmp_path_factory.mktemp("any") / "store") as store:
        store.write(batch)
        edges = {(e.source, e.type, e.target): e for e in store.edges()}
        entities = {e.key: e for e in store.entities()}
    keys = [f"{ENTITY_TYPES[i % 4]}:{t}" for i, t in enumerate(texts)]
    assert [e.sentence for e in batch[0].relations[0].evidence] == [
        ev["sentence"] for ev in edges[(keys[0], "CONTACTED", keys[1])].evidence
    ]
    assert edges[(keys[0], "CONTACTED", keys[1])].reported_by == texts[-1]
    assert edges[(keys[0], "CONTACTED", keys[1])].confidence == confidence
    assert edges[(keys[1], "DENIED", keys[0])].disputed is True
    for i, text in enumerate(texts):
        assert entities[keys[i]].name == text
        assert sorted(entities[keys[i]].aliases) == sorted([text, text + "~"])


def test_rows_that_cannot_be_packed_fall_back_to_maps(tmp_path: Path) -> None:
    awkward = [
        f"field{FIELD_SEP}separator",
        f"item{ITEM_SEP}separator",
    ]
    batch = [
        extraction(
            "d",
            ["a", "b", "c"],
            [(0, "CONTACTED", 1, [awkward[0]]), (1, "CONTACTED", 0, [awkward[1]]), (2, "MET", 0, ["", "x"])],
            aliases=lambda i, name: [name, ""] if i == 2 else [name],
        )
    ]
    rows = BatchRows.build(batch)
    assert EDGE_ROW.pack(rows.edges[("CONTACTED", "Person", "Organization")]) is None
    assert EDGE_ROW.pack(rows.edges[("CONTACTED", "Organization", "Person")]) is None
    assert EDGE_ROW.pack(rows.edges[("MET", "Country", "Person")]) is None  # an empty sentence
    assert EDGE_ROW.pack([{**rows.edges[("MET", "Country", "Person")][0], "sentences": ["x"]}]) is not None
    assert EDGE_ROW.pack([{**rows.edges[("MET", "Country", "Person")][0], "confidence": math.inf}]) is None
    with EmbeddedStore(tmp_path / "store") as store:
        store.write(batch)
        edges = {(e.source, e.type, e.target): e for e in store.edges()}
        entities = {e.key: e for e in store.entities()}
        sentences = {
            rel_type: sorted(
                s for row in store._all(f"MATCH ()-[r:{rel_type}]->() RETURN r.sentences") for s in row[0]
            )
            for rel_type in ("CONTACTED", "MET")
        }
    assert edges[("Person:a", "CONTACTED", "Organization:b")].evidence[0]["sentence"] == awkward[0]
    assert edges[("Organization:b", "CONTACTED", "Person:a")].evidence[0]["sentence"] == awkward[1]
    assert sentences == {"CONTACTED": sorted(awkward), "MET": ["", "x"]}
    assert sorted(entities["Country:c"].aliases) == ["", "c"]


# -- idempotency and replacement --------------------------------------------------------------------


def test_packed_writes_are_idempotent_and_replace_changed_documents(tmp_path: Path) -> None:
    corpus = synthetic(600, 1800, 30).extractions  # 60 documents
    with EmbeddedStore(tmp_path / "store") as store:
        store.write(corpus[:30])
        store.write(corpus[30:])
        first = raw_dump(store)
        store.write(corpus)
        store.write(corpus[10:40])
        assert raw_dump(store) == first

        changed = extraction("doc3", ["Entity 30", "Newcomer"], [(1, "FUNDED", 0, ["Newcomer funded 30."])])
        changed.entities[0] = corpus[3].entities[0]  # the same key as stored, fewer relations
        changed.relations[0].target = changed.entities[0].key
        store.write([changed])
        replaced = raw_dump(store)
    with EmbeddedStore(tmp_path / "fresh") as fresh:
        fresh.write([*corpus[:3], changed, *corpus[4:]])
        assert raw_dump(fresh) == replaced


# -- a write killed between any two statements -------------------------------------------------------


def scenario(name: str) -> tuple[list[Extraction], list[Extraction]]:
    """(first batch, second batch): the second only adds documents, or also replaces stored ones."""
    corpus = synthetic(400, 1200, 30).extractions
    first = corpus[:20]
    if name == "new-documents":
        return first, corpus[20:40]
    changed = [  # new text (so a new hash), half the relations
        replace(ex, document=replace(ex.document, text="v2"), relations=ex.relations[::2])
        for ex in corpus[:15]
    ]
    return first, [*changed, *corpus[20:25]]


KILLER = """
import os, signal, sys
sys.path[:0] = [{root!r}, {tests!r}]
from pathlib import Path
from test_embedded_bulk import scenario
from graph import embedded_store
from graph.embedded_store import EmbeddedStore

embedded_store.PACK_MIN_ROWS = 1

_, batch = scenario({scenario!r})
store = EmbeddedStore(Path({store!r}))
real = store._conn.execute
inside = [None]  # statements run since BEGIN TRANSACTION

def execute(cypher, *args, **kwargs):
    if cypher == "BEGIN TRANSACTION":
        inside[0] = 0
    elif inside[0] is not None:
        inside[0] += 1
        if inside[0] == {kill_at}:
            os.kill(os.getpid(), signal.SIGKILL)
    result = real(cypher, *args, **kwargs)
    if cypher == "COMMIT" and {kill_at} == 0:
        os.kill(os.getpid(), signal.SIGKILL)
    return result

store._conn.execute = execute
store.write(batch)
"""


def _statements_in_transaction(store: EmbeddedStore, batch: list[Extraction]) -> int:
    """How many statements `write` runs after BEGIN TRANSACTION, COMMIT included."""
    real, seen = store._conn.execute, []

    def execute(cypher, *args, **kwargs):
        seen.append(cypher)
        return real(cypher, *args, **kwargs)

    store._conn.execute = execute
    try:
        store.write(batch)
    finally:
        store._conn.execute = real
    return len(seen) - seen.index("BEGIN TRANSACTION") - 1


@pytest.mark.slow
@pytest.mark.parametrize("name", ["new-documents", "replacements-and-new"])
def test_a_write_killed_at_any_statement_leaves_the_store_as_it_was(tmp_path: Path, name: str) -> None:
    first, second = scenario(name)
    with EmbeddedStore(tmp_path / "reference") as reference:
        reference.write(first)
        before = raw_dump(reference)
        statements = _statements_in_transaction(reference, second)
        after = raw_dump(reference)
    assert before != after
    store = tmp_path / "store"
    with EmbeddedStore(store) as s:
        s.write(first)
    # kill before the n-th statement of the transaction (the last one is COMMIT), 0: right after COMMIT
    points = sorted({1, 3, statements // 2, statements - 1, statements, 0})
    for kill_at in points:
        script = KILLER.format(
            root=str(ROOT), tests=str(ROOT / "tests"), store=str(store), scenario=name, kill_at=kill_at
        )
        done = subprocess.run(
            [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=300
        )
        assert done.returncode == -9, (kill_at, done.stderr[-2000:])
        with EmbeddedStore(store) as s:
            state = raw_dump(s)
        if kill_at:  # killed before COMMIT ran: nothing of the batch
            assert state == before, f"partial rows after a kill before statement {kill_at} of {statements}"
        else:
            assert state == after
            with EmbeddedStore(store) as s:  # undo the committed batch for the next kill point
                s.reset()
                s.write(first)
    with EmbeddedStore(store) as s:
        s.write(second)
        assert raw_dump(s) == after
        s.write(second)
        assert raw_dump(s) == after


# -- large batches -----------------------------------------------------------------------------------


@pytest.mark.slow
def test_a_large_batch_is_written_whole_and_rewritten_unchanged(tmp_path: Path) -> None:
    corpus = synthetic(10_000, 30_000, 30)  # 1,000 documents, one write
    with EmbeddedStore(tmp_path / "store") as store:
        store.write(corpus.extractions)
        counts = store._all(
            "MATCH (d:Document) WITH count(d) AS docs MATCH ()-[m:MENTIONS]->() RETURN docs, count(m)"
        )
        assert counts == [[corpus.documents, corpus.mentions]]
        assert sum(1 for _ in store.edges()) == corpus.relations
        assert sum(1 for _ in store.entities()) == corpus.entities
        sample = {(e.source, e.type, e.target, e.doc): e for e in store.edges()}
        for ex in corpus.extractions[::97]:
            for rel in ex.relations[::7]:
                stored = sample[(rel.source, rel.type, rel.target, ex.document.id)]
                assert [ev["sentence"] for ev in stored.evidence] == [e.sentence for e in rel.evidence]
                assert stored.date == ex.document.date
        before = raw_dump(store)
        store.write(corpus.extractions)
        assert raw_dump(store) == before


def test_a_failing_statement_reports_the_database_error_not_the_rollback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = synthetic(200, 600, 30).extractions
    with EmbeddedStore(tmp_path / "store") as store:
        store.write(corpus[:5])
        before = raw_dump(store)
        # a binder error: LadybugDB rolls the transaction back itself, so ROLLBACK then fails
        broken = embedded_store.CREATE_EDGES.replace("date: {date}", "no_such: {date}")
        with monkeypatch.context() as patch:
            patch.setattr(embedded_store, "CREATE_EDGES", broken)
            with pytest.raises(RuntimeError) as failure:
                store.write(corpus[5:10])
        assert "no_such" in str(failure.value)
        assert raw_dump(store) == before
        store.write(corpus[5:10])
        assert len(list(store.documents())) == 10


def test_small_statements_take_maps_and_large_ones_packed_rows(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(embedded_store, "PACK_MIN_ROWS", 8)  # as shipped
    corpus = synthetic(2000, 6000, 30).extractions  # groups of ~1 to ~40 edges per statement
    with EmbeddedStore(tmp_path / "store") as store:
        real, sent = store._conn.execute, []

        def execute(cypher, params=None):
            if "CREATE (a)-[" in cypher:
                sent.append(("split_part" in cypher, len(params["rows"])))
            return real(cypher, params)

        store._conn.execute = execute
        store.write(corpus[:3])  # a few rows per statement
        store.write(corpus[3:103])  # ~40 rows per statement
    assert sent and all(packed == (rows >= 8) for packed, rows in sent)
    assert {packed for packed, _ in sent} == {True, False}


def test_packed_statements_look_entities_up_by_primary_key(tmp_path: Path) -> None:
    """A plan change (a cross product of scans, as `WITH` before `MATCH` gives) would make writes crawl."""
    with EmbeddedStore(tmp_path / "store") as store:
        store.write(synthetic(40, 120, 30).extractions)
        statements = [
            embedded_store.CREATE_EDGES.format(
                rel_type="CONTACTED", src="Person", dst="Country", **EDGE_ROW.exprs(packed=True)
            ),
            embedded_store.CREATE_MENTIONS.format(label="Person", **MENTION_ROW.exprs(packed=True)),
            embedded_store.UPDATE_DOCUMENTS.format(**DOCUMENT_ROW.exprs(packed=True)),
        ]
        for cypher in statements:
            (plan,) = store._all("EXPLAIN " + cypher, {"rows": ["~x"]})[0]
            assert "PRIMARY_KEY_LOOKUP" in plan
            assert "CROSS_PRODUCT" not in plan and "SCAN_NODE_TABLE" not in plan, cypher


@pytest.mark.parametrize("text", ["\ufe20", "\u0301x", "\u200dy", "\U0001f3fbz"])
def test_a_value_opening_with_a_combining_character_round_trips_packed(
    tmp_path_factory: pytest.TempPathFactory, text: str
) -> None:
    """A combining mark, joiner or emoji modifier at the start of a value (found by Hypothesis in CI)."""
    texts = [text, "0"]
    batch = [
        extraction(
            "doc",
            texts,
            [(0, "CONTACTED", 1, texts)],
            aliases=lambda i, name: [name, name + "~"],
            reported_by=text,
            confidence=0.5,
        )
    ]
    with EmbeddedStore(tmp_path_factory.mktemp("mark") / "store") as store:
        store.write(batch)
        edges = {(e.source, e.type, e.target): e for e in store.edges()}
        entities = {e.key: e for e in store.entities()}
    keys = [f"{ENTITY_TYPES[i % 4]}:{t}" for i, t in enumerate(texts)]
    assert entities[keys[0]].name == text
    assert sorted(entities[keys[0]].aliases) == sorted([text, text + "~"])
    assert edges[(keys[0], "CONTACTED", keys[1])].reported_by == text
