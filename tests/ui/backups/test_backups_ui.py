"""Trial 10 (shot 97): an administrator found no way to back up or restore from the window.
The backups page (Ctrl+Shift+B, administrators only) lists the kept copies with their date in
both calendars, kind and size; «نسخة احتياطية الآن» writes one off the GUI thread and names it;
a target among the store's files is refused as on the command line; «استعادة…» says what it
replaces, takes a safety copy and hands the window over to a store opened anew."""

from __future__ import annotations

import sqlite3

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from ajfar_desk.db.models import Applicant
from ajfar_desk.services.backups import backups
from ajfar_desk.services.store.store import Store
from ajfar_desk.services.users import setup, users
from ajfar_desk.ui.backups.backups_view import BackupsView
from ajfar_desk.ui.common import files
from ajfar_desk.ui.shell.app import reopen_store

from ..conftest import page_by_keys, press_button, register


def _page(qtbot, window) -> BackupsView:
    page = page_by_keys(qtbot, window, Qt.Key.Key_B)
    assert isinstance(page, BackupsView)
    return page


def _press(qtbot, button) -> None:
    press_button(qtbot, button)


def _count(path) -> int:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT count(*) FROM applicant").fetchone()[0]
    finally:
        conn.close()


def test_back_up_now_names_the_file_and_lists_it(qtbot, window, ctx):
    page = _page(qtbot, window)
    assert page.model.rows == [] and "لا توجد نسخ" in page.count.text()
    assert str(ctx.store.data_dir / "backups") in page.place.text()
    _press(qtbot, page.backup_button)
    qtbot.waitUntil(lambda: page.result.isVisible(), timeout=10_000)
    made = page.model.rows[0].path
    assert made.is_file() and made.parent == ctx.store.data_dir / "backups"
    assert made.name in page.result.message.text() and "ميغابايت" in page.result.message.text()
    assert page.count.text() == "نسخة احتياطية واحدة محفوظة."
    cells = [page.model.data(page.model.index(0, c)) for c in range(page.model.columnCount())]
    assert "هـ" in cells[0] and "٢٠٢٦" in cells[0] and "يدوية" in cells[1] and "ميغابايت" in cells[2]
    assert page.backup_button.isEnabled()  # back once the work is done, with the keyboard on it
    assert QApplication.focusWidget() is page.backup_button


def test_a_target_among_the_stores_files_is_refused(qtbot, window, ctx, monkeypatch):
    page = _page(qtbot, window)
    monkeypatch.setattr(files, "folder_name", lambda *_a, **_k: str(ctx.store.file))
    _press(qtbot, page.backup_to_button)
    qtbot.waitUntil(lambda: page.error.isVisible(), timeout=10_000)
    assert "ajfar-desk.sqlite" in page.error.text() and not page.result.isVisible()
    assert page.model.rows == []


def test_restore_says_what_it_replaces_keeps_a_safety_copy_and_reopens(
        qtbot, window, ctx, answers):
    register(ctx, 1)
    backups.backup_now(ctx)
    register(ctx, 2)  # after the backup
    data = ctx.store.data_dir
    page = _page(qtbot, window)
    page.table.setFocus()
    assert page.selected() is not None and page.selected().kind == backups.MANUAL
    with qtbot.waitSignal(window.store_replaced, timeout=20_000):
        _press(qtbot, page.restore_button)
    title, text = answers.asked[-1]
    assert answers.defaults[-1] is False  # Enter keeps the store as it is
    assert "استعادة" in title
    assert str(ctx.store.file) in text and "مستفيدان" in text and "مستفيد واحد" in text
    assert "نسخة أمان" in text
    assert ctx.user is None  # nobody signed in on the replaced store
    # the store is the backup's now; the safety copy holds what it replaced
    reopened = Store.open(data)
    try:
        with reopened.reading() as s:
            assert s.query(Applicant).count() == 1
    finally:
        reopened.close()
    safety = [p for p in (data / "backups").glob("*-before-restore-*.sqlite")]
    assert len(safety) == 1 and _count(safety[0]) == 2
    assert answers.shown and str(safety[0]) in answers.shown[-1][1]


def test_the_store_is_opened_again_after_a_restore(ctx):
    store, nobody = reopen_store(ctx.store, None)
    assert store is not None and nobody is None and store is not ctx.store
    try:
        assert store.data_dir == ctx.store.data_dir and setup.open_context(store) is not None
    finally:
        store.close()


def test_only_an_administrator_sees_the_page(qtbot, app, ctx):
    from ajfar_desk.ui.shell.app import build_main_window

    users.create_user(ctx, "boss", "مدير", "manager", "password123")
    setup.sign_in(ctx, "boss", "password123")
    window = build_main_window(ctx)
    qtbot.addWidget(window)
    assert not window.may_show("backups") and not window.backups_action.isVisible()


def test_the_backups_list_reads_within_the_page_at_1280(qtbot, window, ctx):
    """Every column of the kept copies reads whole at 1280×720, with no sideways scroll bar."""
    window.resize(1280, 680)
    page = _page(qtbot, window)
    _press(qtbot, page.backup_button)
    qtbot.waitUntil(lambda: page.result.isVisible(), timeout=10_000)
    table, header = page.table, page.table.horizontalHeader()
    qtbot.waitUntil(lambda: sum(header.sectionSize(c) for c in range(page.model.columnCount()))
                    == table.viewport().width())  # the kind's column takes the width left
    assert table.horizontalScrollBar().maximum() == 0
    for column in range(page.model.columnCount()):  # no cell cut: each as wide as its text
        assert header.sectionSize(column) >= table.sizeHintForColumn(column), column


def test_the_restore_warning_never_breaks_the_backups_date(qtbot, window, ctx):
    """Trial: the date in «…بالنسخة المأخوذة في ١٤٤٨/٠٦/١٦ هـ (…) الساعة ١٠:٣٠…» wrapped in its
    middle, the era on one line and the Gregorian date on the next.  At any width the warning
    is laid out, the whole moment stays on one line."""
    from PySide6.QtGui import QTextLayout, QTextOption

    from ajfar_desk.ui.common import fmt

    register(ctx, 1)
    backups.backup_now(ctx)
    page = _page(qtbot, window)
    kept = page.model.rows[0]
    info = backups.check(ctx, kept.path, None)
    text = page.confirmation(kept, info, backups.current_store(ctx))
    moment = fmt.timestamp(ctx.profile, kept.made.astimezone())
    start = text.replace("\u00a0", " ").index(moment.replace("\u00a0", " "))
    end = start + len(moment) - 1
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WordWrap)
    option.setTextDirection(Qt.LayoutDirection.RightToLeft)
    for width in range(200, 700, 7):
        layout = QTextLayout(text, page.font())
        layout.setTextOption(option)
        layout.beginLayout()
        while (line := layout.createLine()).isValid():
            line.setLineWidth(width)
        layout.endLayout()
        first, last = layout.lineForTextPosition(start), layout.lineForTextPosition(end)
        assert first.lineNumber() == last.lineNumber(), width


def test_the_counts_of_a_store_say_none_in_words():
    """Misc trial: the restore warning read «١٢ مستفيدًا و٠ طلب»."""
    from ajfar_desk.ui.backups.backups_view import counts_text

    assert counts_text(12, 0) == "12 مستفيدًا ولا طلبات"
    assert counts_text(0, 0) == "لا مستفيدين ولا طلبات"
    assert counts_text(1, 3) == "مستفيد واحد و3 طلبات"
