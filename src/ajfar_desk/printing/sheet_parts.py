"""Pieces the association's one-sheet papers share (the rights and duties, the blank support
request): the letterhead without a paper number, bulleted items, boxes to tick, the board's
approval line at the foot."""

from __future__ import annotations

import datetime as dt

from reportlab.lib.colors import Color

from ..domain.profile import AssociationProfile
from ..domain.profile_policy import approval_line
from .formatter import Formatter
from .page import ACCENT, INK, LEADING, RULE, Composer
from .paper_frame import INK_FLOOR
from .papers import _letterhead  # the papers' letterhead (private there; see the report)

GREY = Color(0.35, 0.35, 0.35)
LEADER = "\u2026" * 12  # a dotted place to write on
BOX = 9.0


def start_sheet(profile: AssociationProfile, lang: str, title: str, today: dt.date | None = None):
    """A composer with the letterhead (its date today, no number) and the approval line at the
    foot of every page; its title and author set."""
    f = Formatter(profile, lang)
    c = Composer(rtl=lang == "ar", bottom=INK_FLOOR + 30)
    day = (today or dt.date.today()).isoformat()
    values = {"license_number": f.num(profile.license_number), "number": "—",
              "issued_date": f.date_short(day)}
    c.page_header = lambda comp: _letterhead(comp, profile, {"branch": "HQ"}, values, f)
    c.page_footer = lambda canvas, n, total: approval_footer(c, f, profile)
    meta = c.canvas
    meta.setTitle(title)
    meta.setAuthor(profile.name(lang))
    meta.setCreator("Ajfar Desk")
    c.start()
    c.heading(title, size=15)
    return c, f


def approval_footer(c: Composer, f: Formatter, profile: AssociationProfile) -> None:
    text = approval_line(profile, f.lang, f.digits)
    c.canvas.setStrokeColor(RULE)
    c.canvas.setLineWidth(0.5)
    c.canvas.line(c.left, INK_FLOOR + 20, c.right, INK_FLOOR + 20)
    lines = c.lines(text, c.content_width, 8.5)
    c.draw_lines(lines[:2], c.left, c.content_width, INK_FLOOR + 7 + 10.5 * (min(2, len(lines)) - 1),
                 "center", GREY)


def bullets(c: Composer, items, size: float = 11) -> None:
    """Each item after a drawn dot, its lines hanging after it."""
    step = size * LEADING
    indent = size * 1.6
    text_x0 = c.left if c.rtl else c.left + indent
    dot_x = c.right - indent / 2 if c.rtl else c.left + indent / 2
    width = c.content_width - indent
    for item in items:
        lines = c.lines(item, width, size)
        c.need(min(2, len(lines)) * step)
        for i, line in enumerate(lines):
            c.need(step)
            c.y -= size * 1.25
            if i == 0:
                c.canvas.setFillColor(ACCENT)
                c.canvas.circle(dot_x, c.y + size * 0.3, size * 0.17, stroke=0, fill=1)
            c.draw_lines([line], text_x0, width, c.y, "start", INK)
            c.y -= step - size * 1.25
        c.y -= 2


def tick_boxes(c: Composer, labels, columns: int = 2, size: float = 10) -> None:
    """Labels each after an empty box to tick, in ``columns`` columns (reading order)."""
    step = size * 1.9
    col_w = c.content_width / columns
    rows = [labels[i:i + columns] for i in range(0, len(labels), columns)]
    for row in rows:
        c.need(step)
        c.y -= step
        for i, label in enumerate(row):
            x_start = c.right - i * col_w if c.rtl else c.left + i * col_w
            box_x = x_start - BOX if c.rtl else x_start
            c.canvas.setStrokeColor(INK)
            c.canvas.setLineWidth(0.8)
            c.canvas.rect(box_x, c.y - 1, BOX, BOX, stroke=1, fill=0)
            text_w = col_w - BOX - 8
            text_x0 = x_start - BOX - 5 - text_w if c.rtl else x_start + BOX + 5
            line = c.lines(label, text_w, size)[0]
            c.draw_lines([line], text_x0, text_w, c.y, "start", INK)
    c.y -= 10
