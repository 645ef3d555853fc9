"""The contributor's path: a raw capture made into a source by `new`, then `check`."""

from __future__ import annotations

import codecs
import re
from pathlib import Path

import pytest

from news_archive.__main__ import main
from news_archive.capture import _make_id
from news_archive.model import PartialDate
from news_archive.sources import split_front_matter
from news_archive.yamlio import load_yaml
from tests.conftest import SOURCES

INEWS = "inews-2024-12-02-video-pemberontak-duduki-istana-aleppo"
RG = "rg-2016-12-13-konashenkov-bantah-250-ribu-warga-terjebak"
ID_PATTERN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def seed_body(article_id: str) -> bytes:
    """The text of a seed article, exactly as captured (everything after its front matter)."""
    data = (SOURCES / "articles" / f"{article_id}.md").read_bytes()
    closing = data.index(b"\n---\n", 3) + len(b"\n---\n")
    return data[closing:]


def run(project: Path, *args: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(["--root", str(project), *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def new_file(project: Path, out: str) -> Path:
    found = re.search(r"^Wrote (sources/articles/[a-z0-9-]+\.md):", out, re.M)
    assert found, out
    return project / found.group(1)


def front_and_body(path: Path) -> tuple[dict[str, object], bytes]:
    data = path.read_bytes()
    parts = split_front_matter(data.decode("utf-8"))
    assert parts is not None
    front, _, _ = parts
    closing = data.index(b"\n---\n", 3) + len(b"\n---\n")
    # The archive's own YAML reader: dates stay text, as the loader reads them.
    loaded = load_yaml(front, path.name).data
    assert isinstance(loaded, dict)
    return loaded, data[closing:]


def test_new_then_check_on_a_fresh_capture_of_a_seed(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    capture = tmp_path / "tangkapan.txt"
    capture.write_bytes(seed_body(INEWS))

    code, out, err = run(project, "new", str(capture), capsys=capsys)
    assert code == 0, err
    path = new_file(project, out)
    front, body = front_and_body(path)
    assert body == capture.read_bytes()
    assert path.stem == front["id"]
    assert front["id"] == "inews-2024-12-02-beredar-video-pasukan-pemberontak-suriah-duduki-istana"
    assert front["title"] == (
        "Beredar Video Pasukan Pemberontak Suriah Duduki Istana Presiden Bashar Al Assad di Aleppo"
    )
    assert "title_supplied" not in front
    assert front["outlet"] == "inews"  # from the dateline "ALEPPO, iNews.id -"
    assert front["published"] == "2024-12-02"  # from "Terkini | inews | Senin, 2 Desember 2024"
    assert front["language"] == "id"
    assert front["url"] is None
    assert "gives no address" in str(front["notes"])
    guessed = front["guessed"]
    assert isinstance(guessed, list)
    assert [entry.split(":")[0] for entry in guessed] == [
        "id",
        "title",
        "outlet",
        "published",
        "language",
        "url",
        "notes",
    ]
    assert "(text line 8)" in guessed[2] and "iNews.id" in guessed[2]
    assert "(text line 5)" in guessed[3]
    assert "Review these fields against the capture (7 guessed):" in out

    code, out, err = run(project, "check", capsys=capsys)
    assert code == 0, err
    assert "6 article(s) checked: no errors" in out
    shown = path.relative_to(project).as_posix()
    line = path.read_text(encoding="utf-8").split("\n").index("guessed:") + 1
    assert (
        f"warning: {shown}:{line}: guessed: not confirmed yet: id, title, outlet, published, "
        "language, url, notes (filled in by the `new` command)" in err
    )

    # The contributor confirms every field and deletes the list: nothing is left to review.
    text = path.read_text(encoding="utf-8")
    reviewed = re.sub(r"^guessed:\n(?:- .*\n(?:  .*\n)*)+", "", text, flags=re.M)
    assert reviewed != text
    path.write_text(reviewed, encoding="utf-8")
    code, out, err = run(project, "check", capsys=capsys)
    assert code == 0, err
    assert "guessed" not in err
    assert front_and_body(path)[1] == capture.read_bytes()


def test_a_capture_without_a_dated_dateline_leaves_the_date_to_the_contributor(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    capture = tmp_path / "tangkapan.txt"
    capture.write_bytes(seed_body(RG))
    code, out, err = run(project, "new", str(capture), capsys=capsys)
    assert code == 0, err
    path = new_file(project, out)
    front, body = front_and_body(path)
    assert body == capture.read_bytes()
    # "Hak cipta milik Rossiyskaya Gazeta." names the outlet; no line gives a year.
    assert front["outlet"] == "rossiyskaya-gazeta"
    assert front["published"] is None
    # The first line is a sentence, not a headline: the title is marked as the archive's.
    assert front["title_supplied"] is True
    guessed = "\n".join(front["guessed"])  # type: ignore[arg-type]
    assert "published: null; no dateline or date line gives the publication date" in guessed

    code, _, err = run(project, "check", capsys=capsys)
    assert code == 1
    shown = path.relative_to(project).as_posix()
    assert f"error: {shown}:7: published: must be text, not null" in err

    # `new` reads only the registries: the unfinished draft does not stop the next capture.
    second = tmp_path / "kedua.txt"
    second.write_bytes(seed_body(INEWS))
    code, _, err = run(project, "new", str(second), capsys=capsys)
    assert code == 0, err


def test_crlf_is_kept_and_a_byte_order_mark_is_left_out(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = seed_body(INEWS).replace(b"\n", b"\r\n")
    capture = tmp_path / "tangkapan.txt"
    capture.write_bytes(codecs.BOM_UTF8 + text)
    code, out, err = run(project, "new", str(capture), capsys=capsys)
    assert code == 0, err
    assert "byte-order mark was left out" in out
    path = new_file(project, out)
    front, body = front_and_body(path)
    assert body == text
    assert front["published"] == "2024-12-02"
    code, _, err = run(project, "check", capsys=capsys)
    assert code == 0, err


def test_new_never_overwrites(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    capture = tmp_path / "tangkapan.txt"
    capture.write_bytes(seed_body(INEWS))
    code, out, _ = run(project, "new", str(capture), capsys=capsys)
    assert code == 0
    path = new_file(project, out)
    before = path.read_bytes()
    capture.write_bytes(seed_body(INEWS).replace(b"Rekaman video", b"Video"))
    code, out, err = run(project, "new", str(capture), capsys=capsys)
    assert code == 1
    shown = path.relative_to(project).as_posix()
    assert f"error: {shown}: already exists and was not overwritten" in err
    assert "nothing was written" in err
    assert path.read_bytes() == before
    # An id already taken by a file in a subfolder is refused before anything is written.
    articles = project / "sources" / "articles"
    (articles / "2024").mkdir()
    (articles / f"{INEWS}.md").rename(articles / "2024" / f"{INEWS}.md")
    code, _, err = run(project, "new", str(capture), "--id", INEWS, capsys=capsys)
    assert code == 1
    assert f"id: the id '{INEWS}' is already used by sources/articles/2024/{INEWS}.md" in err
    assert not (articles / f"{INEWS}.md").exists()


# Each case: capture bytes → the message expected after the capture's path.
BAD_CAPTURES = [
    ("empty", b"", ":1: the capture holds no text"),
    ("only blank lines", b"\n  \n\t\n", ":1: the capture holds no text"),
    ("Latin-1", b"Judul\nKalimat pertama.\nT\xe9ks kedua.\n", ":3: is not UTF-8 text (byte 0xe9"),
    ("NUL byte", b"Judul\n\nTeks\x00rusak.\n", ":3: contains a NUL character"),
    (
        "a source file, not a capture",
        b"---\nid: x\n---\nTeks.\n",
        ":1: starts with a front matter line (---)",
    ),
    (
        "only furniture",
        b"Iklan\n\nADVERTISEMENT\n",
        ":1: every line is page furniture or metadata",
    ),
]


@pytest.mark.parametrize(
    ("data", "expected"), [case[1:] for case in BAD_CAPTURES], ids=[c[0] for c in BAD_CAPTURES]
)
def test_a_bad_capture_is_refused_with_its_line(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], data: bytes, expected: str
) -> None:
    capture = tmp_path / "tangkapan.txt"
    capture.write_bytes(data)
    before = sorted((project / "sources" / "articles").rglob("*"))
    code, out, err = run(project, "new", str(capture), capsys=capsys)
    assert code == 1
    assert f"error: {capture}{expected}" in err
    assert "Traceback" not in err
    assert out == ""
    assert sorted((project / "sources" / "articles").rglob("*")) == before


def test_a_missing_capture_is_named(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(project, "new", str(tmp_path / "tidak-ada.txt"), capsys=capsys)
    assert code == 1
    assert f"error: {tmp_path / 'tidak-ada.txt'}: cannot be read: No such file" in err


def test_bad_options_are_named_with_a_hint(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    capture = tmp_path / "tangkapan.txt"
    capture.write_bytes(seed_body(INEWS))
    code, _, err = run(
        project,
        "new",
        str(capture),
        "--outlet",
        "inwes",
        "--url",
        "javascript:alert(1)",
        "--id",
        "../Bad id",
        capsys=capsys,
    )
    assert code == 1
    assert f"{capture}: --outlet: unknown outlet 'inwes' (hint: did you mean 'inews'?)" in err
    assert f"{capture}: --url: 'javascript:alert(1)' is not an http(s) address" in err
    assert f"{capture}: --id: '../Bad id' is not a valid id" in err
    assert "3 error(s): nothing was written." in err


def test_an_outlet_given_is_checked_against_the_capture(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    capture = tmp_path / "tangkapan.txt"
    capture.write_bytes(seed_body(INEWS))
    url = "https://www.inews.id/news/internasional/contoh"
    code, out, err = run(
        project, "new", str(capture), "--outlet", "viva", "--url", url, capsys=capsys
    )
    assert code == 0, err
    front, _ = front_and_body(new_file(project, out))
    assert front["outlet"] == "viva"
    assert front["url"] == url
    guessed = "\n".join(front["guessed"])  # type: ignore[arg-type]
    assert "outlet: viva was given with --outlet, but the capture names inews" in guessed
    assert "url:" not in guessed  # given, not guessed

    capture.write_bytes(seed_body(INEWS))
    code, out, err = run(
        project, "new", str(capture), "--outlet", "inews", "--id", "x", capsys=capsys
    )
    assert code == 0, err
    front, _ = front_and_body(new_file(project, out))
    guessed = "\n".join(front["guessed"])  # type: ignore[arg-type]
    assert "outlet:" not in guessed  # given, and confirmed by the dateline
    assert "id:" not in guessed
    assert "The outlet is named in the line “ALEPPO, iNews.id -”" in str(front["notes"])


@pytest.mark.parametrize(
    ("outlet", "published", "title", "expected"),
    [
        (
            "viva",
            "2016-12",
            "Ribuan Warga Sipil Aleppo Berhasil Dievakuasi",
            "viva-2016-12-ribuan-warga-sipil-aleppo-berhasil-dievakuasi",
        ),
        (None, None, "Setelah perundingan kilat", "setelah-perundingan-kilat"),
        (
            "rg",
            "2016-12-22",
            "Assad: “Kemenangan” untuk Rusia—juga!",
            "rg-2016-12-22-assad-kemenangan-untuk-rusia-juga",
        ),
        (None, "2024", "Déjà vu di Alep", "2024-deja-vu-di-alep"),
        (None, None, "حلب", "tangkapan-1"),
        (None, None, "Index", "index-artikel"),
        (
            "rossiyskaya-gazeta",
            "2016-12-13",
            "Juru bicara Kementerian Pertahanan Rusia Mayjen Igor Konashenkov membantah dugaan",
            "rossiyskaya-gazeta-2016-12-13-juru-bicara-kementerian-pertahanan-rusia",
        ),
    ],
)
def test_ids_are_made_from_outlet_date_and_title(
    outlet: str | None, published: str | None, title: str, expected: str
) -> None:
    made = _make_id(
        outlet, PartialDate.parse(published) if published else None, title, "tangkapan_1"
    )
    assert made == expected
    assert ID_PATTERN.fullmatch(made) and len(made) <= 72


def test_check_reads_the_english_explainers_too(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page = project / "content" / "en" / "penjelasan" / "pertempuran-aleppo.md"
    lines = page.read_text(encoding="utf-8").split("\n")
    lines.insert(4, f"A claim [[src:{RG}#p99]].")
    page.write_text("\n".join(lines), encoding="utf-8")
    code, _, err = run(project, "check", capsys=capsys)
    assert code == 1
    assert (
        f"error: content/en/penjelasan/pertempuran-aleppo.md:5: citation: [[src:{RG}#p99]]: "
        "the article has no paragraph 'p99'" in err
    )


def test_check_reports_a_registry_mistake_with_its_line(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    outlets = project / "sources" / "outlets.yml"
    text = outlets.read_text(encoding="utf-8")
    outlets.write_text(text.replace("kind: news-site", "kind: blog", 1), encoding="utf-8")
    line = text[: text.index("kind: news-site")].count("\n") + 1
    code, _, err = run(project, "check", capsys=capsys)
    assert code == 1
    assert re.search(
        rf"error: sources/outlets\.yml:{line}: outlets\[\d+\]\.kind: 'blog' is not one of: ", err
    ), err


def test_the_capture_folder_layout_is_untouched(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`new` writes one file, under sources/articles/, and changes nothing else."""
    before = {p: p.read_bytes() for p in project.rglob("*") if p.is_file()}
    capture = tmp_path / "tangkapan.txt"
    capture.write_bytes(seed_body(INEWS))
    assert run(project, "new", str(capture), capsys=capsys)[0] == 0
    after = {p: p.read_bytes() for p in project.rglob("*") if p.is_file()}
    added = set(after) - set(before)
    assert len(added) == 1 and next(iter(added)).parent == project / "sources" / "articles"
    assert all(after[p] == before[p] for p in before)
