"""A form dialog whose work runs in the background as one transaction (an import, an
invitation written): the form is checked first, every mistake at once by field; while the work
runs, Enter does not start it again and Esc, Cancel or Close do nothing (it ends by itself)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..common.form_dialog import FormDialog
from ..common.widgets import FAILED, ErrorLabel, FieldBox
from .operations import Operation


class BackgroundDialog(FormDialog):
    boxes: dict[str, FieldBox]
    error: ErrorLabel
    operation: Operation | None = None  # the work, once started
    checked: Callable[[], Any]  # what the form says, or a refusal naming the fields
    start: Callable[[Any], None]  # starts the work (``self.operation``) on what ``checked`` read

    def working(self) -> bool:
        return self.operation is not None and self.operation.running

    def submit(self) -> None:
        if self.working():
            return
        checked = Operation(self, self.checked).fields(self.boxes, self.error, grow=False).run()
        if checked is not FAILED:
            self.start(checked)

    def reject(self) -> None:
        if not self.working():
            super().reject()
