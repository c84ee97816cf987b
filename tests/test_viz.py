"""Unit tests of `graph.viz.render_html`: the page's data, escaping, the size cut, atomic writes, errors.

`story_graph()` builds a small graph in the export's shape (invented names) and
is shared with tests/test_browser.py. The browser-side behaviour is tested there.
"""

from __future__ import annotations

import json
import os
import re
import stat
from pathlib import Path

import networkx as nx
import pytest

from graph.viz import DEFAULT_MAX_NODES, VizError, VizReport, most_connected, render_html

INJECTION = '<img src=x onerror="window.__pwned=1"></script><script>window.__pwned=2</script>'


def _ev(doc: str, sentence: str) -> dict:
    return {
        "doc": doc,
        "sentence": sentence,
        "start": 0,
        "end": len(sentence),
        "trigger": "",
        "rule": "test",
        "confidence": 0.9,
    }


def story_graph() -> nx.MultiDiGraph:
    """Five invented entities, six relations: a disputed contact, a denial, two relations on one pair."""
    g = nx.MultiDiGraph()
    g.graph["documents"] = {
        "doc-1": {"title": "Talks in Lumeria", "date": "2024-03-01", "path": "a.txt"},
        "doc-2": {"title": "Nusa Energi denies contact", "date": "2024-03-04", "path": "b.txt"},
    }
    people = {
        "Person:ayu lestari": ("Ayu Lestari", "Person", ["Ayu", "Bu Ayu"], ["doc-1"]),
        "Person:bram santoso": ("Bram Sántoso", "Person", ["Pak Bram", "<b>Bram</b>"], ["doc-1", "doc-2"]),
        "Organization:nusa energi": ("PT Nusa Energi", "Organization", ["Nusa"], ["doc-1", "doc-2"]),
        "Country:LM": ("Lumeria", "Country", [], ["doc-1"]),
        "Technology:quantum relay": ("Quantum Relay", "Technology", [], ["doc-2"]),
    }
    for key, (name, etype, aliases, docs) in people.items():
        g.add_node(key, name=name, type=etype, aliases=aliases, docs=docs)

    def rel(u, v, t, sentences, disputed=False):
        g.add_edge(
            u,
            v,
            key=t,
            type=t,
            evidence=[_ev(d, s) for d, s in sentences],
            disputed=disputed,
            count=len(sentences),
            first_seen="2024-03-01",
            last_seen="2024-03-04",
        )

    rel(
        "Person:ayu lestari",
        "Person:bram santoso",
        "INSTRUCTED",
        [("doc-1", "Ayu Lestari instructed Bram Santoso to open talks with Nusa Energi.")],
    )
    rel(
        "Person:ayu lestari",
        "Person:bram santoso",
        "MET",
        [("doc-1", "Ayu Lestari met Bram Santoso in Lumeria.")],
    )
    rel(
        "Person:bram santoso",
        "Organization:nusa energi",
        "CONTACTED",
        [("doc-1", "Bram Santoso contacted Nusa Energi last week."), ("doc-2", INJECTION)],
        disputed=True,
    )
    g.edges["Person:bram santoso", "Organization:nusa energi", "CONTACTED"]["reported_by"] = [
        "Country:LM",
        "Harian Lumeria",
    ]
    rel(
        "Organization:nusa energi",
        "Person:bram santoso",
        "DENIED",
        [("doc-2", "Nusa Energi denied any contact with Bram Santoso.")],
    )
    rel(
        "Organization:nusa energi",
        "Technology:quantum relay",
        "OWNS",
        [("doc-2", "Nusa Energi owns the Quantum Relay patents.")],
    )
    rel("Country:LM", "Organization:nusa energi", "SUPPORTS", [("doc-1", "Lumeria supports Nusa Energi.")])
    return g


