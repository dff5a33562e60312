"""Theme cues: Dutch stem-aware matching, guards against passing words, evidence, the shipped table."""
from __future__ import annotations

import re

import pytest

from pipeline.config import REPO_ROOT
from pipeline.themes import Cue, CueIndex, ThemeRule, TokenPattern, load_cue_table, parse_cue_table, stem, tokenize

TAXONOMY = (REPO_ROOT / ".." / "shared" / "taxonomy.md").resolve()


def cue_matches(cue: str, text: str) -> bool:
    return bool(CueIndex([("x", Cue.parse(cue, True))]).find(tokenize(text)))


@pytest.mark.parametrize(
    "cue, text, expected",
    [
        # prefixes catch Dutch compounds and derivations
        ("taalcoach*", "een taalcoach op de vloer", True),
        ("taalcoach*", "Taalcoaching voor strijksters", True),
        ("taalcoach*", "het taalcoachingtraject liep door", True),
        ("taalcoach*", "de taalcoaches bleven", True),
        # a plain word matches through its Snowball stem: plural, verb forms
        ("fiets", "elektrische fietsen voor cliënten", True),
        ("fiets", "met de fiets naar het werk", True),
        ("opleiding", "drie opleidingen schoonmaak", True),
        ("jongeren", "een jongere zonder diploma", True),
        # infix and suffix
        ("*fiets*", "een regionale fietsrijschool", True),
        ("*fiets*", "deelfietsen aan het station", True),
        ("*kinderopvang*", "buurtgerichte kinderopvang", True),
        # exact words do not stem or grow: "twe" is not "tweede" or "twee"
        ("=twe", "een TWE-traject starten", True),
        ("=twe", "de tweede oproep", False),
        ("=twe", "twee bedrijven", False),
        # several words in a row, hyphens and § split words, OCR's 6087 for 60§7
        ("art* 60*", "tewerkstelling via artikel 60§7", True),
        ("art* 60*", "Instroom Art. 6087 medewerkers", True),
        ("art* 60*", "60 artikels", False),
        ("wijk werk*", "het Wijk-Werken van de regio", True),
        ("wijk werk*", "W13 is wijk-werkorganisator", True),
        ("wijk werk*", "werken in de wijk", False),
        # accents are folded
        ("beheerscomit*", "het Beheerscomité kwam samen", True),
        # over-reducing stems are avoided with prefixes: "zichtbaar*" does not match "zicht"
        ("zichtbaar*", "meer zicht krijgen op de noden", False),
        ("zichtbaar*", "de zichtbaarheid van de sector", True),
    ],
)
def test_cue_matching(cue: str, text: str, expected: bool) -> None:
    assert cue_matches(cue, text) is expected


def test_dutch_stems_are_shared_by_word_forms() -> None:
    assert stem("opleidingen") == stem("opleiding")
    assert stem("jongeren") == stem("jongere")
    assert stem("taalcoaching") == stem("taalcoach")
    # Snowball's quirk ("fiets" -> "fiet", "fietsen" -> "fiets") is why a cue word also matches
    # a token whose stem is the word itself
    assert stem("fietsen") == "fiets" != stem("fiets")


def test_token_pattern_refuses_nonsense() -> None:
    with pytest.raises(ValueError):
        TokenPattern.parse("*")
    with pytest.raises(ValueError):
        TokenPattern.parse("a b")


def naive_find(cue: Cue, tokens: list) -> list[tuple[int, int]]:
    """Every non-overlapping occurrence of one cue, word by word: what the index must find."""
    n, i, out = len(cue.patterns), 0, []
    while i <= len(tokens) - n:
        if all(p.matches(tokens[i + k]) for k, p in enumerate(cue.patterns)):
            out.append((i, i + n))
            i += n
        else:
            i += 1
    return out


