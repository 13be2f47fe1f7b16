"""The printed papers (declaration, committee referral, the applicant's receipt, decision
letter, the documents a draft still needs, meeting minutes), drawn from an issued paper's content through its template's blocks."""

from __future__ import annotations

from pathlib import Path

from reportlab.lib.colors import Color

from ..domain import documents as paper
from ..domain.documents import IssuedView
from ..domain.profile import AssociationProfile
from ..i18n import N_
from . import textlayout  # its draw_line looked up at call time (tests watch every glyph)
from .committee_values import decision_rows
from .formatter import Formatter
from .needed_values import given_rows, needed_placeholders, needed_rows
from .page import ACCENT, LEADING, Composer
from .paper_frame import CONTENT_BOTTOM, PAGE_TOP, footer, letterhead
from .receipt import list_items
from .signature_block import first_row_height, signatures
from .templates import Block, Template, TemplateError, fill, find_template, should_print
from .values import document_rows, placeholders

LABEL_WIDTH = 92.0
_letterhead = letterhead  # the monthly report and the survey form use the same letterhead


def render(
    doc: IssuedView,
    profile: AssociationProfile,
    *,
    copy: bool = False,
    data_dir: Path | None = None,
    template: Template | None = None,
    draft: bool = False,
) -> bytes:
    """The paper as PDF bytes. ``copy`` marks a reprint ("نسخة"), ``draft`` a paper read
    before it is issued ("مسودة للاطلاع")."""
    content = doc.content
    lang = content["lang"]
    template = template or find_template(doc.kind, profile.id, data_dir)
    values = placeholders(content, profile)
    f = Formatter(profile, lang)
    if "bring" in content:  # the documents a draft still needs
        values.update(needed_placeholders(content, profile, f))
    c = Composer(rtl=lang == "ar", top=PAGE_TOP, bottom=CONTENT_BOTTOM)
    c.page_header = lambda comp: letterhead(comp, profile, content, values, f, copy,
                                            stamp=N_("DRAFT, NOT ISSUED") if draft else None)
    c.page_footer = lambda canvas, n, total: footer(c, doc, f, n, total)
    meta = c.canvas
    title = f"{template.title(lang)} {doc.number}"
    meta.setTitle(f"{title} ({f.t(N_('COPY'))})" if copy else title)
    if draft:
        meta.setTitle(f"{title} ({f.t(N_('DRAFT, NOT ISSUED'))})")
    meta.setAuthor(profile.name(lang))
    meta.setSubject(doc.sha256)
    meta.setKeywords(paper.qr_payload(doc.number, doc.sha256, doc.qr_signature))
    meta.setCreator("Ajfar Desk")
    c.start()
    blocks = [b for b in template.for_language(lang) if should_print(b, values, template)]
    for i, block in enumerate(blocks):
        # The paragraphs just before the signatures (the declaration itself, "signed at ...")
        # stay on the same page as the signatures.
        # When they do not fit, they go on together to the next page («تابع» says so).
        run, closing = _paragraphs_before_signatures(blocks, i)
        if run and (i == 0 or blocks[i - 1].type != "paragraph"):
            heights = [
                c.paragraph_height(
                    fill(template, b, b.data["text"], values), float(b.data.get("size", 11.5))
                )
                for b in run
            ]
            c.need(sum(heights) + first_row_height(c, template, closing, values, content, profile))
        _BLOCKS[block.type](c, template, block, values, content, profile, doc)
    return c.finish()


def _paragraphs_before_signatures(blocks: list[Block], i: int) -> tuple[list[Block], Block]:
    """The paragraphs from ``i`` on when a signatures block follows them, and that block."""
    run: list[Block] = []
    for block in blocks[i:]:
        if block.type == "signatures":
            return run, block
        if block.type != "paragraph":
            break
        run.append(block)
    return [], blocks[i]


def _heading(c: Composer, t: Template, block: Block, values, content, profile, doc) -> None:
    c.heading(fill(t, block, block.data["text"], values))


def _paragraph(c: Composer, t: Template, block: Block, values, content, profile, doc) -> None:
    size = float(block.data.get("size", 11.5))
    c.paragraph(fill(t, block, block.data["text"], values), size=size)


