"""Themes (multi-label) from stem-aware Dutch cue words, each assignment with its evidence.

The cues live in a readable table (`pipeline/data/theme_cues.toml`); this module turns them
into matchers and decides, per action, which themes fire and which words made them fire.

A cue is one or more token patterns, matched against the action's tokens (lower case,
accents folded, split on spaces, punctuation and hyphens, so "Wijk-Werken" is `wijk werken`):

- `fiets`          the Dutch Snowball stem of the token equals the cue's stem, or the token's
                   stem is the cue word ("fietsen", "fiets"; "opleidingen" = "opleiding")
- `taalcoach*`     the token starts with it ("taalcoach", "taalcoaching", "taalcoachingtraject")
- `*opvang`        the token ends with it ("kinderopvang")
- `*fiets*`        the token contains it ("deelfietsen", "fietsrijschool", "sollicitatiefietsen")
- `=neet`          the token is exactly this (no stemming: short words and acronyms)
- `art* 60*`       consecutive tokens ("Art. 60§7", "artikel 60", "art 60 privé")

Strong cues are specific ("taalcoaching", "wijk-werken"); weak cues are words that also pass
by in other contexts ("taal", "overleg"). A theme fires when one of its cues stands in the
action's title (and, as the rule says, in the sub-heading above it or its opening words), when
its text holds enough strong cue occurrences, or enough different cues (`ThemeRule`; training
tunes the thresholds on the labelled seeds). A cue inside a list of examples ("(art. 60,
tenders, arbeidszorg, …)") is a passing word: it counts as weak and never as the title. Words
an `exclude` pattern matches never count for their theme.
"""
from __future__ import annotations

import math
import re
import tomllib
import unicodedata
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any, Iterable, Mapping, Sequence

import snowballstemmer

from pipeline.config import PACKAGE_DATA

CUES_FILE = PACKAGE_DATA / "theme_cues.toml"

_WORD = re.compile(r"[^\W_]+")
_STEMMER = snowballstemmer.stemmer("dutch")


def fold(text: str) -> str:
    """Lower case with accents folded: "Geïntegreerd" -> "geintegreerd"."""
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c)).lower()


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """Dutch Snowball stem of a folded word: "opleidingen" -> "opleid", "fietsen" -> "fiets"."""
    return _STEMMER.stemWord(word)


@dataclass(frozen=True)
class Token:
    text: str  # folded
    stem: str
    start: int  # character offsets in the original text
    end: int


def tokenize(text: str) -> list[Token]:
    """Words of `text` (folded; hyphens, slashes and § split words) with their offsets in
    `text` (each word is folded on its own, so offsets stay those of the original)."""
    tokens = []
    for m in _WORD.finditer(text):
        word = fold(m.group())
        if word:
            tokens.append(Token(word, stem(word), m.start(), m.end()))
    return tokens


def stemmed_text(text: str) -> str:
    """The text as space-separated stems of its words (digits dropped): the input of the
    word features of the domain model, so that "opleidingen" and "opleiding" are one feature."""
    return " ".join(t.stem for t in tokenize(text) if not t.text.isdigit() and len(t.text) > 1)


@dataclass(frozen=True)
class TokenPattern:
    kind: str  # stem | exact | prefix | suffix | infix
    value: str
    word: str = ""  # stem: the cue word itself (Snowball stems "fiets" to "fiet" but "fietsen" to "fiets")

    @classmethod
    def parse(cls, word: str) -> "TokenPattern":
        word = fold(word.strip())
        if word.startswith("="):
            return cls("exact", word[1:])
        starts, ends = word.startswith("*"), word.endswith("*")
        core = word.strip("*")
        if not core or not _WORD.fullmatch(core):
            raise ValueError(f"bad cue word {word!r}: letters/digits with optional * at either end")
        if starts and ends:
            return cls("infix", core)
        if ends:
            return cls("prefix", core)
        if starts:
            return cls("suffix", core)
        return cls("stem", stem(core), core)

    def matches(self, token: Token) -> bool:
        if self.kind == "stem":
            return token.stem == self.value or token.stem == self.word or token.text == self.word
        if self.kind == "exact":
            return token.text == self.value
        if self.kind == "prefix":
            return token.text.startswith(self.value)
        if self.kind == "suffix":
            return token.text.endswith(self.value)
        return self.value in token.text


