"""Tables of real Indonesian phrasing for each extractor (pure functions, no build)."""

from __future__ import annotations

from functools import cache
from typing import Any

import pytest

from news_archive.extract.attributions import find_attributions
from news_archive.extract.dates import find_expressions, resolve
from news_archive.extract.engine import ExtractionContext
from news_archive.extract.figures import find_figures
from news_archive.extract.model import Unit, UnitKind
from news_archive.extract.numbers import find_numbers, parse_digits, words_value
from news_archive.extract.quotes import find_quotes
from news_archive.extract.terms import TermMatcher
from news_archive.extract.text import quote_spans, split_sentences
from news_archive.model import PartialDate
from news_archive.sources import load_corpus
from tests.conftest import SOURCES, TODAY


@cache
def context() -> ExtractionContext:
    corpus = load_corpus(SOURCES, root=SOURCES.parent, today=TODAY)
    return ExtractionContext.build(corpus.languages["id"], corpus.entities, corpus.outlets)


def unit(text: str, unit_id: str = "p1") -> Unit:
    return Unit(unit_id, UnitKind.PARAGRAPH, text, 1)


def dates(text: str, published: str = "2016-12-22") -> list[tuple[Any, ...]]:
    language = context().language
    one = unit(text)
    sentences = split_sentences(one, language)
    raws = find_expressions(one, sentences, language)
    return [
        (
            m.text,
            m.value.iso if m.value else None,
            str(m.precision),
            str(m.basis),
            m.relation,
            m.flags,
        )
        for m in resolve([(one, sentences, raws)], PartialDate.parse(published), language)
    ]


# --- sentences ----------------------------------------------------------------------------

SENTENCES = [
    ("Juru bicara Mayjen Igor Konashenkov membantah. Ia menolak.", 2),
    ("Dr. Ahmad Sweid tiba pukul 10. Ia membawa obat.", 2),
    ("Jaraknya 350 km. dari Aleppo ke Hama.", 1),
    ("Sebanyak 8.461 warga dan 2,5 juta pengungsi dievakuasi. Sisanya menunggu.", 2),
    ("Pada Kamis (22/12). Tentara merayakan.", 2),
    (
        '"Operasi berhasil.... Pencapaian ini penting.... Semua hanya sentimen," kata Konashenkov. Ia pergi.',
        2,
    ),
    ("Foto: Reuters/A. Ismail menunjukkan reruntuhan.", 1),
    ("Pasukan maju. Pemberontak mundur! Apakah ini akhir? Belum.", 4),
]


@pytest.mark.parametrize(("text", "count"), SENTENCES, ids=[s[0][:30] for s in SENTENCES])
def test_sentence_splitting(text: str, count: int) -> None:
    assert len(split_sentences(unit(text), context().language)) == count


def test_a_quote_over_several_sentences_stays_with_its_attribution() -> None:
    text = "“Dalam 24 jam, 7.796 warga dievakuasi. Sebanyak 375 militan menyerah,” tulis keterangan itu. Lalu sepi."
    sentences = split_sentences(unit(text), context().language)
    first = text[sentences[0].start : sentences[0].end]
    assert first.endswith("tulis keterangan itu.") and len(sentences) == 2


def test_nested_straight_quotes() -> None:
    text = 'Ia berkata, "Ada 250 ribu warga yang "terjebak" di sana," kata dia.'
    [span] = quote_spans(text)
    assert text[span.start : span.end] == '"Ada 250 ribu warga yang "terjebak" di sana,"'


# --- dates ----------------------------------------------------------------------------------

