"""Every page and every dialog at the real desk's screens: 1366×768 and 1280×720 with a 40-pixel
taskbar, in Arabic and English, filled with the largest real content (four-part names, eight
required documents, forty requests on a meeting's agenda, error lines shown).  Nothing may lie
outside the screen, no window may grow by itself, no label or choice may be cut."""

from __future__ import annotations

import dataclasses
import datetime as dt
import importlib
import inspect
import pkgutil
import uuid

import pytest
from PySide6.QtCore import QRect, QThreadPool
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox, QPushButton

import ajfar_desk.ui
from accounts import staff_accounts
from ajfar_desk.domain import workflow as wf
from ajfar_desk.services.applicants.views import SimilarApplicant
from ajfar_desk.services.committee import committee, study
from ajfar_desk.services.committee.study import StudyInput
from ajfar_desk.services.enquiries import enquiries
from ajfar_desk.services.enquiries.enquiries import EnquiryInput
from ajfar_desk.services.feedback import complaints
from ajfar_desk.services.feedback.complaints import ComplaintInput
from ajfar_desk.services.papers import documents
from ajfar_desk.services.requests import casework, delivery
from ajfar_desk.services.requests.delivery import DeliveryInput
from ajfar_desk.services.store.store import Store
from ajfar_desk.services.users import setup, users
from ajfar_desk.ui.common import screen
from ajfar_desk.ui.shell import operations
from ajfar_desk.ui.shell.app import build_main_window
from ajfar_desk.ui.shell.language import apply_language
from printing.scenario import DAY, submitted_request

from .fitcheck import misfits, room, tallest_parts

AREAS = {"1366x768": QRect(0, 0, 1366, 728), "1280x720": QRect(0, 0, 1280, 680)}
AGENDA = 40
# the sign-in window shown while the store opens: SignInDialog's widgets, none of its own
SAME_LAYOUT_AS_PARENT = {"EarlySignInDialog"}
NO_PRESS = {"PaperPreview", "ShortcutsSheet"}  # its default button opens the system's print dialog
LONG = "عبدالرحمن عبدالمحسن عبدالعزيز آل عبداللطيف الشمراني"
STAFF = {
    "desk": ("front_desk", "نورة بنت عبدالمحسن بن عبدالعزيز آل عبداللطيف"),
    "researcher": ("researcher", "عبدالرحمن بن عبدالمحسن بن عبدالعزيز القحطاني"),
    "member": ("committee", "سعد بن عبدالله بن محمد آل عبداللطيف الشمراني"),
    "boss": ("manager", "منيرة بنت عبدالعزيز بن سعد آل عبدالكريم"),
}
PARAGRAPH = ("الأسرة تسكن في منزل مستأجر في حي الملك فهد، ورب الأسرة بلا عمل منذ سنتين، "
             "وللأسرة خمسة أبناء في المدارس، والإيجار متأخر ثلاثة أشهر. ") * 4


@dataclasses.dataclass
class Desk:
    store: Store
    ctx: object
    as_: object
    draft: object  # a draft of the long-named applicant: eight required documents, no declaration
    submitted: object
    awaiting: object
    approved: object
    delivered: object
    referred: object
    meeting: object
    complaint: object
    declaration: str  # a paper number


def eight_documents(profile):
    """The program with the most documents asks for every kind the association knows."""
    program = max(profile.programs, key=lambda p: len(p.required_documents))
    every = tuple(kind.code for kind in profile.document_kinds if kind.code != "iqama")
    every = every + tuple(kind.code for kind in profile.document_kinds if kind.code == "iqama")
    bigger = dataclasses.replace(program, required_documents=every[:8])
    programs = tuple(bigger if p is program else p for p in profile.programs)
    return dataclasses.replace(profile, programs=programs)


