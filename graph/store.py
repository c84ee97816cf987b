"""The store contract every backend implements, and `open_store` that picks one.

`ERGRAPH_STORE` / `--store` selects the backend: a `bolt://`, `bolt+s://`,
`neo4j://` or `neo4j+s://` URI means Neo4j (credentials from `NEO4J_USERNAME`,
`NEO4J_PASSWORD`, `NEO4J_DATABASE`), anything else is a directory for the
embedded LadybugDB store.

The graph model is the same in both: entity nodes labelled Person,
Organization, Country or Technology keyed by `key`; `Document` nodes keyed by
`id` with the content hash of what was loaded; `MENTIONS` edges from a document
to every entity it names; and one relation edge per (source, type, target,
document) carrying that document's evidence. Keeping evidence per document makes
loads idempotent (a document's rows are replaced as a unit) and lets queries
aggregate across documents.
"""

from __future__ import annotations

import json
import os
import re
from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Self

from graph.model import Extraction

BOLT_SCHEMES = ("bolt://", "bolt+s://", "bolt+ssc://", "neo4j://", "neo4j+s://", "neo4j+ssc://")
DEFAULT_STORE = ".ergraph/store"
IDENTIFIER = re.compile(r"^[A-Z][A-Za-z0-9_]*$")


class StoreError(Exception):
    """A store problem the user can act on; the message says what to do. `exit_code` for the CLI."""

    exit_code = 1


class StoreUnavailable(StoreError):
    """The store cannot be reached or opened (server down, directory locked, wrong version)."""

    exit_code = 3


class QueryError(StoreError):
    """The database rejected a query (syntax, unknown label, ...); message is the database's."""

    exit_code = 2


class WriteRefused(StoreError):
    """A write clause was sent through a read-only query."""

    exit_code = 2


class BulkImportRefused(StoreError):
    """A bulk import was asked of a store that already holds documents (it is for a first load)."""


@dataclass(slots=True)
class QueryResult:
    """Column names and a stream of rows (each a list aligned with `columns`)."""

    columns: list[str]
    rows: Iterator[list[Any]]


@dataclass(slots=True)
class StoredEdge:
    """One relation edge as stored: one per (source, type, target, document)."""

    source: str
    target: str
    type: str
    doc: str
    evidence: list[dict] = field(default_factory=list)
    disputed: bool = False
    reported_by: str = ""
    confidence: float = 0.0
    date: str = ""

    @classmethod
    def from_row(
        cls,
        source: str,
        target: str,
        rel_type: str,
        doc: str | None,
        evidence: str | None,
        disputed: bool | None,
        reported_by: str | None,
        confidence: float | None,
        date: str | None,
    ) -> StoredEdge:
        """An edge from the columns both stores return (evidence is stored as a JSON string)."""
        return cls(
            source=source,
            target=target,
            type=rel_type,
            doc=doc or "",
            evidence=json.loads(evidence or "[]"),
            disputed=bool(disputed),
            reported_by=reported_by or "",
            confidence=confidence or 0.0,
            date=date or "",
        )


@dataclass(slots=True)
class StoredEntity:
    key: str
    name: str
    type: str
    aliases: list[str] = field(default_factory=list)
    docs: list[str] = field(default_factory=list)


@dataclass(slots=True)
class StoredDocument:
    id: str
    hash: str
    title: str = ""
    date: str = ""
    source: str = ""
    url: str = ""
    lang: str = ""
    path: str = ""


def check_identifier(name: str) -> str:
    """Labels and relation types are spliced into Cypher, so they must be plain identifiers."""
    if not IDENTIFIER.match(name):
        raise ValueError(f"not a valid label or relationship type: {name!r}")
    return name


class BulkImport(ABC):
    """A first load into an empty store that gives up per-batch transactions for speed.

    `write` takes batches as `Store.write` does (a batch that fails validation
    stages nothing), but nothing reaches the database until `commit`, which
    imports everything at once, all or nothing; `abort` drops what was staged.
    """

    @abstractmethod
    def write(self, extractions: Sequence[Extraction]) -> None: ...

    @abstractmethod
    def commit(self) -> None: ...

    @abstractmethod
    def abort(self) -> None: ...


class Store(ABC):
    """What load, query, viz and export need from a graph database."""

    dialect: str  # "ladybug" or "neo4j": which variant of a named query to run
    location: str  # path or URI, for messages (never includes a password)
    # what opening the store repaired or cleared, for the command to tell the user
    notes: tuple[str, ...] = ()

    @abstractmethod
    def document_hashes(self, ids: Sequence[str]) -> dict[str, str]:
        """Content hash of each already-loaded document among `ids`."""

    @abstractmethod
    def write(self, extractions: Sequence[Extraction]) -> None:
        """Write documents atomically: all rows of the batch or none.

        A document already stored is replaced (its relation edges and mentions
        are deleted and written again); entities are merged by key and gain
        aliases. The `Document` node with its hash is written in the same
        transaction, so a document is recorded only when all its rows are.
        """

    def bulk_import(self) -> BulkImport | None:
        """A bulk import into this empty store, or None when the store has none (then `write`
        batches are the fast path, as on Neo4j). Raises BulkImportRefused when the store
        already holds documents."""
        return None

    @abstractmethod
    def query(
        self,
        cypher: str,
        params: dict[str, Any] | None = None,
        *,
        write: bool = False,
        timeout: float | None = None,
    ) -> QueryResult:
        """Run user Cypher with parameters. Read-only unless `write`."""

    @abstractmethod
    def entities(self) -> Iterable[StoredEntity]:
        """Every entity node with its aliases and the documents mentioning it."""

    @abstractmethod
    def edges(self) -> Iterable[StoredEdge]:
        """Every relation edge (not MENTIONS)."""

    @abstractmethod
    def documents(self) -> Iterable[StoredDocument]:
        """Every loaded document."""

    @abstractmethod
    def reset(self) -> None:
        """Delete everything ergraph stored."""

    @abstractmethod
    def close(self) -> None: ...

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def store_spec(spec: str | None) -> str:
    """The store named by the option, else `ERGRAPH_STORE`, else the default directory."""
    return spec or os.environ.get("ERGRAPH_STORE") or DEFAULT_STORE


def is_bolt(spec: str) -> bool:
    return spec.startswith(BOLT_SCHEMES)


def open_store(spec: str | None = None, *, read_only: bool = False) -> Store:
    """Open the store `spec` names (see module docstring)."""
    spec = store_spec(spec)
    if is_bolt(spec):
        from graph.neo4j_store import Neo4jStore

        return Neo4jStore.from_env(spec)
    from graph.embedded_store import EmbeddedStore

    return EmbeddedStore(Path(spec), read_only=read_only)
