"""Issue 7's fault test through the real command: the Bolt server dies in the middle of `ergraph load`.

The load runs in a subprocess against the suite's ArcadeDB Bolt server; once its
progress lines show some batches committed, the server is SIGKILLed. The command
must fail within a bounded time with one clear line on stderr (no traceback, no
password). The server is restarted on the same ports and data directory, the
same command is run again, and its export must equal an uninterrupted load of
the same corpus into a fresh database: same nodes, edges and evidence, nothing
twice.
"""

from __future__ import annotations

import json
import os
import queue
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from bolt_server import BoltServer, BoltTarget
from conftest import record_reliability

from bench.corpus import generate, write_corpus

ROOT = Path(__file__).resolve().parent.parent
DOCUMENTS = 300
BATCH = 10
KILL_AFTER = 3 * BATCH  # documents committed before the server is stopped
FAIL_WITHIN = 120.0  # seconds from the kill to the load's exit (the driver retries for 15 s)


def ergraph(*args: str) -> list[str]:
    return [sys.executable, "-m", "graph.cli", *args]


def cli_env(target: BoltTarget) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("NEO4J_", "ERGRAPH_"))}
    return {**env, **target.env()}


def load_args(corpus: Path, target: BoltTarget) -> list[str]:
    return ergraph("load", str(corpus), "--store", target.uri, "--batch-size", str(BATCH), "--workers", "2")


def run(args: list[str], target: BoltTarget) -> subprocess.CompletedProcess:
    return subprocess.run(args, capture_output=True, text=True, cwd=ROOT, env=cli_env(target), timeout=600)


def exported(target: BoltTarget, out: Path) -> dict:
    result = run(ergraph("export", "--format", "json", "-o", str(out), "--store", target.uri), target)
    assert result.returncode == 0, result.stderr
    text = out.read_text(encoding="utf-8")
    assert target.password not in text
    return json.loads(text)


def assert_no_duplicates(graph: dict) -> None:
    ids = [n["id"] for n in graph["nodes"]]
    assert len(ids) == len(set(ids)), "a node is in the graph twice"
    keys = [(e["source"], e["type"], e["target"]) for e in graph["edges"]]
    assert len(keys) == len(set(keys)), "an edge is in the graph twice"
    for e in graph["edges"]:
        evidence = [json.dumps(ev, sort_keys=True) for ev in e["evidence"]]
        assert len(evidence) == len(set(evidence)), f"evidence of {e['source']}-{e['type']} twice"
        assert len(e["docs"]) == len(set(e["docs"]))
    for n in graph["nodes"]:
        assert len(n["aliases"]) == len(set(n["aliases"]))


def normalised(graph: dict) -> dict:
    """Content, not order: nodes, edges, evidence and lists sorted."""
    for e in graph["edges"]:
        e["evidence"].sort(key=lambda ev: json.dumps(ev, sort_keys=True))
        e["docs"].sort()
    graph["edges"].sort(key=lambda e: (e["source"], e["type"], e["target"]))
    graph["nodes"].sort(key=lambda n: n["id"])
    for n in graph["nodes"]:
        n["aliases"].sort()
        if isinstance(n.get("docs"), list):
            n["docs"].sort()
    return graph


@pytest.fixture
def server(bolt_server: BoltServer | None) -> BoltServer:
    """The session's server; running again at the end whatever the test did to it."""
    if bolt_server is None:
        pytest.skip("needs the ArcadeDB server the suite starts and stops")
    yield bolt_server
    if not bolt_server.running:
        bolt_server.stop()  # forget a dead process, then start on the same ports and data
        bolt_server.start()


