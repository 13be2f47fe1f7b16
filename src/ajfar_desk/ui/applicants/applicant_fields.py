"""The applicant's fields, laid out for an interview, with an error line under each."""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QCheckBox, QGridLayout, QLineEdit, QWidget

from ...domain import gendered, id_types, messages
from ...domain.birth import parse_birth, year_only
from ...domain.digits import digits_only
from ...domain.errors import ValidationError
from ...domain.people import GENDERS, MARITAL_STATUSES, NATIONALITIES, nationality_msgid
from ...i18n import N_, _, current_language
from ...services.applicants.applicant_input import APPLICANT_LABELS, OPTIONAL, ApplicantInput
from ...services.applicants.field_checks import LATIN_NAME_LENGTH
from ...services.transfer.tabular import country_code
from ..common import digit_input
from ..common.form_dialog import clear_when_edited
from ..common.widgets import CodeCombo, FieldBox, Texts, vocabulary
from .birth_readout import birth_readout, show_reading
from .field_labels import BY_IDENTITY, form_label

APPROX = "approx"  # the calendar box's last choice: a birth year only, "about 1980"
CALENDAR_CHOICES = [
    ("auto", N_("Automatic")),
    ("hijri", N_("Hijri")),
    ("gregorian", N_("Gregorian")),
    (APPROX, N_("Year only (approximate)")),
]
TEXT_FIELDS = (
    "national_id", "first_name", "father_name", "grandfather_name", "family_name", "latin_name",
    "birth_date", "phone", "phone2", "city", "district", "monthly_income", "notes", "email",
)  # fmt: skip
DIGIT_FIELDS = ("national_id", "birth_date", "phone", "phone2", "monthly_income")
# the Latin name's example, as a passport writes it: a man's, a woman's (no translation: a name)
LATIN_EXAMPLES = ("Mohammed Abdullah Al-Shammari", "Noura Abdullah Al-Shammari")
PHONE_EXAMPLE = N_("e.g. 0512345678")
CONSENT_TEXT = N_(
    "The applicant agrees that the association keeps and processes this personal data, "
    "confidentially, to study and serve their requests."
)


