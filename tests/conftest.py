"""Store fixtures: the same tests run on the embedded LadybugDB store and on a Bolt server.

`graph_store` is parametrised over `embedded` (a fresh LadybugDB directory in
tmp_path) and `bolt` (marker `bolt`): ArcadeDB's Bolt endpoint started once per
session by `tests/bolt_server.py`, with a fresh database per test, or, when
`NEO4J_URI` is set (`make test-neo4j`), that real Neo4j, reset before each test.
`bolt_target` gives the URI and credentials for tests that drive the CLI.
`make_extraction` builds `Extraction`s by hand from a compact description.
"""

from __future__ import annotations

import itertools
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

# tests/ helpers and the project itself importable whatever pytest's import mode and cwd
sys.path[:0] = [str(Path(__file__).resolve().parent), str(Path(__file__).resolve().parents[1])]

from bolt_server import BoltServer, BoltTarget  # noqa: E402

from graph.model import Entity, Evidence, Extraction, Relation, SourceDocument  # noqa: E402
from graph.store import Store  # noqa: E402

STORE_KINDS = ["embedded", pytest.param("bolt", marks=pytest.mark.bolt)]
_database_names = itertools.count(1)
# Tallies that test_reliability.py and test_fuzz.py add to; summed up at the end of the run.
RELIABILITY = Path(__file__).resolve().parents[1] / ".pytest_cache" / "reliability.json"


def pytest_sessionstart(session: pytest.Session) -> None:
    RELIABILITY.unlink(missing_ok=True)


def pytest_terminal_summary(terminalreporter, exitstatus: int, config: pytest.Config) -> None:
    """The reliability line of issue 7: kills and faults survived, fuzz inputs tried, rows lost."""
    if not RELIABILITY.exists():
        return
    import json

    tally = json.loads(RELIABILITY.read_text(encoding="utf-8"))
    terminalreporter.write_line(
        f"reliability: kills survived {tally.get('kills_survived', 0)}, "
        f"faults survived {tally.get('faults_survived', 0)}, "
        f"fuzz inputs tried {tally.get('fuzz_inputs', 0)}, rows lost {tally.get('rows_lost', 0)}"
    )


def record_reliability(**counts: int) -> None:
    """Add to the reliability tally (same file and keys as test_reliability.record)."""
    import json

    RELIABILITY.parent.mkdir(exist_ok=True)
    tally = json.loads(RELIABILITY.read_text(encoding="utf-8")) if RELIABILITY.exists() else {}
    for key, value in counts.items():
        tally[key] = tally.get(key, 0) + value
    RELIABILITY.write_text(json.dumps(tally), encoding="utf-8")


@pytest.fixture(scope="session")
def bolt_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[BoltServer | None]:
    """The session's ArcadeDB Bolt server; None when NEO4J_URI names a real Neo4j instead."""
    if BoltTarget.from_environ():
        yield None
        return
    pytest.importorskip("arcadedb_embedded")
    server = BoltServer(tmp_path_factory.mktemp("arcadedb"))
    server.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def bolt_target(bolt_server: BoltServer | None) -> Iterator[BoltTarget]:
    """A Bolt database of this test's own: a new ArcadeDB database, or the real Neo4j after reset()."""
    real = BoltTarget.from_environ()
    if real is not None:
        from graph.neo4j_store import Neo4jStore

        with Neo4jStore(real.uri, real.user, real.password, real.database) as store:
            store.reset()
        yield real
        return
    assert bolt_server is not None
    name = f"ergraph_test_{next(_database_names)}"
    target = bolt_server.create_database(name)
    try:
        yield target
    finally:
        try:
            bolt_server.drop_database(name)
        except RuntimeError:
            pass  # a test that stopped the server; the session's temp dir goes anyway


def open_bolt(target: BoltTarget) -> Store:
    from graph.neo4j_store import Neo4jStore

    return Neo4jStore(target.uri, target.user, target.password, target.database)


@pytest.fixture(params=STORE_KINDS)
def store_kind(request: pytest.FixtureRequest) -> str:
    return request.param


@pytest.fixture
def open_graph_store(
    store_kind: str, request: pytest.FixtureRequest, tmp_path: Path
) -> Iterator[Callable[[], Store]]:
    """Opens (and at the end closes) handles on this test's store; each call opens a new handle."""
    handles: list[Store] = []
    if store_kind == "bolt":
        target = request.getfixturevalue("bolt_target")

        def opener() -> Store:
            handles.append(open_bolt(target))
            return handles[-1]
    else:
        from graph.embedded_store import EmbeddedStore

        def opener() -> Store:
            for handle in handles:  # one LadybugDB handle per directory at a time
                handle.close()
            handles.clear()
            handles.append(EmbeddedStore(tmp_path / "store"))
            return handles[-1]

    yield opener
    for handle in handles:
        try:
            handle.close()
        except Exception:  # noqa: BLE001 - closing an already closed handle
            pass