def test_index_finds_what_each_cue_finds_one_by_one() -> None:
    table = load_cue_table()
    text = (
        "Wijk-werken en art. 60 als opstap; een taalcoachingtraject, taalcoaches en een stuurgroep "
        "jeugd en tewerkstelling; deelfietsen, kinderopvang, sociale clausules in overheidsopdrachten."
    )
    tokens = tokenize(text)
    one_by_one = sorted((t.code, c.source, a, b) for t in table.themes for c in t.cues for a, b in naive_find(c, tokens))
    indexed = sorted((k, c.source, a, b) for k, c, a, b in CueIndex((t.code, c) for t in table.themes for c in t.cues).find(tokens))
    assert indexed == one_by_one and indexed


TABLE = parse_cue_table(
    {
        "rule": {"min_strong": 2, "min_weak": 2, "lead_chars": 0, "title_weak": 1, "context_lead": 1},
        "themes": {
            "taal": {"strong": ["taalcoach*", "anderstalig*"], "weak": ["=taal"]},
            "mobiliteit": {"strong": ["*fiets*", "rijbewijs*"], "weak": ["vervoer"]},
            "overleg": {"strong": ["stuurgroep*"], "weak": ["overleg*"], "exclude": ["overlegt"]},
        },
    }
)


def test_a_cue_in_the_title_fires_and_is_the_evidence() -> None:
    themes, evidence = TABLE.assign("Taalcoaching op de werkvloer", "De regisseur volgt het traject op.")
    assert themes == ("taal",)
    assert evidence == (("taal", "Taalcoaching"),)


def test_a_passing_word_in_a_long_text_does_not_fire() -> None:
    text = "Het project liep het hele jaar. " * 30 + "Eén deelnemer kwam met de fiets."
    assert TABLE.assign("Jobbeurs voor werkzoekenden", text)[0] == ()


def test_repeated_strong_cues_in_the_text_fire() -> None:
    text = "We werkten aan fietsbezit. Elektrische fietsen werden aangekocht voor cliënten."
    themes, evidence = TABLE.assign("Drempels naar werk", text)
    assert themes == ("mobiliteit",)
    assert "fietsbezit" in dict(evidence)["mobiliteit"]


def test_different_weak_cues_together_fire() -> None:
    text = "Er was overleg met de partners. Over vervoer ging het niet; wel over taal en rijbewijs-examens."
    themes, _ = TABLE.assign("Dagelijkse werking", text)
    assert "mobiliteit" in themes  # "vervoer" (weak) + "rijbewijs" (strong): two different cues


def test_a_cue_in_a_list_of_examples_is_a_passing_word() -> None:
    text = "De regisseur volgt de regelgeving op (taalcoaching, fietsen, rijbewijs, kinderopvang, ...)."
    rule = ThemeRule(min_strong=1, min_weak=99, lead_chars=500)
    assert TABLE.assign("Opvolging van regelgeving", text, rule)[0] == ()
    plain = "De regisseur volgt taalcoaching op."
    assert TABLE.assign("Opvolging van regelgeving", plain, rule)[0] == ("taal",)


def test_the_subheading_above_the_action_counts_as_its_title_when_the_rule_says_so() -> None:
    hits = TABLE.hits("Gestructureerd overleg met alle actoren.", "Er is een werkgroep.", context="Mobiliteit: fietsen en rijbewijs")
    as_title = TABLE.assign("", "", ThemeRule(context_lead=1, min_strong=3), hits)[0]
    as_text = TABLE.assign("", "", ThemeRule(context_lead=0, min_strong=3, min_weak=99, title_weak=0), hits)[0]
    assert "mobiliteit" in as_title and "mobiliteit" not in as_text


def test_names_in_the_trekker_and_partner_columns_are_passing_words() -> None:
    # a plan table's row read as one text: the description, then the column cells
    text = "We zoeken samen met de partners naar een oplossing.\nstuurgroep DS -\nwerkgroep taal -\nVDAB"
    rule = ThemeRule(min_strong=1, min_weak=99)
    assert TABLE.assign("Opvolging van de doelgroep", text, rule)[0] == ()
    prose = "We richten een stuurgroep op die elke maand samenkomt met alle partners van de regio."
    assert TABLE.assign("Opvolging van de doelgroep", prose, rule)[0] == ("overleg",)


