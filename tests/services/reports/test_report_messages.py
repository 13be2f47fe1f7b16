"""The monthly report counts the messages to applicants queued in the month by channel and by
state (a record that they were told), in the PDF and in the workbook."""

from __future__ import annotations

import datetime as dt
import io

from openpyxl import load_workbook
from pypdf import PdfReader

from accounts import staff_accounts
from ajfar_desk.db.models import Applicant
from ajfar_desk.domain.report import YearMonth
from ajfar_desk.printing.report import report_pdf
from ajfar_desk.services.messages import outbox
from ajfar_desk.services.reports import report
from ajfar_desk.services.reports.report_xlsx import report_xlsx
from test_desks import person


def test_messages_by_channel_and_state(ctx):
    as_ = staff_accounts(ctx, {"boss": ("manager", "مدير الجمعية")})
    from ajfar_desk.services.applicants import applicants

    by_sms = applicants.register(ctx, person("1000000008", messages_consent=True), confirm_similar=True)
    by_mail = applicants.register(ctx, person("1000000016", first_name="سالم", messages_consent=True,
                                              preferred_channel="email", email="salem@example.org"),
                                  confirm_similar=True)
    with ctx.uow() as s:
        states = ("sent", "failed", "queued")
        for state in states:
            m = outbox.queue(s, applicant_id=by_sms.id, kind="appointment_reminder", values={})
            s.flush()
            m.state = state
        outbox.queue(s, applicant_id=by_mail.id, kind="complaint_resolved", values={}).state = "sent"
        assert s.get(Applicant, by_sms.id).messages_consent
    now = dt.datetime.now(dt.UTC)
    month = YearMonth.of(now.astimezone().date())
    rep = report.monthly(as_("boss"), month, now=now)
    assert (rep.figure("messages_queued").current, rep.figure("messages_sent").current,
            rep.figure("messages_failed").current) == (4, 2, 1)
    assert rep.breakdown("messages_by_channel").current == {"sms": 3, "email": 1}
    assert rep.breakdown("messages_by_state").current == {"sent": 2, "failed": 1, "queued": 1}
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(report_pdf(rep, ctx.profile, "en"))).pages)
    assert "Messages to applicants by channel" in text and "WhatsApp" not in text and "E-mail" in text
    book = load_workbook(io.BytesIO(report_xlsx(rep, ctx.profile, "en")))
    sheet = book["Messages by state"]
    rows = {r[0]: r[1] for r in sheet.iter_rows(values_only=True) if r and r[0]}
    assert rows["Sent"] == 2 and rows["Failed"] == 1 and rows["Queued"] == 1
