"""Evaluate a set of gold pages and report the micro-averaged metrics as a dict or a table."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from banmian.enrich import enrich
from banmian.errors import BanmianError, GoldFormatError
from banmian.evaluate.entities import (
    ENTITY_TYPES,
    TypeTally,
    entities_path,
    evaluate_entities,
    load_entities,
)
from banmian.evaluate.gold import Gold, load_gold
from banmian.evaluate.metrics import METRIC_NAMES, Tally, compute_metrics, metric_details
from banmian.evaluate.page import PageEval, evaluate_page
from banmian.model import Page
from banmian.pipeline import parse_file
from banmian.serialize.json import page_to_dict

GOLD_SUFFIX = ".gold.json"
"""Name ending of gold files looked for in a folder."""

_COUNT_METRICS = {"stray_spaces"}
_RATE_METRICS = {"stray_spaces_per_10k"}


@dataclass(slots=True)
class EvalReport:
    """The evaluation of a set of pages."""

    pages: list[PageEval] = field(default_factory=list)
    """One evaluation per gold file, in the order given."""
    entities: dict[str, dict[str, TypeTally]] = field(default_factory=dict)
    """Per page name with entity gold, the enrichment's counts per type."""

    def entity_tally(self) -> dict[str, TypeTally]:
        """Entity counts per type over all pages with entity gold."""
        total = {t: TypeTally() for t in ENTITY_TYPES}
        for per_type in self.entities.values():
            for t, tally in per_type.items():
                total[t] = total[t] + tally
        return total

    @property
    def tally(self) -> Tally:
        """The counts of all pages added up."""
        return sum((p.tally for p in self.pages), Tally())

    @property
    def metrics(self) -> dict[str, float]:
        """The metrics over all gold articles of all pages, keyed by ``METRIC_NAMES``."""
        return compute_metrics(self.tally)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict: metrics, counts and the per-page evaluations."""
        tally = self.tally
        out: dict[str, Any] = {
            "metrics": compute_metrics(tally),
            "counts": tally.to_dict(),
            "pages": [p.to_dict() for p in self.pages],
        }
        if self.entities:
            out["entities"] = {
                t: {
                    **e.metrics(),
                    "gold": e.gold,
                    "predicted": e.predicted,
                    "matched": e.matched,
                    "pages": len(self.entities),
                }
                for t, e in self.entity_tally().items()
            }
        return out

    def to_text(self, *, verbose: bool = False) -> str:
        """An aligned table: one row per metric, then one row per page (exact n/m).

        With ``verbose``, each page's inexact articles follow with their reasons.
        """
        tally = self.tally
        metrics = compute_metrics(tally)
        details = metric_details(tally)
        width = max(len(name) for name in METRIC_NAMES)
        rows = [f"{'metric':<{width}}  {'value':>8}  detail"]
        for name in METRIC_NAMES:
            value = _format(name, metrics[name])
            rows.append(f"{name:<{width}}  {value:>8}  {details[name]}".rstrip())
        names = [p.name for p in self.pages]
        page_width = max([len("page"), *(len(n) for n in names)])
        rows += ["", f"{'page':<{page_width}}  {'gold':>5}  {'predicted':>9}  {'exact':>7}"]
        for page in self.pages:
            exact = f"{page.exact_articles}/{page.gold_articles}"
            row = f"{page.name:<{page_width}}  {page.gold_articles:>5}  "
            row += f"{page.predicted_articles:>9}  {exact:>7}"
            rows.append(row + (f"  parser error: {page.error}" if page.error else ""))
        if self.entities:
            rows += ["", *self._entity_rows(verbose)]
        if verbose:
            for page in self.pages:
                misses = [a for a in page.articles if not a.exact]
                if misses:
                    rows += ["", f"{page.name}:"]
                    rows += [
                        f"  {a.gold_id} {a.title or '-'}: {'; '.join(a.reasons)}" for a in misses
                    ]
        return "\n".join(rows) + "\n"

    def _entity_rows(self, verbose: bool) -> list[str]:
        rows = [
            f"entities ({len(self.entities)} pages)  gold  predicted  precision  recall"
            "  attributes right"
        ]
        for t, e in self.entity_tally().items():
            m = e.metrics()
            attrs = ", ".join(
                f"{k.removesuffix('_accuracy')} {v:.3f}" for k, v in m.items() if "_accuracy" in k
            )
            rows.append(
                f"{t:<20} {e.gold:>5}  {e.predicted:>9}  {m['precision']:>9.3f}  "
                f"{m['recall']:>6.3f}  {attrs}"
            )
        if verbose:
            for name, per_type in self.entities.items():
                for t, e in per_type.items():
                    for label, items in (
                        ("missed", e.misses),
                        ("extra", e.extras),
                        ("wrong", e.wrong),
                    ):
                        if items:
                            rows.append(f"  {name} {t} {label}: {' | '.join(items)}")
        return rows


def _format(name: str, value: float) -> str:
    if name in _COUNT_METRICS:
        return f"{value:.0f}"
    if name in _RATE_METRICS:
        return f"{value:.1f}"
    return f"{value:.3f}"


def gold_files(paths: Sequence[Path]) -> list[Path]:
    """The gold files named by ``paths``: files as given, folders as their ``*.gold.json``.

    Each file once, in the order given (a folder's files sorted by name).
    """
    found: list[Path] = []
    for path in map(Path, paths):
        if path.is_dir():
            inside = sorted(path.glob(f"*{GOLD_SUFFIX}"))
            if not inside:
                raise GoldFormatError(f"{path}: no *{GOLD_SUFFIX} files in this folder")
            found.extend(inside)
        else:
            found.append(path)
    return list(dict.fromkeys(found))


def _parse_with_pipeline(gold: Gold) -> Page:
    return parse_file(gold.source, paper=gold.paper, date=gold.date, page=gold.page)


def evaluate_paths(
    paths: Sequence[Path], parse: Callable[[Path], Mapping[str, Any]] | None = None
) -> EvalReport:
    """Parse the source of every gold file in ``paths`` and evaluate it against the gold.

    ``parse`` turns a source path into a page dict; by default the pipeline parses it with
    the gold's paper, date and page. A parser error (a ``BanmianError``) on one page counts
    as a page with no articles and is recorded on its evaluation; a gold file that is
    malformed or whose source is missing raises ``GoldFormatError``.
    """
    report = EvalReport()
    for path in gold_files(paths):
        gold = load_gold(path)
        if not gold.source.is_file():
            raise GoldFormatError(f"{path}: source {gold.source} not found")
        error: str | None = None
        parsed: Page | None = None
        try:
            if parse is None:
                parsed = _parse_with_pipeline(gold)
                predicted: Mapping[str, Any] = page_to_dict(parsed)
            else:
                predicted = parse(gold.source)
        except GoldFormatError:
            raise
        except BanmianError as exc:
            predicted, error = {"articles": []}, str(exc)
        page = evaluate_page(gold, predicted)
        page.error = error
        report.pages.append(page)
        entity_gold = entities_path(path)
        if parsed is not None and entity_gold.is_file():
            report.entities[page.name] = evaluate_entities(
                load_entities(entity_gold), enrich(parsed)
            )
    return report
