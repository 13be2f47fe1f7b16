"""A person's bookings are in their export (right of access) and lose the desk's notes when they
are anonymised (the statistics stay: day, time, purpose, state)."""

from __future__ import annotations

import datetime as dt

from ajfar_desk.domain import appointments as rules
from ajfar_desk.services.appointments import booking, views
from ajfar_desk.services.privacy import privacy, privacy_export
from printing.scenario import submitted_request

NOW = dt.datetime(2026, 11, 19, 10, 0)


def test_export_lists_bookings_and_anonymising_empties_their_notes(ctx):
    applicant = submitted_request(ctx, first="فاطمة", nid_body="02345678")[0]
    v = booking.book(ctx, applicant.id, dt.date(2026, 11, 22), dt.time(9, 20), rules.DOCUMENT,
                     note="تحضر صك الطلاق", now=NOW)
    data = privacy_export.export_person(ctx, applicant.id)
    [row] = data["appointments"]
    assert (row["day"], row["time"], row["purpose"], row["note"]) == ("2026-11-22", "09:20", "document",
                                                                       "تحضر صك الطلاق")
    assert row["employee"]["name"] == "مدير النظام" and row["day_hijri"]
    privacy.anonymise(ctx, applicant.id, "طلب المستفيد حذف بياناته")
    kept = views.get_appointment(ctx, v.id)
    assert (kept.note, kept.day, kept.start, kept.purpose) == ("", v.day, v.start, v.purpose)
