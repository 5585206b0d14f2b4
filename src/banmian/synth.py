"""Synthetic newspaper pages with their gold annotation, for benchmarks and property tests.

``generate_page(seed)`` returns the raw text of one page, as PDF extraction leaves it, and
its gold annotation in the format of ``samples/*.gold.json`` and ``tests/pages/README.md``.
Everything is drawn from ``random.Random`` streams seeded by ``seed``: a seed always gives
the same page.

What a page holds (see ``docs/DOMAIN.md``): 1–15 articles of news prose built from the
vocabularies below; headline groups (kicker, a title that may be wrapped or two parallel
lines, a subtitle opened by ——) printed after or before their body; datelines (本报讯,
本报讯（记者 …）, 本报北京X月X日电（记者 …）, 新华社…电（记者 …、…）) or a byline line of its own
(本报记者 张三, □本报记者 …, 记者 … 报道); closing bylines （张三）, glued to the last line after a
space or on a line of their own; end notes; subheads in long articles (plain, 一、 numbered,
or marked ■ ● ▲); continuation markers （上接第1版）, （下转第三版）, 转第4版; photo captions;
running heads, page labels and editor credits; a detached lead at the top; now and then
full-width digits and letters throughout.

What extraction did to it: hard wraps at the column width (ideographs 1 em, punctuation,
ASCII letters and digits ½ em, spaces nothing, as measured on the sample page), a first
line 2 em shorter (indent dropped), closing punctuation hanging past the margin, blank
lines at column breaks (every 8–25 lines, inside paragraphs and words), stray spaces
between ideographs and digits (``12月 7日``) or two ideographs, a stray space opening some
lines.

Gold conventions (those of ``tests/pages/README.md``):

- paragraph text is the printed lines joined without separator, spaces removed unless
  between two ASCII letters or digits (``CCI Paris``);
- a dateline is kept without its bracketed reporters, who make the byline:
  ``本报北京12月9日电（记者 王五）`` gives dateline ``本报北京12月9日电``, byline ``记者 王五``,
  authors ``["王五"]``; a closing ``（张三）`` gives byline ``张三``; reporters in the dateline
  plus a closing byline give both, joined by a space; a padded name ``（刘 冕）`` gives byline
  ``刘 冕`` and author ``刘冕``; □ and 报道 around a byline line are dropped;
- continuation markers are not in the text but in ``continued_from``/``continues_to`` (ints);
- end notes go to ``endnotes`` without their brackets;
- subheads are paragraphs of type ``heading`` without their ■ ● ▲ mark (``一、`` stays);
  captions are paragraphs of type ``caption`` of their article, ▲ and credit kept;
- a subtitle loses its opening ——, a kicker its closing ——; a title wrapped over two lines is
  joined with nothing, two parallel title lines with one space;
- page furniture goes to ``unassigned``, one string per line, spaces collapsed;
- articles are listed (ids ``a1``, ``a2`` …) in the order their bodies start, an article
  with a detached lead first.

The gold depends only on the seed and the content options (``articles``, ``furniture``,
``captions``, ``continuations``, ``subheads``, ``detached_lead``, ``fullwidth``); the layout
options (``column_width``, ``headline_placement``) and the artifact switches change the raw
text only, so the same seed under other artifacts checks a parser against the same gold.
"""

from __future__ import annotations

import datetime as dt
import random
import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import accumulate
from typing import Any, Literal, TypedDict, Unpack

from banmian.errors import UsageError

HeadlinePlacement = Literal["after", "before", "mixed"]
"""Where headline groups are printed: after their body (the PDF's drawing order), before it,
or either, article by article."""

MIN_WIDTH = 11
"""Narrowest column drawn, in em."""
MAX_WIDTH = 24
"""Widest column drawn, in em."""


class SynthOptions(TypedDict, total=False):
    """Options of ``generate_page``; anything left out is drawn from the seed."""

    column_width: int
    """Column width in em (ideographs), for every article; drawn from 11–24 otherwise."""
    articles: int
    """Number of articles, 1 or more; drawn from 1–15 otherwise."""
    headline_placement: HeadlinePlacement
    """Headline groups after their body, before it, or mixed."""
    column_breaks: bool
    """Blank lines at column breaks, inside paragraphs (default on)."""
    stray_spaces: bool
    """Stray spaces between ideographs and digits or two ideographs (default on)."""
    leading_spaces: bool
    """A stray space opening some lines (default on)."""
    indent_drop: bool
    """First line of a paragraph 2 em shorter (default on)."""
    hanging_punctuation: bool
    """Closing punctuation hanging past the margin (default on)."""
    furniture: bool
    """Running heads, page labels, editor credits (default: drawn)."""
    captions: bool
    """Photo captions (default: drawn)."""
    continuations: bool
    """Continuation markers 上接/下转 (default: drawn)."""
    subheads: bool
    """Subheads in long articles (default: drawn)."""
    detached_lead: bool
    """A lead printed at the page top, away from its article (default: drawn)."""
    fullwidth: bool
    """Digits and Latin letters printed full-width throughout, １２月 (default: drawn, rarely)."""


@dataclass(frozen=True, slots=True)
class SynthPage:
    """One generated page: its raw text, its gold annotation, and the forms it shows."""

    seed: int
    """The seed it was generated from."""
    text: str
    """Raw page text, as PDF extraction leaves it."""
    gold: dict[str, Any]
    """Gold annotation, in the format of ``samples/*.gold.json``."""
    forms: frozenset[str]
    """Tags of the forms drawn (``dateline:xinhua``, ``byline:glued``, ``title:parallel`` …)."""


# --- vocabularies -------------------------------------------------------------------------


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


