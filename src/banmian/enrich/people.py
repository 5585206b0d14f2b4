"""People named in an article, with the title chain printed with them.

Anchors, in order of trust:

1. a title chain right before a name: ``市委副书记、政法委书记朱爱勋``; a list after it
   shares it (``副主席许立新、吴红星``), and a post with no organization in the same sentence
   borrows the organization of the title before it (``市政协主席项雪龙，副主席许立新``);
2. bylines, datelines and photo credits: reporters (``记者 王五``, ``李鑫摄``);
3. a verb of speech or ``同志`` right after a surname and one or two characters
   (``杜小刚强调``);
4. any later occurrence of a name found by 1–3 in the same article.

A name's length (two or three characters) is read from what follows it: punctuation or a
word that follows names (出席, 指出, 在 …); a name already known in the article wins.
"""

from __future__ import annotations

import re

from banmian.enrich.boundaries import stops
from banmian.enrich.person_names import (
    SPEECH,
    SPEECH_AFTER_RE,
    Person,
    marked_end,
    read_name,
)
from banmian.enrich.reporters import byline_reporters, credited
from banmian.enrich.texts import Text
from banmian.enrich.titles import (
    COMMON_NOUNS,
    NOT_TITLES,
    OFFICE_POSTS,
    OFFICIAL_RE,
    ORGANIZATION_END_RE,
    POST_RE,
    PRIVATE_RE,
    PROFESSIONS,
)
from banmian.model import Article, Mention, MentionType
from banmian.normalize import IDEOGRAPH

_IDEO_RE = re.compile(f"[{IDEOGRAPH}]")
MAX_ORG = 20
"""Longest organization part of one title in a chain."""
_LIST_SEP = "、"
_AGE_RE = re.compile("[0-9０-９一二三四五六七八九十]{1,3}岁的")
"""An age before a name: 52岁的周桂兰."""
_STATUS_RE = re.compile("[^，。；]{0,24}?(?:离休干部|退休干部|老干部|老党员|老同志)")
"""A status between a title and a name (享受乡科级政治生活待遇的离休干部)."""
_ANCHOR_RE = re.compile(f"(?<![{IDEOGRAPH}])(?P<name>[{IDEOGRAPH}]{{2,4}}?)(?={SPEECH}|同志)")


def _chain_start(text: str, post_start: int) -> int:
    """Where the title chain ending in the post at ``post_start`` begins."""
    i = post_start
    while True:
        j = i
        while j > 0 and i - j < MAX_ORG and _IDEO_RE.match(text, j - 1) and not stops(text, j - 1):
            j -= 1
        # An earlier title joined by 、 (市委副书记、政法委书记) belongs to the chain.
        if j > 1 and text[j - 1] == _LIST_SEP:
            m = _last_post(text, max(0, j - 9), j - 1)
            if m is not None and m.end() == j - 1:
                i = m.start()
                continue
        return j


def _last_post(text: str, lo: int = 0, hi: int | None = None) -> re.Match[str] | None:
    """The last post in ``text[lo:hi]``."""
    found = list(POST_RE.finditer(text, lo, len(text) if hi is None else hi))
    return found[-1] if found else None


def _organization(chain: str) -> str | None:
    first = chain.split(_LIST_SEP)[0]
    m = _last_post(first)
    org = (first[: m.start()] if m else "").removeprefix("原").removesuffix("原")
    return org if ORGANIZATION_END_RE.search(org) else None


def _role(title: str | None, post: str, org: str | None) -> str:
    """``official`` for a public office: a post at a public body, or an office by itself."""
    if not title or post in PROFESSIONS or PRIVATE_RE.search(title):
        return "person"
    if org is not None and OFFICIAL_RE.search(org):
        return "official"
    return "official" if post in OFFICE_POSTS else "person"


