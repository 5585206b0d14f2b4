"""Ingest links continuations across the pages of an issue (``article_links``), on SQLite and
PostgreSQL: the stored links against the gold of generated issues (``banmian.issuegen``) and
against ``banmian parse --issue``; pages in any order and in several runs; re-ingest; a
changed page; unanswered markers; the story of a continued article; the migration that
adds the links to an older archive."""

from __future__ import annotations

import json
import random
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from archive_backends import BACKENDS, archive_location
from banmian.archive import Archive, SearchQuery, open_archive
from banmian.archive.ingest import ingest
from banmian.archive.links import story_refs
from banmian.archive.postgres import relink_issue as postgres_relink
from banmian.archive.records import StoredLink
from banmian.archive.sqlite import SQLiteBackend
from banmian.archive.sqlite import relink_issue as sqlite_relink
from banmian.cli import cli
from banmian.evaluate.links import gold_pages, parse_issue_pages
from banmian.issue import link_issue
from banmian.issuegen import SynthIssue, generate_issue, issue_seeds
from banmian.model import Article, Field, Page, Paragraph, ParagraphType, Span

PAGES = Path(__file__).parent / "pages"

ISSUES = 8
"""Generated issues ingested per backend."""

LinkKey = tuple[int, str, int, str]


@pytest.fixture(scope="module")
def issues() -> list[SynthIssue]:
    return [generate_issue(s) for s in issue_seeds(ISSUES, seed=5)]


