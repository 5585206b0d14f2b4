"""Chinese full-text search against a plain substring scan, on real SQLite archives.

The expected articles of every query are computed here, at test time, by scanning the
articles' texts for the query's characters (``reference_match``); nothing is hard-coded.
The scan follows the documented rules of the search: case and width folded, Latin words
and numbers matched whole, whitespace significant only between two characters that are
neither letters nor digits of a spaced script.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from archive_backends import BACKENDS, archive_location
from banmian import parse_text
from banmian.archive import Archive, SearchQuery, open_archive
from banmian.archive.rows import search_columns
from banmian.model import Article
from banmian.read import decode
from banmian.synth import generate_pages

REPO_ROOT = Path(__file__).resolve().parents[1]
SAMPLE = REPO_ROOT / "samples" / "000_288ad13e0e775b4e.txt"

Key = tuple[str, str, int, str]
"""An article: paper, date, page, id."""


# The reference: a substring scan ---------------------------------------------------------


def _fold_char(ch: str) -> str:
    code = ord(ch)
    if 0xFF01 <= code <= 0xFF5E:
        ch = chr(code - 0xFEE0)
    elif code == 0x3000:
        ch = " "
    lower = ch.lower()
    return lower if len(lower) == 1 else ch


def _is_word(ch: str) -> bool:
    return ch.isalnum() and ord(ch) < 0x2E80


def normalize(text: str) -> str:
    """Folded, whitespace runs made one space, spaces between a word and a symbol dropped."""
    folded = re.sub(r"\s+", " ", "".join(_fold_char(c) for c in text)).strip()
    out = []
    for i, ch in enumerate(folded):
        if ch == " ":
            before, after = folded[i - 1], folded[i + 1]
            if _is_word(before) != _is_word(after):
                continue
        out.append(ch)
    return "".join(out)


def reference_match(term: str, columns: list[str]) -> bool:
    """Whether the term's characters stand together in one of the (normalized) columns."""
    q = normalize(term)
    for text in columns:
        start = text.find(q)
        while start >= 0:
            end = start + len(q)
            left_ok = not (_is_word(q[0]) and start > 0 and _is_word(text[start - 1]))
            right_ok = not (_is_word(q[-1]) and end < len(text) and _is_word(text[end]))
            if left_ok and right_ok:
                return True
            start = text.find(q, start + 1)
    return False


def normalized_columns(article: Article) -> list[str]:
    return [normalize("\n".join(texts)) for texts in search_columns(article)]


# Archives ---------------------------------------------------------------------------------


def corpus_pages() -> Iterator[tuple[str, str]]:
    """(name, text) of every bundled page, then 40 generated ones."""
    paths = [SAMPLE, *sorted(REPO_ROOT.glob("tests/pages*/*.txt"))]
    for path in paths:
        yield path.name, decode(path.read_bytes())
    for i, (text, _gold) in enumerate(generate_pages(40, seed=11)):
        yield f"synth-{i}.txt", text


class Corpus:
    """An archive of the corpus, and every article's normalized columns."""

    def __init__(self, archive: Archive) -> None:
        self.archive = archive
        self.columns: dict[Key, list[str]] = {}
        self.raw: dict[Key, list[list[str]]] = {}
        for number, (name, text) in enumerate(corpus_pages(), start=1):
            paper = "样本日报" if number % 2 else "测试晚报"
            date = f"2023-0{1 + number % 3}-1{number % 10}"
            page = parse_text(text, paper=paper, date=date, page=number)
            archive.store_page(page, raw_text=text, source=name)
            for art in page.articles:
                key = (paper, date, number, art.id)
                self.columns[key] = normalized_columns(art)
                self.raw[key] = [list(t) for t in search_columns(art)]

    def expected(self, term: str, where: Callable[[Key], bool] = lambda k: True) -> set[Key]:
        return {k for k, cols in self.columns.items() if where(k) and reference_match(term, cols)}

    def found(self, query: str, **filters: object) -> set[Key]:
        """Every article a search returns, paging through all of them."""
        keys: list[Key] = []
        total = None
        while True:
            result = self.archive.search(
                SearchQuery(query, limit=200, offset=len(keys), **filters)  # type: ignore[arg-type]
            )
            total = result.total if total is None else total
            assert result.total == total
            keys += [(h.paper, h.date, h.page, h.article_id) for h in result.hits]
            if not result.hits:
                break
        assert len(keys) == len(set(keys)) == total, query
        return set(keys)


