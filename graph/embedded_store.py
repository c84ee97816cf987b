"""EmbeddedStore: the default store, an on-disk LadybugDB (Kùzu fork) database.

The store is a directory holding `graph.lbug`. LadybugDB has one label per
node table, so entities live in four node tables (Person, Organization,
Country, Technology) and every relation type is a relationship table declared
between all pairs of them; tables for new relation types are created on first
use. Writes of a batch run in one transaction, so a write that fails or is
killed leaves nothing behind: `UNWIND $rows` statements that look entities up by
primary key and CREATE, each row of a statement of 8 or more rows sent as one
packed string (`RowLayout`) rather than a map, which LadybugDB's Python binding
converts slowly. No garbage collection runs during a write. `COPY FROM` per
batch was 10 to 40 times slower than these statements and crashed the process
in some states (docs/scaling.md); it is used only by the bulk import
(`CopyImport`, `ergraph load --bulk`), once per table into an empty store, all
or nothing. Read commands open the database read-only, so a query cannot
change it; LadybugDB itself allows one writing process at a time and we turn
its lock error into a clear message.
"""

from __future__ import annotations

import gc
import math
import os
import shutil
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from operator import itemgetter
from pathlib import Path
from typing import Any

import ladybug

from graph.batch_rows import BatchRows, edge_row, evidence_json
from graph.dialect import LADYBUG_TABLES, find_write_clause
from graph.model import ENTITY_TYPES, Extraction
from graph.store import (
    BulkImport,
    BulkImportRefused,
    QueryError,
    QueryResult,
    Store,
    StoredDocument,
    StoredEdge,
    StoredEntity,
    StoreError,
    StoreUnavailable,
    WriteRefused,
    check_identifier,
)

DB_FILE = "graph.lbug"
# LadybugDB's message for a write-ahead log whose last commit was cut short.
TORN_WAL = "checksum verification failed"
# LadybugDB checkpoints its write-ahead log whenever it passes a small default size, and each
# checkpoint costs more as the store grows, making big loads quadratic (measured: COMMIT went from
# 3.3 s to 45.7 s per 2k documents between 2k and 10k stored). Its buffer pool defaults to 80% of
# RAM. Measured on 100k synthetic articles (docs/scaling.md): 1 GiB threshold, default pool: 23 min,
# peak RSS 3.9 GB; 256 MiB threshold, 1 GiB pool: 21 min, peak RSS 1.7 GB.
CHECKPOINT_BYTES = 256 << 20
BUFFER_POOL_BYTES = 1 << 30
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

# Rows go to LadybugDB as one string each ("packed"), not as one map per row. Its Python binding
# converts a list of maps value by value, which was most of the cost of a write: for the 3,000 edge
# rows of one 100-document bench batch, `UNWIND $rows AS r RETURN count(*)` took 223 ms with maps of
# the 9 edge fields and 7.6 ms with one string per row, and writing a batch's edges went from
# ~300 ms to ~150 ms. Cypher takes the fields apart again with split_part, inside the MATCH/CREATE
# clauses (binding them first with WITH makes the planner drop the primary-key lookups for a cross
# product). split_part skips empty fields, so every field is sent as FIELD_PAD + value and the pad is
# cut off again. The pad is a control character because LadybugDB's substring counts grapheme clusters:
# a value that opens with a combining mark ("\ufe20") joins a printable pad into one cluster and would
# come back with it; a grapheme always ends after a control character (UAX 29, GB4). A row whose values
# contain a separator (or whose list items are empty or contain ITEM_SEP, or whose number is not
# finite) is not packed: its statement takes maps as before.
# A packed statement costs more to prepare, once per statement and process (~5-10 ms against
# ~1.6 ms): the first write of `ergraph load seeds/` (5 documents, 1-15 rows per statement) took
# 0.3 s longer with every statement packed, so statements with fewer than PACK_MIN_ROWS rows take
# maps (then +0.1-0.15 s on that first write, nothing after).
FIELD_SEP = "\x1f"  # between the fields of a packed row
FIELD_PAD = "\x1d"  # before every field of a packed row (see above)
ITEM_SEP = "\x1e"  # between the items of a list field
PACK_MIN_ROWS = 8


class _Unpackable(Exception):
    """A value that a packed row cannot carry unchanged."""


