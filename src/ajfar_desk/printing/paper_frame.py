"""The frame of every official paper: the letterhead (with the «نسخة» stamp of a reprint) at
the top of each page and the footer (QR code, fingerprint, page number, «تابع») at the bottom.

Ink stays clear of the sheet's edges, where office printers cannot print: at least 12 mm from
the bottom edge (``INK_FLOOR``) and 10 mm from the others (the composer's margins are wider).
The copy stamp sits in the band of the paper's number and date, between the two, where no text
is; it is drawn on every page, never over the body.
"""

from __future__ import annotations

from reportlab.lib.colors import Color

from ..domain import documents as paper
from ..domain.documents import IssuedView
from ..i18n import N_, gettext
from . import textlayout  # its draw_line looked up at call time (tests watch every glyph)
from .formatter import Formatter
from .page import ACCENT, RULE, STAMP, Composer

MM = 72 / 25.4
INK_FLOOR = 35.0  # 12.3 mm: nothing is drawn below this height on the sheet
PAGE_TOP = 31.0  # the letterhead hangs from here (its ink 10.2 mm from the top edge)
QR_SIZE = 54.0
FOOTER_LEADING = 1.38
FOOTER_RULE = INK_FLOOR + QR_SIZE + 10  # the thin rule over the footer
CONTENT_BOTTOM = FOOTER_RULE + 6  # the body's last baseline is 7 pt above this
STAMP_SIZE = 12.0
STAMP_HEIGHT = 18.0
STAMP_CLEARANCE = 12.0  # between the stamp and the number or the date beside it
_GREY = Color(0.25, 0.25, 0.25)


def letterhead(c: Composer, profile, content, values, f: Formatter, copy: bool = False,
               stamp: str | None = None) -> None:
    """The association's names (Arabic on the right, English on the left), its licence number
    when the profile has one, the branch, a double rule, then the paper's number and date; a
    reprint's «نسخة» stamp between the number and the date."""
    top = c.height - c.top
    half = c.content_width / 2 - (40 if profile.logo else 6)
    licence = profile.license_number.strip()
    ar_lines = [
        (profile.name_ar, 14.5, True),
        (gettext("License no. {number}", "ar").format(number=values["license_number"]), 10, False)
        if licence
        else None,
        (profile.branch(content["branch"]).name_ar, 10, False),
    ]
    en_lines = [
        (profile.name_en, 11, True),
        (gettext("License no. {number}", "en").format(number=licence), 9, False)
        if licence
        else None,
        (profile.branch(content["branch"]).name_en, 9, False),
    ]
    lowest = top - 50
    for lines, at_right, rtl in ((ar_lines, True, True), (en_lines, False, False)):
        y = top - 14
        saved, c.rtl = c.rtl, rtl
        for item in filter(None, lines):
            text, size, bold = item
            x0 = c.right - half if at_right else c.left
            for line in c.lines(text, half, size, bold):
                c.draw_lines([line], x0, half, y, "start", ACCENT if bold else Color(0, 0, 0))
                y -= size * 1.45
        lowest = min(lowest, y + 4)
        c.rtl = saved
    if profile.logo is not None:
        c.image(profile.logo.read_bytes(), c.width / 2 - 28, top - 58, 56, 56)
    rule_y = lowest - 4
    c.canvas.setStrokeColor(ACCENT)
    c.canvas.setLineWidth(1.4)
    c.canvas.line(c.left, rule_y, c.right, rule_y)
    c.canvas.setLineWidth(0.5)
    c.canvas.line(c.left, rule_y - 3, c.right, rule_y - 3)
    label_no = f.t(N_("No.: {number}")).format(number=values["number"])
    label_date = f.t(N_("Date: {date}")).format(date=values["issued_date"])
    start = c.text(label_no, rule_y - 20, size=10.5, align="start")
    end = c.text(label_date, rule_y - 20, size=10.5, align="end")
    c.y = rule_y - 26
    if copy or stamp:  # «نسخة», or another word in the same frame (a draft's)
        _copy_stamp(c, f, rule_y, start.width, end.width, stamp or N_("COPY"))


def _copy_stamp(c: Composer, f: Formatter, rule_y: float, start: float, end: float,
                word: str = N_("COPY")) -> None:
    """«نسخة» in a red frame, centred on the page between the number and the date (or in the
    middle of the gap between them, or on a row of its own when they leave too little room)."""
    stamp = c.lines(f.t(word), 200, STAMP_SIZE, bold=True)[0]
    w = stamp.width + 20
    left_used, right_used = (end, start) if c.rtl else (start, end)
    gap_x0 = c.left + left_used + STAMP_CLEARANCE
    gap_x1 = c.right - right_used - STAMP_CLEARANCE
    x0 = (c.width - w) / 2
    if x0 < gap_x0 or x0 + w > gap_x1:
        x0 = (gap_x0 + gap_x1 - w) / 2
    y0 = rule_y - 24
    if gap_x1 - gap_x0 < w:  # no room beside them: a row of its own under the number
        x0 = c.right - w if c.rtl else c.left
        y0 = c.y - STAMP_HEIGHT - 2
        c.y = y0 - 4
    canvas = c.canvas
    canvas.saveState()
    canvas.setStrokeColor(STAMP)
    canvas.setLineWidth(1.4)
    canvas.roundRect(x0, y0, w, STAMP_HEIGHT, 3, stroke=1, fill=0)
    canvas.setFillColor(STAMP)
    textlayout.draw_line(canvas, stamp, x0 + 10, y0 + 5.5)
    canvas.restoreState()


def footer(c: Composer, doc: IssuedView, f: Formatter, number: int, total: int) -> None:
    """A rule, the QR code on the closing side, the paper's number and fingerprint with the
    page number, and «تابع» under it on every page but the last."""
    canvas = c.canvas
    canvas.setStrokeColor(RULE)
    canvas.setLineWidth(0.6)
    canvas.line(c.left, FOOTER_RULE, c.right, FOOTER_RULE)
    qr_x = c.left if c.rtl else c.right - QR_SIZE
    c.qr(paper.qr_payload(doc.number, doc.sha256, doc.qr_signature), qr_x, INK_FLOOR, QR_SIZE)
    text_x0 = c.left + QR_SIZE + 10 if c.rtl else c.left
    width = c.content_width - QR_SIZE - 10
    rows = (
        (f.t(N_("Document no.: {number}")).format(number=f.latin_code(doc.number)), 9),
        (f.t(N_("Content fingerprint (SHA-256):")), 8.5),
        (f.latin_code(doc.sha256[:32]), 8.5),
        (f.latin_code(doc.sha256[32:]), 8.5),
        (f.t(N_("To verify this paper: its QR code or the number above, at the association")), 8),
    )
    y = INK_FLOOR + 5 + sum(size * FOOTER_LEADING for _text, size in rows[1:])  # 5: descent
    first = y
    for text, size in rows:
        c.text(text, y, size=size, x0=text_x0, width=width, color=_GREY)
        y -= size * FOOTER_LEADING
    page = f.t(N_("Page {page} of {pages}")).format(page=f.num(number), pages=f.num(total))
    c.text(page, first, size=9, align="end", x0=text_x0, width=width, color=_GREY)
    if number < total:  # the paper goes on: say so where the eye leaves the page
        c.text(
            f.t(N_("Continued on the next page")),
            first - 9 * FOOTER_LEADING - 1,
            size=9.5,
            bold=True,
            align="end",
            x0=text_x0,
            width=width,
            color=ACCENT,
        )
