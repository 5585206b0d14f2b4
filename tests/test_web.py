"""The web reader over a real archive: every route as HTML and as JSON, errors, escaping.

The archive is built once per module in a temporary folder by ingesting the bundled pages
(``samples/`` and ``tests/pages*``, each with the paper, date and page its gold file names)
plus one page whose title and body hold ``<script>`` and ``&``, under a paper whose name
needs percent-encoding. Ingest enriches the pages, so the entity pages (people,
organizations, places), the article's list of what it names and search facets are checked
against the hand-made entity gold and against the stored mentions.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from html import unescape
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from click.testing import CliRunner
from starlette.testclient import TestClient

from banmian.archive import open_archive
from banmian.archive.records import ArchiveReader, EntityReader
from banmian.archive.rows import entity_key
from banmian.cli import cli
from banmian.model import Article, Field, Page, Paragraph, ParagraphType, Span
from banmian.serialize.json import article_to_dict
from banmian.web import create_app
from banmian.web.urls import Links
from web_archive import EVIL_PAPER, REPO_ROOT, bundled_pages, open_test_archive

SAMPLE = ("无锡日报", "2022-12-10", 2)
"""The bundled sample page."""
ZHEJIANG = ("浙江日报", "2024-01-15")
"""An issue of two pages with an article continued from page 1 to page 3."""


@pytest.fixture(scope="module")
def reader(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ArchiveReader]:
    """The real archive of the bundled pages, opened read-only."""
    with open_test_archive(tmp_path_factory.mktemp("archive")) as archive:
        yield archive


@pytest.fixture(scope="module")
def client(reader: ArchiveReader) -> Iterator[TestClient]:
    """The reader application over that archive."""
    with TestClient(create_app(reader)) as test_client:
        yield test_client


def url(*parts: str | int) -> str:
    """A reader path from its parts, each percent-encoded."""
    return "/" + "/".join(quote(str(p), safe="") for p in parts)


def get_json(client: TestClient, path: str, status: int = 200) -> Any:
    """GET ``path`` + ``.json``, check the status and the media type, return the data."""
    response = client.get(path + ".json")
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    return response.json()


def get_html(client: TestClient, path: str, status: int = 200) -> str:
    """GET ``path`` as a browser would, check the status and that it is HTML."""
    response = client.get(path, headers={"accept": "text/html,*/*;q=0.8"})
    assert response.status_code == status, response.text[:500]
    assert response.headers["content-type"].startswith("text/html")
    return response.text


def page_path(paper: str, date: str, number: int) -> str:
    """The path of one page."""
    return url("papers", paper, date, number)


# Browsing -------------------------------------------------------------------------------


def test_home_lists_every_paper(client: TestClient) -> None:
    papers = {meta.paper for meta in bundled_pages()}
    html = get_html(client, "/")
    for name in papers:
        assert f'href="{url("papers", name)}"' in html
    data = get_json(client, "/index")
    assert {p["name"] for p in data["papers"]} == papers | {EVIL_PAPER}
    assert get_json(client, "/papers") == data
    zhejiang = next(p for p in data["papers"] if p["name"] == ZHEJIANG[0])
    assert (zhejiang["issues"], zhejiang["pages"]) == (1, 2)
    assert zhejiang["url"] == url("papers", ZHEJIANG[0])


def test_paper_calendar(client: TestClient) -> None:
    html = get_html(client, url("papers", "无锡日报"))
    assert "2022年12月" in html
    assert re.search(r'<td class="held"><a href="[^"]*/2022-12-10"[^>]*>10</a>', html)
    data = get_json(client, url("papers", "无锡日报"))
    assert data["paper"] == "无锡日报"
    assert [(i["date"], i["pages"], i["articles"]) for i in data["issues"]] == [
        ("2022-12-10", 1, 11)
    ]


def test_issue_lists_its_pages(client: TestClient) -> None:
    path = url("papers", *ZHEJIANG)
    html = get_html(client, path)
    assert f'href="{path}/1"' in html
    assert f'href="{path}/3"' in html
    data = get_json(client, path)
    assert [p["number"] for p in data["pages"]] == [1, 3]
    assert data["pages"][0]["url"] == path + "/1"


def test_page_lists_its_articles(client: TestClient, reader: ArchiveReader) -> None:
    stored = reader.page(*SAMPLE)
    assert stored is not None
    path = page_path(*SAMPLE)
    html = get_html(client, path)
    for art in stored.page.articles:
        assert f'href="{path}/{art.id}"' in html
        if art.title:
            assert art.title.text in html
    data = get_json(client, path)
    assert data["info"]["number"] == 2
    assert data["page"]["schema"] == "banmian.page"
    assert [a["id"] for a in data["page"]["articles"]] == [a.id for a in stored.page.articles]
    assert data["page"]["articles"][0]["url"] == f"{path}/a1"


def test_article_as_a_reader_sees_it(client: TestClient, reader: ArchiveReader) -> None:
    stored = reader.article(*SAMPLE, "a2")
    assert stored is not None
    art = stored.article
    path = page_path(*SAMPLE) + "/a2"
    html = get_html(client, path)
    assert art.title is not None
    assert f'<h1 class="title">{art.title.text}</h1>' in html
    for p in art.paragraphs:
        assert p.text in html
    assert f'href="{page_path(*SAMPLE)}/a1"' in html  # previous
    assert f'href="{page_path(*SAMPLE)}/a3"' in html  # next
    data = get_json(client, path)
    mentions = data["article"].pop("mentions")  # the page was enriched when ingested
    assert data["article"] == article_to_dict(art)
    on_page = get_json(client, page_path(*SAMPLE))["page"]["articles"][1]
    assert on_page["id"] == "a2" and on_page["mentions"] == mentions
    assert {m["type"] for m in mentions} >= {"person", "date"}
    assert data["previous"] == f"{page_path(*SAMPLE)}/a1"
    assert data["next"] == f"{page_path(*SAMPLE)}/a3"


def test_subheads_and_captions_are_styled(client: TestClient, reader: ArchiveReader) -> None:
    found = {"heading": False, "caption": False}
    for meta in bundled_pages():
        stored = reader.page(meta.paper, meta.date, meta.page)
        assert stored is not None
        for art in stored.page.articles:
            kinds = {p.type.value for p in art.paragraphs} & {"heading", "caption"}
            if not kinds - {k for k, v in found.items() if v}:
                continue
            html = get_html(client, page_path(meta.paper, meta.date, meta.page) + "/" + art.id)
            for p in art.paragraphs:
                if p.type.value == "heading":
                    assert f'<h2 class="subhead">{p.text}</h2>' in html
                    found["heading"] = True
                elif p.type.value == "caption":
                    assert f'<p class="caption">{p.text}</p>' in html
                    found["caption"] = True
    assert all(found.values()), found


def test_continuations_link_the_parts(client: TestClient, reader: ArchiveReader) -> None:
    first = reader.page(*ZHEJIANG, 1)
    assert first is not None
    part1 = next(a for a in first.page.articles if a.continues_to == 3)
    data = get_json(client, page_path(*ZHEJIANG, 1) + "/" + part1.id)
    goes_to = data["continues_to"]
    assert goes_to["page"] == 3 and goes_to["held"]
    assert goes_to["url"].startswith(page_path(*ZHEJIANG, 3) + "/a")
    back = get_json(client, goes_to["url"])
    assert back["continued_from"]["url"] == page_path(*ZHEJIANG, 1) + "/" + part1.id
    html = get_html(client, goes_to["url"])
    assert f'href="{page_path(*ZHEJIANG, 1)}/{part1.id}">上接第1版' in html


def _zhejiang_jump(reader: ArchiveReader) -> tuple[str, str]:
    """The ids of the article on page 1 that jumps to page 3 and of its rest there."""
    first, third = reader.page(*ZHEJIANG, 1), reader.page(*ZHEJIANG, 3)
    assert first is not None and third is not None
    part1 = next(a for a in first.page.articles if a.continues_to == 3)
    part2 = next(a for a in third.page.articles if a.continued_from == 1)
    return part1.id, part2.id


def test_continued_article_links_its_parts_and_whole_story(
    client: TestClient, reader: ArchiveReader
) -> None:
    one, three = _zhejiang_jump(reader)
    first_url = page_path(*ZHEJIANG, 1) + "/" + one
    rest_url = page_path(*ZHEJIANG, 3) + "/" + three
    story_url = first_url + "/story"
    data = get_json(client, first_url)
    assert data["continues_to"] == {"page": 3, "held": True, "url": rest_url}
    assert data["story_url"] == story_url
    back = get_json(client, rest_url)
    assert back["continued_from"] == {"page": 1, "held": True, "url": first_url}
    assert back["story_url"] == rest_url + "/story"
    html = get_html(client, first_url)
    assert f'<a href="{rest_url}">下转第3版</a> <span class="muted">continued on page 3' in html
    assert f'href="{story_url}">阅读全文 Read the whole story' in html
    html = get_html(client, rest_url)
    assert f'<a href="{first_url}">上接第1版</a> <span class="muted">continued from page 1' in html
    listing = get_html(client, page_path(*ZHEJIANG, 1))
    assert f'<a class="cont" href="{rest_url}">下转第3版</a>' in listing
    assert f'<a class="cont story" href="{story_url}">全文 whole story</a>' in listing
    listing = get_html(client, page_path(*ZHEJIANG, 3))
    assert f'<a class="cont" href="{first_url}">上接第1版</a>' in listing
    # The whole story, from either part: both parts, in order, each with its page.
    story = get_json(client, story_url)
    assert get_json(client, rest_url + "/story") == story
    assert story["url"] == story_url
    assert story["story"]["pages"] == [1, 3]
    assert story["story"]["id"] == f"p1-{one}"
    assert [p["url"] for p in story["story"]["parts"]] == [first_url, rest_url]
    assert [(k["from"]["url"], k["to"]["url"], k["basis"]) for k in story["links"]] == [
        (first_url, rest_url, "title")
    ]
    a1, a3 = reader.article(*ZHEJIANG, 1, one), reader.article(*ZHEJIANG, 3, three)
    assert a1 is not None and a3 is not None
    texts = [p.text for p in a1.article.paragraphs + a3.article.paragraphs]
    assert [p["text"] for part in story["story"]["parts"] for p in part["paragraphs"]] == texts
    page = get_html(client, story_url)
    at = [page.index(f"<p>{t}</p>") for t in texts if t]
    assert at == sorted(at)
    assert page.index(f'href="{first_url}">第1版') < page.index(f'href="{rest_url}">第3版')
    # An article of one page reads whole as itself; an unknown one is not found.
    alone = get_json(client, page_path(*SAMPLE) + "/a1/story")
    assert alone["story"]["pages"] == [2] and alone["links"] == []
    assert get_json(client, page_path(*SAMPLE) + "/a99/story", 404)["error"]["code"] == "not-found"


def test_issue_lists_its_continuations_and_unlinked_markers(
    client: TestClient, reader: ArchiveReader
) -> None:
    one, three = _zhejiang_jump(reader)
    path = url("papers", *ZHEJIANG)
    data = get_json(client, path)
    assert [
        (k["from"]["page"], k["from"]["article"], k["to"]["page"], k["to"]["article"])
        for k in data["links"]
    ] == [(1, one, 3, three)]
    assert data["links"][0]["story_url"] == page_path(*ZHEJIANG, 1) + f"/{one}/story"
    # p1's 转第4版: page 4 is not held.
    assert [(w["code"], w["page"], w["article"]) for w in data["warnings"]] == [
        ("continuation-page-missing", 1, "a2")
    ]
    html = get_html(client, path)
    assert "转版 Continued across pages" in html
    assert f'href="{page_path(*ZHEJIANG, 1)}/{one}/story"' in html
    assert "continuation-page-missing" in html


def test_search_hit_on_a_continuation_links_the_whole_story(
    client: TestClient, reader: ArchiveReader
) -> None:
    one, three = _zhejiang_jump(reader)
    rest = reader.article(*ZHEJIANG, 3, three)
    assert rest is not None
    words = rest.article.paragraphs[-1].text[:8]
    data = client.get("/search.json", params={"q": f'"{words}"'}).json()
    hit = next(h for h in data["hits"] if (h["page"], h["article_id"]) == (3, three))
    story_url = page_path(*ZHEJIANG, 1) + f"/{one}/story"
    assert hit["story"] == {
        "pages": [1, 3],
        "parts": [{"page": 1, "article": one}, {"page": 3, "article": three}],
        "url": story_url,
    }
    html = get_html(client, "/search?q=" + quote(f'"{words}"'))
    assert f'href="{story_url}">全文 whole story, 第1版 → 第3版</a>' in html
    plain = client.get("/search.json", params={"q": "法院"}).json()
    assert all(h["story"] is None for h in plain["hits"] if h["paper"] == "无锡日报")


# The page view ---------------------------------------------------------------------------


def test_page_view_shows_raw_text_beside_reconstruction(
    client: TestClient, reader: ArchiveReader
) -> None:
    stored = reader.page(*SAMPLE)
    assert stored is not None
    html = get_html(client, page_path(*SAMPLE) + "/source")
    lines = stored.raw_text.rstrip("\n").split("\n")
    for number in (1, len(lines)):
        assert f'id="L{number}"' in html
    # Every kind on the page is coloured, in the raw text and in the reconstruction.
    for kind in ("title", "kicker", "dateline", "byline", "body", "subhead"):
        assert f'class="seg k-{kind}' in html, kind
        assert f'class="item k-{kind}' in html, kind
    assert "图例 Legend" in html
    assert 'class="swatch k-furniture"' in html
    # Stripped of markup, each raw line reads as in the source.
    pre = html.split('<pre class="raw-text">', 1)[1].split("</pre>")[0]
    text = unescape(re.sub(r"<[^>]+>", "", re.sub(r'<a class="n[^"]*"[^>]*>\d+</a>', "", pre)))
    assert text.rstrip("\n").split("\n") == lines
    data = get_json(client, page_path(*SAMPLE) + "/source")
    assert data["raw_text"] == stored.raw_text
    ids = [item["id"] for item in data["items"]]
    assert len(ids) == len(set(ids))
    assert {"a1.title", "a1.p1"} <= set(ids)


def test_unassigned_blocks_are_shown_as_such(client: TestClient, reader: ArchiveReader) -> None:
    for meta in bundled_pages():
        stored = reader.page(meta.paper, meta.date, meta.page)
        assert stored is not None
        if stored.page.unassigned:
            break
    else:
        pytest.skip("no bundled page has unassigned blocks")
    html = get_html(client, page_path(meta.paper, meta.date, meta.page) + "/source")
    kind = stored.page.unassigned[0].kind.value
    assert f'class="item k-{kind} unassigned" id="u1"' in html
    assert f'class="seg k-{kind} unassigned" data-item="u1"' in html


def test_problem_report(client: TestClient, reader: ArchiveReader) -> None:
    path = page_path(*SAMPLE) + "/report/a2.title"
    html = get_html(client, path)
    assert "Wrong reconstruction on 无锡日报 2022-12-10, page 2" in html
    assert "a2.title" in html
    assert 'href="mailto:?subject=' in html
    assert "<form" not in html.split("<main", 1)[1].split("</main>")[0].replace(
        '<form class="quick-search"', ""
    )
    data = get_json(client, path)
    assert data["item"]["id"] == "a2.title"
    assert data["item"]["kind"] == "title"
    assert "| 市政协听取" in data["report"] or "市政协听取" in data["report"]
    get_json(client, page_path(*SAMPLE) + "/report/a99.p1", status=404)


# Search ---------------------------------------------------------------------------------


def test_search_finds_a_two_character_word(client: TestClient) -> None:
    html = get_html(client, "/search?q=" + quote("法院"))
    assert "<mark>法院</mark>" in html
    assert "篇 ·" in html
    data = get_json(client, "/search")  # no query: no hits, no error
    assert data["total"] == 0
    response = client.get("/search.json", params={"q": "法院"})
    data = response.json()
    assert data["total"] >= 2
    assert data["query"]["q"] == "法院"
    hit = data["hits"][0]
    assert any(p["highlight"] and "法院" in p["text"] for p in hit["snippet"])
    assert hit["url"] == page_path(hit["paper"], hit["date"], hit["page"]) + "/" + hit["article_id"]
    sample_hits = {(h["paper"], h["article_id"]) for h in data["hits"] if h["paper"] == SAMPLE[0]}
    assert sample_hits, "the sample page speaks of 法院"


def test_search_filters(client: TestClient) -> None:
    everything = client.get("/search.json", params={"q": "法院", "limit": 100}).json()
    papers = {h["paper"] for h in everything["hits"]}
    assert len(papers) >= 2
    only = client.get("/search.json", params={"q": "法院", "paper": SAMPLE[0]}).json()
    assert only["total"] >= 1
    assert {h["paper"] for h in only["hits"]} == {SAMPLE[0]}
    dated = client.get(
        "/search.json", params={"q": "法院", "from": SAMPLE[1], "to": SAMPLE[1]}
    ).json()
    assert {h["date"] for h in dated["hits"]} == {SAMPLE[1]}
    paged = client.get("/search.json", params={"q": "法院", "page": 2}).json()
    assert {h["page"] for h in paged["hits"]} == {2}
    html = get_html(client, "/search?" + "q=" + quote("法院") + "&paper=" + quote(SAMPLE[0]))
    assert f'<option value="{SAMPLE[0]}" selected>' in html


def test_search_pages_through_results(client: TestClient) -> None:
    full = client.get("/search.json", params={"q": "法院", "limit": 100}).json()
    assert full["total"] >= 3
    seen = []
    for number in range(1, full["total"] + 1):
        part = client.get("/search.json", params={"q": "法院", "limit": 1, "p": number}).json()
        assert part["total"] == full["total"]
        assert len(part["hits"]) == 1
        seen.append((part["hits"][0]["paper"], part["hits"][0]["article_id"]))
    assert seen == [(h["paper"], h["article_id"]) for h in full["hits"]]
    html = get_html(client, "/search?q=" + quote("法院") + "&limit=1&p=2")
    assert 'rel="next"' in html and 'rel="prev"' in html
    assert "showing 2–2" in html


def test_bad_query_is_a_400_with_the_message(client: TestClient) -> None:
    response = client.get("/search.json", params={"q": '"法院'})
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["status"] == 400 and error["code"] == "bad-query"
    assert error["message"]
    html = get_html(client, "/search?q=" + quote('"法院'), status=400)
    assert "检索式有误" in html
    assert error["message"].replace('"', "&#34;") in html
    assert 'name="q" value="&#34;法院"' in html  # the query stays in the box, escaped


@pytest.mark.parametrize(
    "params",
    [{"q": "法院", "from": "2022-13-01"}, {"q": "法院", "page": "two"}, {"q": "x", "p": "0"}],
)
def test_bad_parameters_are_400(client: TestClient, params: dict[str, str]) -> None:
    response = client.get("/search.json", params=params)
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "bad-request"


# Entities -------------------------------------------------------------------------------


def sample_gold_people() -> list[dict[str, Any]]:
    """The people of the sample page's hand-made entity gold."""
    path = REPO_ROOT / "samples" / "000_288ad13e0e775b4e.entities.json"
    people: list[dict[str, Any]] = json.loads(path.read_text(encoding="utf-8"))["people"]
    return people


