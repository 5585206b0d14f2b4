"""banmian export on a real archive of the bundled pages, every format read back and compared.

The archive holds the bundled pages (ingested as ``make demo`` does, on SQLite and on
PostgreSQL); each test exports it through the command line, parses the output with an
independent reader (json, csv, pyarrow, ElementTree, a Markdown split) and compares counts,
ids, titles and texts with what the archive holds.
"""

from __future__ import annotations

import csv
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
from banmian.export.nitf import check_nitf
from web_archive import bundled

Expected = dict[str, dict[str, Any]]
"""Every article's record, by id, as the archive holds it."""


@pytest.fixture(scope="module", params=BACKENDS)
def db(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    folder = tmp_path_factory.mktemp("export")
    pages = folder / "pages"
    bundled.stage(pages)
    with archive_location(request.param, folder) as where:
        result = CliRunner().invoke(cli, ["ingest", "--db", where, str(pages)])
        assert result.exit_code == 0 and "failed 0" in result.output, result.output
        yield where


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
                            "text": "\n\n".join(p.text for p in art.paragraphs),
                            "page": info.number,
                            "paper": info.paper,
                            "date": info.date,
                        }
    assert len(out) > 100
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
    assert table.schema.metadata[b"schema"] == b"banmian.export.article/1"
    rows = table.to_pylist()
    assert [r["id"] for r in rows] == list(expected)
    for row in rows:
        want = expected[row["id"]]
        assert (row["title"], row["text"], row["authors"]) == (
            want["title"],
            want["text"],
            want["authors"],
        )
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
        assert node["articleBody"] == want["text"]
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
