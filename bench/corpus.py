"""A synthetic news corpus whose graph is known: article-shaped documents for benchmarks and tests.

Articles are built from templates (Indonesian and English) over pools of
invented people, organisations and real countries, so the expected entities and
relations of every document are known and written in the gold format that
`../shared/eval/score.py` reads. Deterministic for a given seed.

    python -m bench.corpus --docs 1000 --out /tmp/corpus     # writes docs/*.txt and gold.json
"""

from __future__ import annotations

import argparse
import json
import random
import zlib
from dataclasses import dataclass, field
from pathlib import Path

FIRST = [
    "Rina",
    "Budi",
    "Sari",
    "Agus",
    "Dewi",
    "Hendra",
    "Maya",
    "Yusuf",
    "Laras",
    "Teguh",
    "Anna",
    "Mark",
    "Olivia",
    "Daniel",
    "Grace",
    "Victor",
    "Helena",
    "Marcus",
    "Irene",
    "Tomas",
    "Nadia",
    "Farid",
]
LAST = [
    "Hartono",
    "Santoso",
    "Wibowo",
    "Kusuma",
    "Pratama",
    "Halim",
    "Siregar",
    "Nugroho",
    "Lindqvist",
    "Okafor",
    "Brennan",
    "Castell",
    "Moreau",
    "Varga",
    "Ishikawa",
    "Delacroix",
    "Rahmadi",
    "Suwandi",
]
ORG_ID = ["PT {} Nusantara", "Bank {} Raya", "Kementerian {}", "Badan {} Nasional", "PT {} Energi"]
ORG_EN = ["{} Holdings Inc.", "{} Group", "{} Systems Corp.", "{} Bank", "{} Institute"]
ORG_WORDS = [
    "Sinar",
    "Cakra",
    "Garuda",
    "Mentari",
    "Samudra",
    "Northwind",
    "Bluestone",
    "Kestrel",
    "Harbor",
    "Meridian",
    "Arunika",
    "Pelita",
    "Quarry",
    "Tidewater",
    "Lumen",
    "Cobalt",
]
COUNTRIES = {
    "ID": ("Indonesia", "Indonesia"),
    "MY": ("Malaysia", "Malaysia"),
    "JP": ("Jepang", "Japan"),
    "DE": ("Jerman", "Germany"),
    "BR": ("Brasil", "Brazil"),
    "IN": ("India", "India"),
    "FR": ("Prancis", "France"),
    "KR": ("Korea Selatan", "South Korea"),
}
ROLE_ID = ["Direktur Utama", "juru bicara", "Menteri", "Kepala", "Wakil Ketua"]
ROLE_EN = ["chief executive", "spokesperson", "chairman", "director"]

TEMPLATES = {
    ("id", "CONTACTED"): [
        "{a} menelepon {b} pada hari Senin untuk membahas kerja sama {topic}.",
        "{a} berbicara dengan {b} melalui telepon pekan lalu mengenai {topic}.",
    ],
    ("id", "INSTRUCTED"): [
        "{a} memerintahkan {b} untuk mempercepat proyek {topic}.",
        "{a} menginstruksikan {b} untuk meninjau ulang anggaran {topic}.",
    ],
    ("id", "DENIED"): [
        "{a} membantah laporan {b} tentang proyek {topic}.",
        "{a} menepis klaim {b} mengenai kesepakatan {topic}.",
    ],
    ("en", "CONTACTED"): [
        "{a} spoke by phone with {b} on Monday about {topic}.",
        "{a} met {b} in Geneva last week to discuss {topic}.",
    ],
    ("en", "INSTRUCTED"): [
        "{a} ordered {b} to speed up the {topic} project.",
        "{a} instructed {b} to review the {topic} budget.",
    ],
    ("en", "DENIED"): [
        "{a} denied a report by {b} about the {topic} deal.",
        "{a} rejected claims by {b} about the {topic} contract.",
    ],
}
TOPICS_ID = ["energi surya", "pelabuhan", "pangan", "perbankan digital", "infrastruktur"]
TOPICS_EN = ["solar energy", "port", "food security", "digital banking", "infrastructure"]
FILLER_ID = [
    "Para analis menilai langkah tersebut penting bagi perekonomian kawasan.",
    "Pertemuan itu berlangsung di tengah ketidakpastian pasar global.",
    "Sejumlah pengamat menyebut keputusan ini akan berdampak pada harga komoditas.",
    "Data terbaru menunjukkan pertumbuhan ekonomi melambat pada kuartal ketiga.",
]
FILLER_EN = [
    "Analysts said the move matters for the regional economy.",
    "The talks took place amid uncertainty in global markets.",
    "Observers expect the decision to weigh on commodity prices.",
    "The latest figures show growth slowed in the third quarter.",
]


@dataclass(slots=True)
class Actor:
    name: str
    type: str  # Person or Organization
    country: str  # ISO code
    role: str = ""
    org: str = ""


@dataclass(slots=True)
class GoldDoc:
    id: str
    lang: str
    text: str
    entities: dict[str, dict] = field(default_factory=dict)
    relations: list[dict] = field(default_factory=list)


