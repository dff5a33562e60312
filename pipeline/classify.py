"""Domain (single label) and themes (multi-label) for each action.

Domain. Two signals: the document's own heading above the action, mapped to a domain by a
shipped, readable table (`pipeline/data/heading_domains.toml`), and the action's words. A
trained linear model (`models/domain_model.skops`, built by `mine train`) reads both:
TF-IDF over Dutch word stems and character n-grams, counts of the cue words of each theme and
of each domain (in the title with the sub-heading above it, and in the text: knowledge that
carries over to regions whose words the model never saw), and the heading's domain(s) as
prior features. Where heading and content disagree the content can win (taxonomy.md: the
heading stays in `framework_heading`, the content decides `domain`). `domain_score` is the
model's probability for the chosen domain, temperature-scaled on held-out regions. Without a
model file the classifier falls back to the heading table, splitting two-domain headings
(WSE-LR3) and classifying heading-less actions by content cue words, and says so on stderr.

Themes. Cue words per theme (`pipeline/data/theme_cues.toml`, see `pipeline.themes`), with
the firing thresholds tuned at training time; every theme comes with the words that fired it.

The model file is read with skops, trusting only the types listed in `TRUSTED_TYPES`: a file
that holds anything else is refused, never unpickled.
"""
from __future__ import annotations

import hashlib
import logging
import re
import tomllib
import zipfile
from dataclasses import dataclass, field, replace
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any, Mapping, Sequence

import numpy as np
from scipy import sparse

from pipeline.config import PACKAGE_DATA
from pipeline.errors import MineError
from pipeline.evaluation.labels import normalise
from pipeline.models import Action
from pipeline.themes import CUES_FILE, Cue, CueIndex, CueTable, Hits, ThemeRule, fold, load_cue_table, stemmed_text, tokenize

log = logging.getLogger(__name__)

DOMAINS = ("sociale_economie", "netwerking", "mvo_ondernemen", "activering", "samenwerking_vdab")
DEFAULT_DOMAIN = "netwerking"
HEADINGS_FILE = PACKAGE_DATA / "heading_domains.toml"
MODEL_FILE = "domain_model.skops"
MODEL_FORMAT = 1  # bump when the state layout below changes

# The types a model file holds besides numpy arrays, dicts, lists, str, int and float, listed
# one by one and passed to skops as the only extra trusted types; `_check_state` then checks that
# each part is the one this version builds (skops trusts other scikit-learn estimators too).
TRUSTED_TYPES: tuple[str, ...] = (
    "sklearn.feature_extraction.text.TfidfVectorizer",
    "sklearn.feature_extraction.text.TfidfTransformer",
    "sklearn.linear_model._logistic.LogisticRegression",
)


class ModelError(MineError):
    code = "model_error"
    remedy = "Rebuild the model with `mine train`, or remove the file to use the heading and cue rules."


# ---------------------------------------------------------------------------------------------
# The heading table


@dataclass(frozen=True)
class HeadingRule:
    pattern: re.Pattern[str]
    domains: tuple[str, ...]
    note: str = ""


@dataclass(frozen=True)
class HeadingTable:
    headings: tuple[HeadingRule, ...]
    codes: tuple[HeadingRule, ...]
    content: Mapping[str, tuple[Cue, ...]]

    def match(self, heading: str | None) -> tuple[str, ...]:
        """The domain(s) a heading points to, or () when no rule matches."""
        if not heading:
            return ()
        text = normalise(heading)
        for rule in self.headings:
            if rule.pattern.search(text):
                return rule.domains
        return ()

    def lookup(self, action: Action) -> tuple[str, ...]:
        """Domain(s) from the action's framework code, framework heading or section path."""
        code = normalise(action.framework_code or "")
        if code.startswith("wse"):
            found = self.match(code)
            if found:
                return found
        for heading in (action.framework_heading, *reversed(action.section_path)):
            found = self.match(heading)
            if found:
                return found
        for rule in self.codes:
            if code and rule.pattern.search(code):
                return rule.domains
        return ()

    def content_scores(self, title: str, text: str) -> dict[str, float]:
        """Cue hits per domain (a hit in the title counts double)."""
        scores = {d: 0.0 for d in DOMAINS}
        for weight, part in ((2.0, title), (1.0, text)):
            for domain, _, _, _ in self._content_index.find(tokenize(part or "")):
                scores[domain] += weight
        return scores

    @cached_property
    def _content_index(self) -> CueIndex:
        return CueIndex((domain, cue) for domain, cues in self.content.items() for cue in cues)

    def rule_domain(self, title: str, text: str, heading_domains: Sequence[str]) -> tuple[str, float]:
        """The rules' domain and a confidence: the heading when it names one domain, content
        cues between the heading's domains (or among all domains without a heading); with no
        heading and no cue, `netwerking` (regie is what a regierol action is by default)."""
        if len(heading_domains) == 1:
            return heading_domains[0], 0.7
        candidates = tuple(heading_domains) or DOMAINS
        scores = self.content_scores(title, text)
        ranked = sorted(candidates, key=lambda d: (-scores.get(d, 0.0), DOMAINS.index(d)))
        total = sum(scores.get(d, 0.0) for d in candidates)
        if total == 0:
            return (ranked[0] if heading_domains else DEFAULT_DOMAIN), 1.0 / len(candidates)
        share = scores.get(ranked[0], 0.0) / total
        return ranked[0], round(share * (0.7 if heading_domains else 0.5), 3)


