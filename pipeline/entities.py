"""Actors, dates and figures: mentions with page offsets, and partners with a role per action.

No Dutch model can be installed, so this runs on `spacy.blank("nl")` (its tokenizer, a
PhraseMatcher over the gazetteers) plus token and context rules:

ORG      the gazetteer (data/organisations.toml + the alias files, via `orgs.OrgRegistry`);
         prefix + place ("stad Mechelen", "OCMW Vilvoorde", "VDAB West-Vlaanderen",
         "kabinet Crevits"); legal forms ("JobRoad ivzw", "vzw De Rand"); acronyms (2-7
         capitals, minus the [not_org] list: SE, NEC, LDE, TWE, VTE, NT2, MVO, …); names
         nobody listed when they stand in an enumeration with a known organisation, in
         parentheses, after a partner cue ("in samenwerking met", "i.s.m.", "samen met",
         "met", "bij") or in a trekker/partners table cell; a municipality acting as an
         organisation ("Vilvoorde tekende in", "de schepencolleges van Vilvoorde, Machelen en
         Grimbergen", "Vanuit W13, Harelbeke en Kortrijk") becomes "Stad X"/"Gemeente X".
PERSON   a title (Dhr., Mevr., mevrouw, schepen, burgemeester, …) or a known first name,
         then capitalised names with their particles ("Luc Van Houtven").
PLACE    municipalities (data/municipalities.txt), provinces, the registry's regions, "regio X".
DATE     `dates.find_dates` (ISO 8601 values; the working year completes "12 mei").
FIGURE   `figures.find_figures` (value, unit, what is counted).

A word written in lower case elsewhere in the same document is a common word, not a name
("Actiegroep", "Regie", "Lokale"): that keeps table headings and sentence starts out.

Roles: `lead` for the trekker/organisator column of a table, "X organiseert/coördineert/
trekt", "organiseerde X", "georganiseerd/getrokken/gefaciliteerd door X", "op initiatief van
X", "X als penhouder", "X was promotor", "X nam een trekkende rol"; the document's own regie
organisation leads what it says it wants to do ("ISSE VMG wil …", "Vanuit W13 hebben we …").
Every other organisation named in an action is a `partner`.
"""
from __future__ import annotations

import re
import time
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Iterable, Sequence

from pipeline.dates import find_dates, phone_spans
from pipeline.figures import find_figures
from pipeline.models import Action, DateValue, DocMeta, Figure, Mention, Page, Partner
from pipeline.orgs import OrgRegistry, Places, compact, key

__all__ = ["Annotator", "Span", "annotate", "partner_summary", "throughput"]

# Titles before a person's name.
TITLES = {
    "dhr", "dhr.", "heer", "mevr", "mevr.", "mevrouw", "meneer", "mr", "mr.", "mw", "mw.", "schepen", "burgemeester",
    "minister", "gedeputeerde", "voorzitter", "ondervoorzitter", "directeur", "coördinator", "dr", "dr.", "prof", "prof.",
}
PARTICLES = {"van", "de", "der", "den", "vanden", "vander", "ver", "'t", "d'", "le", "la", "du", "von", "ten", "ter", "op"}
# Common Flemish first names (a name after one of these is a person: "Pieter Cools").
FIRST_NAMES = set("""
Ann Anne Anja Anke Annelies An Astrid Bart Ben Benny Bert Bram Carine Caroline Carl Chris Christine Christophe Dirk
Dries Els Elke Ellen Emma Erik Evelien Eva Filip Frank Frederik Freya Geert Gert Greet Griet Guy Hanne Hans Hilde
Inge Ingrid Ines Iris Jan Jana Jasper Jef Jelle Jens Joke Johan Joris Jo Jozef Karel Karen Katrien Kathleen Kim
Kirsten Koen Kris Kristof Lander Lien Lies Liesbeth Lieve Linda Lisa Lore Lotte Luc Lucas Lut Maarten Marc Marijke
Marleen Martine Mieke Mark Marie Marianne Mathias Michel Michiel Nathalie Nele Nico Nina Patrick Paul Peter Pieter
Philippe Rik Rita Robbe Roel Ruben Ruth Sam Sara Sarah Sandra Sanne Sofie Sophie Stefan Steven Stijn Stephanie Sven
Sylvia Tim Tina Tine Tom Tijs Tinne Toon Valerie Veerle Vincent Wim Wouter Yves Yannick Zoë Ilse Isabelle Jolien
Joost Jurgen Kathy Katrijn Leen Lode Luk Mia Nancy Nadia Nicole Nick Pascal Pascale Pol Rudi Rudy Sabine Saskia
Sien Simon Stefanie Thomas Tommy Willem Werner Wendy Ward Yasmine Mohamed Ahmed Fatima Ayse Elif Youssef
""".split())
LEGAL_FORMS = {"vzw", "ivzw", "cvba", "bvba", "vof", "cvso", "asbl", "nv", "bv", "cv"}
# Institutional head words: names starting with one match in any case ("departement zorg") and
# a capitalised run starting with one is an organisation wherever it stands.
INSTITUTION_HEADS = {"departement", "agentschap", "provincie", "stad", "gemeente", "ministerie", "kabinet"}
# Municipality names that are also Dutch words: not a place at the start of a sentence.
AMBIGUOUS_PLACES = {"as", "ham", "lede", "peer", "mol", "boom", "niel", "lille", "hove", "bever", "halen", "heers",
                    "lint", "essen", "zele", "olen", "putte", "bree", "wellen", "herne", "geel", "vorst", "lier",
                    "damme", "mesen", "hamme", "brecht", "zulte", "puurs", "kruisem", "asse", "jette"}
