"""The genre gate: only regierol reports and plans yield actions (council minutes do not)."""
def test_documents_outside_the_genre_yield_no_actions(tmp_path):
    """Council minutes mention sociale economie in passing: no regierol actions may be invented."""
    from pipeline.config import Settings
    from pipeline.docmeta import is_in_genre
    from pipeline.ingest import ingest

    minutes = (
        "Gemeenteraad - notulen van de zitting van 12 maart 2024\n\n"
        "1. Goedkeuring van de notulen van de vorige zitting\n\nDe gemeenteraad keurt de notulen goed.\n\n"
        "2. Retributiereglement op het gebruik van de sporthal - goedkeuring\n\n"
        "De gemeenteraad beslist het reglement goed te keuren. Stemming: 21 stemmen voor.\n\n"
        "3. Subsidie aan de kringwinkel voor de renovatie van het dak\n\n"
        "• Voor: 21\n\n• Onbepaald: 0\n\n"
        "4. Aanstelling van een nieuwe brandweercommandant\n\nDe raad neemt kennis van de aanstelling.\n"
    ) * 3
    plan = (
        "Actieplan regierol sociale economie en werk 2024\n\n"
        "WSE-LR2 Tewerkstelling bevorderen\n\n"
        "• Samen met VDAB en de maatwerkbedrijven begeleiden we werkzoekenden met een afstand tot de arbeidsmarkt.\n\n"
        "• De regisseur brengt de lokale diensteneconomie en de arbeidszorg samen in een lerend netwerk.\n"
    )
    assert not is_in_genre(minutes)
    assert is_in_genre(plan)
    (tmp_path / "notulen.txt").write_text(minutes, encoding="utf-8")
    summary = ingest([tmp_path / "notulen.txt"], Settings.build(env={}, db=tmp_path / "m.db", workers=1))
    assert summary.files[0].status == "ok" and summary.files[0].actions == 0


def test_negative_control_on_the_external_council_minutes():
    """The eleven council minutes beside the project: all ingest ok, none yields an action."""
    import pytest

    from pipeline.evaluation.negative import EXTERNAL_DIR, evaluate_negative_control

    if not EXTERNAL_DIR.is_dir():
        pytest.skip("../shared/eval-external is not there")
    result = evaluate_negative_control()
    assert result["documents"] == 11
    assert result["invented_actions"] == 0 and result["failed"] == 0
