"""`ergraph load --workers 1` and `--workers 2` build the same graph: one writer, document order.

About 200 synthetic articles (bench/corpus.py, Indonesian and English) and the
seed articles are loaded into two fresh embedded stores with small batches, so
the worker pool handles several batches; the `ergraph export` JSON of the two
stores must be identical, byte for byte.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bench.corpus import generate, write_corpus
from graph.cli import app

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
runner = CliRunner()


@pytest.fixture(scope="module")
def corpus_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("corpus")
    write_corpus(generate(200, seed=3), out)
    for seed in SEEDS.glob("*.txt"):
        shutil.copy(seed, out / "docs" / seed.name)
    return out / "docs"


def load_and_export(corpus: Path, work: Path, workers: int) -> str:
    store, out = work / f"store-w{workers}", work / f"export-w{workers}.json"
    result = runner.invoke(
        app,
        [
            "load",
            str(corpus),
            "--store",
            str(store),
            "--workers",
            str(workers),
            "--batch-size",
            "40",
            "--resolutions",
            str(work / "none.yaml"),
        ],
    )
    assert result.exit_code == 0, result.output
    assert "0 skipped" in result.output, result.output
    result = runner.invoke(app, ["export", "-o", str(out), "--store", str(store)])
    assert result.exit_code == 0, result.output
    return out.read_text(encoding="utf-8")


@pytest.mark.slow
def test_one_and_two_workers_export_the_same_graph(corpus_dir: Path, tmp_path: Path) -> None:
    one = load_and_export(corpus_dir, tmp_path, 1)
    two = load_and_export(corpus_dir, tmp_path, 2)
    assert '"edges"' in one and len(one) > 10_000  # a real graph, not two empty ones
    assert one == two