# Words that never start or stand alone as a name, whatever their case.
COMMON_WORDS = set("""
de het een en of in op bij voor met na door vanuit tijdens ook daarnaast er dit deze die dat we wij zij ze hij zo via
binnen naast om samen uit van als alle elk elke enkele verschillende eind begin sinds vanaf tot dankzij omwille hierbij
daarbij zowel onder over per aan rond zonder tegen toch maar want dus nu toen waar wat wie hoe welke ons onze hun haar
zijn mijn u jullie men iedereen niemand alles niets geen nog al reeds steeds vaak soms echter bovendien tevens hiervoor
daarvoor hierdoor daardoor hiermee daarmee nadien vervolgens ten ter mede eerst eerste tweede derde laatste nieuwe
nieuw andere ander extra meer minder veel weinig beide alleen enkel slechts wel niet ja nee commentaar actie acties
resultaat resultaten doel doelstelling doelstellingen bron tabel figuur bijlage annex project projecten fase stap
partners partner trekker trekkers organisator regie regisseur totaal aantal jaarlijks jaar maand week dag art artikel
actiegroep stuurgroep werkgroep regioraad beheerscomité netwerk overleg expert
""".split())
# Capitalised adjectives: never a name on their own ("Vlaamse regering", "Europees beleid").
ADJECTIVE = re.compile(
    r"^(?:[A-Z][a-zà-ÿ-]*(?:se|sche|ese|ische)|Vlaams|Europees|Federaal|Belgisch|Nederlands|Brussels|Waals|"
    r"West-Vlaams|Oost-Vlaams|Limburgs|Antwerps|Provinciaal|Regionaal|Lokaal|Nationaal|Internationaal)$"
)
COMPOUND_TAIL = re.compile(r"-[a-zà-ÿ]{3,}$")  # SE-organisaties, LDE-fabriek, OCMW-trajectbegeleiders
# A body or project named after its head word is not a partner organisation:
# "stuurgroep DS", "werkgroep RASE", "project Steam", "het ESF project 'WWIN'".
BODY_BEFORE = re.compile(
    r"(?:werkgroep|stuurgroep|actiegroep|overlegorgaan|project|projecten|oproep|traject|programma|platform|"
    r"campagne|label|fonds|beleidsgroep|cluster|regio)\s*$",
    re.I,
)
AMPERSAND_TAILS = {"Co", "Co.", "co", "Zonen", "Partners", "Cie", "Cie."}
PARTICIPATION_AFTER = re.compile(
    r"^\s*(?:participeert|participeerde|neemt\s+deel|nam\s+deel|namen\s+deel|sluit\s+(?:ook\s+)?aan|sloot\s+(?:ook\s+|telkens\s+)?aan|"
    r"is\s+(?:ook\s+)?(?:aanwezig|vertegenwoordigd|betrokken)|was\s+(?:ook\s+)?(?:aanwezig|vertegenwoordigd|betrokken)|zit|zat|"
    r"is\s+lid|was\s+lid|wordt\s+betrokken|werd\s+betrokken|aanwezig|vertegenwoordigd|betrokken)\b",
    re.I,
)
PARTICIPATION_BEFORE = re.compile(
    r"(?:aanwezigheid|deelname|betrokkenheid|vertegenwoordiging|lidmaatschap)\s+(?:van\s+)?(?:de\s+|het\s+)?$"
    r"|\b(?:is|was|zijn|waren)\s+(?:ook\s+)?$",
    re.I,
)
# "de stuurgroep van de ILV", "het beleidsteam van W13": the region's organisation as the owner of
# a body, not as a partner of the action.
POSSESSIVE_BEFORE = re.compile(
    r"\b(?:stuurgroep(?:en)?|beheerscomité|beleidsteam|raad\s+van\s+bestuur|bestuurders|algemene\s+vergadering|"
    r"werkgroep(?:en)?|medewerkers?|personeel|website|regisseur|directie)\s+van\s+(?:de\s+|het\s+)?$",
    re.I,
)
# Places after these words are where something happens, not who does it.
LOCATIVE_BEFORE = re.compile(r"(?:\bin|\bte|\buit|\bnaar|\brond|\bbinnen|\bover|\belders\s+in)\s+(?:de\s+|het\s+)?$", re.I)

# Cue phrases (lower case, matched on the words before a name).
STRONG_CUES = re.compile(
    r"(?:in\s+samenwerking\s+met|i\.?\s?s\.?\s?m\.?|samen\s+met|met\s+de\s+steun\s+van|ondersteund\s+door|"
    r"georganiseerd\s+door|getrokken\s+door|gefaciliteerd\s+door|gecoördineerd\s+door|op\s+initiatief\s+van|"
    r"afstemming\s+met|overleg\s+met|contacten?\s+met|samenwerking\s+met|gesprekken\s+met|partners?\s*(?::|zoals|als)|"
    r"partners?\s+\(|vaste\s+partners|waaronder|met\s+partners\s+als|penhouder\s*:|trekker\s*:|promotor\s*:)"
    r"\s*(?:o\.a\.\s*|oa\.?\s*|onder\s+andere\s*|bv\.?\s*|bijvoorbeeld\s*)?(?:de\s+|het\s+)?$",
    re.I,
)
WEAK_CUES = re.compile(r"(?:^|\W)(?:met|bij|door|vanuit|zoals|en\s+met)\s+(?:de\s+|het\s+)?$", re.I)
GOVERN_VAN = re.compile(
    r"(?:schepencolleges?|colleges?|gemeenteraden|gemeenteraad|besturen|bestuur|aansluiting|engagement|deelname|"
    r"toetreding|medewerking|vertegenwoordigers?|beleid|diensten)\s+(?:van\s+)(?:de\s+|het\s+)?$",
    re.I,
)

LEAD_BEFORE = [
    re.compile(
        r"(?:georganiseerd|getrokken|gecoördineerd|gecoordineerd|gefaciliteerd|geleid|opgezet|voorgezeten|gedragen|"
        r"geïnitieerd|geinitieerd|opgestart|gecoacht)(?:\s+en\s+\w+)?\s+(?:door|vanuit)\s+"
        r"(?:de\s+regisseur\b[^.;]{0,60}?\bvan\s+)?(?:de\s+|het\s+)?$",
        re.I,
    ),
    re.compile(r"(?:op\s+initiatief\s+van|ontstaan\s+vanuit|onder\s+(?:leiding|coördinatie)\s+van|"
               r"(?:trekker|penhouder|promotor|organisator|initiatiefnemer)\s*(?:is|was|:))\s+(?:de\s+|het\s+)?$", re.I),
    re.compile(r"\b(?:organiseerde|organiseert|organiseerden|coördineert|coördineerde|trekt|trok|leidt|leidde|"
               r"faciliteert|faciliteerde)\s+(?:de\s+|het\s+)?$", re.I),
    re.compile(r"\binitiatief\s+van\b[^.;]*$", re.I),
]
LEAD_AFTER = [
    re.compile(r"^\s*(?:,[^.;]{0,40},\s*)?(?:coördineert|coördineerde|coördineren|organiseert|organiseerde|"
               r"organiseren|organiseerden|trekt|trok|trekken|leidt|leidde|faciliteert|faciliteerde|"
               r"neemt\s+het\s+initiatief|nam\s+het\s+initiatief)\b", re.I),
    re.compile(r"^\s*(?:is|was|werd|wordt|treedt|trad|nam|neemt|blijft|fungeert|fungeerde|speelt|speelde|zal)\b"
               r"[^.;]{0,60}?\b(?:trekkende\s+rol|trekker|penhouder|promotor|\w*organisator|initiatiefnemer|"
               r"coördinator|het\s+initiatief|de\s+lead)\b", re.I),
    re.compile(r"^\s*als\s+(?:penhouder|trekker|promotor|\w*organisator|initiatiefnemer|coördinator)\b", re.I),
    re.compile(r"^\s*\(\s*(?:trekker|penhouder|lead|organisator|promotor)\s*\)", re.I),
    # applicants: "Ecoso, Werkmaat en stad Mechelen dienden hiervoor in", "Vilvoorde tekende … in op"
    re.compile(r"^\s*(?:diende|dienden|dient|dienen|tekende|tekenden|tekent|tekenen)\b[^.;]{0,40}?\bin\b", re.I),
]
# "nam de provincie het initiatief", "werd vanuit de provincie een opleiding georganiseerd"
LEAD_AROUND = [
    (re.compile(r"\b(?:nam|neemt)\s+(?:de\s+|het\s+)?$", re.I),
     re.compile(r"^\s*(?:het\s+initiatief|de\s+lead|de\s+coördinatie|een\s+trekkende\s+rol)", re.I)),
    (re.compile(r"\bvanuit\s+(?:de\s+|het\s+)?$", re.I),
     re.compile(r"^[^.;]{0,150}?\b(?:georganiseerd|getrokken|gecoördineerd|opgezet|opgestart|gelanceerd)\b", re.I)),
    (re.compile(r"\bvanuit\s+(?:de\s+|het\s+)?$", re.I),
     re.compile(r"^\s*(?:hebben|geloven|willen|gaan|zetten|nemen|organiseren|werken|zijn|zoeken|bekijken)\s+we\b", re.I)),
]
LEAD_HEADERS = re.compile(r"^\s*(?:trekkers?|organisator(?:en)?|verantwoordelijke|lead|penhouder|coördinator|initiatiefnemer|regie)\s*$", re.I)
PARTNER_HEADERS = re.compile(r"^\s*(?:(?:betrokken\s+)?partners?|samenwerkingspartners?|betrokkenen|actoren|betrokken\s+actoren|organisatie(?:/\w+)?)\s*$", re.I)
# A local government acting: "Vilvoorde tekende in", "Mechelen organiseerde".
PLACE_AS_SUBJECT = re.compile(r"^\s+(?:\w+(?:de|te|den|ten)|heeft|neemt|nam|organiseert|ondertekende|sloot|sluit|diende|dient|tekent|startte|start|kreeg|krijgt)\b")
LIST_SEP = re.compile(r"^\s*(?:,|en|&|/|\+|-|–|,\s*en)\s*(?:de\s+|het\s+)?$", re.I)
_SENTENCE_BREAK = re.compile(r"[.!?](?=\s+[A-Z(•\-–\"'“])|[\n]{2,}|\n\s*[•\-–*✓]|;|:\s*\n")


