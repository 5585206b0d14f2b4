"""The search tokenizer: Chinese as overlapping character bigrams, Latin words and numbers whole.

SQLite's FTS5 tokenizers do not fit Chinese: ``unicode61`` takes a run of ideographs for one
word, and ``trigram`` cannot find the commonest queries, words of one or two characters
(法院, 无锡). So the archive tokenizes in Python and hands FTS5 a string of space-separated
tokens, which its ``ascii`` tokenizer splits at the spaces again:

- **Folding** first (``fold``): full-width letters and digits become ASCII (``１２月`` →
  ``12月``), letters lower case, ASCII punctuation its full-width form (so ``.`` and ``．`` are
  one character). Every character folds to exactly one character, so offsets in the folded
  text are offsets in the real text (snippets rely on it).
- **Words**: a run of letters or digits of a script that spaces its words (Latin, Greek,
  Cyrillic …, code points below U+2E80) is one token: ``cci``, ``paris``, ``2022``.
- **Grams**: every other visible character (ideographs, kana, punctuation, symbols) is a
  *gram* character. A run of them, ``c1 c2 … cn``, gives the bigrams ``c1c2 c2c3 … c(n-1)cn``
  and then the last character alone, ``cn``. Each character of the run thus opens exactly
  one token: the bigram it starts, or, at the run's end, itself.
- Whitespace separates; it is no token.

A query term is tokenized the same way (``term_tokens``) and searched as a phrase: 法院 is
the one token ``法院``; 无锡日报 the phrase ``无锡 锡日 日报``; a single character ``法`` the prefix
``法*``, which matches the bigram it opens or the run-final unigram; ``12月`` the phrase
``12 月*``. A gram run that the term itself closes (a space, a word or a quote mark follows)
keeps its final unigram, which only a run ending at the same place has. So a term matches
exactly where its folded characters stand consecutively in the folded text, with Latin words
and numbers matched whole and whitespace counting only between two gram characters.

Changing the token stream changes what the index holds; the index must then be rebuilt by a
new migration (``banmian.archive.schema``), since rows are removed from the contentless FTS5
table by giving their tokens again.
"""

from __future__ import annotations

import operator
import re
from dataclasses import dataclass

TOKENIZER_VERSION = 1
"""Version of the token stream; a change needs a migration that rebuilds the index."""

CJK_START = 0x2E80
"""Code points from here up (CJK radicals, kana, ideographs, Hangul …) are gram characters."""


def _fold_table() -> dict[int, int]:
    table: dict[int, int] = {}
    for code in range(0x21, 0x7F):
        ch = chr(code)
        full = code + 0xFEE0  # the full-width form, U+FF01 … U+FF5E
        if ch.isalnum():
            table[full] = ord(ch.lower())
            if ch.isupper():
                table[code] = ord(ch.lower())
        else:
            table[code] = full
    table[0x3000] = 0x20  # ideographic space
    for code in range(0x80, CJK_START):
        lower = chr(code).lower()
        if len(lower) == 1 and lower != chr(code):
            table[code] = ord(lower)
    return table


FOLD = _fold_table()
"""What ``fold`` maps, code point to code point: one character to one character."""

_FOLD_CHARS = {chr(k): chr(v) for k, v in FOLD.items()}
_FOLDABLE = re.compile("[" + re.escape("".join(sorted(_FOLD_CHARS))) + "]")


def _word_ranges() -> str:
    """The letters and digits below ``CJK_START`` as the body of a regex character class."""
    ranges: list[tuple[int, int]] = []
    for code in range(CJK_START):
        if chr(code).isalnum():
            if ranges and ranges[-1][1] == code - 1:
                ranges[-1] = (ranges[-1][0], code)
            else:
                ranges.append((code, code))
    return "".join(
        re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}"
        for a, b in ranges
    )


_WORD_CLASS = _word_ranges()
WORD_CHAR = f"[{_WORD_CLASS}]"
"""Regular expression of one word character: a letter or digit below U+2E80."""
TOKEN_RUN = re.compile(f"(?P<word>[{_WORD_CLASS}]+)|(?P<gram>[^\\s{_WORD_CLASS}]+)")
"""A run of word characters (group ``word``) or of gram characters (group ``gram``).

One character class each (no look-ahead per character): twice as fast on Chinese text.
"""


def fold(text: str) -> str:
    """Fold width and case, character by character (the result has the same length)."""
    # A regular expression finds the few characters to change far faster than
    # str.translate looks up every character of Chinese text.
    return _FOLDABLE.sub(lambda m: _FOLD_CHARS[m.group()], text)


def is_word_char(ch: str) -> bool:
    """Whether a folded character belongs to a word token (Latin letters, digits …)."""
    return ch.isalnum() and ord(ch) < CJK_START


def tokens(text: str) -> list[str]:
    """The index tokens of a text: words whole, gram runs as bigrams plus a final unigram."""
    out: list[str] = []
    for match in TOKEN_RUN.finditer(fold(text)):
        run = match.group()
        if match.lastgroup == "gram":
            out.extend(map(operator.add, run, run[1:]))
            out.append(run[-1])
        else:
            out.append(run)
    return out


def index_text(texts: list[str]) -> str:
    """What an FTS5 column holds for some texts: their tokens, space-separated, in order."""
    return " ".join(" ".join(tokens(text)) for text in texts if text and not text.isspace())


@dataclass(frozen=True, slots=True)
class TermTokens:
    """A query term as a phrase of index tokens."""

    tokens: tuple[str, ...]
    """The tokens, in order; they must stand at consecutive positions."""
    prefix: bool
    """Whether the last token is a prefix (a single gram character that may open a bigram)."""


def term_tokens(term: str) -> TermTokens:
    """The phrase of tokens that finds a query term wherever its text stands (see above).

    Empty ``tokens`` means the term holds nothing searchable (only whitespace).
    """
    runs = list(TOKEN_RUN.finditer(fold(term)))
    out: list[str] = []
    prefix = False
    for i, match in enumerate(runs):
        run = match.group()
        if match.lastgroup == "word":
            out.append(run)
            continue
        out.extend(run[k : k + 2] for k in range(len(run) - 1))
        if i + 1 < len(runs) or match.end() < len(term.rstrip()):
            out.append(run[-1])  # closed by the term itself: the text's run ends here too
        elif len(run) == 1:
            out.append(run)
            prefix = True  # open: the character opens a bigram or ends a run
    return TermTokens(tuple(out), prefix)
