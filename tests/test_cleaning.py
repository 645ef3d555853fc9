"""Cleaning: each kind of furniture, each seed's lines, and the partition guarantee."""

from __future__ import annotations

from functools import cache

import pytest

from news_archive.cleaning import (
    CleanedArticle,
    Place,
    SegmentKind,
    Structure,
    check_partition,
    clean_article,
    find_repeated_lines,
    is_title_like,
)
from news_archive.model import ArticleSource, Origin, PartialDate
from news_archive.sources import Corpus, load_corpus
from tests.conftest import SOURCES, TODAY

P, H, C, CR = SegmentKind.PARAGRAPH, SegmentKind.HEADING, SegmentKind.CAPTION, SegmentKind.CREDIT
M, F, D, HL = (
    SegmentKind.METADATA,
    SegmentKind.FURNITURE,
    SegmentKind.DUPLICATE,
    SegmentKind.HEADLINE,
)


@cache
def corpus() -> Corpus:
    return load_corpus(SOURCES, root=SOURCES.parent, today=TODAY)


def article(
    body: str,
    *,
    title: str = "Judul uji",
    outlet: str | None = "viva",
    title_supplied: bool = False,
    article_id: str = "uji",
) -> ArticleSource:
    return ArticleSource(
        id=article_id,
        title=title,
        outlet=outlet,
        published=PartialDate(2016, 12, 9),
        language="id",
        url=None,
        body=body,
        origin=Origin("sources/articles/uji.md", 1),
        body_line=10,
        title_supplied=title_supplied,
    )


def clean(body: str, **kwargs: object) -> CleanedArticle:
    source = article(body, **kwargs)  # type: ignore[arg-type]
    return clean_article(source, corpus().rules, corpus().outlets)


def kinds_of_line(cleaned: CleanedArticle, line: int) -> list[tuple[SegmentKind, str]]:
    return [(s.kind, s.text) for s in cleaned.segments if s.line == line]


BEFORE = "Pasukan pemerintah Suriah terus maju ke arah timur kota itu pada pagi hari."
AFTER = "Warga sipil yang tersisa menunggu bus evakuasi di dekat pos pemeriksaan."

# A line alone between two paragraphs (blank-line layout) → the kind it must get, and the rule.
LINES = [
    (
        "Situs ini menggunakan kuki. Klik di sini untuk mempelajari lebih lanjut.",
        F,
        "cookie-notice",
    ),
    ("Terima kuki", F, "cookie-notice"),
    ("Berlanggananlah", F, "newsletter-prompt"),
    ("dengan newsletter kami!", F, "newsletter-prompt"),
    ("Dapatkan cerita terbaik minggu ini langsung ke email Anda", F, "newsletter-prompt"),
    ("Iklan", F, "advertisement"),
    ("ADVERTISEMENT", F, "advertisement"),
    ("SCROLL TO CONTINUE WITH CONTENT", F, "advertisement"),
    ("Baca juga: Rusia Kirim 20 Bus ke Aleppo", F, "related-links"),
    ("Lihat Juga:", F, "related-links"),
    ("Topik Menarik", F, "related-links"),
    ("share", F, "share-buttons"),
    ("Komentar", F, "comment-widget"),
    ("01:03", F, "video-duration"),
    ("[Gambas:Video CNN]", F, "embed-marker"),
    ("Ikuti berita terkini dari iNews.id di Google News", F, "follow-prompt"),
    ("Hak cipta milik Rossiyskaya Gazeta.", M, "copyright"),
    ("Terkini | inews | Senin, 2 Desember 2024 - 10:31", M, "pipe-metadata"),
    ("Senin, 2 Desember 2024 - 10:31", M, "timestamp-line"),
    ("Rep: Fulan/ Red: Fulanah", M, "byline"),
    ("Editor: Andi Pratama", M, "byline"),
    ("VIVA.co.id", M, "outlet-name-alone"),
]


