"""Link continuations across the pages of an issue: ``link_issue(pages) -> Issue``.

A page article that ends with 下转第N版 (``continues_to == N``) is continued by an article
on page N that opens with 上接第M版 (``continued_from == M``), M being the first one's page.
Those pairs are the candidates; each is scored by the repeated title
(``banmian.issue.titles``). Then, one to one:

1. pairs whose title confirms them are taken, best score first;
2. of the rest, a jump and a part that are each other's only candidate are linked by
   their markers alone;
3. whatever is left becomes a warning: a marker naming a page that is not in the issue
   (``continuation-page-missing``), one with no counterpart on its page
   (``unmatched-continuation``), or one with several that nothing tells apart
   (``ambiguous-continuation``).

Linking never drops or repeats an article: each page article is in exactly one issue
article (``Issue.check_each_article_once``). A part may both continue one page and jump
to another; linked parts are followed into chains (page 1 → 3 → 5).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from banmian.issue.model import (
    ArticlePart,
    ContinuationLink,
    Issue,
    IssueArticle,
    IssueWarning,
    LinkBasis,
)
from banmian.issue.titles import CONFIRMS, best_similarity, headline_texts
from banmian.model import Article, Page


@dataclass(frozen=True, slots=True)
class _Candidate:
    source: ArticlePart
    target: ArticlePart
    score: float


def _number_pages(pages: list[Page], warnings: list[IssueWarning]) -> list[Page]:
    """Pages ordered by number; a page without one, or a second page of a number, warns."""
    numbered = sorted((p for p in pages if p.page is not None), key=lambda p: p.page or 0)
    for page in pages:
        if page.page is None:
            warnings.append(
                IssueWarning(
                    "page-without-number",
                    "a page has no page number: its continuations cannot be linked",
                )
            )
    seen: set[int] = set()
    for page in numbered:
        if page.page in seen:
            warnings.append(
                IssueWarning(
                    "duplicate-page",
                    f"page {page.page} is given twice: both are kept and linked alike",
                )
            )
        seen.add(page.page or 0)
    return numbered + [p for p in pages if p.page is None]


def _candidates(parts: list[ArticlePart]) -> list[_Candidate]:
    """Every jump and part whose markers name each other's pages, with its title score."""
    openers: dict[tuple[int, int], list[ArticlePart]] = defaultdict(list)
    for part in parts:
        if part.article.continued_from is not None:
            openers[(part.article.continued_from, part.page)].append(part)
    out: list[_Candidate] = []
    for part in parts:
        to = part.article.continues_to
        if to is None:
            continue
        for target in openers.get((part.page, to), []):
            if target.article is part.article:
                continue
            score = best_similarity(headline_texts(part.article), headline_texts(target.article))
            out.append(_Candidate(part, target, score))
    return out


def _choose(candidates: list[_Candidate]) -> list[tuple[_Candidate, LinkBasis]]:
    """Pick links one to one: title-confirmed pairs best first, then lone marker pairs."""
    chosen: list[tuple[_Candidate, LinkBasis]] = []
    used_source: set[int] = set()
    used_target: set[int] = set()
    confirmed = sorted(
        (c for c in candidates if c.score >= CONFIRMS),
        key=lambda c: (-c.score, c.source.page, c.target.page),
    )
    for cand in confirmed:
        s, t = id(cand.source.article), id(cand.target.article)
        if s in used_source or t in used_target:
            continue
        rivals = [
            c
            for c in confirmed
            if c is not cand
            and c.score == cand.score
            and (id(c.source.article) == s or id(c.target.article) == t)
            and id(c.source.article) not in used_source
            and id(c.target.article) not in used_target
        ]
        if rivals:
            continue  # a tie: nothing tells them apart; left to the marker step or a warning
        chosen.append((cand, LinkBasis.TITLE))
        used_source.add(s)
        used_target.add(t)
    free = [
        c
        for c in candidates
        if id(c.source.article) not in used_source and id(c.target.article) not in used_target
    ]
    per_source: dict[int, int] = defaultdict(int)
    per_target: dict[int, int] = defaultdict(int)
    for c in free:
        per_source[id(c.source.article)] += 1
        per_target[id(c.target.article)] += 1
    for c in free:
        if per_source[id(c.source.article)] == 1 and per_target[id(c.target.article)] == 1:
            chosen.append((c, LinkBasis.MARKER))
    return chosen


