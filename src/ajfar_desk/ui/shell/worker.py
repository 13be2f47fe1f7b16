"""Long work off the GUI thread: a QRunnable whose progress and result come back by signal."""

from __future__ import annotations

import logging
import traceback
from collections.abc import Callable

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

log = logging.getLogger(__name__)


class JobSignals(QObject):
    progress = Signal(int, int)  # done, total (total 0: unknown)
    finished = Signal(object)  # the function's result
    failed = Signal(object, str)  # the exception, its traceback


class Job(QRunnable):
    """Runs ``fn(*args, progress=callback, **kwargs)`` on the global thread pool."""

    def __init__(self, fn: Callable, *args, **kwargs):
        super().__init__()
        self.setAutoDelete(False)  # the caller keeps the job (and its signals) alive
        self.fn, self.args, self.kwargs = fn, args, kwargs
        self.signals = JobSignals()

    def _progress(self, *values) -> None:
        done, total = 0, 0
        nums = [v for v in values if isinstance(v, int | float)]
        if len(nums) >= 2:
            done, total = int(nums[0]), int(nums[1])
        elif len(nums) == 1:
            value = nums[0]
            done, total = (int(value * 1000), 1000) if isinstance(value, float) and value <= 1 else (int(value), 0)
        self.signals.progress.emit(done, total)

    def run(self) -> None:
        try:
            result = self.fn(*self.args, progress=self._progress, **self.kwargs)
        except Exception as exc:  # reported to the GUI thread, never lost
            log.exception("background job failed")
            self.signals.failed.emit(exc, traceback.format_exc())
        else:
            self.signals.finished.emit(result)

    def start(self) -> None:
        QThreadPool.globalInstance().start(self)