@pytest.fixture(params=BACKENDS)
def where(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh archive's location (a file path or a PostgreSQL URL)."""
    with archive_location(request.param, tmp_path) as location:
        yield location


@pytest.fixture
def archive(where: str) -> Iterator[Archive]:
    with open_archive(where) as opened:
        yield opened


def keys(links: list[StoredLink]) -> list[LinkKey]:
    return [(k.from_page, k.from_article, k.to_page, k.to_article) for k in links]


def gold_keys(synth: SynthIssue) -> set[LinkKey]:
    return {
        (g["from"]["page"], g["from"]["article"], g["to"]["page"], g["to"]["article"])
        for g in synth.links
    }


def write_issue(synth: SynthIssue, folder: Path) -> list[str]:
    return [str(p) for p in synth.write(folder)]


def stored_state(archive: Archive, synth: SynthIssue) -> tuple[list[Any], list[Any]]:
    """The issue's links and warnings as stored, every field."""
    return (
        archive.issue_links(synth.paper, synth.date),
        archive.issue_warnings(synth.paper, synth.date),
    )


def raw_link_rows(archive: Archive) -> list[tuple[Any, ...]]:
    """Every ``article_links`` and ``issue_warnings`` row, ids included."""
    conn = archive.backend._conn()  # type: ignore[attr-defined]
    rows = conn.execute("SELECT * FROM article_links ORDER BY issue_id, seq").fetchall()
    rows += conn.execute("SELECT * FROM issue_warnings ORDER BY issue_id, seq").fetchall()
    return [tuple(r) for r in rows]


def assert_relinking_changes_nothing(archive: Archive) -> None:
    """Linking every issue again from scratch gives the rows held: skipping the pages that
    cannot change the links (``links_touched``) lost nothing."""
    before = raw_link_rows(archive)
    backend = archive.backend
    relink = sqlite_relink if isinstance(backend, SQLiteBackend) else postgres_relink
    conn = backend._conn()  # type: ignore[attr-defined]
    for (issue_id,) in conn.execute("SELECT id FROM issues").fetchall():
        relink(conn, issue_id)
    assert raw_link_rows(archive) == before


# Against the gold and the linker ---------------------------------------------------------


def test_gold_pages_store_the_gold_links(archive: Archive, issues: list[SynthIssue]) -> None:
    """Pages as a perfect parser gives them: the stored links are the gold links, and every
    jump to a page missing from the issue is a stored warning."""
    for synth in issues:
        for page, printed in zip(gold_pages(synth), synth.pages, strict=True):
            archive.store_page(page, raw_text=printed.text, source=synth.file_name(printed))
        links, warnings = stored_state(archive, synth)
        assert set(keys(links)) == gold_keys(synth), synth.seed
        assert len(links) == len(gold_keys(synth))
        missing = {(w.page, w.article) for w in warnings if w.code == "continuation-page-missing"}
        assert missing == {(d["page"], d["article"]) for d in synth.dangling}, synth.seed
    assert sum(len(s.links) for s in issues) >= 2 * ISSUES
    assert_relinking_changes_nothing(archive)


def test_ingest_stores_what_parse_issue_links(
    archive: Archive, issues: list[SynthIssue], tmp_path: Path
) -> None:
    """Parsed from their text, the issue's pages link in the archive as ``link_issue`` links
    them (``banmian parse --issue``), basis, score and warnings included; where the parser
    gets the pages right, those are the gold links."""
    exact = 0
    for synth in issues:
        paths = write_issue(synth, tmp_path / str(synth.seed))
        outcomes = list(ingest(archive, paths, enrich=False))
        assert {o.status for o in outcomes} == {"ingested"}
        linked = link_issue(parse_issue_pages(synth))
        links, warnings = stored_state(archive, synth)
        assert [
            (k.from_page, k.from_article, k.to_page, k.to_article, k.basis, k.title_score)
            for k in links
        ] == [
            (
                *(x.source.page, x.source.article, x.target.page, x.target.article),
                *(x.basis.value, pytest.approx(x.title_score)),
            )
            for x in linked.links
        ]
        assert [(w.code, w.message, w.page, w.article) for w in warnings] == [
            (w.code, w.message, w.ref.page if w.ref else None, w.ref.article if w.ref else None)
            for w in linked.warnings
        ]
        exact += set(keys(links)) == gold_keys(synth)
    assert exact >= 1  # some issues the parser reads right store exactly the gold links


def test_pages_one_by_one_in_any_order_link_as_all_at_once(
    where: str, issues: list[SynthIssue], tmp_path: Path
) -> None:
    """Each page in a run of its own, in shuffled order, with the other issues' pages in
    between: the same links and warnings as one run over the folders."""
    folders = [write_issue(s, tmp_path / str(s.seed)) for s in issues[:4]]
    with open_archive(where) as archive:
        for paths in folders:
            list(ingest(archive, paths, enrich=False))
        at_once = [stored_state(archive, s) for s in issues[:4]]
        conn = archive.backend._conn()  # type: ignore[attr-defined]
        for table in ("article_links", "issue_warnings"):
            conn.execute(f"DELETE FROM {table}")
        conn.execute("DELETE FROM pages")  # articles and the rest cascade
    singles = [p for paths in folders for p in paths]
    random.Random(7).shuffle(singles)
    for path in singles:
        with open_archive(where) as archive:
            assert [o.status for o in ingest(archive, [path], enrich=False)] == ["ingested"]
    with open_archive(where) as archive:
        assert [stored_state(archive, s) for s in issues[:4]] == at_once
        assert_relinking_changes_nothing(archive)


def test_reingest_is_idempotent(archive: Archive, issues: list[SynthIssue], tmp_path: Path) -> None:
    paths = [p for s in issues[:3] for p in write_issue(s, tmp_path / str(s.seed))]
    list(ingest(archive, paths, enrich=False))
    before = raw_link_rows(archive)
    assert before
    again = list(ingest(archive, list(reversed(paths)), enrich=False))
    assert {o.status for o in again} == {"unchanged"}
    assert raw_link_rows(archive) == before


def _linked_issue(issues: list[SynthIssue]) -> tuple[SynthIssue, LinkKey]:
    """An issue whose parsed pages link a gold link, and that link."""
    for synth in issues:
        linked = link_issue(parse_issue_pages(synth))
        for x in linked.links:
            key = (x.source.page, x.source.article, x.target.page, x.target.article)
            if key in gold_keys(synth):
                return synth, key
    raise AssertionError("no generated issue links a gold link")


def test_a_changed_page_updates_the_links(
    archive: Archive, issues: list[SynthIssue], tmp_path: Path
) -> None:
    """The page a jump lands on loses its 上接 marker: the link goes and the jump is warned
    about; the page back as it was: the link is back, the rows as before."""
    synth, (src_page, src_article, dst_page, _) = _linked_issue(issues)
    paths = write_issue(synth, tmp_path / "issue")
    list(ingest(archive, paths, enrich=False))
    before = stored_state(archive, synth)
    assert (src_page, src_article) in {(k.from_page, k.from_article) for k in before[0]}
    target = next(p for p in paths if p.endswith(f"_{dst_page:02d}.txt"))
    original = Path(target).read_text(encoding="utf-8")
    changed = "\n".join(ln for ln in original.split("\n") if "上接" not in ln) + "\n"
    assert changed != original
    Path(target).write_text(changed, encoding="utf-8")
    assert [o.status for o in ingest(archive, [target], enrich=False)] == ["replaced"]
    links, warnings = stored_state(archive, synth)
    assert (src_page, src_article) not in {(k.from_page, k.from_article) for k in links}
    assert all(k.to_page != dst_page for k in links)
    assert (src_page, src_article) in {(w.page, w.article) for w in warnings}
    Path(target).write_text(original, encoding="utf-8")
    assert [o.status for o in ingest(archive, [target], enrich=False)] == ["replaced"]
    assert stored_state(archive, synth) == before


# Unanswered markers, by hand-made pages --------------------------------------------------

HERE = [Span(1, 0, 1)]


def _article(
    key: str,
    title: str,
    *,
    cont_from: int | None = None,
    cont_to: int | None = None,
    text: str = "正文。",
) -> Article:
    return Article(
        id=key,
        title=Field(title, HERE, "test"),
        continued_from=cont_from,
        continues_to=cont_to,
        paragraphs=[Paragraph(ParagraphType.TEXT, text, HERE, "test")],
    )


def _store(archive: Archive, number: int, *articles: Article) -> str:
    page = Page(lines=[], paper="测试日报", date="2024-03-01", page=number, articles=list(articles))
    raw = "\n".join(f"{a.id} {a.title.text if a.title else ''}" for a in articles) + "\n"
    return archive.store_page(page, raw_text=raw, source=f"p{number}.txt")


def test_unmatched_markers_warn_and_link_nothing(archive: Archive) -> None:
    _store(
        archive, 1, _article("a1", "城市更新行动全面提速", cont_to=2), _article("a2", "别的新闻")
    )
    links, warnings = archive.issue_links("测试日报", "2024-03-01"), []
    warnings = archive.issue_warnings("测试日报", "2024-03-01")
    assert links == []
    assert [(w.code, w.page, w.article) for w in warnings] == [
        ("continuation-page-missing", 1, "a1")
    ]
    # Page 2 arrives without a part answering: the jump is unmatched, still no link.
    _store(archive, 2, _article("a1", "另一篇文章"))
    assert archive.issue_links("测试日报", "2024-03-01") == []
    warnings = archive.issue_warnings("测试日报", "2024-03-01")
    assert [(w.code, w.page, w.article) for w in warnings] == [("unmatched-continuation", 1, "a1")]
    # Page 2 replaced by one whose second article picks the story up: linked by its title.
    _store(
        archive,
        2,
        _article("a1", "另一篇文章"),
        _article("a2", "城市更新行动全面提速", cont_from=1, text="续文。"),
    )
    links = archive.issue_links("测试日报", "2024-03-01")
    assert keys(links) == [(1, "a1", 2, "a2")]
    assert links[0].basis == "title" and links[0].title_score == 1.0
    assert links[0].title == "城市更新行动全面提速"
    assert archive.issue_warnings("测试日报", "2024-03-01") == []
    # Page 2 again without the part: the link goes. A page no marker names changes nothing.
    _store(archive, 2, _article("a1", "另一篇文章"), _article("a2", "没有标记的文章"))
    assert archive.issue_links("测试日报", "2024-03-01") == []
    unmatched = archive.issue_warnings("测试日报", "2024-03-01")
    assert [(w.code, w.page, w.article) for w in unmatched] == [("unmatched-continuation", 1, "a1")]
    _store(archive, 7, _article("a1", "第七版的文章"))
    assert archive.issue_warnings("测试日报", "2024-03-01") == unmatched
    assert_relinking_changes_nothing(archive)


def test_two_candidates_with_no_title_to_tell_are_ambiguous(archive: Archive) -> None:
    _store(archive, 1, _article("a1", "甲", cont_to=3))
    _store(archive, 3, _article("a1", "乙", cont_from=1), _article("a2", "丙", cont_from=1))
    assert archive.issue_links("测试日报", "2024-03-01") == []
    codes = [(w.code, w.page) for w in archive.issue_warnings("测试日报", "2024-03-01")]
    assert codes == [
        ("ambiguous-continuation", 1),
        ("ambiguous-continuation", 3),
        ("ambiguous-continuation", 3),
    ]


# Reading the whole story ------------------------------------------------------------------


def test_story_follows_a_chain_from_any_part(archive: Archive) -> None:
    _store(archive, 1, _article("a1", "三版连载的长文", cont_to=3, text="第一部分包含关键词甲。"))
    _store(archive, 3, _article("a1", "三版连载的长文", cont_from=1, cont_to=5, text="第二部分。"))
    _store(
        archive, 5, _article("a1", "小新闻"), _article("a2", "长文", cont_from=3, text="结尾乙。")
    )
    assert keys(archive.issue_links("测试日报", "2024-03-01")) == [
        (1, "a1", 3, "a1"),
        (3, "a1", 5, "a2"),
    ]
    for number, key in ((1, "a1"), (3, "a1"), (5, "a2")):
        story = archive.story("测试日报", "2024-03-01", number, key)
        assert story is not None
        assert story.pages == [1, 3, 5]
        assert [p.article.id for p in story.parts] == ["a1", "a1", "a2"]
        assert [p.article.paragraphs[0].text for p in story.parts] == [
            "第一部分包含关键词甲。",
            "第二部分。",
            "结尾乙。",
        ]
        assert len(story.links) == 2
    alone = archive.story("测试日报", "2024-03-01", 5, "a1")
    assert alone is not None and alone.pages == [5] and alone.links == []
    assert archive.story("测试日报", "2024-03-01", 5, "a9") is None
    # A search finds the last part on its own page, with the whole story to read.
    hits = archive.search(SearchQuery("结尾乙")).hits
    assert [(h.page, h.article_id, h.story) for h in hits] == [
        (5, "a2", ((1, "a1"), (3, "a1"), (5, "a2")))
    ]
    assert [h.story for h in archive.search(SearchQuery("小新闻")).hits] == [()]


def test_story_refs_cut_a_loop() -> None:
    loop = [((1, "a1"), (2, "a1")), ((2, "a1"), (1, "a1"))]
    assert story_refs(loop, (2, "a1")) == [(1, "a1"), (2, "a1")]
    assert story_refs([], (4, "a2")) == [(4, "a2")]


def test_cli_ingest_of_an_issue_folder_then_search_shows_the_story(
    where: str, tmp_path: Path
) -> None:
    """The real pair of the test corpus (浙江日报 p1 → p3) through ``banmian ingest`` and
    ``banmian search``: a hit on the rest of the story names all its parts."""
    folder = tmp_path / "issue"
    folder.mkdir()
    shutil.copy(PAGES / "p08_zhejiang_1ban.txt", folder / "浙江日报_2024-01-15_01.txt")
    shutil.copy(PAGES / "p10_zhejiang_3ban.txt", folder / "浙江日报_2024-01-15_03.txt")
    ingested = CliRunner().invoke(cli, ["ingest", "--db", where, "--no-enrich", str(folder)])
    assert ingested.stdout.strip() == "ingested 2, unchanged 0, replaced 0, failed 0"
    with open_archive(where, readonly=True) as archive:
        (link,) = archive.issue_links("浙江日报", "2024-01-15")
        warnings = archive.issue_warnings("浙江日报", "2024-01-15")
        rest = archive.article("浙江日报", "2024-01-15", 3, link.to_article)
    assert (link.from_page, link.to_page, link.basis) == (1, 3, "title")
    assert [(w.code, w.page, w.article) for w in warnings] == [
        ("continuation-page-missing", 1, "a2")
    ]
    assert rest is not None
    words = f'"{rest.article.paragraphs[-1].text[:8]}"'
    found = CliRunner().invoke(cli, ["search", "--db", where, "-f", "json", words])
    hit = next(h for h in json.loads(found.stdout)["hits"] if h["page"] == 3)
    assert hit["story"] == [
        {"page": 1, "article": link.from_article},
        {"page": 3, "article": link.to_article},
    ]
    text = CliRunner().invoke(cli, ["search", "--db", where, words]).stdout
    assert f"whole story: p1 {link.from_article} → p3 {link.to_article}" in text


# Upgrading --------------------------------------------------------------------------------


def test_an_archive_from_before_links_is_linked_on_upgrade(
    where: str, issues: list[SynthIssue], tmp_path: Path
) -> None:
    synth = issues[0]
    paths = write_issue(synth, tmp_path / "issue")
    with open_archive(where) as archive:
        list(ingest(archive, paths, enrich=False))
        expected = stored_state(archive, synth)
        assert expected[0]
        conn = archive.backend._conn()  # type: ignore[attr-defined]
        conn.execute("DROP TABLE article_links")
        conn.execute("DROP TABLE issue_warnings")
        conn.execute("DELETE FROM migrations WHERE name = '0005_article_links'")
    with pytest.raises(Exception, match="older banmian"):
        open_archive(where, readonly=True)
    with open_archive(where) as archive:  # opened for writing: migrated, links filled
        assert stored_state(archive, synth) == expected
