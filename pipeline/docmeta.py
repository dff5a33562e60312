"""Document metadata: region, municipalities, doc_type, working years, framework, title.

The region comes from a registry of the partnerships that take up the regierol (shipped in
`pipeline/data/regions.toml`, extended by a user file of the same shape). A region is recognised
by its aliases ("ISSE VMG", "ILV regie sociale economie Rivierenland", "W13", "IGO div") and by
its member municipalities, the title area (the first lines of the first page, and the file name)
counting far more than the rest of the text.

`doc_type` and `years` come from the title area first ("Werkingsverslag werkingsjaar 2021",
"JAARVERSLAG 2021 JAARACTIEPLAN 2022", "subsidieaanvraag … voor de periode 2020-2025"), then from
the document's part headings ("Jaarverslag 2021", "Actieplan 2022"), then from its vocabulary.
A year mentioned in passing ("in 2019 startte …") is not a working year.

`framework` is WSE-2023 (regierol sociale economie en werk, 2023-2025) when the document uses
the WSE-LR codes or that name, or works on 2023 or later; SE-2020 (regierol sociale economie)
for the years before, or when the document files its actions under the three SE priorities.
"""
from __future__ import annotations

import re
import tomllib
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Sequence

from pipeline.config import PACKAGE_DATA
from pipeline.errors import MineError
from pipeline.models import DocMeta, Page

DEFAULT_REGIONS = PACKAGE_DATA / "regions.toml"

TITLE_CHARS = 700  # the title area: this many characters from the start of the first page


class RegionsFileError(MineError):
    """The regions file cannot be read or has the wrong shape."""

    code = "regions_file"
    remedy = "Fix the TOML file; pipeline/data/regions.toml shows the shape ([[region]] name, aliases, municipalities)."


def norm(text: str) -> str:
    """Lower case, accents folded, every non-alphanumeric run a single space (for word matching).

    >>> norm("Sint-Katelijne Waver, ILV-Regie")
    'sint katelijne waver ilv regie'
    """
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return re.sub(r"[^0-9a-z]+", " ", text).strip()


@dataclass(frozen=True)
class Region:
    name: str
    aliases: tuple[str, ...] = ()
    actors: tuple[str, ...] = ()
    municipalities: tuple[str, ...] = ()
    province: str | None = None


