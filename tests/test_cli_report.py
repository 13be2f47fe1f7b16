"""``report monthly``, ``survey form`` and ``complaints`` end to end through ``python -m ajfar_desk``,
for each of the five associations."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess

import openpyxl
import pytest

from ajfar_desk.domain.report import YearMonth
from test_cli import one_line_error, run

PROFILES = ("ajfar", "baraa", "alhuda", "aman", "najran")
THIS_MONTH = str(YearMonth.of(dt.date.today()))


def pdf_text(path) -> str:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout


@pytest.fixture(scope="module")
def demo_store(tmp_path_factory):
    """A demo store per association (its requests made over the last weeks, up to yesterday)."""
    stores = {}
    for ident in PROFILES:
        data = tmp_path_factory.mktemp(ident)
        result = run(data, "demo", "--applicants", "12", "--association", ident,
                     env={"AJFAR_ADMIN_PASSWORD": "s3cret-pass"})
        assert result.returncode == 0, result.stderr
        stores[ident] = data
    return stores


@pytest.mark.parametrize("ident", PROFILES)
def test_monthly_report_for_each_association(demo_store, tmp_path, ident):
    out, xlsx = tmp_path / "report.pdf", tmp_path / "report.xlsx"
    result = run(demo_store[ident], "report", "monthly", "--month", THIS_MONTH, "--out", str(out),
                 "--xlsx", str(xlsx), "--json", lang="ar")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)  # the JSON alone on stdout (trial 13: a line came first)
    assert "report.pdf" in result.stderr and "report.xlsx" in result.stderr  # what was written
    assert data["month"] == THIS_MONTH and data["association"] == ident
    new = data["figures"]["new_applicants"]
    assert new["current"] + new["previous"] <= 12 and new["previous"] > 0  # made over weeks
    assert data["figures"]["requests_received"]["current"] > 0
    surveys = data["figures"]["survey_responses"]  # taken over the last ten days: early in a
    assert surveys["current"] + surveys["previous"] >= 3  # month, some of them in the last one
    assert data["in_progress"] is True and data["cutoff"]  # this month: figures to date
    assert data["figures"]["overdue_at_end"]["title"] == "الطلبات المتأخرة حتى تاريخه"
    assert out.read_bytes().startswith(b"%PDF")
    text = pdf_text(out)
    assert "التقرير الشهري" in text and "الطلبات الواردة" in text
    book = openpyxl.load_workbook(xlsx)
    assert book.worksheets[0].sheet_view.rightToLeft


def test_english_report_for_one_branch(demo_store, tmp_path):
    out = tmp_path / "report-en.pdf"
    result = run(demo_store["baraa"], "report", "monthly", "--month", THIS_MONTH, "--branch", "HQ",
                 "--out", str(out), lang="en")
    assert result.returncode == 0, result.stderr
    text = pdf_text(out)
    assert "Monthly report" in text and "Requests received" in text


def test_default_month_is_last_month(demo_store):
    result = run(demo_store["ajfar"], "report", "monthly", "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["month"] == str(YearMonth.of(dt.date.today()).previous())
    # the demo's applicants came over the last weeks: some of them last month
    assert data["figures"]["new_applicants"]["current"] > 0
    assert data["figures"]["requests_submitted"]["current"] > 0
    assert data["in_progress"] is False and data["cutoff"] is None


@pytest.mark.parametrize(("args", "word"), [
    (("--month", "2026-13", "--json"), "year-month"),
    (("--month", THIS_MONTH, "--branch", "XX", "--json"), "XX"),
    (("--month", THIS_MONTH), "--out"),
])
def test_bad_report_arguments_are_one_clear_line(demo_store, args, word):
    result = run(demo_store["ajfar"], "report", "monthly", *args)
    assert result.returncode == 2
    assert word in one_line_error(result)


def test_blank_survey_form_and_complaints(demo_store, tmp_path):
    form = tmp_path / "survey.pdf"
    result = run(demo_store["alhuda"], "survey", "form", "--out", str(form), lang="ar")
    assert result.returncode == 0, result.stderr
    assert "حسن الاستقبال والتعامل" in pdf_text(form)
    listed = run(demo_store["alhuda"], "complaints", "list", "--status", "all", "--json")
    assert listed.returncode == 0, listed.stderr
    rows = json.loads(listed.stdout)
    assert rows and all(r["number"].startswith("HDA-C-") or "-C-" in r["number"] for r in rows)
    escalated = run(demo_store["alhuda"], "complaints", "escalate")
    assert escalated.returncode == 0 and "0" in escalated.stdout  # the demo escalated already


def test_the_written_line_names_the_month(demo_store, tmp_path):
    """Trial: «كُتب التقرير الشهري لشهر ٢٠٢٦-١٢ في …»: the month by its name, as on the paper."""
    result = run(demo_store["najran"], "report", "monthly", "--month", "2026-10",
                 "--out", str(tmp_path / "r.pdf"), lang="ar")
    assert result.returncode == 0, result.stderr
    assert "أكتوبر ٢٠٢٦" in result.stdout and "٢٠٢٦-١٠" not in result.stdout
    english = run(demo_store["baraa"], "report", "monthly", "--month", "2026-10",
                  "--out", str(tmp_path / "e.pdf"), lang="en")
    assert "October 2026" in english.stdout