@pytest.fixture(scope="module")
def desk(tmp_path_factory):
    store = Store.open(tmp_path_factory.mktemp("fit") / "data")
    ctx = setup.init_store(store, "ajfar", None, "admin", "password123", LONG)
    ctx.profile = eight_documents(ctx.profile)
    assert len(max(ctx.profile.programs, key=lambda p: len(p.required_documents)).required_documents) == 8
    as_ = staff_accounts(ctx, STAFF)
    as_("desk")
    _a, draft = submitted_request(ctx, nid_body="00000001", submit=False)
    _a, submitted = submitted_request(ctx, nid_body="00000002")
    _a, referred = submitted_request(ctx, nid_body="00000003")
    casework.act(ctx, referred.id, wf.REFER_TO_RESEARCHER, PARAGRAPH[:200])
    as_("researcher")
    study.save_study(ctx, referred.id, StudyInput(
        household=PARAGRAPH, housing="rented", housing_notes=PARAGRAPH, health=PARAGRAPH,
        recommendation="support", recommendation_notes=PARAGRAPH))
    as_("desk")
    waiting = []
    for i in range(AGENDA + 2):
        _a, r = submitted_request(ctx, nid_body=f"{10 + i:08d}")
        casework.act(ctx, r.id, wf.FORWARD_TO_COMMITTEE)
        waiting.append(r)
    member = as_("member")
    members = [STAFF["member"][1], STAFF["researcher"][1], LONG, "فهد بن سعد بن عبدالله العتيبي"]
    meeting = committee.create_meeting(member, DAY, members)
    committee.decide(member, meeting.id, waiting[0].id, "approve", service="سلة غذائية شهرية لمدة ستة أشهر",
                     amount="15,000")
    committee.decide(member, meeting.id, waiting[1].id, "approve", service="سلة غذائية", amount="1,500")
    as_("desk")
    delivery.record_delivery(ctx, waiting[1].id, DeliveryInput("سلة غذائية", acknowledged=True))
    complaint = complaints.record_complaint(ctx, ComplaintInput(
        kind="complaint", channel="phone", category="delay", subject=PARAGRAPH[:200], text=PARAGRAPH,
        contact_name=LONG, contact_phone="0551234567"), today=DAY)
    enquiries.record_enquiry(ctx, EnquiryInput(
        channel="help_request", subject=PARAGRAPH[:200], answer=PARAGRAPH, contact_name=LONG,
        contact_phone="0551234567", referred=True, researcher="researcher",
        request_reference=submitted.reference), today=DAY)
    doc = documents.issue(ctx, submitted.id, "declaration")
    as_("boss")
    yield Desk(store, ctx, as_, draft, submitted, waiting[2], waiting[0], waiting[1], referred,
               meeting, complaint, doc.number)
    store.close()


@pytest.fixture(params=[(size, lang) for size in AREAS for lang in ("ar", "en")],
                ids=lambda p: f"{p[0]}-{p[1]}")
def area(request, app, monkeypatch):
    size, lang = request.param
    rect = AREAS[size]
    monkeypatch.setattr(screen, "screen_area", lambda _widget=None: QRect(rect))
    apply_language(lang, app)
    yield rect
    apply_language("ar", app)


def settle(qtbot) -> None:
    """What the last step set going has happened: the work it sent to the thread pool has ended
    (not a fixed 30 ms that a loaded machine may not give it), its results and the posted events
    it left (layouts, deferred resizes, zero-delay timers) handled."""
    pool = QThreadPool.globalInstance()
    qtbot.waitUntil(lambda: pool.activeThreadCount() == 0 and operations.running() == 0,
                    timeout=10_000)
    for _round in range(3):
        QApplication.sendPostedEvents()
        QApplication.processEvents()


class Walk:
    """Shows windows and gathers what does not fit."""

    def __init__(self, qtbot, area: QRect):
        self.qtbot, self.area = qtbot, area
        self.found: list[str] = []

    def check(self, where: str, widget) -> None:
        settle(self.qtbot)
        self.found += [f"{where}: {m}" for m in misfits(widget, self.area)]

    def report(self) -> None:
        assert not self.found, "\n".join(self.found)


