"""Entities in the archive: stored mentions, the EntityReader API, facets and ``banmian entities``.

One real archive per backend (SQLite, PostgreSQL): the bundled pages (``samples/``,
``tests/pages*``) ingested by ``banmian ingest``, which enriches them. What the API and the
command say is checked against the hand-made entity gold and against what the ``mentions``
table and the stored articles hold, counted here independently.
"""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from archive_backends import BACKENDS, archive_location
from banmian.archive import Archive, SearchQuery, open_archive
from banmian.archive.records import ENTITY_TYPES
from banmian.archive.rows import entity_key
from banmian.cli import cli
from banmian.errors import QuerySyntaxError
from web_archive import EVIL_DATE, EVIL_PAPER, EVIL_TEXT, REPO_ROOT, bundled

GOLD_DIRS = ("samples", "tests/pages")
"""Where the entity gold lies whose people enrichment finds all of (recall 1.0)."""
SAMPLE = ("无锡日报", "2022-12-10", 2)
QUERIES = ("法院", "无锡", "记者", "市委", "发展", "项目 OR 企业", "会议 -北京")
"""Searches whose facets are checked, some with many hits, some with few."""


def run(*args: str | Path) -> Result:
    """``banmian ARGS`` in-process."""
    return CliRunner().invoke(cli, [str(a) for a in args])


