"""Helpers for the extraction tests: run the extractor on one text and name what it found."""

from __future__ import annotations

from graph.model import Entity, Relation, SourceDocument
from loaders.extract import Extractor


def extract_named(
    ex: Extractor, text: str, lang: str = ""
) -> tuple[dict[str, Entity], dict[tuple[str, str, str], Relation]]:
    """The entities by key, and the relations by (source name, type, target name)."""
    out = ex.extract(SourceDocument(id="t", text=text, lang=lang))
    ents = {e.key: e for e in out.entities}
    rels = {(ents[r.source].name, r.type, ents[r.target].name): r for r in out.relations}
    return ents, rels


def names(ents: dict[str, Entity], typ: str) -> set[str]:
    """The names of the entities of one type."""
    return {e.name for e in ents.values() if e.type == typ}