# -- the main window ----------------------------------------------------------------------------
def walk_window(walk: Walk, desk: Desk, username: str) -> None:
    ctx = desk.as_(username)
    window = build_main_window(ctx)
    window._offered_drafts = True
    walk.qtbot.addWidget(window)
    window.show()
    walk.qtbot.waitExposed(window)
    size = window.size()
    most_w, most_h = room(walk.area)
    if size.width() > most_w or size.height() > most_h:
        walk.found.append(f"{username}: the window opens at {size.width()}×{size.height()}")

    def check(where: str) -> None:
        walk.check(f"{username} {where}", window)
        # the page shown fits the window as it is: no scrolling to reach its buttons
        page, view = window.stack.currentWidget(), window.centralWidget().viewport().size()
        if window.stack.height() > view.height() or window.stack.width() > view.width():
            walk.found.append(f"{username} {where}: the page scrolls in the window "
                              f"({window.stack.width()}×{window.stack.height()} in {view.width()}×{view.height()})")
        need = page.minimumSizeHint().expandedTo(page.minimumSize())
        if need.width() > view.width() or need.height() > view.height():
            walk.found.append(f"{username} {where}: {type(page).__name__} needs {need.width()}×"
                              f"{need.height()}, the window gives it {view.width()}×{view.height()} "
                              f"({tallest_parts(page)})")
        if window.size() != size:
            walk.found.append(f"{username} {where}: the window grew by itself to "
                              f"{window.width()}×{window.height()} (was {size.width()}×{size.height()})")
            window.resize(size)

    for key, action in window.actions_by_key.items():
        if key not in window.visible_actions() or key in ("verify", "new"):
            continue
        (action if action.isVisible() else window.status_twins[key]).trigger()  # the status bar's
        page = window.stack.currentWidget()
        if key == "search":
            window.home.search_box.setText("عبدالرحمن")
            window.home.run_search()
        if key == "dashboard":
            page.reload()
            walk.qtbot.waitUntil(lambda p=page: p.job is None and p.report is not None,
                                 timeout=10_000)
        if key == "committee" and hasattr(page, "meetings"):
            settle(walk.qtbot)
        check(key)
    if not window.actions_by_key["new"].isVisible():
        return window
    form = window.new_applicant("")
    form.save()  # every field's error line shown
    check("new applicant with errors")
    form.dirty = False
    window.open_applicant(desk.draft.applicant_id, ask=False)
    check("applicant file")
    for name in ("draft", "submitted", "awaiting", "approved", "delivered", "referred"):
        request = getattr(desk, name)
        window.open_request(request.id)
        if name == "draft":
            window.page.submit()  # refused: the declaration is missing
        check(f"request page ({name})")
    return window


@pytest.mark.parametrize("username", ["boss", "admin", "researcher", "member", "desk"])
def test_every_page_fits_the_screen(qtbot, desk, area, username):
    walk = Walk(qtbot, area)
    window = walk_window(walk, desk, username)
    if window is not None:
        window.page and setattr(window.page, "dirty", False)
    walk.report()


# -- the dialogs --------------------------------------------------------------------------------
def press_default(dialog) -> None:
    """Press the dialog's main button with nothing typed, so that its error lines show (never
    a button that closes it)."""
    accepting = (QDialogButtonBox.ButtonRole.AcceptRole, QDialogButtonBox.ButtonRole.YesRole,
                 QDialogButtonBox.ButtonRole.ApplyRole)
    button = next((b for box in dialog.findChildren(QDialogButtonBox) for b in box.buttons()
                   if box.buttonRole(b) in accepting and b.isVisible()), None)
    if button is None:
        button = next((b for b in dialog.findChildren(QPushButton) if b.isDefault()), None)
        box = button.parentWidget() if button is not None else None
        if isinstance(box, QDialogButtonBox) and box.buttonRole(button) not in accepting:
            button = None
    if button is not None and button.isEnabled():
        button.click()