DATES = [
    # explicit
    (
        "Pernyataan dirilis 9 Desember 2016.",
        "2016-12-20",
        [("9 Desember 2016", "2016-12-09", "day", "explicit", None, ())],
    ),
    (
        "Dirilis pada Jumat, 9 Desember 2016.",
        "2016-12-20",
        [("Jumat, 9 Desember 2016", "2016-12-09", "day", "explicit", None, ())],
    ),
    (
        "Pertempuran dimulai 19 Juli 2012.",
        "2016-12-13",
        [("19 Juli 2012", "2012-07-19", "day", "explicit", None, ())],
    ),
    (
        "Video beredar sejak Minggu (1/12/2024).",
        "2024-12-02",
        [("sejak Minggu (1/12/2024)", "2024-12-01", "day", "explicit", "since", ())],
    ),
    (
        "Senin, 2 Desember 2024 - 10:31",
        "2024-12-02",
        [("Senin, 2 Desember 2024 - 10:31", "2024-12-02", "day", "explicit", None, ())],
    ),
    (
        "Data per 01-12-2024 menunjukkan kenaikan.",
        "2024-12-02",
        [("01-12-2024", "2024-12-01", "day", "explicit", None, ())],
    ),
    # partial
    (
        "Tentara merayakan, Kamis (22/12).",
        "2016-12-22",
        [("Kamis (22/12)", "2016-12-22", "day", "partial", None, ())],
    ),
    (
        "Kesepakatan dicapai Rabu (14/12) malam.",
        "2016-12",
        [("Rabu (14/12) malam", "2016-12-14", "day", "partial", None, ())],
    ),
    (
        "Kemenhan membantah (13/12).",
        "2016-12-13",
        [("(13/12)", "2016-12-13", "day", "partial", None, ())],
    ),
    (
        "Assad berpidato pada 20 Desember.",
        "2016-12-22",
        [("20 Desember", "2016-12-20", "day", "partial", None, ())],
    ),
    (
        "Sidang digelar 28 Desember.",
        "2017-01-05",
        [("28 Desember", "2016-12-28", "day", "partial", None, ())],
    ),
    # months and parts of months
    (
        "Pada September lalu, pasukan menyerang.",
        "2016-12-22",
        [("September lalu", "2016-09", "month", "partial", None, ())],
    ),
    (
        "Pengepungan dimulai akhir Juli.",
        "2016-12-22",
        [("akhir Juli", "2016-07-21/2016-07-31", "part_of_month", "partial", None, ())],
    ),
    (
        "Kesepakatan dicapai awal Desember.",
        "2016-12-22",
        [("awal Desember", "2016-12-01/2016-12-10", "part_of_month", "partial", None, ())],
    ),
    (
        "Serangan terjadi pertengahan November.",
        "2016-12-22",
        [("pertengahan November", "2016-11-11/2016-11-20", "part_of_month", "partial", None, ())],
    ),
    (
        "Serangan kedua dilakukan pada November dan awal Desember.",
        "2016-12-22",
        [
            ("November", "2016-11", "month", "partial", None, ()),
            ("awal Desember", "2016-12-01/2016-12-10", "part_of_month", "partial", None, ()),
        ],
    ),
    (
        "Serangan udara bulan September 2016.",
        "2016-12-22",
        [("bulan September 2016", "2016-09", "month", "explicit", None, ())],
    ),
    # years and ranges
    (
        "Wilayah itu dikuasai sejak 2012.",
        "2016-12-13",
        [("sejak 2012", "2012", "year", "explicit", "since", ())],
    ),
    ("Nama diubah pada 2017.", "2024-12-02", [("2017", "2017", "year", "explicit", None, ())]),
    (
        "Perang berlangsung sejak Juli lalu.",
        "2016-12-22",
        [("sejak Juli lalu", "2016-07", "month", "partial", "since", ())],
    ),
    (
        "Pertempuran berlangsung dari Juli hingga Desember.",
        "2016-12-22",
        [("dari Juli hingga Desember", "2016-07/2016-12", "range", "partial", None, ())],
    ),
    (
        "Perang berlangsung dari 2012 hingga 2016.",
        "2024-12-02",
        [("dari 2012 hingga 2016", "2012/2016", "range", "explicit", None, ())],
    ),
    (
        "Konflik memuncak pada 2012-2016.",
        "2024-12-02",
        [("2012-2016", "2012/2016", "range", "explicit", None, ())],
    ),
    (
        "Pengungsi bertambah sejak awal 2016.",
        "2016-12-22",
        [("sejak awal 2016", "2016", "year", "explicit", "since", ())],
    ),
    (
        "Ban Ki-moon akan lengser pada akhir bulan ini.",
        "2016-12-16",
        [("akhir bulan ini", "2016-12-21/2016-12-31", "part_of_month", "relative", None, ())],
    ),
    (
        "Bantuan disalurkan hingga akhir Desember.",
        "2016-12-19",
        [
            (
                "hingga akhir Desember",
                "2015-12-21/2015-12-31",
                "part_of_month",
                "partial",
                "until",
                (),
            )
        ],
    ),
    (
        "Bantuan akan disalurkan hingga akhir Desember.",
        "2016-12-19",
        [
            (
                "hingga akhir Desember",
                "2016-12-21/2016-12-31",
                "part_of_month",
                "partial",
                "until",
                (),
            )
        ],
    ),
    (
        "“Kami akan pulang,” kata Erdogan di Ankara, Selasa malam.",
        "2024-12-15",
        [("Selasa malam", "2024-12-10", "day", "relative", None, ())],
    ),
    (
        "Dewan Keamanan dijadwalkan menggelar rapat darurat untuk membahas situasi di Aleppo pada Selasa.",
        "2024-12-01",
        [("Selasa", "2024-12-03", "day", "relative", None, ())],
    ),
    # relative
    (
        "HTS menyerang sejak Rabu pekan lalu.",
        "2024-12-02",
        [("sejak Rabu pekan lalu", "2024-11-27", "day", "relative", "since", ())],
    ),
    (
        "Penasihat Iran tiba pada Sabtu.",
        "2024-12-02",
        [("Sabtu", "2024-11-30", "day", "relative", None, ())],
    ),
    (
        "Konvoi diserang kemarin.",
        "2016-12-16",
        [("kemarin", "2016-12-15", "day", "relative", None, ())],
    ),
    (
        "Rapat digelar Kamis lalu.",
        "2016-12-22",
        [("Kamis lalu", "2016-12-15", "day", "relative", None, ())],
    ),
    (
        "Pertemuan berlangsung pada Minggu.",
        "2024-12-02",
        [("Minggu", "2024-12-01", "day", "relative", None, ())],
    ),
    (
        "Tentara maju pada 14 Desember. Sehari sebelumnya ada gencatan senjata.",
        "2016-12-22",
        [
            ("14 Desember", "2016-12-14", "day", "partial", None, ()),
            ("Sehari sebelumnya", "2016-12-13", "day", "relative", None, ()),
        ],
    ),
    (
        "Dalam 24 jam terakhir, 8.461 orang pergi.",
        "2016-12-09",
        [("Dalam 24 jam terakhir", "2016-12-08/2016-12-09", "range", "relative", None, ())],
    ),
    (
        "Selama tiga minggu terakhir, tentara maju.",
        "2016-12-13",
        [("Selama tiga minggu terakhir", "2016-11-22/2016-12-13", "range", "relative", None, ())],
    ),
    (
        "Mereka berperang sejak 10 tahun lalu.",
        "2024-12-02",
        [("sejak 10 tahun lalu", "2014", "year", "relative", "since", ())],
    ),
    (
        "Bentrokan terjadi akhir pekan lalu.",
        "2024-12-02",
        [("akhir pekan lalu", "2024-11-30/2024-12-01", "range", "relative", None, ())],
    ),
    (
        "Minggu lalu pasukan mundur.",
        "2024-12-04",
        [("Minggu lalu", "2024-11-25/2024-12-01", "range", "relative", None, ())],
    ),
    (
        "Bantuan dikirim tiga minggu lalu.",
        "2024-12-04",
        [("tiga minggu lalu", "2024-11-11/2024-11-17", "range", "relative", None, ())],
    ),
    (
        "Bantuan tiba dalam sepekan terakhir.",
        "2024-12-04",
        [("dalam sepekan terakhir", "2024-11-27/2024-12-04", "range", "relative", None, ())],
    ),
    # a weekday that is not the date's, and a date after publication
    (
        "Ledakan terjadi Kamis (16/12/2016).",
        "2016-12-20",
        [("Kamis (16/12/2016)", "2016-12-16", "day", "explicit", None, ("weekday-mismatch",))],
    ),
    (
        "Serangan terjadi Sabtu, 29 November 2024.",
        "2024-12-02",
        [("Sabtu, 29 November 2024", "2024-11-29", "day", "explicit", None, ("weekday-mismatch",))],
    ),
    (
        "Pasukan masuk kota pada 5 Januari 2017.",
        "2016-12-22",
        [("5 Januari 2017", "2017-01-05", "day", "explicit", None, ("future",))],
    ),
    (
        "Perundingan akan digelar pada 5 Januari 2017.",
        "2016-12-22",
        [("5 Januari 2017", "2017-01-05", "day", "explicit", None, ())],
    ),
    # durations and vague references are not dates
    ("Perjuangan hampir enam bulan akhirnya selesai.", "2016-12-22", []),
    ("Perang berlangsung lebih dari empat tahun.", "2016-12-22", []),
    ("Dalam waktu 24 jam, ribuan warga pergi.", "2016-12-22", []),
    ("Perang saudara selama lima tahun menghancurkan negara itu.", "2016-12-22", []),
    ("Saat ini warga kembali, seperti di masa lalu.", "2016-12-22", []),
    ("Sebanyak 2016 warga terdaftar.", "2016-12-22", []),
]