def _titled(text: Text, known: set[str], found: dict[str, Person]) -> None:
    """Names after a title chain, and the lists that share it."""
    t = text.text
    last_org: str | None = None
    last_end = 0
    for m in POST_RE.finditer(t):
        # 群众, 游客 … say what someone is: a name after them needs a marked end.
        post = m.group() not in COMMON_NOUNS
        name = read_name(t, m.end(), known, foreign=post, trusted=post)
        name_at = m.end()
        if name is None and t.startswith(_LIST_SEP, m.end()):
            # 人大常委会原副主任、离休干部陈永康同志: the title, then a status, then the name
            status = _STATUS_RE.match(t, m.end() + 1)
            if status:
                name_at = status.end()
                name = read_name(t, name_at, known, trusted=True)
        if name is None or (not post and not marked_end(t, m.end() + len(name))):
            continue
        start = _chain_start(t, m.start())
        chain: str | None = t[start : m.end()]
        if chain in NOT_TITLES:
            chain = None
        org = _organization(chain) if chain else None
        if "。" in t[last_end:start]:
            last_org = None
        bare_post = chain is not None and POST_RE.fullmatch(chain) is not None
        if chain and bare_post and last_org and start > 0 and t[start - 1] in "，,；":
            chain = last_org + chain  # 市政协主席项雪龙，副主席许立新: 市政协副主席
            org = last_org
        last_org, last_end = org or last_org, m.end()
        at = name_at
        while name is not None:
            found.setdefault(name, Person(name, chain, org, _role(chain, m.group(), org), "title"))
            known.add(name)
            at += len(name)
            if at < len(t) and t[at] == _LIST_SEP:
                name = read_name(t, at + 1, known)
                at += 1
            else:
                name = None


def find_people(article: Article, texts: list[Text]) -> list[Mention]:
    """Every mention of a person in the article."""
    found: dict[str, Person] = {}
    known: set[str] = set()
    byline_reporters(article, found)
    credited(texts, found)
    known.update(found)
    for text in texts:
        _titled(text, known, found)
    for text in texts:
        for m in _AGE_RE.finditer(text.text):
            aged = read_name(text.text, m.end(), known, trusted=True)
            if aged and aged not in found:
                found[aged] = Person(aged, None, None, "person", "age")
                known.add(aged)
        for m in _ANCHOR_RE.finditer(text.text):
            speaker = read_name(text.text, m.start(), known)
            if speaker and speaker not in found:
                found[speaker] = Person(speaker, None, None, "person", "speech")
                known.add(speaker)
    return _mentions(texts, found)


ATTEND = "出席|参加|陪同|参观|视察|调研|考察|看望|慰问|主持|观摩|列席|走访|来到"
"""Verbs that report someone taking part."""
_ATTEND_RE = re.compile(ATTEND)
_SENTENCE_END_RE = re.compile("[。！？；]")
_QUOTE_RE = re.compile("“[^”]{4,}”")
_PRONOUN_SPEECH_RE = re.compile(f"[他她](?:笑着|也|还|又|同时)?(?:{SPEECH})")
"""A quotation said by 他 or 她: the person named last before it spoke."""


def _mentions(texts: list[Text], found: dict[str, Person]) -> list[Mention]:
    if not found:
        return []
    names = sorted(found, key=len, reverse=True)
    # A name may be printed padded (刘 冕) or cut by a justification space.
    name_re = re.compile("|".join("[ \u3000]?".join(map(re.escape, n)) for n in names))
    spoke = {n: False for n in names}
    attended = {n: False for n in names}
    out: list[Mention] = []
    last: str | None = None  # the person named last, for 他说 / 她表示 after a quotation
    for text in texts:
        t = text.text
        pronoun = _PRONOUN_SPEECH_RE.search(t) if _QUOTE_RE.search(t) else None
        if pronoun and last and name_re.search(t, 0, pronoun.start()) is None:
            spoke[last] = True  # “…”她说 in the paragraph after the one naming her
        for m in name_re.finditer(t):
            person = found["".join(m.group().split())]
            last = person.name if person.role != "reporter" else last
            if SPEECH_AFTER_RE.match(t, m.end()) or (
                pronoun
                and m.end() <= pronoun.start()
                and (name_re.search(t, m.end(), pronoun.start()) is None)
            ):
                spoke[person.name] = True
            out.append(
                text.mention(
                    MentionType.PERSON,
                    m.start(),
                    m.end(),
                    person.rule,
                    confidence=1.0 if person.rule in ("title", "byline") else 0.8,
                    name=person.name,
                    title=person.title,
                    organization=person.organization,
                    role=person.role,
                )
            )
        _attending(t, name_re, found, attended)
    for mention in out:
        mention.spoke = spoke[mention.name or ""]
        mention.attended = attended[mention.name or ""]
    return out


def _attending(
    text: str, name_re: re.Pattern[str], found: dict[str, Person], attended: dict[str, bool]
) -> None:
    """People named in a sentence before a verb of taking part (a list ending 参加活动)."""
    start = 0
    for end in [m.end() for m in _SENTENCE_END_RE.finditer(text)] + [len(text)]:
        verbs = [v.start() for v in _ATTEND_RE.finditer(text, start, end)]
        if verbs:
            for m in name_re.finditer(text, start, verbs[-1]):
                attended[found["".join(m.group().split())].name] = True
        start = end
