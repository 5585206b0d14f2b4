"""Where a name read backwards from its last word (a post, an organization's suffix) starts.

Titles (``市委副书记``) and organizations (``无锡泽华经贸有限公司``) end in a known word; what
precedes is read back over ideographs until a function word (的, 在, 和 …) stops it. Some
names hold such a character themselves (有限公司, 经济开发区, 从江县); those do not stop.
"""

from __future__ import annotations

from banmian.enrich.gazetteer import divisions

STOP = frozenset("的有由是在向对为请让被了着把将从经据等并即也还又都就才已曾说称率随见同和与及")
"""Characters that end a name read backwards (陪同**市长**…, 会见了**局长**…)."""
STOP_EXCEPT = (
    "有限",
    "经济",
    "经贸",
    "经开",
    "经营",
    "经信",
    "和社会",
    "和信息",
    "和城乡",
    "和旅游",
)
"""Words inside organization names that open with a stop character (有限公司, 经济开发区,
人力资源和社会保障局)."""


def stops(text: str, at: int, extra: frozenset[str] = frozenset()) -> bool:
    """Whether the character at ``at`` ends a name read backwards."""
    if text[at] not in STOP and text[at] not in extra:
        return False
    if any(text.startswith(w, at) for w in STOP_EXCEPT):
        return False
    places = divisions()  # 从江县, 和田市: a place name opening with a stop character
    return not any(text[at : at + n] in places for n in (2, 3, 4))