def test_every_gold_person_has_a_page_listing_the_sample_article(client: TestClient) -> None:
    people = sample_gold_people()
    assert len(people) == 24
    sample = page_path(*SAMPLE)
    for person in people:
        path = url("people", person["name"])
        data = get_json(client, path)
        assert data["entity"]["key"] == person["name"]
        assert data["entity"]["url"] == path
        here = [a for a in data["appearances"] if a["url"].startswith(sample + "/")]
        assert here, person["name"]
        assert person["title"] in {a["title"] for a in here}, person
        html = get_html(client, path)
        assert f'<h1 class="entity-name">{person["name"]}</h1>' in html
        for a in here:
            assert f'href="{a["url"]}"' in html
        if person["title"]:
            assert f'<td class="title-then">{person["title"]}</td>' in html


def test_a_person_page_is_latest_first_with_the_title_then(
    client: TestClient, reader: ArchiveReader
) -> None:
    assert isinstance(reader, EntityReader)
    busiest = reader.entities("person", limit=1)[0]
    data = get_json(client, url("people", busiest.key))
    dates = [a["date"] for a in data["appearances"]]
    assert len(dates) == busiest.articles > 1 and dates == sorted(dates, reverse=True)
    zhu = get_json(client, url("people", "朱爱勋"))
    (app,) = zhu["appearances"]
    assert app["title"] == "市委副书记、政法委书记" and app["spoke"] and app["attended"]
    assert app["url"] == page_path(*SAMPLE) + "/a3"
    assert zhu["entity"]["titles"] == ["市委副书记、政法委书记"]
    html = get_html(client, url("people", "朱爱勋"))
    assert "讲话 spoke" in html and "出席 attended" in html
    assert "提升治理之效 筑牢平安之基" in html


