"""Raw counts of one or more pages, and the metrics computed from them (micro-averaged).

A page's evaluation produces a ``Tally``; tallies of many pages add up, and the metrics of
a set of pages are computed once from the sum, so that every gold article weighs the same.
A ratio whose denominator is zero (no gold headings, no breaks on either side …) is 1.0:
nothing was there to get wrong.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields

METRIC_NAMES = (
    "articles_exact",
    "article_precision",
    "article_recall",
    "article_f1",
    "body_char_precision",
    "body_char_recall",
    "body_char_f1",
    "title_accuracy",
    "kicker_accuracy",
    "subtitle_accuracy",
    "byline_accuracy",
    "dateline_accuracy",
    "paragraph_break_f1",
    "subhead_recall",
    "stray_spaces",
    "stray_spaces_per_10k",
)
"""The keys of ``compute_metrics``, in report order. Stable: tools and CI gates rely on them."""


@dataclass(slots=True)
class Tally:
    """Counts behind the metrics; see ``compute_metrics`` for how each is used."""

    gold_articles: int = 0
    """Gold articles."""
    predicted_articles: int = 0
    """Predicted articles."""
    aligned_articles: int = 0
    """Gold articles aligned with a predicted one."""
    exact_articles: int = 0
    """Gold articles found exactly."""
    body_gold_chars: int = 0
    """Non-whitespace body characters of all gold articles."""
    body_predicted_chars: int = 0
    """Non-whitespace body characters of all predicted articles."""
    body_matched_chars: int = 0
    """Body characters matched between aligned articles."""
    title_correct: int = 0
    """Aligned gold articles whose main title is equal."""
    kicker_correct: int = 0
    """Aligned gold articles whose kicker is equal (both null counts)."""
    subtitle_correct: int = 0
    """Aligned gold articles whose subtitle is equal (both null counts)."""
    byline_correct: int = 0
    """Aligned gold articles whose byline is equal (both null counts)."""
    dateline_correct: int = 0
    """Aligned gold articles whose dateline is equal (both null counts)."""
    breaks_gold: int = 0
    """Paragraph breaks in all gold articles."""
    breaks_predicted: int = 0
    """Paragraph breaks in all predicted articles."""
    breaks_matched: int = 0
    """Predicted breaks at the aligned offset of a gold break."""
    subheads_gold: int = 0
    """Heading paragraphs in all gold articles."""
    subheads_found: int = 0
    """Gold headings found as a heading of the aligned predicted article."""
    stray_spaces: int = 0
    """Stray gaps in predicted paragraphs and headline fields."""
    predicted_chars: int = 0
    """Non-whitespace characters of predicted paragraphs and headline fields."""

    def __add__(self, other: Tally) -> Tally:
        return Tally(*(getattr(self, f.name) + getattr(other, f.name) for f in fields(self)))

    def to_dict(self) -> dict[str, int]:
        """The counts as a JSON-ready dict."""
        return asdict(self)


def _ratio(numerator: int, denominator: int) -> float:
    return numerator / denominator if denominator else 1.0


def _f1(matched: int, predicted: int, gold: int) -> float:
    return 2 * matched / (predicted + gold) if predicted + gold else 1.0


def compute_metrics(t: Tally) -> dict[str, float]:
    """The metrics of ``METRIC_NAMES`` from a tally.

    Article precision counts predicted articles aligned with a gold one; accuracies are over
    gold articles, an unaligned gold article counting as wrong; body and break scores count
    unaligned gold articles as missed and unaligned predicted ones as spurious.
    """
    return {
        "articles_exact": _ratio(t.exact_articles, t.gold_articles),
        "article_precision": _ratio(t.aligned_articles, t.predicted_articles),
        "article_recall": _ratio(t.aligned_articles, t.gold_articles),
        "article_f1": _f1(t.aligned_articles, t.predicted_articles, t.gold_articles),
        "body_char_precision": _ratio(t.body_matched_chars, t.body_predicted_chars),
        "body_char_recall": _ratio(t.body_matched_chars, t.body_gold_chars),
        "body_char_f1": _f1(t.body_matched_chars, t.body_predicted_chars, t.body_gold_chars),
        "title_accuracy": _ratio(t.title_correct, t.gold_articles),
        "kicker_accuracy": _ratio(t.kicker_correct, t.gold_articles),
        "subtitle_accuracy": _ratio(t.subtitle_correct, t.gold_articles),
        "byline_accuracy": _ratio(t.byline_correct, t.gold_articles),
        "dateline_accuracy": _ratio(t.dateline_correct, t.gold_articles),
        "paragraph_break_f1": _f1(t.breaks_matched, t.breaks_predicted, t.breaks_gold),
        "subhead_recall": _ratio(t.subheads_found, t.subheads_gold),
        "stray_spaces": float(t.stray_spaces),
        "stray_spaces_per_10k": (
            t.stray_spaces * 10_000 / t.predicted_chars if t.predicted_chars else 0.0
        ),
    }


def metric_details(t: Tally) -> dict[str, str]:
    """The counts behind each metric, for the text report (``10/11``, ``P 0.950 R 0.930``)."""

    def pr(matched: int, predicted: int, gold: int) -> str:
        return f"P {_ratio(matched, predicted):.3f} R {_ratio(matched, gold):.3f}"

    return {
        "articles_exact": f"{t.exact_articles}/{t.gold_articles}",
        "article_precision": f"{t.aligned_articles}/{t.predicted_articles}",
        "article_recall": f"{t.aligned_articles}/{t.gold_articles}",
        "article_f1": pr(t.aligned_articles, t.predicted_articles, t.gold_articles),
        "body_char_precision": f"{t.body_matched_chars}/{t.body_predicted_chars}",
        "body_char_recall": f"{t.body_matched_chars}/{t.body_gold_chars}",
        "body_char_f1": pr(t.body_matched_chars, t.body_predicted_chars, t.body_gold_chars),
        "title_accuracy": f"{t.title_correct}/{t.gold_articles}",
        "kicker_accuracy": f"{t.kicker_correct}/{t.gold_articles}",
        "subtitle_accuracy": f"{t.subtitle_correct}/{t.gold_articles}",
        "byline_accuracy": f"{t.byline_correct}/{t.gold_articles}",
        "dateline_accuracy": f"{t.dateline_correct}/{t.gold_articles}",
        "paragraph_break_f1": pr(t.breaks_matched, t.breaks_predicted, t.breaks_gold),
        "subhead_recall": f"{t.subheads_found}/{t.subheads_gold}",
        "stray_spaces": "",
        "stray_spaces_per_10k": f"{t.stray_spaces} in {t.predicted_chars} chars",
    }
