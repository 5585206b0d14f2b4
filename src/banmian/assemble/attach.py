"""Give each headline run to its article: before or after its body, or as a subhead.

PDF drawing order prints a page's headlines either after their bodies or before them;
the page's own layout says which (``detect_direction``). A run of headline units between
two segments is then split: its first units go to the article on one side, the rest to
the other, so that every article gets a title. Some pages mix the two placements article
by article; where a run's titles repeat the words of the articles on both sides, the
wording decides the split and the article whose title stands on the unusual side takes
no other run. A single short line between two pieces of running text that neither
closes nor opens an article is a subhead, and the two pieces are one article.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from itertools import pairwise

from banmian.assemble.segments import HeadlineRun, Item, Segment
from banmian.assemble.words import bigrams, share_in
from banmian.classify import headline
from banmian.classify.patterns import is_bare_name
from banmian.model import BlockKind
from banmian.units import Unit

SUBHEAD_MAX_SHARE = 1.0
"""A subhead is no wider than the column it stands in (as a share of the column)."""


class Direction(StrEnum):
    """Where a page prints headlines relative to their bodies."""

    AFTER = "after"
    BEFORE = "before"


@dataclass(slots=True)
class Chain:
    """An article in the making: headline units and the segments of its body."""

    segments: list[Segment] = field(default_factory=list)
    """Body segments, in order; between two of them stand ``subheads``."""
    subheads: dict[int, list[Unit]] = field(default_factory=dict)
    """Subhead units standing before segment i (index into ``segments``)."""
    before: list[Unit] = field(default_factory=list)
    """Headline units printed before the body."""
    after: list[Unit] = field(default_factory=list)
    """Headline units printed after the body."""

    @property
    def headlines(self) -> list[Unit]:
        """All headline units (before, then after)."""
        return self.before + self.after

    @property
    def caption_only(self) -> bool:
        """Nothing but photo captions (a photo between articles): it needs no title."""
        return all(_captions_only(seg) for seg in self.segments)

    @property
    def opens(self) -> bool:
        """Its first segment opens an article (dateline, 上接, reporter line)."""
        return self.segments[0].opens

    @property
    def closes(self) -> bool:
        """Its last segment closes an article (byline, 下转, end note)."""
        return self.segments[-1].closes


LEXICAL_MARGIN = 0.2
"""How much more of a headline's wording one side must share to count as its article."""
LEXICAL_MIN = 0.4
"""A headline must share at least this much of its wording with the side it goes to."""
LEXICAL_WEIGHT = 2
"""Weight of one headline run's lexical evidence in the direction vote."""
OPENING_CHARS = 300
"""How much of a segment's text is compared with a headline (an article's opening)."""


def _opening(segment: Segment) -> str:
    """A segment's opening (its first ``OPENING_CHARS`` characters)."""
    opening = ""
    for unit in segment.units:
        opening += unit.text.text
        if len(opening) >= OPENING_CHARS:
            break
    return opening[:OPENING_CHARS]


def _continued_part(items: list[Item]) -> bool:
    """The items open with a segment that starts with a 上接 marker."""
    return (
        bool(items)
        and isinstance(items[0], Segment)
        and (items[0].units[0].parts[0].opens == "continuation")
    )


def _captions_only(segment: Segment) -> bool:
    """Nothing but photo captions: a photo standing between texts."""
    return all(u.kind is BlockKind.CAPTION for u in segment.units)