def test_places_and_organizations_have_pages(client: TestClient, reader: ArchiveReader) -> None:
    place = get_json(client, url("places", "江苏省无锡市锡山区"))
    assert place["entity"]["type"] == "place" and place["entity"]["articles"] >= 3
    assert {a["text"] for a in place["appearances"]} >= {"锡山区"}
    assert isinstance(reader, EntityReader)
    org = reader.entities("organization", limit=1)[0]
    data = get_json(client, url("organizations", org.key))
    assert len(data["appearances"]) == org.articles
    html = get_html(client, url("organizations", org.key))
    assert f'<td class="printed">{org.key}</td>' in html


def test_entity_indexes_count_and_page(client: TestClient, reader: ArchiveReader) -> None:
    assert isinstance(reader, EntityReader)
    for type_, path in (
        ("person", "/people"),
        ("organization", "/organizations"),
        ("place", "/places"),
    ):
        data = get_json(client, path)
        expected = reader.entities(type_, limit=100)
        assert [(e["key"], e["articles"]) for e in data["entities"]] == [
            (e.key, e.articles) for e in expected
        ]
        assert data["entities"][0]["url"] == url(path.strip("/"), expected[0].key)
        html = get_html(client, path)
        assert f'href="{url(path.strip("/"), expected[0].key)}"' in html
    names = {e["key"] for e in get_json(client, "/people")["entities"]}
    assert "朱爱勋" in names or len(names) == 100
    zhu = client.get("/people.json", params={"prefix": "朱"}).json()
    assert zhu["entities"] and all(e["key"].startswith("朱") for e in zhu["entities"])
    assert "朱爱勋" in {e["key"] for e in zhu["entities"]}
    everyone = reader.entities("place", limit=None)
    if len(everyone) > 100:
        second = client.get("/places.json", params={"p": 2}).json()
        assert [e["key"] for e in second["entities"]] == [e.key for e in everyone[100:200]]
        assert second["previous"] is not None