def star_graph(n_leaves: int) -> nx.MultiDiGraph:
    """A hub with `n_leaves` spokes: the hub is the most connected node."""
    g = nx.MultiDiGraph()
    g.add_node("Person:hub", name="Hub", type="Person", aliases=[], docs=[])
    for i in range(n_leaves):
        g.add_node(f"Organization:leaf {i}", name=f"Leaf {i}", type="Organization", aliases=[], docs=[])
        g.add_edge(
            "Person:hub",
            f"Organization:leaf {i}",
            key="LEADS",
            type="LEADS",
            evidence=[_ev("d", f"Hub leads leaf {i}.")],
            disputed=False,
            count=1,
        )
    return g


def page_data(html: str) -> dict:
    """The JSON the page feeds to vis-network."""
    m = re.search(r'<script type="application/json" id="ergraph-data">(.*?)</script>', html, re.S)
    assert m, "data block not found"
    return json.loads(m.group(1))


def test_report_and_data_match_the_graph(tmp_path: Path) -> None:
    g = story_graph()
    out = tmp_path / "g.html"
    report = render_html(g, out, title="Story")
    assert report == VizReport(nodes_drawn=5, edges_drawn=6, nodes_dropped=0, edges_dropped=0, path=out)
    data = page_data(out.read_text(encoding="utf-8"))
    assert {n["key"] for n in data["nodes"]} == set(g.nodes)
    assert sorted(e["rel"] for e in data["edges"]) == sorted(t for _, _, t in g.edges(keys=True))
    by_rel = {e["rel"]: e for e in data["edges"]}
    assert by_rel["CONTACTED"]["dashes"] and by_rel["CONTACTED"]["disputed"]
    assert by_rel["DENIED"]["dashes"] and not by_rel["DENIED"]["disputed"]
    assert not by_rel["OWNS"]["dashes"]
    assert by_rel["OWNS"]["ev"] == [["Nusa Energi owns the Quantum Relay patents.", "doc-2"]]
    assert by_rel["CONTACTED"]["reported"] == ["Lumeria", "Harian Lumeria"]  # entity keys shown by name
    assert data["docs"]["doc-2"] == {"title": "Nusa Energi denies contact", "date": "2024-03-04"}
    # the second relation between Ayu and Bram is bent so it does not hide the first
    assert "smooth" not in by_rel["INSTRUCTED"] and by_rel["MET"]["smooth"]["type"] == "curvedCW"


def test_style_size_and_type_per_node(tmp_path: Path) -> None:
    out = tmp_path / "g.html"
    render_html(story_graph(), out)
    nodes = {n["key"]: n for n in page_data(out.read_text(encoding="utf-8"))["nodes"]}
    assert nodes["Person:bram santoso"]["shape"] == "dot"
    assert nodes["Organization:nusa energi"]["shape"] == "square"
    assert nodes["Country:LM"]["etype"] == "Country"
    assert nodes["Person:bram santoso"]["size"] > nodes["Country:LM"]["size"]  # 4 relations vs 1
    assert nodes["Person:bram santoso"]["aliases"] == ["<b>Bram</b>", "Pak Bram"]


def test_page_needs_no_network(tmp_path: Path) -> None:
    out = tmp_path / "g.html"
    render_html(story_graph(), out)
    html = out.read_text(encoding="utf-8")
    assert "vis.Network" in html and "bootstrap" not in html
    assert not re.search(r'<(script|link|img|iframe)[^>]+(src|href)\s*=\s*["\']?(https?:)?//', html, re.I)
    assert "default-src 'none'" in html  # and the CSP forbids any fetch the page might still try


def test_untrusted_text_is_escaped(tmp_path: Path) -> None:
    g = story_graph()
    out = tmp_path / "g.html"
    render_html(g, out, title="</title><script>window.__pwned=3</script>")
    html = out.read_text(encoding="utf-8")
    assert "window.__pwned" in html  # the text is there, but only in escaped form:
    assert "<script>window.__pwned" not in html
    assert "<img src=x" not in html and "<b>Bram" not in html
    assert "&lt;/title&gt;&lt;script&gt;" in html
    data = page_data(html)
    contacted = next(e for e in data["edges"] if e["rel"] == "CONTACTED")
    assert contacted["ev"][1][0] == INJECTION  # round-trips unchanged as data


