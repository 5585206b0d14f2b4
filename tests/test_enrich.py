"""Enrichment: people with titles, places, dates, sums, quantities (docs/ENTITIES.md).

Quality is measured against the hand-made entity gold (``*.entities.json``); the forms the
finders read are checked as properties over generated values (any issue date, any number),
so no expected result is written down here that the code could simply copy.
"""

from __future__ import annotations

import calendar
import datetime as dt
import json
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from banmian import parse_file, parse_text
from banmian.enrich import enrich
from banmian.enrich.dates import find_dates
from banmian.enrich.gazetteer import divisions
from banmian.enrich.money import find_money
from banmian.enrich.numbers import read_number
from banmian.enrich.person_names import read_name
from banmian.enrich.quantities import find_quantities
from banmian.enrich.texts import Text
from banmian.evaluate import evaluate_paths
from banmian.model import MentionType, Page
from banmian.serialize.json import page_to_dict
from test_nothing_lost import mutated_page

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "samples" / "000_288ad13e0e775b4e.txt"
CORPUS = sorted(REPO.glob("samples/*.txt")) + sorted(REPO.glob("tests/pages*/*.txt"))
DATES = st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2090, 12, 31))

# Floors, as in test_quality_floors: measured values rounded down; never lower one to pass.
SAMPLE_ENTITY_FLOORS = {
    "person": {"precision": 0.90, "recall": 0.95, "title_accuracy": 0.95},
    "money": {"precision": 1.0, "recall": 1.0, "value_accuracy": 1.0, "unit_accuracy": 1.0},
    "date": {"precision": 0.9, "recall": 0.95, "value_accuracy": 1.0},
}
"""The issue asks, on the sample page: every named person (recall ≥ 0.95, precision ≥ 0.90)
with the right title chain, every sum normalized right, every date resolved right."""
TEST_PAGE_ENTITY_FLOORS = {
    "person": {"precision": 0.98, "recall": 0.98, "title_accuracy": 0.97},
    "money": {"precision": 0.98, "recall": 0.98, "value_accuracy": 1.0},
    "date": {"precision": 0.96, "recall": 0.98, "value_accuracy": 0.99},
}
HOLDOUT2_ENTITY_FLOORS = {
    "person": {"precision": 0.98, "recall": 0.94, "title_accuracy": 0.95},
    "money": {"precision": 1.0, "recall": 1.0, "value_accuracy": 1.0},
    "date": {"precision": 0.98, "recall": 0.99, "value_accuracy": 0.98},
}
"""tests/pages_holdout2 was annotated apart from the code; on first contact people scored
precision 0.930 / recall 0.904, money 0.938 / 0.938, dates 0.926 / 0.957."""


def _entity_metrics(*paths: Path) -> dict[str, dict[str, float]]:
    report = evaluate_paths(list(paths))
    assert report.entities, "no entity gold found"
    return {t: tally.metrics() for t, tally in report.entity_tally().items()}


@pytest.mark.parametrize(
    ("corpus", "floors"),
    [
        ("samples", SAMPLE_ENTITY_FLOORS),
        ("tests/pages", TEST_PAGE_ENTITY_FLOORS),
        ("tests/pages_holdout2", HOLDOUT2_ENTITY_FLOORS),
    ],
)
def test_entity_floors(corpus: str, floors: dict[str, dict[str, float]]) -> None:
    measured = _entity_metrics(REPO / corpus)
    for type_, wanted in floors.items():
        for name, floor in wanted.items():
            got = measured[type_][name]
            assert got >= floor, f"{corpus} {type_} {name}: {got:.3f} < floor {floor}"


def _enriched(path: Path) -> Page:
    gold = path.with_name(path.name.removesuffix(".txt") + ".gold.json")
    date = json.loads(gold.read_text(encoding="utf-8"))["date"] if gold.exists() else None
    return enrich(parse_file(path, date=date))