def test_the_article_lists_what_it_names(client: TestClient, reader: ArchiveReader) -> None:
    stored = reader.article(*SAMPLE, "a3")
    assert stored is not None
    path = page_path(*SAMPLE) + "/a3"
    html = get_html(client, path)
    assert '<aside class="found"' in html
    people = get_json(client, path)["entities"]["person"]
    assert [p["key"] for p in people][:3] == ["朱爱勋", "钱斌", "朱良平"]
    for person in people:
        assert f'href="{person["url"]}"' in html
    assert people[0]["title"] == "市委副书记、政法委书记"
    assert f'<span class="held">{people[0]["title"]}</span>' in html
    named = {(m.type.value, entity_key(m)) for m in stored.article.mentions if entity_key(m)}
    data = get_json(client, path)["entities"]
    assert {(t, e["key"]) for t in ("person", "organization", "place") for e in data[t]} == named
    assert {d["text"] for d in data["date"]} >= {"12月7日"}
    assert {d["value"] for d in data["date"]} >= {"2022-12-07"}
    money = get_json(client, page_path(*SAMPLE) + "/a1")["entities"]["money"]
    assert any(m["text"] == "7052.8亿元" and m["value"] == "705,280,000,000 CNY" for m in money)


def test_search_shows_facets_that_narrow_it(client: TestClient, reader: ArchiveReader) -> None:
    data = client.get("/search.json", params={"q": "法院", "limit": 100}).json()
    facets = data["facets"]
    assert facets["counted"] == facets["total"] == data["total"]
    named: list[set[tuple[str, str]]] = []
    for hit in data["hits"]:
        stored = reader.article(hit["paper"], hit["date"], hit["page"], hit["article_id"])
        assert stored is not None
        named.append({(m.type.value, k) for m in stored.article.mentions if (k := entity_key(m))})
    assert facets["items"]
    for item in facets["items"]:
        assert item["count"] == sum((item["type"], item["key"]) in n for n in named)
        narrowed = client.get(item["search_url"].replace("/search?", "/search.json?")).json()
        assert narrowed["total"] == item["count"]
        assert narrowed["query"]["entity"] == f"{item['type']}:{item['key']}"
    html = get_html(client, "/search?q=" + quote("法院"))
    assert '<aside class="facets"' in html
    first = facets["items"][0]
    assert html.count('class="facet"') == len(facets["items"])
    narrowed_html = get_html(client, first["search_url"])
    assert "只看提到 Only articles naming" in narrowed_html
    assert f'href="{first["url"]}"' in narrowed_html


