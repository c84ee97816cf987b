"""Extraction mapped with Dask (bench/distributed.py) builds the same graph as a plain `ergraph load`.

A dask.distributed `LocalCluster` with two worker processes extracts ~120
synthetic articles plus the seeds; the driver writes them in document order.
The `ergraph export` JSON of that store must equal the export of a store
loaded by `ergraph load` from the same folder (evidence lists compared
order-normalised). A second check uses dask's local process scheduler, the
no-cluster way to use the same code.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bench.corpus import generate, write_corpus
from graph.cli import app

pytest.importorskip("dask.bag", reason="dask is not installed (pip install 'dask[bag,distributed]')")

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
runner = CliRunner()


@pytest.fixture(scope="module")
def corpus_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("corpus")
    write_corpus(generate(120, seed=5), out)
    for seed in SEEDS.glob("*.txt"):
        shutil.copy(seed, out / "docs" / seed.name)
    return out / "docs"


def export(store: Path, out: Path) -> dict:
    result = runner.invoke(app, ["export", "-o", str(out), "--store", str(store)])
    assert result.exit_code == 0, result.output
    graph = json.loads(out.read_text(encoding="utf-8"))
    for edge in graph["edges"]:
        edge["evidence"] = sorted(edge["evidence"], key=lambda e: json.dumps(e, sort_keys=True))
    return graph


@pytest.fixture(scope="module")
def plain_export(corpus_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> dict:
    work = tmp_path_factory.mktemp("plain")
    result = runner.invoke(
        app,
        [
            "load",
            str(corpus_dir),
            "--store",
            str(work / "store"),
            "--workers",
            "1",
            "--resolutions",
            str(work / "none.yaml"),
        ],
    )
    assert result.exit_code == 0, result.output
    graph = export(work / "store", work / "export.json")
    assert len(graph["nodes"]) > 50 and len(graph["edges"]) > 50
    return graph


def dask_export(corpus_dir: Path, work: Path, scheduler: object) -> dict:
    from bench.distributed import load_with_dask
    from graph.embedded_store import EmbeddedStore

    with EmbeddedStore(work / "store") as store:
        summary = load_with_dask(
            store, [corpus_dir], chunk_size=50, batch_size=30, partition_size=8, scheduler=scheduler
        )
    assert summary.skipped == []
    assert summary.documents == 120 + len(list(SEEDS.glob("*.txt")))
    return export(work / "store", work / "export.json")


@pytest.mark.slow
def test_dask_local_cluster_builds_the_plain_load_graph(
    corpus_dir: Path, plain_export: dict, tmp_path: Path
) -> None:
    distributed = pytest.importorskip(
        "dask.distributed", reason="dask.distributed is not installed (pip install 'dask[distributed]')"
    )
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster),
    ):
        graph = dask_export(corpus_dir, tmp_path, scheduler=None)  # None: the Client is the scheduler
    assert graph == plain_export


@pytest.mark.slow
def test_dask_process_scheduler_builds_the_plain_load_graph(
    corpus_dir: Path, plain_export: dict, tmp_path: Path
) -> None:
    assert dask_export(corpus_dir, tmp_path, scheduler="processes") == plain_export
