"""The HTML view in a real headless Chromium (marker `browser`): offline, complete, and usable.

Each page is written by `render_html` into the test's tmp_path and opened from
file:// with the network cut off (tests/browser.py). Screenshots land next to it.
The tests skip only when Debian's chromium or the playwright package is missing;
`make test` installs both.
"""

from __future__ import annotations

import json
import os
import random
import shutil
from pathlib import Path

import networkx as nx
import pytest
from browser import HeadlessChromium, PageVisit, unavailable_reason
from test_viz import INJECTION, story_graph

from graph.viz import render_html

ROOT = Path(__file__).resolve().parents[1]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(unavailable_reason() is not None, reason=str(unavailable_reason())),
]


@pytest.fixture(scope="module")
def chromium():
    with HeadlessChromium() as browser:
        yield browser


@pytest.fixture
def story(chromium: HeadlessChromium, tmp_path: Path) -> PageVisit:
    out = tmp_path / "story.html"
    render_html(story_graph(), out, title="Story")
    visit = chromium.open(out)
    visit.wait_ready(timeout_s=30)
    yield visit
    visit.page.close()


def edge_id(visit: PageVisit, source: str, rel: str, target: str) -> int:
    return visit.page.evaluate(
        """([s, r, t]) => {
             const key = k => window.ergraph.nodes.get({filter: n => n.key === k})[0].id;
             const hit = e => e.rel === r && e.from === key(s) && e.to === key(t);
             return window.ergraph.edges.get({filter: hit})[0].id;
           }""",
        [source, rel, target],
    )


def edge_midpoint(visit: PageVisit, eid: int) -> tuple[float, float]:
    """Page coordinates of the middle of a straight edge."""
    x, y = visit.page.evaluate(
        """(eid) => {
             const net = window.ergraph.network, e = window.ergraph.edges.get(eid);
             const p = net.getPositions([e.from, e.to]);
             const a = p[e.from], b = p[e.to];
             const dom = net.canvasToDOM({x: (a.x + b.x) / 2, y: (a.y + b.y) / 2});
             const box = document.getElementById("network").getBoundingClientRect();
             return [box.left + dom.x, box.top + dom.y];
           }""",
        eid,
    )
    return x, y


def test_page_loads_offline_with_no_request_and_no_error(story: PageVisit, tmp_path: Path) -> None:
    assert story.external == [], "the page asked the network for something"
    assert story.failed == []
    assert story.console_errors == []
    assert story.requests == [story.url]
    story.screenshot(tmp_path / "story.png")
    assert (tmp_path / "story.png").stat().st_size > 10_000


def test_the_harness_sees_a_page_reaching_out(chromium: HeadlessChromium, tmp_path: Path) -> None:
    """Negative control: a page that does fetch something is caught (and the request never leaves)."""
    page = tmp_path / "leaky.html"
    page.write_text('<html><body><img src="http://example.invalid/pixel.png"></body></html>')
    visit = chromium.open(page)
    assert visit.external == ["http://example.invalid/pixel.png"]
    assert len(visit.failed) == 1
    visit.page.close()


def test_draws_every_node_and_edge(story: PageVisit) -> None:
    g = story_graph()
    drawn = story.page.evaluate("window.ergraph.drawn()")
    assert drawn == {"nodes": g.number_of_nodes(), "edges": g.number_of_edges()}
    assert story.page.evaluate("window.ergraph.network.physics.options.enabled") is False


def test_hovering_an_edge_shows_its_evidence(story: PageVisit, tmp_path: Path) -> None:
    eid = edge_id(story, "Organization:nusa energi", "OWNS", "Technology:quantum relay")
    x, y = edge_midpoint(story, eid)
    story.page.mouse.move(x - 40, y - 40)
    story.page.mouse.move(x, y, steps=4)
    tooltip = story.page.locator("#tooltip")
    tooltip.wait_for(state="visible", timeout=5000)
    text = tooltip.inner_text()
    assert "Nusa Energi owns the Quantum Relay patents." in text
    assert "Nusa Energi denies contact" in text  # the document's title
    story.screenshot(tmp_path / "hover-edge.png")


