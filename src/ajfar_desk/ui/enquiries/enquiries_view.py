"""Enquiries (الاستفسارات): the contact log, newest first, searched as one types; a new one
logged from the keyboard (Alt+N), one linked to the request it became (Alt+L). A social
researcher sees the enquiries referred to them."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
)

from ...domain import permissions
from ...i18n import N_, _
from ...services.enquiries import enquiries
from ...services.enquiries.enquiries import EnquiryView
from ...services.store.context import AppContext
from ...services.store.events import FEEDBACK_CHANGED
from ..common import digit_input, fmt
from ..common.list_page import ListPage, after_typing
from ..common.table_model import (
    Column,
    RowsModel,
    record_table,
    select_first,
    wrapped_columns,
)
from ..common.widgets import (
    CodeCombo,
    button_row,
    named_button,
    named_items,
)
from ..feedback.complaint_dialogs import channel_name
from ..shell.shortcuts_sheet import key_tip
from .enquiry_dialogs import LinkRequestDialog, NewEnquiryDialog

SEARCH_DELAY_MS = 250
WIDTHS = {0: 178, 1: 130, 2: 130, 3: 170}  # number (never wraps), received, channel, who


def referral_text(v: EnquiryView) -> str:
    if not v.referred:
        return ""
    return v.researcher_name or _("Any researcher")


class EnquiriesView(ListPage):
    follows = frozenset({FEEDBACK_CHANGED})

    open_request = Signal(object)  # the request an enquiry became

    def __init__(self, ctx: AppContext, parent=None, today: dt.date | None = None):
        super().__init__(ctx, parent)
        self.today = today
        self.dialog: NewEnquiryDialog | LinkRequestDialog | None = None
        p = ctx.profile
        self.desk = ctx.may(permissions.RECORD_ENQUIRY)
        t = self.texts
        self.page_title(N_("Enquiries") if self.desk else N_("Enquiries referred to me"), N_(
            "Every question, call or letter, from any channel, whether or not it becomes a request. "
            "Type to search; Enter on a row opens the request it became."))
        self.search = digit_input.search_line(ctx.profile, "enquirySearch")
        t.add(self.search.setPlaceholderText, N_("Name, subject, phone, ID or number"))
        self.channel = CodeCombo([("", N_("All channels")), *named_items(p.channels)], placeholder=False)
        self.channel.setObjectName("enquiryChannel")
        self.referred_only = QCheckBox()
        t.add(self.referred_only.setText, N_("Referred to the researcher only"))
        self.referred_only.setVisible(self.desk)
        self.new_button = named_button(t, N_("New enquiry…"), "newEnquiry")
        t.add(self.new_button.setToolTip, lambda: key_tip(_("New enquiry…"), "Alt+N"))
        self.link_button = named_button(t, N_("It became a request…"), "linkEnquiry")
        t.add(self.link_button.setToolTip, lambda: key_tip(_("It became a request…"), "Alt+L"))
        for button in (self.new_button, self.link_button):
            button.setVisible(self.desk)
        self.model = RowsModel([
            Column(N_("Number"), lambda v: fmt.ident(p, v.number)),
            Column(N_("Received"), lambda v: fmt.date_both(p, v.received_on)),
            Column(N_("Channel"), lambda v: channel_name(ctx, v.channel)),
            Column(N_("Who asked"), lambda v: v.name + (f" — {fmt.phone(p, v.phone)}" if v.phone else "")),
            Column(N_("Subject"), lambda v: v.subject),
            Column(N_("Answer given"), lambda v: v.answer),
            Column(N_("Referred to"), referral_text),
            Column(N_("Request"), lambda v: fmt.ident(p, v.request_reference) if v.request_reference else ""),
        ], self)
        self.table = record_table(self.model, "enquiries")
        wrapped_columns(self.table, WIDTHS, stretch=(4, 5))
        t.add(self.table.setAccessibleName, N_("Enquiries"))
        self.status = QLabel()
        self.status.setAlignment(Qt.AlignmentFlag.AlignCenter)
        top = QHBoxLayout()  # the search first: the page opens on it
        top.addWidget(self.search, 1)
        top.addWidget(self.channel)
        top.addWidget(self.referred_only)
        buttons = button_row(self.new_button, self.link_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.note)
        layout.addLayout(top)
        layout.addWidget(self.status)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.timer = after_typing(self, self.search, SEARCH_DELAY_MS, self.reload)
        self.search.returnPressed.connect(self._search_now)
        self.channel.currentIndexChanged.connect(lambda _i: self.reload())
        self.referred_only.toggled.connect(lambda _c: self.reload())
        self.new_button.clicked.connect(self.new_enquiry)
        self.link_button.clicked.connect(lambda: self.link(self.selected()))
        self.table.activated.connect(self._activated)
        if self.desk:
            for keys, slot in (("Alt+N", self.new_enquiry), ("Alt+L", lambda: self.link(self.selected()))):
                shortcut = QShortcut(QKeySequence(keys), self)
                shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
                shortcut.activated.connect(slot)
        self.setFocusProxy(self.search)
        self.reload()

    # -- data ------------------------------------------------------------------------------
    def reload(self) -> None:
        self.timer.stop()
        rows = enquiries.list_enquiries(
            self.ctx, self.search.text(), channel=self.channel.code() or None,
            referred=True if self.referred_only.isChecked() else None,
        )
        self.show_rows(rows)
        self.link_button.setEnabled(bool(rows))
        self._update_status()

    def _search_now(self) -> None:
        self.reload()
        if self.model.rows:
            self.table.setFocus()

    def _update_status(self) -> None:
        rows = self.model.rows
        if not rows:
            self.status.setText(_("Nothing to show."))
            return
        p = self.ctx.profile
        referred = sum(1 for v in rows if v.referred)
        became = sum(1 for v in rows if v.request_reference)
        self.status.setText(_("{count} shown — {referred} referred to the researcher, {became} became requests")
                            .format(count=fmt.number(p, len(rows)), referred=fmt.number(p, referred),
                                    became=fmt.number(p, became)))

    # -- actions ---------------------------------------------------------------------------
    def _activated(self, index) -> None:
        v = self.model.row_at(index)
        if v is not None and v.request_id is not None:
            self.open_request.emit(v.request_id)

    def new_enquiry(self) -> NewEnquiryDialog | None:
        if not self.desk:
            return None
        dialog = NewEnquiryDialog(self.ctx, parent=self, today=self.today)
        return self.open_dialog(dialog, dialog.recorded, self._show)

    def link(self, enquiry: EnquiryView | None) -> LinkRequestDialog | None:
        if enquiry is None or not self.desk:
            return None
        dialog = LinkRequestDialog(self.ctx, enquiry, parent=self)
        return self.open_dialog(dialog, dialog.linked, self._show)

    def _show(self, enquiry: EnquiryView) -> None:
        self.reload()
        select_first(self.table, self.model.rows, lambda v: v.id == enquiry.id)
        self.table.setFocus()

    def retranslate(self) -> None:
        self.channel.retranslate()
        super().retranslate()