@pytest.mark.parametrize(("text", "published", "expected"), DATES, ids=[d[0][:45] for d in DATES])
def test_dates(text: str, published: str, expected: list[tuple[Any, ...]]) -> None:
    assert dates(text, published) == expected


def test_a_bare_weekday_in_an_article_dated_to_the_month_resolves_against_the_text() -> None:
    text = "Perundingan digelar Rabu malam. Pertempuran berlangsung hingga Kamis (15/12) pagi."
    assert dates(text, "2016-12")[0] == (
        "Rabu malam",
        "2016-12-14",
        "day",
        "relative",
        None,
        ("anchor-text",),
    )


def test_a_weekday_with_no_reference_stays_unresolved_and_is_kept() -> None:
    assert dates("Perundingan digelar Rabu malam.", "2016-12") == [
        ("Rabu malam", None, "day", "relative", None, ("unresolved",))
    ]


def test_day_and_month_names_come_from_babel() -> None:
    language = context().language
    assert language.weekdays["Kamis"] == 3 and language.weekdays["Jum'at"] == 4
    assert language.months["Desember"] == 12 and language.months["Des"] == 12


# --- figures --------------------------------------------------------------------------------


def figures(text: str) -> list[tuple[Any, ...]]:
    language = context().language
    one = unit(text)
    sentences = split_sentences(one, language)
    raws = find_expressions(one, sentences, language)
    blocked = [
        (m.start, m.end)
        for m in resolve([(one, sentences, raws)], PartialDate(2016, 12, 22), language)
    ]
    return [
        (f.text, f.value, f.value_max, f.qualifier, f.measure, f.counted)
        for f in find_figures(one, sentences, language, blocked)
    ]