def parse_heading_table(data: Mapping[str, Any]) -> HeadingTable:
    def rules(entries: Sequence[Mapping[str, Any]]) -> tuple[HeadingRule, ...]:
        out = []
        for e in entries:
            unknown = set(e["domains"]) - set(DOMAINS)
            if unknown:
                raise ValueError(f"heading rule {e['pattern']!r}: unknown domain(s) {sorted(unknown)}")
            out.append(HeadingRule(re.compile(e["pattern"]), tuple(e["domains"]), e.get("note", "")))
        return tuple(out)

    content = {d: tuple(Cue.parse(c, True) for c in data.get("content", {}).get(d, {}).get("cues", ())) for d in DOMAINS}
    return HeadingTable(rules(data.get("heading", ())), rules(data.get("code", ())), content)


@lru_cache(maxsize=4)
def load_heading_table(path: Path = HEADINGS_FILE) -> HeadingTable:
    with open(path, "rb") as fh:
        return parse_heading_table(tomllib.load(fh))


# ---------------------------------------------------------------------------------------------
# The domain model


def full_text(title: str, text: str) -> str:
    """Title and text as one string (the title once when the text opens with it)."""
    title, text = (title or "").strip(), (text or "").strip()
    if title and not fold(text[: len(title) + 10]).startswith(fold(title)[: max(1, len(title) - 2)]):
        return f"{title}\n{text}"
    return text or title


def subheading(action: Action) -> str:
    """The nearest heading above the action below its framework heading ("Re-integratie van
    langdurig zieken" under "2. De lokale sociale economie verder uitbouwen"), or "".

    The documents file rows and checklist items under objective headings whose words say what
    they are about; the labelling guidelines give a sub-objective's theme to the rows under it.
    """
    path = [p for p in action.section_path if p and p.strip()]
    if action.framework_heading:
        fh = normalise(action.framework_heading)
        at = [i for i, p in enumerate(path) if normalise(p) and (normalise(p) in fh or fh in normalise(p))]
        if not at:
            return ""
        path = path[at[-1] + 1 :]
    title = normalise(action.title)
    path = [p for p in path if normalise(p) != title]
    return path[-1].strip() if path else ""


@dataclass(frozen=True)
class View:
    """What the classifier reads of one action, prepared once: its words (as stems and folded),
    the sub-heading above it, the domain(s) of its framework heading, its theme cue hits and its
    domain content cue counts (title with sub-heading, and text)."""

    title: str
    text: str
    context: str
    heading_domains: tuple[str, ...]
    hits: Hits
    stems: str
    folded: str
    content_head: tuple[float, ...]  # per DOMAINS
    content_body: tuple[float, ...]

    @property
    def full_text(self) -> str:
        return full_text(self.title, self.text)

    @property
    def lead(self) -> str:
        return _lead(self.context, self.title)


def _lead(context: str, title: str) -> str:
    """The title with the sub-heading above it."""
    return f"{context} / {title}" if context else title


