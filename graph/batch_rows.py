"""Turn a batch of extractions into the parameter rows both stores write with `UNWIND $rows`.

Entities of the batch are merged by key (aliases unioned, first name kept);
relations are grouped per (type, source label, target label) so each Cypher
statement can match its endpoints by label and primary key; one edge per
(source, type, target, document) keeps all of that document's evidence as a
JSON string (neither store keeps lists of maps as a property).
"""

from __future__ import annotations

import json
import math
from collections import defaultdict
from collections.abc import Iterator, Sequence
from json.encoder import encode_basestring
from typing import NamedTuple

from graph.model import ENTITY_TYPES, Evidence, Extraction
from graph.store import check_identifier

# One encoder for every edge: json.dumps with options builds a new JSONEncoder per call.
_encode_json = json.JSONEncoder(ensure_ascii=False, sort_keys=True, check_circular=False).encode


def evidence_json(evidence: Sequence[Evidence]) -> str:
    """`_encode_json` of the evidence dicts, character for character, written out directly.

    Encoding was half of building a batch's rows: 300k edges took 1.5 s through the encoder, about a
    third of that like this. Values of other types than the model's (a confidence that is not a finite
    float, offsets that are not ints, text that is not a str) go through the encoder.
    """
    parts = []
    quote = encode_basestring
    try:
        for e in evidence:
            c, start, end = e.confidence, e.start, e.end
            if type(c) is not float or not math.isfinite(c) or type(start) is not int or type(end) is not int:
                raise TypeError
            parts.append(
                f'{{"confidence": {c!r}, "doc": {quote(e.doc)}, "end": {end}, "rule": {quote(e.rule)},'
                f' "sentence": {quote(e.sentence)}, "start": {start}, "trigger": {quote(e.trigger)}}}'
            )
    except TypeError:
        return _encode_json([e.as_dict() for e in evidence])
    return "[" + ", ".join(parts) + "]"


