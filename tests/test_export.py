"""banmian export on a real archive of the bundled pages, every format read back and compared.

The archive holds the bundled pages (ingested as ``make demo`` does, on SQLite and on
PostgreSQL), all but two enriched, those two ingested with ``--no-enrich``; each test
exports it through the command line, parses the output with an independent reader (json,
csv, pyarrow, ElementTree, a Markdown split) and compares counts, ids, titles, texts and
mentions with what the archive holds, with ``banmian parse --enrich`` of the same pages, and
with the batch mode's rows of them.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from archive_backends import BACKENDS, archive_location
from banmian.archive import open_archive
from banmian.cli import cli
from banmian.export import ExportFilters, iter_records
from banmian.export.nitf import NitfStructureError, check_nitf
from banmian.model import Article, MentionType
from banmian.serialize.markdown import entities_to_markdown
from web_archive import bundled

Expected = dict[str, dict[str, Any]]
"""Every article's record, by id, as the archive holds it."""

PLAIN_PAGES = 2
"""How many of the bundled pages (the last by name) are ingested with --no-enrich."""


def stage_pages(folder: Path) -> tuple[Path, Path]:
    """The bundled pages under their ingest names: a folder to enrich, one not to."""
    enriched, plain = folder / "pages", folder / "plain"
    copies = sorted(bundled.stage(enriched))
    plain.mkdir()
    for copy in copies[-PLAIN_PAGES:]:
        copy.rename(plain / copy.name)
    return enriched, plain


@pytest.fixture(scope="module", params=BACKENDS)
def db(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    folder = tmp_path_factory.mktemp("export")
    enriched, plain = stage_pages(folder)
    with archive_location(request.param, folder) as where:
        for args in ([str(enriched)], ["--no-enrich", str(plain)]):
            result = CliRunner().invoke(cli, ["ingest", "--db", where, *args])
            assert result.exit_code == 0 and "failed 0" in result.output, result.output
        yield where


def people_of(art: Article) -> dict[str, list[str]]:
    """The people an article names (not as reporters), each with their distinct titles."""
    out: dict[str, list[str]] = {}
    for m in art.mentions:
        if m.type is MentionType.PERSON and m.role != "reporter":
            titles = out.setdefault(str(m.name), [])
            if m.title and m.title not in titles:
                titles.append(m.title)
    return out


def places_of(art: Article) -> dict[str, str | None]:
    """The places an article names, normalized, each with its code."""
    out: dict[str, str | None] = {}
    for m in art.mentions:
        if m.type is MentionType.PLACE:
            out.setdefault(m.name or m.text, m.code)
    return out


def organizations_of(art: Article) -> list[str]:
    """The organizations an article names, each once."""
    return list(dict.fromkeys(m.text for m in art.mentions if m.type is MentionType.ORGANIZATION))


@pytest.fixture(scope="module")
def expected(db: str) -> Expected:
    """What the archive holds, read page by page through the archive's own API."""
    out: Expected = {}
    with open_archive(db, readonly=True) as archive:
        for paper in archive.papers():
            for issue in archive.issues(paper.name):
                for info in archive.pages(paper.name, issue.date):
                    stored = archive.page(paper.name, issue.date, info.number)
                    assert stored is not None
                    for art in stored.page.articles:
                        key = f"{info.paper}/{info.date}/{info.number}/{art.id}"
                        out[key] = {
                            "title": art.title.text if art.title else None,
                            "subtitle": art.subtitle.text if art.subtitle else None,
                            "authors": art.authors,
                            "paragraphs": [p.text for p in art.paragraphs],
                            "text": "\n".join(p.text for p in art.paragraphs),
                            "page": info.number,
                            "paper": info.paper,
                            "date": info.date,
                            "enriched": stored.page.enriched,
                            "article": art,
                        }
    assert len(out) > 100
    enriched = {v["enriched"] for v in out.values()}
    assert enriched == {True, False}, "the archive holds pages with and without mentions"
    return out


@pytest.fixture(scope="module")
def parsed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Any]]:
    """Every bundled article as ``banmian parse --enrich`` gives it (JSON), by id."""
    enriched, plain = stage_pages(tmp_path_factory.mktemp("parsed"))
    files = sorted(str(p) for folder in (enriched, plain) for p in folder.glob("*.txt"))
    result = CliRunner().invoke(cli, ["parse", "--enrich", "-f", "json", *files])
    assert result.exit_code == 0, result.output
    return {
        f"{page['paper']}/{page['date']}/{page['page']}/{art['id']}": art
        for page in json.loads(result.stdout)
        for art in page["articles"]
    }


