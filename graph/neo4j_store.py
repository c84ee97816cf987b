"""Neo4jStore: the graph in Neo4j 5 (or any server speaking Bolt and Neo4j 5 Cypher, like ArcadeDB).

Entity nodes carry two labels, `:Entity:Person` and so on, with a uniqueness
constraint on `Entity.key`, so one index serves every lookup by key whatever the
type. A batch of documents is written by one managed transaction
(`execute_write`, which the driver retries on transient errors) of `UNWIND $rows`
statements: first the documents' old relation edges and mentions are deleted,
then entities are merged and mentions and edges created, and the document's content hash
is set last, so a document counts as loaded only when all its rows are. Labels
and relation types come from the ontology and are checked with
`check_identifier` before being spliced in; every value travels as a parameter.

Read queries run in READ access-mode sessions and are also screened by
`graph.dialect.find_write_clause`, because not every Bolt server enforces the
access mode (see `graph/dialect.py` for that and the other dialect notes).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import neo4j
from neo4j import GraphDatabase
from neo4j.exceptions import (
    AuthError,
    DriverError,
    Neo4jError,
    ServiceUnavailable,
    SessionExpired,
)

from graph.batch_rows import BatchRows
from graph.dialect import ARCADEDB_ENTITY_STATEMENTS, NEO4J, find_write_clause, is_arcadedb
from graph.model import Extraction
from graph.redact import redact
from graph.store import (
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

CONNECT_TIMEOUT = 5.0  # seconds to open a connection: an unreachable server fails this fast
MAX_RETRY_TIME = 15.0  # seconds execute_write keeps retrying transient failures
CHUNK = 5000  # rows per UNWIND statement inside a batch's transaction
FIX = "start it with `docker compose up -d`, or point --store / ERGRAPH_STORE at a running server"

SCHEMA = (
    "CREATE CONSTRAINT ergraph_entity_key IF NOT EXISTS FOR (e:Entity) REQUIRE e.key IS UNIQUE",
    "CREATE CONSTRAINT ergraph_document_id IF NOT EXISTS FOR (d:Document) REQUIRE d.id IS UNIQUE",
)

# Old rows of re-written documents. An edge's source is always an entity of its own document,
# so edges are found from the document's mentions, by index, not by scanning every relationship.
DELETE_EDGES = (
    "UNWIND $ids AS id MATCH (:Document {id: id})-[:MENTIONS]->(e:Entity)"
    " WITH DISTINCT id, e MATCH (e)-[r]->(:Entity) WHERE r.doc = id DELETE r"
)
DELETE_MENTIONS = "UNWIND $ids AS id MATCH (:Document {id: id})-[m:MENTIONS]->() DELETE m"
# Both labels in the MERGE pattern: a node is created with its type label and never relabelled
# (ArcadeDB cannot relabel a node inside a transaction, see graph/dialect.py).
MERGE_ENTITIES = (
    "UNWIND $rows AS r MERGE (e:Entity:{label} {{key: r.key}})"
    " ON CREATE SET e.name = r.name, e.aliases = r.aliases"
    " ON MATCH SET e.aliases = coalesce(e.aliases, [])"
    " + [a IN r.aliases WHERE NOT a IN coalesce(e.aliases, [])]"
)
MERGE_DOCUMENTS = (
    "UNWIND $rows AS r MERGE (d:Document {id: r.id})"
    " SET d.title = r.title, d.date = r.date, d.source = r.source, d.url = r.url, d.lang = r.lang,"
    " d.path = r.path"
)
# The documents' old mentions and edges were deleted earlier in the same transaction and the rows are
# unique per document (BatchRows), so CREATE gives what MERGE would, without MERGE's scan of every
# relationship of a well-connected entity (a country mentioned by thousands of documents).
CREATE_MENTIONS = (
    "UNWIND $rows AS r MATCH (d:Document {id: r.doc}) MATCH (e:Entity {key: r.key})"
    " CREATE (d)-[:MENTIONS {aliases: r.aliases}]->(e)"
)
CREATE_EDGES = (
    "UNWIND $rows AS r MATCH (a:Entity {{key: r.source}}) MATCH (b:Entity {{key: r.target}})"
    " CREATE (a)-[:{type} {{doc: r.doc, evidence: r.evidence, sentences: r.sentences, disputed: r.disputed,"
    " reported_by: r.reported_by, confidence: r.confidence, date: r.date}}]->(b)"
)
SET_HASHES = "UNWIND $rows AS r MATCH (d:Document {id: r.id}) SET d.hash = r.hash"
RESET_CHUNK = "MATCH (n) WHERE n:Entity OR n:Document WITH n LIMIT 10000 DETACH DELETE n RETURN count(*) AS n"


def read_dotenv(path: Path) -> dict[str, str]:
    """KEY=VALUE lines of a `.env` file (comments, blank lines and `export ` prefixes allowed)."""
    values: dict[str, str] = {}
    try:
        text = path.read_text(encoding="utf-8")
    except (FileNotFoundError, IsADirectoryError):
        return values
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#") or "=" not in line:
            continue
        key, _, value = line.removeprefix("export ").partition("=")
        value = value.strip()
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
            value = value[1:-1]
        values[key.strip()] = value
    return values


def safe_uri(uri: str) -> tuple[str, str | None, str | None]:
    """The URI without user:password (for messages), and the user and password it carried."""
    parts = urlsplit(uri)
    if "@" not in parts.netloc:
        return uri, None, None
    userinfo, _, host = parts.netloc.rpartition("@")
    user, _, password = userinfo.partition(":")
    return urlunsplit(parts._replace(netloc=host)), user or None, password or None


def _one_line(exc: BaseException) -> str:
    message = getattr(exc, "message", None) or str(exc)
    return " ".join(str(message).split())


def _reason(exc: BaseException) -> str:
    """The short cause of a connection failure ("connection refused"), else the driver's message."""
    text = _one_line(exc)
    match = re.search(r"reason (?:\[Errno -?\d+\] )?([^)]+)\)", text) or re.search(
        r"\((looks like [^)]+)\)", text
    )
    return match.group(1).strip().lower() if match else text