class BatchRows:
    """Parameter rows for one batch of extractions, grouped by label and relation type.

    `build` makes them in two passes: `add_nodes` (documents, and entities merged by key) and
    `add_relations` (mentions and edges, from `mention_groups` and `edge_groups`). The bulk import
    (graph/embedded_store.py) takes the groups as they are and writes CSV lines of them instead.
    """

    def __init__(self) -> None:
        self.documents: list[dict] = []
        self.entities: dict[str, list[dict]] = {}
        self.mentions: dict[str, list[dict]] = defaultdict(list)
        self.edges: dict[tuple[str, str, str], list[dict]] = defaultdict(list)
        self.labels: dict[str, str] = {}  # entity key -> label (the first type seen in the batch)
        self._checked: set[str] = set()  # entity and relation type names already checked
        self._used: list[dict[str, list[str]]] = []  # per document: entity key -> the aliases it used

    def relation_types(self) -> set[str]:
        return {t for t, _, _ in self.edges}

    @classmethod
    def build(cls, extractions: Sequence[Extraction]) -> BatchRows:
        # The writer's hot loop (one pass per relation). Measured on the 60k relations of the
        # 20k-entity store bench, garbage collection off: 0.80-0.98 s with json.dumps and
        # per-relation identifier checks, 0.64-0.73 s like this (one shared encoder, each name
        # checked once per batch). The rows are the same.
        batch = cls()
        batch.add_nodes(extractions)
        batch.add_relations(extractions)
        return batch

    def add_nodes(self, extractions: Sequence[Extraction]) -> None:
        """Document rows, and entity rows merged by key (first name kept, aliases unioned in order)."""
        merged: dict[str, dict] = {}
        labels, checked = self.labels, self._checked
        for ex in extractions:
            doc = ex.document
            self.documents.append(
                {
                    "id": doc.id,
                    "hash": doc.content_hash,
                    "title": doc.title,
                    "date": doc.date,
                    "source": doc.source,
                    "url": doc.url,
                    "lang": doc.lang,
                    "path": doc.path,
                }
            )
            used_here: dict[str, list[str]] = {}
            for ent in ex.entities:
                if ent.type not in checked:
                    check_identifier(ent.type)
                    if ent.type not in ENTITY_TYPES:
                        raise ValueError(f"unknown entity type {ent.type!r} for {ent.key!r}")
                    checked.add(ent.type)
                labels.setdefault(ent.key, ent.type)
                row = merged.get(ent.key)
                if row is None:
                    row = merged[ent.key] = {
                        "key": ent.key,
                        "name": ent.name,
                        "aliases": [],
                        "label": ent.type,
                    }
                known = row["aliases"]
                for alias in ent.aliases or [ent.name]:
                    if alias not in known:
                        known.append(alias)
                used = used_here.setdefault(ent.key, [])
                used.extend(a for a in ent.aliases if a not in used)
            self._used.append(used_here)
        by_label: dict[str, list[dict]] = defaultdict(list)
        for row in merged.values():
            by_label[row.pop("label")].append(row)
        self.entities = dict(by_label)

    def add_relations(self, extractions: Sequence[Extraction]) -> None:
        """Mention rows, and one edge row per (source, type, target) of each document; after add_nodes."""
        labels = self.labels
        for doc_id, key, aliases in self.mention_groups(extractions):
            self.mentions[labels[key]].append({"doc": doc_id, "key": key, "aliases": aliases})
        for group in self.edge_groups(extractions):
            row = edge_row(*group)
            self.edges[(group.type, labels[group.source], labels[group.target])].append(row)

    def mention_groups(self, extractions: Sequence[Extraction]) -> Iterator[tuple[str, str, list[str]]]:
        """(document, entity key, the aliases it used) for every entity of every document; after add_nodes."""
        for ex, used_here in zip(extractions, self._used, strict=True):
            for key, aliases in used_here.items():
                yield ex.document.id, key, aliases

    def edge_groups(self, extractions: Sequence[Extraction]) -> Iterator[EdgeGroup]:
        """Each document's relations folded per (source, type, target), checked; after add_nodes."""
        checked = self._checked
        for ex, used_here in zip(extractions, self._used, strict=True):
            doc = ex.document
            doc_id, doc_date = doc.id, doc.date
            grouped: dict[tuple[str, str, str], list] = {}  # [evidence, disputed, reported_by, confidence]
            for rel in ex.relations:
                rel_type = rel.type
                if rel_type not in checked:
                    check_identifier(rel_type)
                    if rel_type == "MENTIONS":
                        raise ValueError("MENTIONS is reserved for document mentions, not a relation type")
                    checked.add(rel_type)
                if rel.source not in used_here or rel.target not in used_here:
                    raise ValueError(f"relation {rel_type} refers to an entity not in document {doc_id}")
                triple = (rel.source, rel_type, rel.target)
                folded = grouped.get(triple)
                if folded is None:
                    folded = grouped[triple] = [[], False, rel.reported_by, 0.0]
                evidence = rel.evidence
                folded[0].extend(evidence)
                # rel.confidence, the evidence's best (max() of one item is that item: the common case)
                conf = evidence[0].confidence if len(evidence) == 1 else rel.confidence
                if conf > folded[3]:
                    folded[3] = conf
                if rel.disputed:
                    folded[1] = True
            for (src, rel_type, dst), (evidence, disputed, reported_by, confidence) in grouped.items():
                yield EdgeGroup(
                    src, rel_type, dst, doc_id, evidence, disputed, reported_by, confidence, doc_date
                )


class EdgeGroup(NamedTuple):
    """The relations of one document between one source and target with one type, folded."""

    source: str
    type: str
    target: str
    doc: str
    evidence: list[Evidence]
    disputed: bool
    reported_by: str
    confidence: float
    date: str


def edge_row(
    source: str,
    rel_type: str,
    target: str,
    doc: str,
    evidence: list[Evidence],
    disputed: bool,
    reported_by: str,
    confidence: float,
    date: str,
) -> dict:
    """The parameter row of one edge: its evidence as JSON and its distinct sentences."""
    return {
        "source": source,
        "target": target,
        "doc": doc,
        "evidence": evidence_json(evidence),
        "sentences": list(dict.fromkeys(e.sentence for e in evidence)),
        "disputed": disputed,
        "reported_by": reported_by,
        "confidence": confidence,
        "date": date,
    }
