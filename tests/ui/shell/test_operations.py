"""The operation runner: results and refusals the same way everywhere, background work with
progress only after a delay, nothing left disabled, changes naming who started them."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtWidgets import QDialog, QLineEdit, QPushButton, QVBoxLayout

from ajfar_desk.domain.errors import AppError, ValidationError
from ajfar_desk.domain.permissions import DECIDE, PermissionDenied
from ajfar_desk.i18n import _
from ajfar_desk.services.store.events import Events, initiated_by
from ajfar_desk.ui.common.widgets import FAILED, ErrorLabel, FieldBox, Texts
from ajfar_desk.ui.shell import operations
from ajfar_desk.ui.shell.operations import Operation
from ajfar_desk.ui.shell.qt_events import EventBridge


class Form(QDialog):
    def __init__(self):
        super().__init__()
        self.name = QLineEdit()
        self.other = QLineEdit()
        self.texts = Texts()
        self.boxes = {"name": FieldBox(self.texts, "Name", self.name),
                      "other": FieldBox(self.texts, "Notes", self.other)}
        self.general = ErrorLabel()
        self.ok = QPushButton("OK")
        layout = QVBoxLayout(self)
        for widget in (*self.boxes.values(), self.general, self.ok):
            layout.addWidget(widget)


@pytest.fixture
def form(qtbot, app):
    dialog = Form()
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def refuse(*errors):
    raise ValidationError.many(list(errors))


def test_inline_result_and_success_callback(form):
    seen = []
    assert Operation(form, lambda: 42).success(seen.append).run() == 42
    assert seen == [42]


def test_a_refusal_goes_under_its_field_and_clears_on_the_next_run(form, answers):
    op = Operation(form, lambda: refuse(("name", "Name is required"), ("form", "Something else")))
    assert op.fields(form.boxes, form.general).run() is FAILED
    assert form.boxes["name"].error.isVisibleTo(form) and "Name is required" in form.boxes["name"].error.text()
    assert not form.boxes["other"].error.isVisibleTo(form)
    assert "Something else" in form.general.text()
    assert form.focusWidget() is form.name
    assert answers.shown == []  # no box on top of the field errors
    Operation(form, lambda: None).fields(form.boxes, form.general).run()
    assert not form.boxes["name"].error.isVisibleTo(form) and not form.general.isVisibleTo(form)


def test_a_refusal_without_fields_is_an_error_box_or_the_failure_callback(form, answers):
    assert Operation(form, lambda: refuse(("x", "Not allowed now")), title="Paper signature").run() is FAILED
    assert answers.shown == [(_("Paper signature"), "Not allowed now")]  # the msgid, translated
    failures = []
    Operation(form, lambda: (_ for _ in ()).throw(PermissionDenied("front_desk", DECIDE))) \
        .failure(failures.append).run()
    assert len(failures) == 1 and isinstance(failures[0], PermissionDenied)
    assert len(answers.shown) == 1  # the callback replaced the box


def test_an_unexpected_error_goes_to_the_unexpected_box(form, monkeypatch):
    from ajfar_desk.ui.common import dialogs

    seen = []
    monkeypatch.setattr(dialogs, "unexpected", lambda parent, exc: seen.append((parent, exc)))
    assert Operation(form, lambda: 1 / 0).run() is FAILED
    assert seen[0][0] is form and isinstance(seen[0][1], ZeroDivisionError)


def test_a_question_exception_goes_to_its_handler(form):
    class Exists(Exception):
        pass

    def work():
        raise Exists()

    handled = []
    assert Operation(form, work).on(Exists, handled.append).run() is FAILED
    assert isinstance(handled[0], Exists)


def test_background_quick_work_shows_no_progress_and_comes_back_on_the_gui_thread(qtbot, form):
    gui = threading.get_ident()
    threads, results = [], []

    def work():
        threads.append(threading.get_ident())
        return "done"

    op = Operation(form, work).success(lambda r: results.append((r, threading.get_ident())))
    op.busy(form.ok).run_in_background()
    assert not form.ok.isEnabled()
    qtbot.waitUntil(lambda: not op.running)  # the runner idle again: its callbacks have run
    assert results == [("done", gui)] and threads[0] != gui
    assert form.ok.isEnabled()
    assert op.progress_dialog is None and operations.running() == 0


def test_background_slow_work_shows_progress_after_the_delay_and_closes_it(qtbot, form):
    release = threading.Event()
    op = Operation(form, lambda: release.wait(5)).label("Writing the invitation…")
    op.busy(form.ok).run_in_background()
    qtbot.wait(operations.PROGRESS_DELAY_MS // 3)
    assert op.progress_dialog is None  # not yet: short work never flashes a window
    qtbot.waitUntil(lambda: op.progress_dialog is not None and op.progress_dialog.isVisible(), timeout=3000)
    assert op.progress_dialog.labelText() == _("Writing the invitation…")
    release.set()
    qtbot.waitUntil(lambda: not op.running)  # the runner idle again: its callbacks have run
    assert op.progress_dialog is None and form.ok.isEnabled()


def test_background_refusal_and_crash_leave_nothing_stuck(qtbot, form, answers, monkeypatch, caplog):
    from ajfar_desk.ui.common import dialogs

    op = Operation(form, lambda: refuse(("name", "Taken"))).fields(form.boxes, form.general).busy(form.ok)
    op.run_in_background()
    qtbot.waitUntil(lambda: not op.running)  # the runner idle again: its callbacks have run
    assert "Taken" in form.boxes["name"].error.text() and form.ok.isEnabled()
    assert not [r for r in caplog.records if r.levelname == "ERROR"]  # a refusal is no failure
    crashes = []
    monkeypatch.setattr(dialogs, "unexpected", lambda parent, exc: crashes.append(exc))
    op = Operation(form, lambda: [][1]).busy(form.ok)
    op.run_in_background()
    qtbot.waitUntil(lambda: not op.running)  # the runner idle again: its callbacks have run
    assert isinstance(crashes[0], IndexError) and form.ok.isEnabled()


def test_progress_values_reach_the_window(qtbot, form):
    release = threading.Event()

    def work(progress):
        progress(3, 10)
        release.wait(5)

    op = Operation(form, work, with_progress=True)
    op.run_in_background()
    qtbot.waitUntil(lambda: op.progress_dialog is not None, timeout=3000)
    qtbot.waitUntil(lambda: op.progress_dialog.value() == 3, timeout=3000)
    assert op.progress_dialog.maximum() == 10
    release.set()
    qtbot.waitUntil(lambda: not op.running)  # the runner idle again: its callbacks have run


def test_changes_name_their_initiator_through_the_bridge(qtbot, form):
    events = Events()
    bridge = EventBridge(events)
    plain, named = [], []
    bridge.changed.connect(lambda topic, payload: plain.append((topic, payload)))
    bridge.changed_by.connect(lambda topic, payload, who: named.append((topic, payload, who)))
    events.emit("request", 1)
    Operation(form, lambda: events.emit("request", 2)).run(initiator=form)
    op = Operation(form, lambda: events.emit("applicant", 3)).run_in_background(initiator=form)
    qtbot.waitUntil(lambda: not op.running)  # the runner idle again: its callbacks have run
    qtbot.waitUntil(lambda: len(named) == 3)
    assert plain == [("request", 1), ("request", 2), ("applicant", 3)]  # the bridge as before
    assert named == [("request", 1, None), ("request", 2, form), ("applicant", 3, form)]
    with initiated_by("cli"):
        events.emit("request", 4)
    assert named[-1] == ("request", 4, "cli")
    bridge.close()


def test_the_page_that_started_a_change_is_not_refreshed_again(qtbot, window, ctx):
    """The request form shows its own update at once: the main window does not make it
    reload for the change it started, but does for a change made elsewhere."""
    from ajfar_desk.services.requests import requests

    from ..conftest import register

    person = register(ctx, 31, category="family")
    program = ctx.profile.programs[0].code
    draft = requests.create_request(ctx, person.id, program, "interview", "")
    window.open_request(draft.id)
    form = window.page
    reloads = []
    original = form.reload
    form.reload = lambda: (reloads.append(1), original())
    form.description.setPlainText("سلة غذائية للأسرة")
    form._choice_changed()  # the form saves the draft itself (initiator: the form)
    assert requests.get_request(ctx, draft.id).description == "سلة غذائية للأسرة"
    assert reloads == []
    requests.update_request(ctx, draft.id, program, "phone", "من الهاتف")  # another desk
    assert reloads == []  # not under the service's call: once the event loop runs
    qtbot.waitUntil(lambda: reloads == [1])
    assert form.request.channel == "phone"


class ShelfFull(AppError):
    """A kind of error no screen knows about: shown as a refusal with no new catch."""


def shelf_full():
    raise ShelfFull("The shelf is full")


def test_a_new_kind_of_error_is_a_refusal_without_any_new_catch(qtbot, form, answers, monkeypatch):
    from ajfar_desk.ui.common import dialogs

    crashes = []
    monkeypatch.setattr(dialogs, "unexpected", lambda parent, exc: crashes.append(exc))
    assert Operation(form, shelf_full, title="Paper signature").run() is FAILED
    assert answers.shown == [(_("Paper signature"), "The shelf is full")]
    assert Operation(form, shelf_full).fields(form.boxes, form.general).run() is FAILED
    assert "The shelf is full" in form.general.text()  # no field of its own: the general line
    failures = []
    op = Operation(form, shelf_full).failure(failures.append).busy(form.ok)
    op.run_in_background()
    qtbot.waitUntil(lambda: not op.running, timeout=10_000)
    assert form.ok.isEnabled()
    assert [f.message for f in failures] == ["The shelf is full"] and crashes == []
