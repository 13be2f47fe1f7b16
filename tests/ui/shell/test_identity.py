"""The program's identity in Qt: names (QSettings and platformdirs agree), version, the icon
drawn in the project (its SVG source, the PNG sizes and the .ico made from it by tools/icons.py)."""

from __future__ import annotations

import importlib.util
import logging
import struct
import time

from PySide6.QtCore import QSettings, QSize
from PySide6.QtGui import QImage
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QDialog

from ajfar_desk import identity
from ajfar_desk.paths import APP_NAME, resources_dir
from ajfar_desk.ui.shell.app_identity import FIRST_WINDOW, ICON_SIZES, FirstWindowLog

ICONS = resources_dir() / "icons"


def _icons_tool():
    path = resources_dir().parent / "tools" / "icons.py"
    spec = importlib.util.spec_from_file_location("icons_tool", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_application_has_its_names_version_and_icon(app):
    assert app.applicationName() == identity.APPLICATION_NAME
    assert app.organizationName() == identity.ORGANIZATION_NAME == APP_NAME
    assert app.organizationDomain() == identity.ORGANIZATION_DOMAIN
    assert app.desktopFileName() == identity.DESKTOP_FILE
    assert QSettings().organizationName() == identity.ORGANIZATION_NAME
    icon = app.windowIcon()
    assert not icon.isNull()
    assert {size.width() for size in icon.availableSizes()} == set(ICON_SIZES)
    image = icon.pixmap(QSize(16, 16)).toImage()
    assert image.pixelColor(8, 3).alpha() == 255  # the teal square, not a blank frame


def test_the_first_window_is_logged_and_brings_the_version(qtbot, app, caplog):
    app.setApplicationVersion("")
    FirstWindowLog(app, time.perf_counter())
    dialog = QDialog()
    qtbot.addWidget(dialog)
    with caplog.at_level(logging.INFO, logger="ajfar_desk.ui.shell.app_identity"):
        dialog.show()
        qtbot.waitExposed(dialog)
        later = QDialog()
        qtbot.addWidget(later)
        later.show()
    assert app.applicationVersion() == identity.version()
    lines = [r.getMessage() for r in caplog.records if r.name == "ajfar_desk.ui.shell.app_identity"]
    assert len(lines) == 2 and lines[0].startswith(f"{FIRST_WINDOW}: QDialog after ")
    assert lines[1] == f"{identity.APPLICATION_NAME} {identity.version()}"


def test_the_icon_files_are_the_svgs_rendering(app):
    renderer = QSvgRenderer(str(ICONS / "ajfar-desk.svg"))
    assert renderer.isValid()
    tool = _icons_tool()
    assert tuple(tool.SIZES) == ICON_SIZES
    frames = {}
    for size in ICON_SIZES:
        data = (ICONS / f"ajfar-desk-{size}.png").read_bytes()
        frames[size] = data
        stored = QImage.fromData(data)
        assert (stored.width(), stored.height()) == (size, size)
        fresh = QImage.fromData(tool.render_png(renderer, size))
        worst = _largest_difference(stored, fresh)
        assert worst <= RASTER_ROUNDING, f"run tools/icons.py: the {size}-pixel PNG is stale"
    ico = (ICONS / "ajfar-desk.ico").read_bytes()
    assert ico == tool.ico_bytes(frames)  # every size, as the PNGs are
    reserved, kind, count = struct.unpack_from("<HHH", ico)
    assert (reserved, kind, count) == (0, 1, len(ICON_SIZES))


# Qt's rasteriser rounds antialiased edges differently from one release to the next (6.12 moved
# 10 edge pixels of the 128-pixel frame by one unit of 255): a stale PNG differs by far more.
RASTER_ROUNDING = 2


def _largest_difference(a: QImage, b: QImage) -> int:
    """The largest difference of one channel (red, green, blue, alpha) between two images."""
    a, b = (i.convertToFormat(QImage.Format.Format_ARGB32) for i in (a, b))
    assert a.size() == b.size()
    pa, pb = bytes(a.constBits()), bytes(b.constBits())
    return max((abs(x - y) for x, y in zip(pa, pb, strict=True)), default=0)
