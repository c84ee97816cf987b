"""Curator resolutions: `ergraph merge A B` / `ergraph split A`, kept in a YAML file, applied on every load.

The file (default `resolutions.yaml` in the working directory) is meant to be
reviewed in git:

    merge:                      # every surface form of B resolves to A
      - into: "Person:elon musk"
        from: "Person:musk"     # an entity key, or a surface form such as "Tn. Musk"
    split:                      # stop merging a name into an entity
      - entity: "Person:elon musk"
        alias: "Musk"           # omit alias to split every name form of the entity apart

API (small on purpose):
- `record_merge(a, b, path=DEFAULT_PATH)`: record "B is A"; returns the `Resolutions` now in force.
- `record_split(a, alias=None, path=DEFAULT_PATH)`: record "stop merging alias into A".
- `load_resolutions(path)`: read the file (a missing file is empty); malformed -> `ResolutionsError`.
- `Resolutions.apply(mentions, doc_entities)`: used by the Extractor after its own resolution, so
  the curator's decision always wins. Later decisions come after earlier ones in the file.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

DEFAULT_PATH = Path("resolutions.yaml")
_HEADER = (
    "# ergraph curator decisions (ergraph merge / ergraph split). Reviewed in git; applied on every load.\n"
)


class ResolutionsError(ValueError):
    """A malformed resolutions file."""


@dataclass(slots=True)
class Resolutions:
    """Merge and split decisions, in the order they were recorded."""

    merges: list[tuple[str, str]] = field(default_factory=list)  # (into, from)
    splits: list[tuple[str, str | None]] = field(default_factory=list)  # (entity, alias or None)

    def to_yaml(self) -> str:
        data: dict[str, Any] = {
            "merge": [{"into": a, "from": b} for a, b in self.merges],
            "split": [{"entity": a, **({"alias": x} if x else {})} for a, x in self.splits],
        }
        return _HEADER + yaml.safe_dump(data, allow_unicode=True, sort_keys=False)

    def apply(self, mentions: list[Any], ents: Any) -> None:
        """Re-key `mentions` and the document's entities according to the decisions."""
        if not self.merges and not self.splits:
            return
        from loaders.resolve import fingerprint

        allm = list(mentions) + [m.of for m in mentions if getattr(m, "of", None) is not None]
        for into, src in self.merges:
            src_fp = fingerprint(src)
            is_key = ":" in src and src.split(":", 1)[0] in (
                "Person",
                "Organization",
                "Country",
                "Technology",
            )
            for m in allm:
                if not m.key or m.key == into:
                    continue
                if (is_key and m.key == src) or (
                    not is_key and src_fp in (fingerprint(m.name), fingerprint(m.surface))
                ):
                    self._move(ents, m, into)
        for entity, alias in self.splits:
            for m in allm:
                if m.key != entity:
                    continue
                if alias is None:
                    new = f"{entity.split(':', 1)[0]}:{fingerprint(m.name)}"
                    if new != entity:
                        self._move(ents, m, new)
                elif fingerprint(alias) in (fingerprint(m.name), fingerprint(m.surface)):
                    self._move(ents, m, f"{entity.split(':', 1)[0]}:{fingerprint(alias)}", name=alias)

    @staticmethod
    def _move(ents: Any, m: Any, new_key: str, name: str | None = None) -> None:
        from graph.model import Entity

        old = ents.entities.get(m.key)
        forms = [m.name, m.surface]
        if old is not None:
            old.aliases = [a for a in old.aliases if a not in forms]
            if not old.aliases:
                del ents.entities[m.key]
        ent = ents.entities.get(new_key)
        if ent is None:
            typ = new_key.split(":", 1)[0]
            ent = Entity(
                key=new_key,
                name=name
                or (
                    old.name
                    if old is not None and m.key != new_key and typ == old.type and name is None and False
                    else m.name
                ),
                type=typ,
                aliases=[],
            )
            ents.entities[new_key] = ent
        for a in forms:
            if a and a not in ent.aliases:
                ent.aliases.append(a)
        m.key = new_key


def load_resolutions(path: Path | None = None) -> Resolutions:
    """The decisions in `path` (default `resolutions.yaml`); a missing file has none."""
    p = Path(path) if path is not None else DEFAULT_PATH
    if not p.exists():
        return Resolutions()
    try:
        data = yaml.safe_load(p.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise ResolutionsError(f"{p}: cannot read resolutions: {exc}") from None
    if not isinstance(data, dict):
        raise ResolutionsError(f"{p}: expected a mapping with 'merge' and 'split' lists")
    res = Resolutions()
    for k, item in enumerate(data.get("merge") or []):
        if not isinstance(item, dict) or not item.get("into") or not item.get("from"):
            raise ResolutionsError(f"{p}: merge entry {k + 1} needs 'into' and 'from'")
        res.merges.append((str(item["into"]), str(item["from"])))
    for k, item in enumerate(data.get("split") or []):
        if not isinstance(item, dict) or not item.get("entity"):
            raise ResolutionsError(f"{p}: split entry {k + 1} needs 'entity'")
        res.splits.append((str(item["entity"]), str(item["alias"]) if item.get("alias") else None))
    return res


def _save(res: Resolutions, path: Path) -> None:
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(res.to_yaml(), encoding="utf-8")
    tmp.replace(path)


def record_merge(a: str, b: str, path: Path | None = None) -> Resolutions:
    """Record that B (an entity key or a surface form) is the same entity as A."""
    p = Path(path) if path is not None else DEFAULT_PATH
    res = load_resolutions(p)
    if a == b:
        raise ResolutionsError("cannot merge an entity into itself")
    if (a, b) not in res.merges:
        res.merges.append((a, b))
    res.splits = [(e, x) for e, x in res.splits if not (e == a and x == b)]
    _save(res, p)
    return res


def record_split(a: str, alias: str | None = None, path: Path | None = None) -> Resolutions:
    """Record that `alias` (or every name form, when None) must stop merging into entity A."""
    p = Path(path) if path is not None else DEFAULT_PATH
    res = load_resolutions(p)
    res.merges = [(i, f) for i, f in res.merges if not (i == a and (alias is None or f == alias))]
    if (a, alias) not in res.splits:
        res.splits.append((a, alias))
    _save(res, p)
    return res
