"""Relation extraction on invented sentences, Indonesian and English."""

import pytest

from graph.model import SourceDocument
from loaders.extract import Extractor


@pytest.fixture(scope="module")
def ex():
    return Extractor()


def rels(ex, text):
    out = ex.extract(SourceDocument(id="t", text=text))
    return {(r.source, r.type, r.target) for r in out.relations}, out


def named(out):
    """The relations as (source name, type, target name)."""
    names = {e.key: e.name for e in out.entities}
    return {(names[r.source], r.type, names[r.target]) for r in out.relations}


def test_contacted_coordinated_and_with_object(ex):
    r, _ = rels(ex, "Menteri Finlandia Sari Utami dan Joko Priyanto telah berbicara melalui telepon.")
    assert ("Person:joko priyanto", "CONTACTED", "Person:sari utami") in r
    r, _ = rels(ex, "Hendra Kusuma melakukan panggilan telepon dengan Presiden Finlandia Marek Tolvan.")
    assert ("Person:hendra kusuma", "CONTACTED", "Person:marek tolvan") in r


def test_negated_planned_hypothetical_are_not_contacted(ex):
    for text in (
        "Hendra Kusuma tidak pernah berbicara dengan Marek Tolvan.",
        "Hendra Kusuma belum berbicara dengan Marek Tolvan.",
        "Hendra Kusuma akan bertemu dengan Marek Tolvan pekan depan.",
        "Jika Hendra Kusuma berbicara dengan Marek Tolvan, harga akan turun.",
        "Kantor itu membantah Hendra Kusuma bertemu Marek Tolvan.",
    ):
        r, _ = rels(ex, text)
        assert not any(t == "CONTACTED" for _, t, _ in r), text


def test_met_also_contacted(ex):
    r, _ = rels(ex, "Rina Astuti bertemu dengan Bambang Wiryo di Bandung.")
    assert ("Person:bambang wiryo", "CONTACTED", "Person:rina astuti") in r
    assert ("Person:bambang wiryo", "MET", "Person:rina astuti") in r


def test_instructed_and_passive(ex):
    r, _ = rels(
        ex, "Gubernur Finlandia Marek Tolvan memerintahkan Dinas Pekerjaan Umum untuk memperbaiki jalan."
    )
    assert ("Person:marek tolvan", "INSTRUCTED", "Organization:dinas pekerjaan umum") in r


def test_request_without_authority_is_requested(ex):
    r, _ = rels(ex, "Presiden Finlandia Marek Tolvan meminta Hendra Kusuma untuk berinvestasi.")
    assert ("Person:marek tolvan", "REQUESTED", "Person:hendra kusuma") in r
    assert ("Person:marek tolvan", "INSTRUCTED", "Person:hendra kusuma") not in r


def test_urging_own_officials_is_instructed(ex):
    r, _ = rels(ex, "Presiden Valdoria Marek Tolvan mendesak para pejabat Valdoria untuk bekerja.")
    # Valdoria is invented, so no country: the officials are not an entity and nothing is asserted
    assert not any(t == "INSTRUCTED" for _, t, _ in r)
    r, _ = rels(ex, "Presiden Rusia Ivan Petrovsky mendesak para pejabat Rusia untuk bergabung.")
    assert ("Person:ivan petrovsky", "INSTRUCTED", "Country:RU") in r


def test_denial_points_at_the_claimant(ex):
    text = (
        "Harian Nusantara Times melaporkan bahwa Hendra Kusuma bertemu Marek Tolvan. "
        "Juru bicara Orbitel Group, Dewi Lestari, membantah laporan tersebut."
    )
    r, out = rels(ex, text)
    assert ("Person:dewi lestari", "DENIED", "Organization:nusantara times") in r


def test_denial_without_claimant_points_at_the_claim_subject(ex):
    r, _ = rels(ex, "Hendra Kusuma membantah klaim bahwa dirinya pro-Rusia.")
    assert ("Person:hendra kusuma", "DENIED", "Country:RU") in r


def test_refusing_is_not_denying(ex):
    r, _ = rels(
        ex, "Hendra Kusuma menolak berkomentar. Hendra Kusuma menolak mengizinkan Orbitel Group masuk."
    )
    assert not any(t == "DENIED" for _, t, _ in r)


def test_pronoun_subject_resolves_to_last_person(ex):
    r, _ = rels(ex, "Pengusaha Hendra Kusuma tiba di Jakarta. Ia kemudian bertemu dengan Rina Astuti.")
    assert ("Person:hendra kusuma", "CONTACTED", "Person:rina astuti") in r


