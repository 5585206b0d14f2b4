"""Organizations: a name ending in a word that names an organization (…有限公司, …法院).

Read backwards from the suffix over ideographs up to a word that ends a name (the same stop
characters as title chains), so ``市中级人民法院`` and ``无锡泽华经贸有限公司`` come whole.
Titles' organizations are found by the people rule; this one finds the rest.
"""

from __future__ import annotations

import re

from banmian.enrich.boundaries import stops
from banmian.enrich.texts import Text
from banmian.model import Mention, MentionType
from banmian.normalize import IDEOGRAPH

SUFFIXES = sorted(
    """
    有限责任公司 股份有限公司 有限公司 集团 公司 委员会 人民政府 政府 人民法院 中级法院 法院
    人民检察院 检察院 公安局 管理局 局 厅 办公室 管委会 研究院 研究所 研究中心 服务中心 中心 大学
    学院 中学 小学 医院 协会 商会 学会 联合会 基金会 银行 合作社 党支部 党委 市委 县委 区委
    省委 政协 人大常委会 纪委 监委 工作组 领导小组 代表团 出版社 报社 电视台 联盟 事务所 工厂 厂
    """.split(),
    key=len,
    reverse=True,
)
"""Words an organization's name ends in, longest first."""
_SUFFIX_RE = re.compile(
    "|".join(SUFFIXES).replace("|局|", "|(?<![格布结大当])局|").replace("|厂", "|(?<![办建])厂")
)
_IDEO_RE = re.compile(f"[{IDEOGRAPH}A-Za-z]")
_STOP = frozenset("各个该赴到暨一要级上")
"""Characters that end an organization's name besides ``boundaries.STOP``."""
MIN_NAME = 2
"""Characters a name needs before its suffix (市委 is whole; 局 alone is no name)."""
MAX_NAME = 20
VERBS_RE = re.compile(
    "组织|召开|视察|听取|发挥|支持|启动|审议|来自|深化|落实|贯彻|提高|推进|举办|参加|开展|加强|完善"
    "|成立|举行|打造|推动|实施|构建|引进|对接|参观|走访|签约|主持|出席|会见|召集|联合|依托|围绕|通过"
    "|组建|牵头|指导|协调|配合|督促|要求|希望|强调|指出|表示|获得|收到|前往|来到|进入|设立|建立"
)
"""Verbs of news text: an organization's name holds none, so the name starts after them."""


def find_organizations(texts: list[Text]) -> list[Mention]:
    """Organizations in an article's texts."""
    out: list[Mention] = []
    for text in texts:
        t = text.text
        last_end = 0
        for m in _SUFFIX_RE.finditer(t):
            j = m.start()
            while (
                j > last_end
                and m.start() - j < MAX_NAME
                and _IDEO_RE.match(t, j - 1)
                and not stops(t, j - 1, _STOP)
            ):
                j -= 1
            for v in VERBS_RE.finditer(t, j, m.start()):
                j = v.end()  # 视察市中级人民法院: the name starts after the verb
            if m.end() - j < MIN_NAME + (len(m.group()) if len(m.group()) == 1 else 0):
                continue
            out.append(
                text.mention(
                    MentionType.ORGANIZATION, j, m.end(), "organization-suffix", confidence=0.6
                )
            )
            last_end = m.end()
    return out
