"""Mention detection: find Person, Organization, Country and Technology mentions in a sentence.

No list of known people or companies: names are found by cues kept as data in
the ontology (titles and honorifics, organisation designators and cue nouns,
product cues), by capitalisation, and by gazetteers of countries (CLDR via
babel, pycountry) and generic technology terms. A mention records the name and
the full surface form ("Presiden Rusia Vladimir Putin"), plus the title and
the entity the title is "of", from which LEADS / MEMBER_OF are read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from loaders.countries import CountryGazetteer, build_gazetteer
from loaders.text import Sentence, Token, tokenize

_DICT_PATH = "Sastrawi/Stemmer/data/kata-dasar.txt"
_EN_COMMON = frozenset(
    """a an the this that these those it its he she they we i you his her their our my your
there here what which who whom whose when where why how if then than but and or nor so yet for of in on at to
from by with about as into like through after over between out against during without before under around
among is are was were be been being have has had do does did will would shall should can could may might must
not no yes all any both each few more most other some such only own same too very just also now new old first
last many much one two three four five six seven eight nine ten monday tuesday wednesday thursday friday
saturday sunday january february march april may june july august september october november december
mr mrs ms according however meanwhile although because while since until unless despite among says said
i'm i've i'd i'll we're we've we'd we'll you're you've they're they've it's that's there's let's
""".split()
)


@dataclass(slots=True)
class Mention:
    """One mention in one sentence; token indices are into `Sentence.tokens`."""

    sent: int
    start: int  # first token (incl. title or cue)
    end: int  # one past the last token
    type: str  # Person, Organization, Country, Technology, or "" while undecided
    name: str  # the name part ("Vladimir Putin", "Rusia", "SpaceX")
    surface: str  # the whole surface form as written ("Presiden Rusia Vladimir Putin")
    kind: str = "name"  # name | bare | role | acronym
    code: str = ""  # ISO alpha-2 for countries
    canonical: str = ""  # vocabulary name for technology terms
    title: str = ""  # title words, lower case
    title_kind: str = ""  # leads | member | plain
    former: bool = False
    of: Mention | None = None  # the country/organisation the title is "of"
    of_via: str = ""  # "dari" when "calon presiden dari Partai X"
    acronym: str = ""  # "(NASA)" after an organisation name
    needs_context: bool = False  # technology term under the AI rule
    sentence_initial: bool = False
    appositive_to: Mention | None = None  # "Sergei Kiriyenko, Wakil Kepala Staf ..." -> the person
    org_hint: bool = False  # a company's predicate or anaphor goes with this one-word name
    modifier: bool = False  # "Singapore-based": named, but not an argument of the sentence's relations
    key: str = ""  # filled by resolution
    nested: list[Mention] = field(default_factory=list)


class PhraseTable:
    """Longest-match lookup of lower-case token phrases."""

    def __init__(self, phrases: dict[tuple[str, ...], Any]) -> None:
        self.by_first: dict[str, list[tuple[tuple[str, ...], Any]]] = {}
        for p, v in phrases.items():
            if p:
                self.by_first.setdefault(p[0], []).append((p, v))
        for lst in self.by_first.values():
            lst.sort(key=lambda x: -len(x[0]))

    def match(self, words: list[str], i: int) -> tuple[int, Any] | None:
        """(end index, value) of the longest phrase starting at words[i] (None past the end)."""
        if i >= len(words):
            return None
        cands = self.by_first.get(words[i])
        if cands is None:
            return None  # most words open no phrase
        for p, v in cands:
            k = len(p)
            if k == 1 or tuple(words[i : i + k]) == p:  # a one-word phrase is the word it is keyed by
                return i + k, v
        return None


def _phrases(items: Any, value: Any = True) -> dict[tuple[str, ...], Any]:
    out: dict[tuple[str, ...], Any] = {}
    for it in items or []:
        toks = tuple(t.text.lower() for t in tokenize(str(it)))
        if toks[:2] in (("'", "s"), ("’", "s")):
            toks = ("'s",) + toks[2:]  # as the tokenizer splits "Engines's" in running text
        if toks:
            out[toks] = value
    return out


@lru_cache(maxsize=100_000)
def has_organisation_word(name: str) -> bool:
    """Does `name` hold a word that names what a body is or does ("Capital", "Energy", "Trading",
    "Metallurgy", "Centre", "Exchange")? From rigour's multilingual organisation vocabulary (the
    FollowTheMoney name tools). Measured on the 271 people and organisations of our gold sets: 68 of
    155 organisations have one, 1 of 116 people (a three-letter legal-form lookalike, not counted here).
    """
    from rigour.names import NameTypeTag, analyze_names

    for name_obj in analyze_names(NameTypeTag.ORG, [name], phonetics=False, numerics=False):
        for span in name_obj.spans:
            category = span.symbol.category.value
            if category in ("SYMBOL", "DOMAIN") or (
                category == "ORGCLS" and all(len(p.form) > 3 for p in span.parts)
            ):
                return True
    return False


@lru_cache(maxsize=1)
def indonesian_dictionary() -> frozenset[str]:
    """PySastrawi's root-word list: a capitalised word found here may be an ordinary word."""
    import importlib.util

    spec = importlib.util.find_spec("Sastrawi")
    if spec is None or not spec.submodule_search_locations:
        return frozenset()
    path = Path(list(spec.submodule_search_locations)[0]).parent / _DICT_PATH
    try:
        return frozenset(w.strip() for w in path.read_text(encoding="utf-8").split() if w.strip())
    except OSError:
        return frozenset()


@lru_cache(maxsize=1)
def _region_phrases() -> dict[tuple[str, ...], bool]:
    """Names of country subdivisions (provinces, states) from pycountry: places, never entities."""
    import pycountry

    out: dict[tuple[str, ...], bool] = {}
    for sd in pycountry.subdivisions:
        name = sd.name.split(" (")[0]
        toks = tuple(t.text.lower() for t in tokenize(name))
        if toks and len(name) >= 4:
            out[toks] = True
    return out


def _extra_regions(items: Any) -> dict[tuple[str, ...], bool]:
    return {tuple(t.text.lower() for t in tokenize(str(x))): True for x in items or []}


class Lexicon:
    """Compiled vocabulary for mention detection (built once per process from the ontology)."""

    def __init__(self, entities: dict[str, Any], stem: Any) -> None:
        e = entities
        self.stem = stem
        # Indonesian affixes make a capitalised word an ordinary one ("Menurut"); not in English text
        # ("Andaman", "Megan"). Set per document by the extractor.
        self.indonesian = True
        titles: dict[tuple[str, ...], str] = {}
        for kind in ("plain", "member", "leads"):
            titles.update(_phrases((e.get("person_titles") or {}).get(kind), kind))
        self.titles = PhraseTable(titles)
        self._countries_in: dict[str, list[str]] = {}
        self.portfolio_words = frozenset(str(x).lower() for x in e.get("portfolio_words", []))
        self.regions = PhraseTable({**_region_phrases(), **_extra_regions(e.get("world_regions"))})
        self.region_short = frozenset(str(x).lower() for x in e.get("region_short_names", []))
        self.world_regions = PhraseTable(_extra_regions(e.get("world_regions")))
        self.portfolio = frozenset(str(x).lower() for x in e.get("portfolio_markers", []))
        self.title_fillers = frozenset(str(x).lower() for x in e.get("title_fillers", []))
        self.person_pronouns = frozenset(str(x).lower() for x in e.get("person_pronouns", []))
        self.org_pronouns = frozenset(str(x).lower() for x in e.get("org_pronouns", []))
        self.speaker_pronouns = frozenset(str(x).lower() for x in e.get("speaker_pronouns", []))
        self.vessel_cues = frozenset(str(x).lower() for x in e.get("vessel_cues", []))
        self.settlement_heads = frozenset(str(x).lower() for x in e.get("settlement_heads", []))
        self.place_modifiers = frozenset(str(x).lower() for x in e.get("place_modifiers", []))
        self.mission_nouns = frozenset(str(x).lower() for x in e.get("mission_nouns", []))
        self.group_pronouns = frozenset(str(x).lower() for x in e.get("group_pronouns", []))
        self.org_leading = PhraseTable(_phrases(e.get("org_leading_designators")))
        self.weak_org_leading = frozenset(str(x).lower() for x in e.get("weak_org_leading_designators", []))
        self.org_trailing = frozenset(str(x).lower() for x in e.get("org_trailing_designators", []))
        self.org_final = frozenset(str(x).lower() for x in e.get("org_final_words", []))
        self.org_suffixes = tuple(str(x).lower() for x in e.get("org_word_suffixes", []))
        self.org_cues = PhraseTable(_phrases(e.get("org_cues")))
        self.geographic_heads = frozenset(str(x).lower() for x in e.get("geographic_heads", []))
        self.landform_heads = PhraseTable(_phrases(e.get("landform_heads")))
        self.landform_tails = frozenset(_phrases(e.get("landform_tails")))
        self.generic_acronyms = frozenset(str(x).lower() for x in e.get("generic_acronyms", []))
        self.cue_modifiers = frozenset(str(x).lower() for x in e.get("org_cue_modifiers", []))
        self.claimant_cues = PhraseTable(_phrases(e.get("claimant_cues")))
        self.org_object_verbs = frozenset(str(x).lower() for x in e.get("org_object_verbs", []))
        self.org_place = frozenset(str(x).lower() for x in e.get("org_place_designators", []))
        self.org_of_person = PhraseTable(_phrases(e.get("org_of_person_heads")))
        self.non_entity = frozenset(str(x).lower() for x in e.get("non_entity_heads", []))
        self.not_names = frozenset(str(x).lower() for x in e.get("not_names", []))
        self.place_preps = frozenset(str(x).lower() for x in e.get("place_prepositions", []))
        self.gov_heads = PhraseTable(_phrases(e.get("government_heads")))
        self.gov_tails = frozenset(str(x).lower() for x in e.get("government_tails", []))
        self.definite_heads = frozenset(str(x).lower() for x in e.get("definite_org_heads", []))
        self.demonym_agents = frozenset(str(x).lower() for x in e.get("demonym_agents", []))
        self.regional_titles = frozenset(_phrases(e.get("regional_titles")))
        self.corporate_titles = frozenset(_phrases(e.get("corporate_titles")))
        self.subunit_titles = frozenset(_phrases(e.get("subunit_titles")))
        self.unit_only_titles = frozenset(_phrases(e.get("unit_only_titles")))
        self.unit_titles = frozenset(_phrases(e.get("unit_titles")))
        self.body_only_titles = frozenset(_phrases(e.get("body_only_titles")))
        self.org_head_titles = frozenset(_phrases(e.get("org_head_titles")))
        self.facility_before = PhraseTable(_phrases(e.get("facility_before")))
        self.facility_after = frozenset(str(x).lower() for x in e.get("facility_after", []))
        self.org_predicates = PhraseTable(_phrases(e.get("org_predicates")))
        self.org_anaphors = PhraseTable(_phrases(e.get("org_anaphors")))
        self.source_cues = PhraseTable(_phrases(e.get("source_cues")))
        self.source_cue_ends = frozenset(p[-1] for p in _phrases(e.get("source_cues")))
        self.product_trailing = frozenset(str(x).lower() for x in e.get("product_trailing_cues", []))
        self.product_cues = PhraseTable(_phrases(e.get("product_cues")))
        tech: dict[tuple[str, ...], tuple[str, bool, bool]] = {}
        for term in e.get("technology_terms", []) or []:
            if not isinstance(term, dict):
                continue
            name = str(term.get("name", ""))
            ctx = str(term.get("context", "any")) != "any"
            for f in term.get("forms", []) or []:
                f = str(f)
                exact = f.replace(".", "").isupper() and len(f) <= 6
                toks = tuple(t.text.lower() for t in tokenize(f))
                if toks:
                    tech[toks] = (name, ctx, exact)
        self.tech = PhraseTable(tech)
        self.tech_context = PhraseTable(_phrases(e.get("technology_context_words")))
        self.connectors = frozenset(
            [
                "dan",
                "of",
                "for",
                "and",
                "the",
                "de",
                "du",
                "van",
                "von",
                "der",
                "bin",
                "binti",
                "al",
                "&",
                "untuk",
                "la",
                "y",
            ]
        )
        self.prepositions = frozenset(str(x).lower() for x in e.get("prepositions", []))
        self.sentence_adverbs = frozenset(str(x).lower() for x in e.get("sentence_adverbs", []))
        self.clause_openers = frozenset(str(x).lower() for x in e.get("clause_openers", []))
        self.earlier_markers = tuple(str(x).lower() for x in e.get("earlier_markers", []))
        self.conjunctions = frozenset(str(x).lower() for x in e.get("conjunctions", []))
        self.countries: CountryGazetteer = build_gazetteer(e)
        self.country_first: dict[str, int] = {}
        for table in (self.countries.names, self.countries.metonyms):
            for key in table:
                self.country_first[key[0]] = max(self.country_first.get(key[0], 0), len(key))
        self.country_exact_first: dict[str, int] = {}
        for key in self.countries.exact:
            self.country_exact_first[key[0]] = max(self.country_exact_first.get(key[0], 0), len(key))
        self.org_trailing_bare = frozenset(w.rstrip(".") for w in self.org_trailing)
        # words that may start a lower-case cue phrase (everything else lower-case is skipped fast)
        self.cue_first = frozenset().union(
            *(
                t.by_first.keys()
                for t in (
                    self.gov_heads,
                    self.titles,
                    self.org_cues,
                    self.claimant_cues,
                    self.product_cues,
                    self.tech,
                    self.org_of_person,
                    self.facility_before,
                )
            )
        )
        self.dictionary = indonesian_dictionary()

    # --- word classes -----------------------------------------------------
    def is_common_word(self, word: str) -> bool:
        """An ordinary (non-name) word: function word, affixed Indonesian word or English stopword."""
        w = word.lower()
        if w in _EN_COMMON or w in self.prepositions or w in self.clause_openers or w in self.conjunctions:
            return True
        if w in self.sentence_adverbs:
            return True
        if w in self.person_pronouns or w in self.group_pronouns:
            return True
        if self.indonesian and w.isalpha() and self.stem(w) != w:
            return True  # Indonesian affixed word: "Menurut", "Komentarnya"
        return False

    def countries_in(self, name: str) -> list[str]:
        """ISO codes of the country names inside a name ("Kedutaan Besar Australia" -> ["AU"])."""
        cached = self._countries_in.get(name)
        if cached is not None:
            return cached
        if " " not in name.strip():
            self._countries_in[name] = []
            return []
        toks = tokenize(name)
        words = [t.lower for t in toks]
        out = []
        for i in range(1, len(toks)):
            if not toks[i].is_cap:
                continue
            code = self.countries.exact.get((toks[i].text,))
            for k in range(min(self.countries.max_len, len(toks) - i), 0, -1):
                code = code or self.countries.names.get(tuple(words[i : i + k]))
            if code:
                out.append(code)
        if len(self._countries_in) < 100_000:
            self._countries_in[name] = out
        return out

    def is_function_word(self, word: str) -> bool:
        """A closed-class word (preposition, conjunction, pronoun, English stopword): never part of a name."""
        w = word.lower()
        return (
            w in _EN_COMMON
            or w in self.prepositions
            or w in self.clause_openers
            or w in self.conjunctions
            or w in self.person_pronouns
            or w in self.group_pronouns
        )

    def in_dictionary(self, word: str) -> bool:
        w = word.lower()
        return (
            w in self.dictionary
            or w in _EN_COMMON
            or (w.isalpha() and self.stem(w) in self.dictionary and self.stem(w) != w)
        )


