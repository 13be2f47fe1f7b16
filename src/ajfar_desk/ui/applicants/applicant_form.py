"""Register or edit an applicant during the interview: errors under fields, duplicate checks,
a draft saved as you type."""

from __future__ import annotations

import uuid
from typing import cast

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QScrollArea, QVBoxLayout, QWidget

from ...domain.dates import format_date
from ...domain.errors import AppError
from ...i18n import N_, _
from ...services.applicants import applicants, drafts, similar
from ...services.applicants.applicant_input import ApplicantInput
from ...services.applicants.edit_conflict import EditConflict
from ...services.applicants.views import ApplicantView
from ...services.store.context import AppContext
from ..common import dialogs, fmt
from ..common.scroll_follow import ScrollFollower
from ..common.widgets import FAILED, Banner, ErrorLabel, Texts, heading
from ..coordination.coordination_banner import known_elsewhere_text
from ..shell.operations import Operation
from ..shell.worker import Job
from . import conflict_dialog
from .applicant_fields import ApplicantFields
from .duplicate_dialog import DuplicateDialog

DRAFT_KIND = "applicant"
DRAFT_DELAY_MS = 800
CHECK_DELAY_MS = 250
_WARMING: dict[int, Job] = {}  # the years whose names are being read, by their job


class ApplicantForm(QWidget):
    saved = Signal(object)  # applicant id
    open_applicant = Signal(object)  # another applicant's file
    cancelled = Signal()

    def __init__(self, ctx: AppContext, applicant_id: uuid.UUID | None = None,
                 initial: ApplicantInput | None = None, restored: bool = False, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.applicant_id = applicant_id
        self.dirty = restored
        self.duplicate_dialog: DuplicateDialog | None = None
        self.existing_id: uuid.UUID | None = None
        self.base: ApplicantView | None = None  # the file as read (its version) when editing
        self.conflict_dialog: conflict_dialog.ConflictDialog | None = None
        self.texts = t = Texts()
        self.title = heading(size=16)
        t.add(self.title.setText, N_("Edit applicant file") if applicant_id else N_("Register a new applicant"))
        self.banner = Banner("warning")
        self.banner.button.clicked.connect(self._open_existing)
        self.restored_note = Banner("success")
        self.fields = ApplicantFields(ctx.profile, t)
        self.scroll_area = scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.fields)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # a stop with nothing to type in, else
        # the focused field always in view, however it got the focus (trial 12: an error line
        # made the form scroll, and the field typed into was out of sight)
        self.follower = ScrollFollower(scroll)
        self.error = ErrorLabel()
        self.save_button = QPushButton()
        t.add(self.save_button.setText, N_("Save (Enter)"))
        self.save_button.setDefault(True)
        self.cancel_button = QPushButton()
        t.add(self.cancel_button.setText, N_("Cancel"))
        self.draft_label = QLabel()
        self.draft_label.setStyleSheet("color: #6b6b6b;")
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.cancel_button)
        buttons.addStretch(1)
        buttons.addWidget(self.draft_label)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.banner)
        layout.addWidget(self.restored_note)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.error)
        layout.addLayout(buttons)

        self.draft_timer = QTimer(self, singleShot=True, interval=DRAFT_DELAY_MS)
        self.draft_timer.timeout.connect(self.save_draft)
        self.check_timer = QTimer(self, singleShot=True, interval=CHECK_DELAY_MS)
        self.check_timer.timeout.connect(self.check_duplicates)
        self.fields.changed.connect(self._changed)
        self.fields.identity_changed.connect(self.check_timer.start)
        # a birth "about" a year: its names' parts split off the GUI thread as soon as the year
        # reads, so the duplicate check (250 ms later, and at saving) finds them kept
        self.fields.lines["birth_date"].textEdited.connect(self.warm_year)
        self.fields.calendar.currentIndexChanged.connect(self.warm_year)
        self.save_button.clicked.connect(self.save)
        self.cancel_button.clicked.connect(self.cancelled)
        if initial is not None:
            self.fields.set_value(initial)
        if restored:
            self.restored_note.show_message(_("The unsaved interview was restored. Check it and save."))
            self.check_timer.start()

    @classmethod
    def for_edit(cls, ctx: AppContext, applicant_id: uuid.UUID, parent=None) -> ApplicantForm:
        view = applicants.get(ctx, applicant_id)
        data = applicants.input_from_view(view)
        if not view.birth_approx:  # a year only stays the year
            data.birth_date = format_date(view.birth_date)  # day/month/year, as people write it
        form = cls(ctx, applicant_id, data, parent=parent)
        form.base = view
        return form

    @property
    def subject(self) -> str:
        return str(self.applicant_id) if self.applicant_id else ""

    def focus_first(self) -> None:
        self.fields.inputs["national_id"].setFocus()

    # -- keyboard --------------------------------------------------------------------------
    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt API
        """Enter saves from any field (line edits, lists and the checkbox pass it up); Ctrl+S too."""
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) or event.matches(QKeySequence.StandardKey.Save):
            focused = self.focusWidget()
            if isinstance(focused, QPushButton) and focused is not self.save_button:
                focused.click()
            else:
                self.save()
            event.accept()
            return
        if event.key() == Qt.Key.Key_Escape:  # leave the form, asking first if anything was typed
            self.cancelled.emit()
            event.accept()
            return
        super().keyPressEvent(event)

    def focus_chain(self) -> list[QWidget]:
        """The form's stops in the order they are seen (right to left in Arabic, top to bottom):
        the banner's button when it shows, every field, Save, Cancel."""
        return [self.banner.button, *self.fields.tab_order, self.save_button, self.cancel_button]

    def focusNextPrevChild(self, next: bool) -> bool:  # noqa: N802, A002 - Qt API
        """Tab and Shift+Tab go round the form's own stops, both ways: Shift+Tab on the first
        field goes to Cancel, never out to the window's toolbar (its buttons have their keys)."""
        chain = [w for w in self.focus_chain() if w.isVisibleTo(self) and w.isEnabled()]
        current = self.focusWidget()
        if current not in chain:
            return super().focusNextPrevChild(next)
        index = chain.index(current)
        target = chain[(index + (1 if next else -1)) % len(chain)]
        target.setFocus(Qt.FocusReason.TabFocusReason if next else Qt.FocusReason.BacktabFocusReason)
        if self.fields.isAncestorOf(target):
            self.scroll_area.ensureWidgetVisible(target)
        return True

    # -- changes, drafts, duplicate check ---------------------------------------------------
    def _changed(self) -> None:
        self.dirty = True
        self.draft_timer.start()

    def save_draft(self) -> None:
        self.draft_timer.stop()
        if not self.dirty:
            return
        drafts.save(self.ctx, DRAFT_KIND, self.fields.value().as_dict(), subject=self.subject)
        self.draft_label.setText(_("Draft saved"))

    def discard_draft(self) -> None:
        self.draft_timer.stop()
        drafts.discard(self.ctx, DRAFT_KIND, subject=self.subject)
        self.draft_label.clear()

    def check_duplicates(self) -> None:
        self.check_timer.stop()
        data = self.fields.value()
        name = " ".join(p for p in (data.first_name, data.father_name, data.grandfather_name, data.family_name) if p.strip())
        existing, _similar = applicants.duplicate_check(
            self.ctx, data.national_id, name, self.fields.birth_date(), data.id_type, data.id_country,
            birth_approx=data.birth_approx,
        )
        if existing is not None and existing != self.applicant_id:
            self.existing_id = existing
            elsewhere = known_elsewhere_text(self.ctx, existing)  # never blocks: a line more
            self.banner.show_message(
                _("This national ID is already registered — open the file")
                + (f"\n{elsewhere}" if elsewhere else ""), _("Open the file")
            )
        else:
            self.existing_id = None
            self.banner.hide()

    def warm_year(self, *_args) -> None:
        """Start reading the year's names for the duplicate check (``similar.warm_year``: the
        store's pages in memory) when the birth date typed is a year only, not yet read in this
        process."""
        day = self.fields.birth_date() if self.fields.approx() else None
        if day is None or similar.year_is_kept(day.year) or day.year in _WARMING:
            return
        ctx, year = self.ctx, day.year
        job = Job(lambda progress: similar.warm_year(ctx, year))
        _WARMING[year] = job  # kept alive until it ends; a failure is only logged
        job.signals.finished.connect(lambda _r: _WARMING.pop(year, None),
                                     Qt.ConnectionType.QueuedConnection)
        job.signals.failed.connect(lambda *_e: _WARMING.pop(year, None),
                                   Qt.ConnectionType.QueuedConnection)
        job.start()

    def _open_existing(self) -> None:
        if self.existing_id is not None:
            self._leave_to(self.existing_id)

    def _leave_to(self, applicant_id: uuid.UUID) -> None:
        self.discard_draft()
        self.dirty = False
        self.open_applicant.emit(applicant_id)

    # -- saving ----------------------------------------------------------------------------
    def save(self, confirm_similar: bool = False) -> None:
        data = self.fields.value()
        self.fields.clear_errors()
        self.error.clear_message()

        def save():
            if self.applicant_id:
                return applicants.update(self.ctx, self.applicant_id, data, base=self.base)
            return applicants.register(self.ctx, data, confirm_similar=confirm_similar)

        # never lose the typed data: whatever happens, the draft is still there
        view = Operation(self, save).failure(lambda exc: self._refused(exc, data)) \
            .on(applicants.ExistingApplicant, self._already_registered) \
            .on(EditConflict, self._conflict) \
            .on(applicants.PossibleDuplicate, lambda exc: self._ask_about_duplicates(exc.similar)).run()
        if view is FAILED:
            return
        self.base = view if self.applicant_id else None
        self.discard_draft()
        self.dirty = False
        self.saved.emit(view.id)

    def _conflict(self, exc: EditConflict) -> None:
        """Another desk saved the same fields meanwhile: both values shown, the user chooses."""
        self.conflict_dialog = conflict_dialog.ask(self, exc, lambda kept: self._resolve(exc, kept))

    def _resolve(self, exc: EditConflict, kept_stored: set[str]) -> None:
        data = self.fields.value()
        record = cast(ApplicantView, exc.stored)  # what applicants.update found stored
        stored = applicants.input_from_view(record)
        if not record.birth_approx:
            stored.birth_date = format_date(record.birth_date)
        for name in kept_stored:
            setattr(data, name, getattr(stored, name))
            if name == "birth_date":
                data.birth_calendar, data.birth_approx = stored.birth_calendar, stored.birth_approx
        self.fields.set_value(data)
        self.base = record  # saved again from the record as it is now
        self.save()

    def _refused(self, exc: AppError, data: ApplicantInput) -> None:
        rest = self.fields.show_errors([self._clearer(field, message, data) for field, message in exc.errors])
        if self.fields.focusWidget() is not None:
            self.scroll_area.ensureWidgetVisible(self.fields.focusWidget())
        if rest:
            self.error.show_message(" ".join(message for _field, message in rest))

    def _already_registered(self, exc: applicants.ExistingApplicant) -> None:
        self.existing_id = exc.applicant_id
        self.banner.show_message(
            _("This national ID is already registered — open the file"), _("Open the file")
        )
        question = _("The national ID {id} is already registered. Open that applicant's file?")
        if dialogs.ask(self, _("Already registered"), question.format(id=fmt.ident(self.ctx.profile, exc.national_id))):
            self._leave_to(exc.applicant_id)

    @staticmethod
    def _clearer(field: str, message: str, data: ApplicantInput) -> tuple[str, str]:
        # The service names an empty category "unknown"; at the desk it is simply not chosen yet.
        if field == "category" and not data.category:
            return field, _("{label} is required").format(label=_("Category"))
        return field, message

    def _ask_about_duplicates(self, similar) -> None:
        dialog = DuplicateDialog(self.ctx.profile, similar, self)
        dialog.open_requested.connect(self._leave_to)
        dialog.save_anyway.connect(lambda: self.save(confirm_similar=True))
        dialog.finished.connect(dialog.deleteLater)
        self.duplicate_dialog = dialog
        dialog.open()

    def confirm_leave(self) -> bool:
        """May the form close?  Asks when something typed is unsaved; leaving drops the draft."""
        if not self.dirty:
            return True
        if not dialogs.ask(self, _("Unsaved changes"), _("The applicant's data is not saved. Leave the form and discard it?"),
                               default_yes=False):
            return False
        self.discard_draft()
        self.dirty = False
        return True

    def retranslate(self) -> None:
        self.texts.retranslate()
        self.fields.retranslate()
        if self.banner.isVisible():
            self.check_duplicates()
        if self.restored_note.isVisible():
            self.restored_note.show_message(_("The unsaved interview was restored. Check it and save."))