_SURNAMES = (
    "王李张刘陈杨黄吴周徐孙马胡郭何高林罗郑梁谢宋唐韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁"
    "任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦方白邹孟熊秦邱江薛闫段雷侯龙史陶黎贺顾毛郝龚邵万严武戴莫孔向汤"
)
_GIVEN = (
    "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚英华玉兰建国志红文力俊峰宇浩凯鑫晨欣怡悦婷雪琳晓阳海波"
    "宁佳颖思雨嘉铭轩博鹏飞春梅松清源璐瑶琦岚蕾薇哲瀚翔彬骏航睿诚毅扬帆昊然沁蔚"
)
_PAPERS = _words(
    "江城日报 临川日报 东海日报 青州日报 南湖晚报 云岭日报 北川日报 清河日报 "
    "江海晚报 丰泽日报 西岭日报 长河日报"
)
_SECTIONS = _words("要闻 综合 经济 民生 城事 文化 区县 时事 专题 评论")
_PLACES = _words(
    "我市 全市 市区 城东区 城西区 临江区 南湖区 北塘区 高新区 经开区 滨湖新城 青石镇 "
    "柳溪街道 双桥镇 东港镇 白鹭湾 北山县 云台县 西岭片区 港城新区"
)
_CITIES = _words("北京 上海 南京 杭州 广州 武汉 成都 西安 合肥 长沙 济南 郑州 福州 昆明")
_ABROAD = _words("日内瓦 纽约 巴黎 莫斯科 开罗 东京 柏林 伦敦 新德里 曼谷 维也纳 罗马")
_ORGS = _words(
    "市发展改革委 市商务局 市工信局 市住建局 市教育局 市卫健委 市生态环境局 市市场监管局 "
    "市文广旅游局 市交通运输局 市农业农村局 市科技局 市人社局 市应急管理局 市公安局 市税务局 "
    "市财政局 市自然资源和规划局 市水利局 市民政局 市总工会 团市委 市妇联 市工商联 市科协 "
    "市中级人民法院 市人民检察院 市委宣传部 市委组织部 市委政法委 市人大常委会 市政协"
)
_COMPANIES = _words(
    "华晨精密机械有限公司 远航新材料科技有限公司 泰和生物医药集团 星海电子股份有限公司 "
    "宏达智能装备有限公司 金桥物流集团 恒远新能源有限公司 瑞丰食品有限公司 "
    "中联半导体科技有限公司 天元纺织集团 海川汽车零部件有限公司 东方数据科技有限公司"
)
_LEADERS = _words(
    "市委书记 市长 市委副书记 副市长 市委常委、常务副市长 市人大常委会主任 市政协主席 "
    "市委常委、宣传部部长 市委常委、组织部部长 市委常委、秘书长 区委书记 区长 县委书记 县长"
)
_OFFICERS = _words("局长 主任 党组书记、局长 副局长 处长 院长 负责人")
_EXECUTIVES = _words("董事长 总经理 负责人 项目经理 技术总监 副总经理")
_MEETINGS = _words(
    "重点项目建设推进会 经济运行分析会 安全生产工作会议 优化营商环境大会 科技创新大会 "
    "乡村振兴工作会议 民生实事项目推进会 新闻发布会 专题座谈会 现场观摩会 招商引资工作会议 "
    "生态环境保护工作会议 城市更新工作推进会 人才工作会议 文明城市创建动员会"
)
_VERBS = _words(
    "推进 加快 深化 落实 完善 强化 提升 优化 打造 构建 推动 加强 健全 培育 壮大 夯实 拓展 "
    "统筹 扩大 巩固"
)
_ADVERBS = _words("扎实 持续 全面 着力 大力 积极 不断 切实 进一步 深入")
_OBJECTS = _words(
    "重点项目建设 营商环境 科技创新体系 产业链供应链 乡村振兴 生态环境保护 民生保障 基层治理 "
    "城市更新 招商引资 安全生产 数字经济 先进制造业 现代服务业 公共服务体系 文化惠民工程 "
    "交通基础设施 人才队伍建设 养老服务体系 教育资源配置 医疗卫生服务 老旧小区改造 河湖长制 "
    "农村人居环境 社会信用体系 防汛抗旱工作 消费市场 外贸外资 文旅融合 城乡融合发展"
)
_RESULTS = _words(
    "取得明显成效 实现良好开局 跑出加速度 形成强大合力 迈上新台阶 走在前列 取得积极进展 "
    "呈现良好态势 实现稳中有进 交出亮眼答卷"
)
_GOALS = _words(
    "群众获得感幸福感安全感 高质量发展 经济社会发展 全年目标任务 现代化建设 城市能级和核心竞争力"
)
_INDUSTRIES = _words(
    "集成电路 生物医药 新能源汽车 高端装备 新材料 物联网 软件和信息服务 节能环保 现代物流 "
    "光伏 储能 人工智能"
)
_PROJECTS = _words(
    "智能制造产业园 研发中心 总部基地 物流枢纽 数据中心 生产线 商业综合体 科创园 污水处理厂 "
    "保障性住房 快速路 轨道交通 体育公园 文化中心"
)
_ASCII_TERMS = _words("5G AI GDP APP LED PM2.5 TOD EPC VR IPO")
_LATIN_NAMES = ("CCI Paris", "Open Day", "Smart City", "Tech Week")
_FOUR = _words(
    "精准施策 靶向发力 聚焦主业 提质增效 守正创新 久久为功 统筹兼顾 协同推进 抢抓机遇 乘势而上 "
    "夯实基础 补齐短板 优化服务 便民利企 示范引领 以点带面 真抓实干 担当作为 凝心聚力 因地制宜 "
    "分类施策 量质齐升 开门问计 攻坚克难"
)
_WHEN = _words("近日 日前 昨天 昨日 本周 上周")
_CROWD = _words("市民 游客 工作人员 志愿者 学生们 施工人员 企业代表 社区居民")
_ACTIVITIES = _words(
    "参观成果展 体验智能设备 加紧施工 开展义诊服务 参加招聘会 观看文艺演出 选购年货 进行应急演练"
)
_OPENING_SENTENCES = (0, 0, 4, 8, 9, 12)
"""Sentence templates that can open an article (a meeting, a figure, a ground-breaking)."""
_CN_DIGITS = "零一二三四五六七八九"
_WEEKDAYS = "一二三四五六日"
_SUBHEAD_MARKS = ("■", "●", "▲")

# --- widths and wrapping ------------------------------------------------------------------

_HALF_WIDTH_PUNCT = (
    "，。、；：？！“”‘’（）《》〈〉「」『』【】—…·％"  # squeezed to ½ em when justified
)
_CLOSING = frozenset("，。、；：？！”’）》」』…")
_OPENING = frozenset("“‘（《「『")
_CHAR_WIDTH: dict[str, int] = {chr(c): 1 for c in range(0x21, 0x7F)}
_CHAR_WIDTH.update({c: 1 for c in _HALF_WIDTH_PUNCT})
_CHAR_WIDTH[" "] = 1  # a justification gap is about half an em wide
_UNIT_RE = re.compile(
    r"（[上下][接转]第[0-9一二三四五六七八九十]+版）"
    r"|[A-Za-z0-9][A-Za-z0-9.%+/-]*(?: [A-Za-z][A-Za-z0-9.%+/-]*)*"
    r"|.",
    re.S,
)
_FULLWIDTH = str.maketrans(
    {
        c: chr(ord(c) + 0xFEE0)
        for c in "0123456789.%ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
    }
)
_IDEO = "\u4e00-\u9fff"
_STRAY_AT_RE = re.compile(f"(?<=[{_IDEO}])(?=[0-9])|(?<=[0-9])(?=[{_IDEO}])")
_IDEO_PAIR_RE = re.compile(f"(?<=[{_IDEO}])(?=[{_IDEO}])")


def text_width(text: str) -> float:
    """Printed width of ``text`` in em: ideographs 1, punctuation, ASCII ½, spaces 0."""
    return _half_width(text) / 2


