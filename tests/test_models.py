from pipeline.models import Block, Page, Table


def test_page_text_keeps_tables_in_reading_order_and_leaves_running_lines_out() -> None:
    page = Page(
        doc_id="d", page=1,
        blocks=(Block("Actieplan 2024", kind="heading"), Block("Inleiding."), Block("Slot."), Block("3", kind="footer")),
        tables=(Table(rows=(("Actie", "Trekker"), ("Jobbeurs\norganiseren", "VDAB"), ("", "")), anchor=2),),
    )
    assert page.text == "Actieplan 2024\n\nInleiding.\n\nActie | Trekker\nJobbeurs organiseren | VDAB\n\nSlot."


def test_a_table_after_the_last_block_comes_last() -> None:
    page = Page(doc_id="d", page=1, blocks=(Block("Tekst."),), tables=(Table(rows=(("a", "b"),), anchor=5),))
    assert page.text == "Tekst.\n\na | b"
