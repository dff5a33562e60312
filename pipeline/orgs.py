"""One canonical name per organisation, across the corpus.

Names are merged by, in order:

1. the alias files (`data/organisations.toml`, `data/aliases.toml`, then the user's file):
   long forms, abbreviations, former names ("Vlaamse Dienst voor Arbeidsbemiddeling" = VDAB,
   "Unizo" = UNIZO, "CBE" = Ligo);
2. prefix + place: "stad Mechelen", "gemeente Vilvoorde" (a city: "Stad Vilvoorde"),
   "Sociaal Huis Vilvoorde" (= "OCMW Vilvoorde" by the alias file), "provincie Antwerpen";
   a regional branch of a Flemish organisation is the organisation ("VDAB West-Vlaanderen"
   = VDAB) unless the gazetteer keeps the place ("POM West-Vlaanderen");
3. spelling: case, accents, spaces and legal forms ("Ecoso vzw" = "Ecoso", "Duoforajob" =
   "Duo for a Job");
4. rapidfuzz (ratio >= 90) against the known names, but never between names that differ in
   their place: "OCMW Gent" and "OCMW Genk" score 88.9 and stay apart however the threshold
   moves, and never for pairs listed under [different].

`canonical()` is a pure function of the name and the alias files (no order effects), so the
same organisation gets the same name in every document. Context (the document's province,
its regie organisation) is applied by `entities`, not here.
"""
from __future__ import annotations

import re
import tomllib
import unicodedata
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Iterable, Sequence

from rapidfuzz import fuzz, process

from pipeline.config import PACKAGE_DATA
from pipeline.errors import MineError

ORGANISATIONS_FILE = PACKAGE_DATA / "organisations.toml"
ALIASES_FILE = PACKAGE_DATA / "aliases.toml"
MUNICIPALITIES_FILE = PACKAGE_DATA / "municipalities.txt"

FUZZY_THRESHOLD = 90.0
PROVINCES = ("Antwerpen", "Limburg", "Oost-Vlaanderen", "West-Vlaanderen", "Vlaams-Brabant")
# Flemish municipalities with the title of city (stad): "Vilvoorde" acting is "Stad Vilvoorde".
CITIES = frozenset("""
Aalst Aarschot Antwerpen Beringen Bilzen Bilzen-Hoeselt Blankenberge Borgloon Bree Brugge Damme Deinze
Dendermonde Diest Diksmuide Dilsen-Stokkem Eeklo Geel Genk Gent Geraardsbergen Gistel Halen Halle Hamont-Achel
Harelbeke Hasselt Herentals Herk-de-Stad Hoogstraten Ieper Izegem Kortrijk Landen Leuven Lier Lo-Reninge Lokeren
Lommel Maaseik Mechelen Menen Mesen Mortsel Nieuwpoort Ninove Oostende Oudenaarde Oudenburg Peer Poperinge
Roeselare Ronse Scherpenheuvel-Zichem Sint-Niklaas Sint-Truiden Tielt Tienen Tongeren Tongeren-Borgloon Torhout
Turnhout Veurne Vilvoorde Waregem Wervik Zottegem Zoutleeuw Brussel
""".split())
LEGAL_FORMS = ("vzw", "ivzw", "cvba", "cv", "bv", "nv", "bvba", "vof", "cvso", "asbl", "esv", "so", "cvba-so")
ARTICLES = ("de", "het", "'t")


class AliasFileError(MineError):
    code = "aliases_file"
    remedy = "Fix the TOML file; pipeline/data/aliases.toml shows the shape ([same], [prefix], [different], [not_org])."


def key(name: str) -> str:
    """A comparison key: accents folded, lower case, punctuation to spaces, spaces collapsed.

    >>> key("Herw!n  vzw"), key("Natuur- en Landschapszorg")
    ('herw n vzw', 'natuur en landschapszorg')
    """
    name = unicodedata.normalize("NFKD", name)
    name = "".join(c for c in name if not unicodedata.combining(c)).lower()
    name = name.replace("’", "'")
    return re.sub(r"[^0-9a-z&+']+", " ", name).strip()