def load_until_server_killed(
    args: list[str], target: BoltTarget, server: BoltServer
) -> tuple[int | None, str, str, float, int]:
    """Run the load, SIGKILL the server once KILL_AFTER documents are committed.

    Returns the exit code (None if it did not exit within FAIL_WITHIN), stdout,
    stderr, seconds from the kill to the exit, and the documents committed before it.
    """
    proc = subprocess.Popen(
        args, cwd=ROOT, env=cli_env(target), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    lines: queue.Queue[str | None] = queue.Queue()
    err: list[str] = []
    out: list[str] = []

    def read_err() -> None:
        assert proc.stderr is not None
        for line in proc.stderr:
            lines.put(line)
        lines.put(None)

    def read_out() -> None:
        assert proc.stdout is not None
        out.append(proc.stdout.read())

    threads = [threading.Thread(target=f, daemon=True) for f in (read_err, read_out)]
    for t in threads:
        t.start()
    committed = 0
    try:
        while True:
            line = lines.get(timeout=300)
            if line is None:
                break
            err.append(line)
            if line.startswith("loading: "):
                committed = int(line.split()[1])
                if committed >= KILL_AFTER:
                    break
        server.stop(kill=True)
        killed_at = time.monotonic()
        try:
            code: int | None = proc.wait(timeout=FAIL_WITHIN)
        except subprocess.TimeoutExpired:
            code = None
        elapsed = time.monotonic() - killed_at
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    for t in threads:
        t.join(10)
    while not lines.empty():
        line = lines.get()
        if line is not None:
            err.append(line)
    return code, "".join(out), "".join(err), elapsed, committed


@pytest.mark.bolt
@pytest.mark.slow
def test_bolt_server_killed_during_ergraph_load_then_rerun_gives_the_uninterrupted_graph(
    server: BoltServer, bolt_target: BoltTarget, tmp_path: Path
) -> None:
    write_corpus(generate(DOCUMENTS, seed=23), tmp_path / "corpus")
    corpus = tmp_path / "corpus" / "docs"

    # the uninterrupted load, into a fresh database of its own
    reference_target = server.create_database(f"{bolt_target.database}_reference")
    try:
        result = run(load_args(corpus, reference_target), reference_target)
        assert result.returncode == 0, result.stderr
        reference = exported(reference_target, tmp_path / "reference.json")
    finally:
        server.drop_database(reference_target.database)
    assert_no_duplicates(reference)

    code, out, err, elapsed, committed = load_until_server_killed(
        load_args(corpus, bolt_target), bolt_target, server
    )
    assert committed >= KILL_AFTER, f"the load ended before {KILL_AFTER} documents:\n{err}"
    assert code is not None, f"the load still ran {FAIL_WITHIN:.0f} s after the server died:\n{err}"
    assert code != 0, f"the load succeeded although the server died:\n{err}"
    errors = [line for line in err.splitlines() if line.startswith("error: ")]
    assert len(errors) == 1, f"expected one error line on stderr:\n{err}"
    assert "Traceback" not in err and "Traceback" not in out
    assert server.password not in err and server.password not in out
    assert bolt_target.uri in errors[0] and "docker compose up -d" in errors[0]
    # it says what was stored and what to do about the rest
    assert "were stored before the failure" in errors[0] and "run the same command again" in errors[0]
    # what follows the error line is nothing but the progress lines printed before it
    assert err.rstrip("\n").endswith(errors[0]), err
    print(f"\nfailed load after {committed} documents, {elapsed:.1f} s after the kill: {errors[0]}")

    server.start()  # same ports, same data directory
    result = run(load_args(corpus, bolt_target), bolt_target)
    assert result.returncode == 0, result.stderr
    assert server.password not in result.stdout + result.stderr
    assert "unchanged" in result.stdout
    got = exported(bolt_target, tmp_path / "resumed.json")
    assert_no_duplicates(got)

    reference, got = normalised(reference), normalised(got)
    lost = len({n["id"] for n in reference["nodes"]} - {n["id"] for n in got["nodes"]}) + max(
        0, len(reference["edges"]) - len(got["edges"])
    )
    record_reliability(faults_survived=1 if got == reference else 0, rows_lost=lost)
    assert got["nodes"] == reference["nodes"]
    assert got["edges"] == reference["edges"]
    assert got == reference