def dialog_builders(desk: Desk, window):
    """Each dialog class of the application, built over the largest content (name -> maker)."""
    from ajfar_desk.services.applicants.applicant_input import APPLICANT_LABELS
    from ajfar_desk.services.applicants.edit_conflict import ConflictField, EditConflict
    from ajfar_desk.services.applicants.views import DocumentView
    from ajfar_desk.services.appointments.views import AppointmentView
    from ajfar_desk.services.transfer.importer import ImportFailed, RowError
    from ajfar_desk.ui.applicants.conflict_dialog import ConflictDialog
    from ajfar_desk.ui.applicants.document_edit_dialog import EditDocumentDialog
    from ajfar_desk.ui.applicants.duplicate_dialog import DuplicateDialog
    from ajfar_desk.ui.applicants.record_dialogs import DocumentDialog, MemberDialog
    from ajfar_desk.ui.appointments.book_dialog import BookDialog
    from ajfar_desk.ui.appointments.move_dialog import MoveDialog
    from ajfar_desk.ui.committee.decision_dialog import DecisionDialog
    from ajfar_desk.ui.committee.meeting_dialog import MeetingDialog
    from ajfar_desk.ui.committee.study_dialog import StudyDialog
    from ajfar_desk.ui.common.crash_dialog import CrashDialog
    from ajfar_desk.ui.coordination.membership_dialogs import FoundDialog, InviteDialog, JoinDialog
    from ajfar_desk.ui.enquiries.enquiry_dialogs import LinkRequestDialog, NewEnquiryDialog
    from ajfar_desk.ui.feedback.complaint_detail import ComplaintDialog
    from ajfar_desk.ui.feedback.complaint_dialogs import NewComplaintDialog
    from ajfar_desk.ui.feedback.survey_dialog import SurveyDialog
    from ajfar_desk.ui.guides.library_panel import AddDocumentDialog
    from ajfar_desk.ui.help.about_dialog import AboutDialog
    from ajfar_desk.ui.help.guide_dialog import GuideDialog
    from ajfar_desk.ui.messages.test_message_dialog import TestMessageDialog
    from ajfar_desk.ui.papers import paper_dialogs as papers
    from ajfar_desk.ui.papers.paper_preview import preview_paper
    from ajfar_desk.ui.papers.verify_dialog import VerifyDialog
    from ajfar_desk.ui.requests import step_dialogs
    from ajfar_desk.ui.shell.first_run import FirstRunDialog
    from ajfar_desk.ui.shell.passphrase_dialog import PassphraseDialog
    from ajfar_desk.ui.shell.shortcuts_sheet import ShortcutsSheet
    from ajfar_desk.ui.shell.sign_in import SignInDialog
    from ajfar_desk.ui.sync.enrol_dialog import EnrolDialog
    from ajfar_desk.ui.sync.merge_dialog import MergeDialog
    from ajfar_desk.ui.transfer.import_dialog import ImportDialog
    from ajfar_desk.ui.users.name_dialog import NameDialog
    from ajfar_desk.ui.users.users_view import PasswordDialog, RoleDialog, UserDialog

    ctx = desk.ctx
    fresh = Store.open(desk.store.data_dir.parent / f"fresh-{uuid.uuid4().hex[:6]}")

    def merge_view():
        """Two files of one person differing in every field compared, each value long."""
        import datetime as dt
        from decimal import Decimal

        from ajfar_desk.services.sync.sync_duplicates import COMPARED, Difference
        from ajfar_desk.services.sync.sync_review import DuplicateView

        odd = {"birth_date": (dt.date(1960, 1, 1), dt.date(1961, 2, 2)),
               "phone": ("+966551234567", "+966509876543"), "phone2": (None, "+966561112222"),
               "monthly_income": (Decimal("12500.50"), Decimal("1250"))}
        diffs = tuple(Difference(f, *odd.get(f, (LONG, LONG + LONG))) for f in COMPARED)
        return DuplicateView(uuid.uuid4(), "1526018153", uuid.uuid4(), LONG, "HQ", uuid.uuid4(), LONG,
                             "HQ", "open", diffs)

    def agenda_item():
        items = committee.agenda(ctx, desk.meeting.id)
        assert len(items) >= AGENDA
        return items[-1]

    def a_user():
        return max(users.list_users(desk.as_("admin")), key=lambda u: len(u.full_name))

    conflict = EditConflict([ConflictField(k, label, f"{LONG} {k}", f"{LONG} ١٢٣")
                             for k, label in APPLICANT_LABELS.items()], None)  # every field at once
    def import_dialog():  # as it stands after a refused file: the summary and a long table
        dialog = ImportDialog(ctx, window)
        dialog._show_summary(ImportFailed(
            [RowError(i, "المدينة", f"{LONG} {i}") for i in range(2, 40)], 38, "Windows-1256"))
        return dialog

    similar = [SimilarApplicant(uuid.uuid4(), "1012345678", f"{LONG} {i}", dt.date(1986, 1, 1), 0.9)
               for i in range(8)]
    return {
        "ComplaintDialog": lambda: ComplaintDialog(ctx, desk.complaint.id, window, today=DAY),
        "NewComplaintDialog": lambda: NewComplaintDialog(ctx, window, today=DAY),
        "NewEnquiryDialog": lambda: NewEnquiryDialog(ctx, window, today=DAY),
        "AddDocumentDialog": lambda: AddDocumentDialog(desk.as_("boss"), window),
        "LinkRequestDialog": lambda: LinkRequestDialog(ctx, enquiries.list_enquiries(ctx)[0], window),
        "DecisionDialog": lambda: DecisionDialog(desk.as_("member"), desk.meeting, agenda_item(), "approve", window),
        "DuplicateDialog": lambda: DuplicateDialog(ctx.profile, similar, window),
        "ConflictDialog": lambda: ConflictDialog(conflict, window),
        "FirstRunDialog": lambda: FirstRunDialog(fresh, window),
        "MeetingDialog": lambda: MeetingDialog(ctx, tuple(STAFF[k][1] for k in STAFF), DAY, window),
        "DeclarationDialog": lambda: papers.DeclarationDialog(ctx, desk.draft.id, window),
        "ReferralDialog": lambda: papers.ReferralDialog(ctx, desk.submitted.id, window),
        "ReceiptDialog": lambda: papers.ReceiptDialog(ctx, desk.submitted.id, window),
        "ShortcutsSheet": lambda: ShortcutsSheet(window.toolbar.actions(), window.guides_action, window),
        "DecisionLetterDialog": lambda: papers.DecisionLetterDialog(
            ctx, desk.approved.id, "الموافقة: سلة غذائية شهرية لمدة ستة أشهر، بمبلغ ١٥٬٠٠٠ ريال", LONG, window),
        "PaperPreview": lambda: preview_paper(ctx, desk.declaration, window),
        "PassphraseDialog": lambda: PassphraseDialog(lambda _p: None, str(desk.store.data_dir), window),
        "MemberDialog": lambda: MemberDialog(ctx, desk.draft.applicant_id, window),
        "BookDialog": lambda: BookDialog(ctx, applicant_id=desk.draft.applicant_id, applicant_name=LONG,
                                         parent=window),
        "MoveDialog": lambda: MoveDialog(ctx, AppointmentView(  # pressed: «no such appointment»
            uuid.uuid4(), desk.draft.applicant_id, LONG, "1012345678", "0551234567", None, "", ctx.user_id,
            LONG, DAY, dt.time(13, 40), 20, "document", "booked", LONG, "", "HQ"), window),
        "DocumentDialog": lambda: DocumentDialog(ctx, desk.draft.applicant_id, None, window),
        "EditDocumentDialog": lambda: EditDocumentDialog(ctx, desk.draft.applicant_id, DocumentView(
            uuid.uuid4(), "lease", "L-2024-0001234567", dt.date(2024, 1, 1), dt.date(2026, 1, 1), None),
            LONG, window),  # pressed: «no such document», said in the dialog
        "ReasonDialog": lambda: step_dialogs.ReasonDialog("إلغاء الطلب", "سبب الإلغاء", lambda _t: None, window),
        "DeliveryDialog": lambda: step_dialogs.DeliveryDialog(ctx, desk.approved.id, LONG, window, today=DAY),
        "SignInDialog": lambda: SignInDialog(setup.open_context(desk.store), window),
        "StudyDialog": lambda: StudyDialog(desk.as_("researcher"), desk.referred.id, LONG, parent=window),
        "SurveyDialog": lambda: SurveyDialog(ctx, desk.delivered.id, window, reference=LONG),
        "VerifyDialog": lambda: VerifyDialog(ctx, window),
        "AboutDialog": lambda: AboutDialog(window.ctx, window),
        "GuideDialog": lambda: GuideDialog(window),
        "CrashDialog": lambda: CrashDialog(window, RuntimeError(LONG * 3)),
        "EnrolDialog": lambda: EnrolDialog(desk.as_("admin"), window),
        "MergeDialog": lambda: MergeDialog(desk.as_("admin"), merge_view(), LONG, LONG, window),
        "FoundDialog": lambda: FoundDialog(desk.as_("admin"), window),
        "InviteDialog": lambda: InviteDialog(desk.as_("admin"), window),
        "JoinDialog": lambda: JoinDialog(desk.as_("admin"), window),
        "ImportDialog": import_dialog,
        "TestMessageDialog": lambda: TestMessageDialog(desk.as_("admin"), window),
        "UserDialog": lambda: UserDialog(desk.as_("admin"), window),
        "RoleDialog": lambda: RoleDialog(desk.as_("admin"), a_user(), window),
        "NameDialog": lambda: NameDialog(desk.as_("admin"), a_user(), window),
        "PasswordDialog": lambda: PasswordDialog(desk.as_("admin"), a_user(), window),
    }