def test_clicking_a_node_lists_its_aliases(story: PageVisit) -> None:
    pos = story.page.evaluate(
        """() => {
             const n = window.ergraph.nodes.get({filter: n => n.key === "Person:bram santoso"})[0];
             const net = window.ergraph.network, dom = net.canvasToDOM(net.getPositions([n.id])[n.id]);
             const box = document.getElementById("network").getBoundingClientRect();
             return [box.left + dom.x, box.top + dom.y];
           }"""
    )
    story.page.mouse.click(*pos)
    tooltip = story.page.locator("#tooltip")
    tooltip.wait_for(state="visible", timeout=5000)
    assert "Aliases: <b>Bram</b>, Pak Bram" in tooltip.inner_text()  # shown as text, not markup
    assert story.page.locator("#tooltip b").count() == 0


def test_disputed_and_denied_edges_are_dashed(story: PageVisit) -> None:
    dashes = story.page.evaluate(
        """() => Object.fromEntries(window.ergraph.edges.get().map(
             e => [e.rel, window.ergraph.network.body.edges[e.id].options.dashes]))"""
    )
    assert dashes["CONTACTED"] is True  # disputed
    assert dashes["DENIED"] is True
    assert dashes["OWNS"] is False and dashes["SUPPORTS"] is False
    eid = edge_id(story, "Person:bram santoso", "CONTACTED", "Organization:nusa energi")
    tip = story.page.evaluate(
        "(eid) => window.ergraph.edgeTip(window.ergraph.edges.get(eid)).textContent", eid
    )
    assert "disputed" in tip


def test_untrusted_evidence_stays_text(story: PageVisit) -> None:
    eid = edge_id(story, "Person:bram santoso", "CONTACTED", "Organization:nusa energi")
    tip = story.page.evaluate(
        "(eid) => window.ergraph.edgeTip(window.ergraph.edges.get(eid)).textContent", eid
    )
    assert INJECTION in tip
    story.page.evaluate(
        "(eid) => window.ergraph.network.emit('click', {nodes: [], edges: [eid], "
        "pointer: {DOM: {x: 10, y: 10}}})",
        eid,
    )
    assert story.page.locator("#tooltip").is_visible()
    assert story.page.evaluate("window.__pwned === undefined")
    assert story.page.locator("#tooltip img, #tooltip script").count() == 0
    assert story.page.title() == "Story"


def test_type_filter_hides_that_type(story: PageVisit, tmp_path: Path) -> None:
    story.page.get_by_label("Person").uncheck()
    drawn = story.page.evaluate("window.ergraph.drawn()")
    # 3 entities left; of the 6 relations only OWNS and SUPPORTS avoid both people
    assert drawn == {"nodes": 3, "edges": 2}
    hidden = story.page.evaluate("window.ergraph.nodes.get({filter: n => n.hidden}).map(n => n.etype)")
    assert hidden == ["Person", "Person"]
    story.screenshot(tmp_path / "no-people.png")
    story.page.get_by_label("Person").check()
    assert story.page.evaluate("window.ergraph.drawn()") == {"nodes": 5, "edges": 6}


def test_relation_filter_hides_that_relation(story: PageVisit) -> None:
    story.page.get_by_label("DENIED").uncheck()
    assert story.page.evaluate("window.ergraph.drawn()") == {"nodes": 5, "edges": 5}
    assert story.page.evaluate("window.ergraph.edges.get({filter: e => e.hidden}).map(e => e.rel)") == [
        "DENIED"
    ]


def test_search_finds_aliases_ignoring_case_and_accents(story: PageVisit) -> None:
    story.page.fill("#search", "bram santoso")
    story.page.press("#search", "Enter")
    assert story.page.locator("#search-result").inner_text() == "1 match"
    selected = story.page.evaluate(
        "window.ergraph.network.getSelectedNodes().map(id => window.ergraph.nodes.get(id).key)"
    )
    assert selected == ["Person:bram santoso"]
    assert story.page.evaluate("window.ergraph.search('BU AYU').length") == 1
    assert story.page.evaluate("window.ergraph.search('nobody here').length") == 0