FIGURES = [
    (
        "Sebanyak 8.461 warga sipil dievakuasi.",
        [("Sebanyak 8.461 warga sipil", 8461, None, "exact", None, "warga sipil")],
    ),
    (
        "Ada 2,5 juta pengungsi di Turki.",
        [("2,5 juta pengungsi", 2_500_000, None, "exact", None, "pengungsi")],
    ),
    (
        "Lebih dari 78 ribu warga sipil diungsikan.",
        [("Lebih dari 78 ribu warga sipil", 78_000, None, "more_than", None, "warga sipil")],
    ),
    (
        "Sekitar 2 juta orang mengungsi.",
        [("Sekitar 2 juta orang", 2_000_000, None, "approximately", None, "orang")],
    ),
    (
        "Kerugian mencapai 1,5 miliar dolar.",
        [("mencapai 1,5 miliar dolar", 1_500_000_000, None, "exact", "USD", None)],
    ),
    (
        "Empat ribu tentara dikerahkan.",
        [("Empat ribu tentara", 4000, None, "exact", None, "tentara")],
    ),
    (
        "Dua puluh truk bantuan tiba.",
        [("Dua puluh truk bantuan", 20, None, "exact", None, "truk bantuan")],
    ),
    (
        "Setengah juta warga terjebak.",
        [("Setengah juta warga", 500_000, None, "exact", None, "warga")],
    ),
    ("Seratus relawan membantu.", [("Seratus relawan", 100, None, "exact", None, "relawan")]),
    (
        "Hampir 100 ribu penduduk dibebaskan.",
        [("Hampir 100 ribu penduduk", 100_000, None, "almost", None, "penduduk")],
    ),
    ("Setidaknya 20 orang tewas.", [("Setidaknya 20 orang", 20, None, "at_least", None, "orang")]),
    (
        "Hingga 50 ribu pengungsi bisa kembali.",
        [("Hingga 50 ribu pengungsi", 50_000, None, "up_to", None, "pengungsi")],
    ),
    (
        "Puluhan ribu penduduk sipil terjebak.",
        [("Puluhan ribu penduduk sipil", 10_000, 99_999, "vague", None, "penduduk sipil")],
    ),
    (
        "Ratusan warga sipil dihujani bom.",
        [("Ratusan warga sipil", 100, 999, "vague", None, "warga sipil")],
    ),
    (
        "Sekitar 3.000-an militan bertahan.",
        [("Sekitar 3.000-an militan", 3000, None, "approximately", None, "militan")],
    ),
    ("Ada 3.000an militan.", [("3.000an militan", 3000, None, "approximately", None, "militan")]),
    (
        "Tentara membebaskan 98 persen wilayah Aleppo timur.",
        [("98 persen wilayah Aleppo timur", 98, None, "exact", "percent", "wilayah Aleppo timur")],
    ),
    (
        "Pemerintah menguasai 90% wilayah.",
        [("90% wilayah", 90, None, "exact", "percent", "wilayah")],
    ),
    (
        "Sekitar 10 ribu hingga 13 ribu warga sipil pergi.",
        [
            (
                "Sekitar 10 ribu hingga 13 ribu warga sipil",
                10_000,
                13_000,
                "range",
                None,
                "warga sipil",
            )
        ],
    ),
    (
        "Sekitar 10-13 ribu warga pergi.",
        [("Sekitar 10-13 ribu warga", 10_000, 13_000, "range", None, "warga")],
    ),
    (
        "Jaraknya sekitar 350 km dari Aleppo.",
        [("sekitar 350 km", 350, None, "approximately", "km", None)],
    ),
    ("Kota itu 55km dari perbatasan.", [("55km", 55, None, "exact", "km", None)]),
    (
        "Tentara meratakan sekitar enam hektare lahan.",
        [("sekitar enam hektare lahan", 6, None, "approximately", "hectare", "lahan")],
    ),
    (
        "Rusia mengirim 20 bus dan 10 kendaraan ambulans.",
        [
            ("20 bus", 20, None, "exact", None, "bus"),
            ("10 kendaraan ambulans", 10, None, "exact", None, "kendaraan ambulans"),
        ],
    ),
    (
        "Sebanyak 375 orang milisi menyerah.",
        [("Sebanyak 375 orang milisi", 375, None, "exact", None, "milisi")],
    ),
    (
        "Ada 2.934 anak-anak berhasil dipindahkan.",
        [("2.934 anak-anak", 2934, None, "exact", None, "anak-anak")],
    ),
    ("Biaya bantuan Rp 2 miliar.", [("Rp 2 miliar", 2_000_000_000, None, "exact", "IDR", None)]),
    # not figures
    ("Ini serangan ke-12 dan yang kedua bulan ini.", []),
    ("Ia tiba pukul 10.30 WIB.", []),
    ("Dewan Keamanan mengacu pada Resolusi 2254.", []),
    ("Pesawat Su-24 jatuh.", []),
    ("Perang berlangsung selama 13 tahun dan 24 jam terakhir sepi.", []),
    ("Pertempuran sejak 19 Juli 2012.", []),
    ("Salah satu faksi menolak, seorang tentara dan sebuah bus terlihat.", []),
]