class ApplicantFields(QWidget):
    changed = Signal()  # any field changed by the user
    identity_changed = Signal()  # national ID, name or birth date changed (duplicate check)

    def __init__(self, profile, texts: Texts, parent=None):
        super().__init__(parent)
        self.profile = profile
        # every field by name (``inputs``), and by kind: typed lines, choices, the consent box
        self.lines = {name: QLineEdit() for name in TEXT_FIELDS}
        self.calendar = CodeCombo(CALENDAR_CHOICES, placeholder=False)
        self.calendar.setObjectName("birth_calendar")
        self.calendar.setSizeAdjustPolicy(CodeCombo.SizeAdjustPolicy.AdjustToContents)
        self.combos = {
            "gender": CodeCombo(vocabulary(GENDERS)),
            # said of the applicant: they agree with the gender once it is chosen (neutral before)
            "nationality": CodeCombo([(code, partial(self._nationality_word, code)) for code in NATIONALITIES],
                                     placeholder=False),
            "marital_status": CodeCombo([(code, partial(self._marital_word, code)) for code in MARITAL_STATUSES]),
            "category": CodeCombo([(item.code, partial(self._category_word, item)) for item in profile.categories]),
            "preferred_channel": CodeCombo(vocabulary(messages.CHANNEL_LABELS), placeholder=False),
            "preferred_language": CodeCombo(vocabulary(messages.LANGUAGE_LABELS), placeholder=False),
        }
        self.consent = QCheckBox()
        self.messages_consent = QCheckBox()  # PDPL: no message to the applicant without it
        self._number_flagged = False  # the ID number's line shows a wrong check digit
        self.inputs: dict[str, QWidget] = {**self.lines, **self.combos, "consent": self.consent,
                                           "messages_consent": self.messages_consent}
        for name, widget in self.inputs.items():
            widget.setObjectName(name)
        self.agreeing = Texts()  # the words that agree with the applicant's gender
        self.agreeing.add(self.consent.setText, partial(self._word, N_("The applicant agrees")))
        self.agreeing.add(self.messages_consent.setText, partial(self._word, N_("Agrees")))
        self.lines["email"].setMaxLength(254)
        self.lines["email"].setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        self.lines["national_id"].setMaxLength(20)
        latin = self.lines["latin_name"]  # as the passport writes it: typed left to right
        latin.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        latin.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        latin.setMaxLength(LATIN_NAME_LENGTH)
        self.agreeing.add(latin.setPlaceholderText, self._latin_example)
        # the identity: its number first (a Saudi ID or iqama is told by its first digit, letters
        # make it a passport), then its type and, for a passport or GCC ID, the issuing country
        self.id_type = CodeCombo([(code, partial(self._word, label)) for code, label in id_types.ID_TYPES.items()],
                                 placeholder=False)  # «بلا وثيقة (مراجعة عابرة)» for a woman
        self.id_type.setObjectName("id_type")
        self.id_country = QLineEdit()
        self.id_country.setObjectName("id_country")
        self.id_country.setMaxLength(40)
        texts.add(self._country_hint, N_("Country: EG, مصر"))
        self.id_country.hide()
        texts.add(self.lines["birth_date"].setPlaceholderText, self._birth_hint)
        # an example number, all of it in the profile's digits (not «٠٥XXXXXXXX»)
        texts.add(self.lines["phone"].setPlaceholderText, lambda: digit_input.hint(profile, _(PHONE_EXAMPLE)))
        digit_input.follow_profile_digits(profile, *self.digit_inputs())
        self.preview = birth_readout()

        labels = {name: label for name, label in APPLICANT_LABELS.items()
                  if name not in ("notes", "id_type", "id_country", "preferred_channel", "preferred_language",
                                  "birth_approx")}
        labels |= {"consent": CONSENT_TEXT, "notes": APPLICANT_LABELS["notes"]}  # consent before notes
        labels["messages_consent"] = N_("Messages to the applicant")  # said of her, for a woman
        self.boxes: dict[str, FieldBox] = {}
        for name, label in labels.items():
            if name == "birth_date":
                box = FieldBox(texts, label, self.inputs[name], self.calendar, note=self.preview)
            elif name == "messages_consent":  # consent, channel and language: one box, one row
                box = FieldBox(texts, partial(self._word, label), self.inputs[name], self.combos["preferred_channel"],
                               self.combos["preferred_language"])
            elif name == "national_id":
                box = FieldBox(texts, N_("ID number, type and country"),
                               self.inputs[name], self.id_type, self.id_country)
            elif name in OPTIONAL or name in BY_IDENTITY:  # «(اختياري)», as the service's rules
                box = FieldBox(texts, partial(self._label, name), self.inputs[name])
            else:
                box = FieldBox(texts, label, self.inputs[name])
            self.boxes[name] = box
            clear_when_edited(box)  # a fixed field loses its red line at once, not at the next save
        self.boxes["preferred_channel"] = self.boxes["preferred_language"] = self.boxes["messages_consent"]

        self.agreeing.add(self.boxes["messages_consent"].label.setText,
                          partial(self._word, labels["messages_consent"]))
        self.boxes["consent"].label.setWordWrap(True)
        grid = QGridLayout(self)
        grid.setHorizontalSpacing(16)
        grid.setVerticalSpacing(6)
        place = [
            ("national_id", 0, 0, 1), ("nationality", 0, 1, 1), ("gender", 0, 2, 1),
            ("marital_status", 0, 3, 1), ("first_name", 1, 0, 1), ("father_name", 1, 1, 1),
            ("grandfather_name", 1, 2, 1), ("family_name", 1, 3, 1), ("latin_name", 2, 0, 1),
            ("birth_date", 2, 1, 1), ("phone", 2, 2, 1), ("phone2", 2, 3, 1), ("email", 3, 0, 1),
            ("city", 3, 1, 1), ("district", 3, 2, 1), ("monthly_income", 3, 3, 1),
            ("category", 4, 0, 1), ("consent", 4, 1, 1), ("notes", 4, 2, 1),
            ("messages_consent", 4, 3, 1),
        ]  # fmt: skip
        for name, row, column, span in place:
            grid.addWidget(self.boxes[name], row, column, 1, span)
        for column in range(4):
            grid.setColumnStretch(column, 1)

        i = self.inputs
        order = [i["national_id"], self.id_type, self.id_country]
        order += [i[n] for n in ("nationality", "gender", "marital_status", "first_name",
                                 "father_name", "grandfather_name", "family_name", "latin_name",
                                 "birth_date")]
        # the e-mail after the phones, where the grid shows it (a new employee typed it into
        # the city when Tab skipped it); the message preferences last
        order += [self.calendar] + [i[n] for n in ("phone", "phone2", "email", "city", "district",
                                                   "monthly_income", "category", "consent", "notes",
                                                   "messages_consent", "preferred_channel",
                                                   "preferred_language")]
        for first, second in zip(order, order[1:], strict=False):
            QWidget.setTabOrder(first, second)
        self.tab_order = order

        for name in TEXT_FIELDS:
            self.lines[name].textEdited.connect(self._edited)
        for widget in (self.calendar, *self.combos.values()):
            widget.activated.connect(self._edited)
        self.consent.toggled.connect(self._edited)
        self.combos["gender"].currentIndexChanged.connect(self._agree_with_gender)
        self.messages_consent.toggled.connect(self._edited)
        self.lines["national_id"].textEdited.connect(self._type_from_number)
        # after clear_when_edited (connected with the box): a wrong check digit said at once
        self.lines["national_id"].textEdited.connect(self.check_number)
        self.id_type.activated.connect(self.check_number)
        self.id_type.activated.connect(self._edited)
        self.id_type.currentIndexChanged.connect(self._show_country)
        self.id_type.currentIndexChanged.connect(self._show_walk_in)
        self.id_country.textEdited.connect(self._edited)
        self.id_type.activated.connect(self.identity_changed)
        self.id_country.textEdited.connect(self.identity_changed)
        self.id_country.textEdited.connect(self._nationality_from_country)
        self.calendar.currentIndexChanged.connect(self.update_preview)
        self.lines["birth_date"].textChanged.connect(self.update_preview)
        for name in ("national_id", "first_name", "father_name", "grandfather_name", "family_name",
                     "latin_name", "birth_date"):
            self.lines[name].textEdited.connect(self.identity_changed)
        self.calendar.activated.connect(self.identity_changed)

    # -- words that agree with the applicant ------------------------------------------------
    def gender(self) -> str | None:
        """The gender chosen, None before (and while the combos are being built)."""
        combo = getattr(self, "combos", {}).get("gender")
        return (combo.code() or None) if combo is not None else None

    def _word(self, msgid: str) -> str:
        return _(gendered.for_person(msgid, self.gender()))

    def _marital_word(self, code: str) -> str:
        return _(gendered.marital_msgid(code, self.gender()))

    def _category_word(self, item) -> str:
        return gendered.category_name(item, self.gender(), current_language())

    def _nationality_word(self, code: str) -> str:
        return _(nationality_msgid(code, self.gender()))

    def _latin_example(self) -> str:
        """A name as a passport writes it, a woman's for a woman, said as an example («مثال: …»)
        so that it does not read as a name already typed."""
        return _("e.g. {example}").format(example=LATIN_EXAMPLES[self.gender() == gendered.FEMALE])

    def _agree_with_gender(self, *_args) -> None:
        """Once the gender is chosen, the nationalities, the marital statuses, the categories,
        the consent's words and the example Latin name are said of a woman («سعودية», «مطلقة»,
        «يتيمة», «موافقة») or of a man."""
        for combo in (self.id_type, self.combos["nationality"], self.combos["marital_status"],
                      self.combos["category"]):
            combo.retranslate()
        self.agreeing.retranslate()
        self._label_walk_in()

    def digit_inputs(self) -> list[QLineEdit]:
        """The fields made of digits: they echo them in the profile's digits."""
        return [self.lines[n] for n in DIGIT_FIELDS]

    def _edited(self, *_args) -> None:
        self.changed.emit()

    def _type_from_number(self, text: str) -> None:
        """As the number is typed: a first digit 1 is a national ID, 2 an iqama (while the type
        is one of those), a Latin letter a passport; any other type stays (a passport's number
        may be all digits)."""
        number = digits_only(text).strip()
        kind = self.id_type.code()
        if any("A" <= ch <= "Z" or "a" <= ch <= "z" for ch in number):
            if kind in (id_types.NATIONAL_ID, id_types.IQAMA):
                self.id_type.set_code(id_types.PASSPORT)
        elif kind in (id_types.NATIONAL_ID, id_types.IQAMA) and number[:1] in ("1", "2"):
            self.id_type.set_code(id_types.NATIONAL_ID if number[0] == "1" else id_types.IQAMA)

    def check_number(self, *_args) -> None:
        """A complete number whose check digit is wrong is said under the field as it is typed
        (the text stays as typed); corrected, the line goes."""
        box = self.boxes["national_id"]
        problem = id_types.check_digit_problem(self.id_type.code(), self.lines["national_id"].text())
        if problem:
            box.set_error(problem)
        elif self._number_flagged:
            box.set_error(None)
        self._number_flagged = bool(problem)

    def _nationality_from_country(self, text: str) -> None:
        """A passport's or GCC ID's country is its holder's nationality, unless one was chosen:
        «إندونيسيا» typed as the country makes the nationality Indonesian."""
        nationality = id_types.default_nationality(self.id_type.code(), country_code(text))
        if self.combos["nationality"].code() in ("SA", "OT") and nationality != "OT":
            self.combos["nationality"].set_code(nationality)

    def _country_hint(self, hint: str) -> None:
        """The country box's hint, read whole: the box as narrow as it allows (90 px at least)."""
        self.id_country.setPlaceholderText(hint)
        self.id_country.setMaximumWidth(max(90, self.id_country.fontMetrics().horizontalAdvance(hint) + 16))

    def _show_country(self, *_args) -> None:
        self.id_country.setVisible(self.id_type.code() in id_types.WITH_COUNTRY)

    def walk_in(self) -> bool:
        return self.id_type.code() == id_types.NONE

    def _label(self, name: str) -> str:
        return form_label(name, self.id_type.code(), self._word)

    def _label_walk_in(self) -> None:
        """A walk-in need not give a city, a marital status or a category, a visitor a father's
        name or a phone: their labels say so while the identity's type is one of those."""
        for name in BY_IDENTITY:
            self.boxes[name].label.setText(self._label(name))

    def _show_walk_in(self, *_args) -> None:
        self._label_walk_in()
        # A walk-in has no number to type, and none is shown: the store keeps a stand-in only
        # for its key (``id_types.stand_in``); he is found by his name.
        number, walk_in = self.lines["national_id"], self.walk_in()
        if walk_in:
            number.clear()
        number.setEnabled(not walk_in)
        number.setPlaceholderText(_("No number needed") if walk_in else "")

    # -- values ----------------------------------------------------------------------------
    def value(self) -> ApplicantInput:
        c = self.combos
        text = {name: self.lines[name].text() for name in TEXT_FIELDS}
        kind = self.id_type.code()
        return ApplicantInput(
            **text,
            id_type=kind,
            id_country=country_code(self.id_country.text()) if kind in id_types.WITH_COUNTRY else "",
            birth_calendar=self._calendar(),
            birth_approx=self.approx(),
            nationality=c["nationality"].code(),
            gender=c["gender"].code(),
            marital_status=c["marital_status"].code(),
            category=c["category"].code(),
            consent=self.consent.isChecked(),
            messages_consent=self.messages_consent.isChecked(),
            preferred_channel=c["preferred_channel"].code() or messages.SMS,
            preferred_language=c["preferred_language"].code() or "ar",
        )

    def set_value(self, data: ApplicantInput) -> None:
        blockers = [w.blockSignals(True) for w in (*self.inputs.values(), self.calendar)]
        try:
            for name in TEXT_FIELDS:
                self.lines[name].setText(str(getattr(data, name) or ""))
            self.calendar.set_code(APPROX if data.birth_approx else data.birth_calendar)
            for name in ("nationality", "gender", "marital_status", "category", "preferred_channel",
                         "preferred_language"):
                self.combos[name].set_code(getattr(data, name))
            self.consent.setChecked(bool(data.consent))
            self.messages_consent.setChecked(bool(data.messages_consent))
            self.id_type.set_code(data.id_type or _saudi_type(data.national_id))
            self.id_country.setText(data.id_country or "")
        finally:
            for widget, was in zip((*self.inputs.values(), self.calendar), blockers, strict=True):
                widget.blockSignals(was)
        digit_input.refresh(self.profile, *self.digit_inputs())  # stored Western digits, shown
        self._show_country()
        self._agree_with_gender()
        self.update_preview()
        self.check_number()  # a restored interview's wrong number is said at once, too

    def approx(self) -> bool:
        """Is the birth date a year only ("about 1980")?  Chosen in the calendar box (its last
        choice), or typed as a year alone while the box reads «automatic»: a lone year is
        never a whole date, so «1975» there is read «about 1975» (a Hijri year by its size)."""
        code = self.calendar.code() or "auto"
        return code == APPROX or code == "auto" and year_only(self.lines["birth_date"].text())

    def _calendar(self) -> str:
        """The calendar the date is read in (an approximate year: told by its size, or «هـ»)."""
        code = self.calendar.code() or "auto"
        return "auto" if code == APPROX else code

    def _birth_hint(self) -> str:
        if self.approx():
            return digit_input.hint(self.profile, _("year: 1980 or 1400"))
        # short, read whole beside the calendar box at 1280×720; how it reads is said under it
        return digit_input.hint(self.profile, _("day/month/year"))

    def birth_date(self):
        """The birth date as typed, if it reads as a date; else None."""
        try:
            return parse_birth(self.lines["birth_date"].text(), self._calendar(), self.approx())
        except (ValidationError, ValueError):
            return None

    def update_preview(self, *_args) -> None:
        self.lines["birth_date"].setPlaceholderText(self._birth_hint())
        show_reading(self.preview, self.profile, self.lines["birth_date"].text(),
                     lambda typed: parse_birth(typed, self._calendar(), self.approx()), self.approx(),
                     field=APPLICANT_LABELS["birth_date"])

    # -- errors ----------------------------------------------------------------------------
    def clear_errors(self) -> None:
        for box in self.boxes.values():
            box.set_error(None)

    def show_errors(self, errors: list[tuple[str, str]]) -> list[tuple[str, str]]:
        """Each message under its field, focus on the first; returns the ones with no field."""
        self.clear_errors()
        other = []
        first = None
        for field, message in errors:
            box = self.boxes.get(_BOX_OF.get(field, field))
            if box is None:
                other.append((field, message))
                continue
            box.set_error(message)
            first = first or box
        if first is not None:  # as a key would move it: the focus frame shows (a tick box's too)
            first.inputs[0].setFocus(Qt.FocusReason.ShortcutFocusReason)
        return other

    def retranslate(self) -> None:
        for widget in (self.calendar, self.id_type, *self.combos.values()):
            widget.retranslate()
        self.agreeing.retranslate()
        self._show_walk_in()
        digit_input.refresh(self.profile, *self.digit_inputs())  # English shows Western digits
        self.update_preview()


_BOX_OF = {"birth_calendar": "birth_date", "birth_approx": "birth_date", "id_type": "national_id", "id_country": "national_id"}


def _saudi_type(number: str) -> str:
    """The type of a file typed before the types: told by the first digit (1 when unknown)."""
    return id_types.IQAMA if digits_only(number or "").strip()[:1] == "2" else id_types.NATIONAL_ID
