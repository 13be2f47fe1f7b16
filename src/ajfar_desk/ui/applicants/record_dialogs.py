"""Small dialogs for an applicant's file: add a household member, add a document."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from functools import partial
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...domain.dates import parse_date
from ...domain.digits import normalize_digits
from ...domain.errors import ValidationError
from ...domain.gendered import relation_gender, relation_msgid
from ...domain.people import GENDERS, RELATIONS, young_spouse_age
from ...i18n import N_, _, ngettext
from ...services.applicants import applicants
from ...services.applicants.document_edit import document_date
from ...services.store.context import AppContext
from ..common import dialogs, digit_input, files, fmt, screen
from ..common.form_dialog import FormDialog
from ..common.widgets import (
    FAILED,
    CodeCombo,
    ErrorLabel,
    FieldBox,
    Text,
    Texts,
    heading,
    named_items,
    vocabulary,
)
from ..shell.operations import attempt
from .birth_readout import birth_readout, show_reading
from .expiry_warning import expiry_warning

# an example, Hijri first as the program writes dates, in the profile's digits where shown
DATE_HINT = N_("Hijri or Gregorian, e.g. 10/04/1446 or 13/10/2024")


class RecordDialog(FormDialog):
    """Fields in a grid, errors under them, OK calls ``submit`` and closes on success."""

    added = Signal(object)

    def __init__(self, ctx: AppContext, applicant_id: uuid.UUID, title: str, parent=None):
        super().__init__(parent)
        self.ctx, self.applicant_id = ctx, applicant_id
        self.texts = Texts()
        self.setWindowTitle(_(title))
        self.boxes: dict[str, FieldBox] = {}
        self.grid = QGridLayout()
        for column in (0, 1):  # two fields side by side, as wide as each other
            self.grid.setColumnStretch(column, 1)
        self.error = ErrorLabel()
        buttons = QDialogButtonBox()
        self.ok_button = buttons.addButton(_("Add"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(_("Cancel"), QDialogButtonBox.ButtonRole.RejectRole)
        self.ok_button.setDefault(True)
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        self.body = QVBoxLayout(self)
        self.body.addWidget(heading(_(title), 14))
        self.body.addLayout(self.grid)
        self.body.addWidget(self.error)
        self.body.addWidget(buttons)
        screen.at_least_wide(self, 720)  # two columns, each a date's reading on a line

    def field(self, name: str, label: Text, *inputs, row: int, column: int,
              note: QWidget | None = None) -> None:
        self.boxes[name] = FieldBox(self.texts, label, *inputs, note=note)
        self.grid.addWidget(self.boxes[name], row, column)

    def document_fields(self, kind: QWidget, number: QLineEdit, issue: QLineEdit,
                        expiry: QLineEdit, kind_code: Callable[[], str]) -> None:
        """A document's four fields in their grid places, the number and the dates in the
        profile's digits (a number with a Latin letter keeps its own), the dates' example as the
        profile writes them, how each date reads (both calendars, or why not) under it as it is
        typed, and the line that warns of an expiry date already past (adding a document,
        correcting one).  ``kind_code``: the kind chosen; a kind with no expiry (an invoice)
        says its expiry is optional."""
        self.kind_code = kind_code
        self.field("document_kind", N_("Document"), kind, row=0, column=0)
        self.field("number", N_("Number (optional)"), number, row=0, column=1)
        self.issue_readout = birth_readout("issueDateReadout", lines=2)
        self.expiry_readout = birth_readout("expiryDateReadout", lines=2)
        self.field("issue_date", N_("Issue date (optional)"), issue, row=1, column=0,
                   note=self.issue_readout)
        self.field("expiry_date", self._expiry_label, expiry, row=1, column=1,
                   note=self.expiry_readout)
        for box in (issue, expiry):
            self.texts.add(box.setPlaceholderText, lambda: digit_input.hint(self.ctx.profile, _(DATE_HINT)))
        digit_input.follow_profile_digits(self.ctx.profile, number, issue, expiry)
        for editor, readout, name, label in (
                (issue, self.issue_readout, "issue_date", N_("Issue date")),
                (expiry, self.expiry_readout, "expiry_date", N_("Expiry date"))):
            read = partial(self._read_date, readout, name, label)
            editor.textChanged.connect(read)
            read(editor.text())  # a correction opens on the stored dates: read at once
        self.expiry_warning = expiry_warning(self.ctx, expiry)
        self.body.insertWidget(self.body.indexOf(self.error), self.expiry_warning)

    def _expiry_label(self) -> str:
        code = self.kind_code()
        kinds = {k.code: k for k in self.ctx.profile.document_kinds}
        optional = code in kinds and not kinds[code].has_expiry
        return _("Expiry date (optional)") if optional else _("Expiry date")

    def relabel_expiry(self, *_args) -> None:
        self.boxes["expiry_date"].label.setText(self._expiry_label())

    def _read_date(self, readout: QLabel, name: str, label: str, typed: str) -> None:
        """A document's date as saving reads it (``document_edit.document_dates``)."""
        show_reading(readout, self.ctx.profile, typed,
                     lambda text: document_date(text, name), field=label)

    def save(self):  # pragma: no cover - each dialog defines it
        raise NotImplementedError

    def submit(self) -> None:
        result = attempt(self, self.boxes, self.error, self.save, grow=False)
        if result is FAILED:
            return
        self.accept()
        self.added.emit(result)


