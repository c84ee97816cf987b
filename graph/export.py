"""Build a networkx graph from a store and write it as node-link JSON.

The export contract (read by other tools and by our scorer): networkx
node-link JSON with edges under `"edges"`; entity nodes carry `id`, `name`,
`type`, `aliases` (and `docs`); edges carry `source`, `target`, `type`,
`evidence` (a list of `{doc, sentence, start, end, trigger, rule, confidence}`),
`disputed`, `count`, `first_seen` and `last_seen`. The store keeps one edge per
document; here they are folded into one edge per (source, type, target).

A claim is disputed when every document that states it also carries its denial
("according to WSJ, A called B", then "B denied the WSJ report"). The store,
`show` and the HTML keep such edges, marked. The export leaves them out of
`"edges"`, which hold what the articles assert (the annotation guidelines treat
a reported-then-denied claim as not asserted), and lists them under the graph's
`"disputed_claims"` instead; `include_disputed=True` keeps them as edges with
`disputed: true`.

`write_atomically` (also used by `graph/viz.py`) writes a file through a
temporary file and a rename, and only where `unwritable_reason` finds nothing
wrong: never over a device, pipe, socket or directory.
"""

from __future__ import annotations

import errno
import json
import os
import stat
import tempfile
from pathlib import Path

import networkx as nx

from graph.store import Store


def build_graph(store: Store) -> nx.MultiDiGraph:
    """The whole stored graph: entity nodes and one edge per (source, type, target)."""
    g = nx.MultiDiGraph()
    g.graph["documents"] = {
        d.id: {
            "title": d.title,
            "date": d.date,
            "path": d.path,
            "source": d.source,
            "url": d.url,
            "lang": d.lang,
        }
        for d in store.documents()
    }
    for e in store.entities():
        g.add_node(e.key, name=e.name, type=e.type, aliases=sorted(e.aliases), docs=e.docs)
    for edge in store.edges():
        if g.has_edge(edge.source, edge.target, key=edge.type):
            data = g.edges[edge.source, edge.target, edge.type]
        else:
            g.add_edge(
                edge.source,
                edge.target,
                key=edge.type,
                type=edge.type,
                evidence=[],
                disputed=True,  # until a document states it without a denial
                count=0,
                docs=[],
                first_seen="",
                last_seen="",
                confidence=0.0,
                reported_by=[],
            )
            data = g.edges[edge.source, edge.target, edge.type]
        data["evidence"].extend(edge.evidence)
        data["count"] += len(edge.evidence)
        data["docs"].append(edge.doc)
        data["disputed"] = data["disputed"] and edge.disputed
        data["confidence"] = max(data["confidence"], edge.confidence)
        if edge.reported_by and edge.reported_by not in data["reported_by"]:
            data["reported_by"].append(edge.reported_by)
        if edge.date:
            data["first_seen"] = min(filter(None, [data["first_seen"], edge.date]))
            data["last_seen"] = max(data["last_seen"], edge.date)
    return g


def node_link(g: nx.MultiDiGraph) -> dict:
    """Node-link data with edges under "edges"; the relation type doubles as the multigraph key."""
    return nx.node_link_data(g, edges="edges")


def unwritable_reason(path: Path) -> str | None:
    """Why a new file cannot be written at `path`, or None when it can.

    The path must name a regular file (or a symbolic link to one; the link is
    replaced, not what it points to) or nothing yet, in an existing directory
    we may write to. Anything else, a device such as /dev/full, a FIFO, a
    socket, a directory, a link to one of those, is refused: the atomic rename
    would swap it for a regular file, even (for root) in /dev.
    """
    parent = path.parent if str(path.parent) else Path(".")
    if not parent.exists():
        return f"directory {parent} does not exist"
    if not parent.is_dir():
        return f"{parent} is not a directory"
    if path.is_dir():
        return "it is a directory"
    if (path.exists() or path.is_symlink()) and not path.is_file():
        return f"it is {_file_kind(path)}, not a regular file"
    if not os.access(parent, os.W_OK | os.X_OK):
        return f"directory {parent} is not writable"
    return None


def _file_kind(path: Path) -> str:
    try:
        mode = path.stat().st_mode
    except OSError:
        return "a broken symbolic link"
    for test, kind in (
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISFIFO, "a named pipe"),
        (stat.S_ISSOCK, "a socket"),
    ):
        if test(mode):
            return f"{kind} (through a symbolic link)" if path.is_symlink() else kind
    return "not a regular file"


def write_atomically(path: Path, text: str) -> None:
    """Write via a temporary file in the same directory, then rename, so a failure leaves no partial
    file; the file is readable by all (0644). Raises OSError, with `unwritable_reason` as its
    strerror when the path is refused before anything is written."""
    if reason := unwritable_reason(path):
        raise OSError(errno.EINVAL, reason)
    directory = path.parent if str(path.parent) else Path(".")
    try:
        fd, tmp = tempfile.mkstemp(dir=directory, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:  # /proc or /sys: not even root can create a file there
        raise OSError(exc.errno, f"cannot create a file in {directory} ({exc.strerror or exc})") from exc
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def set_disputed_aside(g: nx.MultiDiGraph) -> None:
    """Move disputed edges out of `g` into `g.graph["disputed_claims"]` (see the module docstring)."""
    claims = []
    for u, v, key, data in list(g.edges(keys=True, data=True)):
        if data["disputed"]:
            claims.append({"source": u, "target": v, **data})
            g.remove_edge(u, v, key=key)
    g.graph["disputed_claims"] = claims


def export_json(store: Store, *, include_disputed: bool = False) -> str:
    g = build_graph(store)
    if not include_disputed:
        set_disputed_aside(g)
    return json.dumps(node_link(g), ensure_ascii=False, indent=1)