def make_view(title: str, text: str, context: str, heading_domains: Sequence[str], cues: CueTable, headings: HeadingTable) -> View:
    title, text, context = title or "", text or "", context or ""
    whole = full_text(title, text)
    head = headings.content_scores("", _lead(context, title))
    body = headings.content_scores("", text)
    return View(
        title, text, context, tuple(heading_domains), cues.hits(title, text, context), stemmed_text(whole), fold(whole),
        tuple(head[d] for d in DOMAINS), tuple(body[d] for d in DOMAINS),
    )


def heading_features(heading_domains: Sequence[Sequence[str]]) -> np.ndarray:
    """One row per action: 1/k on each of the heading's k domains, and a last column that is
    1 when no heading rule matched."""
    rows = np.zeros((len(heading_domains), len(DOMAINS) + 1))
    for i, domains in enumerate(heading_domains):
        if domains:
            for d in domains:
                rows[i, DOMAINS.index(d)] = 1.0 / len(domains)
        else:
            rows[i, -1] = 1.0
    return rows


def cue_features(view: View, theme_codes: Sequence[str]) -> np.ndarray:
    """Knowledge the shipped tables carry, as numbers: per theme, its strong, leading (title,
    sub-heading) and weak cue hits; per domain, its content cue hits in the title (with the
    sub-heading) and in the text. These carry over to regions whose words the model never saw."""
    out = []
    by_theme: dict[str, list] = {}
    for h in view.hits.hits:
        by_theme.setdefault(h.theme, []).append(h)
    for code in theme_codes:
        th = by_theme.get(code, [])
        # the domain model learnt its weights on these counts before the column guard: keep them
        strong = sum(1 for h in th if h.cue.strong and not h.listed)
        lead = sum(1 for h in th if h.where != "body")
        out.append(np.log1p(strong) + np.log1p(lead) + 0.5 * np.log1p(len(th) - strong))
    for head, body in zip(view.content_head, view.content_body):
        out += [np.log1p(head), np.log1p(body)]
    return np.asarray(out, dtype=float)


BLOCKS = ("words", "chars", "cues", "heading")


