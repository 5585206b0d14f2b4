"""The query language, the bigram tokenizer, the FTS5 compiler and snippets, unit by unit."""

from __future__ import annotations

import re
import sqlite3

import pytest

from banmian.archive.fts5 import to_fts5
from banmian.archive.query import (
    MAX_QUERY_CHARS,
    And,
    Not,
    Or,
    Term,
    parse_query,
    positive_terms,
)
from banmian.archive.snippets import ELLIPSIS, SNIPPET_CHARS, snippet, term_patterns
from banmian.archive.tokens import fold, index_text, term_tokens, tokens
from banmian.errors import QuerySyntaxError


def texts(node: object) -> object:
    """A tree with terms shown as their text (quoted phrases in quotes)."""
    if isinstance(node, Term):
        return f'"{node.text}"' if node.phrase else node.text
    if isinstance(node, Not):
        return ("NOT", texts(node.part))
    if isinstance(node, And):
        return ("AND", *[texts(p) for p in node.parts])
    assert isinstance(node, Or)
    return ("OR", *[texts(p) for p in node.parts])


# tokens ---------------------------------------------------------------------------------


def test_tokens_bigrams_words_and_folding() -> None:
    assert tokens("无锡日报") == ["无锡", "锡日", "日报", "报"]
    assert tokens("法") == ["法"]
    assert tokens("CCI Paris") == ["cci", "paris"]
    assert tokens("１２月7日") == ["12", "月", "7", "日"]
    assert tokens("82.5%") == ["82", "．", "5", "％"]
    assert tokens("之效 筑牢") == ["之效", "效", "筑牢", "牢"]
    assert tokens("  \n\u3000 ") == []
    assert index_text(["无锡", "", "ab"]) == "无锡 锡 ab"


def test_fold_keeps_length() -> None:
    text = "ＡＢＣ１２３ＸＹＺ abc DEF .,;\u3000全角 Ünïcode İ"
    assert len(fold(text)) == len(text)
    assert fold("ＡＢ１２") == "ab12"
    assert fold(".") == fold("．")


@pytest.mark.parametrize(
    ("term", "expected", "prefix"),
    [
        ("法", ("法",), True),
        ("法院", ("法院",), False),
        ("无锡日报", ("无锡", "锡日", "日报"), False),
        ("12月", ("12", "月"), True),
        ("月12", ("月", "12"), False),
        ("之效 筑牢", ("之效", "效", "筑牢"), False),
        ("者 张", ("者", "张"), True),
        ("2022", ("2022",), False),
        ("cci paris", ("cci", "paris"), False),
        ("  ", (), False),
    ],
)
def test_term_tokens(term: str, expected: tuple[str, ...], prefix: bool) -> None:
    got = term_tokens(term)
    assert got.tokens == expected
    assert got.prefix is prefix


def test_every_occurrence_of_a_character_opens_one_token() -> None:
    text = "本报讯 近日，市政协组织视察。CCI Paris 12月7日"
    folded = fold(text)
    visible = [ch for ch in folded if not ch.isspace() and not ch.isascii()]
    openers = [t[0] for t in tokens(text) if not t.isascii()]
    assert sorted(openers) == sorted(visible)