@pytest.mark.parametrize(("line", "kind", "rule"), LINES, ids=[case[0][:40] for case in LINES])
def test_a_furniture_line_is_moved_out_of_the_text(line: str, kind: SegmentKind, rule: str) -> None:
    cleaned = clean(f"{BEFORE}\n\n{line}\n\n{AFTER}\n")
    [segment] = [s for s in cleaned.segments if s.line == 3]
    assert (segment.kind, segment.rule) == (kind, rule)
    assert [p.text for p in cleaned.paragraphs] == [BEFORE, AFTER]


# Pieces split off a line: (line, [(kind, text) of each piece in order]).
SPLITS = [
    (
        "VIVA.co.id – Sekitar 8.500 warga sipil di Aleppo diperbolehkan pergi.",
        [(M, "VIVA.co.id –"), (P, "Sekitar 8.500 warga sipil di Aleppo diperbolehkan pergi.")],
    ),
    (
        "ALEPPO, iNews.id - Rekaman video berisi kelompok bersenjata viral.",
        [(M, "ALEPPO, iNews.id -"), (P, "Rekaman video berisi kelompok bersenjata viral.")],
    ),
    (
        "REPUBLIKA.CO.ID, ALEPPO -- Pasukan pemerintah Suriah menguasai Aleppo.",
        [(M, "REPUBLIKA.CO.ID, ALEPPO --"), (P, "Pasukan pemerintah Suriah menguasai Aleppo.")],
    ),
    (
        "Jakarta, CNN Indonesia -- Pemerintah Suriah mengumumkan kemenangan.",
        [(M, "Jakarta, CNN Indonesia --"), (P, "Pemerintah Suriah mengumumkan kemenangan.")],
    ),
    (
        "Evakuasi dilanjutkan pada Jumat pagi. (ita/ita)",
        [(P, "Evakuasi dilanjutkan pada Jumat pagi."), (M, "(ita/ita)")],
    ),
    (
        "Pasukan pemerintah maju ke timur.SCROLL TO CONTINUE WITH CONTENTMereka merebut dua desa.",
        [
            (P, "Pasukan pemerintah maju ke timur."),
            (F, "SCROLL TO CONTINUE WITH CONTENT"),
            (P, "Mereka merebut dua desa."),
        ],
    ),
    (
        "Konvoi itu tiba sore hari. Baca juga: Rusia Kirim 20 Bus ke AleppoPara pengungsi dibawa ke barat.",
        [
            (P, "Konvoi itu tiba sore hari."),
            (F, "Baca juga: Rusia Kirim 20 Bus ke Aleppo"),
            (P, "Para pengungsi dibawa ke barat."),
        ],
    ),
    (
        "Para warga membanjiri jalan untuk merayakan kemenangan. Sumber: RT / YouTube",
        [
            (C, "Para warga membanjiri jalan untuk merayakan kemenangan."),
            (CR, "Sumber: RT / YouTube"),
        ],
    ),
]


@pytest.mark.parametrize(("line", "pieces"), SPLITS, ids=[case[0][:40] for case in SPLITS])
def test_a_line_is_split_into_pieces_that_keep_every_character(
    line: str, pieces: list[tuple[SegmentKind, str]]
) -> None:
    cleaned = clean(f"{BEFORE}\n\n{line}\n")
    assert kinds_of_line(cleaned, 3) == pieces
    assert "".join(s.raw for s in cleaned.segments if s.line == 3) == line


def test_split_paragraph_pieces_are_shown_as_one_paragraph() -> None:
    cleaned = clean(
        "Pasukan maju ke timur.SCROLL TO CONTINUE WITH CONTENTMereka merebut dua desa.\n"
    )
    assert [p.text for p in cleaned.paragraphs] == [
        "Pasukan maju ke timur. Mereka merebut dua desa."
    ]


def test_headline_and_its_repeat_are_removed_but_a_supplied_title_keeps_the_first_line() -> None:
    headline = "Ribuan Warga Sipil Aleppo Berhasil Dievakuasi"
    cleaned = clean(f"{headline}\n\n{headline}\n\n{BEFORE}\n", title=headline)
    assert [s.kind for s in cleaned.segments] == [HL, D, P]
    supplied = clean(f"{BEFORE}\n{AFTER}\n", title="Judul buatan arsip", title_supplied=True)
    assert [p.text for p in supplied.paragraphs] == [BEFORE, AFTER]


