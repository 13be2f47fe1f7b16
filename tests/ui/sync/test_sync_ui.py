"""The exchange page, driven with clicks: bundles exported and imported off the GUI thread, a
refused bundle that changes nothing, a conflict settled and a duplicate merged."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from accounts import staff_accounts
from ajfar_desk.services.sync import sync, sync_review
from ajfar_desk.ui.common import files
from ajfar_desk.ui.common.table_model import select_row
from ajfar_desk.ui.sync import sync_view as sv
from ajfar_desk.ui.sync.sync_view import SyncView
from services.sync.test_sync import register, set_field, value
from syncnodes import close, content, exchange, make_nodes


@pytest.fixture
def nodes(tmp_path):
    made = make_nodes(tmp_path / "nodes")
    yield made
    close(made)


def page(qtbot, ctx) -> SyncView:
    view = SyncView(ctx)
    qtbot.addWidget(view)
    view.resize(1200, 760)
    view.show()
    qtbot.waitExposed(view)
    return view


def click(qtbot, button) -> None:
    assert button.isVisible() and button.isEnabled(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def plain(text: str) -> str:
    return "".join(ch for ch in text if ch not in "\u200e\u200f\u2066\u2067\u2068\u2069")


def peer_row(view: SyncView, branch: str) -> int:
    return next(i for i, r in enumerate(view.peers_model.rows) if r.branch == branch)


def cell(model, row: int, column: int) -> str:
    return plain(model.data(model.index(row, column)))


def done(view: SyncView) -> bool:
    return view.job is None and view.import_button.isEnabled()


def choose_file(monkeypatch, path) -> None:
    monkeypatch.setattr(files, "save_file_name", lambda *a, **k: str(path))
    monkeypatch.setattr(files, "open_file_name", lambda *a, **k: str(path))


def test_a_round_trip_by_file_with_clicks(qtbot, app, nodes, tmp_path, monkeypatch):
    hq, shr = nodes["HQ"], nodes["SHR"]
    a = register(hq, "سالم", "11111111")
    at_hq, at_shr = page(qtbot, hq), page(qtbot, shr)
    assert "المقر الرئيسي" in at_hq.node_label.text()
    row = peer_row(at_hq, "SHR")
    assert cell(at_hq.peers_model, row, 0) == "المكتب الفرعي بشرورة"
    start = at_hq.peers_model.rows[row]
    before = start.pending
    assert before > 0 and cell(at_hq.peers_model, row, 4) == plain(sv.fmt.number(hq.profile, before))
    assert any("٠" <= ch <= "٩" for ch in cell(at_hq.peers_model, row, 4))  # najran: Arabic-Indic digits

    to_shr = tmp_path / "hq-to-shr.ajfar"
    choose_file(monkeypatch, to_shr)
    select_row(at_hq.peers, row)
    assert at_hq.suggested_name(at_hq.selected_peer()).startswith("NJR-HQ-to-SHR-")
    click(qtbot, at_hq.export_button)
    assert at_hq.job is not None and not at_hq.export_button.isEnabled()  # busy meanwhile
    assert at_hq.progress.isVisible()
    qtbot.waitUntil(lambda: done(at_hq), timeout=10_000)
    assert to_shr.stat().st_size > 0 and at_hq.result.isVisible()
    assert at_hq.peers_model.rows[row].sent == start.sent + 1 and cell(at_hq.peers_model, row, 2) != sv._("never")

    click(qtbot, at_shr.import_button)
    assert not at_shr.import_button.isEnabled()
    qtbot.waitUntil(lambda: done(at_shr), timeout=10_000)
    assert not at_shr.banner.isVisible() and at_shr.result.isVisible()
    assert at_shr.last_result.applied >= 1
    assert value(shr, a.id, "first_name") == "سالم"

    # and back: head office learns what the branch received; what waits drops
    back = tmp_path / "shr-to-hq.ajfar"
    at_shr.export_to(sync.node(hq).id, back)
    qtbot.waitUntil(lambda: done(at_shr), timeout=10_000)
    at_hq.import_from(back)
    qtbot.waitUntil(lambda: done(at_hq), timeout=10_000)
    after = at_hq.peers_model.rows[peer_row(at_hq, "SHR")]
    # only head office's own audit entries of this exchange are left to send
    assert after.pending < before and after.received == start.received + 1 and after.sent == start.sent + 1
    assert after.pending <= 3


@pytest.mark.parametrize("damage", ["truncate", "again"])
def test_a_refused_bundle_shows_why_and_changes_nothing(qtbot, app, nodes, tmp_path, damage):
    hq, shr = nodes["HQ"], nodes["SHR"]
    register(hq, "سالم", "11111111")
    path = tmp_path / "bundle.ajfar"
    data = sync.export_bundle(hq, sync.node(shr).id)
    if damage == "again":
        sync.import_bundle(shr, data)
    else:
        data = data[: len(data) // 2]
    path.write_bytes(data)
    view = page(qtbot, shr)
    before = content(shr)
    view.import_from(path)
    qtbot.waitUntil(lambda: done(view), timeout=10_000)
    assert view.banner.isVisible() and not view.result.isVisible()
    text = view.banner.message.text()
    assert "لم يتغير شيء" in text or "Nothing was changed" in text
    assert content(shr) == before


def test_a_conflict_is_settled_with_a_click(qtbot, app, nodes):
    hq, shr = nodes["HQ"], nodes["SHR"]
    a = register(hq, "سالم", "11111111")
    exchange(hq, shr)
    set_field(hq, a.id, city="الرياض")
    set_field(shr, a.id, city="شرورة")  # later on the clock: it wins
    exchange(hq, shr)
    view = page(qtbot, shr)
    assert len(view.conflicts.model.rows) == 1
    assert "١" in view.tabs.tabText(0)
    view.tabs.setCurrentWidget(view.conflicts)
    model = view.conflicts.model
    assert cell(model, 0, 3) == "شرورة" and cell(model, 0, 4) == "الرياض"
    select_row(view.conflicts.table, 0)
    click(qtbot, view.conflicts.restore_button)
    assert value(shr, a.id, "city") == "الرياض"  # the value that lost is back on this node
    assert view.conflicts.model.rows == [] and "٠" in view.tabs.tabText(0)
    assert not view.conflicts.restore_button.isEnabled()
    assert [c.status for c in sync_review.conflicts(shr, None)] == ["settled"]


def test_a_duplicate_is_merged_with_a_click(qtbot, app, nodes, answers):
    hq, shr, hbn = nodes["HQ"], nodes["SHR"], nodes["HBN"]
    first = register(shr, "سالم", "33333333")
    register(hbn, "سالم", "33333333", city="حبونا")
    exchange(shr, hq)
    exchange(hbn, hq)
    as_ = staff_accounts(hq, {"rep": ("branch_rep", "ماجد مندوب الفرع")})
    view = page(qtbot, as_("rep"))
    assert len(view.duplicates.model.rows) == 1
    view.tabs.setCurrentWidget(view.duplicates)
    model = view.duplicates.model
    assert "المكتب الفرعي بشرورة" in cell(model, 0, 1) and "حبونا" in cell(model, 0, 2)
    click(qtbot, view.duplicates.merge_button)
    dialog = view.duplicates.dialog
    qtbot.waitExposed(dialog)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # nothing ticked: closes without asking
    assert not dialog.isVisible() and not answers.asked and len(view.duplicates.model.rows) == 1
    click(qtbot, view.duplicates.merge_button)
    qtbot.waitExposed(view.duplicates.dialog)
    qtbot.keyClick(view.duplicates.dialog, Qt.Key.Key_Return)
    assert view.duplicates.model.rows == [] and "٠" in view.tabs.tabText(1)
    assert [d.status for d in sync_review.duplicates(hq, None)] == ["merged"]
    assert value(hq, first.id, "first_name") == "سالم"


def test_the_page_follows_changes_and_languages(qtbot, app, nodes):
    hq = nodes["HQ"]
    view = page(qtbot, hq)
    row = peer_row(view, "SHR")
    pending = view.peers_model.rows[row].pending
    register(hq, "سالم", "11111111")
    view.on_change("applicant", None)
    assert view.peers_model.rows[peer_row(view, "SHR")].pending > pending
    from ajfar_desk.ui.shell.language import apply_language

    apply_language("en")
    view.retranslate()
    assert cell(view.peers_model, peer_row(view, "SHR"), 0) == "Sharurah branch office"
    assert "Conflicts to review" in view.tabs.tabText(0)
    assert "0" in view.tabs.tabText(0)  # English screens: Western digits


def test_the_import_says_what_to_review_in_plain_words(qtbot, app, nodes):
    """Trial: «وللمراجعة ٠ تعارض، والمسجل مرتين ٠ ملف» after a clean import; a reader expects
    to be told there is nothing to review, and only what there is when there is some."""
    view = page(qtbot, nodes["HQ"])
    clean = sync.ImportResult("n", "SHR", 1, 12, 12, 0, 0, 0)
    text = plain(view._result_text(clean))
    assert "المكتب الفرعي بشرورة" in text and "١٢ تغييرًا" in text
    assert "لا شيء للمراجعة" in text and "٠" not in text
    some = sync.ImportResult("n", "SHR", 2, 12, 9, 3, 1, 2)
    text = plain(view._result_text(some))
    assert "تعارض واحد للمراجعة" in text and "ملفان مسجلان مرتين" in text and "لا شيء" not in text
    conflicts_only = sync.ImportResult("n", "SHR", 3, 20, 20, 0, 11, 0)
    text = plain(view._result_text(conflicts_only))
    assert "١١ تعارضًا للمراجعة" in text and "مرتين" not in text


def test_the_keyboard_stays_on_the_button_that_started_the_exchange(qtbot, app, nodes, tmp_path, monkeypatch):
    """Trial: after an import by Space on «Import a bundle…» the focus had moved on (the button
    is disabled meanwhile) to «Enrol a branch laptop…», and the next Space opened that."""
    hq, shr = nodes["HQ"], nodes["SHR"]
    register(hq, "سالم", "11111111")
    path = tmp_path / "hq-to-shr.ajfar"
    path.write_bytes(sync.export_bundle(hq, sync.node(shr).id))
    choose_file(monkeypatch, path)
    view = page(qtbot, shr)
    view.activateWindow()
    view.import_button.setFocus()
    qtbot.waitUntil(view.import_button.hasFocus, timeout=2000)
    qtbot.keyClick(view.import_button, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: done(view), timeout=10_000)
    assert view.result.isVisible()
    assert view.import_button.hasFocus()


def test_the_page_s_keys_press_its_buttons(qtbot, app, nodes, tmp_path, monkeypatch):
    """Alt+I imports, Alt+E exports for the selected peer, Alt+N enrols (head office only), each
    named in its button's tooltip; the shortcuts sheet lists them (page actions)."""
    hq, shr = nodes["HQ"], nodes["SHR"]
    register(hq, "سالم", "11111111")
    path = tmp_path / "hq-to-shr.ajfar"
    choose_file(monkeypatch, path)
    at_hq = page(qtbot, hq)
    at_hq.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is at_hq)
    at_hq.peers.setFocus()
    select_row(at_hq.peers, peer_row(at_hq, "SHR"))
    qtbot.keyClick(at_hq.peers, Qt.Key.Key_E, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: done(at_hq) and path.exists(), timeout=10_000)
    assert "Alt+E" in plain(at_hq.export_button.toolTip())
    at_shr = page(qtbot, shr)
    at_shr.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is at_shr)
    at_shr.peers.setFocus()
    qtbot.keyClick(at_shr.peers, Qt.Key.Key_I, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: done(at_shr) and at_shr.last_result is not None, timeout=10_000)
    assert at_shr.last_result.applied >= 1  # head office's bundle, imported by Alt+I
    assert "enrol_button" not in at_shr.keys and "enrol_button" in at_hq.keys  # a laptop enrols no one
    qtbot.keyClick(at_shr.peers, Qt.Key.Key_N, Qt.KeyboardModifier.AltModifier)
    assert at_shr.enrol_dialog is None