@pytest.fixture(scope="module")
def batch_rows(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Any]]:
    """Every bundled article as a batch row (``banmian batch``'s worker; the pages ingested
    with --no-enrich are not enriched here either), by id."""
    from banmian.batch.worker import PageTask, parse_page

    enriched, plain = stage_pages(tmp_path_factory.mktemp("batch"))
    out = {}
    for folder, enrich in ((enriched, True), (plain, False)):
        for path in sorted(folder.glob("*.txt")):
            _, rows = parse_page(PageTask(str(path), ""), enrich=enrich)
            for row in rows:
                out[f"{row['paper']}/{row['date']}/{row['page']}/{row['article_id']}"] = row
    return out


def export(db: str, *args: str) -> bytes:
    result = CliRunner().invoke(cli, ["export", "--db", db, *args])
    assert result.exit_code == 0, result.output
    return result.stdout_bytes


def test_jsonl_holds_every_article_with_its_text(db: str, expected: Expected) -> None:
    rows = [json.loads(line) for line in export(db, "-f", "jsonl").decode().splitlines()]
    assert [r["id"] for r in rows] == list(expected)
    for row in rows:
        want = expected[row["id"]]
        assert row["title"] == want["title"] and row["authors"] == want["authors"]
        assert [p["text"] for p in row["paragraphs"]] == want["paragraphs"]
        assert row["text"] == want["text"] and row["page"] == want["page"]
        assert all(len(s) == 3 for p in row["paragraphs"] for s in p["spans"])


def test_csv_round_trips(db: str, expected: Expected) -> None:
    data = export(db, "-f", "csv").decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(data, newline="")))
    assert [r["id"] for r in rows] == list(expected)
    for row in rows:
        want = expected[row["id"]]
        assert row["title"] == (want["title"] or "")
        assert row["text"] == want["text"]
        assert json.loads(row["authors"]) == want["authors"]
        assert [p["text"] for p in json.loads(row["paragraphs"])] == want["paragraphs"]