@pytest.mark.parametrize("entity", ["money:5", "person:", "朱爱勋"])
def test_a_bad_entity_filter_is_400(client: TestClient, entity: str) -> None:
    response = client.get("/search.json", params={"q": "法院", "entity": entity})
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "bad-request"


@pytest.mark.parametrize(
    "path", [url("people", "没有这人"), url("places", "火星"), url("organizations", "无此机构")]
)
def test_unknown_entities_are_404(client: TestClient, path: str) -> None:
    data = get_json(client, path, status=404)
    assert data["error"]["code"] == "not-found"
    assert "未找到" in get_html(client, path, status=404)


def test_without_an_entity_reader_entity_pages_are_404(reader: ArchiveReader) -> None:
    app = create_app(_PlainReader(reader))
    with TestClient(app) as plain:
        assert plain.get("/people.json").status_code == 404
        data = plain.get("/search.json", params={"q": "法院"}).json()
        assert data["total"] > 0 and data["facets"] is None


class _PlainReader:
    """An ``ArchiveReader`` that knows no entities."""

    def __init__(self, reader: ArchiveReader) -> None:
        for name in ("papers", "issues", "pages", "page", "article", "search", "close"):
            setattr(self, name, getattr(reader, name))


# Errors, methods, negotiation -----------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    [
        url("papers", "没有这份报"),
        url("papers", "无锡日报", "2022-12-11"),
        url("papers", "无锡日报", "2022-12-10", 9),
        url("papers", "无锡日报", "2022-12-10", 2, "a99"),
        url("papers", "无锡日报", "2022-12-10", 2, "report", "zz"),
        "/no/such/thing",
    ],
)
def test_not_found(client: TestClient, path: str) -> None:
    data = get_json(client, path, status=404)
    assert set(data) == {"error"}
    assert data["error"]["status"] == 404
    assert data["error"]["code"] == "not-found"
    assert data["error"]["message"]
    html = get_html(client, path, status=404)
    assert "404" in html and "Not found" in html


