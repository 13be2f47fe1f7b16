"""The managers' outbox screen, driven from the keyboard: every message with its state and the
gateway's reason, filtered by state, the SMS characters and segments of the selected one (70 per
segment in Arabic), a failed one sent again with Alt+R; opened with Ctrl+Shift+X by a manager."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from accounts import staff_accounts
from ajfar_desk.db.messages import OutboxMessage
from ajfar_desk.domain.digits import to_arabic_digits
from ajfar_desk.services.messages import manage, outbox
from ajfar_desk.ui.messages.outbox_view import OutboxView

from ..conftest import pick_code, register

LONG = "تذكير " * 20  # 120 characters of Arabic: two segments of 67


@pytest.fixture
def as_(ctx):
    return staff_accounts(ctx, {"boss": ("manager", "مدير الجمعية"), "desk": ("front_desk", "سارة")})


@pytest.fixture
def boss(as_):
    return as_("boss")


def _queue(ctx, applicant_id, text: str, state: str = "queued", error: str = ""):
    with ctx.uow() as s:
        m = outbox.queue(s, applicant_id=applicant_id, kind="appointment_reminder",
                         values={"appointment_time": text})
        s.flush()
        m.state, m.last_error = state, error
        return m.id


def _page(qtbot, ctx) -> OutboxView:
    page = OutboxView(ctx)
    qtbot.addWidget(page)
    page.resize(1300, 600)
    page.show()
    qtbot.waitExposed(page)
    page.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is page)
    page.table.setFocus()
    return page



def test_states_reasons_segments_and_resend_by_keyboard(qtbot, app, ctx, boss):
    a = register(ctx, 21, messages_consent=True)
    b = register(ctx, 22, first_name="سالم", messages_consent=True)
    _queue(ctx, a.id, "غداً")
    failed = _queue(ctx, b.id, LONG, "failed", "HTTP 500: gateway error")
    page = _page(qtbot, boss)
    assert len(page.model.rows) == 2
    pick_code(qtbot, page.state, "failed")
    [row] = page.model.rows
    assert row.message.id == failed and row.applicant_name == b.full_name
    cells = [page.model.data(page.model.index(0, c)) for c in range(page.model.columnCount())]
    assert "فشل الإرسال" in cells[5] and "HTTP 500: gateway error" in cells[8] and "تذكير بموعد" in cells[2]
    units = len(row.message.text)
    assert units > 140 and row.sms.segments == -(-units // 67)
    assert page.count.text().startswith("رسالة نصية: عدد الأحرف " + to_arabic_digits(str(units)))
    assert "عدد الأجزاء: " + to_arabic_digits(str(row.sms.segments)) in page.count.text()
    assert page.text.toPlainText() == row.message.text and page.resend_button.isEnabled()
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_R, Qt.KeyboardModifier.AltModifier)
    assert manage.list_messages(boss, state="queued")[0].id == failed
    assert page.model.rows == [] and page.status.text() == "لا رسائل في هذه الحالة."
    pick_code(qtbot, page.state, "queued")
    assert {r.message.id for r in page.model.rows} >= {failed}
    assert not page.resend_button.isEnabled()  # a queued message is not sent again
    with boss.reading() as s:
        assert s.get(OutboxMessage, failed).attempts == 0


def test_a_manager_opens_it_with_its_key_and_the_desk_does_not_see_it(qtbot, app, as_, boss):
    from ajfar_desk.ui.shell.app import build_main_window

    window = build_main_window(boss)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    assert "outbox" in window.visible_actions()
    assert window.findChild(type(window.language_button), "outboxButton").isVisible()  # in the status bar
    qtbot.keyClick(window, Qt.Key.Key_X, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert isinstance(window.tool_pages.get("outbox"), OutboxView)
    as_("desk")
    window.apply_role()
    assert "outbox" not in window.visible_actions()


def test_a_test_message_goes_to_the_gateway_and_its_answer_is_shown(qtbot, app, boss, monkeypatch):
    """Alt+T on the outbox: the channel, the number, Enter; the loopback gateway receives the
    test text at once (nothing queued) and the dialog shows its answer; an unconfigured channel
    is refused under the channel's field."""
    from services.messages.servers import Gateway, free_port, messaging_toml

    monkeypatch.setenv("AJFAR_TEST_SMS_TOKEN", "s3cret-from-env")
    port = free_port()
    (boss.store.data_dir / "messaging.toml").write_text(messaging_toml(free_port(), port), encoding="utf-8")
    page = _page(qtbot, boss)
    qtbot.keyClick(page.table, Qt.Key.Key_T, Qt.KeyboardModifier.AltModifier)
    dialog = page.test_dialog
    qtbot.waitExposed(dialog)
    pick_code(qtbot, dialog.channel, "sms")
    dialog.to.setFocus()
    qtbot.keyClicks(dialog.to, "0551234567")
    with Gateway(port) as gateway:
        qtbot.keyClick(dialog.to, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: dialog.answer.text() != "", timeout=10_000)
    assert "accepted" in dialog.answer.text() and dialog.isVisible()
    [sent] = gateway.delivered
    assert sent["body"]["to"].endswith("551234567") and "تجريبية" in sent["body"]["text"]
    assert manage.list_messages(boss) == []  # a test is not queued
    pick_code(qtbot, dialog.channel, "whatsapp")  # not in this messaging.toml
    qtbot.keyClick(dialog.to, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.boxes["channel"].error.text() != "", timeout=10_000)
    assert "messaging.toml" in dialog.boxes["channel"].error.text()
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