def _items(value: Any) -> str:
    joined = ITEM_SEP.join(value)
    if joined.count(ITEM_SEP) != max(len(value) - 1, 0) or not all(value):
        raise _Unpackable  # an empty item or one containing ITEM_SEP would not split back
    return joined


def _flag(value: Any) -> str:
    return "T" if value else "F"


def _number(value: Any) -> str:
    value = float(value)
    if not math.isfinite(value):
        raise _Unpackable
    return repr(value)  # the shortest text that reads back as the same double


class RowLayout:
    """How the rows of one statement are packed, and the Cypher expression of each field.

    `exprs(packed)` maps field names to `r.name` (a map row) or to the expression that takes the
    field out of a packed row, so one statement template serves both.
    """

    def __init__(
        self, *fields: str, lists: Sequence[str] = (), flags: Sequence[str] = (), numbers: Sequence[str] = ()
    ) -> None:
        self.fields = fields
        self._get = itemgetter(*fields)
        # Text needs no conversion: str.join refuses anything that is not a str.
        self._convert = [
            (k, _items if f in lists else _flag if f in flags else _number)
            for k, f in enumerate(fields)
            if f in lists or f in flags or f in numbers
        ]
        self._plain = {f: f"r.{f}" for f in fields}
        self._packed = {}
        for k, f in enumerate(fields, start=1):
            raw = f"substring(split_part(r, '{FIELD_SEP}', {k}), 2, size(r))"
            if f in lists:
                raw = f"regexp_split_to_array({raw}, '{ITEM_SEP}')"
            elif f in flags:
                raw = f"{raw} = 'T'"
            elif f in numbers:
                raw = f"CAST({raw} AS DOUBLE)"
            self._packed[f] = raw

    def exprs(self, packed: bool) -> dict[str, str]:
        return self._packed if packed else self._plain

    def pack(self, rows: Sequence[dict]) -> list[str] | None:
        """One string per row, or None when some row cannot be packed (then send the maps)."""
        joiner, separators = FIELD_SEP + FIELD_PAD, len(self.fields) - 1
        get, convert = self._get, self._convert
        out = []
        try:
            for row in rows:
                values = list(get(row))
                for k, to_text in convert:
                    values[k] = to_text(values[k])
                line = FIELD_PAD + joiner.join(values)
                if line.count(FIELD_SEP) != separators:
                    return None  # a value contains FIELD_SEP
                out.append(line)
        except (_Unpackable, TypeError, ValueError):
            return None
        return out


DOCUMENT_ROW = RowLayout("id", "hash", "title", "date", "source", "url", "lang", "path")
ENTITY_ROW = RowLayout("key", "name", "aliases", lists=("aliases",))
MENTION_ROW = RowLayout("doc", "key", "aliases", lists=("aliases",))
EDGE_ROW = RowLayout(
    "source",
    "target",
    "doc",
    "evidence",
    "sentences",
    "disputed",
    "reported_by",
    "confidence",
    "date",
    lists=("sentences",),
    flags=("disputed",),
    numbers=("confidence",),
)