@pytest.mark.parametrize("path", CORPUS, ids=[p.stem for p in CORPUS])
def test_every_mention_points_at_its_text_and_lines(path: Path) -> None:
    page = _enriched(path)
    as_json = page_to_dict(page)
    raw = {ln.number: "".join(ln.raw.split()) for ln in page.lines}
    for art, art_json in zip(page.articles, as_json["articles"], strict=True):
        assert len(art.mentions) == len(art_json["mentions"])
        for m, mj in zip(art.mentions, art_json["mentions"], strict=True):
            holder = (
                art.paragraphs[m.paragraph].text
                if m.field == "paragraph" and m.paragraph is not None
                else art.markers[m.paragraph].text
                if m.field == "marker" and m.paragraph is not None
                else getattr(art, m.field).text
            )
            assert holder[m.start : m.end] == m.text
            first, last = mj["span"]["lines"]
            printed = "".join(raw[n] for n in range(first, last + 1))
            assert "".join(m.text.split()) in printed, (m.text, first, last)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated_page(), DATES)
def test_enrichment_never_fails_on_mutated_pages(text: str, issue: dt.date) -> None:
    page = enrich(parse_text(text, date=issue.isoformat()))
    page_to_dict(page)  # serializable, lines computable
    assert page.enriched


def test_without_an_issue_date_relative_dates_keep_their_text_but_no_value() -> None:
    page = enrich(parse_text(SAMPLE.read_text(encoding="utf-8")))
    assert any(w.code == "no-issue-date" for w in page.warnings)
    dates = [m for a in page.articles for m in a.mentions if m.type == MentionType.DATE]
    relative = [m for m in dates if m.text in ("昨天", "昨日", "明年")]
    assert relative and all(m.value is None for m in relative)


# --- dates: properties over any issue date --------------------------------------------------


def _dates(text: str, issue: dt.date) -> list[tuple[str, object, str | None]]:
    return [
        (m.text, m.value, m.time) for m in find_dates([Text("paragraph", 0, text, "text")], issue)
    ]


@given(DATES)
def test_relative_days_and_years_count_from_the_issue_date(issue: dt.date) -> None:
    found = dict((t, v) for t, v, _ in _dates("昨天，今年，明年，前天，去年，今日", issue))
    assert found["昨天"] == (issue - dt.timedelta(days=1)).isoformat()
    assert found["前天"] == (issue - dt.timedelta(days=2)).isoformat()
    assert found["今日"] == issue.isoformat()
    assert found["今年"] == f"{issue.year:04d}"
    assert found["明年"] == f"{issue.year + 1:04d}"
    assert found["去年"] == f"{issue.year - 1:04d}"


@given(DATES, DATES)
def test_a_month_and_day_take_the_year_nearest_the_issue(issue: dt.date, meant: dt.date) -> None:
    text = f"{meant.month}月{meant.day}日，"
    found = _dates(text, issue)
    near = [issue.year + k for k in (-1, 0, 1)]
    if meant.month == 2 and meant.day == 29 and not any(calendar.isleap(y) for y in near):
        assert found == []  # no 29 February within a year of the issue
        return
    [(printed, value, _)] = found
    assert printed == text[:-1]
    resolved = dt.date.fromisoformat(str(value))
    assert (resolved.month, resolved.day) == (meant.month, meant.day)
    # No other year puts it nearer the issue date.
    for year in (resolved.year - 1, resolved.year + 1):
        try:
            other = resolved.replace(year=year)
        except ValueError:  # 29 February
            continue
        assert abs((resolved - issue).days) <= abs((other - issue).days)


@given(DATES, st.integers(0, 23), st.integers(0, 59))
def test_a_full_date_with_a_time_of_day(issue: dt.date, hour: int, minute: int) -> None:
    day = issue - dt.timedelta(days=3)
    tod = "下午" if hour > 12 else "上午"
    shown = hour - 12 if hour > 12 else hour
    text = f"{day.year}年{day.month}月{day.day}日{tod}{shown}时{minute}分"
    [(printed, value, time)] = _dates(text, issue)
    assert (printed, value) == (text, day.isoformat())
    assert time == f"{hour:02d}:{minute:02d}"