def detect_direction(items: list[Item]) -> tuple[Direction, int]:
    """Decide whether headlines follow or precede their bodies on this page.

    Evidence: a page that ends with a headline run and starts with text prints headlines
    after (and the other way round); a segment that opens an article right after another
    segment has no headline before it (so headlines come after), and one that closes an
    article right before another segment has none after it (so they come before).
    Strongest of all: a headline shares words with its own article's opening.

    Not evidence: a run between text that closes no article and text that opens one (or
    between closed text and text that opens none). Both readings fit it equally, a title
    after the first article or before the second; counted for "before", it outvoted the
    real evidence on every page whose articles open with 本报讯（记者 …） and end bare.
    Nor an article opening right after a photo's caption: a photo stands between a title
    and its text under both placements.

    Returns the direction and the margin of the vote (0 or 1: a guess).
    """
    after = before = 0
    openings: dict[int, str] = {}  # a segment's opening, once per segment

    def opening(segment: Segment) -> str:
        if id(segment) not in openings:
            openings[id(segment)] = _opening(segment)
        return openings[id(segment)]

    if items:
        after += 2 if isinstance(items[-1], HeadlineRun) else 0
        # A continued part repeats its title above the 上接 marker whatever the page
        # does, so a page opening with that says nothing.
        if isinstance(items[0], HeadlineRun) and not _continued_part(items[1:2]):
            before += 2
        after += 1 if isinstance(items[0], Segment) else 0
        before += 1 if isinstance(items[-1], Segment) else 0
    for prev, cur in pairwise(items):
        if isinstance(prev, Segment) and isinstance(cur, Segment):
            if _captions_only(prev):
                continue  # a photo stands between a title and its text either way
            if cur.opens:
                after += 1  # an article opening right after text has no title above
            if prev.closes:
                before += 1  # an article closed right before text has no title below
    for prev, run, nxt in zip(items, items[1:], items[2:], strict=False):
        if isinstance(prev, Segment) and isinstance(run, HeadlineRun) and isinstance(nxt, Segment):
            # A title repeats the words of its own article's opening: the strongest cue.
            lean = _lean("".join(u.text.text for u in run.units), opening(prev), opening(nxt))
            if lean == -1:
                after += LEXICAL_WEIGHT
            elif lean == 1:
                before += LEXICAL_WEIGHT
    direction = Direction.BEFORE if before > after else Direction.AFTER
    return direction, abs(before - after)


def _is_subhead(run: HeadlineRun, prev: Segment | None, nxt: Segment | None) -> bool:
    if prev is None or nxt is None or prev.closes or nxt.opens or len(run.units) != 1:
        return False
    if nxt.units[0].kind is not BlockKind.BODY:
        return False  # a subhead stands above running text, not above a caption
    unit = run.units[0]
    if unit.parts[0].heading_type:
        return False  # set in headline type: the next article's title, not a subhead
    return len(unit.parts) == 1 and unit.parts[0].width <= unit.column * SUBHEAD_MAX_SHARE


def _split_point(units: list[Unit], give_first: bool) -> int:
    """Where to split a run shared by two articles: units[:i] go to the earlier one.

    A subtitle (——…) and an author's name (陈 静) stay with the unit before them, and a
    kicker ending in —— with the unit after it. ``give_first`` gives the earlier article
    the larger share.
    """
    n = len(units)
    candidates = [
        i
        for i in range(1, n)
        if not units[i].text.text.lstrip().startswith(("—", "─"))
        and not is_bare_name(units[i].text.text)
        and not units[i - 1].text.text.rstrip().endswith(("—", "─"))
    ] or list(range(1, n))
    return max(candidates) if give_first else min(candidates)


def _lean(headline_text: str, earlier: str, later: str) -> int:
    """Which article's opening a headline repeats the words of: -1 the earlier one, 1 the
    later one, 0 neither clearly."""
    words = bigrams(headline_text)
    to_earlier, to_later = share_in(words, earlier), share_in(words, later)
    if to_earlier >= LEXICAL_MIN and to_earlier > to_later + LEXICAL_MARGIN:
        return -1
    if to_later >= LEXICAL_MIN and to_later > to_earlier + LEXICAL_MARGIN:
        return 1
    return 0


def _lexical_split(units: list[Unit], earlier: Chain, later: Chain) -> int | None:
    """Where a run between two articles splits when its wording says so: units[:i] go to
    the earlier article, the rest to the later one.

    A title repeats words of its own article's opening. When one unit of the run does
    that for the earlier article and a later unit for the next one, each article's
    headline is printed next to it, whatever the page does elsewhere (pages mix the two
    placements article by article). The cut comes right after the earlier article's
    title and the subtitles (——…) under it; a unit between that says nothing (a kicker,
    a column label) opens the next article's group. ``None`` unless both articles claim
    a unit and their claims do not cross.
    """
    if len(units) < 2:
        return None  # one unit: nothing to split
    first = "".join(_opening(earlier.segments[0]).split())
    second = "".join(_opening(later.segments[0]).split())
    leans = [_lean(u.text.text, first, second) for u in units]
    if -1 not in leans or 1 not in leans:
        return None
    first_later = leans.index(1)
    at = len(leans) - leans[::-1].index(-1)  # after the last unit of the earlier article
    if at > first_later:
        return None
    while at < first_later and units[at].text.text.lstrip().startswith(("—", "─")):
        at += 1
    return at