@pytest.fixture(scope="module", params=BACKENDS)
def corpus(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Corpus]:
    folder = tmp_path_factory.mktemp("search")
    with archive_location(request.param, folder) as where, open_archive(where) as archive:
        yield Corpus(archive)


@pytest.fixture(scope="module", params=BACKENDS)
def sample_archive(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[Archive, dict]]:
    folder = tmp_path_factory.mktemp("sample")
    text = decode(SAMPLE.read_bytes())
    page = parse_text(text, paper="无锡日报", date="2022-12-10", page=2)
    with archive_location(request.param, folder) as where, open_archive(where) as archive:
        archive.store_page(page, raw_text=text, source=SAMPLE.name)
        yield archive, {a.id: a for a in page.articles}


# The sample page ------------------------------------------------------------------------


@pytest.mark.parametrize("word", ["法院", "无锡", "法", "锡", "招商", "市政协", "习近平", "12月"])
def test_short_words_find_exactly_the_sample_articles_holding_them(
    sample_archive: tuple[Archive, dict], word: str
) -> None:
    archive, articles = sample_archive
    holding = {
        art_id
        for art_id, art in articles.items()
        if any(word in text for texts in search_columns(art) for text in texts)
    }
    assert holding, f"{word} should be on the sample page"
    result = archive.search(SearchQuery(word, limit=100))
    assert {h.article_id for h in result.hits} == holding
    assert result.total == len(holding)


def test_a_word_not_on_the_page_finds_nothing(sample_archive: tuple[Archive, dict]) -> None:
    archive, _ = sample_archive
    assert archive.search(SearchQuery("量子计算机")).total == 0
    assert archive.search(SearchQuery("法庭")).total == 0


# Recall and precision over the corpus ----------------------------------------------------


def sampled_substrings(corpus: Corpus, rng: random.Random, n: int, lengths: range) -> list[str]:
    keys = sorted(corpus.raw)
    out: set[str] = set()
    while len(out) < n:
        columns = [t for t in corpus.raw[rng.choice(keys)] if t]
        texts = rng.choice(columns)
        text = rng.choice(texts)
        size = rng.choice(lengths)
        if len(text) < size:
            continue
        start = rng.randrange(len(text) - size + 1)
        piece = text[start : start + size].strip()
        if piece and '"' not in piece:
            out.add(piece)
    return sorted(out)


def as_query(term: str) -> str:
    return f'"{term}"'


def measure(corpus: Corpus, queries: list[tuple[str, set[Key]]]) -> tuple[float, float]:
    """Micro-averaged recall and precision of the search against the expected sets."""
    expected_n = found_n = right = 0
    wrong: list[str] = []
    for query, expected in queries:
        found = corpus.found(query)
        expected_n += len(expected)
        found_n += len(found)
        right += len(found & expected)
        if found != expected:
            wrong.append(
                f"{query!r}: missed {len(expected - found)}, extra {len(found - expected)}"
            )
    assert not wrong, "\n".join(wrong[:20])
    recall = right / expected_n if expected_n else 1.0
    precision = right / found_n if found_n else 1.0
    return recall, precision


def test_substrings_of_one_to_three_characters(corpus: Corpus) -> None:
    rng = random.Random(3)
    terms = sampled_substrings(corpus, rng, 700, range(1, 4))
    queries = [(as_query(t), corpus.expected(t)) for t in terms]
    assert sum(1 for _, e in queries if e) > 600
    assert measure(corpus, queries) == (1.0, 1.0)


def test_bare_words_and_longer_phrases(corpus: Corpus) -> None:
    rng = random.Random(4)
    terms = sampled_substrings(corpus, rng, 200, range(4, 16))
    queries = [(as_query(t), corpus.expected(t)) for t in terms]
    bare = [
        t
        for t in sampled_substrings(corpus, rng, 200, range(1, 7))
        if not re.search(r'[\s()"]', t) and not t.startswith("-") and t not in ("AND", "OR", "NOT")
    ]
    queries += [(t, corpus.expected(t)) for t in bare]
    assert measure(corpus, queries) == (1.0, 1.0)


