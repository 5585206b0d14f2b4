"""The read stage: encodings detected or forced, line endings, and every refusal by name."""

from __future__ import annotations

import codecs
import io
import random
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from banmian.errors import (
    BanmianError,
    BinaryInputError,
    EmptyInputError,
    InputTooLargeError,
    UndecodableInputError,
    UsageError,
)
from banmian.model import Page
from banmian.pipeline import parse_bytes
from banmian.read import DEFAULT_MAX_BYTES, decode, read_path, read_stream

ENCODINGS = {
    "utf-8": lambda t: t.encode("utf-8"),
    "utf-8 with BOM": lambda t: codecs.BOM_UTF8 + t.encode("utf-8"),
    "gb18030": lambda t: t.encode("gb18030"),
    "gbk": lambda t: t.encode("gbk"),
    "utf-16-le with BOM": lambda t: codecs.BOM_UTF16_LE + t.encode("utf-16-le"),
    "utf-16-be with BOM": lambda t: codecs.BOM_UTF16_BE + t.encode("utf-16-be"),
    "utf-16-le without BOM": lambda t: t.encode("utf-16-le"),
    "utf-16-be without BOM": lambda t: t.encode("utf-16-be"),
    "utf-32 with BOM": lambda t: t.encode("utf-32"),
}


@pytest.mark.parametrize("name", list(ENCODINGS))
def test_sample_page_round_trips(name: str, sample_text: str) -> None:
    assert decode(ENCODINGS[name](sample_text)) == sample_text


@pytest.mark.parametrize("name", list(ENCODINGS))
def test_crlf_and_cr_become_lf(name: str, sample_text: str) -> None:
    assert decode(ENCODINGS[name](sample_text.replace("\n", "\r\n"))) == sample_text
    assert decode(ENCODINGS[name](sample_text.replace("\n", "\r"))) == sample_text


@pytest.mark.parametrize(
    "text",
    ["本报讯", "你好", "（赵晖）", "本报讯 近日，市政协组织", "强大“锡引力”", "１２月 · 要闻"],
)
def test_short_gbk_text_is_read_as_chinese(text: str) -> None:
    assert decode(text.encode("gbk")) == text


def test_gb18030_only_characters(sample_text: str) -> None:
    text = "𠮷野家 " + sample_text  # 𠮷 is outside GBK: GB18030's four-byte area
    assert decode(text.encode("gb18030")) == text


def test_full_width_digits_survive(sample_text: str) -> None:
    text = "１２月９日电\n" + sample_text
    assert decode(text.encode("gb18030")) == text


@pytest.mark.parametrize("encoding", ["gb18030", "gbk", "utf-16-le", "utf-16", "utf-8-sig"])
def test_forced_encoding(encoding: str, sample_text: str) -> None:
    assert decode(sample_text.encode(encoding), encoding=encoding) == sample_text


def test_forced_utf8_drops_a_bom() -> None:
    assert decode(codecs.BOM_UTF8 + "本报讯".encode(), encoding="utf-8") == "本报讯"


def test_forced_encoding_that_fails_names_encoding_and_offset(sample_text: str) -> None:
    data = b"ab\n" + sample_text.encode("gbk")  # 本 is B1 BE in GBK: no UTF-8 start byte
    with pytest.raises(UndecodableInputError) as info:
        decode(b"ab\n" + "本报讯".encode("gbk"), encoding="utf-8")
    message = str(info.value)
    assert "utf-8" in message
    assert "0xb1 at byte offset 3" in message
    assert "--encoding" in message
    assert decode(data) == "ab\n" + sample_text


def test_forced_wrong_single_byte_encoding_of_utf16_is_caught(sample_text: str) -> None:
    with pytest.raises(BinaryInputError, match="--encoding"):
        decode(sample_text.encode("utf-16-le"), encoding="latin-1")


def test_unknown_encoding_is_a_usage_error() -> None:
    with pytest.raises(UsageError, match="unknown encoding"):
        decode(b"abc", encoding="no-such-codec")


@pytest.mark.parametrize("data", [b"", b" ", b"\n\r\n\t ", "\u3000\n".encode()])
def test_empty_input(data: bytes) -> None:
    with pytest.raises(EmptyInputError):
        decode(data)


def test_utf16_with_only_whitespace_is_empty() -> None:
    with pytest.raises(EmptyInputError):
        decode(" \n \n".encode("utf-16"))


@pytest.mark.parametrize(
    ("data", "what"),
    [
        (b"\x89PNG\r\n\x1a\n" + bytes(100), "PNG"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "PDF"),
        (b"PK\x03\x04" + b"\x14" * 40, "ZIP"),
        (b"\x1f\x8b\x08\x00" + b"\x01" * 20, "gzip"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "JPEG"),
    ],
)
def test_binary_formats_are_named(data: bytes, what: str) -> None:
    with pytest.raises(BinaryInputError, match=what):
        decode(data)