@dataclass
class RegionRegistry:
    """The known regions, and lookups by alias and municipality.

    `load(extra)` reads the shipped registry and merges a user file on top of it.
    """

    regions: list[Region] = field(default_factory=list)
    municipality_aliases: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._index()

    # ---------------------------------------------------------------- loading

    @classmethod
    def load(cls, extra: Path | None = None) -> "RegionRegistry":
        registry = cls.from_toml(DEFAULT_REGIONS)
        if extra is not None:
            registry = registry.merged(cls.from_toml(Path(extra)))
        return registry

    @classmethod
    def from_toml(cls, path: Path) -> "RegionRegistry":
        try:
            data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
        except FileNotFoundError as exc:
            raise RegionsFileError(f"regions file not found: {path}") from exc
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise RegionsFileError(f"regions file {path} is not valid TOML ({exc})") from exc
        return cls.from_dict(data, origin=str(path))

    @classmethod
    def from_dict(cls, data: dict[str, Any], origin: str = "regions") -> "RegionRegistry":
        regions = []
        for i, raw in enumerate(data.get("region", [])):
            if not isinstance(raw, dict) or not isinstance(raw.get("name"), str) or not raw["name"].strip():
                raise RegionsFileError(f"{origin}: region #{i + 1} needs a name")
            for key in ("aliases", "actors", "municipalities"):
                value = raw.get(key, [])
                if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                    raise RegionsFileError(f"{origin}: region {raw['name']!r}: {key} must be a list of strings")
            regions.append(Region(
                name=raw["name"].strip(),
                aliases=tuple(dict.fromkeys(a.strip() for a in raw.get("aliases", []) if a.strip())),
                actors=tuple(dict.fromkeys(a.strip() for a in raw.get("actors", []) if a.strip())),
                municipalities=tuple(dict.fromkeys(m.strip() for m in raw.get("municipalities", []) if m.strip())),
                province=raw.get("province"),
            ))
        aliases = data.get("municipality_aliases", {})
        if not isinstance(aliases, dict):
            raise RegionsFileError(f"{origin}: municipality_aliases must be a table")
        return cls(regions=regions, municipality_aliases={str(k): str(v) for k, v in aliases.items()})

    def merged(self, other: "RegionRegistry") -> "RegionRegistry":
        """This registry with `other` on top: new regions added, known ones extended."""
        by_name = {r.name: r for r in self.regions}
        order = [r.name for r in self.regions]
        for r in other.regions:
            known = by_name.get(r.name) or self.get(r.name)
            if known is None:
                by_name[r.name] = r
                order.append(r.name)
            else:
                by_name[known.name] = Region(
                    name=known.name,
                    aliases=tuple(dict.fromkeys(known.aliases + r.aliases)),
                    actors=tuple(dict.fromkeys(known.actors + r.actors)),
                    municipalities=tuple(dict.fromkeys(known.municipalities + r.municipalities)),
                    province=r.province or known.province,
                )
        return RegionRegistry(regions=[by_name[n] for n in order],
                              municipality_aliases={**self.municipality_aliases, **other.municipality_aliases})

    # ---------------------------------------------------------------- lookups

    def _index(self) -> None:
        self._by_key: dict[str, Region] = {}
        self._alias_regions: dict[str, set[str]] = {}
        self._muni: dict[str, str] = {}  # normalised spelling -> canonical municipality
        self._muni_regions: dict[str, list[str]] = {}
        for r in self.regions:
            self._by_key.setdefault(norm(r.name), r)
            for alias in (r.name, *r.aliases):
                key = norm(alias)
                if key:
                    self._alias_regions.setdefault(key, set()).add(r.name)
            for m in r.municipalities:
                self._muni[norm(m)] = m
                self._muni_regions.setdefault(m, []).append(r.name)
        for r in self.regions:
            for alias in r.aliases:
                self._by_key.setdefault(norm(alias), r)
        for variant, canonical in self.municipality_aliases.items():
            self._muni[norm(variant)] = canonical
        self._alias_re = _words_regex(self._alias_regions)
        self._muni_re = _words_regex(self._muni)

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter(self.regions)

    def __len__(self) -> int:
        return len(self.regions)

    @property
    def names(self) -> list[str]:
        return [r.name for r in self.regions]

    def get(self, name: str) -> Region | None:
        """The region with this canonical name or alias (case, accents and hyphens ignored)."""
        return self._by_key.get(norm(name))

    def canonical(self, name: str | None) -> str | None:
        """The canonical region name for a name or alias; None when unknown."""
        if not name:
            return None
        region = self.get(name)
        return region.name if region else None

    def municipality(self, name: str) -> str | None:
        """The canonical spelling of a municipality, or None when no region lists it."""
        return self._muni.get(norm(name))

    def regions_of(self, municipality: str) -> list[str]:
        canonical = self.municipality(municipality) or municipality
        return list(self._muni_regions.get(canonical, []))

    def municipalities(self) -> list[str]:
        """Every municipality the registry knows (canonical spelling)."""
        return sorted(set(self._muni.values()))

    def count_aliases(self, text: str) -> Counter[str]:
        """How often each region is named in `text` (by name or alias)."""
        counts: Counter[str] = Counter()
        if self._alias_re is None:
            return counts
        for match in self._alias_re.finditer(" " + norm(text) + " "):
            for name in self._alias_regions[match.group(1)]:
                counts[name] += 1
        return counts

    def count_municipalities(self, text: str) -> Counter[str]:
        """How often each known municipality (canonical spelling) is named in `text`."""
        counts: Counter[str] = Counter()
        if self._muni_re is None:
            return counts
        for match in self._muni_re.finditer(" " + norm(text) + " "):
            counts[self._muni[match.group(1)]] += 1
        return counts

    def actor_words(self, region: str | None) -> tuple[str, ...]:
        """Words that name the acting organisation of a region ("ILV", "W13")."""
        r = self.get(region) if region else None
        return r.actors if r else ()