@dataclass
class DomainModel:
    """Word-stem and character TF-IDF, cue-table features and heading priors, each block
    scaled by its weight, into one multinomial logistic regression."""

    words: Any  # TfidfVectorizer over the stems
    chars: Any  # TfidfVectorizer, char_wb 3-5-grams over the folded text
    clf: Any  # LogisticRegression
    weights: dict[str, float]  # per block
    theme_codes: tuple[str, ...]  # order of the theme cue features
    temperature: float = 1.0  # softmax temperature fitted on held-out regions: honest probabilities

    @staticmethod
    def default_params() -> dict[str, Any]:
        return {"C": 2.0, "heading_weight": 0.5, "cue_weight": 0.3, "char_weight": 0.5, "word_weight": 1.0, "min_df": 2, "temperature": 1.0}

    @staticmethod
    def vectorizers(views: Sequence[View], min_df: int = 2) -> tuple[Any, Any]:
        """The two TF-IDF vectorizers, fitted on `views`."""
        from sklearn.feature_extraction.text import TfidfVectorizer

        words = TfidfVectorizer(token_pattern=r"\S+", sublinear_tf=True, min_df=min_df, ngram_range=(1, 2), max_features=20000, dtype=np.float64)
        chars = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True, min_df=min_df, max_features=20000, dtype=np.float64)
        words.fit([v.stems for v in views])
        chars.fit([v.folded for v in views])
        for vectorizer in (words, chars):
            # plain ints: skops would store every numpy integer of the vocabulary as a file of its own
            vectorizer.vocabulary_ = {term: int(index) for term, index in vectorizer.vocabulary_.items()}
        return words, chars

    @staticmethod
    def blocks(views: Sequence[View], vectorizers: tuple[Any, Any], theme_codes: Sequence[str]) -> dict[str, sparse.csr_matrix]:
        """The unweighted feature blocks of `views`."""
        words, chars = vectorizers
        return {
            "words": words.transform([v.stems for v in views]),
            "chars": chars.transform([v.folded for v in views]),
            "cues": sparse.csr_matrix(np.vstack([cue_features(v, theme_codes) for v in views])),
            "heading": sparse.csr_matrix(heading_features([v.heading_domains for v in views])),
        }

    @staticmethod
    def weights_of(params: Mapping[str, Any]) -> dict[str, float]:
        p = {**DomainModel.default_params(), **params}
        return {"words": float(p["word_weight"]), "chars": float(p["char_weight"]), "cues": float(p["cue_weight"]), "heading": float(p["heading_weight"])}

    @staticmethod
    def assemble(blocks: Mapping[str, sparse.csr_matrix], weights: Mapping[str, float]) -> sparse.csr_matrix:
        return sparse.hstack([blocks[b] * weights[b] for b in BLOCKS]).tocsr()

    @classmethod
    def fit(
        cls,
        views: Sequence[View],
        labels: Sequence[str],
        sample_weights: Sequence[float] | None = None,
        params: Mapping[str, Any] | None = None,
        theme_codes: Sequence[str] | None = None,
        prepared: tuple[tuple[Any, Any], Mapping[str, sparse.csr_matrix]] | None = None,
    ) -> "DomainModel":
        """Fit on `views`. `prepared` (vectorizers fitted on these views and their blocks) lets
        a grid search reuse the same features for every grid point."""
        from sklearn.linear_model import LogisticRegression

        p = {**cls.default_params(), **(params or {})}
        codes = tuple(theme_codes or load_cue_table().codes)
        if prepared is None:
            vectorizers = cls.vectorizers(views, int(p["min_df"]))
            prepared = (vectorizers, cls.blocks(views, vectorizers, codes))
        (words, chars), blocks = prepared
        weights = cls.weights_of(p)
        # newton-cg: the same optimum as lbfgs here, several times faster on these wide sparse matrices
        clf = LogisticRegression(C=float(p["C"]), solver="newton-cg", max_iter=1000, class_weight="balanced", random_state=0)
        clf.fit(cls.assemble(blocks, weights), list(labels), sample_weight=None if sample_weights is None else np.asarray(sample_weights, dtype=float))
        return cls(words, chars, clf, weights, codes, float(p["temperature"]))

    def features(self, views: Sequence[View]) -> sparse.csr_matrix:
        return self.assemble(self.blocks(views, (self.words, self.chars), self.theme_codes), self.weights)

    def predict_proba(self, views: Sequence[View], features: sparse.csr_matrix | None = None) -> tuple[list[str], np.ndarray]:
        """(classes, probabilities) with one row per view."""
        if not views:
            return list(self.clf.classes_), np.zeros((0, len(self.clf.classes_)))
        scores = self.clf.decision_function(self.features(views) if features is None else features) / self.temperature
        scores = np.exp(scores - scores.max(axis=1, keepdims=True))
        return list(self.clf.classes_), scores / scores.sum(axis=1, keepdims=True)

    def predict(self, views: Sequence[View], features: sparse.csr_matrix | None = None) -> list[tuple[str, float]]:
        classes, proba = self.predict_proba(views, features)
        best = proba.argmax(axis=1) if len(views) else []
        return [(classes[j], float(proba[i, j])) for i, j in enumerate(best)]

    def state(self) -> dict[str, Any]:
        return {
            "words": self.words,
            "chars": self.chars,
            "clf": self.clf,
            "weights": dict(self.weights),
            "theme_codes": list(self.theme_codes),
            "temperature": self.temperature,
        }

    @classmethod
    def from_state(cls, state: Mapping[str, Any]) -> "DomainModel":
        return cls(
            state["words"], state["chars"], state["clf"], {k: float(v) for k, v in state["weights"].items()}, tuple(state["theme_codes"]), float(state["temperature"])
        )


# ---------------------------------------------------------------------------------------------
# Model files


def tables_fingerprint(paths: Sequence[Path] = (HEADINGS_FILE, CUES_FILE)) -> str:
    """A short hash of the shipped tables the model's cue features are computed from."""
    digest = hashlib.sha256()
    for path in paths:
        digest.update(Path(path).read_bytes())
    return digest.hexdigest()[:16]


