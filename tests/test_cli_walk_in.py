"""``applicants add --id-type none``: a walk-in is given no city, marital status or category that
they did not give (the association's city and first category are defaults for documented people
only); what a walk-in gives is checked as for anyone."""

from __future__ import annotations

import json

from test_cli import one_line_error, run

ENV = {"AJFAR_ADMIN_PASSWORD": "s3cret-pass"}


def test_a_walk_in_is_registered_with_nothing_made_up(tmp_path):
    data = tmp_path / "store"
    assert run(data, "init", "--association", "ajfar", "--full-name", "سعاد الحربي", env=ENV).returncode == 0
    added = run(data, "applicants", "add", "--id-type", "none", "--name", "سالم الحربي",
                "--birth-date", "1985-01-01", "--gender", "male", "--json")
    assert added.returncode == 0, added.stderr
    view = json.loads(added.stdout)
    assert (view["id_type"], view["city"], view["category"]) == ("none", "", "")
    given = run(data, "applicants", "add", "--id-type", "none", "--name", "فهد العتيبي",
                "--birth-date", "1985-01-01", "--gender", "male", "--city", "رابغ",
                "--category", "elderly", "--json")
    assert given.returncode == 0, given.stderr
    assert (json.loads(given.stdout)["city"], json.loads(given.stdout)["category"]) == ("رابغ", "elderly")
    wrong = run(data, "applicants", "add", "--id-type", "none", "--name", "فهد العتيبي",
                "--birth-date", "1985-01-01", "--gender", "male", "--category", "tourists")
    assert wrong.returncode == 2 and "--category" in one_line_error(wrong)
    # a Saudi national ID: the association's city and first category, as before
    saudi = run(data, "applicants", "add", "--id-type", "national_id", "--id", "1000000008",
                "--name", "سعد بن فهد عبدالله العتيبي", "--birth-date", "1990-01-01",
                "--gender", "male", "--phone", "0501234567", "--json")
    assert saudi.returncode == 0, saudi.stderr
    assert json.loads(saudi.stdout)["city"] and json.loads(saudi.stdout)["category"] == "family"
