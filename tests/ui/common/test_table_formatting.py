"""The results table formats each cell once, when the results arrive, never on paint; what it
shows is what the per-paint formatting showed."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from ajfar_desk.i18n import set_language
from ajfar_desk.ui.applicants import home as home_page
from ajfar_desk.ui.applicants.home import HomeView, request_cell
from ajfar_desk.ui.common import fmt
from ajfar_desk.ui.common.table_model import Column, RowsModel

from ..conftest import register, type_text

PHONES = ("0501234567", "0559876543", "0531112222")
BIRTHS = ("1/1/1990", "15/7/1985", "3/3/2001")


class CountingModel(RowsModel):
    """The home page's model, counting the table's calls to ``data()``."""

    calls = 0

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        CountingModel.calls += 1
        return super().data(index, role)


@pytest.fixture
def home(qtbot, app, ctx, monkeypatch):
    for seed, (phone, birth) in enumerate(zip(PHONES, BIRTHS, strict=True), start=1):
        register(ctx, seed, phone=phone, birth_date=birth, first_name="سعيد")
    monkeypatch.setattr(home_page, "RowsModel", CountingModel)
    view = HomeView(ctx)
    qtbot.addWidget(view)
    view.resize(1200, 600)
    view.show()
    qtbot.waitExposed(view)
    yield view
    set_language("ar")


def _search(qtbot, view: HomeView, text: str) -> None:
    view.search_box.clear()
    type_text(qtbot, view.search_box, text)
    qtbot.waitUntil(lambda: view._searched == text and len(view.model.rows) == 3)


def _old_texts(ctx, hit) -> list[str]:
    """The cells as the model formatted them on every paint before."""
    p = ctx.profile
    return [fmt.para(text) for text in (
        hit.full_name, fmt.ident(p, hit.national_id), fmt.phone(p, hit.phone),
        fmt.date_both(p, hit.birth_date), hit.city, request_cell(p, hit),
    )]


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_cells_read_as_the_per_paint_formatting_did(qtbot, home, ctx, app, lang):
    from ajfar_desk.ui.shell.language import apply_language

    apply_language(lang, app)
    home.retranslate()
    _search(qtbot, home, "سعيد")
    model = home.model
    for row, hit in enumerate(model.rows):
        shown = [model.data(model.index(row, c)) for c in range(model.columnCount())]
        tips = [model.data(model.index(row, c), Qt.ItemDataRole.ToolTipRole) for c in range(model.columnCount())]
        assert shown == _old_texts(ctx, hit) == tips
        assert fmt.phone(ctx.profile, hit.phone) in shown[2] and shown[2]
        assert "(" in shown[3]  # Hijri beside Gregorian


def test_a_language_switch_formats_the_rows_again(qtbot, home, ctx, app):
    from ajfar_desk.ui.shell.language import apply_language

    _search(qtbot, home, "سعيد")
    arabic = home.model.data(home.model.index(0, 3))
    apply_language("en", app)
    home.retranslate()
    english = home.model.data(home.model.index(0, 3))
    assert english != arabic
    assert english == _old_texts(ctx, home.model.rows[0])[3]


def test_painting_never_formats_a_phone_or_a_date_again(qtbot, home, ctx, monkeypatch):
    calls = {"phone": 0, "date_both": 0}

    def counting(name, real):
        def wrapper(*args, **kwargs):
            calls[name] += 1
            return real(*args, **kwargs)
        return wrapper

    monkeypatch.setattr(fmt, "phone", counting("phone", fmt.phone))
    monkeypatch.setattr(fmt, "date_both", counting("date_both", fmt.date_both))

    _search(qtbot, home, "سعيد")
    assert calls["phone"] == calls["date_both"] == 3  # once per row, as the results arrived
    calls.update(phone=0, date_both=0)
    CountingModel.calls = 0
    for _ in range(3):  # paints, as scrolling and hovering cause
        home.table.viewport().repaint()
        home.grab()
        QApplication.processEvents()
    assert CountingModel.calls > 3 * 6  # the table did ask for its cells, many times
    assert calls["phone"] == calls["date_both"] == 0


def test_rows_formatted_elsewhere_are_shown_as_they_are(qtbot, app):
    days = [dt.date(2024, 10, 13), dt.date(2025, 1, 1)]
    model = RowsModel([Column("Day", lambda d: d.isoformat())])
    formatted = model.format_rows(days)  # e.g. on a worker thread
    model.set_rows(formatted)
    assert model.rows == days and model.rowCount() == 2
    assert model.data(model.index(1, 0)) == fmt.para("2025-01-01")

    set_language("en")  # the language changed while they were formatted: formatted again
    try:
        model.set_rows(formatted)
        assert model.data(model.index(0, 0)) == fmt.para("2024-10-13") != formatted.texts[0][0]
    finally:
        set_language("ar")


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_columns_are_as_wide_as_qt_would_fit_them(qtbot, home, app, lang):
    from ajfar_desk.ui.shell.language import apply_language

    apply_language(lang, app)
    home.retranslate()
    table, header = home.table, home.table.horizontalHeader()
    for query in ("سعيد", "0559", ""):
        home.search_box.clear()
        type_text(qtbot, home.search_box, query)
        # (the box shows the digits in the profile's: «٠٥٥٩» in Arabic)
        qtbot.waitUntil(lambda: home._searched == home.search_box.text().strip() and not home.timer.isActive())
        for column in range(1, home.model.columnCount()):
            # what QHeaderView.ResizeToContents computes: the cells' and the header's size hints
            qt_width = max(table.sizeHintForColumn(column), header.sectionSizeHint(column))
            assert header.sectionSize(column) == qt_width, (query, column)
        if query == "سعيد":  # the measure is of the texts: a phone is wider than its header
            assert len(home.model.rows) == 3
            assert header.sectionSize(2) > header.sectionSizeHint(2)


def test_the_hour_never_wraps_away_from_its_word(ctx, app):
    """Trial 10 at 1280×720: «الساعة» ended one line and «16:40» began the next."""
    set_language("ar")
    text = fmt.timestamp(ctx.profile, dt.datetime(2026, 12, 7, 13, 40, tzinfo=dt.UTC))
    assert "الساعة\u00a0" in text and "الساعة " not in text
