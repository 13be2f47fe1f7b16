"""``applicants add`` without --city where the association's profile names no city (Aman's policy
names none): at a terminal the city is asked, as the window's form waits for it; a script is
refused with --city named and told why, nothing stored; a walk-in needs none, as at the form."""

from __future__ import annotations

import io
import json

import pytest

from ajfar_desk.cli import main as cli
from test_cli import one_line_error, run

ENV = {"AJFAR_ADMIN_PASSWORD": "s3cret-pass"}
PERSON = ("applicants", "add", "--id-type", "national_id", "--id", "1000000008",
          "--name", "سعد بن فهد عبدالله العتيبي", "--birth-date", "1990-01-01",
          "--gender", "male", "--phone", "0501234567", "--json")


@pytest.fixture
def aman(tmp_path):
    data = tmp_path / "aman"
    made = run(data, "init", "--association", "aman", "--full-name", "سعاد الحربي", env=ENV)
    assert made.returncode == 0, made.stderr
    return data


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_at_a_terminal_the_city_is_asked_and_kept(aman, monkeypatch, capsys):
    monkeypatch.setattr("sys.stdin", _Terminal("الدمام\n"))
    monkeypatch.delenv("AJFAR_USER", raising=False)
    code = cli.main(["--data-dir", str(aman), "--lang", "en", *PERSON])
    out = capsys.readouterr()
    assert code == 0, out.err
    assert out.out.startswith("City")  # the question, then the answer
    view = json.loads(out.out[out.out.index("{"):])
    assert view["city"] == "الدمام"


def test_a_script_is_refused_naming_the_city_and_nothing_is_stored(aman):
    refused = run(aman, *PERSON)
    assert refused.returncode == 2
    line = one_line_error(refused)
    assert "--city" in line and "names no city" in line, line
    assert "1000000008" not in run(aman, "applicants", "search", "1000000008").stdout
    given = run(aman, *PERSON, "--city", "الخبر")
    assert given.returncode == 0, given.stderr
    assert json.loads(given.stdout)["city"] == "الخبر"


def test_a_walk_in_needs_no_city_where_the_profile_names_none(aman):
    added = run(aman, "applicants", "add", "--id-type", "none", "--name", "سالم الحربي",
                "--birth-date", "1985-01-01", "--gender", "male", "--json")
    assert added.returncode == 0, added.stderr
    assert json.loads(added.stdout)["city"] == ""