def _half_width(text: str) -> int:
    return sum(_CHAR_WIDTH.get(c, 2) for c in text)


class _UnitWidths(dict[str, int]):
    """Half-em widths of wrap units, computed once per distinct unit."""

    def __missing__(self, unit: str) -> int:
        width = _half_width(unit)
        if len(self) < 100_000:
            self[unit] = width
        return width


_UNIT_WIDTHS = _UnitWidths(_CHAR_WIDTH)


def _wrap(
    text: str, capacity: int, first_capacity: int, hang: bool, justify: bool = False
) -> list[str]:
    """Cut ``text`` into lines of at most ``capacity`` half-ems (the first ``first_capacity``).

    Closing punctuation hangs past the margin when ``hang``; otherwise it is carried to the
    next line with the character before it. Opening brackets never end a line; continuation
    markers and Latin words are never cut.
    """
    units: list[str] = _UNIT_RE.findall(text)
    ends = list(accumulate(map(_UNIT_WIDTHS.__getitem__, units), initial=0))
    n = len(units)
    lines: list[str] = []
    i = 0
    limit = first_capacity
    while i < n:
        j = bisect_right(ends, ends[i] + limit, i) - 1
        if j <= i:
            j = i + 1
        if j < n:
            if units[j] in _CLOSING:
                if hang:
                    j += 1
                    if j < n and units[j] in _CLOSING:
                        j += 1
                elif j - 1 > i:
                    j -= 1
            if j < n and units[j - 1] in _OPENING and j - 1 > i:
                j -= 1
        line = "".join(units[i:j]).strip()
        if line and j < n and justify:
            line = _justify(line, limit)
        if line:
            lines.append(line)
        i = j
        limit = capacity
    return lines


_JUSTIFY_AT_RE = re.compile(f"(?<=[{_IDEO}])(?=[0-9A-Za-z])|(?<=[0-9A-Za-z])(?=[{_IDEO}])")


def _justify(line: str, limit: int) -> str:
    """Stretch a line that falls short of the measure with gaps, as justification does.

    Unbreakable runs (numbers, Latin words) leave a line short; the typesetter spreads the
    slack between characters, and extraction turns the widest gaps into spaces, first
    next to digits and Latin letters (``于 2022年 12月``), then between two ideographs.
    """
    slack = limit - 2 - _half_width(line)
    if slack < 2:
        return line
    spots = [m.start() for m in _JUSTIFY_AT_RE.finditer(line)]
    spots += [m.start() for m in _IDEO_PAIR_RE.finditer(line)][: max(0, slack - len(spots))]
    for at in sorted(spots[:slack], reverse=True):
        line = line[:at] + " " + line[at:]
    return line


def chinese_numeral(n: int) -> str:
    """1 → 一, 12 → 十二, 20 → 二十 (pages run below 100)."""
    if n < 10:
        return _CN_DIGITS[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else _CN_DIGITS[tens]) + "十" + (_CN_DIGITS[ones] if ones else "")


# --- content ------------------------------------------------------------------------------


