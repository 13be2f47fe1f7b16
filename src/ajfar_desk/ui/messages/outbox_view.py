"""The outbox (صندوق الصادر) for managers: every message to an applicant, newest first, queued,
sent or failed with the gateway's reason; filtered by state; the selected message's text with
its SMS characters and segments (70 per segment in Arabic, ``services.messages.segments``); a
failed message (or one whose fate is unknown) sent again with Alt+R."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPlainTextEdit, QPushButton, QVBoxLayout

from ...domain import message_words as words
from ...domain.messages import EMAIL
from ...i18n import N_, _
from ...services.messages import manage
from ...services.messages.outbox_rows import OutboxRow, outbox_rows
from ...services.store.context import AppContext
from ...services.store.events import MESSAGES_CHANGED, SYNC_CHANGED
from ..common import dialogs, fmt
from ..common.page import ReloadingPage, title_row
from ..common.table_model import Column, RowsModel, record_table, select_row
from ..common.widgets import FAILED, CodeCombo, Texts, heading, vocabulary
from ..shell.operations import Operation
from ..shell.shortcuts_sheet import key_tip
from .test_message_dialog import TestMessageDialog

RESEND_KEY = "Alt+R"
TEST_KEY = "Alt+T"
ALL = ""


def sms_line(profile, row: OutboxRow) -> str:
    """«SMS: 96 characters in 2 segments (67 each); 38 left in the last» in the profile's digits."""
    m = row.message
    if m.channel == EMAIL:
        return _("E-mail: {count} characters, no segments").format(count=fmt.number(profile, len(m.text)))
    count = row.sms
    return _("{channel}: {units} characters — segments: {segments} ({per} characters each); left in the last: "
             "{left}").format(channel=words.channel_label(m.channel), units=fmt.number(profile, count.units),
                              segments=fmt.number(profile, count.segments), per=fmt.number(profile, count.per_segment),
                              left=fmt.number(profile, count.remaining))


class OutboxView(ReloadingPage):
    reload_topics = (MESSAGES_CHANGED, SYNC_CHANGED)

    def __init__(self, ctx: AppContext, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        p = ctx.profile
        self.texts = t = Texts()
        self.title = heading(size=18)
        t.add(self.title.setText, N_("Messages to applicants"))
        self.title.setWordWrap(False)
        self.state = CodeCombo([(ALL, N_("All states")), *vocabulary(words.STATE_LABELS)], placeholder=False)
        self.state.setObjectName("outboxState")
        state_label = QLabel()
        t.add(state_label.setText, N_("State:"))
        state_label.setBuddy(self.state)
        self.model = RowsModel([
            Column(N_("Created"), lambda r: fmt.timestamp(p, r.message.created_at)),
            Column(N_("Applicant"), lambda r: r.applicant_name),
            Column(N_("Message"), lambda r: words.kind_label(r.message.kind)),
            Column(N_("Channel"), lambda r: words.channel_label(r.message.channel)),
            Column(N_("To"), lambda r: fmt.recipient(p, r.message.channel, r.message.recipient)),
            Column(N_("State"), lambda r: words.state_label(r.message.state)),
            Column(N_("Attempts"), lambda r: fmt.number(p, r.message.attempts)),
            Column(N_("Request"), lambda r: fmt.ident(p, r.reference)),
            Column(N_("Reason"), lambda r: r.message.last_error if r.message.state != "sent" else ""),
        ], self)
        self.table = record_table(self.model, "outbox")
        t.add(self.table.setAccessibleName, N_("Messages to applicants"))
        self.text = QPlainTextEdit()
        self.text.setObjectName("outboxText")
        self.text.setReadOnly(True)
        self.text.setMaximumHeight(90)
        self.count = QLabel()
        self.count.setObjectName("outboxCount")
        self.status = QLabel()
        self.resend_button = QPushButton()
        self.resend_button.setObjectName("resendMessage")
        t.add(self.resend_button.setText, N_("Send again"))
        t.add(self.resend_button.setToolTip, lambda: key_tip(_("Send again"), RESEND_KEY))
        self.test_button = QPushButton()  # try a channel of messaging.toml before counting on it
        self.test_button.setObjectName("testMessage")
        t.add(self.test_button.setText, N_("Send a test message…"))
        t.add(self.test_button.setToolTip, lambda: key_tip(_("Send a test message…"), TEST_KEY))
        bottom = QHBoxLayout()
        bottom.addWidget(self.count, 1)
        bottom.addWidget(self.resend_button)
        bottom.addWidget(self.test_button)
        layout = QVBoxLayout(self)
        layout.addLayout(title_row(self.title, state_label, self.state))
        layout.addWidget(self.table, 1)
        layout.addWidget(self.text)
        layout.addLayout(bottom)
        layout.addWidget(self.status)
        self.state.currentIndexChanged.connect(lambda _i: self.reload())
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._show_selected())
        self.resend_button.clicked.connect(self.resend)
        self.test_button.clicked.connect(self.send_test)
        for key, slot in ((RESEND_KEY, self.resend), (TEST_KEY, self.send_test)):
            shortcut = QShortcut(QKeySequence(key), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)
        self.setFocusProxy(self.table)
        self.reload()

    def reload(self) -> None:
        current = self.selected()
        rows = outbox_rows(self.ctx, self.state.code() or None)
        self.model.set_rows(rows)
        if rows:
            keep = current.message.id if current else None
            select_row(self.table, next((i for i, r in enumerate(rows) if r.message.id == keep), 0))
        p = self.ctx.profile
        self.status.setText(_("Shown: {count}").format(count=fmt.number(p, len(rows))) if rows
                            else _("No message in this state."))
        self._show_selected()

    def selected(self) -> OutboxRow | None:
        model = self.table.selectionModel()
        rows = model.selectedRows() if model else []
        return self.model.row_at(rows[0]) if rows else None

    def _show_selected(self) -> None:
        row = self.selected()
        self.text.setPlainText(row.message.text if row else "")
        self.count.setText(sms_line(self.ctx.profile, row) if row else "")
        self.resend_button.setEnabled(row is not None and row.message.state in words.RESENDABLE)

    def resend(self) -> None:
        row = self.selected()
        if row is None or row.message.state not in words.RESENDABLE:
            return
        if row.message.state == "unknown" and not dialogs.ask(
                self, _("Send again"), _("Its sending was interrupted: send it again only once you know it did not "
                                         "arrive (ask the applicant). Send it again?"), default_yes=False):
            return
        done = Operation(self, lambda: manage.resend(self.ctx, row.message.id)).run(initiator=self)
        if done is not FAILED:
            self.reload()
            self.table.setFocus()

    def send_test(self) -> TestMessageDialog:
        self.test_dialog = dialog = TestMessageDialog(self.ctx, self)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def retranslate(self) -> None:
        self.texts.retranslate()
        self.state.retranslate()
        self.model.retranslate()
        self._show_selected()
