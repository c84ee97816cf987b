"""Interrupted loads resume to exactly the graph of an uninterrupted one; one writer at a time.

Real processes, real SIGKILLs, the real embedded store. The tally of kills
survived and rows lost is written to `.pytest_cache/reliability.json` and
printed at the end of `make test` (see tests/conftest.py).
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bench.corpus import generate, write_corpus

ROOT = Path(__file__).resolve().parent.parent
REPORT = ROOT / ".pytest_cache" / "reliability.json"


def record(**counts: int) -> None:
    REPORT.parent.mkdir(exist_ok=True)
    data = json.loads(REPORT.read_text()) if REPORT.exists() else {}
    for k, v in counts.items():
        data[k] = data.get(k, 0) + v
    REPORT.write_text(json.dumps(data))


def ergraph(*args: str) -> list[str]:
    return [sys.executable, "-m", "graph.cli", *args]


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(ergraph(*args), capture_output=True, text=True, cwd=ROOT, timeout=600)


def graph_of(store: Path, tmp: Path) -> dict:
    out = tmp / f"export-{time.monotonic_ns()}.json"
    result = run("export", "-o", str(out), "--store", str(store))
    assert result.returncode == 0, result.stderr
    data = json.loads(out.read_text(encoding="utf-8"))
    # compare content, not order of evidence within an edge
    for e in data["edges"]:
        e["evidence"].sort(key=lambda ev: (ev["doc"], ev["start"], ev["sentence"]))
        e["docs"].sort()
    data["edges"].sort(key=lambda e: (e["source"], e["type"], e["target"]))
    data["nodes"].sort(key=lambda n: n["id"])
    for n in data["nodes"]:
        n["aliases"].sort()
    return data


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("corpus")
    write_corpus(generate(500, seed=11), out)
    return out / "docs"


@pytest.fixture(scope="module")
def reference(corpus: Path, tmp_path_factory) -> dict:
    tmp = tmp_path_factory.mktemp("reference")
    result = run("load", str(corpus), "--store", str(tmp / "store"), "--batch-size", "25")
    assert result.returncode == 0, result.stderr
    return graph_of(tmp / "store", tmp)


def load_until_killed(corpus: Path, store: Path, after_docs: int, delay: float) -> bool:
    """Start a load and SIGKILL it `delay` s after it reports `after_docs` committed; True if killed.

    Kill points follow the load's own progress lines, not the clock, so a fast
    machine cannot finish the load before the test gets to kill it.
    """
    proc = subprocess.Popen(
        ergraph("load", str(corpus), "--store", str(store), "--batch-size", "25", "--workers", "2"),
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert proc.stderr is not None
    for line in proc.stderr:
        if line.startswith("loading: ") and int(line.split()[1]) >= after_docs:
            time.sleep(delay)
            break
    killed = proc.poll() is None
    if killed:
        os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    proc.stderr.close()
    return killed


def leftover_processes(store: Path, wait: float = 10.0) -> list[int]:
    """Processes still running on `store` (a killed load's extraction workers must not outlive it)."""
    import psutil

    deadline = time.monotonic() + wait
    while True:
        left = []
        for p in psutil.process_iter(["pid", "cmdline"]):
            try:
                if str(store) in " ".join(p.info["cmdline"] or []):
                    left.append(p.info["pid"])
            except psutil.Error:
                continue
        if not left or time.monotonic() > deadline:
            return left
        time.sleep(0.5)


@pytest.mark.slow
def test_killed_loads_resume_to_the_uninterrupted_graph(
    corpus: Path, reference: dict, tmp_path: Path
) -> None:
    rng = random.Random(5)
    store = tmp_path / "store"
    documents = len(list(corpus.iterdir()))
    # five different points, each further into the corpus than the last
    points = sorted(rng.sample(range(25, documents - 50, 25), 5))
    kills = sum(load_until_killed(corpus, store, at, rng.uniform(0.0, 0.3)) for at in points)
    assert leftover_processes(store) == [], "a killed load left extraction workers running"
    result = run("load", str(corpus), "--store", str(store), "--batch-size", "25")
    assert result.returncode == 0, result.stderr
    got = graph_of(store, tmp_path)
    lost = len({n["id"] for n in reference["nodes"]} - {n["id"] for n in got["nodes"]}) + max(
        0, len(reference["edges"]) - len(got["edges"])
    )
    record(kills_survived=kills if got == reference else 0, rows_lost=lost)
    assert kills >= 5, f"only {kills} of 5 loads were still running at their kill point"
    assert got == reference


def test_second_writer_is_refused_with_a_clear_message_and_readers_still_work(
    corpus: Path, tmp_path: Path
) -> None:
    store = tmp_path / "store"
    assert run("load", str(corpus / "id_000000.txt"), "--store", str(store)).returncode == 0
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time; from graph.embedded_store import EmbeddedStore;"
            "from pathlib import Path; s = EmbeddedStore(Path(sys.argv[1])); print('open', flush=True);"
            "time.sleep(60)",
            str(store),
        ],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "open"
        second = run("load", str(corpus / "en_000001.txt"), "--store", str(store))
        assert second.returncode == 3
        assert "in use by another ergraph process" in second.stderr
        reader = run("stats", "--store", str(store))
        assert reader.returncode == 0, reader.stderr
        assert "documents" in reader.stdout
    finally:
        holder.kill()
        holder.wait()


WRITE_THEN_DIE = """
import os, sys
from pathlib import Path
from graph.embedded_store import EmbeddedStore
from graph.load import LoadOptions, load_paths
store = EmbeddedStore(Path(sys.argv[1]))
load_paths(store, [Path(sys.argv[2])], LoadOptions(batch_size=10, workers=1))
os._exit(0)  # no close, no checkpoint: the batches stay in the write-ahead log
"""


def test_a_load_killed_mid_commit_keeps_the_committed_batches_and_resumes(
    corpus: Path, tmp_path: Path
) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    for path in sorted(corpus.iterdir())[:60]:
        (docs / path.name).write_bytes(path.read_bytes())
    assert run("load", str(docs), "--store", str(tmp_path / "whole")).returncode == 0
    store = tmp_path / "store"
    died = subprocess.run(
        [sys.executable, "-c", WRITE_THEN_DIE, str(store), str(docs)], cwd=ROOT, capture_output=True
    )
    assert died.returncode == 0, died.stderr
    wal = store / "graph.lbug.wal"
    # the last commit's tail never reached the file, as when the load is killed while writing it
    os.truncate(wal, wal.stat().st_size - 37)

    reader = run(
        "query", "MATCH (d:Document) RETURN count(d) AS n", "--format", "json", "--store", str(store)
    )
    assert reader.returncode == 0, reader.stderr
    kept = json.loads(reader.stdout)[0]["n"]
    assert 50 <= kept < 60, f"{kept} documents kept: the five committed batches of ten, not the torn one"

    resumed = run("load", str(docs), "--store", str(store))
    assert resumed.returncode == 0, resumed.stderr
    assert "dropped the half-written last one of an interrupted load" in resumed.stderr
    assert graph_of(store, tmp_path) == graph_of(tmp_path / "whole", tmp_path)