def _words_regex(keys: Iterable[str]) -> re.Pattern[str] | None:
    keys = sorted({k for k in keys if k}, key=len, reverse=True)
    if not keys:
        return None
    return re.compile(r"(?<= )(" + "|".join(re.escape(k) for k in keys) + r")(?= )")


# --------------------------------------------------------------------------------------------
# Detection

_REPORT_WORDS = re.compile(r"\b(?:werkingsverslag|jaarverslag|activiteitenverslag|voortgangsrapport|jaarrapport|"
                           r"werkingsjaar|rapportering|eindrapport|verslag)\b", re.I)
_PLAN_WORDS = re.compile(r"\b(?:actieplan|jaaractieplan|jaarplan|subsidieaanvraag|subsidiedossier|aanvraagdossier|"
                         r"intentieverklaring|beleidsplan|meerjarenplan|plan van aanpak|voorgenomen acties|"
                         r"nota met|doelstellingen en acties|doelstellingen en actes)\b", re.I)
_YEAR = r"(20[0-3]\d)"
_TITLE_YEAR = re.compile(
    r"\b(?:werkingsverslag|jaarverslag|activiteitenverslag|verslag|werkingsjaar|werkjaar|jaaractieplan|actieplan|"
    r"jaarplan|jaarrapport|rapportering|planning|werking)\s*(?:werkingsjaar\s*)?(?:voor\s*)?(?:het\s*jaar\s*)?" + _YEAR,
    re.I,
)
_RANGE = re.compile(r"\b" + _YEAR + r"\s*(?:-|–|—|tot(?: en met)?|t\.?e\.?m\.?)\s*" + _YEAR + r"\b")
_PERIOD_RANGE = re.compile(r"\b(?:periode|beleidscyclus|beleidsperiode|legislatuur|meerjarenplan(?:ning)?|plan)\s*"
                           + _YEAR + r"\s*(?:-|–|—|tot)\s*" + _YEAR, re.I)
_PAST = re.compile(r"\b(?:werd|werden|vond|vonden|organiseerden|organiseerde|hebben we|hadden|was|waren|kwam|kwamen|"
                   r"namen|nam|sloten|startte|startten|gingen|ging)\b", re.I)
_FUTURE = re.compile(r"\b(?:zal|zullen|willen|wil|plannen|gaan we|we gaan|beogen|streven|wordt voorzien|"
                     r"zal worden|zullen worden)\b", re.I)
_PART_HEADING = re.compile(
    r"^\s*(?:(?P<report>(?:jaar|werkings|activiteiten)verslag(?:\s+werkingsjaar)?|verslag)|"
    r"(?P<plan>(?:jaar)?actieplan|jaarplan|planning))\s+" + _YEAR + r"\b.{0,40}$",
    re.I,
)


def _page_text(page: Page) -> str:
    return page.text


def _title_area(source: str, pages: Sequence[Page]) -> str:
    first = next((p for p in pages if p.text.strip()), None)
    text = first.text[:TITLE_CHARS] if first else ""
    return f"{Path(source).stem.replace('_', ' ')}\n{text}"


def _title(pages: Sequence[Page]) -> str | None:
    first = next((p for p in pages if p.text.strip()), None)
    if first is None:
        return None
    lines: list[str] = []
    for block in first.blocks:
        if block.kind in ("header", "footer"):
            continue
        line = " ".join(block.text.split())
        if not line:
            continue
        if len(line) > 120 and not lines:
            return line[:120].rsplit(" ", 1)[0] + " …"
        if len(line) > 120 or len(lines) >= 3:
            break
        lines.append(line)
    return " — ".join(lines) or None


def _title_lines(pages: Sequence[Page], blocks: int = 6) -> list[str]:
    """The first lines of the first page (its title block)."""
    first = next((p for p in pages if p.text.strip()), None)
    if first is None:
        return []
    lines: list[str] = []
    for block in [b for b in first.blocks if b.kind not in ("header", "footer")][:blocks]:
        lines.extend(line.strip() for line in block.text.split("\n")[:3] if line.strip())
    return lines


