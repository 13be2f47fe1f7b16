#!/usr/bin/env python3
"""Grab every screen of the desktop application, in Arabic and in English, as PNG files.

    QT_QPA_PLATFORM=offscreen PYTHONPATH=src .venv/bin/python tools/screenshots.py OUTDIR [--size 1366x768]

Builds a small demonstration store in a temporary folder; nothing on the machine is touched.
``--size WxH`` stands for a laptop screen of that size with a 40-pixel taskbar: the windows size
themselves to it as they would there (offscreen, the screen itself is made that size); without
it the main window is 1280×800.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path

TASKBAR = 40


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="Grab every screen as PNG files.")
    parser.add_argument("outdir")
    parser.add_argument("--size", help="a screen of WIDTHxHEIGHT pixels, e.g. 1366x768")
    args = parser.parse_args(argv)
    if args.size:
        width, _x, height = args.size.lower().partition("x")
        args.size = (int(width), int(height))
    return args


def offscreen_screen(size: tuple[int, int] | None) -> None:
    """Offscreen Qt has one 800×800 screen unless told otherwise (a JSON file)."""
    if os.environ.get("QT_QPA_PLATFORM", "offscreen") != "offscreen" or size is None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        return
    config = Path(tempfile.mkdtemp()) / "screen.json"
    config.write_text(json.dumps({"screens": [{"name": "desk", "x": 0, "y": 0, "width": size[0],
                                               "height": size[1], "logicalDpi": 96, "dpr": 1}]}))
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={config}"


ARGS = parse_args(sys.argv[1:]) if __name__ == "__main__" else None
offscreen_screen(ARGS.size if ARGS else None)

from PySide6.QtCore import QPointF, QRect  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from ajfar_desk.domain import requests as rules  # noqa: E402
from ajfar_desk.services.demo import demo  # noqa: E402
from ajfar_desk.services.papers import documents  # noqa: E402
from ajfar_desk.services.requests import requests  # noqa: E402
from ajfar_desk.services.store.store import Store  # noqa: E402
from ajfar_desk.services.users import setup  # noqa: E402
from ajfar_desk.ui.common import dialogs, screen  # noqa: E402
from ajfar_desk.ui.papers.verify_dialog import VerifyDialog  # noqa: E402
from ajfar_desk.ui.shell.app import build_main_window, setup_application  # noqa: E402
from ajfar_desk.ui.shell.first_run import FirstRunDialog  # noqa: E402
from ajfar_desk.ui.shell.language import apply_language  # noqa: E402
from ajfar_desk.ui.shell.sign_in import SignInDialog  # noqa: E402

SIZE = (1280, 800)


def settle(app: QApplication, rounds: int = 5) -> None:
    for _ in range(rounds):
        app.processEvents()


def grab(app: QApplication, widget: QWidget, path: Path, wait_ms: int = 0) -> None:
    widget.show()
    settle(app)
    if wait_ms:  # QPdfView draws its pages on a worker thread
        QTest.qWait(wait_ms)
    widget.grab().save(str(path))
    print(path, f"{widget.width()}×{widget.height()}")


def pick_request(ctx):
    """A draft whose checklist shows a missing or an expired document (the interesting case)."""
    drafts = requests.list_requests(ctx, status=rules.DRAFT)
    for r in drafts:
        lines = requests.get_request(ctx, r.id).checklist
        if any(line.state == rules.EXPIRED for line in lines) and any(line.state == rules.OK for line in lines):
            return r
    for r in drafts:
        if any(line.state != rules.OK for line in requests.get_request(ctx, r.id).checklist):
            return r
    return drafts[0] if drafts else None


def complete_request(ctx, skip):
    """A draft whose documents are all valid today (to show a successful submission)."""
    for r in requests.list_requests(ctx, status=rules.DRAFT):
        if r.id not in skip and all(line.state == rules.OK for line in requests.get_request(ctx, r.id).checklist):
            return r
    return None


def sign(pad) -> None:
    """A signature-like scribble, drawn through the pad's own stroke handling."""
    for stroke in (((40, 110), (70, 60), (95, 115), (120, 55), (150, 120)),
                   ((170, 90), (230, 70), (300, 95), (360, 60), (420, 100))):
        pad._begin(QPointF(*stroke[0]))
        for x, y in stroke[1:]:
            pad._extend(QPointF(x, y))
        pad._finish()


