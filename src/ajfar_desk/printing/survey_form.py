"""The blank satisfaction survey a beneficiary fills in by hand, to be typed in later: the
letterhead, the survey's name, fields to fill (request reference, date, branch), one row of five
boxes per 1–5 question under the scale's meanings, ruled lines for the free-text questions and
a thank-you line.  One A4 page for the surveys the profiles ship with."""

from __future__ import annotations

from reportlab.lib.colors import Color

from ..domain.feedback import SCALE_LABELS, SCALE_MAX, SCALE_MIN, TEXT, Question, Survey
from ..domain.profile import AssociationProfile
from ..i18n import N_
from .formatter import Formatter
from .page import ACCENT, INK, RULE, Composer
from .paper_frame import INK_FLOOR
from .papers import _letterhead  # the papers' letterhead (private there; see the report)

BOX = 11.0
SCALE_COLUMN = 60.0
LEADER = "\u2026" * 12  # a dotted place to write on
QUESTION_SIZE = 10.5
WRITING_LINES = 5
GREY = Color(0.35, 0.35, 0.35)


def blank_survey_pdf(
    profile: AssociationProfile, lang: str = "ar", survey_code: str | None = None
) -> bytes:
    """The printable blank form of the profile's survey ``survey_code`` (default: the first)."""
    survey = profile.survey(survey_code)
    f = Formatter(profile, lang)
    c = Composer(rtl=lang == "ar", bottom=INK_FLOOR + 26)
    values = {
        "license_number": f.num(profile.license_number),
        "number": LEADER,
        "issued_date": LEADER,
    }
    c.page_header = lambda comp: _letterhead(comp, profile, {"branch": "HQ"}, values, f)
    c.page_footer = lambda canvas, n, total: _office_use(c, f)
    meta = c.canvas
    meta.setTitle(survey.name(lang))
    meta.setAuthor(profile.name(lang))
    meta.setCreator("Ajfar Desk")
    c.start()
    c.heading(survey.name(lang), size=15)
    c.paragraph(
        f.t(
            N_(
                "Please mark one box for each statement, from {low} (very dissatisfied) to "
                "{high} (very satisfied). Your answers are confidential and help us serve you "
                "better."
            )
        ).format(low=f.num(SCALE_MIN), high=f.num(SCALE_MAX)),
        size=10.5,
    )
    _fields(c, f)
    _scale_questions(c, f, survey)
    _text_questions(c, f, survey)
    c.y -= 10
    c.need(24)
    c.text(
        f.t(N_("Thank you for your time and your trust.")),
        c.y - 12,
        size=12,
        bold=True,
        align="center",
        color=ACCENT,
    )
    c.y -= 24
    return c.finish()


def _fields(c: Composer, f: Formatter) -> None:
    """Request reference and branch, each with room to write."""
    label_w = 88.0
    half = c.content_width / 2
    cells = []
    for msgid in (N_("Request reference"), N_("Branch")):
        cells += [
            (label_w, c.lines(f.t(msgid), label_w - 9, 10, bold=True), True),
            (half - label_w, [], False),
        ]
    c.grid_row(cells, pad=7)
    c.y -= 10


def _cell_x(c: Composer, widths: list[float], index: int) -> tuple[float, float]:
    """Left edge and width of cell ``index`` (reading order) of a full-width row."""
    before = sum(widths[:index])
    if c.rtl:
        return c.right - before - widths[index], widths[index]
    return c.left + before, widths[index]


def _scale_questions(c: Composer, f: Formatter, survey: Survey) -> None:
    questions = survey.scale_questions
    if not questions:
        return
    points = range(SCALE_MIN, SCALE_MAX + 1)
    widths = [c.content_width - SCALE_COLUMN * len(points)] + [SCALE_COLUMN] * len(points)
    header = [(widths[0], c.lines(f.t(N_("Statement")), widths[0] - 9, 10, bold=True), True)]
    for point in points:
        lines = c.lines(f.num(point), SCALE_COLUMN - 9, 10, bold=True)
        lines += c.lines(f.t(SCALE_LABELS[point]), SCALE_COLUMN - 9, 7.5)
        header.append((SCALE_COLUMN, lines, True))
    rows = []
    for number, q in enumerate(questions, start=1):
        text = f"{f.num(number)}. {q.text(f.lang)}"
        rows.append(
            [(widths[0], c.lines(text, widths[0] - 9, QUESTION_SIZE), False)]
            + [(SCALE_COLUMN, [], False) for _ in points]
        )
    c.grid_row(header, align="center")
    for cells in rows:
        top = c.y
        c.grid_row(cells, pad=6, min_height=28)
        middle = (top + c.y) / 2
        c.canvas.setStrokeColor(INK)
        c.canvas.setLineWidth(0.8)
        for i in range(1, len(widths)):
            x0, w = _cell_x(c, widths, i)
            c.canvas.rect(x0 + (w - BOX) / 2, middle - BOX / 2, BOX, BOX, stroke=1, fill=0)
    c.y -= 12


def _text_questions(c: Composer, f: Formatter, survey: Survey) -> None:
    for q in survey.questions:
        if q.kind == TEXT:
            _writing_space(c, f, q)


def _writing_space(c: Composer, f: Formatter, q: Question) -> None:
    lines = c.lines(q.text(f.lang), c.content_width, 11, bold=True)
    c.need(len(lines) * 11 * 1.6 + WRITING_LINES * 24 + 8)
    c.y -= 11 * 1.25
    c.y = c.draw_lines(lines, c.left, c.content_width, c.y, color=ACCENT) + 11 * 0.35
    c.canvas.setStrokeColor(RULE)
    c.canvas.setLineWidth(0.6)
    c.canvas.setDash(1, 2)
    for _ in range(WRITING_LINES):
        c.y -= 24
        c.canvas.line(c.left, c.y, c.right, c.y)
    c.canvas.setDash()
    c.y -= 8


def _office_use(c: Composer, f: Formatter) -> None:
    text = f.t(N_("For office use: typed in by {name} on {date}")).format(name=LEADER, date=LEADER)
    c.canvas.setStrokeColor(RULE)
    c.canvas.setLineWidth(0.5)
    c.canvas.line(c.left, INK_FLOOR + 18, c.right, INK_FLOOR + 18)
    c.text(text, INK_FLOOR + 5, size=8.5, align="start", color=GREY)  # 5: the descent
