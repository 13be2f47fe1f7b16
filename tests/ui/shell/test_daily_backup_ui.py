"""The window's daily backup: started after the main window is painted, on a worker thread,
while the GUI thread goes on handling events."""

from __future__ import annotations

import time

from PySide6.QtCore import QTimer

from ajfar_desk.services.store import backup as backups
from ajfar_desk.ui.shell import app as app_module


def test_the_days_backup_waits_then_runs_beside_the_event_loop(qtbot, app, ctx, monkeypatch):
    folder = ctx.store.data_dir / "backups"
    real = app_module._daily_backup
    timeline: list[tuple[str, float]] = []

    def slow_backup(store, progress=None):  # a big store's copy takes seconds
        timeline.append(("backup starts", time.monotonic()))
        time.sleep(0.6)
        made = real(store)
        timeline.append(("backup ends", time.monotonic()))
        return made

    monkeypatch.setattr(app_module, "_daily_backup", slow_backup)
    ticks: list[float] = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(time.monotonic()))
    timer.start(20)
    shown = time.monotonic()
    job = app_module.start_daily_backup(ctx.store, delay_ms=300)
    qtbot.wait(150)
    assert timeline == [] and backups.auto_backups(folder) == []  # not before the delay
    with qtbot.waitSignal(job.signals.finished, timeout=30_000) as done:
        pass
    timer.stop()
    assert done.args[0] is not None and backups.auto_backups(folder) == [done.args[0]]
    start, end = timeline[0][1], timeline[-1][1]
    assert start - shown >= 0.25  # (a coarse timer may fire 5 % early)
    during = [t for t in ticks if start <= t <= end]
    assert len(during) >= 10  # the GUI thread kept turning (0.6 s at 20 ms: about 30 ticks)
