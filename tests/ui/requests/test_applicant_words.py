"""Every message about the applicant on the request page and its papers in her or his gender
(trial 9: «لم يوقّع المتقدم» beside options reading «المتقدمة»), and the checklist's words in
the agreement of the document's Arabic name («الهوية الوطنية: سارية», «سجل الأسرة: ساري»)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from ajfar_desk.domain.gendered import feminine_noun
from ajfar_desk.services.applicants import applicants
from printing.eligibility_scenario import draft

from .test_request_tab_order import aman_desk  # noqa: F401 - the fixture


def lines(widget) -> list[str]:
    return [widget.item(i).text() for i in range(widget.count())]


def test_a_woman_applicant_is_named_in_the_feminine_everywhere(qtbot, aman_desk):  # noqa: F811
    ctx, window = aman_desk
    req = draft(ctx)
    window.open_request(req.id)
    form = window.page
    texts = lines(form.checklist)
    assert any("الهوية الوطنية: سارية حتى" in t for t in texts), texts
    assert any("سجل الأسرة: موجود وساري" in t for t in texts), texts
    assert form.boxes["description"].label.text() == "ما تطلبه المستفيدة"
    assert "للمتقدمة" in form.receipt.button.text() and "المتقدمة" in form.receipt.button.toolTip()
    # submitted without the confirmation: refused, naming her
    qtbot.keyClick(form.submit_button, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert "المتقدمة غير مستوفية" in form.error.text()
    assert form.eligibility.confirm_title.text() == "تأكيد ما تم التحقق منه مع المتقدمة:"
    # the declaration on the pad, left empty
    qtbot.keyClick(form, Qt.Key.Key_P, Qt.KeyboardModifier.AltModifier)
    dialog = form.papers.dialog
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Return)
    assert "لم تُوقِّع المتقدمة" in dialog.error.text()


def test_a_missing_document_agrees_with_its_name(qtbot, aman_desk):  # noqa: F811
    ctx, window = aman_desk
    req = draft(ctx)
    person = applicants.get(ctx, req.applicant_id, record_open=False)
    national = next(d for d in person.documents if d.kind == "national_id")
    applicants.remove_document(ctx, national.id)
    window.open_request(req.id)
    texts = lines(window.page.checklist)
    assert any("الهوية الوطنية: غير موجودة" in t for t in texts), texts


def test_the_names_rule():
    assert feminine_noun("الهوية الوطنية") and feminine_noun("الإقامة")
    assert feminine_noun("إفادة قيد دراسي (تعريف طالب)")
    assert not feminine_noun("سجل الأسرة") and not feminine_noun("المؤهل الدراسي")
    assert not feminine_noun("إثبات الدخل (تعريف بالراتب أو إفادة الضمان الاجتماعي)")
