"""What the analysis commands share: the actions with their sources, Dutch text matching.

`compare`, `seed`, `search` and `serve` (modules `compare`, `seedplan`, `search`, `serve`)
read the store through `load_corpus` and never write it. Text matching is offline and
model-free: Dutch Snowball stems for words (BM25 / TF-IDF), character n-grams and a
compound rule for the Dutch habit of writing compounds as one word ("taalcoachingtraject",
"fietsrijschool", "deelfiets").
"""
from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Iterable, Sequence

import numpy as np
import snowballstemmer
from scipy import sparse
from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer

from pipeline.errors import NotFound, UsageError
from pipeline.models import Action, Document
from pipeline.store import Store

UNKNOWN_REGION = "(unknown)"
UNCLASSIFIED = "(unclassified)"

# The harmonised domains of taxonomy.md, in the order of the decree's priorities.
DOMAINS: dict[str, str] = {
    "netwerking": "Regie, netwerking en overleg",
    "activering": "Tewerkstelling en drempels naar werk",
    "sociale_economie": "Lokale sociale economie uitbouwen",
    "mvo_ondernemen": "MVO en (sociaal) ondernemerschap",
    "samenwerking_vdab": "Samenwerking VDAB en arbeidsmarktpartners",
}

# Cue words per theme (taxonomy.md): they widen a `seed --themes` request to the words
# documents use when the classifier has not tagged an action (or tagged it differently).
THEME_CUES: dict[str, str] = {
    "taal": "Nederlandse taal werkvloer taalcoaching taalcoach anderstaligen NT2 taalwerkvloer taalbeleid taalondersteuning",
    "mobiliteit": "mobiliteit fiets deelfiets elektrische fiets openbaar vervoer rijbewijs rijschool fietsrijschool vervoersregio",
    "kinderopvang": "kinderopvang flexibele opvang",
    "jongeren": "jongeren jeugdwerkloosheid NEET schoolverlaters vakantiewerk duaal leren jobfix",
    "wijk_werken": "wijk-werken wijkwerken",
    "art60_twe": "artikel 60 tijdelijke werkervaring TWE leefloongerechtigden activeren gemeenschapsdienst",
    "maatwerk_lde": "collectief maatwerk individueel maatwerk lokale diensteneconomie LDE contingent VTE",
    "arbeidszorg": "arbeidszorg arbeidsmatige activiteiten AMA sociaal activeren",
    "sociaal_aankopen": "sociale clausules sociaal aankopen overheidsopdrachten aanbestedingen",
    "circulair": "circulaire economie kringloop hergebruik sociaal-circulair",
    "voedsel": "voedseloverschotten sociale kruidenier voedselhub foodsavers",
    "zorg": "zorgsector woonzorg proeftuinen sociale economie en zorg",
    "digitaal": "digitale inclusie digibanken Iedereen Digitaal",
    "zichtbaarheid": "promotie zichtbaarheid sociale economie brochure communicatie People Made",
    "werkgevers": "werkgeversbenadering jobbeurs open hiring doorstroom normaal economisch circuit enclavewerking",
    "langdurig_zieken": "re-integratie langdurig zieken",
    "kansengroepen": "migratieachtergrond kansengroepen diversiteit armoede arbeidsbeperking",
    "overleg": "stuurgroep lerend netwerk werkgroep ROSE beheerscomité overlegstructuur",
    "analyse": "omgevingsanalyse behoeftepeiling monitoring cijfers",
    "projectsubsidies": "ESF-oproep projectoproep subsidiedossier",
    "duurzaamheid": "SDG duurzaam ondernemen energie klimaat",
    "opleiding": "opleiding werkplekleren competenties train-the-trainer",
}


# -- the actions with their sources ------------------------------------------------------


@dataclass(frozen=True)
class Corpus:
    """Actions (region and year filled in from their document where the action lacks them)."""

    actions: list[Action]
    documents: dict[str, Document]

    def source(self, action: Action) -> str:
        doc = self.documents.get(action.doc_id)
        return doc.source if doc else action.doc_id

    def cite(self, action: Action) -> str:
        """`Region year (report), file.pdf p. 3`."""
        kind = f" ({action.doc_type})" if action.doc_type else ""
        year = f" {action.year}" if action.year else ""
        return f"{action.region}{year}{kind}, {self.source(action)} p. {action.page}"

    @property
    def regions(self) -> list[str]:
        return sorted({a.region or UNKNOWN_REGION for a in self.actions})