def detect_region(title_area: str, full_text: str, registry: RegionRegistry,
                  title_lines: Sequence[str] = ()) -> tuple[str | None, Counter[str]]:
    """The region named most convincingly: a title line that is the region's name counts 30,
    aliases in the title area 10, elsewhere 1 (capped); member municipalities count too
    (distinct ones, title area 3, elsewhere 0.5)."""
    scores: Counter[str] = Counter()
    for line in title_lines:
        for name, n in registry.count_aliases(line).items():
            if len(line) <= 80:  # a line of its own: "ISSE VMG", "ILV Regie Sociale Economie Rivierenland"
                scores[name] += 30
    for name, n in registry.count_aliases(title_area).items():
        scores[name] += 10 * min(n, 3)
    for name, n in registry.count_aliases(full_text).items():
        scores[name] += min(n, 25)
    muni_title = registry.count_municipalities(title_area)
    muni_all = registry.count_municipalities(full_text)
    for muni in muni_title:
        for name in registry.regions_of(muni):
            scores[name] += 3
    for muni in muni_all:
        regions = registry.regions_of(muni)
        for name in regions:
            scores[name] += 0.5 / len(regions)
    if not scores:
        return None, muni_all
    best, score = scores.most_common(1)[0]
    return (best if score >= 2 else None), muni_all


def detect_doc_type(title_area: str, pages: Sequence[Page], full_text: str) -> str | None:
    report = bool(_REPORT_WORDS.search(title_area))
    plan = bool(_PLAN_WORDS.search(title_area))
    if report and plan:
        # Both words near the start: the title lines decide ("Jaarverslag 2021 Jaaractieplan 2022"
        # is both; a report whose first paragraph mentions "het actieplan 2024" is a report).
        title = "\n".join(line for line in _title_lines(pages, blocks=3) if len(line) <= 150)
        in_title = (bool(_REPORT_WORDS.search(title)), bool(_PLAN_WORDS.search(title)))
        if in_title == (True, False):
            return "report"
        if in_title == (False, True):
            return "plan"
        # "In dit jaarverslag … ons actieplan 2023-2025": a report that mentions its plan stays a report
        plan_year = re.search(r"\b(?:jaar)?actieplan\s+" + _YEAR + r"\b(?!\s*[-–])", title_area, re.I)
        report_first = _REPORT_WORDS.search(title_area)
        plan_first = _PLAN_WORDS.search(title_area)
        if plan_year or (plan_first and report_first and abs(plan_first.start() - report_first.start()) < 60):
            return "report+plan"
        return "report" if report_first.start() < plan_first.start() else "plan"  # type: ignore[union-attr]
    if report:
        return "report"
    if plan:
        return "plan"
    parts = _part_headings(pages)
    kinds = {kind for kind, _ in parts}
    if kinds == {"report", "plan"}:
        return "report+plan"
    if kinds:
        return kinds.pop()
    report_n = len(_REPORT_WORDS.findall(full_text))
    plan_n = len(_PLAN_WORDS.findall(full_text))
    if plan_n > report_n:
        return "plan"
    if report_n > plan_n:
        return "report"
    past, future = len(_PAST.findall(full_text)), len(_FUTURE.findall(full_text))
    if past == future == 0:
        return None
    return "report" if past > future * 1.5 else "plan"


def _part_headings(pages: Sequence[Page]) -> list[tuple[str, int]]:
    """(report|plan, year) for every line that is a part heading ("Jaarverslag 2021")."""
    found = []
    for page in pages:
        for block in page.blocks:
            if block.kind in ("header", "footer"):
                continue
            for line in block.text.split("\n")[:1]:
                match = _PART_HEADING.match(line.strip())
                if match and len(line.split()) <= 8:
                    found.append(("report" if match.group("report") else "plan", int(match.group(3))))
    return found