def compact(name: str) -> str:
    """The key without spaces: "Duo for a Job" and "Duoforajob" meet here."""
    return re.sub(r"[^0-9a-z&+]", "", key(name))


# ------------------------------------------------------------------------------------------
# Places


@dataclass
class Places:
    """Flemish municipalities, provinces and the registry's region names."""

    municipalities: dict[str, str] = field(default_factory=dict)  # key -> canonical
    province_of: dict[str, str] = field(default_factory=dict)  # canonical municipality -> province
    regions: dict[str, str] = field(default_factory=dict)  # key -> canonical region/area name
    provinces: dict[str, str] = field(default_factory=dict)

    @classmethod
    def load(cls, path: Path = MUNICIPALITIES_FILE, regions: Any = None) -> "Places":
        places = cls()
        section = None
        for line in Path(path).read_text(encoding="utf-8").splitlines():
            line = line.strip()
            if line.startswith("## "):
                section = line[3:].strip()
                continue
            if not line or line.startswith("#"):
                continue
            places.municipalities.setdefault(key(line), line)
            if section in PROVINCES:
                places.province_of.setdefault(line, section)
        for p in PROVINCES:
            places.provinces[key(p)] = p
        places.provinces[key("Vlaanderen")] = "Vlaanderen"
        for name in region_place_names(regions):
            places.regions.setdefault(key(name), name)
        return places

    def canonical(self, name: str) -> str | None:
        k = key(name)
        if k.startswith("regio "):
            k = k[6:]
        return self.municipalities.get(k) or self.provinces.get(k) or self.regions.get(k)

    def is_municipality(self, name: str) -> bool:
        return key(name) in self.municipalities

    def is_province(self, name: str) -> bool:
        return key(name) in self.provinces

    def province(self, municipality: str) -> str | None:
        canonical = self.municipalities.get(key(municipality))
        return self.province_of.get(canonical) if canonical else None

    def all_names(self) -> list[str]:
        return sorted({*self.municipalities.values(), *self.provinces.values(), *self.regions.values()})

    @property
    def _regex(self) -> re.Pattern[str]:
        cached = self.__dict__.get("_re")
        if cached is None:
            keys = sorted({*self.municipalities, *self.provinces, *self.regions}, key=len, reverse=True)
            cached = re.compile(r"(?<![0-9a-z])(" + "|".join(re.escape(k) for k in keys) + r")(?![0-9a-z])")
            self.__dict__["_re"] = cached
        return cached

    def in_name(self, name: str) -> frozenset[str]:
        """The places named inside an organisation name ("OCMW Gent" -> {"Gent"})."""
        return frozenset(self.canonical(m.group(1)) or m.group(1) for m in self._regex.finditer(key(name)))


_ORG_WORDS_IN_REGION_ALIAS = re.compile(
    r"(?i)\b(?:ilv|igo|isse|igs|vereniging|welzijnsvereniging|intergemeentelijke|ontwikkelingsmaatschappij|regie|rose|div|dienstverlenende|projectvereniging|intercommunale)\b"
)


def region_place_names(regions: Any) -> list[str]:
    """Names of the registry's regions that name an area, not an organisation.

    Degrades to [] when there is no registry or it lacks the expected shape.
    """
    names: list[str] = []
    for region in getattr(regions, "regions", None) or []:
        for name in (getattr(region, "name", None), *(getattr(region, "aliases", ()) or ())):
            if not isinstance(name, str) or not name.strip():
                continue
            if name.isupper() or re.search(r"\d", name) or _ORG_WORDS_IN_REGION_ALIAS.search(name):
                continue
            names.append(name.strip())
    return names


# ------------------------------------------------------------------------------------------
# Organisations


@dataclass(frozen=True)
class OrgEntry:
    name: str
    aliases: tuple[str, ...] = ()
    kind: str = "other"
    branches: str = "keep"  # collapse | keep
    prefix: bool = False
    region: str | None = None
    partner: bool = True  # False: policy context, never a partner of an action