def _chunks(rows: list[dict], size: int = CHUNK) -> Iterator[list[dict]]:
    for start in range(0, len(rows), size):
        yield rows[start : start + size]


class Neo4jStore(Store):
    """The store on a Neo4j 5 server (or ArcadeDB's Bolt endpoint) through the official driver."""

    dialect = NEO4J

    def __init__(
        self,
        uri: str,
        user: str | None = None,
        password: str | None = None,
        database: str | None = None,
        *,
        connect_timeout: float = CONNECT_TIMEOUT,
        max_retry_time: float = MAX_RETRY_TIME,
    ) -> None:
        try:
            self.location, uri_user, uri_password = safe_uri(uri)
        except ValueError as exc:  # urlsplit: "Invalid IPv6 URL"
            raise StoreUnavailable(f"bad Neo4j URI {redact(uri)}: {_one_line(exc)}") from None
        self.user = user or uri_user or "neo4j"
        password = password if password is not None else uri_password
        self.database = database or None
        self._schema_ready = False
        auth = (self.user, password) if password is not None else None
        try:
            self._driver = GraphDatabase.driver(
                self.location,
                auth=auth,
                connection_timeout=connect_timeout,
                max_transaction_retry_time=max_retry_time,
                user_agent="ergraph",
            )
        except (ValueError, DriverError) as exc:
            raise StoreUnavailable(f"bad Neo4j URI {self.location}: {_one_line(exc)}") from None
        try:
            with self._session(neo4j.READ_ACCESS) as session:
                summary = session.run("RETURN 1").consume()
            self.server_agent = summary.server.agent  # "Neo4j/5.26.0", or "... (ArcadeDB 26.10.2)"
        except BaseException as exc:
            self._driver.close()
            if isinstance(exc, ValueError):  # the driver's "Failed to DNS resolve address host:notaport"
                raise StoreUnavailable(f"bad Neo4j URI {self.location}: {_one_line(exc)}") from None
            if isinstance(exc, Exception):
                raise self._error(exc) from None
            raise

    @classmethod
    def from_env(cls, uri: str, environ: dict[str, str] | None = None) -> Neo4jStore:
        """Credentials from NEO4J_USERNAME / NEO4J_PASSWORD / NEO4J_DATABASE, else from `./.env`."""
        env = {**read_dotenv(Path.cwd() / ".env"), **(os.environ if environ is None else environ)}
        return cls(
            uri,
            env.get("NEO4J_USERNAME") or env.get("NEO4J_USER"),
            env.get("NEO4J_PASSWORD"),
            env.get("NEO4J_DATABASE"),
        )

    # -- plumbing -----------------------------------------------------------------------------

    def _session(self, mode: str) -> neo4j.Session:
        return self._driver.session(database=self.database, default_access_mode=mode)

    def _error(self, exc: Exception, documents: Sequence[str] = ()) -> StoreError:
        """The driver's exception as a StoreError whose one-line message says what to do."""
        if isinstance(exc, StoreError):
            return exc
        where = self.location + (f" (database {self.database})" if self.database else "")
        if isinstance(exc, AuthError):
            return StoreUnavailable(
                f"Neo4j at {where} rejected the credentials of user {self.user!r}: "
                "check NEO4J_USERNAME and NEO4J_PASSWORD (environment or .env)"
            )
        not_written = ""
        if documents:
            more = f" and {len(documents) - 5} more" if len(documents) > 5 else ""
            shown = ", ".join(documents[:5]) + more
            not_written = f"; documents not written: {shown}"
        if isinstance(exc, ServiceUnavailable | SessionExpired | OSError):
            return StoreUnavailable(f"cannot reach Neo4j at {where} ({_reason(exc)}); {FIX}{not_written}")
        code = getattr(exc, "code", None) or ""
        if code == "Neo.ClientError.Database.DatabaseNotFound":
            return StoreUnavailable(
                f"database {self.database!r} does not exist at {self.location}: "
                "create it or fix NEO4J_DATABASE"
            )
        if code.startswith("Neo.ClientError.Security."):
            return StoreUnavailable(f"Neo4j at {where} refused access: {_one_line(exc)}")
        if code == "Neo.ClientError.Statement.AccessMode":
            return WriteRefused(
                "this query writes to the graph; queries are read-only unless you add --write"
            )
        if isinstance(exc, Neo4jError):
            return QueryError(f"{_one_line(exc)}{not_written}")
        if isinstance(exc, DriverError):
            return StoreUnavailable(f"Neo4j at {where}: {_one_line(exc)}{not_written}")
        raise exc

    def _read_all(self, cypher: str, params: dict[str, Any] | None = None) -> list[neo4j.Record]:
        try:
            with self._session(neo4j.READ_ACCESS) as session:
                return session.execute_read(lambda tx: list(tx.run(cypher, params or {})))
        except Exception as exc:
            raise self._error(exc) from None

    def _stream(self, cypher: str, params: dict[str, Any] | None = None) -> Iterator[neo4j.Record]:
        """Records one by one from an open READ session (closed when the iteration ends)."""
        try:
            with self._session(neo4j.READ_ACCESS) as session:
                yield from session.run(cypher, params or {})
        except Exception as exc:
            raise self._error(exc) from None

    def _ensure_schema(self) -> None:
        if self._schema_ready:
            return
        try:
            with self._session(neo4j.WRITE_ACCESS) as session:
                for statement in SCHEMA:
                    session.run(statement).consume()
        except Exception as exc:
            raise self._error(exc) from None
        self._schema_ready = True

    # -- writing ------------------------------------------------------------------------------

    def document_hashes(self, ids: Sequence[str]) -> dict[str, str]:
        if not ids:
            return {}
        records = self._read_all(
            "UNWIND $ids AS id MATCH (d:Document {id: id}) WHERE d.hash IS NOT NULL RETURN d.id, d.hash",
            {"ids": list(ids)},
        )
        return {r[0]: r[1] for r in records}

    def write(self, extractions: Sequence[Extraction]) -> None:
        if not extractions:
            return
        latest = {ex.document.id: ex for ex in extractions}  # a document twice in a batch: the last wins
        rows = BatchRows.build(list(latest.values()))
        for label in rows.entities:
            check_identifier(label)
        for rel_type, _, _ in rows.edges:
            check_identifier(rel_type)
            if rel_type == "MENTIONS":
                raise ValueError("MENTIONS is reserved for document mentions, not a relation type")
        self._ensure_schema()
        ids = list(latest)
        arcadedb = is_arcadedb(self.server_agent)
        entity_statements = ARCADEDB_ENTITY_STATEMENTS if arcadedb else (MERGE_ENTITIES,)
        try:
            with self._session(neo4j.WRITE_ACCESS) as session:
                session.execute_write(self._write_batch, ids, rows, entity_statements)
        except Exception as exc:
            raise self._error(exc, ids) from None

    @staticmethod
    def _write_batch(
        tx: neo4j.ManagedTransaction, ids: list[str], rows: BatchRows, entity_statements: Sequence[str]
    ) -> None:
        """One transaction: delete the documents' old rows, write the new ones, set hashes last."""
        tx.run(DELETE_EDGES, ids=ids).consume()
        tx.run(DELETE_MENTIONS, ids=ids).consume()
        for label, entity_rows in rows.entities.items():
            for chunk in _chunks(entity_rows):
                for statement in entity_statements:
                    tx.run(statement.format(label=label), rows=chunk).consume()
        for chunk in _chunks(rows.documents):
            tx.run(MERGE_DOCUMENTS, rows=chunk).consume()
        mentions = [row for label_rows in rows.mentions.values() for row in label_rows]
        for chunk in _chunks(mentions):
            tx.run(CREATE_MENTIONS, rows=chunk).consume()
        for (rel_type, _, _), edge_rows in rows.edges.items():
            for chunk in _chunks(edge_rows):
                tx.run(CREATE_EDGES.format(type=rel_type), rows=chunk).consume()
        for chunk in _chunks(rows.documents):
            tx.run(SET_HASHES, rows=chunk).consume()

    # -- reading ------------------------------------------------------------------------------

    def query(
        self,
        cypher: str,
        params: dict[str, Any] | None = None,
        *,
        write: bool = False,
        timeout: float | None = None,
    ) -> QueryResult:
        if not write:
            clause = find_write_clause(cypher)
            if clause:
                raise WriteRefused(
                    f"{clause} would change the graph; queries are read-only unless you add --write"
                )
        # An auto-commit transaction (session.run) is the one that streams and takes a Query timeout,
        # and the one `CALL {...} IN TRANSACTIONS` needs; READ mode makes Neo4j refuse writes too.
        session = self._session(neo4j.WRITE_ACCESS if write else neo4j.READ_ACCESS)
        try:
            result = session.run(neo4j.Query(cypher, timeout=timeout), params or {})
            columns = list(result.keys())
        except BaseException as exc:
            session.close()
            if isinstance(exc, Exception):
                raise self._error(exc) from None
            raise
        return QueryResult(columns=columns, rows=self._rows(session, result))

    def _rows(self, session: neo4j.Session, result: neo4j.Result) -> Iterator[list[Any]]:
        try:
            for record in result:
                yield list(record.values())
        except Exception as exc:
            raise self._error(exc) from None
        finally:
            session.close()

    def entities(self) -> Iterator[StoredEntity]:
        for r in self._stream(
            "MATCH (e:Entity) OPTIONAL MATCH (d:Document)-[:MENTIONS]->(e)"
            " WITH e, collect(d.id) AS docs"
            " RETURN e.key, e.name, [l IN labels(e) WHERE l <> 'Entity'], e.aliases, docs ORDER BY e.key"
        ):
            key, name, labels, aliases, docs = r.values()
            yield StoredEntity(
                key=key,
                name=name or "",
                type=sorted(labels)[0] if labels else "",
                aliases=list(aliases or []),
                docs=sorted(docs),
            )

    def edges(self) -> Iterator[StoredEdge]:
        for r in self._stream(
            "MATCH (a:Entity)-[r]->(b:Entity) RETURN a.key, b.key, type(r), r.doc, r.evidence, r.disputed,"
            " r.reported_by, r.confidence, r.date ORDER BY type(r), a.key, b.key, r.doc"
        ):
            yield StoredEdge.from_row(*r.values())

    def documents(self) -> Iterator[StoredDocument]:
        for r in self._stream(
            "MATCH (d:Document) WHERE d.hash IS NOT NULL"
            " RETURN d.id, d.hash, d.title, d.date, d.source, d.url, d.lang, d.path ORDER BY d.id"
        ):
            yield StoredDocument(*[v or "" for v in r.values()])

    def reset(self) -> None:
        """Delete ergraph's nodes (Entity, Document) and their edges, in chunks; other data stays."""
        try:
            with self._session(neo4j.WRITE_ACCESS) as session:
                while session.execute_write(lambda tx: tx.run(RESET_CHUNK).single()[0]):
                    pass
        except Exception as exc:
            raise self._error(exc) from None

    def close(self) -> None:
        self._driver.close()
