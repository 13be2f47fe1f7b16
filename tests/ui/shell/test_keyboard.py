"""Keyboard first and never locked: every dialog opens on its first field, Enter is its default
action, Esc cancels and asks before throwing typed input away, a dialog closes even after an
unexpected error; multi-line boxes follow the language; the complaint window closes."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPlainTextEdit, QPushButton

from ajfar_desk.domain.digits import digits_only
from ajfar_desk.i18n import _
from ajfar_desk.services.applicants import applicants
from ajfar_desk.services.feedback import complaints
from ajfar_desk.services.feedback.complaints import ComplaintInput
from ajfar_desk.ui.applicants.record_dialogs import DocumentDialog, MemberDialog
from ajfar_desk.ui.common import dialogs
from ajfar_desk.ui.common.form_dialog import FormDialog
from ajfar_desk.ui.common.widgets import Banner
from ajfar_desk.ui.feedback.complaint_detail import ComplaintDialog
from ajfar_desk.ui.feedback.complaint_dialogs import NewComplaintDialog
from ajfar_desk.ui.requests.step_dialogs import ReasonDialog

from ..conftest import register, type_text


def _open(qtbot, dialog):
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def _key(qtbot, dialog, key, modifier=Qt.KeyboardModifier.NoModifier):
    qtbot.keyClick(dialog.focusWidget() or dialog, key, modifier)


def _complaint(ctx):
    return complaints.record_complaint(ctx, ComplaintInput(
        kind="complaint", channel="phone", category="delay", subject="تأخر الرد على الطلب",
        contact_name="فهد العتيبي"))


def test_the_complaint_window_closes_with_esc_and_with_its_close_button(qtbot, app, ctx, answers):
    complaint = _complaint(ctx)
    dialog = _open(qtbot, ComplaintDialog(ctx, complaint.id))
    _key(qtbot, dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()

    dialog = _open(qtbot, ComplaintDialog(ctx, complaint.id))
    dialog.close_button.setFocus()
    qtbot.keyClick(dialog.close_button, Qt.Key.Key_Space)
    assert not dialog.isVisible() and answers.asked == []

    # Something typed in the resolution: Esc asks; "no" keeps it open with the text.
    dialog = _open(qtbot, ComplaintDialog(ctx, complaint.id))
    dialog.resolution.setFocus()
    type_text(qtbot, dialog.resolution, "تم التواصل مع المشتكي")
    answers.replies = [False]
    _key(qtbot, dialog, Qt.Key.Key_Escape)
    assert dialog.isVisible() and dialog.resolution.toPlainText() == "تم التواصل مع المشتكي"
    assert len(answers.asked) == 1
    dialog.close_button.setFocus()
    qtbot.keyClick(dialog.close_button, Qt.Key.Key_Return)  # the focused button, answered yes
    assert not dialog.isVisible() and len(answers.asked) == 2


def test_an_attribute_hiding_a_dialog_method_is_refused(qtbot, app):
    dialog = FormDialog()
    qtbot.addWidget(dialog)
    with pytest.raises(AttributeError, match="done"):
        dialog.done = Banner("success")


def test_a_dialog_closes_after_an_unexpected_error(qtbot, app, ctx, monkeypatch):
    person = register(ctx, 31)
    shown = []
    monkeypatch.setattr(dialogs, "unexpected", lambda _parent, exc: shown.append(exc))

    def broken(*_args, **_kwargs):
        raise RuntimeError("disk unplugged")

    monkeypatch.setattr(applicants, "add_member", broken)
    dialog = _open(qtbot, MemberDialog(ctx, person.id))
    type_text(qtbot, dialog.name, "سارة")
    _key(qtbot, dialog, Qt.Key.Key_Return)
    assert [str(e) for e in shown] == ["disk unplugged"] and dialog.isVisible()
    _key(qtbot, dialog, Qt.Key.Key_Escape)  # asks (answered yes), then closes
    assert not dialog.isVisible()

    # Even when asking itself fails, Esc still closes: a modal window never locks the program.
    def cannot_ask(*_args):
        raise RuntimeError("no message box")

    monkeypatch.setattr(dialogs, "ask", cannot_ask)
    dialog = _open(qtbot, MemberDialog(ctx, person.id))
    type_text(qtbot, dialog.name, "سارة")
    _key(qtbot, dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


def test_the_member_dialog_flows_by_keyboard(qtbot, app, ctx, answers):
    person = register(ctx, 32)
    dialog = _open(qtbot, MemberDialog(ctx, person.id))
    assert dialog.focusWidget() is dialog.name  # its first field, not a button
    assert not any(b.autoDefault() for b in dialog.findChildren(QPushButton))
    type_text(qtbot, dialog.name, "سارة محمد عبدالله الشهري")  # spaces type spaces
    assert dialog.isVisible() and dialog.name.text() == "سارة محمد عبدالله الشهري"
    _key(qtbot, dialog, Qt.Key.Key_Tab)
    assert dialog.focusWidget() is dialog.relation
    _key(qtbot, dialog, Qt.Key.Key_Down)
    _key(qtbot, dialog, Qt.Key.Key_Tab)
    _key(qtbot, dialog, Qt.Key.Key_Down)
    _key(qtbot, dialog, Qt.Key.Key_Tab)
    assert dialog.focusWidget() is dialog.birth_date
    type_text(qtbot, dialog.birth_date, "99/99/1990")
    _key(qtbot, dialog, Qt.Key.Key_Return)  # not valid: the error under its field, nothing lost
    assert dialog.isVisible() and dialog.boxes["member_birth_date"].error.isVisible()
    assert dialog.focusWidget() is dialog.birth_date and dialog.name.text().startswith("سارة")
    _key(qtbot, dialog, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    type_text(qtbot, dialog.birth_date, "1/1/1990")
    assert not dialog.boxes["member_birth_date"].error.isVisible()  # edited: its error went
    added = []
    dialog.added.connect(added.append)
    _key(qtbot, dialog, Qt.Key.Key_Return)
    assert not dialog.isVisible() and len(added) == 1 and answers.asked == []


def test_a_filled_document_is_never_thrown_away_silently(qtbot, app, ctx, answers):
    person = register(ctx, 33)
    dialog = _open(qtbot, DocumentDialog(ctx, person.id, kind="national_id"))
    assert dialog.focusWidget() is dialog.kind
    _key(qtbot, dialog, Qt.Key.Key_Tab)
    type_text(qtbot, dialog.number, "1234567890")
    _key(qtbot, dialog, Qt.Key.Key_Down)  # nothing to move to in a line: Enter still submits
    _key(qtbot, dialog, Qt.Key.Key_Return)
    assert dialog.isVisible() and dialog.boxes["expiry_date"].error.isVisible()
    typed = dialog.number.text()  # in the profile's digits (ajfar: ١٢٣٤٥٦٧٨٩٠)
    assert digits_only(typed) == "1234567890"
    # «إلغاء» with the keyboard: it asks, "no" keeps everything typed.
    cancel = next(b for b in dialog.findChildren(QPushButton) if b.text() == _("Cancel"))
    cancel.setFocus()
    answers.replies = [False]
    qtbot.keyClick(cancel, Qt.Key.Key_Space)
    assert dialog.isVisible() and dialog.number.text() == typed and len(answers.asked) == 1
    # Nothing typed: Esc closes without a question.
    other = _open(qtbot, DocumentDialog(ctx, person.id, kind="national_id"))
    _key(qtbot, other, Qt.Key.Key_Escape)
    assert not other.isVisible() and len(answers.asked) == 1


def test_enter_in_a_multi_line_box_is_a_new_line_and_ctrl_enter_confirms(qtbot, app):
    taken = []
    dialog = _open(qtbot, ReasonDialog("إلغاء الطلب", "لماذا؟", lambda reason: taken.append(reason) or reason))
    assert dialog.focusWidget() is dialog.reason
    type_text(qtbot, dialog.reason, "السطر الأول")
    qtbot.keyClick(dialog.reason, Qt.Key.Key_Return)
    type_text(qtbot, dialog.reason, "الثاني")
    assert dialog.isVisible() and dialog.reason.toPlainText() == "السطر الأول\nالثاني"
    qtbot.keyClick(dialog.reason, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert taken == ["السطر الأول\nالثاني"] and not dialog.isVisible()


def test_new_complaint_opens_on_its_first_field_and_enter_shows_the_errors(qtbot, app, ctx):
    dialog = _open(qtbot, NewComplaintDialog(ctx))
    assert dialog.focusWidget() is dialog.kind
    _key(qtbot, dialog, Qt.Key.Key_Return)
    assert dialog.isVisible() and dialog.boxes["subject"].error.isVisible()


def _alignment(box: QPlainTextEdit):
    option = box.document().defaultTextOption()
    return option.textDirection(), option.alignment() & ~Qt.AlignmentFlag.AlignAbsolute


def test_multi_line_boxes_follow_the_language(qtbot, app, ctx):
    from ajfar_desk.ui.shell.language import apply_language

    dialog = _open(qtbot, NewComplaintDialog(ctx))
    rtl = (Qt.LayoutDirection.RightToLeft, Qt.AlignmentFlag.AlignRight)
    ltr = (Qt.LayoutDirection.LeftToRight, Qt.AlignmentFlag.AlignLeft)
    assert _alignment(dialog.text) == rtl
    apply_language("en", app)
    app.processEvents()
    assert _alignment(dialog.text) == ltr
    apply_language("ar", app)
    app.processEvents()
    assert _alignment(dialog.text) == rtl


# buttons, tables and read-only text only
NO_INPUTS = {"DuplicateDialog", "PaperPreview", "ShortcutsSheet", "AboutDialog", "GuideDialog",
             "CrashDialog"}


def test_every_dialog_with_inputs_is_a_form_dialog():
    import importlib
    import inspect
    import pkgutil

    from PySide6.QtWidgets import QDialog

    import ajfar_desk.ui as ui

    found = set()
    for info in pkgutil.walk_packages(ui.__path__, prefix="ajfar_desk.ui."):
        module = importlib.import_module(info.name)
        for name, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, QDialog) and cls.__module__ == module.__name__:
                found.add(name)
                assert issubclass(cls, FormDialog) or name in NO_INPUTS, name
    assert {"ComplaintDialog", "MemberDialog", "StudyDialog", "SurveyDialog"} <= found


def test_dialogs_open_on_their_first_field(qtbot, app, ctx):
    from ajfar_desk.ui.committee.meeting_dialog import MeetingDialog
    from ajfar_desk.ui.papers.verify_dialog import VerifyDialog
    from ajfar_desk.ui.users.users_view import UserDialog

    for dialog, first in (
        (MeetingDialog(ctx), "held_on"),
        (UserDialog(ctx), "username"),
        (VerifyDialog(ctx), "number"),
    ):
        _open(qtbot, dialog)
        assert dialog.focusWidget() is getattr(dialog, first), type(dialog).__name__
        assert not any(b.autoDefault() for b in dialog.findChildren(QPushButton))
        _key(qtbot, dialog, Qt.Key.Key_Escape)
        assert not dialog.isVisible()


def test_the_complaints_page_opens_a_complaint_with_enter_and_esc_gives_the_window_back(qtbot, window, ctx):
    _complaint(ctx)
    window.activateWindow()
    qtbot.waitUntil(lambda: window.isActiveWindow())
    page = window.show_tool("complaints")
    assert page.model.rowCount() == 1
    page.table.setFocus()
    page.table.setCurrentIndex(page.model.index(0, 0))
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    dialog = page.dialog
    assert isinstance(dialog, ComplaintDialog) and dialog.isVisible() and dialog.isModal()
    qtbot.keyClick(dialog.focusWidget() or dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    qtbot.keyClick(window.focusWidget() or window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.stack.currentWidget() is window.home  # the window answers the keyboard again