@dataclass
class OrgRegistry:
    """The gazetteer and the merge decisions. Build with `OrgRegistry.load()`."""

    entries: dict[str, OrgEntry]  # canonical -> entry
    places: Places
    index: dict[str, str] = field(default_factory=dict)  # key -> canonical
    compact_index: dict[str, str] = field(default_factory=dict)
    prefix_map: dict[str, str] = field(default_factory=dict)  # key of a prefix -> canonical prefix
    not_org: frozenset[str] = frozenset()
    different: frozenset[frozenset[str]] = frozenset()
    generic: frozenset[str] = frozenset()

    @classmethod
    def load(cls, aliases_file: Path | None = None, places: Places | None = None, regions: Any = None) -> "OrgRegistry":
        places = places or Places.load(regions=regions)
        entries: dict[str, OrgEntry] = {}
        for raw in _read_toml(ORGANISATIONS_FILE).get("org", []):
            entry = OrgEntry(
                name=raw["name"], aliases=tuple(raw.get("aliases", ())), kind=raw.get("kind", "other"),
                branches=raw.get("branches", "keep"), prefix=bool(raw.get("prefix", False)), region=raw.get("region"),
                partner=bool(raw.get("partner", True)),
            )
            entries[entry.name] = entry
        registry = cls(entries=entries, places=places)
        registry._apply(_read_toml(ALIASES_FILE))
        if aliases_file is not None:
            registry._apply(_read_toml(Path(aliases_file)))
        registry._build()
        return registry

    def _apply(self, data: dict[str, Any]) -> None:
        for canonical, variants in (data.get("same") or {}).items():
            if not isinstance(variants, list):
                raise AliasFileError(f"[same] {canonical!r} must list names")
            entry = self.entries.get(canonical) or self._entry_for(canonical)
            if entry is None:
                entry = OrgEntry(name=canonical, kind="other")
            # A name listed under another canonical moves: the user's file wins.
            for other in list(self.entries.values()):
                moved = tuple(a for a in other.aliases if key(a) not in {key(v) for v in variants})
                if moved != other.aliases:
                    self.entries[other.name] = replace(other, aliases=moved)
            entry = self.entries.get(entry.name, entry)
            self.entries[entry.name] = replace(entry, aliases=tuple(dict.fromkeys((*entry.aliases, *variants))))
        for prefix, target in (data.get("prefix") or {}).items():
            self.prefix_map[key(prefix)] = target
        pairs = (data.get("different") or {}).get("pairs", [])
        self.different = self.different | {frozenset(key(n) for n in pair) for pair in pairs if len(pair) == 2}
        self.not_org = self.not_org | {key(n) for n in (data.get("not_org") or {}).get("names", [])}
        self.generic = self.generic | {key(n) for n in (data.get("generic") or {}).get("names", [])}

    def _entry_for(self, name: str) -> OrgEntry | None:
        k = key(name)
        for entry in self.entries.values():
            if key(entry.name) == k or any(key(a) == k for a in entry.aliases):
                return entry
        return None

    def _build(self) -> None:
        self.index.clear()
        self.compact_index.clear()
        for entry in self.entries.values():
            for name in (entry.name, *entry.aliases):
                self.index.setdefault(key(name), entry.name)
                self.compact_index.setdefault(compact(name), entry.name)
            if entry.prefix:
                for name in (entry.name, *entry.aliases):
                    self.prefix_map.setdefault(key(name), entry.name)
        # Prefix targets that are entries ("Sociaal Huis" -> "OCMW") resolve to the entry's name.
        self.prefix_map = {k: self.index.get(key(v), v) for k, v in self.prefix_map.items()}
        self._choices = list(self.index)
        self._cache: dict[str, str | None] = {}

    # -- queries ---------------------------------------------------------------------------

    def entry(self, canonical: str) -> OrgEntry | None:
        return self.entries.get(canonical)

    def kind(self, name: str) -> str | None:
        canonical = self.canonical(name)
        if canonical is None:
            return None
        entry = self.entries.get(canonical)
        if entry is not None:
            return entry.kind
        head = canonical.split()[0]
        entry = self.entries.get(head)
        return entry.kind if entry else None

    def is_partner(self, canonical: str) -> bool:
        entry = self.entries.get(canonical)
        return entry.partner if entry else True

    def is_not_org(self, name: str) -> bool:
        return key(name) in self.not_org

    def is_generic(self, name: str) -> bool:
        return key(_strip_article(name)) in self.generic or key(name) in self.generic

    def regie_for(self, region: str | None) -> str | None:
        """The regie organisation of a region, when the gazetteer names one."""
        if not region:
            return None
        k = key(region)
        for entry in self.entries.values():
            if entry.region and key(entry.region) == k:
                return entry.name
        return None

    def local_government(self, place: str) -> str:
        """The name of a municipality as an organisation: "Stad Vilvoorde", "Gemeente Machelen"."""
        canonical = self.places.canonical(place) or place
        if self.places.is_province(canonical):
            return f"Provincie {canonical}"
        return f"{'Stad' if canonical in CITIES else 'Gemeente'} {canonical}"

    def with_place(self, prefix: str, place: str) -> str:
        """A prefix organisation at a place ("OCMW", "Vilvoorde" -> "OCMW Vilvoorde")."""
        canonical_place = self.places.canonical(place) or place
        target = self.prefix_map.get(key(prefix), prefix)
        if target in ("Stad", "Gemeente"):
            return self.local_government(canonical_place)
        if target == "Provincie" and not self.places.is_province(canonical_place):
            province = self.places.province(canonical_place)
            if province:
                canonical_place = province
        composed = f"{target} {canonical_place}"
        return self.index.get(key(composed), composed)

    def canonical(self, name: str) -> str | None:
        """The canonical name of an organisation as written; None when the name is not one.

        >>> reg = OrgRegistry.load()
        >>> [reg.canonical(n) for n in ("Vlaamse Dienst voor Arbeidsbemiddeling", "Unizo", "OCMW Gent", "OCMW Genk")]
        ['VDAB', 'UNIZO', 'OCMW Gent', 'OCMW Genk']
        """
        try:
            return self._cache[name]
        except KeyError:
            found = self._cache[name] = self._canonical(name)
            return found

    def _canonical(self, name: str) -> str | None:
        cleaned = _clean(name)
        if not cleaned:
            return None
        k = key(cleaned)
        if k in self.not_org:
            return None
        for candidate in (cleaned, _strip_article(cleaned), _strip_legal(cleaned), _strip_legal(_strip_article(cleaned))):
            found = self.index.get(key(candidate))
            if found:
                return found
        bare = _strip_kind(_strip_legal(_strip_article(cleaned)))
        if not bare or key(bare) in self.not_org:
            return None
        found = self.index.get(key(bare))
        if found:
            return found
        composed = self._prefix_place(bare)
        if composed:
            return composed
        found = self.compact_index.get(compact(bare))
        if found:
            return found
        fuzzy = self._fuzzy(bare)
        if fuzzy:
            return fuzzy
        words = bare.split()
        for n in range(len(words) - 1, 1, -1):
            # "Thomas Moore Innovative Business Research": a known organisation and its department
            head = " ".join(words[:n])
            found = self.index.get(key(head)) or self._fuzzy(head)
            if found:
                return found
        return bare

    def _prefix_place(self, name: str) -> str | None:
        """ "stad Mechelen", "VDAB West-Vlaanderen", "Unizo Antwerpen", "Sociaal Huis Vilvoorde"."""
        words = name.split()
        for n in range(min(3, len(words) - 1), 0, -1):
            head, rest = " ".join(words[:n]), " ".join(words[n:])
            place = self.places.canonical(rest)
            if place is None:
                continue
            head_key = key(head)
            if head_key in self.prefix_map:
                return self.with_place(head, place)
            entry_name = self.index.get(head_key)
            if entry_name:
                entry = self.entries[entry_name]
                if entry.branches == "collapse":
                    return entry.name
                composed = f"{entry.name} {place}"
                return self.index.get(key(composed), composed)
        return None

    def _fuzzy(self, name: str) -> str | None:
        k = key(name)
        if len(k) < 5 or " " not in k and k.upper() == name.replace(" ", ""):
            return None  # short names and acronyms are never guessed
        best = process.extractOne(k, self._choices, scorer=fuzz.ratio, score_cutoff=FUZZY_THRESHOLD)
        if best is None:
            return None
        candidate_key = best[0]
        if not self.compatible(name, candidate_key):
            return None
        return self.index[candidate_key]

    def compatible(self, a: str, b: str) -> bool:
        """May these two names be one organisation? Never when their places differ."""
        if frozenset((key(a), key(b))) in self.different:
            return False
        return self.places.in_name(a) == self.places.in_name(b)

    def same(self, a: str, b: str) -> bool:
        """True when both names are one organisation.

        >>> reg = OrgRegistry.load()
        >>> reg.same("OCMW Gent", "OCMW Genk"), reg.same("Sociaal Huis Vilvoorde", "OCMW Vilvoorde")
        (False, True)
        """
        ca, cb = self.canonical(a), self.canonical(b)
        if ca is None or cb is None:
            return False
        if key(ca) == key(cb) or compact(ca) == compact(cb):
            return True
        return fuzz.ratio(key(ca), key(cb)) >= FUZZY_THRESHOLD and self.compatible(ca, cb) and len(key(ca)) >= 5

    def cluster(self, names: Iterable[str]) -> dict[str, str]:
        """Each name to the representative of its organisation, across a corpus.

        Known names go to their canonical form; unknown ones are grouped by key, then merged by
        fuzzy score (place check included); a group is named by its most frequent spelling.
        """
        counts = Counter(n for n in names if n)
        canon = {n: self.canonical(n) or n for n in counts}
        groups: dict[str, Counter[str]] = {}
        for n, c in canon.items():
            groups.setdefault(compact(c), Counter())[c] += counts[n]
        reps = sorted(groups, key=lambda g: -sum(groups[g].values()))
        merged: dict[str, str] = {}
        heads: list[str] = []
        for g in reps:
            spelling = groups[g].most_common(1)[0][0]
            target = None
            if spelling not in self.entries:
                for h in heads:
                    if len(g) >= 5 and fuzz.ratio(g, compact(h)) >= FUZZY_THRESHOLD + 2 and self.compatible(spelling, h):
                        target = h
                        break
            if target is None:
                heads.append(spelling)
                target = spelling
            merged[g] = target
        return {n: merged[compact(c)] for n, c in canon.items()}


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise AliasFileError(f"alias file not found: {path}") from exc
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise AliasFileError(f"alias file {path} is not valid TOML ({exc})") from exc