def save_model(path: Path, domain_model: DomainModel, theme_rule: ThemeRule, info: Mapping[str, Any]) -> None:
    """Write the model file (skops format): the domain model, the tuned theme rule, metadata."""
    import skops.io as sio

    state = {
        "format": MODEL_FORMAT,
        "domain": domain_model.state(),
        "theme_rule": theme_rule.as_dict(),
        "tables": tables_fingerprint(),
        "info": dict(info),
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    sio.dump(state, path, compression=zipfile.ZIP_DEFLATED, compresslevel=9)  # the vocabularies are verbose JSON


def load_model_state(path: Path) -> dict[str, Any]:
    """The model file's content. skops refuses any type beyond its safe defaults and
    `TRUSTED_TYPES` (nothing is unpickled); each part must then be what this version builds."""
    import skops.io as sio
    from skops.io.exceptions import UntrustedTypesFoundException

    try:
        state = sio.load(path, trusted=list(TRUSTED_TYPES))
    except UntrustedTypesFoundException as exc:
        raise ModelError(f"{path}: holds types this version does not trust ({exc})") from exc
    except Exception as exc:  # a damaged file is not a bug of ours
        raise ModelError(f"{path}: not a readable skops model ({type(exc).__name__}: {exc})") from exc
    if not isinstance(state, dict) or state.get("format") != MODEL_FORMAT:
        raise ModelError(f"{path}: model format {state.get('format') if isinstance(state, dict) else '?'} is not {MODEL_FORMAT}")
    _check_state(path, state)
    return state


def _check_state(path: Path, state: Mapping[str, Any]) -> None:
    """Each part of the state is what it must be (skops trusts any scikit-learn estimator by
    default; this model holds only these)."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    domain = state.get("domain")
    expected = {"words": TfidfVectorizer, "chars": TfidfVectorizer, "clf": LogisticRegression}
    if not isinstance(domain, dict) or any(type(domain.get(k)) is not t for k, t in expected.items()):
        raise ModelError(f"{path}: the domain model is not the word/char TF-IDF + logistic regression this version builds")
    rule = state.get("theme_rule")
    if not isinstance(rule, dict) or set(rule) - set(ThemeRule.__dataclass_fields__):
        raise ModelError(f"{path}: no theme rule this version knows")


# ---------------------------------------------------------------------------------------------
# The classifier


@dataclass
class ActionClassifier:
    headings: HeadingTable = field(default_factory=load_heading_table)
    cues: CueTable = field(default_factory=load_cue_table)
    domain_model: DomainModel | None = None
    theme_rule: ThemeRule | None = None  # None: the cue table's default rule
    info: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def load(cls, model_dir: Path) -> "ActionClassifier":
        """The classifier with the trained model in `model_dir`, or the heading and cue rules
        (with a warning on stderr) when there is none."""
        path = Path(model_dir) / MODEL_FILE
        if not path.is_file():
            log.warning("no domain model at %s: classifying domains by heading and cue rules (build one with `mine train`)", path)
            return cls()
        state = load_model_state(path)
        if state.get("tables") != tables_fingerprint():
            log.warning("%s was trained with other heading/cue tables than the installed ones: rebuild it with `mine train`", path)
        headings, cues = load_heading_table(), load_cue_table()
        rule = dict(state["theme_rule"])
        return cls(
            headings=headings,
            cues=cues,
            domain_model=DomainModel.from_state(state["domain"]),
            theme_rule=ThemeRule(**rule),
            info=dict(state.get("info", {})),
        )

    @property
    def uses_model(self) -> bool:
        return self.domain_model is not None

    def view(self, action: Action) -> View:
        return make_view(action.title, action.text, subheading(action), self.headings.lookup(action), self.cues, self.headings)

    def domains(self, views: Sequence[View]) -> list[tuple[str, float]]:
        if self.domain_model is not None:
            return [(d, round(s, 4)) for d, s in self.domain_model.predict(views)]
        return [
            self.headings.rule_domain(v.lead, v.text, v.heading_domains)
            for v in views
        ]

    def themes(self, view: View) -> tuple[tuple[str, ...], tuple[tuple[str, str], ...]]:
        return self.cues.assign(view.title, view.text, self.theme_rule, view.hits)


def classify_actions(actions: Sequence[Action], classifier: ActionClassifier) -> list[Action]:
    """The actions with `domain`, `domain_score` (0-1), `themes` and `theme_evidence` filled."""
    actions = list(actions)
    views = [classifier.view(a) for a in actions]
    out = []
    for action, view, (domain, score) in zip(actions, views, classifier.domains(views)):
        themes, evidence = classifier.themes(view)
        out.append(replace(action, domain=domain, domain_score=float(min(1.0, max(0.0, score))), themes=themes, theme_evidence=evidence))
    return out
