"""A real Bolt server for the tests: ArcadeDB's Bolt endpoint (PyPI `arcadedb-embedded`, JRE bundled).

`BoltServer` runs `arcadedb_embedded.ArcadeDBServer` with the Bolt plugin in a
child process (this file run as a script) on free ports, with its root path in
its own temporary directory and its working directory (where ArcadeDB writes
`log/`) beside it, not inside it. A child process rather than the pytest process
because it keeps the JVM out of pytest, lets a test stop and restart the server
on the same data (the fault test of issue 7), and dies with pytest: the child
exits when its stdin closes. Databases are created over ArcadeDB's HTTP API,
since Bolt cannot create them (see `graph/dialect.py`).

`BoltTarget` is what a test needs to connect, either to that server or, when
`NEO4J_URI` is set (`make test-neo4j`), to a real Neo4j.
"""

from __future__ import annotations

import base64
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import urllib.error
import urllib.request
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path

START_TIMEOUT = 180.0
READY = "ERGRAPH-BOLT-READY"


@dataclass(frozen=True)
class BoltTarget:
    """Where a Bolt test connects; `env()` gives the variables `Neo4jStore.from_env` reads."""

    uri: str
    user: str
    password: str
    database: str | None = None

    def env(self) -> dict[str, str]:
        env = {"ERGRAPH_STORE": self.uri, "NEO4J_USERNAME": self.user, "NEO4J_PASSWORD": self.password}
        if self.database:
            env["NEO4J_DATABASE"] = self.database
        return env

    def with_database(self, database: str | None) -> BoltTarget:
        return BoltTarget(self.uri, self.user, self.password, database)

    @classmethod
    def from_environ(cls) -> BoltTarget | None:
        """A real Neo4j named by NEO4J_URI (and NEO4J_USERNAME / NEO4J_PASSWORD / NEO4J_DATABASE)."""
        uri = os.environ.get("NEO4J_URI")
        if not uri:
            return None
        return cls(
            uri,
            os.environ.get("NEO4J_USERNAME", "neo4j"),
            os.environ.get("NEO4J_PASSWORD", ""),
            os.environ.get("NEO4J_DATABASE") or None,
        )


def free_ports(n: int) -> list[int]:
    """`n` distinct TCP ports free on localhost right now."""
    with ExitStack() as stack:
        ports = []
        for _ in range(n):
            sock = stack.enter_context(socket.socket(socket.AF_INET, socket.SOCK_STREAM))
            sock.bind(("127.0.0.1", 0))
            ports.append(sock.getsockname()[1])
        return ports


