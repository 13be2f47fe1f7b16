"""Merge the two files of one person registered at two places: what the second file says
otherwise, each with a box to take its value instead of the first file's (Space ticks, Tab
moves, Enter merges, Esc cancels, asking first when a box was ticked).  What is not taken stays
in the surviving file (its other phone, its notes): ``services.sync.sync_duplicates``."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from PySide6.QtWidgets import QCheckBox, QGridLayout, QLabel, QWidget

from ...domain.text import isolate
from ...i18n import N_, _
from ...services.store.context import AppContext
from ...services.sync.sync_duplicates import COMPARED, Difference
from ...services.sync.sync_review import DuplicateView
from ..common import fmt
from ..common.form_dialog import FormDialog, form_frame
from ..common.widgets import Texts, note_label, titled


def shown(ctx: AppContext, field: str, value: object) -> str:
    """A compared value as the file shows it."""
    p = ctx.profile
    if value is None or value == "":
        return "—"
    if field in ("phone", "phone2"):
        return fmt.phone(p, str(value))
    if isinstance(value, dt.date):
        return fmt.date_both(p, value)
    if isinstance(value, Decimal):
        return fmt.money(p, value)
    text = str(value)
    return fmt.ident(p, text) if text.isascii() else text


def _wrapped(text: str) -> QLabel:
    label = QLabel(isolate(text) if text.isascii() else text)
    label.setWordWrap(True)
    return label


class MergeDialog(FormDialog):
    """Which of the second file's values replace the first's; ``taken()`` after it is accepted."""

    def __init__(self, ctx: AppContext, dup: DuplicateView, kept_branch: str, other_branch: str,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("mergeDialog")
        self.texts = t = Texts()
        t.add(self.setWindowTitle, N_("Merge the two files"))
        names = {"kept": isolate(dup.kept_name), "kept_branch": kept_branch,
                 "other": isolate(dup.other_name), "other_branch": other_branch}
        note = note_label(t, lambda: _(
            "The household, documents, requests and complaints of {other} ({other_branch}) move to "
            "the file of {kept} ({kept_branch}); the second file is removed on every node after "
            "the next exchange.").format(**names))
        self.boxes: dict[str, QCheckBox] = {}
        grid = QGridLayout()
        for column, (title, branch) in ((1, (N_("First file"), kept_branch)),
                                        (3, (N_("Second file"), other_branch))):
            head = _wrapped(_("{name} — {branch}").format(name=_(title), branch=branch))
            head.setStyleSheet("font-weight: bold")
            grid.addWidget(head, 0, column)
        for row, d in enumerate(dup.differences, start=1):  # long values wrap: the dialog fits 1280×720
            grid.addWidget(QLabel(_(COMPARED[d.field])), row, 0)
            grid.addWidget(_wrapped(shown(ctx, d.field, d.first)), row, 1)
            grid.addWidget(self._box(d), row, 2)
            grid.addWidget(_wrapped(shown(ctx, d.field, d.second)), row, 3)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        parts: list = [titled(t, N_("Merge the two files"), size=14), note]
        if dup.differences:
            head = note_label(t, N_("Where the two files differ, the first file's value is kept unless "
                                    "its box is ticked (Space). A phone not kept becomes the second "
                                    "phone; other values left behind go into the file's notes."))
            parts += [head, grid]
        else:
            parts.append(note_label(t, N_("The two files say the same.")))
        self.error, self.ok = form_frame(self, t, parts, self.accept, N_("Merge the two files"),
                                         "mergeOk", wide=560, scroll=True)

    def _box(self, d: Difference) -> QWidget:
        """Its box (Space: take the second file's value, shown beside it)."""
        if d.field == "notes":  # never replaced: added to the first file's notes
            return QLabel(_("added to the notes"))
        box = QCheckBox(_("Take"))
        box.setObjectName(f"take_{d.field}")
        box.setAccessibleName(_(COMPARED[d.field]))
        self.boxes[d.field] = box
        return box

    def taken(self) -> set[str]:
        return {name for name, box in self.boxes.items() if box.isChecked()}
