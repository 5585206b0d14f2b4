"""Reporters: the people a byline, a dateline or a photo credit names.

The role printed before a name (记者, 本报通讯员, 中青报·中青网记者) is their title; an
outlet in it (中青报·中青网) is their organization, this paper (本报) none.
"""

from __future__ import annotations

import re

from banmian.classify.patterns import ROLE, is_bare_name
from banmian.enrich.person_names import Person, surname_length
from banmian.enrich.texts import Text
from banmian.model import Article
from banmian.normalize import IDEOGRAPH

_ROLE_RE = re.compile(ROLE)
_ROLE_WORD_RE = re.compile(
    "(?:特约|见习|实习|全媒|融媒|全媒体|首席|资深)?(?:记者|通讯员|实习生|评论员|摄影|撰稿|编译)$"
)
"""The role word at the end of a role (记者 of 科技日报记者); what precedes is the outlet."""
_TOKEN_SPLIT_RE = re.compile("[\\s、，,（）()：:]+")
_CREDIT_RE = re.compile(
    f"(?:(?P<role>{ROLE})|(?<![{IDEOGRAPH}]))[ \u3000]*"
    f"(?P<name>[{IDEOGRAPH}](?:[ \u3000]?[{IDEOGRAPH}]){{1,2}})[ \u3000]*摄"
)
"""A photo credit: 李 鑫摄, 本报记者 林云 摄."""


def byline_reporters(article: Article, found: dict[str, Person]) -> None:
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


def credited(texts: list[Text], found: dict[str, Person]) -> None:
    """Photographers credited in the texts (李 鑫摄, 本报记者 林云 摄)."""
    for text in texts:
        for m in _CREDIT_RE.finditer(text.text):
            name = "".join(m["name"].split())
            if surname_length(name, 0) and name not in found:
                found[name] = Person(name, m["role"], None, "reporter", "credit")