class BoltServer:
    """ArcadeDB with Bolt in a child process; `start`, `stop`, `restart` keep the same ports and data."""

    def __init__(self, workdir: Path, password: str = "ergraph-test-pw") -> None:
        self.workdir = Path(workdir)
        self.root = self.workdir / "root"
        self.run_dir = self.workdir / "run"  # the server's cwd: its log/ and JVM crash files go here
        self.user = "root"
        self.password = password
        self.http_port, self.https_port, self.bolt_port = free_ports(3)
        self._process: subprocess.Popen[str] | None = None

    @property
    def uri(self) -> str:
        return f"bolt://localhost:{self.bolt_port}"

    def target(self, database: str) -> BoltTarget:
        return BoltTarget(self.uri, self.user, self.password, database)

    @property
    def log_path(self) -> Path:
        return self.run_dir / "server.log"

    def start(self) -> None:
        if self._process is not None:
            return
        self.root.mkdir(parents=True, exist_ok=True)
        self.run_dir.mkdir(parents=True, exist_ok=True)
        args = [
            sys.executable,
            str(Path(__file__).resolve()),
            "--root",
            str(self.root),
            "--http-port",
            str(self.http_port),
            "--https-port",
            str(self.https_port),
            "--bolt-port",
            str(self.bolt_port),
        ]
        env = {
            **os.environ,
            "ARCADEDB_PASSWORD": self.password,
            "ARCADEDB_JVM_ERROR_FILE": str(self.run_dir / "hs_err_pid%p.log"),
        }
        log = open(self.log_path, "a", encoding="utf-8")  # noqa: SIM115 - the child owns it
        try:
            self._process = subprocess.Popen(
                args,
                cwd=self.run_dir,
                env=env,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=log,
                text=True,
            )
        finally:
            log.close()
        line = self._wait_ready()
        if line != READY:
            self.stop(kill=True)
            tail = self.log_path.read_text(encoding="utf-8", errors="replace")[-3000:]
            raise RuntimeError(f"ArcadeDB Bolt server did not start ({line!r}); log tail:\n{tail}")

    def _wait_ready(self) -> str:
        assert self._process is not None and self._process.stdout is not None
        stdout = self._process.stdout
        out: list[str] = []

        def read() -> None:
            for line in stdout:
                out.append(line.strip())
                if out[-1] == READY:
                    return
            out.append("exited")

        reader = threading.Thread(target=read, daemon=True)
        reader.start()
        reader.join(START_TIMEOUT)
        return out[-1] if out else "timeout"

    def stop(self, *, kill: bool = False) -> None:
        """Stop the server: cleanly (close its stdin) or, with `kill`, by SIGKILL like a crash."""
        process, self._process = self._process, None
        if process is None:
            return
        if kill:
            process.send_signal(signal.SIGKILL)
        else:
            try:
                assert process.stdin is not None
                process.stdin.close()
            except OSError:
                pass
        try:
            process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        if process.stdout is not None:
            process.stdout.close()

    def restart(self) -> None:
        self.stop()
        self.start()

    @property
    def running(self) -> bool:
        return self._process is not None and self._process.poll() is None

    # -- databases over HTTP ------------------------------------------------------------------------

    def command(self, command: str) -> dict:
        """Run a server command (`create database x`, `drop database x`) through the HTTP API."""
        token = base64.b64encode(f"{self.user}:{self.password}".encode()).decode()
        request = urllib.request.Request(
            f"http://localhost:{self.http_port}/api/v1/server",
            data=json.dumps({"command": command}).encode(),
            headers={"Authorization": f"Basic {token}", "Content-Type": "application/json"},
            method="POST",
        )
        try:
            with urllib.request.urlopen(request, timeout=60) as response:
                return json.loads(response.read() or b"{}")
        except urllib.error.HTTPError as exc:
            detail = exc.read().decode(errors="replace")
            raise RuntimeError(f"ArcadeDB {command!r} failed: {detail}") from None

    def create_database(self, name: str) -> BoltTarget:
        self.command(f"create database {name}")
        return self.target(name)

    def drop_database(self, name: str) -> None:
        self.command(f"drop database {name}")


def _serve(argv: list[str]) -> None:
    """Child process: start ArcadeDB with Bolt, print READY, stop when stdin closes or on SIGTERM."""
    import argparse

    parser = argparse.ArgumentParser()
    parser.add_argument("--root", required=True)
    parser.add_argument("--http-port", type=int, required=True)
    parser.add_argument("--https-port", type=int, required=True)
    parser.add_argument("--bolt-port", type=int, required=True)
    args = parser.parse_args(argv)

    import arcadedb_embedded

    server = arcadedb_embedded.ArcadeDBServer(
        root_path=str(Path(args.root).resolve()),
        root_password=os.environ["ARCADEDB_PASSWORD"],
        config={
            "server_plugins": "Bolt:com.arcadedb.bolt.BoltProtocolPlugin",
            "bolt_port": args.bolt_port,
            "http_port": args.http_port,
            "server_httpsIncomingPort": args.https_port,
        },
    )
    server.start()
    stopping = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stopping.set())
    threading.Thread(target=lambda: (sys.stdin.read(), stopping.set()), daemon=True).start()
    print(READY, flush=True)
    while not stopping.wait(0.5):
        pass
    server.stop()
    # The JVM keeps non-daemon threads; leave without waiting for them.
    sys.stdout.flush()
    os._exit(0)


if __name__ == "__main__":
    _serve(sys.argv[1:])
