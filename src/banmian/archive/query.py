"""The search query language, read by a small hand-written parser into a tree.

    法院                    a word: articles whose text holds it
    法院 无锡                two words: both (AND is implicit)
    "市政协 主席"            a phrase, spaces and all
    法院 AND 无锡            the same as 法院 无锡
    法院 OR 检察院           either
    法院 -无锡, 法院 NOT 无锡   the first but not the second
    (法院 OR 检察院) 无锡     parentheses group

``AND``, ``OR`` and ``NOT`` are operators only in capitals; ``OR`` binds looser than AND,
``NOT`` and ``-`` apply to the word, phrase or group right after them. A word is a run of
characters up to a space, a quote mark or a parenthesis; Chinese needs no spaces: 无锡日报
finds those four characters together. Every AND group must look for something: ``-无锡``
alone, or ``法院 OR -无锡``, cannot be answered from the index and is refused.

The tree is the same for every backend; ``banmian.archive.fts5`` turns it into SQLite's
FTS5 syntax (user text never reaches MATCH unparsed). Errors are ``QuerySyntaxError`` with
a one-line message naming the place.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from banmian.archive.tokens import TermTokens, term_tokens
from banmian.errors import QuerySyntaxError

MAX_QUERY_CHARS = 1000
"""Longest query read."""
MAX_TERMS = 64
"""Most words and phrases in one query."""


@dataclass(frozen=True, slots=True)
class Term:
    """A word or a quoted phrase: its text must stand in the article as written."""

    text: str
    """The word or phrase as the user typed it (quotes removed)."""
    phrase: bool
    """Whether it was quoted."""
    tokens: TermTokens
    """Its index tokens (``banmian.archive.tokens``)."""


@dataclass(frozen=True, slots=True)
class And:
    """All of ``parts`` (those under ``Not`` must be absent)."""

    parts: tuple[Node, ...]
    """Two or more sub-queries."""


@dataclass(frozen=True, slots=True)
class Or:
    """Any of ``parts``."""

    parts: tuple[Node, ...]
    """Two or more alternatives."""


@dataclass(frozen=True, slots=True)
class Not:
    """``part`` must not match; only meaningful inside an ``And`` beside a positive part."""

    part: Node
    """What must be absent."""


Node = Term | And | Or | Not
"""A node of the query tree."""

_LEX = re.compile(
    r'\s+|(?P<lp>\()|(?P<rp>\))|(?P<quote>")'
    r"|(?P<minus>-(?!\s|-|$))|(?P<dangling>-(?=\s|$))|(?P<word>[^\s\"()]+)"
)


@dataclass(frozen=True, slots=True)
class _Tok:
    kind: str
    """``lp``, ``rp``, ``phrase``, ``word``, ``and``, ``or``, ``not``, ``end``."""
    text: str
    """The token as written (a phrase without its quotes)."""
    pos: int
    """0-based offset in the query."""


def _lex(query: str) -> list[_Tok]:
    toks: list[_Tok] = []
    pos = 0
    while pos < len(query):
        m = _LEX.match(query, pos)
        if m is None:  # pragma: no cover - the pattern matches any character
            raise QuerySyntaxError(f"cannot read the query at character {pos + 1}")
        kind = m.lastgroup
        if kind == "dangling":
            raise QuerySyntaxError(f"- at character {pos + 1} has nothing after it")
        if kind == "quote":
            close = query.find('"', m.end())
            if close < 0:
                raise QuerySyntaxError(
                    f'the quote opened at character {pos + 1} is never closed: add a closing "'
                )
            toks.append(_Tok("phrase", query[m.end() : close], pos))
            pos = close + 1
            continue
        if kind == "word":
            word = m.group()
            kind = {"AND": "and", "OR": "or", "NOT": "not"}.get(word, "word")
            toks.append(_Tok(kind, word, pos))
        elif kind is not None:
            toks.append(_Tok(kind, m.group(), pos))
        pos = m.end()
    toks.append(_Tok("end", "", len(query)))
    return toks


class _Parser:
    """Recursive descent over the lexed tokens: or := and (OR and)*; and := unary+."""

    def __init__(self, query: str) -> None:
        self.query = query
        self.toks = _lex(query)
        self.i = 0
        self.terms = 0

    def peek(self) -> _Tok:
        return self.toks[self.i]

    def take(self) -> _Tok:
        tok = self.toks[self.i]
        self.i += 1
        return tok

    def where(self, tok: _Tok) -> str:
        return "at the end" if tok.kind == "end" else f"at character {tok.pos + 1}"

    def parse(self) -> Node:
        if self.peek().kind == "end":
            raise QuerySyntaxError("the query is empty: give a word to look for")
        node = self.parse_or()
        tok = self.peek()
        if tok.kind == "rp":
            raise QuerySyntaxError(f"unmatched ) at character {tok.pos + 1}")
        return node

    def parse_or(self) -> Node:
        parts = [self.parse_and()]
        while self.peek().kind == "or":
            self.take()
            parts.append(self.parse_and())
        return parts[0] if len(parts) == 1 else Or(tuple(parts))

    def parse_and(self) -> Node:
        parts: list[Node] = []
        while True:
            tok = self.peek()
            if tok.kind in ("end", "rp", "or"):
                if not parts:
                    raise self.missing(tok)
                break
            if tok.kind == "and":
                if not parts:
                    raise QuerySyntaxError(f"AND {self.where(tok)} has nothing before it")
                self.take()
                nxt = self.peek()
                if nxt.kind in ("end", "rp", "or", "and"):
                    raise QuerySyntaxError(f"AND at character {tok.pos + 1} has nothing after it")
                continue
            parts.append(self.parse_unary())
        return parts[0] if len(parts) == 1 else And(tuple(parts))

    def missing(self, tok: _Tok) -> QuerySyntaxError:
        before = self.toks[self.i - 1] if self.i else None
        if before is not None and before.kind == "or":
            return QuerySyntaxError(f"OR at character {before.pos + 1} has nothing after it")
        if tok.kind == "or":
            return QuerySyntaxError(f"OR at character {tok.pos + 1} has nothing before it")
        return QuerySyntaxError(f"a word is missing {self.where(tok)}")

    def parse_unary(self) -> Node:
        tok = self.take()
        if tok.kind in ("not", "minus"):
            nxt = self.peek()
            if nxt.kind in ("end", "rp", "or", "and"):
                name = "NOT" if tok.kind == "not" else "-"
                raise QuerySyntaxError(f"{name} at character {tok.pos + 1} has nothing after it")
            inner = self.parse_unary()
            if isinstance(inner, Not):
                raise QuerySyntaxError(f"double negation at character {tok.pos + 1}")
            return Not(inner)
        if tok.kind == "lp":
            if self.peek().kind == "rp":
                raise QuerySyntaxError(f"the parentheses at character {tok.pos + 1} are empty")
            node = self.parse_or()
            close = self.take()
            if close.kind != "rp":
                raise QuerySyntaxError(
                    f"the parenthesis opened at character {tok.pos + 1} is never closed: add a )"
                )
            return node
        if tok.kind in ("word", "phrase"):
            return self.term(tok)
        raise QuerySyntaxError(f"unexpected {tok.text} at character {tok.pos + 1}")

    def term(self, tok: _Tok) -> Term:
        self.terms += 1
        if self.terms > MAX_TERMS:
            raise QuerySyntaxError(f"the query has more than {MAX_TERMS} words: shorten it")
        toks = term_tokens(tok.text)
        if not toks.tokens:
            raise QuerySyntaxError(f"the quotes at character {tok.pos + 1} hold nothing to find")
        return Term(tok.text.strip(), tok.kind == "phrase", toks)


def parse_query(query: str) -> Node:
    """Read a query into a tree; ``QuerySyntaxError`` says what is wrong and where."""
    if len(query) > MAX_QUERY_CHARS:
        raise QuerySyntaxError(f"the query is longer than {MAX_QUERY_CHARS} characters")
    node = _Parser(query).parse()
    check_answerable(node)
    return node


def check_answerable(node: Node) -> None:
    """Refuse a tree with an AND group (or the whole query) that only excludes."""
    if isinstance(node, Not):
        raise QuerySyntaxError(
            "nothing to look for beside the excluded words: add a word (法院 -无锡, not -无锡)"
        )
    if isinstance(node, Or):
        for part in node.parts:
            check_answerable(part)
    elif isinstance(node, And):
        positive = [p for p in node.parts if not isinstance(p, Not)]
        if not positive:
            check_answerable(node.parts[0])
        for part in positive:
            check_answerable(part)
        for part in node.parts:
            if isinstance(part, Not):
                _check_inner(part.part)


def _check_inner(node: Node) -> None:
    """What stands under a NOT must itself be answerable."""
    if isinstance(node, Not):  # pragma: no cover - the parser refuses double negation
        raise QuerySyntaxError("double negation")
    check_answerable(node)


def positive_terms(node: Node) -> list[Term]:
    """The terms a match may show (not those under NOT), in query order: for highlighting."""
    if isinstance(node, Term):
        return [node]
    if isinstance(node, Not):
        return []
    return [t for part in node.parts for t in positive_terms(part)]