def test_parquet_round_trips(db: str, expected: Expected, tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    out = tmp_path / "a.parquet"
    export(db, "-f", "parquet", "-o", str(out))
    table = pq.read_table(out)
    assert table.schema.metadata[b"schema"] == b"banmian.export.article"
    assert table.schema.metadata[b"version"] == b"2"
    rows = table.to_pylist()
    assert [r["id"] for r in rows] == list(expected)
    for row in rows:
        want = expected[row["id"]]
        assert (row["title"], row["text"], row["authors"]) == (
            want["title"],
            want["text"],
            want["authors"],
        )
        assert row["date"] == dt.date.fromisoformat(want["date"])
        assert [p["text"] for p in row["paragraphs"]] == want["paragraphs"]


def test_markdown_has_one_section_per_article(db: str, expected: Expected) -> None:
    text = export(db, "-f", "markdown").decode()
    sections = text.split("\n---\n\n")
    assert len(sections) == len(expected)
    for section, (key, want) in zip(sections, expected.items(), strict=True):
        lines = section.splitlines()
        assert lines[0] == f"<!-- banmian:article {key} -->"
        assert lines[1] == f"## {want['title'] or '(untitled)'}"
        for para in want["paragraphs"]:
            assert para in section


def test_jsonld_is_schema_org_news_articles(db: str, expected: Expected) -> None:
    doc = json.loads(export(db, "-f", "jsonld"))
    assert doc["@context"] == "https://schema.org"
    nodes = doc["@graph"]
    assert [n["identifier"] for n in nodes] == list(expected)
    for node in nodes:
        want = expected[node["identifier"]]
        assert node["@type"] == "NewsArticle"
        assert node["headline"] == (want["title"] or "")
        assert node["articleBody"] == "\n\n".join(want["paragraphs"])
        assert node["datePublished"] == want["date"]
        assert node["publisher"] == {"@type": "Organization", "name": want["paper"]}
        assert node["pageStart"] == str(want["page"])
        assert node["isPartOf"]["@type"] == "PublicationIssue"
        assert [a["name"] for a in node.get("author", [])] == want["authors"]
        assert all(a["@type"] == "Person" for a in node.get("author", []))
        if want["subtitle"]:
            alt = node["alternativeHeadline"]
            assert want["subtitle"] in ([alt] if isinstance(alt, str) else alt)


def test_nitf_documents_are_well_formed_and_hold_the_articles(
    db: str, expected: Expected, tmp_path: Path
) -> None:
    folder = tmp_path / "nitf"
    export(db, "-f", "nitf", "-o", str(folder))
    files = sorted(folder.glob("*.xml"))
    assert len(files) == len(expected)
    seen = set()
    for path in files:
        root = ET.parse(path).getroot()  # well-formed
        check_nitf(root)
        key = root.find("head/docdata/doc-id").get("id-string")  # type: ignore[union-attr]
        seen.add(key)
        want = expected[key]
        assert root.findtext("body/body.head/hedline/hl1") == (want["title"] or "")
        content = root.find("body/body.content")
        assert content is not None
        assert ["".join(e.itertext()) for e in content] == want["paragraphs"]
        pubdata = root.find("head/pubdata")
        assert pubdata is not None and pubdata.get("name") == want["paper"]
        assert pubdata.get("position.sequence") == str(want["page"])
        persons = [p.text for p in root.findall("body/body.head/byline/person")]
        assert persons == want["authors"]
    assert seen == set(expected)


def test_filters_pick_exactly_the_articles_they_name(db: str, expected: Expected) -> None:
    first = next(iter(expected.values()))
    paper, date = first["paper"], first["date"]

    def ids(*args: str) -> list[str]:
        data = export(db, "-f", "jsonl", *args).decode()
        return [json.loads(line)["id"] for line in data.splitlines()]

    assert ids("--paper", paper) == [k for k, v in expected.items() if v["paper"] == paper]
    assert ids("--from", date, "--to", date) == [
        k for k, v in expected.items() if v["date"] == date
    ]
    assert ids("--page", "2") == [k for k, v in expected.items() if v["page"] == 2]
    assert ids("--paper", "没有这份报") == []


def test_usage_errors_are_one_line(db: str) -> None:
    for args in (["-f", "parquet"], ["-f", "nitf"]):
        result = CliRunner().invoke(cli, ["export", "--db", db, *args])
        assert result.exit_code == 2, result.output
        assert len(result.output.strip().splitlines()) == 1, result.output
    result = CliRunner().invoke(cli, ["export", "--db", db, "--from", "2022-13-01"])
    assert result.exit_code == 2 and "is not a date" in result.output


def test_records_stream_one_page_at_a_time(db: str) -> None:
    """The records come from one page loaded at a time (the archive's page() calls)."""
    calls: list[tuple[str, str, int]] = []
    with open_archive(db, readonly=True) as archive:
        original = archive.page

        def counting(paper: str, date: str, number: int) -> Any:
            calls.append((paper, date, number))
            return original(paper, date, number)

        archive.page = counting  # type: ignore[method-assign]
        records = iter_records(archive, ExportFilters())
        first = next(records)
        assert len(calls) == 1 and first["page"] == calls[0][2]
        rest = list(records)
        pages = sum(
            len(archive.pages(p.name, i.date))
            for p in archive.papers()
            for i in archive.issues(p.name)
        )
    assert len(calls) == len(set(calls)) == pages
    assert len(rest) + 1 >= pages


# Mentions ---------------------------------------------------------------------------------


def jsonl_rows(db: str, *args: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in export(db, "-f", "jsonl", *args).decode().splitlines()]


def test_jsonl_mentions_are_those_of_parse_enrich(
    db: str, expected: Expected, parsed: dict[str, dict[str, Any]]
) -> None:
    """An enriched page's articles carry the mentions ``banmian parse --enrich`` gives for
    the same page, exactly; a page ingested with --no-enrich has null."""
    rows = jsonl_rows(db)
    assert [r["id"] for r in rows] == list(expected)
    counted = 0
    for row in rows:
        if expected[row["id"]]["enriched"]:
            assert row["mentions"] == parsed[row["id"]]["mentions"], row["id"]
            counted += len(row["mentions"])
        else:
            assert row["mentions"] is None
    assert counted > 1000


def test_shared_columns_equal_the_batch_rows(
    db: str, expected: Expected, batch_rows: dict[str, dict[str, Any]]
) -> None:
    """Every column the export shares with the batch mode's rows holds the same value (a
    paragraph adds its spans); only the archive's own id is new."""
    rows = jsonl_rows(db)
    assert {r["id"] for r in rows} == set(batch_rows)
    for row in rows:
        batch = batch_rows[row["id"]]
        shared = set(row) & set(batch)
        assert set(row) - shared == {"id"} and set(batch) - shared == {"page_hash", "source"}
        for name in shared - {"paragraphs"}:
            assert row[name] == batch[name], (row["id"], name)
        assert [{k: v for k, v in p.items() if k != "spans"} for p in row["paragraphs"]] == (
            batch["paragraphs"]
        )


def test_parquet_shares_the_batch_schema_and_holds_mentions_as_json(
    db: str, expected: Expected, tmp_path: Path
) -> None:
    import pyarrow.parquet as pq

    from banmian.batch.schema import ARTICLE_SCHEMA

    out = tmp_path / "a.parquet"
    export(db, "-f", "parquet", "-o", str(out))
    table = pq.read_table(out)
    for name in set(table.schema.names) & set(ARTICLE_SCHEMA.names) - {"paragraphs"}:
        assert table.schema.field(name).type == ARTICLE_SCHEMA.field(name).type, name
    ours = table.schema.field("paragraphs").type.value_type
    theirs = ARTICLE_SCHEMA.field("paragraphs").type.value_type
    assert [ours.field(i) for i in range(theirs.num_fields)] == list(theirs)
    by_id = {r["id"]: r for r in jsonl_rows(db)}
    for row in table.to_pylist():
        if expected[row["id"]]["enriched"]:
            assert json.loads(row["mentions"]) == by_id[row["id"]]["mentions"]
        else:
            assert row["mentions"] is None


def test_csv_columns_are_consistent(db: str, expected: Expected) -> None:
    """Every row has every column; the mention JSON and the name columns agree with the
    archive; names never hold the separator; a page without enrichment has empty cells."""
    data = export(db, "-f", "csv").decode("utf-8-sig")
    table = list(csv.reader(io.StringIO(data, newline="")))
    header, body = table[0], table[1:]
    assert header[-4:] == ["mentions", "people", "organizations", "places"]
    assert len(header) == len(set(header)) and all(len(r) == len(header) for r in body)
    by_id = {r["id"]: r for r in jsonl_rows(db)}
    for cells in body:
        row = dict(zip(header, cells, strict=True))
        want = expected[row["id"]]
        art: Article = want["article"]
        names = {n: row[n].split("; ") if row[n] else [] for n in ("people", "places")}
        orgs = row["organizations"].split("; ") if row["organizations"] else []
        if not want["enriched"]:
            assert row["mentions"] == "" and names == {"people": [], "places": []} and not orgs
            continue
        assert json.loads(row["mentions"]) == by_id[row["id"]]["mentions"]
        assert names["people"] == list(people_of(art))
        assert names["places"] == list(places_of(art))
        assert orgs == organizations_of(art)
        assert row["title"] == (want["title"] or "") and row["text"] == want["text"]


def test_markdown_lists_entities_as_parse_enrich_does(db: str, expected: Expected) -> None:
    sections = export(db, "-f", "markdown").decode().split("\n---\n\n")
    assert len(sections) == len(expected)
    listed = 0
    for section, want in zip(sections, expected.values(), strict=True):
        entities = entities_to_markdown(want["article"]) if want["enriched"] else ""
        if entities:
            assert section.rstrip("\n").endswith("\n\n" + entities.rstrip("\n"))
            listed += 1
        assert section.count("- **") == entities.count("- **")
    assert listed > 100


def test_jsonld_mentions_the_people_organizations_and_places(db: str, expected: Expected) -> None:
    nodes = json.loads(export(db, "-f", "jsonld"))["@graph"]
    with_people = 0
    for node in nodes:
        want = expected[node["identifier"]]
        art: Article = want["article"]
        mentioned = node.get("mentions", [])
        if not want["enriched"]:
            assert not mentioned and "dateCreated" not in node and "locationCreated" not in node
            continue
        people = {p["name"]: p.get("jobTitle") for p in mentioned if p["@type"] == "Person"}
        want_people = {
            name: None if not titles else titles[0] if len(titles) == 1 else titles
            for name, titles in people_of(art).items()
        }
        assert people == want_people
        with_people += bool(people)
        orgs = [o["name"] for o in mentioned if o["@type"] == "Organization"]
        assert orgs == organizations_of(art)
        places = {
            p["name"]: p.get("identifier", {}).get("value")
            for p in mentioned
            if p["@type"] == "Place"
        }
        assert places == places_of(art)
        in_dateline = [m for m in art.mentions if m.field == "dateline"]
        if "dateCreated" in node:
            assert node["dateCreated"] in [m.value for m in in_dateline]
        if "locationCreated" in node:
            assert node["locationCreated"]["name"] in [m.name for m in in_dateline]
            assert "dateCreated" in node
        credited = [c["name"] for c in node.get("contributor", [])]
        assert not set(credited) & set(want["authors"])
    assert with_people > 20


def test_nitf_identified_content_holds_the_people(
    db: str, expected: Expected, tmp_path: Path
) -> None:
    folder = tmp_path / "nitf"
    export(db, "-f", "nitf", "-o", str(folder))
    with_people = 0
    for path in sorted(folder.glob("*.xml")):
        root = ET.parse(path).getroot()
        check_nitf(root)
        key = root.find("head/docdata/doc-id").get("id-string", "")  # type: ignore[union-attr]
        want = expected[key]
        art: Article = want["article"]
        content = root.find("head/docdata/identified-content")
        if not want["enriched"]:
            assert content is None
            continue
        people = {
            p.text: [f.text for f in p.findall("function")]
            for p in root.findall("head/docdata/identified-content/person")
        }
        assert people == people_of(art)
        with_people += bool(people)
        orgs = [o.text for o in root.findall("head/docdata/identified-content/org")]
        assert orgs == organizations_of(art)
        places = {
            loc.text: loc.get("location-code")
            for loc in root.findall("head/docdata/identified-content/location")
        }
        assert places == places_of(art)
        if content is not None:
            assert list(content), "identified-content only when there is something to list"
    assert with_people > 20


def test_check_nitf_refuses_what_identified_content_may_not_hold() -> None:
    good = ET.fromstring(
        '<nitf version="-//IPTC//DTD NITF 3.6//EN"><head><title>t</title><docdata>'
        "<identified-content><person>甲<function>市长</function></person><org>市委</org>"
        '<location location-code="110000" code-source="GB/T 2260">北京市</location>'
        "</identified-content></docdata></head><body/></nitf>"
    )
    check_nitf(good)
    for bad in (
        "<identified-content><p>甲</p></identified-content>",
        "<identified-content><person>甲<p>乙</p></person></identified-content>",
        '<identified-content><location code="1">北京</location></identified-content>',
        "<mentions/>",
    ):
        root = ET.fromstring(
            '<nitf version="-//IPTC//DTD NITF 3.6//EN"><head><title>t</title>'
            f"<docdata>{bad}</docdata></head><body/></nitf>"
        )
        with pytest.raises(NitfStructureError):
            check_nitf(root)


def test_no_mentions_leaves_them_out_of_every_format(db: str, tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    rows = jsonl_rows(db, "--no-mentions")
    assert rows and all("mentions" not in r for r in rows)
    header = next(csv.reader(io.StringIO(export(db, "-f", "csv", "--no-mentions").decode())))
    assert not {"mentions", "people", "organizations", "places"} & set(header)
    out = tmp_path / "a.parquet"
    export(db, "-f", "parquet", "--no-mentions", "-o", str(out))
    assert "mentions" not in pq.read_schema(out).names
    nodes = json.loads(export(db, "-f", "jsonld", "--no-mentions"))["@graph"]
    assert not any({"mentions", "dateCreated", "locationCreated"} & set(n) for n in nodes)
    assert "- **People:**" not in export(db, "-f", "markdown", "--no-mentions").decode()
    folder = tmp_path / "nitf"
    export(db, "-f", "nitf", "--no-mentions", "-o", str(folder))
    for path in folder.glob("*.xml"):
        assert ET.parse(path).getroot().find("head/docdata/identified-content") is None


def test_mentions_are_placed_on_their_lines_as_mention_to_dict_places_them() -> None:
    """``article_mentions`` aligns each text once; its dicts equal ``mention_to_dict``'s
    (which aligns each mention's text by itself) on generated pages (hundreds of mentions
    each) and where folding reads a cut otherwise."""
    from banmian.enrich import enrich
    from banmian.model import Line, Mention, Page, Paragraph, ParagraphType, Span
    from banmian.pipeline import parse_text
    from banmian.serialize.json import article_mentions, mention_to_dict
    from banmian.synth import generate_pages

    compared = 0
    for text, gold in generate_pages(12, seed=3):
        page = enrich(parse_text(text, paper=gold["paper"], date=gold["date"], page=gold["page"]))
        raw = {ln.number: ln.raw for ln in page.lines}
        for art in page.articles:
            assert article_mentions(raw, art) == [
                mention_to_dict(raw, art, m) for m in art.mentions
            ]
            compared += len(art.mentions)
    assert compared > 1000

    # 增长１．２％: cut after １． the point stays full-width, in the whole text it folds
    lines = [Line(1, "增长１．"), Line(2, "２％，达到"), Line(3, "３倍")]
    para = Paragraph(
        ParagraphType.TEXT,
        "增长１．２％，达到３倍",
        [Span(1, 0, 4), Span(2, 0, 5), Span(3, 0, 2)],
        "t",
    )
    cut = Mention(MentionType.QUANTITY, "１．", "paragraph", 0, 2, 4, "t")
    whole = Mention(MentionType.QUANTITY, "１．２％", "paragraph", 0, 2, 6, "t")
    late = Mention(MentionType.QUANTITY, "３倍", "paragraph", 0, 10, 12, "t")
    art = Article(id="a1", paragraphs=[para], mentions=[cut, whole, late])
    page = Page(lines=lines, articles=[art], enriched=True)
    raw = {ln.number: ln.raw for ln in page.lines}
    want = [mention_to_dict(raw, art, m) for m in art.mentions]
    # (mention_to_dict finds no line for the cut one: its １． folds to 1．, the source's to 1.)
    assert [m["span"]["lines"] for m in want] == [None, [1, 2], [3, 3]]
    assert article_mentions(raw, art) == want
