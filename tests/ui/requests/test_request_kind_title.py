"""The request page names what the request is: Najran's consumer complaint is «شكوى من
المستفيدة …», not «طلب دعم»; and the title follows the program chosen on a new request."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from ajfar_desk.services.store.store import Store
from ajfar_desk.services.users import setup
from ajfar_desk.ui.requests.request_form import RequestForm
from printing.scenario import submitted_request


@pytest.fixture
def najran(tmp_path):
    store = Store.open(tmp_path / "najran")
    yield setup.init_store(store, "najran", None, "admin", "password123", "مدير النظام")
    store.close()


def test_a_complaint_s_page_is_titled_a_complaint(qtbot, app, najran):
    a, request = submitted_request(najran, first="نورة", gender="female", submit=False)
    form = RequestForm(najran, a.id, request.id)
    qtbot.addWidget(form)
    assert form.title.text().startswith("شكوى من المستفيدة نورة")
    new = RequestForm(najran, a.id)  # a new request: the title follows the program chosen
    qtbot.addWidget(new)
    new.program.set_code("consumer_complaints")
    new.program.setFocus()
    qtbot.keyClick(new.program, Qt.Key.Key_Down)  # the next program: consumer advice
    assert new.program.code() == "consumer_consultation"
    assert new.title.text().startswith("طلب استشارة من المستفيدة نورة")
    qtbot.keyClick(new.program, Qt.Key.Key_End)  # the last: volunteering
    assert new.program.code() == "volunteering"
    assert new.title.text().startswith("طلب تطوع من نورة")
