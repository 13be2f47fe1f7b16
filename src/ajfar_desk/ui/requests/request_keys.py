"""The request page's keyboard shortcuts: one table (also read by the shortcuts sheet), bound to
the page's buttons, and each button's tooltip names its key.

A shortcut presses its button only when the button is there for the signed-in role and the
request's state (visible and enabled): a key never does what the page does not offer."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Protocol

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QAbstractButton, QTabWidget, QToolTip, QWidget

from ...domain import workflow as wf
from ...i18n import N_, _
from ..common.key_text import key_text
from ..common.tab_keys import TAB_KEYS, tab_rows, turn_tab
from ..papers.needed_paper import NEEDED_KEY

DOCUMENTS_TAB, TIMELINE_TAB, ELIGIBILITY_TAB = 0, 1, 2
PREVIEW_KEY = "Alt+V"  # preview and print the selected paper (the papers panel's hints say it)


@dataclass(frozen=True)
class Key:
    name: str
    sequence: str
    label: str  # English msgid: what the key does
    tab: int | None = None  # the tab its button lives on (shown first)


REQUEST_KEYS: tuple[Key, ...] = (
    Key("save", "Ctrl+S", N_("Create the request, or save the changes to a draft")),
    Key("submit", "Ctrl+Return", N_("Submit the request")),
    Key("document", "Alt+D", N_("Add a document")),
    Key(wf.REFER_TO_RESEARCHER, "Alt+R", N_("Refer to the social researcher")),
    Key(wf.FORWARD_TO_COMMITTEE, "Alt+C", N_("Send to the committee")),
    Key(wf.DELIVER, "Alt+E", N_("Record the delivered service")),
    Key("declaration", "Alt+P", N_("Print the declaration"), DOCUMENTS_TAB),
    Key("referral", "Alt+L", N_("Print the referral letter"), DOCUMENTS_TAB),
    Key("decision", "Alt+T", N_("Print the decision letter"), DOCUMENTS_TAB),
    Key("preview", PREVIEW_KEY, N_("Preview and print the selected paper"), DOCUMENTS_TAB),
    Key("signed", "Alt+W", N_("Record the signature on the printed declaration"), DOCUMENTS_TAB),
    Key("needed", NEEDED_KEY, N_("Print the documents the applicant still has to bring"),
        DOCUMENTS_TAB),
    Key("survey", "Alt+S", N_("Take a satisfaction survey")),
    Key("back", "Alt+B", N_("Back to the applicant's file")),
    Key("tab_documents", "Alt+1", N_("Show the documents and papers")),
    Key("tab_timeline", "Alt+2", N_("Show the timeline")),
    Key("tab_eligibility", "Alt+3", N_("Show the eligibility checks")),
)
TABS = {"tab_documents": DOCUMENTS_TAB, "tab_timeline": TIMELINE_TAB, "tab_eligibility": ELIGIBILITY_TAB}


class _PaperButtons(Protocol):
    @property
    def declaration_button(self) -> QAbstractButton: ...
    @property
    def referral_button(self) -> QAbstractButton: ...
    @property
    def decision_button(self) -> QAbstractButton: ...
    @property
    def preview_button(self) -> QAbstractButton: ...
    @property
    def signed_button(self) -> QAbstractButton: ...
    @property
    def needed_button(self) -> QAbstractButton: ...


class _SurveyButton(Protocol):
    @property
    def button(self) -> QAbstractButton: ...


class _StepButtons(Protocol):
    @property
    def buttons(self) -> Mapping[str, QAbstractButton]: ...


class RequestPage(Protocol):
    """What the keys press on the request page: its buttons, tabs and draft."""

    @property
    def create_button(self) -> QAbstractButton: ...
    @property
    def submit_button(self) -> QAbstractButton: ...
    @property
    def document_button(self) -> QAbstractButton: ...
    @property
    def survey(self) -> _SurveyButton: ...
    @property
    def back_button(self) -> QAbstractButton: ...
    @property
    def papers(self) -> _PaperButtons: ...
    @property
    def steps(self) -> _StepButtons: ...
    @property
    def tabs(self) -> QTabWidget: ...
    @property
    def request(self) -> object | None: ...  # None until the request is made
    def save_draft(self) -> bool: ...
    def key_unavailable(self, message: str) -> None: ...


class RequestKeys(QObject):
    """Binds ``REQUEST_KEYS`` to a request form (only while the form is the window's current
    page) and adds each key to its button's tooltip."""

    def __init__(self, form: QWidget, page: RequestPage):
        """``form`` holds the shortcuts; ``page`` (the same request form) has the buttons."""
        super().__init__(form)
        self.form = page
        self.shortcuts: dict[str, QShortcut] = {}
        for key in REQUEST_KEYS:
            shortcut = QShortcut(QKeySequence(key.sequence), form)
            # the whole window's while the page is shown (Qt matches no shortcut of a hidden
            # page): the keys also work when the focus went to the bottom bar (second trial:
            # Ctrl+Return pressed with the language button focused did nothing, silently)
            shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
            shortcut.activated.connect(lambda key=key: self.press(key))
            self.shortcuts[key.name] = shortcut
        # the next / previous tab, as F1 lists them (trial 12: Ctrl+Tab did nothing here, and
        # «Timeline» took a dozen Shift+Tabs that passed by the status bar's «Sign out»)
        self.tab_shortcuts: dict[str, QShortcut] = {}
        for sequences, step, _label in TAB_KEYS:
            for sequence in sequences:
                shortcut = QShortcut(QKeySequence(sequence), form)
                shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
                shortcut.activated.connect(lambda step=step: self.turn(step))
                self.tab_shortcuts[sequence] = shortcut

    def buttons(self) -> dict[str, QAbstractButton]:
        """The page's buttons by key name (the step buttons change with the request)."""
        f = self.form
        found = {
            "save": f.create_button, "submit": f.submit_button, "document": f.document_button,
            "declaration": f.papers.declaration_button, "referral": f.papers.referral_button,
            "decision": f.papers.decision_button, "preview": f.papers.preview_button,
            "signed": f.papers.signed_button, "needed": f.papers.needed_button,
            "survey": f.survey.button, "back": f.back_button,
        }
        found.update(f.steps.buttons)
        if wf.DELIVER_IMMEDIATELY in f.steps.buttons:  # Alt+E: an immediate service's delivery
            found[wf.DELIVER] = f.steps.buttons[wf.DELIVER_IMMEDIATELY]
        return found

    def press(self, key: Key) -> None:
        """A key pressed: what it does, or a line saying why the page does not offer it now
        (a key that does nothing and says nothing leaves the desk guessing)."""
        if self.trigger(key.name) or key.name in TABS:
            return
        action = _(key.label)
        if key.name == "submit" and self.form.request is None:  # nothing made yet to submit
            message = _("Create the request first ({create}); then add its documents and submit it "
                        "({key}).").format(create=key_text("Ctrl+S"), key=key_text(key.sequence))
        elif key.name == "submit" and wf.DELIVER_IMMEDIATELY in self.form.steps.buttons:
            label = _(wf.ACTION_LABELS[wf.DELIVER_IMMEDIATELY])
            message = _("This program's service is given at once, without submission: use «{action}» "
                        "({key}).").format(action=label, key=key_text("Alt+E"))
        else:
            message = _("«{action}» ({key}) is not available for this request now.").format(
                action=action, key=key_text(key.sequence))
        self.form.key_unavailable(message)

    def trigger(self, name: str) -> bool:
        """Do what the key ``name`` does; False when the page does not offer it now."""
        f = self.form
        if name in TABS:
            if not f.tabs.isTabEnabled(TABS[name]):
                return False
            f.tabs.setCurrentIndex(TABS[name])
            f.tabs.currentWidget().setFocus()
            return True
        key = next(k for k in REQUEST_KEYS if k.name == name)
        button = self.buttons().get(name)
        if name == "save" and (button is None or button.isHidden()):
            return f.save_draft()
        if button is None or button.isHidden() or not button.isEnabled():
            return False
        if key.tab is not None:
            f.tabs.setCurrentIndex(key.tab)
        if not button.isVisible():
            return False
        button.click()
        return True

    def turn(self, step: int) -> None:
        """The next (1) or previous (-1) tab offered, its list focused (as Alt+1/2/3 do)."""
        tabs = self.form.tabs
        if turn_tab(tabs, step):
            tabs.currentWidget().setFocus()

    def refresh(self) -> None:
        """Watch the current buttons' tooltips (call after the step buttons were rebuilt)."""
        for button in self.buttons().values():
            button.removeEventFilter(self)
            button.installEventFilter(self)

    def tooltip(self, button: QAbstractButton) -> str:
        """The button's own tooltip (a reason it is disabled), then its key."""
        names = {id(b): name for name, b in self.buttons().items()}
        name = names.get(id(button))
        key = next((k for k in REQUEST_KEYS if k.name == name), None)
        own = button.toolTip()
        if key is None:
            return own
        line = _("{action} ({key})").format(action=_(key.label), key=key_text(key.sequence))
        return "\n".join(text for text in (own, line) if text)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.ToolTip and isinstance(watched, QAbstractButton):
            QToolTip.showText(event.globalPos(), self.tooltip(watched), watched)
            return True
        return False


def shortcut_rows() -> list[tuple[str, str]]:
    """(what it does, key) for the shortcuts sheet, in the current language."""
    return [(_(key.label), key_text(key.sequence)) for key in REQUEST_KEYS] + tab_rows()