def papers_screens(app, window, shot) -> None:
    panel = window.page.papers
    panel.new_declaration()
    sign(panel.dialog.pad_box.pad)
    grab(app, panel.dialog, shot("10-declaration-dialog"))
    panel.dialog.submit()
    grab(app, panel.preview, shot("11-declaration-preview"), 1500)
    panel.preview.close()
    panel.new_referral()
    panel.dialog.note.setPlainText("زيارة منزلية في 1448/05/20: الأسرة في منزل مستأجر (إيجار 18,000 ريال).")
    grab(app, panel.dialog, shot("12-referral-dialog"))
    panel.dialog.submit()
    grab(app, panel.preview, shot("13-referral-preview"), 1500)
    panel.preview.close()
    grab(app, window, shot("14-request-papers"))
    doc = panel.papers[0]
    verify = VerifyDialog(window.ctx, window)
    verify.digest.setText(f"AJFAR-DOC:{doc.number}:{doc.sha256}")
    verify._maybe_qr(verify.digest.text())
    verify.verify()
    grab(app, verify, shot("15-verify-genuine"))
    verify.digest.setText(doc.sha256[::-1])
    verify.verify()
    grab(app, verify, shot("16-verify-altered"))
    verify.close()


def feedback_screens(app, window, ctx, shot) -> None:
    """The manager's dashboard (figures computed on a worker) and the complaints page."""
    dashboard = window.show_tool("dashboard")
    if dashboard is not None:
        dashboard.reload()
        while dashboard.job is not None:  # the figures come back from the worker by signal
            app.processEvents()
            QTest.qWait(5)
        grab(app, window, shot("17-dashboard"), 300)
    complaints_page = window.show_tool("complaints")
    if complaints_page is not None:
        grab(app, window, shot("18-complaints"), 300)
    for number, key in enumerate(("overdue", "inbox", "committee", "audit", "users", "sync"), 19):
        if window.may_show(key) and window.show_tool(key) is not None:
            grab(app, window, shot(f"{number}-{key}"), 100)


def main(outdir: str, size: tuple[int, int] | None = None) -> int:
    out = Path(outdir)
    out.mkdir(parents=True, exist_ok=True)
    app = setup_application("ar")
    if size is not None:  # the free area of that screen, its taskbar taken off
        area = QRect(0, 0, size[0], size[1] - TASKBAR)
        screen.screen_area = lambda _widget=None: QRect(area)
    dialogs.ask = lambda *_args: True  # no one is there to answer
    tmp = tempfile.TemporaryDirectory()
    store = Store.open(Path(tmp.name) / "demo")
    ctx = setup.init_store(store, "ajfar", None, "admin", "demo-password", "نورة العتيبي",
                           admin_gender="female")
    demo.fill_demo(ctx, applicants=60, seed=3)
    fresh = Store.open(Path(tmp.name) / "fresh")
    request = pick_request(ctx)

    window = build_main_window(ctx)
    window._offered_drafts = True
    if size is None:
        window.resize(*SIZE)
    print(f"main window {window.width()}×{window.height()}")
    for lang in ("ar", "en"):
        apply_language(lang, app)

        def shot(name: str, lang: str = lang) -> Path:
            return out / f"{lang}-{name}.png"

        first_run = FirstRunDialog(fresh)
        grab(app, first_run, shot("01-first-run"))
        first_run.close()
        sign_in = SignInDialog(setup.open_context(store))
        sign_in.username.setText("admin")
        sign_in.password.setText("x")
        sign_in.try_sign_in()
        grab(app, sign_in, shot("02-sign-in"))
        sign_in.close()

        window.retranslate()
        window.show_home()
        window.home.search_box.setText("محمد" if lang == "ar" else "10")
        window.home.run_search()
        grab(app, window, shot("03-home-search"))

        form = window.new_applicant("1234567891")
        f = form.fields.inputs
        for name, text in (("first_name", "سلمى"), ("father_name", "عبدالله"), ("family_name", "القحطاني"),
                           ("birth_date", "12/5/1412"), ("phone", "0551234"), ("monthly_income", "2,500")):
            f[name].setText(text)
        form.fields.update_preview()
        form.save()
        grab(app, window, shot("04-applicant-form-errors"))
        form.dirty = False

        if request is not None:
            window.open_applicant(request.applicant_id, ask=False)
            grab(app, window, shot("05-applicant-file"))
            window.open_request(request.id)
            grab(app, window, shot("06-request-checklist"))
            window.page.submit()
            grab(app, window, shot("07-request-submit-refused"))
        ready = complete_request(ctx, {request.id} if request else set())
        if ready is not None:
            declaration = documents.issue(ctx, ready.id, "declaration")
            documents.record_wet_signature(ctx, declaration.number)
            window.open_request(ready.id)
            window.page.submit()
            grab(app, window, shot("08-request-submitted"))
            papers_screens(app, window, shot)

        window.show_guides()
        grab(app, window, shot("09-guides"))
        feedback_screens(app, window, ctx, shot)
    window.close()
    store.close()
    fresh.close()
    tmp.cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(main(ARGS.outdir, ARGS.size))
