"""Where the Cypher of Neo4j 5, ArcadeDB's Bolt endpoint and LadybugDB differ, in one place.

ergraph writes Neo4j 5 Cypher in `graph/neo4j_store.py` and LadybugDB Cypher in
`graph/embedded_store.py`; named queries keep a `<name>.ladybug.cypher` variant
next to `<name>.cypher` only where the text must differ. This module records
every difference we rely on (measured against neo4j 5.26 semantics, ArcadeDB
26.10 over Bolt with the neo4j 6 driver, and LadybugDB 0.22), and holds the one
guard that both stores share: `find_write_clause`, the conservative check that
keeps `ergraph query` read-only unless `--write` is given.

Differences, and what ergraph does about them:

Neo4j 5 vs LadybugDB (named queries get a `.ladybug.cypher` variant):
- Labels. Neo4j entity nodes carry two labels, `:Entity:Person`; LadybugDB has
  one node table per label and no `Entity` table, so a query over all entities
  uses a label-less `MATCH (e)` and excludes documents with
  `WHERE label(e) <> 'Document'`. Neo4j's `labels(n)` (a list) is `label(n)` (a
  string) in LadybugDB, and `type(r)` is `label(r)`. `ENTITY_TYPE` below is the
  expression giving an entity's type name in each dialect.
- Shortest paths. Neo4j: `MATCH p = shortestPath((a)-[:!MENTIONS*..6]-(b))`.
  LadybugDB: `MATCH p = (a)-[* SHORTEST 1..6 (r, n | WHERE label(r) <>
  'MENTIONS')]-(b)`. When several paths are equally short, each database
  picks its own (so named queries compare only the length across stores).
- Variable-length paths. Neo4j never repeats a relationship in a path;
  LadybugDB walks may, unless the pattern says `* ACYCLIC`. LadybugDB's
  recursive join over a relationship type declared between every pair of
  entity tables is slow: `-[:INSTRUCTED* ACYCLIC 2..3]->` did not finish in
  60 s at 20,000 entities, where the same chains built hop by hop
  (`MATCH ... WITH DISTINCT a, b MATCH ...`) took 0.3 s. Named queries that
  follow chains therefore go hop by hop, which also counts an edge reported
  by many documents once (instruction_chains: two hops; three made the
  synthetic 100k-entity graph of bench/bench_store.py use over 10 GB).
- Existential subqueries: Neo4j accepts pattern predicates
  (`WHERE NOT ()-[:X]->(a)`); LadybugDB needs `NOT EXISTS { MATCH ... }`.
- List predicates: `any(s IN e.aliases WHERE toLower(s) = toLower($name))`
  trips an internal assertion in LadybugDB 0.22 when a $parameter appears in
  the predicate, and a lambda (`list_transform(e.aliases, s -> toLower(s))`)
  in a WHERE before a `* SHORTEST` match made a 2,000-node search run for
  minutes. The variants match aliases in any case with plain string functions:
  `('\t' + toLower(list_to_string('\t', e.aliases)) + '\t') CONTAINS
  ('\t' + toLower($name) + '\t')`. LadybugDB has
  no list comprehension (`[x IN l | f(x)]` is `list_transform(l, x -> f(x))`),
  cannot ORDER BY a list (order by `list_to_string(sep, l)`), and its `sum` of
  integers is a 128-bit integer (a Python Decimal): count with
  `count(CASE WHEN ... THEN 1 END)` instead.
- A comma-separated MATCH of two indexed lookups is a cross product in
  LadybugDB (see MEASURED.md): always write two MATCH clauses.
- A label or relationship type the store has no table for is an error in
  LadybugDB (`Binder exception: Table CONTACTED does not exist.`), where Neo4j
  and ArcadeDB return no rows. The embedded store creates a relation type's
  table when it first writes one, so on a fresh store, or one whose documents
  state no CONTACTED, the `contacts` query fails: `missing_table` recognises the
  error, and `graph.explore.run_query` says what the store lacks instead.

ArcadeDB's Bolt endpoint vs Neo4j 5 (the Bolt store keeps the Neo4j 5 form):
- The database must exist before the first Bolt session: it is created over
  HTTP (`POST /api/v1/server {"command": "create database NAME"}`), see
  `tests/bolt_server.py`. Neo4j's default database needs nothing.
- Two labels (`:Entity:Person`) become an ArcadeDB type `Entity~Person` under
  `Entity`, and the `Entity.key` constraint covers it. `SET e:Person` on an
  existing node re-creates the record; inside an explicit transaction that
  fails with DuplicatedKeyException on the key index (in auto-commit it works).
  So the store never relabels: on Neo4j it merges on both labels at once,
  `MERGE (e:Entity:Person {key: ...})`, and on ArcadeDB it creates missing
  entities with both labels (next point). On either
  server a key already stored under another type label then fails the batch
  with a constraint violation; entity keys carry their type (`Person:...`), so
  that is a bug upstream, not data to merge.
- `MATCH (e:Entity {key: r.key})` uses the uniqueness index, but with two
  labels, `(e:Entity:Person {key: r.key})` in MATCH or MERGE, ArcadeDB scans
  every node (27 s for 1,000 rows among 20,000 entities). On ArcadeDB the store
  therefore writes entities with `ARCADEDB_ENTITY_STATEMENTS` below: update
  the existing ones found through `:Entity`, then create the missing ones with
  both labels. Neo4j keeps the single MERGE, which also locks the key against
  a concurrent writer.
- Neo4j 5 `CREATE CONSTRAINT ... IF NOT EXISTS ... REQUIRE e.key IS UNIQUE`,
  UNWIND/MERGE, lists as properties, `elementId`, `shortestPath`,
  `CALL {...} IN TRANSACTIONS`, `db.labels()` behave as in Neo4j.
- A READ access-mode session does not stop a write on ArcadeDB (Neo4j answers
  `Neo.ClientError.Statement.AccessMode`), so `find_write_clause` is what
  actually refuses writes there; both are used.
- A transaction timeout (`neo4j.Query(text, timeout=...)`) is ignored by
  ArcadeDB: a slow query runs to completion. Neo4j stops it.
- A query that returns no rows comes back with no column names either
  (Neo4j names the columns of an empty result). `Neo4jStore.server_agent`
  says which server answered ("... (ArcadeDB 26.10.2)").
- `shortestPath(...) WHERE <predicate on the path>` is filtered after the
  search on ArcadeDB (no path if the shortest one fails the predicate) but
  during it on Neo4j. Named queries use a relationship type expression
  instead, `[:!MENTIONS*..6]` (Neo4j 5 label expressions), same on both.
- Every error carries GQL status 50N42; classify by `neo4j_code`
  (`Neo.ClientError.Statement.SyntaxError`,
  `Neo.ClientError.Schema.ConstraintValidationFailed`,
  `Neo.ClientError.Security.Unauthorized`,
  `Neo.ClientError.Database.DatabaseNotFound`), which both servers send.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

NEO4J = "neo4j"
LADYBUG = "ladybug"
DIALECTS = (NEO4J, LADYBUG)

# File suffix of a named query's variant for each dialect ("" = the common `<name>.cypher`).
VARIANT_SUFFIX = {NEO4J: "", LADYBUG: ".ladybug"}

# The entity's type name (Person, Organization, ...) as an expression on variable `e`.
ENTITY_TYPE = {
    NEO4J: "[l IN labels(e) WHERE l <> 'Entity'][0]",
    LADYBUG: "label(e)",
}

# Entity rows of one label on ArcadeDB (see the module docstring): existing entities gain aliases,
# missing ones are created with both labels. `{label}` is spliced in after check_identifier.
ARCADEDB_ENTITY_STATEMENTS = (
    "UNWIND $rows AS r MATCH (e:Entity {{key: r.key}})"
    " SET e.aliases = coalesce(e.aliases, []) + [a IN r.aliases WHERE NOT a IN coalesce(e.aliases, [])]",
    "UNWIND $rows AS r OPTIONAL MATCH (e:Entity {{key: r.key}}) WITH r, e WHERE e IS NULL"
    " CREATE (:Entity:{label} {{key: r.key, name: r.name, aliases: r.aliases}})",
)


def is_arcadedb(server_agent: str) -> bool:
    """Whether a Bolt server's agent string ("Neo4j/5.26.0 compatible (ArcadeDB 26.10.2)") is ArcadeDB."""
    return "ArcadeDB" in server_agent


