"""Drafts survive a lost window; the language switches at run time; first run and sign-in."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QDialog

from ajfar_desk import i18n
from ajfar_desk.domain.digits import to_arabic_digits
from ajfar_desk.services.applicants import drafts, search
from ajfar_desk.services.store.store import Store
from ajfar_desk.services.users import setup
from ajfar_desk.ui.applicants.applicant_form import ApplicantForm
from ajfar_desk.ui.shell.app import build_main_window
from ajfar_desk.ui.shell.first_run import FirstRunDialog
from ajfar_desk.ui.shell.sign_in import SignInDialog

from ..conftest import national_id, type_text


def test_draft_is_saved_while_typing_and_restored_after_the_window_is_lost(qtbot, app, ctx, answers):
    first = build_main_window(ctx)
    first.show()
    form = first.new_applicant()
    type_text(qtbot, form.fields.inputs["national_id"], national_id(31))
    type_text(qtbot, form.fields.inputs["first_name"], "نورة")
    form.fields.inputs["gender"].set_code("female")
    form.fields.inputs["gender"].activated.emit(2)
    qtbot.waitUntil(lambda: any(d.payload.get("gender") == "female" for d in drafts.pending(ctx)), timeout=5000)
    with qtbot.waitSignal(first.destroyed):
        first.deleteLater()  # gone without saving (a crash, a power cut)

    second = build_main_window(ctx)
    qtbot.addWidget(second)
    second.show()
    qtbot.waitUntil(lambda: isinstance(second.page, ApplicantForm))
    assert len(answers.asked) == 1
    restored = second.page.fields
    assert restored.inputs["national_id"].text() == to_arabic_digits(national_id(31))  # ajfar: ٠-٩
    assert restored.inputs["first_name"].text() == "نورة"
    assert restored.inputs["gender"].code() == "female"
    assert second.page.restored_note.isVisible()


def test_leaving_an_unsaved_form_asks_and_drops_its_draft(qtbot, window, ctx, answers):
    form = window.new_applicant()
    type_text(qtbot, form.fields.inputs["first_name"], "هند")
    qtbot.waitUntil(lambda: len(drafts.pending(ctx)) == 1, timeout=5000)
    answers.replies.append(True)  # leave the form and drop what was typed
    window.show_home()
    window.new_applicant()
    assert drafts.pending(ctx) == []


def test_language_switch_flips_direction_and_retranslates(qtbot, window, app):
    form = window.new_applicant()
    assert app.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert window.layoutDirection() == Qt.LayoutDirection.RightToLeft
    arabic_title = window.home.title.text()
    assert arabic_title == i18n._("Find an applicant", "ar") != "Find an applicant"
    assert window.language_action.text() == "English"

    window.language_action.trigger()
    assert i18n.current_language() == "en"
    assert app.layoutDirection() == Qt.LayoutDirection.LeftToRight
    assert window.layoutDirection() == Qt.LayoutDirection.LeftToRight
    assert window.home.title.text() == "Find an applicant"
    assert window.new_action.text() == "New applicant"
    assert form.fields.boxes["family_name"].label.text() == "Family name"
    assert form.fields.inputs["gender"].itemText(1) == "Male"
    assert window.language_action.text() == "العربية"
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Cancel"

    window.language_action.trigger()
    assert app.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert window.home.title.text() == arabic_title
    assert form.fields.boxes["family_name"].label.text() == i18n._("Family name", "ar")
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") != "Cancel"  # Qt's own, in Arabic


def test_bundled_font_is_the_interface_font(app):
    assert "Noto Sans Arabic" in QFontDatabase.families()
    assert app.font().family() == "Noto Sans Arabic"


def test_first_run_dialog_creates_the_store(qtbot, app, tmp_path):
    store = Store.open(tmp_path / "new")
    try:
        dialog = FirstRunDialog(store)
        qtbot.addWidget(dialog)
        dialog.show()
        assert dialog.association.count() == 5
        dialog.association.set_code("najran")
        assert dialog.branch.count() >= 1
        type_text(qtbot, dialog.full_name, "عبدالرحمن القحطاني")
        dialog.gender.set_code("male")
        type_text(qtbot, dialog.password, "secret-pass")
        type_text(qtbot, dialog.password2, "secret-pas")
        qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
        assert dialog.boxes["password2"].error.isVisible()
        assert not setup.is_initialized(store)
        type_text(qtbot, dialog.password2, "s")
        qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
        assert dialog.result() == QDialog.DialogCode.Accepted
        assert setup.is_initialized(store)
        assert dialog.context.profile.id == "najran"
        assert dialog.context.user.full_name == "عبدالرحمن القحطاني"

        ctx = setup.open_context(store)
        sign_in = SignInDialog(ctx)
        qtbot.addWidget(sign_in)
        sign_in.show()
        type_text(qtbot, sign_in.username, "admin")
        type_text(qtbot, sign_in.password, "wrong-password")
        qtbot.mouseClick(sign_in.ok, Qt.MouseButton.LeftButton)
        assert sign_in.error.isVisible() and sign_in.result() != QDialog.DialogCode.Accepted
        type_text(qtbot, sign_in.password, "secret-pass")
        qtbot.mouseClick(sign_in.ok, Qt.MouseButton.LeftButton)
        assert sign_in.result() == QDialog.DialogCode.Accepted and ctx.user.username == "admin"
    finally:
        store.close()


def test_first_run_demo_store_is_filled_in_the_background(qtbot, app, tmp_path):
    store = Store.open(tmp_path / "demo")
    try:
        dialog = FirstRunDialog(store, demo_applicants=6)
        qtbot.addWidget(dialog)
        dialog.show()
        with qtbot.waitSignal(dialog.accepted, timeout=60000):
            qtbot.mouseClick(dialog.demo_button, Qt.MouseButton.LeftButton)
        assert dialog.context.profile.id == "ajfar"
        assert search.search(dialog.context, "1")  # demo applicants are there
    finally:
        store.close()
