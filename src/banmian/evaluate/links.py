"""Score issue linking against the gold of generated issues (``banmian.issuegen``).

Each page is parsed and linked; a predicted link counts as right when the text before its
下转 lies in the gold article that jumps and the text after its 上接 in the gold part that
picks it up (judged at the markers, so that a page article cut differently from the gold
elsewhere does not hide a right link). Alongside: whether every parsed article is in
exactly one issue article, whether the issue's article count is the pages' count less the
links, and whether each jump to a page missing from the issue was warned about.

The pages can reach the linker three ways (``Reader``): parsed from their text, read by
the PDF reader from PDF pages laid out from the same content, or as the gold has them
(the linker alone).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from banmian.evaluate.gold import gold_from_dict
from banmian.evaluate.text import squeeze
from banmian.issue import link_issue
from banmian.issuegen import SynthIssue
from banmian.model import Article, Field, Page, Paragraph, ParagraphType, Span
from banmian.pipeline import parse_text

Ref = tuple[int, str]
"""A page article: page number and article id."""


@dataclass(slots=True)
class LinkScore:
    """Link counts over one or more issues, with what went wrong."""

    issues: int = 0
    """Issues scored."""
    gold_links: int = 0
    """Links in the gold."""
    predicted_links: int = 0
    """Links the linker made."""
    correct_links: int = 0
    """Predicted links whose parts align with a gold link's."""
    dangling: int = 0
    """Gold jumps to a page missing from the issue."""
    dangling_warned: int = 0
    """Of those, jumps the linker warned about (``continuation-page-missing``)."""
    articles: int = 0
    """Page articles parsed."""
    count_errors: list[str] = field(default_factory=list)
    """Articles lost or repeated, and issues whose article count is off."""
    misses: list[str] = field(default_factory=list)
    """Gold links not found and predicted links that are wrong, one line each."""

    @property
    def precision(self) -> float:
        """Share of predicted links that are right (1 when none were made)."""
        return self.correct_links / self.predicted_links if self.predicted_links else 1.0

    @property
    def recall(self) -> float:
        """Share of gold links found (1 when the gold has none)."""
        return self.correct_links / self.gold_links if self.gold_links else 1.0

    def add(self, other: LinkScore) -> None:
        """Add another issue's counts to these."""
        self.issues += other.issues
        self.gold_links += other.gold_links
        self.predicted_links += other.predicted_links
        self.correct_links += other.correct_links
        self.dangling += other.dangling
        self.dangling_warned += other.dangling_warned
        self.articles += other.articles
        self.count_errors.extend(other.count_errors)
        self.misses.extend(other.misses)

    def to_dict(self) -> dict[str, Any]:
        """The figures as JSON-ready data."""
        return {
            "issues": self.issues,
            "gold_links": self.gold_links,
            "predicted_links": self.predicted_links,
            "correct_links": self.correct_links,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "dangling": self.dangling,
            "dangling_warned": self.dangling_warned,
            "articles": self.articles,
            "count_errors": self.count_errors,
            "misses": self.misses,
        }


Reader = Literal["text", "pdf", "gold"]
"""How an issue's pages reach the linker: parsed from their text dumps, read from PDF
pages laid out from the same content (``banmian.pdfgen``), or as the gold has them."""


def parse_issue_pages(synth: SynthIssue) -> list[Page]:
    """Parse each generated page with its paper, date and page number."""
    return [
        parse_text(p.text, paper=synth.paper, date=synth.date, page=p.gold["page"])
        for p in synth.pages
    ]


def read_issue_pdfs(synth: SynthIssue) -> list[Page]:
    """Lay each page of the issue out as a PDF page and read it with the PDF reader."""
    from banmian.pdf import parse_pdf
    from banmian.pdfgen import lay_out, render

    pages = []
    for content, printed in zip(synth.contents, synth.pages, strict=True):
        data = render([lay_out(content)])
        number = printed.gold["page"]
        result = next(iter(parse_pdf(data, paper=synth.paper, date=synth.date, page=number)))
        if result.page is None:
            raise ValueError(f"issue {synth.seed}, page {number}: {result.error}")
        pages.append(result.page)
    return pages


PROBE = 24
"""Characters of text next to a marker used to find the gold article it belongs to (twice
and four times as many when that many are found in several: generated text repeats)."""


def _text_paragraphs(art: Article) -> list[str]:
    return [squeeze(p.text) for p in art.paragraphs if p.type is ParagraphType.TEXT and p.text]