def load_corpus(store: Store, regions: Sequence[str] | None = None, years: Iterable[int] | None = None) -> Corpus:
    """Every action of the store, optionally restricted to some regions and years."""
    documents = {d.doc_id: d for d in store.documents()}
    wanted_regions = {r.casefold() for r in regions} if regions else None
    wanted_years = set(years) if years is not None else None
    actions = []
    for action in store.actions():
        doc = documents.get(action.doc_id)
        region = action.region or (doc.meta.region if doc else None) or UNKNOWN_REGION
        year = action.year if action.year is not None else (min(doc.meta.years) if doc and doc.meta.years else None)
        doc_type = action.doc_type or (doc.meta.doc_type if doc and doc.meta.doc_type in ("report", "plan") else None)
        if (region, year, doc_type) != (action.region, action.year, action.doc_type):
            action = replace(action, region=region, year=year, doc_type=doc_type)
        if wanted_regions is not None and region.casefold() not in wanted_regions:
            continue
        if wanted_years is not None and year not in wanted_years:
            continue
        actions.append(action)
    return Corpus(actions=actions, documents=documents)


def known_regions(store: Store) -> list[str]:
    return load_corpus(store).regions


def resolve_regions(store: Store, names: Sequence[str]) -> list[str]:
    """The store's spelling of each region name (case-insensitive); NotFound lists the known ones."""
    known = known_regions(store)
    by_fold = {r.casefold(): r for r in known}
    out = []
    for name in names:
        hit = by_fold.get(name.strip().casefold())
        if hit is None:
            raise NotFound(
                f"no actions for region {name!r} in the store",
                remedy=f"Known regions: {', '.join(known) or '(none: ingest documents first)'}.",
            )
        out.append(hit)
    return out


def parse_years(spec: str | None) -> list[int] | None:
    """`2020-2023` -> [2020, 2021, 2022, 2023]; `2021,2023` -> [2021, 2023]; None -> None."""
    if spec is None or not spec.strip():
        return None
    years: list[int] = []
    for part in spec.split(","):
        part = part.strip()
        m = re.fullmatch(r"(\d{4})\s*[-–]\s*(\d{4})", part)
        if m:
            lo, hi = int(m.group(1)), int(m.group(2))
            if lo > hi:
                raise UsageError(f"year range {part!r} runs backwards")
            years.extend(range(lo, hi + 1))
        elif re.fullmatch(r"\d{4}", part):
            years.append(int(part))
        else:
            raise UsageError(f"cannot read years {spec!r}", remedy="Write e.g. 2020-2023 or 2021,2023.")
    return sorted(set(years))


def split_list(spec: str | None) -> list[str] | None:
    """`taal, mobiliteit` -> ['taal', 'mobiliteit']; None or empty -> None."""
    if spec is None:
        return None
    items = [s.strip() for s in spec.split(",") if s.strip()]
    return items or None


# -- Dutch text matching -------------------------------------------------------------------

# Function words that carry no topic (a short hand list: the corpus' own frequent words
# are damped by IDF anyway).
DUTCH_STOPWORDS = frozenset(
    """aan al als bij binnen dan dat de deze die dit door een en er het hij hun in is je kan
    kunnen maar met na naar niet nog of om onder ons onze ook op over per te ten ter tot uit
    van vanuit voor waar wat we werd werden wij wordt worden zal ze zich zij zijn zo zoals
    was waren heeft hebben had meer via hier daar dus wel geen wie welke elk elke ieder
    iedere andere alle veel zeer ca bv o.a oa""".split()
)

_WORD = re.compile(r"[a-z0-9]+")
_stemmer = snowballstemmer.stemmer("dutch")


def fold(text: str) -> str:
    """Lower case with accents removed: `Coördinatie` -> `coordinatie`."""
    if text.isascii():
        return text.lower()
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c)).lower()


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """Dutch Snowball stem of a folded word: `taalcoaching` -> `taalcoach`."""
    return _stemmer.stemWord(word)


def words(text: str) -> list[str]:
    """Folded words, stop words out; hyphenated compounds also as one word (`wijk-werken`)."""
    folded = fold(text)
    out = [w for w in _WORD.findall(folded) if w not in DUTCH_STOPWORDS and (len(w) > 1 or w.isdigit())]
    out.extend(m.replace("-", "") for m in re.findall(r"[a-z]+(?:-[a-z]+)+", folded))
    return out