@dataclass(frozen=True)
class Cue:
    """One cue of a theme: a sequence of token patterns, as written in the cue table."""

    source: str
    patterns: tuple[TokenPattern, ...]
    strong: bool

    @classmethod
    def parse(cls, source: str, strong: bool) -> "Cue":
        words = [w for w in re.split(r"[\s\-/]+", source.strip()) if w]
        if not words:
            raise ValueError("empty cue")
        # a `*` glued to a word that the split cut ("sociaal-circulair*") stays on its part
        return cls(source, tuple(TokenPattern.parse(w) for w in words), strong)


class CueIndex:
    """Finds many cues in one pass over the words: each word is looked up by its stem, its
    text, its prefixes and suffixes, and only cues whose first word matches are tried further.
    Occurrences of one cue do not overlap (the next search starts after the last one)."""

    def __init__(self, entries: Iterable[tuple[str, Cue]]) -> None:
        self.entries = list(entries)
        self.stem: dict[str, list[int]] = {}
        self.exact: dict[str, list[int]] = {}
        self.prefix: dict[int, dict[str, list[int]]] = {}
        self.suffix: dict[int, dict[str, list[int]]] = {}
        self.infix: list[tuple[str, int]] = []
        for n, (_, cue) in enumerate(self.entries):
            first = cue.patterns[0]
            if first.kind == "stem":
                for value in {first.value, first.word}:
                    self.stem.setdefault(value, []).append(n)
                self.exact.setdefault(first.word, []).append(n)
            elif first.kind == "exact":
                self.exact.setdefault(first.value, []).append(n)
            elif first.kind in ("prefix", "suffix"):
                getattr(self, first.kind).setdefault(len(first.value), {}).setdefault(first.value, []).append(n)
            else:
                self.infix.append((first.value, n))

    def _first(self, token: Token) -> list[int]:
        found = self.stem.get(token.stem, []) + self.exact.get(token.text, [])
        for size, table in self.prefix.items():
            found += table.get(token.text[:size], [])
        for size, table in self.suffix.items():
            if len(token.text) >= size:
                found += table.get(token.text[-size:], [])
        found += [n for value, n in self.infix if value in token.text]
        return found

    def find(self, tokens: Sequence[Token]) -> list[tuple[str, Cue, int, int]]:
        """(key, cue, first token index, last token index + 1) of each occurrence."""
        out = []
        free_from: dict[int, int] = {}
        for i, token in enumerate(tokens):
            for n in sorted(set(self._first(token))):
                key, cue = self.entries[n]
                size = len(cue.patterns)
                if i < free_from.get(n, 0) or i + size > len(tokens):
                    continue
                if all(p.matches(tokens[i + k]) for k, p in enumerate(cue.patterns[1:], 1)):
                    out.append((key, cue, i, i + size))
                    free_from[n] = i + size
        return out


@dataclass(frozen=True)
class Theme:
    code: str
    label: str
    cues: tuple[Cue, ...]
    exclude: tuple[TokenPattern, ...] = ()


@dataclass(frozen=True)
class ThemeRule:
    """When cue hits make a theme fire. Defaults are the cue table's; training tunes them."""

    lead_chars: int = 0  # the text's opening characters after the title that count as title
    min_strong: int = 2  # strong cue occurrences in the text
    min_weak: int = 2  # different cues, weak ones included, in the text (when too few strong ones)
    long_tokens: int = 400  # texts longer than this many words need `min_strong_long`
    min_strong_long: int = 2
    title_weak: int = 1  # 1: a weak cue in the title fires its theme on its own; 2: with another hit of the theme; 0: never
    context_lead: int = 1  # 1: cues in the sub-heading above the action count like its title
    min_share: int = 0  # percent: a fired theme whose score is below this share of the best one's is dropped
    max_themes: int = 0  # at most this many themes per action, by score (0: no cap)
    per_theme: Mapping[str, int] = field(default_factory=dict)  # theme -> its own min_strong

    def need(self, theme: str, n_tokens: int) -> int:
        if theme in self.per_theme:
            return self.per_theme[theme]
        return self.min_strong_long if n_tokens > self.long_tokens else self.min_strong

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {k: int(v) for k, v in self.__dict__.items() if k != "per_theme"}
        out["per_theme"] = {k: int(v) for k, v in sorted(self.per_theme.items())}
        return out