class _Writer:
    """Draws names, numbers, sentences and headlines from one random stream."""

    def __init__(self, rng: random.Random, issue: dt.date) -> None:
        self.rng = rng
        self.issue = issue
        self.leaders = [(title, self.name()) for title in rng.sample(_LEADERS, rng.randint(3, 6))]
        wanted = rng.randint(4, 8)
        self.reporters: list[str] = []
        while len(self.reporters) < wanted:
            name = self.name()
            if name not in self.reporters:
                self.reporters.append(name)
        self.recent: tuple[int, ...] = (-1, -1, -1)
        """The last sentence templates used, not to be used again right away."""

    def name(self) -> str:
        rng = self.rng
        given = rng.choice(_GIVEN) + (rng.choice(_GIVEN) if rng.random() < 0.6 else "")
        return rng.choice(_SURNAMES) + given

    def reporter(self, *others: str) -> str:
        while True:
            name = self.rng.choice(self.reporters)
            if name not in others:
                return name

    def leader(self) -> tuple[str, str]:
        return self.rng.choice(self.leaders)

    def day(self, back: int = 0) -> str:
        d = self.issue - dt.timedelta(days=back)
        return f"{d.month}月{d.day}日"

    def when(self) -> str:
        rng = self.rng
        r = rng.random()
        if r < 0.45:
            return rng.choice(_WHEN)
        day = self.day(rng.randint(1, 6))
        return day + rng.choice(("", "", "上午", "下午")) if r < 0.9 else f"{day}晚"

    def money(self) -> str:
        rng = self.rng
        r = rng.random()
        if r < 0.5:
            return f"{rng.randint(1, 99)}.{rng.randint(1, 9)}亿元"
        if r < 0.8:
            return f"{rng.randint(120, 9800)}万元"
        return f"{rng.randint(1, 30)}.{rng.randint(1, 9)}亿美元"

    def pct(self) -> str:
        return f"{self.rng.randint(1, 98)}.{self.rng.randint(1, 9)}%"

    def act(self) -> str:
        rng = self.rng
        return rng.choice(_ADVERBS) + rng.choice(_VERBS) + rng.choice(_OBJECTS)

    def clause(self) -> str:
        rng = self.rng
        r = rng.random()
        if r < 0.4:
            return "要" + self.act()
        if r < 0.6:
            return f"以{rng.choice(_OBJECTS)}为抓手，{rng.choice(_VERBS)}{rng.choice(_OBJECTS)}"
        if r < 0.8:
            return f"推动{rng.choice(_OBJECTS)}{rng.choice(_RESULTS)}"
        return f"不断提升{rng.choice(_GOALS)}"

    def sentence(self, opening: bool = False) -> str:
        """One sentence of news prose; an ``opening`` one can start an article."""
        rng = self.rng
        c = rng.choice
        k = rng.choice(_OPENING_SENTENCES) if opening else rng.randrange(15)
        while k in self.recent:
            k = rng.randrange(15)
        self.recent = (*self.recent[1:], k)
        if k == 0:
            return f"{self.when()}，{c(_ORGS)}召开{c(_MEETINGS)}，{self.act()}，{self.act()}。"
        if k == 1:
            title, name = self.leader()
            return f"{title}{name}出席{c(('会议', '活动', '仪式'))}并讲话。"
        if k == 2:
            (t1, n1), (t2, n2) = self.leader(), self.leader()
            if n1 == n2:
                return f"{t1}{n1}参加{c(('调研', '活动', '会议'))}。"
            return f"{t1}{n1}，{t2}{n2}参加{c(('调研', '活动', '会议'))}。"
        if k == 3:
            name = self.leader()[1]
            verb = c(("指出", "强调", "要求", "表示"))
            clauses = "，".join(self.clause() for _ in range(rng.randint(2, 4)))
            return f"{name}{verb}，{clauses}。"
        if k == 4:
            return (
                f"今年以来，{c(_PLACES)}累计签约项目{rng.randint(12, 980)}个，"
                f"总投资{self.money()}，同比增长{self.pct()}。"
            )
        if k == 5:
            return f"其中，{c(_INDUSTRIES)}项目{rng.randint(3, 300)}个，占比{self.pct()}。"
        if k == 6:
            plan = c(
                (
                    f"预计{self.issue.year + rng.randint(1, 3)}年建成投产",
                    f"达产后预计年产值可达{self.money()}",
                    f"年纳税{self.money()}",
                )
            )
            return (
                f"{c(_COMPANIES)}{c(_INDUSTRIES)}{c(_PROJECTS)}项目总投资{self.money()}，"
                f"占地面积约{rng.randint(20, 900)}亩，{plan}。"
            )
        if k == 7:
            quote = f"{self.clause()}，{c(('我们很有信心', '这是一次难得的机遇', '企业感受很深'))}"
            return f"“{quote}。”{c(_COMPANIES)}{c(_EXECUTIVES)}{self.name()}告诉记者。"
        if k == 8:
            start = f"{self.day(rng.randint(1, 3))}上午{rng.randint(8, 11)}时"
            return f"{start}，{c(_PLACES)}{c(_PROJECTS)}项目正式开工建设。"
        if k == 9:
            return f"{c(_PLACES)}{self.act()}，{c(_OBJECTS)}{c(_RESULTS)}。"
        if k == 10:
            return (
                f"据介绍，{c(_PLACES)}{self.issue.year}年将实施{c(_OBJECTS)}项目"
                f"{rng.randint(5, 120)}个，计划总投资{self.money()}。"
            )
        if k == 11:
            term = c(_ASCII_TERMS)
            return (
                f"截至{rng.randint(1, 12)}月底，{c(_PLACES)}已建成{term}应用场景"
                f"{rng.randint(10, 600)}个，带动相关产业产值{self.money()}。"
            )
        if k == 12:
            return (
                f"在{c(_PLACES)}的{c(_PROJECTS)}建设现场，{rng.randint(100, 900)}余名"
                f"工人正在加紧施工，{c(('确保项目按期竣工', '力争早日投用', '全力冲刺年度目标'))}。"
            )
        if k == 13:
            return (
                f"{c(_ORGS)}相关负责人表示，下一步将{self.act()}，"
                f"{rng.choice(_VERBS)}{rng.choice(_OBJECTS)}，不断提升{c(_GOALS)}。"
            )
        r = rng.random()
        if r < 0.4:
            return f"会议审议通过了《关于{self.act()}的实施意见》。"
        if r < 0.7:
            mw = rng.randint(20, 900)
            return f"项目建成后装机容量达{mw}MW（兆瓦），年发电量约{rng.randint(2, 90)}亿千瓦时。"
        return f"活动吸引了包括{c(_LATIN_NAMES)}在内的{rng.randint(6, 40)}家机构参与对接。"

    def paragraph(self, target: int, opening: bool = False) -> str:
        """Sentences up to about ``target`` characters."""
        parts: list[str] = []
        size = 0
        while size < target:
            s = self.sentence(opening and not parts)
            parts.append(s)
            size += len(s)
        return "".join(parts)

    def fragment(self) -> str:
        """The rest of a sentence begun on another page."""
        rng = self.rng
        return f"{rng.choice(_VERBS)}{rng.choice(_OBJECTS)}，{self.act()}。"

    def title(self) -> str:
        rng = self.rng
        c = rng.choice
        k = rng.randrange(7)
        if k == 0:
            return f"{c(_PLACES)}{self.act()}"
        if k == 1:
            return f"{c(_ORGS)}召开{c(_MEETINGS)}"
        if k == 2:
            return f"{rng.randint(5, 90)}个重大项目集中签约开工"
        if k == 3:
            return f"{c(_OBJECTS)}{c(_RESULTS)}"
        if k == 4:
            return f"总投资{self.money()}的{c(_INDUSTRIES)}项目落户{c(_PLACES)}"
        if k == 5:
            return f"{self.leader()[1]}调研{c(_OBJECTS)}工作"
        return f"{c(_FOUR)}{c(_FOUR)} {c(_FOUR)}{c(_FOUR)}"

    def parallel_title(self) -> tuple[str, str]:
        c = self.rng.choice
        return (
            f"{c(_VERBS)}{c(_OBJECTS)}{c(_VERBS)}{c(_OBJECTS)}",
            f"{c(_ADVERBS)}{c(_VERBS)}{c(_GOALS)}",
        )

    def kicker(self) -> tuple[str, str]:
        """(printed, gold): a kicker may close with ——, which the gold drops."""
        rng = self.rng
        c = rng.choice
        k = rng.randrange(4)
        if k == 0:
            text = f"{c(_PLACES)}{c(_MEETINGS)}召开"
        elif k == 1:
            text = f"签约项目{rng.randint(12, 990)}个，总投资{self.money()}"
        elif k == 2:
            text = f"{c(_ORGS)}{self.act()}{c(_RESULTS)}"
        else:
            text = self.act()
        return (text + "——", text) if rng.random() < 0.3 else (text, text)

    def subtitle(self) -> str:
        rng = self.rng
        c = rng.choice
        k = rng.randrange(3)
        if k == 0:
            return f"{c(_PLACES)}{self.act()}工作综述"
        if k == 1:
            return f"{c(_PLACES)}{c(_OBJECTS)}见闻"
        return f"访{c(_ORGS)}{c(_OFFICERS)}{self.name()}"

    def subhead(self, style: int, number: int) -> tuple[str, str]:
        """(printed, gold) of a subhead; the gold keeps 一、 but not a ■ ● ▲ mark."""
        text = self.rng.choice(_FOUR) + "，" + self.rng.choice(_FOUR)
        if style == 0:
            return text, text
        if style == 1:
            numbered = f"{chinese_numeral(number)}、{text}"
            return numbered, numbered
        return _SUBHEAD_MARKS[style - 2] + text, text

    def caption(self) -> tuple[str, str]:
        """(printed, gold) of a photo caption: ▲… or 图为…, ending in a credit."""
        rng = self.rng
        c = rng.choice
        body = f"{self.when()}，{c(_CROWD)}在{c(_PLACES)}{c(_ACTIVITIES)}。"
        name = self.name()
        credit = rng.choice((f" {name} 摄", f" 本报记者 {name} 摄", f"（{name}摄）", f" {name}摄"))
        mark = "▲" if rng.random() < 0.6 else "图为"
        printed = f"{mark}{body}{credit}"
        return printed, printed.replace(" ", "")


# --- layout -------------------------------------------------------------------------------


