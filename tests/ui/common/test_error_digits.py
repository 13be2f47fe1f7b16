"""The line under a field that refuses what was typed writes its numbers, limits and example
dates in the profile's digits (Arabic-Indic for Al-Ajfar), as the readout above it does; in
English, Western digits.  Typed in two dialogs: the social study and a household member."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from ajfar_desk.domain.digits import normalize_digits
from ajfar_desk.domain.text import strip_bidi_controls
from ajfar_desk.i18n import set_language
from ajfar_desk.ui.committee.study_dialog import StudyDialog

from ..committee.test_researcher_ui import make_staff, referred, show
from ..conftest import register, type_text

WESTERN = re.compile("[0-9]")
ARABIC_INDIC = re.compile("[٠-٩]")


def _line(box) -> str:
    assert box.error.isVisible(), "no error shown under the field"
    return strip_bidi_controls(box.error.text())


def test_the_study_dialogs_error_lines_write_the_profiles_digits(qtbot, app, ctx):
    assert ctx.profile.digits == "arabic"
    staff = make_staff(ctx)
    request = referred(ctx, staff, "ماجد", "03333331")
    dialog = show(qtbot, StudyDialog(staff("researcher"), request.id, "AJF"))
    type_text(qtbot, dialog.visit_date, "45/13/1447")
    dialog.income.clear()
    type_text(qtbot, dialog.income, "1,5")
    qtbot.keyClick(dialog.income, Qt.Key.Key_Return)
    for field in ("visit_date", "monthly_income"):
        line = _line(dialog.boxes[field])
        assert ARABIC_INDIC.search(line) and not WESTERN.search(line), line
    assert normalize_digits(dialog.visit_date.text()) == "45/13/1447"  # nothing typed is lost
    dialog.close()


def test_a_members_birth_date_error_writes_the_profiles_digits_and_western_in_english(qtbot, window, ctx):
    person = register(ctx, 7302, first_name="نورة", gender="female")
    window.open_applicant(person.id)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_M, Qt.KeyboardModifier.AltModifier)
    dialog = window.page.member_dialog
    type_text(qtbot, dialog.name, "سارة خالد العتيبي")
    type_text(qtbot, dialog.birth_date, "45/13/1992")
    qtbot.keyClick(dialog.name, Qt.Key.Key_Return)
    assert dialog.isVisible()
    line = _line(dialog.boxes["member_birth_date"])
    assert ARABIC_INDIC.search(line) and not WESTERN.search(line), line
    set_language("en")
    try:
        qtbot.keyClick(dialog.name, Qt.Key.Key_Return)
        line = _line(dialog.boxes["member_birth_date"])
        assert WESTERN.search(line) and not ARABIC_INDIC.search(line), line
    finally:
        set_language("ar")
    qtbot.keyClick(dialog.name, Qt.Key.Key_Escape)
