"""What the CLI must never do, end to end on real stores: print a password, write through a read-only
query, run a query past its --timeout, answer a binder error on a store that lacks a table, or
replace a device, a pipe or a directory it was asked to write to.

Embedded stores are real temporary LadybugDB directories, the Bolt store is the suite's ArcadeDB
server (`bolt_target`); commands run through typer's CliRunner with exceptions not caught (a
traceback fails the test) and, where the process's own output matters, as a subprocess.
"""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest
from bolt_server import BoltTarget
from typer.testing import CliRunner

from graph.cli import app
from graph.dialect import find_write_clause
from graph.redact import redact

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
runner = CliRunner()
# No credentials from the environment: the ones in the URI are used (and must not be shown).
NO_CREDENTIALS = {"NEO4J_USERNAME": None, "NEO4J_USER": None, "NEO4J_PASSWORD": None, "ERGRAPH_STORE": None}


def slow_query(returning: str, person: str = "") -> str:
    """10^10 rows to filter (for each Person bound to `person`): hours without a timeout."""
    match, keep = (f"MATCH ({person}:Person) ", f"{person}, ") if person else ("", "")
    return (
        f"{match}UNWIND range(1, 100000) AS a UNWIND range(1, 100000) AS b"
        f" WITH {keep}a + b AS s WHERE s % 7 = 3 RETURN {returning}"
    )


def invoke(*args: str, store: str | Path | None = None, env: dict | None = None, input: str | None = None):
    argv = [*args, *(["--store", str(store)] if store is not None else [])]
    return runner.invoke(
        app, argv, env={**NO_CREDENTIALS, **(env or {})}, input=input, catch_exceptions=False
    )


def with_credentials(uri: str, user: str, password: str) -> str:
    parts = urlsplit(uri)
    return urlunsplit(parts._replace(netloc=f"{user}:{password}@{parts.netloc}"))


def graph_json(store: str | Path, env: dict | None = None) -> str:
    result = invoke("export", "--include-disputed", "-o", "-", store=store, env=env)
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.fixture(scope="module")
def seeded(tmp_path_factory) -> Path:
    store = tmp_path_factory.mktemp("safety") / "store"
    result = invoke("load", str(SEEDS), "--workers", "1", store=store)
    assert result.exit_code == 0, result.output
    return store


# -- 1. credentials -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("bolt://neo4j:s3cret@db:7687", "bolt://neo4j:***@db:7687"),
        ("neo4j+s://u:p@ss@w0rd@x.databases.neo4j.io", "neo4j+s://u:***@x.databases.neo4j.io"),
        (
            "cannot reach bolt://a:b@h:1/db (refused); retry",
            "cannot reach bolt://a:***@h:1/db (refused); retry",
        ),
        ("bolt://user@host:7687", "bolt://user@host:7687"),  # no password, nothing to hide
        ("bolt://host:7687", "bolt://host:7687"),
        (".ergraph/store", ".ergraph/store"),
        ("mail a:b@example.org", "mail a:b@example.org"),  # not a URI
    ],
)
def test_redact_masks_the_password_of_a_uri_only(text: str, shown: str) -> None:
    assert redact(text) == shown