@dataclass(frozen=True)
class Span:
    """A found entity in an analysed text (offsets into that text)."""

    start: int
    end: int
    type: str  # ORG | PERSON | PLACE | DATE | FIGURE
    text: str
    normalized: str | None = None
    role: str | None = None
    source: str = ""
    value: Any = None  # DateValue / Figure for DATE / FIGURE spans


@dataclass
class Context:
    """What the document tells about names written without their place or year."""

    year: int | None = None
    province: str | None = None
    regie: str | None = None
    municipalities: tuple[str, ...] = ()
    vocab: frozenset[str] = frozenset()  # words the document writes in lower case


@dataclass
class Annotator:
    """The loaded resources: spaCy tokenizer and matchers, gazetteers, alias decisions."""

    nlp: Any
    registry: OrgRegistry
    places: Places
    regions: Any = None
    org_matcher: Any = None
    place_matcher: Any = None
    region_codes: frozenset[str] = frozenset()  # region aliases in capitals ("ZWVL", "VMG"): areas
    head_words: frozenset[str] = frozenset()  # first words of names that stand before a place ("ocmw", "vdab")

    @classmethod
    def load(cls, regions: Any = None, aliases_file: Path | None = None) -> "Annotator":
        """Load once per run: the spaCy pipeline, the gazetteers, the alias files."""
        import spacy
        from spacy.matcher import PhraseMatcher
        from spacy.util import compile_infix_regex, compile_suffix_regex

        nlp = spacy.blank("nl")
        # "VDAB/stad Mechelen", "Televil/Mivavil" and "Mechelen)⁹" are separate words.
        nlp.tokenizer.infix_finditer = compile_infix_regex([*nlp.Defaults.infixes, r"(?<=[\w.])/(?=[\w])"]).finditer
        nlp.tokenizer.suffix_search = compile_suffix_regex([*nlp.Defaults.suffixes, r"[⁰¹²³⁴⁵⁶⁷⁸⁹]+"]).search
        places = Places.load(regions=regions)
        registry = OrgRegistry.load(aliases_file=aliases_file, places=places)
        codes = set()
        for region in getattr(regions, "regions", None) or []:
            for alias in (getattr(region, "name", ""), *(getattr(region, "aliases", ()) or ())):
                if isinstance(alias, str) and alias.isupper() and key(alias) not in registry.index:
                    codes.add(alias)
        heads = {k.split()[0] for k in registry.prefix_map} | {"kabinet"}
        heads |= {k.split()[0] for k in registry.index if len(k.split()) <= 2}
        annotator = cls(nlp=nlp, registry=registry, places=places, regions=regions, region_codes=frozenset(codes),
                        head_words=frozenset(heads))
        annotator.org_matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        for entry in registry.entries.values():
            for name in (entry.name, *entry.aliases):
                if name.lower() in _BARE_PREFIXES:
                    continue  # bare "stad"/"gemeente" is no organisation; prefix + place is
                annotator.org_matcher.add(name, [nlp.make_doc(name)])
        annotator.place_matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        for name in places.all_names():
            variants = {name, name.replace("-", " ")}
            if "-" in name:
                parts = name.split("-")
                for i in range(1, len(parts)):
                    variants.add("-".join(parts[:i]) + " " + "-".join(parts[i:]))
            annotator.place_matcher.add(name, [nlp.make_doc(v) for v in variants])
        return annotator

    # -- context -----------------------------------------------------------------------------

    def context(self, meta: DocMeta, pages: Sequence[Page] = (), year: int | None = None) -> Context:
        """The document's province, regie organisation and vocabulary."""
        region = None
        if meta.region and self.regions is not None and hasattr(self.regions, "get"):
            try:
                region = self.regions.get(meta.region)
            except Exception:  # a registry without the expected API: work without a region
                region = None
        province = getattr(region, "province", None)
        municipalities = tuple(meta.municipalities) or tuple(getattr(region, "municipalities", ()) or ())
        texts = [p.text for p in pages]
        if province is None:
            counts = Counter(self.places.province(m) for m in municipalities)
            if not counts:
                for text in texts:
                    for m in re.finditer(r"[A-Z][\w-]+(?:-[A-Z][\w-]+)*", text):
                        if self.places.is_municipality(m.group()):
                            counts[self.places.province(m.group())] += 1
            counts.pop(None, None)
            province = counts.most_common(1)[0][0] if counts else None
        regie = self.registry.regie_for(meta.region)
        if regie is None and region is not None:
            actors = getattr(region, "actors", ()) or ()
            if actors:
                regie = self.registry.canonical(actors[0]) or actors[0]
        vocab = frozenset(w for text in texts for w in _LOWER_WORD.findall(text))
        return Context(year=year or (meta.years[0] if meta.years else None), province=province, regie=regie,
                       municipalities=municipalities, vocab=vocab)

    # -- analysis ----------------------------------------------------------------------------

    def spans(self, text: str, ctx: Context | None = None) -> list[Span]:
        """Every entity in `text`, in order, with canonical names and (for ORG) a role."""
        ctx = ctx or Context()
        if not ctx.vocab:
            ctx = replace(ctx, vocab=frozenset(_LOWER_WORD.findall(text)))
        doc = self.nlp.make_doc(text)
        dates = find_dates(text, ctx.year)
        blocked = [(d.start, d.end) for d in dates] + phone_spans(text)
        figures = find_figures(text, skip=blocked)
        candidates: list[tuple[int, Span]] = []  # (priority, span): the lower number wins a tie
        for d in dates:
            candidates.append((1, Span(d.start, d.end, "DATE", d.text, d.value, source="date",
                                       value=DateValue(text=d.text, value=d.value))))
        for f in figures:
            candidates.append((2, Span(f.start, f.end, "FIGURE", f.text, _num(f.value), source="figure",
                                       value=Figure(text=f.text, value=f.value, unit=f.unit, counts=f.counts))))
        cells = _cells(text)
        candidates += self._gazetteer_orgs(doc, text, cells)
        place_spans = self._places(doc, text)
        candidates += self._prefix_orgs(doc, text, ctx, place_spans)
        candidates += [(4, s) for s in place_spans]
        candidates += self._legal_orgs(doc, text)
        candidates += self._persons(doc, text)
        candidates += self._acronyms(doc, text)
        chosen = _resolve(candidates)
        chosen = self._runs_in_context(doc, text, ctx, chosen, cells)
        chosen = self._places_as_orgs(text, chosen)
        chosen = [self._contextualise(s, text, ctx) for s in chosen]
        return self._roles(text, ctx, chosen, cells)

    def _gazetteer_orgs(self, doc: Any, text: str, cells: dict[int, str]) -> list[tuple[int, Span]]:
        out = []
        for match_id, start, end in self.org_matcher(doc):
            alias = self.nlp.vocab.strings[match_id]
            span = doc[start:end]
            if not _case_ok(alias, span) or _plural_or_compound(doc, end):
                continue
            canonical = self.registry.canonical(alias)
            out.append((0, Span(span.start_char, span.end_char, "ORG", span.text, canonical, source="gazetteer")))
        # "de provincie" (the province of the document's region) and bare prefixes in table cells
        for tok in doc:
            if tok.lower_ != "provincie" or _plural_or_compound(doc, tok.i + 1):
                continue
            before = text[max(0, tok.idx - 20) : tok.idx]
            in_cell = tok.idx in cells
            if in_cell or (re.search(r"\b(?:de|De)\s+$", before) and not LOCATIVE_BEFORE.search(before)):
                out.append((3, Span(tok.idx, tok.idx + len(tok.text), "ORG", tok.text, "Provincie", source="bare")))
        return out

    def _places(self, doc: Any, text: str) -> list[Span]:
        out = []
        for match_id, start, end in self.place_matcher(doc):
            name = self.nlp.vocab.strings[match_id]
            span = doc[start:end]
            if not span.text[:1].isupper():
                continue
            if key(span.text) in AMBIGUOUS_PLACES and _sentence_start(text, span.start_char):
                continue
            if _plural_or_compound(doc, end):
                continue
            s, e = span.start_char, span.end_char
            if start > 0 and doc[start - 1].lower_ == "regio":
                s = doc[start - 1].idx
            out.append(Span(s, e, "PLACE", text[s:e], self.places.canonical(name) or name, source="place"))
        for tok in doc:
            if tok.text in self.region_codes and not _plural_or_compound(doc, tok.i + 1):
                region = self.regions.canonical(tok.text) if hasattr(self.regions, "canonical") else tok.text
                out.append(Span(tok.idx, tok.idx + len(tok.text), "PLACE", tok.text, region or tok.text, source="place"))
        return out

    def _prefix_orgs(self, doc: Any, text: str, ctx: Context, places: list[Span]) -> list[tuple[int, Span]]:
        """ "stad Mechelen", "OCMW Vilvoorde", "VDAB West-Vlaanderen", "OCMW Klein-Brabant Vaartland",
        "kabinet van minister Crevits"."""
        out = []
        by_start = {p.start: p for p in places}
        for i in range(len(doc)):
            if doc[i].lower_ not in self.head_words:
                continue
            for n in (2, 1):
                if i + n >= len(doc):
                    continue
                head = doc[i : i + n]
                if not all(t.is_alpha for t in head):
                    continue
                head_key = key(head.text)
                nxt = doc[i + n]
                place = by_start.get(nxt.idx)
                prefix = head_key in self.registry.prefix_map
                entry_name = self.registry.index.get(head_key)
                if place is not None and not place.text.lower().startswith("regio"):
                    if prefix:
                        name = self.registry.with_place(head.text, place.normalized or place.text)
                    elif entry_name and _case_ok(head.text, head):
                        name = self.registry.canonical(f"{head.text} {place.text}")
                    else:
                        continue
                    if name:
                        out.append((0, Span(head.start_char, place.end, "ORG", text[head.start_char : place.end], name, source="prefix")))
                        break
                elif prefix and head_key not in ("stad", "gemeente", "provincie") and (head.text[:1].isupper() or head.text.isupper()):
                    # a prefix organisation and a name that is not a place: "OCMW Klein-Brabant Vaartland"
                    j = i + n
                    while j < len(doc) and j - (i + n) < 4 and _namey(doc[j], ctx, inner=True) and not _is_acronym(doc[j].text):
                        j += 1
                    if j > i + n and not _plural_or_compound(doc, j):
                        s, e = head.start_char, doc[j - 1].idx + len(doc[j - 1].text)
                        name = self.registry.canonical(text[s:e])
                        out.append((0, Span(s, e, "ORG", text[s:e], name, source="prefix")))
                        break
                elif n == 1 and head_key == "kabinet":
                    m = re.match(r"\s+(?:van\s+)?(?:(?:de\s+)?(?:vlaams\s+)?minister\s+)?([A-Z][\w-]+)", text[head.end_char :], re.I)
                    if m and m.group(1)[:1].isupper():
                        e = head.end_char + m.end()
                        out.append((0, Span(head.start_char, e, "ORG", text[head.start_char : e], f"kabinet {m.group(1)}", source="prefix")))
        return out

    def _legal_orgs(self, doc: Any, text: str) -> list[tuple[int, Span]]:
        """ "JobRoad ivzw", "Ecoso vzw", "vzw De Rand", "Arktos vzw"."""
        out = []
        for i, tok in enumerate(doc):
            if tok.lower_ not in LEGAL_FORMS or (tok.lower_ in ("bv", "nv", "cv") and tok.text.islower()):
                continue
            if i + 1 < len(doc) and doc[i + 1].text == ".":
                continue  # "bv." is bijvoorbeeld
            run = _run_left(doc, i)
            if run is not None:
                s, e = doc[run].start_char, tok.idx + len(tok.text)
            else:
                run_end = _run_right(doc, i + 1)
                if run_end is None:
                    continue
                s, e = tok.idx, doc[run_end].idx + len(doc[run_end].text)
            name = self.registry.canonical(text[s:e])
            if name:
                out.append((3, Span(s, e, "ORG", text[s:e], name, source="legal")))
        return out

    def _persons(self, doc: Any, text: str) -> list[tuple[int, Span]]:
        out = []
        i = 0
        while i < len(doc):
            tok = doc[i]
            titled = tok.lower_ in TITLES and (tok.lower_.endswith(".") or tok.text[:1].isupper() or tok.lower_ in _SPOKEN_TITLES)
            first = tok.text in FIRST_NAMES and i + 1 < len(doc) and _surname_like(doc[i + 1])
            if not (titled or first):
                i += 1
                continue
            j = i + 1 if titled else i
            k = j
            while k < len(doc) and k - j < 5 and (_surname_like(doc[k]) or (doc[k].lower_ in PARTICLES and k + 1 < len(doc) and _surname_like(doc[k + 1]))):
                k += 1
            if k - j >= (1 if titled else 2):
                s = tok.idx if titled else doc[j].idx
                e = doc[k - 1].idx + len(doc[k - 1].text)
                name = text[doc[j].idx : e]
                if not self.places.canonical(name) and not self.registry.index.get(key(name)):
                    out.append((1 if titled else 3, Span(s, e, "PERSON", text[s:e], name, source="person")))
                i = k
                continue
            i += 1
        return out

    def _acronyms(self, doc: Any, text: str) -> list[tuple[int, Span]]:
        out = []
        for tok in doc:
            t = tok.text
            if not _is_acronym(t) or self.registry.is_not_org(t) or self.places.canonical(t) or t in self.region_codes:
                continue
            if _in_caps_line(text, tok.idx) or _in_quotes(text, tok.idx) or _plural_or_compound(doc, tok.i + 1):
                continue
            if BODY_BEFORE.search(text[max(0, tok.idx - 30) : tok.idx]) and not self.registry.index.get(key(t)):
                continue  # "stuurgroep DS", "werkgroep RASE": a body, not an organisation
            name = t if self.registry.is_generic(t) else self.registry.canonical(t)
            if name:
                out.append((5, Span(tok.idx, tok.idx + len(t), "ORG", t, name, source="acronym")))
        return out

    def _runs_in_context(self, doc: Any, text: str, ctx: Context, chosen: list[Span], cells: dict[int, str]) -> list[Span]:
        """Names nobody listed: in enumerations with organisations, in parentheses, after cues, in cells."""
        soft = {(s.start, s.end) for s in chosen if s.source == "acronym" and not self.registry.index.get(key(s.text))}
        covered = bytearray(len(text) + 1)
        for s in chosen:
            if (s.start, s.end) not in soft:
                covered[s.start : s.end] = b"\x01" * (s.end - s.start)
        places_at = {s.start: s for s in chosen if s.type == "PLACE" and not s.text.lower().startswith("regio")}
        runs = self._name_runs(doc, text, ctx, covered, places_at)
        # the runs replace the soft acronym spans they contain ("JM Cleaning", "JEC De Krone")
        kept = [s for s in chosen if not ((s.start, s.end) in soft and any(a <= s.start and s.end <= b and (a, b) != (s.start, s.end) for a, b in runs))]
        kept_at = {(s.start, s.end) for s in kept}
        items = [(s.start, s.end, s) for s in kept] + [(a, b, None) for a, b in runs if (a, b) not in kept_at]
        groups = _list_groups(text, items)
        accepted: dict[tuple[int, int], str] = {}
        for group in groups:
            known = [x for x in group if x[2] is not None and x[2].type == "ORG"]
            places = [x for x in group if x[2] is not None and x[2].type == "PLACE" and self.places.is_municipality(x[2].normalized or "")]
            unknown = [x for x in group if x[2] is None]
            start, end = group[0][0], group[-1][1]
            before = text[max(0, start - 60) : start]
            after = text[end : end + 2]
            in_parens = bool(re.search(r"\(\s*(?:o\.a\.\s*|oa\.?\s*|bv\.?\s*)?$", before))
            closed = after.startswith(")")
            cue = bool(STRONG_CUES.search(before)) or start in cells
            weak = bool(WEAK_CUES.search(before))
            if BODY_BEFORE.search(before):
                continue
            if len(group) >= 2 and (known or (in_parens and closed) or cue or (weak and unknown)):
                for s, e, _ in unknown:
                    accepted[(s, e)] = "list"
                if known or cue:
                    for s, e, _ in places:
                        accepted[(s, e)] = "place-org"
            elif len(group) == 1 and unknown:
                s, e, _ = unknown[0]
                name = text[s:e]
                if cue or (in_parens and closed and _looks_like_name(name)) or (weak and not _sentence_start(text, start) and _looks_like_name(name)):
                    accepted[(s, e)] = "cue"
                elif _institution(name):
                    accepted[(s, e)] = "institution"
            elif len(group) == 1 and places and cue and not LOCATIVE_BEFORE.search(before):
                accepted[(places[0][0], places[0][1])] = "place-org"
        out = []
        for sp in kept:
            if accepted.get((sp.start, sp.end)) == "place-org":
                out.append(replace(sp, type="ORG", normalized=self.registry.local_government(sp.normalized or sp.text), source="place-org"))
            else:
                out.append(sp)
        taken = {(s.start, s.end) for s in kept}
        for (s, e), how in accepted.items():
            if how == "place-org" or (s, e) in taken:
                continue
            name = text[s:e]
            if self.places.canonical(name) or name.split()[0] in FIRST_NAMES and len(name.split()) == 1:
                continue
            canonical = self.registry.canonical(name)
            if canonical:
                out.append(Span(s, e, "ORG", name, canonical, source=how))
        return sorted(out, key=lambda x: x.start)

    def _name_runs(self, doc: Any, text: str, ctx: Context, covered: bytearray, places_at: dict[int, Span]) -> list[tuple[int, int]]:
        """Runs of capitalised words not taken yet ("Den Diepen Boomgaard", "Opnieuw & Co",
        "Taskforce Spitsregio Leuven"), as character spans. Which are organisations is decided
        by their context (`_runs_in_context`)."""

        def free(tok: Any) -> bool:
            return not any(covered[tok.idx : tok.idx + len(tok.text)])

        runs: list[tuple[int, int]] = []
        i = 0
        while i < len(doc):
            tok = doc[i]
            if not (free(tok) and _namey(tok, ctx, lenient=True) and not _in_quotes(text, tok.idx)):
                i += 1
                continue
            j = i + 1
            while j < len(doc):
                t = doc[j]
                if re.search(r"[\t\n]", doc[j - 1].whitespace_ or "") or t.is_space:
                    break  # a name does not run over a cell or a line
                if free(t) and (_namey(t, ctx, inner=True, lenient=True) or (t.text.isdigit() and len(t.text) <= 3 and not (j + 1 < len(doc) and doc[j + 1].text[:1].isupper()))):
                    j += 1
                    continue
                if t.idx in places_at:  # "Taskforce Spitsregio Leuven": a name ending in a place
                    end_char = places_at[t.idx].end
                    while j < len(doc) and doc[j].idx < end_char:
                        j += 1
                    break
                connector = t.text in _NAME_CONNECTORS or (t.text == "&" and j + 1 < len(doc) and doc[j + 1].text in AMPERSAND_TAILS) \
                    or (t.lower_ == "en" and doc[j - 1].text.endswith("-"))
                if connector and j + 1 < len(doc) and free(doc[j + 1]) and _namey(doc[j + 1], ctx, inner=True, lenient=True):
                    j += 2
                    continue
                break
            tokens = list(doc[i:j])
            i = j
            # leading common words ("Lokale", "Studio") stay only before a real name ("Studio Dot")
            strong = [k for k, t in enumerate(tokens) if _namey(t, ctx, inner=True) and not self.registry.is_not_org(t.text) and t.text not in AMPERSAND_TAILS]
            if not strong and any(t.text == "&" for t in tokens):
                strong = [0]  # "Opnieuw & Co": a firm's name of common words
            if not strong or (len(tokens) == 1 and ADJECTIVE.match(tokens[0].text)):
                continue
            first = 0 if tokens[0].text.lower() not in COMMON_WORDS else strong[0]
            if _sentence_start(text, tokens[first].idx) and tokens[first].lower_ in ctx.vocab and len(tokens) - first == 1:
                continue
            while len(tokens) > first + 1 and tokens[-1].text in ("voor", "van", "de", "&", "en"):
                tokens.pop()
            runs.append((tokens[first].idx, tokens[-1].idx + len(tokens[-1].text)))
        return runs

    def _places_as_orgs(self, text: str, chosen: list[Span]) -> list[Span]:
        """ "Vilvoorde tekende in", "de schepencolleges van Vilvoorde, Machelen en Grimbergen"."""
        promote: set[int] = set()
        for group in _list_groups(text, [(s.start, s.end, s) for s in chosen]):
            spans = [g[2] for g in group]
            municipal = [s for s in spans if s.type == "PLACE" and self.places.is_municipality(s.normalized or "") and not s.text.lower().startswith("regio")]
            if not municipal:
                continue
            start, end = group[0][0], group[-1][1]
            before = text[max(0, start - 60) : start]
            if GOVERN_VAN.search(before) or (_sentence_start(text, start) and PLACE_AS_SUBJECT.match(text[end : end + 30])):
                promote.update(s.start for s in municipal)
        return [
            replace(s, type="ORG", normalized=self.registry.local_government(s.normalized or s.text), source="place-org")
            if s.start in promote else s
            for s in chosen
        ]

    def _contextualise(self, span: Span, text: str, ctx: Context) -> Span:
        """Bare "OCMW", "de provincie", "de ILV": the document says which one."""
        if span.type != "ORG":
            return span
        name = span.normalized or span.text
        if self.registry.is_generic(span.text) or self.registry.is_generic(name):
            return replace(span, normalized=ctx.regie) if ctx.regie else span
        if name == "OCMW":
            if re.search(r"\b(?!de\b|het\b|en\b|of\b|met\b|van\b|door\b|tussen\b|bij\b)[a-zà-ÿ]{3,}\s+$", text[max(0, span.start - 30) : span.start]):
                return replace(span, role="context")  # "tijdelijke werkervaring OCMW": the kind, not one OCMW
            s, e = _sentence_bounds(text, span.start)
            place = _first_municipality(self, text[s:e]) or (ctx.municipalities[0] if ctx.municipalities else None)
            return replace(span, normalized=self.registry.with_place("OCMW", place)) if place else span
        if name == "Provincie" and ctx.province:
            return replace(span, normalized=f"Provincie {ctx.province}")
        return span

    def _roles(self, text: str, ctx: Context, spans: list[Span], cells: dict[int, str]) -> list[Span]:
        orgs = [(s.start, s.end, s) for s in spans if s.type == "ORG"]
        table_roles = _table_roles(text)
        breaks = _breaks(text)
        roles: dict[int, str] = {}
        for group in _list_groups(text, orgs):
            start, end = group[0][0], group[-1][1]
            sent_start = _sentence_bounds(text, start, breaks)[0]
            sent_end = _sentence_bounds(text, end, breaks)[1]
            before = text[sent_start:start]
            after = text[end:sent_end]
            lead = any(p.search(before) for p in LEAD_BEFORE) or any(p.match(after) for p in LEAD_AFTER)
            lead = lead or any(b.search(before) and a.match(after) for b, a in LEAD_AROUND)
            for s, e, sp in group:
                role = "context" if sp.role == "context" else cells.get(s) or table_roles.get(s)
                if role is None:
                    if lead:
                        role = "lead"
                    elif ctx.regie and sp.normalized == ctx.regie and len(group) == 1:
                        if POSSESSIVE_BEFORE.search(before):
                            role = "context"
                        elif not (PARTICIPATION_AFTER.match(after) or PARTICIPATION_BEFORE.search(before) or STRONG_CUES.search(before)):
                            role = "lead"  # the document's own organisation, named as doing it
                        else:
                            role = "partner"
                    else:
                        role = "partner"
                roles[s] = role
        return [replace(s, role=roles.get(s.start, "partner")) if s.type == "ORG" else s for s in spans]


