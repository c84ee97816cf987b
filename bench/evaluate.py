"""Score extraction against gold: seeds, our annotated articles, the synthetic corpus, held-out sets.

Each set is loaded into a fresh embedded store through the normal pipeline,
exported, and scored with `../shared/eval/score.py` (the scorer reviewers use).

    python -m bench.evaluate            # prints one line per set and metric
"""

from __future__ import annotations

import contextlib
import importlib.util
import io
import json
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from graph.embedded_store import EmbeddedStore
from graph.export import export_json
from graph.load import LoadOptions, load_paths

ROOT = Path(__file__).resolve().parent.parent
SCORER = ROOT.parent / "shared" / "eval" / "score.py"


@dataclass(frozen=True, slots=True)
class GoldSet:
    name: str
    docs: Path
    gold: Path


def gold_sets(tmp: Path, synthetic_docs: int = 200) -> list[GoldSet]:
    from bench.corpus import generate, write_corpus

    write_corpus(generate(synthetic_docs, seed=3), tmp / "synthetic")
    return [
        GoldSet("seeds", ROOT / "seeds", ROOT.parent / "shared" / "eval" / "seeds_gold.json"),
        GoldSet(
            "unseen", ROOT / "tests" / "data" / "articles", ROOT / "tests" / "data" / "articles_gold.json"
        ),
        GoldSet("synthetic", tmp / "synthetic" / "docs", tmp / "synthetic" / "gold.json"),
        GoldSet("heldout-a", ROOT / "bench" / "heldout" / "a", ROOT / "bench" / "heldout" / "a_gold.json"),
        GoldSet("heldout-b", ROOT / "bench" / "heldout" / "b", ROOT / "bench" / "heldout" / "b_gold.json"),
    ]


def scorer():
    """The shared scorer module, or None when ../shared is not beside the repository."""
    if not SCORER.exists():
        return None
    spec = importlib.util.spec_from_file_location("ergraph_gold_scorer", SCORER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def score_set(gold_set: GoldSet, work: Path) -> dict:
    """Load the set's documents into a fresh store, export, and score; returns score.py's report."""
    module = scorer()
    if module is None:
        raise FileNotFoundError(
            f"{SCORER} not found: the gold scorer lives in ../shared beside the repository"
        )
    with EmbeddedStore(work / f"{gold_set.name}-store") as store:
        load_paths(store, [gold_set.docs], LoadOptions(workers=1))
        graph_file = work / f"{gold_set.name}.json"
        graph_file.write_text(export_json(store), encoding="utf-8")
    with contextlib.redirect_stdout(io.StringIO()):
        return module.main([str(gold_set.gold), str(graph_file)])


def main() -> None:
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        for gold_set in gold_sets(Path(tmp)):
            results[gold_set.name] = report = score_set(gold_set, Path(tmp))
            for part in ("entities", "core", "extended"):
                r = report[part]
                print(
                    f"{gold_set.name:10s} {part:9s} P={r['precision']:.3f} R={r['recall']:.3f}"
                    f" F1={r['f1']:.3f}"
                    f"  (gold {r['gold']}, predicted {r['predicted']})"
                )
    if "--json" in sys.argv:
        print(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