def test_evidence_offsets_and_trigger(ex):
    text = "Awalnya sepi. Rina Astuti berbicara dengan Bambang Wiryo."
    _, out = rels(ex, text)
    rel = next(r for r in out.relations if r.type == "CONTACTED")
    ev = rel.evidence[0]
    assert text[ev.start : ev.end] == ev.sentence == "Rina Astuti berbicara dengan Bambang Wiryo."
    assert ev.trigger == "berbicara" and ev.rule and 0 < ev.confidence <= 1


def test_english_sentences(ex):
    r, _ = rels(ex, "Acme Corp. said Jane Holloway spoke with Ravi Menon on Tuesday.")
    assert ("Person:jane holloway", "CONTACTED", "Person:ravi menon") in r
    r, _ = rels(ex, "Jane Holloway denied the report.")
    assert not any(t == "CONTACTED" for _, t, _ in r)


def test_leads_from_title(ex):
    r, _ = rels(ex, "CEO Orbitel Group, Dewi Lestari, hadir.")
    assert ("Person:dewi lestari", "LEADS", "Organization:orbitel group") in r


def test_reported_speech_keeps_its_source(ex):
    _, out = rels(ex, "Menurut Harian Nusantara Times, Rina Astuti berbicara dengan Bambang Wiryo.")
    rel = next(r for r in out.relations if r.type == "CONTACTED")
    assert rel.reported_by == "Organization:harian nusantara times" or rel.reported_by.startswith(
        "Organization:"
    )


def test_deterministic(ex):
    text = "Rina Astuti berbicara dengan Bambang Wiryo. Ia juga bertemu Menteri Sari Utami."
    a = ex.extract(SourceDocument(id="t", text=text))
    b = ex.extract(SourceDocument(id="t", text=text))
    assert a == b


def test_denied_claim_in_the_same_document_is_disputed(ex):
    text = (
        "Menurut Harian Nusantara Times, Hendra Kusuma berbicara dengan Presiden Finlandia Marek Tolvan. "
        "Juru bicara Hendra Kusuma, Dewi Lestari, membantah laporan Harian Nusantara Times."
    )
    _, out = rels(ex, text)
    contacted = [r for r in out.relations if r.type == "CONTACTED"]
    assert contacted and contacted[0].reported_by and contacted[0].disputed
    assert any(r.type == "DENIED" and r.target == contacted[0].reported_by for r in out.relations)


def test_passive_instruction_points_from_the_agent(ex):
    for text in (
        "Dinas Pekerjaan Umum diperintahkan oleh Gubernur Finlandia Marek Tolvan untuk memperbaiki jalan.",
        "The Ports Authority was ordered by Transport Minister Marek Tolvan to suspend the contract.",
    ):
        r, _ = rels(ex, text)
        assert any(s == "Person:marek tolvan" and t == "INSTRUCTED" for s, t, _ in r), text


def test_organisation_role_person_is_the_argument(ex):
    r, _ = rels(
        ex, "Tolvan Logistics chief executive Ana Ruiz met Harbor Capital chairman Ben Okafor in Lagos."
    )
    assert ("Person:ana ruiz", "CONTACTED", "Person:ben okafor") in r
    assert ("Person:ana ruiz", "LEADS", "Organization:tolvan logistics") in r


def test_reported_clause_subject_after_said(ex):
    r, _ = rels(
        ex,
        "Menteri Sosial Ratna Widjaja datang. "
        "Ratna mengatakan dirinya telah berbicara dengan Bambang Susilo.",
    )
    assert ("Person:bambang susilo", "CONTACTED", "Person:ratna widjaja") in r


def _contact(out):
    return [r for r in out.relations if r.type == "CONTACTED"]