def dialog_classes() -> set[type]:
    """Every QDialog subclass in the application's ui package."""
    found = set()
    for info in pkgutil.walk_packages(ajfar_desk.ui.__path__, prefix="ajfar_desk.ui."):
        module = importlib.import_module(info.name)
        for _name, value in inspect.getmembers(module, inspect.isclass):
            if issubclass(value, QDialog) and value.__module__.startswith("ajfar_desk.ui"):
                found.add(value)
    return found


def test_every_dialog_fits_the_screen(qtbot, desk, area):
    desk.as_("boss")
    window = build_main_window(desk.ctx)
    window._offered_drafts = True
    qtbot.addWidget(window)
    walk = Walk(qtbot, area)
    built: set[type] = set()
    for name, make in dialog_builders(desk, window).items():
        desk.as_("boss")
        dialog = make()
        built.add(type(dialog))
        dialog.show()
        qtbot.waitExposed(dialog)
        walk.check(name, dialog)
        if name == "ComplaintDialog":
            dialog.resolve()  # nothing typed: the resolution's errors
        elif name not in NO_PRESS:
            press_default(dialog)
        if dialog.isVisible() and name not in NO_PRESS:
            walk.check(f"{name} with errors", dialog)
        dialog.hide()  # (not done(): closing is another test's business)
        dialog.deleteLater()
    walk.report()
    # a dialog class nobody built here is a dialog nobody checked
    missing = {c.__name__ for c in dialog_classes()
               if not any(issubclass(b, c) for b in built)} - SAME_LAYOUT_AS_PARENT
    assert not missing, missing


