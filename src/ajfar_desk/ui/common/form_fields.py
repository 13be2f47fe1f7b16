"""Fields the dialogs share: a date typed in either calendar with the day understood shown under
it, an ID number with the registered applicant it links named under it, a multi-line box that
Tab leaves, the invalid mark of such boxes, a password's box."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QLineEdit, QPlainTextEdit

from ...domain.dates import GREGORIAN_MAX, GREGORIAN_MIN, format_date, format_hijri, parse_date
from ...domain.errors import ValidationError
from ...domain.identity import validate_national_id
from ...i18n import N_, _, current_language
from ...services.applicants import applicants
from ...services.store.context import AppContext
from . import digit_input, fmt
from .widgets import CodeCombo, FieldBox, Texts, named_items

DATE_HINT = N_("day/month/year, Hijri or Gregorian")
# Multi-line boxes are not covered by the application's style sheet: mark them the same way.
LOCAL_STYLE = 'QPlainTextEdit[invalid="true"] { border: 2px solid #b00020; border-radius: 3px; }'


def password_line() -> QLineEdit:
    """A box whose text (a password, a passphrase) is shown as dots."""
    box = QLineEdit()
    box.setEchoMode(QLineEdit.EchoMode.Password)
    return box


def multi_line(height: int = 72) -> QPlainTextEdit:
    box = QPlainTextEdit()
    box.setTabChangesFocus(True)  # Tab moves on, as in every other field
    box.setMinimumHeight(height)
    box.setMaximumHeight(height + 40)
    return box


def date_echo(ctx: AppContext, editor: QLineEdit, field: str, **rules) -> QLabel:
    """A line under a date field saying which day was understood, in both calendars."""
    label = QLabel()
    label.setObjectName("dateEcho")
    label.hide()

    def update(text: str) -> None:
        try:
            day = parse_date(text, field=field, **rules) if text.strip() else None
        except ValidationError:
            day = None
        label.setText(_("Understood as {date}").format(date=fmt.date_both(ctx.profile, day)) if day else "")
        label.setVisible(day is not None)

    editor.textChanged.connect(update)
    digit_input.follow_profile_digits(ctx.profile, editor)  # what is typed, in the profile's digits
    return label


def applicant_echo(ctx: AppContext, editor: QLineEdit) -> QLabel:
    """A line under an ID number field naming the registered applicant it links («✓ name»), or
    saying nobody is registered with it: looked up once a Saudi ID or iqama is whole (ten
    digits), any other number when the field is left."""
    label = QLabel()
    label.setObjectName("applicantEcho")
    label.setWordWrap(True)
    label.hide()

    def look_up(whole_saudi_only: bool) -> None:
        text = editor.text()
        try:
            if whole_saudi_only:
                validate_national_id(text)
            name = applicants.registered_name(ctx, text)
        except ValidationError:  # not a whole number yet: its error is said on Enter
            label.hide()
            return
        label.setText("✓ " + name if name else _("No applicant is registered with this ID"))
        label.setStyleSheet("" if name else "color: #8a5300;")
        label.show()

    editor.textChanged.connect(lambda _text: look_up(True))
    editor.editingFinished.connect(lambda: look_up(False))
    return label


def typed_date(ctx: AppContext, day) -> str:
    """A stored date as the user would type it (Hijri, with its era mark, in the profile's
    digits; Gregorian for a day the Hijri calendar does not reach)."""
    if not day:
        return ""
    if not GREGORIAN_MIN <= day <= GREGORIAN_MAX:
        return format_date(day, current_language(), fmt.digit_style(ctx.profile))
    return format_hijri(day, current_language(), fmt.digit_style(ctx.profile))


class ContactForm:
    """A form (an enquiry's, a complaint's) that asks how someone reached the association, and
    who: the channel, the day received (empty: today), a name and a phone (in the profile's
    digits)."""

    channel: CodeCombo
    received_on: QLineEdit
    contact_name: QLineEdit
    contact_phone: QLineEdit

    def contact_fields(self, ctx: AppContext, texts: Texts, name_label: str) -> dict[str, FieldBox]:
        """The four fields, made; their boxes by the service's field names."""
        self.channel = CodeCombo(named_items(ctx.profile.channels))
        self.received_on = QLineEdit()
        texts.add(self.received_on.setPlaceholderText, DATE_HINT)
        echo = date_echo(ctx, self.received_on, "received_on", allow_future=False)
        self.contact_name = QLineEdit()
        self.contact_phone = QLineEdit()
        digit_input.follow_profile_digits(ctx.profile, self.contact_phone)
        return {
            "channel": FieldBox(texts, N_("Received through"), self.channel),
            "received_on": FieldBox(texts, N_("Date received (empty: today)"), self.received_on, note=echo),
            "contact_name": FieldBox(texts, name_label, self.contact_name),
            "contact_phone": FieldBox(texts, N_("Phone"), self.contact_phone),
        }

    def contact_refusals(self, errors) -> list[tuple[str, str]]:
        """The service's refusals as the form says them: no channel chosen is «Choose the
        channel it came through» (the service speaks of the profile's list of codes)."""
        return [(field, _("Choose the channel it came through"))
                if field == "channel" and not self.channel.code() else (field, message)
                for field, message in errors]
