"""A query tree (``banmian.archive.query``) in SQLite FTS5's MATCH syntax.

Every term becomes a quoted phrase of its index tokens (``"无锡 锡日 日报"``, or
``"12 月" *`` when its last character must open a bigram); tokens never hold a space or a
double quote (``tokens.fold`` maps ``"`` to ``＂``), and the quoting doubles any quote all the
same. Groups are parenthesised throughout, so FTS5's own operator precedence never matters.
``NOT`` in FTS5 is binary: an AND group with excluded parts becomes
``((a) AND (b)) NOT (c) NOT (d)``; ``query.check_answerable`` has made sure each group has a
positive part.
"""

from __future__ import annotations

from banmian.archive.query import Node, Not, Or, Term


def quote(text: str) -> str:
    """An FTS5 string literal."""
    return '"' + text.replace('"', '""') + '"'


def compile_term(term: Term) -> str:
    """A term as an FTS5 phrase."""
    phrase = quote(" ".join(term.tokens.tokens))
    return f"{phrase} *" if term.tokens.prefix else phrase


def to_fts5(node: Node) -> str:
    """The MATCH expression of a query tree."""
    if isinstance(node, Term):
        return compile_term(node)
    if isinstance(node, Or):
        return " OR ".join(f"({to_fts5(p)})" for p in node.parts)
    if isinstance(node, Not):  # pragma: no cover - check_answerable refuses a bare NOT
        raise ValueError("a NOT needs a positive part beside it")
    positive = [p for p in node.parts if not isinstance(p, Not)]
    negative = [p.part for p in node.parts if isinstance(p, Not)]
    expr = " AND ".join(f"({to_fts5(p)})" for p in positive)
    for part in negative:
        expr = f"({expr}) NOT ({to_fts5(part)})"
    return expr
