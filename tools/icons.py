#!/usr/bin/env python3
"""Render the program's icon from its SVG source: PNG sizes and a Windows .ico.

    PYTHONPATH=src QT_QPA_PLATFORM=offscreen .venv/bin/python tools/icons.py

Reads ``resources/icons/ajfar-desk.svg`` and writes beside it ``ajfar-desk-{16..256}.png``
(rendered by Qt's SVG renderer, the same one the program uses) and ``ajfar-desk.ico``. The .ico
holds those PNG frames as they are (PNG entries, read by Windows Vista and later): no resampling
by another library, so each size is exactly the Qt rendering. Run it after editing the SVG and
commit its outputs.
"""

from __future__ import annotations

import os
import struct
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt  # noqa: E402
from PySide6.QtGui import QGuiApplication, QImage, QPainter  # noqa: E402
from PySide6.QtSvg import QSvgRenderer  # noqa: E402

ICONS = Path(__file__).resolve().parent.parent / "resources" / "icons"
SOURCE = ICONS / "ajfar-desk.svg"
SIZES = (16, 32, 48, 64, 128, 256)


def render_png(renderer: QSvgRenderer, size: int) -> bytes:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return bytes(data.data())


def ico_bytes(frames: dict[int, bytes]) -> bytes:
    """An ICO container (ICONDIR, one ICONDIRENTRY per frame, then the PNG data)."""
    header = struct.pack("<HHH", 0, 1, len(frames))
    offset = len(header) + 16 * len(frames)
    entries, blobs = b"", b""
    for size, png in sorted(frames.items()):
        side = 0 if size >= 256 else size  # 0 means 256 in the directory entry
        entries += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(png), offset)
        blobs += png
        offset += len(png)
    return header + entries + blobs


def main() -> int:
    QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    renderer = QSvgRenderer(str(SOURCE))
    if not renderer.isValid():
        print(f"{SOURCE}: not a valid SVG", file=sys.stderr)
        return 1
    frames = {size: render_png(renderer, size) for size in SIZES}
    for size, png in frames.items():
        (ICONS / f"ajfar-desk-{size}.png").write_bytes(png)
    (ICONS / "ajfar-desk.ico").write_bytes(ico_bytes(frames))
    print(f"{len(frames)} PNG sizes and ajfar-desk.ico written to {ICONS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
