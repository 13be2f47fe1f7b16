"""The monthly report: its figures, the workbook and the dashboard."""