def _clean(name: str) -> str:
    name = re.sub(r"\s+", " ", name.replace("’", "'")).strip(" \t\n,.;:()[]\"'“”‘’-–•")
    return name


def _strip_article(name: str) -> str:
    words = name.split(" ", 1)
    if len(words) == 2 and words[0].lower() in ARTICLES:
        return words[1]
    return name


_KIND_WORDS = ("maatwerkbedrijf", "maatwerkbedrijven", "onderneming", "bedrijf", "organisatie", "sociale onderneming")


def _strip_kind(name: str) -> str:
    """ "Maatwerkbedrijf Webo" is Webo: a kind of organisation before its name."""
    words = name.split()
    if len(words) > 1 and words[0].lower() in _KIND_WORDS and words[1][:1].isupper():
        return " ".join(words[1:])
    return name


def _strip_legal(name: str) -> str:
    words = name.split()
    if len(words) > 1 and key(words[-1]) in LEGAL_FORMS:
        words = words[:-1]
    if len(words) > 1 and key(words[0]) in LEGAL_FORMS:
        words = words[1:]
    return " ".join(words)


def canonical_names(registry: OrgRegistry, names: Sequence[str]) -> list[str]:
    """Canonical names, in order, duplicates and non-organisations dropped."""
    out: list[str] = []
    seen: set[str] = set()
    for n in names:
        c = registry.canonical(n)
        if c and compact(c) not in seen:
            seen.add(compact(c))
            out.append(c)
    return out
