"""The request page's warning when the declaration the applicant signed no longer matches the
draft (a listed document or the applicant's data changed after signing)."""

from __future__ import annotations

from ...services.requests import declaration_check
from ...services.store.context import AppContext
from ..common.widgets import Banner


class StaleDeclarationBanner(Banner):
    def __init__(self, ctx: AppContext, parent=None):
        super().__init__("warning", parent)
        self.ctx = ctx
        self.message.setObjectName("staleDeclaration")
        self.hide()

    def show_for(self, request) -> None:
        """``request``: a draft (None, or past the draft: nothing to say)."""
        stale = declaration_check.declaration_state(self.ctx, request.id) if request else None
        if stale:
            self.show_message("⚠ " + stale)
        else:
            self.hide()