@dataclass(slots=True)
class _Layout:
    """Page-level choices of the printed form (never of the content)."""

    width: int
    placement: HeadlinePlacement
    jitter: int
    column_breaks: bool
    stray_rate: float
    ideo_stray: float
    leading_rate: float
    indent: bool
    hang: bool
    para_gap: float
    glue_byline: float
    chinese_numerals: float


@dataclass(slots=True)
class SynthArticle:
    """The content of one article, with what the printing needs to know."""

    kicker: tuple[str, str] | None = None
    title: list[str] = field(default_factory=list)
    title_form: str = "single"
    subtitle: str | None = None
    dateline_printed: str = ""
    dateline: str | None = None
    byline_printed: str | None = None
    byline: str | None = None
    authors: list[str] = field(default_factory=list)
    continued_from: int | None = None
    continues_to: int | None = None
    lead: list[str] = field(default_factory=list)
    paragraphs: list[tuple[str, str, str]] = field(default_factory=list)
    """(type, printed, gold) in body order."""
    caption: tuple[str, str] | None = None
    caption_first: bool = False
    standalone: str | None = None
    """A byline line of its own before the body: 本报记者 张三, □本报记者 …, 记者 … 报道."""
    endnote: str | None = None
    """An end note, printed in brackets on a line of its own after the byline."""
    obituary: bool = False

    def fullwidth(self) -> None:
        """Print digits and Latin letters full-width (１２月, ５Ｇ); the gold keeps them so."""
        self.title = [t.translate(_FULLWIDTH) for t in self.title]
        if self.kicker:
            self.kicker = (
                self.kicker[0].translate(_FULLWIDTH),
                self.kicker[1].translate(_FULLWIDTH),
            )
        if self.subtitle:
            self.subtitle = self.subtitle.translate(_FULLWIDTH)
        if self.dateline:
            self.dateline = self.dateline.translate(_FULLWIDTH)
            self.dateline_printed = self.dateline_printed.translate(_FULLWIDTH)
        # A space between full-width letters is no longer between two ASCII ones: not kept.
        self.paragraphs = [
            (kind, printed.translate(_FULLWIDTH), gold.translate(_FULLWIDTH).replace(" ", ""))
            for kind, printed, gold in self.paragraphs
        ]
        self.lead = [t.translate(_FULLWIDTH).replace(" ", "") for t in self.lead]
        if self.caption:
            self.caption = (
                self.caption[0].translate(_FULLWIDTH),
                self.caption[1].translate(_FULLWIDTH),
            )

    def gold(self, ident: str) -> dict[str, Any]:
        paragraphs = [{"type": "text", "text": t} for t in self.lead]
        body = [{"type": t, "text": g} for t, _, g in self.paragraphs]
        if self.caption:
            cap = {"type": "caption", "text": self.caption[1]}
            body = [cap, *body] if self.caption_first else [*body, cap]
        title = " ".join(self.title) if self.title_form == "parallel" else "".join(self.title)
        return {
            "id": ident,
            "kicker": self.kicker[1] if self.kicker else None,
            "title": title,
            "subtitle": self.subtitle,
            "dateline": self.dateline,
            "byline": self.byline,
            "authors": list(self.authors),
            "continued_from": self.continued_from,
            "continues_to": self.continues_to,
            "endnotes": [self.endnote] if self.endnote else [],
            "paragraphs": paragraphs + body,
        }


def _byline_inner(w: _Writer, r: float, forms: set[str]) -> tuple[str, list[str]]:
    """A byline as printed inside its brackets, and its authors.

    A lone two-character name is sometimes padded to the width of three (（刘 冕）); the
    byline keeps the space, the author does not.
    """
    n1, pad = w.reporter(), w.rng.random() < 0.15
    n2 = w.reporter(n1)
    if r < 0.8 and pad and len(n1) == 2:
        forms.add("byline:padded")
        p1 = f"{n1[0]} {n1[1]}"
    else:
        p1 = n1
    if r < 0.45:
        return p1, [n1]
    if r < 0.6:
        return f"记者 {p1}", [n1]
    if r < 0.7:
        return f"{n1} {n2}", [n1, n2]
    if r < 0.8:
        return f"本报记者 {p1}", [n1]
    if r < 0.87:
        return f"通讯员 {n1}", [n1]
    if r < 0.94:
        return f"记者 {n1} 通讯员 {n2}", [n1, n2]
    return f"记者 {n1} 实习生 {n2}", [n1, n2]


def _draw_dateline(w: _Writer, art: SynthArticle, forms: set[str]) -> None:
    """Draw the dateline, or a byline line of its own, or nothing."""
    rng = w.rng
    r = rng.random()
    back = rng.randint(0, 2)
    if r < 0.17:
        forms.add("dateline:none")
    elif r < 0.42:
        art.dateline = art.dateline_printed = "本报讯"
        forms.add("dateline:plain")
    elif r < 0.55:
        inner, authors = _byline_inner(w, rng.choice((0.5, 0.65, 0.9, 0.95)), forms)
        art.dateline = "本报讯"
        art.dateline_printed = f"本报讯（{inner}）"
        art.byline, art.authors = inner, authors
        forms.add("dateline:reporters")
    elif r < 0.72:
        # 本报北京12月9日电, now and then 讯 for 电 (the two are not told apart)
        place = rng.choice(_CITIES) if rng.random() < 0.5 else ""
        word = "讯" if place and rng.random() < 0.2 else "电"
        art.dateline = f"本报{place}{w.day(back)}{word}"
        n1 = w.reporter()
        art.dateline_printed = f"{art.dateline}（记者 {n1}）"
        art.byline, art.authors = f"记者 {n1}", [n1]
        forms.add("dateline:dated" if word == "电" else "dateline:xun")
    elif r < 0.87:
        _draw_xinhua(w, art, back, forms)
    else:
        _draw_standalone_byline(w, art, forms)


def _draw_xinhua(w: _Writer, art: SynthArticle, back: int, forms: set[str]) -> None:
    rng = w.rng
    place = rng.choice(_CITIES) if rng.random() < 0.7 else rng.choice(_ABROAD)
    art.dateline = f"新华社{place}{w.day(back)}电"
    r = rng.random()
    if r < 0.3:
        art.dateline_printed = art.dateline
        forms.add("dateline:xinhua")
        return
    n1 = w.reporter()
    names = [n1] if r < 0.6 else [n1, w.reporter(n1)]
    inner = "记者 " + "、".join(names)
    art.dateline_printed = f"{art.dateline}（{inner}）"
    art.byline, art.authors = inner, names
    forms.add("dateline:xinhua-reporters")