@pytest.mark.parametrize(("text", "expected"), FIGURES, ids=[f[0][:45] for f in FIGURES])
def test_figures(text: str, expected: list[tuple[Any, ...]]) -> None:
    assert figures(text) == expected


@pytest.mark.parametrize(
    ("text", "value", "flags"),
    [
        ("8.461", 8461, ()),
        ("1.340", 1340, ()),
        ("2,5", 2.5, ()),
        ("1.000.000", 1_000_000, ()),
        ("2.5", 2.5, ("decimal-point",)),
    ],
)
def test_digits_use_babel_and_catch_its_silent_misreading(
    text: str, value: float, flags: tuple[str, ...]
) -> None:
    assert parse_digits(text, "id") == (value, flags)


def test_babel_alone_would_read_2_point_5_as_25() -> None:
    from babel.numbers import parse_decimal

    assert parse_decimal("2.5", locale="id") == 25  # why parse_digits uses strict mode


@pytest.mark.parametrize(
    ("words", "value"),
    [
        ("empat ribu", 4000),
        ("dua puluh", 20),
        ("dua puluh lima", 25),
        ("setengah juta", 500_000),
        ("seratus", 100),
        ("dua ratus lima puluh ribu", 250_000),
        ("satu setengah juta", 1_500_000),
        ("dua belas", 12),
        ("sebelas", 11),
    ],
)
def test_number_words(words: str, value: float) -> None:
    assert words_value(words.split(), context().language) == value