@dataclass(frozen=True)
class Hit:
    theme: str
    cue: Cue
    words: str  # the text as written
    where: str  # context (the sub-heading above the action) | title | body
    offset: int = 0  # body: characters after the end of the title where the hit starts
    listed: bool = False  # inside a parenthesised list of examples: a passing word
    column: bool = False  # in the trekker/partner cells after a table row's last sentence: a passing word

    def lead(self, rule: ThemeRule) -> bool:
        """Does the hit stand where the action says what it is about?"""
        if self.where == "title":
            return True
        if self.where == "context":
            return bool(rule.context_lead)
        return self.offset < rule.lead_chars and not self.listed and not self.column

    @property
    def strong(self) -> bool:
        return self.cue.strong and not self.listed and not self.column


@dataclass(frozen=True)
class Hits:
    """Every cue occurrence in one action, found once; rules are then applied cheaply."""

    hits: tuple[Hit, ...]
    n_tokens: int  # words in the action's title and text


_LIST = re.compile(r"\(([^()]*)\)")
_ELLIPSIS = re.compile(r"\.\.\.|…")
_CLAUSE_END = ".!?:;\n("


def _listed_spans(text: str) -> list[tuple[int, int]]:
    """Lists of examples, where a cue is a passing word: parenthesised lists ("(tijdelijke
    werkervaring, artikel 60, tenders, …)") and enumerations of four or more items that trail
    off ("motivatie, mobiliteitsproblemen, taalbarrières, kinderopvang, ...")."""
    spans = [m.span() for m in _LIST.finditer(text) if m.group(1).count(",") >= 2 or "…" in m.group(1) or "..." in m.group(1)]
    for m in _ELLIPSIS.finditer(text):
        start = max(text.rfind(c, 0, m.start()) for c in _CLAUSE_END) + 1
        if text.count(",", start, m.start()) >= 3:
            spans.append((start, m.end()))
    return spans


_SENTENCE_END = re.compile(r"[.!?](?=\s|$)")
TAIL_WORDS = 25  # a column of names after the last sentence holds at most this many words
TAIL_LINE_WORDS = 6  # ... and at most this many on one line


def _column_tail(text: str) -> int | None:
    """Where the cells of the trekker and partner columns start, when a plan table's row was
    read as one text: after its last sentence, only short lines of names ("stuurgroep DS -
    werkgroep re-integratie / AZ-fabriek"). Bodies named there are actors, not the subject."""
    ends = [m.end() for m in _SENTENCE_END.finditer(text)]
    if not ends:
        return None
    tail = text[ends[-1]:]
    words = _WORD.findall(tail)
    if not words or len(words) > TAIL_WORDS:
        return None
    if any(len(_WORD.findall(line)) > TAIL_LINE_WORDS for line in tail.splitlines()):
        return None
    return ends[-1]


@dataclass(frozen=True)
class CueTable:
    themes: tuple[Theme, ...]
    rule: ThemeRule = field(default_factory=ThemeRule)

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(t.code for t in self.themes)

    @cached_property
    def _index(self) -> CueIndex:
        return CueIndex((theme.code, cue) for theme in self.themes for cue in theme.cues)

    @cached_property
    def _exclude(self) -> dict[str, tuple[TokenPattern, ...]]:
        return {theme.code: theme.exclude for theme in self.themes if theme.exclude}

    def _find(self, text: str) -> Iterable[tuple[str, Cue, int, int]]:
        tokens = tokenize(text)
        for code, cue, a, b in self._index.find(tokens):
            exclude = self._exclude.get(code)
            if exclude and any(p.matches(t) for t in tokens[a:b] for p in exclude):
                continue
            yield code, cue, tokens[a].start, tokens[b - 1].end

    def hits(self, title: str, text: str, context: str = "") -> Hits:
        """Every cue occurrence in the sub-heading above the action, its title and its text."""
        found: list[Hit] = [Hit(code, cue, context[a:b], "context") for code, cue, a, b in self._find(context or "")]
        body, title_end = _with_title(title, text)
        lists = _listed_spans(body)
        tail = _column_tail(body)
        tail = len(body) + 1 if tail is None else max(tail, title_end)
        for code, cue, a, b in self._find(body):
            if a < title_end:
                found.append(Hit(code, cue, body[a:b], "title"))
            else:
                listed = any(x <= a and b <= y for x, y in lists)
                found.append(Hit(code, cue, body[a:b], "body", a - title_end, listed, a >= tail))
        return Hits(tuple(found), len(_WORD.findall(body)))

    def assign(
        self, title: str, text: str, rule: ThemeRule | None = None, hits: Hits | None = None, context: str = ""
    ) -> tuple[tuple[str, ...], tuple[tuple[str, str], ...]]:
        """(themes, evidence) for one action; evidence pairs a theme with the words that fired it."""
        rule = rule or self.rule
        found = self.hits(title, text, context) if hits is None else hits
        by_theme: dict[str, list[Hit]] = {}
        for h in found.hits:
            by_theme.setdefault(h.theme, []).append(h)
        themes, evidence, scores = [], [], []
        for theme in self.themes:
            th = by_theme.get(theme.code)
            if not th:
                continue
            strong = [h for h in th if h.strong]
            cues = {h.cue.source for h in th}
            # a weak cue in the lead fires alone (title_weak 1) or with support: another hit
            # of the theme, a second word or a second occurrence (title_weak 2)
            weak_lead = rule.title_weak == 1 or (rule.title_weak >= 2 and len(th) >= 2)
            fired = (
                any(h.lead(rule) and (h.strong or weak_lead) for h in th)
                or len(strong) >= rule.need(theme.code, found.n_tokens)
                or len(cues) >= rule.min_weak
            )
            if fired:
                themes.append(theme.code)
                scores.append(theme_score(th, rule, found.n_tokens))
                ordered = sorted(th, key=lambda h: (not h.lead(rule), not h.strong, h.where != "title", h.offset))
                words = list(dict.fromkeys(" ".join(h.words.split()) for h in ordered))
                evidence.append((theme.code, ", ".join(words[:6])))
        keep = _kept(scores, rule)
        return tuple(t for t, k in zip(themes, keep) if k), tuple(e for e, k in zip(evidence, keep) if k)