def _draw_standalone_byline(w: _Writer, art: SynthArticle, forms: set[str]) -> None:
    """本报记者 张三 / □本报记者 张三 李四 / 记者 张三 报道 on a line before the body."""
    n1 = w.reporter()
    n2 = w.reporter(n1)
    k = w.rng.randrange(3)
    if k == 0:
        art.standalone = art.byline = f"本报记者 {n1}"
        art.authors = [n1]
    elif k == 1:
        art.standalone = f"□本报记者 {n1} {n2}"
        art.byline, art.authors = f"本报记者 {n1} {n2}", [n1, n2]
    else:
        art.standalone, art.byline, art.authors = f"记者 {n1} 报道", f"记者 {n1}", [n1]
    forms.add("byline:standalone")


def _draw_headline(w: _Writer, art: SynthArticle, brief: bool, forms: set[str]) -> None:
    rng = w.rng
    r = rng.random()
    if r < 0.15:
        art.title, art.title_form = list(w.parallel_title()), "parallel"
    else:
        art.title = [w.title()]
        if r < 0.3 and " " not in art.title[0]:
            art.title_form = "wrapped"
            if len(art.title[0]) < 10:
                art.title[0] += rng.choice(_RESULTS)
    forms.add(f"title:{art.title_form}")
    if not brief and rng.random() < 0.3:
        art.kicker = w.kicker()
        forms.add("kicker")
        if art.kicker[0].endswith("——"):
            forms.add("kicker:dash")
    if not brief and rng.random() < 0.2:
        art.subtitle = w.subtitle()
        forms.add("subtitle")


def _make_feature(art: SynthArticle) -> None:
    """Ready an article for a detached lead: no dateline, no continuation from elsewhere.

    Reporters of a dropped dateline close the article instead.
    """
    if "（" in art.dateline_printed:
        if art.continues_to is None:
            art.byline_printed = art.byline
        else:
            art.byline, art.authors = None, []
    art.dateline, art.dateline_printed = None, ""
    art.continued_from = None
    art.obituary = False


def _draw_article(
    w: _Writer, budget: int, page: int, opts: SynthOptions, forms: set[str]
) -> SynthArticle:
    rng = w.rng
    art = SynthArticle()
    brief = budget < 300
    art.obituary = rng.random() < 0.04
    if art.obituary:
        art.title = [f"{w.name()}同志逝世"]
        art.dateline = art.dateline_printed = "本报讯"
        d = w.issue - dt.timedelta(days=rng.randint(1, 4))
        text = (
            f"原{rng.choice(_ORGS)}{rng.choice(_OFFICERS)}{art.title[0][:-4]}同志，"
            f"于{d.year}年{d.month}月{d.day}日{rng.randint(1, 11)}时{rng.randint(10, 59)}分"
            f"不幸逝世，享年{rng.randint(70, 99)}岁。"
        )
        art.paragraphs.append(("text", text, text))
        forms.add("obituary")
        return art
    _draw_headline(w, art, brief, forms)
    cont = opts.get("continuations", True)
    roll_from, roll_to = rng.random(), rng.random()
    if cont and page > 1 and roll_from < 0.12:
        art.continued_from = rng.randint(1, page - 1)
        forms.add("continued_from")
    elif cont and roll_to < 0.12:
        art.continues_to = page + rng.randint(1, 4)
        forms.add("continues_to")
    if art.continued_from is None:
        _draw_dateline(w, art, forms)
    roll_close, roll_both, roll_end = rng.random(), rng.random(), rng.random()
    if art.continues_to is None and art.byline is None and roll_close < 0.75:
        art.byline_printed, art.authors = _byline_inner(w, rng.random(), forms)
        art.byline = art.byline_printed
        forms.add("byline:closing")
    elif (
        art.continues_to is None and art.byline and "（" in art.dateline_printed and roll_both < 0.1
    ):
        # reporters in the dateline and a closing byline: the byline is both
        name = w.reporter(*art.authors)
        role = "记者" if "通讯员" in art.byline else "通讯员"
        art.byline_printed = f"{role} {name}"
        art.byline = f"{art.byline} {art.byline_printed}"
        art.authors = [*art.authors, name]
        forms.add("byline:both")
    if art.continues_to is None and not brief and roll_end < 0.07:
        art.endnote = (
            f"新华社{rng.choice(_CITIES)}{w.day(1)}电"
            if rng.random() < 0.5
            else f"作者为{rng.choice(_ORGS)}{rng.choice(_OFFICERS)}"
        )
        forms.add("endnote")
    size = 0
    first = True
    while size < budget:
        target = rng.randint(50, 260)
        if first and art.continued_from:
            text = w.fragment() + w.paragraph(target - 30)
        else:
            text = w.paragraph(target, opening=first)
        art.paragraphs.append(("text", text, text))
        size += len(text)
        first = False
    heads = opts.get("subheads", True) and len(art.paragraphs) >= 6 and rng.random() < 0.5
    style = rng.randrange(2 + len(_SUBHEAD_MARKS))
    if heads:
        forms.add(f"subhead:{style}")
        at = rng.randint(1, 3)
        number = 1
        while at < len(art.paragraphs) - 1:
            printed, gold = w.subhead(style, number)
            art.paragraphs.insert(at, ("heading", printed, gold))
            number += 1
            at += rng.randint(3, 6)
    roll_cap, roll_first = rng.random(), rng.random()
    if opts.get("captions", True) and not brief and roll_cap < 0.2:
        art.caption = w.caption()
        art.caption_first = roll_first < 0.3
        forms.add("caption")
    return art


@dataclass(slots=True)
class SynthFurniture:
    """Page furniture, one string per printed line."""

    top: list[str]
    """Running heads above the articles (paper, date, section, page)."""
    bottom: list[str]
    """Credits and hotlines below them."""


def _draw_furniture(w: _Writer, paper: str, page: int) -> SynthFurniture:
    rng = w.rng
    d = w.issue
    day = f"{d.year}年{d.month}月{d.day}日"
    weekday = f"星期{_WEEKDAYS[d.weekday()]}"
    section = rng.choice(_SECTIONS)
    r = rng.random()
    if r < 0.35:
        top = [f"{paper}  {day}  {weekday}", f"第{page}版"]
    elif r < 0.7:
        top = [f"{day} {weekday}", f"{section} {page}", paper]
    else:
        top = [f"{page}  {section}  {paper}  {day}  {weekday}"]
    bottom: list[str] = []
    if rng.random() < 0.7:
        bottom.append(f"责任编辑：{w.name()}  美编：{w.name()}  校对：{w.name()}")
    if rng.random() < 0.3:
        bottom.append(f"新闻热线：0{rng.randint(100, 999)}-{rng.randint(10000000, 89999999)}")
    return SynthFurniture(top, bottom)


# --- printing -----------------------------------------------------------------------------