def test_pdf_given_to_the_text_decoder_points_to_the_pdf_reader() -> None:
    with pytest.raises(BinaryInputError, match="reads PDF files itself"):
        decode(b"%PDF-1.4 ...")


def test_random_bytes_with_nuls_are_binary() -> None:
    rng = random.Random(20221210)
    for _ in range(20):
        data = bytes(rng.randrange(256) for _ in range(4096))
        assert b"\x00" in data
        with pytest.raises(BinaryInputError):
            decode(data)


def test_nul_bytes_in_utf8_text_are_binary(sample_text: str) -> None:
    data = sample_text.encode("utf-8")
    data = data[:99] + b"\x00" + data[99:]
    with pytest.raises(BinaryInputError, match="offset 99"):
        decode(data)


def test_control_characters_are_binary() -> None:
    rng = random.Random(7)
    data = bytes(rng.randrange(1, 256) for _ in range(4096))
    with pytest.raises(BinaryInputError, match="control characters"):
        decode(data)


def test_undecodable_bytes() -> None:
    with pytest.raises(UndecodableInputError) as info:
        decode(bytes(range(0x80, 0x100)) * 4)
    message = str(info.value)
    assert "offset 0" in message
    assert "--encoding" in message


def test_broken_bom_is_undecodable() -> None:
    with pytest.raises(UndecodableInputError, match="byte-order mark"):
        decode(codecs.BOM_UTF8 + "本报讯".encode("gbk"))


def test_too_large() -> None:
    with pytest.raises(InputTooLargeError, match="limit of 10 bytes"):
        decode(b"x" * 11, max_bytes=10)
    assert decode(b"x" * 10, max_bytes=10) == "x" * 10


def test_default_limit_is_20_mib() -> None:
    assert DEFAULT_MAX_BYTES == 20 * 1024 * 1024


def test_read_path_refuses_a_large_file_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_bytes(b"x" * 1000)
    with pytest.raises(InputTooLargeError, match="1,000 bytes"):
        read_path(path, max_bytes=999)
    assert read_path(path, max_bytes=1000) == b"x" * 1000


def test_read_stream_stops_past_the_limit() -> None:
    stream = io.BytesIO(b"y" * 5000)
    with pytest.raises(InputTooLargeError):
        read_stream(stream, max_bytes=100)
    assert stream.tell() == 101  # read no further than needed to know


@pytest.mark.parametrize(
    "error", [EmptyInputError, BinaryInputError, UndecodableInputError, InputTooLargeError]
)
def test_messages_are_one_line(error: type[BanmianError]) -> None:
    cases = {
        EmptyInputError: (b"", {}),
        BinaryInputError: (b"%PDF-1.5", {}),
        UndecodableInputError: (b"\xff\xfe\xfa", {"encoding": "utf-8"}),
        InputTooLargeError: (b"abc", {"max_bytes": 2}),
    }
    data, kwargs = cases[error]
    with pytest.raises(error) as info:
        decode(data, **kwargs)  # type: ignore[arg-type]
    assert "\n" not in str(info.value)
    assert str(info.value)


def test_prose_that_is_no_newspaper_gives_a_result() -> None:
    prose = (
        "我家门前有两棵树，一棵是枣树，还有一棵也是枣树。\n"
        "这上面的夜的天空，奇怪而高，我生平没有见过这样奇怪而高的天空。\n"
        "It was the best of times, it was the worst of times.\n"
    )
    for encoding in ("utf-8", "gb18030", "utf-16"):
        page = parse_bytes(prose.encode(encoding))
        assert isinstance(page, Page)
        assert len(page.lines) == 3
        assert "no-newspaper-structure" in {w.code for w in page.warnings}
        assert page.check_nothing_lost() == []


def test_a_newspaper_page_raises_no_structure_warning(sample_text: str) -> None:
    page = parse_bytes(sample_text.encode("utf-8"))
    assert "no-newspaper-structure" not in {w.code for w in page.warnings}


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=600))
def test_any_bytes_give_text_or_a_named_error(data: bytes) -> None:
    try:
        text = decode(data)
    except BanmianError as err:
        assert "\n" not in str(err)
    else:
        assert "\r" not in text
        assert text.strip()


@settings(max_examples=200, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from("本报讯记者张三通讯员李四市政协十二月九日电。，“”（）abc 123\n\r"),
        min_size=1,
        max_size=200,
    ).filter(lambda t: t.strip())
)
def test_utf8_and_utf16_with_bom_round_trip(text: str) -> None:
    expected = text.replace("\r\n", "\n").replace("\r", "\n")
    assert decode(text.encode("utf-8")) == expected
    assert decode(codecs.BOM_UTF8 + text.encode("utf-8")) == expected
    assert decode(text.encode("utf-16")) == expected
