"""The coordination page and the banner on a file, driven with the keyboard: files written and
read off the GUI thread, a refused file that changes nothing, what a match reveals switched,
the banner («مسجّل لدى جمعية …») on the shared person's file and consent withdrawn from it."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QRect, Qt

from ajfar_desk.services.coordination import exchange, membership, reveals
from ajfar_desk.ui.applicants.applicant_view import ApplicantFileView
from ajfar_desk.ui.common import files
from ajfar_desk.ui.coordination.coordination_banner import month_text
from ajfar_desk.ui.coordination.coordination_view import CoordinationView
from consortium import NAMES, close, deliver, founded, nid, register
from ui.fitcheck import misfits


@pytest.fixture
def members(tmp_path):
    made = founded(tmp_path / "members")
    yield made
    close(made)
    made["ajfar"].store.close()


def shown(qtbot, widget, size=(1326, 640)):
    qtbot.addWidget(widget)
    widget.resize(*size)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def press(qtbot, widget, key=Qt.Key.Key_Space) -> None:
    assert widget.isVisible() and widget.isEnabled(), widget.text()
    widget.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.keyClick(widget, key)


def choose_file(monkeypatch, path) -> None:
    monkeypatch.setattr(files, "save_file_name", lambda *a, **k: str(path))
    monkeypatch.setattr(files, "open_file_name", lambda *a, **k: str(path))


def idle(view: CoordinationView) -> bool:
    return view.job is None and view.import_button.isEnabled()


def test_an_exchange_with_the_keyboard_and_a_refused_file(qtbot, app, members, tmp_path, monkeypatch):
    a, b = members["ajfar"], members["baraa"]
    shared = nid(42)
    register(a, shared)
    register(b, shared)
    at_a, at_b = shown(qtbot, CoordinationView(a)), shown(qtbot, CoordinationView(b))
    assert [m.name for m in at_a.members_model.rows if not m.is_self] == sorted([NAMES["baraa"], NAMES["alhuda"]])
    assert "تنسيق الجمعيات" in at_a.about.text()

    def write(view, path):
        choose_file(monkeypatch, path)
        press(qtbot, view.export_button)
        qtbot.waitUntil(lambda: idle(view), timeout=20_000)
        assert path.stat().st_size > 0 and view.result.isVisible()

    def read(view, path):
        choose_file(monkeypatch, path)
        press(qtbot, view.import_button)
        qtbot.waitUntil(lambda: idle(view), timeout=20_000)

    write(at_a, tmp_path / "a1.ajfc")
    read(at_b, tmp_path / "a1.ajfc")
    assert not at_b.banner.isVisible() and at_b.result.isVisible()
    assert "لا يجيب عن استعلاماتنا بعد" in at_b.result.message.text()  # A has not read B's file yet
    write(at_b, tmp_path / "b1.ajfc")
    read(at_a, tmp_path / "b1.ajfc")
    assert at_a.last_result is not None and at_a.last_result.matches == 1
    assert "مستفيد واحد من مستفيدينا معروف لدى براعة" in at_a.result.message.text()
    assert at_a.members_model.rows and any(m.last_import_at for m in at_a.members_model.rows)

    altered = tmp_path / "b2.ajfc"
    data = bytearray(exchange.export(b))
    data[-5] ^= 0xFF
    altered.write_bytes(bytes(data))
    read(at_a, altered)
    assert at_a.banner.isVisible() and "لم يتغير شيء" in at_a.banner.message.text()
    assert "توقيع" in at_a.banner.message.text()
    # what a match reveals: the month switched off with the keyboard
    press(qtbot, at_a.reveal["month"])
    assert membership.status(a).reveal_month is False and not at_a.reveal["month"].isChecked()
    assert misfits(at_a, QRect(0, 0, 1366, 728)) == []


def test_the_banner_on_a_shared_persons_file_and_consent_withdrawn(qtbot, app, members):
    a, b = members["ajfar"], members["baraa"]
    shared = nid(43)
    at_a = register(a, shared)
    deliver(b, register(b, shared), b.profile.programs[0].code, dt.date(2026, 10, 20))
    for _ in range(2):
        exchange.import_file(b, exchange.export(a))
        exchange.import_file(a, exchange.export(b))
    view = shown(qtbot, ApplicantFileView(a, at_a))
    banner = view.coordination
    assert banner.isVisible() and banner.banner.isVisible()
    text = banner.banner.message.text()
    assert "مسجّل لدى" in text and NAMES["baraa"] in text
    month = month_text(a.profile, "2026-10")
    assert "أكتوبر" in month and month in text and b.profile.programs[0].name_ar in text
    assert banner.consent.isChecked()
    press(qtbot, banner.consent)  # the person withdraws
    assert not reveals.consent(a, at_a)
    assert not banner.banner.isVisible() and reveals.for_applicant(a, at_a).reveals == []


def test_nothing_shows_while_coordination_is_off(qtbot, app, ctx):
    person = register(ctx, nid(44), consent=False)
    view = shown(qtbot, ApplicantFileView(ctx, person))
    assert view.coordination.isHidden()
    page = shown(qtbot, CoordinationView(ctx))
    assert "التنسيق متوقف" in page.about.text()
    assert not page.export_button.isEnabled() and not page.import_button.isEnabled()


def test_the_exchange_page_holds_the_coordination_for_a_manager(qtbot, app, members):
    from ajfar_desk.ui.sync.sync_view import SyncView

    page = shown(qtbot, SyncView(members["ajfar"]))
    assert page.coordination is not None and page.tabs.count() == 3
    page.tabs.setFocus()
    for _ in range(2):
        qtbot.keyClick(page.tabs, Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)
    assert page.tabs.currentWidget().widget() is page.coordination
    assert page.tabs.tabText(2) == "التنسيق بين الجمعيات"
    assert page.coordination.export_button.isEnabled()
