"""Named, tested Cypher queries: `<name>.cypher`, plus `<name>.ladybug.cypher` where LadybugDB differs.

Each `<name>.cypher` is Neo4j 5 Cypher and starts with a header of `//` lines:
the first says what the query answers, the following ones explain it, then

    // param NAME (TYPE, default VALUE): what it is      (TYPE and default optional)
    // example: ergraph queries run NAME --param NAME=VALUE

A `<name>.ladybug.cypher` next to it replaces the text for the embedded store
(see `graph/dialect.py` for why variants exist); its header is not parsed.
`list_queries()` describes them all, `load_query(name, dialect)` gives the text
a store should run, and `NamedQuery.bind` turns `--param` strings into typed
parameters with defaults applied.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

from graph.dialect import NEO4J, variant_suffix

SUFFIX = ".cypher"
PARAM = re.compile(
    r"^param\s+(?P<name>\w+)\s*(?:\((?P<type>int|float|str|bool)?\s*,?\s*"
    r"(?:default\s+(?P<default>[^)]*))?\))?\s*:\s*(?P<description>.*)$"
)
TYPES = {"int": int, "float": float, "str": str, "bool": lambda v: str(v).lower() in ("1", "true", "yes")}


class UnknownQuery(KeyError):
    """No named query of that name; the message lists the ones there are."""

    def __str__(self) -> str:
        return str(self.args[0])


@dataclass(frozen=True, slots=True)
class QueryParam:
    name: str
    description: str = ""
    type: str = "str"
    default: str | None = None  # None: required

    @property
    def required(self) -> bool:
        return self.default is None


@dataclass(frozen=True, slots=True)
class NamedQuery:
    """A named query as described by its header."""

    name: str
    description: str
    details: str = ""
    params: list[QueryParam] = field(default_factory=list)
    example: str = ""
    dialects: tuple[str, ...] = (NEO4J,)  # dialects with their own variant file

    def bind(self, given: dict[str, Any]) -> dict[str, Any]:
        """Parameters for running this query: defaults filled in, values converted to the declared type."""
        known = {p.name: p for p in self.params}
        unknown = sorted(set(given) - set(known))
        if unknown:
            expected = ", ".join(known) or "none"
            names = ", ".join(unknown)
            raise ValueError(f"query {self.name} has no parameter {names} (parameters: {expected})")
        bound: dict[str, Any] = {}
        for param in self.params:
            value = given.get(param.name, param.default)
            if value is None:
                raise ValueError(f"query {self.name} needs --param {param.name}=... ({param.description})")
            if isinstance(value, str):
                try:
                    value = TYPES[param.type](_unquote(value))
                except ValueError:
                    raise ValueError(f"--param {param.name} must be {param.type}, not {value!r}") from None
            bound[param.name] = value
        return bound


def _unquote(value: str) -> str:
    value = value.strip()
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
        return value[1:-1]
    return value


def _files() -> dict[str, str]:
    """File name -> text of every .cypher file in this package."""
    root = resources.files(__package__)
    return {
        entry.name: entry.read_text(encoding="utf-8")
        for entry in root.iterdir()
        if entry.name.endswith(SUFFIX)
    }


def _base_names(files: dict[str, str]) -> list[str]:
    return sorted(name[: -len(SUFFIX)] for name in files if name.count(".") == 1)


def parse_header(name: str, text: str, dialects: tuple[str, ...] = (NEO4J,)) -> NamedQuery:
    lines = []
    for line in text.splitlines():
        if not line.startswith("//"):
            break
        lines.append(line[2:].strip())
    description, details, params, example = "", [], [], ""
    for line in lines:
        if not line:
            continue
        if line.startswith("example:"):
            example = line.removeprefix("example:").strip()
        elif (match := PARAM.match(line)) is not None:
            default = match.group("default")
            params.append(
                QueryParam(
                    name=match.group("name"),
                    description=match.group("description").strip(),
                    type=match.group("type") or "str",
                    default=_unquote(default) if default is not None else None,
                )
            )
        elif not description:
            description = line
        else:
            details.append(line)
    return NamedQuery(name, description, " ".join(details), params, example, dialects)


def list_queries() -> list[NamedQuery]:
    """Every named query, by name."""
    files = _files()
    result = []
    for name in _base_names(files):
        dialects = tuple(
            sorted({NEO4J, *(d for d in ("ladybug",) if f"{name}{variant_suffix(d)}{SUFFIX}" in files)})
        )
        result.append(parse_header(name, files[f"{name}{SUFFIX}"], dialects))
    return result


def get_query(name: str) -> NamedQuery:
    for query in list_queries():
        if query.name == name:
            return query
    raise _unknown(name)


def load_query(name: str, dialect: str) -> str:
    """The text of query `name` for a store speaking `dialect` ("neo4j" or "ladybug")."""
    files = _files()
    if f"{name}{SUFFIX}" not in files:
        raise _unknown(name)
    variant = f"{name}{variant_suffix(dialect)}{SUFFIX}"
    return files.get(variant, files[f"{name}{SUFFIX}"])


def _unknown(name: str) -> UnknownQuery:
    names = ", ".join(_base_names(_files()))
    return UnknownQuery(f"no named query {name!r}; known queries: {names}")