def _resembles(unit: Unit, others: list[Unit]) -> bool:
    """Shaped like one of ``others``: one line of about the same width."""
    return len(unit.parts) == 1 and any(
        len(o.parts) == 1 and abs(o.parts[0].width - unit.parts[0].width) <= 2.0 for o in others
    )


def chain(items: list[Item], direction: Direction) -> tuple[list[Chain], list[Unit]]:
    """Group segments and headline runs into article chains.

    Returns the chains in reading order and the headline units no article could take.
    """
    # 1. Subheads join the segments around them into one chain.
    chains: list[Chain] = []
    runs: list[tuple[HeadlineRun, Chain | None, Chain | None]] = []
    pending: HeadlineRun | None = None
    prev_seg: Segment | None = None
    for item in items:
        if isinstance(item, HeadlineRun):
            pending = item
            continue
        if pending is not None and _is_subhead(pending, prev_seg, item) and chains:
            chains[-1].subheads[len(chains[-1].segments)] = pending.units
            chains[-1].segments.append(item)
        else:
            chains.append(Chain([item]))
            if pending is not None:
                runs.append((pending, chains[-2] if len(chains) > 1 else None, chains[-1]))
        pending = None
        prev_seg = item
    if pending is not None:
        runs.append((pending, chains[-1] if chains else None, None))

    # 2. Which chains have a run of their own on the page's side?
    own_side: dict[int, bool] = {}
    for _run, earlier, later in runs:
        owner = earlier if direction is Direction.AFTER else later
        if owner is not None:
            own_side[id(owner)] = True

    # 3. Runs whose wording says where they split go first (``_lexical_split``); an
    # article titled that way on the side against the page's takes no other run.
    split: set[int] = set()
    titled_against: set[int] = set()
    for k, (run, earlier, later) in enumerate(runs):
        if earlier is None or later is None:
            continue
        if any(headline.is_box_label(u.text.text) for u in run.units):
            continue  # a box label says where the run splits (below)
        at = _lexical_split(run.units, earlier, later)
        if at is None:
            continue
        split.add(k)
        earlier.after.extend(run.units[:at])
        later.before.extend(run.units[at:])
        titled_against.add(id(later if direction is Direction.AFTER else earlier))

    # 4. Share each other run between the articles on either side.
    orphans: list[Unit] = []
    for k, (run, earlier, later) in enumerate(runs):
        if k in split:
            continue
        units = list(run.units)
        if direction is Direction.AFTER:
            owner, other = earlier, later
        else:
            owner, other = later, earlier
        if owner is not None and id(owner) in titled_against and other is not None:
            owner = None  # its headline stands on the other side: the run is the other's
        elif (
            direction is Direction.AFTER
            and owner is not None
            and owner.caption_only
            and owner.before
            and other is not None
        ):
            owner = None  # a photo item titled above its caption: the run is the next one's
        if owner is None:
            if other is None:
                orphans.extend(units)
            elif direction is Direction.AFTER:
                other.before.extend(units)
            else:
                other.after.extend(units)
            continue
        # A box label (短评, 链接) opens the headline group of the box below it.
        label_at = next(
            (i for i, u in enumerate(units) if headline.is_box_label(u.text.text)), None
        )
        if label_at is not None and later is not None:
            if earlier is not None:
                earlier.after.extend(units[:label_at])
            elif units[:label_at]:
                orphans.extend(units[:label_at])
            later.before.extend(units[label_at:])
            continue
        # Trailing units shaped like the next article's subheads open its body.
        if direction is Direction.AFTER and later is not None and not later.opens:
            inner = [u for us in later.subheads.values() for u in us]
            while len(units) > 1 and inner and _resembles(units[-1], inner):
                later.subheads.setdefault(0, []).insert(0, units.pop())
        other_needs = (
            other is not None
            and not own_side.get(id(other))
            and not other.headlines
            and not other.caption_only
        )
        if other_needs and other is not None and len(units) > 1:
            at = _split_point(units, give_first=direction is Direction.AFTER)
            if direction is Direction.AFTER:
                owner.after.extend(units[:at])
                other.before.extend(units[at:])
            else:
                other.after.extend(units[:at])
                owner.before.extend(units[at:])
        elif direction is Direction.AFTER:
            owner.after.extend(units)
        else:
            owner.before.extend(units)
    return chains, orphans
