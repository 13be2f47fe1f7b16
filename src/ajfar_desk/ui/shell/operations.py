"""One runner for every user action that touches the store (modelled on Anki's CollectionOp).

    Operation(self, lambda: requests.submit(ctx, request_id)).success(self._show).run()
    Operation(dialog, lambda: sync_enrol.invite(...)).busy(ok_button).run_in_background()

- ``run()`` calls the service now (a quick action): it returns the result, or ``FAILED``.
- ``run_in_background()`` calls it on the thread pool (``worker.Job``) when it may take longer
  than a frame; the callbacks run on the GUI thread; a progress window appears only when the
  work lasts longer than ``PROGRESS_DELAY_MS``; the ``busy`` widgets are disabled meanwhile.
- A refusal (any ``AppError``: ``ValidationError``, ``PermissionDenied``, workflow errors, a
  refused bundle, a file that cannot be read, a paper that cannot be signed, …) is shown the
  same way everywhere: under each field when the caller gives its field boxes
  (``fields``), else handed to ``failure`` when given, else in an error box naming the action.
- Anything unexpected goes to ``dialogs.unexpected``; whatever happened, the busy widgets come
  back and the progress window closes: no dialog or window is left stuck.
- ``on(SomeError, handler)`` handles an exception that is a question rather than a refusal
  (an applicant already registered, a possible duplicate).
- The service's change events name ``initiator`` (``services.store.events.initiated_by``), so the
  view that started the action can skip refreshing itself (``MainWindow`` does so for pages).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from typing import Any

from PySide6.QtCore import QObject, Qt, QTimer, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget
from shiboken6 import isValid

from ...domain.errors import AppError
from ...i18n import N_
from ...services.store.events import initiated_by
from ..common import dialogs, screen
from ..common.widgets import FAILED, ErrorLabel, FieldBox, Text, show_errors, tr
from .worker import Job

log = logging.getLogger(__name__)

PROGRESS_DELAY_MS = 300  # shorter work shows no progress window at all
DEFAULT_TITLE = N_("Could not complete the action")

_running: set[Operation] = set()  # background operations kept alive until they end


class _Refused:
    """A refusal coming back from the worker thread as a result (the worker logs failures)."""

    def __init__(self, exc: AppError):
        self.exc = exc


class Operation(QObject):
    """A user action: the service call, what to do with its result and with a refusal."""

    def __init__(self, parent: QWidget | None, fn: Callable[..., Any], title: Text = DEFAULT_TITLE,
                 with_progress: bool = False):
        super().__init__()
        self.parent_widget = parent
        self.fn = fn
        self.title = title
        self.with_progress = with_progress  # fn(progress) reports (done, total) as worker.Job does
        self.result: Any = FAILED
        self.running = False
        self.progress_dialog: QProgressDialog | None = None
        self.job: Job | None = None
        self._success: Callable[[Any], Any] | None = None
        self._failure: Callable[[AppError], Any] | None = None
        self._handlers: list[tuple[type[BaseException], Callable[[Any], Any]]] = []
        self._boxes: Mapping[str, FieldBox] | None = None
        self._general: ErrorLabel | None = None
        self._grow = True
        self._busy: tuple[QWidget, ...] = ()
        self._label: Text = N_("Working…")
        self._timer: QTimer | None = None
        self._always: Callable[[], Any] | None = None
        self._progress: Callable[[int, int], Any] | None = None
        self._done_total = (0, 0)  # the last progress reported (the window may come later)

    # -- building -------------------------------------------------------------------------------
    def success(self, callback: Callable[[Any], Any] | None) -> Operation:
        """Called on the GUI thread with the service's result."""
        self._success = callback
        return self

    def failure(self, callback: Callable[[AppError], Any] | None) -> Operation:
        """Called with a refusal (after showing it by field when ``fields`` were given;
        instead of the error box otherwise)."""
        self._failure = callback
        return self

    def fields(self, boxes: Mapping[str, FieldBox], general: ErrorLabel, grow: bool = True) -> Operation:
        """Refusals under their fields (``general`` for the rest); errors cleared before the run."""
        self._boxes, self._general, self._grow = boxes, general, grow
        return self

    def on(self, kind: type[BaseException], handler: Callable[[Any], Any]) -> Operation:
        """``handler(exc)`` for an exception that is not a refusal but a question to the user."""
        self._handlers.append((kind, handler))
        return self

    def busy(self, *widgets: QWidget) -> Operation:
        """Widgets disabled while a background run lasts (e.g. the button that started it)."""
        self._busy = widgets
        return self

    def always(self, callback: Callable[[], Any] | None) -> Operation:
        """Called first when the work ends, whatever happened (e.g. hide the caller's busy state)."""
        self._always = callback
        return self

    def progress(self, callback: Callable[[int, int], Any] | None) -> Operation:
        """The caller shows the progress itself (``callback(done, total)``): no progress window."""
        self._progress = callback
        return self

    def label(self, text: Text) -> Operation:
        """What the progress window says when the work takes a while."""
        self._label = text
        return self

    # -- running --------------------------------------------------------------------------------
    def run(self, initiator: object | None = None) -> Any:
        """Call the service now, on the GUI thread: its result, or ``FAILED``."""
        self._clear()
        try:
            with initiated_by(initiator):
                result = self.fn(self._no_progress) if self.with_progress else self.fn()
        except Exception as exc:
            self._ended()
            self._failed(exc)
            return FAILED
        self._ended()
        self._succeeded(result)
        return result

    def run_in_background(self, initiator: object | None = None) -> Operation:
        """Call the service on the thread pool; the callbacks run on the GUI thread."""
        self._clear()
        fn, with_progress = self.fn, self.with_progress

        def work(progress):
            with initiated_by(initiator):
                try:
                    return fn(progress) if with_progress else fn()
                except AppError as exc:  # a refusal, not a failure: not logged as one
                    return _Refused(exc)

        self.job = Job(work)
        self.job.signals.finished.connect(self._job_finished, Qt.ConnectionType.QueuedConnection)
        self.job.signals.failed.connect(self._job_failed, Qt.ConnectionType.QueuedConnection)
        self.job.signals.progress.connect(self._job_progress, Qt.ConnectionType.QueuedConnection)
        self.running = True
        _running.add(self)
        for widget in self._busy:
            widget.setEnabled(False)
        if self._progress is None:
            self._timer = QTimer(self)
            self._timer.setSingleShot(True)
            self._timer.timeout.connect(self._show_progress)
            self._timer.start(PROGRESS_DELAY_MS)
        self.job.start()
        return self

    # -- inside ---------------------------------------------------------------------------------
    @staticmethod
    def _no_progress(*_values) -> None:
        return None

    def _clear(self) -> None:
        if self._boxes is not None:
            for box in self._boxes.values():
                box.set_error(None)
        if self._general is not None:
            self._general.clear_message()

    def _ended(self) -> None:
        if self._always is not None:
            self._always()

    def _succeeded(self, result: Any) -> None:
        self.result = result
        if self._success is not None:
            self._success(result)

    def _parent(self) -> QWidget | None:
        """The parent widget, unless it went away while the work ran (a closed window)."""
        parent = self.parent_widget
        return parent if parent is not None and isValid(parent) else None

    def _failed(self, exc: BaseException) -> None:
        parent = self._parent()
        for kind, handler in self._handlers:
            if isinstance(exc, kind):
                handler(exc)
                return
        if not isinstance(exc, AppError):
            dialogs.unexpected(parent, exc)
            return
        if self._boxes is not None and self._general is not None:  # set together by fields()
            show_errors(self._boxes, exc.errors, self._general)
            if self._grow and parent is not None:
                screen.fit_height(parent)
            if self._failure is not None:
                self._failure(exc)
        elif self._failure is not None:
            self._failure(exc)
        else:
            dialogs.error(parent, tr(self.title), exc.summary())

    def _show_progress(self) -> None:
        if not self.running:
            return
        parent = self._parent()
        parent = parent.window() if parent is not None else None
        box = QProgressDialog(tr(self._label), "", 0, 0, parent)
        box.setObjectName("operationProgress")
        box.setCancelButton(None)  # the work cannot be stopped half-way: it is one transaction
        box.setWindowModality(Qt.WindowModality.WindowModal)
        box.setMinimumDuration(0)
        box.setAutoClose(False)
        box.setAutoReset(False)
        box.setWindowTitle(tr(self._label))
        box.show()
        self.progress_dialog = box
        self._job_progress(*self._done_total)

    def _end(self) -> None:
        self.running = False
        if self._timer is not None:
            self._timer.stop()
        if self.progress_dialog is not None:
            self.progress_dialog.close()
            self.progress_dialog.deleteLater()
            self.progress_dialog = None
        for widget in self._busy:
            try:
                widget.setEnabled(True)
            except RuntimeError:  # the widget went away meanwhile
                pass
        _running.discard(self)
        self._ended()

    @Slot(object)
    def _job_finished(self, result: Any) -> None:
        self._end()
        if isinstance(result, _Refused):
            self._failed(result.exc)
            return
        try:
            self._succeeded(result)
        except Exception as exc:  # a bug in the callback: said, never a stuck window
            dialogs.unexpected(self._parent(), exc)

    @Slot(object, str)
    def _job_failed(self, exc: BaseException, _trace: str) -> None:
        self._end()
        self._failed(exc)

    @Slot(int, int)
    def _job_progress(self, done: int, total: int) -> None:
        self._done_total = (done, total)
        if self._progress is not None:
            self._progress(done, total)
        if self.progress_dialog is not None and total > 0:
            self.progress_dialog.setMaximum(total)
            self.progress_dialog.setValue(min(done, total))


def running() -> int:
    """How many background operations are under way (e.g. before closing the window)."""
    return len(_running)


def attempt(dialog: QWidget, boxes: dict[str, FieldBox], general: ErrorLabel, action: Callable,
            grow: bool = True):
    """Clear the last errors and run ``action`` (a service call): its result, or ``FAILED``
    after showing each refusal by its field (what was typed stays) or an unexpected error."""
    return Operation(dialog, action).fields(boxes, general, grow).run()
