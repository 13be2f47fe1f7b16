"""The audit screen names a cut tail found from the anchor outside the store: how many entries
are missing and which."""

from __future__ import annotations

from PySide6.QtCore import Qt

from ajfar_desk.ui.users.audit_view import AuditView

from ..conftest import register


def test_a_cut_tail_is_shown_with_what_is_missing(qtbot, window, ctx):
    for n in (41, 42, 43, 44):
        register(ctx, n)
    window.audit_action.trigger()
    view = window.stack.currentWidget()
    assert isinstance(view, AuditView)
    with ctx.store.engine.begin() as conn:  # the last two entries cut, the head row "fixed"
        top = conn.exec_driver_sql("SELECT max(seq) FROM audit_log").scalar()
        keep = conn.exec_driver_sql("SELECT hash FROM audit_log WHERE seq = ?", (top - 2,)).scalar()
        conn.exec_driver_sql("DELETE FROM audit_log WHERE seq > ?", (top - 2,))
        conn.exec_driver_sql("UPDATE audit_head SET seq = ?, hash = ?", (top - 2, keep))
    view.verify_button.setFocus()
    qtbot.keyClick(view.verify_button, Qt.Key.Key_Space)
    assert view.broken.isVisible() and not view.intact.isVisible()
    text = view.broken.message.text()
    assert "✗" in text and "عدد القيود المفقودة 2" in text, text
    window.language_action.trigger()  # and in English
    qtbot.keyClick(view.verify_button, Qt.Key.Key_Space)
    assert f"2 entries missing ({top - 1}–{top})" in view.broken.message.text()
