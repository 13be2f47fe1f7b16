"""«إرسال رسالة تجريبية»: a manager tries a channel of ``messaging.toml`` before the desk counts
on it — the channel, the address or number to send to, Enter; the message goes out at once (it is
not queued) off the GUI thread, and the gateway's answer, or why it failed, is shown in the
dialog, which stays open for another try."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QVBoxLayout

from ...domain.messages import CHANNEL_LABELS, EMAIL
from ...i18n import N_, _
from ...services.messages import manage
from ...services.store.context import AppContext
from ..common.form_dialog import FormDialog, ok_cancel_buttons
from ..common.widgets import CodeCombo, ErrorLabel, FieldBox, Texts, vocabulary
from ..shell.operations import Operation

ANSWER_SHOWN = 300  # characters of the gateway's answer shown


class TestMessageDialog(FormDialog):
    ask_before_discard = False  # an address typed for a test is not work to keep

    def __init__(self, ctx: AppContext, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.texts = t = Texts()
        t.add(self.setWindowTitle, N_("Send a test message"))
        self.channel = CodeCombo(vocabulary(CHANNEL_LABELS), placeholder=False)
        self.channel.setObjectName("testChannel")
        self.to = QLineEdit()
        self.to.setObjectName("testTo")
        self.to.setLayoutDirection(Qt.LayoutDirection.LeftToRight)  # a number or an address
        self.to.setMaxLength(254)
        self.boxes = {"channel": FieldBox(t, N_("Channel"), self.channel),
                      "to": FieldBox(t, N_("Send to (a mobile number or an e-mail address)"), self.to)}
        self.error = ErrorLabel()
        self.answer = QLabel()
        self.answer.setObjectName("testAnswer")
        self.answer.setWordWrap(True)
        self.answer.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.buttons, self.ok = ok_cancel_buttons(t, self, self.send, N_("Send"), "sendTest")
        layout = QVBoxLayout(self)
        for box in self.boxes.values():
            layout.addWidget(box)
        layout.addWidget(self.error)
        layout.addWidget(self.answer)
        layout.addWidget(self.buttons)
        self.channel.currentIndexChanged.connect(self._placeholder)
        self.operation: Operation | None = None
        t.retranslate()
        self.channel.retranslate()
        self._placeholder()
        self.setMinimumWidth(460)

    def _placeholder(self) -> None:
        self.to.setPlaceholderText("name@example.org" if self.channel.code() == EMAIL else "05xxxxxxxx")

    def send(self) -> None:
        ctx, channel, to = self.ctx, self.channel.code(), self.to.text()
        self.answer.clear()
        self.operation = Operation(self, lambda: manage.send_test(ctx, channel, to)) \
            .fields(self.boxes, self.error).success(self._sent) \
            .busy(self.ok, self.channel, self.to).label(N_("Sending the test message…"))
        self.operation.run_in_background(initiator=self)

    def _sent(self, answer: str) -> None:
        shown = (answer or "").strip()[:ANSWER_SHOWN]
        self.answer.setText(_("Sent. The gateway answered: {answer}").format(answer=shown or "—"))
        self.to.setFocus()

    def retranslate(self) -> None:
        self.texts.retranslate()
        self.channel.retranslate()
