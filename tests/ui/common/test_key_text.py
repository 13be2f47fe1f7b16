"""A key is written for the user one way (``ui.common.key_text``): as the keyboard names it,
isolated left to right so that it never flips inside Arabic, the same in the shortcuts sheet,
on the receipt's button and in the request page's keys."""

from __future__ import annotations

from PySide6.QtGui import QAction, QKeySequence

from ajfar_desk.domain.text import LRI, PDI
from ajfar_desk.i18n import _
from ajfar_desk.ui.common.key_text import key_text
from ajfar_desk.ui.papers.receipt_offer import RECEIPT_SHORTCUT, ReceiptOffer
from ajfar_desk.ui.requests.request_keys import shortcut_rows
from ajfar_desk.ui.shell.shortcuts_sheet import ShortcutsSheet


def test_a_key_reads_as_the_keyboard_names_it_isolated_left_to_right(app):
    # the Enter key is printed «Enter» on a PC keyboard; Qt calls it «Return» (trial 13, F1)
    assert key_text("Ctrl+Return") == f"{LRI}Ctrl+Enter{PDI}"
    assert key_text("Return") == f"{LRI}Enter{PDI}" and key_text("Esc") == f"{LRI}Esc{PDI}"
    assert key_text(QKeySequence("Alt+E")) == key_text("Alt+E") == f"{LRI}Alt+E{PDI}"
    assert key_text("ctrl+shift+f") == f"{LRI}Ctrl+Shift+F{PDI}"  # as Qt names it, not as typed


def test_the_sheet_the_receipt_and_the_request_keys_write_a_key_alike(qtbot, app, ctx):
    printing, guides = QAction("Print the list"), QAction("Guides")
    printing.setShortcut(QKeySequence("Ctrl+Shift+P"))
    guides.setShortcut(QKeySequence("F2"))
    sheet = ShortcutsSheet([printing], guides)
    qtbot.addWidget(sheet)
    assert ("Print the list", f"{LRI}Ctrl+Shift+P{PDI}") in sheet.rows()
    assert sheet.guides_button.text().endswith(f" ({LRI}F2{PDI})")
    assert (_("Submit the request"), key_text("Ctrl+Return")) in shortcut_rows()

    offer = ReceiptOffer(ctx)
    qtbot.addWidget(offer)
    assert key_text(RECEIPT_SHORTCUT) in offer.button.text()
    assert f"{LRI}Ctrl+R{PDI}" in offer.button.text()