# ------------------------------------------------------------------------------------------
# helpers

_LOWER_WORD = re.compile(r"(?<![\w-])[a-zà-ÿ][a-zà-ÿ-]+\b")
_BARE_PREFIXES = {"stad", "gemeente", "provincie", "lokaal bestuur", "stadsbestuur", "gemeentebestuur", "provinciebestuur", "sociaal huis"}
_NAME_CONNECTORS = {"for", "a", "voor", "van", "de", "den", "der", "op", "the", "and"}
_JARGON = {"SE", "NEC", "SEC", "LDE", "TWE", "VTE", "MVO", "AMA", "AZ", "MW", "LB", "OCMW", "ESF", "WSE", "LR1", "LR2", "LR3", "LR4"}
_SPOKEN_TITLES = {"mevrouw", "meneer", "heer", "schepen", "burgemeester", "minister", "gedeputeerde"}


def _num(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def _case_ok(alias: str, span: Any) -> bool:
    """Short names keep their capitals ("De Rand" is not "de rand"); long names match in any case."""
    words = alias.split()
    if len(words) >= 3 or words[0].lower() in INSTITUTION_HEADS:
        return True
    tokens = [t.text for t in span]
    alias_tokens = alias.split()
    if len(tokens) != len(alias_tokens):
        return span.text[:1].isupper() or not alias[:1].isupper()
    for a, t in zip(alias_tokens, tokens):
        if a[:1].isupper() and not t[:1].isupper():
            return False
    return True


def _plural_or_compound(doc: Any, end: int) -> bool:
    """ "OCMW's", "OCMW’s" (plural: no one organisation) or "VDAB-opleidingen" right after the name."""
    if end >= len(doc):
        return False
    nxt = doc[end].text
    glued = doc[end - 1].whitespace_ == "" if end > 0 else False
    return glued and (nxt in ("'s", "’s", "'", "’") or (nxt.startswith("-") and len(nxt) > 1))


def _institution(name: str) -> bool:
    words = name.split()
    return len(words) >= 2 and words[0].lower() in INSTITUTION_HEADS and words[0][:1].isupper()


def _sentence_start(text: str, pos: int) -> bool:
    before = text[max(0, pos - 4) : pos]
    return pos == 0 or bool(re.search(r"(?:[.!?:;]\s+|\n\s*(?:[•\-–*✓]\s*)?|^\s*|\(\s*|\t\s*)$", before)) and not re.search(r"[a-z,]\s+$", before)


_ABBREVIATION = re.compile(
    r"(?:\b(?:ism|i\.s\.m|bv|bvb|vb|o\.a|oa|nl|ca|dhr|mevr|nr|art|ikv|i\.v\.m|t\.e\.m|enz|m\.a\.w|e\.a|resp|incl|excl|cf|zgn|evt|min|max|p|blz)|\b[A-Z])$",
    re.I,
)


def _breaks(text: str) -> list[tuple[int, int]]:
    """Sentence breaks (start, end), not after abbreviations ("ism. Unizo", "o.a. VDAB")."""
    out = []
    for m in _SENTENCE_BREAK.finditer(text):
        if m.group().startswith(".") and _ABBREVIATION.search(text[max(0, m.start() - 8) : m.start()]):
            continue
        out.append((m.start(), m.end()))
    return out


def _sentence_bounds(text: str, pos: int, breaks: Sequence[tuple[int, int]] | None = None) -> tuple[int, int]:
    start, end = 0, len(text)
    for s, e in breaks if breaks is not None else _breaks(text):
        if e <= pos:
            start = e
        elif s >= pos:
            end = s + 1
            break
    return start, end


def _namey(tok: Any, ctx: Context, inner: bool = False, lenient: bool = False) -> bool:
    """A word that can be part of a name: capitalised or digit-led, not a common word.

    `lenient` lets in capitalised words the document also writes in lower case ("Studio" in
    "Studio Dot"); a run needs at least one word that is not (checked by the caller).
    """
    t = tok.text
    if len(t) < 2 or "_" in t or not (t[0].isupper() or (t[0].isdigit() and any(c.isalpha() for c in t))):
        return False
    if COMPOUND_TAIL.search(t) and not t[t.rfind("-") + 1 :][:1].isupper():
        return False
    if "-" in t and t.replace("-", "").isupper() and any(p in _JARGON for p in t.split("-")):
        return False  # TWE-OCMW, SE-NEC: jargon compounds
    low = t.lower()
    if low in COMMON_WORDS and not inner:
        return False
    if not lenient and low in ctx.vocab and not t.isupper() and not any(c.isdigit() for c in t):
        return False  # written in lower case elsewhere in the document: a common word
    return True


def _surname_like(tok: Any) -> bool:
    t = tok.text
    return (len(t) > 1 and t[0].isupper() and t[1:].islower() and t.isalpha()) or t in ("Van", "De", "Der", "Den", "Vanden", "Vander", "Ver")


_ROMAN = re.compile(r"M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})")


def _is_acronym(t: str) -> bool:
    """2-8 characters, at least two capitals, not a roman numeral or a code like R4, N445 or Q1
    (a letter with digits is an organisation only when the gazetteer knows it: W13)."""
    if not re.fullmatch(r"[A-Z][A-Za-z0-9&!+]{1,7}", t) or re.fullmatch(r"[A-Z]+\d+", t) and sum(c.isupper() for c in t) < 2:
        return False
    if sum(c.isupper() for c in t) < 2:
        return False
    if _ROMAN.fullmatch(t) or re.fullmatch(r"[QK][1-4]", t):
        return False
    return not (t[1:].islower())


def _in_caps_line(text: str, pos: int) -> bool:
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    line = text[start : end if end >= 0 else len(text)]
    letters = [c for c in line if c.isalpha()]
    return len(line.split()) >= 3 and len(letters) > 10 and sum(c.isupper() for c in letters) / len(letters) > 0.7


def _in_quotes(text: str, pos: int) -> bool:
    line_start = max(text.rfind("\n", 0, pos), 0)
    before = text[line_start:pos]
    single = len(re.findall(r"(?<![A-Za-z])'|'(?![A-Za-z])", before)) % 2 == 1
    return single or before.count("“") > before.count("”") or before.count('"') % 2 == 1 or before.count("‘") > before.count("’")


def _looks_like_name(name: str) -> bool:
    return len(name) >= 3 and not ADJECTIVE.match(name)


def _run_left(doc: Any, i: int) -> slice | None:
    j = i
    while j > 0 and i - j < 5 and (doc[j - 1].text[:1].isupper() or (doc[j - 1].text == "&" and doc[j].text in AMPERSAND_TAILS)):
        j -= 1
    while j < i and doc[j].lower_ in COMMON_WORDS and _sentence_start(doc.text, doc[j].idx):
        j += 1
    return slice(j, i) if j < i else None


def _run_right(doc: Any, i: int) -> int | None:
    j = i
    while j < len(doc) and j - i < 5 and (doc[j].text[:1].isupper() or (doc[j].lower_ in ("de", "het") and j + 1 < len(doc) and doc[j + 1].text[:1].isupper())):
        j += 1
    return j - 1 if j > i else None


def _list_groups(text: str, items: Sequence[tuple[int, int, Any]]) -> list[list[tuple[int, int, Any]]]:
    """Items joined only by list separators (", ", " en ", "/", " - ", "&") form one group."""
    groups: list[list[tuple[int, int, Any]]] = []
    for item in sorted(items, key=lambda x: x[0]):
        gap = text[groups[-1][-1][1] : item[0]] if groups else ""
        if groups and item[0] >= groups[-1][-1][1] and LIST_SEP.match(gap) and "\n\n" not in gap:
            groups[-1].append(item)
        else:
            groups.append([item])
    return groups


def _resolve(candidates: Sequence[tuple[int, Span]]) -> list[Span]:
    """Longest span first, then the lower priority number; overlapping spans are dropped."""
    chosen: list[Span] = []
    for _, span in sorted(candidates, key=lambda c: (-(c[1].end - c[1].start), c[0], c[1].start)):
        if all(span.end <= c.start or span.start >= c.end for c in chosen):
            chosen.append(span)
    return sorted(chosen, key=lambda s: s.start)


def _first_municipality(annotator: Annotator, text: str) -> str | None:
    words = list(re.finditer(r"[A-Z][\w-]+", text))
    for i, m in enumerate(words):
        for j in (i + 2, i + 1):  # "De Panne", "Sint-Katelijne Waver", then one word
            if j <= len(words) and text[m.start() : words[j - 1].end()].count(" ") == j - i - 1:
                name = text[m.start() : words[j - 1].end()]
                if annotator.places.is_municipality(name):
                    return annotator.places.canonical(name)
    return None


def _table_roles(text: str) -> dict[int, str]:
    """Roles in tab-separated table rows: the trekker/organisator column leads, the partners
    column partners; names in rows of figures (a statistics table) are context, no partners."""
    roles: dict[int, str] = {}
    pos = 0
    header: list[str | None] | None = None
    for line in text.split("\n"):
        if "\t" in line:
            cells = line.split("\t")
            kinds = ["lead" if LEAD_HEADERS.match(c) else "partner" if PARTNER_HEADERS.match(c) else None for c in cells]
            numeric = sum(bool(re.fullmatch(r"\s*[\d.,%() *-]+\s*|\s*\(.*\)\s*", c)) for c in cells[1:])
            if any(kinds):
                header = kinds
            elif cells[1:] and numeric * 2 >= len(cells) - 1:
                for k in range(pos, pos + len(line)):
                    roles[k] = "context"
            elif header is not None:
                offset = pos
                for i, cell in enumerate(cells):
                    kind = header[i] if i < len(header) else None
                    if kind:
                        for k in range(offset, offset + len(cell)):
                            roles[k] = kind
                    offset += len(cell) + 1
        elif not line.strip():
            header = None
        pos += len(line) + 1
    return roles


_LABELLED_CELL = re.compile(
    r"^\s*(?P<label>trekkers?|verantwoordelijke|lead|penhouder|organisator|coördinator|initiatiefnemer|"
    r"partners?|betrokken\s+partners|samenwerkingspartners|betrokkenen|beoogd\s+resultaat|timing|stand\s+van\s+zaken|"
    r"resultaat|timing|planning|budget)\s*:\s*",
    re.I,
)
_BULLET_LINE = re.compile(r"^\s*(?:[•✓*▪◦-]|\d{1,2}[.)]\s)")


def _fragment(line: str) -> bool:
    """A line of a trekker/partners cell: short, names and dashes, no sentence."""
    t = line.strip()
    if not t or len(t) > 45 or _BULLET_LINE.match(t) or t.endswith((".", ":", ";", "?", "!")):
        return False
    return " - " in f" {t} " or t.endswith(("-", "–")) or len(t.split()) <= 3


def _dashed(line: str) -> bool:
    t = line.strip()
    return " - " in f" {t} " or t.endswith(("-", "–"))


def _cells(text: str) -> dict[int, str]:
    """Character offsets inside the trekker (lead) and partners cells of an action-plan table row.

    Two shapes: the segmenter's labelled lines ("Trekker: …", "Partners: …"), and a table flattened
    to text (a PDF table read line by line), where the row ends in a block of short lines of names
    joined by " - ". In such a block the trekker cell comes first (up to the first line that does
    not end in "-"; a short line without a dash joins the next one: "Expert Zorg" / "W13 - regie -"),
    the partners cell is the rest.
    """
    lines: list[tuple[int, str]] = []
    pos = 0
    for raw in text.split("\n"):
        if raw.strip():
            lines.append((pos, raw))
        pos += len(raw) + 1
    roles: dict[int, str] = {}

    def mark(start: int, end: int, role: str) -> None:
        for k in range(start, end):
            roles[k] = role

    # 1. labelled lines
    current: str | None = None
    for start, line in lines:
        m = _LABELLED_CELL.match(line)
        if m:
            label = m.group("label").lower()
            current = "partner" if label.startswith(("partner", "betrokken", "samenwerking")) else \
                "lead" if label.startswith(("trekker", "verantwoordelijke", "lead", "penhouder", "organisator", "coördinator", "initiatiefnemer")) else None
            if current:
                mark(start + m.end(), start + len(line), current)
        elif current:
            mark(start, start + len(line), current)
    if roles:
        return roles
    # 2. blocks of cell fragments in a flattened table
    i = 0
    while i < len(lines):
        start, line = lines[i]
        tail = None
        if not _fragment(line):
            m = re.search(r"^(.*[.!?)]\s+)([^.!?]{1,40}[-–])\s*$", line)
            if not (m and len(m.group(2).split()) <= 4) or i == 0:
                i += 1
                continue
            tail = (start + len(m.group(1)), start + len(line))
        elif i == 0 or lines[i - 1][1].rstrip().endswith(("-", "–", "(")) and not _fragment(lines[i - 1][1]):
            i += 1
            continue  # the end of a sentence broken over lines, not a cell
        block: list[tuple[int, int, str]] = [(tail[0], tail[1], text[tail[0] : tail[1]])] if tail else [(start, start + len(line), line)]
        j = i + 1
        while j < len(lines) and _fragment(lines[j][1]):
            block.append((lines[j][0], lines[j][0] + len(lines[j][1]), lines[j][1]))
            j += 1
        if any(_dashed(b[2]) for b in block):
            k = 0
            while k < len(block) - 1 and (_dashed(block[k][2]) and block[k][2].rstrip().endswith(("-", "–")) or
                                          (not _dashed(block[k][2]) and len(block[k][2].split()) <= 2 and k == 0 and _dashed(block[k + 1][2]))):
                k += 1
            mark(block[0][0], block[k][1], "lead")
            if k + 1 < len(block):
                mark(block[k + 1][0], block[-1][1], "partner")
        i = j
    return roles


# ------------------------------------------------------------------------------------------
# the stage


def annotate(actions: Sequence[Action], pages: Sequence[Page], meta: DocMeta, annotator: Annotator) -> tuple[list[Action], list[Mention]]:
    """Actions with partners, dates and figures filled; the document's mentions with page offsets.

    Each action's text is analysed (with the action's year for dates without one); its mentions
    are found in the page text from where the action starts. Text outside every action gives
    mentions with `action_id` None.
    """
    if not pages:
        return list(actions), []
    page_text = {p.page: p.text for p in pages}
    base_ctx = annotator.context(meta, pages)
    out_actions: list[Action] = []
    mentions: list[Mention] = []
    covered: dict[int, list[tuple[int, int]]] = {}
    cursor: dict[int, int] = {}
    for action in actions:
        ctx = replace(base_ctx, year=action.year or base_ctx.year)
        spans = annotator.spans(action.text, ctx)
        out_actions.append(replace(action, **_fields(spans, annotator.registry)))
        located = _locate_action(page_text, action, cursor)
        covered.setdefault(action.page, []).append((located[action.page], located[action.page]))
        for span in spans:
            where = _find_in_pages(page_text, span.text, action.page, located)
            if where is None:
                continue  # e.g. a name from a table cell: tables are not in the page text
            page, start, end = where
            located[page] = end
            as_written = replace(span, text=page_text[page][start:end])
            mentions.append(_mention(action.doc_id, as_written, page, start, action.action_id))
            covered.setdefault(page, []).append((start, end))
    for page in pages:
        taken = covered.get(page.page, [])
        # Text outside the actions, paragraph by paragraph (the actions' own text is done).
        for start, paragraph in _paragraphs(page.text):
            end = start + len(paragraph)
            if not paragraph.strip() or any(start <= s < end for s, _ in taken):
                continue
            for span in annotator.spans(paragraph, base_ctx):
                mentions.append(_mention(page.doc_id, span, page.page, start + span.start, None))
    mentions.sort(key=lambda m: (m.page, m.start))
    return out_actions, mentions


def _paragraphs(text: str) -> list[tuple[int, str]]:
    out, pos = [], 0
    for part in re.split(r"(\n\s*\n)", text):
        if part and not re.fullmatch(r"\n\s*\n", part):
            out.append((pos, part))
        pos += len(part)
    return out


def _fields(spans: Sequence[Span], registry: OrgRegistry) -> dict[str, Any]:
    partners: dict[str, Partner] = {}
    for s in spans:
        if s.type != "ORG" or not s.normalized or s.role not in ("lead", "partner") or not registry.is_partner(s.normalized):
            continue
        k = compact(s.normalized)
        if k not in partners or (s.role == "lead" and partners[k].role != "lead"):
            partners[k] = Partner(name=s.normalized, role=s.role or "partner")  # type: ignore[arg-type]
    return {
        "partners": tuple(partners.values()),
        "dates": tuple(s.value for s in spans if s.type == "DATE"),
        "figures": tuple(s.value for s in spans if s.type == "FIGURE"),
    }


def _mention(doc_id: str, span: Span, page: int, start: int, action_id: str | None) -> Mention:
    return Mention(doc_id=doc_id, type=span.type, text=span.text, normalized=span.normalized, page=page,
                   start=start, end=start + len(span.text), action_id=action_id,
                   role=span.role if span.type == "ORG" and action_id and span.role in ("lead", "partner") else None)  # type: ignore[arg-type]


def _locate_action(page_text: dict[int, str], action: Action, cursor: dict[int, int]) -> dict[int, int]:
    """Where the action starts in its page (searched from the previous action's start)."""
    text = page_text.get(action.page, "")
    head = (action.title or action.text).strip()[:60].rstrip(" …")
    found = _find(text, head, cursor.get(action.page, 0)) or _find(text, head, 0) if head else None
    if found is not None:
        cursor[action.page] = found[0]
    return {action.page: found[0] if found else cursor.get(action.page, 0)}


def _find(text: str, needle: str, start: int) -> tuple[int, int] | None:
    """(start, end) of `needle` in `text` from `start`; line breaks and spaces count as one."""
    i = text.find(needle, start)
    if i >= 0:
        return i, i + len(needle)
    words = needle.split()
    if not words:
        return None
    m = re.compile(r"\s+".join(re.escape(w) for w in words)).search(text, start)
    return (m.start(), m.end()) if m else None


def _find_in_pages(page_text: dict[int, str], needle: str, first_page: int, located: dict[int, int]) -> tuple[int, int, int] | None:
    for page in range(first_page, first_page + 4):
        text = page_text.get(page)
        if text is None:
            break
        found = _find(text, needle, located.get(page, 0))
        if found:
            return page, found[0], found[1]
    return None


# ------------------------------------------------------------------------------------------
# queries for `mine partners` and the bench


def partner_summary(store: Any, region: str | None = None, registry: OrgRegistry | None = None) -> list[dict[str, Any]]:
    """Organisations with the number of actions they appear in (as lead, as partner), and the
    regions and domains of those actions, most active first. Spellings of one organisation
    across the corpus are merged (`OrgRegistry.cluster`)."""
    actions = store.actions(region=region)
    registry = registry or OrgRegistry.load()
    names = [p.name for a in actions for p in a.partners]
    merged = registry.cluster(names)
    rows: dict[str, dict[str, Any]] = {}
    for a in actions:
        seen: dict[str, str] = {}
        for p in a.partners:
            name = merged.get(p.name, p.name)
            if seen.get(name) != "lead":
                seen[name] = p.role
        for name, role in seen.items():
            row = rows.setdefault(name, {"organisation": name, "actions": 0, "lead": 0, "partner": 0,
                                         "regions": Counter(), "domains": Counter(), "years": set()})
            row["actions"] += 1
            row[role] += 1
            if a.region:
                row["regions"][a.region] += 1
            if a.domain:
                row["domains"][a.domain] += 1
            if a.year:
                row["years"].add(a.year)
    out = []
    for row in sorted(rows.values(), key=lambda r: (-r["actions"], r["organisation"].lower())):
        out.append({
            **row,
            "kind": registry.kind(row["organisation"]),
            "regions": [r for r, _ in row["regions"].most_common()],
            "domains": [d for d, _ in row["domains"].most_common()],
            "years": sorted(row["years"]),
        })
    return out


def throughput(annotator: Annotator, documents: Iterable[tuple[Sequence[Action], Sequence[Page], DocMeta]]) -> dict[str, float]:
    """Entity-stage speed over (actions, pages, meta) triples: actions per second and pages per second."""
    n_actions = n_pages = 0
    started = time.perf_counter()
    for actions, pages, meta in documents:
        annotate(actions, pages, meta, annotator)
        n_actions += len(actions)
        n_pages += len(pages)
    seconds = time.perf_counter() - started
    return {
        "actions": n_actions,
        "pages": n_pages,
        "seconds": round(seconds, 3),
        "actions_per_s": round(n_actions / seconds, 1) if seconds else 0.0,
        "pages_per_s": round(n_pages / seconds, 1) if seconds else 0.0,
    }
