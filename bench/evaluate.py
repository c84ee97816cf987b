"""Score extraction against gold: seeds, our annotated articles, the synthetic corpus, held-out sets.

Each set is loaded into a fresh embedded store through the normal pipeline,
exported, and scored with `../shared/eval/score.py` (the scorer reviewers use).

    python -m bench.evaluate                    # prints one line per set and metric
    python -m bench.evaluate --explain seeds    # and what one set missed and got wrong
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
        GoldSet("heldout-c", ROOT / "bench" / "heldout" / "c", ROOT / "bench" / "heldout" / "c_gold.json"),
        GoldSet("heldout-d", ROOT / "bench" / "heldout" / "d", ROOT / "bench" / "heldout" / "d_gold.json"),
        GoldSet("heldout-e", ROOT / "bench" / "heldout" / "e", ROOT / "bench" / "heldout" / "e_gold.json"),
        GoldSet("heldout-f", ROOT / "bench" / "heldout" / "f", ROOT / "bench" / "heldout" / "f_gold.json"),
        GoldSet("heldout-g", ROOT / "bench" / "heldout" / "g", ROOT / "bench" / "heldout" / "g_gold.json"),
        GoldSet("heldout-h", ROOT / "bench" / "heldout" / "h", ROOT / "bench" / "heldout" / "h_gold.json"),
        GoldSet("heldout-i", ROOT / "bench" / "heldout" / "i", ROOT / "bench" / "heldout" / "i_gold.json"),
        GoldSet("heldout-j", ROOT / "bench" / "heldout" / "j", ROOT / "bench" / "heldout" / "j_gold.json"),
        GoldSet("heldout-k", ROOT / "bench" / "heldout" / "k", ROOT / "bench" / "heldout" / "k_gold.json"),
        GoldSet("heldout-l", ROOT / "bench" / "heldout" / "l", ROOT / "bench" / "heldout" / "l_gold.json"),
        GoldSet("heldout-m", ROOT / "bench" / "heldout" / "m", ROOT / "bench" / "heldout" / "m_gold.json"),
        GoldSet("heldout-n", ROOT / "bench" / "heldout" / "n", ROOT / "bench" / "heldout" / "n_gold.json"),
        GoldSet("heldout-o", ROOT / "bench" / "heldout" / "o", ROOT / "bench" / "heldout" / "o_gold.json"),
        GoldSet("heldout-p", ROOT / "bench" / "heldout" / "p", ROOT / "bench" / "heldout" / "p_gold.json"),
        GoldSet("heldout-q", ROOT / "bench" / "heldout" / "q", ROOT / "bench" / "heldout" / "q_gold.json"),
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


def explain(gold_path: Path, graph_file: Path) -> None:
    """Print the gold entities and relations an export misses and the edges gold does not have."""
    module = scorer()
    gold_entities, gold_relations = module.load_gold(str(gold_path))
    graph = json.loads(graph_file.read_text(encoding="utf-8"))
    index = {(t, f): name for name, (t, forms) in gold_entities.items() for f in forms}
    node_gold: dict[str, set[str]] = {}
    for n in graph["nodes"]:
        forms = {module.norm(x) for x in [n.get("name", ""), *n.get("aliases", [])] if x}
        node_gold[n["id"]] = {index[(n["type"], f)] for f in forms if (n["type"], f) in index}
        if not node_gold[n["id"]]:
            print(f"  extra entity   {n['type']:12s} {n['name']!r}  aliases={n['aliases']}")
    found = set().union(*node_gold.values())
    for name, (t, forms) in gold_entities.items():
        if name not in found:
            print(f"  missed entity  {t:12s} {name!r}  forms={sorted(forms)}")

    def sym(a: str, t: str, b: str) -> tuple[str, str, str]:
        return (min(a, b), t, max(a, b)) if t in module.SYMMETRIC else (a, t, b)

    gold_keys = {
        sym(r["source"], r["type"].upper(), o): r
        for r in gold_relations
        for o in [r["target"], *r.get("target_any", [])]
    }
    reached = set()
    for e in graph["edges"]:
        t = e["type"].upper()
        hits = {
            sym(a, t, b)
            for a in node_gold.get(e["source"], ())
            for b in node_gold.get(e["target"], ())
            if sym(a, t, b) in gold_keys
        }
        reached |= {id(gold_keys[h]) for h in hits}
        if not hits:
            names = {n["id"]: n["name"] for n in graph["nodes"]}
            print(
                f"  wrong edge     {names[e['source']]} -{t}-> {names[e['target']]}"
                f"  [{e['evidence'][0].get('rule', '')}] {e['evidence'][0]['sentence'][:150]!r}"
            )
    for r in gold_relations:
        if id(r) not in reached:
            core = "core" if r.get("core", True) else "ext "
            print(
                f"  missed {core}    {r['source']} -{r['type']}-> {r['target']}"
                f"  {str(r.get('evidence', ''))[:150]!r}"
            )


def main() -> None:
    explain_set = sys.argv[sys.argv.index("--explain") + 1] if "--explain" in sys.argv else None
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        for gold_set in gold_sets(Path(tmp)):
            if explain_set and gold_set.name != explain_set:
                continue
            results[gold_set.name] = report = score_set(gold_set, Path(tmp))
            if explain_set:
                explain(gold_set.gold, Path(tmp) / f"{gold_set.name}.json")
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
