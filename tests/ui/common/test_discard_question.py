"""Esc on a dialog with something typed asks first, and asks a woman employee as it asks a man:
in a neutral Arabic question («إغلاقها مع ذلك؟»), never the masculine «هل تغلقها…؟»."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from ajfar_desk.services.users import setup, users
from ajfar_desk.ui.enquiries.enquiry_dialogs import NewEnquiryDialog
from test_i18n_questions import MASCULINE_QUESTIONS

from ..conftest import type_text


def test_a_woman_employees_esc_with_typed_text_asks_in_a_neutral_question(qtbot, app, ctx, answers):
    users.create_user(ctx, "noura", "نورة سعد العتيبي", "front_desk", "password123", gender="female")
    setup.sign_in(ctx, "noura", "password123")
    assert ctx.user.gender == "female"
    dialog = NewEnquiryDialog(ctx)  # an enquiry logged at the desk (Alt+N on its page)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.channel)  # on its first field
    type_text(qtbot, dialog.contact_name, "أم خالد")

    answers.replies.append(False)  # «لا»: she stays, with what she typed
    qtbot.keyClick(dialog.contact_name, Qt.Key.Key_Escape)
    title, text = answers.asked[-1]
    assert (title, text) == ("تجاهل ما كُتب؟", "ما كُتب في هذه النافذة لم يُحفظ وسيضيع. إغلاقها مع ذلك؟")
    assert not MASCULINE_QUESTIONS.search(title + text) and "كتبته" not in text
    assert dialog.isVisible() and dialog.contact_name.text() == "أم خالد"

    qtbot.keyClick(dialog.contact_name, Qt.Key.Key_Escape)  # «نعم» this time: closed
    assert not dialog.isVisible() and len(answers.asked) == 2
