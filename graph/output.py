"""Render query results as a table, JSON or CSV, streaming row by row.

Values from either store (nodes, relationships, paths, lists, dates) are turned
into plain JSON-able values first, so every format shows the same thing.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from typing import Any, TextIO

FORMATS = ("table", "json", "csv")
TABLE_CELL = 60


def plain(value: Any) -> Any:
    """A JSON-able version of a database value."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items() if not str(k).startswith("_") or k == "_label"}
    if isinstance(value, list | tuple | set):
        return [plain(v) for v in value]
    if hasattr(value, "items") and hasattr(value, "labels"):  # neo4j Node
        return {"_labels": sorted(value.labels), **{k: plain(v) for k, v in value.items()}}
    if hasattr(value, "items") and hasattr(value, "type"):  # neo4j Relationship
        return {"_type": value.type, **{k: plain(v) for k, v in value.items()}}
    if hasattr(value, "iso_format"):  # neo4j temporal types
        return value.iso_format()
    return str(value)


def _cell(value: Any) -> str:
    v = plain(value)
    text = v if isinstance(v, str) else json.dumps(v, ensure_ascii=False)
    text = " ".join(text.split())
    return text if len(text) <= TABLE_CELL else text[: TABLE_CELL - 1] + "…"


def write_rows(columns: list[str], rows: Iterable[list[Any]], fmt: str, out: TextIO) -> int:
    """Write rows in `fmt` to `out`; returns the number of rows."""
    if fmt == "json":
        return _write_json(columns, rows, out)
    if fmt == "csv":
        writer = csv.writer(out)
        writer.writerow(columns)
        n = 0
        for row in rows:
            writer.writerow([_cell_csv(v) for v in row])
            n += 1
        return n
    return _write_table(columns, rows, out)


def _cell_csv(value: Any) -> str:
    v = plain(value)
    return v if isinstance(v, str) else json.dumps(v, ensure_ascii=False)


def _write_json(columns: list[str], rows: Iterable[list[Any]], out: TextIO) -> int:
    out.write("[")
    n = 0
    for row in rows:
        out.write(",\n " if n else "\n ")
        out.write(json.dumps(dict(zip(columns, (plain(v) for v in row), strict=False)), ensure_ascii=False))
        n += 1
    out.write("\n]\n" if n else "]\n")
    return n


def _write_table(columns: list[str], rows: Iterable[list[Any]], out: TextIO, chunk: int = 500) -> int:
    """A fixed-width table; widths are taken per chunk of rows so huge results still stream."""
    n = 0
    it: Iterator[list[Any]] = iter(rows)
    first = True
    while True:
        cells = []
        for row in it:
            cells.append([_cell(v) for v in row])
            if len(cells) >= chunk:
                break
        if not cells and not first:
            break
        widths = [max([len(c), *(len(r[i]) for r in cells)]) for i, c in enumerate(columns)]
        if first:
            out.write(" | ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True)).rstrip() + "\n")
            out.write("-+-".join("-" * w for w in widths) + "\n")
            first = False
        for r in cells:
            out.write(" | ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() + "\n")
        n += len(cells)
        if len(cells) < chunk:
            break
    out.write(f"({n} row{'s' if n != 1 else ''})\n")
    return n


def parse_params(pairs: list[str]) -> dict[str, Any]:
    """`key=value` pairs; a value that parses as JSON (42, true, ["a"]) is taken as such, else as text."""
    params: dict[str, Any] = {}
    for pair in pairs:
        key, sep, raw = pair.partition("=")
        if not sep or not key.strip():
            raise ValueError(f"--param {pair!r}: expected key=value")
        try:
            value: Any = json.loads(raw)
        except json.JSONDecodeError:
            value = raw
        params[key.strip()] = value
    return params
