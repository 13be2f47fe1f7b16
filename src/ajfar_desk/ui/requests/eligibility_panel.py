"""The program's eligibility conditions for this request (policy 003): each line explained,
the confirmations the employee ticks, and the reason when submitting despite a failed one.

A tick shows its effect once the event loop runs again (``common.soon``: several ticks, one
refresh), never from inside the box's own ``toggled``; the lines are updated in place
(``common.list_lines``), never cleared under a running slot."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QVBoxLayout,
    QWidget,
)

from ...domain import gendered
from ...domain import requests as rules
from ...domain.digits import said
from ...i18n import N_, _, current_language
from ...services.requests import requests
from ...services.store.context import AppContext
from ..common.list_lines import Line, show_lines
from ..common.soon import Soon
from ..common.widgets import FAILED as NOT_DONE
from ..common.widgets import Texts
from ..shell.operations import Operation

PASSED, FAILED = "✓", "✗"


class EligibilityPanel(QWidget):
    changed = Signal()
    ticked = Signal()  # a confirmation ticked or unticked by the user (once the loop ran)

    def __init__(self, ctx: AppContext, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.request = None
        self.texts = t = Texts()
        self.summary = QLabel()
        self.summary.setObjectName("eligibilitySummary")
        self.summary.setWordWrap(True)
        self.lines = QListWidget()
        self.lines.setObjectName("eligibilityLines")
        self.lines.setWordWrap(True)
        self.lines.setMinimumHeight(110)  # several lines at once: the explanation is the point
        self.confirm_title = QLabel()
        self.gender: str | None = None  # the applicant's: «أكّد ما تحققت منه مع المتقدمة»
        self.refusal = ""  # the submission's refusal that named a confirmation to tick
        t.add(self.confirm_title.setText, self._confirm_text)
        self.boxes_host = QVBoxLayout()
        self.checks: dict[str, QCheckBox] = {}
        self.override_label = QLabel()
        t.add(
            self.override_label.setText,
            N_("Submit anyway: the reason for the exception (it is recorded with the request)"),
        )
        self.override = QLineEdit()
        self.override.setObjectName("eligibilityOverride")
        self.override_label.setBuddy(self.override)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.lines, 1)
        layout.addWidget(self.confirm_title)
        layout.addLayout(self.boxes_host)
        layout.addWidget(self.override_label)
        layout.addWidget(self.override)
        self.setFocusProxy(self.lines)  # Alt+3: on the lines
        self._soon = Soon(self, self._ticked)  # one refresh for the ticks made since the loop ran

    def set_request(self, request) -> None:
        program_changed = self.request is None or request is None or request.program != self.request.program
        self.request = request
        if program_changed:
            self._rebuild_checks()
        self.refresh()

    def _rebuild_checks(self) -> None:
        for box in self.checks.values():
            self.boxes_host.removeWidget(box)
            box.hide()
            box.toggled.disconnect()
            box.deleteLater()  # its toggled may be on the stack: deleted once the loop runs
        self.checks = {}
        if self.request is None:
            return
        program = self.ctx.profile.program(self.request.program)
        for confirmation in program.eligibility.confirmations:
            box = QCheckBox(confirmation.text(current_language()))
            box.setObjectName(f"confirm_{confirmation.code}")
            box.toggled.connect(self._soon.ask)
            self.boxes_host.addWidget(box)
            self.checks[confirmation.code] = box

    def _confirm_text(self) -> str:
        return _(gendered.for_gender(gendered.CONFIRM_WITH, self.gender))

    def confirmed(self) -> tuple[str, ...]:
        return tuple(code for code, box in self.checks.items() if box.isChecked())

    def override_reason(self) -> str:
        return self.override.text().strip()

    def unticked(self) -> list[QCheckBox]:
        """The confirmations not ticked yet, in the order they are shown."""
        return [box for box in self.checks.values() if not box.isChecked()]

    def _ticked(self) -> None:
        self.refresh()
        self.ticked.emit()

    def refresh_pending(self) -> bool:
        """A tick was made and its effect is not shown yet (it is once the event loop runs)."""
        return self._soon.isActive()

    def refresh(self) -> None:
        self._soon.stop()  # refreshed now: nothing left to do later
        draft = self.request is not None and self.request.status == rules.DRAFT
        for box in self.checks.values():
            box.setEnabled(draft)
        self.confirm_title.setVisible(bool(self.checks))
        if self.request is None:
            show_lines(self.lines, [])
            self.summary.clear()
            self._show_override(False)
            return
        request_id = self.request.id
        result = Operation(self, lambda: requests.eligibility(self.ctx, request_id, self.confirmed())) \
            .failure(lambda exc: self.summary.setText(said(exc.message))).run()
        if result is NOT_DONE:
            show_lines(self.lines, [])
            return
        self.gender = result.gender
        self.confirm_title.setText(self._confirm_text())
        show_lines(self.lines, [Line(f"{PASSED if line.passed else FAILED} {line.text}", data=line.passed)
                                for line in result.lines])
        if not result.lines:
            self.summary.setText(_("The program sets no eligibility conditions."))
        elif result.eligible:
            self.summary.setText(_("Every condition of the program is met."))
        else:
            self.summary.setText(_("Not every condition is met: see the lines marked ✗."))
        self._show_override(draft and not result.eligible)
        self.changed.emit()

    def _show_override(self, visible: bool) -> None:
        self.override_label.setVisible(visible)
        self.override.setVisible(visible)

    def retranslate(self) -> None:
        self.texts.retranslate()
        if self.request is not None:
            program = self.ctx.profile.program(self.request.program)
            for confirmation in program.eligibility.confirmations:
                if confirmation.code in self.checks:
                    self.checks[confirmation.code].setText(confirmation.text(current_language()))
        self.refresh()