def _is_capword(t: Token) -> bool:
    c = t.text[:1]
    return c.isupper() or (c.isdigit() and any(ch.isalpha() for ch in t.text) and len(t.text) <= 4)


def _parenthesised_name(toks: list[Token], j: int) -> bool:
    """A capitalised word in parentheses at j: "(NASA)", "(Menpora)"."""
    return j + 2 < len(toks) and toks[j].text == "(" and toks[j + 2].text == ")" and toks[j + 1].is_cap


_MONTH_ABBREVIATIONS = frozenset(
    "jan feb mar apr jun jul aug agu agt ags sep sept oct okt nov dec des".split()
)
# Heads of an appositive that make the name before it a product ("KilatPay, the ... BNPL service");
# "platform" is left out: exchanges and marketplaces are companies described as platforms
_PRODUCT_HEADS = frozenset(
    "service app application chatbot software device handset smartphone token aplikasi layanan "
    "perangkat produk product drug vaccine vaksin".split()
)

# Product nouns after a name spelled like a brand or owned by a body ("its Halcyon rocket", "GeoRimba,
# platform pemantauan hutan"): there a platform is a product, not an exchange
_BRAND_HEADS = _PRODUCT_HEADS | frozenset(
    "system systems sistem platform rocket roket engine robot robots tool vaccine vaksin drug logbook".split()
)

# A name that ends in a continent's or ocean's name is a company's ("Chemtra Asia", "Orca Pacific"),
# never a person's.
_CONTINENT_TAILS = frozenset("asia pacific africa afrika europe eropa atlantic pasifik".split())

_ROMANCE_PARTICLES = frozenset(["de", "del", "do", "dos", "das", "des", "du", "della", "degli"])

# Words after which "to <Name>" names whom a message went to, not a place.
_ADDRESSING = frozenset(
    "wrote write writes written writing spoke speak speaks speaking talked talk talks talking said says "
    "sent send sends replied reply replies complained explained apologised apologized letter letters "
    "message messages".split()
)


def _spells(acronym: str, name: list[Token]) -> bool:
    """The acronym is the initials of the name's capitalised words ("PMI": Palang Merah Indonesia), or
    takes letters of them in order from the first word's initial to a letter of the last word, as
    Malay and Indonesian acronyms take syllables ("PDRM": Polis Diraja Malaysia)."""
    words = [t.text.lower() for t in name if t.is_word and t.is_cap]
    letters = acronym.lower()
    if len(letters) < 2 or not words:
        return False
    if letters == "".join(w[0] for w in words):
        return True
    if letters[0] != words[0][0]:
        return False
    text = "".join(words)
    last = len(text) - len(words[-1])  # where the last word starts
    at = 0
    for ch in letters[:-1]:
        at = text.find(ch, at) + 1
        if at == 0:
            return False
    return text.find(letters[-1], max(at, last)) >= 0


def _short_form_end(toks: list[Token], j: int) -> int:
    """Index of the ")" closing a parenthesised short name of two or three capitalised words at j
    ("(Kejati Jatim)"), or 0."""
    if j >= len(toks) or toks[j].text != "(":
        return 0
    for close in (j + 3, j + 4):
        if close < len(toks) and toks[close].text == ")":
            return close if all(t.is_cap and t.is_word for t in toks[j + 1 : close]) else 0
    return 0


def _brand_spelled(text: str) -> bool:
    """Spelled as brands are and names are not: capitals longer than an acronym, an inner capital or a
    digit ("TRAKBARA", "KaloraGo", "X5"; "SWIFT" is a body's acronym)."""
    if text.isupper():
        return len(text) > 6
    return any(c.isupper() or c.isdigit() for c in text[1:])


def _is_acronym(text: str) -> bool:
    return 2 <= len(text) <= 6 and text.isupper() and text.isalpha()


