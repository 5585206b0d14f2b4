"""The web reader's pure parts: the page view's items and coloured lines, calendars, URLs,
content negotiation. No server, no archive."""

from __future__ import annotations

from pathlib import Path

import pytest
from starlette.requests import Request

from banmian import parse_file, parse_text
from banmian.archive.records import IssueInfo
from banmian.web.calendar import months, undated
from banmian.web.layout import KINDS, find_item, page_items, raw_lines, source_lines
from banmian.web.negotiate import wants_json
from banmian.web.urls import Links

PAGES = sorted(Path(__file__).parent.glob("pages*/*.txt"))


@pytest.mark.parametrize("path", PAGES[:6], ids=lambda p: p.stem)
def test_coloured_lines_are_the_raw_lines(path: Path) -> None:
    page = parse_file(path)
    lines = source_lines(path.read_text(encoding="utf-8"))
    assert [ln.raw for ln in lines] == [ln.raw for ln in page.lines]
    rows = raw_lines(lines, page_items(page))
    assert ["".join(seg.text for seg in row.segments) for row in rows] == [ln.raw for ln in lines]
    for row in rows:
        for seg in row.segments:
            if seg.item is None:
                assert not seg.text.strip(), (row.number, seg.text)  # nothing is lost


def test_items_have_unique_ids_and_known_kinds(sample_path: Path) -> None:
    page = parse_file(sample_path)
    items = page_items(page)
    assert len({it.id for it in items}) == len(items)
    assert {it.kind for it in items} <= set(KINDS)
    assert {"title", "dateline", "byline", "body", "subhead"} <= {it.kind for it in items}
    first = page.articles[0]
    assert first.title is not None
    title = find_item(page, f"{first.id}.title")
    assert title is not None and title.text == first.title.text
    assert find_item(page, "a999.p1") is None


def test_a_glued_byline_colours_its_part_of_the_line() -> None:
    text = "市政协听取全市法院工作情况通报\n本报讯 近日，市政协组织委员视察法院。 （赵晖）\n"
    page = parse_text(text)
    rows = raw_lines(source_lines(text), page_items(page))
    kinds = [seg.item.kind for seg in rows[1].segments if seg.item]
    assert kinds[0] == "dateline"
    assert "body" in kinds and kinds[-1] == "byline"


def test_source_lines_cut_as_the_parser_does() -> None:
    text = "一\r\n二\r三\n\n四\n"
    assert [ln.raw for ln in source_lines(text)] == [ln.raw for ln in parse_text(text).lines]


def test_months_newest_first_weeks_from_monday() -> None:
    issues = [
        IssueInfo("报", "2022-12-10", 1, 5),
        IssueInfo("报", "2022-12-31", 2, 9),
        IssueInfo("报", "2023-01-02", 1, 3),
        IssueInfo("报", "第一期", 1, 1),
    ]
    cal = months(issues)
    assert [m.label for m in cal] == ["2023年1月", "2022年12月"]
    december = cal[1]
    assert december.issues == 2
    assert [d.day for d in december.weeks[0]] == [0, 0, 0, 1, 2, 3, 4]  # 1 Dec 2022: Thursday
    held = [d.issue.date for week in december.weeks for d in week if d.issue]
    assert held == ["2022-12-10", "2022-12-31"]
    assert [i.date for i in undated(issues)] == ["第一期"]


def test_links_percent_encode_every_segment() -> None:
    links = Links()
    assert links.paper("无锡日报") == "/papers/%E6%97%A0%E9%94%A1%E6%97%A5%E6%8A%A5"
    assert links.article("a/b", "2022-12-10", 2, "a1") == "/papers/a%2Fb/2022-12-10/2/a1"
    assert links.source("R&D", "2022-12-10", 2, "a1.p2").endswith("/2/source#a1.p2")
    assert links.search(q="法院", paper=None, p=2) == "/search?q=%E6%B3%95%E9%99%A2&p=2"
    assert links.search() == "/search"
    assert Links.as_json("/") == "/index.json"
    assert Links.as_json("/search?q=x") == "/search.json?q=x"
    assert Links("/reader/").home() == "/reader/"


def _request(accept: str | None) -> Request:
    headers = [(b"accept", accept.encode())] if accept is not None else []
    return Request({"type": "http", "headers": headers, "path": "/", "method": "GET"})


@pytest.mark.parametrize(
    ("accept", "expected"),
    [
        (None, False),
        ("*/*", False),
        ("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", False),
        ("application/json", True),
        ("application/json, text/plain, */*", True),
        ("text/html;q=0.5, application/json", True),
        ("text/html, application/json;q=0.9", False),
        ("application/json;q=0", False),
        ("application/*", True),
    ],
)
def test_accept_header(accept: str | None, expected: bool) -> None:
    assert wants_json(_request(accept)) is expected