def test_a_weak_cue_in_the_title_can_be_made_to_need_support() -> None:
    alone = ("Overleg met de buren", "De buren komen samen.")
    backed = ("Overleg met de buren", "Een stuurgroep bereidt het voor.")
    rule = ThemeRule(title_weak=2, min_strong=3, min_weak=99)
    assert TABLE.assign(*alone, rule)[0] == ()
    assert TABLE.assign(*backed, rule)[0] == ("overleg",)
    assert TABLE.assign(*alone, ThemeRule(title_weak=1))[0] == ("overleg",)


def test_the_cap_keeps_the_best_scored_themes_with_their_evidence() -> None:
    title, text = "Taalcoaching en fietsen", "Een stuurgroep. Taalcoaching voor anderstaligen. Anderstalige cliënten."
    rule = ThemeRule(min_strong=1, min_weak=99)
    assert set(TABLE.assign(title, text, rule)[0]) == {"taal", "mobiliteit", "overleg"}
    capped, evidence = TABLE.assign(title, text, ThemeRule(min_strong=1, min_weak=99, max_themes=1))
    assert capped == ("taal",) and [t for t, _ in evidence] == ["taal"]
    shared, _ = TABLE.assign(title, text, ThemeRule(min_strong=1, min_weak=99, min_share=60))
    assert "overleg" not in shared and "taal" in shared


def test_excluded_words_never_count() -> None:
    assert TABLE.assign("Hij overlegt met de buren", "")[0] == ()
    assert TABLE.assign("Overleg met de buren", "")[0] == ("overleg",)


def test_per_theme_threshold_overrides_the_global_one() -> None:
    text = "Een stuurgroep kwam samen. " + "Daarna ging het over iets anders. " * 5
    assert TABLE.assign("Verslag", text, ThemeRule(min_strong=2, min_weak=99))[0] == ()
    assert TABLE.assign("Verslag", text, ThemeRule(min_strong=2, min_weak=99, per_theme={"overleg": 1}))[0] == ("overleg",)


def test_unknown_keys_in_a_cue_table_are_refused() -> None:
    with pytest.raises(ValueError):
        parse_cue_table({"themes": {"taal": {"strong": ["taal"], "min_strng": 1}}})


def test_shipped_table_has_every_taxonomy_theme() -> None:
    table = load_cue_table()
    assert len(table.codes) == len(set(table.codes)) == 22
    assert all(any(c.strong for c in t.cues) for t in table.themes)
    if TAXONOMY.is_file():
        section = TAXONOMY.read_text(encoding="utf-8").split("## Themes")[1].split("## Entities")[0]
        assert set(re.findall(r"^\| `(\w+)` \|", section, re.M)) == set(table.codes)


@pytest.mark.parametrize(
    "title, text, theme",
    [
        ("Taalcoachingtraject in drie bedrijven", "Met een partner voor basiseducatie.", "taal"),
        ("Wijk-werken", "W13 is organisator in de regio.", "wijk_werken"),
        ("Regionale afstemming art 60", "Een kader voor art 60 privé.", "art60_twe"),
        ("Opleiding sociaal aankopen", "Sociale clausules in overheidsopdrachten.", "sociaal_aankopen"),
        ("Re-integratie van langdurig zieken", "Overleg met mutualiteiten.", "langdurig_zieken"),
        ("Digibanken", "Voortraject Iedereen Digitaal ingediend.", "digitaal"),
        ("Distributiepunt voedseloverschotten", "Een voedselhub met de sociale kruidenier.", "voedsel"),
    ],
)
def test_shipped_table_on_typical_titles(title: str, text: str, theme: str) -> None:
    themes, evidence = load_cue_table().assign(title, text)
    assert theme in themes
    assert dict(evidence)[theme]