def test_keeps_the_most_connected_nodes_above_max_nodes(tmp_path: Path) -> None:
    g = star_graph(10)
    g.add_node("Country:lonely", name="Lonely", type="Country", aliases=[], docs=[])
    out = tmp_path / "g.html"
    report = render_html(g, out, max_nodes=4)
    assert (report.nodes_drawn, report.nodes_dropped) == (4, 8)
    assert (report.edges_drawn, report.edges_dropped) == (3, 7)
    data = page_data(out.read_text(encoding="utf-8"))
    keys = {n["key"] for n in data["nodes"]}
    assert "Person:hub" in keys and "Country:lonely" not in keys
    assert data["dropped"] == {"nodes": 8, "edges": 7, "total_nodes": 12, "total_edges": 10}
    html = out.read_text(encoding="utf-8")
    assert 'id="note"' in html and "8 entities and 7 relations are not drawn" in html


def test_no_note_when_nothing_is_dropped(tmp_path: Path) -> None:
    out = tmp_path / "g.html"
    render_html(star_graph(3), out, max_nodes=4)
    assert 'id="note"' not in out.read_text(encoding="utf-8")


def test_most_connected_is_stable_and_bounded() -> None:
    g = star_graph(5)
    assert most_connected(g, 100) == list(g.nodes)
    first = most_connected(g, 3)
    assert first[0] == "Person:hub" and len(first) == 3 and first == most_connected(g, 3)
    assert DEFAULT_MAX_NODES >= 1000


def test_empty_graph_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(VizError, match="graph is empty"):
        render_html(nx.MultiDiGraph(), tmp_path / "g.html")
    assert not (tmp_path / "g.html").exists()


def test_missing_directory_is_a_one_line_error(tmp_path: Path) -> None:
    out = tmp_path / "no" / "such" / "g.html"
    with pytest.raises(VizError) as err:
        render_html(story_graph(), out)
    assert str(out) in str(err.value) and "\n" not in str(err.value)


def test_parent_that_is_a_file_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x")
    with pytest.raises(VizError, match="not a directory"):
        render_html(story_graph(), tmp_path / "file" / "g.html")


def test_directory_that_takes_no_new_file_is_an_error(tmp_path: Path) -> None:
    """Meaningful as root too: root may write into a read-only directory, but not create files under
    /proc or below a regular file; a non-root run also checks a directory without write permission."""
    (tmp_path / "file").write_text("x")
    targets = [tmp_path / "file" / "g.html"]
    if Path("/proc/self").is_dir():  # procfs: nobody can create a file in it
        targets.append(Path("/proc") / f"ergraph-test-{os.getpid()}.html")
    ro = tmp_path / "ro"
    ro.mkdir()
    if os.geteuid() != 0:
        ro.chmod(0o555)
        targets.append(ro / "g.html")
    try:
        for out in targets:
            with pytest.raises(VizError) as err:
                render_html(story_graph(), out)
            message = str(err.value)
            assert message.startswith(f"cannot write {out}: ") and "\n" not in message
            assert not out.exists()
            if out.parent == ro:
                assert "not writable" in message
        assert list(ro.iterdir()) == [] and sorted(p.name for p in tmp_path.iterdir()) == ["file", "ro"]
        if Path("/proc/self").is_dir():
            assert not list(Path("/proc").glob(".ergraph-test-*"))
    finally:
        ro.chmod(0o755)


