"""Home and End in a table of whole rows go to its first and last row (trial 13: right after
sign-in End «did nothing» in the researcher's inbox: Qt moved across the columns)."""

from __future__ import annotations

from PySide6.QtCore import Qt

from ajfar_desk.ui.common.table_model import Column, RowsModel, record_table, rows_table, select_row


def test_home_and_end_go_to_the_first_and_last_row(qtbot, app):
    for make in (rows_table, record_table):
        model = RowsModel([Column("a", lambda r: r[0]), Column("b", lambda r: r[1]), Column("c", lambda r: r[2])])
        model.set_rows([(str(i), "x", "y") for i in range(12)])
        table = make(model)
        qtbot.addWidget(table)
        table.show()
        qtbot.waitExposed(table)
        select_row(table, 4)
        qtbot.keyClick(table, Qt.Key.Key_End)
        assert table.currentIndex().row() == 11, make
        qtbot.keyClick(table, Qt.Key.Key_Home)
        assert table.currentIndex().row() == 0, make
        qtbot.keyClick(table, Qt.Key.Key_Down)
        assert table.currentIndex().row() == 1
        assert [i.row() for i in table.selectionModel().selectedRows()] == [1]