class MentionFinder:
    """Scans sentences left to right and returns their mentions."""

    def __init__(self, lex: Lexicon) -> None:
        self.lex = lex
        self._surnames: frozenset[str] = frozenset()
        self._person_words: frozenset[str] = frozenset()
        self.common_acronyms: frozenset[str] = frozenset()  # set per document, see common_acronyms()
        # set per document: names of vessels ("kallisto star"), see vessel_names()
        self.vessel_names: frozenset[tuple[str, ...]] = frozenset()
        # set per document: organisations' names and short names of several words ("kanwil pajak kaltim")
        self.short_names: frozenset[tuple[str, ...]] = frozenset()

    # --- small matchers ---------------------------------------------------
    def _country_at(self, toks: list[Token], words: list[str], i: int) -> tuple[int, str, bool] | None:
        """(end, code, is_metonym) of a country name or metonym at i (name must be capitalised)."""
        if not toks[i].is_cap:
            return None
        g = self.lex.countries
        top = self.lex.country_first.get(words[i], 0)
        if toks[i].text in self.lex.country_exact_first:
            top = max(top, self.lex.country_exact_first[toks[i].text])
        if not top:
            return None
        for k in range(min(top, len(toks) - i), 0, -1):
            key = tuple(words[i : i + k])
            if not toks[i + k - 1].text[:1].isalnum():
                continue
            code = g.names.get(key)
            if code:
                return i + k, code, False
            exact = g.exact.get(tuple(t.text for t in toks[i : i + k]))
            if exact:
                return i + k, exact, False
            code = g.metonyms.get(key)
            if code:
                return i + k, code, True
        return None

    def _country_mention(
        self, s: Sentence, si: int, toks: list[Token], words: list[str], i: int, allow_place: bool = False
    ) -> Mention | None:
        m = self._country_at(toks, words, i)
        if not m:
            return None
        end, code, metonym = m
        if metonym and not allow_place and i > 0 and words[i - 1] in self.lex.place_preps:
            return None  # "di Washington": a place, not the government
        if (
            metonym
            and end + 1 < len(words)
            and words[end] in ("-", "–")
            and words[end + 1] in self.lex.place_modifiers
        ):
            return None  # "a London-based club": where it is, not the government
        geo = self.lex.geographic_heads
        if (
            (end < len(words) and words[end] in geo)
            or (i > 0 and words[i - 1] in geo)  # "Teluk Thailand", "Laut China Selatan"
            or (i > 1 and words[i - 1] in ("of", "the") and words[i - 2] in geo)
        ):
            return None  # "South China Sea", "Gulf of Guinea", "Teluk Thailand": a sea, not the country
        # "US officials", "Russian military", "South Korea's trade regulator"
        if end < len(words) and words[end] in self.lex.gov_tails:
            end += 1
        elif end + 1 < len(words) and words[end] in ("'s", "’s"):
            k = end + 1
            while (
                k < len(words) and k < end + 3 and not toks[k].is_cap and words[k] not in self.lex.gov_tails
            ):
                k += 1
            if k < len(words) and words[k] in self.lex.gov_tails:
                end = k + 1
        return self._mk(s, si, i, end, "Country", toks, name_span=(i, m[0]), code=code)

    def _mk(
        self,
        s: Sentence,
        si: int,
        start: int,
        end: int,
        typ: str,
        toks: list[Token],
        name_span: tuple[int, int] | None = None,
        **kw: Any,
    ) -> Mention:
        a, b = name_span or (start, end)
        base = s.start
        name = s.text[toks[a].start - base : toks[b - 1].end - base]
        surface = s.text[toks[start].start - base : toks[end - 1].end - base]
        return Mention(sent=si, start=start, end=end, type=typ, name=name, surface=surface, **kw)

    def _cap_run(
        self,
        toks: list[Token],
        words: list[str],
        i: int,
        *,
        org: bool,
        stop_country: bool,
        continued: bool = False,
    ) -> int:
        """End of a run of capitalised tokens from i (connectors allowed inside organisation names);
        `continued`: the run goes on a designated name after "of" ("Reserve Bank of Fiji ...")."""
        j = i
        n = len(toks)
        place_ok = (
            org
            and words[i] in self.lex.org_place
            or (org and j + 1 < n and " ".join(words[i : i + 2]) in self.lex.org_place)
        )
        while j < n:
            t = toks[j]
            if _is_capword(t) and t.is_word:
                if j > i and stop_country and not org:
                    c = self._country_at(toks, words, j)
                    # a capital city closing a name is part of it ("Persija Jakarta"), a country is not
                    if c and not (c[2] and c[0] == j + 1 and (c[0] >= n or not _is_capword(toks[c[0]]))):
                        break
                if j > i and words[j] in self.lex.not_names and words[j] not in self.lex.org_trailing:
                    break
                # a designator alone is no body's name ("Bank Governor"), so the title comes after a word more
                if org and j > (i if continued else i + 1) and (title := self.lex.titles.match(words, j)):
                    e = title[0]
                    if (
                        e >= n or toks[e].is_cap or not (toks[e].is_word or _parenthesised_name(toks, e))
                    ) and words[j] not in self.lex.org_trailing:
                        # "Bank Negara Governor Nurul Aina Rahim", "a Liberal Party MP", "Reserve Bank of
                        # Fiji Governor Ariana Kado": the body ends at the title
                        break
                if not org and j > i and (title := self.lex.titles.match(words, j)) and title[1] != "plain":
                    e = title[0]
                    if (
                        e + 1 < n
                        and toks[e].is_cap
                        and toks[e + 1].is_cap
                        and words[j] not in self.lex.org_trailing
                        # "Fisheries Minister X", "Treasury Secretary X", "Jawa Governor X": a portfolio or
                        # a region before the title, not a body
                        and self._PORTFOLIO_TITLE_WORDS.isdisjoint(words[j:e])
                    ):
                        break  # "Tesla CEO Elon Musk", "ZICTA Director-General X": the body ends at the title
                j += 1
                continue
            # name particles: "Mohammed bin Salman", "Ursula von der Leyen"
            if (
                not org
                and j > i
                and words[j]
                in ("bin", "binti", "al", "van", "von", "der", "de", "da", "di", "la", "le", "ibn")
                and j + 1 < n
                and _is_capword(toks[j + 1])
                and words[j] not in ("di",)
            ):
                j += 1
                continue
            # Spanish, Portuguese and French articles inside a name: "Empresa de los Ferrocarriles del
            # Estado", "Banco do Brasil"
            if j > i and words[j] in _ROMANCE_PARTICLES:
                k = j + 1
                if k < n and words[j] in ("de", "d'") and words[k] in ("los", "las", "la", "l'"):
                    k += 1
                if k < n and _is_capword(toks[k]) and toks[k].is_word and words[j - 1] not in ("di",):
                    j = k
                    continue
            # an initial: "M. Selvaraj", "Budi S. Wijaya"
            if (
                not org
                and t.text == "."
                and j > i
                and len(toks[j - 1].text) == 1
                and toks[j - 1].text.isupper()
                and toks[j - 1].end == t.start
                and j + 1 < n
                and _is_capword(toks[j + 1])
                and toks[j + 1].is_word
            ):
                j += 1
                continue
            # hyphen joined names "Jean-Pierre", glued without spaces; in a body's name "World Anti-Doping
            # Agency"; a model number glued to a name: "Sentinel-2", "Kirana-3"
            if (
                t.text == "-"
                and j > i
                and j + 1 < n
                and toks[j - 1].end == t.start
                and t.end == toks[j + 1].start
                and (
                    (
                        toks[j + 1].is_word
                        and (
                            toks[j + 1].is_cap
                            or (len(toks[j + 1].text) <= 4 and not self.lex.in_dictionary(words[j + 1]))
                        )
                        and not self._country_at(toks, words, j + 1)
                    )
                    or (toks[j + 1].text.isdigit() and len(toks[j + 1].text) <= 4)
                )
            ):
                j += 2
                continue
            if (
                t.text in ("'", "’")
                and j > i
                and j + 1 < n
                and words[j - 1].endswith("s")
                and toks[j - 1].end == t.start
                and _is_capword(toks[j + 1])
                and (words[j + 1] in self.lex.org_trailing_bare or has_organisation_word(toks[j + 1].text))
            ):
                j += 1  # "the Tanjong Dockers' Union": a plural possessive inside a body's name
                continue
            listed = self._portfolio_list_end(toks, words, j) if org and j > i and words[j] == "," else j
            if listed > j:
                j = listed  # "Ministry of A, B and the C"
                continue
            if (
                org
                and j > i
                and j + 2 < n
                and words[j] in ("of", "for")
                and words[j + 1] == "the"
                and _is_capword(toks[j + 2])
            ):
                j += 2  # "Office of the Digital Privacy Commissioner"
                continue
            if (
                org
                and j > i
                and j + 1 < n
                and _is_capword(toks[j + 1])
                and (
                    words[j] in self.lex.connectors
                    or (place_ok and words[j] in ("di", "in", "at"))
                    # "Commission on Elections", "Council on Foreign Relations"; not "Corp on Tuesday"
                    or (
                        words[j] == "on"
                        and self.lex.org_leading.match(words, i)
                        and not self.lex.is_common_word(words[j + 1])
                    )
                )
            ):
                if words[j] in ("dan", "and", "&") and (
                    self.lex.org_leading.match(words, j + 1)
                    or (
                        words[j - 1] in self.lex.org_trailing
                        and self._designated_after(toks, words, j + 1)
                        and not (place_ok or self._ministry_opens(words, i))  # "Ministry of Mines and Energy"
                    )
                ):
                    break  # "Departemen X dan Badan Y", "Straits Union Bank and Harimau Bank": two bodies
                j += 1
                continue
            break
        return j

    @staticmethod
    def _ministry_opens(words: list[str], i: int) -> bool:
        """A ministry's name opens at i: its portfolio may list bodies' words ("Mines and Energy")."""
        return words[i] in ("ministry", "kementerian", "department", "departemen") or (
            i + 1 < len(words) and words[i] == "the" and words[i + 1] in ("ministry", "department")
        )

    def _designated_after(self, toks: list[Token], words: list[str], j: int) -> bool:
        """The capitalised run from j ends with an organisation designator ("Harimau Bank")."""
        e = j
        while e < len(toks) and toks[e].is_cap and toks[e].is_word:
            e += 1
        return e > j and words[e - 1] in self.lex.org_trailing

    def _portfolio_list_end(self, toks: list[Token], words: list[str], j: int) -> int:
        """From a comma at j: ", Communications and the Digital Economy" closes a list of portfolios
        inside a body's name; returns where the list ends, or j when this comma does not open one."""
        n = len(toks)
        x = j
        while x < n and words[x] == ",":
            if x > j and x + 1 < n and words[x + 1] in ("and", "dan", "&"):
                x += 1  # "Science, Technology, and Innovation": a comma before the last one
                break
            y = x + 1
            while y < n and toks[y].is_cap and toks[y].is_word:
                y += 1
            if y == x + 1:
                return j
            x = y
        if x < n and words[x] in ("and", "dan", "&"):
            y = x + 1 + (1 if x + 1 < n and words[x + 1] == "the" else 0)
            z = y
            while z < n and toks[z].is_cap and toks[z].is_word:
                z += 1
            if z > y and (z >= n or not toks[z].is_cap):
                return z
        return j

    def _org_kind(self, toks: list[Token], words: list[str], i: int, j: int) -> str:
        """'org' if tokens i..j form an organisation name by its designators, else ''."""
        lead = self.lex.org_leading.match(words, i)
        if lead and lead[0] < j:
            return "org"
        if j - i >= 2 and words[j - 1] in self.lex.org_trailing:
            return "org"
        if j - i >= 2 and words[j - 1].rstrip(".") in self.lex.org_trailing_bare:
            return "org"
        for w in words[i:j]:
            if not w.endswith(self.lex.org_suffixes):
                continue  # most words: one test against all suffixes at once
            if any(
                w.endswith(suf) and len(w) > len(suf) + 2 for suf in self.lex.org_suffixes
            ) and not self.lex.in_dictionary(w):
                return "org"
        return ""

    def _title_at(self, words: list[str], i: int) -> tuple[int, str, str, bool] | None:
        """Chain of titles and fillers at i: (end, title text, strongest kind, former)."""
        j = i
        kinds: list[str] = []
        texts: list[str] = []
        former = False
        while j < len(words):
            m = self.lex.titles.match(words, j)
            if m:
                end, kind = m
                texts.append(" ".join(words[j:end]))
                if words[j] in ("mantan", "former", "eks", "ex"):
                    former = True
                kinds.append(kind)
                j = end
                continue
            if kinds and words[j] in self.lex.title_fillers and j + 1 < len(words):
                # a filler only continues a title when more title material follows
                k = j
                while k < len(words) and words[k] in self.lex.title_fillers:
                    k += 1
                if k < len(words) and (self.lex.titles.match(words, k) or words[k] in self.lex.title_fillers):
                    j = k
                    continue
                while k > j and words[k - 1] in ("dari", "of", "di", "the", "at", "in"):
                    k -= 1  # "calon presiden dari Partai X": "dari" introduces the organisation
                if k == j:
                    break
                texts.append(" ".join(words[j:k]))
                j = k
                continue
            break
        if not kinds:
            return None
        rank = {"leads": 3, "member": 2, "plain": 1}
        strongest = max((k for k in kinds if k != "plain"), key=lambda k: rank[k], default="plain")
        return j, " ".join(texts), strongest, former

    def _of_entity(self, s: Sentence, si: int, toks: list[Token], words: list[str], i: int) -> Mention | None:
        """The country/organisation right after a title ("Presiden Rusia", "CEO Sberbank")."""
        if i >= len(toks):
            return None
        cue = self.lex.org_cues.match(words, i) if toks[i].is_cap else None
        if cue and cue[0] < len(toks) and toks[cue[0]].is_cap and not self.lex.org_leading.match(words, i):
            # "Ketua Fraksi Partai Amanah Rakyat X": the cue word is part of the form, not of the name
            inner = self._of_entity(s, si, toks, words, cue[0])
            if inner is not None and inner.type == "Organization":
                inner.start = i
                inner.surface = s.text[toks[i].start - s.start : toks[inner.end - 1].end - s.start]
                return inner
        g = self.lex.gov_heads.match(words, i)
        if g:
            c = self._country_mention(s, si, toks, words, g[0], allow_place=True)
            if c:
                c.start = i
                c.surface = s.text[toks[i].start - s.start : toks[c.end - 1].end - s.start]
                return c
        c = self._country_mention(s, si, toks, words, i, allow_place=True)
        if c:
            body = self._demonym_body_end(toks, words, c)
            return self._mk(s, si, i, body, "Organization", toks) if body else c
        op = self.lex.org_of_person.match(words, i)
        if op and op[0] < len(toks) and toks[op[0]].is_cap:
            j = self._cap_run(toks, words, op[0], org=False, stop_country=True)
            if j > op[0]:
                return self._mk(s, si, i, j, "Organization", toks)
        if not toks[i].is_cap:
            return None
        j = self._cap_run(toks, words, i, org=bool(self.lex.org_leading.match(words, i)), stop_country=True)
        if j == i:
            return None
        # "Sinar Cakra Group Anna Okafor": the organisation ends at its designator, the name follows
        leading = bool(self.lex.org_leading.match(words, i))
        for p in range(j - 2, i, -1):
            if toks[p + 1].is_cap and (
                words[p] in self.lex.org_trailing or (leading and words[p] in self.lex.org_final)
            ):
                return self._mk(s, si, i, p + 1, "Organization", toks)
        if leading and j - i >= 4 and _is_acronym(toks[j - 3].text) and not _is_acronym(toks[j - 2].text):
            # "Anggota Komisi IV DPR Rahmat Hidayat": an acronym closes the body, two words of name follow
            if self._person_name(toks, words, j - 2) == j:
                return self._mk(s, si, i, j - 2, "Organization", toks)
        kind = self._org_kind(toks, words, i, j)
        if (
            kind
            and j - i >= 4
            and words[j - 1] not in self.lex.org_trailing
            and toks[j - 2].is_cap
            and not self._country_at(toks, words, j - 2)
            and (
                not (self.lex.in_dictionary(words[j - 1]) and self.lex.in_dictionary(words[j - 2]))
                or words[j - 1] in self._surnames
            )
            and words[j - 2] not in self.lex.org_trailing
            and words[j - 2] not in self.lex.title_fillers
            and not self._country_at(toks, words, j - 1)
            and not _parenthesised_name(
                toks, j
            )  # "Konfederasi Sepak Bola Asia (AFC)": the acronym is the body's
        ):
            return self._mk(s, si, i, j - 2, "Organization", toks)  # "Partai Republik Donald Trump"
        if kind:
            # the name may follow the organisation: "CEO Sberbank German Gref" has no marker, so
            # a run that ends with 2+ non-designator tokens after a one-word organisation is split
            if (
                j - i >= 3
                and not self.lex.org_leading.match(words, i)
                and words[j - 1] not in self.lex.org_trailing
            ):
                return self._mk(s, si, i, i + 1, "Organization", toks)
            return self._mk(s, si, i, j, "Organization", toks)
        if j - i == 1 and _is_acronym(toks[i].text) and words[i] not in self.lex.not_names:
            if j < len(toks) and _is_capword(toks[j]):
                return None
            return self._mk(s, si, i, j, "Organization", toks, kind="acronym")
        return None

    def _person_name(self, toks: list[Token], words: list[str], i: int, allow_country: bool = False) -> int:
        """End of a person name at i (capitalised, not a country, not an organisation designator)."""
        if i >= len(toks) or not toks[i].is_cap or not toks[i].is_word:
            return i
        if self.lex.org_leading.match(words, i) or words[i] in self.lex.settlement_heads:
            return i  # no name opens with "Badan" or "Kota"
        c = self._country_at(toks, words, i)
        if c and not (
            allow_country
            and c[0] == i + 1
            and i + 1 < len(toks)
            and toks[i + 1].is_cap
            and not self._country_at(toks, words, i + 1)
        ):
            return i
        if self.lex.is_function_word(words[i]):
            return i
        if _is_acronym(toks[i].text):
            return i  # "Kepala Dinas ... NTT Linus Seran": the acronym closes the body's name
        j = (
            self._cap_run(toks, words, i + 1, org=False, stop_country=True)
            if c
            else self._cap_run(toks, words, i, org=False, stop_country=True)
        )
        # never swallow a following title ("Putin Presiden ...") or a designator
        k = i
        while k < j:
            if k > i and (self.lex.titles.match(words, k) or words[k] in self.lex.org_trailing):
                break
            k += 1
        return min(j, k, i + 5)

    # --- the scanner ------------------------------------------------------
    def find(
        self,
        s: Sentence,
        si: int,
        titlecase: bool = False,
        known: dict[tuple[str, ...], str] | None = None,
        surnames: frozenset[str] = frozenset(),
        person_words: frozenset[str] = frozenset(),
    ) -> list[Mention]:
        """Mentions of sentence `s`; `surnames` are words the document uses alone as a person's name,
        `person_words` the first and last words of its full person names ("Dimas" of "Dimas Anggoro"
        opens a sentence as a name although it looks like an affixed word)."""
        self._surnames = surnames
        self._person_words = person_words
        toks = s.tokens
        words = s.words if s.words else [t.lower for t in toks]
        n = len(toks)
        out: list[Mention] = []
        skip_acronyms: set[str] = set()
        i = 0
        first_word = 0
        while first_word < n and not toks[first_word].is_word:
            first_word += 1

        def initial(k: int) -> bool:
            if k == first_word:
                return True
            return (
                k > 0
                and toks[k - 1].text in ("“", '"', "‘", ":", "(", "–", "—", "-", "•", "|")
                and (k < 2 or toks[k - 1].start > toks[k - 2].end or toks[k - 1].text in '“‘"')
            )

        cue_first = self.lex.cue_first
        while i < n:
            t = toks[i]
            w = words[i]
            # every table below is keyed by its first word: most capitalised tokens start none of them
            tables = w in cue_first or w.endswith("nya")
            if not tables and not t.is_cap:
                if w in self.lex.place_modifiers and i > 1 and toks[i - 1].text == "-":
                    m = self._based_company(s, si, toks, words, i)
                    if m is not None:
                        out.append(m)
                        i = m.end
                        continue
                i += 1
                continue
            # (a0) a local government: "Pemerintah Kabupaten (Pemkab) Bandung", "Pemerintah Kota Medan"
            if (
                t.is_cap
                and w in ("pemerintah", "pemerintahan")
                and i + 2 < n
                and toks[i + 1].is_cap
                and words[i + 1] in self.lex.settlement_heads
            ):
                m = self._local_government(s, si, toks, words, i)
                if m is not None:
                    out.append(m)
                    i = m.end
                    continue
            # (a) government of a country: "pemerintah AS", "para pejabat Rusia", "militer Ukraina"
            g = tables and self.lex.gov_heads.match(words, i)
            if g and g[0] < n:
                c = self._country_mention(s, si, toks, words, g[0], allow_place=True)
                if c:
                    out.append(
                        self._mk(s, si, i, c.end, "Country", toks, name_span=(c.start, c.end), code=c.code)
                    )
                    i = c.end
                    continue
            # (a1) a facility: "di pelabuhan Tanjung Mas", "lapangan Sumber Jaya" (a place, not an entity)
            fb = tables and self.lex.facility_before.match(words, i)
            if fb and fb[0] < n and toks[fb[0]].is_cap and not toks[i].is_cap:
                k = fb[0]
                if not self._country_at(toks, words, k) and not self.lex.org_leading.match(words, k):
                    e = self._cap_run(toks, words, k, org=False, stop_country=True)
                    if e - k == 1:
                        # "pabrik Farmasindo": a one-word name may still be a company the text names
                        out.append(self._mk(s, si, k, e, "", toks, kind="bare"))
                    i = max(e, k + 1)
                    continue
            # (a2) the organisation of a person: "Tim kampanye Trump"
            op = tables and self.lex.org_of_person.match(words, i)
            if op and op[0] < n and toks[op[0]].is_cap and not self._country_at(toks, words, op[0]):
                e = self._person_name(toks, words, op[0])
                if e > op[0]:
                    m = self._mk(s, si, i, e, "Organization", toks)
                    m.title = "of-person:" + s.text[toks[op[0]].start - s.start : toks[e - 1].end - s.start]
                    out.append(m)
                    i = e
                    continue
            # (b) titled person: "Presiden Rusia Vladimir Putin", "Wakil CEO Gazprombank, Dmitry Zauers"
            tm = tables and self._title_at(words, i)
            if tm:
                m = self._titled(s, si, toks, words, i, tm)
                if m is not None and titlecase and m.kind == "name":
                    m = self._known_prefix(s, m, toks, known or {})
                if (
                    m
                    and m.of is None
                    and out
                    and out[-1].end == i
                    and (out[-1].type in ("Organization", "Country") or out[-1].kind == "bare")
                ):
                    # "Bank Cakra Raya chairman Sari Varga", "Russian President Ivan Petrov": one
                    # mention, so "met British Ambassador X" meets X, not Britain
                    m.of = out.pop()
                    if m.of.type == "" and self._title_class(words, i, tm[0], self.lex.corporate_titles):
                        m.of.org_hint = True  # "Sonargaon Managing Director X": a company's officer
                    m.start = m.of.start
                    m.surface = s.text[toks[m.start].start - s.start : toks[m.end - 1].end - s.start]
                elif (
                    m and m.of is None and m.kind == "name" and out and self._possessive_to(out[-1], words, i)
                ):
                    # "Chile's finance minister, Marta Rojas": the person, titled by its country
                    m.of = out.pop()
                    m.start = m.of.start
                    m.surface = s.text[toks[m.start].start - s.start : toks[m.end - 1].end - s.start]
                elif (
                    m
                    and m.of is None
                    and m.kind == "name"
                    and out
                    and self._qualified_unit(out[-1], toks, words, i)
                ):
                    # "the WHO regional director, Amara Kone": head of a unit of the organisation
                    m.of = out.pop()
                    m.start = m.of.start
                    m.surface = s.text[toks[m.start].start - s.start : toks[m.end - 1].end - s.start]
                    if m.title_kind == "leads" and any(
                        w not in self.lex.title_fillers for w in words[m.of.end : i]
                    ):
                        m.title_kind = "member"
                if m:
                    if (
                        m.kind == "role"
                        and out
                        and i > 0
                        and words[i - 1] in (",", "sebagai", "as")
                        and out[-1].end == i - 1
                        and out[-1].type == "Person"
                    ):
                        m.appositive_to = out[-1]
                    out.append(m)
                    i = m.end
                    continue
            # (c0) the author of a claim: "membantah laporan Harian Rakyat", "a report by The Courier"
            cc = tables and self.lex.claimant_cues.match(words, i)
            if cc and cc[0] < n and toks[cc[0]].is_cap:
                m = self._cued(s, si, toks, words, cc[0], cc[0], "Organization")
                if m:
                    out.append(m)
                    i = m.end
                    continue
            # (c) organisation cue: "produsen mobil Tesla", "jejaring sosial X"
            cue = tables and (self.lex.org_cues.match(words, i) or self._nya_cue(words, i, self.lex.org_cues))
            if (
                cue
                and t.is_cap
                and self.lex.org_leading.match(words, i)
                and any(
                    toks[x].is_cap and self.lex.titles.match(words, x) for x in range(i + 1, min(n, i + 5))
                )
            ):
                cue = None  # "Bank Negara Governor X": the body's name ends at the title
            if cue and cue[0] < n and words[cue[0]] in self.lex.generic_acronyms:
                cue = None  # "saham BUMN": a kind of company, not one
            if cue:
                m = self._cued(s, si, toks, words, i, cue[0], "Organization")
                if m:
                    out.append(m)
                    i = m.end
                    continue
                c = self._country_mention(s, si, toks, words, cue[0]) if cue[0] < n else None
                if c is not None and c.end + 1 < n and toks[c.end].text == ",":
                    # "dimiliki oleh perusahaan Korea Selatan, Daesung Fibers": the company's country, then
                    # its name after the comma
                    m = self._cued(s, si, toks, words, c.end + 1, c.end + 1, "Organization")
                    if m is not None:
                        out.extend([c, m])
                        i = m.end
                        continue
            # (d) product cue: "layanan Starlink", "sistem satelit Starlink"
            pc = tables and self.lex.product_cues.match(words, i)
            if pc:
                m = self._cued(s, si, toks, words, i, pc[0], "Technology")
                if m:
                    out.append(m)
                    i = m.end
                    continue
            # (e) technology term
            tt = tables and self.lex.tech.match(words, i)
            if tt:
                end, (canon, ctx, exact) = tt
                part_of_name = exact and end < n and toks[end].is_cap and toks[end].is_word
                if (not exact or toks[i].text.replace(".", "").isupper()) and not part_of_name:
                    m = self._mk(s, si, i, end, "Technology", toks, canonical=canon, needs_context=ctx)
                    # "unit pemrosesan grafis (GPUs)"
                    if end + 2 < n and words[end] == "(" and words[end + 2] == ")":
                        m2 = self.lex.tech.match(words, end + 1)
                        if m2 and m2[1][0] == canon:
                            m.acronym = toks[end + 1].text
                            m.end = end + 3
                    if ctx:
                        m.needs_context = not self._tech_context(words, i, end)
                    out.append(m)
                    i = m.end
                    continue
            # (f) country or metonym
            if t.is_cap:
                c = self._country_mention(s, si, toks, words, i)
                if c and c.end == self._country_at(toks, words, i)[0]:  # type: ignore[index]
                    # "Indonesia Corruption Watch": a country word opening an organisation name
                    run = self._cap_run(toks, words, i, org=False, stop_country=False)
                    if (
                        c.end < n
                        and toks[c.end].is_cap
                        and not self.lex.titles.match(words, c.end)
                        and not self._cue_ends_at(words, i)  # "perusahaan Malaysia Kembara Digital Berhad"
                    ):
                        # "British Embassy in Jakarta", "Australian Trade and Investment Commission":
                        # a demonym opening a designated body's name is part of it
                        body = self._cap_run(toks, words, c.end, org=True, stop_country=False)
                        if self._org_kind(toks, words, c.end, body) or self._metonym_opens_name(
                            toks, words, i
                        ):
                            end = body
                            acr = ""
                            if _parenthesised_name(toks, end):
                                acr, end = toks[end + 1].text, end + 3
                            out.append(
                                self._mk(
                                    s, si, i, end, "Organization", toks, name_span=(i, body), acronym=acr
                                )
                            )
                            i = end
                            continue
                    if run > c.end and self._cue_ends_at(words, i):
                        out.append(c)  # "perusahaan Malaysia Kembara Digital Berhad": the company's country
                        i = c.end
                        continue
                    if run > c.end and self._org_kind(toks, words, i, run):
                        m, end = self._cap_mention(
                            s, si, toks, words, i, False, titlecase, known, skip_acronyms
                        )
                        if m:
                            out.append(m)
                        i = max(end, i + 1)
                        continue
                if c:
                    e = c.end
                    if e + 1 < n and toks[e].text in "-–" and words[e + 1] in self.lex.place_modifiers:
                        c.modifier = True  # "Singapore-based super-app Corvina"
                    elif self._demonym_of_kind(toks, words, c):
                        c.modifier = True  # "Kenyan investors", "the Greek owner": where they are from
                    elif e < n and words[e] in self.lex.mission_nouns and not toks[e].is_cap:
                        # "the Chinese embassy": the mission, not the country
                        c = self._mk(s, si, i, e + 1, "Organization", toks)
                        e = e + 1
                    out.append(c)
                    i = e
                    continue
                if self._country_at(toks, words, i):
                    i = self._country_at(toks, words, i)[0]  # type: ignore[index]
                    continue
            # (g) capitalised run; "The Chief of ...": the article before a title opens nothing
            if w == "the" and i + 1 < n and toks[i + 1].is_cap and self._title_at(words, i + 1):
                i += 1
                continue
            if t.is_cap and t.is_word:
                m, end = self._cap_mention(s, si, toks, words, i, initial(i), titlecase, known, skip_acronyms)
                if m:
                    out.append(m)
                i = max(end, i + 1)
                continue
            i += 1
        self._type_by_coordination(out, words)
        # "laporan Tempo", "according to Rappler": a one-word name as the source of a report is an
        # outlet or body, unless the document names a person so (resolution checks)
        ends = self.lex.source_cue_ends
        for m in out:
            if m.kind == "bare" and m.type == "" and m.start > 0 and words[m.start - 1] in ends:
                if any(
                    self.lex.source_cues.match(words, k) == (m.start, True)
                    for k in range(max(0, m.start - 3), m.start)
                ):
                    m.org_hint = True
        return out

    def _local_government(
        self, s: Sentence, si: int, toks: list[Token], words: list[str], i: int
    ) -> Mention | None:
        """ "Pemerintah Kabupaten (Pemkab) Bandung": the government of a region is an organisation (its
        acronym may sit before the region's name)."""
        n = len(toks)
        k = i + 2
        acr = ""
        if _parenthesised_name(toks, k):
            acr, k = toks[k + 1].text, k + 3
        e = k
        while (
            e < n and e < k + 3 and toks[e].is_cap and toks[e].is_word and not self.lex.titles.match(words, e)
        ):
            e += 1
        if e == k:
            return None
        return self._mk(
            s, si, i, e, "Organization", toks, name_span=(i, i + 2) if acr else (i, e), acronym=acr
        )

    def _based_company(
        self, s: Sentence, si: int, toks: list[Token], words: list[str], i: int
    ) -> Mention | None:
        """ "Dubai-based exchange Orbix", "a Port Harcourt-based shipping firm Okoro Marine": after
        "<place>-based" and a lower-case noun or two, the name is a company's (a title there makes it a
        person's: "London-based analyst Jane Okoye")."""
        n = len(toks)
        k = i + 1
        while k < n and k <= i + 5 and (toks[k].is_word or toks[k].text == "-") and not toks[k].is_cap:
            if self.lex.titles.match(words, k) or self.lex.is_function_word(words[k]):
                return None
            k += 1  # "Singapore-based super-app Corvina"
        if k == i + 1 or k >= n or not toks[k].is_cap or self.lex.titles.match(words, k):
            return None
        if self._country_at(toks, words, k):
            return None
        e = self._cap_run(toks, words, k, org=True, stop_country=True)
        return self._mk(s, si, k, e, "Organization", toks) if e > k else None

    def _cue_ends_at(self, words: list[str], i: int) -> bool:
        """An organisation cue noun ends right before i ("perusahaan Malaysia ...": the company's country)."""
        return any(self.lex.org_cues.match(words, k) == (i, True) for k in range(max(0, i - 3), i))

    def _demonym_of_kind(self, toks: list[Token], words: list[str], c: Mention) -> bool:
        """A demonym before an ordinary noun ("Kenyan investors", "a Greek shipowner") says where people
        or things are from; before a government word, a body's head noun or a title it stands for the
        country ("Kenyan officials", "the Chinese ministry", "her Greek counterpart")."""
        e = c.end
        if (
            e >= len(toks)
            or toks[e].is_cap
            or not toks[e].is_word
            or tuple(words[c.start : e]) not in self.lex.countries.adjectives
        ):
            return False
        w = words[e]
        return not (
            w in self.lex.gov_tails
            or w in self.lex.definite_heads
            or w in self.lex.demonym_agents
            or w in self.lex.mission_nouns
            or self.lex.titles.match(words, e)
        )

    def _demonym_body_end(self, toks: list[Token], words: list[str], c: Mention) -> int:
        """End of a designated body a country word opens ("Cameroonian Navy", "Kenya Ports
        Authority"), or 0."""
        e = c.end
        if e >= len(toks) or not toks[e].is_cap or self.lex.titles.match(words, e):
            return 0
        body = self._cap_run(toks, words, e, org=True, stop_country=False)
        return body if body > e and self._org_kind(toks, words, c.start, body) else 0

    def _country_opens_name(self, toks: list[Token], words: list[str], i: int, j: int) -> bool:
        """A country name of several words opens the capitalised run i..j ("New Zealand Police")."""
        c = self._country_at(toks, words, i)
        return bool(c and not c[2] and c[0] - i >= 2 and c[0] < j)

    def _metonym_opens_name(self, toks: list[Token], words: list[str], i: int) -> bool:
        """A metonym (a capital, "Kremlin") right before another capitalised name word is part of that
        name ("Accra Lions", "Moscow Times"), not the government."""
        at = self._country_at(toks, words, i)
        if not at or not at[2]:
            return False
        e = at[0]
        return (
            e < len(toks)
            and toks[e].is_cap
            and toks[e].is_word
            and not _is_acronym(toks[e].text)
            and not self.lex.titles.match(words, e)
            and not self._country_at(toks, words, e)
            and not self.lex.is_function_word(words[e])
            and words[e] not in self.lex.gov_tails
            and not self.lex.in_dictionary(words[e])  # "Jakarta Selatan": a place
            and not self.lex.regions.match(words, e)
        )

    def _type_by_coordination(self, out: list[Mention], words: list[str]) -> None:
        """An unknown one-word name listed with organisations is one ("NASA dan Pentagon")."""
        for a, b in zip(out, out[1:], strict=False):
            gap = words[a.end : b.start]
            if not gap or len(gap) > 2 or not all(w in self.lex.conjunctions or w == "," for w in gap):
                continue
            if not any(w in self.lex.conjunctions for w in gap):
                continue
            for x, y in ((a, b), (b, a)):
                if x.type == "" and x.kind == "bare" and y.type == "Organization" and not x.sentence_initial:
                    x.type = "Organization"
                    x.kind = "name"

    @staticmethod
    def _in_quote(words: list[str] | tuple[str, ...], i: int) -> bool:
        return _quote_depth(words, i) > 0

    def _nya_cue(self, words: list[str], i: int, table: PhraseTable) -> tuple[int, Any] | None:
        """A cue whose last word carries the possessive -nya ("jejaring sosialnya X")."""
        w = words[i]
        for p, v in table.by_first.get(w, ()) if len(words) > i else ():
            k = len(p)
            if (
                k >= 2
                and tuple(words[i : i + k - 1]) == p[:-1]
                and i + k - 1 < len(words)
                and words[i + k - 1] == p[-1] + "nya"
            ):
                return i + k, v
        if w.endswith("nya") and len(w) > 5:
            base = w[:-3]
            for p, v in table.by_first.get(base, ()):
                if len(p) == 1:
                    return i + 1, v
        return None

    def _tech_context(self, words: list[str], i: int, end: int) -> bool:
        lo = max(0, i - 4)
        for k in range(lo, min(len(words), end + 2)):
            if i <= k < end:
                continue
            if self.lex.tech_context.match(words, k):
                return True
            if words[k] in ("pengembangan", "penelitian", "development", "research"):
                return True
        return False

    _CONNECTORS = ("dan", "and", "&")

    _MINISTERIAL = frozenset([("menteri",), ("minister",)])
    _PORTFOLIO_TITLE_WORDS = frozenset(
        [
            "minister",
            "menteri",
            "secretary",
            "sekretaris",
            "governor",
            "gubernur",
            "commissioner",
            "komisioner",
        ]
    )

    def _pe_ke_an_noun(self, w: str, *, compounds: bool = False) -> bool:
        """An Indonesian pe-/per-/ke- ... -an noun: "Pertanian", "Kelautan" (names rarely are); with
        `compounds`, also a long one the stemmer keeps whole ("Ketenagakerjaan", "Perindustrian")."""
        return (
            len(w) > 6
            and w.startswith(("pe", "ke"))
            and w.endswith("an")
            and ((compounds and len(w) > 8) or self.lex.stem(w) != w)
        )

    def _portfolio_word(self, toks: list[Token], words: list[str], x: int) -> bool:
        """A word of a minister's or director's portfolio ("Kelautan", "Technology", "Security")."""
        w = words[x]
        return w in self.lex.portfolio_words or has_organisation_word(toks[x].text) or self._pe_ke_an_noun(w)

    def _portfolio_span(self, toks: list[Token], words: list[str], a: int, b: int) -> bool:
        """Tokens a..b read as a portfolio or body: portfolio word, connector, acronym, place, designator,
        one capitalised word ("Juru bicara Komdigi, Yusuf Kurniawan"), or words the title abbreviates
        in parentheses ("Asisten Tindak Pidana Khusus (Aspidsus)")."""
        if b - a == 1 and toks[a].is_cap and toks[a].is_word:
            return True
        if b - a >= 3 and _parenthesised_name(toks, b - 2) and b - 2 > a:
            return True
        return any(
            words[x] in self._CONNECTORS
            or (toks[x].is_word and self._portfolio_word(toks, words, x))
            or _is_acronym(toks[x].text)
            or self._country_at(toks, words, x)
            or self.lex.regions.match(words, x)
            or self.lex.org_leading.match(words, x)
            for x in range(a, b)
        )

    def _portfolio_titled(
        self,
        s: Sentence,
        si: int,
        toks: list[Token],
        words: list[str],
        i: int,
        tm: tuple[int, str, str, bool],
    ) -> Mention | None:
        """A title with a long portfolio before the name, which the plain reading gets wrong:
        "Menteri Pertanian dan Lingkungan Vietnam, Tran Quoc Binh", "Minister of Higher Education,
        Science and Technology Bambang Sudarsono", "Minister for Cyber Security Priya Natarajan",
        "Menteri Pemuda dan Olahraga (Menpora) Rizal Hamdani", "Direktur Jenderal Mineral dan
        Batubara Kementerian ESDM, Rustam". The portfolio runs over capitalised words joined by
        dan/and/& or commas; the name is what follows its last comma, its parenthesised acronym, or
        its last portfolio word. A country or a designated body inside the portfolio is what the
        person holds the title in. None when the title is not of that shape."""
        j, title, kind, former = tm
        n = len(toks)
        k = j + 1 if j < n and words[j] in ("for", "of", "untuk", "bidang") else j
        if k >= n or not toks[k].is_cap or not toks[k].is_word or kind not in ("leads", "member"):
            return None
        if self._title_class(words, i, j, self.lex.corporate_titles):
            return None  # "Direktur Utama Garuda Indonesia, ...": a company, not a portfolio
        # scan the capitalised stretch: words, connectors, commas, "(ACR)"
        x = k
        marks: list[int] = []  # positions where the name may start: after ",", ")" or a connector
        shaped = words[j] == "for" if j < n else False
        while x < n:
            t = toks[x]
            if t.is_cap and t.is_word:
                x += 1
            elif words[x] in self._CONNECTORS and x + 1 < n and toks[x + 1].is_cap:
                shaped = True
                marks.append(x + 1)
                x += 1
            elif words[x] in self._CONNECTORS and x + 2 < n and words[x + 1] == "the" and toks[x + 2].is_cap:
                shaped = True  # "Information, Communications and the Digital Economy"
                marks.append(x + 2)
                x += 2
            elif t.text == "," and x + 1 < n and toks[x + 1].is_cap and x > k:
                shaped = True
                marks.append(x + 1)
                x += 1
            elif t.text == "," and x + 2 < n and words[x + 1] in self._CONNECTORS and toks[x + 2].is_cap:
                shaped = True  # "Pendidikan Tinggi, Sains, dan Teknologi": a comma before the last one
                marks.append(x + 2)
                x += 2
            elif _parenthesised_name(toks, x):
                shaped = True
                marks.append(x + 3)
                x += 3
            else:
                break
        end = x
        if not shaped or end - k < 2:
            return None
        # where does the name start? the last mark whose rest is a name: after a final comma the
        # name stands alone ("..., Tran Quoc Binh,"); otherwise portfolio words lead the last part
        name_start = -1
        for mark in reversed(marks):
            if mark >= end:
                continue
            if toks[mark - 1].text in (",", ")"):
                at = mark
                rank = self.lex.titles.match(words, at)
                if rank and rank[1] == "plain" and rank[0] < end:
                    at = rank[0]  # "Kepala Polda X, Kombes Yudha Prawira": a rank before the name
                e = self._person_name(toks, words, at)
                rest = words[at:end]
                listed = end + 1 < n and toks[end].text == "," and words[end + 1] in self._CONNECTORS
                if (
                    e == end
                    and not listed  # "Direktur Budi Santoso, Rina Hartono, dan Ahmad Yani"
                    and not any(w in self._CONNECTORS for w in rest)
                    and (e - at >= 2 or self._closed_mononym(toks, words, at))
                    and not all(self._portfolio_word(toks, words, x) for x in range(at, end))
                    # what precedes is a portfolio, a body or a place, not another person's name
                    # ("Juru bicara Hendra Kusuma, Dewi Lestari")
                    and self._portfolio_span(toks, words, k, mark - 1)
                ):
                    name_start = at
                    break
            y = mark
            while y < end - 1 and self._portfolio_word(toks, words, y):
                y += 1
            if y > mark and end - y >= 1 and self._person_name(toks, words, y) == end:
                name_start = y
                break
            if end - mark >= 3 and self._person_name(toks, words, end - 2) == end:
                # "... and the Blue Economy Wanjiru Kamau": no known portfolio word; a conjunct of a
                # portfolio and a name, the name taken as its last two words
                name_start = end - 2
            break
        if name_start < 0 and not marks:
            # "Minister for Cyber Security Priya Natarajan": portfolio words, then the name
            y = k
            while y < end - 1 and (
                self._portfolio_word(toks, words, y)
                or (y + 1 < end and self._portfolio_word(toks, words, y + 1))
            ):
                y += 1
            if y > k and self._person_name(toks, words, y) == end:
                name_start = y
        if name_start < 0 or end - name_start > 4:
            return None
        if end - name_start == 1 and not self._closed_mononym(toks, words, name_start):
            return None
        # what the title is held in: a designated body or a country inside the portfolio
        of: Mention | None = None
        y = k
        while y < name_start:
            lead = self.lex.org_leading.match(words, y)
            if lead and toks[y].is_cap:
                e = self._cap_run(toks, words, y, org=True, stop_country=False)
                e = min(e, name_start)
                while e > y and not toks[e - 1].is_word:
                    e -= 1
                if e > lead[0]:
                    of = self._mk(s, si, y, e, "Organization", toks)
                    branch = self._regional_branch(s, si, toks, words, of)
                    if branch is not None and branch.end < name_start:
                        of = branch
                    elif (
                        branch is not None
                        and branch.end == name_start + 1
                        and self._person_name(toks, words, branch.end) == end
                        and end - branch.end >= 2
                    ):
                        # "Kepala Dinas ... (Disnakertrans) Sulut Herman Rumengan": the province's short
                        # name closes the body, not opens the name
                        of, name_start = branch, branch.end
                    break
            c = self._country_at(toks, words, y)
            if c and c[0] <= name_start:
                of = self._mk(s, si, y, c[0], "Country", toks, code=c[1])
                break
            y += 1
        if of is None:
            a = next((x for x in range(k, name_start) if _is_acronym(toks[x].text)), -1)
            if a >= 0 and not (a > 0 and toks[a - 1].text == "("):
                e = a + 1
                while e < name_start and toks[e].is_cap and toks[e].is_word:
                    e += 1  # "Ketua DPRD Wanaraja, Haris Munandar": the body's region closes its name
                if e == a + 1 or e - a > 3 or toks[e].text != ",":
                    e = a + 1
                of = self._mk(
                    s, si, a, e, "Organization", toks, kind="acronym" if e == a + 1 else "name"
                )  # "... KKP, Budi"
        return self._holder(s, si, toks, i, (name_start, end), title, kind, former, of)

    def _holder(
        self,
        s: Sentence,
        si: int,
        toks: list[Token],
        i: int,
        name: tuple[int, int],
        title: str,
        kind: str,
        former: bool,
        of: Mention | None,
        via: str = "",
    ) -> Mention:
        """The person holding the title at i, named at toks[name[0]:name[1]]. An age right after the
        name ("Yanuar Effendi (52)") is part of the mention, so what follows it (", membantah ...")
        reads from the person; the surface stays the title and the name."""
        m = self._mk(
            s,
            si,
            i,
            name[1],
            "Person",
            toks,
            name_span=name,
            title=title,
            title_kind=kind,
            former=former,
            of=of,
            of_via=via,
        )
        e = m.end
        if (
            e + 2 < len(toks)
            and toks[e].text == "("
            and toks[e + 1].text.isdigit()
            and toks[e + 2].text == ")"
        ):
            m.end = e + 3
        return m

    def _regional_branch(
        self, s: Sentence, si: int, toks: list[Token], words: list[str], of: Mention
    ) -> Mention | None:
        """ "Kejaksaan Tinggi (Kejati) Sulawesi Tengah": a body, its acronym, then the province of its
        branch. The branch is the entity, named without the acronym; None when no province follows."""
        if of.type != "Organization":
            return None
        if _parenthesised_name(toks, of.end):
            h = of.end + 3
        else:  # "Kantor Wilayah Kementerian Agama (Kanwil Kemenag) Kalsel"
            h = _short_form_end(toks, of.end) + 1
            if h == 1:
                return None
        if h >= len(toks):
            return None
        end = self._province_end(toks, words, h)  # "Dinas ... (Disnakertrans) Sulut Herman Rumengan"
        if not end or end >= len(toks):
            return None
        # the name stays the body's; the resolver keys the branch by its whole name (resolve.py)
        acronym = " ".join(t.text for t in toks[of.end + 1 : h - 1])
        return self._mk(
            s, si, of.start, end, "Organization", toks, name_span=(of.start, of.end), acronym=acronym
        )

    def _province_end(self, toks: list[Token], words: list[str], k: int) -> int:
        """End of a capitalised province or state name at k, spelled out ("Sulawesi Tengah", from
        pycountry) or short ("Sulteng", `region_short_names`), or 0."""
        if not toks[k].is_cap:
            return 0
        reg = self.lex.regions.match(words, k)
        if reg:
            return reg[0]
        return k + 1 if words[k] in self.lex.region_short else 0

    def _known_prefix(
        self, s: Sentence, m: Mention, toks: list[Token], known: dict[tuple[str, ...], str]
    ) -> Mention | None:
        """In a headline every word is capitalised: a titled name keeps only the words the body uses
        as a person's name ("Menteri Hendra Lobi Hanoi Lewat Telepon" -> Menteri Hendra)."""
        parts = tuple(w.lower() for w in m.name.split())
        for k in range(len(parts), 0, -1):
            if known.get(parts[:k]) == "Person":
                end = m.end - (len(parts) - k)
                m.end = end
                m.name = " ".join(m.name.split()[:k])
                m.surface = s.text[toks[m.start].start - s.start : toks[end - 1].end - s.start]
                return m
        return None

    def _closed_mononym(self, toks: list[Token], words: list[str], k: int) -> bool:
        """A one-word name closed by a comma, then its verb: "Juru bicara X, Widyawati, membantah"."""
        n = len(toks)
        return (
            k + 1 < n
            and toks[k].is_cap
            and toks[k].is_word
            and (
                # "..., kata Kepala Dinas X, Yusuf.": the name may close the sentence
                (k + 2 == n and toks[k + 1].text in (".", "!", "?"))
                or (
                    k + 2 < n
                    and toks[k + 1].text == ","
                    and not toks[k + 2].is_cap
                    and words[k + 2] not in ("dan", "and", "atau", "or")
                )
            )
            and not self.lex.in_dictionary(words[k])
            and not self.lex.is_common_word(words[k])
            and not self._country_at(toks, words, k)
        )

    def _appositive_unit(
        self, s: Sentence, si: int, toks: list[Token], words: list[str], k: int
    ) -> Mention | None:
        """ "Pelatih Persija Jakarta, Carlos Pena, meminta": a title, a name, then the person in commas;
        the first name is the body the person holds the title in."""
        n = len(toks)
        r = self._cap_run(toks, words, k, org=True, stop_country=False)
        if not (k < r < n - 2 and toks[r].text == "," and toks[r + 1].is_cap):
            return None
        if self.lex.titles.match(words, r + 1) or self._country_at(toks, words, k):
            return None
        e = self._person_name(toks, words, r + 1)
        if e - (r + 1) < 2 and not self._closed_mononym(toks, words, r + 1):
            return None
        if not (e + 1 < n and toks[e].text == "," and not toks[e + 1].is_cap):
            return None
        if words[e + 1] in ("dan", "and", "atau", "or"):
            return None  # a list of people: "Budi Santoso, Rina Hartono, dan Ahmad Yani"

        # "Juru bicara Hendra Kusuma, Dewi Lestari": a person's spokesperson. A club or body named
        # after its town ends in a place ("Persija Jakarta", "Dynamo Kyiv"), or has a designator; a
        # person's name does neither (a first name may look like a region: "Isabel").
        def place_ending_at(x: int) -> bool:
            c = self._country_at(toks, words, x)
            g = self.lex.regions.match(words, x)
            return bool((c and c[0] == r) or (g and g[0] == r))

        if not any(place_ending_at(x) for x in range(k + 1, r)) and not self._org_kind(toks, words, k, r):
            return None
        return self._mk(s, si, k, r, "Organization", toks)

    def _titled(
        self,
        s: Sentence,
        si: int,
        toks: list[Token],
        words: list[str],
        i: int,
        tm: tuple[int, str, str, bool],
    ) -> Mention | None:
        j, title, kind, former = tm
        n = len(toks)
        sub = self._subunit_titled(s, si, toks, words, i, tm)
        if sub is not None:
            return sub
        portfolio = self._portfolio_titled(s, si, toks, words, i, tm)
        if portfolio is not None:
            return portfolio
        of: Mention | None = None
        via = ""
        k = j
        if k + 1 < n and words[k] in ("to", "untuk") and toks[k + 1].is_cap:
            # "ambassador to Australia, Gao Lin", "Duta Besar untuk Indonesia X": the posting
            posting = self._country_at(toks, words, k + 1)
            if posting and posting[0] < n:
                k = j = posting[0]
        the = 1 if k + 2 < n and words[k + 1] == "the" else 0  # "the head of the Food ... Organization"
        if k < n and words[k] in ("dari", "of", "at") and k + 1 + the < n and toks[k + 1 + the].is_cap:
            of = self._of_entity(s, si, toks, words, k + 1 + the)
            if of:
                via = words[k]
        elif not (
            self._title_class(words, i, j, self._MINISTERIAL)
            and k < n
            and words[k] in self.lex.portfolio_words
            and self._person_name(toks, words, k + 1) - (k + 1) >= 2
        ):  # "Menteri Koperasi Lukas Manurung": a portfolio word that also opens body names
            of = self._of_entity(s, si, toks, words, k)
        if of is None and via == "" and k < n and words[k] in ("of", "for"):
            unit = self._unit_then_name(s, si, toks, words, i, k, tm)
            if unit is not None:
                return unit
        if (
            of is not None
            and of.type == "Organization"
            and of.end < n
            and self._title_class(words, i, j, self.lex.corporate_titles)
        ):
            c = self._country_at(toks, words, of.end)
            if (
                c
                and c[0] < n
                and (toks[c[0]].text == "," or self._person_name(toks, words, c[0]) - c[0] >= 2)
            ):
                of = self._mk(s, si, of.start, c[0], "Organization", toks)  # "CEO Sinar Telekom Indonesia"
        if of is None and k < n and toks[k].is_cap:
            unit = self._title_unit(s, si, toks, words, i, j)
            if unit is not None:
                of, k = unit
        if of is None and k + 1 < n and _is_acronym(toks[k].text) and words[k] not in self.lex.not_names:
            e = k
            while e + 1 < n and _is_acronym(toks[e].text) and toks[e + 1].is_cap:
                e += 1
            if e > k and self._person_name(toks, words, e) > e:
                of = self._mk(s, si, k, e, "Organization", toks)  # "Wakil Ketua DPRD NTB Rina Pertiwi"
        if of:
            k = of.end
            if of.type == "Organization":
                e = k
                while (
                    e + 1 < n
                    and _is_acronym(toks[e].text)
                    and toks[e + 1].is_cap
                    and self._past_rank(words, e) == e
                ):
                    e += 1  # "DPRD NTB Rina Pertiwi": a region's acronym closes the body's name (not "AKBP")
                if e > k:
                    of = self._mk(s, si, of.start, e, "Organization", toks)
                    k = e
            h = k + 3 if _parenthesised_name(toks, k) else k  # "Badan Pengawas Pemilu (Bawaslu) Kota ..."
            branch = self._regional_branch(s, si, toks, words, of)
            if branch is not None and (
                toks[branch.end].text == "," or self._person_name(toks, words, branch.end) - branch.end >= 2
            ):
                of = branch
                k = h = branch.end
            if of.type == "Organization" and h + 3 < n and words[h] in self.lex.settlement_heads:
                # "Ketua Bawaslu Kota Medan Andi Saputra": the body's region, then a two-word name
                e = self._cap_run(toks, words, h + 1, org=False, stop_country=True)
                if e - h >= 4 and self._person_name(toks, words, e - 2) == e:
                    acr = toks[k + 1].text if h > k else of.acronym
                    of = self._mk(s, si, of.start, e - 2, "Organization", toks, acronym=acr)
                    k = e - 2
            # "Kepala Dinas Perhubungan Jawa Barat, Yusuf": the body's region, then the name after the comma
            reg = self.lex.regions.match(words, k) if of.type == "Organization" and k < n else None
            if reg and reg[0] + 1 < n and toks[reg[0]].text == "," and toks[reg[0] + 1].is_cap:
                of = self._mk(s, si, of.start, reg[0], "Organization", toks, acronym=of.acronym)
                k = reg[0]
            # "Duta Besar Jepang untuk Indonesia Kanasugi Kenji": the posting before the name
            if k + 1 < n and words[k] in ("untuk", "for", "to", "di", "in") and toks[k + 1].is_cap:
                c = self._country_at(toks, words, k + 1)
                if c and c[0] < n and toks[c[0]].is_cap and self._person_name(toks, words, c[0]) > c[0]:
                    k = c[0]
        elif k < n and not toks[k].is_cap:
            # "juru bicara keamanan nasional Gedung Putih John Kirby": fillers before the organisation
            kk = k
            while kk < n and words[kk] in self.lex.title_fillers and not toks[kk].is_cap:
                kk += 1
            if kk > k and kk < n and toks[kk].is_cap and words[kk - 1] not in self.lex.place_preps:
                of = self._of_entity(s, si, toks, words, kk)
                if of:
                    k = of.end
                elif self._person_name(toks, words, kk) > kk:
                    k = kk
        if of is None and k < n and toks[k].is_cap:
            # skip a portfolio ("Bidang Perekonomian", "Sosial", "Komunikasi dan Digital") or a region
            # ("Jawa Tengah", "California") between the title and the name
            marker = j > i and words[j - 1] in self.lex.portfolio
            kk = k
            while kk < n:
                if toks[kk].is_cap and (
                    words[kk] in self.lex.portfolio_words
                    or (marker and self.lex.in_dictionary(words[kk]))
                    # "Menteri Ketenagakerjaan Laksmi Pratiwi": a ke-/pe- -an noun is a portfolio
                    or (
                        self._title_class(words, i, j, self._MINISTERIAL)
                        and self._pe_ke_an_noun(words[kk], compounds=True)
                    )
                    or (
                        self.lex.is_common_word(words[kk])
                        and self.lex.in_dictionary(words[kk])
                        # "Menteri Perhubungan Diana Wulandari": an affixed-looking first name
                        and self._cap_run(toks, words, kk, org=False, stop_country=True) - kk != 2
                    )
                ):
                    kk += 1
                elif words[kk] in ("dan", "and", "&") and kk > k and kk + 1 < n and toks[kk + 1].is_cap:
                    kk += 1
                else:
                    reg = self.lex.regions.match(words, kk) if toks[kk].is_cap else None
                    if (
                        reg
                        and reg[0] < n
                        and toks[reg[0]].is_cap
                        # "leader Mary Achieng": a one-word region and one word more are a person's name
                        and not (reg[0] - kk == 1 and self._person_name(toks, words, reg[0]) - reg[0] == 1)
                    ):
                        kk = reg[0]
                    break
            if kk > k and kk < n and toks[kk].is_cap and self._person_name(toks, words, kk) > kk:
                k = kk
            elif kk > k and kk < n and self._title_class(words, i, j, self._MINISTERIAL):
                # "Menteri Perdagangan Malaysia Rudi Hartono": the portfolio, its country, the name
                c = self._country_at(toks, words, kk)
                if c and not c[2] and c[0] < n and self._person_name(toks, words, c[0]) - c[0] >= 2:
                    of, k = self._country_mention(s, si, toks, words, kk), c[0]
        if of is None and k < n and toks[k].is_cap:
            unit = self._appositive_unit(s, si, toks, words, k)
            if unit is not None:
                of, k = unit, unit.end
        name_start = k
        predicative = i > 0 and words[i - 1] in ("sebagai", "as", "menjadi", "adalah", "became", "is", "was")
        if k < n and toks[k].text == "," and not predicative:
            name_start = k + 1
        if name_start > k or of is not None:
            rank = self.lex.titles.match(words, name_start)
            if rank and rank[1] == "plain" and rank[0] < n and toks[rank[0]].is_cap:
                name_start = rank[0]  # "Kepala Polda X, Irjen Andika Rahman": a rank before the name
        name_end = self._person_name(toks, words, name_start, allow_country=name_start > k)
        if name_end - name_start == 1 and words[name_start] in self.lex.portfolio_words:
            name_end = name_start  # "Menteri Sosial perintahkan ...": a portfolio, not a name
        if name_start > k and name_end - name_start < 2 and not self._closed_mononym(toks, words, name_start):
            name_end = name_start  # "..., Eropa": a single word after a comma is not the title's name
        if name_end > name_start and (name_end - name_start > 1 or not _is_acronym(toks[name_start].text)):
            return self._holder(s, si, toks, i, (name_start, name_end), title, kind, former, of, via)
        if of is not None and kind in ("leads", "member"):
            # a role without a name: "Presiden Rusia", "juru bicara Kremlin", "Pemimpin Rusia itu"
            end = k
            if end < n and words[end] in ("itu", "tersebut", "this", "that"):
                end += 1
            return self._mk(
                s,
                si,
                i,
                end,
                "Person",
                toks,
                name_span=(of.start, of.end),
                kind="role",
                title=title,
                title_kind=kind,
                former=former,
                of=of,
                of_via=via,
            )
        if j < n and words[j] in ("itu", "tersebut"):
            # "miliarder tersebut": the last person so titled
            return self._mk(
                s,
                si,
                i,
                j + 1,
                "Person",
                toks,
                name_span=(i, j),
                kind="role",
                title=title,
                title_kind=kind,
                former=former,
            )
        if of is not None:
            return None
        return None

    def _subunit_titled(
        self,
        s: Sentence,
        si: int,
        toks: list[Token],
        words: list[str],
        i: int,
        tm: tuple[int, str, str, bool],
    ) -> Mention | None:
        """The head of a sub-unit, named in ordinary capitalised words, then the person after a comma:
        "Direktur Pemasaran PNJ, Yudi Hartanto," (the body closes the unit's name), "Direktur Jenderal
        Bina Marga, Tjahjo Purnomo," (the unit alone). The unit's words belong to the title; the
        person is a member of the closing body, when there is one."""
        j, former = tm[0], tm[3]
        n = len(toks)
        marked = j - 1 > i and words[j - 1] in self.lex.portfolio  # "Deputi Bidang Pengawasan ..."
        if not self._title_class(words, i, j - 1 if marked else j, self.lex.subunit_titles):
            return None
        if self._title_class(words, i, j, self.lex.org_head_titles):
            return None  # "Presiden Direktur Talang Geoenergi, X": the head of the company, not of a unit
        x = j
        ordinary = True  # every word of the unit an ordinary word ("Bina Marga", "Pemasaran")
        closing = -1  # where the first word that is not an ordinary one stands
        while x < n and toks[x].is_cap and toks[x].is_word and not _is_acronym(toks[x].text):
            w = words[x]
            if self._country_at(toks, words, x) or (
                self.lex.org_leading.match(words, x) and w not in self.lex.weak_org_leading
            ):  # "Divisi Operasi Jaringan PGK": a weak designator may be a word of the unit
                break
            if ordinary and not (
                self.lex.in_dictionary(w) or w in self.lex.portfolio_words or self._pe_ke_an_noun(w)
            ):  # "Keberlanjutan", "Pemasaran": an affixed noun is an ordinary word
                ordinary, closing = False, x
            x += 1
            if x < n and words[x] in ("dan", "&") and x + 1 < n and toks[x + 1].is_cap:
                x += 1  # "Prasarana dan Sarana Pertanian"
        if x == j:
            return None
        if _parenthesised_name(toks, x) and x + 3 < n and toks[x + 3].is_cap:
            x += 3  # "Konservasi Sumber Daya Alam dan Ekosistem (KSDAE) Kementerian Kehutanan"
        of: Mention | None = None
        e = x
        if j < closing and x - closing <= 2 and x < n and toks[x].text == ",":
            # "Deputi Bidang Pengawasan Kemenkop, X", "Direktur Tindak Pidana Siber Bareskrim Polri, X":
            # ordinary words of the unit, then one or two that are none, the body's short name
            x = closing
            if x - 1 > j and e - x == 1 and self._province_end(toks, words, x):
                x -= 1  # "Asisten Pidana Khusus Kejati Jatim, X": a province alone is no body's name
            of = self._mk(s, si, x, e, "Organization", toks)
        elif x < n and toks[x].is_cap and toks[x].text != ",":
            # the body that closes the unit's name: an acronym ("PNJ", "Polda Kaltim") or a designated run
            e = self._cap_run(toks, words, x, org=True, stop_country=False)
            if e == x or not (self._org_kind(toks, words, x, e) or _is_acronym(toks[x].text)):
                return None
            while e > x and not toks[e - 1].is_word:
                e -= 1
            if e < n and toks[e].text != "," and e - x >= 3:
                # no comma: the run holds the body, then the name ("... Bank Indonesia Erwin Haryono")
                # the longest body that leaves a name of two words or more, or a rank and a name
                e = next(
                    (
                        c
                        for c in range(e - 2, x, -1)
                        for at in [self._past_rank(words, c)]
                        if self._person_name(toks, words, at) == e
                        and (e - at >= 2 or at > c)
                        and (
                            (c - x >= 2 and self._org_kind(toks, words, x, c))
                            or (
                                c == x + 1
                                and _is_acronym(toks[x].text)
                                and not self.lex.org_leading.match(words, x)
                            )
                        )
                    ),
                    e,
                )
            of = self._mk(s, si, x, e, "Organization", toks, kind="acronym" if e - x == 1 else "name")
        elif not (ordinary and self._title_class(words, i, j, self.lex.unit_only_titles)):
            # "Direktur Keuangan, Budi": a plain director needs the body named; a unit named alone is
            # of ordinary words (not "Direktur Jenderal Garuda Nusantara Air, ...")
            return None
        at = self._past_rank(words, e + 1) if e < n - 1 and toks[e].text == "," else e
        end = self._person_name(toks, words, at) if at > e else at  # "..., Komisaris Besar Heru Prasetyo,"
        if at == e and of is not None and e < n and toks[e].is_cap:
            # "Kepala Departemen Komunikasi Bank Indonesia Erwin Haryono": the name right after the body
            at = self._past_rank(words, e)
            end = self._person_name(toks, words, at)
            if not (end - at >= 2 or (at > e and end > at)):
                at = end = e
        ranked = at > e + 1 and end > at  # "..., Kombes Rahmat,": after a rank one word is a name
        if not (end - at >= 2 or ranked or self._closed_mononym(toks, words, at)):
            if of is None or i == 0 or words[i - 1] != "," or e >= n or words[e] not in (",", "."):
                return None
            # "Ratna Sembiring, Direktur Jenderal ... Kementerian Kehutanan, untuk ...": the role of the
            # person before, in apposition
            return self._mk(
                s,
                si,
                i,
                e,
                "Person",
                toks,
                name_span=(of.start, of.end),
                kind="role",
                title=" ".join(words[i:x]),
                title_kind="member",
                former=former,
                of=of,
            )
        return self._holder(s, si, toks, i, (at, end), " ".join(words[i:x]), "member", former, of)

    def _past_rank(self, words: list[str], at: int) -> int:
        """Where the name starts after a plain rank or honorific at `at` ("Vice Admiral", "Kombes")."""
        rank = self.lex.titles.match(words, at)
        return rank[0] if rank and rank[1] == "plain" and rank[0] < len(words) else at

    def _unit_then_name(
        self,
        s: Sentence,
        si: int,
        toks: list[Token],
        words: list[str],
        i: int,
        k: int,
        tm: tuple[int, str, str, bool],
    ) -> Mention | None:
        """ "the Chief of the Naval Staff, Vice Admiral Ibrahim Bello,", "the Director of Public
        Prosecutions, Jane Okoye,": a title of a unit no designator names, then the person between
        commas. The unit is part of the title (no entity); a rank before the name is skipped."""
        n = len(toks)
        a = k + 2 if k + 2 < n and words[k + 1] == "the" else k + 1
        if a >= n or not toks[a].is_cap or self._country_at(toks, words, a):
            return None
        r = self._cap_run(toks, words, a, org=True, stop_country=False)
        if not (a < r < n - 1 and toks[r].text == ","):
            return None
        at = self._past_rank(words, r + 1)
        e = self._person_name(toks, words, at)
        if not (e - at >= 2 or self._closed_mononym(toks, words, at)) or e >= n or toks[e].text != ",":
            return None
        former = tm[3]
        return self._mk(
            s,
            si,
            i,
            e,
            "Person",
            toks,
            name_span=(at, e),
            title=" ".join(words[i:r]),
            title_kind="plain",
            former=former,
        )

    def _possessive_to(self, prev: Mention, words: list[str], i: int) -> bool:
        """`prev` is a country or organisation owning the title at i: "<prev>'s [energy] minister"; a
        one-word name before a corporate title is taken for a company ("Velotrix's chief executive")."""
        if prev.end >= i:
            return False
        if prev.type not in ("Country", "Organization"):
            tm = self._title_at(words, i)
            if not (
                tm
                and self._title_class(words, i, tm[0], self.lex.corporate_titles)
                and words[prev.end] in ("'s", "’s")
                and (
                    (prev.kind == "bare" and prev.type == "")
                    # "Zhongtie Qilin's country manager": a name with a company's officer is a company
                    or (prev.type == "Person" and prev.kind == "name" and not prev.title and " " in prev.name)
                )
            ):
                return False
            prev.org_hint = True
            if prev.type == "Person":
                prev.type = "Organization"
        if words[prev.end] not in ("'s", "’s"):
            return False
        gap = words[prev.end + 1 : i]
        return len(gap) <= 2 and not any(self.lex.is_function_word(w) for w in gap)

    def _qualified_unit(self, prev: Mention, toks: list[Token], words: list[str], i: int) -> bool:
        """`prev` is an organisation and one or two lower-case qualifiers lead to the title at i."""
        if prev.type != "Organization" or not 0 < i - prev.end <= 2:
            return False
        return all(
            toks[k].is_word and not toks[k].is_cap and not self.lex.is_function_word(words[k])
            for k in range(prev.end, i)
        )

    def _facility_follows(self, toks: list[Token], words: list[str], j: int) -> bool:
        """A facility noun right after a name, or after one more lower-case word ("Koro oil field")."""
        n = len(toks)
        if j >= n or toks[j].is_cap:
            return False
        if words[j] in self.lex.facility_after:
            return True
        return (
            j + 1 < n
            and words[j + 1] in self.lex.facility_after
            and toks[j].is_word
            and not self.lex.is_function_word(words[j])
            and not self.lex.is_common_word(words[j])
        )

    def _org_appositive(self, words: list[str], j: int) -> bool:
        """ ", the Chinese state-owned contractor building the dam": an appositive after a name whose
        head is an organisation cue noun (and holds no title, which would make the name a person's)."""
        n = len(words)
        if not (j + 2 < n and words[j] == "," and words[j + 1] in ("the", "a", "an", "sebuah", "perusahaan")):
            return False
        if words[j + 1] == "perusahaan":
            return True  # "X, perusahaan asal Singapura"
        for k in range(j + 2, min(n, j + 10)):  # ", a London-based protection and indemnity club"
            if words[k] in (",", ".", "which", "that", "who", "yang") or self.lex.titles.match(words, k):
                return False
            cue = self.lex.org_cues.match(words, k)
            if cue:
                return not (cue[0] < n and words[cue[0]] in ("'s", "’s"))  # not "the company's founder"
        return False

    def _model_number_at(self, toks: list[Token], words: list[str], j: int) -> bool:
        """A model number right after a one-word name: one to four digits, not a year ("Orvix 128")."""
        if j < 1 or j >= len(toks) or not toks[j].text.isdigit() or len(toks[j].text) > 4:
            return False
        if toks[j - 1].end == toks[j].start or (len(toks[j].text) == 4 and 1900 <= int(toks[j].text) <= 2100):
            return False
        w = words[j - 1].rstrip(".")
        return not (
            self.lex.in_dictionary(w)
            or self.lex.is_common_word(w)
            or w in self.lex.not_names
            or w in _MONTH_ABBREVIATIONS
            or _is_acronym(toks[j - 1].text)
        )

    def _landform(self, words: list[str], start: int, j: int) -> bool:
        """Whether words[start:j] name a landform by its head: "Klang Valley", "Gunung Lawu"."""
        head = self.lex.landform_heads.match(words, start)
        if head and head[0] < j:
            return True
        return any(tuple(words[x:j]) in self.lex.landform_tails for x in range(max(start + 1, j - 2), j))

    def _branded_product(self, toks: list[Token], words: list[str], start: int, j: int) -> bool:
        """A one-word name owned ("its Halcyon rocket") or spelled like a brand ("PinisiScore, sistem
        penilaian kredit", "the GeoRimba platform"), with a product noun right after it or at the head of
        its appositive within a few lower-case words."""
        text = toks[start].text
        # (a word whose tail holds no upper-case letter is not camel-cased: most names, one test)
        camel = not text[1:].islower() and any(
            a.islower() and b.isupper() for a, b in zip(text, text[1:], strict=False)
        )
        owned = start > 0 and words[start - 1] in ("its", "their", "his", "her")
        if not (camel or owned) or _is_acronym(text):
            return False
        n = len(words)
        k = j + 1 if camel and j + 1 < n and words[j] == "," else j
        seen = 0
        for x in range(k, min(n, k + 10)):
            if words[x] in ("'s", "’s", "-"):
                continue  # "CargoWatch, the authority's electronic cargo-tracking system"
            if not toks[x].is_word or toks[x].is_cap or self.lex.org_cues.match(words, x):
                return False  # "penyedia roket", "perusahaan roket": a company that makes the product
            if self.lex.is_common_word(words[x]) and words[x] not in ("the", "a", "an", "its", "their"):
                return False  # "SpaceX juga merupakan ...": a clause, not a description
            if words[x] in _BRAND_HEADS or words[x] in self.lex.product_trailing:
                return not (x + 1 < n and words[x + 1] in ("'s", "’s", "provider", "providers"))
            seen += 1
            if seen == 6:
                return False
        return False

    def _product_appositive(self, words: list[str], j: int) -> bool:
        """ ", a control platform developed by ...", ", the country's second-largest BNPL service": an
        appositive whose head is a product noun ("platform", "service", "app") within a few words,
        before any organisation cue or title."""
        n = len(words)
        if not (j + 2 < n and words[j] == ","):
            return False
        if (
            words[j + 1] not in ("a", "an", "the", "its", "their", "sebuah")
            and words[j + 1] not in _PRODUCT_HEADS
        ):
            return False  # "Trump, mengubah platform tersebut": a clause, not an appositive
        for k in range(j + 1, min(n, j + 12)):
            w = words[k]
            if w in (",", ".", "which", "that", "who", "yang", "and", "dan") or self.lex.titles.match(
                words, k
            ):
                return False
            cue = self.lex.org_cues.match(words, k)
            if cue and not (cue[0] < n and words[cue[0]] in ("'s", "’s")):
                return False  # ", a payments company": an organisation ("the agency's new ..." owns one)
            if w in _PRODUCT_HEADS or (w in ("system", "sistem") and k > j + 2):
                return not (k + 1 < n and words[k + 1] in ("'s", "’s", "of", "for", "provider", "providers"))
        return False

    def _org_predicate(self, words: list[str], j: int) -> bool:
        """A company's predicate right after a name ("said it", "announced", "its shares")."""
        for k in (j, j + 1):
            if k < len(words) and self.lex.org_predicates.match(words, k):
                return True
        return False

    def _title_class(self, words: list[str], i: int, j: int, table: frozenset[tuple[str, ...]]) -> bool:
        """Whether the title words[i:j] ends with a phrase of `table` ("Wakil Presiden Direktur")."""
        return any(tuple(words[p:j]) in table for p in range(i, j))

    def _title_unit(
        self, s: Sentence, si: int, toks: list[Token], words: list[str], i: int, j: int
    ) -> tuple[Mention | None, int] | None:
        """The unit between a title and its holder's name, when `_of_entity` found none.

        (mention of the organisation or None for a region, index where the name part starts):
        "Bupati Sleman, Rina Kartika" (a region: no entity), "Direktur Utama Merpati Indonesia, Joko
        Lestari" (a company ending in a country name), "Ketua BPK Dedi Rahman" (an acronym organisation).
        """
        n = len(toks)
        if i > 0 and words[i - 1] in ("sebagai", "as", "menjadi", "adalah", "became", "is", "was"):
            return None
        regional = self._title_class(words, i, j, self.lex.regional_titles)
        corporate = self._title_class(words, i, j, self.lex.corporate_titles)
        unit_title = corporate or self._title_class(words, i, j, self.lex.unit_titles)
        e = self._cap_run(toks, words, j, org=bool(self.lex.org_leading.match(words, j)), stop_country=False)
        if e < n and toks[e].text == "," and e > j and self._person_name(toks, words, e + 1) - (e + 1) >= 2:
            whole = self._country_at(toks, words, j)
            if whole and whole[0] == e:
                return None  # "Presiden Rusia, ...": the country is the title's own
            if regional:
                return None, e
            if (
                corporate
                or self._org_kind(toks, words, j, e)
                or (e - j == 1 and _is_acronym(toks[j].text))
                or (e - j == 2 and _is_acronym(toks[j].text) and len(toks[j].text) >= 3)  # "DPRD Wanaraja, X"
                # "Kepala Kejati Sulsel, X", "Ketua Bawaslu Kalbar, X": such a title always heads a body,
                # and one or two words that are no ordinary ones are its short name
                or (
                    e - j <= 2
                    and self._title_class(words, i, j, self.lex.org_head_titles)
                    and not any(
                        words[x] in self.lex.dictionary or words[x] in _EN_COMMON for x in range(j, e)
                    )
                )
                # "Pemimpin Redaksi Suara Seram, X": a title only a body has, whatever its words
                or (e - j <= 4 and self._title_class(words, i, j, self.lex.body_only_titles))
                # "Kepala Disnaker Kabupaten Bandung, Asep Mulyana": a body of a region, never a name
                or any(words[x] in self.lex.settlement_heads for x in range(j + 1, e - 1))
                or tuple(words[j:e])
                in self.short_names  # "Kepala Kanwil Pajak Kaltim, X" (named so elsewhere)
            ):
                return self._mk(s, si, j, e, "Organization", toks), e
            return None  # "Juru bicara Hendra Kusuma, Dewi Lestari": the title's holder, then an appositive
        if unit_title and _is_acronym(toks[j].text) and words[j] not in self.lex.not_names:
            reg = self.lex.regions.match(words, j + 1) if j + 1 < n else None
            if reg:
                # "Anggota DPRD Sulawesi Barat dari ...", "Anggota DPRD Jawa Barat Asep Sunarya": the body
                # of a province, not a person
                return self._mk(s, si, j, reg[0], "Organization", toks), reg[0]
            if j + 1 < n and self._person_name(toks, words, j + 1) - (j + 1) >= 2:
                return self._mk(s, si, j, j + 1, "Organization", toks, kind="acronym"), j + 1
        if (corporate or unit_title) and self._title_class(words, i, j, self.lex.org_head_titles):
            # "Ketua Bawaslu Ratna Kusumawati": such a title always has an organisation; a lone unknown
            # word before a two-word name is it
            e = self._cap_run(toks, words, j, org=False, stop_country=True)
            if (
                e - j == 3
                and (e >= n or not toks[e].is_cap)
                and not self.lex.in_dictionary(words[j])
                and words[j] not in self._person_words
                and self._person_name(toks, words, j + 1) == e
            ):
                return self._mk(s, si, j, j + 1, "Organization", toks), j + 1
        if corporate:
            e = self._cap_run(toks, words, j, org=False, stop_country=True)
            c = self._country_at(toks, words, e) if j < e < n else None
            if c and self._person_name(toks, words, c[0]) - c[0] >= 2:
                return self._mk(s, si, j, c[0], "Organization", toks), c[
                    0
                ]  # "CEO Telkom Indonesia Ana Putri"
        return None

    def _cued(
        self, s: Sentence, si: int, toks: list[Token], words: list[str], i: int, j: int, typ: str
    ) -> Mention | None:
        """Cue words then a capitalised name: the name is an organisation or product."""
        n = len(toks)
        k = j
        # "platform media sosial milik Musk, X": skip an owner phrase to reach the name
        if k < n and words[k] in ("milik",):
            return None
        if k + 1 < n and words[k] == "miliknya" and toks[k + 1].text == ",":
            k += 1  # "aplikasi miliknya, KaloraGo": its own app, named after the comma
        if k < n and toks[k].text == ",":
            if any((tm := self.lex.titles.match(words, p)) and tm[0] == i for p in range(max(0, i - 3), i)):
                return None  # "Koordinator koalisi, Rizal Firmansyah": the title's holder after the comma
            k += 1
        affixed = False  # "sistem pelacakan TRAKBARA": a kind named in an affixed noun, then a brand
        while k < j + 2 and k < n and not toks[k].is_cap:
            if words[k] in self.lex.cue_modifiers:
                k += 1  # "portal berita lokal Sketsa Borneo", "the local newspaper Kisumu Star"
            elif typ == "Technology" and self._pe_ke_an_noun(words[k]):
                k, affixed = k + 1, True
            else:
                break
        if k >= n or not toks[k].is_cap or not toks[k].is_word:
            return None
        if affixed and not _brand_spelled(toks[k].text):
            return None  # "sistem pemerintahan Jokowi": a person's government, not a product
        if self._country_at(toks, words, k) or self.lex.titles.match(words, k):
            return None
        if self.lex.tech.match(words, k):
            return None  # "teknologi AI", "startup AI": the vocabulary term, not a name
        e = self._cap_run(toks, words, k, org=bool(self.lex.org_leading.match(words, k)), stop_country=True)
        if e == k:
            return None
        if any(w in self.lex.non_entity for w in words[k + 1 : e]) and words[k] in self.lex.non_entity:
            return None  # an event or place named after the cue ("festival ...")
        if any(w in self.lex.non_entity for w in words[k:e]) and e - k == 1:
            return None
        if (
            e - k == 1
            and len(words[k]) > 1
            and self.lex.in_dictionary(words[k])
            and not _brand_spelled(toks[k].text)
        ):
            return None  # "raksasa teknologi Barat": an ordinary word ("TerbangKu" is a brand)
        return self._mk(s, si, i, e, typ, toks, name_span=(k, e), kind="name")

    def _cap_mention(
        self,
        s: Sentence,
        si: int,
        toks: list[Token],
        words: list[str],
        i: int,
        initial: bool,
        titlecase: bool,
        known: dict[tuple[str, ...], str] | None,
        skip_acronyms: set[str],
    ) -> tuple[Mention | None, int]:
        n = len(toks)
        org = bool(self.lex.org_leading.match(words, i))
        j = self._cap_run(toks, words, i, org=org, stop_country=True)
        start = i
        if words[i] in self.lex.not_names and j - i >= 2 and not org:
            i = start = i + 1  # "Published Thursday ...", "WIB ...": a dateline word, not a name
        # sentence-initial ordinary word: "Menurut Zauers", "Sekilas tentang"
        if (
            (initial or words[i] in self.lex.prepositions or words[i] in _EN_COMMON)
            and not org
            and not (_is_acronym(toks[i].text) and j - i == 1 and not initial)  # "the WHO", "in IT"
            and (
                self.lex.is_common_word(words[i])
                # "Langkah BPJT itu ...", "Mahasiswa Universitas Lontara ...": an ordinary word opens the
                # sentence before an acronym or a designated name
                or (
                    initial
                    and self.lex.indonesian
                    and i + 1 < j
                    and self.lex.in_dictionary(words[i])
                    and not _is_acronym(toks[i].text)
                    and (
                        _is_acronym(toks[i + 1].text)
                        or (self.lex.org_leading.match(words, i + 1) and i + 2 < j)
                    )
                )
            )
            and not (words[i] in self._person_words and not self.lex.is_function_word(words[i]))
            and not self._country_opens_name(toks, words, i, j)  # "New Zealand Police"
        ):
            start = i + 1
            if start >= j:
                if (
                    j - i == 1
                    and self._org_predicate(words, j)
                    and not self.lex.is_function_word(words[i])
                    and not self.lex.in_dictionary(words[i])
                ):
                    # "Sehatku mengumumkan ...": an affixed-looking brand with a company's predicate
                    m = self._mk(s, si, i, j, "", toks, kind="bare", sentence_initial=True)
                    m.org_hint = True
                    return m, j
                return None, j
            org = bool(self.lex.org_leading.match(words, start))
            if org:
                j = self._cap_run(toks, words, start, org=True, stop_country=True)
        # "Transparency International Indonesia", "Clean Air Coalition Malaysia": a body's national chapter
        chapter = self._country_at(toks, words, j) if j < n and toks[j].is_cap else None
        chaptered = bool(
            chapter
            and not chapter[2]
            and j - start >= 2
            and self._org_kind(toks, words, start, j)
            and (chapter[0] >= n or not toks[chapter[0]].is_cap)
        )
        if chaptered:
            j = chapter[0]  # type: ignore[index]
        if not org and j < n and toks[j].is_cap and self._country_at(toks, words, j):
            # "Football Kenya Federation": a country word inside a designated organisation name;
            # "Palang Merah Indonesia (PMI)": a name its acronym spells out, country and all
            j2 = self._cap_run(toks, words, start, org=False, stop_country=False)
            if j2 - start >= 3 and (
                words[j2 - 1] in self.lex.org_trailing
                or (_parenthesised_name(toks, j2) and _spells(toks[j2 + 1].text, toks[start:j2]))
            ):
                j = j2
        if titlecase:
            # headline: only names already known from the body
            if known:
                for a in range(start, j):
                    for b in range(j, a, -1):
                        typ = known.get(tuple(words[a:b]))
                        if typ:
                            return self._mk(s, si, a, b, typ, toks, kind="bare"), b
            return None, j
        # "Central Bank of Kenya", "University of Nairobi": "of" continues a designated organisation
        # ("Office for Information Security", "University of the South Pacific" too)
        the = 1 if j + 2 < n and words[j + 1] == "the" else 0
        if (
            j + 1 + the < n
            and words[j] in ("of", "for")
            and toks[j + 1 + the].is_cap
            and words[j - 1] in self.lex.org_trailing
        ):
            after = j + 1 + the
            j = self._cap_run(toks, words, after, org=True, stop_country=False, continued=True)
            if _parenthesised_name(toks, j) and _is_acronym(toks[j + 1].text):  # "... of Ruvia (MAR)"
                acr = toks[j + 1].text
                skip_acronyms.add(acr)
                return self._mk(
                    s, si, start, j + 3, "Organization", toks, name_span=(start, j), acronym=acr
                ), j + 3
            return self._mk(s, si, start, j, "Organization", toks), j
        # "Food and Agriculture Organization", "Bill and Ana Reyes Foundation": a connector inside a name
        # that ends with an organisation designator
        if j + 1 < n and words[j] in ("and", "&", "of", "for", "dan") and toks[j + 1].is_cap and not org:
            j2 = self._cap_run(toks, words, start, org=True, stop_country=False)
            if j2 > j + 1 and words[j2 - 1] in self.lex.org_trailing:
                return self._mk(s, si, start, j2, "Organization", toks), j2
        if words[start] in self.lex.settlement_heads and j - start >= 2:
            return None, j  # "Desa Lawela Hilir", "Kabupaten Bukit Batu": a place, not an entity
        if self.vessel_names and tuple(words[start:j]) in self.vessel_names:
            return None, j  # "the tanker Kallisto Star", later "The Kallisto Star, which ...": a ship
        if words[start] == "kantor" and any(
            tuple(words[start + 1 : start + 1 + k]) in self.lex.regional_titles for k in (1, 2)
        ):
            return None, j  # "Kantor Gubernur NTB": the governor's office, a building
        if start >= 2 and words[start - 1] == "of" and words[start - 2] in self.lex.settlement_heads:
            return None, j  # "the village of Cachoeira do Campo": a place
        span = words[start:j]
        cue = next(
            (
                k
                for k in range(j, min(n, j + 3))
                if words[k] in self.lex.product_trailing
                and all(w.isalpha() and w not in _EN_COMMON and not w.endswith("ed") for w in words[j:k])
                and not any(toks[x].is_cap for x in range(j, k))
            ),
            None,
        )
        if cue is not None and not self._org_kind(toks, words, start, j):
            # "the M-Pesa service", "its Kwacha Pay mobile money service": a product, its kind after it
            return self._mk(s, si, start, j, "Technology", toks), j
        # parenthetical acronym right after: "Badan ... (NASA)"
        acr = ""
        end = j
        if _parenthesised_name(toks, j):
            # "(NASA)", and Indonesian syllable acronyms "(Gapsa)", "(Menpora)"
            if (
                _is_acronym(toks[j + 1].text)
                or (j - start >= 2 and len(toks[j + 1].text) <= 10)
                or _spells(toks[j + 1].text, toks[start:j])  # "(Kemendiktisaintek)"
            ):
                acr = toks[j + 1].text
                end = j + 3
                # "Badan Penanggulangan Bencana Daerah (BPBD) Tanah Merapu": the name goes on after
                # the acronym with its place, then the sentence goes on in lower case
                e = end
                while e < n and toks[e].is_cap and toks[e].is_word and not self.lex.titles.match(words, e):
                    e += 1
                if (
                    e > end
                    and e - end <= 3
                    and e < n
                    and not toks[e].is_cap
                    and self._org_kind(toks, words, start, j)
                ):
                    end = e
        elif (
            (close := _short_form_end(toks, j)) > 0
            and self._org_kind(toks, words, start, j)
            and any(_spells(toks[j + 1].text, toks[start:x]) for x in range(start + 1, j + 1))
        ):
            # "Kejaksaan Tinggi Jawa Timur (Kejati Jatim)", "Kantor Wilayah Pajak Kalimantan Timur (Kanwil
            # Pajak Kaltim)": the body's short name, its subject's and its province's
            acr = " ".join(t.text for t in toks[j + 1 : close])
            end = close + 1
        for p in range(start + 1, j - 1):
            tm = self._title_at(words, p)
            if (
                tm
                and words[p] not in self.lex.org_trailing
                and not self._org_kind(toks, words, start, p)
                and not self.lex.org_leading.match(words, start)  # "Gabungan Pengusaha ...": a body
            ):
                # "Transport Minister Alan Ferrier": a portfolio, then the title, then the name
                m = self._titled(s, si, toks, words, p, tm)
                if m is not None and m.kind == "name":
                    m.start = start
                    m.surface = s.text[toks[start].start - s.start : toks[m.end - 1].end - s.start]
                    return m, m.end
        if words[start] in self.lex.weak_org_leading and (
            any(w in self.lex.non_entity for w in span)
            or (j + 1 < n and words[j] in ("'s", "’s") and words[j + 1] in self.lex.non_entity)
        ):
            return None, end  # "World Cup", "International Women's Day": an event, not a body
        kind = self._org_kind(toks, words, start, j) or chaptered
        if kind:
            # "reported by The Sydney Ledger": a capitalised article mid-sentence is part of the form
            opened = i if start == i + 1 and toks[i].text == "The" and not initial else start
            m = self._mk(s, si, opened, end, "Organization", toks, name_span=(start, j), acronym=acr)
            return m, end
        if j - start >= 2 and self._landform(words, start, j):
            return None, j  # "Tamarack Ridge", "Taman Nasional Bukit Sarawa": a place
        if self._facility_follows(toks, words, j):
            # "the Koro oil field", "the Ras Baya terminal": a place; a one-word name may still be a
            # company the text names ("the Velotrix plant")
            if j - start == 1:
                return self._mk(s, si, start, j, "", toks, kind="bare"), j
            return None, j
        if any(w in self.lex.non_entity for w in span):
            if acr:
                skip_acronyms.add(acr)
            return None, end
        reg = self.lex.world_regions.match(words, start)
        if reg and reg[0] >= j:
            return None, j  # "Asia Tenggara", "Middle East": a region, not an entity
        reg = self.lex.regions.match(words, start)
        if (
            reg
            and reg[0] == j
            and (j - start >= 2 or (start > 0 and words[start - 1] in self.lex.place_preps))
        ):
            return None, j  # "Sulawesi Tenggara", "di Maryland": a province or state, a place
        if (
            j - start == 3
            and toks[j - 1].text.isdigit()
            and toks[j - 2].text == "-"
            and not self._org_kind(toks, words, start, j - 2)
        ):
            return self._mk(s, si, start, j, "Technology", toks), j  # "Kirana-3": a model
        if (
            j - start == 2
            and any(ch.isdigit() for ch in toks[j - 1].text)
            and not self._org_kind(toks, words, start, j)
        ):
            return self._mk(s, si, start, j, "Technology", toks), j  # "Avior A7", "Orvix 128": a model
        if j - start == 1 and self._model_number_at(toks, words, j):
            # "mesin Orvix 128", "HydroSense 4, a control platform": a name and its model number
            return self._mk(s, si, start, j + 1, "Technology", toks), j + 1
        if j - start == 1 and self._branded_product(toks, words, start, j):
            return self._mk(s, si, start, j, "Technology", toks), j  # "its Seagrip welding system"
        if self._product_appositive(words, j) and not any(
            self.lex.titles.match(words, x) for x in range(start, j)
        ):
            return self._mk(s, si, start, j, "Technology", toks), j  # "KilatPay, the ... BNPL service"
        if (
            start > 0
            and words[start - 1] in self.lex.place_preps
            and j - start >= 1
            and not _is_acronym(toks[start].text)
            and not (acr and _spells(acr, toks[start:j]))  # "at Tasman Coastal Water (TCW)": a body
            # "wrote to Arjun Mehra", "spoke to Reuters": someone addressed, not a destination
            and not (words[start - 1] == "to" and start > 1 and words[start - 2] in _ADDRESSING)
            # "Athens-based Thalassa Maritime": the place is before "-based", the name after it
            and not (start > 1 and toks[start - 2].text in ("-", "–"))
        ):
            return None, j  # "di New York", "di West Point": a place
        if any(w in self.lex.not_names for w in span) and j - start == 1:
            return None, j
        tm = self.lex.titles.match(words, start)
        if tm and tm[0] >= j:
            return None, j  # "Wakil Presiden" alone: a title without a name
        if any(self.lex.tech.match(words, x) for x in range(start, j) if toks[x].text.isupper()):
            return None, j  # "Startup AI": a vocabulary term inside a capitalised phrase
        if (
            j - start == 1
            and j < n
            and not self.lex.is_common_word(words[start])
            and self._country_at(toks, words, j)
            and not self.lex.in_dictionary(words[start])
            and not _is_acronym(toks[start].text)
            and not (initial and start == i and words[start].endswith(("ing", "ed", "ly")))  # "Neighbouring"
        ):
            c = self._country_at(toks, words, j)
            assert c is not None
            if c[0] < n and words[c[0]] in self.lex.geographic_heads:
                return None, c[0]  # "South China Sea": a sea
            if not c[2]:  # "Greenpeace Indonesia", "Samsung Indonesia": a national branch
                return self._mk(s, si, start, c[0], "Organization", toks), c[0]
        if j - start == 1:
            text = toks[start].text
            if text in self.common_acronyms:
                return None, j  # spelled out in lower case in this document: a common noun
            if _is_acronym(text) and text not in skip_acronyms:
                if start > 0 and words[start - 1] == "(":
                    return None, j
                if words[start] in self.lex.generic_acronyms:
                    return None, j  # "BUMN", "SMK", "AEDT": a kind of body, a school, a time zone
                return self._mk(s, si, start, j, "Organization", toks, kind="acronym"), j
            if j + 2 < n and words[j] == "(" and toks[j + 1].text.isdigit() and words[j + 2] == ")":
                m = self._mk(s, si, start, j, "Person", toks)  # "Rustam (52)": a person's age
                m.end = j + 3  # the age is part of the mention, so ", anggota APDI" is his
                return m, j + 3
            m = self._mk(s, si, start, j, "", toks, kind="bare", sentence_initial=initial and start == i)
            m.org_hint = self._org_predicate(words, j) or (
                self._org_appositive(words, j)
                and not self.lex.in_dictionary(words[start])  # "Senin, the regulator said": a day
                and not self.lex.is_common_word(words[start])
            )
            return m, j
        if acr and _is_acronym(acr):
            # "Sinar Timur Nikel (STN)": people are not given acronyms
            return self._mk(s, si, start, end, "Organization", toks, name_span=(start, j), acronym=acr), end
        # multi-token: a person unless every token is an ordinary word
        if (
            all(self.lex.in_dictionary(w) for w in span)
            and (initial or self._in_quote(words, start) or any(self.lex.is_function_word(w) for w in span))
            and not self._org_appositive(words, j)  # "Sungai Bersih, a network of village groups,"
        ):
            # "“Membuat Amerika Hebat Lagi”": ordinary words capitalised in a quote or at a start;
            # mid-sentence capitalised ordinary words are names ("Ani Wijaya", "Dewi Kusuma")
            return None, j
        if start > 0 and words[start - 1] in self.lex.org_object_verbs:
            return self._mk(s, si, start, j, "Organization", toks), j
        tail = self.lex.titles.match(words, j - 1)
        if j - start >= 3 and tail and tail[0] == j and self._org_kind(toks, words, start, j - 1):
            return self._mk(s, si, start, j - 1, "Organization", toks), j  # "a Liberal Party MP"
        if self._org_predicate(words, j) or self._org_appositive(words, j):
            return self._mk(s, si, start, j, "Organization", toks), j  # "Andaman Wings said it ..."
        if j + 1 < n and words[j] == "," and words[j + 1] == "which" and not self._person_words & set(span):
            return self._mk(s, si, start, j, "Organization", toks), j  # "Safari Wireless, which": no person
        if j - start in (2, 3) and _is_acronym(toks[start].text) and len(toks[start].text) >= 3:
            return self._mk(s, si, start, j, "Organization", toks), j  # "BPJS Kesehatan": no name opens so
        if not any(self.lex.titles.match(words, x) for x in range(start, j)) and has_organisation_word(
            " ".join(t.text for t in toks[start:j])
        ):
            return self._mk(
                s, si, start, j, "Organization", toks
            ), j  # "Meridian Capital", "Huaxin Metallurgy"
        if j - start >= 2 and words[j - 1] in _CONTINENT_TAILS and not self.lex.in_dictionary(words[start]):
            return self._mk(s, si, start, j, "Organization", toks), j  # "Chemtra Asia": a company's region
        m = self._mk(s, si, start, j, "Person", toks, sentence_initial=initial and start == i)
        return m, j


