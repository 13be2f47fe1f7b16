"""Enrol a branch laptop from the exchange page, by keyboard: mistakes said by field, the
invitation written off the GUI thread, and the written file joins a second store."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QScrollArea

from ajfar_desk.domain.text import strip_bidi_controls
from ajfar_desk.services.applicants import search
from ajfar_desk.services.store.store import Store
from ajfar_desk.services.sync import sync, sync_enrol
from ajfar_desk.ui.sync.enrol_dialog import EnrolDialog
from ajfar_desk.ui.sync.sync_view import SyncView
from services.sync.test_sync import register
from syncnodes import close, make_nodes

from ..conftest import type_text

PASS = "سر الفرع الجديد 2026"


@pytest.fixture
def nodes(tmp_path):
    made = make_nodes(tmp_path / "nodes", branches=("SHR",))  # HBN has no laptop yet
    yield made
    close(made)


def open_dialog(qtbot, hq) -> tuple[SyncView, EnrolDialog]:
    view = SyncView(hq)
    qtbot.addWidget(view)
    view.resize(1200, 700)
    view.show()
    qtbot.waitExposed(view)
    assert view.enrol_button.isVisible()
    view.enrol_button.setFocus()
    qtbot.keyClick(view.enrol_button, Qt.Key.Key_Space)
    dialog = view.enrol_dialog
    qtbot.waitExposed(dialog)
    return view, dialog


def errors(dialog) -> dict[str, str]:
    return {field: box.error.text() for field, box in dialog.boxes.items() if box.error.isVisibleTo(dialog)}


def test_enrol_a_branch_by_keyboard_and_join_with_the_file(qtbot, app, nodes, tmp_path, answers):
    hq = nodes["HQ"]
    register(hq, "مبارك", "22222222")
    view, dialog = open_dialog(qtbot, hq)
    assert dialog.focusWidget() is dialog.branch  # opens on its first field
    assert [b.code for b in dialog.branches] == ["HBN"]  # HQ is this node, SHR has its laptop

    qtbot.keyClick(dialog.branch, Qt.Key.Key_Return)  # Enter with nothing filled in
    assert set(errors(dialog)) >= {"branch", "passphrase"}
    assert not (tmp_path / "out").exists()

    qtbot.keyClick(dialog.branch, Qt.Key.Key_Down)
    assert dialog.branch.code() == "HBN"
    hbn = hq.profile.branch("HBN")
    assert hbn.name("ar") in dialog.names.text() and hbn.name("en") in dialog.names.text()  # both names
    qtbot.keyClicks(dialog.passphrase, "short")
    type_text(qtbot, dialog.passphrase2, "short")
    qtbot.keyClick(dialog.passphrase2, Qt.Key.Key_Return)
    assert "passphrase" in errors(dialog) and "branch" not in errors(dialog)

    dialog.passphrase.clear()
    type_text(qtbot, dialog.passphrase, PASS)
    dialog.passphrase2.clear()
    type_text(qtbot, dialog.passphrase2, PASS + "!")
    qtbot.keyClick(dialog.passphrase2, Qt.Key.Key_Return)
    assert list(errors(dialog)) == ["passphrase2"]

    folder = tmp_path / "usb"
    folder.mkdir()
    dialog.passphrase2.clear()
    type_text(qtbot, dialog.passphrase2, PASS)
    dialog.out.clear()
    qtbot.keyClicks(dialog.out, str(folder))  # a folder, not a file: refused by its field
    qtbot.keyClick(dialog.out, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "out" in errors(dialog), timeout=20000)
    assert dialog.ok.isEnabled() and dialog.isVisible()  # nothing stuck
    assert "HBN" not in {p.branch for p in sync.peers(hq)}  # and nothing registered

    target = folder / "hbn.ajfi"
    dialog.out.clear()
    qtbot.keyClicks(dialog.out, str(target))
    with qtbot.waitSignal(dialog.enrolled, timeout=60000) as enrolled:
        qtbot.keyClick(dialog.out, Qt.Key.Key_Return)
        assert not dialog.ok.isEnabled()  # busy: no second invitation by a second Enter
    assert enrolled.args == ["HBN"]
    assert answers.shown and str(target) in strip_bidi_controls(answers.shown[-1][1])
    assert "HBN" in {p.branch for p in view.peers_model.rows}  # the page shows the new peer
    assert view.result.isVisible()

    laptop = Store.open(tmp_path / "laptop")
    try:
        ctx, result = sync_enrol.join(laptop, target.read_bytes(), PASS)
        assert ctx.branch.code == "HBN" and result.changes > 0
        from ajfar_desk.services.users import setup

        setup.sign_in(ctx, "admin", "password123")
        assert [hit.full_name.split()[0] for hit in search.search(ctx, "مبارك")] == ["مبارك"]
    finally:
        laptop.close()


def test_every_branch_enrolled_says_so(qtbot, app, tmp_path):
    made = make_nodes(tmp_path / "all", branches=("SHR", "HBN"))
    try:
        _view, dialog = open_dialog(qtbot, made["HQ"])
        assert dialog.branches == [] and not dialog.ok.isEnabled()
        assert dialog.error.isVisibleTo(dialog)
    finally:
        close(made)


def test_esc_asks_before_throwing_a_typed_passphrase_away(qtbot, app, nodes, answers):
    view, dialog = open_dialog(qtbot, nodes["HQ"])
    qtbot.keyClick(dialog.branch, Qt.Key.Key_Escape)  # nothing typed: closes at once
    assert not dialog.isVisible() and answers.asked == []
    view, dialog = open_dialog(qtbot, nodes["HQ"])
    type_text(qtbot, dialog.passphrase, PASS)
    answers.replies = [False]
    qtbot.keyClick(dialog.passphrase, Qt.Key.Key_Escape)
    assert dialog.isVisible() and dialog.passphrase.text() == PASS and len(answers.asked) == 1
    with qtbot.waitSignal(dialog.finished):
        qtbot.keyClick(dialog.passphrase, Qt.Key.Key_Escape)  # yes: thrown away
    assert "HBN" not in {p.branch for p in sync.peers(nodes["HQ"])}


def test_the_fields_take_the_dialog_s_height(qtbot, app, nodes):
    """Trial at 1366×768: the fields scrolled in a 266 px strip, the passphrase out of sight,
    above a blank gap as tall again (the layout's stretch sat outside the scroll area)."""
    _view, dialog = open_dialog(qtbot, nodes["HQ"])
    area = dialog.findChild(QScrollArea)
    wanted = area.widget().sizeHint().height()
    assert dialog.height() > wanted + dialog.title.height() + dialog.buttons.height()  # room for all
    assert area.height() >= wanted
    qtbot.waitUntil(lambda: not area.verticalScrollBar().isVisible(), timeout=3000)
    gap = dialog.buttons.geometry().top() - area.geometry().bottom()
    assert gap < 40  # the error line's room, no blank band


def test_a_branch_laptop_offers_no_enrolment(qtbot, app, nodes):
    """Only head office enrols (``sync_enrol.may_enrol``): the laptop's page has no such button."""
    view = SyncView(nodes["SHR"])
    qtbot.addWidget(view)
    view.show()
    qtbot.waitExposed(view)
    assert not view.enrol_button.isVisible() and view.import_button.isVisible()


def test_the_written_invitation_s_path_reads_left_to_right(qtbot, app, nodes, tmp_path, answers):
    """Trial: «كُتبت الدعوة في /tmp/usb/x.ajfi» showed its leading slash at the end in RTL."""
    _view, dialog = open_dialog(qtbot, nodes["HQ"])
    qtbot.keyClick(dialog.branch, Qt.Key.Key_Down)
    type_text(qtbot, dialog.passphrase, PASS)
    type_text(qtbot, dialog.passphrase2, PASS)
    target = tmp_path / "hbn.ajfi"
    dialog.out.clear()
    qtbot.keyClicks(dialog.out, str(target))
    with qtbot.waitSignal(dialog.enrolled, timeout=60000):
        qtbot.keyClick(dialog.out, Qt.Key.Key_Return)
    text = answers.shown[-1][1]
    assert "\u2066" in text  # isolated, left to right
    assert strip_bidi_controls(text[text.index("\u2066"):]).startswith(str(target))