# Words that start a clause changing data or schema, in either dialect.
WRITE_KEYWORDS = (
    "CREATE",
    "MERGE",
    "SET",
    "DELETE",
    "DETACH",
    "REMOVE",
    "DROP",
    "FOREACH",
    "LOAD",  # LOAD CSV (Neo4j), LOAD FROM / LOAD EXTENSION (LadybugDB)
    "COPY",  # LadybugDB bulk import/export
    "ALTER",
    "INSTALL",
    "ATTACH",
    "IMPORT",
    "EXPORT",
    "CHECKPOINT",
    "GRANT",
    "REVOKE",
    "DENY",
)
# Procedures a read-only query may CALL (anything else could write: apoc.create.*, db.create.*, ...).
READ_PROCEDURES = re.compile(
    r"(db\.(labels|relationshipTypes|propertyKeys|schema\.\w+|indexes|constraints|info|ping)"
    r"|dbms\.(components|procedures|functions)"
    r"|show_tables|table_info|show_connection|show_functions|db_version|current_setting)$",
    re.IGNORECASE,
)

# One token of a query. Strings, comments and backtick-quoted names are whole tokens, so a keyword
# inside them does not count, and a quoted name (`apoc.create.node`) is still a name.
_TOKEN = re.compile(
    r"""(?P<string>'(?:[^'\\]|\\.)*'?|"(?:[^"\\]|\\.)*"?)   # a string (unterminated: to the end)
      | (?P<quoted>`(?:[^`]|``)*`?)                         # a backtick-quoted name, `` escapes `
      | (?P<comment>//[^\n]*|/\*.*?(?:\*/|\Z))              # a line or block comment
      | (?P<space>\s+)                                      # any Unicode white space
      | (?P<number>\d[\w.]*)                                # 1, 1.5e3, 0x1F
      | (?P<name>[^\W\d]\w*)                                # a plain name or keyword
      | (?P<other>.)                                        # punctuation, anything else
    """,
    re.VERBOSE | re.DOTALL,
)
_AFTER_NOT_A_CLAUSE = {".", "$", ":"}  # n.set, $merge, :Create are a property, a parameter, a label