@pytest.mark.parametrize(
    ("text", "disputed"),
    [
        # denying something else (being pro-Finland) disputes no contact
        (
            "Menurut Harian Nusantara Times, Hendra Kusuma berbicara dengan Presiden Finlandia Marek Tolvan. "
            "Hendra Kusuma membantah klaim bahwa dirinya pro-Finlandia.",
            False,
        ),
        # a report restated after the denial stands
        (
            "Juru bicara Hendra Kusuma, Dewi Lestari, membantah laporan Harian Nusantara Times. "
            "Meski demikian, laporan Harian Nusantara Times menunjukkan bahwa Hendra Kusuma berbicara dengan "
            "Presiden Finlandia Marek Tolvan.",
            False,
        ),
        # a report told as earlier than the denial above it is disputed by it
        (
            "Direktur Utama PT Laut Biru, Yohan Setiadi, membantah bahwa dirinya pernah berkomunikasi dengan "
            "Duta Besar Norwegia Ola Brandt. Sebelumnya, majalah Warta Pekan melaporkan bahwa Yohan Setiadi "
            "bertemu dengan Ola Brandt pada Januari.",
            True,
        ),
    ],
)
def test_what_a_denial_disputes(ex, text, disputed):
    _, out = rels(ex, text)
    contacts = [r for r in out.relations if r.type == "CONTACTED"]
    assert contacts and all(r.disputed == disputed for r in contacts)


def test_it_after_a_body_stands_for_that_body(ex):
    _, out = rels(
        ex, "The Maritime Safety Agency said it had instructed Tidewell Shipping to suspend two ferries."
    )
    assert any(
        r.type == "INSTRUCTED"
        and r.source.endswith("maritime safety agency")
        and r.target.endswith("tidewell shipping")
        for r in out.relations
    )


def test_head_of_a_body_leads_it_and_a_candidate_of_a_party_is_a_member(ex):
    _, out = rels(ex, "Garcia called the head of the Farmers Union, Joel Ramos, on Friday.")
    assert any(r.type == "LEADS" and r.target.endswith("farmers union") for r in out.relations)
    _, out = rels(ex, "Calon presiden dari Partai Nusantara Raya Dimas Aryo berkampanye di Bandung.")
    assert any(r.type == "MEMBER_OF" and r.target.endswith("partai nusantara raya") for r in out.relations)


def test_meeting_a_foreign_ambassador_is_meeting_the_person(ex):
    _, out = rels(ex, "Rina Hartono met Japanese Ambassador to Indonesia Marta Rojas in Jakarta on Friday.")
    contacts = {(r.source, r.target) for r in out.relations if r.type == "CONTACTED"}
    assert contacts == {("Person:marta rojas", "Person:rina hartono")}
    _, out = rels(ex, "Budi Santoso bertemu Duta Besar Chili untuk Indonesia, Marta Rojas, di Jakarta.")
    assert any(r.type == "CONTACTED" and "marta rojas" in (r.source + r.target) for r in out.relations)


def test_coordinated_banks_are_each_instructed(ex):
    _, out = rels(
        ex,
        "Bank Sentral Arvania directed Seri Laut Bank, Pelangi Union Bank and Harimau Raya Bank to stop.",
    )
    targets = {r.target for r in out.relations if r.type == "INSTRUCTED"}
    assert {"Organization:pelangi union bank", "Organization:harimau raya bank"} <= targets


def test_calling_on_someone_is_an_appeal_not_a_call(ex):
    _, out = rels(ex, "Warga Peduli Alliance called on Kestrel Shipping to compensate the families.")
    assert not [r for r in out.relations if r.type == "CONTACTED"]
    _, out = rels(ex, "Rina Hartono called Budi Santoso on Monday about the contract.")
    assert [r for r in out.relations if r.type == "CONTACTED"]


def test_an_anaphoric_denial_points_at_who_made_the_accusation(ex):
    text = (
        "Serikat Buruh Kapal (SBK) menuding direksi PT Laut Raya menunda gaji. "
        '"Kami menunggu," kata Ketua SBK, Joko Santoso. '
        "Juru bicara PT Laut Raya, Dina Amalia, membantah tudingan tersebut."
    )
    _, out = rels(ex, text)
    assert ("Dina Amalia", "DENIED", "Serikat Buruh Kapal") in named(out)


def test_a_place_named_as_a_modifier_is_not_an_argument(ex):
    _, out = rels(
        ex, "The regulator Arvania Trade Authority ordered Norway-based shipper Kestrel Lines to pay."
    )
    targets = {r.target for r in out.relations if r.type == "INSTRUCTED"}
    assert "Country:NO" not in targets


def test_a_demonym_before_embassy_is_the_mission(ex):
    _, out = rels(ex, "The Japanese embassy rejected the report by the Bergen Courier.")
    names = {e.key: (e.name, e.type) for e in out.entities}
    denials = [(names[r.source], names[r.target]) for r in out.relations if r.type == "DENIED"]
    assert denials and denials[0][0] == ("Japanese embassy", "Organization")