# the query language -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "tree"),
    [
        ("法院", "法院"),
        ("法院 无锡", ("AND", "法院", "无锡")),
        ("法院 AND 无锡", ("AND", "法院", "无锡")),
        ('"市政协 主席"', '"市政协 主席"'),
        ("法院 OR 检察院", ("OR", "法院", "检察院")),
        ("a b OR c", ("OR", ("AND", "a", "b"), "c")),
        ("法院 -无锡", ("AND", "法院", ("NOT", "无锡"))),
        ("法院 NOT 无锡", ("AND", "法院", ("NOT", "无锡"))),
        ("(法院 OR 检察院) 无锡", ("AND", ("OR", "法院", "检察院"), "无锡")),
        ("法院 -(无锡 OR 江阴)", ("AND", "法院", ("NOT", ("OR", "无锡", "江阴")))),
        ("COVID-19 疫情", ("AND", "covid-19", "疫情")),
        ("or and not", ("AND", "or", "and", "not")),
        ('ab"cd"', ("AND", "ab", '"cd"')),
        ("--x", "--x"),
    ],
)
def test_parse(query: str, tree: object) -> None:
    got = texts(parse_query(query))
    assert got == (tree if query != "COVID-19 疫情" else ("AND", "COVID-19", "疫情"))


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("", "empty"),
        ("   ", "empty"),
        ('"法院', "never closed"),
        ("(法院", "never closed"),
        ("法院)", "unmatched )"),
        ("法院 OR", "OR at character 4 has nothing after it"),
        ("OR 法院", "nothing before it"),
        ("法院 OR OR 无锡", "nothing after it"),
        ("法院 AND", "nothing after it"),
        ("AND 法院", "nothing before it"),
        ("-法院", "add a word"),
        ("NOT 法院", "add a word"),
        ("法院 OR -无锡", "add a word"),
        ("法院 -", "- at character 4 has nothing after it"),
        ("法院 NOT", "nothing after it"),
        ("法院 --无锡", None),
        ("- -法院", "has nothing after it"),
        ("()", "empty"),
        ('""', "hold nothing"),
        ('"  "', "hold nothing"),
        ("-(-法院)", "double negation"),
        ("法 " * (MAX_QUERY_CHARS // 2 + 1), "longer than"),
        ("字 " * 65, "more than 64"),
    ],
)
def test_syntax_errors(query: str, message: str | None) -> None:
    if message is None:
        parse_query(query)
        return
    with pytest.raises(QuerySyntaxError, match=re.escape(message)):
        parse_query(query)


def test_positive_terms_leave_out_excluded_ones() -> None:
    tree = parse_query("(法院 OR 检察院) -无锡 江阴")
    assert [t.text for t in positive_terms(tree)] == ["法院", "检察院", "江阴"]


# FTS5 -------------------------------------------------------------------------------------


def test_compiled_queries_run_in_fts5() -> None:
    conn = sqlite3.connect(":memory:")
    conn.execute(
        "CREATE VIRTUAL TABLE t USING fts5(body, content='', tokenize='ascii', prefix='1')"
    )
    docs = ["市中级人民法院诉讼服务中心", "无锡日报 12月7日", "法治 无锡", 'say "hi" (ok)']
    for i, doc in enumerate(docs, start=1):
        conn.execute("INSERT INTO t (rowid, body) VALUES (?, ?)", (i, index_text([doc])))

    def found(query: str) -> set[int]:
        match = to_fts5(parse_query(query))
        return {r[0] for r in conn.execute("SELECT rowid FROM t WHERE t MATCH ?", (match,))}

    assert found("法院") == {1}
    assert found("法") == {1, 3}
    assert found("无锡") == {2, 3}
    assert found("12月") == {2}
    assert found("2月") == set()
    assert found("无锡 -法治") == {2}
    assert found("法院 OR 日报") == {1, 2}
    assert found("(法院 OR 日报) 12月") == {2}
    assert found('"hi"') == {4}
    assert found("say") == {4}
    assert to_fts5(parse_query("法")) == '"法" *'
    assert found("无锡 -法治 -日报") == set()


# snippets ---------------------------------------------------------------------------------


def test_snippet_around_the_first_match() -> None:
    body = "甲" * 200 + "法院" + "乙" * 200 + "法院"
    pieces = snippet([body], term_patterns(positive_terms(parse_query("法院"))))
    assert pieces[0] == (ELLIPSIS + "甲" * 30, False)
    assert pieces[1] == ("法院", True)
    assert pieces[-1][0].endswith("乙" + ELLIPSIS)
    assert sum(len(t) for t, _ in pieces) - 2 * len(ELLIPSIS) == SNIPPET_CHARS


def test_snippet_highlights_folded_forms_and_whole_words() -> None:
    patterns = term_patterns(positive_terms(parse_query("12月 cci")))
    pieces = snippet(["会议于１２月召开，CCI 与 cci2 不同，112月"], patterns)
    assert [t for t, hot in pieces if hot] == ["１２月", "CCI"]
    assert "".join(t for t, _ in pieces) == "会议于１２月召开，CCI 与 cci2 不同，112月"


def test_snippet_without_a_match_shows_the_opening() -> None:
    patterns = term_patterns(positive_terms(parse_query("标题")))
    pieces = snippet(["正文" * 100], patterns)
    assert pieces[0][0].startswith("正文") and not any(hot for _, hot in pieces)
    assert snippet([], patterns) == []
