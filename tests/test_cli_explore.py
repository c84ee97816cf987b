"""The explore commands end to end on the seed articles: show, path, entities, queries, viz by date, --open.

The five seed articles are loaded once into a temporary embedded store; every
command runs through typer's CliRunner (`viz --open` as a subprocess, since the
browser comes from the BROWSER environment variable of a real process), and
answers are checked against what the store itself returns to plain Cypher.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import stat
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pytest
from typer.testing import CliRunner

from graph.cli import app

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
runner = CliRunner()


def ergraph(store: Path, *args: str):
    return runner.invoke(app, [*args, "--store", str(store)], catch_exceptions=False)


def ok(store: Path, *args: str) -> str:
    result = ergraph(store, *args)
    assert result.exit_code == 0, result.output
    return result.stdout


def rows(store: Path, *args: str) -> list[dict]:
    return json.loads(ok(store, *args, "--format", "json"))


def cypher(store: Path, query: str, **params: str) -> list[dict]:
    return rows(
        store, "query", query, *[arg for k, v in params.items() for arg in ("-p", f"{k}={json.dumps(v)}")]
    )


def seed_text(doc: str) -> str:
    return (SEEDS / f"{doc}.txt").read_text(encoding="utf-8")


def page_data(html: Path) -> dict:
    m = re.search(r'<script type="application/json" id="ergraph-data">(.*?)</script>', html.read_text(), re.S)
    assert m, "data block not found"
    return json.loads(m.group(1))


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Path:
    s = tmp_path_factory.mktemp("explore") / "store"
    result = runner.invoke(app, ["load", str(SEEDS), "--workers", "1", "--store", str(s)])
    assert result.exit_code == 0, result.output
    return s


@pytest.fixture(scope="module")
def graph(store: Path) -> nx.MultiDiGraph:
    """The whole graph as the export gives it, disputed claims included (as show, path and viz see it)."""
    data = json.loads(ok(store, "export", "--include-disputed", "-o", "-"))
    return nx.node_link_graph(data, edges="edges", multigraph=True, directed=True)


# -- show -------------------------------------------------------------------------------------------------


def test_show_gives_aliases_and_every_relation_with_its_evidence(store: Path) -> None:
    table = ok(store, "show", "vladimir putin").splitlines()
    assert table[0] == "Vladimir Putin  [Person]  key=Person:vladimir putin"
    aliases = table[1].removeprefix("aliases: ").split("; ")
    assert {"Vladimir Putin", "Putin", "Presiden Rusia Vladimir Putin"} <= set(aliases)
    assert table[2].startswith("documents: 000_")

    shown = rows(store, "show", "vladimir putin")
    stored = cypher(
        store,
        "MATCH (a)-[r]->(b) WHERE label(r) <> 'MENTIONS' AND (a.key = $k OR b.key = $k)"
        " RETURN a.name AS source, label(r) AS relation, b.name AS target, r.doc AS doc,"
        " r.sentences AS sentences",
        k="Person:vladimir putin",
    )
    assert len(shown) == len(stored) > 10
    key = lambda r: (r["source"], r["relation"], r["target"], r["doc"])  # noqa: E731
    assert sorted(map(key, shown)) == sorted(map(key, stored))
    sentences = {key(r): " | ".join(r["sentences"]) for r in stored}
    for row in shown:
        assert "Vladimir Putin" in (row["source"], row["target"])
        assert row["evidence"] == sentences[key(row)]
        for sentence in row["evidence"].split(" | "):
            assert sentence in seed_text(row["doc"])  # the evidence is the article's own sentence
    assert {type(r["disputed"]) for r in shown} == {bool}


@pytest.mark.parametrize(
    "name", ["VLADIMIR PUTIN", "vladímir pûtin", "  Vladimir   Putin ", "presiden putin"]
)
def test_show_matches_names_and_aliases_case_and_accent_insensitively(store: Path, name: str) -> None:
    assert ok(store, "show", name).splitlines()[0] == "Vladimir Putin  [Person]  key=Person:vladimir putin"


def test_show_by_alias_finds_the_entity_it_belongs_to(store: Path) -> None:
    assert ok(store, "show", "kremlin").splitlines()[0].startswith("Russia  [Country]")


def test_show_of_an_unknown_name_suggests_and_fails(store: Path) -> None:
    result = ergraph(store, "show", "Vladimr Putn")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == "error: no entity named 'Vladimr Putn'; did you mean 'Vladimir Putin'?\n"
    none = ergraph(store, "show", "Qwxz Zzyx")
    assert none.exit_code == 1 and none.stderr == "error: no entity named 'Qwxz Zzyx'\n"


# -- path -------------------------------------------------------------------------------------------------


def test_path_is_a_shortest_chain_of_stored_relations(store: Path, graph: nx.MultiDiGraph) -> None:
    hops = rows(store, "path", "elon musk", "XI JINPING")
    names = {data["name"]: key for key, data in graph.nodes(data=True)}
    expected = nx.shortest_path_length(
        graph.to_undirected(as_view=True), names["Elon Musk"], names["Xi Jinping"]
    )
    assert len(hops) == expected >= 1
    at = "Elon Musk"
    for hop in hops:  # each hop touches where the last one ended, in either direction
        assert at in (hop["from"], hop["to"])
        assert graph.has_edge(names[hop["from"]], names[hop["to"]], key=hop["relation"])
        docs = graph.edges[names[hop["from"]], names[hop["to"]], hop["relation"]]["docs"]
        assert any(hop["evidence"] in seed_text(doc) for doc in docs)
        at = hop["to"] if hop["from"] == at else hop["from"]
    assert at == "Xi Jinping"
    table = ok(store, "path", "Elon Musk", "Xi Jinping")
    assert [c.strip() for c in table.splitlines()[0].split(" | ")] == ["from", "relation", "to", "evidence"]
    assert table.endswith(f"({expected} row{'s' if expected != 1 else ''})\n")


def test_no_path_is_a_clear_error(store: Path, graph: nx.MultiDiGraph) -> None:
    isolated = sorted(data["name"] for key, data in graph.nodes(data=True) if graph.degree(key) == 0)
    assert isolated, "the seeds have entities without relations"
    result = ergraph(store, "path", "Elon Musk", isolated[0])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == f"error: no path between 'Elon Musk' and {isolated[0]!r}\n"


def test_path_with_an_unknown_name_suggests(store: Path) -> None:
    result = ergraph(store, "path", "Elon Musc", "Xi Jinping")
    assert result.exit_code == 1 and "did you mean 'Elon Musk'" in result.stderr


# -- entities ---------------------------------------------------------------------------------------------


def test_entities_of_a_type_in_every_format(store: Path) -> None:
    people = cypher(store, "MATCH (p:Person) RETURN p.name AS name")
    names = sorted(r["name"] for r in people)
    assert len(names) > 10

    listed = rows(store, "entities", "--type", "Person")
    assert sorted(r["name"] for r in listed) == names
    assert {r["type"] for r in listed} == {"Person"}
    assert listed == sorted(listed, key=lambda r: (-r["documents"], r["name"]))  # most mentioned first
    putin = next(r for r in listed if r["name"] == "Vladimir Putin")
    assert putin["documents"] == 5 and "Putin" in putin["aliases"].split("; ")

    table = ok(store, "entities", "--type", "Person", "--format", "table").splitlines()
    assert table[0].split() == ["name", "|", "type", "|", "aliases", "|", "documents"]
    assert table[-1] == f"({len(names)} rows)" and len(table) == len(names) + 3

    parsed = list(csv.reader(io.StringIO(ok(store, "entities", "--type", "Person", "--format", "csv"))))
    assert parsed[0] == ["name", "type", "aliases", "documents"]
    assert [[r["name"], r["type"], r["aliases"], str(r["documents"])] for r in listed] == parsed[1:]


def test_entities_of_an_unknown_type_fail(store: Path) -> None:
    result = ergraph(store, "entities", "--type", "Persn")
    assert result.exit_code == 1 and "unknown type 'Persn'" in result.stderr


# -- queries ----------------------------------------------------------------------------------------------


def test_queries_list_shows_every_named_query(store: Path) -> None:
    files = sorted(p.name.removesuffix(".cypher") for p in (ROOT / "queries").glob("*.cypher"))
    names = [n for n in files if not n.endswith(".ladybug")]
    listed = json.loads(runner.invoke(app, ["queries", "list", "--format", "json"]).stdout)
    assert [q["name"] for q in listed] == names
    assert all(q["answers"] and q["example"].startswith(f"ergraph queries run {q['name']}") for q in listed)
    contacts = next(q for q in listed if q["name"] == "contacts")
    assert contacts["parameters"] == "limit=100"
    table = runner.invoke(app, ["queries", "list"]).stdout
    assert all(name in table for name in names) and table.endswith(f"({len(names)} rows)\n")


def test_queries_run_with_parameters(store: Path) -> None:
    every = rows(store, "queries", "run", "contacts")
    assert len(every) > 2
    assert rows(store, "queries", "run", "contacts", "-p", "limit=2") == every[:2]

    about = rows(store, "queries", "run", "entity", "-p", "name=vladimir putin")
    relations = [r for r in about if r["relation"] != "MENTIONED_IN"]
    assert {r["entity"] for r in about} == {"Vladimir Putin"}
    assert len(relations) == len(rows(store, "show", "Vladimir Putin"))

    between = rows(store, "queries", "run", "evidence", "-p", "a=Elon Musk", "--param", "b=Vladimir Putin")
    assert between and all({r["source"], r["target"]} == {"Elon Musk", "Vladimir Putin"} for r in between)
    assert all(s in seed_text(r["doc"]) for r in between for s in r["sentences"])


def test_queries_run_with_bad_parameters_or_names_fails(store: Path) -> None:
    missing = ergraph(store, "queries", "run", "evidence", "-p", "a=Elon Musk")
    assert missing.exit_code == 1 and "b" in missing.stderr
    malformed = ergraph(store, "queries", "run", "contacts", "-p", "limit")
    assert malformed.exit_code == 1 and "expected key=value" in malformed.stderr
    unknown = ergraph(store, "queries", "run", "contact")
    assert unknown.exit_code == 1 and "contacts" in unknown.stderr


# -- viz by document date ---------------------------------------------------------------------------------


def expected_view(store: Path, since: str, until: str) -> tuple[set[str], set[tuple[str, str, str]]]:
    """What a date view must draw, asked of the store: relations stated in a document dated in range, and
    the entities they join or that such a document mentions."""
    in_range = "d.date IS NOT NULL AND d.date <> ''" + (" AND d.date >= $since" if since else "")
    in_range += " AND d.date <= $until" if until else ""
    params = {k: v for k, v in (("since", since), ("until", until)) if v}
    edges = cypher(
        store,
        f"MATCH (d:Document) WHERE {in_range}"
        " MATCH (a)-[r]->(b) WHERE label(r) <> 'MENTIONS' AND r.doc = d.id"
        " RETURN DISTINCT a.key AS a, label(r) AS rel, b.key AS b",
        **params,
    )
    mentioned = cypher(
        store, f"MATCH (d:Document)-[:MENTIONS]->(e) WHERE {in_range} RETURN DISTINCT e.key AS key", **params
    )
    relations = {(r["a"], r["rel"], r["b"]) for r in edges}
    return {r["key"] for r in mentioned} | {k for a, _, b in relations for k in (a, b)}, relations


def drawn(html: Path) -> tuple[set[str], set[tuple[str, str, str]]]:
    data = page_data(html)
    keys = {n["id"]: n["key"] for n in data["nodes"]}
    return set(keys.values()), {(keys[e["from"]], e["rel"], keys[e["to"]]) for e in data["edges"]}


@pytest.mark.parametrize(
    ("since", "until"),
    [("2025-01-01", ""), ("", "2024-12-31"), ("2024-10-01", "2024-12-31"), ("2024-01-01", "2025-12-31")],
)
def test_viz_since_until_draws_what_documents_of_those_dates_state(
    store: Path, tmp_path: Path, since: str, until: str
) -> None:
    dated = cypher(store, "MATCH (d:Document) WHERE d.date <> '' RETURN d.date AS date")
    assert sorted(r["date"] for r in dated) == ["2024-10-27", "2025-01-01"]  # what the cases rely on
    out = tmp_path / "dated.html"
    args = [*(["--since", since] if since else []), *(["--until", until] if until else [])]
    report = ok(store, "viz", "-o", str(out), *args)
    nodes, edges = expected_view(store, since, until)
    assert nodes and edges
    assert drawn(out) == (nodes, edges)
    assert report == f"wrote {out}: {len(nodes)} nodes, {len(edges)} edges\n"
    everything = ok(store, "viz", "-o", str(tmp_path / "all.html"))
    assert int(re.search(r"(\d+) nodes", everything).group(1)) > len(nodes)


def test_viz_dates_that_select_nothing_say_so(store: Path, tmp_path: Path) -> None:
    result = ergraph(store, "viz", "-o", str(tmp_path / "none.html"), "--since", "2030")
    assert result.exit_code == 1
    assert result.stderr == (
        "error: nothing left to draw after --types/--relations/--since/--until"
        " (2 of 5 documents carry a date)\n"
    )
    assert list(tmp_path.iterdir()) == []


# -- viz --open -------------------------------------------------------------------------------------------


def test_viz_open_hands_the_file_to_the_browser(store: Path, tmp_path: Path) -> None:
    record = tmp_path / "opened.txt"
    browser = tmp_path / "browser.sh"
    browser.write_text(f'#!/bin/sh\nprintf "%s\\n" "$@" >> "{record}"\n')
    browser.chmod(browser.stat().st_mode | stat.S_IXUSR)
    out = tmp_path / "page.html"
    env = {**os.environ, "BROWSER": str(browser), "PYTHONPATH": str(ROOT)}
    env.pop("ERGRAPH_STORE", None)
    result = subprocess.run(
        [sys.executable, "-m", "graph.cli", "viz", "-o", str(out), "--open", "--store", str(store)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"wrote {out}: ")
    assert "no browser" not in result.stderr
    assert record.read_text().splitlines() == [out.resolve().as_uri()]
    assert page_data(out)["nodes"]
