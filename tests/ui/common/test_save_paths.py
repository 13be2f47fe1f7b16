"""The window's "save as" paths refuse the open store's files (the message names the file) and
leave the store as it was; elsewhere they write the whole file and nothing beside it."""

from __future__ import annotations

import sqlite3

from accounts import staff_accounts
from ajfar_desk.ui.feedback.survey_dialog import SurveyDialog
from ajfar_desk.ui.papers.paper_preview import PaperPreview

PDF = b"%PDF-1.4\n% not a real paper\n"


def sound(path) -> None:
    assert path.read_bytes()[:16] == b"SQLite format 3\x00"
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    finally:
        conn.close()


def test_save_as_pdf_refuses_the_store(qtbot, app, ctx, answers, tmp_path):
    preview = PaperPreview("paper", lambda: PDF, lambda: None, "paper.pdf")
    qtbot.addWidget(preview)
    store = ctx.store.file
    for target in (store, store.with_name(store.name + "-wal")):
        assert not preview.save_to(target)
        assert str(target) in answers.shown[-1][1]
    sound(store)
    out = tmp_path / "out"
    out.mkdir()
    assert preview.save_to(out / "paper.pdf")
    assert [p.name for p in out.iterdir()] == ["paper.pdf"]
    assert (out / "paper.pdf").read_bytes().startswith(b"%PDF")


def test_blank_survey_form_refuses_the_store(qtbot, app, ctx, answers):
    desk = staff_accounts(ctx, {"desk": ("front_desk", "نورة")})("desk")
    dialog = SurveyDialog(desk, None)
    qtbot.addWidget(dialog)
    if dialog.print_button is None:  # printing.survey_form not offered here
        return
    assert not dialog.write_blank_form(ctx.store.file)
    assert str(ctx.store.file) in answers.shown[-1][1]
    sound(ctx.store.file)