def test_a_repeated_long_line_is_a_duplicate_pointing_at_the_first() -> None:
    cleaned = clean(f"{BEFORE}\n\n{AFTER}\n\n{BEFORE}\n")
    [duplicate] = [s for s in cleaned.segments if s.kind is D]
    assert (duplicate.line, duplicate.note) == (5, "1")
    assert [p.text for p in cleaned.paragraphs] == [BEFORE, AFTER]


def test_a_short_repeated_line_is_not_a_duplicate() -> None:
    cleaned = clean(f"{BEFORE}\n\nTidak.\n\n{AFTER}\n\nTidak.\n")
    assert [p.text for p in cleaned.paragraphs] == [BEFORE, "Tidak.", AFTER, "Tidak."]


def test_caption_and_credit_in_one_block_are_captions_in_either_order() -> None:
    body = f"{BEFORE}\n\nReuters\nPara tentara merayakan kemenangan.\n\nSeorang pria memanggul remaja.\nSumber :\n  • REUTERS/Hosam Katan\n\n{AFTER}\n"
    cleaned = clean(body)
    assert [(s.line, s.kind) for s in cleaned.segments if s.place is Place.MEDIA] == [
        (3, CR),
        (4, C),
        (6, C),
        (7, CR),
        (8, CR),
    ]
    assert [item.lines for item in cleaned.media] == [(3, 4), (6, 7, 8)]


def test_a_photo_gallery_in_one_line_layout_keeps_titles_captions_and_the_uncredited_last_slide() -> (
    None
):
    body = "\n".join(
        [
            BEFORE,
            "'Armagedon' di Aleppo",
            "Kota Aleppo jadi neraka, seperti terlihat dalam galeri foto ini:",
            "Foto: Reuters/A. Ismail",
            "Luluh lantak",
            "Seorang pria berjalan di antara reruntuhan gedung.",
            "Foto: Reuters/A. Ismail",
            "Masihkah ada masa depan?",
            "Seorang anak memandangi kerusakan di lingkungannya.",
        ]
    )
    cleaned = clean(body)
    assert [p.text for p in cleaned.paragraphs] == [BEFORE]
    assert [item.lines for item in cleaned.media] == [(2, 3, 4), (5, 6, 7), (8, 9)]


def test_a_video_title_above_its_duration_is_a_caption() -> None:
    cleaned = clean(f"{BEFORE}\nHarapan Pupus di Aleppo\n01:03\n{AFTER}\n")
    assert kinds_of_line(cleaned, 2) == [(C, "Harapan Pupus di Aleppo")]
    assert kinds_of_line(cleaned, 3) == [(F, "01:03")]


def test_a_short_line_before_text_is_a_subheading() -> None:
    cleaned = clean(f"{BEFORE}\n\nSerangan Balik\n\n{AFTER}\n")
    assert [(p.id, p.kind) for p in cleaned.paragraphs] == [("p1", P), ("h1", H), ("p2", P)]


def test_in_one_line_layout_a_closing_source_line_does_not_turn_the_last_paragraph_into_a_caption() -> (
    None
):
    cleaned = clean(f"{BEFORE}\n{AFTER}\nSumber: Reuters\n")
    assert [p.text for p in cleaned.paragraphs] == [BEFORE, AFTER]
    assert kinds_of_line(cleaned, 3) == [(CR, "Sumber: Reuters")]


def test_short_lines_repeated_across_an_outlets_articles_are_furniture() -> None:
    slogan = "Jernih melihat dunia"
    sources = [article(f"{BEFORE} {n}\n\n{slogan}\n", article_id=f"a{n}") for n in range(3)]
    repeated = find_repeated_lines(sources, Structure(repeated_min_articles=3))
    cleaned = clean_article(sources[0], corpus().rules, corpus().outlets, repeated["viva"])
    assert kinds_of_line(cleaned, 3) == [(F, slogan)]
    assert (
        find_repeated_lines(sources[:2], Structure(repeated_min_articles=3))["viva"] == frozenset()
    )