# Statement templates: `{field}` is filled with the field's expression (RowLayout.exprs), `{label}`
# and `{rel_type}` with checked identifiers; `{{`/`}}` are Cypher's braces.
CREATE_DOCUMENTS = (
    "UNWIND $rows AS r CREATE (d:Document {{id: {id}, hash: {hash}, title: {title}, date: {date},"
    " source: {source}, url: {url}, lang: {lang}, path: {path}}})"
)
UPDATE_DOCUMENTS = (
    "UNWIND $rows AS r MATCH (d:Document {{id: {id}}}) SET d.hash = {hash}, d.title = {title},"
    " d.date = {date}, d.source = {source}, d.url = {url}, d.lang = {lang}, d.path = {path}"
)
CREATE_ENTITIES = "UNWIND $rows AS r CREATE (e:{label} {{key: {key}, name: {name}, aliases: {aliases}}})"
CREATE_MENTIONS = (
    "UNWIND $rows AS r MATCH (d:Document {{id: {doc}}}) MATCH (e:{label} {{key: {key}}})"
    " CREATE (d)-[:MENTIONS {{aliases: {aliases}}}]->(e)"
)
# Two MATCH clauses, not `MATCH (a ...), (b ...)`: the comma form is planned as a cross product.
CREATE_EDGES = (
    "UNWIND $rows AS r MATCH (a:{src} {{key: {source}}}) MATCH (b:{dst} {{key: {target}}})"
    " CREATE (a)-[:{rel_type} {{doc: {doc}, evidence: {evidence}, sentences: {sentences},"
    " disputed: {disputed}, reported_by: {reported_by}, confidence: {confidence}, date: {date}}}]->(b)"
)


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
        if read_only and (directory / BULK_MARKER).exists():
            raise StoreUnavailable(
                f"store {directory} holds an unfinished bulk import (`ergraph load --bulk` is copying rows"
                " into it right now, or was interrupted): wait for it, or run any ergraph load on it to clear"
                " an interrupted one"
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
            self._clear_unfinished_import(directory)

    def _clear_unfinished_import(self, directory: Path) -> None:
        """A bulk import killed between its first and last COPY left its marker: the store was empty
        before it, so empty it again. Rows staged by an import that never started copying just go."""
        if (directory / BULK_MARKER).exists():
            self.reset()
            shutil.rmtree(directory / BULK_DIR, ignore_errors=True)
            (directory / BULK_MARKER).unlink()
            self.notes += (
                f"cleared the rows of an interrupted bulk import from {directory} (the store was empty"
                " before it); load those documents again",
            )
        elif (directory / BULK_DIR).exists():
            shutil.rmtree(directory / BULK_DIR, ignore_errors=True)

    def _open_database(self, db_path: Path, read_only: bool) -> ladybug.Database:
        """Open the database. A write-ahead log that ends in a torn commit (a load killed while
        writing it, or a reader meeting a load mid-commit) holds every committed transaction
        before that commit: a reader first waits a little for a live load to finish its commit,
        then both readers and writers open what was committed. ergraph records a document in the
        same transaction as its rows, so the documents of the torn commit are simply not stored
        and the next load stores them."""
        for attempt in range(5):
            try:
                return EmbeddedStore._database(db_path, read_only, strict=True)
            except RuntimeError as exc:
                message = str(exc).lower()
                if TORN_WAL in message and (not read_only or attempt == 4):
                    db = EmbeddedStore._database(db_path, read_only, strict=False)
                    if not read_only:
                        self.notes += (
                            f"store {db_path.parent}: kept every committed batch and dropped the"
                            " half-written last one of an interrupted load (its documents are not stored;"
                            " loading them again stores them)",
                        )
                    return db
                busy = "wal" in message or "checkpoint" in message
                if not (read_only and busy) or attempt == 4:
                    raise
                time.sleep(0.2 * (attempt + 1))
        raise AssertionError("unreachable")

    @staticmethod
    def _database(db_path: Path, read_only: bool, *, strict: bool) -> ladybug.Database:
        """`strict=False` replays the write-ahead log up to its first damaged record."""
        return ladybug.Database(
            str(db_path),
            read_only=read_only,
            checkpoint_threshold=CHECKPOINT_BYTES,
            buffer_pool_size=BUFFER_POOL_BYTES,
            throw_on_wal_replay_failure=strict,
        )

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
            result = self._conn.execute(LADYBUG_TABLES)
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

    def holds_rows(self) -> bool:
        """Whether any document or entity is stored."""
        return self._all("MATCH (n) RETURN n LIMIT 1") != []

    def bulk_import(self) -> CopyImport:
        if self.read_only:
            raise WriteRefused("store was opened read-only; reopen it for writing")
        if self.holds_rows():
            raise BulkImportRefused(
                f"store {self.location} already holds documents and --bulk is for a first load into an"
                " empty store: loading transactionally instead"
            )
        return CopyImport(self)

    def write(self, extractions: Sequence[Extraction]) -> None:
        # A batch allocates ~10 container objects per relation; each time that trips a full garbage
        # collection, Python walks every object the process holds. In the 100k-entity store bench,
        # whose synthetic corpus stays in memory, the load took 65.9 s with collections during
        # writes and 42-49 s without (same machine, same hour). The rows hold no reference cycles,
        # so collection can wait until the batch is written.
        with _collection_paused():
            self._write(extractions)

    def _write(self, extractions: Sequence[Extraction]) -> None:
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
                self._unwind(CREATE_DOCUMENTS, DOCUMENT_ROW, fresh_docs)
            if replaced:
                self._unwind(
                    UPDATE_DOCUMENTS, DOCUMENT_ROW, [d for d in rows.documents if d["id"] in replaced]
                )
            for label, entity_rows in rows.entities.items():
                self._upsert_entities(label, entity_rows)
            for label, mention_rows in rows.mentions.items():
                self._unwind(CREATE_MENTIONS, MENTION_ROW, mention_rows, label=label)
            for (rel_type, src, dst), edge_rows in rows.edges.items():
                self._unwind(CREATE_EDGES, EDGE_ROW, edge_rows, rel_type=rel_type, src=src, dst=dst)
            if touched:
                self._tidy_entities(touched)
            conn.execute("COMMIT")
        except BaseException:
            self._rollback()
            raise

    def _rollback(self) -> None:
        try:
            self._conn.execute("ROLLBACK")
        except RuntimeError:
            pass  # a statement that failed inside the transaction already rolled it back

    def _unwind(self, template: str, layout: RowLayout, rows: list[dict], **names: str) -> None:
        """Run a statement template over `rows`: packed when they pack, else as maps."""
        packed = layout.pack(rows) if len(rows) >= PACK_MIN_ROWS else None
        if packed is not None:
            self._conn.execute(template.format(**names, **layout.exprs(packed=True)), {"rows": packed})
        else:
            self._conn.execute(template.format(**names, **layout.exprs(packed=False)), {"rows": rows})

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
            self._unwind(CREATE_ENTITIES, ENTITY_ROW, new, label=label)
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


# -- bulk import (`ergraph load --bulk`) ----------------------------------------------------------------

# A first load into an empty store can skip the per-batch transactions: rows are staged as CSV files in
# BULK_DIR under the store directory, then imported with one COPY FROM per node table and per
# (relation table, FROM label, TO label) pair. BULK_MARKER exists from just before the first COPY until
# just after the last, so a process killed in between leaves it behind and the next open for writing
# empties the store again (it was empty before the import; see EmbeddedStore.__init__). COPY only ever
# goes into tables dropped and created for it, nodes first, with no CREATE or DELETE before the last
# COPY: per-batch COPY crashed LadybugDB 0.22 in such states (docs/scaling.md).
BULK_DIR = "bulk-import"
BULK_MARKER = "bulk-import.unfinished"
STAGE_FLUSH_BYTES = 1 << 20  # a staged file's rows are buffered in memory up to this size
# Without automatic checkpoints the copied pages stay in the buffer pool (BUFFER_POOL_BYTES) until the
# next CHECKPOINT: one comes before a COPY that would take the staged rows since the last past this.
COPY_CHECKPOINT_BYTES = 128 << 20
# Every CSV value is quoted with QUOTE, a character text does not hold (one that does has it doubled),
# so a row is one str.join. Values may hold line breaks, which LadybugDB's parallel CSV reader does not
# allow; reading in one thread was faster anyway for these files (5.6-5.9 s against 6.6-7.3 s for the
# relations of the 100k-entity store bench).
QUOTE = "\x02"
_FIELDS = f"{QUOTE},{QUOTE}"
CSV_OPTIONS = f"HEADER=false, QUOTE='{QUOTE}', ESCAPE='{QUOTE}', PARALLEL=false"
# Lists are staged as their items joined by ITEM_SEP and split again by the COPY. A list that would
# not split back (an empty item, an item holding ITEM_SEP: regexp_split_to_array drops empty parts, and
# a lambda to undo a prefix exhausted LadybugDB's buffer pool) or a confidence that is not finite goes
# in after the COPYs, through the statements of a normal write.
SPLIT = f"regexp_split_to_array({{}}, '{ITEM_SEP}')"
_LOAD_THREE = "LOAD WITH HEADERS (c0 STRING, c1 STRING, c2 STRING) FROM '{path}' ({options})"
_LOAD_EDGES = (
    "LOAD WITH HEADERS (c0 STRING, c1 STRING, c2 STRING, c3 STRING, c4 STRING, c5 BOOLEAN, c6 STRING,"
    " c7 DOUBLE, c8 STRING) FROM '{path}' ({options})"
)
COPY_ENTITIES = f"COPY {{table}} FROM ({_LOAD_THREE} RETURN c0, c1, {SPLIT.format('c2')})"
COPY_DOCUMENTS = "COPY Document FROM '{path}' ({options})"
COPY_MENTIONS = (
    f"COPY MENTIONS FROM ({_LOAD_THREE} RETURN c0, c1, {SPLIT.format('c2')}) (from='Document', to='{{dst}}')"
)
COPY_EDGES = (
    f"COPY {{table}} FROM ({_LOAD_EDGES} RETURN c0, c1, c2, c3, {SPLIT.format('c4')}, c5, c6, c7, c8)"
    " (from='{src}', to='{dst}')"
)
# The rows of a relation pair past COPY_MAX_BYTES: one COPY of them all needed more than the 1 GiB
# buffer pool (800k LEADS edges, 397 MiB staged, of 100k generated articles), and COPY into a pair
# that has rows rewrote it at every checkpoint (15-28 s each, 2.6 GB). They go in after the COPYs,
# INSERT_MAX_BYTES at a time, as a normal write's CREATEs with automatic checkpoints.
COPY_MAX_BYTES = 96 << 20
INSERT_MAX_BYTES = 32 << 20
INSERT_MENTIONS = (
    f"{_LOAD_THREE} MATCH (d:Document {{{{id: c0}}}}) MATCH (e:{{dst}} {{{{key: c1}}}})"
    f" CREATE (d)-[:MENTIONS {{{{aliases: {SPLIT.format('c2')}}}}}]->(e)"
)
INSERT_EDGES = (
    f"{_LOAD_EDGES} MATCH (a:{{src}} {{{{key: c0}}}}) MATCH (b:{{dst}} {{{{key: c1}}}})"
    " CREATE (a)-[:{table} {{doc: c2, evidence: c3,"
    f" sentences: {SPLIT.format('c4')}, disputed: c5, reported_by: c6, confidence: c7, date: c8}}}}]->(b)"
)
_document_values = itemgetter(*DOCUMENT_ROW.fields)  # the Document table's column order


@contextmanager
def _collection_paused() -> Iterator[None]:
    """No garbage collection inside (see EmbeddedStore.write)."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


def _csv_line(values: Sequence[str]) -> str:
    """One staged CSV row (TypeError for a value that is not text)."""
    line = _FIELDS.join(values)
    if line.count(QUOTE) != 2 * (len(values) - 1):  # a value holds QUOTE itself
        line = _FIELDS.join(v.replace(QUOTE, QUOTE * 2) for v in values)
    return f"{QUOTE}{line}{QUOTE}\n"


def _cypher_text(path: Path) -> str:
    return str(path).replace("\\", "\\\\").replace("'", "\\'")


class _StagedFile:
    """The rows of one COPY statement: a CSV file, appended to in chunks. A relation file that passes
    COPY_MAX_BYTES goes on in parts of INSERT_MAX_BYTES (inserted after the COPYs)."""

    def __init__(self, path: Path, *, parts: bool = False) -> None:
        self.parts = [path]
        self.rows = 0
        self._split = parts
        self._lines: list[str] = []
        self._size = 0
        self._part_size = 0

    def extend(self, lines: list[str]) -> None:
        self._lines.extend(lines)
        self.rows += len(lines)
        self._size += sum(map(len, lines))
        if self._size > STAGE_FLUSH_BYTES:
            self.flush()

    def flush(self) -> None:
        if not self._lines:
            return
        text = "".join(self._lines)
        with self.parts[-1].open("a", encoding="utf-8", newline="") as f:
            f.write(text)
        self._lines.clear()
        self._size = 0
        self._part_size += len(text)
        if self._split and self._part_size >= (COPY_MAX_BYTES if len(self.parts) == 1 else INSERT_MAX_BYTES):
            first = self.parts[0]
            self.parts.append(first.with_name(f"{first.stem}.{len(self.parts)}.csv"))
            self._part_size = 0

    def statement(self, template: str, part: Path, **names: str) -> str:
        return template.format(path=_cypher_text(part), options=CSV_OPTIONS, **names)


@dataclass(slots=True)
class BulkTimings:
    """Where a bulk import's time went, in seconds; the three add up to the time of its calls."""

    nodes: float = 0.0  # building, staging and copying documents and entities
    relations: float = 0.0  # the same for mentions and relation edges
    other: float = 0.0  # the marker, fresh tables, rows COPY cannot carry, clean-up


class _Stopwatch:
    """Charges the time since the last charge to one bucket of a BulkTimings."""

    def __init__(self, timings: BulkTimings) -> None:
        self._timings = timings
        self._last = time.perf_counter()

    def charge(self, bucket: str) -> None:
        now = time.perf_counter()
        setattr(self._timings, bucket, getattr(self._timings, bucket) + now - self._last)
        self._last = now


class CopyImport(BulkImport):
    """`ergraph load --bulk` into an empty embedded store: rows staged as CSV, one COPY FROM per table.

    The rows are those of `BatchRows`, as a normal load writes them. Entities are merged by key across
    the whole import in memory (first name, aliases in order of appearance, as batch after batch of a
    normal load merges them); everything else goes to the staged files as it comes. An entity key met
    with two types stays under the first (a normal load would make two nodes of it; keys carry their
    type, `Person:...`, so that does not happen).
    """

    def __init__(self, store: EmbeddedStore) -> None:
        self._store = store
        self._root = Path(store.location)
        self._dir = self._root / BULK_DIR
        shutil.rmtree(self._dir, ignore_errors=True)
        self._dir.mkdir()
        self._files: dict[str, _StagedFile] = {}
        self._entities: dict[str, tuple[str, str, tuple[str, ...]]] = {}  # key -> (label, name, aliases)
        self._documents: set[str] = set()
        self._later: dict[tuple[str, str, str], list[dict]] = {}  # rows COPY cannot carry, by statement
        self.timings = BulkTimings()

    def _file(self, name: str) -> _StagedFile:
        staged = self._files.get(name)
        if staged is None:  # MENTIONS-Label and TYPE-Label-Label hold relations
            staged = self._files[name] = _StagedFile(self._dir / f"{name}.csv", parts="-" in name)
        return staged

    def write(self, extractions: Sequence[Extraction]) -> None:
        """Stage a batch: all its rows, or (on an exception) none of them."""
        clock = _Stopwatch(self.timings)
        with _collection_paused():
            self._stage(extractions, clock)  # its rows are freed before collection resumes
        clock.charge("other")

    def _stage(self, extractions: Sequence[Extraction], clock: _Stopwatch) -> None:
        extractions = list({e.document.id: e for e in extractions}.values())  # one id twice: last wins
        again = [e.document.id for e in extractions if e.document.id in self._documents]
        if again:
            raise ValueError(f"document {again[0]!r} is already in this bulk import")
        rows = BatchRows()
        rows.add_nodes(extractions)
        documents = [_csv_line(_document_values(d)) for d in rows.documents]
        for entity_rows in rows.entities.values():
            for e in entity_rows:
                "".join((e["key"], e["name"], *e["aliases"]))  # TypeError unless all are text
        clock.charge("nodes")
        lines, later = self._relation_lines(rows, extractions)
        clock.charge("relations")
        # Nothing above changed the import; from here on nothing raises.
        self._file("Document").extend(documents)
        self._documents.update(d["id"] for d in rows.documents)
        self._merge_entities(rows)
        rows.documents.clear()  # so freeing the rows is counted where it belongs
        rows.entities.clear()
        clock.charge("nodes")
        for name, staged_lines in lines.items():
            self._file(name).extend(staged_lines)
        for statement, rows_later in later.items():
            self._later.setdefault(statement, []).extend(rows_later)
        del lines, later  # so freeing them is counted where it belongs
        clock.charge("relations")

    def _merge_entities(self, rows: BatchRows) -> None:
        merged = self._entities
        for label, entity_rows in rows.entities.items():
            for row in entity_rows:
                key = row["key"]
                known = merged.get(key)
                if known is None:
                    merged[key] = (label, row["name"], tuple(row["aliases"]))
                elif new := [a for a in row["aliases"] if a not in known[2]]:
                    merged[key] = (known[0], known[1], known[2] + tuple(new))

    @staticmethod
    def _relation_lines(
        rows: BatchRows, extractions: Sequence[Extraction]
    ) -> tuple[dict[str, list[str]], dict[tuple[str, str, str], list[dict]]]:
        """CSV lines per staged file, and the rows COPY cannot carry per statement (after add_nodes:
        the lines of the rows `BatchRows.add_relations` would make)."""
        lines: dict[str, list[str]] = {}
        later: dict[tuple[str, str, str], list[dict]] = {}
        labels = rows.labels
        for doc, key, aliases in rows.mention_groups(extractions):
            label = labels[key]
            try:
                lines.setdefault(f"MENTIONS-{label}", []).append(_csv_line((doc, key, _items(aliases))))
            except _Unpackable:
                later.setdefault(("MENTIONS", "Document", label), []).append(
                    {"doc": doc, "key": key, "aliases": aliases}
                )
        by_pair: dict[tuple[str, str, str], list[str]] = {}
        for group in rows.edge_groups(extractions):
            source, rel_type, target, doc, evidence, disputed, reported_by, confidence, date = group
            if len(evidence) == 1:  # the common case, without the generator and the dict
                joined = evidence[0].sentence
                sentences = 1 if joined else 0  # the number of non-empty items
            else:
                distinct = list(dict.fromkeys(e.sentence for e in evidence))
                joined, sentences = ITEM_SEP.join(distinct), len(distinct) if all(distinct) else 0
            # One or more items, none empty or holding ITEM_SEP, and a finite float: else `later`.
            src, dst = labels[source], labels[target]
            if (
                not sentences
                or joined.count(ITEM_SEP) != sentences - 1
                or type(confidence) is not float
                or not math.isfinite(confidence)
            ):
                later.setdefault((rel_type, src, dst), []).append(edge_row(*group))
                continue
            values = (
                source,
                target,
                doc,
                evidence_json(evidence),
                joined,
                "true" if disputed else "false",
                reported_by,
                repr(confidence),
                date,
            )
            pair = by_pair.get((rel_type, src, dst))
            if pair is None:
                pair = by_pair[(rel_type, src, dst)] = lines.setdefault(f"{rel_type}-{src}-{dst}", [])
            pair.append(_csv_line(values))
        return lines, later

    def commit(self) -> None:
        """Import everything staged, all or nothing; then remove the staged files."""
        store, clock = self._store, _Stopwatch(self.timings)
        alias_fixes = self._stage_entities()
        clock.charge("nodes")
        for name, staged in self._files.items():
            if "-" in name:  # MENTIONS-Label, TYPE-Label-Label
                staged.flush()
        clock.charge("relations")
        if store.holds_rows():
            raise BulkImportRefused(f"store {store.location} is no longer empty; the bulk import was not run")
        marker = self._root / BULK_MARKER
        _write_durably(marker, f"bulk import by process {os.getpid()} into an empty store\n")
        conn = store._conn
        try:
            store.reset()  # fresh tables: COPY only ever goes into tables made for it
            staged_types = {name.split("-")[0] for name in self._files} | {t for t, _, _ in self._later}
            for rel_type in sorted(staged_types - BUILTIN_TABLES):
                store._ensure_relation_table(rel_type)
            # Each COPY checkpoints when it commits: 18 ms for a COPY of one row, 4 ms without. So the
            # checkpoints are ours: every COPY_CHECKPOINT_BYTES staged (nodes first), and one at the end.
            conn.execute("CALL auto_checkpoint=false")
            clock.charge("other")
            self._copy_nodes()
            clock.charge("nodes")
            self._copy_relations()
            conn.execute("CHECKPOINT")
            conn.execute("CALL auto_checkpoint=true")
            self._insert_the_parts_past_copy()
            clock.charge("relations")
            self._write_the_rest(alias_fixes)
        except BaseException as exc:
            self._undo()
            if isinstance(exc, Exception) and not isinstance(exc, StoreError):
                raise StoreError(f"bulk import failed and was undone, the store is empty: {exc}") from exc
            raise
        finally:
            try:
                conn.execute("CALL auto_checkpoint=true")
            except RuntimeError:
                pass  # the database is past listening; the next open starts with its defaults
        marker.unlink()
        self.abort()
        clock.charge("other")

    def _stage_entities(self) -> dict[str, list[dict]]:
        """The merged entities, one file per label; returns those whose aliases COPY cannot carry
        (staged with none, set after the COPYs)."""
        fixes: dict[str, list[dict]] = {}
        with _collection_paused():
            by_label: dict[str, list[str]] = {label: [] for label in ENTITY_TYPES}
            for key, (label, name, aliases) in self._entities.items():
                try:
                    joined = _items(aliases)
                except _Unpackable:
                    joined = ""
                    fixes.setdefault(label, []).append({"key": key, "aliases": list(aliases)})
                by_label[label].append(_csv_line((key, name, joined)))
            for label, lines in by_label.items():
                self._file(label).extend(lines)
        for name in ("Document", *ENTITY_TYPES):
            self._file(name).flush()
        return fixes

    def _copy_nodes(self) -> None:
        for label in ENTITY_TYPES:
            if self._files[label].rows:
                self._run(self._files[label], COPY_ENTITIES, table=label)
        if self._file("Document").rows:
            self._run(self._files["Document"], COPY_DOCUMENTS)

    def _relation_files(self) -> Iterator[tuple[_StagedFile, dict[str, str]]]:
        for name, staged in self._files.items():
            table, _, pair = name.partition("-")
            if pair and staged.rows:
                src, _, dst = pair.rpartition("-")
                yield staged, {"table": table, "src": src or "Document", "dst": dst}

    def _copy_relations(self) -> None:
        conn = self._store._conn
        nodes = (self._files[name].parts[0] for name in ("Document", *ENTITY_TYPES))
        unsaved = sum(path.stat().st_size for path in nodes if path.exists())  # copied, not yet saved
        for staged, names in self._relation_files():
            size = staged.parts[0].stat().st_size
            if unsaved and unsaved + size > COPY_CHECKPOINT_BYTES:
                conn.execute("CHECKPOINT")  # dirty pages stay in the buffer pool until a checkpoint
                unsaved = 0
            self._run(staged, COPY_MENTIONS if names["table"] == "MENTIONS" else COPY_EDGES, **names)
            unsaved += size

    def _insert_the_parts_past_copy(self) -> None:
        for staged, names in self._relation_files():
            for part in staged.parts[1:]:
                if part.exists():
                    template = INSERT_MENTIONS if names["table"] == "MENTIONS" else INSERT_EDGES
                    self._run(staged, template, part, **names)

    def _run(self, staged: _StagedFile, template: str, part: Path | None = None, **names: str) -> None:
        part = part or staged.parts[0]
        try:
            self._store._conn.execute(staged.statement(template, part, **names))
        except RuntimeError as exc:
            what = " -> ".join(names[k] for k in ("table", "src", "dst") if k in names)
            raise StoreError(
                f"bulk import failed and was undone, the store is empty: {what or part.stem}"
                f" ({part.stat().st_size / 2**20:.0f} MiB staged in {part.name}): {exc}"
            ) from exc

    def _write_the_rest(self, alias_fixes: dict[str, list[dict]]) -> None:
        """Rows COPY cannot carry, with the statements of a normal write, in one transaction."""
        if not self._later and not alias_fixes:
            return
        store = self._store
        store._conn.execute("BEGIN TRANSACTION")
        try:
            for label, rows in alias_fixes.items():
                store._conn.execute(
                    f"UNWIND $rows AS r MATCH (e:{label} {{key: r.key}}) SET e.aliases = r.aliases",
                    {"rows": rows},
                )
            for (table, src, dst), rows in self._later.items():
                if table == "MENTIONS":
                    store._unwind(CREATE_MENTIONS, MENTION_ROW, rows, label=dst)
                else:
                    store._unwind(CREATE_EDGES, EDGE_ROW, rows, rel_type=table, src=src, dst=dst)
            store._conn.execute("COMMIT")
        except BaseException:
            store._rollback()
            raise

    def _undo(self) -> None:
        """Empty the store again after a failed import; should even that fail, the marker stays and the
        next open for writing does it."""
        try:
            self._store.reset()
            (self._root / BULK_MARKER).unlink(missing_ok=True)
        except Exception:  # noqa: BLE001 - the marker is the fallback
            pass
        self.abort()

    def abort(self) -> None:
        """Drop the staged rows (the database is not touched before `commit`)."""
        self._files.clear()
        shutil.rmtree(self._dir, ignore_errors=True)


def _write_durably(path: Path, text: str) -> None:
    with path.open("w", encoding="utf-8") as f:
        f.write(text)
        f.flush()
        os.fsync(f.fileno())
