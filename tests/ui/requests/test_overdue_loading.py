"""The overdue page loads off the GUI thread: a loading state, the rows by signal, and the
result of an older load never replaces a newer one."""

from __future__ import annotations

import datetime as dt
import threading

from ajfar_desk.i18n import _
from ajfar_desk.services.requests import lookup
from ajfar_desk.ui.requests import overdue_view
from ajfar_desk.ui.requests.overdue_view import OverdueView
from printing.scenario import submitted_request

LATE = dt.date.today() - dt.timedelta(days=40)


def test_the_list_is_loaded_on_a_worker_thread(qtbot, app, ctx, monkeypatch):
    _a, request = submitted_request(ctx, on=LATE)
    threads = []
    real = lookup.overdue

    def overdue(*args, **kwargs):
        threads.append(threading.current_thread())
        return real(*args, **kwargs)

    monkeypatch.setattr(overdue_view.lookup, "overdue", overdue)
    view = OverdueView(ctx)
    qtbot.addWidget(view)
    assert view.loading
    assert view.status.text() == _("Loading the overdue requests…")
    qtbot.waitUntil(lambda: not view.loading)
    assert [r.reference for r in view.model.rows] == [request.reference]
    assert threads and threading.main_thread() not in threads
    assert view.status.text().startswith("⚠")
    assert view.table.selectionModel().selectedRows()[0].row() == 0


def test_an_older_load_never_replaces_a_newer_one(qtbot, app, ctx, monkeypatch):
    submitted_request(ctx, on=LATE)
    submitted_request(ctx, on=LATE + dt.timedelta(days=3), nid_body="07654321", first="سعد")
    first, second = lookup.overdue(ctx)
    gate = threading.Event()
    calls = []

    def overdue(*_args, **_kwargs):
        calls.append(len(calls))
        if len(calls) == 1:  # the first load is slow: it ends after the second
            assert gate.wait(10)
            return [first]
        return [second]

    monkeypatch.setattr(overdue_view.lookup, "overdue", overdue)
    view = OverdueView(ctx)
    qtbot.addWidget(view)
    qtbot.waitUntil(lambda: len(calls) == 1)
    view.reload()  # e.g. Refresh pressed while the first load still runs
    qtbot.waitUntil(lambda: view.model.rows == [second])
    assert not view.loading
    gate.set()
    qtbot.waitUntil(lambda: not view.jobs)  # the first load's late result came back too
    assert view.model.rows == [second]  # the first load's late result was dropped
    assert view.status.text().startswith("⚠")


def test_a_failed_load_is_said_in_the_page(qtbot, app, ctx, monkeypatch):
    from ajfar_desk.domain.errors import ValidationError

    def overdue(*_args, **_kwargs):
        raise ValidationError("store", "The store cannot be read")

    monkeypatch.setattr(overdue_view.lookup, "overdue", overdue)
    view = OverdueView(ctx)
    qtbot.addWidget(view)
    qtbot.waitUntil(lambda: not view.loading)
    assert view.status.text() == "The store cannot be read"