def test_vague_quantities_have_bounds() -> None:
    [number] = find_numbers("puluhan ribu", context().language)
    assert (number.value, number.value_max, number.vague) == (10_000, 99_999, True)


# --- quotes ---------------------------------------------------------------------------------


def quotes(*paragraphs: str) -> list[tuple[str, str | None, str | None]]:
    language = context().language
    units = [unit(text, f"p{n}") for n, text in enumerate(paragraphs, start=1)]
    sentences = {u.id: split_sentences(u, language) for u in units}
    return [
        (q.text[:25], q.speaker, q.speaker_text)
        for q in find_quotes(units, sentences, context().matcher, language)
    ]


QUOTES = [
    (
        ["“Ini juga merupakan kemunduran bagi mereka,” kata Assad."],
        [("Ini juga merupakan kemund", "bashar-al-assad", "Assad")],
    ),
    (
        ['"14 militan menyerah dan bergerak," ujar pusat rekonsiliasi Rusia untuk Suriah.'],
        [
            (
                "14 militan menyerah dan b",
                "pusat-rekonsiliasi-rusia",
                "pusat rekonsiliasi Rusia untuk Suriah",
            )
        ],
    ),
    (
        [
            '"Aleppo menandai titik balik," tulis keterangan Tentara Suriah. “Hal ini memberi pukulan besar.”'
        ],
        [
            ("Aleppo menandai titik bal", "tentara-suriah", "Tentara Suriah"),
            ("Hal ini memberi pukulan b", "tentara-suriah", "Tentara Suriah"),
        ],
    ),
    (
        [
            "Konashenkov menggarisbawahi bahwa warga telah pergi.",
            '"Mereka semua meninggalkan daerah tersebut," tambahnya.',
        ],
        [("Mereka semua meninggalkan", "igor-konashenkov", "Konashenkov")],
    ),
    (
        [
            "Sementara itu Araghchi mengatakan kepada Assad, Iran akan membantu.",
            '"Tentara Suriah akan menang lagi," katanya.',
        ],
        [("Tentara Suriah akan menan", "abbas-araghchi", "Araghchi")],
    ),
    (
        [
            'Menurut keterangan juru bicara Komite Palang Merah Krista Armstrong kepada Reuters, "semua warga sipil telah dievakuasi."'
        ],
        [
            (
                "semua warga sipil telah d",
                "krista-armstrong",
                "juru bicara Komite Palang Merah Krista Armstrong kepada Reuters",
            )
        ],
    ),
    (
        [
            "Seorang pejabat pemberontak, yang menolak disebutkan namanya, mengatakan kepada kantor berita Reuters,",
            '"Rusia ingin para pejuang itu keluar."',
        ],
        [("Rusia ingin para pejuang ", None, "Seorang pejabat pemberontak")],
    ),
    (
        ['Presiden menyebut langkah itu "sebuah kemenangan besar bagi rakyat" dalam pidatonya.'],
        [("sebuah kemenangan besar b", None, "Presiden")],
    ),
    (['Kota itu jadi "neraka" dan warga "terjebak" di sana.'], []),
    (
        [
            '"Mereka menembaki konvoi," kata salah seorang tim medis Ahmed Sweid kepada stasiun televisi Orient.'
        ],
        [("Mereka menembaki konvoi,", "ahmed-sweid", "salah seorang tim medis Ahmed Sweid")],
    ),
]


