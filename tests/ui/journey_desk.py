"""The desk's part of the journey: the sign-in handed from one person to the next, the first
run, registration, the request and its papers, delivery, survey and a complaint."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog

from ajfar_desk.domain import documents as paper
from ajfar_desk.domain import requests as rules
from ajfar_desk.domain import workflow as wf
from ajfar_desk.services.applicants import applicants
from ajfar_desk.services.feedback import complaints, surveys
from ajfar_desk.services.papers import documents
from ajfar_desk.services.requests import requests
from ajfar_desk.ui.applicants.applicant_form import ApplicantForm
from ajfar_desk.ui.applicants.applicant_view import ApplicantFileView
from ajfar_desk.ui.feedback.complaint_detail import ComplaintDialog
from ajfar_desk.ui.feedback.complaint_dialogs import NewComplaintDialog
from ajfar_desk.ui.feedback.complaints_view import ComplaintsView
from ajfar_desk.ui.papers.paper_dialogs import DeclarationDialog
from ajfar_desk.ui.requests.request_form import RequestForm
from ajfar_desk.ui.requests.step_dialogs import DeliveryDialog
from ajfar_desk.ui.shell.app import build_main_window, sign_in_or_set_up
from ajfar_desk.ui.shell.first_run import FirstRunDialog
from ajfar_desk.ui.shell.sign_in import SignInDialog

from .journey_keys import ALT, CTRL, SHIFT, keys, maximise, press, ready, shot, tab_to, write
from .papers.test_papers_ui import draw

K = Qt.Key
PASSWORD = "password123"
STAFF = {  # user name -> (role, full name): made by the administrator's service, not typed
    "desk": ("front_desk", "نورة موظفة الاستقبال"),
    "researcher": ("researcher", "خالد الباحث الاجتماعي"),
    "member": ("committee", "سعد عضو اللجنة"),
    "boss": ("manager", "منيرة المديرة"),
}


def first_run(qtbot, store):
    dialog = FirstRunDialog(store)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    ready(qtbot, dialog, dialog.create_button)
    # the full name, the gender (the first: male), the password twice
    keys(qtbot, "عبدالرحمن الشهري", K.Key_Tab, K.Key_Down, K.Key_Tab, PASSWORD, K.Key_Tab, PASSWORD,
         K.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted
    return dialog.context


def main_window(qtbot, ctx):
    """The main window as the application shows it, then maximised by the window manager."""
    window = build_main_window(ctx)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    maximise(window)
    window.activateWindow()
    ready(qtbot, window, window.sign_out_button)  # the window opens with the focus on its page
    return window


def hand_over(qtbot, window, store, username: str):
    """Ctrl+Shift+Q signs out; as the application does then (``app.run``), the window closes
    and the sign-in dialog asks for the next person, typed in with the keyboard."""
    signed_out = []
    window.signed_out.connect(lambda: signed_out.append(True))
    ready(qtbot, window, window.sign_out_button)
    press(qtbot, K.Key_Q, CTRL | SHIFT)
    assert signed_out and window.ctx.user is None
    window.close()
    typed = []

    def sign_in():
        dialog = QApplication.activeModalWidget()
        try:
            assert isinstance(dialog, SignInDialog)
            ready(qtbot, dialog, dialog.ok)
            assert QApplication.focusWidget() is dialog.username
            keys(qtbot, username, K.Key_Tab, PASSWORD, K.Key_Return)
            typed.append(True)
        finally:
            if dialog is not None and dialog.isVisible():  # a failed step must not hang the run
                dialog.reject()

    QTimer.singleShot(0, sign_in)
    ctx = sign_in_or_set_up(store)
    assert typed and ctx is not None and ctx.user.username == username
    return ctx, main_window(qtbot, ctx)


def day_text(days: int) -> str:
    day = dt.date.today() + dt.timedelta(days=days)
    return f"{day.day}/{day.month}/{day.year}"


def register_applicant(qtbot, window, ctx, nid):
    ready(qtbot, window)
    press(qtbot, K.Key_N, CTRL)
    form = window.page
    assert isinstance(form, ApplicantForm)
    assert QApplication.focusWidget() is form.fields.inputs["national_id"]
    keys(qtbot,
         nid, K.Key_Tab, K.Key_Tab, K.Key_Tab,  # ID type (told by the number), nationality: Saudi
         (K.Key_Down, 2), K.Key_Tab,  # gender: female
         (K.Key_Down, 4), K.Key_Tab,  # marital status: widowed
         "نورة", K.Key_Tab, "سعد", K.Key_Tab, "فهد", K.Key_Tab, "القحطاني", K.Key_Tab,
         K.Key_Tab,  # no name in Latin letters
         "١/٢/١٩٨٥", K.Key_Tab, K.Key_Tab,
         "0501234567", K.Key_Tab, K.Key_Tab, K.Key_Tab,  # no second phone, no e-mail
         "الأجفر", K.Key_Tab, K.Key_Tab, "1500", K.Key_Tab,
         K.Key_Down, K.Key_Tab,  # category
         K.Key_Space)  # consent
    shot(window, "01-registration")
    press(qtbot, K.Key_Return)
    view = window.page
    assert isinstance(view, ApplicantFileView)
    saved = applicants.by_national_id(ctx, nid)
    assert saved.full_name == "نورة سعد فهد القحطاني"
    assert (saved.gender, saved.marital_status, saved.category) == ("female", "widowed", "family")
    return view


def add_member(qtbot, window, view):
    press(qtbot, K.Key_M, ALT)
    dialog = view.member_dialog
    assert dialog is not None and dialog.isVisible()
    ready(qtbot, dialog, dialog.ok_button)
    assert QApplication.focusWidget() is dialog.name
    keys(qtbot, "سلمان", K.Key_Tab, (K.Key_Down, 2), K.Key_Tab, K.Key_Down, K.Key_Tab, day_text(-9 * 365),
         K.Key_Return)
    assert not dialog.isVisible(), dialog.error.text()
    assert [(m.full_name, m.relation) for m in view.view.members] == [("سلمان", "son")]
    ready(qtbot, window, view.add_member_button)  # its tab was shown by the key


def add_document(qtbot, window, view, downs: int, kind: str, expiry: str):
    press(qtbot, K.Key_D, ALT)
    dialog = view.document_dialog
    assert dialog is not None and dialog.isVisible()
    ready(qtbot, dialog, dialog.ok_button)
    assert QApplication.focusWidget() is dialog.kind
    keys(qtbot, (K.Key_Down, downs))
    assert dialog.kind.code() == kind
    number = view.view.national_id if kind == "national_id" else "123"  # the ID card: its own
    keys(qtbot, K.Key_Tab, number, K.Key_Tab, day_text(-300), K.Key_Tab, expiry, K.Key_Return)
    assert not dialog.isVisible(), dialog.error.text()
    assert kind in [d.kind for d in view.view.documents]
    ready(qtbot, window, view.request_button)


def request_refused_then_fixed(qtbot, window, ctx, view):
    """A food-aid request; submitting is refused (the income proof expired); a new proof fixes
    it, and the refusal goes."""
    press(qtbot, K.Key_N, ALT)
    form = window.page
    assert isinstance(form, RequestForm)
    ready(qtbot, window, form.create_button)
    assert QApplication.focusWidget() is form.program, "the request page opens on its first field"
    keys(qtbot, K.Key_Down)
    assert form.program.code() == "food_aid"
    keys(qtbot, K.Key_Tab)
    assert QApplication.focusWidget() is form.channel and form.channel.code() == "interview"
    keys(qtbot, K.Key_Tab, "سلة غذائية شهرية للأسرة", (K.Key_S, CTRL))
    assert form.request is not None and form.request.status == rules.DRAFT
    ready(qtbot, window, form.submit_button)

    press(qtbot, K.Key_Return, CTRL)
    assert requests.get_request(ctx, form.request.id).status == rules.DRAFT
    assert form.error.isVisible()
    states = {line.kind: line.state for line in form.request.checklist}
    assert states["income_proof"] == rules.EXPIRED and states["national_id"] == rules.OK
    shot(window, "03-refused")
    ready(qtbot, window, form.document_button)

    press(qtbot, K.Key_D, ALT)
    dialog = form.document_dialog
    assert dialog.isVisible() and dialog.kind.code() == "income_proof"  # the one to fix
    ready(qtbot, dialog, dialog.ok_button)
    keys(qtbot, K.Key_Tab, "456", K.Key_Tab, day_text(-10), K.Key_Tab, day_text(180), K.Key_Return)
    assert not dialog.isVisible(), dialog.error.text()
    qtbot.waitUntil(lambda: all(line.state == rules.OK for line in form.request.checklist))
    assert not form.error.isVisible()  # the refusal's cause was fixed: it went
    ready(qtbot, window, form.submit_button)
    return form


def declaration_then_submit(qtbot, window, ctx, form):
    """Alt+P: the applicant signs the declaration on the pad; the paper's preview closes with
    Esc; Ctrl+Enter submits."""
    press(qtbot, K.Key_P, ALT)
    dialog = form.papers.dialog
    assert isinstance(dialog, DeclarationDialog) and dialog.isVisible()
    ready(qtbot, dialog, dialog.ok_button)
    draw(dialog.pad_box.pad, [(30, 90), (90, 50), (160, 100), (220, 60)])  # the applicant's pen
    shot(dialog, "04-declaration")
    ready(qtbot, dialog, dialog.ok_button)
    press(qtbot, K.Key_Return)
    assert not dialog.isVisible(), dialog.error.text()
    preview = form.papers.preview
    assert preview.isVisible()
    ready(qtbot, preview, preview.close_button)
    press(qtbot, K.Key_Escape)
    assert not preview.isVisible()
    ready(qtbot, window, form.submit_button)
    press(qtbot, K.Key_Return, CTRL)
    assert requests.get_request(ctx, form.request.id).status == rules.SUBMITTED
    assert form.result.isVisible() and not form.error.isVisible()
    shot(window, "05-submitted")
    receipt_for_the_applicant(qtbot, window, ctx, form)
    ready(qtbot, window, form.steps.buttons[wf.REFER_TO_RESEARCHER])


def receipt_for_the_applicant(qtbot, window, ctx, form):
    """Right after submission the receipt is offered (the focus on it); Ctrl+R opens its preview
    (issued then, with the request's reference); Esc closes it."""
    ready(qtbot, window, form.receipt.button)
    assert QApplication.focusWidget() is form.receipt.button
    press(qtbot, K.Key_R, CTRL)
    qtbot.waitUntil(lambda: form.receipt.preview is not None)
    preview = form.receipt.preview
    assert preview.isVisible()
    ready(qtbot, preview, preview.close_button)
    receipt = documents.latest(ctx, form.request.id, paper.RECEIPT)
    assert receipt is not None and receipt.number == f"{form.request.reference}-A1"
    shot(preview, "06-receipt")
    press(qtbot, K.Key_Escape)
    assert not preview.isVisible()


def desk_delivers(qtbot, window, ctx, nid, request_id):
    """The applicant comes back: the desk finds the file by the national ID (Enter), opens the
    request (Alt+O), records the delivery (Alt+E) and takes a satisfaction survey (Alt+S)."""
    ready(qtbot, window)
    assert QApplication.focusWidget() is window.home.search_box
    keys(qtbot, nid, K.Key_Return)
    view = window.page
    assert isinstance(view, ApplicantFileView) and window.stack.currentWidget() is view
    ready(qtbot, window, view.open_request_button)
    press(qtbot, K.Key_O, ALT)
    form = window.page
    assert isinstance(form, RequestForm) and form.request.id == request_id
    deliver = form.steps.buttons[wf.DELIVER]
    ready(qtbot, window, deliver)
    press(qtbot, K.Key_E, ALT)
    dialog = form.steps.dialog
    assert isinstance(dialog, DeliveryDialog) and dialog.isVisible()
    ready(qtbot, dialog, dialog.ok_button)
    assert QApplication.focusWidget() is dialog.description
    assert dialog.description.text() == "سلة غذائية شهرية"  # what the committee approved
    tab_to(qtbot, dialog.acknowledged)
    keys(qtbot, K.Key_Space, K.Key_Return)
    assert not dialog.isVisible()
    assert requests.get_request(ctx, request_id).status == wf.DELIVERED
    ready(qtbot, window, form.survey.button)

    press(qtbot, K.Key_S, ALT)
    survey = form.survey.dialog
    assert survey is not None and survey.isVisible()
    ready(qtbot, survey, survey.save_button)
    assert QApplication.focusWidget() is survey.mode
    tab_to(qtbot, survey.taken_on)
    if not survey.taken_on.text():
        write(qtbot, day_text(0))
    for code, score in zip(survey.rows, (5, 4, 4, 5, 5), strict=True):
        keys(qtbot, K.Key_Tab, str(score))
        assert survey.rows[code].score() == score
    keys(qtbot, K.Key_Tab, "شكرًا على حسن الاستقبال")
    shot(survey, "09-survey")
    press(qtbot, K.Key_Return, CTRL)
    assert not survey.isVisible(), survey.error.text()
    assert len(surveys.surveys_of(ctx, request_id)) == 1
    ready(qtbot, window, window.sign_out_button)
    return form


def desk_records_a_complaint(qtbot, window, ctx, nid):
    """Ctrl+Shift+K: the desk records the applicant's complaint, opens it (Enter) and closes its
    window with Esc (it used to lock the program)."""
    press(qtbot, K.Key_K, CTRL | SHIFT)
    page = window.stack.currentWidget()
    assert isinstance(page, ComplaintsView)
    ready(qtbot, window, page.new_button)
    tab_to(qtbot, page.new_button)
    press(qtbot, K.Key_Space)
    dialog = page.dialog
    assert isinstance(dialog, NewComplaintDialog) and dialog.isVisible()
    ready(qtbot, dialog, dialog.ok_button)
    assert QApplication.focusWidget() is dialog.kind and dialog.kind.code() == "complaint"
    tab_to(qtbot, dialog.channel)
    press(qtbot, K.Key_Down)
    tab_to(qtbot, dialog.category)
    press(qtbot, K.Key_Down, times=3)
    assert (dialog.channel.code(), dialog.category.code()) == ("interview", "delay")
    tab_to(qtbot, dialog.contact_name)
    keys(qtbot, "نورة سعد فهد القحطاني", K.Key_Tab, "0501234567", K.Key_Tab, nid)
    tab_to(qtbot, dialog.subject)
    keys(qtbot, "تأخر موعد التسليم", K.Key_Tab, "تأخر تسليم السلة أسبوعًا عن الموعد")
    press(qtbot, K.Key_Return, CTRL)
    assert not dialog.isVisible(), dialog.error.text()
    [complaint] = complaints.list_complaints(ctx)
    assert complaint.status == complaints.OPEN and complaint.subject == "تأخر موعد التسليم"
    ready(qtbot, window, page.open_button)
    tab_to(qtbot, page.open_button)
    press(qtbot, K.Key_Space)
    detail = page.dialog
    assert isinstance(detail, ComplaintDialog) and detail.isVisible()
    ready(qtbot, detail, detail.close_button)
    press(qtbot, K.Key_Escape)
    assert not detail.isVisible()
    ready(qtbot, window, page.open_button)
    return complaint
