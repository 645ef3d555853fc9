"""Hypothesis strategies for text that looks like captured Indonesian news, and breaks it.

Random characters alone almost never reach the interesting code: a date needs a month name
next to a number, a quotation needs a speech verb after its closing mark, a caption needs a
credit line below it. So the words come from the archive's own knowledge (Babel's month and
day names, the language tables, the registries' names, the cleaning rules' examples, the
seed articles' lines) and are mixed with what real captures and hostile inputs contain:
every kind of quotation mark, digits in several scripts, control characters, line and
paragraph separators, and letters whose case mapping changes their length.
"""

from __future__ import annotations

from functools import cache

import yaml
from hypothesis import strategies as st

from news_archive.cleaning import lines_of
from news_archive.sources import Corpus, load_corpus
from tests.conftest import SOURCES, TODAY


@cache
def corpus() -> Corpus:
    return load_corpus(SOURCES, root=SOURCES.parent, today=TODAY)


QUOTE_MARKS = ['"', "'", "“", "”", "‘", "’", "«", "»", "„", "‹", "›", "``", "''"]
PUNCTUATION = [".", ",", ";", ":", "!", "?", "(", ")", "[", "]", "/", "-", "–", "—", "…", "%"]
PUNCTUATION += ["&", "*", "#", "|", "\\", "+", "=", "<", ">", "{", "}", "@", "~", "^", "_", "$"]
SPACES = [" ", "  ", "\t", "\u00a0", "\u2009", "\u3000", "\u200b", "\ufeff"]
# Characters Python counts as line breaks or whitespace in some calls and not in others.
BREAKS = ["\n", "\r\n", "\r", "\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\x85", "\u2028", "\u2029"]
CONTROLS = ["\x00", "\x01", "\x07", "\x08", "\x1b", "\x7f", "\u202e", "\u200f", "\ud7ff"]
# Case mapping that changes length (İ → i̇, ß → SS, ﬁ → FI), other scripts, digits that are
# \d but not ASCII, digits that are isdigit() but not \d, combining marks, emoji.
UNICODE = ["İ", "ı", "ß", "ẞ", "ﬁ", "ǅ", "ΐ", "ŉ", "e\u0301", "حلب", "阿勒颇", "Алеппо"]
UNICODE += ["١٢", "۳۴", "१२", "１２", "²", "½", "Ⅻ", "🇸🇾", "👍🏽", "𝐀"]

NUMBERS = ["8.461", "2,5", "2.5", "1.340", "3.000-an", "3.000an", "250.000", "7.796", "0", "00"]
NUMBERS += ["1", "12", "31", "32", "29", "30", "2016", "2024", "1990-an", "99", "100", "1.000.000"]
NUMBERS += ["9" * 30, "1.2.3", "12,", ",5", "1,000", "3/4", "10-13", "10–13", "24", "01:03"]
NUMBERS += ["10.30", "14:00 WIB", "A320", "G20", "ke-3", "No. 5", "-an", "13.000-15.000"]
NUMERIC_DATES = ["(22/12)", "(1/12/2024)", "(16/12/2016)", "22/12/2016", "2016-12-22"]
NUMERIC_DATES += ["(31/2)", "(0/13)", "(29/2/2015)", "30/2/2016", "2016-02-30", "(22/12/16)"]
DATE_WORDS = ["lalu", "silam", "ini", "depan", "mendatang", "kemarin", "besok", "lusa"]
DATE_WORDS += ["hari ini", "tadi malam", "pekan lalu", "minggu lalu", "bulan lalu", "tahun lalu"]
DATE_WORDS += ["awal", "akhir", "pertengahan", "medio", "penghujung", "sejak", "hingga", "sampai"]
DATE_WORDS += ["antara", "dan", "tanggal", "pukul", "WIB", "paruh pertama", "semester kedua"]
DATE_WORDS += ["keesokan harinya", "sehari sebelumnya", "dua hari kemudian", "sepekan"]
DATE_WORDS += ["10 tahun lalu", "dalam 24 jam terakhir", "selama tiga bulan terakhir", "tahun"]
DATE_WORDS += ["bulan", "dekade", "s.d.", "dini hari", "pagi", "malam", "dari"]
FURNITURE = ["Baca juga:", "Lihat Juga:", "ADVERTISEMENT", "SCROLL TO CONTINUE WITH CONTENT"]
FURNITURE += ["Iklan", "Foto:", "Sumber:", "Kredit:", "REUTERS/Omar Sanadiki", "(ita/ita)"]
FURNITURE += ["Rep: Fira", "REPUBLIKA.CO.ID, ALEPPO --", "Jakarta, CNN Indonesia --", "Video:"]
FURNITURE += ["Ruptly TV / YouTube", "AFP/George Ourfalian", "Dok.", "Ilustrasi", "Share", "·"]
HOSTILE = ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "javascript:alert(1)"]
HOSTILE += ["{{ jinja }}", "{% raw %}", "*[HTML]: x", "[x](y)", "`kode`", "# Judul", "> kutip"]
HOSTILE += ["<!-- c -->", "&amp;", "&#0;", "]]>", "---", "...", "\\", "|---|"]
WORDS = ["warga", "sipil", "dievakuasi", "pasukan", "pemerintah", "pemberontak", "kota", "yang"]
WORDS += ["tentara", "militan", "orang", "anak-anak", "kendaraan", "bus", "di", "dari", "pada"]
WORDS += ["Ia", "ia", "dia", "mereka", "itu", "tersebut", "juga", "telah", "akan", "tidak"]
WORDS += ["seorang", "sebuah", "salah", "satu", "lebih", "kurang", "sekitar", "hampir"]
WORDS += ["setidaknya", "sedikitnya", "mencapai", "sebanyak", "korban", "tewas", "terluka"]
WORDS += ["hektare", "km", "persen", "Rp", "dolar", "US$", "miliar", "evakuasi", "gencatan"]
WORDS += ["senjata", "Presiden", "Menteri", "juru", "bicara", "kantor", "berita", "laporan"]
WORDS += ["kata", "ujar", "ucap", "katanya", "tambahnya", "ujarnya", "menurut", "mengatakan"]
WORDS += ["menyatakan", "menambahkan", "dikutip", "dilansir", "seperti", "kepada", "melalui"]
WORDS += ["Komando", "Komando itu", "keterangan", "pernyataan", "Al-Jalali", "al-Assad", "bin"]
WORDS += ["Abu", "Mohammed", "Mahmoud", "Mayjen", "Dr.", "Ir.", "A.", "H.", "Jl.", "No.", "vs"]


