"""Ontology: load and validate the YAML vocabulary (entity cues, relation types and triggers).

The default lives in `loaders/ontology.yaml`. A user file of the same shape
overrides whole top-level sections, and inside `relations` whole types, so a
user can add a relation type or a trigger without code. A malformed file raises
`OntologyError` naming the line and key at fault, before any document is read.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

DEFAULT_ONTOLOGY = Path(__file__).with_name("ontology.yaml")
ENTITY_TYPES = ("Person", "Organization", "Country", "Technology")
_LANGS = ("id", "en")


class OntologyError(ValueError):
    """A malformed ontology file: the message names the file, line and key at fault."""


@dataclass(slots=True)
class RelationType:
    """One relation type of the ontology: triggers per language, roles and behaviour."""

    name: str
    core: bool = False
    symmetric: bool = False
    factual: bool = True
    source: tuple[str, ...] = ENTITY_TYPES
    target: tuple[str, ...] = ENTITY_TYPES
    triggers: dict[str, frozenset[str]] = field(default_factory=dict)  # lang -> words/stems
    nouns: dict[str, tuple[str, ...]] = field(default_factory=dict)  # lang -> noun phrases
    extra: dict[str, Any] = field(default_factory=dict)  # other keys, validated loosely


@dataclass(slots=True)
class Ontology:
    """The whole vocabulary: raw entity sections plus typed relation types."""

    entities: dict[str, Any]
    factuality: dict[str, list[str]]
    reporting: dict[str, list[str]]
    relations: dict[str, RelationType]


def _err(path: Path, node: yaml.Node | None, key: str, msg: str) -> OntologyError:
    line = node.start_mark.line + 1 if node is not None else 0
    return OntologyError(f"{path}:{line}: key '{key}': {msg}")


def _compose(path: Path) -> tuple[yaml.Node | None, Any]:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise OntologyError(f"{path}: cannot read ontology: {exc.strerror or exc}") from None
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else 0
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise OntologyError(f"{path}:{line}: invalid YAML: {problem}") from None
    return node, data


def _child(node: yaml.Node | None, key: str) -> yaml.Node | None:
    if isinstance(node, yaml.MappingNode):
        for k, v in node.value:
            if getattr(k, "value", None) == key:
                return v
    return None


def _key_node(node: yaml.Node | None, key: str) -> yaml.Node | None:
    if isinstance(node, yaml.MappingNode):
        for k, _v in node.value:
            if getattr(k, "value", None) == key:
                return k
    return node


def _str_list(path: Path, node: yaml.Node | None, key: str, value: Any) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(x, str | int | float) for x in value):
        raise _err(path, node, key, "expected a list of words")
    return [str(x) for x in value]


def _validate_relation(path: Path, name: str, node: yaml.Node | None, spec: Any) -> RelationType:
    if not isinstance(spec, dict):
        raise _err(path, node, name, "a relation type must be a mapping (core, triggers, ...)")
    if not name.isupper() or not name.replace("_", "").isalpha():
        raise _err(path, node, name, "relation type names are UPPER_CASE words")
    for flag in ("core", "symmetric", "factual"):
        if flag in spec and not isinstance(spec[flag], bool):
            raise _err(path, _child(node, flag), f"{name}.{flag}", "expected true or false")
    roles: dict[str, tuple[str, ...]] = {}
    for role in ("source", "target"):
        val = spec.get(role, list(ENTITY_TYPES))
        vals = _str_list(path, _child(node, role), f"{name}.{role}", val)
        bad = [v for v in vals if v not in ENTITY_TYPES]
        if bad:
            raise _err(path, _child(node, role), f"{name}.{role}", f"unknown entity type {bad[0]!r}")
        roles[role] = tuple(vals)
    triggers: dict[str, frozenset[str]] = {}
    nouns: dict[str, tuple[str, ...]] = {}
    for section, out in (("triggers", triggers), ("nouns", nouns)):
        val = spec.get(section, {})
        snode = _child(node, section)
        if val is None:
            val = {}
        if not isinstance(val, dict):
            raise _err(path, snode, f"{name}.{section}", "expected a mapping of language -> list of words")
        for lang, words in val.items():
            words_l = [
                w.lower() for w in _str_list(path, _child(snode, lang), f"{name}.{section}.{lang}", words)
            ]
            out[lang] = frozenset(words_l) if section == "triggers" else tuple(words_l)  # type: ignore[assignment]
    if "triggers" not in spec:
        raise _err(path, node, name, "missing 'triggers' (use {id: [], en: []} for none)")
    extra = {
        k: v
        for k, v in spec.items()
        if k not in ("core", "symmetric", "factual", "source", "target", "triggers", "nouns")
    }
    for k, v in extra.items():
        if isinstance(v, dict):
            for lang, words in v.items():
                _str_list(path, _child(_child(node, k), lang), f"{name}.{k}.{lang}", words)
        elif isinstance(v, list):
            _str_list(path, _child(node, k), f"{name}.{k}", v)
        elif not isinstance(v, str | bool | int | float):
            raise _err(path, _child(node, k), f"{name}.{k}", "unexpected value")
    return RelationType(
        name=name,
        core=bool(spec.get("core", False)),
        symmetric=bool(spec.get("symmetric", False)),
        factual=bool(spec.get("factual", True)),
        source=roles["source"],
        target=roles["target"],
        triggers=triggers,
        nouns=nouns,
        extra=extra,
    )


def _check_sections(path: Path, node: yaml.Node | None, data: Any) -> None:
    if not isinstance(data, dict):
        raise _err(path, node, "(top level)", "an ontology is a mapping with entities/relations sections")
    known = {"entities", "factuality", "reporting", "relations"}
    for k in data:
        if k not in known:
            raise _err(path, _key_node(node, k), str(k), f"unknown section; expected one of {sorted(known)}")
    for sec in ("entities", "factuality", "reporting"):
        if sec in data:
            val = data[sec]
            snode = _child(node, sec)
            if not isinstance(val, dict):
                raise _err(path, snode, sec, "expected a mapping")
            for k, v in val.items():
                knode = _child(snode, k)
                if isinstance(v, list):
                    for item in v:
                        if not isinstance(item, str | int | float | dict):
                            raise _err(path, knode, f"{sec}.{k}", "list items must be words or mappings")
                elif isinstance(v, dict):
                    for sk, sv in v.items():
                        if not isinstance(sv, list):
                            raise _err(
                                path,
                                _child(knode, str(sk)) or knode,
                                f"{sec}.{k}.{sk}",
                                "expected a list of words",
                            )
                else:
                    raise _err(path, knode, f"{sec}.{k}", "expected a list or a mapping")
    if "relations" in data and not isinstance(data["relations"], dict):
        raise _err(path, _child(node, "relations"), "relations", "expected a mapping of TYPE -> definition")


def load_ontology(path: Path | None = None) -> Ontology:
    """The default ontology, overridden section by section by `path` when given."""
    dnode, default = _compose(DEFAULT_ONTOLOGY)
    _check_sections(DEFAULT_ONTOLOGY, dnode, default)
    data = dict(default)
    rel_nodes: dict[str, tuple[Path, yaml.Node | None]] = {
        k: (DEFAULT_ONTOLOGY, _child(_child(dnode, "relations"), k)) for k in default.get("relations", {})
    }
    relations_raw = dict(default.get("relations", {}))
    if path is not None:
        unode, user = _compose(Path(path))
        if user is None:
            user = {}
        _check_sections(Path(path), unode, user)
        for sec in ("entities", "factuality", "reporting"):
            if sec in user:
                data[sec] = {**default.get(sec, {}), **user[sec]}
        for k, v in (user.get("relations") or {}).items():
            relations_raw[k] = v
            rel_nodes[k] = (Path(path), _child(_child(unode, "relations"), k))
    relations = {}
    for name, spec in relations_raw.items():
        p, n = rel_nodes[name]
        relations[name] = _validate_relation(p, str(name), n, spec)
    return Ontology(
        entities=data.get("entities", {}),
        factuality=data.get("factuality", {}),
        reporting=data.get("reporting", {}),
        relations=relations,
    )
