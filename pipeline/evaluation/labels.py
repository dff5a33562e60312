"""Gold labels: loading them and matching predicted actions to gold actions by anchor."""
from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Sequence

from rapidfuzz import fuzz

from pipeline.config import REPO_ROOT

LABELS_DIR = REPO_ROOT / "eval" / "labels"
SEEDS_DIR = (REPO_ROOT / ".." / "shared" / "seeds").resolve()


@dataclass(frozen=True)
class GoldAction:
    line: int
    anchor: str
    data: dict[str, Any]


@dataclass(frozen=True)
class GoldDocument:
    seed: str  # file name in the seeds folder
    document: dict[str, Any]
    actions: tuple[GoldAction, ...]
    non_actions: tuple[dict[str, Any], ...] = field(default=())

    @property
    def stem(self) -> str:
        return Path(self.seed).stem


def load_gold(labels_dir: Path = LABELS_DIR) -> list[GoldDocument]:
    """Every labelled seed, sorted by seed name."""
    docs = []
    for path in sorted(labels_dir.glob("*.json")):
        raw = json.loads(path.read_text(encoding="utf-8"))
        actions = tuple(GoldAction(line=a["line"], anchor=a["anchor"], data=a) for a in raw["actions"])
        docs.append(GoldDocument(seed=raw["seed"], document=raw["document"], actions=actions, non_actions=tuple(raw.get("non_actions", []))))
    return docs


def normalise(text: str) -> str:
    """Lower case, accents folded, punctuation and hyphens to spaces, whitespace collapsed."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = re.sub(r"[^\w]+", " ", text)
    return re.sub(r"\s+", " ", text).strip()


def anchor_score(anchor: str, text: str) -> float:
    """How well `text` starts with `anchor` (0-100), tolerant of OCR noise and bullets."""
    a, t = normalise(anchor), normalise(text)
    if not a or not t:
        return 0.0
    head = t[: len(a) + 12]
    if head.startswith(a):
        return 100.0
    return float(fuzz.partial_ratio(a, head))


def match_actions(gold: Sequence[GoldAction], predicted_texts: Sequence[str], threshold: float = 85.0) -> list[tuple[int, int]]:
    """Pairs (gold index, predicted index), one-to-one, best anchor scores first."""
    candidates = []
    for gi, g in enumerate(gold):
        for pi, text in enumerate(predicted_texts):
            score = anchor_score(g.anchor, text)
            if score >= threshold:
                candidates.append((score, -abs(gi - pi), gi, pi))
    candidates.sort(reverse=True)
    used_g: set[int] = set()
    used_p: set[int] = set()
    pairs = []
    for _, _, gi, pi in candidates:
        if gi not in used_g and pi not in used_p:
            used_g.add(gi)
            used_p.add(pi)
            pairs.append((gi, pi))
    return sorted(pairs)


def prf(tp: int, n_pred: int, n_gold: int) -> dict[str, float]:
    """Precision, recall and F1 from counts."""
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 3), "recall": round(r, 3), "f1": round(f, 3), "tp": tp, "predicted": n_pred, "gold": n_gold}
