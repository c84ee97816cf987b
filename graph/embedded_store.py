"""EmbeddedStore: the default store, an on-disk LadybugDB (Kùzu fork) database.

The store is a directory holding `graph.lbug`. LadybugDB has one label per
node table, so entities live in four node tables (Person, Organization,
Country, Technology) and every relation type is a relationship table declared
between all pairs of them; tables for new relation types are created on first
use. Writes of a batch run in one transaction. Read commands open the database
read-only, so a query cannot change it; LadybugDB itself allows one writing
process at a time and we turn its lock error into a clear message.
"""

from __future__ import annotations

import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import ladybug

from graph.batch_rows import BatchRows
from graph.dialect import find_write_clause
from graph.model import ENTITY_TYPES, Extraction
from graph.store import (
    QueryError,
    QueryResult,
    Store,
    StoredDocument,
    StoredEdge,
    StoredEntity,
    StoreUnavailable,
    WriteRefused,
    check_identifier,
)

DB_FILE = "graph.lbug"
# LadybugDB checkpoints its write-ahead log whenever it passes a small default size, and each
# checkpoint costs more as the store grows, making big loads quadratic (measured: COMMIT went from
# 3.3 s to 45.7 s per 2k documents between 2k and 10k stored). Its buffer pool defaults to 80% of
# RAM. Measured on 100k synthetic articles (docs/scaling.md): 1 GiB threshold, default pool: 23 min,
# peak RSS 3.9 GB; 256 MiB threshold, 1 GiB pool: 21 min, peak RSS 1.7 GB.
CHECKPOINT_BYTES = 256 << 20
BUFFER_POOL_BYTES = 1 << 30
DOCUMENT_PROPS = (
    "id: r.id, hash: r.hash, title: r.title, date: r.date, source: r.source, url: r.url, lang: r.lang,"
    " path: r.path"
)
ENTITY_COLUMNS = "key STRING PRIMARY KEY, name STRING, aliases STRING[]"
DOCUMENT_COLUMNS = (
    "id STRING PRIMARY KEY, hash STRING, title STRING, date STRING, source STRING, url STRING,"
    " lang STRING, path STRING"
)
EDGE_COLUMNS = (
    "doc STRING, evidence STRING, sentences STRING[], disputed BOOLEAN, reported_by STRING,"
    " confidence DOUBLE, date STRING"
)
ALL_PAIRS = ", ".join(f"FROM {a} TO {b}" for a in ENTITY_TYPES for b in ENTITY_TYPES)
BUILTIN_TABLES = {*ENTITY_TYPES, "Document", "MENTIONS"}


def _rows(result: Any) -> Iterator[list[Any]]:
    while result.has_next():
        yield result.get_next()