def test_a_new_head_office_is_told_what_to_do_first(qtbot, app, tmp_path):
    """Trial: a new head office's Exchange page showed an empty table and nothing else."""
    from ajfar_desk.services.store.store import Store
    from ajfar_desk.services.users import setup

    hq = setup.init_store(Store.open(tmp_path / "hq"), "najran", None, "admin", "password123", "مدير")
    made = make_nodes(tmp_path / "n", branches=("SHR",))
    try:
        view = page(qtbot, hq)
        assert view.peers_model.rows == [] and view.no_peer.isVisible() and not view.peers.isVisible()
        assert "Alt+N" in plain(view.no_peer.text())
        assert not page(qtbot, made["SHR"]).no_peer.isVisible()  # it has head office
    finally:
        hq.store.close()
        close(made)


def test_what_waits_is_what_the_peer_has_not_confirmed(qtbot, app, nodes, tmp_path):
    """Trial: right after «Export…» the column «تغييرات بانتظار الإرسال» still read ٤: they had
    been sent, not yet confirmed (the peer confirms with its next bundle back)."""
    hq = nodes["HQ"]
    register(hq, "سالم", "11111111")
    view = page(qtbot, hq)
    row = peer_row(view, "SHR")
    view.export_to(view.peers_model.rows[row].node, tmp_path / "b.ajfar")
    qtbot.waitUntil(lambda: done(view), timeout=10_000)
    assert view.peers_model.rows[row].pending > 0  # sent, and still counted
    header = plain(view.peers_model.headerData(4, Qt.Orientation.Horizontal))
    assert "الإرسال" not in header and "تأكيد" in header