def test_a_splitter_is_put_back_where_it_was_left(qtbot, app, tmp_path):
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QSplitter, QWidget

    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path))
    try:
        def splitter() -> QSplitter:
            s = QSplitter()
            s.addWidget(QWidget())
            s.addWidget(QWidget())
            qtbot.addWidget(s)
            s.resize(1000, 300)
            screen.remember_splitter(s, "fitTest")
            s.show()
            qtbot.waitExposed(s)
            return s

        first = splitter()
        assert abs(first.sizes()[0] - first.sizes()[1]) < 20  # nothing saved yet: halves
        first.moveSplitter(700, 1)  # what dragging the handle does
        assert abs(first.sizes()[0] - 700) < 10
        second = splitter()
        assert abs(second.sizes()[0] - 700) < 10
    finally:
        QSettings.setDefaultFormat(QSettings.Format.NativeFormat)


@pytest.mark.parametrize(("free", "maximised"), [((1366, 728), True), ((1280, 680), True),
                                                 ((1920, 1040), False)])
def test_the_main_window_fills_a_laptop_screen(qtbot, monkeypatch, free, maximised):
    from PySide6.QtWidgets import QMainWindow

    from ajfar_desk.ui.common import screen as screen_module

    monkeypatch.setattr(screen_module, "screen_area", lambda widget=None: QRect(0, 0, *free))
    window = QMainWindow()
    qtbot.addWidget(window)
    screen_module.show_main(window)
    assert window.isVisible() and window.isMaximized() is maximised
