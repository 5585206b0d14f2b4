"""Synthetic multi-page issues with continuations and their gold, to test issue linking.

``generate_issue(seed)`` draws 3–6 pages of one paper and date with ``banmian.synth``
(page numbers 1…n, now and then with one number left out, as when a folder lacks a page),
then makes several articles jump: an article is cut between two paragraphs or, half the
time, after a comma in mid-sentence; its first part ends with （下转第N版）, 下转第N版 or
转第N版 (Arabic or Chinese numerals, as each page's layout draws them), and its rest opens
on page N with （上接第M版） under the title repeated, whole or shortened (one line of a
parallel title, or a few characters cut off). A jump now and then names a page that is not
in the issue: its rest is nowhere, and a linker must warn about it. Closing bylines and end
notes go with the rest; the title group, dateline and reporter lines stay with the start.

The gold is each page's gold (``banmian.synth`` format, continuation pages filled in) plus
the issue's ``links`` (``{"from": {"page", "article"}, "to": {"page", "article"}}``, gold
article ids) and ``dangling`` jumps (``{"page", "article", "continues_to"}``). An issue
always gives the same pages for the same seed; pages made by ``banmian.synth`` alone are
untouched by this module.
"""

from __future__ import annotations

import datetime as dt
import json
import random
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from banmian.synth import (
    _FULLWIDTH,
    _PAPERS,
    SynthArticle,
    SynthContent,
    SynthFurniture,
    SynthPage,
    _draw_furniture,
    _Writer,
    draw_content,
    print_content,
)

MIN_PAGES = 3
"""Fewest pages in a generated issue."""
MAX_PAGES = 6
"""Most pages in a generated issue."""
DANGLING_RATE = 0.2
"""Share of jumps that name a page missing from the issue."""


@dataclass(frozen=True, slots=True)
class SynthIssue:
    """A generated issue: its pages (text and gold) and the gold links between them."""

    seed: int
    """The seed it was drawn from."""
    paper: str
    """The newspaper."""
    date: str
    """The issue date, ISO."""
    pages: list[SynthPage]
    """The pages in page order; each gold names its page number."""
    links: list[dict[str, Any]]
    """Gold links: ``{"from": {"page", "article"}, "to": {"page", "article"}}``."""
    dangling: list[dict[str, Any]]
    """Jumps to a page not in the issue: ``{"page", "article", "continues_to"}``."""
    contents: list[SynthContent] = field(default_factory=list, compare=False, repr=False)
    """What each page holds, before printing, in page order (``banmian.pdfgen`` lays
    it out as a PDF page)."""

    def file_name(self, page: SynthPage) -> str:
        """The page's file name, ``{paper}_{date}_{page:02d}.txt``."""
        return f"{self.paper}_{self.date}_{page.gold['page']:02d}.txt"

    def gold(self) -> dict[str, Any]:
        """The issue's gold: pages, links and dangling jumps."""
        return {
            "paper": self.paper,
            "date": self.date,
            "pages": [p.gold for p in self.pages],
            "links": self.links,
            "dangling": self.dangling,
        }

    def write(self, folder: str | Path) -> list[Path]:
        """Write each page as a text file named by the pattern, and ``issue.gold.json``."""
        where = Path(folder)
        where.mkdir(parents=True, exist_ok=True)
        paths = []
        for page in self.pages:
            path = where / self.file_name(page)
            path.write_text(page.text, encoding="utf-8")
            paths.append(path)
        gold = json.dumps(self.gold(), ensure_ascii=False, indent=1)
        (where / "issue.gold.json").write_text(gold + "\n", encoding="utf-8")
        return paths


def _splittable(art: SynthArticle) -> bool:
    """An article that can jump: plain news with two text paragraphs in a row."""
    if art.lead or art.obituary or art.continued_from or art.continues_to:
        return False
    # A byline made of dateline reporters and a closing one cannot be shared out simply.
    if art.byline_printed and (art.standalone or "（" in art.dateline_printed):
        return False
    return bool(_cuts(art))


def _cuts(art: SynthArticle) -> list[int]:
    """Paragraph indexes the rest may start at: text after text."""
    paras = art.paragraphs
    return [k for k in range(1, len(paras)) if paras[k][0] == paras[k - 1][0] == "text"]


def _cut_mid_sentence(
    rng: random.Random, para: tuple[str, str, str]
) -> tuple[tuple[str, str, str], tuple[str, str, str]] | None:
    """Cut a paragraph after one of its commas (printed and gold alike), if it has one."""
    kind, printed, gold = para
    commas = [i for i, ch in enumerate(gold) if ch == "，" and 6 <= i <= len(gold) - 6]
    if not commas:
        return None
    nth = gold[: rng.choice(commas)].count("，")
    at_gold = _nth_comma(gold, nth) + 1
    at_printed = _nth_comma(printed, nth) + 1
    return (
        (kind, printed[:at_printed], gold[:at_gold]),
        (kind, printed[at_printed:], gold[at_gold:]),
    )


def _nth_comma(text: str, nth: int) -> int:
    at = -1
    for _ in range(nth + 1):
        at = text.index("，", at + 1)
    return at


def _repeated_title(rng: random.Random, art: SynthArticle) -> tuple[list[str], str]:
    """The title printed over the rest: whole, one line of a parallel pair, or cut short."""
    if art.title_form == "parallel":
        if rng.random() < 0.4:
            return list(art.title), "parallel"
        return [rng.choice(art.title)], "single"
    title = "".join(art.title)
    if rng.random() < 0.6 or len(title) < 10:
        return [title], "single"
    cut = rng.randint(2, min(4, len(title) - 8))
    return [title[cut:] if rng.random() < 0.5 else title[:-cut]], "single"