@pytest.fixture(scope="module", params=BACKENDS)
def db(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The bundled pages ingested (and so enriched) into a fresh archive: its path or URL."""
    folder = tmp_path_factory.mktemp("entities")
    pages = folder / "pages"
    bundled.stage(pages)
    (pages / f"{EVIL_PAPER}_{EVIL_DATE}_1.txt").write_text(EVIL_TEXT, encoding="utf-8")
    with archive_location(request.param, folder) as where:
        result = run("ingest", "--db", where, pages)
        assert result.exit_code == 0 and "failed 0" in result.output, result.output
        yield where


@pytest.fixture(scope="module")
def archive(db: str) -> Iterator[Archive]:
    """That archive, read-only."""
    with open_archive(db, readonly=True) as opened:
        yield opened


def gold_people() -> list[tuple[tuple[str, str, int], dict[str, Any]]]:
    """(paper, date, page) and each person of the hand-made entity gold of that page."""
    out = []
    for folder in GOLD_DIRS:
        for path in sorted((REPO_ROOT / folder).glob("*.entities.json")):
            entities = json.loads(path.read_text(encoding="utf-8"))
            gold = json.loads(
                path.with_name(path.name.replace(".entities.", ".gold.")).read_text("utf-8")
            )
            where = (gold["paper"], gold["date"], int(gold["page"]))
            out += [(where, person) for person in entities["people"]]
    return out


def article_entities(archive: Archive, paper: str, date: str, page: int, article: str) -> set[Any]:
    """(type, key) of every entity a stored article's mentions name."""
    stored = archive.article(paper, date, page, article)
    assert stored is not None
    return {(m.type.value, entity_key(m)) for m in stored.article.mentions if entity_key(m)}


def sql(db: str | Path, query: str, *params: Any) -> list[tuple[Any, ...]]:
    """Rows of a query (``?`` for values) on the archive, read apart from banmian."""
    if str(db).startswith("postgresql://"):
        import psycopg

        with psycopg.connect(str(db)) as conn:
            return [tuple(r) for r in conn.execute(query.replace("?", "%s"), params).fetchall()]
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
        return conn.execute(query, params).fetchall()


def most_named_first(rows: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    """(key, articles, …) rows in most articles first, then by key (code point order)."""
    return sorted(rows, key=lambda r: (-r[1], r[0]))


# The gold's people --------------------------------------------------------------------------


def test_every_gold_person_appears_on_their_page(archive: Archive) -> None:
    people = gold_people()
    assert len(people) > 100
    titles_right = 0
    for where, person in people:
        found = archive.appearances("person", person["name"], limit=None)
        here = [a for a in found if (a.paper, a.date, a.page) == where]
        assert here, (where, person["name"])
        info = archive.entity("person", person["name"])
        assert info is not None and info.articles == len(found) >= len(here)
        held = {a.title for a in here}
        titles_right += person["title"] in held
        if where == SAMPLE:  # title accuracy 1.0 on the sample page
            assert person["title"] in held, person
            if person["title"]:
                assert person["title"] in info.titles
            if person["spoke"]:
                assert any(a.spoke for a in here), person
    assert titles_right / len(people) >= 0.95


def test_a_person_appears_with_the_title_held_then(archive: Archive) -> None:
    (app,) = archive.appearances("person", "朱爱勋")
    assert (app.paper, app.date, app.page) == SAMPLE
    assert app.title == "市委副书记、政法委书记" and app.organization == "市委"
    assert app.role == "official" and app.spoke and app.attended
    assert app.article_title == "提升治理之效 筑牢平安之基"
    assert app.mentions == 3  # introduced with his titles, then 朱爱勋指出 and 朱爱勋强调
    reporter = archive.appearances("person", "祝雯隽")
    assert reporter and all(a.role == "reporter" for a in reporter)


def test_a_place_is_one_entity_under_its_full_name(archive: Archive) -> None:
    info = archive.entity("place", "江苏省无锡市锡山区")
    assert info is not None and info.articles >= 3
    assert {a.text for a in archive.appearances("place", info.key)} >= {"锡山区"}
    assert archive.entity("place", "锡山区") is None  # the key is the full name


# Listing entities ---------------------------------------------------------------------------


def test_entities_match_the_mentions_table(db: str, archive: Archive) -> None:
    for type_ in ENTITY_TYPES:
        expected = most_named_first(
            sql(
                db,
                """SELECT key, count(DISTINCT article_id), min(date), max(date) FROM mentions
                   WHERE type = ? AND key IS NOT NULL GROUP BY key""",
                type_,
            )
        )
        listed = archive.entities(type_, limit=None)
        assert [(e.key, e.articles, e.first_date, e.last_date) for e in listed] == expected
        assert expected, type_
        assert archive.entities(type_, limit=5, offset=3) == listed[3:8]


def test_prefix_and_filters_narrow_the_listing(db: str, archive: Archive) -> None:
    everyone = archive.entities("person", limit=None)
    zhu = archive.entities("person", prefix="朱", limit=None)
    assert zhu and {e.key for e in zhu} == {e.key for e in everyone if e.key.startswith("朱")}
    wuxi = archive.entities("person", paper="无锡日报", limit=None)
    expected = {
        r[0]
        for r in sql(
            db,
            """SELECT DISTINCT m.key FROM mentions m JOIN articles a ON a.id = m.article_id
               JOIN pages p ON p.id = a.page_id JOIN issues i ON i.id = p.issue_id
               JOIN papers n ON n.id = i.paper_id
               WHERE n.name = '无锡日报' AND m.type = 'person'""",
        )
    }
    assert {e.key for e in wuxi} == expected and "朱爱勋" in expected
    dated = archive.entities("place", date_from="2023-01-01", date_to="2023-12-31", limit=None)
    assert dated and all("2023-01-01" <= e.first_date <= e.last_date <= "2023-12-31" for e in dated)


def test_people_carry_their_distinct_titles(db: str, archive: Archive) -> None:
    for info in archive.entities("person", limit=None):
        rows = sql(
            db,
            """SELECT DISTINCT title FROM mentions
               WHERE type = 'person' AND key = ? AND title IS NOT NULL""",
            info.key,
        )
        assert sorted(info.titles) == sorted(r[0] for r in rows), info.key


def test_appearances_are_latest_first(archive: Archive) -> None:
    busiest = archive.entities("place", limit=1)[0]
    found = archive.appearances("place", busiest.key, limit=None)
    assert len(found) == busiest.articles > 1
    assert [a.date for a in found] == sorted((a.date for a in found), reverse=True)
    assert archive.appearances("place", busiest.key, limit=2, offset=1) == found[1:3]


def test_unknown_types_are_refused(archive: Archive) -> None:
    with pytest.raises(QuerySyntaxError, match="unknown entity type"):
        archive.entities("money")
    with pytest.raises(QuerySyntaxError, match="unknown entity type"):
        archive.search(SearchQuery("法院", entity=("date", "2022-12-07")))


# Facets and the entity filter ---------------------------------------------------------------


def hits_naming(archive: Archive, query: SearchQuery) -> tuple[int, Counter[tuple[str, str]]]:
    """The total of a search and, counted over all its hits, the entities they name."""
    result = archive.search(SearchQuery(query.text, limit=1000))
    assert result.total == len(result.hits)
    counts: Counter[tuple[str, str]] = Counter()
    for hit in result.hits:
        counts.update(article_entities(archive, hit.paper, hit.date, hit.page, hit.article_id))
    return result.total, counts


@pytest.mark.parametrize("text", QUERIES)
def test_facets_count_the_hits_naming_each_entity(archive: Archive, text: str) -> None:
    total, counts = hits_naming(archive, SearchQuery(text))
    facets = archive.facets(SearchQuery(text), limit=5)
    assert (facets.total, facets.counted) == (total, total)
    assert facets.facets
    for type_ in ENTITY_TYPES:
        shown = [f for f in facets.facets if f.type == type_]
        assert len(shown) == min(5, sum(1 for t, _ in counts if t == type_))
        for f in shown:
            assert f.count == counts[type_, f.key], f
        # The most frequent ones: none left out is named by more hits.
        if shown:
            left_out = [
                n for (t, k), n in counts.items() if t == type_ and k not in {f.key for f in shown}
            ]
            assert all(n <= shown[-1].count for n in left_out)


@pytest.mark.parametrize("text", QUERIES[:4])
def test_a_search_narrowed_to_an_entity_finds_the_hits_naming_it(
    archive: Archive, text: str
) -> None:
    _, counts = hits_naming(archive, SearchQuery(text))
    for f in archive.facets(SearchQuery(text), limit=3).facets:
        narrowed = archive.search(SearchQuery(text, entity=(f.type, f.key), limit=1000))
        assert narrowed.total == f.count == counts[f.type, f.key]
        for hit in narrowed.hits:
            named = article_entities(archive, hit.paper, hit.date, hit.page, hit.article_id)
            assert (f.type, f.key) in named
    assert archive.search(SearchQuery(text, entity=("person", "没有这人"))).total == 0


def test_facets_beyond_the_window_count_the_newest_hits(
    db: str, archive: Archive, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("banmian.archive.store.FACET_WINDOW", 5)
    facets = archive.facets(SearchQuery("发展"), limit=50)
    assert facets.total > 5 and facets.counted == 5
    hits = archive.search(SearchQuery("发展", limit=1000)).hits
    ids = {
        (r[0], r[1], r[2], r[3]): r[4]
        for r in sql(
            db,
            """SELECT n.name, i.date, p.number, a.key, a.id FROM articles a
               JOIN pages p ON p.id = a.page_id JOIN issues i ON i.id = p.issue_id
               JOIN papers n ON n.id = i.paper_id""",
        )
    }
    newest = sorted(hits, key=lambda h: ids[h.paper, h.date, h.page, h.article_id])[-5:]
    counts: Counter[tuple[str, str]] = Counter()
    for hit in newest:
        counts.update(article_entities(archive, hit.paper, hit.date, hit.page, hit.article_id))
    assert {(f.type, f.key): f.count for f in facets.facets} == dict(counts)


@pytest.mark.parametrize("text", QUERIES[:3])
def test_a_search_counts_the_same_facets_when_asked(archive: Archive, text: str) -> None:
    assert archive.search(SearchQuery(text)).facets is None
    found = archive.search(SearchQuery(text, facets=4))
    assert found.facets == archive.facets(SearchQuery(text, facets=4), limit=4)
    assert found.facets is not None and found.facets.total == found.total


def test_facets_of_nothing(archive: Archive) -> None:
    facets = archive.facets(SearchQuery("没有这样的词语吧"))
    assert (facets.total, facets.counted, facets.facets) == (0, 0, [])
    with pytest.raises(QuerySyntaxError):
        archive.facets(SearchQuery('"法院'))


# banmian entities -------------------------------------------------------------------------


def csv_rows(text: str) -> list[dict[str, str]]:
    """A CSV output read back."""
    return list(csv.DictReader(io.StringIO(text)))


def test_entities_csv_matches_the_mentions_table(db: str) -> None:
    result = run("entities", "--db", db, "--type", "person", "--format", "csv")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0] == "type,key,articles,first_date,last_date,titles"
    rows = csv_rows(result.output)
    expected = most_named_first(
        sql(
            db,
            """SELECT key, count(DISTINCT article_id), min(date), max(date) FROM mentions
               WHERE type = 'person' AND key IS NOT NULL GROUP BY key""",
        )
    )
    assert [(r["key"], int(r["articles"]), r["first_date"], r["last_date"]) for r in rows] == [
        tuple(e) for e in expected
    ]
    assert all(r["type"] == "person" for r in rows)
    zhu = next(r for r in rows if r["key"] == "朱爱勋")
    assert zhu["titles"] == "市委副书记、政法委书记"


def test_entities_of_every_type_by_default(db: str) -> None:
    rows = csv_rows(run("entities", "--db", db, "-f", "csv", "--limit", "3").output)
    assert [r["type"] for r in rows] == ["person"] * 3 + ["organization"] * 3 + ["place"] * 3
    data = json.loads(run("entities", "--db", db, "-f", "json", "--type", "place").output)
    assert data[0].keys() == {"type", "key", "articles", "first_date", "last_date", "titles"}
    assert (
        sum(e["articles"] for e in data)
        == sql(
            db,
            """SELECT count(*) FROM
               (SELECT DISTINCT key, article_id FROM mentions WHERE type = 'place') AS k""",
        )[0][0]
    )
    text = run("entities", "--db", db, "--type", "person", "--limit", "2").output
    assert len(text.splitlines()) == 2 and "articles" in text


def test_entities_by_name_lists_every_appearance(db: str) -> None:
    result = run("entities", "--db", db, "--name", "朱爱勋", "--format", "csv")
    assert result.exit_code == 0, result.output
    (row,) = csv_rows(result.output)
    assert row["type"] == "person" and row["key"] == "朱爱勋"
    assert (row["paper"], row["date"], row["page"]) == ("无锡日报", "2022-12-10", "2")
    assert row["title"] == "市委副书记、政法委书记"
    assert (row["spoke"], row["attended"], row["mentions"]) == ("true", "true", "3")
    data = json.loads(run("entities", "--db", db, "--name", "朱爱勋", "-f", "json").output)
    assert data[0]["spoke"] is True and data[0]["article_id"] == row["article_id"]
    text = run("entities", "--db", db, "--name", "朱爱勋").output
    assert "2022-12-10 无锡日报 p2" in text and "[市委副书记、政法委书记]" in text


def test_entities_by_name_rows_match_the_articles_naming_it(db: str) -> None:
    busiest = csv_rows(run("entities", "--db", db, "--type", "place", "-f", "csv").output)[0]
    result = run("entities", "--db", db, "--type", "place", "--name", busiest["key"], "-f", "csv")
    rows = csv_rows(result.output)
    expected = sql(
        db,
        """SELECT n.name, i.date, p.number, a.key FROM articles a JOIN pages p ON p.id = a.page_id
           JOIN issues i ON i.id = p.issue_id JOIN papers n ON n.id = i.paper_id
           WHERE a.id IN (SELECT article_id FROM mentions WHERE type = 'place' AND key = ?)""",
        busiest["key"],
    )
    assert sorted((r["paper"], r["date"], int(r["page"]), r["article_id"]) for r in rows) == sorted(
        expected
    )
    assert len(rows) == int(busiest["articles"])
    assert [r["date"] for r in rows] == sorted((r["date"] for r in rows), reverse=True)


def test_a_place_by_the_end_of_its_name(db: str) -> None:
    rows = csv_rows(run("entities", "--db", db, "--name", "锡山区", "-f", "csv").output)
    assert rows and {r["key"] for r in rows} == {"江苏省无锡市锡山区"}
    assert {r["text"] for r in rows} == {"锡山区"}


def test_entities_filters(db: str) -> None:
    rows = csv_rows(
        run(
            "entities",
            "--db",
            db,
            "--type",
            "person",
            "--paper",
            "无锡日报",
            "--from",
            "2022-12-10",
            "--to",
            "2022-12-10",
            "-f",
            "csv",
        ).output
    )
    assert rows and all(r["first_date"] == r["last_date"] == "2022-12-10" for r in rows)
    assert not csv_rows(run("entities", "--db", db, "--paper", "没有", "-f", "csv").output)
    nobody = run("entities", "--db", db, "--name", "没有这人", "-f", "csv")
    assert nobody.exit_code == 0 and nobody.output.count("\n") == 1  # the header alone
    assert run("entities", "--db", db, "--name", "没有这人", "-f", "json").output.strip() == "[]"


def test_entities_errors_are_one_line(tmp_path: Path, db: str) -> None:
    missing = run("entities", "--db", tmp_path / "none.db")
    assert missing.exit_code == 1
    assert missing.stderr.startswith("banmian: error: ") and missing.stderr.count("\n") == 1
    assert "banmian ingest" in missing.stderr
    assert not (tmp_path / "none.db").exists()
    bad = run("entities", "--db", db, "--type", "money")
    assert bad.exit_code == 2
    bad_date = run("entities", "--db", db, "--from", "2022-13-01")
    assert bad_date.exit_code == 2


# Ingest and upgrade -------------------------------------------------------------------------


def test_ingest_without_then_with_enrichment(tmp_path: Path, sample_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "无锡日报_2022-12-10_2.txt").write_bytes(sample_path.read_bytes())
    db = tmp_path / "a.db"
    plain = run("ingest", "--db", db, "--no-enrich", folder)
    assert plain.output.strip() == "ingested 1, unchanged 0, replaced 0, failed 0"
    assert sql(db, "SELECT count(*), (SELECT enriched FROM pages) FROM mentions") == [(0, 0)]
    rich = run("ingest", "--db", db, folder)
    assert rich.output.strip() == "ingested 0, unchanged 0, replaced 0, failed 0, enriched 1"
    count = sql(db, "SELECT count(*) FROM mentions")[0][0]
    assert count > 100
    again = run("ingest", "--db", db, "--no-enrich", folder)
    assert again.output.strip() == "ingested 0, unchanged 1, replaced 0, failed 0"
    assert sql(db, "SELECT count(*) FROM mentions")[0][0] == count
    entities = csv_rows(run("entities", "--db", db, "--type", "person", "-f", "csv").output)
    assert "朱爱勋" in {r["key"] for r in entities}


def test_an_archive_from_before_mentions_is_upgraded(tmp_path: Path, sample_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "无锡日报_2022-12-10_2.txt").write_bytes(sample_path.read_bytes())
    db = tmp_path / "old.db"
    assert run("ingest", "--db", db, "--no-enrich", folder).exit_code == 0
    with sqlite3.connect(db) as conn:  # as migration 0003 left it
        conn.execute("DROP TABLE article_entities")
        conn.execute("DROP TABLE entities")
        conn.execute("DROP TABLE mentions")
        conn.execute("ALTER TABLE pages DROP COLUMN enriched")
        conn.execute("DELETE FROM migrations WHERE name = '0004_mentions'")
    old = run("entities", "--db", db)
    assert old.exit_code == 1 and "older banmian" in old.stderr
    upgraded = run("ingest", "--db", db, folder)
    assert upgraded.output.strip().endswith("enriched 1")
    with open_archive(db, readonly=True) as archive:
        assert archive.entity("person", "朱爱勋") is not None
        assert archive.search(SearchQuery("法院", entity=("person", "朱爱勋"))).total == 1
