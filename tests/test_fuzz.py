"""Hostile input: generated documents never crash a batch nor leave partial rows; parameters round-trip.

hypothesis draws random bytes, control characters, mixed scripts and malformed
markup; each case loads a batch of [good document, hostile file] into a real
embedded store and checks that the good document is stored whole and the
hostile one is either stored whole or reported and absent.
"""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graph.embedded_store import EmbeddedStore
from graph.load import LoadOptions, load_paths

GOOD = "Menteri Luar Negeri Sari Wibowo menelepon Direktur Utama PT Garuda Laut Andi Halim pada hari Senin.\n"
TRIED = Path(__file__).resolve().parent.parent / ".pytest_cache" / "reliability.json"

texts = st.one_of(
    st.text(min_size=1, max_size=400),
    st.text(alphabet=st.characters(categories=["Cc", "Cf", "Zs", "Lo", "Lu", "Ll", "P"]), max_size=300),
    st.builds(lambda a, b: f"{a} Presiden {b} membantah {a}.", st.text(max_size=40), st.text(max_size=40)),
)
payloads = st.one_of(
    st.binary(max_size=600),
    texts.map(lambda t: t.encode("utf-8", "surrogatepass")),
    texts.map(lambda t: f"<html><body><p>{t}</p><script>{t}".encode("utf-8", "surrogatepass")),
    texts.map(lambda t: ('{"text": ' + json.dumps(t) + "\n{broken").encode("utf-8", "surrogatepass")),
    texts.map(lambda t: f'id,text\n1,"{t}\n2,'.encode("utf-8", "surrogatepass")),
)
suffixes = st.sampled_from([".txt", ".md", ".html", ".jsonl", ".csv"])


def _count(tried: int) -> None:
    TRIED.parent.mkdir(exist_ok=True)
    data = json.loads(TRIED.read_text()) if TRIED.exists() else {}
    data["fuzz_inputs"] = data.get("fuzz_inputs", 0) + tried
    TRIED.write_text(json.dumps(data))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(payload=payloads, suffix=suffixes)
def test_hostile_documents_never_break_a_batch(tmp_path_factory, payload: bytes, suffix: str) -> None:
    tmp = tmp_path_factory.mktemp("fuzz")
    (tmp / "in").mkdir()
    (tmp / "in" / "a_good.txt").write_text(GOOD, encoding="utf-8")
    (tmp / "in" / f"b_hostile{suffix}").write_bytes(payload)
    skipped: list[tuple[str, str]] = []
    with EmbeddedStore(tmp / "store") as store:
        summary = load_paths(
            store, [tmp / "in"], LoadOptions(batch_size=10), on_error=lambda f, r: skipped.append((f, r))
        )
        docs = {d.id for d in store.documents()}
        assert "a_good" in docs
        assert summary.documents == len(docs)
        mentioned = {doc for e in store.entities() for doc in e.docs}
        evidence_docs = {edge.doc for edge in store.edges()}
        assert mentioned <= docs and evidence_docs <= docs, "rows of an unrecorded document"
    for _file, reason in skipped:
        assert reason and "\n" not in reason
    _count(1)


def test_parameters_with_quotes_backslashes_and_injection_round_trip(tmp_path: Path) -> None:
    nasty = ["It's", 'say "hi"', "back\\slash", "x'}) DETACH DELETE n //", "$param", "\u202e\u0000?", "é́"]
    with EmbeddedStore(tmp_path / "store") as store:
        rows = list(store.query("UNWIND $xs AS x RETURN x", {"xs": nasty}).rows)
        assert [r[0] for r in rows] == nasty
        for value in nasty:
            back = list(store.query("RETURN $v AS v", {"v": value}).rows)
            assert back == [[value]]


def test_one_character_and_20_mb_documents_do_not_break_a_batch(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a_good.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "in" / "b_tiny.txt").write_text("x", encoding="utf-8")
    paragraph = "Para analis menilai Budi Hartono berbicara dengan Sari Wibowo di Jakarta. " * 40 + "\n"
    (tmp_path / "in" / "c_huge.txt").write_text(paragraph * (20_000_000 // len(paragraph)), encoding="utf-8")
    skipped: list[tuple[str, str]] = []
    with EmbeddedStore(tmp_path / "store") as store:
        summary = load_paths(
            store, [tmp_path / "in"], LoadOptions(batch_size=10), on_error=lambda f, r: skipped.append((f, r))
        )
        docs = {d.id for d in store.documents()}
    assert "a_good" in docs
    assert summary.documents + len(skipped) == 3, (summary, skipped)
    _count(2)
