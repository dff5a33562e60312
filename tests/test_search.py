"""search: Dutch stems, compounds, filters, snippets; the `search` command."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from pipeline.analyse import TextIndex, parse_years, stems
from pipeline.commands.analysis import register
from pipeline.models import Action, DocMeta, Document, Page, SourceFile
from pipeline.search import search
from pipeline.store import Store


def write_doc(store: Store, doc_id: str, region: str, year: int, actions: list[dict]) -> None:
    source = f"{doc_id}.pdf"
    store.write_document(Document(doc_id=doc_id, source=source, path=f"/in/{source}", format="pdf", size=1, pages=9),
                         [Page(doc_id=doc_id, page=1)], SourceFile(path=f"/in/{source}", source=source, size=1, mtime=0.0))
    records = [
        Action(action_id=f"{doc_id}-{i}", doc_id=doc_id, page=i + 2, position=i, region=region, year=year, doc_type="report",
               themes=tuple(a.pop("themes", [])), **a)
        for i, a in enumerate(dict(a) for a in actions)
    ]
    store.write_analysis(doc_id, DocMeta(region=region, doc_type="report", years=(year,)), [], records, [])


@pytest.fixture
def store(tmp_path: Path) -> Store:
    with Store(tmp_path / "mine.db") as s:
        write_doc(s, "d1", "Kempenland", 2021, [
            dict(title="Opleidingen voor begeleiders", text="Begeleiders volgden drie opleidingen over werkplekleren.", domain="activering", themes=["opleiding"]),
            dict(title="Een taalcoachingtraject in drie bedrijven", text="Een taalcoachingtraject ondersteunt anderstalige werknemers. "
                 "Daarnaast werd de website vernieuwd en kwam de stuurgroep twee keer samen.", domain="sociale_economie", themes=["taal"]),
            dict(title="Netwerkmoment voor sociale ondernemers", text="Veertig ondernemers ontmoetten elkaar op het netwerkmoment.", domain="netwerking"),
        ])
        write_doc(s, "d2", "Zuiderkust", 2022, [
            dict(title="Deelfietsen voor werkzoekenden", text="Werkzoekenden lenen elektrische deelfietsen om naar het werk te rijden.",
                 domain="activering", themes=["mobiliteit"]),
            dict(title="Opleiding Nederlands op de werkvloer", text="Een taalcoach begeleidt nieuwe werknemers op de werkvloer.",
                 domain="sociale_economie", themes=["taal", "opleiding"]),
        ])
    s = Store(tmp_path / "mine.db", readonly=True)
    yield s
    s.close()


def test_stems_fold_accents_and_drop_function_words() -> None:
    assert stems("De coördinatie van de opleidingen") == stems("coordinatie opleiding")
    assert "wijkwerk" in stems("Wijk-Werken")  # a hyphenated compound also counts as one word


def test_a_stemmed_form_finds_the_action() -> None:
    index = TextIndex(["Begeleiders volgden drie opleidingen.", "De stuurgroep vergaderde."])
    assert index.scores("opleiding").argmax() == 0


def test_search_ranks_the_stemmed_match_first(store: Store) -> None:
    hits = search(store, "opleiding begeleider")
    assert hits[0].action_id == "d1-0"
    assert hits[0].source == "d1.pdf" and hits[0].page == 2 and hits[0].region == "Kempenland"


def test_search_finds_compounds_both_ways(store: Store) -> None:
    assert search(store, "taalcoaching")[0].action_id == "d1-1"  # in "taalcoachingtraject"
    assert search(store, "fiets")[0].action_id == "d2-0"  # in "deelfietsen"
    assert {h.action_id for h in search(store, "taal", k=3)[:2]} == {"d1-1", "d2-1"}


def test_search_filters_and_snippet(store: Store) -> None:
    hits = search(store, "werkvloer taalcoach", region="Zuiderkust")
    assert [h.action_id for h in hits] == ["d2-1"]
    assert [h.action_id for h in search(store, "taal", theme="opleiding")] == ["d2-1"]
    assert search(store, "taal", domain="netwerking") == []
    snippet = search(store, "taalcoachingtraject")[0].snippet
    assert "taalcoachingtraject" in snippet and "website" not in snippet  # the sentence that matches
    assert search(store, "   ") == []


def test_unrelated_query_finds_nothing(store: Store) -> None:
    assert search(store, "kinderopvang") == []


def test_parse_years() -> None:
    assert parse_years("2020-2022") == [2020, 2021, 2022]
    assert parse_years("2023, 2021") == [2021, 2023]
    assert parse_years(None) is None


def test_search_command_prints_json_and_text(store: Store) -> None:
    app = typer.Typer()
    register(app)
    runner = CliRunner()
    result = runner.invoke(app, ["search", "fiets", "--db", str(store.path), "--json", "--limit", "1"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert [d["action_id"] for d in data] == ["d2-0"] and data[0]["source"] == "d2.pdf"
    text = runner.invoke(app, ["search", "opleiding", "--db", str(store.path), "--region", "kempenland"])
    assert text.exit_code == 0 and "Opleidingen voor begeleiders" in text.stdout
    missing = runner.invoke(app, ["search", "x", "--db", str(store.path.parent / "none.db")])
    assert missing.exit_code == 3


def test_search_evaluation_scores_precision_at_5(store: Store, tmp_path: Path) -> None:
    """Gold actions (seed + line) are tied to predicted actions by anchor, then search is scored."""
    from pipeline.evaluation.search import evaluate_search

    labels = tmp_path / "labels"
    labels.mkdir()
    gold = {
        "seed": "d2.txt",  # the store's document d2.pdf: matched by file stem
        "document": {"region": "Zuiderkust"},
        "actions": [{"line": 3, "anchor": "Deelfietsen voor werkzoekenden"}, {"line": 9, "anchor": "Opleiding Nederlands op de werkvloer"}],
    }
    (labels / "d2.json").write_text(json.dumps(gold), encoding="utf-8")
    queries = tmp_path / "queries.json"
    queries.write_text(json.dumps([
        {"query": "fiets", "relevant": [{"seed": "d2.txt", "line": 3}]},
        {"query": "taalcoach werkvloer", "relevant": [{"seed": "d2.txt", "line": 9}, {"seed": "d2.txt", "line": 99}]},
    ]), encoding="utf-8")
    result = evaluate_search(db=store.path, queries_path=queries, labels_dir=labels)
    assert result["queries_scored"] == 2 and result["relevant_missing"] == 1  # line 99 is no gold action
    assert result["precision@5"] == 1.0 and result["passed"]
    assert evaluate_search(db=store.path, queries_path=tmp_path / "none.json")["skipped"]


def test_a_query_that_names_a_theme_finds_actions_tagged_with_it() -> None:
    """"zichtbaarheid" is not in the text of the brochure action, but the action carries the theme."""
    from pipeline.analyse import Corpus
    from pipeline.search import ActionSearcher, query_themes

    assert "zichtbaarheid" in query_themes("zichtbaarheid van de sociale economie")
    actions = [
        Action(action_id="a", doc_id="d", page=1, title="Een digitale brochure", text="Een brochure met het aanbod van de maatwerkbedrijven.",
               themes=("zichtbaarheid",)),
        Action(action_id="b", doc_id="d", page=1, title="Overleg", text="Het overleg over de sociale economie kwam samen.", themes=("overleg",)),
    ]
    hits = ActionSearcher(Corpus(actions=actions, documents={})).search("zichtbaarheid")
    assert [h.action_id for h in hits] == ["a"]


def test_a_spelled_out_term_finds_its_abbreviation() -> None:
    """The field writes "AZ" for arbeidszorg and "TWE" for tijdelijke werkervaring."""
    index = TextIndex(["De AZ-fabriek kwam samen.", "Het overleg over sociale economie.", "Drie TWE-trajecten liepen."])
    assert index.scores("arbeidszorg").argmax() == 0
    assert index.scores("tijdelijke werkervaring").argmax() == 2


def test_writing_a_word_two_ways_counts_as_one_concept() -> None:
    """A text that repeats one query word in compounds does not beat one that holds every
    concept of the query."""
    index = TextIndex([
        "Taalcoaching, taalbeleid, taalondersteuning en een taaltraject.",
        "Taalcoaching op de werkvloer van een maatwerkbedrijf.",
    ])
    assert index.scores("taalcoaching werkvloer", coverage=0.5).argmax() == 1


def test_a_title_word_weighs_more_than_a_body_word() -> None:
    texts = ["Overleg met partners. Ook de fietsroute kwam aan bod.", "Fietsen naar het werk. Overleg met partners."]
    index = TextIndex(texts, titles=["Overleg met partners", "Fietsen naar het werk"], title_weight=1.0)
    assert index.scores("fiets").argmax() == 1
