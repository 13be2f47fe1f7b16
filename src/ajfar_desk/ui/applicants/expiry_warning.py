"""A line under a document's dates saying, as the expiry date is typed, that the document has
already expired («انتهت صلاحية هذا المستند في 15/08/2023 …»).  It is recorded all the same, for
the file; the line only tells the desk before it saves.  It never takes the focus: the typing goes
on in the expiry field and Enter still saves."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit

from ...i18n import _
from ...services.applicants.document_edit import past_expiry
from ...services.store.context import AppContext
from ..common import fmt

STYLE = "color: #8a4b00; font-weight: bold;"


def expiry_warning(ctx: AppContext, editor: QLineEdit) -> QLabel:
    """The warning line for ``editor`` (hidden while the date typed is not past)."""
    label = QLabel()
    label.setObjectName("expiryWarning")
    label.setWordWrap(True)
    label.setStyleSheet(STYLE)
    label.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    label.hide()

    def update(text: str) -> None:
        day = past_expiry(text)
        label.setText(
            _("This document expired on {date}: it is recorded in the file, but a request does "
              "not count it as valid.").format(date=fmt.date_short(ctx.profile, day))
            if day else "")
        label.setVisible(day is not None)

    editor.textChanged.connect(update)
    update(editor.text())  # a correction opens on the stored date, perhaps already past
    return label