def test_accept_header_chooses_json(client: TestClient) -> None:
    path = page_path(*SAMPLE)
    as_json = client.get(path, headers={"accept": "application/json"})
    assert as_json.headers["content-type"].startswith("application/json")
    assert as_json.json() == get_json(client, path)
    missing = client.get(url("papers", "没有"), headers={"accept": "application/json"})
    assert missing.status_code == 404
    assert missing.json()["error"]["code"] == "not-found"
    html = client.get(path, headers={"accept": "text/html,application/json;q=0.9"})
    assert html.headers["content-type"].startswith("text/html")
    assert client.get(path).headers["content-type"].startswith("text/html")


def test_read_only(client: TestClient) -> None:
    for method in ("POST", "PUT", "DELETE", "PATCH"):
        response = client.request(method, page_path(*SAMPLE) + ".json")
        assert response.status_code == 405, method
        assert response.json()["error"]["code"] == "method-not-allowed"
        assert response.headers["allow"] == "GET, HEAD"
    head = client.head(page_path(*SAMPLE))
    assert head.status_code == 200
    assert head.content == b""


def test_a_bug_is_a_500_in_the_same_shape(reader: ArchiveReader) -> None:
    def broken() -> list[Any]:
        raise RuntimeError("disk on fire")

    app = create_app(reader)
    app.state.reader = _Broken(reader, broken)
    with TestClient(app, raise_server_exceptions=False) as broken_client:
        response = broken_client.get("/index.json")
        assert response.status_code == 500
        assert response.json()["error"]["code"] == "internal-error"
        assert "disk on fire" not in response.text  # details go to the log, not the user
        html = broken_client.get("/")
        assert html.status_code == 500
        assert "Internal error" in html.text


