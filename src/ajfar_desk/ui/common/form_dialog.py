"""The frame every dialog with inputs shares, so the keyboard works the same in each of them:

- it opens on its first field (the one the dialog chose, else the first in reading order);
- Enter in a field triggers the default button (which validates and shows the errors); Enter on
  a focused button presses that button; Ctrl+Enter does it from a multi-line box too;
- no button is "auto default", so Space or Enter typed in a field never presses another one;
- Esc, the window's close box and «إلغاء» cancel, and ask first when anything was changed
  (``dialogs.ask``): nothing typed is thrown away silently;
- closed, it gives the keyboard back to the window under it, repainted (``hand_back``);
- closing never fails: an error while asking still closes the dialog, so a modal window can
  always be left (and an attribute hiding one of QDialog's own methods is refused at once:
  ``self.done = Banner()`` made «إغلاق» raise and locked the program).
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import SIGNAL, QEvent, QObject, QPoint, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from ...i18n import N_, _
from . import dialogs, screen
from .hand_back import hand_back
from .text_align import follow_language
from .widgets import ErrorLabel, FieldBox, Texts

log = logging.getLogger(__name__)

# QDialog's own methods that Qt calls back: an instance attribute of the same name replaces them.
QT_METHODS = frozenset({
    "done", "accept", "reject", "exec", "open", "result", "setResult", "show", "hide", "close",
    "setVisible", "event", "keyPressEvent", "closeEvent", "showEvent", "changeEvent", "sizeHint",
    "minimumSizeHint", "eventFilter", "layout", "focusNextPrevChild",
})
INPUTS = (QLineEdit, QPlainTextEdit, QTextEdit, QComboBox, QCheckBox, QRadioButton, QAbstractSpinBox)
ACCEPT_ROLES = (QDialogButtonBox.ButtonRole.AcceptRole, QDialogButtonBox.ButtonRole.YesRole)
ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
DISCARD_TITLE = N_("Discard what was typed?")
DISCARD_TEXT = N_("What you typed in this window has not been saved and will be lost. Close it anyway?")


def is_input(widget: QWidget) -> bool:
    if not isinstance(widget, INPUTS):
        return False
    if isinstance(widget, QLineEdit) and isinstance(widget.parent(), (QComboBox, QAbstractSpinBox)):
        return False  # the editor inside a combo or a spin box: the outer widget counts
    return not (isinstance(widget, (QLineEdit, QPlainTextEdit, QTextEdit)) and widget.isReadOnly())


def value_of(widget: QWidget) -> object:
    if isinstance(widget, QLineEdit):
        return widget.text()
    if isinstance(widget, (QPlainTextEdit, QTextEdit)):
        return widget.toPlainText()
    if isinstance(widget, QComboBox):
        return widget.currentText() if widget.isEditable() else widget.currentIndex()
    if isinstance(widget, QAbstractButton):
        return widget.isChecked()
    if isinstance(widget, QAbstractSpinBox):
        return widget.text()
    return None


def is_blank(value: object) -> bool:
    return value in (None, "", 0, -1, False) or (isinstance(value, str) and not value.strip())


def clear_when_edited(box) -> None:
    """A field's error line goes as soon as the user changes that field (its cause may be
    fixed); the next attempt says again what is still wrong."""
    def clear(*_args) -> None:
        if box.error.isVisible():
            box.set_error(None)

    for widget in box.inputs:
        if isinstance(widget, (QLineEdit,)):
            widget.textEdited.connect(clear)
        elif isinstance(widget, (QPlainTextEdit, QTextEdit)):
            widget.textChanged.connect(lambda widget=widget: clear() if widget.hasFocus() else None)
        elif isinstance(widget, QComboBox):
            widget.activated.connect(clear)
        elif isinstance(widget, QAbstractButton):
            widget.clicked.connect(clear)


class _CtrlEnter(QObject):
    """Ctrl+Enter in a multi-line box triggers the dialog's default action (Enter alone is a
    new line there)."""

    def __init__(self, dialog: FormDialog):
        super().__init__(dialog)
        self.dialog = dialog

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt API
        if (event.type() == QEvent.Type.KeyPress and event.key() in ENTER_KEYS
                and event.modifiers() & Qt.KeyboardModifier.ControlModifier):
            return self.dialog.press_default()
        return False


class FormDialog(QDialog):
    """A QDialog that handles focus, Enter and Esc for the dialog built on it (see the module)."""

    ask_before_discard = True  # False where what is typed is not work (a password, a lookup)

    def __init__(self, parent=None):
        super().__init__(parent)
        self._initial: dict[QWidget, object] = {}
        self._initial_extra: object = None
        self._prepared = False
        self._ctrl_enter = _CtrlEnter(self)

    def __setattr__(self, name: str, value) -> None:
        if name in QT_METHODS and not callable(value):
            raise AttributeError(f"{type(self).__name__}.{name} would hide QDialog.{name}()")
        super().__setattr__(name, value)

    # -- what was typed ----------------------------------------------------------------------
    def inputs(self) -> list[QWidget]:
        return [w for w in self.findChildren(QWidget) if is_input(w)]

    def extra_state(self) -> object:
        """What else the user entered that is not a plain input (a drawn signature, a file)."""
        return None

    def mark_clean(self) -> None:
        """What the inputs hold now is the starting point (after a save that keeps it open)."""
        self._initial = {w: value_of(w) for w in self.inputs()}
        self._initial_extra = self.extra_state()

    def is_dirty(self) -> bool:
        for widget in self.inputs():
            value = value_of(widget)
            if widget in self._initial:
                if value != self._initial[widget]:
                    return True
            elif not is_blank(value):  # a field added since it opened, already filled in
                return True
        return self.extra_state() != self._initial_extra

    # -- opening -------------------------------------------------------------------------------
    def showEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().showEvent(event)
        if not self._prepared:
            self._prepared = True
            self.prepare()

    def prepare(self) -> None:
        """On first show: buttons not auto-default, a default button, multi-line boxes aligned
        with the language, the values to compare with, the focus on the first field."""
        for button in self.findChildren(QPushButton):
            button.setAutoDefault(False)
        if self.default_button() is None:
            accept = self._accept_button()
            if accept is not None:
                accept.setDefault(True)
        for box in self.findChildren(QPlainTextEdit) + self.findChildren(QTextEdit):
            follow_language(box)
            box.installEventFilter(self._ctrl_enter)
        from .widgets import FieldBox

        for field_box in self.findChildren(FieldBox):
            clear_when_edited(field_box)
        self.mark_clean()
        self.focus_first_field()

    def _accept_button(self) -> QPushButton | None:
        for box in self.findChildren(QDialogButtonBox):
            for button in box.buttons():
                if box.buttonRole(button) in ACCEPT_ROLES and isinstance(button, QPushButton):
                    return button
        return None

    def first_field(self) -> QWidget | None:
        """The first enabled, visible input in reading order (top to bottom, then from the
        right in Arabic, from the left in English)."""
        rtl = self.layoutDirection() == Qt.LayoutDirection.RightToLeft
        candidates = []
        for widget in self.inputs():
            if not (widget.isVisibleTo(self) and widget.isEnabled()
                    and widget.focusPolicy() & Qt.FocusPolicy.TabFocus):
                continue
            top_left = widget.mapTo(self, QPoint(0, 0))
            # fields of one grid row share their box's top, whatever their labels' height
            parent = widget.parentWidget()
            row_top = parent.mapTo(self, QPoint(0, 0)).y() \
                if parent is not None and type(parent).__name__ == "FieldBox" else top_left.y()
            x = -(top_left.x() + widget.width()) if rtl else top_left.x()
            candidates.append(((row_top, x), widget))
        return min(candidates, key=lambda item: item[0])[1] if candidates else None

    def focus_first_field(self) -> None:
        chosen = self.focusWidget()
        if chosen is not None and is_input(chosen) and chosen.isVisibleTo(self) and chosen.isEnabled():
            chosen.setFocus(Qt.FocusReason.TabFocusReason)  # the dialog chose it
            return
        first = self.first_field()
        if first is not None:
            first.setFocus(Qt.FocusReason.TabFocusReason)

    # -- Enter -----------------------------------------------------------------------------------
    def default_button(self) -> QPushButton | None:
        for button in self.findChildren(QPushButton):
            if button.isDefault() and button.isVisibleTo(self):
                return button
        return None

    def enter_button(self, focus: QWidget | None) -> QPushButton | None:
        """The button Enter presses when ``focus`` has the focus (a dialog with two actions
        may choose by where the user is)."""
        return self.default_button()

    def press_default(self) -> bool:
        button = self.enter_button(self.focusWidget())
        if button is None or not button.isVisible():
            return False
        if button.isEnabled():
            button.click()
        return True

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt API
        key, mods = event.key(), event.modifiers()
        if key == Qt.Key.Key_Escape and not mods:
            event.accept()
            self._escape()
            return
        mods = mods & ~Qt.KeyboardModifier.KeypadModifier
        control = mods == Qt.KeyboardModifier.ControlModifier
        if key in ENTER_KEYS and (control or mods == Qt.KeyboardModifier.NoModifier):
            focus = self.focusWidget()
            if isinstance(focus, QPushButton) and not control:
                event.accept()
                focus.click()  # the button the user moved to, as it shows
                return
            if isinstance(focus, QLineEdit) and focus.receivers(SIGNAL("returnPressed()")) > 0:
                event.accept()  # the field acted on Enter itself (e.g. a scanner's line)
                return
            if self.press_default():
                event.accept()
                return
        super().keyPressEvent(event)

    def _escape(self) -> None:
        try:
            self.reject()
        except Exception as exc:  # a dialog that cannot close would lock the whole program
            log.error("closing %s failed", type(self).__name__, exc_info=exc)
            self.discard()

    # -- closing ---------------------------------------------------------------------------------
    def hideEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().hideEvent(event)
        if not event.spontaneous():  # closed (not minimised): the window under it goes on at once
            hand_back(self)

    def may_discard(self) -> bool:
        """True when nothing typed would be lost, or the user agrees to lose it."""
        try:
            if not self.ask_before_discard or not self.is_dirty():
                return True
            return dialogs.ask(self, _(DISCARD_TITLE), _(DISCARD_TEXT), default_yes=False)
        except Exception as exc:  # asking failed: close anyway rather than lock the program
            log.error("asking before closing %s failed", type(self).__name__, exc_info=exc)
            return True

    def reject(self) -> None:
        if self.may_discard():
            self.discard()

    def discard(self) -> None:
        """Close as cancelled, without asking (a refusal that ends the dialog, a fallback)."""
        QDialog.done(self, QDialog.DialogCode.Rejected)


def ok_cancel_buttons(texts: Texts, dialog: QDialog, on_ok: Callable[[], object], ok_text: str,
                      ok_name: str = "", cancel_text: str = N_("Cancel")) -> tuple[QDialogButtonBox, QPushButton]:
    """The dialog's two buttons: ``ok_text`` (a msgid; the default button, it calls ``on_ok``)
    and ``cancel_text`` (``dialog.reject``: a form dialog asks first when something was typed)."""
    buttons = QDialogButtonBox()
    ok = buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
    if ok_name:
        ok.setObjectName(ok_name)
    texts.add(ok.setText, ok_text)
    ok.setDefault(True)
    cancel = buttons.addButton("", QDialogButtonBox.ButtonRole.RejectRole)
    texts.add(cancel.setText, cancel_text)
    buttons.accepted.connect(on_ok)
    buttons.rejected.connect(dialog.reject)
    return buttons, ok


def form_frame(dialog: QDialog, texts: Texts, parts: list[QWidget | QLayout], on_ok: Callable[[], object],
               ok_text: str, ok_name: str = "", *, wide: int,
               scroll: bool = False) -> tuple[ErrorLabel, QPushButton]:
    """A form dialog's frame, top to bottom: ``parts`` (its title, its fields), the error line,
    then ``ok_text`` and Cancel (``ok_cancel_buttons``).  With ``scroll``, all between the first
    part and the error line scrolls on a short screen (the title and the buttons stay on it).
    At least ``wide`` pixels wide.  Returns the error line and the OK button."""
    error = ErrorLabel()
    buttons, ok = ok_cancel_buttons(texts, dialog, on_ok, ok_text, ok_name)
    layout = QVBoxLayout(dialog)
    for part in parts:
        if isinstance(part, QLayout):
            layout.addLayout(part)
        else:
            layout.addWidget(part)
    layout.addWidget(error)
    layout.addWidget(buttons)
    if scroll:
        screen.scroll_middle(dialog, keep_top=1, keep_bottom=2)
    screen.at_least_wide(dialog, wide)
    return error, ok


def field_grid(boxes: dict[str, FieldBox], places: tuple[tuple[str | QWidget, int, int, int], ...],
               columns: int = 3) -> QGridLayout:
    """The field boxes in a grid: each (a box's name or another widget, row, column, how many
    columns it spans), in Tab order; the ``columns`` share the width alike."""
    grid = QGridLayout()
    for name, row, column, span in places:
        grid.addWidget(boxes[name] if isinstance(name, str) else name, row, column, 1, span)
    for column in range(columns):
        grid.setColumnStretch(column, 1)
    return grid
