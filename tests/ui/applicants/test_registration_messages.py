"""The registration form's message fields (PDPL): consent, preferred channel and language, the
e-mail, typed with the keyboard; an e-mail channel without an address is named under the field."""

from __future__ import annotations

from PySide6.QtCore import Qt

from ajfar_desk.services.applicants import applicants
from ajfar_desk.ui.applicants.applicant_form import ApplicantForm
from ajfar_desk.ui.applicants.applicant_view import ApplicantFileView

from ..conftest import national_id, type_text

BEFORE_NOTES = [
    Qt.Key.Key_Tab, Qt.Key.Key_Tab,  # ID type told by the first digit
    Qt.Key.Key_Tab,  # nationality
    Qt.Key.Key_Down, Qt.Key.Key_Tab,  # gender: male
    Qt.Key.Key_Down, Qt.Key.Key_Tab,  # marital status
    "خالد", Qt.Key.Key_Tab, "محمد", Qt.Key.Key_Tab, "علي", Qt.Key.Key_Tab, "القحطاني", Qt.Key.Key_Tab,
    Qt.Key.Key_Tab,  # no name in Latin letters
    "١٥/٠٣/١٩٩٠", Qt.Key.Key_Tab, Qt.Key.Key_Tab,
    "٠٥٠١٢٣٤٥٦٧", Qt.Key.Key_Tab, Qt.Key.Key_Tab,  # phone, no second phone
    "", Qt.Key.Key_Tab,  # the e-mail, after the phones: left empty here
    "الأجفر", Qt.Key.Key_Tab, "الشمالي", Qt.Key.Key_Tab, "١٢٥٠", Qt.Key.Key_Tab,
    Qt.Key.Key_Down, Qt.Key.Key_Tab,  # category
    Qt.Key.Key_Space, Qt.Key.Key_Tab,  # consent to the processing of the data
    "", Qt.Key.Key_Tab,  # notes
]


def _type(qtbot, window, steps):
    for step in steps:
        if isinstance(step, str):
            if step:
                type_text(qtbot, window.focusWidget(), step)
        else:
            qtbot.keyClick(window.focusWidget(), step)


def test_consent_channel_language_and_email_are_typed_and_saved(qtbot, window, ctx):
    window.new_action.trigger()
    form = window.page
    assert isinstance(form, ApplicantForm)
    nid = national_id(4343)
    _type(qtbot, window, [nid, *BEFORE_NOTES])
    assert window.focusWidget() is form.fields.messages_consent
    _type(qtbot, window, [
        Qt.Key.Key_Space, Qt.Key.Key_Tab,  # agrees to receive messages
        Qt.Key.Key_Down, Qt.Key.Key_Down, Qt.Key.Key_Tab,  # channel: e-mail
        Qt.Key.Key_Down,  # language: English
    ])
    assert window.focusWidget() is form.fields.combos["preferred_language"]  # the form's last field
    qtbot.keyClick(window.focusWidget(), Qt.Key.Key_Return)  # no address yet: refused
    box = form.fields.boxes["email"]
    assert window.page is form and box.error.isVisible() and box.error.text().strip("⚠ ")
    assert window.focusWidget() is form.fields.inputs["email"]  # taken to the field to fix
    type_text(qtbot, form.fields.inputs["email"], "khalid@example.org")
    qtbot.keyClick(form.fields.inputs["email"], Qt.Key.Key_Return)
    assert isinstance(window.page, ApplicantFileView)
    saved = applicants.by_national_id(ctx, nid)
    assert (saved.email, saved.messages_consent, saved.preferred_channel, saved.preferred_language) == (
        "khalid@example.org", True, "email", "en")
    shown = [value.text() for _name, value in window.page.detail_labels]
    assert any("khalid@example.org" in text for text in shown)


def test_without_consent_to_messages_the_defaults_are_kept_and_nothing_is_asked(qtbot, window, ctx):
    window.new_action.trigger()
    nid = national_id(4444)
    _type(qtbot, window, [nid, *BEFORE_NOTES])
    qtbot.keyClick(window.focusWidget(), Qt.Key.Key_Return)
    saved = applicants.by_national_id(ctx, nid)
    assert (saved.email, saved.messages_consent, saved.preferred_channel, saved.preferred_language) == (
        None, False, "sms", "ar")
