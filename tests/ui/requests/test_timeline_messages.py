"""The request's timeline shows each message to the applicant among its steps: its kind, channel
and address, its state (with when it was sent) and, when it failed, the gateway's reason."""

from __future__ import annotations

import datetime as dt

from ajfar_desk.db.models import Applicant
from ajfar_desk.services.messages import outbox
from ajfar_desk.services.requests.timeline_messages import MessageEntry, timeline_with_messages
from ajfar_desk.ui.common import fmt
from ajfar_desk.ui.requests.timeline_panel import TimelinePanel
from printing.scenario import submitted_request


def test_messages_stand_in_the_timeline_in_their_place(qtbot, app, ctx):
    applicant, request = submitted_request(ctx, first="فاطمة", nid_body="02345678")[:2]
    with ctx.uow() as s:
        s.get(Applicant, applicant.id).messages_consent = True
        sent = outbox.queue(s, applicant_id=applicant.id, kind="receipt", values={}, request_id=request.id)
        failed = outbox.queue(s, applicant_id=applicant.id, kind="more_info", values={"missing": "صك"},
                              request_id=request.id)
        s.flush()
        sent_to = sent.recipient
        sent.state, sent.sent_at = "sent", dt.datetime(2026, 11, 22, 9, 30, tzinfo=dt.UTC)
        failed.state, failed.last_error = "failed", "HTTP 500: gateway error"
    entries = timeline_with_messages(ctx, request.id)
    messages = [e for e in entries if isinstance(e, MessageEntry)]
    assert sorted(m.kind for m in messages) == ["more_info", "receipt"]
    assert entries[0].action == "create"  # the steps first, the messages after them
    panel = TimelinePanel(ctx)
    qtbot.addWidget(panel)
    panel.set_request(request.id)
    rows = panel.model.rows
    assert len(rows) == len(entries)
    texts = {r.kind: [panel.model.data(panel.model.index(i, c)) for c in range(5)]
             for i, r in enumerate(rows) if isinstance(r, MessageEntry)}
    assert "استلام الطلب" in texts["receipt"][1] and "أُرسلت" in texts["receipt"][2]
    assert "رسالة نصية" in texts["receipt"][3]
    # the phone as the file shows it («٠٥٠ ...»), never the stored «+966...»
    assert sent_to.startswith("+966") and fmt.phone(ctx.profile, sent_to) in texts["receipt"][3]
    assert "+966" not in texts["receipt"][3] and "٩٦٦" not in texts["receipt"][3]
    assert "فشل الإرسال" in texts["more_info"][2] and "HTTP 500: gateway error" in texts["more_info"][4]
