"""Trial b: a branch laptop a day slow imported head office's bundle at the command line while
its window was open.  The terminal said «This computer's clock is 24 hours behind…»; the
window's exchange page still showed the old figures and never said a word about the clock.  Now
the page reads the store again when shown, and says whose clock is wrong for as long as the
last bundle from that peer says so (stored with the peer)."""

from __future__ import annotations

from ajfar_desk.services.sync import sync
from services.sync.test_sync import register
from services.sync.test_sync_collisions import DAY_MS, _set_clock
from syncnodes import exchange
from ui.sync.test_sync_ui import nodes, page, peer_row, plain  # noqa: F401 - the fixture


def test_a_slow_laptop_is_told_on_its_exchange_page_after_a_command_line_import(qtbot, app, nodes):  # noqa: F811
    hq, shr = nodes["HQ"], nodes["SHR"]
    view = page(qtbot, shr)
    assert not view.clock_banner.isVisible()
    register(hq, "سالم", "11111111")
    _set_clock(shr, -DAY_MS)
    exchange(hq, shr)  # as `sync import` does, in another process: the window hears nothing
    view.hide()
    view.show()  # the page shown again (the user comes back to it)
    qtbot.waitExposed(view)
    assert view.clock_banner.isVisible()
    assert "ساعة هذا الحاسوب" in plain(view.clock_banner.message.text())
    assert view.peers_model.rows[peer_row(view, "HQ")].received == 1 + 1  # the invitation's, this one
    [peer] = [p for p in sync.peers(hq) if p.branch == "SHR"]
    assert peer.clock_warning == ""  # head office has imported nothing from the laptop yet
    _set_clock(shr, 0)
    exchange(hq, shr)
    view.hide()
    view.show()
    assert not view.clock_banner.isVisible()  # set right: the warning goes
