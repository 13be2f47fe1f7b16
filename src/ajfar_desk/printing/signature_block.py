"""The signature boxes of a paper, and the association's stamp box (الختم) beside them.

A ``signatures`` block of a form lists its slots; ``stamp = "..."`` adds, on the block's last
row, a framed box of that caption where the association's stamp goes, beside the signature of
whoever signs for the association; ``space`` is the height left for signing (points).
"""

from __future__ import annotations

from ..domain.text import isolate
from .committee_values import member_names
from .page import ACCENT, RULE, Composer
from .templates import Block, Template, fill
from .values import Formatter

PER_ROW = 3  # signature boxes on one row
SIGNATURE_BOX = 40.0
SIGNATURES_HEIGHT = 12 + 4 + SIGNATURE_BOX + 2 + 14 + 10.5 * 0.6 + 4
STAMP = "stamp"  # the stamp box's place in a row
STAMP_WIDTH = 96.0


def signatures(c: Composer, t: Template, block: Block, values, content, profile, doc) -> None:
    """Signature boxes side by side, up to three a row; a slot with ``repeat = true`` stands
    once for each committee member (``{member_name}``, ``{member_number}``)."""
    slots: list = []
    for slot in block.data["slots"]:
        if not slot.get("repeat"):
            slots.append((slot, values))
            continue
        f = Formatter(profile, content["lang"])
        for n, name in enumerate(member_names(content), start=1):
            member = {**values, "member_name": isolate(name), "member_number": f.num(n)}
            slots.append((slot, member))
    stamp = fill(t, block, block.data["stamp"], values) if block.data.get("stamp") else ""
    rows = -(-len(slots) // PER_ROW)  # at most three a row, rows as even as they can be
    per_row = -(-len(slots) // rows) if rows else PER_ROW
    for start in range(0, len(slots), per_row):
        row = slots[start : start + per_row]
        last = start + per_row >= len(slots)
        _signature_row(c, t, block, row, doc, per_row, rows > 1, stamp if last else "")


def signatures_height(block: Block) -> float:
    """The height of one row of the block's boxes (to keep what precedes it on its page)."""
    return SIGNATURES_HEIGHT - SIGNATURE_BOX + float(block.data.get("space", SIGNATURE_BOX))


def _signature_row(c: Composer, t: Template, block: Block, slots, doc, per_row, grid, stamp):
    """One row of boxes. A lone signature takes the closing side (left in Arabic, right in
    English); the stamp box comes just before the last signature of the row in reading order
    when the row has room, else after it on a half-width row of its own."""
    cells: list = list(slots)
    count = per_row if grid else max(2, len(cells))
    if len(cells) == 1 and not grid:
        cells = [None, *cells]
    if stamp:
        if len(cells) == 2 and cells[0] is None:
            cells = [None, STAMP, cells[1]]
            count = 3
        elif len(cells) < PER_ROW:
            cells = [*cells, STAMP]
            count = len(cells)
        else:  # a full row: the stamp on its own row, on the closing side
            _signature_row(c, t, block, cells, doc, per_row, grid, "")
            cells, count = [None, None, STAMP], PER_ROW
    width = c.content_width / count
    box = float(block.data.get("space", SIGNATURE_BOX))
    c.need(signatures_height(block))
    c.y -= 4
    top = c.y
    for i, pair in enumerate(cells):
        if pair is None:
            continue
        x0 = c.right - (i + 1) * width if c.rtl else c.left + i * width
        inner_x, inner_w = x0 + 14, width - 28
        y = top - 12
        if pair == STAMP:
            _stamp_box(c, stamp, inner_x, inner_w, y, box)
            continue
        slot, values = pair
        label = fill(t, block, slot["label"], values)
        c.text(label, y, size=11, bold=True, align="center", x0=inner_x, width=inner_w, color=ACCENT)
        image_top = y - 4
        if slot.get("image") == "applicant" and doc.signature_png:
            c.image(doc.signature_png, inner_x + 10, image_top - box, inner_w - 20, box)
        line_y = image_top - box - 2
        c.canvas.setStrokeColor(RULE)
        c.canvas.setDash(2, 2)
        c.canvas.line(inner_x, line_y, inner_x + inner_w, line_y)
        c.canvas.setDash()
        name_lines = c.lines(fill(t, block, slot["name"], values), inner_w, 10.5)
        c.draw_lines(name_lines, inner_x, inner_w, line_y - 14, "center")
    c.y = top - 12 - 4 - box - 2 - 14 - 10.5 * 1.6


def _stamp_box(c: Composer, caption: str, inner_x: float, inner_w: float, y: float, box: float):
    """The caption over a dashed frame as tall as a signature and its name."""
    c.text(caption, y, size=11, bold=True, align="center", x0=inner_x, width=inner_w, color=ACCENT)
    w = min(STAMP_WIDTH, inner_w)
    x0 = inner_x + (inner_w - w) / 2
    height = box + 16
    c.canvas.saveState()
    c.canvas.setStrokeColor(RULE)
    c.canvas.setLineWidth(0.8)
    c.canvas.setDash(3, 2)
    c.canvas.roundRect(x0, y - 4 - height, w, height, 6, stroke=1, fill=0)
    c.canvas.restoreState()