@pytest.mark.parametrize(("paragraphs", "expected"), QUOTES, ids=[q[0][0][:40] for q in QUOTES])
def test_quotes_and_speakers(
    paragraphs: list[str], expected: list[tuple[str, str | None, str | None]]
) -> None:
    assert quotes(*paragraphs) == expected


# --- attributions ---------------------------------------------------------------------------


def attributions(text: str, credits: tuple[tuple[int, int], ...] = ()) -> list[tuple[str, str]]:
    language = context().language
    one = Unit("p1", UnitKind.PARAGRAPH, text, 1, credits)
    found = find_attributions(
        one,
        split_sentences(one, language),
        context().matcher,
        dict(context().outlets),
        language,
        credits,
    )
    return [(a.outlet, a.how) for a in found]


ATTRIBUTIONS = [
    ("Tentara merayakan, seperti dikutip RT, Kamis (22/12).", [("rt", "quoted")]),
    ("Tentara merayakan, seperti dikutipRT, Kamis (22/12).", [("rt", "quoted")]),
    ("Konashenkov membantah, demikian dikabarkan Sputnik.", [("sputnik", "reported")]),
    (
        "Menurut keterangan yang dikutip kantor berita Suriah SANA, Aleppo bebas.",
        [("sana", "quoted")],
    ),
    ("Kantor berita pemerintah Suriah, SANA, melaporkan kemajuan.", [("sana", "agency")]),
    ("Ia mengatakan kepada Reuters bahwa warga pergi.", [("reuters", "told")]),
    ("Sedangkan menurut laporan Al Jazeera, Assad menang.", [("al-jazeera", "according")]),
    (
        "Warga merayakan kemenangan. Sumber: Ruptly TV / YouTube",
        [("ruptly", "credit"), ("youtube", "credit")],
    ),
    ("Pasukan pemerintah maju ke timur kota (Reuters).", [("reuters", "reported")]),
    ("SANA melaporkan pasukan merebut Hama.", [("sana", "reported")]),
    ("Video dari jurnalis RT Lizzie Phelan beredar.", [("rt", "reported")]),
    ("Laporan beredar di grup Telegram pro-Assad.", [("telegram", "channel")]),
    ("Seperti dilansir Al-Jazeera, serangan berlanjut.", [("al-jazeera", "quoted")]),
    ("RT dilarang di beberapa negara Eropa.", []),
]


@pytest.mark.parametrize(("text", "expected"), ATTRIBUTIONS, ids=[a[0][:45] for a in ATTRIBUTIONS])
def test_attributions(text: str, expected: list[tuple[str, str]]) -> None:
    assert attributions(text) == expected


