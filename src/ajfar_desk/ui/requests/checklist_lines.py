"""A request's checklist of documents as list lines: each with its sign, icon and colour (never
colour alone), and the date it is valid until or expired on."""

from __future__ import annotations

import datetime as dt

from PySide6.QtGui import QColor, QIcon
from PySide6.QtWidgets import QListWidgetItem, QStyle

from ...domain import requests as rules
from ...i18n import _
from ..common import fmt

STATE_STYLE = {  # colour, standard icon, sign: never colour alone
    rules.OK: ("#1b5e20", QStyle.StandardPixmap.SP_DialogApplyButton, "✓"),
    rules.MISSING: ("#b00020", QStyle.StandardPixmap.SP_DialogCancelButton, "✗"),
    rules.EXPIRED: ("#a15c00", QStyle.StandardPixmap.SP_MessageBoxWarning, "⚠"),
}


def checklist_item(style: QStyle, profile, label: str, state: str | None,
                   expiry: dt.date | None) -> QListWidgetItem:
    """One document's line; ``state`` None: a program's document before any is checked."""
    if state is None:
        return QListWidgetItem("• " + label)
    color, icon, sign = STATE_STYLE[state]
    if state == rules.OK:
        text = _("{sign} {document}: present and valid").format(sign=sign, document=label)
        if expiry:
            text = _("{sign} {document}: valid until {date}").format(
                sign=sign, document=label, date=fmt.date_both(profile, expiry))
    elif state == rules.EXPIRED:
        text = _("{sign} {document}: expired on {date}").format(
            sign=sign, document=label, date=fmt.date_both(profile, expiry))
    else:
        text = _("{sign} {document}: missing").format(sign=sign, document=label)
    item = QListWidgetItem(QIcon(style.standardIcon(icon)), text)
    item.setForeground(QColor(color))
    item.setData(256, state)  # Qt.UserRole: for tests and accessibility tools
    return item
