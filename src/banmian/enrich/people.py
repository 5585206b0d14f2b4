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
from dataclasses import dataclass

from banmian.classify.patterns import COMPOUND_SURNAMES, ROLE, SURNAMES, is_bare_name
from banmian.enrich.boundaries import stops
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

SPEECH = (
    "指出|强调|表示|说|介绍|透露|坦言|认为|要求|希望|讲话|致辞|告诉|提出|称|谈到|建议|回忆|感慨"
)
"""Verbs that report speech after a name."""
FOLLOWERS = (
    f"{SPEECH}|出席|参加|主持|来到|到|在|等|同志|一行|率|带领|会见|会谈|调研|看望|慰问|视察|检查"
    "|走访|前往|赴|陪同|和|与|及|为|对|向|的|是|也|还|就|将|把|被|所|曾|已|从|同|分别|先后|代表"
    "|宣布|通报|回答|深入|作|做|获|随|亲切|一起|共同|表彰|签署|签约|担任|说道|笑着|则|又|都"
    "|一边|以前|今年|去年|每|从小|一直|正在|已经|通过|经常|却|不仅|早已|非常|带着"
)
"""Words that follow a name: where one starts, the name has ended."""
_FOLLOW_RE = re.compile(FOLLOWERS)
_SPEECH_AFTER_RE = re.compile(
    f"(?:在[^，。；]{{0,10}}?[中上]|[^，。；]{{0,10}}?并)?(?:也|还|同时|进一步|最后|首先)?(?:{SPEECH})"
    "|[^，。；“]{0,12}?[：:]“"
)
_IDEO_RE = re.compile(f"[{IDEOGRAPH}]")
MAX_ORG = 20
"""Longest organization part of one title in a chain."""
_LIST_SEP = "、"
_ROLE_RE = re.compile(ROLE)
_ROLE_WORD_RE = re.compile(
    "(?:特约|见习|实习|全媒|融媒|全媒体|首席|资深)?(?:记者|通讯员|实习生|评论员|摄影|撰稿|编译)$"
)
"""The role word at the end of a role (记者 of 科技日报记者); what precedes is the outlet."""
_TOKEN_SPLIT_RE = re.compile("[\\s、，,（）()：:]+")
_PLACE_ENDS = frozenset("村镇乡县区市路街")
"""Last characters of place names, never of a given name (区长白新村: no 白新村)."""
_CREDIT_RE = re.compile(
    f"(?:(?P<role>{ROLE})|(?<![{IDEOGRAPH}]))[ \u3000]*"
    f"(?P<name>[{IDEOGRAPH}](?:[ \u3000]?[{IDEOGRAPH}]){{1,2}})[ \u3000]*摄"
)
"""A photo credit: 李 鑫摄, 本报记者 林云 摄."""
_AGE_RE = re.compile("[0-9０-９一二三四五六七八九十]{1,3}岁的")
"""An age before a name: 52岁的周桂兰."""
_STATUS_RE = re.compile("[^，。；]{0,24}?(?:离休干部|退休干部|老干部|老党员|老同志)")
"""A status between a title and a name (享受乡科级政治生活待遇的离休干部)."""
_ANONYMOUS_RE = re.compile("某{1,2}(?!某)")
_STRONG_FOLLOW_RE = re.compile(
    "|".join([w for w in FOLLOWERS.split("|") if len(w) > 1] + ["说", "称"])
)
"""A follower of two characters or more, or 说/称: after two characters it ends the name."""
_CONJUNCTIONS = frozenset("和与及同向对在为把被将从于")
"""Surnames that are far more often a conjunction or preposition (和, 向, 于)."""
HONORIFICS = frozenset(
    "女士 先生 小姐 师傅 阿姨 大爷 大妈 大姐 大哥 老师 同学 老人 奶奶 爷爷 老汉 某某".split()
)
"""What follows a surname in place of a given name (张女士, 陈先生): no full name."""
_ANCHOR_RE = re.compile(f"(?<![{IDEOGRAPH}])(?P<name>[{IDEOGRAPH}]{{2,4}}?)(?={SPEECH}|同志)")


@dataclass(slots=True)
class Person:
    """What the article says about one person."""

    name: str
    title: str | None
    organization: str | None
    role: str
    rule: str


def _surname_length(text: str, at: int) -> int:
    if text[at : at + 2] in COMPOUND_SURNAMES:
        return 2
    return 1 if at < len(text) and text[at] in SURNAMES else 0


