"""A late request and a caller: the request page says what is late and what to tell the caller
— where the request is, since when, who holds it — in the applicant's gender; so does the
phone caller's one-line status on the home page."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt

from accounts import staff_accounts
from ajfar_desk.domain import workflow as wf
from ajfar_desk.services.committee import committee
from ajfar_desk.services.requests import casework
from ajfar_desk.ui.common import fmt
from printing.scenario import submitted_request

LATE_DAY = dt.date.today() - dt.timedelta(days=40)


def test_the_request_page_says_what_to_tell_a_woman_who_calls(qtbot, window, ctx):
    as_ = staff_accounts(ctx, {"member": ("committee", "سعد القحطاني")})
    _a, request = submitted_request(ctx, on=LATE_DAY, first="نورة", gender="female")
    casework.act(ctx, request.id, wf.FORWARD_TO_COMMITTEE)
    meeting_day = dt.date.today() + dt.timedelta(days=5)
    committee.create_meeting(as_("member"), meeting_day, ["سعد القحطاني"])
    as_("admin")
    window.open_request(request.id)
    said = window.page.overdue.message.text()
    assert window.page.overdue.isVisible() and "⚠" in said
    assert "تُبلَّغ المتصلة أن طلبها لدى لجنة البحث منذ" in said
    assert fmt.date_both(ctx.profile, dt.date.today()) in said  # since today: it went there today
    assert fmt.date_both(ctx.profile, meeting_day) in said  # the committee's next meeting
    # and no line below still tells her to expect the answer on the day that has passed
    assert not window.page.result.isVisible()


def test_the_caller_s_one_line_status_says_where_the_late_request_is(qtbot, window, ctx):
    _a, request = submitted_request(ctx, on=LATE_DAY)
    casework.act(ctx, request.id, wf.REFER_TO_RESEARCHER)
    home = window.home
    home.search_box.setFocus()
    qtbot.keyClicks(home.search_box, request.reference)
    qtbot.keyClick(home.search_box, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: home.lookup_list.count() == 1)
    line = home.lookup_list.item(0).text()
    assert "يُبلَّغ المتصل أن طلبه لدى البحث الاجتماعي منذ" in line