def test_english_passive_order_by_the_agent(ex):
    _, out = rels(ex, "Lintang Mobile was ordered by the Arvania Trade Authority to suspend the sale.")
    assert ("Arvania Trade Authority", "INSTRUCTED", "Lintang Mobile") in named(out)


def test_a_meeting_that_was_postponed_is_not_a_contact(ex):
    _, out = rels(
        ex, "Pertemuan antara Rina Hartono dan Budi Santoso yang semula direncanakan Jumat ini ditunda."
    )
    assert not [r for r in out.relations if r.type == "CONTACTED"]
    _, out = rels(ex, "Pertemuan antara Rina Hartono dan Budi Santoso berlangsung Jumat di Bandung.")
    assert [r for r in out.relations if r.type == "CONTACTED"]


@pytest.mark.parametrize(
    ("text", "ordered"),
    [
        ('"The truth matters," Rina Hartono told Sky Channel on Monday.', False),
        ("Manajemen PT Laut Raya mengarahkan wartawan ke kantor pusat PT Samudra Jaya.", False),
        ("Rina Hartono told Budi Santoso to resign.", True),
        ("Menteri Budi Santoso mengarahkan PT Laut Raya untuk menunda ekspor.", True),
    ],
)
def test_told_and_directed_order_only_with_what_to_do(ex, text, ordered):
    _, out = rels(ex, text)
    assert bool([r for r in out.relations if r.type == "INSTRUCTED"]) == ordered


def test_a_role_after_a_person_with_an_age_is_that_persons(ex):
    _, out = rels(ex, "Ketua APDN, Rahmat Siregar, berorasi. Jumadi (41), anggota APDN, mengaku rugi.")
    members = {r.source for r in out.relations if r.type == "MEMBER_OF"}
    assert "Person:rahmat siregar" not in members


@pytest.mark.parametrize(
    ("text", "a", "b"),
    [
        (
            "Gubernur Kalimaya, Dodi Saputra, menerima perwakilan Serikat Nelayan Teluk yang dipimpin Ketua "
            "Umum Rina Lestari di kantornya.",
            "Dodi Saputra",
            "Rina Lestari",
        ),
        (
            "Menteri Perdagangan Budi Santoso menerima Kevin Wirawan di kantornya, Senin.",
            "Budi Santoso",
            "Kevin Wirawan",
        ),
        (
            "Prime Minister Anna Holm received a delegation from the Fishers Union led by Jonas Berg.",
            "Anna Holm",
            "Jonas Berg",
        ),
    ],
)
def test_receiving_a_person_or_a_delegation_is_a_meeting(ex, text, a, b):
    out = ex.extract(SourceDocument(id="t", text=text))
    names = {e.key: e.name for e in out.entities}
    found = {(names[r.source], r.type, names[r.target]) for r in out.relations}
    assert {(a, "CONTACTED", b), (a, "MET", b)} <= found | {(y, t, x) for x, t, y in found}


def test_receiving_money_is_no_meeting(ex):
    out = ex.extract(
        SourceDocument(id="t", text="Jaksa menduga Yusuf Hamdani menerima uang dari Liem Wijaya.")
    )
    assert not [r for r in out.relations if r.type in ("CONTACTED", "MET")]


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        (
            "Serikat Nelayan Teluk merupakan anggota Konfederasi Buruh Merdeka (KBM).",
            "id",
            {("Serikat Nelayan Teluk", "MEMBER_OF", "Konfederasi Buruh Merdeka")},
        ),
        (
            "Both Ecuador and Chile are members of the Pacific Alliance.",
            "en",
            {("Ecuador", "MEMBER_OF", "Pacific Alliance"), ("Chile", "MEMBER_OF", "Pacific Alliance")},
        ),
    ],
)
def test_membership_stated_with_a_copula(ex, text, lang, expected):
    out = ex.extract(SourceDocument(id="t", text=text, lang=lang))
    names = {e.key: e.name for e in out.entities}
    assert expected <= {(names[r.source], r.type, names[r.target]) for r in out.relations}


def test_members_of_a_body_are_not_one_person(ex):
    out = ex.extract(
        SourceDocument(
            id="t",
            text="Helena Vos, a member of the Meridian Development Bank, spoke. Chile and Ecuador are all "
            "members of the MDB.",
            lang="en",
        )
    )
    names = {e.key: e.name for e in out.entities}
    found = {(names[r.source], r.type, names[r.target]) for r in out.relations}
    assert ("Chile", "MEMBER_OF", "Meridian Development Bank") in found
    assert ("Ecuador", "MEMBER_OF", "Meridian Development Bank") in found


