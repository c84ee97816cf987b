"""Resolution: group a document's mentions into entities with stable keys.

Within a document, short and titled forms join the full name ("Musk", "Tn.
Musk", "miliarder tersebut" -> Elon Musk), roles without a name join the person
who holds them ("Presiden Rusia" -> the person titled so), acronyms join their
organisation ("Badan ... (NASA)", "WSJ" for Wall Street Journal). Across
documents, entities merge on keys: `Country:<ISO alpha-2>` for countries and
`<Type>:<fingerprint>` for the rest (an organisation's own parenthesised
acronym is its fingerprint, so "NASA" and "Badan ... (NASA)" agree in every
language). A curator's `Resolutions` are applied last and always win.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

from graph.model import Entity
from loaders.mentions import Lexicon, Mention

_NON_ALNUM = re.compile(r"[^\w]+")


@lru_cache(maxsize=100_000)
def fingerprint(name: str) -> str:
    """Case-, accent- and punctuation-insensitive form of a name: 'Tn. Élon  Musk!' -> 'tn elon musk'."""
    s = unicodedata.normalize("NFKD", name)
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = _NON_ALNUM.sub(" ", s.casefold()).replace("_", " ")
    return " ".join(s.split())


def _words(name: str) -> list[str]:
    return [w for w in re.findall(r"[\w'’-]+", name) if w]


@dataclass(slots=True)
class DocEntities:
    """The entities of one document and, for each mention, its entity key ('' when dropped)."""

    entities: dict[str, Entity] = field(default_factory=dict)
    affiliations: dict[str, set[str]] = field(default_factory=dict)  # person/org key -> country/org keys


def _strip_the(name: str) -> str:
    return re.sub(r"^(?:The|the)\s+", "", name)


class Resolver:
    """Turns one document's mentions into keyed entities (pure: no state between documents)."""

    def __init__(self, lex: Lexicon, resolutions: object | None = None) -> None:
        self.lex = lex
        self.resolutions = resolutions

    def _without_leading_designators(self, ws: list[str], keep: int) -> list[str]:
        """Name words after its leading designators ("PT", "Kementerian"), while more than `keep` remain."""
        while len(ws) > keep:
            lead = self.lex.org_leading.match(ws, 0)
            if not lead:
                break
            ws = ws[lead[0] :]
        return ws

    def resolve(self, mentions: list[Mention]) -> DocEntities:
        out = DocEntities()
        persons_full: dict[str, str] = {}  # fingerprint -> name
        by_last: dict[str, list[str]] = {}
        by_first: dict[str, list[str]] = {}
        # 1. full person names (2+ words); a sentence-initial ordinary first word is dropped when the rest is
        #    a name used elsewhere ("Instruksi Putin", "Pengaruh Musk")
        names_elsewhere: set[str] = set()
        for m in mentions:
            if m.type in ("Person", "") and m.kind in ("name", "bare") and not m.sentence_initial:
                ws = fingerprint(m.name).split()
                names_elsewhere.add(" ".join(ws))
                if ws:
                    names_elsewhere.add(ws[-1])
        for m in mentions:
            if m.type == "Person" and m.kind == "name" and m.sentence_initial and not m.title:
                ws = _words(m.name)
                if (
                    len(ws) >= 2
                    and self.lex.in_dictionary(ws[0])
                    and fingerprint(" ".join(ws[1:])) in names_elsewhere
                    and fingerprint(m.name) not in names_elsewhere
                ):
                    m.name = m.name[m.name.index(ws[1], len(ws[0])) :]
                    m.surface = m.name
        # a name the document gives an organisation's role ("Pelatih Persija Jakarta, Carlos Pena",
        # "PT ...") is that organisation where it stands untitled, not a person by default
        org_fps = {
            fingerprint(_strip_the(form))
            for m in mentions
            for o in (m, m.of)
            if o is not None and o.type == "Organization"
            for form in (o.name, o.acronym)
            if form
        }  # and its short name: "(Kanwil Pajak Kaltim)" then "menginstruksikan Kanwil Pajak Kaltim"

        held_in = {  # bodies a title is held in ("Direktur Utama Wana Lestari, Hendra Kusuma")
            fingerprint(_strip_the(m.of.name))
            for m in mentions
            if m.of is not None and m.of.type == "Organization"
        }
        for m in mentions:
            if (
                m.type == "Person"
                and m.kind == "name"
                and fingerprint(m.name) in (held_in if m.title else org_fps)
            ):
                # "Direktur Utama Wana Lestari" where the text elsewhere says "Direktur Utama Wana Lestari,
                # Hendra Kusuma": the company, its officer unnamed here
                m.type = "Organization"
                m.title = m.title_kind = ""
        for m in mentions:
            if m.type == "Person" and m.kind == "name" and len(_words(m.name)) >= 2:
                persons_full.setdefault(fingerprint(m.name), m.name)
        # merge full names contained in longer ones ("Vladimir Putin" in "Vladimir Vladimirovich Putin")
        fulls = sorted(persons_full, key=lambda f: -len(f.split()))
        canon: dict[str, str] = {}
        for f in fulls:
            ws = f.split()
            for g in fulls:
                if g == f or len(g.split()) <= len(ws):
                    continue
                gw = g.split()
                if ws[0] == gw[0] and ws[-1] == gw[-1]:
                    canon[f] = canon.get(g, g)
                    break
            canon.setdefault(f, f)
        for f in fulls:
            if canon[f] != f:
                continue
            ws = f.split()
            by_last.setdefault(ws[-1], []).append(f)
            by_first.setdefault(ws[0], []).append(f)
        # organisations
        org_names: dict[str, str] = {}  # fingerprint(name) -> key
        org_display: dict[str, str] = {}
        person_tokens = set(by_last) | set(by_first)
        # names with an acronym first: "Kepolisian Daerah (Polda) Maluku" in the body keys "Polda Maluku"
        # of a headline that comes before it
        orgs = mentions + [m.of for m in mentions if m.of is not None]
        for m in sorted(orgs, key=lambda m: not m.acronym):
            if m.type != "Organization":
                continue
            name = _strip_the(m.name)
            fp = fingerprint(name)
            if fp in person_tokens or fp in persons_full:
                m.type = ""  # "perusahaan Musk": the company of a person, not a name
                m.key = ""
                continue
            key = "Organization:" + fingerprint(m.acronym or name)
            org_names.setdefault(fp, key)
            if m.acronym:
                # "Dinas Tenaga Kerja (Disnaker) Kabupaten Bandung": the name goes on after the acronym,
                # "Disnaker Kabupaten Bandung" is the same body, and the key is the whole name (another
                # regency's Disnaker is another body)
                _, closed, tail = m.surface.rpartition(")")
                if closed and tail.strip():
                    tail = tail.strip()
                    name = f"{name} {tail}"
                    key = "Organization:" + fingerprint(name)
                    org_names[fp] = key
                    org_names.setdefault(fingerprint(f"{m.acronym} {tail}"), key)
                    org_names.setdefault(fingerprint(name), key)
                org_names.setdefault(fingerprint(m.acronym), key)
            if len(name) > len(org_display.get(key, "")):
                org_display[key] = name
        # acronyms made of an organisation's initials (WSJ -> Wall Street Journal); suffix names
        initials: dict[str, str] = {}
        for fp, key in list(org_names.items()):
            ws = fp.split()
            if len(ws) >= 2:
                initials.setdefault(
                    "".join(w[0] for w in ws if w not in ("dan", "and", "of", "the", "for")), key
                )
        for fp, key in list(org_names.items()):
            if len(fp.split()) == 1 and fp in initials and initials[fp] != key:
                org_names[fp] = initials[fp]
            for other, okey in org_names.items():
                if other != fp and other.endswith(" " + fp) and len(fp.split()) >= 2:
                    org_names[fp] = okey
        # an organisation's short name: its first word after any designator ("Veltra" for
        # "Veltra Semiconductor", "Tamura" for "Tamura Electronics"), when no person or other
        # organisation uses that word
        short: dict[str, str] = {}
        clash: set[str] = set()
        for fp, key in org_names.items():
            ws = fp.split()
            ws = self._without_leading_designators(ws, keep=1)
            if len(ws) >= 2 and ws[0] not in person_tokens:
                if short.get(ws[0], key) != key:
                    clash.add(ws[0])
                short[ws[0]] = key
        for w in clash:
            short.pop(w, None)
        for w, key in short.items():
            org_names.setdefault(w, key)
        # the name without its designators: "Semen Cakrawala" for "PT Semen Cakrawala Tbk"
        for fp, key in list(org_names.items()):
            ws = fp.split()
            ws = self._without_leading_designators(ws, keep=2)
            while len(ws) > 2 and ws[-1] in self.lex.org_trailing_bare:
                ws = ws[:-1]
            if len(ws) >= 2 and " ".join(ws) != fp:
                org_names.setdefault(" ".join(ws), key)
        # (after the short names, so "Veltra ... the company" joins Veltra Semiconductor)
        # a one-word name with a company's predicate or anaphor ("Safaricom said it ...", "..., dan
        # perusahaan itu ..."), when no person of the document bears it
        for m in mentions + [m.of for m in mentions if m.of is not None]:
            if m.org_hint and m.type == "" and m.kind == "bare":
                fp = fingerprint(m.name)
                if (
                    fp
                    and fp not in person_tokens
                    and fp not in persons_full
                    # an ordinary word capitalised mid-sentence is a name ("laporan Tempo")
                    and not (self.lex.in_dictionary(fp) and m.sentence_initial)
                ):
                    key = org_names.setdefault(fp, "Organization:" + fp)
                    org_display.setdefault(key, m.name)
        for m in mentions:
            if m.of is not None and m.of.kind == "bare" and m.of.type == "":
                key = org_names.get(fingerprint(m.of.name))
                if key:
                    m.of.type = "Organization"
                    m.of.key = key
        tech_known: dict[str, str] = {}
        tech_ok: set[str] = set()
        for m in mentions:
            if m.type == "Technology":
                if m.canonical:
                    if not m.needs_context:
                        tech_ok.add(m.canonical)
                else:
                    tech_known[fingerprint(m.name)] = "Technology:" + fingerprint(m.name)
        # one-word names the document gives a person's title
        persons_single = {
            fp
            for m in mentions
            if m.type == "Person" and m.kind == "name"
            for fp in [fingerprint(m.name)]
            if fp and " " not in fp
        }
        # 2. key every mention
        last_titled: dict[str, str] = {}  # title word -> person key
        last_person = ""
        leads_of: dict[
            str, list[tuple[str, str]]
        ] = {}  # of-key -> (person key, title) with a head/member title
        for m in mentions:
            if m.of is not None:
                self._key_simple(m.of, org_names)
        for m in mentions:
            if m.type == "Country":
                m.key = f"Country:{m.code}"
                name = self.lex.countries.english.get(m.code, m.name)
                self._add(out, m.key, name, "Country", m)
            elif m.type == "Technology":
                if m.canonical:
                    if m.canonical not in tech_ok:
                        continue
                    m.key = "Technology:" + fingerprint(m.canonical)
                    self._add(out, m.key, m.canonical, "Technology", m)
                else:
                    m.key = tech_known[fingerprint(m.name)]
                    self._add(out, m.key, m.name, "Technology", m)
            elif m.type == "Organization":
                fp = fingerprint(_strip_the(m.name))
                m.key = org_names.get(fp, "")
                if m.key:
                    self._add(out, m.key, org_display.get(m.key, m.name), "Organization", m)
            elif m.type == "Person" and m.kind == "role":
                key = ""
                if m.title.endswith("members"):
                    pass  # "members of the MDB": no one person
                elif m.appositive_to is not None and m.appositive_to.key.startswith("Person:"):
                    key = m.appositive_to.key
                elif m.of is not None and m.of.key:
                    cands = leads_of.get(m.of.key, [])
                    head = m.title.split()[-1] if m.title else ""
                    same = [k for k, t in cands if head and head in t.split()]
                    if same:
                        key = same[0]
                    elif cands:
                        key = cands[0][0]
                elif m.title:
                    key = last_titled.get(m.title.split()[-1], "") if False else last_person
                if m.of is not None and m.of.key and m.of.key not in out.entities:
                    # the organisation or country of an unnamed role is still an entity of the text
                    name = (
                        self.lex.countries.english.get(m.of.code, m.of.name)
                        if m.of.type == "Country"
                        else org_display.get(m.of.key, m.of.name)
                    )
                    out.entities[m.of.key] = Entity(
                        key=m.of.key, name=name, type=m.of.type, aliases=[m.of.name]
                    )
                if m.appositive_to is not None:
                    m.key = key
                    if key and m.of is not None and m.of.key and not m.former:
                        out.affiliations.setdefault(key, set()).add(m.of.key)
                    continue
                m.key = key
                if key:
                    out.entities[key].aliases.append(m.surface)
            elif m.type in ("Person", ""):
                fp = fingerprint(m.name)
                ws = fp.split()
                key = ""
                typ = "Person"
                if len(ws) >= 2:
                    key = "Person:" + canon.get(fp, fp)
                elif ws:
                    w = ws[0]
                    full = (by_last.get(w) or by_first.get(w) or [None])[-1]
                    if full:
                        key = "Person:" + canon.get(full, full)
                    elif w in persons_single:  # "Dirjen ..., Suhendra," then "Suhendra membantah"
                        key = "Person:" + w
                    elif fp in org_names:
                        key, typ = org_names[fp], "Organization"
                    elif fp in tech_known:
                        key, typ = tech_known[fp], "Technology"
                    elif m.type == "Person":  # titled single name: "Presiden Putin" with no full name
                        key = "Person:" + fp
                if not key:
                    continue
                m.key = key
                m.type = typ
                display = persons_full.get(key.split(":", 1)[1], m.name) if typ == "Person" else m.name
                if typ == "Organization":
                    display = org_display.get(key, m.name)
                self._add(out, key, display, typ, m)
                if typ == "Person":
                    last_person = key
                    for tw in (m.title or "").split():
                        last_titled[tw] = key
                    if m.of is not None and m.of.key and m.title_kind in ("leads", "member") and not m.former:
                        leads_of.setdefault(m.of.key, []).append((key, m.title or ""))
                        out.affiliations.setdefault(key, set()).add(m.of.key)
            if m.of is not None and m.of.key and m.key and m.of.key != m.key:
                ent = out.entities.get(m.of.key)
                if ent is None:
                    typ = m.of.type
                    name = (
                        self.lex.countries.english.get(m.of.code, m.of.name)
                        if typ == "Country"
                        else org_display.get(m.of.key, m.of.name)
                    )
                    out.entities[m.of.key] = Entity(key=m.of.key, name=name, type=typ, aliases=[])
                for a in (m.of.surface, m.of.name):
                    if a not in out.entities[m.of.key].aliases:
                        out.entities[m.of.key].aliases.append(a)
        # an organisation named with a country ("Kedutaan Besar Australia", "Departemen Pertahanan AS")
        # is on that country's side
        for m in mentions + [m.of for m in mentions if m.of is not None]:
            if m.type == "Organization" and m.key:
                for code in self.lex.countries_in(m.name):
                    out.affiliations.setdefault(m.key, set()).add(f"Country:{code}")
        # an organisation named after a person ("Tim kampanye Trump") is on that person's side
        for m in mentions:
            if m.type == "Organization" and m.key and m.title.startswith("of-person:"):
                w = fingerprint(m.title.split(":", 1)[1]).split()
                full = (by_last.get(w[-1]) or by_first.get(w[0]) or [None])[-1] if w else None
                if full:
                    out.affiliations.setdefault(m.key, set()).add("Person:" + canon.get(full, full))
        for e in out.entities.values():
            seen: list[str] = []
            for a in e.aliases:
                if a and a not in seen:
                    seen.append(a)
            e.aliases = seen
        return out

    def _key_simple(self, m: Mention, org_names: dict[str, str]) -> None:
        if m.type == "" and m.key:
            return
        if m.type == "Country":
            m.key = f"Country:{m.code}"
        elif m.type == "Organization":
            fp = fingerprint(_strip_the(m.name))
            m.key = org_names.get(fp) or "Organization:" + fingerprint(m.acronym or _strip_the(m.name))

    def _add(self, out: DocEntities, key: str, name: str, typ: str, m: Mention) -> None:
        ent = out.entities.get(key)
        if ent is None:
            ent = Entity(key=key, name=name, type=typ, aliases=[])
            out.entities[key] = ent
        elif len(name) > len(ent.name) and typ != "Country":
            ent.name = name
        for a in (m.name, m.surface):
            if a:
                ent.aliases.append(a)
        if m.acronym:
            ent.aliases.append(m.acronym)
