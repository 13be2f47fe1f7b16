"""The manager's coordination page: the consortium and its members (when each last sent a file
and when we last answered it), what a match with our people reveals, and the exchange by file
(USB stick or shared folder), written and read off the GUI thread.

A refused file (altered, from outside the consortium, already read) is said in a red banner;
the store is left exactly as it was.  While the association is in no consortium, the page says
coordination is off and how a consortium is founded or joined."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...domain.digits import said
from ...domain.errors import AppError
from ...domain.text import ltr_code
from ...i18n import N_, _, ngettext
from ...services.coordination import exchange, membership
from ...services.coordination.exchange import ImportResult
from ...services.store.context import AppContext
from ...services.store.output_files import safe_output, write_atomic
from ..common import files, fmt
from ..common.table_model import Column, RowsModel, record_table
from ..common.widgets import Banner, Texts, named_button, note_label, titled
from ..shell.operations import Operation
from .membership_dialogs import FOUND, JOIN, MembershipActions

SUFFIX = ".ajfc"
NOTE = N_("Write this association's file onto a USB stick or a shared folder for the other "
          "members, and read theirs. A file holds no identity number and no name: only values "
          "blinded with secret keys. A member learns which of its own people another member "
          "knows too, and what that member chose to reveal; nothing about anyone else.")


class CoordinationView(QWidget):
    """``embedded``: a tab of the exchange page (its title is the tab's, its note a tooltip)."""

    def __init__(self, ctx: AppContext, parent=None, embedded: bool = False):
        super().__init__(parent)
        self.ctx = ctx
        self.job: Operation | None = None
        self.status: membership.Status | None = None
        self.last_result: ImportResult | None = None
        p = ctx.profile
        self.texts = t = Texts()
        self.title = titled(t, N_("Coordination between associations"), size=18)
        self.about = QLabel()
        self.about.setObjectName("coordinationAbout")
        self.about.setWordWrap(True)
        self.note = note_label(t, NOTE)
        self.refresh_button = QPushButton()
        t.add(self.refresh_button.setText, N_("Refresh"))
        self.members_model = RowsModel([
            Column(N_("Member"), lambda m: m.name + (" " + _("(this association)") if m.is_self else "")),
            Column(N_("Key"), lambda m: ltr_code(m.fingerprint)),
            Column(N_("Last file read"), lambda m: fmt.timestamp(p, m.last_import_at) or _("never")),
            Column(N_("Written on"), lambda m: fmt.timestamp(p, m.last_file_at) or "—"),
            Column(N_("Last answered"), lambda m: fmt.timestamp(p, m.last_answered_at) or _("never")),
        ], self)
        self.members = record_table(self.members_model, "coordinationMembers")
        self.members.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.members.setMinimumHeight(90)
        t.add(self.members.setAccessibleName, N_("Members"))

        self.reveal_label = QLabel()
        t.add(self.reveal_label.setText, N_("A match with one of our people reveals:"))
        self.reveal = {}
        for key, label in (("association", N_("our association's name")),
                           ("program", N_("the program of the last service")),
                           ("month", N_("the month of the last service"))):
            box = QCheckBox()
            box.setObjectName(f"reveal_{key}")
            t.add(box.setText, label)
            box.toggled.connect(self._reveal_changed)
            self.reveal[key] = box

        self.export_button = named_button(t, N_("Write our exchange file…"), "coordinationExport")
        self.import_button = named_button(t, N_("Read a member's file…"), "coordinationImport")
        self.membership = MembershipActions(ctx, t, self)
        self.membership.changed.connect(self.reload)
        self.busy = QLabel()
        self.result = Banner("success")
        self.banner = Banner("error")

        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.refresh_button)
        reveal_row = QHBoxLayout()
        reveal_row.addWidget(self.reveal_label)
        for box in self.reveal.values():
            reveal_row.addWidget(box)
        reveal_row.addStretch(1)
        actions = QHBoxLayout()
        actions.addWidget(self.export_button)
        actions.addWidget(self.import_button)
        actions.addWidget(self.membership)
        actions.addWidget(self.busy, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.about)
        layout.addWidget(self.note)
        layout.addWidget(self.banner)
        layout.addWidget(self.result)
        layout.addLayout(actions)
        layout.addLayout(reveal_row)
        layout.addWidget(self.members, 1)

        if embedded:
            self.title.hide()
            self.note.hide()
            t.add(self.about.setToolTip, NOTE)
            layout.setContentsMargins(4, 4, 4, 4)
        self.refresh_button.clicked.connect(self.reload)
        self.export_button.clicked.connect(self.choose_export)
        self.import_button.clicked.connect(self.choose_import)
        self.retranslate()

    # -- showing -----------------------------------------------------------------------------
    def reload(self) -> None:
        self.status = membership.status(self.ctx) if membership.coordinating(self.ctx) else None
        st = self.status
        self.members_model.set_rows(st.members if st else [])
        for key, box in self.reveal.items():
            box.blockSignals(True)
            box.setChecked(bool(st and getattr(st, f"reveal_{key}")))
            box.blockSignals(False)
        self._about()
        self._update_buttons()

    def _about(self) -> None:
        st = self.status
        if st is None:
            self.about.setText(_(
                "Coordination is off: this association is in no consortium. A manager founds one "
                "(«{found}») or joins with an invitation from a member («{join}»).").format(
                found=_(FOUND).rstrip("…"), join=_(JOIN).rstrip("…")))
            return
        self.about.setText(_("Consortium «{name}»; this association takes part as «{member}», key "
                             "{key}; files written: {n}.").format(
            name=st.name, member=st.member_name, key=ltr_code(st.fingerprint),
            n=fmt.number(self.ctx.profile, st.exports)))

    def _update_buttons(self) -> None:
        on, idle = self.status is not None, self.job is None
        self.export_button.setEnabled(on and idle)
        self.import_button.setEnabled(on and idle)
        self.refresh_button.setEnabled(idle)
        self.membership.update_state(on, idle)
        for box in self.reveal.values():
            box.setEnabled(on and idle)

    def on_change(self, _topic: str, _payload: object) -> None:
        if self.job is None:
            self.reload()

    def retranslate(self) -> None:
        self.texts.retranslate()
        self.members_model.retranslate()
        self.reload()
        if self.last_result is not None and self.result.isVisible():
            self.result.show_message(self._result_text(self.last_result))

    def focus_list(self) -> None:
        self.members.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- what a match reveals ----------------------------------------------------------------
    def _reveal_changed(self, _checked: bool) -> None:
        chosen = {k: box.isChecked() for k, box in self.reveal.items()}
        Operation(self, lambda: membership.set_reveal(self.ctx, **chosen)).always(self.reload).run(initiator=self)

    # -- exchanging --------------------------------------------------------------------------
    def _filter(self) -> str:
        return _("Coordination files (*.ajfc)") + ";;" + _("All files (*)")

    def choose_export(self) -> None:
        if self.job is None and self.status is not None:
            name = f"{self.ctx.profile.code}-coordination-{dt.date.today().isoformat()}{SUFFIX}"
            path = files.save_file_name(self, _("Write our exchange file"), name, self._filter(), SUFFIX)
            if path:
                self.export_to(path)

    def choose_import(self) -> None:
        if self.job is None and self.status is not None:
            path = files.open_file_name(self, _("Read a member's file"), self._filter())
            if path:
                self.import_from(path)

    def export_to(self, path: str | Path) -> None:
        """Write our next file to ``path`` on a worker thread (no dialog: tests)."""
        ctx, target = self.ctx, Path(path)

        def work():
            safe_output(target, ctx.store)
            data = exchange.export(ctx)
            write_atomic(target, data)
            return len(data)

        def done(size: int) -> None:
            self.last_result = None
            self.result.show_message(_("Our exchange file was written to {path} ({size} bytes): "
                                       "give it to every other member.").format(
                path=ltr_code(str(target)), size=fmt.number(ctx.profile, size)))

        self._start(work, done, _("Writing our exchange file…"))

    def import_from(self, path: str | Path) -> None:
        """Check and read the member's file at ``path`` on a worker thread (no dialog: tests)."""
        ctx, source = self.ctx, Path(path)

        def done(result: ImportResult) -> None:
            self.last_result = result
            self.result.show_message(self._result_text(result))

        self._start(lambda: exchange.import_file(ctx, source.read_bytes()), done,
                    _("Checking and reading {name}…").format(name=ltr_code(source.name)))

    def _result_text(self, r: ImportResult) -> str:
        n = lambda v: fmt.number(self.ctx.profile, v)  # noqa: E731
        text = _("File {number} of {member} read.").format(number=n(r.number), member=r.sender)
        if r.answered:
            text += " " + ngettext("{n} of our people is known to {member} too.",
                                   "{n} of our people are known to {member} too.", r.matches).format(
                n=n(r.matches), member=r.sender)
        else:
            text += " " + _("It does not answer our queries yet: it will after it has read our next file.")
        return text

    def _start(self, work, done, busy_text: str) -> None:
        self.banner.hide()
        self.result.hide()
        self.busy.setText(busy_text)
        self.job = Operation(self, work).always(self._end).success(done) \
            .failure(self._refused).on(OSError, self._refused)
        self._update_buttons()
        self.job.run_in_background()

    def _end(self) -> None:
        self.job = None
        self.busy.setText("")
        self.reload()

    def _refused(self, exc: AppError | OSError) -> None:
        if isinstance(exc, OSError):
            message = _("The file cannot be used: {reason}").format(reason=exc.strerror or exc)
        else:
            message = said(exc.message)
        self.banner.show_message(_("Nothing was changed. {reason}").format(reason=message))