def _leftover_warnings(
    parts: list[ArticlePart],
    candidates: list[_Candidate],
    linked_sources: set[int],
    linked_targets: set[int],
    page_numbers: set[int],
) -> list[IssueWarning]:
    """A warning for every marker that no link accounts for."""
    as_source: dict[int, int] = defaultdict(int)
    as_target: dict[int, int] = defaultdict(int)
    for c in candidates:
        as_source[id(c.source.article)] += 1
        as_target[id(c.target.article)] += 1
    out: list[IssueWarning] = []
    for part in parts:
        art, key = part.article, id(part.article)
        if art.continues_to is not None and key not in linked_sources:
            out.append(_warning(part, "下转", art.continues_to, as_source[key], page_numbers))
        if art.continued_from is not None and key not in linked_targets:
            out.append(_warning(part, "上接", art.continued_from, as_target[key], page_numbers))
    return out


def _warning(
    part: ArticlePart, word: str, other: int, candidates: int, page_numbers: set[int]
) -> IssueWarning:
    ref = part.ref
    marker = f"{word}第{other}版"
    if other not in page_numbers:
        return IssueWarning(
            "continuation-page-missing",
            f"{ref} says {marker}, but page {other} is not in the issue",
            ref,
        )
    if candidates == 0:
        answer = "上接" if word == "下转" else "下转"
        return IssueWarning(
            "unmatched-continuation",
            f"{ref} says {marker}, but no article on page {other} answers with {answer}",
            ref,
        )
    return IssueWarning(
        "ambiguous-continuation",
        f"{ref} says {marker}: {candidates} articles there could be its other part "
        "and their titles do not tell which",
        ref,
    )


def _chains(parts: list[ArticlePart], chosen: list[_Candidate]) -> list[IssueArticle]:
    """Follow links from each part nothing leads to; a loop is cut where it was entered.

    Parts are told apart by identity, not by page and id, so that two pages given the
    same number still lose nothing.
    """
    forward = {id(c.source.article): c.target for c in chosen}
    has_source = {id(c.target.article) for c in chosen}
    placed: set[int] = set()
    out: list[IssueArticle] = []

    def follow(start: ArticlePart) -> None:
        chain = [start]
        placed.add(id(start.article))
        here = start
        while id(here.article) in forward and id(forward[id(here.article)].article) not in placed:
            here = forward[id(here.article)]
            placed.add(id(here.article))
            chain.append(here)
        out.append(IssueArticle(id=f"p{start.page}-{start.article.id}", parts=chain))

    for part in parts:
        if id(part.article) not in has_source and id(part.article) not in placed:
            follow(part)
    for part in parts:  # only parts of a loop are left
        if id(part.article) not in placed:
            follow(part)
    return out


def link_issue(pages: list[Page]) -> Issue:
    """Link the continued articles of an issue's pages into issue articles.

    Pages need their page numbers (``Page.page``); a page without one is kept, its
    articles unlinked (their parts say page 0), with a warning. Nothing here raises on
    odd input: doubts are ``Issue.warnings``.
    """
    warnings: list[IssueWarning] = []
    ordered = _number_pages(pages, warnings)
    parts = [ArticlePart(p.page, a) for p in ordered if p.page is not None for a in p.articles]
    unnumbered = [ArticlePart(0, a) for p in ordered if p.page is None for a in p.articles]
    candidates = _candidates(parts)
    chosen = _choose(candidates)
    position = {id(p.article): i for i, p in enumerate(parts)}
    chosen.sort(key=lambda cb: position[id(cb[0].source.article)])
    links = [ContinuationLink(c.source.ref, c.target.ref, basis, c.score) for c, basis in chosen]
    linked_sources = {id(c.source.article) for c, _ in chosen}
    linked_targets = {id(c.target.article) for c, _ in chosen}
    numbers = {p.page for p in ordered if p.page is not None}
    warnings.extend(_leftover_warnings(parts, candidates, linked_sources, linked_targets, numbers))
    articles = _chains(parts, [c for c, _ in chosen])
    articles.extend(IssueArticle(id=f"p0-{p.article.id}", parts=[p]) for p in unnumbered)
    return Issue(pages=ordered, articles=articles, links=links, warnings=warnings)


def linked_article(issue: Issue, article: Article) -> IssueArticle | None:
    """The issue article that holds a page article (None if it is from another issue)."""
    return next(
        (a for a in issue.articles if any(p.article is article for p in a.parts)),
        None,
    )
