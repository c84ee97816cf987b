"""Country gazetteer: every way an article may name a country, mapped to its ISO 3166 alpha-2 code.

Built from CLDR territory names in each configured locale (through `babel`),
`pycountry` names, `countryinfo` demonyms ("Norwegian", "Cameroonian") and capitals
(metonyms: "Canberra", "Kuala Lumpur"), and the ontology's extras (Indonesian forms
such as "AS", adjectives, metonyms such as Kremlin or Gedung Putih). Keys are ISO
codes, so Rusia / Russia and Tiongkok / Cina / China are one node.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from loaders.text import tokenize


@dataclass(frozen=True, slots=True)
class CountryGazetteer:
    """Token-tuple -> ISO code tables for names (with adjectives) and metonyms."""

    names: dict[tuple[str, ...], str]  # lower-cased tokens -> code
    exact: dict[tuple[str, ...], str]  # short names that must match case-exactly ("AS", "US")
    metonyms: dict[tuple[str, ...], str]
    english: dict[str, str]  # code -> English name (canonical)
    max_len: int
    adjectives: frozenset[tuple[str, ...]] = frozenset()  # lower-cased demonym forms ("kenyan", "greek")


def _toks(s: str) -> tuple[str, ...]:
    return tuple(t.text for t in tokenize(s))


@lru_cache(maxsize=8)
def _babel_names(locales: tuple[str, ...]) -> tuple[tuple[str, str, str], ...]:
    from babel import Locale

    out = []
    for loc in locales:
        try:
            terr = Locale.parse(loc).territories
        except Exception:  # unknown locale in a user ontology: skip it
            continue
        out.extend((loc, code, name) for code, name in terr.items())
    return tuple(out)


_CAPITAL_MIN_POPULATION = 200_000  # below it capitals are mostly territories' towns ("The Valley")


@lru_cache(maxsize=1)
def _countryinfo() -> tuple[tuple[str, int, tuple[str, ...], str], ...]:
    """(ISO code, population, demonyms, capital) per country from `countryinfo`, most populous first."""
    from countryinfo._cache import load_countries

    rows = []
    for info in load_countries()["countries"].values():
        code = str((info.get("ISO") or {}).get("alpha2") or "")
        if not code:
            continue
        demonyms = tuple(d.strip() for d in str(info.get("demonym") or "").split(",") if d.strip())
        capital = info.get("capital")
        rows.append(
            (code, int(info.get("population") or 0), demonyms, capital if isinstance(capital, str) else "")
        )
    return tuple(sorted(rows, key=lambda r: -r[1]))


def build_gazetteer(entities: dict[str, Any]) -> CountryGazetteer:
    """The gazetteer for the ontology's `entities` section."""
    import pycountry

    stop_codes = {str(c) for c in entities.get("country_code_stoplist", [])}
    stop_names = {str(s).lower() for s in entities.get("country_stoplist", [])}
    locales = tuple(entities.get("country_locales", ["id", "en"]))
    valid = {c.alpha_2 for c in pycountry.countries}
    names: dict[tuple[str, ...], str] = {}
    exact: dict[tuple[str, ...], str] = {}
    english: dict[str, str] = {}
    adjectives: set[tuple[str, ...]] = set()

    def add(name: str, code: str, *, force: bool = False) -> None:
        if not force and (code not in valid or code in stop_codes or name.lower() in stop_names):
            return
        toks = _toks(name)
        if not toks:
            return
        if len(name.replace(".", "")) <= 3 and name.replace(".", "").isupper():
            exact.setdefault(toks, code)
        else:
            names.setdefault(tuple(t.lower() for t in toks), code)

    # extras first: they win over CLDR where both name a form
    for code, forms in (entities.get("country_extra_names") or {}).items():
        for f in forms:
            add(str(f), str(code), force=True)
    for code, forms in (entities.get("country_adjectives") or {}).items():
        for f in forms:
            add(str(f), str(code), force=True)
            adjectives.add(tuple(t.lower() for t in _toks(str(f))))
    for _loc, code, name in _babel_names(locales):
        if code.isalpha() and len(code) == 2:
            add(name, code)
            if "(" in name:
                add(name.split("(")[0].strip(), code)
    for c in pycountry.countries:
        add(c.name, c.alpha_2)
        if getattr(c, "common_name", None):
            add(c.common_name, c.alpha_2)
    try:
        from babel import Locale

        en = Locale("en").territories
    except Exception:
        en = {}
    for code in valid:
        english[code] = en.get(code) or pycountry.countries.get(alpha_2=code).name
    # English adjectives and demonyms made from one-word English names ("Kenya" -> "Kenyan",
    # "Ukraine" -> "Ukrainian", "Pakistan" -> "Pakistani"); explicit ones above win.
    # demonyms from countryinfo: a form two countries share goes to the more populous one
    # ("Congolese", "Dominican"); the ontology's adjectives above win
    for code, _pop, demonyms, _cap in _countryinfo():
        if code in valid and code not in stop_codes:
            for d in demonyms:
                if (
                    d.lower() not in stop_names
                    and d.isascii()
                    and d.replace(" ", "").replace("-", "").isalpha()
                ):
                    names.setdefault(tuple(t.lower() for t in _toks(d)), code)
                    adjectives.add(tuple(t.lower() for t in _toks(d)))
    for code, name in english.items():
        if " " in name or not name.isalpha() or code in stop_codes or name.lower() in stop_names:
            continue
        forms = []
        if name.endswith("a"):
            forms.append(name + "n")
        elif name.endswith("e"):
            forms.append(name[:-1] + "ian")
        elif name.endswith(("stan", "q")):
            forms.append(name + "i")
        else:
            forms.append(name + "ian")
        for f in forms:
            names.setdefault((f.lower(),), code)
            adjectives.add((f.lower(),))
    metonyms: dict[tuple[str, ...], str] = {}
    for code, forms in (entities.get("metonyms") or {}).items():
        for f in forms:
            metonyms[tuple(t.lower() for t in _toks(str(f)))] = str(code)
    # capitals stand for their government when they act ("Canberra protested"); after a place
    # preposition they are places (mentions.py). Capitals of small territories, capitals two codes
    # claim, those that are also a country's name and the ontology's stoplist are left out.
    stop_caps = {str(c).lower() for c in entities.get("capital_stoplist", [])}
    claimed: dict[tuple[str, ...], set[str]] = {}
    for code, pop, _dem, capital in _countryinfo():
        if capital and code in valid and code not in stop_codes and pop >= _CAPITAL_MIN_POPULATION:
            claimed.setdefault(tuple(t.lower() for t in _toks(capital)), set()).add(code)
    for key, codes in claimed.items():
        if len(codes) == 1 and key not in names and " ".join(key) not in stop_caps:
            metonyms.setdefault(key, next(iter(codes)))
    max_len = max([len(k) for k in names] + [len(k) for k in metonyms] + [1])
    return CountryGazetteer(
        names=names,
        exact=exact,
        metonyms=metonyms,
        english=english,
        max_len=max_len,
        adjectives=frozenset(a for a in adjectives if a in names),
    )