class _Broken:
    """The real reader with ``papers`` failing, as a bug in the store would."""

    def __init__(self, reader: ArchiveReader, papers: Any) -> None:
        self._reader = reader
        self.papers = papers

    def __getattr__(self, name: str) -> Any:
        return getattr(self._reader, name)


def test_static_files(client: TestClient) -> None:
    css = client.get("/static/reader.css")
    assert css.status_code == 200
    assert "font-family" in css.text
    assert client.get("/static/reader.js").status_code == 200


# Names and escaping ---------------------------------------------------------------------


def test_percent_encoded_names(client: TestClient) -> None:
    encoded = "/papers/%E6%97%A0%E9%94%A1%E6%97%A5%E6%8A%A5/2022-12-10/2"
    assert client.get(encoded + ".json").json()["info"]["paper"] == "无锡日报"
    html = get_html(client, "/")
    assert 'href="/papers/%E6%97%A0%E9%94%A1%E6%97%A5%E6%8A%A5"' in html
    odd = url("papers", EVIL_PAPER)
    assert "%26" in odd and "%3C" in odd
    assert get_json(client, odd)["paper"] == EVIL_PAPER
    assert Links().paper(EVIL_PAPER) == odd


def _evil_pages(client: TestClient) -> list[str]:
    """Every page on which the page with markup in its text shows."""
    issue = get_json(client, url("papers", EVIL_PAPER))["issues"][0]
    page = get_json(client, issue["url"])["pages"][0]
    base = page["url"]
    return [
        "/",
        url("papers", EVIL_PAPER),
        issue["url"],
        base,
        base + "/source",
        base + "/a1",
        base + "/report/a1.title",
        base + "/report/a1.p1",
        "/search?q=" + quote("签约仪式"),
        "/search?q=" + quote("<script>"),
        url("people", "张三"),
        url("organizations", "B公司"),
        "/organizations?prefix=" + quote("<b>"),
    ]


