"""The window sends the queued messages off its thread: Ctrl+Shift+E (and the timer) run the
sender through the operation runner; the status bar says what happened."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt

from ajfar_desk.db.messages import SENT
from ajfar_desk.services.messages import manage
from services.messages.helpers import consenting
from services.messages.servers import Gateway, free_port, messaging_toml


def test_ctrl_shift_m_sends_the_queued_messages_in_the_background(qtbot, window, ctx, monkeypatch):
    monkeypatch.setenv("AJFAR_TEST_SMS_TOKEN", "t")
    sender = window.message_sender
    qtbot.keyClick(window, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert "messaging.toml" in window.statusBar().currentMessage()  # nothing configured yet
    consenting(ctx, channel="sms", email="", on=dt.date.today())  # not late: no apology owed
    port = free_port()
    (ctx.store.data_dir / "messaging.toml").write_text(messaging_toml(free_port(), port), encoding="utf-8")
    with Gateway(port) as gw:
        qtbot.keyClick(window, Qt.Key.Key_E,
                       Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
        assert sender.running  # on the thread pool, the window free meanwhile
        qtbot.waitUntil(lambda: not sender.running, timeout=10000)
    assert sender.last is not None and sender.last.sent == 1 and len(gw.delivered) == 1
    assert [m.state for m in manage.list_messages(ctx)] == [SENT]
    assert "1" in window.statusBar().currentMessage() or "١" in window.statusBar().currentMessage()
    assert sender.timer.isActive() and sender.timer.interval() == 5 * 60 * 1000