def _boundary(text: str, at: int) -> bool:
    return at >= len(text) or not _IDEO_RE.match(text, at) or _FOLLOW_RE.match(text, at) is not None


_FOREIGN_NAME_RE = re.compile(
    f"(?!{FOLLOWERS})[{IDEOGRAPH}]{{2,4}}?(?:·[{IDEOGRAPH}]{{2,5}}?)*(?={SPEECH})"
)
"""A name without a Chinese surname (卡马乌, 安东尼奥·古特雷斯), trusted only after a title
and before a verb of speech."""


def read_name(
    text: str, at: int, known: set[str], *, foreign: bool = False, trusted: bool = False
) -> str | None:
    """The personal name starting at ``at``, or ``None`` if none does.

    With ``foreign``, a name without a Chinese surname is read too (after a title). With
    ``trusted`` (after a title or an age), a name whose end nothing marks is taken at three
    characters, the commonest length.
    """
    surname = _surname_length(text, at)
    if not surname:
        m = _FOREIGN_NAME_RE.match(text, at) if foreign else None
        return m.group() if m else None
    lengths = (surname + 2, surname + 1)
    for n in lengths:
        if text[at : at + n] in known:
            return text[at : at + n]
    anonymous = _ANONYMOUS_RE.match(text, at + surname)
    if anonymous:  # 孙某, 刘某某: names withheld
        return text[at : anonymous.end()]
    candidates = [
        text[at : at + n]
        for n in lengths
        if at + n <= len(text)
        and all(_IDEO_RE.match(c) for c in text[at : at + n])
        and text[at + surname : at + n] not in HONORIFICS
        and text[at + surname : at + surname + 2] not in HONORIFICS
        and text[at + n - 1] not in _PLACE_ENDS
    ]
    short = text[at : at + surname + 1]
    if short in candidates and _STRONG_FOLLOW_RE.match(text, at + len(short)):
        return short  # 张俊告诉记者, 陈浩说: the word after the name is plain
    for candidate in candidates:
        if _boundary(text, at + len(candidate)):
            return candidate
    if trusted and candidates and text[at] not in _CONJUNCTIONS:
        return candidates[0]
    return None


def _marked_end(text: str, at: int) -> bool:
    """A name ends here for sure: punctuation or a verb of speech follows."""
    return at >= len(text) or not _IDEO_RE.match(text, at) or bool(_SPEECH_AFTER_RE.match(text, at))


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
        if name is None or (not post and not _marked_end(t, m.end() + len(name))):
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


def _reporters(article: Article, found: dict[str, Person]) -> None:
    """Reporters named in the dateline and the byline, with the role printed before them.

    The role keeps its outlet (中青报·中青网记者), which is then the organization;
    本报 (this paper) names none.
    """
    authors = {"".join(a.split()) for a in article.authors}
    for f in (article.dateline, article.byline):
        if f is None:
            continue
        text = f.text
        if f is article.dateline:  # 本报北京3月4日电（记者 王五）: the reporters are in brackets
            text = text[text.find("（") + 1 :] if "（" in text else ""
        role: str | None = None
        tokens = [t for t in _TOKEN_SPLIT_RE.split(text) if t]
        for i, token in enumerate(tokens):
            m = _ROLE_RE.match(token)
            if m:
                role, token = m.group(), token[m.end() :]
            name = token
            # A padded name (刘 冕) comes as two tokens the byline rule already joined.
            if len(token) == 1 and i + 1 < len(tokens) and token + tokens[i + 1] in authors:
                continue
            if i and len(token) == 1 and tokens[i - 1] + token in authors:
                name = tokens[i - 1] + token
            if name in found or not (name in authors or is_bare_name(name)):
                continue
            outlet = _ROLE_WORD_RE.sub("", role) if role else ""
            org = None if outlet in ("", "本报", "本刊", "本台") else outlet
            found[name] = Person(name, role, org, "reporter", "byline")


def find_people(article: Article, texts: list[Text]) -> list[Mention]:
    """Every mention of a person in the article."""
    found: dict[str, Person] = {}
    known: set[str] = set()
    _reporters(article, found)
    known.update(found)
    for text in texts:
        for m in _CREDIT_RE.finditer(text.text):
            name = "".join(m["name"].split())
            if _surname_length(name, 0) and name not in found:
                found[name] = Person(name, m["role"], None, "reporter", "credit")
                known.add(name)
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
            if _SPEECH_AFTER_RE.match(t, m.end()) or (
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