def _random_graph(n: int, seed: int = 5) -> nx.MultiDiGraph:
    rnd = random.Random(seed)
    g = nx.MultiDiGraph()
    types = ["Person", "Organization", "Country", "Technology"]
    for i in range(n):
        g.add_node(f"E:{i}", name=f"Entity {i}", type=types[i % 4], aliases=[], docs=[])
    for i in range(1, n):
        for j in {rnd.randrange(i), rnd.randrange(max(1, i // 10))}:
            g.add_edge(
                f"E:{i}",
                f"E:{j}",
                key="CONTACTED",
                type="CONTACTED",
                evidence=[{"doc": "d", "sentence": f"{i} contacted {j}."}],
                disputed=False,
                count=1,
            )
    return g


@pytest.mark.slow
def test_large_graph_is_cut_noted_and_settles(chromium: HeadlessChromium, tmp_path: Path) -> None:
    g = _random_graph(2500)
    out = tmp_path / "large.html"
    report = render_html(g, out, max_nodes=2000)
    assert report.nodes_drawn == 2000 and report.nodes_dropped == 500
    visit = chromium.open(out)
    seconds = visit.wait_ready(timeout_s=60)
    assert visit.page.evaluate("window.ergraph.drawn()") == {"nodes": 2000, "edges": report.edges_drawn}
    assert visit.page.locator("#note").is_visible()
    assert "500 entities" in visit.page.locator("#note").inner_text()
    assert visit.page.evaluate("window.ergraph.network.physics.options.enabled") is False
    assert visit.console_errors == [] and visit.external == []
    # generous against a loaded CI machine; bench/bench_viz.py measures the real figure
    assert seconds < 20, f"2,000 nodes took {seconds:.1f} s to settle"
    visit.screenshot(tmp_path / "large.png")
    visit.page.close()


@pytest.mark.slow
def test_seed_graph_screenshot(chromium: HeadlessChromium, tmp_path: Path) -> None:
    """The seed articles through the real CLI (load → export) into the page; the README's picture.

    Set ERGRAPH_UPDATE_SCREENSHOTS=1 to copy the screenshot to docs/seed-graph.png.
    """
    from typer.testing import CliRunner

    from graph.cli import app

    store, exported = str(tmp_path / "store"), tmp_path / "seed.json"
    runner = CliRunner()
    loaded = runner.invoke(app, ["load", str(ROOT / "seeds"), "--store", store])
    assert loaded.exit_code == 0, loaded.output
    dumped = runner.invoke(app, ["export", "--format", "json", "-o", str(exported), "--store", store])
    assert dumped.exit_code == 0, dumped.output
    data = json.loads(exported.read_text(encoding="utf-8"))
    g = nx.node_link_graph(data, edges="edges", multigraph=True, directed=True)

    out = tmp_path / "seed.html"
    report = render_html(g, out, title="ergraph — seed articles")
    visit = chromium.open(out)
    visit.wait_ready(timeout_s=30)
    assert visit.page.evaluate("window.ergraph.drawn()") == {
        "nodes": report.nodes_drawn,
        "edges": report.edges_drawn,
    }
    assert (report.nodes_drawn, report.edges_drawn) == (g.number_of_nodes(), g.number_of_edges())
    assert visit.external == [] and visit.failed == [] and visit.console_errors == []
    # pin the tooltip of the best-attested straight edge, so the picture shows evidence too
    best = visit.page.evaluate(
        "() => window.ergraph.edges.get({filter: e => !e.smooth}).sort((a, b) => b.count - a.count)[0].id"
    )
    x, y = edge_midpoint(visit, best)
    visit.page.mouse.click(x, y)
    visit.page.locator("#tooltip").wait_for(state="visible", timeout=5000)
    shot = visit.screenshot(tmp_path / "seed-graph.png")
    if os.environ.get("ERGRAPH_UPDATE_SCREENSHOTS") == "1":
        (ROOT / "docs").mkdir(exist_ok=True)
        shutil.copyfile(shot, ROOT / "docs" / "seed-graph.png")
    visit.page.close()
