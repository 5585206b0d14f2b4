"""Assembly decisions that the fixture cases do not show: warnings on doubtful pages."""

from __future__ import annotations

from banmian import parse_text

AMBIGUOUS = """全市今年新建改造城乡公共厕所一千
座，新增婴幼儿托位一万五千个，群众
满意度持续提升。

秋季运动会圆满落幕

来自各学校的三千余名运动员参加了
比赛，共决出一百二十个项目的名次，
多项纪录被打破。
"""


def test_a_page_that_says_nothing_of_headline_placement_is_flagged() -> None:
    page = parse_text(AMBIGUOUS)
    codes = [w.code for w in page.warnings]
    assert "headline-placement-uncertain" in codes
    assert page.check_nothing_lost() == []


CLEAR = """全市今年新建改造城乡公共厕所一千
座，新增婴幼儿托位一万五千个，群众
满意度持续提升。 （张三）

秋季运动会圆满落幕

秋季运动会昨天圆满落幕，来自各
学校的三千余名运动员参加了比赛，
多项纪录被打破。
"""


def test_a_headline_sharing_words_with_the_text_below_settles_it() -> None:
    page = parse_text(CLEAR)
    titled = [a for a in page.articles if a.title]
    assert [a.title.text for a in titled if a.title] == ["秋季运动会圆满落幕"]
    assert titled[0].paragraphs[0].text.startswith("秋季运动会昨天圆满落幕")


_ARTICLE = """本报讯（记者 {name}）{body}
{tail}

{title}
"""
AFTER_UNCLOSED = "".join(
    _ARTICLE.format(name=name, body=body, tail=tail, title=title)
    for name, body, tail, title in [
        (
            "王 五",
            "昨天上午，新建的城东图书馆正式向",
            "市民开放，首日接待读者两千余人次。",
            "书香满城",
        ),
        ("李 四", "今年以来，全区新增就业岗位一万二", "千个，城镇登记失业率保持低位。", "稳岗有力"),
        (
            "赵 六",
            "记者从市交通部门获悉，地铁三号线",
            "二期工程已完成全部车站主体结构。",
            "轨道延伸",
        ),
        (
            "钱 七",
            "近日，市第一人民医院新门诊楼投入",
            "使用，日均接诊能力提高三成以上。",
            "看病更便",
        ),
        ("孙 八", "本周起，全市中小学课后服务延长至", "下午六时，家长可按需自愿选择。", "课后无忧"),
    ]
)


def test_articles_opening_with_a_dateline_and_closing_with_nothing_say_no_placement() -> None:
    # Each article opens (本报讯) and none closes (no byline at its end): that is so
    # whether titles follow or precede, so it must not outvote the page's real evidence
    # (text first, a headline last: titles after their bodies).
    page = parse_text(AFTER_UNCLOSED)
    assert [a.title.text if a.title else None for a in page.articles] == [
        "书香满城",
        "稳岗有力",
        "轨道延伸",
        "看病更便",
        "课后无忧",
    ]
    assert page.articles[0].paragraphs[0].text.startswith("昨天上午")


MIXED = """本报讯（记者 王 五）市图书馆新馆昨
天正式开馆，首日接待读者两千余人次。

市图书馆新馆开馆

本报讯（记者 李 四）全区今年新增就
业岗位一万二千个，失业率保持低位。

全区新增就业岗位一万二千个

本报讯（记者 赵 六）地铁三号线二期
工程已完成全部车站主体结构施工。

地铁三号线二期主体完工

秋季运动会圆满落幕

本报讯（记者 钱 七）本届秋季运动会
昨天圆满落幕，三千余名运动员参赛。

市民公园改造提升工程开工

本报讯（记者 孙 八）市民公园改造提
升工程昨天开工，计划明年五月完工。
"""


def test_headlines_placed_article_by_article_go_by_their_words() -> None:
    # Three articles with their titles after them, then two with theirs before: a run
    # holding one article's title and the next one's splits where the words say, and the
    # article titled before its text takes no title after it.
    page = parse_text(MIXED)
    assert [
        (a.title.text if a.title else None, a.paragraphs[0].text[:4]) for a in page.articles
    ] == [
        ("市图书馆新馆开馆", "市图书馆"),
        ("全区新增就业岗位一万二千个", "全区今年"),
        ("地铁三号线二期主体完工", "地铁三号"),
        ("秋季运动会圆满落幕", "本届秋季"),
        ("市民公园改造提升工程开工", "市民公园"),
    ]
    assert page.check_nothing_lost() == []
