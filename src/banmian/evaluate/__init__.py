"""The evaluation harness: parsed pages scored against hand-made gold annotations.

In the manner of GROBID's end-to-end evaluation: each gold file names the page's source
text; the source is parsed, its articles are aligned one to one with the gold articles by
body similarity, and micro-averaged metrics are computed over all gold articles of all pages.

- ``gold``: reading and checking gold files (``load_gold``);
- ``text``: the text the metrics compare (whitespace-free bodies, breaks, stray spaces);
- ``align``: the one-to-one article alignment;
- ``metrics``: counts (``Tally``) and the metrics computed from them (``METRIC_NAMES``);
- ``page``: one page (``evaluate_page``), with the reasons an article is not exact;
- ``report``: a set of pages (``evaluate_paths``) as a dict or an aligned table.
"""

from __future__ import annotations

from banmian.evaluate.align import MIN_SIMILARITY
from banmian.evaluate.gold import Gold, GoldArticle, GoldParagraph, gold_from_dict, load_gold
from banmian.evaluate.metrics import METRIC_NAMES, Tally, compute_metrics
from banmian.evaluate.page import EXACT_BODY_F1, ArticleEval, PageEval, evaluate_page
from banmian.evaluate.report import EvalReport, evaluate_paths, gold_files
from banmian.evaluate.text import count_stray_spaces

__all__ = [
    "EXACT_BODY_F1",
    "METRIC_NAMES",
    "MIN_SIMILARITY",
    "ArticleEval",
    "EvalReport",
    "Gold",
    "GoldArticle",
    "GoldParagraph",
    "PageEval",
    "Tally",
    "compute_metrics",
    "count_stray_spaces",
    "evaluate_page",
    "evaluate_paths",
    "gold_files",
    "gold_from_dict",
    "load_gold",
]
