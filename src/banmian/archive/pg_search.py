"""Chinese search on PostgreSQL: the bigram tokens in a ``tsvector``, queries as ``tsquery``.

Debian's PostgreSQL has no Chinese parser (no zhparser, pg_jieba or pg_bigm), and its own
text parser would split the tokens again at punctuation (``。”`` is a token here). So the
tokens of ``banmian.archive.tokens`` go in verbatim: ``article_vector`` writes the
``tsvector`` literal itself (``'无锡':1A '锡日':2A …``, cast with ``::tsvector``, no
dictionary involved) and ``to_tsquery_text`` writes a ``tsquery`` literal from the same query
tree that FTS5 gets (``banmian.archive.query``):

- a term is the phrase of its tokens, ``'无锡' <-> '锡日' <-> '日报'``; a one-character term
  (or a last character that may open a bigram) a prefix, ``'法':*``;
- AND ``&``, OR ``|``, NOT ``!``, every group parenthesised.

Columns: title tokens first (weight A), then the byline (B), then the body (D), each
starting two positions after the last ended so that no phrase runs from one into the
next; ``ts_rank`` weighs them 5 : 2 : 1 as bm25 does on SQLite (``RANK_WEIGHTS``).

**Where a tsvector cannot be exact.** PostgreSQL keeps positions up to 16,383 and at most
256 positions per lexeme. An article past either limit (a very long text, or one bigram
more than 256 times) is stored with ``exact = false``; a query finds such articles by a
loose query (phrases as ANDs of their tokens, excluded parts left out: never fewer
articles than the real answer) and then checks each candidate's token columns in Python
(``tree_matches``), so the answers stay those of a substring scan.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from banmian.archive.query import Node, Not, Or, Term
from banmian.archive.rows import SearchRow

MAX_POSITION = 16383
"""Highest position a tsvector stores (higher ones are clamped to it)."""
MAX_POSITIONS_PER_LEXEME = 256
"""Most positions a tsvector keeps for one lexeme."""
COLUMN_GAP = 2
"""Positions between the last token of a column and the first of the next."""
RANK_WEIGHTS = "{0.2, 0.0, 0.4, 1.0}"
"""``ts_rank`` weights of D (body), C (unused), B (byline), A (title): 1 : 2 : 5."""


def lexeme(token: str) -> str:
    """A token as a quoted tsvector/tsquery lexeme (quotes doubled, backslashes escaped)."""
    return "'" + token.replace("\\", "\\\\").replace("'", "''") + "'"


def article_vector(row: SearchRow) -> tuple[str, bool]:
    """The tsvector literal of an article's index row, and whether it is exact."""
    positions: dict[str, list[str]] = defaultdict(list)
    pos = 1
    exact = True
    for text, weight in ((row.title, "A"), (row.byline, "B"), (row.body, "D")):
        toks = text.split()
        if not toks:
            continue
        for token in toks:
            positions[token].append(f"{min(pos, MAX_POSITION)}{weight}")
            pos += 1
        pos += COLUMN_GAP - 1
    if pos - COLUMN_GAP > MAX_POSITION:
        exact = False
    parts = []
    for token, where in positions.items():
        if len(where) > MAX_POSITIONS_PER_LEXEME:
            exact = False
            where = where[:MAX_POSITIONS_PER_LEXEME]
        parts.append(f"{lexeme(token)}:{','.join(where)}")
    return " ".join(parts), exact


def compile_term(term: Term, *, loose: bool = False) -> str:
    """A term as a tsquery phrase (``loose``: an AND of its tokens)."""
    toks = [lexeme(t) for t in term.tokens.tokens]
    if term.tokens.prefix:
        toks[-1] += ":*"
    return f" {'&' if loose else '<->'} ".join(toks)


def to_tsquery_text(node: Node, *, loose: bool = False) -> str:
    """The tsquery literal of a query tree; ``loose`` gives the candidate query (see above)."""
    if isinstance(node, Term):
        return compile_term(node, loose=loose)
    if isinstance(node, Or):
        return " | ".join(f"({to_tsquery_text(p, loose=loose)})" for p in node.parts)
    if isinstance(node, Not):  # pragma: no cover - check_answerable refuses a bare NOT
        raise ValueError("a NOT needs a positive part beside it")
    parts = [f"({to_tsquery_text(p, loose=loose)})" for p in node.parts if not isinstance(p, Not)]
    if not loose:
        parts += [f"!({to_tsquery_text(p.part)})" for p in node.parts if isinstance(p, Not)]
    return " & ".join(parts)


def _term_in(term: Term, toks: Sequence[str]) -> bool:
    want = term.tokens.tokens
    n = len(want)
    for i in range(len(toks) - n + 1):
        if all(toks[i + k] == want[k] for k in range(n - 1)):
            last = toks[i + n - 1]
            if last == want[-1] or (term.tokens.prefix and last.startswith(want[-1])):
                return True
    return False


def tree_matches(node: Node, columns: Sequence[Sequence[str]]) -> bool:
    """Whether an article's token columns match a query tree (what FTS5 answers)."""
    if isinstance(node, Term):
        return any(_term_in(node, toks) for toks in columns)
    if isinstance(node, Or):
        return any(tree_matches(p, columns) for p in node.parts)
    if isinstance(node, Not):
        return not tree_matches(node.part, columns)
    return all(tree_matches(p, columns) for p in node.parts)