def test_page_text_is_escaped(client: TestClient) -> None:
    pages = _evil_pages(client)
    for path in pages:
        html = get_html(client, path)
        # The only script tag is the reader's own: no tag comes from the page.
        for tag in re.findall(r"<script\b[^>]*>", html):
            assert tag.startswith('<script src="/static/'), (path, tag)
        assert "<b>" not in html, path
        assert 'alert("' not in html, path
    article = get_html(client, pages[5])
    assert "&lt;script&gt;alert(&#34;标题&#34;)&lt;/script&gt;与A&amp;B公司签约" in article
    assert "&lt;b&gt;某区&lt;/b&gt;与A&amp;B公司" in article
    assert "总投资&amp;amp;超过" in article
    found = get_html(client, pages[8])
    assert "<mark>签约仪式</mark>" in found
    data = get_json(client, pages[5])
    assert data["article"]["title"] == '<script>alert("标题")</script>与A&B公司签约'


def test_continued_story_text_is_escaped(tmp_path: Path) -> None:
    """A story continued across pages, with markup in its title and text, under a paper
    whose name needs escaping: the links, the issue and the whole story show it as text."""
    here = [Span(1, 0, 1)]
    title = '<script>alert("续")</script>A&B'

    def part(key: str, text: str, **markers: int) -> Article:
        return Article(
            id=key,
            title=Field(title, here, "test"),
            paragraphs=[Paragraph(ParagraphType.TEXT, text, here, "test")],
            **markers,  # type: ignore[arg-type]
        )

    db = tmp_path / "evil.db"
    with open_archive(db) as archive:
        for number, art in (
            (1, part("a1", "<b>开头</b>&amp;", continues_to=2)),
            (2, part("a1", "结尾<i>乙</i>", continued_from=1)),
        ):
            page = Page(lines=[], paper=EVIL_PAPER, date="2024-02-29", page=number, articles=[art])
            archive.store_page(page, raw_text="x\n", source=f"{number}.txt")
    with open_archive(db, readonly=True) as archive, TestClient(create_app(archive)) as evil:
        base = url("papers", EVIL_PAPER, "2024-02-29")
        for path in (
            base,
            base + "/1/a1",
            base + "/2/a1",
            base + "/1/a1/story",
            "/search?q=" + quote("结尾"),
        ):
            html = get_html(evil, path)
            assert "<script>alert" not in html and "<b>" not in html and "<i>" not in html, path
            assert "&lt;script&gt;alert(&#34;续&#34;)&lt;/script&gt;A&amp;B" in html, path
        story = get_html(evil, base + "/1/a1/story")
        assert "&lt;b&gt;开头&lt;/b&gt;&amp;amp;" in story and "结尾&lt;i&gt;乙&lt;/i&gt;" in story
        assert get_json(evil, base + "/1/a1/story")["story"]["title"] == title


def test_json_keeps_chinese_as_is(client: TestClient) -> None:
    raw = client.get(page_path(*SAMPLE) + ".json").content
    assert "无锡日报".encode() in raw
    json.loads(raw)


def test_serve_without_an_archive_is_one_error_line(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["serve", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 1
    assert result.stderr.startswith("banmian: error: ")
    assert "banmian ingest" in result.stderr
    assert not (tmp_path / "none.db").exists()  # read-only: nothing is created
