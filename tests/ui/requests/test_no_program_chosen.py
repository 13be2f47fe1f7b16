"""Ctrl+S on a new request with no program chosen said «برنامج غير معروف: ؛ المتاح: food_aid,
…»: an empty name and the profile's internal codes (seen by a helper reading the window as a
woman employee).  It asks for the program, under its field, and keeps what was typed."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from ajfar_desk.domain.errors import ValidationError
from ajfar_desk.ui.requests.request_form import RequestForm

from ..conftest import register


def test_ctrl_s_without_a_program_asks_for_one(qtbot, window, ctx):
    person = register(ctx, 31, category="disability")
    window.new_request(person.id)
    form = window.page
    assert isinstance(form, RequestForm)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    assert form.program.code() == ""
    form.description.setFocus()
    qtbot.keyClicks(form.description, "Needs a wheelchair")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    shown = " ".join(label.text() for label in (form.error, form.boxes["program"].error) if label.isVisible())
    assert form.request is None
    assert "food_aid" not in shown and "available" not in shown.lower() and "المتاح" not in shown
    assert form.boxes["program"].error.isVisible(), shown
    assert form.description.toPlainText() == "Needs a wheelchair"


@pytest.mark.parametrize("method, field", [("program", "program"), ("channel", "channel"),
                                           ("category", "category"), ("document_kind", "document_kind"),
                                           ("branch", "branch")])
def test_an_empty_code_asks_for_a_choice_and_names_no_codes(ctx, method, field):
    with pytest.raises(ValidationError) as err:
        getattr(ctx.profile, method)("")
    assert err.value.field == field
    assert ";" not in err.value.message and ":" not in err.value.message
