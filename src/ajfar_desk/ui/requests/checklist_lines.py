"""A request's checklist of documents as list lines: each with its sign, icon and colour (never
colour alone), and the date it is valid until or expired on; before the request exists, the
documents its program requires.  The list is updated in place (``common.list_lines``), never
cleared under a running slot."""

from __future__ import annotations

import datetime as dt

from PySide6.QtGui import QColor, QIcon
from PySide6.QtWidgets import QListWidget, QStyle

from ...domain import gendered
from ...domain import requests as rules
from ...domain.errors import ValidationError
from ...i18n import N_, _
from ..common import fmt
from ..common.list_lines import Line, show_lines

STATE_STYLE = {  # colour, standard icon, sign: never colour alone
    rules.OK: ("#1b5e20", QStyle.StandardPixmap.SP_DialogApplyButton, "✓"),
    rules.MISSING: ("#b00020", QStyle.StandardPixmap.SP_DialogCancelButton, "✗"),
    rules.EXPIRED: ("#a15c00", QStyle.StandardPixmap.SP_MessageBoxWarning, "⚠"),
}


# a document's state in the agreement its Arabic name takes: (masculine, feminine) — «سجل الأسرة:
# موجود وساري», «الهوية الوطنية: موجودة وسارية» (the English catalog drops the marker)
PRESENT = (N_("{sign} {document}: present and valid"),
           N_("{sign} {document}: present and valid (feminine)"))
VALID_UNTIL = (N_("{sign} {document}: valid until {date}"),
               N_("{sign} {document}: valid until {date} (feminine)"))
EXPIRED_ON = (N_("{sign} {document}: expired on {date}"),
              N_("{sign} {document}: expired on {date} (feminine)"))
MISSING = (N_("{sign} {document}: missing"), N_("{sign} {document}: missing (feminine)"))


_icons: dict[tuple[str, str], QIcon] = {}  # one QIcon per style and state: set once per item


def _icon(style: QStyle, state: str) -> QIcon:
    key = (style.name(), state)
    if key not in _icons:
        _icons[key] = QIcon(style.standardIcon(STATE_STYLE[state][1]))
    return _icons[key]


def checklist_line(style: QStyle, profile, label: str, state: str | None,
                   expiry: dt.date | None, feminine: bool = False) -> Line:
    """One document's line; ``state`` None: a program's document before any is checked;
    ``feminine``: the document's Arabic name takes feminine agreement."""
    if state is None:
        return Line("• " + label)
    color, _standard, sign = STATE_STYLE[state]
    if state == rules.OK:
        text = _(PRESENT[feminine]).format(sign=sign, document=label)
        if expiry:
            text = _(VALID_UNTIL[feminine]).format(
                sign=sign, document=label, date=fmt.date_both(profile, expiry))
    elif state == rules.EXPIRED:
        text = _(EXPIRED_ON[feminine]).format(
            sign=sign, document=label, date=fmt.date_both(profile, expiry))
    else:
        text = _(MISSING[feminine]).format(sign=sign, document=label)
    return Line(text, data=state, icon=_icon(style, state), foreground=QColor(color))


def fill_checklist(checklist: QListWidget, style: QStyle, profile, request, program: str,
                   identity: str = "national_id") -> None:
    """The request's checked documents; with no request yet, those the chosen ``program``
    requires (none when no program is chosen), its «national ID» read as ``identity`` (the
    applicant's: ``domain.requests.identity_kind``), as the request's checklist will."""
    lines: list[tuple[str, str, str | None, dt.date | None]]
    if request is not None:
        lines = [(line.kind, line.label, line.state, line.expiry_date) for line in request.checklist]
    elif program:
        required = profile.program(program).required_documents
        lines = [(kind, profile.document_kind(identity if kind == "national_id" else kind).name(),
                  None, None) for kind in required]
    else:
        lines = []
    show_lines(checklist, [checklist_line(style, profile, label, state, expiry, _feminine(profile, kind))
                           for kind, label, state, expiry in lines])


def _feminine(profile, kind: str) -> bool:
    try:
        return gendered.feminine_noun(profile.document_kind(kind).name_ar)
    except ValidationError:  # a kind since removed from the profile
        return False
