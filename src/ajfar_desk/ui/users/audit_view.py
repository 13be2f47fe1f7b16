"""The audit log for managers and administrators: who did what, when, from which branch; a
filter; and a check that no entry was changed, removed or inserted since it was written."""

from __future__ import annotations

import json

from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout

from ...domain import audit as words
from ...domain.audit import ChainProblem
from ...domain.digits import normalize_digits
from ...domain.errors import ValidationError
from ...i18n import N_, _, ngettext
from ...services.store.context import AppContext
from ...services.users import audit, audit_text
from ...services.users.audit import AuditLine
from ..common import digit_input, fmt
from ..common.fit_columns import fit_columns
from ..common.list_page import ListPage, after_typing
from ..common.table_model import Column, RowsModel, record_table
from ..common.widgets import Banner, named_button

LIMIT = 500
FILTER_DELAY_MS = 250

PROBLEMS = {
    "altered": N_("Entry {seq} of branch {branch} was changed after it was written"),
    "missing": N_("Entry {seq} of branch {branch} is missing"),
    "out_of_order": N_("Entry {seq} of branch {branch} is out of order"),
    "head": N_("The last entries of branch {branch} were removed (the chain ended at {seq})"),
    # against the chain heads anchored outside the store (data folder, peers, backups)
    "cut": N_("Entries at the end of branch {branch}'s log were cut: {detail}"),
    "rehashed": N_("Branch {branch}'s log was rewritten and its hashes recomputed: {detail}"),
    "emptied": N_("Branch {branch}'s log was emptied: {detail}"),
    "appended": N_("Entries were added to branch {branch}'s log outside the program: {detail}"),
    "anchor": N_("An anchor of the audit log is not to be trusted: {detail}"),
}


def action_label(line: AuditLine) -> str:
    return words.action_label(line.action)


def branch_name(ctx: AppContext, code: str) -> str:
    try:
        return ctx.profile.branch(code).name()
    except ValidationError:  # a branch unknown to this profile: its code
        return code


def problem_text(ctx: AppContext, problem: ChainProblem) -> str:
    template = PROBLEMS.get(problem.kind, PROBLEMS["altered"])
    return _(template).format(seq=fmt.number(ctx.profile, problem.seq),
                              branch=branch_name(ctx, problem.branch), detail=problem.detail)


class AuditView(ListPage):
    def __init__(self, ctx: AppContext, parent=None):
        super().__init__(ctx, parent)
        p = ctx.profile
        t = self.texts
        self.page_title(N_("Audit log"), N_("Every change is written to a chained log: changing, removing "
                                    "or inserting an entry breaks the chain, and the check finds it."))
        self.filter = digit_input.search_line(ctx.profile, "auditFilter")
        t.add(self.filter.setPlaceholderText, N_("Filter: record id, action, user or reference"))
        t.add(self.filter.setAccessibleName, N_("Filter the audit log"))
        self.verify_button = named_button(t, N_("Verify the chain"), "verifyChain")
        self.intact = Banner("success")
        self.broken = Banner("error")
        self.model = RowsModel([
            Column(N_("Time"), lambda e: fmt.timestamp(p, e.at)),
            Column(N_("Branch"), lambda e: branch_name(ctx, e.branch)),
            Column(N_("User"), lambda e: fmt.para(e.user_name) if e.user_name else ""),
            Column(N_("Action"), action_label),
            Column(N_("What"), self._what),
            Column(N_("Details"), self._details),
        ], self)
        self.table = record_table(self.model, "auditLog")
        fit_columns(self.table, stretch=5)  # the details take the width left, elided there
        t.add(self.table.setAccessibleName, N_("Audit log"))
        self.status = QLabel()
        top = QHBoxLayout()
        top.addWidget(self.filter, 1)
        top.addWidget(self.verify_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.note)
        layout.addLayout(top)
        layout.addWidget(self.intact)
        layout.addWidget(self.broken)
        layout.addWidget(self.status)
        layout.addWidget(self.table, 1)
        self.timer = after_typing(self, self.filter, FILTER_DELAY_MS, self.reload)
        self.filter.returnPressed.connect(self.reload)
        self.verify_button.clicked.connect(self.verify)
        self.reload()

    # -- the list ----------------------------------------------------------------------------
    def reload(self) -> None:
        self.timer.stop()
        self.model.set_rows(self._entries(normalize_digits(self.filter.text().strip())))
        self._update_status()

    def _entries(self, text: str) -> list[AuditLine]:
        """Exactly one record's entries (by its id) or one action's; else the latest entries
        that mention the text anywhere (a reference, a user name, an id's first characters)."""
        if not text:
            return audit.entries(self.ctx, limit=LIMIT)
        exact = audit.entries(self.ctx, entity_id=text, limit=LIMIT) or audit.entries(
            self.ctx, action=text.lower(), limit=LIMIT)
        if exact:
            return exact
        wanted = text.casefold()
        return [e for e in audit.entries(self.ctx, limit=LIMIT) if wanted in self._haystack(e)]

    def _haystack(self, e: AuditLine) -> str:
        words = [e.entity_id, e.action, e.user, e.user_name, e.entity, action_label(e), self._what(e),
                 json.dumps(e.details, ensure_ascii=False, default=str)]
        return " ".join(words).casefold()

    def _update_status(self) -> None:
        count = len(self.model.rows)
        text = ngettext("{count} entry, newest first", "{count} entries, newest first", count).format(
            count=fmt.number(self.ctx.profile, count))
        if count == 0:
            text = _("No entry matches the filter.")
        self.status.setText(text)

    def _what(self, e: AuditLine) -> str:
        return words.what_text(e.entity, e.entity_id)

    def _details(self, e: AuditLine) -> str:
        return audit_text.details_text(self.ctx.profile, e.details, fmt.digit_style(self.ctx.profile))

    # -- the chain -----------------------------------------------------------------------------
    def verify(self) -> None:
        problems = audit.verify(self.ctx)
        if problems:
            self.intact.hide()
            lines = "\n".join("✗ " + problem_text(self.ctx, problem) for problem in problems)
            self.broken.show_message(_("The audit log was tampered with:") + "\n" + lines)
        else:
            self.broken.hide()
            self.intact.show_message("✓ " + _("The audit log is intact: no entry was changed, "
                                              "removed or inserted."))

    def retranslate(self) -> None:
        super().retranslate()
        self.intact.hide()
        self.broken.hide()
