"""The command line writes a date as the window does: Hijri first, Gregorian beside it in
brackets (``format_both``, which ``ui.common.fmt.date_both`` shows), in both languages.  Trial 9
found the listings Gregorian first («1985-03-02 (11/06/1405 هـ)») or Gregorian alone."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from ajfar_desk.domain.dates import format_both
from test_cli import run


@pytest.fixture(scope="module")
def baraa(tmp_path_factory):
    """A demo store with Western digits: the dates read as ``format_both`` writes them."""
    data = tmp_path_factory.mktemp("baraa")
    made = run(data, "demo", "--association", "baraa", "--applicants", "8", "--seed", "5")
    assert made.returncode == 0, made.stderr
    return data


def _json(data, *command):
    out = run(data, *command, "--json")
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


def _day(value: str) -> dt.date:
    return dt.date.fromisoformat(value[:10])


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_listings_write_hijri_first_as_the_window(baraa, lang):
    requests = [r for r in _json(baraa, "requests", "list") if r["answer_due"]]
    assert requests
    listed = run(baraa, "requests", "list", lang=lang).stdout
    for r in requests:
        assert format_both(_day(r["answer_due"]), lang) in listed, (r, listed)

    person = requests[0]["national_id"]
    (found,) = _json(baraa, "applicants", "search", person)
    line = run(baraa, "applicants", "search", person, lang=lang).stdout
    birth = _day(found["birth_date"])
    assert format_both(birth, lang) in line, line
    assert birth.isoformat() not in line and birth.strftime("%d/%m/%Y") + " (" not in line

    complaints = _json(baraa, "complaints", "list", "--status", "all")
    listed = run(baraa, "complaints", "list", "--status", "all", lang=lang).stdout
    for c in complaints:
        assert format_both(_day(c["received_on"]), lang) in listed, listed

    enquiries = _json(baraa, "enquiries", "list")
    listed = run(baraa, "enquiries", "list", lang=lang).stdout
    for e in enquiries:
        assert format_both(_day(e["received_on"]), lang) in listed, listed


def test_the_audit_log_dates_hijri_first(baraa):
    entry = _json(baraa, "audit", "list", "--limit", "1")[0]
    local = dt.datetime.fromisoformat(entry["at"]).astimezone()
    line = run(baraa, "audit", "list", "--limit", "1", lang="ar").stdout
    assert line.startswith(f"{format_both(local.date(), 'ar')} {local:%H:%M:%S}"), line
