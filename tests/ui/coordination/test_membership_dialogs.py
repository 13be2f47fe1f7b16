"""Founding a consortium, inviting an association and joining with the invitation, from the
coordination page with the keyboard: each mistake under its field, Esc cancels, and the page of
the association that joined shows the members."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import QRect, Qt

from ajfar_desk.domain.text import ltr_code
from ajfar_desk.services.coordination import membership
from ajfar_desk.services.store.store import Store
from ajfar_desk.services.users import setup
from ajfar_desk.ui.common import files
from ajfar_desk.ui.coordination.coordination_view import CoordinationView
from ajfar_desk.ui.coordination.membership_dialogs import MembershipDialog
from consortium import NAMES, PASSPHRASE
from ui.fitcheck import misfits

from ..conftest import type_text
from .test_coordination_ui import press, shown

CONSORTIUM = "تنسيق جمعيات الشمال"


@pytest.fixture
def pair(tmp_path):
    made = {code: setup.init_store(Store.open(tmp_path / code), code, None, "admin", "password123",
                                   "مدير النظام") for code in ("ajfar", "baraa")}
    yield made
    for ctx in made.values():
        ctx.store.close()


def open_dialog(qtbot, view: CoordinationView, key: str) -> MembershipDialog:
    press(qtbot, view.membership.buttons[key])
    dialog = view.membership.dialog
    assert dialog is not None
    qtbot.waitExposed(dialog)
    return dialog


def enter(qtbot, dialog: MembershipDialog) -> None:
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Return)


def errors(dialog: MembershipDialog) -> dict[str, str]:
    return {f: box.error.text() for f, box in dialog.boxes.items() if box.error.isVisibleTo(dialog)}


def visible(view: CoordinationView) -> set[str]:
    return {key for key, button in view.membership.buttons.items() if button.isVisibleTo(view)}


def save_as(monkeypatch, path) -> None:
    monkeypatch.setattr(files, "save_file_name", lambda *a, **k: str(path))


def test_found_invite_and_join_with_the_keyboard(qtbot, app, pair, tmp_path, monkeypatch, answers):
    a, b = pair["ajfar"], pair["baraa"]
    at_a, at_b = shown(qtbot, CoordinationView(a)), shown(qtbot, CoordinationView(b))
    assert visible(at_a) == {"found", "join"}
    assert "تأسيس تنسيق" in at_a.about.text() and "ajfar-desk" not in at_a.about.text()
    assert misfits(at_a, QRect(0, 0, 1366, 728)) == []

    # Esc cancels, nothing changes
    dialog = open_dialog(qtbot, at_a, "join")
    assert dialog.focusWidget() is dialog.file
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Escape)
    assert not dialog.isVisible() and not membership.coordinating(a)

    # found: the name first, then the charter's file
    dialog = open_dialog(qtbot, at_a, "found")
    assert dialog.focusWidget() is dialog.name
    enter(qtbot, dialog)
    assert set(errors(dialog)) == {"name"} and dialog.isVisible()
    charter = tmp_path / "charter.json"
    save_as(monkeypatch, charter)
    type_text(qtbot, dialog.name, CONSORTIUM)
    enter(qtbot, dialog)
    assert not dialog.isVisible() and membership.coordinating(a)
    written = json.loads(charter.read_text(encoding="utf-8"))
    assert written["name"] == CONSORTIUM
    assert answers.shown and ltr_code(written["fingerprint"]) in answers.shown[-1][1]
    assert visible(at_a) == {"invite"} and CONSORTIUM in at_a.about.text()
    at_a.resize(1240, 600)  # the page inside the window on a 1280×720 screen
    qtbot.wait(10)
    assert misfits(at_a, QRect(0, 0, 1280, 680)) == []

    # invite: the name, the passphrase twice (hidden), then the file
    dialog = open_dialog(qtbot, at_a, "invite")
    assert dialog.passphrase.echoMode() == dialog.passphrase.EchoMode.Password
    type_text(qtbot, dialog.member, NAMES["baraa"])
    qtbot.keyClick(dialog.member, Qt.Key.Key_Tab)
    qtbot.keyClicks(dialog.focusWidget(), "short")
    enter(qtbot, dialog)
    assert set(errors(dialog)) == {"passphrase"}
    dialog.passphrase.clear()
    qtbot.keyClicks(dialog.passphrase, PASSPHRASE)
    qtbot.keyClick(dialog.passphrase, Qt.Key.Key_Tab)
    qtbot.keyClicks(dialog.focusWidget(), PASSPHRASE + "!")
    enter(qtbot, dialog)
    assert set(errors(dialog)) == {"passphrase2"}
    dialog.passphrase2.clear()
    qtbot.keyClicks(dialog.passphrase2, PASSPHRASE)
    invitation = tmp_path / "baraa.ajfci"
    save_as(monkeypatch, invitation)
    enter(qtbot, dialog)
    assert not dialog.isVisible() and invitation.read_bytes().startswith(membership.MAGIC)

    # the same name again: the service's refusal under the name, no file left behind
    dialog = open_dialog(qtbot, at_a, "invite")
    type_text(qtbot, dialog.member, NAMES["baraa"])
    for edit in (dialog.passphrase, dialog.passphrase2):
        qtbot.keyClicks(edit, PASSPHRASE)
    save_as(monkeypatch, tmp_path / "again.ajfci")
    enter(qtbot, dialog)
    assert "براعة" in errors(dialog)["member"] and dialog.isVisible()
    assert not (tmp_path / "again.ajfci").exists()
    answers.replies.append(True)  # discard what was typed
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Escape)
    assert not dialog.isVisible()

    # join: the file, a wrong passphrase refused under it, then the right one
    dialog = open_dialog(qtbot, at_b, "join")
    qtbot.keyClicks(dialog.file, str(tmp_path / "missing.ajfci"))
    enter(qtbot, dialog)
    assert set(errors(dialog)) == {"invitation"}
    dialog.file.clear()
    qtbot.keyClicks(dialog.file, str(invitation))
    qtbot.keyClick(dialog.file, Qt.Key.Key_Tab)
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Tab)  # past «اختيار…» to the passphrase
    assert dialog.focusWidget() is dialog.passphrase
    qtbot.keyClicks(dialog.passphrase, "wrong passphrase")
    enter(qtbot, dialog)
    assert set(errors(dialog)) == {"passphrase"} and not membership.coordinating(b)
    dialog.passphrase.clear()
    qtbot.keyClicks(dialog.passphrase, PASSPHRASE)
    enter(qtbot, dialog)
    assert not dialog.isVisible()
    assert sorted(m.name for m in at_b.members_model.rows) == sorted([a.profile.name("ar"), NAMES["baraa"]])
    assert CONSORTIUM in at_b.about.text() and at_b.export_button.isEnabled()
    assert visible(at_b) == {"invite"}
