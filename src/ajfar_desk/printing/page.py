"""A4 page composer for official papers: letterhead, flowing blocks, footer with QR and hash.

Direction-aware: in Arabic the start side is the right, tables run right to left (first column
on the right); in English everything is mirrored back. "Page x of y" is drawn once the page
count is known (each page's drawing is kept until the document is saved).
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from reportlab.graphics.barcode import qrencoder
from reportlab.lib.colors import Color, HexColor
from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from .fonts import BOLD, REGULAR, get_font
from .textlayout import Line, draw_line, layout_line, wrap

INK = HexColor("#1b1b1b")
ACCENT = HexColor("#17486b")
RULE = HexColor("#8fa3b5")
SHADE = HexColor("#e9f0f6")
STAMP = HexColor("#b3261e")
TABLE_LEADING = 1.45
LEADING = 1.6  # Amiri's marks reach far above and below: generous line spacing
Cells = Sequence[tuple[float, list[Line], bool]]  # a table row: (width, lines, shaded) per cell


class _DeferredCanvas(Canvas):
    """Keeps every page until ``save`` so the footer can say "page x of y"."""

    def __init__(self, *args, on_page: Callable[[Canvas, int, int], None], **kwargs):
        super().__init__(*args, **kwargs)
        self._pages: list[dict] = []
        self._on_page = on_page

    def showPage(self):  # noqa: N802 - ReportLab's name
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self):
        total = len(self._pages)
        for number, state in enumerate(self._pages, start=1):
            self.__dict__.update(state)
            self._on_page(self, number, total)
            super().showPage()
        super().save()


@dataclass
class Composer:
    rtl: bool
    margin: float = 48.0
    top: float = 36.0
    bottom: float = 92.0  # the footer (QR code, hash, page number) lives below this

    def __post_init__(self):
        get_font(REGULAR), get_font(BOLD)
        self.buffer = io.BytesIO()
        self.width, self.height = A4
        self.left, self.right = self.margin, self.width - self.margin
        self.content_width = self.right - self.left
        self.page_header: Callable[[Composer], None] = lambda c: None
        self.page_footer: Callable[[Canvas, int, int], None] = lambda c, n, t: None
        self.canvas = _DeferredCanvas(
            self.buffer,
            pagesize=A4,
            invariant=1,
            initialFontName=REGULAR,
            initialFontSize=11,
            on_page=lambda c, n, t: self.page_footer(c, n, t),
        )
        self.y = self.height - self.top
        self._started = False

    # -- pages -------------------------------------------------------------------------------
    def start(self) -> None:
        self._started = True
        self.y = self.height - self.top
        self.page_header(self)

    def new_page(self) -> None:
        self.canvas.showPage()
        self.start()

    def need(self, height: float) -> None:
        if self.y - height < self.bottom:
            self.new_page()

    def finish(self) -> bytes:
        self.canvas.showPage()
        self.canvas.save()
        return self.buffer.getvalue()

    # -- placing text ------------------------------------------------------------------------
    def x_for(self, line: Line, x0: float, width: float, align: str = "start") -> float:
        """Left edge of ``line`` in the box [x0, x0 + width] for start/end/center alignment."""
        if align == "center":
            return x0 + (width - line.width) / 2
        at_right = (align == "start") == self.rtl
        return x0 + width - line.width if at_right else x0

    def text(
        self,
        text: str,
        y: float,
        *,
        size: float = 11,
        bold: bool = False,
        align: str = "start",
        x0: float | None = None,
        width: float | None = None,
        color: Color = INK,
    ) -> Line:
        line = layout_line(text, size, BOLD if bold else REGULAR, self.rtl)
        x0 = self.left if x0 is None else x0
        width = self.content_width if width is None else width
        self.canvas.setFillColor(color)
        draw_line(self.canvas, line, self.x_for(line, x0, width, align), y)
        return line

    def lines(self, text: str, width: float, size: float = 11, bold: bool = False) -> list[Line]:
        return wrap(text, width, size, BOLD if bold else REGULAR, self.rtl)

    def draw_lines(
        self,
        lines: Sequence[Line],
        x0: float,
        width: float,
        y: float,
        align: str = "start",
        color: Color = INK,
        leading: float = LEADING,
    ) -> float:
        """Draw lines top-down from baseline ``y``; return the baseline after the last."""
        self.canvas.setFillColor(color)
        for line in lines:
            draw_line(self.canvas, line, self.x_for(line, x0, width, align), y)
            y -= line.size * leading
        return y

    # -- blocks ------------------------------------------------------------------------------
    def heading(self, text: str, size: float = 16) -> None:
        lines = self.lines(text, self.content_width, size, bold=True)
        self.need(len(lines) * size * LEADING + 8)
        self.y -= size * 1.3
        self.y = self.draw_lines(lines, self.left, self.content_width, self.y, "center", ACCENT)
        self.y -= 2

    def paragraph_height(self, text: str, size: float = 11.5, space_after: float = 4) -> float:
        return len(self.lines(text, self.content_width, size)) * size * LEADING + space_after

    def paragraph(self, text: str, size: float = 11.5, space_after: float = 4) -> None:
        lines = self.lines(text, self.content_width, size)
        for line in lines:
            self.need(size * LEADING)
            self.canvas.setFillColor(INK)
            self.y -= size * 1.25
            draw_line(self.canvas, line, self.x_for(line, self.left, self.content_width), self.y)
            self.y -= size * (LEADING - 1.25)
        self.y -= space_after

    def section_title(self, text: str, size: float = 12) -> None:
        band = size * 1.7
        self.need(band + 40)
        c = self.canvas
        c.setFillColor(ACCENT)
        bar_x = self.right - 4 if self.rtl else self.left
        c.rect(bar_x, self.y - band, 4, band, stroke=0, fill=1)
        self.text(
            text,
            self.y - band + size * 0.55,
            size=size,
            bold=True,
            color=ACCENT,
            x0=self.left + 10,
            width=self.content_width - 20,
        )
        self.y -= band + 2

    @staticmethod
    def row_height(cells: Sequence[tuple[float, list[Line], bool]], pad: float = 4.5) -> float:
        size = max((ln.size for _w, lines, _s in cells for ln in lines), default=10.5)
        count = max((len(lines) for _w, lines, _s in cells), default=1) or 1
        return count * size * TABLE_LEADING + 2 * pad - size * 0.3

    def table(self, header: Cells, rows: Sequence[Cells]) -> None:
        """A header row and its rows; a table longer than the page goes on over the next
        pages, each starting with the header again. The header never ends a page alone."""
        header_height = self.row_height(header)
        first = self.row_height(rows[0]) if rows else 0.0
        self.need(header_height + first)
        self.grid_row(header)
        for cells in rows:
            if self.y - self.row_height(cells) < self.bottom:
                self.new_page()
                self.y -= 6  # clear of the letterhead's number and date
                self.grid_row(header)
            self.grid_row(cells)

    def grid_row(
        self,
        cells: Sequence[tuple[float, list[Line], bool]],
        pad: float = 4.5,
        align: str = "start",
        min_height: float = 0.0,
    ) -> None:
        """One table row; ``cells`` in reading order (from the start side) as (width, lines,
        shaded). The row is as tall as its tallest cell (at least ``min_height``); it never
        splits across pages. ``align`` places the lines in each cell (start/end/center)."""
        size = max((ln.size for _w, lines, _s in cells for ln in lines), default=10.5)
        height = max(self.row_height(cells, pad), min_height)
        self.need(height)
        c = self.canvas
        x = self.right if self.rtl else self.left
        for width, lines, shaded in cells:
            x0 = x - width if self.rtl else x
            c.setStrokeColor(RULE)
            c.setLineWidth(0.6)
            c.setFillColor(SHADE)
            c.rect(x0, self.y - height, width, height, stroke=1, fill=1 if shaded else 0)
            self.draw_lines(
                lines,
                x0 + pad,
                width - 2 * pad,
                self.y - pad - size * 1.05,
                align,
                leading=TABLE_LEADING,
            )
            x = x0 if self.rtl else x0 + width
        self.y -= height

    def image(self, png: bytes, x0: float, y0: float, width: float, height: float) -> None:
        self.canvas.drawImage(
            ImageReader(io.BytesIO(png)),
            x0,
            y0,
            width,
            height,
            mask="auto",
            preserveAspectRatio=True,
            anchor="c",
        )

    def qr(self, payload: str, x0: float, y0: float, size: float) -> None:
        """A QR code drawn as plain rectangles (no Drawing: that would pull in Helvetica)."""
        code = qrencoder.QRCode(None, qrencoder.QRErrorCorrectLevel.M)
        code.addData(payload)
        code.make()
        count = code.getModuleCount()
        quiet = 2
        cell = size / (count + 2 * quiet)
        path = self.canvas.beginPath()
        for row in range(count):
            for col in range(count):
                if code.isDark(row, col):
                    x = x0 + (col + quiet) * cell
                    y = y0 + size - (row + quiet + 1) * cell
                    path.rect(x, y, cell + 0.01, cell + 0.01)
        self.canvas.setFillColor(INK)
        self.canvas.drawPath(path, stroke=0, fill=1)