def test_boolean_combinations(corpus: Corpus) -> None:
    rng = random.Random(5)
    terms = sampled_substrings(corpus, rng, 150, range(1, 5))
    every = set(corpus.columns)
    queries: list[tuple[str, set[Key]]] = []
    for i in range(0, len(terms) - 2, 3):
        a, b, c = terms[i : i + 3]
        ea, eb, ec = corpus.expected(a), corpus.expected(b), corpus.expected(c)
        qa, qb, qc = as_query(a), as_query(b), as_query(c)
        queries += [
            (f"{qa} {qb}", ea & eb),
            (f"{qa} AND {qb}", ea & eb),
            (f"{qa} OR {qb}", ea | eb),
            (f"{qa} -{qb}", ea - eb),
            (f"{qa} NOT {qb}", ea - eb),
            (f"({qa} OR {qb}) {qc}", (ea | eb) & ec),
            (f"{qa} OR {qb} -{qc}", ea | (eb - ec)),
            (f"{qa} -({qb} OR {qc})", ea - (eb | ec)),
        ]
    assert every
    assert measure(corpus, queries) == (1.0, 1.0)


def test_filters_narrow_to_exactly_the_matching_articles(corpus: Corpus) -> None:
    rng = random.Random(6)
    for term in sampled_substrings(corpus, rng, 40, range(1, 3)):
        q = as_query(term)
        assert corpus.found(q, paper="样本日报") == corpus.expected(
            term, lambda k: k[0] == "样本日报"
        )
        assert corpus.found(q, date_from="2023-02-01", date_to="2023-02-28") == corpus.expected(
            term, lambda k: "2023-02-01" <= k[1] <= "2023-02-28"
        )
        assert corpus.found(q, page=3) == corpus.expected(term, lambda k: k[2] == 3)
        assert corpus.found(q, date_from="2023-03-01") == corpus.expected(
            term, lambda k: k[1] >= "2023-03-01"
        )
        assert corpus.found(q, date_to="2023-01-15", paper="测试晚报") == corpus.expected(
            term, lambda k: k[1] <= "2023-01-15" and k[0] == "测试晚报"
        )
        assert corpus.found(q, paper="不存在日报") == set()
        assert corpus.found(q, date_to="2020-01-01") == set()
        assert corpus.found(q, date_from="2023-03-02", date_to="2023-03-01") == set()


def test_ranking_window_pages_through_every_match_once(corpus: Corpus) -> None:
    window = corpus.archive.rank_window
    corpus.archive.rank_window = 25
    try:
        for term in ["的", "，", "市", "发展"]:
            expected = corpus.expected(term)
            assert len(expected) > 25
            assert corpus.found(as_query(term)) == expected
            first = corpus.archive.search(SearchQuery(term, limit=25))
            scores = [h.score for h in first.hits]
            assert scores == sorted(scores, reverse=True)
    finally:
        corpus.archive.rank_window = window


def test_title_matches_rank_first(corpus: Corpus) -> None:
    def in_title(key: Key, word: str) -> bool:
        return word in "".join(corpus.raw[key][0])

    # A two-character word of some titles that many more articles hold in their text only.
    words = {t[i : i + 2] for art in corpus.raw.values() for t in art[0] for i in range(len(t) - 1)}
    scored = []
    for word in sorted(words)[:: max(1, len(words) // 150)]:
        if any(not ch.isalnum() or ch.isascii() for ch in word):
            continue
        found = corpus.expected(word)
        titled = sum(in_title(k, word) for k in found)
        if titled:
            scored.append((len(found) - titled, titled, word))
    body_only, titled, word = max(scored)
    assert body_only > 5 * titled
    hits = corpus.archive.search(SearchQuery(word, limit=1000)).hits
    ranks = [
        i for i, h in enumerate(hits) if in_title((h.paper, h.date, h.page, h.article_id), word)
    ]
    assert ranks[0] == 0, word
    assert sum(ranks) / len(ranks) < len(hits) / 4, word


# Snippets -------------------------------------------------------------------------------


def test_snippets_come_from_the_real_text(corpus: Corpus) -> None:
    for term in ["法院", "发展", "12月", "2022", "有限公司"]:
        result = corpus.archive.search(SearchQuery(term, limit=50))
        assert result.hits, term
        for hit in result.hits:
            key = (hit.paper, hit.date, hit.page, hit.article_id)
            body = " ".join(corpus.raw[key][1] + corpus.raw[key][2])
            text = "".join(t for t, _ in hit.snippet).strip("…")
            assert text in body
            marked = [t for t, hot in hit.snippet if hot]
            if reference_match(term, [normalize(body)]):
                assert marked, (term, hit)
            for piece in marked:
                assert normalize(term) in normalize(piece)
