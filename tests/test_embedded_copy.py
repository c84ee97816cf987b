"""`ergraph load --bulk`: a first load into an empty embedded store through LadybugDB's COPY FROM.

The bulk import stages the rows of `BatchRows` as CSV files and copies them in at
the end (graph/embedded_store.py, `CopyImport`). These tests check, on real
temporary stores and mostly through the CLI (typer's CliRunner): that the graph
is identical to a normal load's (the export, document hashes, mentions, every
stored value) on the seed articles and on a generated corpus; that loading again,
bulk or not, changes nothing and a later normal load extends what the bulk load
wrote; that values COPY cannot carry, and a relation pair's rows past what one
COPY takes, go in through a normal write's statements; that a failed import is
undone, and that a bulk load SIGKILLed while copying leaves a marker that the
next open for writing clears, after which the load gives the uninterrupted
graph; that --bulk on a store with documents loads normally with a note, and on
a Bolt store uses the normal batched writes.
"""

from __future__ import annotations

import json
import math
import os
import random
import shutil
import signal
import subprocess
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_embedded_bulk import ITEM_SEP, extraction, nasty_batch, raw_dump
from test_reliability import ergraph
from typer.testing import CliRunner

from bench.bench_store import synthetic
from bench.corpus import generate, write_corpus
from graph import embedded_store
from graph.batch_rows import _encode_json, evidence_json
from graph.cli import app
from graph.embedded_store import BULK_DIR, BULK_MARKER, QUOTE, EmbeddedStore
from graph.model import Evidence
from graph.store import BulkImportRefused, StoreError, StoreUnavailable

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
runner = CliRunner()

# Everything a store holds, read through the CLI: the stored values the export folds or leaves out.
RAW_QUERIES = {
    "tables": "CALL show_tables() RETURN name ORDER BY name",
    "documents": "MATCH (d:Document) RETURN d.id AS id, d.hash AS hash, d.title AS title, d.date AS date,"
    " d.source AS source, d.url AS url, d.lang AS lang, d.path AS path ORDER BY id",
    "entities": "MATCH (:Document)-[:MENTIONS]->(e) RETURN DISTINCT label(e) AS type, e.key AS key,"
    " e.name AS name, e.aliases AS aliases ORDER BY key, type",
    "mentions": "MATCH (d:Document)-[m:MENTIONS]->(e) RETURN d.id AS doc, e.key AS key,"
    " m.aliases AS aliases ORDER BY doc, key",
    "edges": "MATCH (a)-[r]->(b) WHERE label(r) <> 'MENTIONS' RETURN label(r) AS type, a.key AS source,"
    " b.key AS target, r.doc AS doc, r.evidence AS evidence, r.sentences AS sentences,"
    " r.disputed AS disputed, r.reported_by AS reported_by, r.confidence AS confidence, r.date AS date"
    " ORDER BY type, source, target, doc",
}


