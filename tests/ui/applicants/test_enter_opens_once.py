"""Enter that opens a page does only that: the new page's first button, which takes the keyboard,
is not pressed by the same key (seen at the desk: Enter in the search box opened the file and,
a moment later, its «Edit data» form; Enter on a request of the file would press the request
page's first button)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from ajfar_desk.services.requests import requests
from ajfar_desk.ui.applicants.applicant_view import ApplicantFileView
from ajfar_desk.ui.requests.request_form import RequestForm

from ..conftest import register, type_text

ENTER = Qt.Key.Key_Return


def test_enter_in_the_search_box_opens_the_file_and_nothing_else(qtbot, window, ctx):
    person = register(ctx, 61)
    window.home_action.trigger()
    type_text(qtbot, window.home.search_box, "محمد الشهري")
    qtbot.waitUntil(lambda: len(window.home.model.rows) == 1)
    qtbot.keyClick(window.home.search_box, ENTER)
    view = window.page
    assert isinstance(view, ApplicantFileView) and view.applicant_id == person.id
    qtbot.wait(300)  # a button pressed by that Enter would have clicked by now (animateClick)
    assert window.page is view
    assert view.isAncestorOf(QApplication.focusWidget())  # the keyboard is on the file

    # Enter on the file's request opens the request page, and nothing on it is pressed
    requests.create_request(ctx, person.id, "food_aid", "interview", "")
    view.refresh()
    view.tabs.setCurrentIndex(0)
    view.requests_table.setFocus()
    qtbot.keyClick(view.requests_table, ENTER)
    form = window.page
    assert isinstance(form, RequestForm)
    qtbot.wait(300)
    assert window.page is form and not form.error.isVisible()
    assert form.document_dialog is None and form.papers.dialog is None

    # a real Enter on a focused button of the page still presses it
    form.back_button.setFocus()
    qtbot.keyClick(form.back_button, ENTER)
    qtbot.waitUntil(lambda: isinstance(window.page, ApplicantFileView))