def _pools() -> dict[str, list[str]]:
    """Words and lines taken from the archive's own sources and registries."""
    data = corpus()
    language = data.languages["id"]
    names = sorted(
        {form for entity in data.entities.values() for form in entity.surface_forms}
        | {name for outlet in data.outlets.values() for name in outlet.names}
    )
    terms = sorted({form for term in data.terms.values() for form in term.surface_forms})
    vocabulary = sorted(
        set(language.weekdays)
        | set(language.months)
        | set(language.number_words)
        | set(language.multipliers)
        | set(language.vague)
        | set(language.qualifiers)
        | set(language.units)
        | set(language.currency_prefixes)
        | set(language.classifiers)
        | set(language.time_units)
        | set(language.negative)
        | set(language.not_before)
        | set(language.after_verbs)
        | set(language.before_verbs)
        | set(language.clause_openers)
        | set(language.attribution_before)
        | set(language.attribution_after)
        | set(language.titles)
        | set(language.institutions)
        | set(language.connectors)
        | set(language.times_of_day)
        | set(language.future_markers)
        | set(language.abbreviations)
    )
    rules = yaml.safe_load((SOURCES / "cleaning.yml").read_text(encoding="utf-8"))
    examples = [str(e) for rule in rules["rules"] for e in rule["examples"]]
    examples += [str(s) for s in rules["body_samples"]]
    seed_lines = sorted(
        {line for article in data.articles for line in lines_of(article.body) if line.strip()}
    )
    return {
        "names": names,
        "terms": terms,
        "vocabulary": vocabulary,
        "lines": examples + seed_lines,
    }


POOLS = _pools()
NAMES = POOLS["names"]
SEED_LINES = POOLS["lines"]

_word = st.one_of(
    st.sampled_from(WORDS),
    st.sampled_from(POOLS["vocabulary"]),
    st.sampled_from(NAMES),
    st.sampled_from(POOLS["terms"]),
    st.sampled_from(NUMBERS),
    st.sampled_from(NUMERIC_DATES),
    st.sampled_from(DATE_WORDS),
    st.integers(min_value=0, max_value=3000).map(str),
)
_odd = st.one_of(
    st.sampled_from(QUOTE_MARKS),
    st.sampled_from(PUNCTUATION),
    st.sampled_from(FURNITURE),
    st.sampled_from(HOSTILE),
    st.sampled_from(UNICODE),
    st.sampled_from(CONTROLS),
    st.sampled_from(BREAKS),
    st.text(max_size=3),
)


def _mischief(word: str) -> str:
    """Letters that a case-insensitive pattern takes for i, s and k: İ (which casefolds to
    two characters), the long s and the Kelvin sign."""
    return word.replace("i", "İ").replace("s", "ſ").replace("k", "\u212a")


_cased = st.sampled_from(
    [str, str, str, str.upper, str.lower, str.title, str.capitalize, _mischief]
)
_cased_word = st.tuples(_cased, _word).map(lambda pair: pair[0](pair[1]))
token = st.one_of(_cased_word, _cased_word, _cased_word, _odd)
"""A word, number, date part or name (three times in four), or a mark or odd character."""
_glue = st.one_of(st.just(" "), st.sampled_from([" ", "", ", ", ". ", "\n", *SPACES, *QUOTE_MARKS]))


@st.composite
def sentence(draw: st.DrawFn, max_tokens: int = 25) -> str:
    """Tokens glued by spaces, punctuation, quote marks, or nothing."""
    tokens = draw(st.lists(token, max_size=max_tokens))
    out = ""
    for item in tokens:
        out += item + draw(_glue)
    return out


_line_break = st.one_of(
    st.just("\n"), st.just("\n\n"), st.sampled_from(["\r\n", "\n \t\n", *BREAKS])
)
line = st.one_of(sentence(), st.sampled_from(SEED_LINES), st.sampled_from(FURNITURE))
"""One captured line: invented, or a real line from a seed or a cleaning rule's example."""


@st.composite
def body(draw: st.DrawFn, max_lines: int = 14) -> str:
    """An article body: lines separated by line breaks of every kind and blank lines."""
    lines = draw(st.lists(line, max_size=max_lines))
    out = ""
    for item in lines:
        out += item + draw(_line_break)
    return out