@pytest.fixture
def graph_store(open_graph_store: Callable[[], Store]) -> Store:
    """An empty store of the parametrised kind."""
    return open_graph_store()


def build_extraction(
    doc_id: str,
    entities: list[tuple[str, str, str, list[str]]],
    relations: list[tuple[str, str, str, list[str]]] = (),
    *,
    title: str = "",
    date: str = "2024-05-01",
    text: str | None = None,
    disputed: frozenset[tuple[str, str, str]] = frozenset(),
    reported_by: str = "",
) -> Extraction:
    """An Extraction from (key, name, type, aliases) entities and (source, type, target, sentences)
    relations."""
    sentences = [s for *_, ss in relations for s in ss]
    body = text if text is not None else " ".join(sentences) or f"text of {doc_id}"
    document = SourceDocument(
        id=doc_id,
        text=body,
        title=title or f"Title {doc_id}",
        date=date,
        source="test",
        url=f"https://example.org/{doc_id}",
        lang="id",
        path=f"{doc_id}.txt",
    )
    rels = []
    for source, rel_type, target, sents in relations:
        evidence = []
        for sentence in sents:
            start = max(body.find(sentence), 0)
            evidence.append(
                Evidence(
                    doc=doc_id,
                    sentence=sentence,
                    start=start,
                    end=start + len(sentence),
                    trigger=rel_type.lower(),
                    rule="test",
                    confidence=0.75,
                )
            )
        rels.append(
            Relation(
                source=source,
                target=target,
                type=rel_type,
                evidence=evidence,
                disputed=(source, rel_type, target) in disputed,
                reported_by=reported_by,
            )
        )
    return Extraction(
        document=document,
        entities=[Entity(key=k, name=n, type=t, aliases=list(a)) for k, n, t, a in entities],
        relations=rels,
    )


@pytest.fixture
def make_extraction() -> Callable[..., Extraction]:
    return build_extraction


def sample_corpus() -> list[Extraction]:
    """Four invented articles: contacts, a denial of one, an instruction chain, an extended relation type."""
    ana = ("Person:ana lee", "Ana Lee", "Person", ["Ana Lee", "Bu Ana"])
    budi = ("Person:budi santoso", "Budi Santoso", "Person", ["Budi Santoso", "Budi"])
    citra = ("Person:citra dewi", "Citra Dewi", "Person", ["Citra Dewi"])
    dimas = ("Person:dimas putra", "Dimas Putra", "Person", ["Dimas"])
    nusa = ("Organization:nusantara data", "Nusantara Data", "Organization", ["PT Nusantara Data"])
    riset = ("Organization:kementerian riset", "Kementerian Riset", "Organization", ["Kemenristek"])
    arvania = ("Country:XA", "Republik Arvania", "Country", ["Arvania"])
    aurora = ("Technology:aurora", "Aurora AI", "Technology", ["Aurora"])
    return [
        build_extraction(
            "d1",
            [ana, budi, citra, dimas, nusa],
            [
                ("Person:ana lee", "CONTACTED", "Person:budi santoso", ["Ana Lee menghubungi Budi."]),
                ("Person:budi santoso", "INSTRUCTED", "Person:citra dewi", ["Budi menyuruh Citra."]),
                ("Person:citra dewi", "INSTRUCTED", "Person:dimas putra", ["Citra memerintahkan Dimas."]),
            ],
            date="2024-03-01",
        ),
        build_extraction(
            "d2",
            [ana, budi],
            [
                ("Person:budi santoso", "DENIED", "Person:ana lee", ["Budi membantah dihubungi Ana."]),
                ("Person:ana lee", "CONTACTED", "Person:budi santoso", ["Menurut WSJ, Ana menelepon Budi."]),
            ],
            date="2024-03-05",
            disputed=frozenset({("Person:ana lee", "CONTACTED", "Person:budi santoso")}),
            reported_by="WSJ",
        ),
        build_extraction(
            "d3",
            [ana, budi, dimas, arvania, riset, aurora],
            [
                ("Person:ana lee", "CONTACTED", "Person:budi santoso", ["Ana kembali menghubungi Budi."]),
                ("Person:dimas putra", "CONTACTED", "Country:XA", ["Dimas menghubungi pejabat Arvania."]),
                (
                    "Organization:kementerian riset",
                    "FUNDED",
                    "Technology:aurora",
                    ["Kementerian Riset mendanai Aurora AI.", "Dana untuk Aurora cair."],
                ),
            ],
            date="2024-04-10",
        ),
        build_extraction(
            "d4",
            [dimas, riset, citra],
            [
                (
                    "Person:dimas putra",
                    "DENIED",
                    "Organization:kementerian riset",
                    ["Dimas menyangkal menerima perintah kementerian."],
                ),
            ],
            date="2024-04-12",
        ),
    ]


@pytest.fixture
def corpus() -> list[Extraction]:
    return sample_corpus()