def stems(text: str) -> list[str]:
    """Stemmed content words of a text (the analyzer of every word index here)."""
    return [stem(w) for w in words(text)]


def action_text(action: Action) -> str:
    """Title, text and result of an action as one searchable text (title counted twice)."""
    parts = [action.title, action.title if action.title not in action.text else "", action.text]
    if action.result and action.result not in action.text:
        parts.append(action.result)
    return "\n".join(p for p in parts if p)


CHAR_NOISE = 0.1  # character n-gram cosine that unrelated Dutch texts reach

# Abbreviations the field writes for its own terms (taxonomy.md and the decree's vocabulary):
# a query that spells the term out also finds the abbreviation ("arbeidszorg" -> "AZ",
# "tijdelijke werkervaring" -> "TWE"), and an abbreviation in a query finds a one-word
# expansion ("art. 60" -> "artikel 60").
ABBREVIATIONS: dict[str, str] = {
    "az": "arbeidszorg",
    "ama": "arbeidsmatige activiteiten",
    "art": "artikel",
    "twe": "tijdelijke werkervaring",
    "lde": "lokale diensteneconomie",
    "mw": "maatwerk",
    "se": "sociale economie",
    "nec": "normaal economisch circuit",
    "lb": "lokale besturen",
    "wz": "werkzoekenden",
    "mvo": "maatschappelijk verantwoord ondernemen",
    "rose": "regionaal overleg sociale economie",
    "atb": "arbeidstrajectbegeleiding",
    "nt2": "nederlands tweede taal",
}


@lru_cache(maxsize=1)
def _abbreviation_stems() -> tuple[tuple[str, tuple[str, ...]], ...]:
    return tuple((abbr, tuple(stems(full))) for abbr, full in ABBREVIATIONS.items())


