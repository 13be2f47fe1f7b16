"""The Guides page: the policy rendered (Markdown) or kept as written (plain text) under the
board's approval and the next review; the rights and duties shown and printed on one sheet; the
employee's library searched, opened with the system's viewer, added to; the blank support-request
form previewed. Driven with the keyboard."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from accounts import staff_accounts
from ajfar_desk.services.guides import library
from ajfar_desk.services.users import setup
from ajfar_desk.ui.guides import library_panel
from ajfar_desk.ui.guides.guides import LIBRARY_TAB, RIGHTS_TAB, GuidesView
from ajfar_desk.ui.guides.library_panel import AddDocumentDialog

from ..conftest import type_text

DAY = dt.date(2026, 12, 1)
ALT = Qt.KeyboardModifier.AltModifier


def _page(qtbot, ctx) -> GuidesView:
    page = GuidesView(ctx, today=DAY)
    qtbot.addWidget(page)
    page.resize(1300, 640)
    page.show()
    qtbot.waitExposed(page)
    page.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is page)
    return page


@pytest.fixture
def baraa(tmp_path):
    from ajfar_desk.services.store.store import Store

    store = Store.open(tmp_path / "baraa")
    yield setup.init_store(store, "baraa", None, "admin", "password123", "مدير النظام")
    store.close()


def test_markdown_is_rendered_and_plain_text_kept(qtbot, app, ctx, baraa):
    page = _page(qtbot, baraa)
    shown = page.browser.toPlainText()
    assert page.markdown and "**" not in shown and "## " not in shown
    assert "تمهيد:" in shown and "رقم الترخيص (1000651200)" in shown
    assert page.browser.document().toMarkdown().count("#") >= 6  # headings kept as headings
    plain = _page(qtbot, ctx)  # AlAjfar's policy is plain text: its lines as they are
    assert not plain.markdown
    assert plain.browser.toPlainText().strip() == ctx.profile.policy_text().strip()


def test_the_approval_line_and_the_review_in_both_calendars(qtbot, app, ctx, baraa):
    page = _page(qtbot, baraa)
    assert "اجتماع رقم (2) في دورته الأولى" in page.approval.text()
    assert "10/04/1446" in page.approval.text() and "13/10/2024" in page.approval.text()
    assert "13/10/2026" in page.review.text() and page.review.isVisibleTo(page)
    ajfar = _page(qtbot, ctx)  # Arabic-Indic digits; the Hijri date converted from 23/02/2023
    assert "٢٣/٠٢/٢٠٢٣" in ajfar.approval.text() and "١٤٤٤" in ajfar.approval.text()


def test_alt_2_shows_the_rights_and_alt_p_prints_them_on_one_sheet(qtbot, app, ctx):
    page = _page(qtbot, ctx)
    qtbot.keyClick(page.browser, Qt.Key.Key_2, ALT)
    assert page.tabs.currentIndex() == RIGHTS_TAB
    shown = page.rights.toPlainText()
    for item in ctx.profile.beneficiary.rights_ar + ctx.profile.beneficiary.duties_ar:
        assert item in shown
    qtbot.keyClick(page.rights, Qt.Key.Key_P, ALT)
    preview = page.sheet
    qtbot.waitUntil(lambda: preview.page_count() == 1)  # one sheet
    assert preview.isVisible() and preview.pdf_bytes.startswith(b"%PDF")
    preview.close()


def test_alt_w_says_the_rights_to_a_woman_on_the_screen_and_the_sheet(qtbot, app, ctx):
    from printing.pdfcheck import read
    from printing.test_receipt import flat, right_to_left

    page = _page(qtbot, ctx)
    qtbot.keyClick(page.browser, Qt.Key.Key_2, ALT)
    assert "فأنت مسؤول مسؤولية" in page.rights.toPlainText()
    qtbot.keyClick(page.rights, Qt.Key.Key_W, ALT)
    assert page.for_woman.isChecked()
    shown = page.rights.toPlainText()
    assert "فأنتِ مسؤولة مسؤولية" in shown and "فأنت مسؤول مسؤولية" not in shown
    for item in ctx.profile.beneficiary.items("rights", "ar", "female"):
        assert item in shown
    qtbot.keyClick(page.rights, Qt.Key.Key_P, ALT)
    preview = page.sheet
    qtbot.waitUntil(lambda: preview.page_count() == 1)
    words = flat(right_to_left(read(preview.pdf_bytes)))
    assert flat("فأنتِ مسؤولة مسؤولية مباشرة") in words and flat("فأنت مسؤول مسؤولية") not in words
    assert flat("حقوق المستفيدة وواجباتها") in words and flat("تواصلي عبر أي من قنوات الجمعية") in words
    preview.close()
    qtbot.keyClick(page.rights, Qt.Key.Key_W, ALT)  # back to the unmarked words
    assert "فأنت مسؤول مسؤولية" in page.rights.toPlainText()


def test_the_library_searched_opened_and_added_to(qtbot, app, ctx, tmp_path, monkeypatch):
    opened = []
    monkeypatch.setattr(library_panel, "open_with_system", lambda path: opened.append(path) or True)
    source = tmp_path / "دليل البحث.pdf"
    source.write_bytes(b"%PDF-1.4\n%test\n")
    page = _page(qtbot, ctx)
    qtbot.keyClick(page.browser, Qt.Key.Key_3, ALT)
    assert page.tabs.currentIndex() == LIBRARY_TAB and QApplication.focusWidget() is page.library.search
    assert page.library.model.rows == []
    # an empty library says why, and what to do: not «لا يوجد ما يُعرض» (trial 10)
    assert page.library.status.text().startswith("لم يُضَف أي مستند بعد") and "Alt+A" in page.library.status.text()
    qtbot.keyClick(page.library.search, Qt.Key.Key_A, ALT)  # an administrator adds one
    dialog = page.library.dialog
    assert isinstance(dialog, AddDocumentDialog)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.file)
    type_text(qtbot, dialog.file, str(source))
    qtbot.keyClick(dialog.file, Qt.Key.Key_Return)  # no kind: refused, nothing lost
    assert dialog.isVisible() and dialog.boxes["kind"].error.isVisible()
    assert dialog.title.text() == "دليل البحث"  # suggested from the file's name
    dialog.title.clear()
    type_text(qtbot, dialog.title, "دليل خدمات البحث الاجتماعي")
    dialog.kind.setFocus()
    while dialog.kind.code() != "research_guide":
        qtbot.keyClick(dialog.kind, Qt.Key.Key_Down)
    qtbot.keyClick(dialog.title, Qt.Key.Key_Return)
    assert not dialog.isVisible()
    page.activateWindow()  # the window manager gives the page back its keyboard
    qtbot.waitUntil(lambda: QApplication.activeWindow() is page)
    (item,) = page.library.model.rows
    assert item.title == "دليل خدمات البحث الاجتماعي" and item.present
    assert (library.folder(ctx) / item.file).read_bytes() == source.read_bytes()
    type_text(qtbot, page.library.search, "البحث الاجتماعى")  # another spelling finds it
    assert len(page.library.model.rows) == 1 and page.library.status.text() == "مستند واحد"
    qtbot.keyClick(page.library.search, Qt.Key.Key_Return)
    assert QApplication.focusWidget() is page.library.table
    qtbot.keyClick(page.library.table, Qt.Key.Key_Return)
    assert opened == [library.folder(ctx) / item.file]
    page.library.search.clear()
    type_text(qtbot, page.library.search, "لائحة")
    assert page.library.model.rows == []
    assert page.library.status.text() == "لا يطابق «لائحة» أي مستند."


def test_the_desk_reads_the_library_but_does_not_add(qtbot, app, ctx):
    as_ = staff_accounts(ctx, {"desk": ("front_desk", "نورة")})
    page = _page(qtbot, as_("desk"))
    page.tabs.setCurrentIndex(LIBRARY_TAB)
    assert page.library.add_button.isHidden() and not page.library.form_button.isHidden()
    assert "يضيفها مدير النظام" in page.library.status.text()  # the desk cannot add: who does
    assert page.library.add_document() is None
    preview = page.library.preview_form()
    assert preview.isVisible()
    preview.close()
