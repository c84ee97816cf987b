"""Turn a batch of extractions into the parameter rows both stores write with `UNWIND $rows`.

Entities of the batch are merged by key (aliases unioned, first name kept);
relations are grouped per (type, source label, target label) so each Cypher
statement can match its endpoints by label and primary key; one edge per
(source, type, target, document) keeps all of that document's evidence as a
JSON string (neither store keeps lists of maps as a property).
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Sequence

from graph.model import ENTITY_TYPES, Extraction
from graph.store import check_identifier


class BatchRows:
    """Parameter rows for one batch of extractions, grouped by label and relation type."""

    def __init__(self) -> None:
        self.documents: list[dict] = []
        self.entities: dict[str, list[dict]] = {}
        self.mentions: dict[str, list[dict]] = defaultdict(list)
        self.edges: dict[tuple[str, str, str], list[dict]] = defaultdict(list)

    def relation_types(self) -> set[str]:
        return {t for t, _, _ in self.edges}

    @classmethod
    def build(cls, extractions: Sequence[Extraction]) -> BatchRows:
        batch = cls()
        merged: dict[str, dict] = {}
        labels: dict[str, str] = {}
        for ex in extractions:
            doc = ex.document
            batch.documents.append(
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
            seen_here: dict[str, list[str]] = {}
            for ent in ex.entities:
                check_identifier(ent.type)
                if ent.type not in ENTITY_TYPES:
                    raise ValueError(f"unknown entity type {ent.type!r} for {ent.key!r}")
                labels.setdefault(ent.key, ent.type)
                row = merged.setdefault(
                    ent.key, {"key": ent.key, "name": ent.name, "aliases": [], "label": ent.type}
                )
                for alias in ent.aliases or [ent.name]:
                    if alias not in row["aliases"]:
                        row["aliases"].append(alias)
                used = seen_here.setdefault(ent.key, [])
                used.extend(a for a in ent.aliases if a not in used)
            for key, aliases in seen_here.items():
                batch.mentions[labels[key]].append({"doc": doc.id, "key": key, "aliases": aliases})
            grouped: dict[tuple[str, str, str], dict] = {}
            for rel in ex.relations:
                check_identifier(rel.type)
                if rel.type == "MENTIONS":
                    raise ValueError("MENTIONS is reserved for document mentions, not a relation type")
                if rel.source not in seen_here or rel.target not in seen_here:
                    raise ValueError(f"relation {rel.type} refers to an entity not in document {doc.id}")
                row = grouped.setdefault(
                    (rel.source, rel.type, rel.target),
                    {
                        "source": rel.source,
                        "target": rel.target,
                        "doc": doc.id,
                        "evidence": [],
                        "disputed": False,
                        "reported_by": rel.reported_by,
                        "confidence": 0.0,
                        "date": doc.date,
                    },
                )
                row["evidence"].extend(e.as_dict() for e in rel.evidence)
                row["disputed"] = row["disputed"] or rel.disputed
                row["confidence"] = max(row["confidence"], rel.confidence)
            for (src, rel_type, dst), row in grouped.items():
                row["sentences"] = list(dict.fromkeys(e["sentence"] for e in row["evidence"]))
                row["evidence"] = json.dumps(row["evidence"], ensure_ascii=False, sort_keys=True)
                batch.edges[(rel_type, labels[src], labels[dst])].append(row)
        by_label: dict[str, list[dict]] = defaultdict(list)
        for row in merged.values():
            by_label[row.pop("label")].append(row)
        batch.entities = dict(by_label)
        return batch