class EmbeddedStore(Store):
    dialect = "ladybug"

    def __init__(self, directory: Path, *, read_only: bool = False) -> None:
        self.location = str(directory)
        self.read_only = read_only
        db_path = directory / DB_FILE
        if directory.exists() and not directory.is_dir():
            raise StoreUnavailable(
                f"store {directory} is a file, not a store directory; pick another --store"
            )
        if read_only and not db_path.exists():
            raise StoreUnavailable(
                f"no graph at {directory}: load documents first (ergraph load seeds/) or pass --store"
            )
        try:
            directory.mkdir(parents=True, exist_ok=True)
            self._db = self._open_database(db_path, read_only)
            self._conn = ladybug.Connection(self._db)
        except RuntimeError as exc:
            raise StoreUnavailable(self._open_error(directory, str(exc))) from None
        except OSError as exc:
            raise StoreUnavailable(f"cannot open store {directory}: {exc.strerror or exc}") from None
        self._tables: set[str] | None = None
        if not read_only:
            self._ensure_schema()

    @staticmethod
    def _open_database(db_path: Path, read_only: bool) -> ladybug.Database:
        """Open the database; a reader that meets a write-ahead log mid-write (a load is
        committing right now) tries again a few times before giving up."""
        for attempt in range(5):
            try:
                return ladybug.Database(
                    str(db_path),
                    read_only=read_only,
                    checkpoint_threshold=CHECKPOINT_BYTES,
                    buffer_pool_size=BUFFER_POOL_BYTES,
                )
            except RuntimeError as exc:
                busy = any(w in str(exc).lower() for w in ("wal", "checkpoint"))
                if not (read_only and busy) or attempt == 4:
                    raise
                time.sleep(0.2 * (attempt + 1))
        raise AssertionError("unreachable")

    @staticmethod
    def _open_error(directory: Path, message: str) -> str:
        low = message.lower()
        if "wal" in low or "checkpoint" in low:
            return (
                f"store {directory} is being written right now (its write-ahead log is mid-commit): "
                f"try again in a moment ({message})"
            )
        if "lock" in low:
            return (
                f"store {directory} is in use by another ergraph process (a load?); "
                "wait for it to finish or use another --store"
            )
        if "version" in low or "storage" in low or "magic" in low or "corrupt" in low:
            return (
                f"store {directory} was written by an incompatible LadybugDB version or is damaged: {message}"
            )
        return f"cannot open store {directory}: {message}"

    # -- schema ---------------------------------------------------------------------------------

    def _table_names(self) -> set[str]:
        if self._tables is None:
            result = self._conn.execute("CALL show_tables() RETURN name")
            self._tables = {row[0] for row in _rows(result)}
        return self._tables

    def _ensure_schema(self) -> None:
        have = self._table_names()
        for label in ENTITY_TYPES:
            if label not in have:
                self._conn.execute(f"CREATE NODE TABLE {label}({ENTITY_COLUMNS})")
        if "Document" not in have:
            self._conn.execute(f"CREATE NODE TABLE Document({DOCUMENT_COLUMNS})")
        if "MENTIONS" not in have:
            pairs = ", ".join(f"FROM Document TO {t}" for t in ENTITY_TYPES)
            self._conn.execute(f"CREATE REL TABLE MENTIONS({pairs}, aliases STRING[])")
        self._tables = None

    def _ensure_relation_table(self, rel_type: str) -> None:
        if rel_type not in self._table_names():
            check_identifier(rel_type)
            self._conn.execute(f"CREATE REL TABLE {rel_type}({ALL_PAIRS}, {EDGE_COLUMNS})")
            self._tables = None

    def relation_types(self) -> list[str]:
        return sorted(self._table_names() - BUILTIN_TABLES)

    # -- writing --------------------------------------------------------------------------------

    def document_hashes(self, ids: Sequence[str]) -> dict[str, str]:
        if not ids:
            return {}
        result = self._conn.execute(
            "UNWIND $ids AS i MATCH (d:Document {id: i}) RETURN d.id, d.hash", {"ids": list(ids)}
        )
        return {row[0]: row[1] for row in _rows(result)}

    def write(self, extractions: Sequence[Extraction]) -> None:
        extractions = list({e.document.id: e for e in extractions}.values())  # one id twice: last wins
        if not extractions:
            return
        rows = BatchRows.build(extractions)
        for rel_type in rows.relation_types():
            self._ensure_relation_table(rel_type)
        replaced = set(self.document_hashes([e.document.id for e in extractions]))
        conn = self._conn
        conn.execute("BEGIN TRANSACTION")
        try:
            touched = self._delete_document_rows(sorted(replaced)) if replaced else set()
            # MERGE scans the whole node table in LadybugDB, so look keys up by primary key and
            # CREATE what is new, SET what changed (docs/scaling.md has the measurements).
            fresh_docs = [d for d in rows.documents if d["id"] not in replaced]
            if fresh_docs:
                conn.execute(
                    f"UNWIND $rows AS r CREATE (d:Document {{{DOCUMENT_PROPS}}})", {"rows": fresh_docs}
                )
            if replaced:
                conn.execute(
                    "UNWIND $rows AS r MATCH (d:Document {id: r.id}) SET d.hash = r.hash, d.title = r.title,"
                    " d.date = r.date, d.source = r.source, d.url = r.url, d.lang = r.lang, d.path = r.path",
                    {"rows": [d for d in rows.documents if d["id"] in replaced]},
                )
            for label, entity_rows in rows.entities.items():
                self._upsert_entities(label, entity_rows)
            for label, mention_rows in rows.mentions.items():
                conn.execute(
                    f"UNWIND $rows AS r MATCH (d:Document {{id: r.doc}}) MATCH (e:{label} {{key: r.key}})"
                    " CREATE (d)-[:MENTIONS {aliases: r.aliases}]->(e)",
                    {"rows": mention_rows},
                )
            for (rel_type, src, dst), edge_rows in rows.edges.items():
                conn.execute(
                    f"UNWIND $rows AS r MATCH (a:{src} {{key: r.source}}) MATCH (b:{dst} {{key: r.target}})"
                    f" CREATE (a)-[:{rel_type} {{doc: r.doc, evidence: r.evidence, sentences: r.sentences,"
                    " disputed: r.disputed, reported_by: r.reported_by, confidence: r.confidence,"
                    " date: r.date}]->(b)",
                    {"rows": edge_rows},
                )
            if touched:
                self._tidy_entities(touched)
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise

    def _upsert_entities(self, label: str, entity_rows: list[dict]) -> None:
        """Create new entities; add unseen aliases to known ones (a primary-key lookup, not MERGE)."""
        known = {
            key: aliases or []
            for key, aliases in self._all(
                f"UNWIND $keys AS k MATCH (e:{label} {{key: k}}) RETURN e.key, e.aliases",
                {"keys": [r["key"] for r in entity_rows]},
            )
        }
        new = [r for r in entity_rows if r["key"] not in known]
        grown = [
            {
                "key": r["key"],
                "aliases": known[r["key"]] + [a for a in r["aliases"] if a not in known[r["key"]]],
            }
            for r in entity_rows
            if r["key"] in known and not set(r["aliases"]) <= set(known[r["key"]])
        ]
        if new:
            self._conn.execute(
                f"UNWIND $rows AS r CREATE (e:{label} {{key: r.key, name: r.name, aliases: r.aliases}})",
                {"rows": new},
            )
        if grown:
            self._conn.execute(
                f"UNWIND $rows AS r MATCH (e:{label} {{key: r.key}}) SET e.aliases = r.aliases",
                {"rows": grown},
            )

    def _delete_document_rows(self, doc_ids: list[str]) -> set[tuple[str, str]]:
        """Delete what these documents contributed; returns the (label, key) of entities they mentioned."""
        touched = {
            (row[0], row[1])
            for row in self._all(
                "UNWIND $ids AS i MATCH (d:Document {id: i})-[:MENTIONS]->(e)"
                " RETURN DISTINCT label(e), e.key",
                {"ids": doc_ids},
            )
        }
        self._conn.execute(
            "UNWIND $ids AS i MATCH (d:Document {id: i})-[m:MENTIONS]->() DELETE m", {"ids": doc_ids}
        )
        for rel_type in self.relation_types():
            self._conn.execute(f"MATCH ()-[r:{rel_type}]->() WHERE r.doc IN $ids DELETE r", {"ids": doc_ids})
        return touched

    def _tidy_entities(self, touched: set[tuple[str, str]]) -> None:
        """After documents were replaced: aliases become those still used; unmentioned entities go."""
        by_label: dict[str, list[str]] = {}
        for label, key in touched:
            by_label.setdefault(label, []).append(key)
        for label, keys in by_label.items():
            aliases: dict[str, list[str]] = {k: [] for k in keys}
            for key, used in self._all(
                f"UNWIND $keys AS k MATCH (:Document)-[m:MENTIONS]->(e:{label} {{key: k}})"
                " RETURN e.key, m.aliases",
                {"keys": keys},
            ):
                aliases[key].extend(a for a in used or [] if a not in aliases[key])
            gone = [k for k, a in aliases.items() if not a]
            kept = [{"key": k, "aliases": a} for k, a in aliases.items() if a]
            if gone:
                self._conn.execute(
                    f"UNWIND $keys AS k MATCH (e:{label} {{key: k}}) DETACH DELETE e", {"keys": gone}
                )
            if kept:
                self._conn.execute(
                    f"UNWIND $rows AS r MATCH (e:{label} {{key: r.key}}) SET e.aliases = r.aliases",
                    {"rows": kept},
                )

    # -- reading --------------------------------------------------------------------------------

    def query(
        self,
        cypher: str,
        params: dict[str, Any] | None = None,
        *,
        write: bool = False,
        timeout: float | None = None,
    ) -> QueryResult:
        if write and self.read_only:
            raise WriteRefused("store was opened read-only; reopen it for writing")
        if not write and (clause := find_write_clause(cypher)):
            raise WriteRefused(f"{clause} changes the graph; queries are read-only unless you add --write")
        if timeout:
            self._conn.set_query_timeout(int(timeout * 1000))
        try:
            result = self._conn.execute(cypher, params or {})
        except RuntimeError as exc:
            message = str(exc)
            if "read-only" in message.lower() or "read only" in message.lower():
                raise WriteRefused(
                    "this query writes to the graph; queries are read-only unless you add --write"
                ) from None
            if "interrupted" in message.lower() or "timeout" in message.lower():
                raise QueryError(f"query timed out after {timeout} s: {message}") from None
            raise QueryError(message) from None
        if isinstance(result, list):  # several statements: the last one answers
            result = result[-1]
        return QueryResult(columns=result.get_column_names(), rows=_rows(result))

    def _all(self, cypher: str, params: dict[str, Any] | None = None) -> list[list[Any]]:
        return list(_rows(self._conn.execute(cypher, params or {})))

    def entities(self) -> Iterator[StoredEntity]:
        for label in ENTITY_TYPES:
            for key, name, aliases, docs in self._all(
                f"MATCH (e:{label}) OPTIONAL MATCH (d:Document)-[:MENTIONS]->(e)"
                " RETURN e.key, e.name, e.aliases, collect(d.id) ORDER BY e.key"
            ):
                yield StoredEntity(
                    key=key, name=name, type=label, aliases=list(aliases or []), docs=sorted(docs)
                )

    def edges(self) -> Iterator[StoredEdge]:
        for rel_type in self.relation_types():
            for row in self._all(
                f"MATCH (a)-[r:{rel_type}]->(b) RETURN a.key, b.key, r.doc, r.evidence, r.disputed,"
                " r.reported_by, r.confidence, r.date ORDER BY a.key, b.key, r.doc"
            ):
                source, target, doc, *rest = row
                yield StoredEdge.from_row(source, target, rel_type, doc, *rest)

    def documents(self) -> Iterator[StoredDocument]:
        for row in self._all(
            "MATCH (d:Document) RETURN d.id, d.hash, d.title, d.date, d.source, d.url, d.lang, d.path"
            " ORDER BY d.id"
        ):
            yield StoredDocument(*[v or "" for v in row])

    def reset(self) -> None:
        for rel_type in [*self.relation_types(), "MENTIONS"]:
            self._conn.execute(f"DROP TABLE IF EXISTS {rel_type}")
        for label in [*ENTITY_TYPES, "Document"]:
            self._conn.execute(f"DROP TABLE IF EXISTS {label}")
        self._tables = None
        self._ensure_schema()

    def close(self) -> None:
        self._conn.close()
        self._db.close()