def test_articles_of_no_known_outlet_are_not_compared_for_repeated_lines() -> None:
    """Unrelated sources share no template: a short heading common to three of them is
    text, not boilerplate."""
    heading = "Kota membara"
    sources = [
        article(f"{BEFORE} {n}\n\n{heading}\n", article_id=f"a{n}", outlet=None) for n in range(4)
    ]
    assert find_repeated_lines(sources, Structure(repeated_min_articles=3)) == {}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Luluh lantak", True),
        ("Masihkah ada masa depan?", True),
        ("'Armagedon' di Aleppo", True),
        ("Tiba-tiba perang kembali berkecamuk.", False),
        ('"Kami menang!"', False),
        ("dengan newsletter kami", False),
        (
            "Sebuah kalimat yang sangat panjang sekali dengan lebih dari sepuluh kata di dalamnya",
            False,
        ),
    ],
)
def test_title_like(text: str, expected: bool) -> None:
    assert is_title_like(text, 10) is expected


# --- the seeds ---------------------------------------------------------------------------

# For each seed, every line that is NOT a body paragraph: body line → kind (several kinds
# when the line is split). Every other non-blank line must be a paragraph of the text.
SEED_LINES: dict[str, dict[int, list[SegmentKind]]] = {
    "rg-2016-12-22-tentara-suriah-kuasai-seluruh-aleppo": {
        1: [HL],
        5: [D],
        7: [CR],
        8: [C],
        14: [C, CR],
        20: [C, CR],
        38: [M],
        40: [F],
        42: [F],
    },
    "rg-2016-12-13-konashenkov-bantah-250-ribu-warga-terjebak": {
        5: [C, CR],
        10: [M],
        11: [F],
        12: [F],
        13: [F],
    },
    "viva-2016-12-ribuan-warga-sipil-aleppo-dievakuasi": {
        1: [HL],
        3: [C],
        4: [CR],
        5: [CR],
        7: [M, P],
    },
    "2016-12-evakuasi-aleppo-tidak-berjalan-mulus": {
        2: [F],
        7: [C],
        8: [F],
        **{
            n: [C]
            for n in (
                12,
                13,
                15,
                16,
                18,
                19,
                21,
                22,
                24,
                25,
                27,
                28,
                30,
                31,
                33,
                34,
                36,
                37,
                39,
                40,
                42,
                43,
            )
        },
        **{n: [CR] for n in (14, 17, 20, 23, 26, 29, 32, 35, 38, 41)},
    },
    "inews-2024-12-02-video-pemberontak-duduki-istana-aleppo": {
        1: [HL],
        3: [D],
        5: [M],
        6: [F],
        8: [M, P],
        36: [F],
    },
}


@pytest.mark.parametrize("article_id", sorted(SEED_LINES))
def test_each_seed_line_lands_where_a_reader_expects(article_id: str) -> None:
    source = next(a for a in corpus().articles if a.id == article_id)
    cleaned = clean_article(source, corpus().rules, corpus().outlets)
    expected = SEED_LINES[article_id]
    lines = source.body.split("\n")
    for number, raw in enumerate(lines, start=1):
        if not raw.strip():
            continue
        kinds = [s.kind for s in cleaned.segments if s.line == number]
        assert kinds == expected.get(number, [P]), f"line {number}: {raw[:60]!r}"


def test_every_source_is_partitioned_exactly() -> None:
    for source in corpus().articles:
        cleaned = clean_article(source, corpus().rules, corpus().outlets)
        check_partition(source.body, cleaned.segments)
        body_lines = {p.line for p in cleaned.paragraphs}
        media_lines = {line for item in cleaned.media for line in item.lines}
        removed_lines = {s.line for s in cleaned.removed}
        non_blank = {n for n, raw in enumerate(source.body.split("\n"), 1) if raw.strip()}
        assert body_lines | media_lines | removed_lines == non_blank


def test_check_partition_catches_a_lost_piece() -> None:
    cleaned = clean(f"{BEFORE}\n")
    with pytest.raises(AssertionError):
        check_partition(f"{BEFORE} and more\n", cleaned.segments)
