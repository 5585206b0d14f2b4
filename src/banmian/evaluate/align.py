"""Align gold articles with predicted ones, one to one, by character similarity of their bodies.

Every pair is scored with ``text.compare`` (``SequenceMatcher`` ratio, which is the pair's
body char F1); pairs are then taken greedily, best score first, as long as both articles are
free and the score reaches the minimum similarity. ``SequenceMatcher`` costs much more than
anything else here, so pairs that cannot reach the minimum are dropped first: by their
lengths (an exact bound), then by the Dice coefficient of their character bigrams (a cheap
estimate of the same ratio, with a wide margin).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from difflib import Match

from banmian.evaluate.text import ArticleText, compare

MIN_SIMILARITY = 0.5
"""Least body similarity for a predicted article to count as finding a gold one."""

PREFILTER_FACTOR = 0.5
"""Pairs whose bigram Dice is below this share of the minimum similarity are not scored."""


@dataclass(frozen=True, slots=True)
class Pair:
    """A gold article aligned with a predicted one."""

    gold: int
    """Index of the gold article."""
    predicted: int
    """Index of the predicted article."""
    similarity: float
    """Character similarity of their alignment keys."""
    blocks: list[Match]
    """Matching blocks, gold key against predicted key."""


@dataclass(slots=True)
class Alignment:
    """The one-to-one alignment of a page's gold and predicted articles."""

    pairs: dict[int, Pair] = field(default_factory=dict)
    """Aligned pairs by gold index."""
    best: dict[int, tuple[float, int]] = field(default_factory=dict)
    """For each gold index, the best scored (similarity, predicted index), aligned or not."""

    def predicted_partner(self) -> dict[int, Pair]:
        """Aligned pairs by predicted index."""
        return {p.predicted: p for p in self.pairs.values()}


def _bigrams(text: str) -> Counter[str]:
    return Counter(text[i : i + 2] for i in range(len(text) - 1))


def _dice(a: Counter[str], b: Counter[str]) -> float:
    total = a.total() + b.total()
    return 2 * (a & b).total() / total if total else 0.0


def align_articles(
    gold: list[ArticleText],
    predicted: list[ArticleText],
    min_similarity: float = MIN_SIMILARITY,
) -> Alignment:
    """Match gold to predicted articles one to one, greedily by best body similarity."""
    gold_keys = [g.alignment_key for g in gold]
    pred_keys = [p.alignment_key for p in predicted]
    gold_bigrams = [_bigrams(k) for k in gold_keys]
    pred_bigrams = [_bigrams(k) for k in pred_keys]
    prefilter = min_similarity * PREFILTER_FACTOR
    scored: list[Pair] = []
    alignment = Alignment()
    for gi, gkey in enumerate(gold_keys):
        for pi, pkey in enumerate(pred_keys):
            if not gkey or not pkey:
                continue
            if 2 * min(len(gkey), len(pkey)) / (len(gkey) + len(pkey)) < min_similarity:
                continue
            if gkey != pkey and _dice(gold_bigrams[gi], pred_bigrams[pi]) < prefilter:
                continue
            similarity, blocks = compare(gkey, pkey)
            scored.append(Pair(gi, pi, similarity, blocks))
            if similarity > alignment.best.get(gi, (-1.0, 0))[0]:
                alignment.best[gi] = (similarity, pi)
    taken: set[int] = set()
    for pair in sorted(scored, key=lambda p: (-p.similarity, p.gold, p.predicted)):
        if pair.similarity < min_similarity:
            break
        if pair.gold in alignment.pairs or pair.predicted in taken:
            continue
        alignment.pairs[pair.gold] = pair
        taken.add(pair.predicted)
    return alignment