def test_a_credit_span_is_a_credit_whatever_its_words() -> None:
    assert attributions("Reuters Para tentara merayakan kemenangan.", ((0, 7),)) == [
        ("reuters", "credit")
    ]


# --- names ----------------------------------------------------------------------------------

NAMES = [
    ("Presiden Suriah Bashar al-Assad berpidato.", ["suriah", "bashar-al-assad"]),
    ("Bashar Al Assad dan Bashar Assad adalah Assad yang sama.", ["bashar-al-assad"] * 3),
    ("Grup Telegram pro dan anti-Assad ramai.", ["bashar-al-assad"]),
    (
        "Milisi Hayi'at Tahrir Al Shams (HTS) masuk.",
        ["hayat-tahrir-al-sham", "hayat-tahrir-al-sham"],
    ),
    ("HTS adalah nama baru Jabhat Al Nusra.", ["hayat-tahrir-al-sham", "jabhat-al-nusra"]),
    (
        "Komite Internasional Palang Merah dan Palang Merah sama.",
        ["komite-internasional-palang-merah"] * 2,
    ),
    (
        "Pusat Rekonsiliasi Rusia untuk Suriah dan pusat rekonsiliasi Rusia.",
        ["pusat-rekonsiliasi-rusia"] * 2,
    ),
    ("Dari Aleppo Timur ke Hama lalu Damaskus.", ["aleppo-timur", "hama", "damaskus"]),
    ("Petani mengusir hama di ladang.", []),
    ("Warga Alepponia bukan warga Aleppo.", ["aleppo"]),
]


@pytest.mark.parametrize(("text", "expected"), NAMES, ids=[n[0][:40] for n in NAMES])
def test_names_match_longest_on_word_boundaries(text: str, expected: list[str]) -> None:
    assert [span.id for span in context().matcher.entities_in(text)] == expected


def test_unknown_capitalised_names_are_candidates() -> None:
    text = "Utusan PBB Geir Pedersen bertemu Menteri Luar Negeri Mesir di Kairo."
    matcher = context().matcher
    taken = [(s.start, s.end) for s in matcher.entities_in(text)]
    found = [text[s:e] for s, e in matcher.candidates_in(text, taken, frozenset())]
    assert found == ["Geir Pedersen", "Mesir", "Kairo"]


def test_a_dotted_capital_i_is_read_as_i_and_breaks_nothing() -> None:
    # Python's re takes İ for i in a case-insensitive pattern, but "İ".casefold() is "i̇":
    # each of these used to end the build with a KeyError (found by tests/test_properties.py).
    text = (
        "Pada akhİr Desember 2016 rİbuan warga, lebİh dari 100 orang, dievakuasİ "
        "oleh Hay'at Tahrİr al-Sham, seperti dİkutip dari Reuters."
    )
    one = unit(text)
    language = context().language
    sentences = split_sentences(one, language)
    raws = find_expressions(one, sentences, language)
    found = resolve([(one, sentences, raws)], PartialDate.parse("2016-12-22"), language)
    assert [(m.text, m.value.iso if m.value else None) for m in found] == [
        ("akhİr Desember 2016", "2016-12-21/2016-12-31")
    ]
    figures = find_figures(one, sentences, language, [(m.start, m.end) for m in found])
    assert [(f.text, f.qualifier) for f in figures] == [
        ("rİbuan warga", "vague"),
        ("lebİh dari 100 orang", "more_than"),
    ]
    attributions = find_attributions(
        one, sentences, context().matcher, dict(context().outlets), language
    )
    assert [(a.text, a.outlet) for a in attributions] == [
        ("seperti dİkutip dari Reuters", "reuters")
    ]
    assert [s.id for s in context().matcher.entities_in(text)] == ["hayat-tahrir-al-sham"]
    terms = TermMatcher(load_corpus(SOURCES, root=SOURCES.parent, today=TODAY).terms)
    assert "evakuasi" in [t.term for t in terms.find(one)]