def _fields(c: Composer, t: Template, block: Block, values, content, profile, doc) -> None:
    if "title" in block.data:
        c.section_title(fill(t, block, block.data["title"], values))
    else:  # rows that go on the table just above
        c.y += 6
    half = c.content_width / 2
    rows = [
        (fill(t, block, lab, values), fill(t, block, val, values))
        for lab, val in block.data["rows"]
    ]
    pending: list[tuple[str, str]] = []

    def fits(pair) -> bool:
        return len(c.lines(pair[1], half - LABEL_WIDTH - 10, 10.5)) == 1

    def flush():
        cells = []
        if len(pending) == 1:
            label, value = pending[0]
            cells = [
                (LABEL_WIDTH, c.lines(label, LABEL_WIDTH - 10, 10, bold=True), True),
                (
                    c.content_width - LABEL_WIDTH,
                    c.lines(value, c.content_width - LABEL_WIDTH - 10, 10.5),
                    False,
                ),
            ]
        else:
            for label, value in pending:
                cells += [
                    (LABEL_WIDTH, c.lines(label, LABEL_WIDTH - 10, 10, bold=True), True),
                    (half - LABEL_WIDTH, c.lines(value, half - LABEL_WIDTH - 10, 10.5), False),
                ]
        c.grid_row(cells)
        pending.clear()

    for pair in rows:
        if fits(pair):
            pending.append(pair)
            if len(pending) == 2:
                flush()
        else:
            if pending:
                flush()
            pending.append(pair)
            flush()
    if pending:
        flush()
    c.y -= 6


_ROWS = {  # a table block's source -> its rows (None: not on this kind of paper)
    "documents": lambda content, profile: (
        document_rows(content, profile) if "documents" in content else None
    ),
    "decisions": lambda content, profile: (
        decision_rows(content, profile) if "decisions" in content else None
    ),
    # the documents a draft still needs, and those already given (``needed_values``)
    "needed": lambda content, profile: needed_rows(content, profile) if "bring" in content else None,
    "given": lambda content, profile: given_rows(content, profile) if "bring" in content else None,
}


def _table(c: Composer, t: Template, block: Block, values, content, profile, doc) -> None:
    """A table of rows from the paper (``source``): first column on the start side, cells wrap,
    the header repeats on each page the table runs over."""
    columns, source = block.data["columns"], block.data["source"]
    rows = _ROWS[source](content, profile)
    if rows is None:
        raise TemplateError(t.source, block.where, f"source = {source!r}: {doc.kind}")
    c.section_title(fill(t, block, block.data["title"], values))
    if not rows:
        c.paragraph(fill(t, block, block.data["empty"], values))
        return
    size = float(block.data.get("size", 10.5))
    weights = block.data.get("widths")
    if weights:
        widths = [c.content_width * w / sum(weights) for w in weights]
    else:  # the first column (a document's name) wide, the others shared
        first = c.content_width * 0.34
        other = (c.content_width - first) / max(1, len(columns) - 1)
        widths = [first] + [other] * (len(columns) - 1)
    header = [
        (w, c.lines(fill(t, block, head, values), w - 9, size - 0.5, bold=True), True)
        for w, (head, _v) in zip(widths, columns, strict=True)
    ]
    body = [
        [
            (w, c.lines(fill(t, block, value, {**values, **row}), w - 9, size), False)
            for w, (_h, value) in zip(widths, columns, strict=True)
        ]
        for row in rows
    ]
    c.table(header, body)
    c.y -= 8


def _list(c: Composer, t: Template, block: Block, values, content, profile, doc) -> None:
    """Bulleted items from the paper (``source``), under an optional title and a bold lead-in;
    nothing at all when there are no items. An item's lines hang after its bullet."""
    source = block.data["source"]
    items = list_items(content, profile, source)
    if items is None:
        raise TemplateError(t.source, block.where, f"source = {source!r}: {doc.kind}")
    if not items:
        return
    size = float(block.data.get("size", 11))
    step = size * LEADING
    if "title" in block.data:
        c.section_title(fill(t, block, block.data["title"], values))
    if "lead" in block.data:
        c.need(2 * step)
        c.y -= size * 1.25
        c.text(fill(t, block, block.data["lead"], values), c.y, size=size, bold=True, color=ACCENT)
        c.y -= step - size * 1.25
    indent = size * 1.6
    text_x0 = c.left if c.rtl else c.left + indent
    bullet_x0 = c.right - indent if c.rtl else c.left
    width = c.content_width - indent
    for item in items:
        lines = c.lines(item, width, size)
        c.need(min(2, len(lines)) * step)  # an item never starts on a page's last line
        for i, line in enumerate(lines):
            c.need(step)
            c.y -= size * 1.25
            if i == 0:  # a drawn dot, not a character: text readers keep the line whole
                c.canvas.setFillColor(ACCENT)
                c.canvas.circle(bullet_x0 + indent / 2, c.y + size * 0.3, size * 0.17, 0, 1)
            c.canvas.setFillColor(Color(0, 0, 0))
            textlayout.draw_line(c.canvas, line, c.x_for(line, text_x0, width), c.y)
            c.y -= step - size * 1.25
    c.y -= 3


_BLOCKS = {
    "heading": _heading,
    "paragraph": _paragraph,
    "fields": _fields,
    "table": _table,
    "signatures": signatures,
    "list": _list,
}
