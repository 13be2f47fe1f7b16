"""``report annual`` through ``python -m ajfar_desk``: JSON and PDF, refusals on one line."""

from __future__ import annotations

import datetime as dt
import json

from ajfar_desk.domain.dates import gregorian_to_hijri
from test_cli import one_line_error, run
from test_cli_report import pdf_text


def test_annual_report_in_both_calendars(tmp_path):
    data = tmp_path / "data"
    made = run(data, "demo", "--applicants", "12", "--association", "aman",
               env={"AJFAR_ADMIN_PASSWORD": "s3cret-pass"})
    assert made.returncode == 0, made.stderr
    hijri = gregorian_to_hijri(dt.date.today())[0]
    out = tmp_path / "annual.pdf"
    got = run(data, "report", "annual", "--year", str(hijri), "--calendar", "hijri", "--out", str(out),
              "--json", lang="ar")
    assert got.returncode == 0, got.stderr
    body = json.loads(got.stdout)  # the JSON alone on stdout; the line saying so on stderr
    assert "annual.pdf" in got.stderr
    assert body["calendar"] == "hijri" and body["year"] == hijri and body["in_progress"] is True
    assert body["figures"]["new_applicants"]["current"] == 12
    assert body["figures"]["enquiries_received"]["current"] >= 8
    assert sum(m["requests_received"] for m in body["months"]) == body["figures"]["requests_received"]["current"]
    text = pdf_text(out)
    assert "التقرير السنوي لمجلس الإدارة" in text and "اعتمدها مجلس الإدارة" in text
    greg = run(data, "report", "annual", "--year", str(dt.date.today().year), "--calendar", "gregorian",
               "--json")
    assert greg.returncode == 0 and json.loads(greg.stdout)["first_day"].endswith("-01-01")


def test_refusals_are_one_line_exit_2(tmp_path):
    data = tmp_path / "data"
    assert run(data, "init", "--association", "ajfar", "--full-name", "سعاد",
               env={"AJFAR_ADMIN_PASSWORD": "s3cret-pass"}).returncode == 0
    for args, reason in (
        (("--year", "x1448", "--json"), "in digits"),
        (("--year", "1448"), "Say where to write"),
        (("--year", "3000", "--calendar", "hijri", "--json"), "Hijri year from"),
        (("--year", str(dt.date.today().year + 1), "--calendar", "gregorian", "--json"), "not begun"),
    ):
        result = run(data, "report", "annual", *args)
        assert result.returncode == 2, (args, result.stderr)
        assert reason in one_line_error(result)
