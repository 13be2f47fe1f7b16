"""The registration form's hints are read whole at the real desk (1366×768 and 1280×720 with a
40-pixel taskbar), in Arabic and in English: the walk-in's number box, the birth date's in each
calendar mode, the phone's, the Latin name's example and the passport country's («…» cut them in a
trial: «بلا رقم: يمنحه البرنامج رق…», «يوم/شهر/سنة، مثل ١/٧/١…»)."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QLineEdit, QStyle, QStyleOptionFrame

from ..conftest import pick_code

AREAS = {"1366x768": (1366, 728), "1280x720": (1280, 680)}


def _room(line: QLineEdit) -> int:
    """The width a line edit gives its text (its frame and margins taken off)."""
    option = QStyleOptionFrame()
    line.initStyleOption(option)
    inner = line.style().subElementRect(QStyle.SubElement.SE_LineEditContents, option, line)
    margins = line.textMargins()
    return inner.width() - margins.left() - margins.right() - 4  # Qt's own horizontal margin


def _cut(line: QLineEdit) -> str:
    hint = line.placeholderText()
    need = line.fontMetrics().horizontalAdvance(hint)
    return f"{line.objectName()}: «{hint}» needs {need}, has {_room(line)}" if need > _room(line) else ""


@pytest.mark.parametrize("area", AREAS)
@pytest.mark.parametrize("lang", ["ar", "en"])
def test_the_hints_are_read_whole(qtbot, window, area, lang):
    if lang == "en":
        window.language_action.trigger()
    window.resize(*AREAS[area])
    form = window.new_applicant()
    f = form.fields
    cut = []
    for id_type in ("none", "passport"):
        pick_code(qtbot, f.id_type, id_type)
        for mode in ("auto", "hijri", "gregorian", "approx"):
            pick_code(qtbot, f.calendar, mode)
            qtbot.wait(1)  # the layout settles
            lines = [f.inputs[n] for n in ("national_id", "birth_date", "phone", "latin_name")]
            lines += [f.id_country] if f.id_country.isVisible() else []
            cut += [problem for line in lines if (problem := _cut(line))]
    pick_code(qtbot, f.combos["gender"], "female")
    cut += [_cut(f.inputs["latin_name"])]
    assert not sorted({c for c in cut if c})
    form.dirty = False