class _Printer:
    """Lays the page out line by line, with the extraction's artifacts."""

    def __init__(self, rng: random.Random, layout: _Layout) -> None:
        self.rng = rng
        self.lay = layout
        self.lines: list[str] = []
        self.run = 0
        self.height = 25

    def gap(self) -> None:
        """A blank line, unless one is already there."""
        if self.lines and self.lines[-1]:
            self.lines.append("")

    def start_block(self) -> None:
        """A new block: its columns restart."""
        self.gap()
        self.run = 0
        self.height = self.rng.randint(8, 25)

    def plain(self, line: str) -> None:
        self.lines.append(line)

    def body(self, line: str) -> None:
        lay = self.lay
        if lay.column_breaks and self.run >= self.height:
            self.gap()
            self.run = 0
        if lay.leading_rate and self.rng.random() < lay.leading_rate:
            line = " " + line
        self.lines.append(line)
        self.run += 1

    def stray(self, text: str) -> str:
        lay = self.lay
        if not lay.stray_rate:
            return text
        rng = self.rng
        rate = lay.stray_rate
        text = _STRAY_AT_RE.sub(lambda _: " " if rng.random() < rate else "", text)
        if rng.random() < lay.ideo_stray:
            spots = [m.start() for m in _IDEO_PAIR_RE.finditer(text)]
            if spots:
                at = rng.choice(spots)
                text = text[:at] + " " + text[at:]
        return text

    def paragraph(self, text: str, width: int, indent: bool = True) -> list[str]:
        capacity = 2 * width + 1
        first = capacity - 4 if indent and self.lay.indent else capacity
        return _wrap(text, capacity, first, self.lay.hang, justify=self.lay.stray_rate > 0)

    def headline(self, art: SynthArticle) -> None:
        rng = self.rng
        self.start_block()
        if art.kicker:
            printed = art.kicker[0]
            if len(printed) > 20:
                cut = rng.randint(len(printed) // 2, min(20, len(printed) - 3))
                self.plain(printed[:cut])
                self.plain(printed[cut:])
            else:
                self.plain(printed)
            # Kicker and title differ in type size: extraction puts them in two blocks.
            self.gap()
        if art.title_form == "wrapped":
            title = art.title[0]
            cut = rng.randint(4, len(title) - 4)
            self.plain(title[:cut])
            self.plain(title[cut:])
        else:
            for line in art.title:
                self.plain(line)
        if art.subtitle:
            if rng.random() < 0.3:
                self.gap()
            self.plain("——" + art.subtitle)
        self.gap()

    def closing(self, text: str, width: int) -> bool:
        """Glue a byline or marker to the last line if it fits and the layout says so."""
        last = self.lines[-1] if self.lines else ""
        fits = _half_width(last) + 2 + _half_width(text) <= 2 * width + 1
        bare = not text.startswith("（")
        if last and fits and not bare and self.rng.random() < self.lay.glue_byline:
            self.lines[-1] = f"{last} {text}"
            return True
        if self.rng.random() < 0.4:
            self.gap()
        self.plain(text)
        return False

    def marker(self, kind: str, page: int, forms: set[str], bare: bool = False) -> str:
        """A continuation marker; a ``bare`` one (下转第二版, 转第4版) has no brackets."""
        number = str(page)
        if self.rng.random() < self.lay.chinese_numerals:
            number = chinese_numeral(page)
        forms.add("marker:arabic" if number.isdigit() else "marker:cn")
        if bare:
            forms.add("marker:bare")
            return f"{self.rng.choice(('下转', '转'))}第{number}版"
        return f"（{kind}第{number}版）"

    def article_body(self, art: SynthArticle, width: int, forms: set[str]) -> None:
        rng = self.rng
        self.start_block()
        if art.caption and art.caption_first:
            self.caption(art.caption[0], width)
        if art.standalone:
            self.plain(art.standalone)
        last = len(art.paragraphs) - 1
        for idx, (kind, printed, _) in enumerate(art.paragraphs):
            if idx and rng.random() < self.lay.para_gap:
                self.gap()
            if kind == "heading":
                if rng.random() < 0.5:
                    self.gap()
                for line in self.paragraph(printed, width, indent=False):
                    self.plain(line)
                continue
            text = self.stray(printed)
            if idx == 0:
                if art.dateline_printed:
                    head = self.stray(art.dateline_printed)
                    sep = " " if "（" not in head or rng.random() < 0.3 else ""
                    text = head + sep + text
                if art.continued_from:
                    text = self.marker("上接", art.continued_from, forms) + text
            own_line = ""
            if idx == last and art.continues_to:
                if rng.random() < 0.7:
                    text += self.marker("下转", art.continues_to, forms)
                else:
                    own_line = self.marker("下转", art.continues_to, forms, rng.random() < 0.5)
            for line in self.paragraph(text, width):
                self.body(line)
            if own_line:
                self.closing(own_line, width)
        if art.byline_printed:
            glued = self.closing(f"（{art.byline_printed}）", width)
            forms.add("byline:glued" if glued else "byline:own-line")
        if art.endnote:
            self.plain(f"（{art.endnote}）")
        if art.caption and not art.caption_first:
            self.caption(art.caption[0], width)
        self.gap()

    def caption(self, printed: str, width: int) -> None:
        self.gap()
        for line in self.paragraph(printed, width, indent=False):
            self.plain(line)
        self.gap()

    def lead(self, art: SynthArticle, width: int) -> None:
        self.start_block()
        for text in art.lead:
            for line in self.paragraph(self.stray(text), width):
                self.body(line)
        self.gap()


# --- pages --------------------------------------------------------------------------------


def _check(options: SynthOptions) -> None:
    width = options.get("column_width")
    if width is not None and not 6 <= width <= 60:
        raise UsageError(f"column_width must be between 6 and 60 em, not {width}")
    count = options.get("articles")
    if count is not None and count < 1:
        raise UsageError(f"articles must be 1 or more, not {count}")
    placement = options.get("headline_placement")
    if placement is not None and placement not in ("after", "before", "mixed"):
        raise UsageError(f"headline_placement must be after, before or mixed, not {placement!r}")


def _draw_layout(rng: random.Random, options: SynthOptions) -> _Layout:
    width = rng.randint(MIN_WIDTH, MAX_WIDTH)
    placement: HeadlinePlacement = rng.choice(("after", "after", "before", "mixed"))
    stray_rate = rng.choice((0.0, 0.0, 0.1, 0.3, 0.6))
    leading_rate = rng.choice((0.0, 0.0, 0.02, 0.08))
    layout = _Layout(
        width=options.get("column_width", width),
        placement=options.get("headline_placement", placement),
        jitter=0 if "column_width" in options else rng.choice((0, 1, 2)),
        column_breaks=options.get("column_breaks", True),
        stray_rate=stray_rate if options.get("stray_spaces", True) else 0.0,
        ideo_stray=0.1 if stray_rate else 0.0,
        leading_rate=leading_rate if options.get("leading_spaces", True) else 0.0,
        indent=options.get("indent_drop", True),
        hang=options.get("hanging_punctuation", True),
        para_gap=rng.choice((0.0, 0.3, 0.8)),
        glue_byline=rng.choice((0.3, 0.7, 1.0)),
        chinese_numerals=rng.choice((0.0, 0.0, 0.5, 1.0)),
    )
    return layout


@dataclass(frozen=True, slots=True)
class SynthContent:
    """What a generated page says, before it is printed: articles, furniture, gold.

    ``synthesize`` prints it as the text PDF extraction leaves; ``banmian.pdfgen`` lays the
    same content out as a PDF page. Both share the gold.
    """

    seed: int
    """The seed it was drawn from."""
    paper: str
    """The newspaper's name."""
    issue: dt.date
    """The issue date."""
    page: int
    """The page number."""
    articles: list[SynthArticle]
    """The articles, in the order drawn."""
    order: list[int]
    """Indexes into ``articles`` in reading order (an article with a detached lead first)."""
    furniture: SynthFurniture
    """Running heads above the articles and credits below them."""
    forms: set[str]
    """Tags of the content forms drawn; printing adds its own."""
    options: SynthOptions
    """The options the content was drawn with (printing reads the layout ones)."""

    def gold(self) -> dict[str, Any]:
        """The gold annotation, in the format of ``samples/*.gold.json``."""
        return {
            "source": f"synth-{self.seed}.txt",
            "paper": self.paper,
            "date": self.issue.isoformat(),
            "page": self.page,
            "notes": f"synthetic page, banmian.synth seed {self.seed}",
            "articles": [self.articles[k].gold(f"a{i}") for i, k in enumerate(self.order, start=1)],
            "unassigned": [
                " ".join(line.split()) for line in self.furniture.top + self.furniture.bottom
            ],
        }


def draw_content(seed: int, **options: Unpack[SynthOptions]) -> SynthContent:
    """Draw page ``seed``'s content (articles, furniture) without printing it."""
    _check(options)
    rng = random.Random(seed)
    forms: set[str] = set()

    issue = dt.date(2012, 1, 1) + dt.timedelta(days=rng.randrange(13 * 365))
    paper = rng.choice(_PAPERS)
    page = rng.choice((1, 1, 2, 2, 3, 4, 5, 6, 7, 8, 10, 12, 16))
    w = _Writer(rng, issue)

    count = options.get("articles", 0) or rng.choice(
        (1, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 8, 9, 10, 12, 15)
    )
    total = rng.randint(1800, 6500)
    shares = [rng.random() + 0.3 for _ in range(count)]
    scale = total / sum(shares)
    articles = [
        _draw_article(w, max(60, int(share * scale)), page, options, forms) for share in shares
    ]
    roll_lead, lead_at = rng.random(), rng.randrange(count)
    want_lead = options.get("detached_lead")
    if want_lead or (want_lead is None and roll_lead < 0.15):
        # A feature's lead: its article has no dateline, which would open the lead.
        features = [
            a for a in articles if a.dateline is None and not (a.obituary or a.continued_from)
        ]
        art = features[lead_at % len(features)] if features else articles[lead_at]
        _make_feature(art)
        art.lead = [w.paragraph(rng.randint(30, 90)) for _ in range(rng.randint(1, 2))]
        forms.add("lead")
    roll_furniture, roll_fullwidth = rng.random(), rng.random()
    furniture = _draw_furniture(w, paper, page)
    if not options.get("furniture", roll_furniture < 0.8):
        furniture = SynthFurniture([], [])
    elif furniture.top or furniture.bottom:
        forms.add("furniture")
    if options.get("fullwidth", roll_fullwidth < 0.05):
        for art in articles:
            art.fullwidth()
        furniture.top = [line.translate(_FULLWIDTH) for line in furniture.top]
        furniture.bottom = [line.translate(_FULLWIDTH) for line in furniture.bottom]
        forms.add("fullwidth")
    order = list(range(count))
    lead_art = next((a for a in articles if a.lead), None)
    if lead_art is not None:
        order.remove(articles.index(lead_art))
        order.insert(0, articles.index(lead_art))
    return SynthContent(seed, paper, issue, page, articles, order, furniture, forms, options)


def synthesize(seed: int, **options: Unpack[SynthOptions]) -> SynthPage:
    """Generate page ``seed``: raw text, gold annotation and the forms it shows."""
    return print_content(draw_content(seed, **options))


def print_content(content: SynthContent) -> SynthPage:
    """Print drawn content as PDF extraction leaves it, the layout drawn from its seed."""
    seed, options = content.seed, content.options
    articles, furniture, forms = content.articles, content.furniture, set(content.forms)
    layout_rng = random.Random(f"layout:{seed}")
    art_rng = random.Random(f"artifacts:{seed}")

    lay = _draw_layout(layout_rng, options)
    forms.add(f"placement:{lay.placement}")
    printer = _Printer(art_rng, lay)
    lead_art = next((a for a in articles if a.lead), None)
    lead_width = min(lay.width + layout_rng.randint(4, 12), 32)
    lead_above_furniture = layout_rng.random() < 0.3
    if lead_art is not None and lead_above_furniture:
        printer.lead(lead_art, lead_width)
    for line in furniture.top:
        printer.plain(line)
    if lead_art is not None and not lead_above_furniture:
        printer.lead(lead_art, lead_width)
    for art in articles:
        width = max(6, lay.width + layout_rng.randint(-lay.jitter, lay.jitter))
        before = lay.placement == "before" or art.obituary
        if lay.placement == "mixed":
            before = before or layout_rng.random() < 0.5
        forms.add("headline:before" if before else "headline:after")
        if before:
            printer.headline(art)
        printer.article_body(art, width, forms)
        if not before:
            printer.headline(art)
    printer.gap()
    for line in furniture.bottom:
        printer.plain(line)
    while printer.lines and not printer.lines[-1]:
        printer.lines.pop()
    text = "\n".join(printer.lines) + "\n"
    return SynthPage(seed, text, content.gold(), frozenset(forms))


def generate_page(seed: int, **options: Unpack[SynthOptions]) -> tuple[str, dict[str, Any]]:
    """Generate page ``seed``: its raw text and its gold annotation (see ``SynthOptions``)."""
    page = synthesize(seed, **options)
    return page.text, page.gold


def page_seeds(n: int, seed: int = 0) -> list[int]:
    """The seeds of the ``n`` pages ``generate_pages(n, seed)`` yields."""
    rng = random.Random(f"pages:{seed}")
    return [rng.getrandbits(48) for _ in range(n)]


def generate_pages(
    n: int, seed: int = 0, **options: Unpack[SynthOptions]
) -> Iterator[tuple[str, dict[str, Any]]]:
    """Yield ``n`` pages (raw text, gold), one at a time, all determined by ``seed``."""
    for page_seed in page_seeds(n, seed):
        yield generate_page(page_seed, **options)