def detect_years(title_area: str, pages: Sequence[Page], doc_type: str | None, full_text: str) -> tuple[int, ...]:
    """The working years: named with the document kind in the title area, else the plan period,
    else the years of the part headings; as a last resort the most mentioned plausible year."""
    found = [(m.group(0), int(m.group(1))) for m in _TITLE_YEAR.finditer(title_area)]
    if doc_type in ("report", "plan"):
        # only the years named with this kind of document ("jaarverslag 2023", not "het actieplan 2024")
        kind_words = _PLAN_WORDS if doc_type == "plan" else _REPORT_WORDS
        other = _REPORT_WORDS if doc_type == "plan" else _PLAN_WORDS
        same = [(w, y) for w, y in found if not other.search(w) or kind_words.search(w)]
        found = same or found
    years = [y for _, y in found]
    if years:
        return tuple(sorted(set(years)))
    periods = [(int(a), int(b)) for a, b in _PERIOD_RANGE.findall(title_area) if int(a) <= int(b) <= int(a) + 7]
    if not periods:
        periods = [(int(a), int(b)) for a, b in _RANGE.findall(title_area) if int(a) < int(b) <= int(a) + 7]
    if periods:
        a, b = max(periods, key=lambda p: (p[1], p[0]))  # the latest period: the one being planned
        if doc_type == "report":
            return (a,)
        return tuple(range(a, b + 1))
    parts = _part_headings(pages)
    if parts:
        first_kind = parts[0][0]
        return tuple(sorted({y for kind, y in parts if kind == first_kind or doc_type == "report+plan"}))
    periods = [(int(a), int(b)) for a, b in _PERIOD_RANGE.findall(full_text) if int(a) <= int(b) <= int(a) + 7]
    if periods and doc_type in ("plan", None):
        a, b = Counter(periods).most_common(1)[0][0]
        return tuple(range(a, b + 1))
    if doc_type != "report":
        return ()  # a plan without dates: its framework's policy cycle (see detect)
    counts = Counter(int(y) for y in re.findall(r"\b" + _YEAR + r"\b", full_text))
    if not counts:
        return ()
    year, n = counts.most_common(1)[0]
    return (year,) if n >= 2 else ()


def detect_framework(title_area: str, full_text: str, years: Sequence[int]) -> str | None:
    """SE-2020 or WSE-2023 for a document of the regierol; None for a document outside it."""
    if re.search(r"\bWSE[\s-]?LR\s?-?[1-4]\b", full_text, re.I):
        return "WSE-2023"
    if not re.search(r"sociale[\s-]+economie|regierol|regie sociale|sociale[\s-]+tewerkstelling", full_text, re.I):
        return None  # not a document of the regierol sociale economie (en werk)
    folded = norm(title_area)
    if "sociale economie en werk" in folded or "werk en sociale economie" in folded and "regierol" in folded:
        return "WSE-2023"
    if years:
        return "WSE-2023" if min(years) >= 2023 else "SE-2020"
    text = norm(full_text)
    if "regierol sociale economie en werk" in text or "lokale regierol sociale economie en werk" in text:
        return "WSE-2023"
    se_cues = sum(cue in text for cue in ("netwerking op het grondgebied", "maatschappelijk verantwoord ondernemen",
                                          "lokale sociale economie", "regierol sociale economie"))
    return "SE-2020" if se_cues >= 2 else None


def covered_municipalities(title_area: str, full_text: str, registry: RegionRegistry, region: str | None) -> tuple[str, ...]:
    """The municipalities the document names as covered: those in its title area ("Nota voor de
    gemeente Bekkevoort"), and those it lists together (three or more in one sentence: "10 lokale
    besturen: Bonheiden, Bornem, …"). A municipality named in passing ("een opleiding in Zwevegem")
    is not a coverage statement. With a known region, only its members count."""
    r = registry.get(region) if region else None
    members = set(r.municipalities) if r else None
    found: set[str] = set(registry.count_municipalities(title_area))
    for sentence in re.split(r"(?<=[.!?])\s+|\n", full_text):
        named = set(registry.count_municipalities(sentence))
        if members is not None:
            named &= members
        if len(named) >= 3:
            found |= named
    if members is not None:
        found &= members
    order = list(r.municipalities) if r else sorted(found)
    return tuple(m for m in order if m in found)


