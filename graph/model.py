"""The domain model: typed values passed between the stages of ergraph.

Data flows one way: a reader yields `SourceDocument`s, the extractor turns each
into an `Extraction` (entities found in that document and the relations between
them, each relation with the `Evidence` that states it), and a store writes
extractions and answers queries. Nothing here touches I/O.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

ENTITY_TYPES: tuple[str, ...] = ("Person", "Organization", "Country", "Technology")


@dataclass(frozen=True, slots=True)
class SourceDocument:
    """One article as read from disk, before extraction."""

    id: str
    text: str
    path: str = ""
    title: str = ""
    date: str = ""  # ISO 8601 date (YYYY-MM-DD) when known
    source: str = ""
    url: str = ""
    lang: str = ""

    @property
    def content_hash(self) -> str:
        """A stable hash of what extraction depends on (text and title)."""
        h = hashlib.sha256()
        h.update(self.title.encode("utf-8", "surrogatepass"))
        h.update(b"\x00")
        h.update(self.text.encode("utf-8", "surrogatepass"))
        return h.hexdigest()


@dataclass(frozen=True, slots=True)
class Evidence:
    """Where a relation is stated: the sentence and character offsets in the document."""

    doc: str
    sentence: str
    start: int  # offset of the sentence in the document text
    end: int
    trigger: str = ""
    rule: str = ""
    confidence: float = 1.0

    def as_dict(self) -> dict:
        return {
            "doc": self.doc,
            "sentence": self.sentence,
            "start": self.start,
            "end": self.end,
            "trigger": self.trigger,
            "rule": self.rule,
            "confidence": self.confidence,
        }


@dataclass(slots=True)
class Entity:
    """A resolved entity as seen in one document.

    `key` is the stable identity used to merge across documents (for example
    `Country:RU` or `Person:elon musk`); `aliases` are the surface forms this
    document used for it.
    """

    key: str
    name: str
    type: str
    aliases: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Relation:
    """A typed, directed relation between two entities of one document."""

    source: str  # entity key
    target: str  # entity key
    type: str  # CONTACTED, DENIED, INSTRUCTED, ... (from the ontology)
    evidence: list[Evidence] = field(default_factory=list)
    disputed: bool = False  # the claim was denied by someone in the same document
    reported_by: str = ""  # "menurut WSJ": the source of reported speech, when named

    @property
    def confidence(self) -> float:
        return max((e.confidence for e in self.evidence), default=0.0)


@dataclass(slots=True)
class Extraction:
    """Everything extraction found in one document."""

    document: SourceDocument
    entities: list[Entity] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class LoadSummary:
    """What a load did, for the CLI to report."""

    documents: int = 0
    unchanged: int = 0
    entities: int = 0
    relations: int = 0
    skipped: tuple[tuple[str, str], ...] = ()  # (file or document, reason)