class MemberDialog(RecordDialog):
    def __init__(self, ctx: AppContext, applicant_id: uuid.UUID, parent=None,
                 applicant_gender: str | None = None):
        super().__init__(ctx, applicant_id, N_("Add a household member"), parent)
        self.applicant_gender = applicant_gender  # a spouse is of the other gender
        self.name = QLineEdit()
        # «زوج» for a woman's spouse, «زوجة» for a man's: the relation said of the member
        self.relation = CodeCombo([(code, partial(self._relation_word, code)) for code in RELATIONS])
        self.gender = CodeCombo(vocabulary(GENDERS))
        self.birth_date = QLineEdit()
        self.birth_date.setPlaceholderText(digit_input.hint(ctx.profile, _(DATE_HINT)))
        self.national_id = QLineEdit()
        self.income = QLineEdit()  # empty: not said (0 is an answer: no income)
        self.field("member_name", N_("Full name"), self.name, row=0, column=0)
        self.field("relation", N_("Relation"), self.relation, row=0, column=1)
        self.field("gender", N_("Gender"), self.gender, row=1, column=0)
        self.birth_preview = birth_readout(lines=2)  # how the date reads, in both calendars
        self.field("member_birth_date", N_("Birth date"), self.birth_date, row=1, column=1,
                   note=self.birth_preview)
        self.field("member_national_id", N_("National ID (optional)"), self.national_id, row=2, column=0)
        self.field("member_income", N_("Monthly income in SAR (optional)"), self.income, row=2, column=1)
        digit_input.follow_profile_digits(ctx.profile, self.birth_date, self.national_id, self.income)
        self._chosen_gender = ""  # the gender the employee chose, which a relation may stand in for
        self._filling = False
        self.relation.currentIndexChanged.connect(self._gender_from_relation)
        self.gender.currentIndexChanged.connect(self._gender_chosen)
        self.birth_date.textChanged.connect(self._read_birth_date)

    def _relation_word(self, code: str) -> str:
        spouse = relation_gender(code, self.applicant_gender) if code == "spouse" else None
        return _(relation_msgid(code, spouse))

    def _gender_from_relation(self, *_args) -> None:
        """A daughter is a woman, a son a man, the applicant's wife a woman: the gender follows
        the relation chosen (and can still be changed); a relation that says none ("other
        relative", stepped onto with the arrows) puts back the gender the employee chose."""
        gender = relation_gender(self.relation.code(), self.applicant_gender) or self._chosen_gender
        self._filling = True
        try:
            self.gender.set_code(gender)
        finally:
            self._filling = False

    def _gender_chosen(self, *_args) -> None:
        if not self._filling:
            self._chosen_gender = self.gender.code()

    def _read_birth_date(self, typed: str) -> None:
        show_reading(self.birth_preview, self.ctx.profile, typed, lambda text: parse_date(
            text, field="member_birth_date", allow_future=False), field=N_("Birth date"))

    def _young_spouse_confirmed(self) -> bool:
        """A spouse younger than 18 by the birth date typed is most often a year mistyped: asked
        first (No keeps the dialog and what was typed)."""
        try:
            birth = parse_date(self.birth_date.text(), field="member_birth_date", allow_future=False)
        except ValidationError:
            return True  # the service names the field
        age = young_spouse_age(self.relation.code(), birth, self.ctx.now().date())
        if age is None:
            return True
        return dialogs.ask(self, _("Check the birth date"), ngettext(
            "By this birth date the {relation} is {count} year old. Save it as it is?",
            "By this birth date the {relation} is {count} years old. Save it as it is?", age).format(
                relation=self.relation.currentText(), count=fmt.number(self.ctx.profile, age)),
            default_yes=False)

    def save(self):
        if not self._young_spouse_confirmed():
            return FAILED
        return applicants.add_member(self.ctx, self.applicant_id, applicants.MemberInput(
            full_name=self.name.text(), relation=self.relation.code(), gender=self.gender.code(),
            birth_date=self.birth_date.text(), national_id=self.national_id.text(),
            monthly_income=self.income.text(),
        ))


