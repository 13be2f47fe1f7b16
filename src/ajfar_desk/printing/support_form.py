"""The blank beneficiary support request (نموذج طلب دعم مستفيد), one of the tools the policies
put at the employee's hand: filled in by hand where there is no computer (a field site, a home
visit) and typed in later. The applicant's particulars, the programs and the documents of the
association's profile to tick, room to describe the need, the declaration with a signature,
a strip for office use, the board's approval at the foot. One A4 sheet, Arabic or English."""

from __future__ import annotations

import datetime as dt

from ..domain.profile import AssociationProfile
from ..i18n import N_
from .formatter import Formatter
from .page import RULE, Composer
from .sheet_parts import GREY, LEADER, start_sheet, tick_boxes

FIELDS = (
    (N_("Full name (four parts)"), N_("ID type and number")),
    (N_("Date of birth (Hijri or Gregorian)"), N_("Nationality")),
    (N_("Gender"), N_("Marital status")),
    (N_("Mobile"), N_("City and district")),
    (N_("Monthly income"), N_("Household members")),
)
WRITING_LINES = 3


def blank_support_request_pdf(
    profile: AssociationProfile, lang: str = "ar", today: dt.date | None = None
) -> bytes:
    c, f = start_sheet(profile, lang, _title(lang), today)
    _particulars(c, f)
    c.section_title(f.t(N_("The program applied for (tick one)")), size=11)
    tick_boxes(c, [p.name(lang) for p in profile.programs], columns=2, size=9.5)
    c.section_title(f.t(N_("Documents attached (tick each)")), size=11)
    tick_boxes(c, [k.name(lang) for k in profile.document_kinds], columns=2, size=9.5)
    c.section_title(f.t(N_("The need, in the applicant's words")), size=11)
    _writing_lines(c, WRITING_LINES)
    c.y -= 4
    c.paragraph(f.t(N_("I declare that the data above and the documents attached are true, and I bear "
                       "direct responsibility for their accuracy.")), size=10)
    _signature_row(c, f)
    _office_use(c, f)
    return c.finish()


def _title(lang: str) -> str:
    from ..i18n import gettext

    return gettext("Beneficiary support request", lang)


def _particulars(c: Composer, f: Formatter) -> None:
    c.section_title(f.t(N_("The applicant")), size=11)
    label_w = 118.0
    half = c.content_width / 2
    for pair in FIELDS:
        cells = []
        for msgid in pair:
            cells += [(label_w, c.lines(f.t(msgid), label_w - 9, 9, bold=True), True),
                      (half - label_w, [], False)]
        c.grid_row(cells, pad=5, min_height=22)
    c.y -= 4


def _writing_lines(c: Composer, count: int) -> None:
    c.canvas.setStrokeColor(RULE)
    c.canvas.setLineWidth(0.6)
    c.canvas.setDash(1, 2)
    for _ in range(count):
        c.need(20)
        c.y -= 20
        c.canvas.line(c.left, c.y, c.right, c.y)
    c.canvas.setDash()
    c.y -= 6


def _signature_row(c: Composer, f: Formatter) -> None:
    c.need(30)
    c.y -= 22
    parts = [f.t(N_("Applicant's name: {blank}")).format(blank=LEADER),
             f.t(N_("Signature: {blank}")).format(blank=LEADER),
             f.t(N_("Date: {date}")).format(date=LEADER)]
    third = c.content_width / 3
    for i, text in enumerate(parts):
        x0 = c.right - (i + 1) * third if c.rtl else c.left + i * third
        line = c.lines(text, third - 6, 10)[0]
        c.draw_lines([line], x0, third - 6, c.y, "start")
    c.y -= 10


def _office_use(c: Composer, f: Formatter) -> None:
    c.need(34)
    c.y -= 8
    c.canvas.setStrokeColor(RULE)
    c.canvas.setLineWidth(0.5)
    c.canvas.line(c.left, c.y, c.right, c.y)
    c.y -= 14
    text = f.t(N_("For office use: request reference {reference}, typed in by {name} on {date}")).format(
        reference=LEADER, name=LEADER, date=LEADER)
    c.draw_lines(c.lines(text, c.content_width, 8.5)[:2], c.left, c.content_width, c.y, "start", GREY)
