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
