"""The «موعد الرد» column of the applicant's file is never an empty cell: the date, or why there
is none (the policy sets no number of days, the program does not go to the committee, the request
is not submitted yet); the line above the table says it in a sentence for the request the arrows
stand on."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from ajfar_desk.domain.digits import normalize_digits
from ajfar_desk.services.requests import requests
from ajfar_desk.services.users import setup
from ajfar_desk.ui.applicants.applicant_view import ApplicantFileView
from ajfar_desk.ui.shell.app import build_main_window
from printing.scenario import submitted_request

DUE = 5  # the column


def _file(qtbot, ctx, applicant_id) -> tuple[object, ApplicantFileView]:
    window = build_main_window(ctx)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.open_applicant(applicant_id)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    assert isinstance(window.page, ApplicantFileView)
    return window, window.page


def _cells(view) -> dict[str, str]:
    """Each request's answer-due cell, by program code."""
    m = view.requests_model
    return {m.rows[r].program: m.index(r, DUE).data().strip("\u200f") for r in range(m.rowCount())}


def _note_for(qtbot, view, program: str) -> str:
    """Walk the table with the arrows to the request of ``program``; the line under it."""
    table, rows = view.requests_table, view.requests_model.rows
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier)
    for _step in rows:
        if view.requests_model.row_at(table.currentIndex()).program == program:
            break
        qtbot.keyClick(table, Qt.Key.Key_Down)
    assert view.requests_model.row_at(table.currentIndex()).program == program
    note = view.answer_note
    return note.text().strip("\u200f") if note.isVisibleTo(view) else ""


@pytest.fixture
def aman(store):
    return setup.init_store(store, "aman", None, "admin", "password123")  # no answer period


def test_a_policy_without_an_answer_period_says_so(qtbot, app, aman):
    applicant, submitted = submitted_request(aman)
    assert submitted.answer_due is None
    requests.create_request(aman, applicant.id, "training", aman.profile.channels[0].code)
    _window, view = _file(qtbot, aman, applicant.id)
    cells = _cells(view)
    assert cells[submitted.program] == "لا تحدد السياسة موعدًا"
    assert cells["training"] == "لا يُرفع للجنة"  # a training course is decided at the desk
    assert all(cells.values())  # no empty cell
    said = _note_for(qtbot, view, submitted.program)
    assert "لا تحدد سياسة الجمعية عدد أيام" in said and "فور صدوره" in said
    assert "اللجنة" in _note_for(qtbot, view, "training")


def test_a_policy_with_a_period_shows_the_date_and_a_draft_when_it_comes(qtbot, app, ctx):
    applicant, submitted = submitted_request(ctx)  # Ajfar: fourteen days
    draft = next(p.code for p in ctx.profile.programs if p.code != submitted.program
                 and p.kind.committee and not p.kind.immediate)
    requests.create_request(ctx, applicant.id, draft, ctx.profile.channels[0].code)
    _window, view = _file(qtbot, ctx, applicant.id)
    cells = _cells(view)
    due = submitted.answer_due
    assert due is not None
    assert f"{due.day:02d}/{due.month:02d}/{due.year}" in normalize_digits(cells[submitted.program])
    assert cells[draft] == "يُحدَّد عند التقديم"
    assert _note_for(qtbot, view, submitted.program) == ""  # a date says it all
    assert "عند تقديم الطلب" in _note_for(qtbot, view, draft)