_LOWER_EXPANSION = re.compile(r"\b[a-z][a-z-]+\s+\(([A-Z]{2,6})\)")


def vessel_names(sentences: list[Sentence], lex: Lexicon) -> frozenset[tuple[str, ...]]:
    """Capitalised names the document gives vessels: right after a lower-case vessel noun ("the tanker
    Kallisto Star", "kapal Sinar Bahari")."""
    out: set[tuple[str, ...]] = set()
    for s in sentences:
        words = s.words if s.words else [t.lower for t in s.tokens]
        if lex.vessel_cues.isdisjoint(words):
            continue
        toks = s.tokens
        for k, w in enumerate(words[:-1]):
            if w in lex.vessel_cues and not toks[k].is_cap:
                e = k + 1
                while e < len(toks) and e < k + 5 and toks[e].is_cap and toks[e].is_word:
                    e += 1
                if e > k + 1:
                    out.add(tuple(words[k + 1 : e]))
    return frozenset(out)


def common_acronyms(text: str) -> frozenset[str]:
    """Acronyms the text spells out in lower case ("gas alam cair (LNG)", "buy-now-pay-later (BNPL)"):
    abbreviations of common nouns, not names of bodies."""
    return frozenset(_LOWER_EXPANSION.findall(text))


def _quote_depth(words: list[str] | tuple[str, ...], i: int) -> int:
    depth = 0
    straight = 0
    for w in words[:i]:
        if w == "“":
            depth += 1
        elif w == "”":
            depth = max(0, depth - 1)
        elif w == '"':
            straight ^= 1
    return depth + straight


def is_titlecase(s: Sentence) -> bool:
    """A headline-style line: most words capitalised (names there are not trusted)."""
    if s.text.rstrip().endswith((".", "?", "!", "”", '"')) or len(s.tokens) < 4:
        return False
    words = [t for t in s.tokens if t.is_word and len(t.text) > 2 and t.text.isalpha()]
    if len(words) < 4:
        return False
    caps = sum(1 for t in words if t.is_cap)
    return caps / len(words) >= 0.75
