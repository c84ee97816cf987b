"""`ergraph viz` views (focus, query, type/relation filters) on a real store of the seed articles."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from graph.cli import app

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
runner = CliRunner()


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Path:
    s = tmp_path_factory.mktemp("viz") / "store"
    assert runner.invoke(app, ["load", str(SEEDS), "--store", str(s)]).exit_code == 0
    return s


def viz(store: Path, out: Path, *args: str):
    return runner.invoke(app, ["viz", "-o", str(out), "--store", str(store), *args])


def test_focus_draws_the_ego_network_only(store: Path, tmp_path: Path) -> None:
    full = viz(store, tmp_path / "all.html")
    assert full.exit_code == 0, full.output
    result = viz(store, tmp_path / "ego.html", "--focus", "putin", "--depth", "1")
    assert result.exit_code == 0, result.output
    n_all = int(re.search(r"(\d+) nodes", full.output).group(1))
    n_ego = int(re.search(r"(\d+) nodes", result.output).group(1))
    assert 1 < n_ego < n_all


def test_types_and_relations_filters(store: Path, tmp_path: Path) -> None:
    out = tmp_path / "f.html"
    result = viz(store, out, "--types", "Person", "--relations", "CONTACTED,DENIED")
    assert result.exit_code == 0, result.output
    graph = json.loads(runner.invoke(app, ["export", "-o", "-", "--store", str(store)]).output)
    persons = [n for n in graph["nodes"] if n["type"] == "Person"]
    assert f"{len(persons)} nodes" in result.output


def test_query_view_draws_what_the_query_returns(store: Path, tmp_path: Path) -> None:
    result = viz(store, tmp_path / "q.html", "--query", "MATCH (a)-[:CONTACTED]->(b) RETURN a, b")
    assert result.exit_code == 0, result.output
    assert "0 nodes" not in result.output
    none = viz(store, tmp_path / "n.html", "--query", "MATCH (d:Document) RETURN d.id")
    assert none.exit_code == 1 and "no entities" in none.output
    assert not (tmp_path / "n.html").exists()


def test_unknown_focus_suggests_and_leaves_no_file(store: Path, tmp_path: Path) -> None:
    result = viz(store, tmp_path / "x.html", "--focus", "Vladimr Putin")
    assert result.exit_code == 1
    assert "Vladimir Putin" in result.output
    assert not (tmp_path / "x.html").exists()


def test_missing_directory_and_empty_store(store: Path, tmp_path: Path) -> None:
    result = viz(store, tmp_path / "no" / "x.html")
    assert result.exit_code == 1 and "does not exist" in result.output
    empty = tmp_path / "empty"
    doc = tmp_path / "a.txt"
    doc.write_text("tidak ada nama di sini sama sekali.\n", encoding="utf-8")
    assert runner.invoke(app, ["load", str(doc), "--store", str(empty)]).exit_code == 0
    result = viz(empty, tmp_path / "e.html")
    assert result.exit_code == 1 and "empty" in result.output