def _split(rng: random.Random, art: SynthArticle, to_page: int, from_page: int) -> SynthArticle:
    """Make ``art`` jump to ``to_page``; return its rest, which opens with 上接第from_page版."""
    k = rng.choice(_cuts(art))
    head, rest = art.paragraphs[:k], art.paragraphs[k:]
    if rng.random() < 0.5:
        cut = _cut_mid_sentence(rng, rest[0])
        if cut is not None:
            head, rest = [*head, cut[0]], [cut[1], *rest[1:]]
    title, form = _repeated_title(rng, art)
    tail = SynthArticle(title=title, title_form=form, paragraphs=rest, continued_from=from_page)
    if art.byline_printed:
        tail.byline_printed, tail.byline, tail.authors = art.byline_printed, art.byline, art.authors
        art.byline_printed, art.byline, art.authors = None, None, []
    tail.endnote, art.endnote = art.endnote, None
    art.paragraphs = head
    art.continues_to = to_page
    return tail


def _reading_order(articles: list[SynthArticle]) -> list[int]:
    """Articles in drawing order, one with a detached lead first (as ``banmian.synth``)."""
    order = list(range(len(articles)))
    lead = next((i for i, a in enumerate(articles) if a.lead), None)
    if lead is not None:
        order.remove(lead)
        order.insert(0, lead)
    return order


def _page_numbers(rng: random.Random) -> list[int]:
    count = rng.randint(MIN_PAGES, MAX_PAGES)
    numbers = list(range(1, count + 1))
    if rng.random() < 0.3:
        gap = rng.randint(2, count)
        numbers = [n if n < gap else n + 1 for n in numbers]
    return numbers


def _refit(
    rng: random.Random, content: SynthContent, paper: str, issue: dt.date, page: int
) -> SynthContent:
    """The content as a page of this issue: paper, date, number and furniture to match."""
    furniture = SynthFurniture([], [])
    if content.furniture.top or content.furniture.bottom:
        furniture = _draw_furniture(_Writer(rng, issue), paper, page)
        if "fullwidth" in content.forms:
            furniture.top = [line.translate(_FULLWIDTH) for line in furniture.top]
            furniture.bottom = [line.translate(_FULLWIDTH) for line in furniture.bottom]
    return replace(content, paper=paper, issue=issue, page=page, furniture=furniture)


def generate_issue(seed: int) -> SynthIssue:
    """Generate issue ``seed``: 3–6 pages with 2–4 jumps, their texts and gold."""
    rng = random.Random(f"issue:{seed}")
    numbers = _page_numbers(rng)
    paper = rng.choice(_PAPERS)
    issue = dt.date(2012, 1, 1) + dt.timedelta(days=rng.randrange(13 * 365))
    contents = []
    for number in numbers:
        drawn = draw_content(rng.getrandbits(48), continuations=False, articles=rng.randint(3, 8))
        contents.append(_refit(rng, drawn, paper, issue, number))
    jumps: list[tuple[SynthContent, SynthArticle, SynthContent | None, SynthArticle | None]] = []
    wanted = rng.randint(2, 4)
    for _ in range(wanted * 4):
        if len(jumps) == wanted:
            break
        at = rng.randrange(len(contents) - 1)
        source = contents[at]
        choices = [a for a in source.articles if _splittable(a)]
        if not choices:
            continue
        art = rng.choice(choices)
        if rng.random() < DANGLING_RATE:
            missing = [n for n in range(source.page + 1, numbers[-1] + 3) if n not in numbers]
            _split(rng, art, rng.choice(missing[:2]), source.page)  # its rest is not here
            jumps.append((source, art, None, None))
            continue
        target = contents[rng.randrange(at + 1, len(contents))]
        tail = _split(rng, art, target.page, source.page)
        target.articles.insert(
            0 if rng.random() < 0.5 else rng.randint(0, len(target.articles)), tail
        )
        jumps.append((source, art, target, tail))
    contents = [replace(c, order=_reading_order(c.articles)) for c in contents]
    by_page = {c.page: c for c in contents}
    pages = []
    for content in contents:
        printed = print_content(content)
        printed.gold["source"] = f"{paper}_{issue.isoformat()}_{content.page:02d}.txt"
        printed.gold["notes"] = f"synthetic issue page, banmian.issuegen seed {seed}"
        pages.append(printed)
    links: list[dict[str, Any]] = []
    dangling: list[dict[str, Any]] = []
    for jumped_from, jumper, jumped_to, rest in jumps:
        ref = {"page": jumped_from.page, "article": _gold_id(by_page[jumped_from.page], jumper)}
        if jumped_to is None or rest is None:
            dangling.append(ref | {"continues_to": jumper.continues_to})
        else:
            to = {"page": jumped_to.page, "article": _gold_id(by_page[jumped_to.page], rest)}
            links.append({"from": ref, "to": to})
    return SynthIssue(seed, paper, issue.isoformat(), pages, links, dangling, contents)


def _gold_id(content: SynthContent, art: SynthArticle) -> str:
    """The gold id (a1, a2 …) of an article on its page."""
    index = next(i for i, a in enumerate(content.articles) if a is art)
    return f"a{content.order.index(index) + 1}"


def issue_seeds(n: int, seed: int = 0) -> list[int]:
    """The seeds of ``n`` issues determined by ``seed``."""
    rng = random.Random(f"issues:{seed}")
    return [rng.getrandbits(32) for _ in range(n)]