@given(DATES, st.integers(1, 12), st.sampled_from(["初", "上旬", "中旬", "下旬", "底"]))
def test_parts_of_a_month_are_ranges_inside_it(issue: dt.date, month: int, part: str) -> None:
    [(_, value, _)] = _dates(f"今年{month}月{part}", issue)
    assert isinstance(value, list)
    first, last = (dt.date.fromisoformat(v) for v in value)
    assert first.year == last.year == issue.year and first.month == last.month == month
    assert first <= last and (first.day == 1) == (part in ("初", "上旬"))
    assert (last + dt.timedelta(days=1)).month != month or part in ("初", "上旬", "中旬")


@given(DATES)
def test_durations_and_vague_words_are_no_dates(issue: dt.date) -> None:
    assert _dates("历时2个月，近日，日前，30日内，两年内，初步", issue) == []


@given(DATES, st.integers(1, 28))
def test_a_day_alone_takes_the_month_of_the_date_before_it(issue: dt.date, day: int) -> None:
    before = issue - dt.timedelta(days=40)
    found = _dates(f"{before.month}月{before.day}日电 记者{day}日获悉", issue)
    assert found[1][1] == before.replace(day=day).isoformat()


# --- money and quantities: any number, any multiplier ---------------------------------------

MULTIPLIERS = {"": 1, "万": 10**4, "亿": 10**8, "千万": 10**7, "万亿": 10**12}
CURRENCIES = {"元": "CNY", "美元": "USD", "欧元": "EUR", "日元": "JPY", "港元": "HKD"}
AMOUNTS = st.decimals(min_value=Decimal("0.1"), max_value=Decimal("99999"), places=1)


@given(AMOUNTS, st.sampled_from(sorted(MULTIPLIERS)), st.sampled_from(sorted(CURRENCIES)))
def test_sums_are_normalized_to_base_units(amount: Decimal, mult: str, cur: str) -> None:
    text = f"签约总投资{amount}{mult}{cur}，"
    [m] = find_money(Text("paragraph", 0, text, "text"))
    assert m.text == f"{amount}{mult}{cur}"
    assert m.value == pytest.approx(float(amount * MULTIPLIERS[mult]))
    assert m.unit == CURRENCIES[cur]


@given(st.integers(1, 999), st.integers(1000, 9999), st.sampled_from(["亿", "万"]))
def test_ranges_share_the_multiplier_and_currency(low: int, high: int, mult: str) -> None:
    [m] = find_money(Text("paragraph", 0, f"项目{low}{mult}—{high}{mult}元以上", "text"))
    assert m.value == [low * MULTIPLIERS[mult], high * MULTIPLIERS[mult]]


@given(st.integers(0, 9999))
def test_chinese_numerals_read_like_arabic_ones(n: int) -> None:
    import cn2an  # type: ignore[import-untyped]

    assert read_number(cn2an.an2cn(n)) == n
    assert read_number(str(n)) == n


@given(st.integers(1, 99999), st.sampled_from(["MW", "亩", "平方米", "%", "吨", "公里"]))
def test_quantities_keep_their_unit(n: int, unit: str) -> None:
    [m] = find_quantities(Text("paragraph", 0, f"规模{n}{unit}，", "text"))
    assert m.value == n and m.text == f"{n}{unit}"


def test_counts_of_things_are_no_quantities() -> None:
    assert find_quantities(Text("paragraph", 0, "签约项目906个，搭载乘客124人次", "text")) == []


# --- people -------------------------------------------------------------------------------


def _people(text: str) -> dict[str, tuple[str | None, str | None, str | None, bool | None]]:
    page = enrich(parse_text(text, date="2023-05-01"))
    return {
        m.name or "": (m.title, m.organization, m.role, m.spoke)
        for a in page.articles
        for m in a.mentions
        if m.type == MentionType.PERSON
    }


