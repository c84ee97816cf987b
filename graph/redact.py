"""Keep passwords out of what ergraph prints: `bolt://user:secret@host` is shown as `bolt://user:***@host`.

A Neo4j store may be named with its credentials in the URI (`--store
bolt://neo4j:secret@db:7687`). Issue 7 asks that credentials are never echoed,
logged or written to exports, so every store location and every error message
the command line prints goes through `redact` first. The user name stays (it
helps with "wrong credentials" messages); only the password is masked.
"""

from __future__ import annotations

import re

MASK = "***"

# scheme://user:password@ — the password runs to the last "@" before the next "/" or blank, as a
# URI parser (and the Neo4j driver) reads an unescaped "@" in a password.
_USERINFO_PASSWORD = re.compile(
    r"(?P<head>\b[A-Za-z][A-Za-z0-9+.-]*://[^\s/@:]*:)(?P<password>[^\s/]*)(?P<at>@)"
)


def redact(text: str) -> str:
    """`text` with the password of every `scheme://user:password@` in it replaced by `***`."""
    return _USERINFO_PASSWORD.sub(lambda m: m["head"] + MASK + m["at"] if m["password"] else m[0], text)