class DocumentDialog(RecordDialog):
    def __init__(self, ctx: AppContext, applicant_id: uuid.UUID, kind: str | None = None, parent=None):
        super().__init__(ctx, applicant_id, N_("Add a document"), parent)
        self.kind = CodeCombo(named_items(ctx.profile.document_kinds))
        self.kind.set_code(kind)
        self.number = QLineEdit()
        self.issue_date = QLineEdit()
        self.expiry_date = QLineEdit()
        self.scan_name: str | None = None
        self.scan: bytes | None = None
        self.scan_label = QLabel(_("No scanned file"))
        self.scan_button = QPushButton(_("Attach a scanned file…"))
        self.scan_button.clicked.connect(self.choose_scan)
        self.document_fields(self.kind, self.number, self.issue_date, self.expiry_date, self.kind.code)
        self.kind.currentIndexChanged.connect(self.relabel_expiry)
        row = QHBoxLayout()
        row.addWidget(self.scan_button)
        row.addWidget(self.scan_label, 1)
        self.body.insertLayout(2, row)

    def extra_state(self) -> object:
        return self.scan_name  # an attached scan is input too

    def choose_scan(self) -> None:
        path = files.open_file_name(
            self, _("Scanned document"), _("Scans (*.pdf *.png *.jpg *.jpeg);;All files (*)")
        )
        if path:
            self.attach(Path(path))

    def _again_if_recorded(self) -> bool:
        """The same kind with the same number already in the file: added again only when the
        employee says so (trial 10: a second national ID card with one number, no word said);
        a renewed card keeps its number, so it is asked, not refused."""
        number = self.number.text().strip()
        if not number:
            return True
        kept = applicants.get(self.ctx, self.applicant_id, record_open=False).documents
        same = next((d for d in kept if d.kind == self.kind.code() and _same_number(d.number, number)), None)
        if same is None:
            return True
        p = self.ctx.profile
        until = (_("valid until {date}").format(date=fmt.date_both(p, same.expiry_date))
                 if same.expiry_date else _("with no expiry date"))
        return dialogs.ask(self, _("Document already in the file"), _(
            "«{document}» number {number} is already in this file ({until}). Add it again? To change "
            "its dates, choose No and use «{correct}».").format(
                document=self.kind.currentText(), number=fmt.ident(p, number), until=until,
                correct=_("Correct document…")),
            default_yes=False)

    def attach(self, path: Path) -> None:
        try:
            self.scan = path.read_bytes()
        except OSError as exc:
            self.error.show_message(_("The file cannot be read: {error}").format(error=exc.strerror or exc))
            return
        self.scan_name = path.name
        self.scan_label.setText(path.name)

    def save(self):
        if not self.kind.code():
            raise ValidationError("document_kind", _("{label} is required").format(label=_("Document")))
        if not self._again_if_recorded():
            return FAILED
        return applicants.add_document(self.ctx, self.applicant_id, applicants.DocumentInput(
            kind=self.kind.code(), number=self.number.text(), issue_date=self.issue_date.text(),
            expiry_date=self.expiry_date.text(), scan_name=self.scan_name, scan=self.scan,
        ))


def _same_number(a: str, b: str) -> bool:
    return bool(a) and normalize_digits(a).replace(" ", "") == normalize_digits(b).replace(" ", "")
