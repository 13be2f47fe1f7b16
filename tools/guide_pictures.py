#!/usr/bin/env python3
"""Draw the pictures of the user guide «يوم في مكتب الاستقبال» (resources/guide/*.png).

    PYTHONPATH=src .venv/bin/python tools/guide_pictures.py

The screens are those of tools/screenshots.py (a demonstration store in a temporary folder,
nothing on the machine touched), drawn offscreen in Arabic on a 1366×768 laptop screen (its
40-pixel taskbar taken off), then made small for the guide: ``WIDTH`` pixels wide, 256 colours
(Pillow, which ReportLab already brings), each under ``MAX_BYTES``.  Run it after a screen
changes and commit the pictures.
"""

from __future__ import annotations

import io
import json
import os
import sys
import tempfile
from pathlib import Path

SCREEN = (1366, 768)
WIDTH = 900  # the guide dialog shows them at this width (guide_dialog.IMAGE_WIDTH)
MAX_BYTES = 150_000
ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "resources" / "guide"

_config = Path(tempfile.mkdtemp()) / "screen.json"
_config.write_text(json.dumps({"screens": [{"name": "desk", "x": 0, "y": 0, "width": SCREEN[0],
                                            "height": SCREEN[1], "logicalDpi": 96, "dpr": 1}]}))
os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={_config}"
sys.path.insert(0, str(ROOT / "tools"))

from PIL import Image  # noqa: E402
from PySide6.QtCore import QBuffer, QIODevice, QRect  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402
from screenshots import TASKBAR, complete_request, pick_request, settle, sign  # noqa: E402

from ajfar_desk.services.demo import demo  # noqa: E402
from ajfar_desk.services.store.store import Store  # noqa: E402
from ajfar_desk.services.users import setup  # noqa: E402
from ajfar_desk.ui.common import dialogs, screen  # noqa: E402
from ajfar_desk.ui.shell.app import build_main_window, setup_application  # noqa: E402


def small_png(widget, wait_ms: int = 0) -> bytes:
    """The widget as the guide shows it: scaled to ``WIDTH``, 256 colours, compressed."""
    widget.show()
    settle(QApplication.instance())
    if wait_ms:
        QTest.qWait(wait_ms)
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    widget.grab().toImage().save(buffer, "PNG")
    image = Image.open(io.BytesIO(bytes(buffer.data().data()))).convert("RGB")
    if image.width > WIDTH:
        image = image.resize((WIDTH, round(image.height * WIDTH / image.width)), Image.LANCZOS)
    out = io.BytesIO()
    image.quantize(colors=256, method=Image.Quantize.MEDIANCUT).save(out, "PNG", optimize=True)
    return out.getvalue()


def save(name: str, data: bytes) -> None:
    if len(data) > MAX_BYTES:
        raise SystemExit(f"{name}: {len(data):,} bytes, more than {MAX_BYTES:,}")
    (OUT / f"{name}.png").write_bytes(data)
    print(f"{name}.png {len(data):,} bytes")


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    for old in OUT.glob("*.png"):
        old.unlink()
    app = setup_application("ar")
    area = QRect(0, 0, SCREEN[0], SCREEN[1] - TASKBAR)
    screen.screen_area = lambda _widget=None: QRect(area)
    dialogs.ask = lambda *_args, **_kwargs: True  # no one is there to answer
    with tempfile.TemporaryDirectory() as tmp:
        store = Store.open(Path(tmp) / "demo")
        ctx = setup.init_store(store, "ajfar", None, "admin", "demo-password", "نورة العتيبي",
                               admin_gender="female")
        demo.fill_demo(ctx, applicants=60, seed=3)
        request = pick_request(ctx)
        window = build_main_window(ctx)
        window._offered_drafts = True
        window.show_home()
        window.home.search_box.setText("محمد")
        window.home.run_search()
        save("01-search", small_png(window))

        form = window.new_applicant("1234567891")
        fields = form.fields.inputs
        for name, text in (("first_name", "سلمى"), ("father_name", "عبدالله"),
                           ("family_name", "القحطاني"), ("birth_date", "12/5/1412"),
                           ("phone", "0551234"), ("monthly_income", "2,500")):
            fields[name].setText(text)
        form.fields.update_preview()
        form.save()  # the missing and wrong fields are named in red
        save("02-register", small_png(window))
        form.dirty = False

        window.open_applicant(request.applicant_id, ask=False)
        save("03-file", small_png(window))
        window.open_request(request.id)
        save("04-papers", small_png(window))

        ready = complete_request(ctx, {request.id})
        window.open_request(ready.id)
        panel = window.page.papers
        panel.new_declaration()
        sign(panel.dialog.pad_box.pad)
        save("05-declaration", small_png(panel.dialog))
        panel.dialog.submit()
        panel.preview.close()
        window.page.submit()
        save("06-submitted", small_png(window))
        panel = window.page.papers
        panel.new_receipt()
        panel.dialog.submit()
        save("07-receipt", small_png(panel.preview, 1500))
        panel.preview.close()
        window.close()
        store.close()
    app.processEvents()
    return 0


if __name__ == "__main__":
    sys.exit(main())