@dataclass(frozen=True, slots=True)
class _Token:
    kind: str  # "name" (plain), "quoted" (backticks, with the name unquoted), "other", "number", "string"
    text: str

    def punctuation(self, *marks: str) -> bool:
        return self.kind == "other" and self.text in marks


def _tokens(cypher: str) -> list[_Token]:
    """The query's significant tokens: no white space or comments, quoted names unquoted."""
    out = []
    for match in _TOKEN.finditer(cypher):
        kind = match.lastgroup or "other"
        if kind in ("space", "comment"):
            continue
        text = match.group()
        if kind == "quoted":
            text = text[1:-1] if len(text) > 1 and text.endswith("`") else text[1:]
            text = text.replace("``", "`")
        out.append(_Token(kind, text))
    return out


def _procedure_name(tokens: list[_Token], start: int) -> str:
    """The dotted procedure name at tokens[start:] (`db.labels`, `apoc`.`create`.node, `a.b`);
    "" unless it is names joined by dots."""
    parts = []
    i = start
    while i < len(tokens) and tokens[i].kind in ("name", "quoted"):
        parts.append(tokens[i].text)
        if i + 1 < len(tokens) and tokens[i + 1].punctuation("."):
            i += 2
        else:
            return ".".join(parts)
    return ""  # nothing, or a dot followed by something else


def find_write_clause(cypher: str) -> str | None:
    """The first clause of `cypher` that may write, or None for a read-only query.

    Conservative on purpose: a property, label or parameter named like a
    keyword (`n.set`, `:Create`, `$merge`) or a backtick-quoted name
    (`` `CREATE` ``) is fine, but any procedure call not known to be read-only
    is treated as a write, however its name is quoted, spaced or commented
    (``CALL `apoc.create.node` ``, `CALL apoc . create /* */ . node`), and so is
    a CALL followed by anything that is neither a name nor a subquery.
    """
    tokens = _tokens(cypher)
    words = [
        t.text.upper()
        if t.kind == "name" and not (i and tokens[i - 1].punctuation(*_AFTER_NOT_A_CLAUSE))
        else None
        for i, t in enumerate(tokens)
    ]
    for i in range(len(words) - 1):
        if words[i] == "IN" and words[i + 1] == "TRANSACTIONS":
            return "CALL { ... } IN TRANSACTIONS"
    for i, word in enumerate(words):
        if word in WRITE_KEYWORDS:
            if word == "LOAD":
                return f"LOAD {tokens[i + 1].text.upper()}" if i + 1 < len(tokens) else "LOAD"
            return word
    for i, word in enumerate(words):
        if word != "CALL":
            continue
        # a subquery, CALL { ... } or CALL (x) { ... }: its clauses were checked above
        if i + 1 < len(tokens) and tokens[i + 1].punctuation("{", "("):
            continue
        name = _procedure_name(tokens, i + 1)
        if not name:
            return "CALL"
        if not READ_PROCEDURES.match(name):
            return f"CALL {name}"
    return None


_MISSING_TABLE = re.compile(r"\bTable (\S+?) does not exist\b")
# LadybugDB's catalogue: the node and relationship tables a store holds (Neo4j has no tables)
LADYBUG_TABLES = "CALL show_tables() RETURN name"


def missing_table(message: str) -> str | None:
    """The label or relation type a LadybugDB error says has no table, else None."""
    match = _MISSING_TABLE.search(message)
    return match.group(1).strip("`") if match else None


def variant_suffix(dialect: str) -> str:
    if dialect not in VARIANT_SUFFIX:
        raise ValueError(f"unknown Cypher dialect {dialect!r}; expected one of {', '.join(DIALECTS)}")
    return VARIANT_SUFFIX[dialect]
