"""One display of a phone wherever a person reads it: the file, the edit form and the audit's
values read «050 111 2233» (in the profile's digits), never the stored «+966501112233»; saving
the form unchanged keeps the stored E.164 and changes nothing."""

from __future__ import annotations

from PySide6.QtCore import Qt

from ajfar_desk.domain.digits import to_arabic_digits
from ajfar_desk.domain.text import strip_bidi_controls
from ajfar_desk.services.applicants import applicants
from ajfar_desk.services.users import audit_text

from ..conftest import register, type_text

SHOWN = to_arabic_digits("050 111 2233")


def _plain(text: str) -> str:
    return strip_bidi_controls(text).replace("\u00a0", " ").replace("\u2060", "")


def test_the_edit_form_shows_the_phone_as_the_file_does(qtbot, window, ctx):
    person = register(ctx, 6101, phone="0501112233", phone2="+966551234567")
    assert applicants.get(ctx, person.id).phone == "+966501112233"
    window.open_applicant(person.id)
    shown = {name.text(): _plain(value.text()) for name, value in window.page.detail_labels}
    assert SHOWN in shown.values()
    qtbot.keyClick(window.page, Qt.Key.Key_E, Qt.KeyboardModifier.AltModifier)
    form = window.page
    assert _plain(form.fields.lines["phone"].text()) == SHOWN
    assert _plain(form.fields.lines["phone2"].text()) == to_arabic_digits("055 123 4567")
    district = form.fields.lines["district"]
    district.setFocus()
    type_text(qtbot, district, "النسيم")
    qtbot.keyClick(district, Qt.Key.Key_Return)  # saved: the phone stays the same number
    view = applicants.get(ctx, person.id)
    assert view.phone == "+966501112233" and view.phone2 == "+966551234567"
    assert view.district == "النسيم"


def test_the_audit_reads_a_phone_as_the_file_does(ctx, app):
    text = audit_text.details_text(ctx.profile, {"phone": "+966501112233"}, ctx.profile.digits)
    assert SHOWN in _plain(text) and "+966" not in text


def test_the_outbox_names_a_phone_as_the_file_does(qtbot, app, ctx):
    from accounts import staff_accounts
    from ajfar_desk.services.messages import outbox
    from ajfar_desk.ui.messages.outbox_view import OutboxView

    boss = staff_accounts(ctx, {"boss": ("manager", "مدير الجمعية")})("boss")
    person = register(ctx, 6103, phone="0501112233", messages_consent=True)
    with ctx.uow() as s:
        outbox.queue(s, applicant_id=person.id, kind="appointment_reminder", values={"appointment_time": "غداً"})
    page = OutboxView(boss)
    qtbot.addWidget(page)
    [row] = page.model.rows
    assert row.message.recipient == "+966501112233"  # stored as E.164
    to = page.model.data(page.model.index(0, 4))
    assert _plain(to) == SHOWN and "+" not in to
