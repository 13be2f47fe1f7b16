"""A birth «about 1980» typed in the registration form: the year's names and their parts are read
off the GUI thread as soon as the year reads (``similar.warm_year``), so the duplicate check,
250 ms later and at saving, finds the store's pages in memory; it reads the year whole, never
date by date."""

from __future__ import annotations

from PySide6.QtCore import Qt, QThreadPool
from sqlalchemy import event

from ajfar_desk.services.applicants import applicants, similar

from ..conftest import register, type_text


def _form_with_name(qtbot, window):
    form = window.new_applicant()
    f = form.fields
    for name, text in (("first_name", "سالم"), ("father_name", "محمد"), ("grandfather_name", "علي"),
                       ("family_name", "الحربي")):
        type_text(qtbot, f.inputs[name], text)
    return form


def _no_check(monkeypatch) -> list:
    """The form's own duplicate check recorded, not run: only the warming may read a year."""
    calls: list = []
    monkeypatch.setattr(applicants, "duplicate_check", lambda *a, **k: calls.append(a) or (None, []))
    return calls


def test_a_year_typed_is_split_before_the_duplicate_check_asks(qtbot, window, ctx, monkeypatch):
    register(ctx, 901, first_name="سالم", father_name="محمد", grandfather_name="علي",
             family_name="الحربى", birth_date="1980", birth_approx=True)
    register(ctx, 902, first_name="خالد", family_name="الحربي", birth_date="3/3/1980")
    monkeypatch.setattr(similar, "_READ", set())  # nothing read by other tests
    real_check = applicants.duplicate_check
    _no_check(monkeypatch)
    form = _form_with_name(qtbot, window)
    f = form.fields
    f.inputs["birth_date"].setFocus()
    type_text(qtbot, f.inputs["birth_date"], "1980")
    qtbot.keyClick(f.inputs["birth_date"], Qt.Key.Key_Tab)
    assert window.focusWidget() is f.calendar
    qtbot.keyClick(f.calendar, Qt.Key.Key_End)  # the last choice: a year only
    assert f.approx()
    qtbot.waitUntil(lambda: similar.year_is_kept(1980), timeout=5000)
    assert not similar.year_is_kept(1979) and not similar.year_is_kept(1981)
    qtbot.waitUntil(lambda: QThreadPool.globalInstance().activeThreadCount() == 0)

    statements: list[str] = []

    def seen(_conn, _cursor, statement, *_args) -> None:
        statements.append(statement)

    event.listen(ctx.store.engine, "before_cursor_execute", seen)
    try:
        _existing, found = real_check(ctx, "", "سالم محمد علي الحربي", f.birth_date(),
                                      birth_approx=True)
    finally:
        event.remove(ctx.store.engine, "before_cursor_execute", seen)
    assert [s.full_name for s in found] == ["سالم محمد علي الحربى"]
    assert statements and not [s for s in statements if "GROUP BY" in s.upper()]  # kept: warm


def test_an_exact_date_splits_no_year(qtbot, window, ctx, monkeypatch):
    register(ctx, 903, birth_date="3/3/1980")
    monkeypatch.setattr(similar, "_READ", set())
    _no_check(monkeypatch)
    form = _form_with_name(qtbot, window)
    f = form.fields
    f.inputs["birth_date"].setFocus()
    type_text(qtbot, f.inputs["birth_date"], "15/3/1980")
    assert not f.approx() and f.birth_date() is not None
    qtbot.wait(50)
    qtbot.waitUntil(lambda: QThreadPool.globalInstance().activeThreadCount() == 0)
    assert not similar.year_is_kept(1980)
