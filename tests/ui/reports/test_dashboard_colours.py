"""The dashboard's change column colours good news green and bad news red, by what each figure
means, and leaves the rest uncoloured (trial 13: every rise was green and every fall red, so
more overdue requests read as good news and a shorter wait for a decision as bad)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from accounts import staff_accounts
from ajfar_desk.domain import report as rp
from ajfar_desk.ui.reports.dashboard import DashboardView

GOOD, BAD = QColor("#2e7d32"), QColor("#b23b3b")


@pytest.fixture
def manager(ctx):
    return staff_accounts(ctx, {"boss": ("manager", "منيرة المديرة")})("boss")


def colour_of(view: DashboardView, figure: rp.Figure) -> QColor | None:
    view.model.set_rows([figure])
    brush = view.model.data(view.model.index(0, 3), Qt.ItemDataRole.ForegroundRole)
    return None if brush is None else QColor(brush.color() if hasattr(brush, "color") else brush)


@pytest.mark.parametrize(("key", "kind", "now", "before", "expected"), [
    ("overdue_at_end", "count", 7, 6, BAD),  # more overdue: bad news
    ("overdue_at_end", "count", 5, 6, GOOD),
    ("median_days_to_decision", "days", Decimal("5.0"), Decimal("12.0"), GOOD),  # a shorter wait
    ("complaints_overdue_at_end", "count", 2, 1, BAD),
    ("messages_failed", "count", 3, 0, BAD),
    ("satisfaction_index", "percent", Decimal("80.2"), Decimal("84.0"), BAD),
    ("complaints_resolved", "count", 3, 1, GOOD),
    ("requests_received", "count", 68, 42, None),  # more requests: neither good nor bad
    ("rejected", "count", 3, 8, None),
    ("amount_delivered", "money", Decimal("100"), Decimal("50"), None),
    ("overdue_at_end", "count", 6, 6, None),  # no change, no colour
])
def test_the_change_is_coloured_by_what_the_figure_means(qtbot, app, manager, key, kind, now, before, expected):
    view = DashboardView(manager)
    qtbot.addWidget(view)
    assert colour_of(view, rp.Figure(key, kind, now, before)) == expected


def test_every_figure_has_a_direction():
    """A figure added later is decided on, not coloured by accident."""
    assert set(rp.BETTER) == set(rp.FIGURES)
    assert set(rp.BETTER.values()) <= {-1, 0, 1}
