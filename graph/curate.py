"""Curator decisions (`ergraph merge`, `ergraph split`): record them and re-apply them to the stored graph.

The decision goes to the resolutions file (see `loaders/resolutions.py`), which
every later load applies. To make the graph reflect it at once, the documents
that mention the entities involved are re-extracted from their stored paths.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from graph.explore import NotFound, find_entity
from graph.load import LoadOptions, load_paths
from graph.model import LoadSummary
from graph.store import Store
from loaders.resolutions import record_merge, record_split


@dataclass(slots=True)
class CurationResult:
    recorded: str  # what was written to the resolutions file
    reloaded: LoadSummary | None  # the re-extraction of affected documents, if any
    missing: list[str]  # stored document paths that no longer exist


def _key_or_form(store: Store, name: str) -> tuple[str, set[str]]:
    """The entity key for `name` if the store knows it (and its documents), else the name itself."""
    try:
        entity = find_entity(store, name)
    except NotFound:
        return name, set()
    return entity.key, set(entity.docs)


def _reload(store: Store, doc_ids: set[str], resolutions: Path) -> tuple[LoadSummary | None, list[str]]:
    paths = sorted({d.path for d in store.documents() if d.id in doc_ids and d.path})
    present = [Path(p) for p in paths if Path(p).exists()]
    missing = [p for p in paths if not Path(p).exists()]
    if not present:
        return None, missing
    summary = load_paths(store, present, LoadOptions(force=True, resolutions=resolutions))
    return summary, missing


def merge(store: Store, keep: str, other: str, resolutions: Path) -> CurationResult:
    """Record that `other` is the same entity as `keep`, then re-extract the documents naming either."""
    keep_key, keep_docs = _key_or_form(store, keep)
    other_key, other_docs = _key_or_form(store, other)
    if keep_key == other_key:
        raise ValueError(f"{keep!r} and {other!r} are already the same entity ({keep_key})")
    record_merge(keep_key, other_key, resolutions)
    reloaded, missing = _reload(store, keep_docs | other_docs, resolutions)
    return CurationResult(f"merge {other_key} into {keep_key}", reloaded, missing)


def split(store: Store, entity: str, alias: str | None, resolutions: Path) -> CurationResult:
    """Record that `alias` (or every name form) must not merge into `entity`, then re-extract."""
    key, docs = _key_or_form(store, entity)
    record_split(key, alias, resolutions)
    reloaded, missing = _reload(store, docs, resolutions)
    return CurationResult(f"split {alias or 'every name form'} from {key}", reloaded, missing)
