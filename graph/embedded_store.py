"""EmbeddedStore: the default store, an on-disk LadybugDB (Kùzu fork) database.

The store is a directory holding `graph.lbug`. LadybugDB has one label per
node table, so entities live in four node tables (Person, Organization,
Country, Technology) and every relation type is a relationship table declared
between all pairs of them; tables for new relation types are created on first
use. Writes of a batch run in one transaction, so a write that fails or is
killed leaves nothing behind: `UNWIND $rows` statements that look entities up by
primary key and CREATE, each row of a statement of 8 or more rows sent as one
packed string (`RowLayout`) rather than a map, which LadybugDB's Python binding
converts slowly. No garbage collection runs during a write. Bulk `COPY FROM`
is not used: per batch it was 10 to 40 times slower than these statements and
crashed the process in some states (docs/scaling.md). Read commands open the
database read-only, so a query cannot change it; LadybugDB itself allows one
writing process at a time and we turn its lock error into a clear message.
"""

from __future__ import annotations

import gc
import math
import time
from collections.abc import Iterator, Sequence
from operator import itemgetter
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
# product). split_part skips empty fields, so every field is sent as "~" + value and the "~" is cut
# off again. A row whose values contain a separator (or whose list items are empty or contain
# ITEM_SEP, or whose number is not finite) is not packed: its statement takes maps as before.
# A packed statement costs more to prepare, once per statement and process (~5-10 ms against
# ~1.6 ms): the first write of `ergraph load seeds/` (5 documents, 1-15 rows per statement) took
# 0.3 s longer with every statement packed, so statements with fewer than PACK_MIN_ROWS rows take
# maps (then +0.1-0.15 s on that first write, nothing after).
FIELD_SEP = "\x1f"  # between the fields of a packed row
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
        joiner, separators = FIELD_SEP + "~", len(self.fields) - 1
        get, convert = self._get, self._convert
        out = []
        try:
            for row in rows:
                values = list(get(row))
                for k, to_text in convert:
                    values[k] = to_text(values[k])
                line = "~" + joiner.join(values)
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
        # A batch allocates ~10 container objects per relation; each time that trips a full garbage
        # collection, Python walks every object the process holds. In the 100k-entity store bench,
        # whose synthetic corpus stays in memory, the load took 65.9 s with collections during
        # writes and 42-49 s without (same machine, same hour). The rows hold no reference cycles,
        # so collection can wait until the batch is written.
        collecting = gc.isenabled()
        gc.disable()
        try:
            self._write(extractions)
        finally:
            if collecting:
                gc.enable()

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
