"""GUI tests: a real main window over a fresh store, offscreen, driven with the keyboard."""

from __future__ import annotations

import os

import pytest

from ajfar_desk.domain.identity import luhn_check_digit
from ajfar_desk.services.applicants import applicants
from ajfar_desk.services.applicants.applicant_input import ApplicantInput
from ajfar_desk.services.store.store import Store
from ajfar_desk.services.users import setup


@pytest.fixture(scope="session", autouse=True)
def offscreen():
    """No display needed: Qt draws into memory (set before the QApplication exists)."""
    previous = os.environ.get("QT_QPA_PLATFORM")
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    yield
    if previous is None:
        os.environ.pop("QT_QPA_PLATFORM", None)
    else:
        os.environ["QT_QPA_PLATFORM"] = previous


def _windows() -> dict[int, object]:
    """The application's top-level widgets by their C++ address (none before it exists)."""
    import shiboken6
    from PySide6.QtWidgets import QApplication

    if QApplication.instance() is None:
        return {}
    return {shiboken6.getCppPointer(w)[0]: w for w in QApplication.topLevelWidgets()}


QT_OWN_WINDOWS = ("qtooltip_label",)  # Qt's tooltip: one, kept by Qt between tooltips


@pytest.fixture(autouse=True)
def windows_deleted():
    """The windows a test made are deleted after it: pytest-qt closes them and asks for their
    deletion, which no event loop would otherwise carry out (each test left its main window and
    dialogs alive, hundreds by the end of a worker's run).

    A window with no parent still there then fails the test (and is deleted): left to Python,
    it waits in its reference cycles for the garbage collector, which deletes it whenever it
    runs next, in some later test.  Once that was inside Qt's walk over the open windows while
    the language was switched: a segmentation fault in ``setLayoutDirection`` (a signed-out
    page each main window left behind, a field a dialog never showed, the sign-in windows)."""
    from PySide6.QtCore import QEvent
    from PySide6.QtWidgets import QApplication

    before = set(_windows())
    yield
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    left = [w for address, w in _windows().items() if address not in before
            and w.parentWidget() is None and w.objectName() not in QT_OWN_WINDOWS]
    if not left:
        return
    said = ", ".join(f"{type(w).__module__}.{type(w).__qualname__}({w.objectName()!r}, "
                     f"{'shown' if w.isVisible() else 'hidden'})" for w in left)
    for window in left:  # not the next test's to meet
        window.close()
        window.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    pytest.fail(f"windows with no parent left alive: {said}")


@pytest.fixture
def app(qapp):
    from ajfar_desk.ui.shell.app import setup_application
    from ajfar_desk.ui.shell.language import apply_language

    setup_application("ar")
    yield qapp
    apply_language("ar", qapp)


@pytest.fixture
def store(tmp_path):
    s = Store.open(tmp_path / "data")
    yield s
    s.close()


@pytest.fixture
def ctx(store):
    return setup.init_store(store, "ajfar", None, "admin", "password123")


class Answers:
    """Stands in for the message boxes: records every question, answers yes unless told."""

    def __init__(self):
        self.asked: list[tuple[str, str]] = []
        self.shown: list[tuple[str, str]] = []
        self.replies: list[bool] = []
        self.defaults: list[bool] = []  # was "yes" the default answer of each question
        self.choices: list[str | None] = []  # what ``choose`` answers, in turn
        self.offered: list[list[str]] = []  # what each ``choose`` offered

    def ask(self, _parent, title, text, default_yes=True):
        self.asked.append((title, text))
        self.defaults.append(default_yes)
        return self.replies.pop(0) if self.replies else True

    def show(self, _parent, title, text, details=""):
        self.shown.append((title, text))

    def choose(self, _parent, title, text, items):
        """The first item (none) unless ``choices`` says; None stands for Cancel."""
        self.asked.append((title, text))
        self.offered.append(list(items))
        return self.choices.pop(0) if self.choices else items[0]


@pytest.fixture(autouse=True)
def answers(monkeypatch):
    from ajfar_desk.ui.common import dialogs

    recorder = Answers()
    monkeypatch.setattr(dialogs, "ask", recorder.ask)
    monkeypatch.setattr(dialogs, "inform", recorder.show)
    monkeypatch.setattr(dialogs, "error", recorder.show)
    monkeypatch.setattr(dialogs, "choose", recorder.choose)

    def unexpected(_parent, exc):
        raise exc

    monkeypatch.setattr(dialogs, "unexpected", unexpected)
    return recorder


@pytest.fixture
def window(qtbot, app, ctx):
    from ajfar_desk.ui.shell.app import build_main_window

    win = build_main_window(ctx)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


def national_id(seed: int, first: str = "1") -> str:
    body = first + f"{seed:08d}"
    return body + str(luhn_check_digit(body))


def register(ctx, seed: int, **fields) -> object:
    data = dict(
        national_id=national_id(seed), first_name="محمد", father_name="عبدالله", grandfather_name="أحمد",
        family_name="الشهري", birth_date="1/1/1990", nationality="SA", gender="male",
        marital_status="married", phone="0501234567", city="الأجفر", category="family", consent=True,
    )
    data.update(fields)
    return applicants.register(ctx, ApplicantInput(**data), confirm_similar=True)


def pick_code(qtbot, combo, code: str) -> None:
    """Choose a code combo's entry with the arrow keys, as a keyboard user would."""
    from PySide6.QtCore import Qt

    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Home)
    for _step in range(combo.count()):
        if combo.code() == code:
            return
        qtbot.keyClick(combo, Qt.Key.Key_Down)
    assert combo.code() == code


def type_text(qtbot, widget, text: str) -> None:
    """Type like a keyboard would, Arabic letters included (QTest.keyClicks knows ASCII only)."""
    from PySide6.QtCore import QEvent, Qt
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication

    for ch in text:
        if ch.isascii():
            qtbot.keyClicks(widget, ch)
            continue
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, ch))


def page_by_keys(qtbot, window, key):
    """The page Ctrl+Shift+``key`` opens in the main ``window``, as the keyboard opens it."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    qtbot.keyClick(QApplication.focusWidget() or window, key,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    return window.stack.currentWidget()


def press_button(qtbot, button) -> None:
    """Space on ``button``, which must be shown and enabled (as a person finds it)."""
    from PySide6.QtCore import Qt

    assert button.isVisible() and button.isEnabled(), button.text()
    button.setFocus()
    qtbot.keyClick(button, Qt.Key.Key_Space)