def make_pool(rng: random.Random, people: int = 120, orgs: int = 40) -> list[Actor]:
    codes = sorted(COUNTRIES)
    actors: list[Actor] = []
    for i in range(orgs):
        template = (ORG_ID + ORG_EN)[i % (len(ORG_ID) + len(ORG_EN))]
        word = ORG_WORDS[i % len(ORG_WORDS)]
        if i >= len(ORG_WORDS):  # "Sinar Cakra": two pool words keep names realistic and distinct
            word += " " + ORG_WORDS[(i // len(ORG_WORDS) + i) % len(ORG_WORDS)]
        name = template.format(word)
        actors.append(Actor(name, "Organization", rng.choice(codes)))
    names = sorted({f"{f} {last}" for f in FIRST for last in LAST})
    rng.shuffle(names)
    organisations = [a for a in actors if a.type == "Organization"]
    for name in names[:people]:
        actors.append(Actor(name, "Person", rng.choice(codes), org=rng.choice(organisations).name))
    return actors


def _pick(options: list[str], name: str) -> str:
    """A stable choice per name (Python's hash() changes between processes)."""
    return options[zlib.crc32(name.encode()) % len(options)]


def _mention(actor: Actor, lang: str, first: bool) -> str:
    """Full titled form on first mention, the surname (people) or full name (organisations) after."""
    if actor.type == "Organization":
        return actor.name
    if not first:
        return actor.name.split()[-1]
    role = _pick(ROLE_ID if lang == "id" else ROLE_EN, actor.name)
    return f"{role} {actor.org} {actor.name}" if lang == "id" else f"{actor.org} {role} {actor.name}"


def make_document(rng: random.Random, pool: list[Actor], index: int, lang: str) -> GoldDoc:
    doc = GoldDoc(id=f"{lang}_{index:06d}", lang=lang, text="")
    people = [a for a in pool if a.type == "Person"]
    country = rng.choice(sorted(COUNTRIES))
    country_name = COUNTRIES[country][0 if lang == "id" else 1]
    sentences = [
        (
            f"JAKARTA - Pemerintah {country_name} mengumumkan kebijakan baru pekan ini."
            if lang == "id"
            else f"LONDON - The government of {country_name} announced a new policy this week."
        )
    ]
    doc.entities[country_name] = {"name": country_name, "type": "Country", "aliases": [country_name]}
    seen: set[str] = set()
    topics = TOPICS_ID if lang == "id" else TOPICS_EN
    filler = FILLER_ID if lang == "id" else FILLER_EN
    for _ in range(rng.randint(3, 5)):
        rel_type = rng.choice(["CONTACTED", "INSTRUCTED", "DENIED"])
        a, b = rng.sample(people, 2)
        text = rng.choice(TEMPLATES[(lang, rel_type)]).format(
            a=_mention(a, lang, a.name not in seen),
            b=_mention(b, lang, b.name not in seen),
            topic=rng.choice(topics),
        )
        text = text[0].upper() + text[1:]
        for actor in (a, b):
            entry = doc.entities.setdefault(actor.name, {"name": actor.name, "type": "Person", "aliases": []})
            entry["aliases"].append(_mention(actor, lang, actor.name not in seen))
            if actor.name not in seen:
                doc.entities.setdefault(
                    actor.org, {"name": actor.org, "type": "Organization", "aliases": [actor.org]}
                )
            seen.add(actor.name)
        doc.relations.append(
            {"source": a.name, "type": rel_type, "target": b.name, "core": True, "evidence": text}
        )
        sentences.append(text)
        sentences.extend(rng.sample(filler, 2))
    doc.text = "\n".join(" ".join(sentences[i : i + 3]) for i in range(0, len(sentences), 3)) + "\n"
    for e in doc.entities.values():
        e["aliases"] = sorted(set(e["aliases"]))
    return doc


def generate(n_docs: int, seed: int = 7, langs: tuple[str, ...] = ("id", "en")) -> list[GoldDoc]:
    rng = random.Random(seed)
    pool = make_pool(rng)
    return [make_document(rng, pool, i, langs[i % len(langs)]) for i in range(n_docs)]


def write_corpus(docs: list[GoldDoc], out: Path) -> None:
    """`out/docs/<id>.txt` and `out/gold.json` (the score.py gold format)."""
    (out / "docs").mkdir(parents=True, exist_ok=True)
    for d in docs:
        (out / "docs" / f"{d.id}.txt").write_text(d.text, encoding="utf-8")
    gold = [
        {"id": d.id, "lang": d.lang, "entities": list(d.entities.values()), "relations": d.relations}
        for d in docs
    ]
    (out / "gold.json").write_text(json.dumps(gold, ensure_ascii=False, indent=1), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--lang", choices=["id", "en", "both"], default="both")
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    langs = ("id", "en") if args.lang == "both" else (args.lang,)
    write_corpus(generate(args.docs, args.seed, langs), args.out)
    print(f"wrote {args.docs} documents and gold.json to {args.out}")


if __name__ == "__main__":
    main()