@pytest.mark.bolt
def test_password_in_the_bolt_uri_never_appears_in_output(
    bolt_target: BoltTarget, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    password = bolt_target.password
    if len(password) < 6:
        pytest.skip("the server's password is too short to search the output for")
    monkeypatch.chdir(tmp_path)  # no .env of the project in the way
    uri = with_credentials(bolt_target.uri, bolt_target.user, password)
    shown = with_credentials(bolt_target.uri, bolt_target.user, "***")
    env = {"NEO4J_DATABASE": bolt_target.database}
    outputs = []

    def run(*args: str, code: int, input: str | None = None, store: str = uri) -> str:
        result = invoke(*args, store=store, env=env, input=input)
        text = result.stdout + result.stderr
        assert result.exit_code == code, text
        outputs.append(text)
        return text

    assert f"→ {shown}" in run("load", str(SEEDS), "--workers", "1", code=0)
    run("stats", code=0)
    run("query", "MATCH (n:Person) RETURN count(n) AS people", code=0)
    run("queries", "run", "contacts", code=0)
    run("query", "MATCH (n RETURN n", code=2)  # syntax error: the database's message
    run("query", "CREATE (:Person {key: 'Person:x'})", code=2)  # refused write
    wrong = run("stats", code=3, store=with_credentials(bolt_target.uri, bolt_target.user, "Wr0ng-s3cret-pw"))
    assert "credentials" in wrong and "Wr0ng-s3cret-pw" not in wrong
    assert f"Delete the whole graph in {shown}?" in run("reset", code=1, input="n\n")
    assert graph_json(uri, env).count('"key"') > 0  # declined: still there
    assert f"reset {shown}" in run("reset", "--yes", code=0)

    # the real process: progress lines and notes on stderr, the summary on stdout
    child_env = {k: v for k, v in os.environ.items() if not k.startswith(("NEO4J_", "ERGRAPH_"))}
    child_env.update(env)
    child = subprocess.run(
        [sys.executable, "-m", "graph.cli", "load", str(SEEDS), "--workers", "1", "--store", uri],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={**child_env, "PYTHONPATH": str(ROOT)},
        timeout=600,
    )
    assert child.returncode == 0, child.stderr
    outputs.append(child.stdout + child.stderr)
    for text in outputs:
        assert password not in text


@pytest.mark.parametrize(
    "uri",
    [
        "bolt://alice:S3cret-Pw-42@127.0.0.1:1",  # nothing listens on port 1
        "neo4j://alice:S3cret-Pw-42@127.0.0.1:1",
        "bolt://alice:S3cret@Pw-42@127.0.0.1:1",  # an unescaped @ in the password
        "bolt://alice:S3cret-Pw-42@127.0.0.1:notaport",
        "bolt://alice:S3cret-Pw-42@[::1",  # not even a URI
    ],
)
def test_password_in_an_unreachable_uri_never_appears_in_output(
    uri: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    commands = [
        (["load", str(SEEDS), "--workers", "1"], None),
        (["stats"], None),
        (["query", "MATCH (n) RETURN n"], None),
        (["queries", "run", "contacts"], None),
        (["show", "Putin"], None),
        (["export", "-o", "-"], None),
        (["reset"], "y\n"),
        (["reset", "--yes"], None),
    ]
    for args, input in commands:
        result = invoke(*args, store=uri, input=input)
        text = result.stdout + result.stderr
        assert result.exit_code == 3, (args, text)
        assert "S3cret" not in text and "Pw-42" not in text, (args, text)
        assert text.strip().splitlines()[-1].startswith("error: "), (args, text)
        if args[0] == "reset" and input:
            assert "alice:***@" in text


# -- 2. the read-only guard -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cypher", "clause"),
    [
        ("CALL `apoc.create.node`(['X'], {}) YIELD node RETURN node", "CALL apoc.create.node"),
        ("CALL apoc.`create`.node(['X'], {}) YIELD node RETURN node", "CALL apoc.create.node"),
        ("CALL `apoc`.`create`.`node`(['X'], {})", "CALL apoc.create.node"),
        ("CALL apoc . create /* a comment */ . node(['X'], {})", "CALL apoc.create.node"),
        ("CALL/**/apoc.create.node(['X'], {})", "CALL apoc.create.node"),
        ("CALL//line comment\napoc.create.node(['X'], {})", "CALL apoc.create.node"),
        ("CALL\u00a0apoc.create.node(['X'], {})", "CALL apoc.create.node"),  # no-break space
        ("CALL\u3000apoc.create.node(['X'], {})", "CALL apoc.create.node"),  # ideographic space
        ("CALL\u200bapoc.create.node(['X'], {})", "CALL"),  # not a name after CALL: refused as well
        ("CALL db.labels.()", "CALL"),
        ("call\n\t`db.labels`() YIELD label RETURN label", None),
        ("CALL `db`.labels() YIELD label RETURN label", None),
        ("CREATE\u00a0(:Person {key: 'x'})", "CREATE"),
        ("MATCH (n)\u2028SET n.x = 1", "SET"),
        ("MATCH (n) RETURN n /* */ CREATE (m)", "CREATE"),
        ("MATCH (n) RETURN 1 // comment\nDETACH DELETE n", "DETACH"),
        ("MATCH (n) WITH n AS `.` CREATE (m)", "CREATE"),  # a quoted '.' is a name, not a dot
        ("UNWIND [1] AS i CALL { RETURN 1 } IN /* */ TRANSACTIONS", "CALL { ... } IN TRANSACTIONS"),
        ("MATCH (n) RETURN n.`CREATE`, n. set, `DELETE`", None),
        ("MATCH (n) RETURN n.`a``b` // CREATE", None),
        ("MATCH (n) RETURN 'it''s', \"CALL apoc.create.node()\"", None),
        ("CALL (n) { RETURN 1 AS x } RETURN x", None),
        ("MATCH (start)-[*1..3]->(end) RETURN start", None),
    ],
)
def test_write_check_sees_through_quotes_comments_and_white_space(cypher: str, clause: str | None) -> None:
    assert find_write_clause(cypher) == clause


BACKTICKED_WRITES = [
    "CALL `apoc.create.node`(['Person'], {key: 'Person:intruder', name: 'Intruder'}) YIELD node RETURN node",
    "CALL `apoc`.create.node(['Person'], {key: 'Person:intruder'}) YIELD node RETURN node",
    "CALL /* x */ `apoc.create.relationship`(NULL, 'CONTACTED', {}, NULL) YIELD rel RETURN rel",
    "MATCH (n:Person)\u00a0SET n.name = 'changed' RETURN n",
]


@pytest.mark.parametrize("cypher", BACKTICKED_WRITES)
def test_backticked_write_is_refused_on_the_embedded_store_and_changes_nothing(
    seeded: Path, cypher: str
) -> None:
    before = graph_json(seeded)
    result = invoke("query", cypher, store=seeded)
    assert result.exit_code == 2, result.output
    assert "read-only unless you add --write" in result.stderr
    assert graph_json(seeded) == before


@pytest.mark.bolt
def test_backticked_write_is_refused_on_the_bolt_store_and_changes_nothing(
    bolt_target: BoltTarget, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """ArcadeDB ignores the READ access mode (graph/dialect.py): the write check is what stops a write."""
    monkeypatch.chdir(tmp_path)
    env = bolt_target.env()
    assert invoke("load", str(SEEDS), "--workers", "1", env=env).exit_code == 0
    before = graph_json(bolt_target.uri, env)
    for cypher in BACKTICKED_WRITES:
        result = invoke("query", cypher, env=env)
        assert result.exit_code == 2, result.output
        assert "read-only unless you add --write" in result.stderr
    assert graph_json(bolt_target.uri, env) == before


# -- 3. timeouts ----------------------------------------------------------------------------------------


def test_query_timeout_stops_a_slow_query_on_the_embedded_store(seeded: Path) -> None:
    started = time.monotonic()
    result = invoke("query", slow_query("count(*) AS n"), "--timeout", "0.5", store=seeded)
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith("error: query timed out after 0.5 s")
    assert len(result.stderr.strip().splitlines()) == 1
    assert time.monotonic() - started < 30  # without the timeout: 10^10 rows, hours


def test_viz_query_takes_the_same_timeout(seeded: Path, tmp_path: Path) -> None:
    out = tmp_path / "q.html"
    result = invoke(
        "viz", "--query", slow_query("p", person="p"), "--timeout", "0.5", "-o", str(out), store=seeded
    )
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith("error: query timed out after 0.5 s")
    assert not out.exists() and list(tmp_path.iterdir()) == []
    fast = invoke(
        "viz", "--query", "MATCH (p:Person) RETURN p", "--timeout", "30", "-o", str(out), store=seeded
    )
    assert fast.exit_code == 0, fast.output


# -- 4. a store without the table a query names ---------------------------------------------------------


def test_queries_on_an_empty_store_say_to_load_documents_first(tmp_path: Path) -> None:
    store = tmp_path / "store"
    assert invoke("reset", "--yes", store=store).exit_code == 0  # a fresh, empty store
    for args in (
        ["queries", "run", "contacts"],
        ["queries", "run", "contacts", "--format", "json"],
        ["query", "MATCH (a)-[r:CONTACTED]->(b) RETURN a.name, b.name"],
    ):
        result = invoke(*args, store=store)
        assert result.exit_code == 2, result.output
        assert result.stdout == ""
        assert result.stderr == (
            f"error: the store {store} holds no documents yet, so no CONTACTED relations"
            " — load documents first (ergraph load FOLDER)\n"
        )
    assert invoke("query", "MATCH (p:Person) RETURN p.name", store=store).exit_code == 0  # tables it has


def test_queries_on_a_store_lacking_a_relation_table_say_so(tmp_path: Path) -> None:
    store = tmp_path / "store"
    doc = tmp_path / "order.txt"
    doc.write_text("Rina Hartono memerintahkan Budi Santoso untuk menghentikan ekspor ke Malaysia.\n")
    assert invoke("load", str(doc), store=store).exit_code == 0
    stats = invoke("stats", "--format", "csv", store=store).stdout
    assert "relations:INSTRUCTED,1" in stats and "CONTACTED" not in stats

    result = invoke("queries", "run", "contacts", store=store)
    assert result.exit_code == 2
    assert result.stderr == (
        "error: the store holds no CONTACTED relations yet: none of its 1 document states one"
        " — load documents that do\n"
    )
    assert "Binder" not in result.output
    assert invoke("queries", "run", "instruction_chains", store=store).exit_code == 0

    typo = invoke("query", "MATCH (p:Persn) RETURN p", store=store)
    assert typo.exit_code == 2
    assert typo.stderr == "error: the store has no label or relation type 'Persn'; did you mean Person?\n"
    unknown = invoke("query", "MATCH ()-[r:ZZZ_QQQ]->() RETURN r", store=store)
    assert (
        unknown.exit_code == 2 and "'ZZZ_QQQ'; it holds" in unknown.stderr and "INSTRUCTED" in unknown.stderr
    )


# -- 5. output paths ------------------------------------------------------------------------------------


def _not_regular_targets(tmp_path: Path) -> dict[Path, str]:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    targets = {fifo: "a named pipe"}
    if os.geteuid() == 0:  # a device like /dev/full (1, 7), made here so a bug cannot damage /dev
        device = tmp_path / "full"
        try:
            os.mknod(device, 0o666 | stat.S_IFCHR, os.makedev(1, 7))
            targets[device] = "a character device"
        except OSError:
            pass
    link = tmp_path / "to-pipe"
    link.symlink_to(fifo)
    targets[link] = "a named pipe (through a symbolic link)"
    (tmp_path / "dir").mkdir()
    targets[tmp_path / "dir"] = ""
    return targets


@pytest.mark.parametrize("command", ["viz", "export"])
def test_output_that_is_not_a_regular_file_is_refused_and_left_alone(
    seeded: Path, tmp_path: Path, command: str
) -> None:
    targets = _not_regular_targets(tmp_path)
    before = {p.name: (p.lstat().st_mode, p.lstat().st_ino) for p in tmp_path.iterdir()}
    for out, kind in targets.items():
        result = invoke(command, "-o", str(out), store=seeded)
        assert result.exit_code == 1, result.output
        expected = f"it is {kind}, not a regular file" if kind else "it is a directory"
        assert result.stderr == f"error: cannot write {out}: {expected}\n"
    assert {p.name: (p.lstat().st_mode, p.lstat().st_ino) for p in tmp_path.iterdir()} == before
    assert list((tmp_path / "dir").iterdir()) == []


@pytest.mark.parametrize("command", ["viz", "export"])
def test_output_where_no_file_can_be_created_is_a_one_line_error(
    seeded: Path, tmp_path: Path, command: str
) -> None:
    """Also as root: nobody can create a file under /proc or below a regular file."""
    (tmp_path / "file").write_text("x")
    targets = [tmp_path / "file" / "g.html", tmp_path / "missing" / "g.html"]
    if Path("/proc/self").is_dir():
        targets.append(Path("/proc") / f"ergraph-safety-{os.getpid()}.html")
    for out in targets:
        result = invoke(command, "-o", str(out), store=seeded)
        assert result.exit_code == 1, result.output
        assert result.stderr.startswith(f"error: cannot write {out}: ") and result.stderr.count("\n") == 1
        assert not out.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["file"]
    assert (tmp_path / "file").read_text() == "x"