def test_output_that_is_not_a_regular_file_is_refused(tmp_path: Path) -> None:
    """A FIFO, a device (made here when we are root, like /dev/full) or a link to one is left as it is:
    the atomic rename would have replaced it with a regular file."""
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    targets = {fifo: "a named pipe"}
    if os.geteuid() == 0:
        device = tmp_path / "full"
        try:
            os.mknod(device, 0o666 | stat.S_IFCHR, os.makedev(1, 7))  # the numbers of /dev/full
            targets[device] = "a character device"
        except OSError:  # a filesystem mounted nodev
            pass
    link = tmp_path / "link"
    link.symlink_to(fifo)
    targets[link] = "a named pipe (through a symbolic link)"
    dangling = tmp_path / "dangling"
    dangling.symlink_to(tmp_path / "nowhere")
    targets[dangling] = "a broken symbolic link"
    before = {p.name: p.lstat() for p in tmp_path.iterdir()}
    for out, kind in targets.items():
        with pytest.raises(VizError) as err:
            render_html(story_graph(), out)
        assert str(err.value) == f"cannot write {out}: it is {kind}, not a regular file"
    after = {p.name: p.lstat() for p in tmp_path.iterdir()}
    assert after.keys() == before.keys()  # no temporary file left, nothing created
    for name, st in before.items():
        assert (after[name].st_mode, after[name].st_ino) == (st.st_mode, st.st_ino)


def test_output_that_is_a_directory_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "g.html").mkdir()
    with pytest.raises(VizError, match="is a directory"):
        render_html(story_graph(), tmp_path / "g.html")


def test_failed_write_keeps_the_old_file_and_leaves_no_temp(tmp_path: Path, monkeypatch) -> None:
    out = tmp_path / "g.html"
    out.write_text("previous page")

    def failing_replace(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", failing_replace)
    with pytest.raises(VizError, match="No space left on device"):
        render_html(story_graph(), out)
    assert out.read_text() == "previous page"
    assert [p.name for p in tmp_path.iterdir()] == ["g.html"]


def test_rewrite_replaces_the_file(tmp_path: Path) -> None:
    out = tmp_path / "g.html"
    render_html(star_graph(2), out)
    render_html(story_graph(), out)
    assert len(page_data(out.read_text(encoding="utf-8"))["nodes"]) == 5
    assert [p.name for p in tmp_path.iterdir()] == ["g.html"]
    assert out.stat().st_mode & 0o644 == 0o644


def test_renders_the_exports_node_link_json(tmp_path: Path) -> None:
    """What `ergraph export --format json` writes loads back into a graph render_html accepts."""
    data = nx.node_link_data(story_graph(), edges="edges")
    g = nx.node_link_graph(json.loads(json.dumps(data)), edges="edges", multigraph=True, directed=True)
    report = render_html(g, tmp_path / "g.html")
    assert (report.nodes_drawn, report.edges_drawn) == (5, 6)


def test_max_nodes_must_be_positive(tmp_path: Path) -> None:
    with pytest.raises(VizError, match="max_nodes"):
        render_html(story_graph(), tmp_path / "g.html", max_nodes=0)


def test_keeps_the_best_attested_edges_above_max_edges(tmp_path: Path) -> None:
    g = star_graph(5)
    for i, count in enumerate([1, 7, 2, 9, 3]):
        g.edges["Person:hub", f"Organization:leaf {i}", "LEADS"]["count"] = count
    out = tmp_path / "g.html"
    report = render_html(g, out, max_edges=2)
    assert (report.nodes_drawn, report.edges_drawn, report.nodes_dropped, report.edges_dropped) == (
        6,
        2,
        0,
        3,
    )
    html = out.read_text(encoding="utf-8")
    assert sorted(e["count"] for e in page_data(html)["edges"]) == [7, 9]
    assert "best-attested" in html and "0 entities and 3 relations are not drawn" in html


def test_tolerates_sparse_attributes(tmp_path: Path) -> None:
    """Nodes and edges missing optional attributes (or with a lone string for a list) still render."""
    g = nx.MultiDiGraph()
    g.add_node("Person:x", aliases="Mr X")
    g.add_node("Thing:y", name="Y", type="Gadget")
    g.add_edge("Person:x", "Thing:y", key="USES")
    out = tmp_path / "g.html"
    assert render_html(g, out).edges_drawn == 1
    data = page_data(out.read_text(encoding="utf-8"))
    x, y = data["nodes"]
    assert (x["label"], x["aliases"], x["etype"]) == ("Person:x", ["Mr X"], "Other")
    assert (y["etype"], y["shape"]) == ("Gadget", "hexagon")
    assert data["edges"][0]["rel"] == "USES" and data["edges"][0]["ev"] == []