def test_a_list_after_a_title_shares_it_and_a_bare_post_borrows_its_organization() -> None:
    people = _people(
        "本报讯 近日，县人大常委会主任周海平，副主任王立群、吴一凡，秘书长陈可心参加活动。"
        "周海平在讲话中指出，要做好工作。\n"
    )
    head = "县人大常委会"
    assert people["周海平"] == (f"{head}主任", head, "official", True)
    for name in ("王立群", "吴一凡"):
        assert people[name] == (f"{head}副主任", head, "official", False)
    assert people["陈可心"][0] == f"{head}秘书长"


def test_a_title_chain_joined_by_a_list_mark_and_a_company_post() -> None:
    people = _people(
        "本报讯 市委常委、统战部部长赵一鸣出席。"
        "宁波海天精工有限公司总经理孙浩告诉记者，订单充足。\n"
    )
    assert people["赵一鸣"][:3] == ("市委常委、统战部部长", "市委", "official")
    assert people["孙浩"] == ("宁波海天精工有限公司总经理", "宁波海天精工有限公司", "person", True)


def test_names_read_at_their_own_length() -> None:
    known: set[str] = set()
    assert read_name("钱斌、朱良平参加会议", 0, known) == "钱斌"
    assert read_name("朱良平参加会议", 0, known) == "朱良平"
    assert read_name("张俊告诉记者", 0, known) == "张俊"
    assert read_name("张女士表示", 0, known) is None
    assert read_name("孙某因涉嫌诈骗", 0, known) == "孙某"


def test_reporters_come_from_bylines_with_their_outlet() -> None:
    page = enrich(
        parse_text("近日，全市开展活动，取得实效。\n（中青报·中青网记者 林小雨 通讯员 高山）\n")
    )
    people = {
        m.name: (m.title, m.organization, m.role)
        for a in page.articles
        for m in a.mentions
        if m.type == MentionType.PERSON
    }
    assert people["林小雨"] == ("中青报·中青网记者", "中青报·中青网", "reporter")
    assert people["高山"] == ("通讯员", None, "reporter")


# --- places -------------------------------------------------------------------------------


def test_places_resolve_against_the_gazetteer_and_each_other() -> None:
    page = _enriched(SAMPLE)
    places = {m.text: m for a in page.articles for m in a.mentions if m.type == MentionType.PLACE}
    index = divisions()
    for printed, m in places.items():
        if m.code is None:
            continue
        [division] = [d for d in index[printed] if d.code == m.code]
        assert m.name == division.full_name and m.name.endswith(division.name)
    # A district resolves through its city and province: its full name opens with theirs.
    by_code = {d.code: d for ds in index.values() for d in ds}
    districts = [m for m in places.values() if m.code and not m.code.endswith("00")]
    assert districts, "the sample names districts"
    for m in districts:
        assert m.code is not None and m.name is not None
        province = by_code[m.code[:2] + "0000"]
        assert m.name.startswith(province.name)


# --- command line -------------------------------------------------------------------------


def test_parse_enrich_adds_mentions_and_only_then() -> None:
    from click.testing import CliRunner

    from banmian.cli import cli

    runner = CliRunner()
    plain = runner.invoke(cli, ["parse", str(SAMPLE)])
    enriched = runner.invoke(cli, ["parse", "--enrich", "--date", "2022-12-10", str(SAMPLE)])
    assert plain.exit_code == 0 and enriched.exit_code == 0, enriched.output
    assert all("mentions" not in a for a in json.loads(plain.stdout)["articles"])
    articles = json.loads(enriched.stdout)["articles"]
    people = {m["name"] for a in articles for m in a["mentions"] if m["type"] == "person"}
    gold = json.loads(SAMPLE.with_name(SAMPLE.stem + ".entities.json").read_text("utf-8"))
    assert {p["name"] for p in gold["people"]} <= people
    markdown = runner.invoke(cli, ["parse", "--enrich", "-f", "markdown", str(SAMPLE)])
    assert markdown.exit_code == 0 and "- **People:**" in markdown.stdout
    assert "no issue date" in markdown.stderr  # relative dates could not be resolved
