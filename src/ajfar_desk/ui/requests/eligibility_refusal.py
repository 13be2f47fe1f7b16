"""A submission refused for a confirmation not ticked: the refusal names it, and the keyboard
goes to its box, scrolled into view (one Space then ticks it).

At 1366×768 the program's confirmations sit below the visible part of the request page; the
new employee of the keyboard trial pressed Ctrl+Enter, read a paragraph listing every condition,
and did not find the box to tick."""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QTabWidget, QWidget

from ...domain.eligibility import NOT_ELIGIBLE, EligibilityResult
from ...i18n import _, ngettext
from ...services.requests.eligibility_check import NotEligible
from ..common import fmt
from ..common.widgets import ErrorLabel
from .eligibility_panel import EligibilityPanel
from .page_focus import ScrollFollower


class RequestPage(Protocol):
    """What a refusal uses of the request page."""

    tabs: QTabWidget
    eligibility: EligibilityPanel
    error: ErrorLabel
    follower: ScrollFollower

    def layout(self): ...


def refused(page: RequestPage, exc: NotEligible) -> None:
    """Submitting was refused: the eligibility tab and its lines (they say what is missing), the
    refusal naming the confirmation to tick, and the keyboard on its box, brought into view."""
    page.tabs.setCurrentWidget(page.eligibility)
    page.eligibility.refresh()
    box = first_unticked(page.eligibility, exc.result)
    said = message(page.eligibility, exc.result, exc.message)
    page.error.show_message(said)
    if box is not None:  # a tick answers it: the refusal goes then (``watch``)
        page.eligibility.refusal = said
    if box is not None:  # below the fold at 1366×768
        point_at(page, page.follower, box)


def watch(page: RequestPage) -> None:
    """A confirmation ticked after a refusal that named one: the refusal goes (the lines say
    what is still missing), as a field's error goes once its field is edited."""
    panel, error = page.eligibility, page.error

    def ticked() -> None:
        if panel.refusal and panel.refusal in error.text():
            error.clear_message()
        panel.refusal = ""

    panel.ticked.connect(ticked)


def first_unticked(panel: EligibilityPanel, result: EligibilityResult) -> QCheckBox | None:
    """The first confirmation the refusal found not ticked (in the order they are shown)."""
    refused = {line.code for line in result.failed}
    return next((box for code, box in panel.checks.items() if code in refused and box.isEnabled()),
                None)


def message(panel: EligibilityPanel, result: EligibilityResult, explained: str) -> str:
    """The verdict, then the confirmation to tick, by its words, and how many more there are;
    whether other conditions fail too.  ``explained``: the service's whole explanation, said when no
    confirmation is missing."""
    refused = {line.code for line in result.failed}
    missing = [box for code, box in panel.checks.items() if code in refused]
    if not missing:
        return explained
    verdict = _(NOT_ELIGIBLE[result.gender == "female"], result.lang).format(
        program=result.program_name)  # «المتقدمة غير مستوفية لشروط …»
    first, more = missing[0].text(), len(missing) - 1
    if more:
        text = ngettext(
            "Not confirmed yet: «{confirmation}», and {n} more confirmation below it. The keyboard "
            "is on its box: Space ticks it.",
            "Not confirmed yet: «{confirmation}», and {n} more confirmations below it. The "
            "keyboard is on its box: Space ticks it.", more).format(
                confirmation=first, n=fmt.number(panel.ctx.profile, more))
    else:
        text = _("Not confirmed yet: «{confirmation}». The keyboard is on its box: Space ticks it, "
                 "then submit again.").format(confirmation=first)
    others = [line for line in result.failed if line.code not in panel.checks]
    if others:
        text += " " + _("Other conditions are not met either: see the lines marked ✗.")
    return f"{verdict} {text}"


def point_at(page: RequestPage | QWidget, follower: ScrollFollower, widget: QWidget) -> None:
    """The keyboard on ``widget``, scrolled into view once the page has made room for what it
    just showed (the refusal's line takes height from the scrolled middle)."""
    layout = page.layout()
    if layout is not None:
        layout.activate()
    content = follower.area.widget()
    inner = content.layout() if content is not None else None
    if inner is not None:
        inner.activate()
    widget.setFocus(Qt.FocusReason.OtherFocusReason)
    follower.show_widget(widget)
