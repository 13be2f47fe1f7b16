"""The dashboard chart's category labels: four programs that share their first words stay told apart
in a narrow chart (seen at 1366×768: «البرامج المجتمعية» four times), and the full name is a tooltip."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QFontMetrics, QHelpEvent
from PySide6.QtWidgets import QApplication, QToolTip

from ajfar_desk.ui.reports.charts import BarChart, Series, label_lines

PROGRAMS = ["البرامج المجتمعية للأسر", "البرامج المجتمعية للأيتام", "البرامج المجتمعية لذوي الإعاقة",
            "البرامج المجتمعية للفئات المتضررة من الأزمات والكوارث"]


def test_shared_leading_words_give_way_so_the_labels_differ(app):
    fm = QFontMetrics(QApplication.font())
    width = fm.horizontalAdvance("البرامج المجتمعية") - 10  # narrower than the words they share
    shown = label_lines(PROGRAMS, fm, width)
    texts = ["\n".join(lines) for lines in shown]
    assert len(set(texts)) == 4, texts
    for lines in shown:
        assert len(lines) <= 2 and all(fm.horizontalAdvance(t) <= width for t in lines), lines
    assert "للأسر" in texts[0] and "للأيتام" in texts[1] and "الإعاقة" in texts[2]
    assert texts[3].startswith("للفئات") and texts[3].endswith("كوارث")  # elided in the middle: both ends kept


def test_labels_that_fit_are_shown_whole(app):
    fm = QFontMetrics(QApplication.font())
    shown = label_lines(["التدريب", "التطوع"], fm, 400)
    assert shown == [["التدريب"], ["التطوع"]]


def test_the_full_name_is_the_tooltip_of_its_column(qtbot, app):
    chart = BarChart()
    chart.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
    qtbot.addWidget(chart)
    chart.resize(360, 240)
    chart.set_data("الطلبات حسب البرنامج", PROGRAMS, [Series("الطلبات", [3, 1, 2, 5])], str)
    chart.show()
    qtbot.waitExposed(chart)
    chart.grab()  # painted: the columns are known
    # right to left: the first program is the rightmost column
    pos = QPoint(chart.width() - 30, chart.height() - 20)
    QApplication.sendEvent(chart, QHelpEvent(QHelpEvent.Type.ToolTip, pos, chart.mapToGlobal(pos)))
    qtbot.waitUntil(lambda: QToolTip.isVisible(), timeout=2000)
    assert QToolTip.text() == PROGRAMS[0]


def test_a_third_line_before_a_name_is_cut(app):
    """Trial 10: Aman's six programs at 1366×768 read «التدريب...تأهيلية», «المجتـ...لأيتام»."""
    from ajfar_desk.ui.reports.charts import label_rows

    fm = QFontMetrics(QApplication.font())
    names = ["البرامج التدريبية والتأهيلية", "البرامج المجتمعية للأسر", "البرامج المجتمعية للأيتام",
             "الفعاليات والمؤتمرات واللقاءات"]
    width = max(fm.horizontalAdvance(word) for name in names for word in name.split()) + 4
    rows, shown = label_rows(names, fm, width)
    assert rows == 3 and ["\n".join(lines) for lines in shown] == [name.replace(" ", "\n") for name in names]
    assert label_rows(["التدريب", "التطوع"], fm, 400) == (2, [["التدريب"], ["التطوع"]])