class TextIndex:
    """BM25 over Dutch stems (compound-aware) plus character n-gram TF-IDF, over fixed texts.

    `titles` (optional, one per text) are counted `title_weight` times on top of the text
    (BM25F-style field weighting: a word in the heading says more about the action than
    one in its fourth paragraph). Each part is built on first use: search needs BM25 and
    n-grams, similarity needs word TF-IDF and n-grams."""

    def __init__(
        self,
        texts: Sequence[str],
        k1: float = 1.4,
        b: float = 0.75,
        titles: Sequence[str] | None = None,
        title_weight: float = 1.0,
    ) -> None:
        self.texts = list(texts)
        self.size = len(texts)
        self.k1, self.b = k1, b
        if titles is not None and len(titles) != self.size:
            raise ValueError("one title per text")
        self.titles = list(titles) if titles is not None else None
        self.title_weight = title_weight
        self.vocab: dict[str, int] = {}
        self.terms: list[str] = []
        self._counts: sparse.csc_matrix | None = None
        self._chars: tuple[TfidfVectorizer, sparse.csr_matrix] | None = None
        self._words: sparse.csr_matrix | None = None

    @property
    def counts(self) -> sparse.csc_matrix:
        """Stem counts per text (texts x vocabulary), with BM25's idf and length norms."""
        if self._counts is None:
            vectorizer = CountVectorizer(analyzer=_identity)
            text_stems = [stems(t) for t in self.texts]
            try:
                if self.titles is None:
                    counts = vectorizer.fit_transform(text_stems).tocsc().astype(np.float64)
                else:
                    title_stems = [stems(t) for t in self.titles]
                    vectorizer.fit(text_stems + title_stems)
                    counts = vectorizer.transform(text_stems).astype(np.float64)
                    counts = (counts + self.title_weight * vectorizer.transform(title_stems)).tocsc()
                self.vocab = vectorizer.vocabulary_
            except ValueError:  # no words at all
                counts, self.vocab = sparse.csc_matrix((self.size, 1)), {"": 0}
            self.terms = sorted(self.vocab)
            df = np.asarray((counts > 0).sum(axis=0)).ravel()
            self.idf = _idf(df, self.size)
            lengths = np.asarray(counts.sum(axis=1)).ravel()
            self.norm = self.k1 * (1 - self.b + self.b * lengths / max(lengths.mean(), 1.0))
            self._counts = counts
        return self._counts

    @property
    def chars(self) -> sparse.csr_matrix:
        return self._char_model()[1]

    def _char_model(self) -> tuple[TfidfVectorizer, sparse.csr_matrix]:
        if self._chars is None:
            vectorizer = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), preprocessor=fold, sublinear_tf=True)
            try:
                self._chars = (vectorizer, vectorizer.fit_transform(self.texts).tocsr())
            except ValueError:
                vectorizer = TfidfVectorizer(analyzer="char", ngram_range=(1, 1))
                self._chars = (vectorizer.fit(["x"]), sparse.csr_matrix((self.size, 1)))
        return self._chars

    @property
    def word_vectors(self) -> sparse.csr_matrix:
        """Stem TF-IDF (sublinear tf, l2-normalised) for cosine similarity."""
        if self._words is None:
            from sklearn.feature_extraction.text import TfidfTransformer

            self._words = TfidfTransformer(sublinear_tf=True).fit_transform(self.counts.tocsr()).tocsr()
        return self._words

    # Query side -----------------------------------------------------------------------

    def _word_columns(self, word: str) -> dict[int, float]:
        """Vocabulary columns one query word hits, with a weight: 1 for the stem itself, 0.6
        for a compound that starts with the word (`taal` -> `taalcoachingtraject`), 0.5 for
        one that ends with it (`fiets` -> `deelfiets`). Both the word and its stem are tried,
        since a stem can lose letters a compound keeps (`fiets` -> `fiet`)."""
        weights: dict[int, float] = {}

        def hit(col: int, weight: float) -> None:
            weights[col] = max(weights.get(col, 0.0), weight)

        s = stem(word)
        if s in self.vocab:
            hit(self.vocab[s], 1.0)
        for part in {word, s}:
            if len(part) < 4:
                continue
            i = bisect.bisect_left(self.terms, part)
            while i < len(self.terms) and self.terms[i].startswith(part):
                if self.terms[i] != s:
                    hit(self.vocab[self.terms[i]], 0.6)
                i += 1
            for term in self.terms:
                if len(term) >= len(part) + 3 and term.endswith(part):
                    hit(self.vocab[term], 0.5)
        # the other way round: a shorter stem of the same word family (`promotie` -> `promot`)
        for cut in range(1, 4):
            shorter = word[:-cut]
            if len(shorter) >= 5 and shorter in self.vocab and shorter != s:
                hit(self.vocab[shorter], 0.6)
        return weights

    def query_concepts(self, query: str) -> list[dict[int, float]]:
        """One group of vocabulary columns per concept of the query (a content word), each
        column with its weight. The columns of one concept are alternatives (the stem, its
        compounds, the field's abbreviation of it): BM25 adds their counts up as one term,
        so a text does not score twice for writing a word two ways, and a query word that
        matches many compounds does not outweigh the others."""
        self.counts  # builds the vocabulary
        folded = fold(query)
        plain = [w for w in _WORD.findall(folded) if w not in DUTCH_STOPWORDS and (len(w) > 1 or w.isdigit())]
        order = list(dict.fromkeys(plain))
        concepts = {w: self._word_columns(w) for w in order}

        def also(word: str, col: int, weight: float = 1.0) -> None:
            group = concepts[word]
            group[col] = max(group.get(col, 0.0), weight)

        # a hyphenated compound (`wijk-werken`) is an alternative spelling of each of its parts
        for compound in re.findall(r"[a-z0-9]+(?:-[a-z0-9]+)+", folded):
            parts = [p for p in compound.split("-") if p in concepts]
            for col, weight in self._word_columns(compound.replace("-", "")).items():
                for p in parts:
                    also(p, col, weight)
        stemmed = [stem(w) for w in plain]
        for abbr, full in _abbreviation_stems():
            if abbr in concepts:  # the query writes the abbreviation
                if len(full) == 1:
                    for col, weight in self._word_columns(ABBREVIATIONS[abbr]).items():
                        also(abbr, col, weight)
                continue
            if abbr not in self.vocab:
                continue
            for i in range(len(stemmed) - len(full) + 1):
                if tuple(stemmed[i : i + len(full)]) == full:
                    for w in plain[i : i + len(full)]:
                        also(w, self.vocab[abbr])
        return [c for c in concepts.values() if c]

    def query_terms(self, query: str) -> dict[int, float]:
        """Every vocabulary column the query hits, with its best weight."""
        weights: dict[int, float] = {}
        for concept in self.query_concepts(query):
            for col, weight in concept.items():
                weights[col] = max(weights.get(col, 0.0), weight)
        return weights

    def bm25(self, query: str, coverage: float = 0.0) -> np.ndarray:
        """BM25 with each query concept as one term. `coverage` > 0 multiplies a text's score
        by the idf-weighted share of the query's concepts it holds, to that power: a text
        that matches every concept of "sociale clausules in overheidsopdrachten" outranks
        one that repeats only the commonest of them."""
        scores = np.zeros(self.size)
        if not self.size:
            return scores
        counts = self.counts
        held = np.zeros(self.size)
        total = 0.0
        for concept in self.query_concepts(query):
            cols = list(concept)
            tf = np.asarray(counts[:, cols] @ np.array([concept[c] for c in cols])).ravel()
            rows = np.flatnonzero(tf)
            idf = float(_idf(np.array([len(rows)]), self.size)[0])
            total += idf
            held[rows] += idf
            tf = tf[rows]
            scores[rows] += idf * tf * (self.k1 + 1) / (tf + self.norm[rows])
        if coverage and total > 0:
            scores *= (held / total) ** coverage
        return scores

    def char_cosine(self, query: str) -> np.ndarray:
        if not self.size:
            return np.zeros(0)
        vectorizer, matrix = self._char_model()
        return np.asarray((matrix @ vectorizer.transform([query]).T).todense()).ravel()

    def scores(self, query: str, char_weight: float = 0.3, coverage: float = 0.0) -> np.ndarray:
        """Relevance of every text to the query, 0-1: BM25 scaled by the best text, plus
        character n-gram cosine above a noise floor (any two Dutch texts share some n-grams)."""
        bm = self.bm25(query, coverage=coverage)
        bm = bm / bm.max() if bm.size and bm.max() > 0 else bm
        ch = np.clip(self.char_cosine(query) - CHAR_NOISE, 0.0, None)
        ch = ch / max(float(ch.max()) if ch.size else 0.0, 0.1)
        return (1 - char_weight) * bm + char_weight * ch

    # Text-to-text similarity (near-duplicates, plan versus report) ---------------------

    def similarity(self, rows: Sequence[int] | None = None, cols: Sequence[int] | None = None) -> np.ndarray:
        """Cosine similarity between texts: 0.7 stemmed-word TF-IDF + 0.3 character n-grams."""
        if not self.size:
            return np.zeros((len(rows or ()), len(cols or ())))
        w = self.word_vectors
        c = self.chars
        r = list(range(self.size)) if rows is None else list(rows)
        k = list(range(self.size)) if cols is None else list(cols)
        if not r or not k:
            return np.zeros((len(r), len(k)))
        sim_w = (w[r] @ w[k].T).toarray()
        sim_c = (c[r] @ c[k].T).toarray()
        return 0.7 * sim_w + 0.3 * sim_c


