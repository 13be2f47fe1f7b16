"""One digit rule in every box where a number is typed: a search box shows an ID or a phone typed
from the laptop's number row in the profile's digits, as the forms' fields do, the cursor where it
was; a request reference ("AJF-1448-…", a code with Latin letters) keeps its Western digits and is
still found; the phone lookup under the search answers the number so shown; English shows Western."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from ajfar_desk.domain.digits import ARABIC_INDIC, WESTERN, to_arabic_digits
from ajfar_desk.services.guides import library
from ajfar_desk.services.requests import requests
from ajfar_desk.ui.common import fmt
from ajfar_desk.ui.shell.language import apply_language

from ..conftest import national_id, page_by_keys, register

SEARCH_BOXES = {  # the page's key (Ctrl+Shift+…) and its search box
    "worklist": (Qt.Key.Key_R, "search"),
    "complaints": (Qt.Key.Key_K, "search"),
    "enquiries": (Qt.Key.Key_J, "search"),
}


def test_the_home_search_shows_an_id_in_the_profiles_digits_and_finds_her(qtbot, window, ctx):
    her = register(ctx, 5151, phone="0551112233")
    draft = requests.create_request(ctx, her.id, "food_aid", "interview", "")
    box = window.home.search_box
    qtbot.keyClicks(box, national_id(5151))  # Western digits from the number row
    assert box.text() == to_arabic_digits(national_id(5151))
    assert box.cursorPosition() == 10
    qtbot.waitUntil(lambda: [h.id for h in window.home.model.rows] == [her.id])
    # the phone lookup under it found her request by the number shown
    qtbot.waitUntil(lambda: window.home.lookup_list.count() == 1)
    assert fmt.ident(ctx.profile, draft.reference) in window.home.lookup_list.item(0).text()

    # a digit typed in the middle lands there, in the profile's digits; the cursor stays after it
    box.setCursorPosition(4)
    qtbot.keyClick(box, Qt.Key.Key_Backspace)
    qtbot.keyClicks(box, national_id(5151)[3])
    assert box.text() == to_arabic_digits(national_id(5151)) and box.cursorPosition() == 4

    # her phone, as she says it
    box.clear()
    qtbot.keyClicks(box, "0551112233")
    assert box.text() == "٠٥٥١١١٢٢٣٣"
    qtbot.waitUntil(lambda: [h.id for h in window.home.model.rows] == [her.id])

    # a reference keeps the digits it is printed with, and is found
    box.clear()
    qtbot.keyClicks(box, draft.reference)
    assert box.text() == draft.reference
    qtbot.waitUntil(lambda: [h.id for h in window.home.model.rows] == [her.id])


@pytest.mark.parametrize("tool", sorted(SEARCH_BOXES))
def test_every_pages_search_box_follows_the_profiles_digits(qtbot, window, ctx, tool):
    key, attribute = SEARCH_BOXES[tool]
    page = page_by_keys(qtbot, window, key)
    assert page is window.tool_pages[tool]
    box = getattr(page, attribute)
    qtbot.keyClicks(box, "0551112233")
    assert box.text() == "٠٥٥١١١٢٢٣٣"
    box.clear()
    qtbot.keyClicks(box, "AJF-1448-000123")
    assert box.text() == "AJF-1448-000123"


def test_the_audit_filter_and_the_library_search_follow_it_too(qtbot, window, ctx, tmp_path):
    box = window.show_tool("audit").filter
    qtbot.keyClicks(box, "2024")
    assert box.text() == "٢٠٢٤"

    source = tmp_path / "guide.pdf"
    source.write_bytes(b"%PDF-1.4\n%%EOF\n")
    library.add_document(ctx, source, "دليل الدعم 2024", "other")
    library.add_document(ctx, source, "دليل الدعم 2023", "other")
    window.show_guides()
    panel = window.guides.library
    panel.reload()
    qtbot.keyClicks(panel.search, "2024")
    assert panel.search.text() == "٢٠٢٤"
    qtbot.waitUntil(lambda: [i.title for i in panel.model.rows] == ["دليل الدعم 2024"])


def test_the_english_screen_shows_western_digits_and_a_language_switch_shows_them_again(
        qtbot, app, window):
    box = window.home.search_box
    qtbot.keyClicks(box, "0551112233")
    assert box.text() == "٠٥٥١١١٢٢٣٣"
    apply_language("en", app)  # Qt posts the change to every window
    qtbot.waitUntil(lambda: box.text() == "0551112233")
    assert not any(ch in ARABIC_INDIC for ch in box.text())
    qtbot.keyClicks(box, "4")
    assert box.text() == "05511122334" and all(ch in WESTERN for ch in box.text())