def _gold_holders(synth: SynthIssue, pages: list[Page]) -> tuple[dict[Ref, Ref], dict[Ref, Ref]]:
    """Each page article → the gold article holding its last text, and its first text.

    A link is made at the markers, so it is judged there: the part that jumps by the text
    before its 下转 (its last text paragraph), the part that picks up by the text after its
    上接. This holds even when the parser cut an article differently elsewhere.
    """
    ends: dict[Ref, Ref] = {}
    starts: dict[Ref, Ref] = {}
    for synth_page, page in zip(synth.pages, pages, strict=True):
        number = synth_page.gold["page"]
        gold = gold_from_dict(synth_page.gold, Path(synth_page.gold["source"]))
        bodies = [
            (g.id, "".join(squeeze(p.text) for p in g.paragraphs if p.type is ParagraphType.TEXT))
            for g in gold.articles
        ]
        for art in page.articles:
            text = "".join(_text_paragraphs(art))
            if not text:
                continue
            for size in (PROBE, 2 * PROBE, 4 * PROBE):
                for probe, out in ((text[-size:], ends), (text[:size], starts)):
                    holders = [gid for gid, body in bodies if probe in body]
                    if len(holders) == 1:
                        out.setdefault((number, art.id), (number, holders[0]))
    return ends, starts


def gold_pages(synth: SynthIssue) -> list[Page]:
    """The generated pages as a perfect parser would give them (from their gold).

    Linking these measures the linker alone; linking parsed pages measures it together
    with the parser. Spans point at line 1: gold pages have no source text.
    """
    here = [Span(1, 0, 0)]
    pages = []
    for synth_page in synth.pages:
        gold = gold_from_dict(synth_page.gold, Path(synth_page.gold["source"]))
        articles = [
            Article(
                id=g.id,
                title=Field(g.title, here, "gold") if g.title else None,
                kicker=Field(g.kicker, here, "gold") if g.kicker else None,
                subtitle=Field(g.subtitle, here, "gold") if g.subtitle else None,
                continued_from=g.continued_from,
                continues_to=g.continues_to,
                paragraphs=[Paragraph(p.type, p.text, here, "gold") for p in g.paragraphs],
            )
            for g in gold.articles
        ]
        pages.append(
            Page(lines=[], paper=synth.paper, date=synth.date, page=gold.page, articles=articles)
        )
    return pages


def score_issue(synth: SynthIssue, *, oracle: bool = False, reader: Reader = "text") -> LinkScore:
    """Read and link a generated issue and score it (``oracle``: link its gold pages)."""
    if oracle or reader == "gold":
        pages = gold_pages(synth)
    elif reader == "pdf":
        pages = read_issue_pdfs(synth)
    else:
        pages = parse_issue_pages(synth)
    linked = link_issue(pages)
    ends, starts = _gold_holders(synth, linked.pages)
    gold = {
        ((g["from"]["page"], g["from"]["article"]), (g["to"]["page"], g["to"]["article"]))
        for g in synth.links
    }
    score = LinkScore(issues=1, gold_links=len(gold), predicted_links=len(linked.links))
    found: set[tuple[Ref, Ref]] = set()
    for link in linked.links:
        pair = (
            ends.get((link.source.page, link.source.article)),
            starts.get((link.target.page, link.target.article)),
        )
        if pair[0] is not None and pair[1] is not None and (pair[0], pair[1]) in gold:
            found.add((pair[0], pair[1]))
            score.correct_links += 1
        else:
            score.misses.append(f"issue {synth.seed}: wrong link {link.source} → {link.target}")
    for g in sorted(gold - found):
        score.misses.append(f"issue {synth.seed}: missed link p{g[0][0]}/{g[0][1]} → p{g[1][0]}")
    warned = {
        (w.ref.page, w.ref.article)
        for w in linked.warnings
        if w.ref and w.code == "continuation-page-missing"
    }
    warned_gold = {ends.get(ref) for ref in warned}
    for d in synth.dangling:
        score.dangling += 1
        score.dangling_warned += (d["page"], d["article"]) in warned_gold
    total = sum(len(p.articles) for p in linked.pages)
    score.articles = total
    score.count_errors.extend(f"issue {synth.seed}: {p}" for p in linked.check_each_article_once())
    if len(linked.articles) != total - len(linked.links):
        score.count_errors.append(
            f"issue {synth.seed}: {len(linked.articles)} issue articles from {total} page "
            f"articles and {len(linked.links)} links"
        )
    return score


def score_issues(
    issues: list[SynthIssue], *, oracle: bool = False, reader: Reader = "text"
) -> LinkScore:
    """Score several generated issues together."""
    total = LinkScore()
    for synth in issues:
        total.add(score_issue(synth, oracle=oracle, reader=reader))
    return total