def _idf(df: np.ndarray, size: int) -> np.ndarray:
    """BM25's (always positive) inverse document frequency."""
    return np.log(1.0 + (size - df + 0.5) / (df + 0.5))


def _identity(tokens: list[str]) -> list[str]:
    return tokens


def best_passage(text: str, query: str, width: int = 240) -> str:
    """The sentence of `text` that holds most query words (stems or compound parts), trimmed."""
    text = re.sub(r"\s+", " ", text).strip()
    if not text:
        return ""
    wanted = {form for w in words(query) for form in (w, stem(w))}
    if not wanted:
        return shorten(text, width)
    sentences = re.split(r"(?<=[.!?;:])\s+", text)

    def hits(sentence: str) -> int:
        got = 0
        for w in set(words(sentence)):
            s = stem(w)
            if s in wanted or w in wanted or any(len(q) >= 4 and (w.startswith(q) or s.endswith(q)) for q in wanted):
                got += 1
        return got

    best = max(range(len(sentences)), key=lambda i: (hits(sentences[i]), -i))
    if hits(sentences[best]) == 0:
        return shorten(text, width)
    snippet = sentences[best]
    if len(snippet) < width // 2 and best + 1 < len(sentences) and hits(sentences[best + 1]):
        snippet += " " + sentences[best + 1]
    prefix = "… " if best > 0 else ""
    return prefix + shorten(snippet, width)


def shorten(text: str, width: int) -> str:
    text = re.sub(r"\s+", " ", text).strip()
    if len(text) <= width:
        return text
    cut = text[: width - 1].rsplit(" ", 1)[0]
    return cut + " …"
