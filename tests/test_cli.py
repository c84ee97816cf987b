"""The `ergraph` CLI end to end on real temporary embedded stores (CliRunner, no mocks)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import networkx as nx
import pytest
from typer.testing import CliRunner

from graph.cli import app

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
runner = CliRunner()

ARTICLE = (
    "Menteri Keuangan Rina Hartono menelepon Direktur Utama PT Sinar Laut Budi Santoso pada hari Senin. "
    "Rina Hartono memerintahkan Budi Santoso untuk menghentikan ekspor ke Malaysia.\n"
)


def run(*args: str, store: Path | None = None):
    argv = list(args) + (["--store", str(store)] if store else [])
    return runner.invoke(app, argv)


@pytest.fixture
def store(tmp_path: Path) -> Path:
    return tmp_path / "store"


@pytest.fixture(scope="module")
def seeded(tmp_path_factory) -> Path:
    store = tmp_path_factory.mktemp("seeded") / "store"
    result = run("load", str(SEEDS), store=store)
    assert result.exit_code == 0, result.output
    return store


def export(store: Path, tmp_path: Path) -> dict:
    out = tmp_path / "g.json"
    result = run("export", "--format", "json", "-o", str(out), store=store)
    assert result.exit_code == 0, result.output
    return json.loads(out.read_text(encoding="utf-8"))


def test_load_seeds_reports_a_summary(seeded: Path) -> None:
    result = run("stats", "--format", "json", store=seeded)
    assert result.exit_code == 0, result.output
    counts = {r["what"]: r["count"] for r in json.loads(result.output)}
    assert counts["documents"] == 5
    assert counts["entities:Person"] >= 3 and counts["entities:Country"] >= 3
    assert counts["relations"] > 0


def test_export_is_node_link_json_with_evidence(seeded: Path, tmp_path: Path) -> None:
    data = export(seeded, tmp_path)
    g = nx.node_link_graph(data, edges="edges")
    assert g.number_of_nodes() == len(data["nodes"]) > 0
    for node in data["nodes"]:
        assert {"id", "name", "type", "aliases"} <= node.keys()
        assert node["type"] in {"Person", "Organization", "Country", "Technology"}
    assert data["edges"], "seed articles state relations"
    for edge in data["edges"]:
        assert {"source", "target", "type", "evidence"} <= edge.keys()
        assert edge["evidence"] and all({"doc", "sentence"} <= e.keys() for e in edge["evidence"])
        for ev in edge["evidence"]:
            text = (SEEDS / f"{ev['doc']}.txt").read_text(encoding="utf-8")
            assert text[ev["start"] : ev["end"]] == ev["sentence"]


DISPUTED = (
    "Menurut Harian Nusantara Times, Hendra Kusuma berbicara dengan Presiden Finlandia Marek Tolvan. "
    "Juru bicara Hendra Kusuma, Dewi Lestari, membantah laporan Harian Nusantara Times.\n"
)


def test_export_sets_a_claim_aside_while_every_article_stating_it_denies_it(
    tmp_path: Path, store: Path
) -> None:
    (tmp_path / "a.txt").write_text(DISPUTED, encoding="utf-8")
    assert run("load", str(tmp_path / "a.txt"), store=store).exit_code == 0

    def contacts(data: dict) -> list[dict]:
        return [e for e in data["edges"] if e["type"] == "CONTACTED"]

    data = export(store, tmp_path)
    assert not contacts(data)
    [claim] = [c for c in data["graph"]["disputed_claims"] if c["type"] == "CONTACTED"]
    assert "Marek Tolvan" in claim["evidence"][0]["sentence"]
    assert any(e["type"] == "DENIED" for e in data["edges"])

    out = tmp_path / "all.json"
    assert run("export", "--include-disputed", "-o", str(out), store=store).exit_code == 0
    [kept] = contacts(json.loads(out.read_text(encoding="utf-8")))
    assert kept["disputed"] is True

    # a second article states the contact without a denial: now it is asserted
    (tmp_path / "b.txt").write_text(
        "Hendra Kusuma berbicara dengan Presiden Finlandia Marek Tolvan di Helsinki.\n", encoding="utf-8"
    )
    assert run("load", str(tmp_path / "b.txt"), store=store).exit_code == 0
    [asserted] = contacts(export(store, tmp_path))
    assert asserted["disputed"] is False and len(asserted["docs"]) == 2


def test_loading_twice_changes_nothing(tmp_path: Path, store: Path) -> None:
    assert run("load", str(SEEDS), store=store).exit_code == 0
    first = export(store, tmp_path)
    again = run("load", str(SEEDS), store=store)
    assert again.exit_code == 0
    assert "0 documents (5 unchanged)" in again.output
    forced = run("load", str(SEEDS), "--force", store=store)
    assert forced.exit_code == 0, forced.output
    assert export(store, tmp_path) == first


def test_changed_document_replaces_its_rows(tmp_path: Path, store: Path) -> None:
    doc = tmp_path / "news" / "a.txt"
    doc.parent.mkdir()
    doc.write_text(ARTICLE, encoding="utf-8")
    assert run("load", str(doc), store=store).exit_code == 0
    doc.write_text("Sebuah artikel tanpa nama orang.\n", encoding="utf-8")
    assert run("load", str(doc), store=store).exit_code == 0
    data = export(store, tmp_path)
    assert not [e for e in data["edges"] if any(ev["doc"] == "a" for ev in e["evidence"])]
    assert data["nodes"] == [], "entities only the old version mentioned are gone"


def test_query_table_json_csv_with_params(seeded: Path) -> None:
    cypher = "MATCH (d:Document) WHERE d.id = $id RETURN d.id AS id"
    for fmt, expected in (
        ("table", "000_0c5e1cae42b521e1"),
        ("csv", "id\n000_0c5e1cae42b521e1"),
        ("json", '"id": "000_0c5e1cae42b521e1"'),
    ):
        result = run("query", cypher, "--param", "id=000_0c5e1cae42b521e1", "--format", fmt, store=seeded)
        assert result.exit_code == 0, result.output
        assert expected in result.output.replace("\r\n", "\n")


def test_invalid_cypher_exits_2_with_the_database_message(seeded: Path) -> None:
    result = run("query", "MATCH (n RETURN n", store=seeded)
    assert result.exit_code == 2
    assert "error:" in result.output and "MATCH (n RETURN" in result.output


def test_write_query_is_refused_without_write_and_changes_nothing(seeded: Path, tmp_path: Path) -> None:
    before = export(seeded, tmp_path)
    result = run("query", "MATCH (d:Document) DETACH DELETE d", store=seeded)
    assert result.exit_code == 2
    assert "--write" in result.output
    assert export(seeded, tmp_path) == before


def test_write_query_runs_with_write(tmp_path: Path, store: Path) -> None:
    shutil.copytree(SEEDS, tmp_path / "s")
    assert run("load", str(tmp_path / "s"), store=store).exit_code == 0
    result = run(
        "query",
        "MATCH (d:Document {id: $id}) SET d.title = $t RETURN d.title",
        "--write",
        "-p",
        "id=000_0c5e1cae42b521e1",
        "-p",
        't=It\'s "quoted" \\ ; DROP',
        store=store,
    )
    assert result.exit_code == 0, result.output
    back = run(
        "query",
        "MATCH (d:Document {id: $id}) RETURN d.title AS t",
        "-f",
        "json",
        "-p",
        "id=000_0c5e1cae42b521e1",
        store=store,
    )
    assert json.loads(back.output) == [{"t": 'It\'s "quoted" \\ ; DROP'}]


def test_bad_inputs_are_reported_and_skipped(tmp_path: Path, store: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text(ARTICLE, encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    binary = tmp_path / "blob.txt"
    binary.write_bytes(b"\x00\x01\x02\xff" * 100)
    missing = tmp_path / "missing.txt"
    result = run("load", str(good), str(empty), str(binary), str(missing), store=store)
    assert result.exit_code == 0, result.output
    for path in (empty, binary, missing):
        lines = [line for line in result.output.splitlines() if str(path) in line]
        assert len(lines) == 1, result.output
    assert "loaded 1 document" in result.output
    assert "3 skipped" in result.output


def test_load_with_nothing_loadable_exits_1(tmp_path: Path, store: Path) -> None:
    result = run("load", str(tmp_path / "nope"), store=store)
    assert result.exit_code == 1
    assert "nope" in result.output


def test_bad_load_keeps_what_was_stored(seeded: Path, tmp_path: Path) -> None:
    before = export(seeded, tmp_path)
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n", encoding="utf-8")
    assert run("load", str(empty), store=seeded).exit_code == 1
    assert export(seeded, tmp_path) == before


def test_read_commands_on_a_missing_store_say_what_to_do(tmp_path: Path) -> None:
    result = run("stats", store=tmp_path / "none")
    assert result.exit_code == 3
    assert "ergraph load" in result.output


def test_reset_empties_the_store(tmp_path: Path, store: Path) -> None:
    doc = tmp_path / "a.txt"
    doc.write_text(ARTICLE, encoding="utf-8")
    assert run("load", str(doc), store=store).exit_code == 0
    assert run("reset", "--yes", store=store).exit_code == 0
    data = export(store, tmp_path)
    assert data["nodes"] == [] and data["edges"] == []


def test_export_to_a_missing_directory_fails_cleanly(seeded: Path, tmp_path: Path) -> None:
    target = tmp_path / "no" / "such" / "g.json"
    result = run("export", "-o", str(target), store=seeded)
    assert result.exit_code == 1
    assert str(target) in result.output
    assert not target.parent.exists()


def test_every_command_has_help_with_an_example() -> None:
    import typer.main

    def walk(group, prefix: str):
        for name, command in group.commands.items():
            if hasattr(command, "commands"):
                yield from walk(command, f"{prefix} {name}")
            else:
                yield f"{prefix} {name}", command

    commands = list(walk(typer.main.get_command(app), "ergraph"))
    assert len(commands) >= 10
    for name, command in commands:
        assert command.help and "Example" in command.help, f"{name} lacks an example in --help"