def theme_score(hits: Sequence[Hit], rule: ThemeRule, n_tokens: int) -> float:
    """How much an action is about a theme: a cue where the action says what it is about
    weighs most, then strong cue occurrences per 100 words (a long text passes by many
    themes), then the number of different cues."""
    lead = max((2.0 if h.strong else 1.0 for h in hits if h.lead(rule)), default=0.0)
    strong = sum(1 for h in hits if h.strong)
    density = strong * 100.0 / max(n_tokens, 100)
    cues = len({h.cue.source for h in hits})
    return lead + math.log1p(density) + 0.25 * math.log1p(cues)


def _kept(scores: Sequence[float], rule: ThemeRule) -> list[bool]:
    """Which fired themes stay: those whose score is at least `rule.min_share` percent of the
    best one's, and at most `rule.max_themes` of them (0: no cap), best first (ties: table order)."""
    if not scores:
        return []
    top = max(scores)
    keep = [s * 100 >= rule.min_share * top for s in scores]
    if rule.max_themes:
        order = sorted(range(len(scores)), key=lambda i: -scores[i])
        for rank, i in enumerate(order):
            if rank >= rule.max_themes:
                keep[i] = False
    return keep


def _with_title(title: str, text: str) -> tuple[str, int]:
    """The text with the title in front (unless the text already opens with it), and where
    the title ends in it."""
    title = (title or "").strip()
    if not title:
        return text, 0
    head = [t.text for t in tokenize(text[: len(title) + 80])]
    words = [t.text for t in tokenize(title)]
    if words and head[: len(words)] == words:
        return text, _end_of_words(text, len(words))
    return f"{title}\n{text}", len(title)


def _end_of_words(text: str, n: int) -> int:
    """Character offset after the first `n` words of `text`."""
    for i, m in enumerate(_WORD.finditer(text)):
        if i == n - 1:
            return m.end()
    return len(text)


def _cues(values: Iterable[str], strong: bool) -> tuple[Cue, ...]:
    return tuple(Cue.parse(v, strong) for v in values)


def parse_cue_table(data: Mapping[str, Any]) -> CueTable:
    """A cue table from its TOML data (see theme_cues.toml for the layout)."""
    rule = ThemeRule(**data.get("rule", {}))
    unknown = {k for spec in data["themes"].values() for k in spec} - {"label", "strong", "weak", "exclude"}
    if unknown:
        raise ValueError(f"unknown key(s) in the cue table: {sorted(unknown)}")
    themes = []
    for code, spec in data["themes"].items():
        themes.append(
            Theme(
                code=code,
                label=spec.get("label", code),
                cues=_cues(spec.get("strong", ()), True) + _cues(spec.get("weak", ()), False),
                exclude=tuple(TokenPattern.parse(w) for w in spec.get("exclude", ())),
            )
        )
    return CueTable(tuple(themes), rule)


@lru_cache(maxsize=4)
def load_cue_table(path: Path = CUES_FILE) -> CueTable:
    """The shipped (or a given) cue table."""
    with open(path, "rb") as fh:
        return parse_cue_table(tomllib.load(fh))