def test_as_a_member_then_the_holder(ex):
    out = ex.extract(
        SourceDocument(
            id="t",
            text="Sebagai anggota Konfederasi Bola Voli Asia (AVC), FBVN wajib melaporkan insiden itu.",
            lang="id",
        )
    )
    names = {e.key: e.name for e in out.entities}
    assert ("FBVN", "MEMBER_OF", "Konfederasi Bola Voli Asia") in {
        (names[r.source], r.type, names[r.target]) for r in out.relations
    }


def test_an_object_comes_before_the_next_verb(ex):
    out = ex.extract(
        SourceDocument(
            id="t",
            text="Wakil Ketua Asosiasi Tekstil Nusantara (ATN), Danang Wibowo, mendesak pemerintah "
            "memperketat impor benang dari Tiongkok.",
            lang="id",
        )
    )
    names = {e.key: e.name for e in out.entities}
    found = {(names[r.source], r.type, names[r.target]) for r in out.relations}
    assert not {r for r in found if r[2] == "China"}


@pytest.mark.parametrize(
    "text",
    [
        "Finance Minister Rosa Mbeki spoke on Monday. Mbeki held a video call with Tomas Ferreira on Sunday.",
        "Menteri Perdagangan Ratna Wulan hadir. Ratna menggelar konferensi video dengan Tomas Ferreira.",
    ],
)
def test_a_video_call_is_a_contact_not_a_meeting(ex, text):
    _, out = rels(ex, text)
    found = named(out)
    assert {p for p in found if p[1] == "CONTACTED"} & {
        ("Rosa Mbeki", "CONTACTED", "Tomas Ferreira"),
        ("Ratna Wulan", "CONTACTED", "Tomas Ferreira"),
        ("Tomas Ferreira", "CONTACTED", "Rosa Mbeki"),
        ("Tomas Ferreira", "CONTACTED", "Ratna Wulan"),
    }
    assert not any(t == "MET" for _, t, _ in found)


def test_in_talks_with_is_a_contact(ex):
    _, out = rels(ex, "Nairobi is in talks with the Arcadia Development Fund over a new loan.")
    found = named(out)
    assert found & {
        ("Kenya", "CONTACTED", "Arcadia Development Fund"),
        ("Arcadia Development Fund", "CONTACTED", "Kenya"),
    }
    _, out = rels(ex, "The minister spoke in a meeting in Nairobi on Monday about the loan.")
    assert not any(t == "CONTACTED" for _, t, _ in named(out))


def test_a_reported_clause_without_a_subject_has_the_reporters(ex):
    _, out = rels(
        ex, "Kedutaan Besar Arvania menyatakan telah berkomunikasi dengan Kementerian Kelautan sejak Minggu."
    )
    assert named(out) & {
        ("Kedutaan Besar Arvania", "CONTACTED", "Kementerian Kelautan"),
        ("Kementerian Kelautan", "CONTACTED", "Kedutaan Besar Arvania"),
    }
    # a claimed meeting is only a claim
    _, out = rels(
        ex, "Bonar Tambunan hadir. Bonar Tambunan mengklaim telah bertemu Yudha Pranata di kantor itu."
    )
    assert not any(t == "CONTACTED" for _, t, _ in named(out))


def test_a_headline_alone_makes_no_relation(ex):
    head = "Narwa regulator orders audit of Simba Mobile after outage\n\n"
    body = (
        "The Narwa Communications Authority (NCA) said the outage lasted three days. Simba Mobile apologised."
    )
    _, out = rels(ex, head + body)
    assert not any(t == "INSTRUCTED" for _, t, _ in named(out))
    body += " The NCA ordered Simba Mobile to submit its network logs."
    _, out = rels(ex, head + body)
    assert ("Narwa Communications Authority", "INSTRUCTED", "Simba Mobile") in named(out)
    # a first line that is a sentence of the article is no headline
    _, out = rels(ex, "The NCA ordered Simba Mobile to submit its network logs.\nIt complied.")
    assert any(t == "INSTRUCTED" for _, t, _ in named(out))


def test_a_light_verb_in_reported_speech_keeps_the_speaker(ex):
    _, out = rels(
        ex, "Rosa Mbeki spoke on Monday. She said she had held talks with Tomas Ferreira on Friday."
    )
    assert named(out) & {
        ("Rosa Mbeki", "CONTACTED", "Tomas Ferreira"),
        ("Tomas Ferreira", "CONTACTED", "Rosa Mbeki"),
    }
