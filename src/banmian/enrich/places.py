"""Places named in an article, normalized by the gazetteer: 锡山区 → 江苏省无锡市锡山区.

The longest gazetteer name at each position wins. A name several divisions share (朝阳区)
takes the one that lies in a place named elsewhere on the page, else stays unresolved
(its mention kept, with low confidence and no code).
"""

from __future__ import annotations

from banmian.enrich.gazetteer import Division, divisions, names_re
from banmian.enrich.texts import Text
from banmian.model import Mention, MentionType


def _matches(text: str) -> list[tuple[int, int, list[Division]]]:
    index = divisions()
    return [(m.start(), m.end(), index[m.group()]) for m in names_re().finditer(text)]


def find_places(texts: list[Text]) -> list[Mention]:
    """Places in an article's texts.

    A name several divisions share takes the one inside a place named unambiguously; a
    county-level city's short form (江阴 for 江阴市) counts only when its city or province
    is named too, for short forms collide with words (合作市, 安宁市).
    """
    found = [(t, a, b, divs) for t in texts for a, b, divs in _matches(t.text)]
    known = [
        divs[0] for t, a, b, divs in found if len(divs) == 1 and _full_or_high(divs[0], t.text[a:b])
    ]
    out: list[Mention] = []
    for t, a, b, divs in found:
        name = t.text[a:b]
        candidates = [
            d for d in divs if _full_or_high(d, name) or any(d.within(k) and d != k for k in known)
        ]
        choice: Division | None = candidates[0] if len(candidates) == 1 else None
        if len(candidates) > 1:
            inside = [d for d in candidates if any(d.within(k) and d != k for k in known)]
            choice = inside[0] if len(inside) == 1 else None
        if not candidates:
            continue
        out.append(
            t.mention(
                MentionType.PLACE,
                a,
                b,
                "gazetteer",
                confidence=1.0 if choice else 0.5,
                name=choice.full_name if choice else None,
                code=choice.code if choice else None,
            )
        )
    return out


def _full_or_high(division: Division, printed: str) -> bool:
    """A full name, or the short form of a province or prefecture-level city."""
    return printed == division.name or division.level < 3