# Vocabulary of the regierol sociale economie (en werk). A report or plan of the regierol uses
# many of these, densely; council minutes or decision lists use one or two in passing.
GENRE_TERMS = tuple(re.compile(t, re.I) for t in (
    r"sociale?[ -]economie", r"regierol", r"regisseur", r"maatwerk", r"lokale diensteneconomie", r"\bLDE\b",
    r"WSE-LR", r"arbeidszorg", r"maatschappelijk verantwoord ondernem", r"\bMVO\b", r"wijk-?werk",
    r"tijdelijke werkervaring", r"artikel 60", r"afstand tot de arbeidsmarkt", r"\bVDAB\b", r"tewerkstelling",
    r"werkzoekend", r"activering", r"kringwinkel", r"sociaal ondernem",
))
GENRE_MIN_DISTINCT = 5  # different terms (fewer for short texts: 3 under 500 words, 4 under 1000)
GENRE_MIN_DENSITY = 8.0  # term occurrences per 1000 words


def genre_evidence(full_text: str) -> tuple[int, float, int]:
    """(distinct regierol terms used, occurrences per 1000 words, words) of a document's text."""
    counts = [len(t.findall(full_text)) for t in GENRE_TERMS]
    words = max(1, len(full_text.split()))
    return sum(1 for c in counts if c), 1000.0 * sum(counts) / words, words


_GENRE_TITLE = re.compile(r"regierol|regie\s+(?:lokale\s+)?sociale\s+economie|sociale\s+economie\s+en\s+werk", re.I)


def is_in_genre(full_text: str, title_area: str = "") -> bool:
    """True for a report or plan of the regierol: its title names the regierol, or the text uses
    many of its terms, densely.

    Measured on the seeds (9-17 distinct terms, 32-54 per 1000 words) against eleven council
    minutes and decision lists (at most 8 distinct, at most 5.7 per 1000 words).
    """
    distinct, density, words = genre_evidence(full_text)
    if _GENRE_TITLE.search(title_area) and density >= GENRE_MIN_DENSITY / 2:
        return True
    return distinct >= min(GENRE_MIN_DISTINCT, 3 + words // 500) and density >= GENRE_MIN_DENSITY


CYCLES = {"SE-2020": tuple(range(2020, 2026)), "WSE-2023": tuple(range(2023, 2026))}


def _parts(pages: Sequence[Page]) -> tuple[set[str], tuple[int, ...]]:
    from pipeline import segment  # the parts come from the section tree

    return segment.document_kinds(pages)


def detect(source: str, pages: Sequence[Page], registry: RegionRegistry, region_override: str | None = None) -> DocMeta:
    """What a document is. `region_override` (a name or alias) wins over detection."""
    title_area = _title_area(source, pages)
    full_text = "\n\n".join(_page_text(p) for p in pages)
    region, muni_counts = detect_region(title_area, full_text, registry, _title_lines(pages))
    if region_override:
        region = registry.canonical(region_override) or region_override.strip()
    doc_type = detect_doc_type(title_area, pages, full_text)
    years = detect_years(title_area, pages, doc_type, full_text)
    part_kinds, part_years = _parts(pages)
    if part_kinds:
        doc_type = "report+plan" if part_kinds == {"report", "plan"} else next(iter(part_kinds))
        if part_years:
            years = tuple(sorted(set(part_years)))
    framework = detect_framework(title_area, full_text, years)
    if not years and doc_type == "plan" and framework in CYCLES:
        years = CYCLES[framework]  # a plan without dates covers its framework's policy cycle
    municipalities = covered_municipalities(title_area, full_text, registry, region)
    if not is_in_genre(full_text, title_area):  # not a regierol report or plan: say nothing about its type
        return DocMeta(region=region, municipalities=municipalities, title=_title(pages), in_genre=False)
    return DocMeta(region=region, municipalities=municipalities, doc_type=doc_type, years=years,
                   framework=framework, title=_title(pages))


__all__ = ["Region", "RegionRegistry", "RegionsFileError", "detect", "detect_region", "detect_doc_type",
           "detect_years", "detect_framework", "norm"]
