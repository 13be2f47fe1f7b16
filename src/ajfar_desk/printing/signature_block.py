"""The signature boxes of a paper, and the association's stamp box (الختم) beside them.

A ``signatures`` block of a form lists its slots; ``stamp = "..."`` adds, on the block's last
row, a framed box of that caption where the association's stamp goes, beside the signature of
whoever signs for the association; ``space`` is the height left for signing (points).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..domain.text import isolate
from .committee_values import member_gender, member_names
from .formatter import Formatter
from .page import ACCENT, RULE, Composer
from .templates import Block, Template, fill

PER_ROW = 3  # signature boxes on one row
SIGNATURE_BOX = 40.0
STAMP = "stamp"  # the stamp box's place in a row
STAMP_WIDTH = 90.0
STAMP_CELL = STAMP_WIDTH + 20
NAME_SIZES = (10.5, 10.0, 9.5, 9.0, 8.5)


@dataclass
class _Row:
    cells: list  # (slot, values), STAMP or None (an empty place), in reading order
    widths: list[float]
    names: dict[int, list]  # cell index -> the signer's name, laid out
    box: float  # the signing space
    stamp: str = ""  # the stamp box's caption

    @property
    def height(self) -> float:
        extra = max((sum(ln.size * 1.45 for ln in lines[1:]) for lines in self.names.values()),
                    default=0.0)
        return 4 + 12 + 4 + self.box + 2 + 14 + extra + 10.5 * 1.6

    @property
    def ink(self) -> float:
        """The height down to the last name's descent (the rest is space after the row)."""
        return self.height - 10.5 * 1.2


def signatures(c: Composer, t: Template, block: Block, values, content, profile, doc) -> None:
    """Signature boxes side by side, up to three a row; a slot with ``repeat = true`` stands
    once for each committee member (``{member_name}``, ``{member_number}``,
    ``{member_gender:…|…}``)."""
    for row in _rows(c, t, block, values, content, profile):
        _draw_row(c, t, block, row, doc)


def first_row_height(c: Composer, t: Template, block: Block, values, content, profile) -> float:
    """The height of the block's first row (what precedes the block stays on its page)."""
    rows = _rows(c, t, block, values, content, profile)
    return rows[0].ink if rows else 0.0


def _rows(c: Composer, t: Template, block: Block, values, content, profile) -> list[_Row]:
    slots: list = []
    for slot in block.data["slots"]:
        if not slot.get("repeat"):
            slots.append((slot, values))
            continue
        f = Formatter(profile, content["lang"])
        for n, name in enumerate(member_names(content), start=1):
            member = {**values, "member_name": isolate(name), "member_number": f.num(n),
                      "member_gender": member_gender(content, name)}
            slots.append((slot, member))
    stamp = fill(t, block, block.data["stamp"], values) if block.data.get("stamp") else ""
    count = -(-len(slots) // PER_ROW)  # at most three a row, rows as even as they can be
    per_row = -(-len(slots) // count) if count else PER_ROW
    grid = count > 1
    out: list[_Row] = []
    for start in range(0, len(slots), per_row):
        cells: list = list(slots[start : start + per_row])
        last = start + per_row >= len(slots)
        columns = per_row if grid else max(2, len(cells))
        if len(cells) == 1 and not grid:  # a lone signature on the closing side
            cells = [None, *cells]
        if stamp and last:
            if len(cells) < PER_ROW:  # the stamp just before the closing signature
                cells = [*cells[:-1], STAMP, cells[-1]] if cells[0] is None else [*cells, STAMP]
                columns = len(cells)
            else:  # a full row: the stamp on a row of its own, on the closing side
                out.append(_layout(c, t, block, cells, columns))
                cells, columns = [None, None, STAMP], PER_ROW
        out.append(_layout(c, t, block, cells, columns, stamp))
    return out


def _layout(c: Composer, t: Template, block: Block, cells: list, columns: int, stamp="") -> _Row:
    stamp_w = STAMP_CELL if STAMP in cells else 0.0
    width = (c.content_width - stamp_w) / (columns - (1 if stamp_w else 0))
    widths = [stamp_w if cell == STAMP else width for cell in cells]
    names = {
        i: _name_lines(c, fill(t, block, cell[0]["name"], cell[1]), widths[i] - 28)
        for i, cell in enumerate(cells)
        if cell is not None and cell != STAMP
    }
    return _Row(cells, widths, names, float(block.data.get("space", SIGNATURE_BOX)), stamp)


def _name_lines(c: Composer, name: str, width: float) -> list:
    """The signer's name on one line, a little smaller if it must, else wrapped."""
    for size in NAME_SIZES:
        lines = c.lines(name, width, size)
        if len(lines) == 1:
            return lines
    return lines


def _draw_row(c: Composer, t: Template, block: Block, row: _Row, doc) -> None:
    c.need(row.ink)
    top = c.y - 4
    box = row.box
    x = c.right if c.rtl else c.left
    for i, cell in enumerate(row.cells):
        x0 = x - row.widths[i] if c.rtl else x
        x = x0 if c.rtl else x0 + row.widths[i]
        if cell is None:
            continue
        y = top - 12
        if cell == STAMP:
            _stamp_box(c, row.stamp, x0 + 10, row.widths[i] - 20, y, box)
            continue
        slot, values = cell
        inner_x, inner_w = x0 + 14, row.widths[i] - 28
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
        c.draw_lines(row.names[i], inner_x, inner_w, line_y - 14, "center", leading=1.45)
    c.y -= row.height


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