def cli(*args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def graph_of(store: Path, tmp_path: Path) -> dict:
    """The export (as text: it must match exactly) and every stored value, read through the CLI."""
    out = tmp_path / f"export-{time.monotonic_ns()}.json"
    cli("export", "-o", str(out), "--store", str(store))
    raw = {
        name: json.loads(cli("query", cypher, "--format", "json", "--store", str(store)))
        for name, cypher in RAW_QUERIES.items()
    }
    return {"export": out.read_text(encoding="utf-8"), **raw}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """400 generated articles, Indonesian and English."""
    out = tmp_path_factory.mktemp("corpus")
    write_corpus(generate(400, seed=23), out)
    return out / "docs"


@pytest.fixture(scope="module")
def reference(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> dict:
    """The graph of a normal (transactional) load of the corpus."""
    tmp = tmp_path_factory.mktemp("reference")
    cli("load", str(corpus), "--store", str(tmp / "store"), "--batch-size", "25", "--workers", "1")
    return graph_of(tmp / "store", tmp)


# -- the same graph as a normal load ------------------------------------------------------------------


def test_a_bulk_load_of_the_seeds_is_a_normal_load(tmp_path: Path) -> None:
    cli("load", str(SEEDS), "--store", str(tmp_path / "normal"), "--workers", "1")
    cli("load", str(SEEDS), "--store", str(tmp_path / "bulk"), "--workers", "1", "--bulk")
    normal, bulk = graph_of(tmp_path / "normal", tmp_path), graph_of(tmp_path / "bulk", tmp_path)
    assert len(bulk["documents"]) == 5 and bulk["edges"] and bulk["mentions"]
    assert bulk == normal
    assert not (tmp_path / "bulk" / BULK_DIR).exists() and not (tmp_path / "bulk" / BULK_MARKER).exists()


def test_a_bulk_load_of_a_generated_corpus_is_a_normal_load(
    corpus: Path, reference: dict, tmp_path: Path
) -> None:
    output = cli("load", str(corpus), "--store", str(tmp_path / "store"), "--batch-size", "25", "--bulk")
    assert "loaded 400 documents" in output and "note:" not in output
    assert graph_of(tmp_path / "store", tmp_path) == reference


def test_loading_again_after_a_bulk_load_changes_nothing(
    corpus: Path, reference: dict, tmp_path: Path
) -> None:
    store = str(tmp_path / "store")
    cli("load", str(corpus), "--store", store, "--bulk")
    again = cli("load", str(corpus), "--store", store)
    assert "loaded 0 documents (400 unchanged)" in again
    bulk_again = cli("load", str(corpus), "--store", store, "--bulk")
    assert "note: store" in bulk_again and "already holds documents" in bulk_again
    assert "loaded 0 documents (400 unchanged)" in bulk_again
    assert graph_of(tmp_path / "store", tmp_path) == reference


def test_a_later_normal_load_extends_what_a_bulk_load_wrote(corpus: Path, tmp_path: Path) -> None:
    """Half the corpus in bulk, then one of its articles changed and changed back, then the other half
    (about the same invented people): the graph of doing all of it with normal loads."""
    files = sorted(corpus.iterdir())
    first, rest = tmp_path / "first", tmp_path / "rest"
    first.mkdir()
    rest.mkdir()
    for k, f in enumerate(files):
        shutil.copy(f, (first if k % 2 else rest) / f.name)
    changed = first / files[1].name
    text = changed.read_text(encoding="utf-8")
    graphs = []
    for kind in ("normal", "bulk"):
        store = str(tmp_path / kind)
        cli("load", str(first), "--store", store, *(["--bulk"] if kind == "bulk" else []))
        changed.write_text(text + "\nBudi Santoso menelepon Rina Hartono.\n", encoding="utf-8")
        assert "loaded 1 document " in cli("load", str(first), "--store", store)  # replaces a copied one
        changed.write_text(text, encoding="utf-8")
        cli("load", str(first), str(rest), "--store", store)
        graphs.append(graph_of(tmp_path / kind, tmp_path))
    # Replacing a document recomputes its entities' aliases from the mentions in the order the database
    # keeps them, which differs between copied and created rows (the export sorts them anyway).
    for graph in graphs:
        for entity in graph["entities"]:
            entity["aliases"].sort()
    assert graphs[0] == graphs[1]
    assert len(graphs[0]["documents"]) == 400


def awkward_batch() -> list:
    """Values COPY cannot carry (empty list items, the list separator, a confidence that is not
    finite), CSV's quote character, line breaks and a document id with quotes."""
    return [
        *nasty_batch(),
        extraction(
            "awkward",
            ["a", "b", "c"],
            [
                (0, "CONTACTED", 1, [f"item{ITEM_SEP}separator"]),
                (1, "CONTACTED", 0, ["plain"]),
                (2, "MET", 0, ["", "x"]),
            ],
            aliases=lambda i, name: [name, ""] if i == 2 else [name, f"x{ITEM_SEP}y"] if i == 1 else [name],
        ),
        extraction("infinite", ["a", "q"], [(0, "FUNDED", 1, ["s"])], confidence=math.inf),
        extraction(
            f"quote{QUOTE}",
            [f"a{QUOTE}", "b"],
            [(0, "CONTACTED", 1, [f"the {QUOTE} char", "line\nbreak", "carriage\rreturn"])],
            title=QUOTE * 2,
            reported_by=QUOTE,
        ),
    ]


def test_every_stored_value_is_the_one_a_normal_write_stores(tmp_path: Path) -> None:
    batch = awkward_batch()
    with EmbeddedStore(tmp_path / "normal") as store:
        for ex in batch:
            store.write([ex])
        normal = raw_dump(store)
    with EmbeddedStore(tmp_path / "bulk'quoted \\ dir") as store:
        bulk = store.bulk_import()
        bulk.write(batch[:2])
        for ex in batch[2:]:
            bulk.write([ex])
        bulk.commit()
        assert raw_dump(store) == normal
        assert bulk.timings.nodes > 0 and bulk.timings.relations > 0


def test_relation_rows_past_what_one_copy_takes_are_inserted_after_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A pair's rows past COPY_MAX_BYTES go in as CREATEs, INSERT_MAX_BYTES of them at a time (here a
    few KiB each instead of 96 and 32 MiB), and store the same values."""
    batch = synthetic(300, 900, 30).extractions + awkward_batch()
    with EmbeddedStore(tmp_path / "normal") as store:
        store.write(batch)
        normal = raw_dump(store)
    monkeypatch.setattr(embedded_store, "STAGE_FLUSH_BYTES", 1 << 10)
    monkeypatch.setattr(embedded_store, "COPY_MAX_BYTES", 4 << 10)
    monkeypatch.setattr(embedded_store, "INSERT_MAX_BYTES", 2 << 10)
    with EmbeddedStore(tmp_path / "bulk") as store:
        bulk = store.bulk_import()
        for k in range(0, len(batch), 7):
            bulk.write(batch[k : k + 7])
        assert max(len(f.parts) for f in bulk._files.values()) > 2  # so the inserts are covered
        bulk.commit()
        assert raw_dump(store) == normal


def test_a_batch_that_fails_stages_nothing(tmp_path: Path) -> None:
    good, bad = extraction("good", ["a", "b"], [(0, "MET", 1, ["s"])]), extraction("bad", ["c"], [])
    bad.relations.append(good.relations[0])  # refers to entities the document does not have
    with EmbeddedStore(tmp_path / "normal") as store:
        store.write([good])
        normal = raw_dump(store)
    with EmbeddedStore(tmp_path / "bulk") as store:
        bulk = store.bulk_import()
        with pytest.raises(ValueError, match="not in document"):
            bulk.write([bad, good])
        bulk.write([good])
        with pytest.raises(ValueError, match="already in this bulk import"):
            bulk.write([good])
        bulk.commit()
        assert raw_dump(store) == normal


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.builds(
            Evidence,
            doc=st.text(),
            sentence=st.text(),
            start=st.integers(-(2**40), 2**40),
            end=st.integers(0, 10**6),
            trigger=st.text(max_size=5),
            rule=st.text(max_size=5),
            confidence=st.floats() | st.integers(0, 1) | st.booleans(),
        ),
        max_size=3,
    )
)
def test_evidence_json_is_what_the_json_encoder_writes(evidence: list[Evidence]) -> None:
    assert evidence_json(evidence) == _encode_json([e.as_dict() for e in evidence])


# -- all or nothing -------------------------------------------------------------------------------------


def test_a_failing_import_is_undone_and_the_store_is_empty_again(tmp_path: Path) -> None:
    batch = awkward_batch()
    with EmbeddedStore(tmp_path / "store") as store:
        bulk = store.bulk_import()
        bulk.write(batch)
        staged = tmp_path / "store" / BULK_DIR / "CONTACTED-Person-Organization.csv"
        with staged.open("a", encoding="utf-8") as f:  # an edge to an entity nobody staged
            f.write(
                f"{QUOTE}Person:nobody{QUOTE},{QUOTE}Organization:b #1{QUOTE}"
                + f",{QUOTE}x{QUOTE}" * 7
                + "\n"
            )
        with pytest.raises(StoreError, match="bulk import failed and was undone"):
            bulk.commit()
        assert not store.holds_rows() and store.relation_types() == []
        assert not (tmp_path / "store" / BULK_MARKER).exists()
        assert not (tmp_path / "store" / BULK_DIR).exists()
        store.write(batch)  # and it takes a normal load
        assert store.holds_rows()


def test_a_store_with_documents_refuses_a_bulk_import(tmp_path: Path) -> None:
    with EmbeddedStore(tmp_path / "store") as store:
        store.write(nasty_batch()[:1])
        with pytest.raises(BulkImportRefused, match="already holds documents"):
            store.bulk_import()


def bulk_load_process(
    corpus: Path, store: Path, *options: str, stderr: int = subprocess.DEVNULL
) -> subprocess.Popen:
    return subprocess.Popen(
        ergraph("load", str(corpus), "--store", str(store), "--bulk", *options),
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=stderr,
        text=True,
    )


def load_until_copying(corpus: Path, store: Path, delay: float) -> bool:
    """Start `load --bulk`, SIGKILL it `delay` s after its marker appears (when the first COPY is about
    to run); True if it was killed while copying (the marker outlived it)."""
    proc = bulk_load_process(corpus, store, "--batch-size", "50", "--workers", "2")
    marker = store / BULK_MARKER
    deadline = time.monotonic() + 300
    while not marker.exists() and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.001)
    time.sleep(delay)
    if proc.poll() is None:
        os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    return proc.returncode == -signal.SIGKILL and marker.exists()


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(ergraph(*args), capture_output=True, text=True, cwd=ROOT, timeout=600)


@pytest.mark.slow
def test_a_bulk_load_killed_while_copying_is_cleared_and_loads_again_to_the_same_graph(
    corpus: Path, reference: dict, tmp_path: Path
) -> None:
    rng = random.Random(3)
    kills = 0
    # the COPY phase of this corpus takes about half a second here: kill points spread over it
    delays = [0.0, rng.uniform(0.01, 0.05), rng.uniform(0.05, 0.15), rng.uniform(0.15, 0.3)]
    for k, delay in enumerate(delays):
        store = tmp_path / f"store-{k}"
        if not load_until_copying(corpus, store, delay):
            continue
        kills += 1
        reader = run("stats", "--store", str(store))
        assert reader.returncode == 3 and "unfinished bulk import" in reader.stderr
        again = run("load", str(corpus), "--store", str(store), "--bulk")
        assert again.returncode == 0, again.stderr
        assert "note: cleared the rows of an interrupted bulk import" in again.stderr
        assert "loaded 400 documents" in again.stdout
        assert graph_of(store, tmp_path) == reference
    assert kills >= 3, f"only {kills} of 4 bulk loads were still copying at their kill point"


@pytest.mark.slow
def test_a_bulk_load_killed_while_staging_leaves_the_store_empty(corpus: Path, tmp_path: Path) -> None:
    store = tmp_path / "store"
    proc = bulk_load_process(corpus, store, "--batch-size", "25", "--workers", "1", stderr=subprocess.PIPE)
    assert proc.stderr is not None
    for line in proc.stderr:
        if line.startswith("loading: ") and int(line.split()[1]) >= 100:
            break
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    proc.stderr.close()
    assert (store / BULK_DIR).exists() and not (store / BULK_MARKER).exists()
    stats = json.loads(run("stats", "--format", "json", "--store", str(store)).stdout)
    assert {r["what"]: r["count"] for r in stats}["documents"] == 0
    with EmbeddedStore(store) as opened:  # an open for writing drops the staged rows
        assert not opened.holds_rows()
    assert not (store / BULK_DIR).exists()


def test_a_reader_is_refused_while_the_marker_is_there(tmp_path: Path) -> None:
    with EmbeddedStore(tmp_path / "store"):
        pass
    (tmp_path / "store" / BULK_MARKER).write_text("bulk import\n", encoding="utf-8")
    with pytest.raises(StoreUnavailable, match="unfinished bulk import"):
        EmbeddedStore(tmp_path / "store", read_only=True)


# -- the Bolt store ---------------------------------------------------------------------------------


@pytest.mark.bolt
def test_bulk_on_a_bolt_store_is_a_normal_load(bolt_target) -> None:
    result = runner.invoke(app, ["load", str(SEEDS), "--bulk", "--workers", "1"], env=bolt_target.env())
    assert result.exit_code == 0, result.output
    assert "loaded 5 documents" in result.output and "note:" not in result.output
    stats = runner.invoke(app, ["stats", "--format", "json"], env=bolt_target.env())
    assert {r["what"]: r["count"] for r in json.loads(stats.output)}["documents"] == 5
